//! Step 3 above the branch: "chi bộ ra nghị quyết, báo cáo đảng ủy cơ sở; đảng
//! ủy cơ sở xem xét, ra nghị quyết báo cáo Ban Thường vụ … để xem xét, quyết
//! định đưa đảng viên ra khỏi đảng theo thẩm quyền" [001 Bước 3]; "căn cứ báo
//! cáo của chi bộ trực thuộc, định kỳ, cấp ủy cơ sở tổng hợp, báo cáo Ban
//! Thường vụ danh sách các đảng viên cần xem xét, đưa ra khỏi Đảng" [000 III.5].
//!
//! A đảng ủy cơ sở's resolution that gathers its branches' proposals (strike
//! off, or remove after help without progress), each with the branch
//! resolution and its vote, and forwards them with the committee's own vote.
//! The branch's vote must have reached the threshold of its ballot (rules::vote)
//! and the committee's more than half of its members (Điều lệ Đảng: "quá nửa
//! số thành viên").

use std::collections::BTreeSet;

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::list::require_some;
use super::paper::{self, IssuedBy};
use super::removal::{self, DeNghi, ProposedView};
use super::{Prepared, checked};
use crate::case::common::LoaiToChuc;
use crate::case::common::{HeaderView, PageView, SignerView, require};
use crate::case::member;
use crate::error::Problem;
use crate::rules::format::{self, DocKind};
use crate::rules::regulations::Matter;
use crate::rules::vote::{self, Ballot, Tally};
use crate::vocab::Label;

paper::case! {
    /// Case data of `nghi-quyet-dang-uy-de-nghi-dua-ra-khoi-dang`.
    #[schemars(
        title = "Nghị quyết của đảng ủy cơ sở đề nghị xem xét đưa đảng viên ra khỏi Đảng",
        description = "Đảng ủy cơ sở tổng hợp đề nghị của các chi bộ trực thuộc, báo cáo Ban Thường vụ cấp ủy cấp trên"
    )]
    pub struct Case;
    rule_profile = "";
    issuer = (
        "Đảng ủy cơ sở ban hành",
        "Loại tổ chức: đảng ủy cơ sở; cấp trên là đảng bộ có Ban Thường vụ quyết định"
    );
    number = ("Số và ngày nghị quyết", "");
    own {
        /// The committee's meeting and its vote.
        #[schemars(
            title = "Hội nghị đảng ủy",
            description = "Hội nghị xem xét đề nghị của các chi bộ"
        )]
        pub hoi_nghi: HoiNghi,
        /// The members the branches proposed, each with the branch resolution.
        #[schemars(
            title = "Đảng viên các chi bộ đề nghị",
            description = "Mỗi người kèm nghị quyết và kết quả biểu quyết của chi bộ",
            length(min = 1)
        )]
        pub dang_vien: Vec<DangVienDeNghi>,
    }
    other_recipients = "Ban Thường vụ, Ủy ban Kiểm tra, các chi bộ có đảng viên và bản lưu do dangvu tự thêm";
}

/// The committee's meeting.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Hội nghị đảng ủy", description = "")]
pub struct HoiNghi {
    #[schemars(title = "Ngày họp")]
    pub ngay: NaiveDate,
    #[schemars(title = "Địa điểm", length(min = 1))]
    pub dia_diem: String,
    #[schemars(
        title = "Chủ trì",
        description = "Họ tên đồng chí chủ trì",
        length(min = 1)
    )]
    pub chu_tri: String,
    #[schemars(title = "Tổng số đảng ủy viên", range(min = 1))]
    pub so_uy_vien: u32,
    #[schemars(title = "Số đảng ủy viên có mặt")]
    pub co_mat: u32,
    /// The committee's vote on forwarding the proposals.
    #[schemars(
        title = "Kết quả biểu quyết của đảng ủy",
        description = "Thông qua khi quá nửa tổng số đảng ủy viên đồng ý"
    )]
    pub bieu_quyet: Tally,
}

