//! The checks every list of members on a paper shares (the draft list of the
//! request for guidance, the approved list of the notice, the help
//! assignments): each member born before the paper's date, and each listed
//! once, names compared as people read them.

use chrono::NaiveDate;

use crate::error::Problem;

/// Names compared as people read them: case and spacing ignored.
pub(crate) fn same_name(a: &str, b: &str) -> bool {
    name_key(a) == name_key(b)
}

/// A name as people read it: single spaces, lower case.
pub(crate) fn name_key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// `{path}.ngay_sinh` must come before `day`, the date of the paper that
/// `paper_date` names ("ngày công văn").
pub(crate) fn check_born_before(
    path: &str,
    born: NaiveDate,
    day: NaiveDate,
    paper_date: &str,
    out: &mut Vec<Problem>,
) {
    if born >= day {
        out.push(Problem::new(
            format!("{path}.ngay_sinh"),
            format!("ngày sinh phải trước {paper_date}"),
        ));
    }
}

/// `{path}.ho_ten` must not repeat a name listed `earlier` (a blank name is
/// reported as blank, not as repeated).
pub(crate) fn check_listed_once<'a>(
    path: &str,
    name: &str,
    mut earlier: impl Iterator<Item = &'a str>,
    out: &mut Vec<Problem>,
) {
    if !name.trim().is_empty() && earlier.any(|o| same_name(o, name)) {
        out.push(Problem::new(
            format!("{path}.ho_ten"),
            format!("đồng chí {} đã có trong danh sách", name.trim()),
        ));
    }
}
