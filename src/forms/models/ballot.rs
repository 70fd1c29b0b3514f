//! A secret ballot's section in the records of a screening meeting: the
//! minutes (`bien-ban-hop-chi-bo`) and the vote-counting record
//! (`bien-ban-kiem-phieu`) print each ballot the same way — a heading, the
//! rule that decides it in the words of its base, and one row a member.
//! Shared so the two records of one meeting state the rule identically.

use schemars::JsonSchema;
use serde::Serialize;

use crate::rules::format;
use crate::rules::vote::{Ballot, Profile};
use crate::vocab::Label;

/// One ballot of a record (the view a template reads).
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[schemars(title = "", description = "")]
pub struct BallotView {
    heading: String,
    rule: String,
    rows: Vec<Vec<String>>,
}

impl BallotView {
    /// The ballot `ballot` under `profile`, counted on `base` members, with
    /// its `heading` and table `rows`.
    pub fn new(
        heading: impl Into<String>,
        profile: Profile,
        ballot: Ballot,
        base: u32,
        rows: Vec<Vec<String>>,
    ) -> Self {
        Self {
            heading: heading.into(),
            rule: rule_text(profile, ballot, base),
            rows,
        }
    }
}

/// The ballots of a step-3 meeting: on progress for every member, then —
/// when the branch also voted on it for anyone — on removal.
pub fn progress_and_removal(
    profile: Profile,
    base: u32,
    progress: Vec<Vec<String>>,
    removal: Vec<Vec<String>>,
) -> Vec<BallotView> {
    let mut ballots = vec![BallotView::new(
        "Bỏ phiếu kín công nhận sự tiến bộ của đảng viên",
        profile,
        Ballot::Progress,
        base,
        progress,
    )];
    if !removal.is_empty() {
        ballots.push(BallotView::new(
            "Bỏ phiếu kín đề nghị xem xét đưa đảng viên ra khỏi Đảng",
            profile,
            Ballot::Removal,
            base,
            removal,
        ));
    }
    ballots
}

/// The threshold in the words of the base it is computed on (hd02: full
/// members minus the exempted; Hà Nội: the full members convened).
fn rule_text(profile: Profile, ballot: Ballot, base: u32) -> String {
    let t = profile.threshold(ballot);
    format!(
        "đạt khi có {} {} đồng ý, tức ít nhất {} phiếu",
        t.label(),
        profile.base_description(),
        format::integer(t.min_yes(base).into())
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn states_the_rule_on_its_base() {
        let v = BallotView::new(
            "Bỏ phiếu",
            Profile::Hd02Btctw2021,
            Ballot::Inclusion,
            9,
            vec![],
        );
        assert_eq!(v.heading, "Bỏ phiếu");
        let t = Profile::Hd02Btctw2021.threshold(Ballot::Inclusion);
        assert!(
            v.rule.starts_with(&format!("đạt khi có {} ", t.label())),
            "{}",
            v.rule
        );
        let min = t.min_yes(9);
        assert!(
            v.rule.ends_with(&format!("ít nhất {min} phiếu")),
            "{}",
            v.rule
        );
    }

    #[test]
    fn removal_only_when_voted() {
        let row = || vec![vec!["1".to_string()]];
        let p = Profile::Hd02Btctw2021;
        assert_eq!(progress_and_removal(p, 9, row(), vec![]).len(), 1);
        let both = progress_and_removal(p, 9, row(), row());
        assert_eq!(both.len(), 2);
        assert!(both[1].heading.contains("ra khỏi Đảng"));
        assert_eq!(both[1].rule, rule_text(p, Ballot::Removal, 9));
    }
}
