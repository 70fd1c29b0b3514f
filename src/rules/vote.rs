//! Vote thresholds and ballot consistency (rules.md §2).
//!
//! Two regulations govern the screening of party members and they count differently;
//! each is a [`Profile`] and a case names the one it follows. All comparisons are
//! exact integer arithmetic in `u64`, so no threshold can be missed by a rounding
//! error and no count can overflow.

use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::vocab::Label;

use super::format;

/// A rule profile: which regulation decides the denominators and thresholds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[schemars(
    title = "Quy định áp dụng",
    description = "Văn bản quyết định cách tính mẫu số và ngưỡng biểu quyết"
)]
pub enum Profile {
    /// Hướng dẫn 02-HD/BTCTW of 12/4/2021 (nation-wide).
    #[serde(rename = "hd02-btctw-2021")]
    #[schemars(
        title = "Hướng dẫn 02-HD/BTCTW ngày 12/4/2021 (toàn quốc)",
        description = ""
    )]
    Hd02Btctw2021,
    /// Quy định 02-QĐ/TU of Hà Nội, 19/11/2025.
    #[serde(rename = "qd02-tu-hanoi-2025")]
    #[schemars(
        title = "Quy định 02-QĐ/TU ngày 19/11/2025 của Thành ủy Hà Nội",
        description = ""
    )]
    Qd02TuHanoi2025,
}

impl Profile {
    /// Every profile the product supports.
    pub const ALL: [Profile; 2] = [Profile::Hd02Btctw2021, Profile::Qd02TuHanoi2025];

    /// Stable identifier, identical to the serde form: `hd02-btctw-2021`.
    pub fn id(self) -> &'static str {
        match self {
            Profile::Hd02Btctw2021 => "hd02-btctw-2021",
            Profile::Qd02TuHanoi2025 => "qd02-tu-hanoi-2025",
        }
    }

    /// Looks a profile up by its [`id`](Self::id).
    pub fn from_id(id: &str) -> Option<Profile> {
        Profile::ALL.into_iter().find(|p| p.id() == id)
    }

    /// Threshold a ballot must reach under this profile.
    pub fn threshold(self, ballot: Ballot) -> Threshold {
        match (self, ballot) {
            (Profile::Hd02Btctw2021, Ballot::Inclusion) => Threshold::AtLeastTwoThirds,
            (Profile::Hd02Btctw2021, Ballot::Progress) => Threshold::AtLeastHalf,
            (Profile::Qd02TuHanoi2025, Ballot::Inclusion | Ballot::Progress) => {
                Threshold::MoreThanHalf
            }
            (_, Ballot::Removal) => Threshold::AtLeastTwoThirds,
            (_, Ballot::Resolution) => Threshold::MoreThanHalf,
        }
    }

    /// What the denominator is, in the words of the regulation (for resolutions and
    /// minutes: "… trên tổng số {base_description}").
    pub fn base_description(self) -> &'static str {
        match self {
            Profile::Hd02Btctw2021 => {
                "số đảng viên chính thức của chi bộ (trừ đảng viên được miễn công tác và sinh hoạt đảng)"
            }
            Profile::Qd02TuHanoi2025 => "số đảng viên chính thức của chi bộ được triệu tập",
        }
    }

    /// The denominator of every vote under this profile.
    ///
    /// hd02: full members minus exempted members (saturating at 0 when the data is
    /// inconsistent; [`check_attendance`] reports that case). Hà Nội: convened full
    /// members.
    pub fn base(self, full_members: u32, exempted: u32, convened: u32) -> u32 {
        match self {
            Profile::Hd02Btctw2021 => full_members.saturating_sub(exempted),
            Profile::Qd02TuHanoi2025 => convened,
        }
    }

    /// Whether the help period is exactly 12 months (hd02) rather than at most 12
    /// months (Hà Nội: the branch may screen earlier).
    pub fn help_period_is_exact(self) -> bool {
        match self {
            Profile::Hd02Btctw2021 => true,
            Profile::Qd02TuHanoi2025 => false,
        }
    }

    /// Which JSON field of [`Attendance`] is the denominator, so problems about a
    /// zero base point at something the clerk can fix.
    pub fn base_field(self) -> &'static str {
        match self {
            Profile::Hd02Btctw2021 => "dang_vien_chinh_thuc",
            Profile::Qd02TuHanoi2025 => "trieu_tap",
        }
    }
}

