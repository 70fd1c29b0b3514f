//! Step 1 of the screening workflow: the branch resolution putting members on
//! the list for education and help before removal is considered.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::Serialize;

use super::list::require_some;
use super::member_list::check_born_before;
use super::resolution::{self, Wording};
use super::{Prepared, checked};
use crate::case::common::require;
pub use crate::case::meeting::{BanKiemPhieu, CuocHop, VangMat};
use crate::case::member::{self, NamedView};
use crate::error::Problem;
use crate::rules::format;
use crate::rules::organisation::{ListApproval, Organisation};
use crate::rules::regulations::Matter;
use crate::rules::vote::{self, Ballot, Profile, Tally};
use crate::vocab::Label;

resolution::case! {
    /// Case data of `nghi-quyet-dua-vao-dien-giup-do`.
    #[schemars(
        title = "Nghị quyết đưa vào danh sách cần giáo dục, giúp đỡ",
        description = ""
    )]
    pub struct Case;
    meeting_hint = "";
    recipients_hint = "Cấp có thẩm quyền, đảng viên liên quan và bản lưu do dangvu tự thêm";
    own {
        /// Ngày có ý kiến chỉ đạo: the date of the guidance on the draft list
        /// that the branch asked for before the ballot; required under
        /// hd02-btctw-2021 (Hướng dẫn 02-HD/BTCTW, bước 1), optional under Hà
        /// Nội's rule.
        #[schemars(
            title = "Ngày có ý kiến chỉ đạo về danh sách dự kiến",
            description = "Ngày cấp ủy cấp trên cho ý kiến chỉ đạo trước khi bỏ phiếu; bắt buộc theo Hướng dẫn 02-HD/BTCTW"
        )]
        #[serde(default)]
        pub ngay_y_kien_chi_dao: Option<NaiveDate>,
        /// The members voted on, each with the count of the secret ballot.
        #[schemars(
            title = "Đảng viên được biểu quyết",
            description = "Mỗi người kèm kết quả bỏ phiếu kín"
        )]
        #[schemars(length(min = 1))]
        pub dang_vien: Vec<DangVienBieuQuyet>,
    }
    counting_committee = ban_kiem_phieu;
}

member::row! {
    /// A member voted on.
    #[schemars(title = "Đảng viên được biểu quyết", description = "")]
    pub struct DangVienBieuQuyet {
        [name]
        [full "Chỉ biểu quyết với đảng viên chính thức"]
        [post]
        /// The criterion the member falls under (what the branch found).
        #[schemars(title = "Tiêu chí", description = "Tiêu chí chi bộ xác định đảng viên thuộc diện này", length(min = 1), extend("x-multiline" = true))]
        pub tieu_chi: String,
        #[schemars(title = "Kết quả bỏ phiếu")]
        pub phieu: Tally,
    }
}

