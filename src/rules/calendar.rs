//! Time limits of party work (rules.md §3), calendar-correct with chrono.
//!
//! Month arithmetic clamps to the end of the month (a help period assigned on 29/02
//! ends on 28/02 of the next year), and working days skip Saturdays, Sundays and the
//! public holidays of a data file the user can extend: holidays are decided by the
//! government each year, so they never live in code.

use std::collections::BTreeSet;

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::format::date_inline;

/// Length of the help period and of the wait before a "continue help" case is
/// reviewed again, in months.
pub const HELP_PERIOD_MONTHS: u32 = 12;
/// Default number of days within which a transfer letter must be presented at the
/// receiving body (common practice; callers may configure another value).
pub const DEFAULT_TRANSFER_LETTER_DAYS: u32 = 30;
/// Months after which a transfer that was never submitted is flagged.
pub const TRANSFER_NOT_ARRIVED_MONTHS: u32 = 3;
/// Working days within which a new member's records must be completed.
pub const NEW_MEMBER_RECORDS_WORKING_DAYS: u32 = 30;

/// `d` plus `months` calendar months, clamped to the end of the target month:
/// 2024-02-29 + 12 → 2025-02-28, 2025-01-31 + 1 → 2025-02-28.
/// Saturates at the last representable date instead of panicking.
pub fn add_months(d: NaiveDate, months: u32) -> NaiveDate {
    d.checked_add_months(Months::new(months))
        .unwrap_or(NaiveDate::MAX)
}

/// End of the help period for a helper assigned on `assigned` (exactly 12 months
/// under hd02, the latest possible end under Hà Nội).
pub fn help_period_end(assigned: NaiveDate) -> NaiveDate {
    add_months(assigned, HELP_PERIOD_MONTHS)
}

/// When a member kept under help ("continue help", or removal not warranted in
/// step 4) is reviewed again.
pub fn review_again_on(decided: NaiveDate) -> NaiveDate {
    add_months(decided, HELP_PERIOD_MONTHS)
}

/// Last day on which a transfer letter issued on `issued` may be presented, `days`
/// calendar days later (see [`DEFAULT_TRANSFER_LETTER_DAYS`]).
pub fn transfer_letter_deadline(issued: NaiveDate, days: u32) -> NaiveDate {
    issued
        .checked_add_days(Days::new(u64::from(days)))
        .unwrap_or(NaiveDate::MAX)
}

/// Whether a transfer issued on `issued` and still not submitted on `today` must be
/// flagged (3 months or more without submission).
pub fn transfer_not_arrived(issued: NaiveDate, today: NaiveDate) -> bool {
    today >= add_months(issued, TRANSFER_NOT_ARRIVED_MONTHS)
}

/// Last day on which a member transferred by a notice issued on `issued` may
/// still submit the transfer dossier: the day before the 3-month mark,
/// `add_months(issued, 3) - 1 day`, so that [`transfer_not_arrived`] flags
/// exactly the days after it (seed 000 §1.3: "quá 03 tháng không nộp hồ sơ").
pub fn transfer_arrival_deadline(issued: NaiveDate) -> NaiveDate {
    add_months(issued, TRANSFER_NOT_ARRIVED_MONTHS)
        .pred_opt()
        .unwrap_or(NaiveDate::MIN)
}

/// Days a notice issued on `issued` is overdue on `today`:
/// `today - transfer_arrival_deadline(issued)` when [`transfer_not_arrived`]
/// (1 on the first day flagged), None while the 3 months are not over.
pub fn transfer_days_overdue(issued: NaiveDate, today: NaiveDate) -> Option<u32> {
    if !transfer_not_arrived(issued, today) {
        return None;
    }
    let days = (today - transfer_arrival_deadline(issued)).num_days();
    u32::try_from(days).ok()
}

/// Deadline for a new member's records: 30 working days after admission.
pub fn new_member_records_deadline(admitted: NaiveDate, holidays: &Holidays) -> NaiveDate {
    add_working_days(admitted, NEW_MEMBER_RECORDS_WORKING_DAYS, holidays)
}

