//! Step 3 of the screening workflow: after the help period, the branch votes
//! per member on recognising progress, then on proposing removal; the outcome
//! follows the profile (rules::screening).

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::list::require_some;
use super::member_list::check_born_before;
use super::resolution::{self, Wording};
use super::{Prepared, checked};
use crate::case::common::require;
use crate::case::member::{self, NamedView};
use crate::error::Problem;
use crate::rules::format;
use crate::rules::organisation::Organisation;
use crate::rules::regulations::Matter;
use crate::rules::screening::{self, FIELD_PROGRESS, FIELD_REMOVAL, FIELD_ROUND};
use crate::rules::vote::{Ballot, Profile, Tally};
use crate::rules::{ScreeningOutcome, calendar};
use crate::vocab::Label;

resolution::case! {
    /// Case data of `nghi-quyet-ket-qua-sang-loc`.
    #[schemars(title = "Nghị quyết kết quả sàng lọc đảng viên", description = "")]
    pub struct Case;
    meeting_hint = "";
    recipients_hint = "Cấp có thẩm quyền, đảng viên liên quan và bản lưu do dangvu tự thêm";
    own {
        /// The members screened, each with the two secret ballots.
        #[schemars(
            title = "Đảng viên được sàng lọc",
            description = "Mỗi người kèm kết quả hai lần bỏ phiếu kín"
        )]
        #[schemars(length(min = 1))]
        pub dang_vien: Vec<DangVienSangLoc>,
    }
    counting_committee = ban_kiem_phieu;
}

member::row! {
    /// A member screened after the help period.
    #[schemars(title = "Đảng viên được sàng lọc", description = "")]
    pub struct DangVienSangLoc {
        [name]
        [post]
        /// The helper who gave their assessment at the meeting.
        #[schemars(
            title = "Người giúp đỡ",
            description = "Đồng chí giúp đỡ đã nêu nhận xét tại cuộc họp",
            length(min = 1)
        )]
        pub nguoi_giup_do: String,
        /// Minutes only: the self-criticism the member presented, in brief.
        #[serde(default)]
        #[schemars(
            title = "Tóm tắt bản tự kiểm điểm",
            description = "Kết quả sửa chữa, khắc phục theo cam kết, như đảng viên trình bày; cần có để in biên bản họp",
            extend("x-multiline" = true)
        )]
        pub tu_kiem_diem: Option<String>,
        /// Minutes only: the helper's comment at the meeting, in brief.
        #[serde(default)]
        #[schemars(
            title = "Nhận xét của người giúp đỡ",
            description = "Tóm tắt nhận xét tại cuộc họp; cần có để in biên bản họp",
            extend("x-multiline" = true)
        )]
        pub nhan_xet: Option<String>,
        /// Ballot on recognising the member's progress (held first).
        #[schemars(title = "Phiếu công nhận tiến bộ", description = "Bỏ phiếu trước")]
        pub tien_bo: Tally,
        /// Ballot on proposing removal (held second, when the profile calls for it).
        #[serde(default)]
        #[schemars(
            title = "Phiếu đề nghị đưa ra khỏi Đảng",
            description = "Bỏ phiếu sau, khi quy định yêu cầu"
        )]
        pub dua_ra_khoi_dang: Option<Tally>,
        /// Hà Nội: which round of voting this is (1 to 3); hd02: always 1.
        #[serde(default = "first_round")]
        #[schemars(
            title = "Lần biểu quyết thứ",
            description = "Quy định của Hà Nội: lần thứ 1 đến 3; Hướng dẫn 02: luôn là 1"
        )]
        pub lan_bieu_quyet: u8,
        /// The earlier inconclusive rounds, in order (required when
        /// lan_bieu_quyet > 1: one entry per earlier round).
        #[serde(default)]
        #[schemars(
            title = "Các lần biểu quyết trước",
            description = "Các lần chưa đủ kết quả, theo thứ tự: một mục cho mỗi lần trước"
        )]
        pub cac_lan_truoc: Vec<LanTruoc>,
    }
}

fn first_round() -> u8 {
    1
}

