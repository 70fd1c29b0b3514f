//! Step 4 begins: "căn cứ báo cáo của cấp ủy cơ sở về danh sách đảng viên cần
//! xem xét, đưa ra khỏi Đảng, UBKT Đảng uỷ tiến hành việc thẩm tra, xác minh,
//! kết luận về vi phạm của từng đảng viên và báo cáo Ban Thường vụ xem xét,
//! quyết định" [000 III.4]; "đối với đảng viên qua xem xét, chưa đến mức phải
//! xóa tên hoặc kỷ luật bằng hình thức khai trừ thì … tiếp tục giáo dục, giúp
//! đỡ" [001 Bước 4].
//!
//! The inspection commission's report to the Ban Thường vụ: per member, the
//! branch's proposal (the fields of [`removal::Proposed`], carried from the
//! forwarding resolution), what was verified, whether a violation was found,
//! and what the commission proposes. The counts per proposal are computed.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::list::require_some;
use super::paper::{self, IssuedBy};
use super::removal::{self, ProposedView};
use super::{Prepared, checked};
use crate::case::common::{HeaderView, LoaiToChuc, PageView, SignerView, require};
use crate::case::member;
use crate::error::Problem;
use crate::rules::format::{self, DocKind};
use crate::vocab::Label;

paper::case! {
    /// Case data of `bao-cao-tham-tra-xac-minh`.
    #[schemars(
        title = "Báo cáo kết quả thẩm tra, xác minh, kết luận về vi phạm của đảng viên",
        description = "Ủy ban Kiểm tra báo cáo Ban Thường vụ trước khi quyết định đưa đảng viên ra khỏi Đảng"
    )]
    pub struct Case;
    rule_profile = "";
    issuer = (
        "Đảng bộ có Ủy ban Kiểm tra",
        "Đảng bộ phường (đảng ủy cấp trên cơ sở); ký hiệu trong số văn bản của Ủy ban Kiểm tra, ví dụ: UBKT"
    );
    number = ("Số và ngày báo cáo", "");
    own {
        #[schemars(title = "Thời gian thẩm tra, xác minh")]
        pub thoi_gian: ThoiGian,
        #[schemars(
            title = "Đảng viên được thẩm tra, xác minh",
            description = "Mỗi người kèm đề nghị của chi bộ và kết luận của Ủy ban Kiểm tra",
            length(min = 1)
        )]
        pub dang_vien: Vec<DangVienThamTra>,
    }
    other_recipients = "Ban Thường vụ và bản lưu do dangvu tự thêm";
}

/// The verification period.
#[derive(Debug, Clone, Copy, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Thời gian thẩm tra, xác minh", description = "")]
pub struct ThoiGian {
    #[schemars(title = "Từ ngày")]
    pub tu_ngay: NaiveDate,
    #[schemars(title = "Đến ngày")]
    pub den_ngay: NaiveDate,
}

/// What the commission proposes to the Ban Thường vụ.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[schemars(title = "Ủy ban Kiểm tra đề xuất", description = "")]
pub enum DeXuat {
    #[schemars(title = "Xóa tên trong danh sách đảng viên", description = "")]
    XoaTen,
    #[schemars(
        title = "Kỷ luật bằng hình thức khai trừ",
        description = "Chỉ với đảng viên chính thức"
    )]
    KhaiTru,
    /// Not to the level of xóa tên or khai trừ: the branch keeps helping and
    /// reviews after 12 months [001 Bước 4].
    #[schemars(
        title = "Tiếp tục giáo dục, giúp đỡ",
        description = "Chưa đến mức xóa tên hoặc khai trừ; xem xét lại sau 12 tháng"
    )]
    TiepTucGiupDo,
}

impl Label for DeXuat {
    fn label(self) -> &'static str {
        match self {
            DeXuat::XoaTen => "xóa tên trong danh sách đảng viên",
            DeXuat::KhaiTru => "kỷ luật bằng hình thức khai trừ ra khỏi Đảng",
            DeXuat::TiepTucGiupDo => {
                "giao chi bộ tiếp tục giáo dục, giúp đỡ và xem xét lại sau 12 tháng"
            }
        }
    }
}

member::row! {
    /// A member verified: the branch's proposal (names shared with the forwarding
    /// resolution), then the commission's findings.
    #[schemars(title = "Đảng viên được thẩm tra, xác minh", description = "")]
    pub struct DangVienThamTra {
        [name]
        [admitted "Bỏ trống nếu là đảng viên dự bị"]
        [post]
        [branch "Chi bộ nơi đảng viên sinh hoạt, ví dụ: Chi bộ Tổ dân phố số 5"]
        [proposal]
        /// What was verified: sources, people met, facts established.
        #[schemars(
            title = "Nội dung đã thẩm tra, xác minh",
            description = "Hồ sơ, tài liệu đã xem, người đã làm việc, sự việc đã xác định",
            extend("x-multiline" = true)
        )]
        pub noi_dung_xac_minh: String,
        /// Unticked (the default) means no violation was found, so a removal
        /// proposal left with it is refused rather than sent unsupported.
        #[serde(default)]
        #[schemars(
            title = "Có vi phạm",
            description = "Đánh dấu khi kết luận đảng viên có vi phạm như chi bộ nêu"
        )]
        pub co_vi_pham: bool,
        /// The violation concluded; required when one was found.
        #[serde(default)]
        #[schemars(
            title = "Vi phạm đã kết luận",
            description = "Bắt buộc khi có vi phạm",
            extend("x-multiline" = true)
        )]
        pub vi_pham: Option<String>,
        #[schemars(title = "Ủy ban Kiểm tra đề xuất")]
        pub de_xuat: DeXuat,
    }
}