/// Public holidays (days off on weekdays, including compensatory days off).
///
/// Why a set of dates only: names in the data file are for the people who maintain
/// it; the rules only ask whether a day is worked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Holidays(BTreeSet<NaiveDate>);

impl Holidays {
    /// Holidays from any list of dates.
    pub fn new(dates: impl IntoIterator<Item = NaiveDate>) -> Self {
        Holidays(dates.into_iter().collect())
    }

    /// Parses the holiday data file: a JSON array whose items are either
    /// `"YYYY-MM-DD"` strings or objects `{"date": "YYYY-MM-DD", "name": "…"}`
    /// (`name` optional). Errors are in Vietnamese and name the item (1-based).
    pub fn from_json(text: &str) -> Result<Self, String> {
        let value: Value = serde_json::from_str(text)
            .map_err(|e| format!("tệp ngày nghỉ lễ không phải JSON hợp lệ: {e}"))?;
        let Value::Array(items) = value else {
            return Err("tệp ngày nghỉ lễ phải là một mảng JSON".to_owned());
        };
        let mut dates = BTreeSet::new();
        for (index, item) in items.iter().enumerate() {
            dates.insert(parse_item(index + 1, item)?);
        }
        Ok(Holidays(dates))
    }

    /// Adds the holidays of `other` (e.g. a user's file on top of the shipped one).
    pub fn extend(&mut self, other: &Holidays) {
        self.0.extend(other.0.iter().copied());
    }

    /// Whether `d` is listed as a holiday.
    pub fn contains(&self, d: NaiveDate) -> bool {
        self.0.contains(&d)
    }

    /// The listed dates, in order.
    pub fn dates(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        self.0.iter().copied()
    }

    /// Number of listed dates.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether no date is listed.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Neither a Saturday, a Sunday nor a listed holiday.
    pub fn is_working_day(&self, d: NaiveDate) -> bool {
        !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) && !self.contains(d)
    }
}

fn parse_item(position: usize, item: &Value) -> Result<NaiveDate, String> {
    let text = match item {
        Value::String(s) => s.as_str(),
        Value::Object(fields) => {
            if let Some(key) = fields.keys().find(|k| *k != "date" && *k != "name") {
                return Err(format!(
                    "ngày nghỉ lễ thứ {position}: trường \"{key}\" không được hỗ trợ (chỉ có \"date\" và \"name\")"
                ));
            }
            if let Some(name) = fields.get("name")
                && !name.is_string()
            {
                return Err(format!(
                    "ngày nghỉ lễ thứ {position}: trường \"name\" phải là chuỗi"
                ));
            }
            match fields.get("date") {
                Some(Value::String(s)) => s.as_str(),
                _ => {
                    return Err(format!(
                        "ngày nghỉ lễ thứ {position}: thiếu trường \"date\" dạng chuỗi YYYY-MM-DD"
                    ));
                }
            }
        }
        _ => {
            return Err(format!(
                "ngày nghỉ lễ thứ {position}: phải là chuỗi \"YYYY-MM-DD\" hoặc đối tượng {{\"date\", \"name\"}}"
            ));
        }
    };
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| {
        format!("ngày nghỉ lễ thứ {position}: \"{text}\" không phải ngày hợp lệ dạng YYYY-MM-DD")
    })
}

/// The `n`-th working day after `d` (`d` itself is not counted; `n == 0` gives `d`).
/// Saturates at the last representable date.
pub fn add_working_days(d: NaiveDate, n: u32, h: &Holidays) -> NaiveDate {
    let mut day = d;
    let mut left = n;
    while left > 0 {
        match day.succ_opt() {
            Some(next) => day = next,
            None => return day,
        }
        if h.is_working_day(day) {
            left -= 1;
        }
    }
    day
}

/// How a member living away from their registered residence moves their party
/// activity, by length of residence [000, 1.8].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum TransferKind {
    /// Under 3 months: no transfer.
    NotNeeded,
    /// 3 to under 12 months: temporary transfer (chuyển sinh hoạt đảng tạm thời).
    Temporary,
    /// 12 months or more: official transfer (chuyển sinh hoạt đảng chính thức).
    Official,
}

