//! A member's self-criticism (bản tự kiểm điểm): one form whose kind (`loai`)
//! selects the sections — at step 2 of the screening workflow (violations and
//! commitment), at step 3 (results against the commitment), at the annual
//! review, and after losing the party card.

use chrono::{Datelike, NaiveDate};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::Prepared;
use super::list::require_some;
use super::paragraphs::{MaybeParagraphs, Paragraphs};
use crate::case::common::{NguoiKy, PageView, SignerView, require};
use crate::case::input;
use crate::case::member::{DangVien, MemberView};
use crate::error::{Error, Problem, Result};
use crate::rules::calendar;
use crate::rules::format;
use crate::vocab::Label;

/// Case data of `ban-tu-kiem-diem`; `loai` selects the kind and its sections.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(tag = "loai", rename_all = "kebab-case")]
#[schemars(transform = kind_title)]
#[schemars(
    title = "Bản tự kiểm điểm",
    description = "Chọn loại bản tự kiểm điểm; mỗi loại có các phần riêng"
)]
pub enum Case {
    /// Step 2: a member on the help list states violations, causes and a
    /// commitment to correct them.
    #[schemars(
        title = "Tự kiểm điểm khi vào diện giúp đỡ",
        description = "Bước 2: đảng viên nêu vi phạm, nguyên nhân và cam kết sửa chữa"
    )]
    GiupDo(GiupDo),
    /// Step 3: after the help period, results against each commitment.
    #[schemars(
        title = "Tự kiểm điểm sau thời gian giúp đỡ",
        description = "Bước 3: kết quả thực hiện từng cam kết"
    )]
    SauGiupDo(SauGiupDo),
    /// Annual review of a member.
    #[schemars(
        title = "Tự kiểm điểm cuối năm",
        description = "Kiểm điểm, đánh giá, xếp loại đảng viên hằng năm"
    )]
    CuoiNam(CuoiNam),
    /// Lost party card.
    #[schemars(title = "Tự kiểm điểm khi mất thẻ đảng viên", description = "")]
    MatThe(MatThe),
}

/// The kind selector's label on a clerk's form.
fn kind_title(schema: &mut schemars::Schema) {
    crate::case::schema::tag_title(schema, "loai", "Loại bản tự kiểm điểm");
}

const KINDS: [&str; 4] = ["giup-do", "sau-giup-do", "cuoi-nam", "mat-the"];

/// A violation or shortcoming and when it happened.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Vi phạm, khuyết điểm", description = "")]
pub struct ViPham {
    #[schemars(title = "Nội dung vi phạm", length(min = 1), extend("x-multiline" = true))]
    pub noi_dung: String,
    /// When, as the member states it ("tháng 3 và tháng 7 năm 2025").
    #[schemars(
        title = "Thời gian",
        description = "Theo lời đảng viên, ví dụ: tháng 3 và tháng 7 năm 2025",
        length(min = 1)
    )]
    pub thoi_gian: String,
}

/// A commitment to correct, with its deadline.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Cam kết sửa chữa", description = "")]
pub struct CamKet {
    #[schemars(title = "Nội dung cam kết", length(min = 1), extend("x-multiline" = true))]
    pub noi_dung: String,
    /// Deadline; after the date of the self-criticism.
    #[schemars(
        title = "Hạn hoàn thành",
        description = "Sau ngày viết bản tự kiểm điểm"
    )]
    pub han: NaiveDate,
}

/// A commitment and what came of it.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Kết quả thực hiện cam kết", description = "")]
pub struct KetQuaCamKet {
    #[schemars(title = "Cam kết", length(min = 1), extend("x-multiline" = true))]
    pub cam_ket: String,
    #[schemars(title = "Kết quả", length(min = 1), extend("x-multiline" = true))]
    pub ket_qua: String,
}

