//! Step 2 opens with the branch committee telling the members on the list
//! that it was approved ("thông báo ý kiến phê duyệt danh sách đến từng đảng
//! viên trong danh sách; yêu cầu đảng viên viết bản tự kiểm điểm … trình bày
//! trong hội nghị chi bộ gần nhất" [000 bước 2], [001 bước 2]). Who approved
//! comes from the organisation model; a chi bộ cơ sở under Hà Nội's rule
//! approves its own list by its step-1 resolution. The members carry the
//! step-2 resolution's field names, so "Lập tiếp" opens step 2 with them.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Prepared;
use super::list::require_some;
use super::member_list::{check_born_before, check_listed_once};
use super::paper;
use crate::case::common::{HeaderView, PageView, SignerView, require};
use crate::case::member;
use crate::error::Problem;
use crate::rules::format::{self, DocKind};
use crate::rules::organisation::ListApproval;

paper::case! {
    /// Case data of `thong-bao-phe-duyet-danh-sach`.
    #[schemars(
        title = "Thông báo ý kiến phê duyệt danh sách đảng viên cần được giáo dục, giúp đỡ",
        description = ""
    )]
    pub struct Case;
    rule_profile = "";
    issuer = ("Chi bộ thông báo", "");
    number = ("Số và ngày thông báo", "");
    own {
        /// The step-1 resolution that proposed (or, for a chi bộ cơ sở under
        /// Hà Nội's rule, approved) the list.
        #[schemars(
            title = "Nghị quyết bước 1 của chi bộ",
            description = "Nghị quyết đưa đảng viên vào danh sách cần được giáo dục, giúp đỡ"
        )]
        pub nghi_quyet: NghiQuyetChiBo,
        /// When the approving body gave its approval; required when the list is
        /// approved by a body above the branch.
        #[serde(default)]
        #[schemars(
            title = "Ngày cấp trên phê duyệt danh sách",
            description = "Bắt buộc khi danh sách do cấp ủy cấp trên phê duyệt"
        )]
        pub ngay_phe_duyet: Option<NaiveDate>,
        /// The next branch meeting, where the members present their
        /// self-criticism (the step-2 meeting).
        #[schemars(
            title = "Ngày họp chi bộ gần nhất",
            description = "Cuộc họp đảng viên trình bày bản tự kiểm điểm (bước 2)"
        )]
        pub hop_chi_bo_tiep: NaiveDate,
        #[schemars(
            title = "Đảng viên trong danh sách đã phê duyệt",
            description = "Mỗi người viết bản tự kiểm điểm"
        )]
        #[schemars(length(min = 1))]
        pub dang_vien: Vec<DaPheDuyet>,
    }
    other_recipients = "Các đồng chí có tên, cấp phê duyệt và bản lưu do dangvu tự thêm";
}

/// The branch's step-1 resolution, by number and date.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Nghị quyết bước 1 của chi bộ", description = "")]
pub struct NghiQuyetChiBo {
    #[schemars(title = "Số nghị quyết", range(min = 1))]
    pub so: u32,
    #[schemars(title = "Ngày nghị quyết")]
    pub ngay: NaiveDate,
}