/// Classifies a residence from `from` to `to`; reaching the same day of the month
/// 3 (or 12) months later counts as 3 (or 12) full months. `None` if `to` is before
/// `from`.
pub fn transfer_kind(from: NaiveDate, to: NaiveDate) -> Option<TransferKind> {
    if to < from {
        None
    } else if to < add_months(from, 3) {
        Some(TransferKind::NotNeeded)
    } else if to < add_months(from, 12) {
        Some(TransferKind::Temporary)
    } else {
        Some(TransferKind::Official)
    }
}

/// Whether a temporary transfer fits a residence from `from` to `to` (3 to under 12
/// months), with a Vietnamese explanation when it does not.
pub fn temporary_transfer_ok(from: NaiveDate, to: NaiveDate) -> Result<(), String> {
    let span = format!("từ ngày {} đến ngày {}", date_inline(from), date_inline(to));
    match transfer_kind(from, to) {
        Some(TransferKind::Temporary) => Ok(()),
        Some(TransferKind::NotNeeded) => Err(format!(
            "thời gian tạm trú dưới 3 tháng ({span}): không cần chuyển sinh hoạt đảng tạm thời"
        )),
        Some(TransferKind::Official) => Err(format!(
            "thời gian cư trú từ 12 tháng trở lên ({span}): phải chuyển sinh hoạt đảng chính thức"
        )),
        None => Err(format!("ngày kết thúc tạm trú trước ngày bắt đầu ({span})")),
    }
}

/// What months of absence from meetings (or of unpaid dues) in one year mean
/// [000, 2.2–2.3].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum AbsenceCategory {
    /// Under 3 months: criterion for the education-and-help list.
    HelpList,
    /// 3 months or more without good reason: immediate removal criterion.
    ImmediateRemoval,
}