/// Quality levels of the annual review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[schemars(title = "Mức xếp loại chất lượng", description = "")]
pub enum MucXepLoai {
    #[schemars(title = MucXepLoai::HoanThanhXuatSac.label())]
    HoanThanhXuatSac,
    #[schemars(title = MucXepLoai::HoanThanhTot.label())]
    HoanThanhTot,
    #[schemars(title = MucXepLoai::HoanThanh.label())]
    HoanThanh,
    #[schemars(title = MucXepLoai::KhongHoanThanh.label())]
    KhongHoanThanh,
}

impl Label for MucXepLoai {
    fn label(self) -> &'static str {
        match self {
            Self::HoanThanhXuatSac => "Hoàn thành xuất sắc nhiệm vụ",
            Self::HoanThanhTot => "Hoàn thành tốt nhiệm vụ",
            Self::HoanThanh => "Hoàn thành nhiệm vụ",
            Self::KhongHoanThanh => "Không hoàn thành nhiệm vụ",
        }
    }
}

/// The helper's comment (optional trailing part).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "Nhận xét của người giúp đỡ",
    description = "Phần cuối, có thể bỏ trống"
)]
pub struct NhanXetGiupDo {
    #[schemars(title = "Họ tên người giúp đỡ", length(min = 1))]
    pub ho_ten: String,
    #[schemars(title = "Nhận xét")]
    pub nhan_xet: Paragraphs,
}

/// The branch's assessment (optional trailing part).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "Đánh giá của chi bộ",
    description = "Phần cuối, có thể bỏ trống"
)]
pub struct DanhGiaChiBo {
    /// Date of the branch meeting that assessed; not before the document.
    #[schemars(
        title = "Ngày họp chi bộ đánh giá",
        description = "Không trước ngày của bản tự kiểm điểm"
    )]
    pub ngay: NaiveDate,
    #[schemars(title = "Nhận xét của chi bộ")]
    pub nhan_xet: Paragraphs,
    /// The rating the branch gives (required for the annual review).
    #[serde(default)]
    #[schemars(
        title = "Chi bộ xếp loại",
        description = "Bắt buộc với bản tự kiểm điểm cuối năm"
    )]
    pub xep_loai: Option<MucXepLoai>,
    #[schemars(title = "Người ký")]
    pub nguoi_ky: NguoiKy,
}