/// The secret ballots of the screening workflow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[schemars(
    title = "Lần biểu quyết",
    description = "Lần bỏ phiếu kín trong quy trình sàng lọc"
)]
pub enum Ballot {
    /// Step 1: put the member on the list of those needing education and help.
    #[schemars(
        title = "Đưa vào danh sách cần giáo dục, giúp đỡ",
        description = "Bước 1"
    )]
    Inclusion,
    /// Step 3a: recognise the member's progress.
    #[schemars(title = "Công nhận tiến bộ", description = "Bước 3")]
    Progress,
    /// Step 3b: propose removing the member from the Party.
    #[schemars(title = "Đề nghị đưa ra khỏi Đảng", description = "Bước 3")]
    Removal,
    /// A branch resolution on one member outside the screening steps:
    /// proposing to strike them from the roll at once, or to exempt them from
    /// party work and meetings. The seeds give no threshold of their own for
    /// these ("chi bộ xem xét ra nghị quyết", seed 000 §1.4 and appendix 1.1),
    /// so the Charter's rule for any resolution applies: more than half.
    Resolution,
}

/// How many of `base` must vote yes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Threshold {
    /// `3 * yes >= 2 * base`.
    AtLeastTwoThirds,
    /// `2 * yes >= base`.
    AtLeastHalf,
    /// `2 * yes > base`.
    MoreThanHalf,
}

impl Threshold {
    /// Whether `yes` votes out of `base` reach the threshold (exact, in u64).
    pub fn passes(self, yes: u32, base: u32) -> bool {
        let (yes, base) = (u64::from(yes), u64::from(base));
        match self {
            Threshold::AtLeastTwoThirds => 3 * yes >= 2 * base,
            Threshold::AtLeastHalf => 2 * yes >= base,
            Threshold::MoreThanHalf => 2 * yes > base,
        }
    }

    /// Least number of yes votes that passes: ⌈2b/3⌉, ⌈b/2⌉ or ⌊b/2⌋+1.
    /// For `base == 0` this is 0 (1 for "more than half"), but votes on an empty
    /// base are refused elsewhere ([`decide`]).
    pub fn min_yes(self, base: u32) -> u32 {
        let b = u64::from(base);
        let min = match self {
            Threshold::AtLeastTwoThirds => (2 * b).div_ceil(3),
            Threshold::AtLeastHalf => b.div_ceil(2),
            Threshold::MoreThanHalf => b / 2 + 1,
        };
        // Every value above is at most base / 2 + 1 or ⌈2·base/3⌉, both ≤ u32::MAX.
        u32::try_from(min).unwrap_or(u32::MAX)
    }
}

/// Vietnamese wording as used in resolutions: "từ hai phần ba trở lên".
impl Label for Threshold {
    fn label(self) -> &'static str {
        match self {
            Threshold::AtLeastTwoThirds => "từ hai phần ba trở lên",
            Threshold::AtLeastHalf => "từ một nửa trở lên",
            Threshold::MoreThanHalf => "trên một nửa",
        }
    }
}

/// One problem found in case data, addressed to the clerk who wrote it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub struct Problem {
    /// Path of the offending field relative to the checked object, using the JSON
    /// (Vietnamese) field names: `co_mat`, `phat_ra`, `tien_bo.dong_y`.
    pub field: String,
    /// Explanation in Vietnamese for the end user.
    pub message: String,
    /// The committee's branch (`to_chuc.ten`) the problem is in, for the
    /// quarterly pack.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub branch: Option<String>,
    /// For a problem in a roster table: the cell.
    #[serde(flatten, default, skip_serializing_if = "Option::is_none")]
    pub cell: Option<RosterCell>,
}