/// Classifies `months` of absence or unpaid dues in one year; `None` for zero.
pub fn classify_absence(months: u32) -> Option<AbsenceCategory> {
    match months {
        0 => None,
        1 | 2 => Some(AbsenceCategory::HelpList),
        _ => Some(AbsenceCategory::ImmediateRemoval),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
    }

    #[test]
    fn add_months_clamps_to_month_end() {
        assert_eq!(add_months(date(2024, 2, 29), 12), date(2025, 2, 28));
        assert_eq!(add_months(date(2025, 1, 31), 1), date(2025, 2, 28));
        assert_eq!(add_months(date(2024, 1, 31), 1), date(2024, 2, 29));
        assert_eq!(add_months(date(2025, 3, 31), 1), date(2025, 4, 30));
        assert_eq!(add_months(date(2025, 11, 19), 12), date(2026, 11, 19));
        assert_eq!(add_months(date(2025, 12, 15), 1), date(2026, 1, 15));
        assert_eq!(add_months(date(2024, 2, 29), 48), date(2028, 2, 29));
        assert_eq!(add_months(date(2025, 5, 5), 0), date(2025, 5, 5));
        assert_eq!(add_months(NaiveDate::MAX, 1), NaiveDate::MAX);
        assert_eq!(help_period_end(date(2024, 2, 29)), date(2025, 2, 28));
        assert_eq!(review_again_on(date(2025, 6, 30)), date(2026, 6, 30));
    }

    fn holidays() -> Holidays {
        Holidays::from_json(
            r#"["2025-09-01", {"date": "2025-09-02", "name": "Quốc khánh"}, {"date": "2026-01-01"}]"#,
        )
        .expect("valid holidays")
    }

    #[test]
    fn working_days_skip_weekends_and_holidays() {
        let h = holidays();
        // Friday 2025-08-29 + 1 working day: skips Sat 30, Sun 31, holidays Mon 1 and
        // Tue 2 September.
        assert_eq!(add_working_days(date(2025, 8, 29), 1, &h), date(2025, 9, 3));
        // Across a weekend only.
        assert_eq!(
            add_working_days(date(2025, 8, 22), 1, &Holidays::default()),
            date(2025, 8, 25)
        );
        // Thursday + 2 across a weekend.
        assert_eq!(
            add_working_days(date(2025, 8, 21), 2, &Holidays::default()),
            date(2025, 8, 25)
        );
        // The start day itself is not counted, even when it is a working day.
        assert_eq!(
            add_working_days(date(2025, 8, 27), 1, &h),
            date(2025, 8, 28)
        );
        assert_eq!(
            add_working_days(date(2025, 8, 30), 0, &h),
            date(2025, 8, 30)
        );
        // Starting on a Saturday.
        assert_eq!(add_working_days(date(2025, 8, 30), 1, &h), date(2025, 9, 3));
        // 30 working days from Wed 2025-12-31 over New Year 2026: six weeks plus
        // one day for the holiday → 2026-02-12.
        assert_eq!(
            new_member_records_deadline(date(2025, 12, 31), &h),
            date(2026, 2, 12)
        );
        assert!(!h.is_working_day(date(2025, 9, 2)));
        assert!(!h.is_working_day(date(2025, 8, 31)));
        assert!(h.is_working_day(date(2025, 9, 3)));
        assert_eq!(add_working_days(NaiveDate::MAX, 5, &h), NaiveDate::MAX);
    }

    #[test]
    fn holiday_file_errors_are_clear() {
        assert_eq!(holidays().len(), 3);
        assert!(Holidays::from_json("[]").expect("empty list").is_empty());
        let err = |text: &str| Holidays::from_json(text).expect_err("invalid file");
        assert!(err("{").contains("JSON"));
        assert!(err(r#"{"date": "2025-01-01"}"#).contains("mảng"));
        assert!(err(r#"["2025-01-01", "2025-02-30"]"#).contains("thứ 2"));
        assert!(err(r#"["01/01/2025"]"#).contains("YYYY-MM-DD"));
        assert!(err(r#"[{"name": "Tết"}]"#).contains("\"date\""));
        assert!(err(r#"[{"date": "2025-01-01", "ten": "Tết"}]"#).contains("\"ten\""));
        assert!(err(r#"[{"date": "2025-01-01", "name": 5}]"#).contains("\"name\""));
        assert!(err("[20250101]").contains("thứ 1"));
    }

    #[test]
    fn shipped_holiday_file_parses() {
        // Read at run time, not with include_str!, so that copying this module into
        // another crate never breaks its build; the data file sits at the crate root.
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/holidays-vn.json");
        let text = std::fs::read_to_string(path).expect("data/holidays-vn.json");
        let h = Holidays::from_json(&text).expect("shipped file is valid");
        for d in [
            date(2025, 1, 1),
            date(2025, 1, 29),
            date(2025, 4, 7),
            date(2025, 4, 30),
            date(2025, 5, 1),
            date(2025, 9, 2),
            date(2026, 1, 1),
            date(2026, 2, 17),
            date(2026, 4, 27),
            date(2026, 9, 2),
            date(2027, 1, 1),
            date(2027, 2, 8),
            date(2027, 4, 16),
            date(2027, 9, 2),
        ] {
            assert!(h.contains(d), "{d} is a holiday");
        }
        let mut merged = Holidays::new([date(2030, 1, 1)]);
        merged.extend(&h);
        assert_eq!(merged.len(), h.len() + 1);
        assert!(merged.dates().all(|d| d.year() >= 2025));
    }

    #[test]
    fn transfer_limits() {
        let issued = date(2025, 11, 19);
        assert_eq!(
            transfer_letter_deadline(issued, DEFAULT_TRANSFER_LETTER_DAYS),
            date(2025, 12, 19)
        );
        assert!(!transfer_not_arrived(issued, date(2026, 2, 18)));
        assert!(transfer_not_arrived(issued, date(2026, 2, 19)));
    }

    /// (issued, checked on) → days overdue; month ends clamp (30/11 + 3
    /// months is 28/02, or 29/02 in a leap year) and the flag starts the day
    /// after the deadline.
    #[test]
    fn transfer_days_overdue_at_month_ends_and_leap_years() {
        for (issued, today, deadline, overdue) in [
            (
                date(2025, 11, 19),
                date(2026, 2, 18),
                date(2026, 2, 18),
                None,
            ),
            (
                date(2025, 11, 19),
                date(2026, 2, 19),
                date(2026, 2, 18),
                Some(1),
            ),
            (
                date(2025, 11, 30),
                date(2026, 2, 27),
                date(2026, 2, 27),
                None,
            ),
            (
                date(2025, 11, 30),
                date(2026, 2, 28),
                date(2026, 2, 27),
                Some(1),
            ),
            (
                date(2023, 11, 30),
                date(2024, 2, 28),
                date(2024, 2, 28),
                None,
            ),
            (
                date(2023, 11, 30),
                date(2024, 2, 29),
                date(2024, 2, 28),
                Some(1),
            ),
            (
                date(2023, 11, 30),
                date(2024, 3, 1),
                date(2024, 2, 28),
                Some(2),
            ),
            (
                date(2025, 12, 31),
                date(2026, 3, 30),
                date(2026, 3, 30),
                None,
            ),
            (
                date(2025, 12, 31),
                date(2026, 3, 31),
                date(2026, 3, 30),
                Some(1),
            ),
            (
                date(2024, 2, 29),
                date(2024, 5, 29),
                date(2024, 5, 28),
                Some(1),
            ),
            (
                date(2025, 1, 31),
                date(2025, 4, 30),
                date(2025, 4, 29),
                Some(1),
            ),
            (
                date(2025, 10, 1),
                date(2026, 1, 1),
                date(2025, 12, 31),
                Some(1),
            ),
            (
                date(2025, 10, 1),
                date(2026, 10, 1),
                date(2025, 12, 31),
                Some(274),
            ),
            (date(2026, 3, 1), date(2026, 1, 1), date(2026, 5, 31), None),
        ] {
            assert_eq!(
                transfer_arrival_deadline(issued),
                deadline,
                "deadline of {issued}"
            );
            assert_eq!(
                transfer_days_overdue(issued, today),
                overdue,
                "{issued} checked on {today}"
            );
            assert_eq!(
                overdue.is_some(),
                transfer_not_arrived(issued, today),
                "{issued} on {today}: same flag as transfer_not_arrived"
            );
        }
    }

    #[test]
    fn temporary_transfer_window() {
        let from = date(2025, 1, 31);
        assert_eq!(
            transfer_kind(from, date(2025, 4, 29)),
            Some(TransferKind::NotNeeded)
        );
        assert_eq!(
            transfer_kind(from, date(2025, 4, 30)),
            Some(TransferKind::Temporary)
        );
        assert_eq!(
            transfer_kind(from, date(2026, 1, 30)),
            Some(TransferKind::Temporary)
        );
        assert_eq!(
            transfer_kind(from, date(2026, 1, 31)),
            Some(TransferKind::Official)
        );
        assert_eq!(transfer_kind(from, date(2025, 1, 1)), None);

        assert_eq!(temporary_transfer_ok(from, date(2025, 8, 1)), Ok(()));
        let short = temporary_transfer_ok(from, date(2025, 3, 1)).expect_err("too short");
        assert!(
            short.contains("dưới 3 tháng") && short.contains("31/01/2025"),
            "{short}"
        );
        let long = temporary_transfer_ok(from, date(2026, 3, 1)).expect_err("too long");
        assert!(long.contains("chính thức"), "{long}");
        let reversed = temporary_transfer_ok(from, date(2024, 3, 1)).expect_err("reversed");
        assert!(reversed.contains("trước ngày bắt đầu"), "{reversed}");
    }

    #[test]
    fn absence_categories() {
        assert_eq!(classify_absence(0), None);
        assert_eq!(classify_absence(2), Some(AbsenceCategory::HelpList));
        assert_eq!(classify_absence(3), Some(AbsenceCategory::ImmediateRemoval));
        assert_eq!(
            classify_absence(12),
            Some(AbsenceCategory::ImmediateRemoval)
        );
    }
}
