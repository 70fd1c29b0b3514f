//! Outcome of step 3 of the screening workflow (sàng lọc), as a pure function of the
//! two secret ballots (rules.md §2; seed 001 Bước 3 for hd02, seed 000 appendix Bước 3
//! for Hà Nội).
//!
//! The branch first votes on recognising the member's progress, then (when the
//! profile calls for it) on proposing removal. The result decides which resolution
//! the product drafts, so inconsistent ballots are refused here, before anything is
//! rendered.

use chrono::{Datelike, NaiveDate};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::vocab::Label;

use super::vote::{
    Attendance, Ballot, Problem, Profile, Tally, check_attendance, check_tally_against,
    zero_base_problem,
};

/// JSON field of the progress ballot (bỏ phiếu công nhận sự tiến bộ), used as the
/// prefix of the problems about it.
pub const FIELD_PROGRESS: &str = "tien_bo";
/// JSON field of the removal ballot (bỏ phiếu đề nghị xem xét đưa ra khỏi Đảng).
pub const FIELD_REMOVAL: &str = "dua_ra_khoi_dang";
/// JSON field of the round number (lần biểu quyết, Hà Nội: 1 to 3).
pub const FIELD_ROUND: &str = "lan_bieu_quyet";

/// Months after which a member kept under help is reviewed again (hd02, and step 4
/// when removal is not warranted).
pub const REVIEW_AFTER_MONTHS: u32 = 12;
/// Hà Nội: an inconclusive vote is repeated at most this many times in a row.
pub const MAX_ROUNDS: u8 = 3;
/// Hà Nội: an inconclusive vote is repeated within this many regular meetings.
pub const REVOTE_WITHIN_MEETINGS: u32 = 2;

/// What the branch resolves after the step-3 ballots.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum ScreeningOutcome {
    /// Progress recognised: the member leaves the help list.
    RecogniseProgress,
    /// Removal proposed to the competent higher body (step 4).
    ProposeRemoval,
    /// hd02: neither threshold reached; help continues and the case is reviewed again.
    ContinueHelp {
        /// Always [`REVIEW_AFTER_MONTHS`].
        review_after_months: u32,
    },
    /// Hà Nội: inconclusive; vote again within the next
    /// [`REVOTE_WITHIN_MEETINGS`] regular meetings.
    Revote {
        /// The round just held.
        round: u8,
        /// The round to hold next (`round + 1`).
        next_round: u8,
    },
    /// Hà Nội: third inconclusive round in a row; report to the directly higher
    /// committee and the competent committee, which decide.
    Escalate,
}

/// Short Vietnamese label for lists and minutes.
impl Label for ScreeningOutcome {
    fn label(self) -> &'static str {
        match self {
            ScreeningOutcome::RecogniseProgress => "Công nhận sự tiến bộ",
            ScreeningOutcome::ProposeRemoval => "Đề nghị xem xét đưa ra khỏi Đảng",
            ScreeningOutcome::ContinueHelp { .. } => "Tiếp tục giúp đỡ",
            ScreeningOutcome::Revote { .. } => "Bỏ phiếu lại",
            ScreeningOutcome::Escalate => "Báo cáo cấp ủy cấp trên xem xét, quyết định",
        }
    }
}

