//! Party rosters as offices keep them: JSON, CSV (UTF-8, with or without BOM;
//! separated by commas, semicolons or tabs) or XLSX (first sheet), one member
//! per row under a header row of Vietnamese column names.
//!
//! Column mapping (header text, case and diacritics ignored → field):
//!
//! | column header           | field               | values |
//! |-------------------------|---------------------|--------|
//! | Họ và tên               | `ho_ten`            | text (optional) |
//! | Ngày sinh               | `ngay_sinh`         | `dd/mm/yyyy`, `yyyy-mm-dd` or an Excel date (JSON: the first two) |
//! | Giới tính               | `gioi_tinh`         | Nam, Nữ |
//! | Ngày vào Đảng           | `ngay_vao_dang`     | date (optional) |
//! | Ngày chính thức         | `ngay_chinh_thuc`   | date; empty = đảng viên dự bị |
//! | Trình độ học vấn        | `hoc_van`           | Tiểu học, Trung học cơ sở, Trung học phổ thông |
//! | Chuyên môn nghiệp vụ    | `chuyen_mon`        | Chưa qua đào tạo, Sơ cấp, Trung cấp, Cao đẳng, Đại học, Trên đại học |
//! | Lý luận chính trị       | `ly_luan_chinh_tri` | Chưa qua đào tạo, Sơ cấp, Trung cấp, Cao cấp |
//! | Nghề nghiệp             | `nghe_nghiep`       | see [`NgheNghiep`] |
//! | Miễn sinh hoạt          | `mien_sinh_hoat`    | x / có / 1 = exempted; empty / không / 0 = not |
//!
//! Other columns (STT, Chi bộ, Ghi chú…) are ignored. Enumerated values are
//! also accepted as their JSON ids (`thpt`, `dai-hoc`…).

mod table;

pub use table::{
    Column, FileProblem, ReadError, RowError, read_bytes, read_csv, read_path, read_xlsx,
};

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::slug::slug;
use crate::vocab::Label;

/// One party member in a roster.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Đảng viên trong danh sách", description = "")]
pub struct Member {
    /// Full name; statistics never print it, so it may be left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(
        title = "Họ và tên",
        description = "Báo cáo thống kê không in tên nên có thể bỏ trống"
    )]
    pub ho_ten: Option<String>,
    #[serde(deserialize_with = "date::required")]
    #[schemars(schema_with = "date::schema")]
    #[schemars(title = "Ngày sinh")]
    pub ngay_sinh: NaiveDate,
    #[schemars(title = "Giới tính")]
    pub gioi_tinh: GioiTinh,
    #[serde(
        default,
        deserialize_with = "date::optional",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(schema_with = "date::optional_schema")]
    #[schemars(title = "Ngày vào Đảng")]
    pub ngay_vao_dang: Option<NaiveDate>,
    /// Date made a full member; none for a probationary member.
    #[serde(
        default,
        deserialize_with = "date::optional",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(schema_with = "date::optional_schema")]
    #[schemars(
        title = "Ngày chính thức",
        description = "Bỏ trống nếu là đảng viên dự bị"
    )]
    pub ngay_chinh_thuc: Option<NaiveDate>,
    #[schemars(title = "Trình độ học vấn")]
    pub hoc_van: HocVan,
    #[schemars(title = "Chuyên môn nghiệp vụ")]
    pub chuyen_mon: ChuyenMon,
    #[schemars(title = "Lý luận chính trị")]
    pub ly_luan_chinh_tri: LyLuan,
    #[schemars(title = "Nghề nghiệp")]
    pub nghe_nghiep: NgheNghiep,
    /// Exempted from party work and meetings (miễn công tác và sinh hoạt đảng).
    #[serde(default)]
    #[schemars(
        title = "Được miễn sinh hoạt",
        description = "Được miễn công tác và sinh hoạt đảng"
    )]
    pub mien_sinh_hoat: bool,
}

/// Roster dates in JSON take the forms a roster's spreadsheet takes:
/// `yyyy-mm-dd` and `dd/mm/yyyy` (also with `-` or `.` between the parts), so
/// a roster pasted from a CSV reads the same as the CSV. Written back as
/// `yyyy-mm-dd`.
mod date {
    use chrono::NaiveDate;
    use schemars::{Schema, SchemaGenerator, json_schema};
    use serde::{Deserialize, Deserializer, de::Error};

    /// `yyyy-mm-dd`, or `d/m/yyyy` with `/`, `-` or `.`.
    const PATTERN: &str = r"^(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.-]\d{1,2}[/.-]\d{4})$";
    const DESCRIPTION: &str = "Ngày, dạng dd/mm/yyyy (23/03/1992) hoặc yyyy-mm-dd (1992-03-23).";

    fn parse<E: Error>(text: &str) -> Result<NaiveDate, E> {
        super::table::parse_date(text).ok_or_else(|| {
            E::custom(format!(
                "ngày \"{text}\" không hợp lệ, cần dạng dd/mm/yyyy hoặc yyyy-mm-dd (ví dụ 23/03/1992)"
            ))
        })
    }