member::row! {
    /// A member a branch proposed (the shared names of [`removal::Proposed`],
    /// then the branch's vote).
    #[schemars(title = "Đảng viên được chi bộ đề nghị", description = "")]
    pub struct DangVienDeNghi {
        [name]
        [admitted "Bỏ trống nếu là đảng viên dự bị"]
        [post]
        [branch "Chi bộ trực thuộc nơi đảng viên sinh hoạt, ví dụ: Chi bộ Giáo viên"]
        [proposal]
        /// The branch's voting base under the profile.
        #[schemars(
            title = "Mẫu số biểu quyết của chi bộ",
            description = "Số đảng viên chính thức làm mẫu số theo quy định áp dụng, như nghị quyết của chi bộ đã ghi"
        )]
        pub mau_so: u32,
        /// The branch's vote on the proposal (step 3's removal ballot, or the
        /// resolution proposing to strike off).
        #[schemars(
            title = "Kết quả biểu quyết của chi bộ",
            description = "Phiếu đề nghị đưa ra khỏi Đảng (bước 3) hoặc biểu quyết nghị quyết đề nghị xóa tên"
        )]
        pub dua_ra_khoi_dang: Tally,
    }
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub struct View {
    page: PageView,
    header: HeaderView,
    title: String,
    subject: String,
    legal_bases: Vec<String>,
    /// The issuing committee, as written and in capitals.
    committee: String,
    committee_upper: String,
    meeting: MeetingView,
    /// Per branch, in the order first named: its members.
    branches: Vec<BranchView>,
    /// The results table: one row per member (TT, name, branch, yes of
    /// the base, percentage).
    rows: Vec<Vec<String>>,
    count: String,
    /// The Ban Thường vụ that decides, and the commission it directs.
    decider: String,
    verifier: String,
    signer: SignerView,
    recipients: Vec<String>,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
struct MeetingView {
    date: String,
    place: String,
    chair: String,
    members: String,
    present: String,
    yes: String,
    against: String,
    invalid: String,
    percent: String,
    min_yes: String,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
struct BranchView {
    name: String,
    members: Vec<MemberView>,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
struct MemberView {
    #[serde(flatten)]
    proposed: ProposedView,
    /// "16 / 22 đảng viên đồng ý (72,73%; ngưỡng từ hai phần ba trở lên)".
    vote: String,
}

impl super::Case for Case {
    const ID: &'static str = "nghi-quyet-dang-uy-de-nghi-dua-ra-khoi-dang";
    type View = View;

    fn prepare_view(self) -> Result<Prepared<View>, Vec<Problem>> {
        checked(|out| self.check(out))?;
        let org = &self.to_chuc;
        let o = org.organisation();
        let higher = o.higher_committee.clone().unwrap_or_default();
        let bodies = removal::step4_bodies(self.quy_dinh, higher);
        let mut branches: Vec<BranchView> = Vec::new();
        let mut rows = Vec::new();
        for (k, m) in self.dang_vien.iter().enumerate() {
            let member = MemberView {
                proposed: m.proposed().view(k),
                vote: self.branch_vote(m),
            };
            rows.push(vec![
                member.proposed.no.clone(),
                m.ho_ten.clone(),
                m.chi_bo.clone(),
                format!(
                    "{}/{}",
                    format::integer(m.dua_ra_khoi_dang.yes.into()),
                    format::integer(m.mau_so.into())
                ),
                format::ratio_percent(m.dua_ra_khoi_dang.yes.into(), m.mau_so.into()),
            ]);
            match branches.iter_mut().find(|b| b.name == m.chi_bo) {
                Some(b) => b.members.push(member),
                None => branches.push(BranchView {
                    name: m.chi_bo.clone(),
                    members: vec![member],
                }),
            }
        }
        let mut recipients = vec![
            format!("{} (để báo cáo)", bodies.decider),
            bodies.verifier.clone(),
        ];
        let mut named: BTreeSet<&str> = BTreeSet::new();
        for m in &self.dang_vien {
            if named.insert(m.chi_bo.as_str()) {
                recipients.push(m.chi_bo.clone());
            }
        }
        let paper = self.paper();
        let (signer, recipients) = paper.sign_off(recipients);
        let view = View {
            page: paper.page(),
            header: paper.header(DocKind::NghiQuyet),
            title: "NGHỊ QUYẾT".into(),
            subject: "về việc đề nghị xem xét đưa đảng viên ra khỏi Đảng".into(),
            legal_bases: self.legal_bases(),
            committee: o.issuer(),
            committee_upper: format::upper(&o.issuer()),
            meeting: self.meeting_view(),
            branches,
            rows,
            count: format!("{:02}", self.dang_vien.len()),
            decider: bodies.decider,
            verifier: bodies.verifier,
            signer,
            recipients,
        };
        Ok(paper.prepare(view, "Nghị quyết", DocKind::NghiQuyet))
    }
}

impl Case {
    /// The regulations of every matter the rows propose, each once.
    fn legal_bases(&self) -> Vec<String> {
        let mut bases: Vec<String> = Vec::new();
        for matter in [Matter::Removal, Matter::Screening] {
            let wanted = self.dang_vien.iter().any(|m| match matter {
                Matter::Removal => m.de_nghi == DeNghi::XoaTen,
                _ => m.de_nghi == DeNghi::DuaRaKhoiDang,
            });
            if !wanted {
                continue;
            }
            for b in super::legal_bases(self.quy_dinh, matter, self.van_ban.ngay) {
                if !bases.contains(&b) {
                    bases.push(b);
                }
            }
        }
        bases
    }

    fn branch_vote(&self, m: &DangVienDeNghi) -> String {
        let t = self.quy_dinh.threshold(m.de_nghi.ballot());
        format!(
            "{} / {} đảng viên đồng ý ({}; nghị quyết cần {} số đảng viên này)",
            format::integer(m.dua_ra_khoi_dang.yes.into()),
            format::integer(m.mau_so.into()),
            format::ratio_percent(m.dua_ra_khoi_dang.yes.into(), m.mau_so.into()),
            t.label()
        )
    }

    fn meeting_view(&self) -> MeetingView {
        let h = &self.hoi_nghi;
        let t = self.quy_dinh.threshold(Ballot::Resolution);
        MeetingView {
            date: format::date_inline(h.ngay),
            place: h.dia_diem.clone(),
            chair: h.chu_tri.clone(),
            members: format!("{:02}", h.so_uy_vien),
            present: format!("{:02}", h.co_mat),
            yes: format!("{:02}", h.bieu_quyet.yes),
            against: format::integer(h.bieu_quyet.no.into()),
            invalid: format::integer(h.bieu_quyet.invalid.into()),
            percent: format::ratio_percent(h.bieu_quyet.yes.into(), h.so_uy_vien.into()),
            min_yes: format!("{:02}", t.min_yes(h.so_uy_vien)),
        }
    }

    fn check(&self, out: &mut Vec<Problem>) {
        self.paper().check(
            IssuedBy::Only(LoaiToChuc::DangUyCoSo),
            "nghị quyết này do đảng ủy cơ sở ban hành (dang-uy-co-so); chi bộ cơ sở gửi thẳng nghị quyết của mình lên Ban Thường vụ cấp ủy cấp trên",
            out,
        );
        self.check_meeting(out);
        require_some(
            &self.dang_vien,
            "dang_vien",
            "cần ít nhất một đảng viên được chi bộ đề nghị",
            out,
        );
        let meeting = self.hoi_nghi.ngay;
        for (k, m) in self.dang_vien.iter().enumerate() {
            let path = format!("dang_vien[{k}]");
            m.proposed().check(&path, meeting, out);
            self.check_branch_vote(m, &path, out);
        }
        removal::check_once(self.dang_vien.iter().map(|m| m.ho_ten.as_str()), out);
    }

    /// The committee's meeting: members present, its vote consistent and
    /// passed by more than half of all its members.
    fn check_meeting(&self, out: &mut Vec<Problem>) {
        let h = &self.hoi_nghi;
        require(&h.dia_diem, "hoi_nghi.dia_diem", out);
        require(&h.chu_tri, "hoi_nghi.chu_tri", out);
        if self.van_ban.ngay < h.ngay {
            out.push(Problem::new(
                "van_ban.ngay",
                "ngày ban hành nghị quyết không được trước ngày hội nghị đảng ủy",
            ));
        }
        if h.so_uy_vien == 0 {
            out.push(Problem::new(
                "hoi_nghi.so_uy_vien",
                "cần ghi tổng số đảng ủy viên (từ 1 trở lên)",
            ));
            return;
        }
        if h.co_mat > h.so_uy_vien {
            out.push(Problem::new(
                "hoi_nghi.co_mat",
                format!(
                    "số đảng ủy viên có mặt ({}) vượt quá tổng số đảng ủy viên ({})",
                    h.co_mat, h.so_uy_vien
                ),
            ));
            return;
        }
        let before = out.len();
        for p in vote::check_tally_against(&h.bieu_quyet, h.co_mat, "số đảng ủy viên có mặt")
        {
            out.push(p.prefixed("hoi_nghi.bieu_quyet"));
        }
        if out.len() > before {
            return;
        }
        match vote::decide(self.quy_dinh, Ballot::Resolution, h.so_uy_vien, h.bieu_quyet.yes) {
            Err(e) => out.push(Problem::new("hoi_nghi.bieu_quyet.dong_y", e.to_string())),
            Ok(o) if !o.passed => out.push(Problem::new(
                "hoi_nghi.bieu_quyet.dong_y",
                format!(
                    "{} phiếu đồng ý trên {} đảng ủy viên chưa đạt {} (cần ít nhất {}): đảng ủy không thông qua nghị quyết",
                    h.bieu_quyet.yes,
                    h.so_uy_vien,
                    o.threshold.label(),
                    o.min_yes
                ),
            )),
            Ok(_) => {}
        }
    }

    /// The branch's vote as its resolution records it: consistent, and
    /// passed under the threshold of its ballot — a proposal the branch did
    /// not adopt is not forwarded.
    fn check_branch_vote(&self, m: &DangVienDeNghi, path: &str, out: &mut Vec<Problem>) {
        let field = format!("{path}.dua_ra_khoi_dang");
        if m.mau_so == 0 {
            out.push(Problem::new(
                format!("{path}.mau_so"),
                "cần ghi mẫu số biểu quyết của chi bộ (từ 1 trở lên)",
            ));
            return;
        }
        let before = out.len();
        for p in vote::check_tally_against(
            &m.dua_ra_khoi_dang,
            m.mau_so,
            "mẫu số biểu quyết của chi bộ",
        ) {
            out.push(p.prefixed(&field));
        }
        if out.len() > before {
            return;
        }
        let ballot = m.de_nghi.ballot();
        match vote::decide(self.quy_dinh, ballot, m.mau_so, m.dua_ra_khoi_dang.yes) {
            Err(e) => out.push(Problem::new(format!("{field}.dong_y"), e.to_string())),
            Ok(o) if !o.passed => out.push(Problem::new(
                format!("{field}.dong_y"),
                format!(
                    "{} phiếu đồng ý trên mẫu số {} chưa đạt {} (cần ít nhất {}): chi bộ chưa {}, không chuyển lên cấp trên",
                    m.dua_ra_khoi_dang.yes,
                    m.mau_so,
                    o.threshold.label(),
                    o.min_yes,
                    m.de_nghi.label()
                ),
            )),
            Ok(_) => {}
        }
    }
}