/// Declares one kind of self-criticism. Shared because every kind opens with
/// the same fields (the member, the branch addressed, place and date) and
/// closes with the same optional parts (the helper's comment, where the kind
/// has a helper, and the branch's assessment); written per kind they were the
/// same twenty lines four times. The macro writes, in this order (it is the
/// order of the schema's `required` and of serde's messages):
/// `dang_vien`, `chi_bo`, `dia_danh`, `ngay`, the kind's own fields,
/// `nhan_xet_giup_do` (only with `with_helper_comment;`), `danh_gia_chi_bo`;
/// derives `Deserialize` and `JsonSchema` with `deny_unknown_fields`; and
/// implements [`Shared`]. The optional `member_hint` and `branch_hint` are
/// the hints (JSON Schema `description`) of `dang_vien` and `chi_bo`.
///
/// ```ignore
/// kind! {
///     /// Step 2 (`giup-do`).
///     #[schemars(title = "…", description = "")]
///     pub struct GiupDo;
///     tag = "giup-do";
///     branch_hint = "Tên chi bộ nhận bản tự kiểm điểm";
///     own {
///         #[schemars(title = "Nguyên nhân")]
///         pub nguyen_nhan: Paragraphs,
///     }
///     with_helper_comment;
/// }
/// ```
macro_rules! kind {
    (
        $(#[$meta:meta])*
        pub struct $name:ident;
        tag = $tag:literal;
        $(member_hint = $member:literal;)?
        $(branch_hint = $branch:literal;)?
        own { $($own:tt)* }
        $($with:ident;)?
    ) => {
        kind!(@tail [$($with)?] [$(#[$meta])*] $name $tag [$($member)?] [$($branch)?] { $($own)* });
    };
    (@tail [with_helper_comment] $meta:tt $name:ident $tag:literal $member:tt $branch:tt { $($own:tt)* }) => {
        kind!(@emit $meta $name $tag $member $branch {
            $($own)*
            #[serde(default)]
            #[schemars(title = "Nhận xét của người giúp đỡ")]
            pub nhan_xet_giup_do: Option<NhanXetGiupDo>,
        } [nhan_xet_giup_do]);
    };
    (@tail [] $meta:tt $name:ident $tag:literal $member:tt $branch:tt $own:tt) => {
        kind!(@emit $meta $name $tag $member $branch $own []);
    };
    (@helper $kind:ident [$field:ident]) => {
        $kind.$field.as_ref()
    };
    (@helper $kind:ident []) => {
        None
    };
    (@emit [$($meta:tt)*] $name:ident $tag:literal [$($member:literal)?] [$($branch:literal)?]
        { $($fields:tt)* } [$($helper:ident)?]
    ) => {
        #[derive(Debug, Clone, Deserialize, JsonSchema)]
        #[serde(deny_unknown_fields)]
        $($meta)*
        pub struct $name {
            #[schemars(title = "Đảng viên", description = concat!($($member)?))]
            pub dang_vien: DangVien,
            #[schemars(title = "Kính gửi chi bộ", description = concat!($($branch)?), length(min = 1))]
            pub chi_bo: String,
            #[schemars(title = "Địa danh", length(min = 1))]
            pub dia_danh: String,
            #[schemars(title = "Ngày viết")]
            pub ngay: NaiveDate,
            $($fields)*
            #[serde(default)]
            #[schemars(title = "Đánh giá của chi bộ")]
            pub danh_gia_chi_bo: Option<DanhGiaChiBo>,
        }

        impl Shared for $name {
            fn tag(&self) -> &'static str {
                $tag
            }
            fn common(&self) -> Common<'_> {
                Common {
                    member: &self.dang_vien,
                    branch: &self.chi_bo,
                    place: &self.dia_danh,
                    date: self.ngay,
                }
            }
            fn helper(&self) -> Option<&NhanXetGiupDo> {
                kind!(@helper self [$($helper)?])
            }
            fn branch(&self) -> Option<&DanhGiaChiBo> {
                self.danh_gia_chi_bo.as_ref()
            }
        }
    };
}

kind! {
    /// Step 2 (`giup-do`).
    #[schemars(title = "Tự kiểm điểm khi vào diện giúp đỡ", description = "")]
    pub struct GiupDo;
    tag = "giup-do";
    branch_hint = "Tên chi bộ nhận bản tự kiểm điểm";
    own {
        #[schemars(title = "Vi phạm, khuyết điểm")]
        #[schemars(length(min = 1))]
        pub vi_pham: Vec<ViPham>,
        #[schemars(title = "Nguyên nhân")]
        pub nguyen_nhan: Paragraphs,
        #[schemars(title = "Cam kết sửa chữa")]
        #[schemars(length(min = 1))]
        pub cam_ket: Vec<CamKet>,
    }
    with_helper_comment;
}

kind! {
    /// Step 3 (`sau-giup-do`).
    #[schemars(title = "Tự kiểm điểm sau thời gian giúp đỡ", description = "")]
    pub struct SauGiupDo;
    tag = "sau-giup-do";
    own {
        /// The helper the branch assigned.
        #[schemars(
            title = "Người giúp đỡ",
            description = "Đồng chí được chi bộ phân công giúp đỡ",
            length(min = 1)
        )]
        pub nguoi_giup_do: String,
        /// Start of the help period (date of the assigning resolution).
        #[schemars(
            title = "Giúp đỡ từ ngày",
            description = "Ngày của nghị quyết phân công giúp đỡ"
        )]
        pub giup_do_tu: NaiveDate,
        /// End of the help period; 12 months after the start when omitted,
        /// and never later.
        #[serde(default)]
        #[schemars(
            title = "Giúp đỡ đến ngày",
            description = "Bỏ trống thì lấy 12 tháng sau ngày bắt đầu, không được muộn hơn"
        )]
        pub giup_do_den: Option<NaiveDate>,
        #[schemars(title = "Kết quả thực hiện cam kết")]
        #[schemars(length(min = 1))]
        pub ket_qua: Vec<KetQuaCamKet>,
        // Shortcomings still to correct.
        #[serde(default)]
        #[schemars(title = "Hạn chế còn lại")]
        pub han_che_con_lai: MaybeParagraphs,
        #[schemars(title = "Tự đánh giá")]
        pub tu_danh_gia: Paragraphs,
    }
    with_helper_comment;
}