/// Where in a roster file (CSV or XLSX) a problem is, as the spreadsheet
/// shows it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub struct RosterCell {
    /// The sheet name (XLSX) or the file name (CSV).
    pub sheet: String,
    /// 1-based row number as the spreadsheet shows it (the header is row 1).
    pub row: usize,
    /// Column letter ("C"), when the problem is in one cell.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    /// The column's header text ("Giới tính"), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub header: Option<String>,
}

impl Problem {
    /// A problem on `field`.
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Problem {
            field: field.into(),
            message: message.into(),
            branch: None,
            cell: None,
        }
    }

    /// The same problem, located in a roster cell.
    pub fn in_cell(mut self, cell: RosterCell) -> Self {
        self.cell = Some(cell);
        self
    }

    /// The same problem, in a committee's branch.
    pub fn in_branch(mut self, branch: impl Into<String>) -> Self {
        self.branch = Some(branch.into());
        self
    }

    /// The same problem seen from an enclosing object: `dong_y` under `phieu`
    /// becomes `phieu.dong_y`.
    pub fn prefixed(mut self, prefix: &str) -> Self {
        if !prefix.is_empty() {
            self.field = format!("{prefix}.{}", self.field);
        }
        self
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

/// Why a vote could not be decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum VoteError {
    /// The denominator is zero: nobody could vote.
    ZeroBase,
    /// More yes votes than voters in the denominator.
    YesExceedsBase {
        /// Yes votes counted.
        yes: u32,
        /// The denominator.
        base: u32,
    },
}

impl fmt::Display for VoteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            VoteError::ZeroBase => f.write_str(
                "không có đảng viên chính thức nào có quyền biểu quyết: không thể xác định kết quả bỏ phiếu",
            ),
            VoteError::YesExceedsBase { yes, base } => write!(
                f,
                "số phiếu đồng ý ({yes}) vượt quá số đảng viên chính thức có quyền biểu quyết ({base})"
            ),
        }
    }
}

impl std::error::Error for VoteError {}

/// Counted ballots for one member in one vote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Kết quả kiểm phiếu", description = "")]
pub struct Tally {
    /// Ballots handed out (số phiếu phát ra).
    #[schemars(title = "Số phiếu phát ra", description = "")]
    #[serde(rename = "phat_ra")]
    pub cast: u32,
    /// Ballots in favour (đồng ý).
    #[schemars(title = "Số phiếu đồng ý", description = "")]
    #[serde(rename = "dong_y")]
    pub yes: u32,
    /// Ballots against (không đồng ý).
    #[schemars(title = "Số phiếu không đồng ý", description = "")]
    #[serde(rename = "khong_dong_y")]
    pub no: u32,
    /// Invalid ballots (không hợp lệ).
    #[schemars(title = "Số phiếu không hợp lệ", description = "")]
    #[serde(rename = "khong_hop_le")]
    pub invalid: u32,
}

/// Result of one ballot, ready to be written into minutes and resolutions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Outcome {
    /// Whether the ballot reached its threshold.
    pub passed: bool,
    /// Least number of yes votes that would have passed.
    pub min_yes: u32,
    /// `yes / base` as a Vietnamese percentage: `66,67%`.
    pub percent: String,
    /// The threshold that was applied.
    pub threshold: Threshold,
}

/// The vote engine's answer, one shape for the command line (`dangvu vote`)
/// and the HTTP service (`POST /v1/vote`): the question, the outcome, and the
/// threshold both as a code for programs and in the words of resolutions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Decision {
    /// The regulation that decided the threshold.
    pub profile: Profile,
    /// Which ballot of the screening workflow.
    pub ballot: Ballot,
    /// The denominator: voters the regulation counts.
    pub base: u32,
    /// Yes votes.
    pub yes: u32,
    #[serde(flatten)]
    pub outcome: Outcome,
    /// The threshold in the words of resolutions: "từ hai phần ba trở lên".
    pub threshold_vi: String,
}