impl DangVienThamTra {
    /// The commission's findings: a conclusion without a violation can only
    /// keep the member under help; a violation is named when found; a
    /// probationary member is struck off, not expelled (seed 000 §2.1:
    /// "xóa tên trong danh sách đảng viên (đối với đảng viên dự bị)").
    fn check_findings(&self, path: &str, out: &mut Vec<Problem>) {
        require(
            &self.noi_dung_xac_minh,
            format!("{path}.noi_dung_xac_minh"),
            out,
        );
        match (&self.vi_pham, self.co_vi_pham) {
            (None, true) => out.push(Problem::new(
                format!("{path}.vi_pham"),
                "có vi phạm: cần ghi vi phạm đã kết luận",
            )),
            (Some(v), true) => require(v, format!("{path}.vi_pham"), out),
            (Some(_), false) => out.push(Problem::new(
                format!("{path}.vi_pham"),
                "kết luận không có vi phạm thì không ghi vi phạm",
            )),
            (None, false) => {}
        }
        if !self.co_vi_pham && self.de_xuat != DeXuat::TiepTucGiupDo {
            out.push(Problem::new(
                format!("{path}.de_xuat"),
                format!(
                    "kết luận không có vi phạm thì không thể đề xuất {}; chọn tiếp tục giáo dục, giúp đỡ",
                    self.de_xuat.label()
                ),
            ));
        }
        if self.de_xuat == DeXuat::KhaiTru && self.ngay_chinh_thuc.is_none() {
            out.push(Problem::new(
                format!("{path}.de_xuat"),
                "đảng viên dự bị không bị khai trừ: vi phạm đến mức phải đưa ra khỏi Đảng thì đề xuất xóa tên",
            ));
        }
    }
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub struct View {
    page: PageView,
    header: HeaderView,
    title: String,
    subject: String,
    /// "Ủy ban Kiểm tra Đảng ủy phường Vân Lam".
    commission: String,
    /// "Ban Thường vụ Đảng ủy phường Vân Lam".
    decider: String,
    period: String,
    count: String,
    members: Vec<MemberView>,
    rows: Vec<Vec<String>>,
    /// "xóa tên 01 đồng chí; khai trừ 01 đồng chí; …", nonzero parts only.
    totals: String,
    /// Per proposal, the members named, for the closing requests.
    requests: Vec<String>,
    signer: SignerView,
    recipients: Vec<String>,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
struct MemberView {
    #[serde(flatten)]
    proposed: ProposedView,
    verified: String,
    /// "Có vi phạm: …" or "Không có vi phạm như chi bộ nêu".
    finding: String,
    conclusion: String,
}

/// The proposals in the order the closing requests take them.
const PROPOSALS: [DeXuat; 3] = [DeXuat::XoaTen, DeXuat::KhaiTru, DeXuat::TiepTucGiupDo];

impl super::Case for Case {
    const ID: &'static str = "bao-cao-tham-tra-xac-minh";
    type View = View;

    fn prepare_view(self) -> Result<Prepared<View>, Vec<Problem>> {
        checked(|out| self.check(out))?;
        let org = &self.to_chuc;
        let o = org.organisation();
        let bodies = removal::step4_bodies(self.quy_dinh, o.issuer());
        let members: Vec<MemberView> = self
            .dang_vien
            .iter()
            .enumerate()
            .map(|(k, m)| MemberView {
                proposed: m.proposed().view(k),
                verified: m.noi_dung_xac_minh.clone(),
                finding: match &m.vi_pham {
                    Some(v) if m.co_vi_pham => format!("Có vi phạm: {v}"),
                    _ => "Không có vi phạm như chi bộ nêu".into(),
                },
                conclusion: conclusion(m),
            })
            .collect();
        let rows = self
            .dang_vien
            .iter()
            .enumerate()
            .map(|(k, m)| {
                vec![
                    (k + 1).to_string(),
                    m.ho_ten.clone(),
                    m.chi_bo.clone(),
                    if m.co_vi_pham { "Có" } else { "Không" }.into(),
                    short(m.de_xuat).into(),
                ]
            })
            .collect();
        let mut totals = Vec::new();
        let mut requests = Vec::new();
        for p in PROPOSALS {
            let names: Vec<&str> = self
                .dang_vien
                .iter()
                .filter(|m| m.de_xuat == p)
                .map(|m| m.ho_ten.as_str())
                .collect();
            if names.is_empty() {
                continue;
            }
            totals.push(format!(
                "{} {:02} đồng chí",
                short(p).to_lowercase(),
                names.len()
            ));
            requests.push(request(p, &names));
        }
        let paper = self.paper();
        let (signer, recipients) = paper.sign_off_as(
            "T/M ỦY BAN KIỂM TRA",
            "Ủy ban Kiểm tra",
            vec![format!("{} (để báo cáo)", bodies.decider)],
        );
        let mut header = paper.header(DocKind::BaoCao);
        // The commission's own header: its party organisation above, its name
        // below (as the ward's UBKT signs its papers).
        header.upper = Some(format::upper(&org.ten));
        header.issuer = "ỦY BAN KIỂM TRA".into();
        let view = View {
            page: paper.page(),
            header,
            title: "BÁO CÁO".into(),
            subject: "kết quả thẩm tra, xác minh, kết luận về vi phạm của đảng viên".into(),
            commission: bodies.verifier,
            decider: bodies.decider,
            period: format!(
                "từ ngày {} đến ngày {}",
                format::date_inline(self.thoi_gian.tu_ngay),
                format::date_inline(self.thoi_gian.den_ngay)
            ),
            count: format!("{:02}", self.dang_vien.len()),
            members,
            rows,
            totals: totals.join("; "),
            requests,
            signer,
            recipients,
        };
        Ok(paper.prepare(view, "Báo cáo", DocKind::BaoCao))
    }
}

/// "Ủy ban Kiểm tra đề xuất …", saying why a violation found leads to no
/// removal.
fn conclusion(m: &DangVienThamTra) -> String {
    let why = if m.co_vi_pham && m.de_xuat == DeXuat::TiepTucGiupDo {
        "Vi phạm chưa đến mức phải xóa tên hoặc kỷ luật bằng hình thức khai trừ; "
    } else {
        ""
    };
    let proposes = if why.is_empty() {
        "Ủy ban Kiểm tra đề xuất"
    } else {
        "ủy ban đề xuất"
    };
    format!("{why}{proposes} {}.", m.de_xuat.label())
}

/// The proposal in the summary table's words.
fn short(p: DeXuat) -> &'static str {
    match p {
        DeXuat::XoaTen => "Xóa tên",
        DeXuat::KhaiTru => "Khai trừ",
        DeXuat::TiepTucGiupDo => "Tiếp tục giáo dục, giúp đỡ",
    }
}

/// The closing request for the members with one proposal.
fn request(p: DeXuat, names: &[&str]) -> String {
    let who = names
        .iter()
        .map(|n| format!("đồng chí {n}"))
        .collect::<Vec<_>>()
        .join(", ");
    match p {
        DeXuat::XoaTen => {
            format!("Xem xét, quyết định xóa tên trong danh sách đảng viên đối với {who}.")
        }
        DeXuat::KhaiTru => format!(
            "Xem xét, quyết định kỷ luật bằng hình thức khai trừ ra khỏi Đảng đối với {who}."
        ),
        DeXuat::TiepTucGiupDo => format!(
            "Giao chi bộ tiếp tục giáo dục, giúp đỡ và xem xét lại sau 12 tháng đối với {who}."
        ),
    }
}

impl Case {
    fn check(&self, out: &mut Vec<Problem>) {
        self.paper().check(
            IssuedBy::Only(LoaiToChuc::DangUyCapTren),
            "báo cáo này do Ủy ban Kiểm tra của đảng ủy cấp trên cơ sở lập (dang-uy-cap-tren): ghi đảng bộ có Ban Thường vụ quyết định",
            out,
        );
        let t = self.thoi_gian;
        if t.tu_ngay > t.den_ngay {
            out.push(Problem::new(
                "thoi_gian.den_ngay",
                "ngày kết thúc thẩm tra, xác minh phải từ ngày bắt đầu trở đi",
            ));
        }
        if t.den_ngay > self.van_ban.ngay {
            out.push(Problem::new(
                "thoi_gian.den_ngay",
                "thẩm tra, xác minh phải xong trước ngày báo cáo",
            ));
        }
        require_some(
            &self.dang_vien,
            "dang_vien",
            "cần ít nhất một đảng viên được thẩm tra, xác minh",
            out,
        );
        for (k, m) in self.dang_vien.iter().enumerate() {
            let path = format!("dang_vien[{k}]");
            m.proposed().check(&path, self.van_ban.ngay, out);
            if m.nghi_quyet.ngay > t.tu_ngay {
                out.push(Problem::new(
                    format!("{path}.nghi_quyet.ngay"),
                    "thẩm tra, xác minh bắt đầu sau khi chi bộ có nghị quyết đề nghị: nghị quyết không được sau ngày bắt đầu thẩm tra",
                ));
            }
            m.check_findings(&path, out);
        }
        removal::check_once(self.dang_vien.iter().map(|m| m.ho_ten.as_str()), out);
    }
}
