//! Case data every form shares: the issuing organisation, the document's
//! number and date, the signer, recipients — and the view of them that the
//! layout library's header and signature blocks present.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::Problem;
use crate::rules::format::{self, DocKind};
use crate::rules::organisation::{self, Level, Organisation};

/// The kind of party organisation, which decides where its results go
/// (see [`organisation::Level`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[schemars(
    title = "Loại tổ chức đảng",
    description = "Quyết định kết quả gửi lên cấp nào"
)]
pub enum LoaiToChuc {
    /// Chi bộ trực thuộc đảng ủy cơ sở: reports to its đảng ủy cơ sở; no seal.
    #[schemars(
        title = "Chi bộ trực thuộc đảng ủy cơ sở",
        description = "Báo cáo lên đảng ủy cơ sở"
    )]
    ChiBoTrucThuoc,
    /// Chi bộ cơ sở (e.g. a residential group's branch directly under the
    /// ward's committee): reports to the Ban Thường vụ of the higher committee.
    #[schemars(
        title = "Chi bộ cơ sở",
        description = "Báo cáo lên Ban Thường vụ cấp ủy cấp trên"
    )]
    ChiBoCoSo,
    /// Đảng ủy cơ sở.
    #[schemars(title = "Đảng ủy cơ sở")]
    DangUyCoSo,
    /// The committee directly above the grassroots organisations (a ward's
    /// committee since the 2025 reorganisation); signs for its Ban Thường vụ.
    #[schemars(
        title = "Đảng ủy cấp trên cơ sở",
        description = "Đảng ủy phường, xã sau sắp xếp năm 2025; ký thay mặt Ban Thường vụ"
    )]
    DangUyCapTren,
}

impl LoaiToChuc {
    pub fn is_branch(self) -> bool {
        self.level().is_branch()
    }

    /// The level in the organisation model.
    pub fn level(self) -> Level {
        match self {
            Self::ChiBoTrucThuoc => Level::BranchUnderGrassroots,
            Self::ChiBoCoSo => Level::GrassrootsBranch,
            Self::DangUyCoSo => Level::GrassrootsCommittee,
            Self::DangUyCapTren => Level::AboveGrassroots,
        }
    }
}

/// The issuing organisation.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Tổ chức đảng ban hành", description = "")]
pub struct ToChuc {
    /// Full name, e.g. "Chi bộ Tổ dân phố số 5".
    #[schemars(
        title = "Tên tổ chức đảng",
        description = "Ví dụ: Chi bộ Tổ dân phố số 5",
        length(min = 1)
    )]
    pub ten: String,
    #[schemars(title = "Loại tổ chức đảng")]
    pub loai: LoaiToChuc,
    /// The directly higher party organisation, e.g. "Đảng bộ phường Vân Lam".
    /// Omitted only at the top level.
    #[serde(default)]
    #[schemars(
        title = "Tổ chức đảng cấp trên trực tiếp",
        description = "Ví dụ: Đảng bộ phường Vân Lam; chỉ bỏ trống ở cấp cao nhất"
    )]
    pub cap_tren: Option<String>,
    /// The committee of the higher organisation, e.g. "Đảng ủy phường Phúc
    /// Lợi". Defaults to the higher organisation's name with "Đảng bộ"
    /// replaced by "Đảng ủy".
    #[serde(default)]
    #[schemars(
        title = "Cấp ủy cấp trên",
        description = "Ví dụ: Đảng ủy phường Vân Lam; bỏ trống thì suy ra từ tên tổ chức cấp trên"
    )]
    pub cap_uy_cap_tren: Option<String>,
    /// Issuer code after the slash of the document number: "CB", "ĐU"…
    #[schemars(
        title = "Ký hiệu tổ chức trong số văn bản",
        description = "Phần sau dấu gạch chéo của số văn bản, ví dụ: CB, ĐU",
        length(min = 1)
    )]
    pub ky_hieu: String,
    /// Place name for the date line, e.g. "Vân Lam".
    #[schemars(
        title = "Địa danh",
        description = "Địa danh ghi ở dòng ngày tháng, ví dụ: Vân Lam",
        length(min = 1)
    )]
    pub dia_danh: String,
    /// Page margins in millimetres, when the organisation's own differ from
    /// the default 25 / 25 / 35 / 15 (within the ranges of 36-HD/VPTW).
    #[serde(default)]
    #[schemars(
        title = "Lề trang (mm)",
        description = "Chỉ ghi khi tổ chức dùng lề riêng khác mặc định 25 / 25 / 35 / 15"
    )]
    pub le_trang: Option<LeTrang>,
}

