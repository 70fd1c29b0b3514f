//! What the papers after a branch's removal proposal share (seed 001 Bước 3–4,
//! seed 000 III.4–5): the member as the branch proposed them — who they are,
//! their branch, the branch resolution and what it proposed — checked and
//! worded once. The đảng ủy cơ sở's forwarding resolution and the inspection
//! commission's report each carry these fields under the same JSON names in
//! their `dang_vien` rows, so the web's "Lập tiếp" carries a member from one
//! paper to the next.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::Serialize;

use super::member_list::check_listed_once;
use crate::case::common::require;
pub(crate) use crate::case::member::{Admission, DeNghi, NghiQuyetDeNghi};
use crate::error::Problem;
use crate::rules::format::{self, DocKind};
use crate::rules::organisation::{BranchBodies, Level, Organisation};
use crate::rules::vote::Profile;
use crate::vocab::Label;

/// The issuer code of a branch's documents: a chi bộ numbers its resolutions
/// "…-NQ/CB" (rules.md §4, "CB chi bộ").
const BRANCH_CODE: &str = "CB";

/// A member's identity and the branch's proposal, borrowed from a row of
/// either paper.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Proposed<'a> {
    pub ho_ten: &'a str,
    pub admission: Admission,
    pub chuc_vu: Option<&'a str>,
    pub chi_bo: &'a str,
    pub nghi_quyet: NghiQuyetDeNghi,
    pub de_nghi: DeNghi,
    pub ly_do: &'a str,
}

/// The member and the proposal as the papers print them.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub struct ProposedView {
    pub no: String,
    pub name: String,
    pub born: String,
    pub admitted: String,
    /// "chính thức ngày 19/05/2011" or "đảng viên dự bị".
    pub status: String,
    pub post: Option<String>,
    pub branch: String,
    /// "Nghị quyết số 12-NQ/CB ngày 09/02/2027".
    pub resolution: String,
    /// "đề nghị xem xét đưa ra khỏi Đảng".
    pub proposal: String,
    pub reason: String,
}

impl Proposed<'_> {
    /// Checks the row at `path` against the paper's date `by` (nothing the
    /// paper reports may come after it).
    pub fn check(&self, path: &str, by: NaiveDate, out: &mut Vec<Problem>) {
        require(self.ho_ten, format!("{path}.ho_ten"), out);
        require(self.chi_bo, format!("{path}.chi_bo"), out);
        require(self.ly_do, format!("{path}.ly_do"), out);
        self.admission.check(path, by, "ngày của văn bản", out);
        if self.nghi_quyet.so == 0 {
            out.push(Problem::new(
                format!("{path}.nghi_quyet.so"),
                "số nghị quyết phải từ 1 trở lên",
            ));
        }
        if self.nghi_quyet.ngay < self.admission.admitted || self.nghi_quyet.ngay > by {
            out.push(Problem::new(
                format!("{path}.nghi_quyet.ngay"),
                "nghị quyết của chi bộ phải sau ngày vào Đảng của đảng viên và không sau ngày của văn bản",
            ));
        }
    }

    pub fn view(&self, k: usize) -> ProposedView {
        ProposedView {
            no: (k + 1).to_string(),
            name: self.ho_ten.to_owned(),
            born: format::date_inline(self.admission.born),
            admitted: format::date_inline(self.admission.admitted),
            status: self.admission.status(),
            post: self.chuc_vu.map(str::to_owned),
            branch: self.chi_bo.to_owned(),
            resolution: resolution_line(self.nghi_quyet),
            proposal: self.de_nghi.label().into(),
            reason: self.ly_do.to_owned(),
        }
    }
}

/// "Nghị quyết số 12-NQ/CB ngày 09/02/2027".
pub(crate) fn resolution_line(n: NghiQuyetDeNghi) -> String {
    format!(
        "Nghị quyết số {} ngày {}",
        format::doc_number(n.so, DocKind::NghiQuyet, BRANCH_CODE),
        format::date_inline(n.ngay)
    )
}

/// Refuses a member named twice in the `dang_vien` rows (names compared as
/// people read them).
pub(crate) fn check_once<'a>(names: impl Iterator<Item = &'a str>, out: &mut Vec<Problem>) {
    let names: Vec<&str> = names.collect();
    for (k, name) in names.iter().enumerate() {
        let earlier = names[..k].iter().copied();
        check_listed_once(&format!("dang_vien[{k}]"), name, earlier, out);
    }
}

/// The step-4 bodies for the grassroots organisations under `higher` (the
/// committee whose Ban Thường vụ decides, e.g. "Đảng ủy phường Vân Lam"):
/// the organisation model's verifier and decider for a grassroots
/// organisation directly under it.
pub(crate) fn step4_bodies(profile: Profile, higher: String) -> BranchBodies {
    Organisation {
        level: Level::GrassrootsBranch,
        name: String::new(),
        higher_committee: Some(higher),
    }
    .branch_bodies(profile)
}