    pub fn required<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        parse(&String::deserialize(d)?)
    }

    pub fn optional<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        Option::<String>::deserialize(d)?
            .map(|text| parse(&text))
            .transpose()
    }

    pub fn schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({"type": "string", "pattern": PATTERN, "description": DESCRIPTION})
    }

    pub fn optional_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({"type": ["string", "null"], "pattern": PATTERN, "description": DESCRIPTION})
    }
}

/// A closed list of Vietnamese categories: JSON id and printed label.
pub trait Category: Label + Sized + 'static {
    const ALL: &'static [Self];
    fn id(self) -> &'static str;
    /// The category a roster cell names (label or id; case, diacritics and
    /// punctuation ignored).
    fn parse(text: &str) -> Option<Self> {
        let s = slug(text);
        Self::ALL
            .iter()
            .copied()
            .find(|c| slug(c.label()) == s || c.id() == s)
    }
    /// The accepted labels, for messages.
    fn labels() -> String {
        Self::ALL
            .iter()
            .map(|c| c.label())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

macro_rules! category {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $var:ident = $id:literal, $label:literal;)+ }) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
        $(#[$m])*
        pub enum $name {
            $($(#[$vm])* #[serde(rename = $id)] #[schemars(title = $label)] $var,)+
        }
        impl Category for $name {
            const ALL: &'static [Self] = &[$(Self::$var),+];
            fn id(self) -> &'static str { match self { $(Self::$var => $id),+ } }
        }
        impl Label for $name {
            fn label(self) -> &'static str { match self { $(Self::$var => $label),+ } }
        }
    };
}

pub use crate::case::member::GioiTinh;

impl Category for GioiTinh {
    const ALL: &'static [Self] = &[Self::Male, Self::Female];
    fn id(self) -> &'static str {
        match self {
            Self::Male => "nam",
            Self::Female => "nu",
        }
    }
}

category!(
    /// General education (trình độ học vấn).
    #[schemars(title = "Trình độ học vấn", description = "")]
    HocVan {
        TieuHoc = "tieu-hoc", "Tiểu học";
        Thcs = "thcs", "Trung học cơ sở";
        Thpt = "thpt", "Trung học phổ thông";
    }
);

category!(
    /// Professional qualification (trình độ chuyên môn, nghiệp vụ).
    #[schemars(title = "Chuyên môn nghiệp vụ", description = "")]
    ChuyenMon {
        ChuaQuaDaoTao = "chua-qua-dao-tao", "Chưa qua đào tạo";
        SoCap = "so-cap", "Sơ cấp";
        TrungCap = "trung-cap", "Trung cấp";
        CaoDang = "cao-dang", "Cao đẳng";
        DaiHoc = "dai-hoc", "Đại học";
        TrenDaiHoc = "tren-dai-hoc", "Trên đại học";
    }
);

category!(
    /// Political theory level (trình độ lý luận chính trị).
    #[schemars(title = "Lý luận chính trị", description = "")]
    LyLuan {
        ChuaQuaDaoTao = "chua-qua-dao-tao", "Chưa qua đào tạo";
        SoCap = "so-cap", "Sơ cấp";
        TrungCap = "trung-cap", "Trung cấp";
        CaoCap = "cao-cap", "Cao cấp";
    }
);

category!(
    /// Occupation (nghề nghiệp), the groups of the ward reports.
    #[schemars(title = "Nghề nghiệp", description = "")]
    NgheNghiep {
        CanBo = "can-bo-cong-chuc-vien-chuc", "Cán bộ, công chức, viên chức";
        DoanhNghiep = "lao-dong-doanh-nghiep", "Lao động trong doanh nghiệp";
        NongDan = "nong-dan", "Nông dân";
        TuDo = "lao-dong-tu-do", "Lao động tự do";
        HuuTri = "huu-tri", "Hưu trí";
        VuTrang = "luc-luong-vu-trang", "Lực lượng vũ trang";
        HocSinh = "hoc-sinh-sinh-vien", "Học sinh, sinh viên";
        Khac = "khac", "Khác";
    }
);

/// The roster columns: header text and field id, in the order of the mapping.
pub const COLUMNS: &[(&str, &str)] = &[
    ("Họ và tên", "ho_ten"),
    ("Ngày sinh", "ngay_sinh"),
    ("Giới tính", "gioi_tinh"),
    ("Ngày vào Đảng", "ngay_vao_dang"),
    ("Ngày chính thức", "ngay_chinh_thuc"),
    ("Trình độ học vấn", "hoc_van"),
    ("Chuyên môn nghiệp vụ", "chuyen_mon"),
    ("Lý luận chính trị", "ly_luan_chinh_tri"),
    ("Nghề nghiệp", "nghe_nghiep"),
    ("Miễn sinh hoạt", "mien_sinh_hoat"),
];

/// Columns a roster must have.
pub const REQUIRED: &[&str] = &[
    "ngay_sinh",
    "gioi_tinh",
    "hoc_van",
    "chuyen_mon",
    "ly_luan_chinh_tri",
    "nghe_nghiep",
];
