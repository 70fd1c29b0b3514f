//! The branch's vote on a resolution about one member outside the screening
//! steps (proposing to strike them from the roll, exempting them): counted like
//! every other ballot, decided by `rules::vote` with [`Ballot::Resolution`], and
//! shown as the same results table every branch resolution carries.

use schemars::JsonSchema;
use serde::Serialize;

use crate::case::meeting::CuocHop;
use crate::error::Problem;
use crate::rules::format;
use crate::rules::vote::{self, Ballot, Profile, Tally};
use crate::vocab::Label;

/// The results table and the sentence that states its base and threshold.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub(crate) struct DecisionView {
    pub base: String,
    pub base_description: String,
    pub threshold: String,
    pub min_yes: String,
    pub yes: String,
    pub against: String,
    pub invalid: String,
    pub percent: String,
    pub result: String,
}

/// Checks the tally under `field` against the meeting and refuses a
/// resolution its own vote did not pass: a proposal the branch did not adopt
/// is not a document to send.
pub(crate) fn check(
    profile: Profile,
    meeting: &CuocHop,
    tally: &Tally,
    field: &str,
    what: &str,
    out: &mut Vec<Problem>,
) {
    let before = out.len();
    for p in vote::check_tally(tally, meeting.so_luong.present) {
        out.push(p.prefixed(field));
    }
    if out.len() > before {
        return;
    }
    let base = meeting.so_luong.base(profile);
    match vote::decide(profile, Ballot::Resolution, base, tally.yes) {
        Err(e) => out.push(Problem::new(format!("{field}.dong_y"), e.to_string())),
        Ok(o) if !o.passed => out.push(Problem::new(
            format!("{field}.dong_y"),
            format!(
                "{} phiếu đồng ý trên {} chưa đạt {} (cần ít nhất {} phiếu): chi bộ không thông qua nghị quyết {what}",
                tally.yes,
                base,
                o.threshold.label(),
                o.min_yes
            ),
        )),
        Ok(_) => {}
    }
}

/// The view of a tally that [`check`] accepted.
pub(crate) fn view(profile: Profile, meeting: &CuocHop, tally: &Tally) -> DecisionView {
    let base = meeting.so_luong.base(profile);
    let threshold = profile.threshold(Ballot::Resolution);
    DecisionView {
        base: format::integer(base.into()),
        base_description: profile.base_description().into(),
        threshold: threshold.label().into(),
        min_yes: format::integer(threshold.min_yes(base).into()),
        yes: format::integer(tally.yes.into()),
        against: format::integer(tally.no.into()),
        invalid: format::integer(tally.invalid.into()),
        percent: format::ratio_percent(tally.yes.into(), base.into()),
        result: "Thông qua".into(),
    }
}