impl Decision {
    /// Decides one ballot ([`decide`]) and keeps the question with the answer.
    pub fn new(profile: Profile, ballot: Ballot, base: u32, yes: u32) -> Result<Self, VoteError> {
        let outcome = decide(profile, ballot, base, yes)?;
        Ok(Decision {
            profile,
            ballot,
            base,
            yes,
            threshold_vi: outcome.threshold.label().to_string(),
            outcome,
        })
    }
}

impl VoteError {
    /// The input field to correct: the base when it is zero, else the yes votes.
    pub fn field(self) -> &'static str {
        match self {
            VoteError::ZeroBase => "base",
            VoteError::YesExceedsBase { .. } => "yes",
        }
    }
}

/// Decides one ballot. `base` must be positive and `yes` may not exceed it.
pub fn decide(profile: Profile, ballot: Ballot, base: u32, yes: u32) -> Result<Outcome, VoteError> {
    if base == 0 {
        return Err(VoteError::ZeroBase);
    }
    if yes > base {
        return Err(VoteError::YesExceedsBase { yes, base });
    }
    let threshold = profile.threshold(ballot);
    Ok(Outcome {
        passed: threshold.passes(yes, base),
        min_yes: threshold.min_yes(base),
        percent: format::ratio_percent(u64::from(yes), u64::from(base)),
        threshold,
    })
}

/// Consistency of one tally against the meeting: `yes + no + invalid <= cast <= present`.
/// Returns every problem found, with fields relative to the tally (`dong_y`, `phat_ra`);
/// prefix them with [`Problem::prefixed`] when the tally sits inside a larger object.
///
/// `present` is the number of full members present (the only ones who vote), which
/// [`check_attendance`] has already bounded by the profile's base.
pub fn check_tally(t: &Tally, present: u32) -> Vec<Problem> {
    check_tally_against(t, present, "số đảng viên chính thức có mặt")
}

/// [`check_tally`] against any upper bound for the ballots cast; `limit_label` names
/// that bound in the message.
pub(crate) fn check_tally_against(t: &Tally, limit: u32, limit_label: &str) -> Vec<Problem> {
    let mut problems = Vec::new();
    let counted = u64::from(t.yes) + u64::from(t.no) + u64::from(t.invalid);
    if counted > u64::from(t.cast) {
        problems.push(Problem::new(
            "dong_y",
            format!(
                "số phiếu đồng ý ({}) cộng không đồng ý ({}) và không hợp lệ ({}) vượt quá số phiếu phát ra ({})",
                t.yes, t.no, t.invalid, t.cast
            ),
        ));
    }
    if t.cast > limit {
        problems.push(Problem::new(
            "phat_ra",
            format!(
                "số phiếu phát ra ({}) vượt quá {limit_label} ({limit})",
                t.cast
            ),
        ));
    }
    problems
}

/// Who belongs to the branch and who came to the meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Số lượng đảng viên", description = "")]
pub struct Attendance {
    /// Full (chính thức) members of the branch, including exempted ones.
    #[schemars(
        title = "Số đảng viên chính thức",
        description = "Kể cả đảng viên được miễn sinh hoạt"
    )]
    #[serde(rename = "dang_vien_chinh_thuc")]
    pub full_members: u32,
    /// Probationary (dự bị) members: they attend but never vote and never count.
    #[schemars(
        title = "Số đảng viên dự bị",
        description = "Dự họp nhưng không biểu quyết và không tính vào mẫu số"
    )]
    #[serde(rename = "dang_vien_du_bi")]
    pub probationary: u32,
    /// Full members exempted from work and party meetings.
    #[schemars(
        title = "Số đảng viên được miễn sinh hoạt",
        description = "Đảng viên chính thức được miễn công tác và sinh hoạt đảng"
    )]
    #[serde(rename = "mien_sinh_hoat")]
    pub exempted: u32,
    /// Full members convened to the meeting.
    #[schemars(title = "Số đảng viên chính thức được triệu tập", description = "")]
    #[serde(rename = "trieu_tap")]
    pub convened: u32,
    /// Full members present (the voters); probationary members are not counted here.
    #[schemars(
        title = "Số đảng viên chính thức có mặt",
        description = "Những người biểu quyết; không tính đảng viên dự bị"
    )]
    #[serde(rename = "co_mat")]
    pub present: u32,
}

