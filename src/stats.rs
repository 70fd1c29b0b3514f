//! Membership statistics from a roster (báo cáo thống kê đảng viên, as in the
//! ward reports: status, education, qualification, political theory, gender,
//! age bands, occupation, exempted members).
//!
//! Percentages are exact: each count's share is computed in hundredths of a
//! percent with integer arithmetic and rounded by the largest-remainder method,
//! so every breakdown adds up to exactly 100% as printed.

use chrono::{Datelike, NaiveDate};

use crate::roster::{Category, ChuyenMon, GioiTinh, HocVan, LyLuan, Member, NgheNghiep};
use crate::rules::format;

/// Shares of `counts` in hundredths of a percent, summing to exactly 10 000
/// (all zero when the total is zero). Each share is the exact quotient rounded
/// down; the hundredths still missing go one each to the largest remainders,
/// ties to the earlier category.
pub fn largest_remainder(counts: &[u64]) -> Vec<u64> {
    let total: u64 = counts.iter().sum();
    if total == 0 {
        return vec![0; counts.len()];
    }
    let scaled: Vec<(u64, u64)> = counts
        .iter()
        .map(|&c| {
            let n = u128::from(c) * 10_000;
            (
                (n / u128::from(total)) as u64,
                (n % u128::from(total)) as u64,
            )
        })
        .collect();
    let mut shares: Vec<u64> = scaled.iter().map(|(q, _)| *q).collect();
    let missing = 10_000 - shares.iter().sum::<u64>();
    let mut order: Vec<usize> = (0..counts.len()).collect();
    order.sort_by(|&a, &b| scaled[b].1.cmp(&scaled[a].1).then(a.cmp(&b)));
    for &k in order.iter().take(missing as usize) {
        shares[k] += 1;
    }
    shares
}

/// Hundredths of a percent, Vietnamese style: 6225 → "62,25%", 890 → "8,9%".
pub fn percent(hundredths: u64) -> String {
    format!("{}%", format::decimal(hundredths, 100, 2))
}

/// Age in whole years on `at` (a birthday on 29/02 is reached on 01/03 in a
/// common year).
pub fn age(born: NaiveDate, at: NaiveDate) -> i32 {
    let mut years = at.year() - born.year();
    if (at.month(), at.day()) < (born.month(), born.day()) {
        years -= 1;
    }
    years
}

/// One row of a breakdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub label: String,
    pub count: u64,
    /// Hundredths of a percent of the breakdown's total.
    pub share: u64,
}

/// Counts by category, with shares summing to 100%.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Breakdown {
    pub title: &'static str,
    pub rows: Vec<Row>,
    pub total: u64,
}

impl Breakdown {
    fn new(title: &'static str, labelled: Vec<(String, u64)>) -> Self {
        let counts: Vec<u64> = labelled.iter().map(|(_, c)| *c).collect();
        let shares = largest_remainder(&counts);
        Self {
            title,
            total: counts.iter().sum(),
            rows: labelled
                .into_iter()
                .zip(shares)
                .map(|((label, count), share)| Row {
                    label,
                    count,
                    share,
                })
                .collect(),
        }
    }

    fn of<C: Category + PartialEq>(
        title: &'static str,
        members: &[Member],
        get: impl Fn(&Member) -> C,
    ) -> Self {
        Self::new(
            title,
            C::ALL
                .iter()
                .map(|c| {
                    let n = members.iter().filter(|m| get(m) == *c).count() as u64;
                    (c.label().to_string(), n)
                })
                .collect(),
        )
    }
}

/// The age bands of the reports.
pub const AGE_BANDS: [&str; 3] = ["Dưới 30 tuổi", "Từ 30 đến 50 tuổi", "Trên 50 tuổi"];

/// Every breakdown of a roster at a date, in the order the report prints them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statistics {
    pub total: u64,
    pub full: u64,
    pub probationary: u64,
    pub exempted: u64,
    pub breakdowns: Vec<Breakdown>,
}

