//! Which regulations a document cites ("Căn cứ …"), as of its date (rules.md §5).
//!
//! Regulations change — Quy định 294-QĐ/TW on implementing the Party Charter was
//! replaced by Quy định 20-QĐ/TW of 08/4/2026 — and a document cites what is in
//! force on the day it is issued, never a regulation issued after it. So the
//! regulations are data, like the holidays: `data/regulations-vn.json` ships with
//! dangvu and an office adds its own with [`Regulations::extend`] (a new entry
//! that names what it replaces in `thay_the` closes the older one without editing
//! it). Titles are printed exactly as the data gives them, which quotes the seeds.

use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate};
use serde::Deserialize;

use super::format::date_inline;

/// A regulation's date as the seeds cite it: "08/4/2026", "25/02/2026" — the
/// day padded, the month padded only for January and February, like the date
/// line (rules.md §4).
fn cited_date(d: NaiveDate) -> String {
    let month = if d.month() <= 2 {
        format!("{:02}", d.month())
    } else {
        d.month().to_string()
    };
    format!("{:02}/{month}/{}", d.day(), d.year())
}
use super::vote::Profile;

/// The shipped table (`data/regulations-vn.json`).
const SHIPPED: &str = include_str!("../../data/regulations-vn.json");

/// What a document is about, which decides the regulations beyond the charter's
/// that it cites (the `viec` field of the data file).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Matter {
    /// Steps 1–3 of the screening workflow ("sang-loc").
    Screening,
    /// Proposing to strike a member from the roll at once ("xoa-ten").
    Removal,
    /// Exempting a member from party work and meetings ("mien-sinh-hoat").
    Exemption,
}

impl Matter {
    /// The key of this matter in the data file.
    pub fn key(self) -> &'static str {
        match self {
            Matter::Screening => "sang-loc",
            Matter::Removal => "xoa-ten",
            Matter::Exemption => "mien-sinh-hoat",
        }
    }
}

/// One regulation as the data file lists it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Regulation {
    /// Stable identifier, used by `thay_the`.
    pub ma: String,
    /// Kind as cited: "Quy định", "Hướng dẫn"… (none for the Charter).
    #[serde(default)]
    pub loai: Option<String>,
    /// Number: "20-QĐ/TW".
    #[serde(default)]
    pub so: Option<String>,
    /// Date of issue.
    #[serde(default)]
    pub ngay: Option<NaiveDate>,
    /// Issuing body as cited: "Ban Bí thư".
    #[serde(default)]
    pub co_quan: Option<String>,
    /// The words after the issuer, exactly as published (quotes included).
    pub trich_yeu: String,
    /// First day in force.
    pub hieu_luc_tu: NaiveDate,
    /// Last day in force, when known in advance.
    #[serde(default)]
    pub hieu_luc_den: Option<NaiveDate>,
    /// Identifiers of the regulations this one replaces from its first day.
    #[serde(default)]
    pub thay_the: Vec<String>,
    /// The rule profile this regulation defines (its documents always cite it).
    #[serde(default)]
    pub quy_trinh: Option<Profile>,
    /// Profiles whose documents cite it; empty: every profile.
    #[serde(default)]
    pub quy_dinh: Vec<Profile>,
    /// Matters ([`Matter::key`]) whose documents cite it; empty: every matter.
    #[serde(default)]
    pub viec: Vec<String>,
    /// For the people who maintain the file (where the title was quoted from).
    #[serde(default)]
    pub ghi_chu: Option<String>,
}

impl Regulation {
    /// The citation as printed after "Căn cứ ": "Quy định số 20-QĐ/TW ngày
    /// 08/4/2026 của Ban Chấp hành Trung ương Đảng khóa XIV về …".
    pub fn citation(&self) -> String {
        let mut s = String::new();
        if let Some(kind) = &self.loai {
            s.push_str(kind);
            s.push(' ');
        }
        if let Some(number) = &self.so {
            s.push_str("số ");
            s.push_str(number);
            s.push(' ');
        }
        if let Some(date) = self.ngay {
            s.push_str("ngày ");
            s.push_str(&cited_date(date));
            s.push(' ');
        }
        if let Some(issuer) = &self.co_quan {
            s.push_str("của ");
            s.push_str(issuer);
            s.push(' ');
        }
        s.push_str(&self.trich_yeu);
        s
    }