/// The view's own part (the shared part is [`resolution::ResolutionView`]).
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub struct Own {
    base: String,
    base_description: String,
    threshold: String,
    min_yes: String,
    rows: Vec<RowView>,
    included: Vec<MemberView>,
    excluded: Vec<MemberView>,
    /// The article on approving the list, worded by who approves it.
    approval: String,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
struct RowView {
    no: String,
    name: String,
    yes: String,
    against: String,
    invalid: String,
    percent: String,
    result: String,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
struct MemberView {
    #[serde(flatten)]
    member: NamedView,
    criterion: String,
    yes: String,
    percent: String,
}

/// A member's step-1 secret ballot: put on the list when the yes votes reach
/// the profile's inclusion threshold of the meeting's base. Decided here for
/// the resolution and for both records of the meeting; a tally the base
/// cannot hold is refused (into `problems`) on the attendance, which gives
/// the base.
pub fn inclusion(
    profile: Profile,
    base: u32,
    tally: &Tally,
    problems: &mut Vec<Problem>,
) -> Option<vote::Outcome> {
    vote::decide(profile, Ballot::Inclusion, base, tally.yes)
        .map_err(|e| problems.push(Problem::new("cuoc_hop.so_luong", e.to_string())))
        .ok()
}

/// What the resolution's and the minutes' ballot tables say of a member.
pub fn inclusion_result(passed: bool) -> &'static str {
    if passed {
        "Đưa vào danh sách"
    } else {
        "Không đưa vào"
    }
}

impl super::Case for Case {
    const ID: &'static str = "nghi-quyet-dua-vao-dien-giup-do";
    type View = resolution::View<Own>;

    fn prepare_view(self) -> Result<Prepared<Self::View>, Vec<Problem>> {
        checked(|out| self.check(out))?;
        let a = &self.cuoc_hop.so_luong;
        let base = self.quy_dinh.base(a.full_members, a.exempted, a.convened);
        let threshold = self.quy_dinh.threshold(Ballot::Inclusion);
        let mut rows = Vec::new();
        let mut included = Vec::new();
        let mut excluded = Vec::new();
        for (k, m) in self.dang_vien.iter().enumerate() {
            let mut problems = Vec::new();
            let Some(outcome) = inclusion(self.quy_dinh, base, &m.phieu, &mut problems) else {
                return Err(problems);
            };
            rows.push(RowView {
                no: (k + 1).to_string(),
                name: m.ho_ten.clone(),
                yes: format::integer(m.phieu.yes.into()),
                against: format::integer(m.phieu.no.into()),
                invalid: format::integer(m.phieu.invalid.into()),
                percent: outcome.percent.clone(),
                result: inclusion_result(outcome.passed).into(),
            });
            let member = MemberView {
                member: m.named_view(),
                criterion: m.tieu_chi.clone(),
                yes: format::integer(m.phieu.yes.into()),
                percent: outcome.percent,
            };
            if outcome.passed {
                included.push(member)
            } else {
                excluded.push(member)
            }
        }
        let env = self.envelope();
        let o = env.organisation();
        let (approval, reported_to) = self.approval(&o);
        let mut recipients = vec![format!("{reported_to} (để báo cáo)")];
        if !included.is_empty() {
            recipients.push("Các đồng chí có tên tại Điều 1".into());
        }
        let wording = Wording {
            subject: "về việc đưa đảng viên vào danh sách cần được giáo dục, giúp đỡ trước khi xem xét, quyết định đưa ra khỏi Đảng",
            legal_bases: self.legal_bases(&o),
            counting: self.ban_kiem_phieu.as_ref(),
            recipients,
        };
        let own = Own {
            base: format::integer(base.into()),
            base_description: self.quy_dinh.base_description().into(),
            threshold: threshold.label().into(),
            min_yes: format::integer(threshold.min_yes(base).into()),
            rows,
            included,
            excluded,
            approval,
        };
        Ok(env.prepare(wording, own))
    }
}

impl Case {
    /// The article approving the list, and the body the resolution reports
    /// to, as the organisation model words them for this profile.
    fn approval(&self, o: &Organisation) -> (String, String) {
        match o.branch_bodies(self.quy_dinh).list_approval {
            ListApproval::By(body) => (
                format!(
                    "Báo cáo {body} xem xét, phê duyệt danh sách để chi bộ thực hiện các bước tiếp theo."
                ),
                body,
            ),
            ListApproval::Itself { informs } => (
                format!(
                    "Phê duyệt danh sách đảng viên cần được chi bộ giáo dục, giúp đỡ gồm các đồng chí có tên tại Điều 1 để thực hiện các bước tiếp theo; báo cáo {informs}."
                ),
                informs,
            ),
        }
    }

    /// The regulations in force on the resolution's date, then the guidance
    /// the branch asked for on its draft list, when given.
    fn legal_bases(&self, o: &Organisation) -> Vec<String> {
        let mut bases = self.envelope().bases(Matter::Screening);
        if let Some(d) = self.ngay_y_kien_chi_dao {
            let body = o
                .branch_bodies(self.quy_dinh)
                .guidance
                .or_else(|| o.reports_to())
                .unwrap_or_default();
            bases.push(format!(
                "ý kiến chỉ đạo của {body} ngày {} về danh sách đảng viên dự kiến cần được chi bộ giáo dục, giúp đỡ",
                format::date_inline(d)
            ));
        }
        bases
    }

    /// rules.md §2: consistency before anything is rendered.
    pub(crate) fn check(&self, out: &mut Vec<Problem>) {
        let meeting = &self.cuoc_hop;
        self.envelope().check(out);
        if let Some(b) = &self.ban_kiem_phieu {
            b.check("ban_kiem_phieu", out);
        }
        let guidance = self
            .to_chuc
            .organisation()
            .branch_bodies(self.quy_dinh)
            .guidance;
        match (self.ngay_y_kien_chi_dao, guidance) {
            (None, Some(body)) => out.push(Problem::new(
                "ngay_y_kien_chi_dao",
                format!("theo Hướng dẫn 02-HD/BTCTW chi bộ xin ý kiến chỉ đạo của {body} về danh sách dự kiến trước khi bỏ phiếu: cần ghi ngày có ý kiến chỉ đạo"),
            )),
            (Some(d), _) if d > meeting.ngay => out.push(Problem::new(
                "ngay_y_kien_chi_dao",
                "ý kiến chỉ đạo phải có trước cuộc họp bỏ phiếu",
            )),
            _ => {}
        }
        let a = &meeting.so_luong;
        require_some(
            &self.dang_vien,
            "dang_vien",
            "cần ít nhất một đảng viên được bỏ phiếu",
            out,
        );
        for (k, m) in self.dang_vien.iter().enumerate() {
            let path = format!("dang_vien[{k}]");
            require(&m.ho_ten, format!("{path}.ho_ten"), out);
            require(&m.tieu_chi, format!("{path}.tieu_chi"), out);
            match m.ngay_chinh_thuc {
                None => out.push(Problem::new(
                    format!("{path}.ngay_chinh_thuc"),
                    "chỉ xem xét đảng viên chính thức: cần ngày được công nhận chính thức",
                )),
                Some(d) if d > meeting.ngay => out.push(Problem::new(
                    format!("{path}.ngay_chinh_thuc"),
                    "ngày chính thức sau ngày họp: đảng viên chưa là đảng viên chính thức",
                )),
                Some(_) => {}
            }
            check_born_before(&path, m.ngay_sinh, meeting.ngay, "ngày họp", out);
            for p in vote::check_tally(&m.phieu, a.present) {
                out.push(Problem::new(format!("{path}.phieu.{}", p.field), p.message));
            }
        }
    }
}