/// Strengths of the annual review, by area.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Ưu điểm", description = "Theo từng mặt")]
pub struct UuDiem {
    #[schemars(title = "Tư tưởng chính trị")]
    pub tu_tuong_chinh_tri: Paragraphs,
    #[schemars(title = "Phẩm chất đạo đức, lối sống")]
    pub dao_duc_loi_song: Paragraphs,
    #[schemars(title = "Ý thức tổ chức kỷ luật")]
    pub y_thuc_ky_luat: Paragraphs,
    #[schemars(title = "Thực hiện nhiệm vụ được giao")]
    pub nhiem_vu_duoc_giao: Paragraphs,
}

kind! {
    /// Annual review (`cuoi-nam`).
    #[schemars(title = "Tự kiểm điểm cuối năm", description = "")]
    pub struct CuoiNam;
    tag = "cuoi-nam";
    own {
        /// The year reviewed: the year of the document or the one before.
        #[schemars(
            title = "Năm kiểm điểm",
            description = "Năm của văn bản hoặc năm trước đó"
        )]
        pub nam: i32,
        #[schemars(title = "Ưu điểm")]
        pub uu_diem: UuDiem,
        #[schemars(title = "Hạn chế, khuyết điểm")]
        pub han_che: Paragraphs,
        #[schemars(title = "Nguyên nhân")]
        pub nguyen_nhan: Paragraphs,
        // What became of last year's shortcomings.
        #[serde(default)]
        #[schemars(title = "Kết quả khắc phục hạn chế năm trước")]
        pub khac_phuc_nam_truoc: MaybeParagraphs,
        // Explanations of issues raised.
        #[serde(default)]
        #[schemars(title = "Giải trình vấn đề được gợi ý")]
        pub giai_trinh: MaybeParagraphs,
        #[schemars(title = "Tự xếp loại")]
        pub tu_xep_loai: MucXepLoai,
    }
    with_helper_comment;
}

kind! {
    /// Lost party card (`mat-the`); the member's `so_the` (the lost card's
    /// number) is required.
    #[schemars(title = "Tự kiểm điểm khi mất thẻ đảng viên", description = "")]
    pub struct MatThe;
    tag = "mat-the";
    member_hint = "Cần ghi số thẻ đảng viên bị mất";
    own {
        /// When the card was lost (or found missing).
        #[schemars(
            title = "Ngày mất thẻ",
            description = "Ngày mất hoặc phát hiện mất thẻ"
        )]
        pub ngay_mat: NaiveDate,
        // How it was lost.
        #[schemars(title = "Hoàn cảnh mất thẻ")]
        pub hoan_canh: Paragraphs,
        // The member's own view of their responsibility.
        #[serde(default)]
        #[schemars(title = "Tự nhận thức trách nhiệm")]
        pub tu_nhan_thuc: MaybeParagraphs,
    }
}

// ---------------------------------------------------------------- view

#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub struct View {
    page: PageView,
    /// The kind (`kind`, a closed set the template branches on) and its
    /// sections (`body`), one value so they cannot disagree.
    #[serde(flatten)]
    body: Body,
    place_date: String,
    title: String,
    subtitle: String,
    recipient: String,
    member: MemberView,
    signer: SignerView,
    helper: Option<HelperView>,
    branch: Option<BranchView>,
}