/// Declares [`LeTrang`] from one line per margin — its field, title and
/// the range Hướng dẫn 36-HD/VPTW allows — so the range the schema states
/// (`range`, "Từ … đến … mm") and the one [`LeTrang::check`] enforces
/// (`LeTrang::RANGES`) are written once.
macro_rules! margins {
    ($( $field:ident: $title:literal, $min:literal ..= $max:literal; )*) => {
        /// Page margins in millimetres.
        #[derive(Debug, Clone, Copy, Serialize, Deserialize, JsonSchema)]
        #[serde(deny_unknown_fields)]
        #[schemars(
            title = "Lề trang (mm)",
            description = "Trong khoảng Hướng dẫn 36-HD/VPTW cho phép"
        )]
        pub struct LeTrang {
            $(
                #[schemars(
                    title = $title,
                    description = concat!("Từ ", $min, " đến ", $max, " mm"),
                    range(min = $min, max = $max)
                )]
                pub $field: u32,
            )*
        }

        impl LeTrang {
            /// The ranges Hướng dẫn 36-HD/VPTW allows (layout.md, "Page"),
            /// in field order.
            const RANGES: [(&'static str, u32, u32); 4] = [$( (stringify!($field), $min, $max), )*];

            /// The margins in field order, as [`LeTrang::RANGES`] lists them.
            fn values(&self) -> [u32; 4] {
                [$( self.$field, )*]
            }
        }
    };
}

margins! {
    tren: "Lề trên (mm)", 20 ..= 25;
    duoi: "Lề dưới (mm)", 20 ..= 25;
    trai: "Lề trái (mm)", 30 ..= 35;
    phai: "Lề phải (mm)", 15 ..= 20;
}

impl LeTrang {
    fn check(&self, path: &str, out: &mut Vec<Problem>) {
        for ((field, min, max), value) in Self::RANGES.into_iter().zip(self.values()) {
            if !(min..=max).contains(&value) {
                out.push(Problem::new(
                    format!("{path}.le_trang.{field}"),
                    format!(
                        "lề {value} mm nằm ngoài khoảng {min}–{max} mm theo Hướng dẫn 36-HD/VPTW"
                    ),
                ));
            }
        }
    }
}

impl ToChuc {
    /// The higher committee's name, stated or derived.
    pub fn higher_committee(&self) -> Option<String> {
        if let Some(name) = &self.cap_uy_cap_tren {
            return Some(name.clone());
        }
        organisation::committee_of(self.cap_tren.as_deref()?)
    }

    /// The organisation in the model that names every body its documents
    /// mention (who approves, decides, receives, signs).
    pub fn organisation(&self) -> Organisation {
        Organisation {
            level: self.loai.level(),
            name: self.ten.clone(),
            higher_committee: self.higher_committee(),
        }
    }

    pub fn check(&self, path: &str, out: &mut Vec<Problem>) {
        for (field, value) in [
            ("ten", &self.ten),
            ("ky_hieu", &self.ky_hieu),
            ("dia_danh", &self.dia_danh),
        ] {
            if value.trim().is_empty() {
                out.push(Problem::new(
                    format!("{path}.{field}"),
                    "không được để trống",
                ));
            }
        }
        if let Some(margins) = &self.le_trang {
            margins.check(path, out);
        }
        if self.loai != LoaiToChuc::DangUyCapTren && self.cap_tren.is_none() {
            out.push(Problem::new(
                format!("{path}.cap_tren"),
                "cần tên tổ chức đảng cấp trên trực tiếp",
            ));
        } else if self.loai != LoaiToChuc::DangUyCapTren && self.higher_committee().is_none() {
            out.push(Problem::new(
                format!("{path}.cap_tren"),
                "không bắt đầu bằng \"Đảng bộ\" nên không suy ra được tên cấp ủy cấp trên: hãy ghi thêm trường cap_uy_cap_tren",
            ));
        }
    }
}

/// The document's number, date and secrecy.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Số và ngày văn bản", description = "")]
pub struct VanBan {
    /// Number in the issuer's register for this document type: from 01
    /// (Hướng dẫn 36-HD/VPTW §II.1), so 0 is refused.
    #[serde(deserialize_with = "document_number")]
    #[schemars(
        title = "Số văn bản",
        description = "Số thứ tự trong sổ đăng ký của loại văn bản này, bắt đầu từ 1",
        range(min = 1)
    )]
    pub so: u32,
    /// Date of issue.
    #[schemars(title = "Ngày ban hành", description = "")]
    pub ngay: NaiveDate,
    /// Secrecy mark (chế độ Mật).
    #[serde(default, rename = "mat")]
    #[schemars(title = "Văn bản mật", description = "Đánh dấu MẬT trên văn bản")]
    pub secret: bool,
}