/// An earlier inconclusive round.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Lần biểu quyết trước", description = "")]
pub struct LanTruoc {
    /// Date of the meeting that held it.
    #[schemars(title = "Ngày họp", description = "Ngày cuộc họp đã biểu quyết")]
    pub ngay: NaiveDate,
}

/// The view's own part (the shared part is [`resolution::ResolutionView`]).
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub struct Own {
    base: String,
    base_description: String,
    progress_threshold: String,
    progress_min: String,
    removal_threshold: String,
    removal_min: String,
    rows: Vec<RowView>,
    progress: Vec<MemberView>,
    removal: Vec<MemberView>,
    continue_help: Vec<MemberView>,
    revote: Vec<MemberView>,
    escalate: Vec<MemberView>,
    #[serde(flatten)]
    heads: Heads,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
struct RowView {
    no: String,
    name: String,
    progress: String,
    progress_percent: String,
    removal: String,
    removal_percent: String,
    result: String,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
struct MemberView {
    #[serde(flatten)]
    member: NamedView,
    helper: String,
    progress_yes: String,
    progress_percent: String,
    removal_yes: Option<String>,
    removal_percent: Option<String>,
    round: String,
    next_round: String,
    earlier: String,
    review_on: String,
}

/// The opening words of each article, naming the bodies of the organisation
/// model (who is told, who decides "theo thẩm quyền"), and to whom the branch
/// reports the results.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
struct Heads {
    progress_head: String,
    removal_head: String,
    continue_head: String,
    escalate_head: String,
    reported_to: String,
}

impl Heads {
    fn new(profile: Profile, o: &Organisation) -> Self {
        let bodies = o.branch_bodies(profile);
        let higher = o.higher_committee.clone().unwrap_or_default();
        Heads {
            progress_head: format!(
                "Công nhận sự tiến bộ và đưa ra khỏi danh sách đảng viên cần được giáo dục, giúp đỡ đối với các đồng chí sau; báo cáo {} {}:",
                bodies.progress_to, bodies.progress_words
            ),
            removal_head: format!(
                "Đề nghị {} {} đối với các đồng chí:",
                bodies.removal_to, bodies.removal_words
            ),
            continue_head: match profile {
                Profile::Hd02Btctw2021 => format!(
                    "Tiếp tục giáo dục, giúp đỡ và xem xét lại sau 12 tháng đối với các đồng chí sau; báo cáo {} xem xét, phê duyệt đưa vào danh sách đảng viên cần được chi bộ tiếp tục giáo dục, giúp đỡ:",
                    bodies.removal_to
                ),
                Profile::Qd02TuHanoi2025 => {
                    "Tiếp tục giáo dục, giúp đỡ và xem xét lại sau 12 tháng đối với các đồng chí:"
                        .into()
                }
            },
            escalate_head: format!(
                "Chi bộ đã qua ba lần liên tục biểu quyết nhưng không đủ số phiếu; báo cáo {higher} và cấp ủy có thẩm quyền xem xét, quyết định đối với các đồng chí:"
            ),
            reported_to: o.reports_to().unwrap_or_default(),
        }
    }
}

impl Own {
    /// Every body the articles report to, once each, the usual one first.
    fn told(&self, profile: Profile, o: &Organisation) -> Vec<String> {
        let bodies = o.branch_bodies(profile);
        let higher = o.higher_committee.clone().unwrap_or_default();
        let mut told = vec![self.heads.reported_to.clone()];
        for (body, when) in [
            (bodies.removal_to, !self.removal.is_empty()),
            (bodies.progress_to, !self.progress.is_empty()),
            (higher, !self.escalate.is_empty()),
        ] {
            if when && !told.contains(&body) {
                told.push(body);
            }
        }
        told
    }
}

/// "đồng ý / không đồng ý / không hợp lệ" of a tally.
pub(crate) fn tally_cell(t: &Tally) -> String {
    format!(
        "{} / {} / {}",
        format::integer(t.yes.into()),
        format::integer(t.no.into()),
        format::integer(t.invalid.into())
    )
}

/// A member's outcome as the results table (and the minutes) print it.
pub(crate) fn result_label(outcome: ScreeningOutcome) -> String {
    match outcome {
        ScreeningOutcome::Revote { next_round, .. } => format!("Bỏ phiếu lại (lần {next_round})"),
        ScreeningOutcome::ContinueHelp { .. } => {
            "Tiếp tục giúp đỡ, xem xét lại sau 12 tháng".into()
        }
        other => other.label().into(),
    }
}

impl super::Case for Case {
    const ID: &'static str = "nghi-quyet-ket-qua-sang-loc";
    type View = resolution::View<Own>;

    fn prepare_view(self) -> Result<Prepared<Self::View>, Vec<Problem>> {
        let outcomes = checked(|out| self.check(out))?;
        let env = self.envelope();
        let o = env.organisation();
        let mut own = self.own(&o);
        for (k, (m, outcome)) in self.dang_vien.iter().zip(outcomes).enumerate() {
            own.rows.push(self.row(k, m, outcome));
            let member = self.member(m, outcome);
            match outcome {
                ScreeningOutcome::RecogniseProgress => own.progress.push(member),
                ScreeningOutcome::ProposeRemoval => own.removal.push(member),
                ScreeningOutcome::ContinueHelp { .. } => own.continue_help.push(member),
                ScreeningOutcome::Revote { .. } => own.revote.push(member),
                ScreeningOutcome::Escalate => own.escalate.push(member),
            }
        }
        let mut recipients: Vec<String> = own
            .told(self.quy_dinh, &o)
            .iter()
            .map(|b| format!("{b} (để báo cáo)"))
            .collect();
        recipients.push("Các đồng chí có tên tại Nghị quyết".into());
        let wording = Wording {
            subject: "về kết quả xem xét, sàng lọc đảng viên sau thời gian được chi bộ giáo dục, giúp đỡ",
            legal_bases: env.bases(Matter::Screening),
            counting: self.ban_kiem_phieu.as_ref(),
            recipients,
        };
        Ok(env.prepare(wording, own))
    }
}

impl Case {
    /// The thresholds and article heads; the member lists still empty.
    fn own(&self, o: &Organisation) -> Own {
        let base = self.cuoc_hop.so_luong.base(self.quy_dinh);
        let (progress, removal) = (
            self.quy_dinh.threshold(Ballot::Progress),
            self.quy_dinh.threshold(Ballot::Removal),
        );
        Own {
            base: format::integer(base.into()),
            base_description: self.quy_dinh.base_description().into(),
            progress_threshold: progress.label().into(),
            progress_min: format::integer(progress.min_yes(base).into()),
            removal_threshold: removal.label().into(),
            removal_min: format::integer(removal.min_yes(base).into()),
            rows: Vec::new(),
            progress: Vec::new(),
            removal: Vec::new(),
            continue_help: Vec::new(),
            revote: Vec::new(),
            escalate: Vec::new(),
            heads: Heads::new(self.quy_dinh, o),
        }
    }

    /// "38,46%": `yes` of the profile's base.
    fn percent(&self, yes: u32) -> String {
        let base = self.cuoc_hop.so_luong.base(self.quy_dinh);
        format::ratio_percent(yes.into(), base.into())
    }

    /// The results table's row of the `k`-th member.
    fn row(&self, k: usize, m: &DangVienSangLoc, outcome: ScreeningOutcome) -> RowView {
        let result = result_label(outcome);
        RowView {
            no: (k + 1).to_string(),
            name: m.ho_ten.clone(),
            progress: tally_cell(&m.tien_bo),
            progress_percent: self.percent(m.tien_bo.yes),
            removal: m
                .dua_ra_khoi_dang
                .as_ref()
                .map(tally_cell)
                .unwrap_or_else(|| "Không bỏ phiếu".into()),
            removal_percent: m
                .dua_ra_khoi_dang
                .map(|t| self.percent(t.yes))
                .unwrap_or_default(),
            result,
        }
    }

    /// The member as the article of their outcome names them.
    fn member(&self, m: &DangVienSangLoc, outcome: ScreeningOutcome) -> MemberView {
        let (round, next_round) = match outcome {
            ScreeningOutcome::Revote { round, next_round } => (round, next_round),
            _ => (m.lan_bieu_quyet, m.lan_bieu_quyet),
        };
        MemberView {
            member: m.named_view(),
            helper: m.nguoi_giup_do.clone(),
            progress_yes: format::integer(m.tien_bo.yes.into()),
            progress_percent: self.percent(m.tien_bo.yes),
            removal_yes: m.dua_ra_khoi_dang.map(|t| format::integer(t.yes.into())),
            removal_percent: m.dua_ra_khoi_dang.map(|t| self.percent(t.yes)),
            round: round.to_string(),
            next_round: next_round.to_string(),
            earlier: m
                .cac_lan_truoc
                .iter()
                .map(|l| format::date_inline(l.ngay))
                .collect::<Vec<_>>()
                .join(", "),
            review_on: format::date_inline(calendar::review_again_on(self.cuoc_hop.ngay)),
        }
    }
}

impl Case {
    /// Checks everything; returns each member's outcome (valid only when no
    /// problem was found).
    pub(crate) fn check(&self, out: &mut Vec<Problem>) -> Vec<ScreeningOutcome> {
        let meeting = &self.cuoc_hop;
        self.envelope().check(out);
        if let Some(b) = &self.ban_kiem_phieu {
            b.check("ban_kiem_phieu", out);
        }
        require_some(
            &self.dang_vien,
            "dang_vien",
            "cần ít nhất một đảng viên được xem xét",
            out,
        );
        let mut outcomes = Vec::new();
        for (k, m) in self.dang_vien.iter().enumerate() {
            let path = format!("dang_vien[{k}]");
            require(&m.ho_ten, format!("{path}.ho_ten"), out);
            require(&m.nguoi_giup_do, format!("{path}.nguoi_giup_do"), out);
            check_born_before(&path, m.ngay_sinh, meeting.ngay, "ngày họp", out);
            let earlier = usize::from(m.lan_bieu_quyet.saturating_sub(1));
            if m.cac_lan_truoc.len() != earlier {
                out.push(Problem::new(
                    format!("{path}.cac_lan_truoc"),
                    if earlier == 0 {
                        format!(
                            "đây là lần biểu quyết thứ nhất nên không có lần biểu quyết trước (nhận được {} lần)",
                            m.cac_lan_truoc.len()
                        )
                    } else {
                        format!(
                            "lần biểu quyết thứ {} cần ghi {earlier} lần biểu quyết trước chưa đủ số phiếu (ngày họp), nhận được {}",
                            m.lan_bieu_quyet,
                            m.cac_lan_truoc.len()
                        )
                    },
                ));
            }
            let mut previous: Option<NaiveDate> = None;
            for (j, l) in m.cac_lan_truoc.iter().enumerate() {
                if l.ngay >= meeting.ngay || previous.is_some_and(|p| l.ngay <= p) {
                    out.push(Problem::new(
                        format!("{path}.cac_lan_truoc[{j}].ngay"),
                        "các lần biểu quyết trước phải theo thứ tự thời gian và trước ngày họp này",
                    ));
                }
                previous = Some(l.ngay);
            }
            match screening::screen(
                self.quy_dinh,
                &meeting.so_luong,
                &m.tien_bo,
                m.dua_ra_khoi_dang.as_ref(),
                m.lan_bieu_quyet,
            ) {
                Ok(o) => outcomes.push(o),
                Err(ps) => {
                    for p in ps {
                        // Attendance problems are reported once, under cuoc_hop.
                        if [FIELD_PROGRESS, FIELD_REMOVAL, FIELD_ROUND]
                            .iter()
                            .any(|f| p.field == *f || p.field.starts_with(&format!("{f}.")))
                        {
                            out.push(Problem::new(format!("{path}.{}", p.field), p.message));
                        }
                    }
                    outcomes.push(ScreeningOutcome::RecogniseProgress);
                }
            }
        }
        outcomes
    }
}