member::row! {
    /// A member on the approved list (the step-2 resolution's field names).
    #[schemars(title = "Đảng viên trong danh sách", description = "")]
    pub struct DaPheDuyet {
        [name]
        [post]
    }
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub struct View {
    page: PageView,
    header: HeaderView,
    title: String,
    subject: String,
    /// "Nghị quyết số 03-NQ/CB ngày 05/01/2026 của Chi bộ …".
    resolution: String,
    /// The approval sentence, naming who approved and when.
    approval: String,
    count: String,
    rows: Vec<Vec<String>>,
    next_meeting: String,
    signer: SignerView,
    recipients: Vec<String>,
}

impl super::Case for Case {
    const ID: &'static str = "thong-bao-phe-duyet-danh-sach";

    type View = View;

    fn prepare_view(self) -> Result<Prepared<View>, Vec<Problem>> {
        let mut problems = Vec::new();
        self.check(&mut problems);
        let org = &self.to_chuc;
        let o = org.organisation();
        let resolution = format!(
            "Nghị quyết số {} ngày {} của {}",
            format::doc_number(self.nghi_quyet.so, DocKind::NghiQuyet, &org.ky_hieu),
            format::date_inline(self.nghi_quyet.ngay),
            org.ten
        );
        let (approval, approver) = match o.branch_bodies(self.quy_dinh).list_approval {
            ListApproval::By(body) => match self.ngay_phe_duyet {
                Some(d) => (
                    format!(
                        "{body} đã phê duyệt ngày {} danh sách đảng viên cần được chi bộ giáo dục, giúp đỡ trước khi xem xét, quyết định đưa ra khỏi Đảng",
                        format::date_inline(d)
                    ),
                    Some(body),
                ),
                None => {
                    problems.push(Problem::new(
                        "ngay_phe_duyet",
                        format!("danh sách do {body} phê duyệt: cần ghi ngày phê duyệt"),
                    ));
                    (String::new(), None)
                }
            },
            ListApproval::Itself { .. } => (
                "chi bộ đã phê duyệt tại nghị quyết nêu trên danh sách đảng viên cần được chi bộ giáo dục, giúp đỡ trước khi xem xét, quyết định đưa ra khỏi Đảng".to_owned(),
                None,
            ),
        };
        if !problems.is_empty() {
            return Err(problems);
        }
        let rows = self
            .dang_vien
            .iter()
            .enumerate()
            .map(|(k, m)| {
                vec![
                    (k + 1).to_string(),
                    m.ho_ten.clone(),
                    format::date_inline(m.ngay_sinh),
                    m.chuc_vu.clone().unwrap_or_default(),
                ]
            })
            .collect();
        let mut named = vec!["Các đồng chí có tên tại Thông báo".to_owned()];
        named.extend(approver.map(|b| format!("{b} (để báo cáo)")));
        let paper = self.paper();
        let (signer, recipients) = paper.sign_off(named);
        let view = View {
            page: paper.page(),
            header: paper.header(DocKind::ThongBao),
            title: "THÔNG BÁO".into(),
            subject: "ý kiến phê duyệt danh sách đảng viên cần được chi bộ giáo dục, giúp đỡ"
                .into(),
            resolution,
            approval,
            count: format!("{:02}", self.dang_vien.len()),
            rows,
            next_meeting: format::date_inline(self.hop_chi_bo_tiep),
            signer,
            recipients,
        };
        Ok(paper.prepare(view, "Thông báo", DocKind::ThongBao))
    }
}

impl Case {
    fn check(&self, out: &mut Vec<Problem>) {
        self.paper().check_branch("thông báo này", out);
        let day = self.van_ban.ngay;
        if self.nghi_quyet.ngay > day {
            out.push(Problem::new(
                "nghi_quyet.ngay",
                "nghị quyết bước 1 phải có trước ngày thông báo",
            ));
        }
        if let Some(d) = self.ngay_phe_duyet
            && (d < self.nghi_quyet.ngay || d > day)
        {
            out.push(Problem::new(
                "ngay_phe_duyet",
                "ngày phê duyệt phải từ ngày nghị quyết bước 1 đến ngày thông báo",
            ));
        }
        if self.hop_chi_bo_tiep <= day {
            out.push(Problem::new(
                "hop_chi_bo_tiep",
                "cuộc họp đảng viên trình bày bản tự kiểm điểm phải sau ngày thông báo",
            ));
        }
        require_some(
            &self.dang_vien,
            "dang_vien",
            "cần ít nhất một đảng viên trong danh sách đã phê duyệt",
            out,
        );
        for (k, m) in self.dang_vien.iter().enumerate() {
            let path = format!("dang_vien[{k}]");
            require(&m.ho_ten, format!("{path}.ho_ten"), out);
            check_born_before(&path, m.ngay_sinh, day, "ngày thông báo", out);
            let earlier = self.dang_vien[..k].iter().map(|o| o.ho_ten.as_str());
            check_listed_once(&path, &m.ho_ten, earlier, out);
        }
    }
}