/// A document number: a whole number from 1 (the schema says so too, and
/// its check names the field when this refuses).
fn document_number<'de, D: serde::Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    match u32::deserialize(d)? {
        0 => Err(serde::de::Error::custom(
            "số văn bản bắt đầu từ 1, không có số 0",
        )),
        n => Ok(n),
    }
}

/// Who signs.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Người ký", description = "")]
pub struct NguoiKy {
    /// Authority line; the form's default when omitted ("T/M CHI BỘ").
    #[serde(default)]
    #[schemars(
        title = "Thẩm quyền ký",
        description = "Ví dụ: T/M CHI BỘ; bỏ trống thì dùng dòng mặc định của biểu mẫu"
    )]
    pub tham_quyen: Option<String>,
    /// Title: "BÍ THƯ", "PHÓ BÍ THƯ"…
    #[schemars(
        title = "Chức vụ người ký",
        description = "Ví dụ: BÍ THƯ, PHÓ BÍ THƯ",
        length(min = 1)
    )]
    pub chuc_vu: String,
    #[schemars(title = "Họ và tên người ký", length(min = 1))]
    pub ho_ten: String,
}

impl NguoiKy {
    /// The signer is named: `{path}.ho_ten` and `{path}.chuc_vu` not blank.
    pub fn check(&self, path: &str, out: &mut Vec<Problem>) {
        require(&self.ho_ten, format!("{path}.ho_ten"), out);
        require(&self.chuc_vu, format!("{path}.chuc_vu"), out);
    }
}

/// The header block's view (see `dv.header`).
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub struct HeaderView {
    pub upper: Option<String>,
    pub issuer: String,
    pub number: String,
    pub place_date: String,
    pub secret: Option<String>,
}

impl HeaderView {
    pub fn new(org: &ToChuc, doc: &VanBan, kind: DocKind) -> Self {
        Self {
            upper: org.cap_tren.as_deref().map(format::upper),
            issuer: format::upper(&org.organisation().issuer()),
            number: format!("Số {}", format::doc_number(doc.so, kind, &org.ky_hieu)),
            place_date: format::date_line(&org.dia_danh, doc.ngay),
            secret: doc.secret.then(|| "MẬT".to_string()),
        }
    }
}

/// The signature block's view (see `dv.signer`).
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct SignerView {
    pub authority: Option<String>,
    pub title: Option<String>,
    pub name: String,
}

impl SignerView {
    pub fn new(signer: &NguoiKy, default_authority: &str) -> Self {
        Self {
            authority: Some(format::upper(
                signer.tham_quyen.as_deref().unwrap_or(default_authority),
            )),
            title: Some(format::upper(&signer.chuc_vu)),
            name: signer.ho_ten.clone(),
        }
    }
}

/// Recipient lines as printed: "- X," each, the file copy last with ".".
pub fn recipient_lines(recipients: &[String], file_copy: &str) -> Vec<String> {
    let mut lines: Vec<String> = recipients
        .iter()
        .map(|r| format!("- {},", r.trim().trim_end_matches([',', '.', ';'])))
        .collect();
    lines.push(format!("- Lưu {file_copy}."));
    lines
}

/// Page setup for `dv.document` (layout.md defaults).
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub struct PageView {
    pub margins: Margins,
    pub number_from: u32,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Margins {
    pub top: u32,
    pub bottom: u32,
    pub left: u32,
    pub right: u32,
}

impl Default for PageView {
    fn default() -> Self {
        Self {
            margins: Margins {
                top: 25,
                bottom: 25,
                left: 35,
                right: 15,
            },
            number_from: 2,
        }
    }
}

impl PageView {
    /// The organisation's own margins, or the default ones.
    pub fn for_org(org: &ToChuc) -> Self {
        match org.le_trang {
            Some(m) => Self {
                margins: Margins {
                    top: m.tren,
                    bottom: m.duoi,
                    left: m.trai,
                    right: m.phai,
                },
                number_from: 2,
            },
            None => Self::default(),
        }
    }
}

/// Refuses an empty required string.
pub fn require(value: &str, field: impl Into<String>, out: &mut Vec<Problem>) {
    if value.trim().is_empty() {
        out.push(Problem::new(field, "không được để trống"));
    }
}