/// Decides step 3 from the ballots, or returns every problem in the data.
///
/// * hd02: progress yes ≥ half of `base` → recognise progress; otherwise the removal
///   ballot is required: yes ≥ two thirds → propose removal, else continue help and
///   review after 12 months. A removal ballot given although progress was recognised is
///   checked for consistency and otherwise ignored. `round` must be 1.
/// * Hà Nội: progress yes > half → recognise progress. The removal ballot is held only
///   when more than half voted against progress (`2 * no > base`) and is then
///   required; giving it otherwise is an error. Removal yes ≥ two thirds → propose
///   removal. Anything else is inconclusive: re-vote while `round < 3`, escalate at
///   round 3. `round` must be 1, 2 or 3.
///
/// Without the meeting's attendance, ballots cast are bounded by `base` (the voters
/// present can never exceed it); use [`screen`] to check against the members present.
/// That round > 1 follows an earlier inconclusive round is the caller's to check (it
/// needs the case history).
///
/// Problem fields: [`FIELD_PROGRESS`]`.…`, [`FIELD_REMOVAL`]`[.…]`, [`FIELD_ROUND`],
/// and [`Profile::base_field`] for a zero base.
pub fn screening_outcome(
    profile: Profile,
    base: u32,
    progress: &Tally,
    removal: Option<&Tally>,
    round: u8,
) -> Result<ScreeningOutcome, Vec<Problem>> {
    let mut problems = Vec::new();
    if base == 0 {
        problems.push(zero_base_problem(profile));
    }
    problems.extend(ballot_problems(
        profile,
        base,
        progress,
        removal,
        round,
        (base, profile.base_description()),
    ));
    finish(profile, base, progress, removal, round, problems)
}

/// [`screening_outcome`] with the full meeting data: checks the attendance
/// ([`check_attendance`], fields unprefixed: `co_mat`, `trieu_tap`, …) and bounds the
/// ballots cast by the full members present. Returns every problem at once.
pub fn screen(
    profile: Profile,
    attendance: &Attendance,
    progress: &Tally,
    removal: Option<&Tally>,
    round: u8,
) -> Result<ScreeningOutcome, Vec<Problem>> {
    let base = attendance.base(profile);
    let mut problems = check_attendance(profile, attendance);
    problems.extend(ballot_problems(
        profile,
        base,
        progress,
        removal,
        round,
        (attendance.present, "số đảng viên chính thức có mặt"),
    ));
    finish(profile, base, progress, removal, round, problems)
}

fn finish(
    profile: Profile,
    base: u32,
    progress: &Tally,
    removal: Option<&Tally>,
    round: u8,
    problems: Vec<Problem>,
) -> Result<ScreeningOutcome, Vec<Problem>> {
    if problems.is_empty() {
        Ok(decide(profile, base, progress, removal, round))
    } else {
        Err(problems)
    }
}

/// Whether the removal ballot must be held after this progress ballot: `Some(true)`
/// required, `Some(false)` forbidden, `None` optional (hd02 after recognised progress).
fn removal_required(profile: Profile, base: u32, progress: &Tally) -> Option<bool> {
    let recognised = profile
        .threshold(Ballot::Progress)
        .passes(progress.yes, base);
    match profile {
        Profile::Hd02Btctw2021 => (!recognised).then_some(true),
        Profile::Qd02TuHanoi2025 => Some(2 * u64::from(progress.no) > u64::from(base)),
    }
}

/// Round number, ballot consistency and presence of the removal ballot.
/// `cast_limit` bounds the ballots cast, with its Vietnamese name for messages.
fn ballot_problems(
    profile: Profile,
    base: u32,
    progress: &Tally,
    removal: Option<&Tally>,
    round: u8,
    cast_limit: (u32, &str),
) -> Vec<Problem> {
    let mut problems = Vec::new();
    match profile {
        Profile::Hd02Btctw2021 if round != 1 => problems.push(Problem::new(
            FIELD_ROUND,
            format!(
                "theo Hướng dẫn 02-HD/BTCTW chỉ bỏ phiếu sàng lọc một lần (lần biểu quyết phải là 1, nhận được {round})"
            ),
        )),
        Profile::Qd02TuHanoi2025 if !(1..=MAX_ROUNDS).contains(&round) => {
            problems.push(Problem::new(
                FIELD_ROUND,
                format!("lần biểu quyết phải là 1, 2 hoặc 3 (nhận được {round})"),
            ))
        }
        _ => {}
    }
    let (limit, label) = cast_limit;
    problems.extend(
        check_tally_against(progress, limit, label)
            .into_iter()
            .map(|p| p.prefixed(FIELD_PROGRESS)),
    );
    match (removal_required(profile, base, progress), removal) {
        (Some(true), None) => problems.push(Problem::new(
            FIELD_REMOVAL,
            "chưa đạt số phiếu công nhận sự tiến bộ nên phải bỏ phiếu đề nghị xem xét đưa đảng viên ra khỏi Đảng",
        )),
        (Some(false), Some(_)) => problems.push(Problem::new(
            FIELD_REMOVAL,
            format!(
                "không được bỏ phiếu đề nghị xem xét đưa ra khỏi Đảng: chỉ bỏ phiếu khi có trên một nửa {} không đồng ý công nhận sự tiến bộ",
                profile.base_description()
            ),
        )),
        (_, Some(t)) => problems.extend(
            check_tally_against(t, limit, label)
                .into_iter()
                .map(|p| p.prefixed(FIELD_REMOVAL)),
        ),
        (_, None) => {}
    }
    problems
}