/// The sections of each kind, serialised as `"kind": "giup-do"` beside
/// `"body": {…}`.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(tag = "kind", content = "body", rename_all = "kebab-case")]
enum Body {
    GiupDo {
        violations: Vec<[String; 3]>,
        causes: Vec<String>,
        commitments: Vec<[String; 3]>,
    },
    SauGiupDo {
        helper: String,
        from: String,
        to: String,
        results: Vec<[String; 3]>,
        remaining: Vec<String>,
        assessment: Vec<String>,
    },
    CuoiNam {
        year: String,
        politics: Vec<String>,
        ethics: Vec<String>,
        discipline: Vec<String>,
        tasks: Vec<String>,
        shortcomings: Vec<String>,
        causes: Vec<String>,
        #[serde(rename = "follow-up")]
        follow_up: Vec<String>,
        explanations: Vec<String>,
        rating: String,
    },
    MatThe {
        card: String,
        lost: String,
        circumstances: Vec<String>,
        responsibility: Vec<String>,
    },
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
struct HelperView {
    comment: Vec<String>,
    signer: SignerView,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
struct BranchView {
    date: String,
    comment: Vec<String>,
    rating: Option<String>,
    signer: SignerView,
}

// ---------------------------------------------------------------- logic

impl super::Case for Case {
    const ID: &'static str = "ban-tu-kiem-diem";

    /// The kind is read first so that every error inside its sections names
    /// the exact field (serde cannot track paths inside a tagged enum).
    fn decode(json: &[u8], covers: &dyn Fn(char) -> bool) -> Result<Self> {
        let value = input::read(json, covers)?;
        let Value::Object(mut map) = value else {
            return Err(Error::invalid("(toàn bộ)", "cần một đối tượng JSON"));
        };
        let kinds = KINDS.join(", ");
        let kind = match map.remove("loai") {
            None => {
                return Err(Error::invalid(
                    "loai",
                    format!("thiếu trường bắt buộc, chọn một trong: {kinds}"),
                ));
            }
            Some(Value::String(s)) if KINDS.contains(&s.as_str()) => s,
            Some(other) => {
                return Err(Error::invalid(
                    "loai",
                    format!("giá trị {other} không hợp lệ, chọn một trong: {kinds}"),
                ));
            }
        };
        let rest = Value::Object(map);
        Ok(match kind.as_str() {
            "giup-do" => Case::GiupDo(input::from_value(rest)?),
            "sau-giup-do" => Case::SauGiupDo(input::from_value(rest)?),
            "cuoi-nam" => Case::CuoiNam(input::from_value(rest)?),
            _ => Case::MatThe(input::from_value(rest)?),
        })
    }

    type View = View;