/// Statistics of `members` with ages taken on `at`. A member whose full-member
/// date is after `at` counts as probationary.
pub fn compute(members: &[Member], at: NaiveDate) -> Statistics {
    let is_full = |m: &Member| m.ngay_chinh_thuc.is_some_and(|d| d <= at);
    let full = members.iter().filter(|m| is_full(m)).count() as u64;
    let total = members.len() as u64;
    let exempted = members.iter().filter(|m| m.mien_sinh_hoat).count() as u64;
    let mut bands = [0u64; 3];
    for m in members {
        let a = age(m.ngay_sinh, at);
        bands[if a < 30 {
            0
        } else if a <= 50 {
            1
        } else {
            2
        }] += 1;
    }
    let breakdowns = vec![
        Breakdown::new(
            "Theo tư cách đảng viên",
            vec![
                ("Đảng viên chính thức".into(), full),
                ("Đảng viên dự bị".into(), total - full),
            ],
        ),
        Breakdown::of::<HocVan>("Trình độ học vấn", members, |m| m.hoc_van),
        Breakdown::of::<ChuyenMon>("Trình độ chuyên môn, nghiệp vụ", members, |m| {
            m.chuyen_mon
        }),
        Breakdown::of::<LyLuan>("Trình độ lý luận chính trị", members, |m| {
            m.ly_luan_chinh_tri
        }),
        Breakdown::of::<GioiTinh>("Giới tính", members, |m| m.gioi_tinh),
        Breakdown::new(
            "Độ tuổi",
            AGE_BANDS
                .iter()
                .zip(bands)
                .map(|(l, n)| (l.to_string(), n))
                .collect(),
        ),
        Breakdown::of::<NgheNghiep>("Nghề nghiệp", members, |m| m.nghe_nghiep),
        Breakdown::new(
            "Miễn công tác và sinh hoạt đảng",
            vec![
                ("Được miễn công tác và sinh hoạt đảng".into(), exempted),
                ("Không được miễn".into(), total - exempted),
            ],
        ),
    ];
    Statistics {
        total,
        full,
        probationary: total - full,
        exempted,
        breakdowns,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn member(born: NaiveDate, g: GioiTinh, full: bool) -> Member {
        Member {
            ho_ten: None,
            ngay_sinh: born,
            gioi_tinh: g,
            ngay_vao_dang: None,
            ngay_chinh_thuc: full.then(|| d(2000, 1, 1)),
            hoc_van: HocVan::Thpt,
            chuyen_mon: ChuyenMon::DaiHoc,
            ly_luan_chinh_tri: LyLuan::SoCap,
            nghe_nghiep: NgheNghiep::HuuTri,
            mien_sinh_hoat: false,
        }
    }

    #[test]
    fn thirds_round_to_exactly_one_hundred() {
        // 1/3 each: 3333 + 3333 + 3333 = 9999, the missing hundredth goes to
        // the first (equal remainders, earlier category).
        assert_eq!(largest_remainder(&[1, 1, 1]), vec![3334, 3333, 3333]);
        assert_eq!(largest_remainder(&[2, 1]), vec![6667, 3333]);
        // 1/7, 2/7, 4/7 = 14,2857 / 28,5714 / 57,1428: floors 1428+2857+5714 = 9999;
        // remainders 4, 8, 16 (of 7·…): the largest (4/7) gets it.
        assert_eq!(largest_remainder(&[1, 2, 4]), vec![1429, 2857, 5714]);
        assert_eq!(largest_remainder(&[0, 0]), vec![0, 0]);
        assert_eq!(largest_remainder(&[0, 5, 0]), vec![0, 10_000, 0]);
        assert_eq!(largest_remainder(&[]), Vec::<u64>::new());
        for counts in [
            [7u64, 13, 29, 51],
            [1, 1, 1, 3],
            [4091, 125, 0, 0],
            [3, 3, 3, 0],
        ] {
            assert_eq!(largest_remainder(&counts).iter().sum::<u64>(), 10_000);
        }
    }

    #[test]
    fn percent_format() {
        assert_eq!(percent(6225), "62,25%");
        assert_eq!(percent(890), "8,9%");
        assert_eq!(percent(10_000), "100%");
        assert_eq!(percent(0), "0%");
        assert_eq!(percent(3334), "33,34%");
    }

    #[test]
    fn ages_are_calendar_correct() {
        assert_eq!(age(d(1996, 3, 31), d(2026, 3, 31)), 30);
        assert_eq!(age(d(1996, 4, 1), d(2026, 3, 31)), 29);
        assert_eq!(age(d(2000, 2, 29), d(2025, 2, 28)), 24);
        assert_eq!(age(d(2000, 2, 29), d(2025, 3, 1)), 25);
    }

    #[test]
    fn small_roster_by_hand() {
        let at = d(2026, 3, 31);
        let roster = vec![
            // 29 (turns 30 on 01/04), 30 exactly, 50, 51.
            member(d(1996, 4, 1), GioiTinh::Female, false),
            member(d(1996, 3, 31), GioiTinh::Male, true),
            member(d(1975, 6, 1), GioiTinh::Male, true),
            member(d(1975, 3, 31), GioiTinh::Male, true),
        ];
        let s = compute(&roster, at);
        assert_eq!((s.total, s.full, s.probationary, s.exempted), (4, 3, 1, 0));
        let by = |t: &str| s.breakdowns.iter().find(|b| b.title == t).unwrap().clone();
        let ages = by("Độ tuổi");
        assert_eq!(
            ages.rows
                .iter()
                .map(|r| (r.count, r.share))
                .collect::<Vec<_>>(),
            vec![(1, 2500), (2, 5000), (1, 2500)]
        );
        let g = by("Giới tính");
        assert_eq!(g.rows[0].count, 3);
        assert_eq!(percent(g.rows[0].share), "75%");
        // Empty categories are listed with 0 and 0%.
        let edu = by("Trình độ học vấn");
        assert_eq!(edu.rows.len(), 3);
        assert_eq!((edu.rows[0].count, edu.rows[0].share), (0, 0));
        assert_eq!(edu.rows[2].share, 10_000);
        for b in &s.breakdowns {
            assert_eq!(
                b.rows.iter().map(|r| r.share).sum::<u64>(),
                10_000,
                "{}",
                b.title
            );
            assert_eq!(
                b.rows.iter().map(|r| r.count).sum::<u64>(),
                4,
                "{}",
                b.title
            );
        }
    }

    #[test]
    fn three_members_in_three_occupations() {
        let mut roster = vec![member(d(1980, 1, 1), GioiTinh::Male, true); 3];
        roster[1].nghe_nghiep = NgheNghiep::CanBo;
        roster[2].nghe_nghiep = NgheNghiep::NongDan;
        let s = compute(&roster, d(2026, 3, 31));
        let jobs = s
            .breakdowns
            .iter()
            .find(|b| b.title == "Nghề nghiệp")
            .unwrap();
        let shown: Vec<String> = jobs.rows.iter().map(|r| percent(r.share)).collect();
        // Order of the list: cán bộ, doanh nghiệp, nông dân, tự do, hưu trí…
        assert_eq!(shown[0], "33,34%");
        assert_eq!(shown[2], "33,33%");
        assert_eq!(shown[4], "33,33%");
        assert_eq!(shown[1], "0%");
    }

    #[test]
    fn empty_roster() {
        let s = compute(&[], d(2026, 3, 31));
        assert_eq!(s.total, 0);
        for b in &s.breakdowns {
            assert!(b.rows.iter().all(|r| r.share == 0 && r.count == 0));
        }
    }
}