impl Attendance {
    /// The profile's denominator for this meeting.
    pub fn base(&self, profile: Profile) -> u32 {
        profile.base(self.full_members, self.exempted, self.convened)
    }
}

/// Meeting-level checks: exempted ≤ full, convened ≤ full, present ≤ convened,
/// present ≤ base (hd02: full − exempted), base > 0. Returns every problem found.
pub fn check_attendance(profile: Profile, a: &Attendance) -> Vec<Problem> {
    const FULL: &str = "số đảng viên chính thức";
    const CONVENED: &str = "số đảng viên được triệu tập";
    const PRESENT: &str = "số đảng viên chính thức có mặt";
    let exempted_ok = a.exempted <= a.full_members;
    let base = a.base(profile);
    let hd02_base = profile == Profile::Hd02Btctw2021 && exempted_ok;
    let mut problems: Vec<Problem> = [
        exceeds(
            "mien_sinh_hoat",
            (
                "số đảng viên được miễn công tác và sinh hoạt đảng",
                a.exempted,
            ),
            (FULL, a.full_members),
        ),
        exceeds("trieu_tap", (CONVENED, a.convened), (FULL, a.full_members)),
        exceeds("co_mat", (PRESENT, a.present), (CONVENED, a.convened)),
        exceeds(
            "co_mat",
            (PRESENT, a.present),
            (profile.base_description(), base),
        )
        .filter(|_| hd02_base),
    ]
    .into_iter()
    .flatten()
    .collect();
    if base == 0 && exempted_ok {
        problems.push(zero_base_problem(profile));
    }
    problems
}

/// "<count> (n) vượt quá <limit> (m)" on `field`, when n > m.
fn exceeds(field: &str, (what, n): (&str, u32), (limit, m): (&str, u32)) -> Option<Problem> {
    (n > m).then(|| Problem::new(field, format!("{what} ({n}) vượt quá {limit} ({m})")))
}