/// The outcome for data already checked by [`ballot_problems`].
fn decide(
    profile: Profile,
    base: u32,
    progress: &Tally,
    removal: Option<&Tally>,
    round: u8,
) -> ScreeningOutcome {
    if profile
        .threshold(Ballot::Progress)
        .passes(progress.yes, base)
    {
        return ScreeningOutcome::RecogniseProgress;
    }
    let removal_passes =
        removal.is_some_and(|t| profile.threshold(Ballot::Removal).passes(t.yes, base));
    if removal_passes {
        return ScreeningOutcome::ProposeRemoval;
    }
    match profile {
        Profile::Hd02Btctw2021 => ScreeningOutcome::ContinueHelp {
            review_after_months: REVIEW_AFTER_MONTHS,
        },
        Profile::Qd02TuHanoi2025 if round < MAX_ROUNDS => ScreeningOutcome::Revote {
            round,
            next_round: round + 1,
        },
        Profile::Qd02TuHanoi2025 => ScreeningOutcome::Escalate,
    }
}

/// Hà Nội: the last day on which the branch may hold the next round after an
/// inconclusive one held on `held`. The vote is repeated "trong thời gian 02 kỳ
/// sinh hoạt kế tiếp" [000 appendix, Bước 3] and a branch meets once a month
/// (Điều lệ Đảng, Điều 24), so the two next regular meetings fall in the
/// [`REVOTE_WITHIN_MEETINGS`] months after `held`'s: the deadline is the last
/// day of the second month after it (05/01 → 31/3, 30/11 → 31/01).
pub fn revote_by(held: NaiveDate) -> NaiveDate {
    let first_of_month = held.with_day(1).unwrap_or(held);
    super::calendar::add_months(first_of_month, REVOTE_WITHIN_MEETINGS + 1)
        .pred_opt()
        .unwrap_or(NaiveDate::MAX)
}

/// Why the rounds of one member do not call for the Hà Nội escalation report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotEscalated {
    /// Only this many inconclusive rounds in a row so far (fewer than
    /// [`MAX_ROUNDS`]): the branch votes again.
    TooEarly { rounds: usize },
    /// The round at this index (0-based) reached a result, which ended the
    /// screening; no later round can follow it.
    Settled {
        round: usize,
        outcome: ScreeningOutcome,
    },
    /// More rounds than the regulation allows.
    TooMany { rounds: usize },
}

