//! Before the step-1 ballot, the branch committee asks the committee above for
//! guidance on the draft list of members who need the branch's help ("xin ý
//! kiến chỉ đạo của đảng ủy về danh sách đảng viên dự kiến" [001 bước 1]),
//! with the draft list attached. The members carry the step-1 resolution's
//! field names, so "Lập tiếp" opens the step-1 ballot with them filled in.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::Serialize;

use super::Prepared;
use super::list::require_some;
use super::member_list::{check_born_before, check_listed_once};
use super::paper;
use crate::case::common::{HeaderView, PageView, SignerView, require};
use crate::case::member;
use crate::error::Problem;
use crate::rules::format::{self, DocKind};
use crate::rules::organisation::Organisation;
use crate::rules::regulations::Matter;
use crate::rules::vote::Profile;

paper::case! {
    /// Case data of `cong-van-xin-y-kien-danh-sach`.
    #[schemars(
        title = "Công văn xin ý kiến chỉ đạo về danh sách đảng viên dự kiến",
        description = ""
    )]
    pub struct Case;
    rule_profile = "";
    issuer = ("Chi bộ gửi công văn", "");
    number = ("Số và ngày công văn", "");
    own {
        /// The draft list, as the branch committee drew it up.
        #[schemars(
            title = "Đảng viên dự kiến",
            description = "Danh sách dự kiến cần được chi bộ giáo dục, giúp đỡ, kèm theo công văn"
        )]
        #[schemars(length(min = 1))]
        pub dang_vien: Vec<DuKien>,
    }
    other_recipients = "Cấp ủy được xin ý kiến và bản lưu do dangvu tự thêm";
}

member::row! {
    /// A member on the draft list (the step-1 resolution's fields, no ballot).
    #[schemars(title = "Đảng viên dự kiến", description = "")]
    pub struct DuKien {
        [name]
        #[schemars(
            title = "Ngày chính thức",
            description = "Chỉ xem xét đảng viên chính thức"
        )]
        pub ngay_chinh_thuc: NaiveDate,
        [post]
        #[schemars(
            title = "Tiêu chí",
            description = "Tiêu chí chi bộ xác định đảng viên thuộc diện này",
            length(min = 1),
            extend("x-multiline" = true)
        )]
        pub tieu_chi: String,
    }
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub struct View {
    page: PageView,
    header: HeaderView,
    /// "V/v …" under the number.
    about: String,
    recipient: String,
    bases: String,
    count: String,
    branch: String,
    asked: String,
    signer: SignerView,
    recipients: Vec<String>,
    list_title: String,
    list_note: String,
    /// One paragraph per member of the draft list.
    rows: Vec<String>,
}

/// The body asked for guidance: the one the organisation model names for the
/// profile (hd02), else the body the branch reports to (Hà Nội asks none by
/// rule, but a branch may still ask the committee above it).
fn guidance_body(profile: Profile, o: &Organisation) -> Option<String> {
    o.branch_bodies(profile).guidance.or_else(|| o.reports_to())
}

impl super::Case for Case {
    const ID: &'static str = "cong-van-xin-y-kien-danh-sach";

    type View = View;

    fn prepare_view(self) -> Result<Prepared<View>, Vec<Problem>> {
        let mut problems = Vec::new();
        self.check(&mut problems);
        let o = self.to_chuc.organisation();
        let body = guidance_body(self.quy_dinh, &o);
        if body.is_none() {
            problems.push(Problem::new(
                "to_chuc.cap_tren",
                "cần tên đảng bộ cấp trên để biết cấp ủy được xin ý kiến chỉ đạo",
            ));
        }
        let (Some(body), true) = (body, problems.is_empty()) else {
            return Err(problems);
        };
        let paper = self.paper();
        let number = paper.doc_number(DocKind::CongVan);
        let rows = self
            .dang_vien
            .iter()
            .enumerate()
            .map(|(k, m)| {
                format!(
                    "{}. Đồng chí {}, sinh ngày {}, vào Đảng chính thức ngày {}{}. Tiêu chí, biểu hiện: {}",
                    k + 1,
                    m.ho_ten,
                    format::date_inline(m.ngay_sinh),
                    format::date_inline(m.ngay_chinh_thuc),
                    m.chuc_vu
                        .as_deref()
                        .map(|p| format!("; {p}"))
                        .unwrap_or_default(),
                    m.tieu_chi
                )
            })
            .collect();
        let bases = super::legal_bases(self.quy_dinh, Matter::Screening, self.van_ban.ngay);
        let (signer, recipients) = paper.sign_off(vec![body.clone()]);
        let about = "V/v xin ý kiến chỉ đạo về danh sách đảng viên dự kiến cần được chi bộ giáo dục, giúp đỡ";
        let view = View {
            page: paper.page(),
            header: paper.header(DocKind::CongVan),
            about: about.into(),
            recipient: body.clone(),
            bases: bases.join("; "),
            count: format!("{:02}", self.dang_vien.len()),
            branch: self.to_chuc.ten.clone(),
            asked: body,
            signer,
            recipients,
            list_title: "DANH SÁCH".into(),
            list_note: format!(
                "đảng viên dự kiến cần được chi bộ giáo dục, giúp đỡ trước khi xem xét, quyết định đưa ra khỏi Đảng (kèm theo Công văn số {number} ngày {} của {})",
                format::date_inline(self.van_ban.ngay),
                self.to_chuc.ten
            ),
            rows,
        };
        Ok(paper.prepare(view, "Công văn", DocKind::CongVan))
    }
}

impl Case {
    fn check(&self, out: &mut Vec<Problem>) {
        self.paper().check_branch("công văn này", out);
        require_some(
            &self.dang_vien,
            "dang_vien",
            "cần ít nhất một đảng viên trong danh sách dự kiến",
            out,
        );
        let day = self.van_ban.ngay;
        for (k, m) in self.dang_vien.iter().enumerate() {
            let path = format!("dang_vien[{k}]");
            require(&m.ho_ten, format!("{path}.ho_ten"), out);
            require(&m.tieu_chi, format!("{path}.tieu_chi"), out);
            check_born_before(&path, m.ngay_sinh, day, "ngày công văn", out);
            if m.ngay_chinh_thuc > day || m.ngay_chinh_thuc <= m.ngay_sinh {
                out.push(Problem::new(
                    format!("{path}.ngay_chinh_thuc"),
                    "ngày chính thức phải sau ngày sinh và không sau ngày công văn: chỉ xem xét đảng viên chính thức",
                ));
            }
            let earlier = self.dang_vien[..k].iter().map(|o| o.ho_ten.as_str());
            check_listed_once(&path, &m.ho_ten, earlier, out);
        }
    }
}