    fn prepare_view(self) -> std::result::Result<Prepared<View>, Vec<Problem>> {
        let mut out = Vec::new();
        let kind = self.kind();
        let common = kind.common();
        common.check(&mut out);
        let (helper, branch) = (kind.helper(), kind.branch());
        check_helper(helper, common.member, &mut out);
        check_branch(branch, common.date, &mut out);
        let subtitle = kind.subtitle();
        let body = kind.body(&mut out);
        if !out.is_empty() {
            return Err(out);
        }
        let view = View {
            page: PageView::default(),
            place_date: format::date_line(common.place, common.date),
            title: "BẢN TỰ KIỂM ĐIỂM".into(),
            subtitle,
            recipient: common.branch.to_string(),
            member: common.member.view(),
            body,
            signer: SignerView {
                authority: Some("NGƯỜI TỰ KIỂM ĐIỂM".into()),
                title: None,
                name: common.member.ho_ten.clone(),
            },
            helper: helper.map(|h| HelperView {
                comment: h.nhan_xet.to_vec(),
                signer: SignerView {
                    authority: Some("ĐẢNG VIÊN GIÚP ĐỠ".into()),
                    title: None,
                    name: h.ho_ten.clone(),
                },
            }),
            branch: branch.map(|b| BranchView {
                date: format::date_inline(b.ngay),
                comment: b.nhan_xet.to_vec(),
                rating: b.xep_loai.map(|r| r.label().to_string()),
                signer: SignerView::new(&b.nguoi_ky, "T/M CHI BỘ"),
            }),
        };
        let tag = kind.tag();
        let doc_number = format!("{tag}-{}", common.date.format("%Y-%m-%d"));
        Ok(Prepared {
            view,
            title: format!("Bản tự kiểm điểm ({tag})"),
            doc_number,
            date: common.date,
        })
    }
}

impl Case {
    fn kind(&self) -> &dyn Kind {
        match self {
            Case::GiupDo(c) => c,
            Case::SauGiupDo(c) => c,
            Case::CuoiNam(c) => c,
            Case::MatThe(c) => c,
        }
    }
}

/// What [`kind!`] gives every kind: its tag and the parts all kinds carry.
trait Shared {
    fn tag(&self) -> &'static str;
    fn common(&self) -> Common<'_>;
    fn helper(&self) -> Option<&NhanXetGiupDo>;
    fn branch(&self) -> Option<&DanhGiaChiBo>;
}

/// What each kind words and checks for itself.
trait Kind: Shared {
    /// The line under the title.
    fn subtitle(&self) -> String;
    /// The kind's own checks (into `out`) and sections.
    fn body(&self, out: &mut Vec<Problem>) -> Body;
}

/// What every kind carries.
struct Common<'a> {
    member: &'a DangVien,
    branch: &'a str,
    place: &'a str,
    date: NaiveDate,
}

impl Common<'_> {
    fn check(&self, out: &mut Vec<Problem>) {
        self.member.check("dang_vien", self.date, out);
        require(self.branch, "chi_bo", out);
        require(self.place, "dia_danh", out);
    }
}

fn check_helper(helper: Option<&NhanXetGiupDo>, member: &DangVien, out: &mut Vec<Problem>) {
    let Some(h) = helper else { return };
    require(&h.ho_ten, "nhan_xet_giup_do.ho_ten", out);
    if h.ho_ten.trim() == member.ho_ten.trim() {
        out.push(Problem::new(
            "nhan_xet_giup_do.ho_ten",
            "đảng viên giúp đỡ không được là chính người tự kiểm điểm",
        ));
    }
    h.nhan_xet.check("nhan_xet_giup_do.nhan_xet", out);
}

fn check_branch(branch: Option<&DanhGiaChiBo>, date: NaiveDate, out: &mut Vec<Problem>) {
    let Some(b) = branch else { return };
    if b.ngay < date {
        out.push(Problem::new(
            "danh_gia_chi_bo.ngay",
            "chi bộ nhận xét, đánh giá không được trước ngày của bản tự kiểm điểm",
        ));
    }
    b.nhan_xet.check("danh_gia_chi_bo.nhan_xet", out);
    b.nguoi_ky.check("danh_gia_chi_bo.nguoi_ky", out);
}

/// A list of rows the kind requires (violations, commitments, results):
/// `empty` at `path` when there is none, then `each` row's checks with its
/// path (`path[k]`). Shared because every such list is checked this way.
fn rows<T>(
    items: &[T],
    path: &str,
    empty: &str,
    out: &mut Vec<Problem>,
    each: impl Fn(&T, String, &mut Vec<Problem>),
) {
    require_some(items, path, empty, out);
    for (k, item) in items.iter().enumerate() {
        each(item, format!("{path}[{k}]"), out);
    }
}

fn no(k: usize) -> String {
    (k + 1).to_string()
}

impl Kind for GiupDo {
    fn subtitle(&self) -> String {
        "về vi phạm, khuyết điểm và cam kết sửa chữa, khắc phục".to_string()
    }