/// Hà Nội, Bước 3: "Trường hợp chi bộ đã qua ba lần liên tục biểu quyết nhưng
/// không quá một phần hai … hoặc không đủ hai phần ba … thì báo cáo cấp ủy cấp
/// trên trực tiếp và cấp ủy có thẩm quyền xem xét, quyết định" [000 appendix].
///
/// `outcomes` are one member's rounds in order, each as [`screening_outcome`]
/// decided it with round numbers 1, 2, 3: the report is due exactly when there
/// are [`MAX_ROUNDS`] of them, every one before the last a
/// [`ScreeningOutcome::Revote`] and the last [`ScreeningOutcome::Escalate`].
pub fn escalation_due(outcomes: &[ScreeningOutcome]) -> Result<(), NotEscalated> {
    let limit = usize::from(MAX_ROUNDS);
    if let Some((round, outcome)) = outcomes.iter().enumerate().find(|(_, o)| {
        !matches!(
            o,
            ScreeningOutcome::Revote { .. } | ScreeningOutcome::Escalate
        )
    }) {
        return Err(NotEscalated::Settled {
            round,
            outcome: *outcome,
        });
    }
    match outcomes.len() {
        n if n < limit => Err(NotEscalated::TooEarly { rounds: n }),
        n if n > limit => Err(NotEscalated::TooMany { rounds: n }),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HD02: Profile = Profile::Hd02Btctw2021;
    const HN: Profile = Profile::Qd02TuHanoi2025;

    use ScreeningOutcome::*;

    const fn t(cast: u32, yes: u32, no: u32, invalid: u32) -> Tally {
        Tally {
            cast,
            yes,
            no,
            invalid,
        }
    }

    struct Case {
        name: &'static str,
        profile: Profile,
        base: u32,
        progress: Tally,
        removal: Option<Tally>,
        round: u8,
        expect: Result<ScreeningOutcome, &'static [&'static str]>,
    }

    const fn case(
        name: &'static str,
        profile: Profile,
        base: u32,
        progress: Tally,
        removal: Option<Tally>,
        round: u8,
        expect: Result<ScreeningOutcome, &'static [&'static str]>,
    ) -> Case {
        Case {
            name,
            profile,
            base,
            progress,
            removal,
            round,
            expect,
        }
    }

    const CONTINUE: ScreeningOutcome = ContinueHelp {
        review_after_months: 12,
    };

    /// Every branch of both profiles: (name, profile, base, progress vote,
    /// removal vote, round) and the outcome, or the fields refused.
    const CASES: &[Case] = &[
        // ---- hd02: progress needs at least half, removal at least two thirds.
        case(
            "hd02 progress exactly half",
            HD02,
            10,
            t(10, 5, 5, 0),
            None,
            1,
            Ok(RecogniseProgress),
        ),
        case(
            "hd02 progress above half",
            HD02,
            9,
            t(9, 7, 2, 0),
            None,
            1,
            Ok(RecogniseProgress),
        ),
        case(
            "hd02 progress recognised, removal ignored",
            HD02,
            10,
            t(10, 5, 5, 0),
            Some(t(10, 7, 3, 0)),
            1,
            Ok(RecogniseProgress),
        ),
        case(
            "hd02 removal exactly two thirds",
            HD02,
            9,
            t(9, 4, 5, 0),
            Some(t(9, 6, 3, 0)),
            1,
            Ok(ProposeRemoval),
        ),
        case(
            "hd02 removal two thirds of 10 is 7",
            HD02,
            10,
            t(10, 4, 6, 0),
            Some(t(10, 7, 3, 0)),
            1,
            Ok(ProposeRemoval),
        ),
        case(
            "hd02 removal one short of two thirds",
            HD02,
            9,
            t(9, 4, 5, 0),
            Some(t(9, 5, 4, 0)),
            1,
            Ok(CONTINUE),
        ),
        case(
            "hd02 progress one short of half",
            HD02,
            10,
            t(10, 4, 5, 1),
            Some(t(10, 6, 4, 0)),
            1,
            Ok(CONTINUE),
        ),
        case(
            "hd02 absent voters count against",
            HD02,
            10,
            t(6, 4, 2, 0),
            Some(t(6, 6, 0, 0)),
            1,
            Ok(CONTINUE),
        ),
        case(
            "hd02 removal ballot missing",
            HD02,
            10,
            t(10, 4, 6, 0),
            None,
            1,
            Err(&["dua_ra_khoi_dang"]),
        ),
        case(
            "hd02 round must be 1",
            HD02,
            10,
            t(10, 5, 5, 0),
            None,
            2,
            Err(&["lan_bieu_quyet"]),
        ),
        case(
            "hd02 zero base",
            HD02,
            0,
            t(0, 0, 0, 0),
            None,
            1,
            Err(&["dang_vien_chinh_thuc"]),
        ),
        case(
            "hd02 progress counts exceed cast",
            HD02,
            10,
            t(9, 5, 4, 1),
            None,
            1,
            Err(&["tien_bo.dong_y"]),
        ),
        case(
            "hd02 progress cast exceeds base",
            HD02,
            10,
            t(11, 5, 5, 1),
            None,
            1,
            Err(&["tien_bo.phat_ra"]),
        ),
        case(
            "hd02 removal counts exceed cast",
            HD02,
            10,
            t(10, 4, 6, 0),
            Some(t(10, 7, 3, 1)),
            1,
            Err(&["dua_ra_khoi_dang.dong_y"]),
        ),
        case(
            "hd02 removal cast exceeds base",
            HD02,
            10,
            t(10, 4, 6, 0),
            Some(t(12, 7, 3, 0)),
            1,
            Err(&["dua_ra_khoi_dang.phat_ra"]),
        ),
        // ---- Hà Nội: progress needs more than half; removal only after more than half against.
        case(
            "hn progress more than half",
            HN,
            10,
            t(10, 6, 4, 0),
            None,
            1,
            Ok(RecogniseProgress),
        ),
        case(
            "hn progress more than half in round 3",
            HN,
            9,
            t(9, 5, 4, 0),
            None,
            3,
            Ok(RecogniseProgress),
        ),
        case(
            "hn progress exactly half is inconclusive",
            HN,
            10,
            t(10, 5, 5, 0),
            None,
            1,
            Ok(Revote {
                round: 1,
                next_round: 2,
            }),
        ),
        case(
            "hn exactly half against: no removal vote",
            HN,
            10,
            t(10, 4, 5, 1),
            None,
            2,
            Ok(Revote {
                round: 2,
                next_round: 3,
            }),
        ),
        case(
            "hn exactly half against, round 3",
            HN,
            10,
            t(10, 4, 5, 1),
            None,
            3,
            Ok(Escalate),
        ),
        case(
            "hn removal exactly two thirds",
            HN,
            9,
            t(9, 3, 5, 1),
            Some(t(9, 6, 3, 0)),
            1,
            Ok(ProposeRemoval),
        ),
        case(
            "hn removal in round 3",
            HN,
            10,
            t(10, 3, 6, 1),
            Some(t(10, 7, 3, 0)),
            3,
            Ok(ProposeRemoval),
        ),
        case(
            "hn removal one short, round 1",
            HN,
            9,
            t(9, 3, 5, 1),
            Some(t(9, 5, 4, 0)),
            1,
            Ok(Revote {
                round: 1,
                next_round: 2,
            }),
        ),
        case(
            "hn removal one short, round 2",
            HN,
            9,
            t(9, 3, 5, 1),
            Some(t(9, 5, 4, 0)),
            2,
            Ok(Revote {
                round: 2,
                next_round: 3,
            }),
        ),
        case(
            "hn removal one short, round 3",
            HN,
            9,
            t(9, 3, 5, 1),
            Some(t(9, 5, 4, 0)),
            3,
            Ok(Escalate),
        ),
        case(
            "hn removal ballot missing",
            HN,
            10,
            t(10, 3, 6, 1),
            None,
            1,
            Err(&["dua_ra_khoi_dang"]),
        ),
        case(
            "hn removal ballot not allowed",
            HN,
            10,
            t(10, 5, 5, 0),
            Some(t(10, 7, 3, 0)),
            1,
            Err(&["dua_ra_khoi_dang"]),
        ),
        case(
            "hn removal not allowed after progress",
            HN,
            10,
            t(10, 6, 4, 0),
            Some(t(10, 1, 9, 0)),
            1,
            Err(&["dua_ra_khoi_dang"]),
        ),
        case(
            "hn round 0",
            HN,
            10,
            t(10, 6, 4, 0),
            None,
            0,
            Err(&["lan_bieu_quyet"]),
        ),
        case(
            "hn round 4",
            HN,
            10,
            t(10, 6, 4, 0),
            None,
            4,
            Err(&["lan_bieu_quyet"]),
        ),
        case(
            "hn zero base",
            HN,
            0,
            t(0, 0, 0, 0),
            None,
            1,
            Err(&["trieu_tap"]),
        ),
        case(
            "hn progress counts exceed cast",
            HN,
            10,
            t(10, 6, 4, 1),
            None,
            1,
            Err(&["tien_bo.dong_y"]),
        ),
        case(
            "hn progress cast exceeds base",
            HN,
            10,
            t(11, 6, 4, 1),
            None,
            1,
            Err(&["tien_bo.phat_ra"]),
        ),
        case(
            "hn removal counts exceed cast",
            HN,
            10,
            t(10, 3, 6, 1),
            Some(t(10, 7, 3, 1)),
            1,
            Err(&["dua_ra_khoi_dang.dong_y"]),
        ),
        case(
            "hn every problem at once",
            HN,
            10,
            t(11, 6, 6, 0),
            None,
            5,
            Err(&[
                "lan_bieu_quyet",
                "tien_bo.dong_y",
                "tien_bo.phat_ra",
                "dua_ra_khoi_dang",
            ]),
        ),
    ];

    #[test]
    fn every_branch_of_both_profiles() {
        for c in CASES {
            let got =
                screening_outcome(c.profile, c.base, &c.progress, c.removal.as_ref(), c.round);
            match (&got, c.expect) {
                (Ok(outcome), Ok(expected)) => assert_eq!(*outcome, expected, "{}", c.name),
                (Err(problems), Err(fields)) => {
                    let got: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
                    assert_eq!(got, fields, "{}", c.name);
                    assert!(problems.iter().all(|p| !p.message.is_empty()), "{}", c.name);
                }
                _ => panic!("{}: expected {:?}, got {got:?}", c.name, c.expect),
            }
        }
    }

    fn meeting(full: u32, exempted: u32, convened: u32, present: u32) -> Attendance {
        Attendance {
            full_members: full,
            probationary: 1,
            exempted,
            convened,
            present,
        }
    }

    fn fields(r: Result<ScreeningOutcome, Vec<Problem>>) -> Vec<String> {
        r.expect_err("problems expected")
            .into_iter()
            .map(|p| p.field)
            .collect()
    }

    #[test]
    fn screen_bounds_ballots_by_members_present() {
        let a = meeting(12, 2, 10, 8);
        // 10 members in the hd02 base, 8 present: 5 yes is half of the base.
        assert_eq!(
            screen(HD02, &a, &t(8, 5, 3, 0), None, 1),
            Ok(RecogniseProgress)
        );
        // Cast above present although not above base.
        assert_eq!(
            fields(screen(HD02, &a, &t(9, 5, 4, 0), None, 1)),
            ["tien_bo.phat_ra"]
        );
        let err = screen(HN, &a, &t(9, 6, 3, 0), None, 1).expect_err("cast > present");
        assert!(err[0].message.contains("có mặt (8)"), "{}", err[0].message);
        assert_eq!(
            fields(screen(HN, &a, &t(8, 2, 6, 0), Some(&t(9, 7, 2, 0)), 1)),
            ["dua_ra_khoi_dang.phat_ra"]
        );
    }

    #[test]
    fn screen_reports_attendance_and_ballots_together() {
        let bad = meeting(10, 0, 8, 9);
        assert_eq!(
            fields(screen(HN, &bad, &t(9, 6, 4, 0), None, 1)),
            ["co_mat", "tien_bo.dong_y"]
        );
        let empty = meeting(10, 0, 0, 0);
        assert_eq!(
            fields(screen(HN, &empty, &t(0, 0, 0, 0), None, 1)),
            ["trieu_tap"]
        );
        // Hà Nội base is the convened members, not full minus exempted.
        let a = meeting(12, 0, 9, 9);
        assert_eq!(
            screen(HN, &a, &t(9, 3, 5, 1), Some(&t(9, 6, 3, 0)), 2),
            Ok(ProposeRemoval)
        );
    }

    #[test]
    fn labels_and_serde() {
        assert_eq!(RecogniseProgress.label(), "Công nhận sự tiến bộ");
        assert_eq!(ProposeRemoval.label(), "Đề nghị xem xét đưa ra khỏi Đảng");
        assert_eq!(CONTINUE.label(), "Tiếp tục giúp đỡ");
        assert_eq!(
            Revote {
                round: 1,
                next_round: 2
            }
            .label(),
            "Bỏ phiếu lại"
        );
        assert_eq!(
            Escalate.label(),
            "Báo cáo cấp ủy cấp trên xem xét, quyết định"
        );
        let json = serde_json::to_string(&Revote {
            round: 1,
            next_round: 2,
        })
        .expect("serialise");
        assert_eq!(json, r#"{"kind":"revote","round":1,"next_round":2}"#);
        assert_eq!(
            serde_json::to_string(&CONTINUE).expect("serialise"),
            r#"{"kind":"continue-help","review_after_months":12}"#
        );
    }

    /// Hà Nội's round counting: (outcomes of the rounds in order, verdict).
    #[test]
    fn the_escalation_report_is_due_only_after_three_inconclusive_rounds() {
        let r1 = Revote {
            round: 1,
            next_round: 2,
        };
        let r2 = Revote {
            round: 2,
            next_round: 3,
        };
        let rows: [(&str, &[ScreeningOutcome], Result<(), NotEscalated>); 9] = [
            ("no round", &[], Err(NotEscalated::TooEarly { rounds: 0 })),
            (
                "one round",
                &[r1],
                Err(NotEscalated::TooEarly { rounds: 1 }),
            ),
            (
                "two rounds",
                &[r1, r2],
                Err(NotEscalated::TooEarly { rounds: 2 }),
            ),
            ("three inconclusive", &[r1, r2, Escalate], Ok(())),
            (
                "progress in round 2",
                &[r1, RecogniseProgress],
                Err(NotEscalated::Settled {
                    round: 1,
                    outcome: RecogniseProgress,
                }),
            ),
            (
                "removal in round 1, then more",
                &[ProposeRemoval, r2, Escalate],
                Err(NotEscalated::Settled {
                    round: 0,
                    outcome: ProposeRemoval,
                }),
            ),
            (
                "removal in round 3",
                &[r1, r2, ProposeRemoval],
                Err(NotEscalated::Settled {
                    round: 2,
                    outcome: ProposeRemoval,
                }),
            ),
            (
                "hd02's continue help is a result",
                &[CONTINUE],
                Err(NotEscalated::Settled {
                    round: 0,
                    outcome: CONTINUE,
                }),
            ),
            (
                "a fourth round",
                &[r1, r2, Escalate, Escalate],
                Err(NotEscalated::TooMany { rounds: 4 }),
            ),
        ];
        for (name, outcomes, expect) in rows {
            assert_eq!(escalation_due(outcomes), expect, "{name}");
        }
    }

    /// The rounds as `screening_outcome` decides them, fed to the counter:
    /// three rounds of 8 and 12 yes out of 22 convened escalate at round 3.
    #[test]
    fn three_real_inconclusive_ballots_escalate() {
        let progress = t(21, 8, 12, 1);
        let removal = t(21, 12, 9, 0);
        let outcomes: Vec<ScreeningOutcome> = (1..=3)
            .map(|round| screening_outcome(HN, 22, &progress, Some(&removal), round).unwrap())
            .collect();
        assert_eq!(escalation_due(&outcomes), Ok(()));
        assert_eq!(
            escalation_due(&outcomes[..2]),
            Err(NotEscalated::TooEarly { rounds: 2 })
        );
    }

    #[test]
    fn the_next_round_falls_within_the_two_next_monthly_meetings() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let rows = [
            (d(2027, 1, 5), d(2027, 3, 31)),
            (d(2027, 1, 31), d(2027, 3, 31)),
            (d(2026, 11, 30), d(2027, 1, 31)),
            (d(2026, 12, 1), d(2027, 2, 28)),
            (d(2027, 12, 15), d(2028, 2, 29)),
        ];
        for (held, by) in rows {
            assert_eq!(revote_by(held), by, "{held}");
        }
    }
}