    /// "Quy định 02-QĐ/TU (19/11/2025)": how a refusal names it.
    pub fn short_name(&self) -> String {
        match (&self.loai, &self.so, self.ngay) {
            (Some(k), Some(n), Some(d)) => format!("{k} {n} ngày {}", cited_date(d)),
            _ => self.trich_yeu.clone(),
        }
    }

    fn cited_for(&self, profile: Profile, matter: Matter) -> bool {
        (self.quy_dinh.is_empty() || self.quy_dinh.contains(&profile))
            && (self.viec.is_empty() || self.viec.iter().any(|v| v == matter.key()))
    }
}

/// The table of regulations, in citing order (the Charter first, then central,
/// then local regulations; an office's additions after the shipped ones).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Regulations(Vec<Regulation>);

impl Regulations {
    /// The table shipped with dangvu, parsed once.
    pub fn shipped() -> &'static Regulations {
        static TABLE: OnceLock<Regulations> = OnceLock::new();
        TABLE.get_or_init(|| {
            // The shipped file is checked by the tests below; a broken one is a
            // build defect, not a user error.
            Regulations::from_json(SHIPPED).expect("data/regulations-vn.json is valid")
        })
    }

    /// Parses a regulations file: a JSON array of [`Regulation`]s. Errors are in
    /// Vietnamese and name the entry (1-based).
    pub fn from_json(text: &str) -> Result<Self, String> {
        let items: Vec<serde_json::Value> = serde_json::from_str(text)
            .map_err(|e| format!("tệp văn bản căn cứ không phải mảng JSON hợp lệ: {e}"))?;
        let mut out = Vec::with_capacity(items.len());
        for (k, item) in items.into_iter().enumerate() {
            let r: Regulation = serde_json::from_value(item)
                .map_err(|e| format!("văn bản căn cứ thứ {}: {e}", k + 1))?;
            if let Some(end) = r.hieu_luc_den
                && end < r.hieu_luc_tu
            {
                return Err(format!(
                    "văn bản căn cứ thứ {} ({}): hết hiệu lực trước ngày có hiệu lực",
                    k + 1,
                    r.ma
                ));
            }
            out.push(r);
        }
        Ok(Regulations(out))
    }

    /// Adds an office's regulations after these (an entry with the same `ma`
    /// replaces the earlier one in place).
    pub fn extend(&mut self, other: &Regulations) {
        for r in &other.0 {
            match self.0.iter_mut().find(|x| x.ma == r.ma) {
                Some(slot) => *slot = r.clone(),
                None => self.0.push(r.clone()),
            }
        }
    }

    /// Every listed regulation, in citing order.
    pub fn all(&self) -> &[Regulation] {
        &self.0
    }

    /// Whether `r` is in force on `date`: issued and effective, not past its
    /// last day, and not replaced by an entry already in force.
    pub fn in_force(&self, r: &Regulation, date: NaiveDate) -> bool {
        r.hieu_luc_tu <= date
            && r.hieu_luc_den.is_none_or(|end| date <= end)
            && !self
                .0
                .iter()
                .any(|x| x.hieu_luc_tu <= date && x.thay_the.contains(&r.ma))
    }

    /// The regulation defining `profile`.
    pub fn defining(&self, profile: Profile) -> Option<&Regulation> {
        self.0.iter().find(|r| r.quy_trinh == Some(profile))
    }

    /// Why a document of `profile` cannot be dated `date`: the regulation that
    /// defines the profile was not yet (or no longer) in force.
    pub fn profile_problem(&self, profile: Profile, date: NaiveDate) -> Option<String> {
        let r = self.defining(profile)?;
        (!self.in_force(r, date)).then(|| {
            if date < r.hieu_luc_tu {
                format!(
                    "văn bản ngày {} không thể theo {}: văn bản này có hiệu lực từ ngày {}",
                    date_inline(date),
                    r.short_name(),
                    cited_date(r.hieu_luc_tu)
                )
            } else {
                format!(
                    "ngày {} {} không còn hiệu lực",
                    date_inline(date),
                    r.short_name()
                )
            }
        })
    }

    /// The "Căn cứ" lines of a document of `profile` about `matter` dated
    /// `date`: every regulation in force that day and cited for them, in order.
    pub fn bases(&self, profile: Profile, matter: Matter, date: NaiveDate) -> Vec<String> {
        self.0
            .iter()
            .filter(|r| r.cited_for(profile, matter) && self.in_force(r, date))
            .map(Regulation::citation)
            .collect()
    }

    /// [`Regulations::bases`] of a document about several matters at once (a
    /// decision striking a member off at the end of the screening cites the
    /// screening regulation and the removal guidance): each regulation once, in
    /// the table's order.
    pub fn bases_of_all(
        &self,
        profile: Profile,
        matters: &[Matter],
        date: NaiveDate,
    ) -> Vec<String> {
        self.0
            .iter()
            .filter(|r| matters.iter().any(|m| r.cited_for(profile, *m)) && self.in_force(r, date))
            .map(Regulation::citation)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn joined(profile: Profile, matter: Matter, d: NaiveDate) -> String {
        Regulations::shipped().bases(profile, matter, d).join("\n")
    }

    #[test]
    fn the_shipped_table_parses_and_every_replacement_names_a_listed_entry() {
        let t = Regulations::shipped();
        assert!(t.all().len() >= 7);
        for r in t.all() {
            for old in &r.thay_the {
                assert!(
                    t.all().iter().any(|x| &x.ma == old),
                    "{} replaces {old}",
                    r.ma
                );
            }
        }
        for p in Profile::ALL {
            assert!(t.defining(p).is_some(), "{p:?} has a defining regulation");
        }
    }

    #[test]
    fn the_charter_regulation_in_force_follows_the_documents_date() {
        let p = Profile::Qd02TuHanoi2025;
        let before = joined(p, Matter::Screening, date(2026, 4, 7));
        assert!(
            before.contains("Quy định số 294-QĐ/TW ngày 26/5/2025"),
            "{before}"
        );
        assert!(!before.contains("20-QĐ/TW"), "{before}");
        let on = joined(p, Matter::Screening, date(2026, 4, 8));
        assert!(on.contains(
            "Quy định số 20-QĐ/TW ngày 08/4/2026 của Ban Chấp hành Trung ương Đảng khóa XIV về hướng dẫn thi hành Điều lệ Đảng"
        ), "{on}");
        assert!(!on.contains("294-QĐ/TW"), "{on}");
        let later = joined(p, Matter::Screening, date(2027, 2, 2));
        assert!(later.contains("20-QĐ/TW") && !later.contains("294-QĐ/TW"));
    }

    #[test]
    fn a_document_never_cites_a_regulation_issued_after_it() {
        let t = Regulations::shipped();
        for p in Profile::ALL {
            for m in [Matter::Screening, Matter::Removal, Matter::Exemption] {
                for d in [
                    date(2021, 5, 1),
                    date(2025, 6, 1),
                    date(2025, 11, 18),
                    date(2026, 1, 5),
                    date(2026, 4, 8),
                    date(2027, 2, 2),
                ] {
                    let lines = t.bases(p, m, d);
                    assert!(lines[0] == "Điều lệ Đảng Cộng sản Việt Nam");
                    for r in t.all() {
                        if r.ngay.is_some_and(|issued| issued > d) {
                            assert!(!lines.contains(&r.citation()), "{d}: {}", r.ma);
                        }
                    }
                }
            }
        }
        // 06-HD/TW (09/6/2025) and 38-HD/BTCTW (29/9/2025) appear on their dates.
        let removal = |d| joined(Profile::Hd02Btctw2021, Matter::Removal, d);
        assert!(!removal(date(2025, 6, 8)).contains("06-HD/TW"));
        assert!(removal(date(2025, 6, 9)).contains("06-HD/TW"));
        assert!(!removal(date(2025, 9, 28)).contains("38-HD/BTCTW"));
        assert!(removal(date(2025, 9, 29)).contains("38-HD/BTCTW"));
    }

    #[test]
    fn each_profile_cites_its_own_regulation_quoted_as_published() {
        let hn = joined(
            Profile::Qd02TuHanoi2025,
            Matter::Screening,
            date(2026, 1, 5),
        );
        assert!(hn.contains(
            "Quy định số 02-QĐ/TU ngày 19/11/2025 của Thành ủy Hà Nội “Một số vấn đề về công tác quản lý đảng viên; rà soát, sàng lọc, kịp thời đưa những đảng viên không còn đủ tư cách ra khỏi Đảng thuộc Đảng bộ thành phố Hà Nội”"
        ), "{hn}");
        assert!(!hn.contains("một số vấn đề công tác"), "the old misquote");
        assert!(!hn.contains("02-HD/BTCTW"));
        let hd = joined(Profile::Hd02Btctw2021, Matter::Screening, date(2026, 1, 5));
        assert!(hd.contains(
            "Hướng dẫn số 02-HD/BTCTW ngày 12/4/2021 của Ban Tổ chức Trung ương về tiêu chí"
        ));
        assert!(!hd.contains("02-QĐ/TU"));
        // Screening resolutions do not cite the member-work guides; exemptions do.
        assert!(!hd.contains("38-HD/BTCTW"));
        let ex = joined(Profile::Hd02Btctw2021, Matter::Exemption, date(2026, 3, 4));
        assert!(ex.contains("Hướng dẫn số 38-HD/BTCTW ngày 29/9/2025 của Ban Tổ chức Trung ương “Hướng dẫn nghiệp vụ công tác đảng viên”"));
    }

    #[test]
    fn a_profile_cannot_be_followed_before_its_regulation_exists() {
        let t = Regulations::shipped();
        let p = Profile::Qd02TuHanoi2025;
        let msg = t.profile_problem(p, date(2025, 11, 18)).expect("refused");
        assert!(
            msg.contains("02-QĐ/TU") && msg.contains("19/11/2025"),
            "{msg}"
        );
        assert_eq!(t.profile_problem(p, date(2025, 11, 19)), None);
        assert_eq!(
            t.profile_problem(Profile::Hd02Btctw2021, date(2021, 4, 12)),
            None
        );
    }

    #[test]
    fn an_office_extends_the_table_and_a_replacement_closes_the_older_entry() {
        let mut t = Regulations::shipped().clone();
        let office = Regulations::from_json(
            r#"[{"ma": "99-qd-tu-2027", "loai": "Quy định", "so": "99-QĐ/TU", "ngay": "2027-01-10",
                 "co_quan": "Thành ủy Hà Nội", "trich_yeu": "về công tác đảng viên",
                 "hieu_luc_tu": "2027-01-10", "thay_the": ["02-qd-tu-hanoi-2025"],
                 "quy_dinh": ["qd02-tu-hanoi-2025"]}]"#,
        )
        .expect("valid");
        t.extend(&office);
        let p = Profile::Qd02TuHanoi2025;
        let before = t.bases(p, Matter::Screening, date(2027, 1, 9)).join("\n");
        assert!(before.contains("02-QĐ/TU") && !before.contains("99-QĐ/TU"));
        let after = t.bases(p, Matter::Screening, date(2027, 1, 10)).join("\n");
        assert!(
            after.contains("99-QĐ/TU") && !after.contains("02-QĐ/TU"),
            "{after}"
        );
        // A bad office file is refused with the entry named.
        let err = Regulations::from_json(r#"[{"ma": "x"}]"#).unwrap_err();
        assert!(err.contains("thứ 1"), "{err}");
    }

    #[test]
    fn a_document_about_two_matters_cites_each_regulation_once_in_table_order() {
        let table = Regulations::shipped();
        let d = date(2027, 3, 20);
        for profile in Profile::ALL {
            let both = table.bases_of_all(profile, &[Matter::Removal, Matter::Screening], d);
            let mut expected: Vec<String> = table.bases(profile, Matter::Removal, d);
            for b in table.bases(profile, Matter::Screening, d) {
                if !expected.contains(&b) {
                    expected.push(b);
                }
            }
            let mut sorted = both.clone();
            sorted.sort();
            expected.sort();
            assert_eq!(sorted, expected, "{profile:?}");
            // In the table's order: the Charter first, the profile's own regulation last.
            assert!(both[0].starts_with("Điều lệ"), "{profile:?}");
            let own = table.defining(profile).unwrap().citation();
            assert_eq!(both.last(), Some(&own), "{profile:?}");
        }
    }
}