    fn body(&self, out: &mut Vec<Problem>) -> Body {
        self.dang_vien.require_full("dang_vien", self.ngay, out);
        let empty = "cần nêu ít nhất một vi phạm, khuyết điểm";
        rows(&self.vi_pham, "vi_pham", empty, out, |v, at, out| {
            require(&v.noi_dung, format!("{at}.noi_dung"), out);
            require(&v.thoi_gian, format!("{at}.thoi_gian"), out);
        });
        self.nguyen_nhan.check("nguyen_nhan", out);
        let empty = "cần ít nhất một cam kết sửa chữa, khắc phục";
        rows(&self.cam_ket, "cam_ket", empty, out, |c, at, out| {
            require(&c.noi_dung, format!("{at}.noi_dung"), out);
            if c.han <= self.ngay {
                out.push(Problem::new(
                    format!("{at}.han"),
                    format!(
                        "thời hạn khắc phục ({}) phải sau ngày viết bản tự kiểm điểm ({})",
                        format::date_inline(c.han),
                        format::date_inline(self.ngay)
                    ),
                ));
            }
        });
        Body::GiupDo {
            violations: self
                .vi_pham
                .iter()
                .enumerate()
                .map(|(k, v)| [no(k), v.noi_dung.clone(), v.thoi_gian.clone()])
                .collect(),
            causes: self.nguyen_nhan.to_vec(),
            commitments: self
                .cam_ket
                .iter()
                .enumerate()
                .map(|(k, c)| [no(k), c.noi_dung.clone(), format::date_inline(c.han)])
                .collect(),
        }
    }
}

impl Kind for SauGiupDo {
    fn subtitle(&self) -> String {
        "về kết quả sửa chữa, khắc phục vi phạm sau thời gian được giáo dục, giúp đỡ".to_string()
    }

    fn body(&self, out: &mut Vec<Problem>) -> Body {
        self.dang_vien.require_full("dang_vien", self.ngay, out);
        require(&self.nguoi_giup_do, "nguoi_giup_do", out);
        if self.nguoi_giup_do.trim() == self.dang_vien.ho_ten.trim() {
            out.push(Problem::new(
                "nguoi_giup_do",
                "đảng viên giúp đỡ không được là chính người tự kiểm điểm",
            ));
        }
        if let Some(h) = &self.nhan_xet_giup_do
            && h.ho_ten.trim() != self.nguoi_giup_do.trim()
        {
            for field in ["nguoi_giup_do", "nhan_xet_giup_do.ho_ten"] {
                out.push(Problem::new(
                    field,
                    "người nhận xét phải là đảng viên được phân công giúp đỡ (nguoi_giup_do)",
                ));
            }
        }
        let latest = calendar::help_period_end(self.giup_do_tu);
        let end = self.giup_do_den.unwrap_or(latest);
        if end <= self.giup_do_tu {
            out.push(Problem::new(
                "giup_do_den",
                "ngày kết thúc giúp đỡ phải sau ngày bắt đầu",
            ));
        } else if end > latest {
            out.push(Problem::new(
                "giup_do_den",
                format!(
                    "thời gian giúp đỡ không quá 12 tháng: muộn nhất đến ngày {}",
                    format::date_inline(latest)
                ),
            ));
        } else if self.ngay < end {
            out.push(Problem::new(
                "ngay",
                format!(
                    "tự kiểm điểm kết quả sau thời gian giúp đỡ, tức từ ngày {} trở đi",
                    format::date_inline(end)
                ),
            ));
        }
        let empty = "cần nêu kết quả của ít nhất một cam kết";
        rows(&self.ket_qua, "ket_qua", empty, out, |r, at, out| {
            require(&r.cam_ket, format!("{at}.cam_ket"), out);
            require(&r.ket_qua, format!("{at}.ket_qua"), out);
        });
        self.han_che_con_lai.check("han_che_con_lai", out);
        self.tu_danh_gia.check("tu_danh_gia", out);
        Body::SauGiupDo {
            helper: self.nguoi_giup_do.clone(),
            from: format::date_inline(self.giup_do_tu),
            to: format::date_inline(end),
            results: self
                .ket_qua
                .iter()
                .enumerate()
                .map(|(k, r)| [no(k), r.cam_ket.clone(), r.ket_qua.clone()])
                .collect(),
            remaining: self.han_che_con_lai.to_vec(),
            assessment: self.tu_danh_gia.to_vec(),
        }
    }
}