/// The problem reported when the profile's denominator is zero, on the field that
/// makes it so.
pub(super) fn zero_base_problem(profile: Profile) -> Problem {
    Problem::new(
        profile.base_field(),
        format!(
            "{} bằng 0: không thể bỏ phiếu",
            capitalise(profile.base_description())
        ),
    )
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HD02: Profile = Profile::Hd02Btctw2021;
    const HN: Profile = Profile::Qd02TuHanoi2025;

    #[test]
    fn min_yes_worked_examples() {
        let two_thirds = [(9, 6), (10, 7), (12, 8), (13, 9), (3, 2), (1, 1)];
        for (base, min) in two_thirds {
            assert_eq!(
                Threshold::AtLeastTwoThirds.min_yes(base),
                min,
                "2/3 of {base}"
            );
        }
        let half = [(9, 5), (10, 5), (7, 4)];
        for (base, min) in half {
            assert_eq!(Threshold::AtLeastHalf.min_yes(base), min, "1/2 of {base}");
        }
        let more_than_half = [(9, 5), (10, 6), (7, 4), (2, 2)];
        for (base, min) in more_than_half {
            assert_eq!(Threshold::MoreThanHalf.min_yes(base), min, ">1/2 of {base}");
        }
    }

    #[test]
    fn min_yes_is_the_boundary_of_passes() {
        let all = [
            Threshold::AtLeastTwoThirds,
            Threshold::AtLeastHalf,
            Threshold::MoreThanHalf,
        ];
        for t in all {
            for base in 1..=60u32 {
                let min = t.min_yes(base);
                assert!(t.passes(min, base), "{t:?} {min}/{base} passes");
                assert!(!t.passes(min - 1, base), "{t:?} {}/{base} fails", min - 1);
            }
        }
    }

    #[test]
    fn passes_at_and_around_boundaries() {
        // Exactly two thirds passes, one less fails.
        assert!(Threshold::AtLeastTwoThirds.passes(6, 9));
        assert!(!Threshold::AtLeastTwoThirds.passes(5, 9));
        assert!(Threshold::AtLeastTwoThirds.passes(8, 12));
        assert!(!Threshold::AtLeastTwoThirds.passes(6, 10));
        assert!(Threshold::AtLeastTwoThirds.passes(7, 10));
        // Exactly half passes "at least half" but not "more than half".
        assert!(Threshold::AtLeastHalf.passes(5, 10));
        assert!(!Threshold::AtLeastHalf.passes(4, 10));
        assert!(!Threshold::MoreThanHalf.passes(5, 10));
        assert!(Threshold::MoreThanHalf.passes(6, 10));
        assert!(Threshold::MoreThanHalf.passes(5, 9));
        assert!(!Threshold::MoreThanHalf.passes(4, 9));
        // No overflow at the extremes.
        assert!(Threshold::AtLeastTwoThirds.passes(u32::MAX, u32::MAX));
        assert!(!Threshold::MoreThanHalf.passes(u32::MAX / 2, u32::MAX));
        assert_eq!(Threshold::AtLeastTwoThirds.min_yes(u32::MAX), 2_863_311_530);
        assert_eq!(Threshold::MoreThanHalf.min_yes(u32::MAX), 2_147_483_648);
    }

    #[test]
    fn profile_thresholds() {
        assert_eq!(
            HD02.threshold(Ballot::Inclusion),
            Threshold::AtLeastTwoThirds
        );
        assert_eq!(HD02.threshold(Ballot::Progress), Threshold::AtLeastHalf);
        assert_eq!(HD02.threshold(Ballot::Removal), Threshold::AtLeastTwoThirds);
        assert_eq!(HN.threshold(Ballot::Inclusion), Threshold::MoreThanHalf);
        assert_eq!(HN.threshold(Ballot::Progress), Threshold::MoreThanHalf);
        assert_eq!(HN.threshold(Ballot::Removal), Threshold::AtLeastTwoThirds);
        // Xóa tên / miễn sinh hoạt resolutions: more than half under both profiles.
        assert_eq!(HD02.threshold(Ballot::Resolution), Threshold::MoreThanHalf);
        assert_eq!(HN.threshold(Ballot::Resolution), Threshold::MoreThanHalf);
    }

    #[test]
    fn profile_ids_and_serde_agree() {
        for p in Profile::ALL {
            let json = serde_json::to_string(&p).expect("serialise");
            assert_eq!(json, format!("\"{}\"", p.id()));
            assert_eq!(Profile::from_id(p.id()), Some(p));
            let back: Profile = serde_json::from_str(&json).expect("deserialise");
            assert_eq!(back, p);
        }
        assert_eq!(Profile::from_id("nope"), None);
        assert_eq!(
            serde_json::to_string(&Ballot::Progress).expect("serialise"),
            "\"progress\""
        );
    }

    #[test]
    fn profile_base_and_help_period() {
        assert_eq!(HD02.base(15, 2, 10), 13);
        assert_eq!(HN.base(15, 2, 10), 10);
        assert_eq!(HD02.base(1, 2, 0), 0);
        assert!(HD02.help_period_is_exact());
        assert!(!HN.help_period_is_exact());
        assert!(HD02.base_description().contains("trừ đảng viên được miễn"));
        assert!(HN.base_description().contains("được triệu tập"));
    }

    #[test]
    fn describe_thresholds() {
        assert_eq!(
            Threshold::AtLeastTwoThirds.label(),
            "từ hai phần ba trở lên"
        );
        assert_eq!(Threshold::AtLeastHalf.label(), "từ một nửa trở lên");
        assert_eq!(Threshold::MoreThanHalf.label(), "trên một nửa");
    }

    #[test]
    fn decide_gives_percent_and_minimum() {
        let o = decide(HD02, Ballot::Removal, 9, 6).expect("valid");
        assert!(o.passed);
        assert_eq!(o.min_yes, 6);
        assert_eq!(o.percent, "66,67%");
        assert_eq!(o.threshold, Threshold::AtLeastTwoThirds);

        let o = decide(HD02, Ballot::Removal, 10, 6).expect("valid");
        assert!(!o.passed);
        assert_eq!(o.min_yes, 7);
        assert_eq!(o.percent, "60%");

        let o = decide(HN, Ballot::Progress, 10, 5).expect("valid");
        assert!(!o.passed);
        assert_eq!(o.percent, "50%");
        let o = decide(HD02, Ballot::Progress, 10, 5).expect("valid");
        assert!(o.passed);

        let percents = [
            (7, 10, "70%"),
            (1, 8, "12,5%"),
            (2, 3, "66,67%"),
            (1, 3, "33,33%"),
            (0, 5, "0%"),
        ];
        for (yes, base, expected) in percents {
            let o = decide(HN, Ballot::Inclusion, base, yes).expect("valid");
            assert_eq!(o.percent, expected, "{yes}/{base}");
        }
    }

    #[test]
    fn decide_refuses_impossible_votes() {
        assert_eq!(decide(HN, Ballot::Progress, 0, 0), Err(VoteError::ZeroBase));
        assert_eq!(
            decide(HN, Ballot::Progress, 5, 6),
            Err(VoteError::YesExceedsBase { yes: 6, base: 5 })
        );
        assert!(VoteError::ZeroBase.to_string().contains("không thể"));
    }

    fn tally(cast: u32, yes: u32, no: u32, invalid: u32) -> Tally {
        Tally {
            cast,
            yes,
            no,
            invalid,
        }
    }

    fn fields(problems: &[Problem]) -> Vec<&str> {
        problems.iter().map(|p| p.field.as_str()).collect()
    }

    #[test]
    fn tally_checks() {
        assert!(check_tally(&tally(10, 6, 3, 1), 10).is_empty());
        assert!(check_tally(&tally(10, 5, 3, 1), 12).is_empty());

        let p = check_tally(&tally(10, 7, 3, 1), 10);
        assert_eq!(fields(&p), ["dong_y"]);
        assert_eq!(
            p[0].message,
            "số phiếu đồng ý (7) cộng không đồng ý (3) và không hợp lệ (1) vượt quá số phiếu phát ra (10)"
        );

        let p = check_tally(&tally(11, 6, 3, 1), 10);
        assert_eq!(fields(&p), ["phat_ra"]);
        assert!(p[0].message.contains("(11)") && p[0].message.contains("(10)"));

        let p = check_tally(&tally(11, 9, 3, 0), 10);
        assert_eq!(fields(&p), ["dong_y", "phat_ra"]);

        // Sums are computed in u64: no overflow panic.
        let p = check_tally(&tally(1, u32::MAX, u32::MAX, u32::MAX), 1);
        assert_eq!(fields(&p), ["dong_y"]);
    }

    #[test]
    fn problem_prefix_and_display() {
        let p = Problem::new("dong_y", "sai").prefixed("phieu");
        assert_eq!(p.field, "phieu.dong_y");
        assert_eq!(p.to_string(), "phieu.dong_y: sai");
        assert_eq!(Problem::new("a", "b").prefixed("").field, "a");
    }

    #[test]
    fn tally_json_uses_vietnamese_names_and_refuses_bad_input() {
        let t: Tally = serde_json::from_str(
            r#"{"phat_ra": 10, "dong_y": 6, "khong_dong_y": 3, "khong_hop_le": 1}"#,
        )
        .expect("valid tally");
        assert_eq!(t, tally(10, 6, 3, 1));
        assert!(
            serde_json::from_str::<Tally>(
                r#"{"phat_ra": 10, "dong_y": 6, "khong_dong_y": 3, "khong_hop_le": 1, "x": 1}"#
            )
            .is_err()
        );
        // Negative counts are refused by the type.
        assert!(
            serde_json::from_str::<Tally>(
                r#"{"phat_ra": 10, "dong_y": -1, "khong_dong_y": 3, "khong_hop_le": 1}"#
            )
            .is_err()
        );
    }

    #[test]
    fn json_schemas_use_vietnamese_names() {
        let tally = serde_json::to_string(&schemars::schema_for!(Tally)).expect("schema");
        for name in ["phat_ra", "dong_y", "khong_dong_y", "khong_hop_le"] {
            assert!(tally.contains(name), "{name} in {tally}");
        }
        let meeting = serde_json::to_string(&schemars::schema_for!(Attendance)).expect("schema");
        for name in [
            "dang_vien_chinh_thuc",
            "dang_vien_du_bi",
            "mien_sinh_hoat",
            "trieu_tap",
            "co_mat",
        ] {
            assert!(meeting.contains(name), "{name} in {meeting}");
        }
        let profile = serde_json::to_string(&schemars::schema_for!(Profile)).expect("schema");
        assert!(profile.contains("qd02-tu-hanoi-2025"));
    }

    fn attendance(full: u32, exempted: u32, convened: u32, present: u32) -> Attendance {
        Attendance {
            full_members: full,
            probationary: 2,
            exempted,
            convened,
            present,
        }
    }

    #[test]
    fn attendance_json_uses_vietnamese_names() {
        let a: Attendance = serde_json::from_str(
            r#"{"dang_vien_chinh_thuc": 15, "dang_vien_du_bi": 2, "mien_sinh_hoat": 2, "trieu_tap": 13, "co_mat": 12}"#,
        )
        .expect("valid attendance");
        assert_eq!(a, attendance(15, 2, 13, 12));
        assert_eq!(a.base(HD02), 13);
        assert_eq!(a.base(HN), 13);
        assert!(serde_json::from_str::<Attendance>(
            r#"{"dang_vien_chinh_thuc": 15, "dang_vien_du_bi": 2, "mien_sinh_hoat": 2, "trieu_tap": 13}"#
        )
        .is_err());
    }

    #[test]
    fn attendance_checks() {
        for p in Profile::ALL {
            assert!(
                check_attendance(p, &attendance(15, 2, 13, 12)).is_empty(),
                "{p:?}"
            );
        }
        // Exempted members above full members.
        let p = check_attendance(HD02, &attendance(3, 4, 3, 3));
        assert_eq!(fields(&p), ["mien_sinh_hoat"]);
        // Convened above full members; present above convened.
        let p = check_attendance(HN, &attendance(10, 0, 11, 11));
        assert_eq!(fields(&p), ["trieu_tap"]);
        let p = check_attendance(HN, &attendance(10, 0, 8, 9));
        assert_eq!(fields(&p), ["co_mat"]);
        // hd02: present may not exceed full − exempted even when all were convened.
        let p = check_attendance(HD02, &attendance(10, 2, 10, 9));
        assert_eq!(fields(&p), ["co_mat"]);
        assert!(p[0].message.contains("(8)"));
        assert!(check_attendance(HN, &attendance(10, 2, 10, 9)).is_empty());
        // Zero base names the profile's denominator field.
        let p = check_attendance(HN, &attendance(10, 0, 0, 0));
        assert_eq!(fields(&p), ["trieu_tap"]);
        assert!(p[0].message.starts_with("Số đảng viên chính thức"));
        let p = check_attendance(HD02, &attendance(4, 4, 4, 0));
        assert_eq!(fields(&p), ["dang_vien_chinh_thuc"]);
        // Every problem is reported at once.
        let p = check_attendance(HD02, &attendance(3, 4, 5, 6));
        assert_eq!(fields(&p), ["mien_sinh_hoat", "trieu_tap", "co_mat"]);
    }
}