impl Kind for CuoiNam {
    fn subtitle(&self) -> String {
        format!("đảng viên năm {}", self.nam)
    }

    fn body(&self, out: &mut Vec<Problem>) -> Body {
        let y = self.ngay.year();
        if self.nam != y && self.nam != y - 1 {
            out.push(Problem::new(
                "nam",
                format!(
                    "năm kiểm điểm phải là năm {y} hoặc {} (theo ngày viết bản kiểm điểm)",
                    y - 1
                ),
            ));
        }
        let u = &self.uu_diem;
        u.tu_tuong_chinh_tri
            .check("uu_diem.tu_tuong_chinh_tri", out);
        u.dao_duc_loi_song.check("uu_diem.dao_duc_loi_song", out);
        u.y_thuc_ky_luat.check("uu_diem.y_thuc_ky_luat", out);
        u.nhiem_vu_duoc_giao
            .check("uu_diem.nhiem_vu_duoc_giao", out);
        self.han_che.check("han_che", out);
        self.nguyen_nhan.check("nguyen_nhan", out);
        self.khac_phuc_nam_truoc.check("khac_phuc_nam_truoc", out);
        self.giai_trinh.check("giai_trinh", out);
        if let Some(b) = &self.danh_gia_chi_bo
            && b.xep_loai.is_none()
        {
            out.push(Problem::new(
                "danh_gia_chi_bo.xep_loai",
                "kiểm điểm cuối năm: chi bộ phải ghi mức xếp loại chất lượng",
            ));
        }
        Body::CuoiNam {
            year: self.nam.to_string(),
            politics: u.tu_tuong_chinh_tri.to_vec(),
            ethics: u.dao_duc_loi_song.to_vec(),
            discipline: u.y_thuc_ky_luat.to_vec(),
            tasks: u.nhiem_vu_duoc_giao.to_vec(),
            shortcomings: self.han_che.to_vec(),
            causes: self.nguyen_nhan.to_vec(),
            follow_up: self.khac_phuc_nam_truoc.to_vec(),
            explanations: self.giai_trinh.to_vec(),
            rating: self.tu_xep_loai.label().into(),
        }
    }
}

impl Kind for MatThe {
    fn subtitle(&self) -> String {
        "về việc làm mất thẻ đảng viên".to_string()
    }

    fn body(&self, out: &mut Vec<Problem>) -> Body {
        if self.dang_vien.so_the.is_none() {
            out.push(Problem::new(
                "dang_vien.so_the",
                "cần số thẻ đảng viên bị mất",
            ));
        }
        if self.ngay_mat > self.ngay {
            out.push(Problem::new(
                "ngay_mat",
                "ngày mất thẻ sau ngày viết bản tự kiểm điểm",
            ));
        } else if let Some(full) = self.dang_vien.ngay_chinh_thuc
            && self.ngay_mat < full
        {
            out.push(Problem::new(
                "ngay_mat",
                "ngày mất thẻ trước ngày chính thức: thẻ chỉ phát cho đảng viên chính thức",
            ));
        }
        self.hoan_canh.check("hoan_canh", out);
        self.tu_nhan_thuc.check("tu_nhan_thuc", out);
        Body::MatThe {
            card: self.dang_vien.so_the.clone().unwrap_or_default(),
            lost: format::date_inline(self.ngay_mat),
            circumstances: self.hoan_canh.to_vec(),
            responsibility: self.tu_nhan_thuc.to_vec(),
        }
    }
}
