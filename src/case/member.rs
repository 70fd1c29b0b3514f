//! A party member's identity as every member-centred form carries it
//! (forms.md: the `dang_vien` of a case), its checks, and the lines that
//! present it.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::case::common::require;
use crate::error::Problem;
use crate::rules::format;
use crate::rules::vote::Ballot;
use crate::vocab::Label;

/// Gender, the one type for case data and rosters. The variants are English
/// so that `Nam` (male) does not read like the many `nam` (year) fields; the
/// JSON ids stay `nam` and `nu`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[schemars(title = "Giới tính", description = "")]
pub enum GioiTinh {
    #[serde(rename = "nam")]
    #[schemars(title = GioiTinh::Male.label())]
    Male,
    #[serde(rename = "nu")]
    #[schemars(title = GioiTinh::Female.label())]
    Female,
}

impl Label for GioiTinh {
    fn label(self) -> &'static str {
        match self {
            Self::Male => "Nam",
            Self::Female => "Nữ",
        }
    }
}

/// What a branch proposed for a member it asks to remove (seed 001 Bước 3–4,
/// seed 000 III.4–5); the papers after the proposal carry it in `de_nghi`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[schemars(title = "Chi bộ đề nghị", description = "")]
pub enum DeNghi {
    /// Strike off at once for an immediate-removal criterion
    /// (`nghi-quyet-de-nghi-xoa-ten`; seed 000 appendix 1.1).
    #[schemars(
        title = "Xóa tên trong danh sách đảng viên",
        description = "Đảng viên thuộc diện đưa ngay ra khỏi Đảng"
    )]
    XoaTen,
    /// Remove after the help period without progress (step 3,
    /// `nghi-quyet-ket-qua-sang-loc`): the form is decided above.
    #[schemars(
        title = "Xem xét đưa ra khỏi Đảng",
        description = "Sau thời gian giáo dục, giúp đỡ không tiến bộ (bước 3)"
    )]
    DuaRaKhoiDang,
}

impl DeNghi {
    /// The ballot the branch held on the proposal: step 3's removal ballot
    /// (two thirds), or an ordinary resolution (more than half).
    pub fn ballot(self) -> Ballot {
        match self {
            DeNghi::XoaTen => Ballot::Resolution,
            DeNghi::DuaRaKhoiDang => Ballot::Removal,
        }
    }
}

impl Label for DeNghi {
    fn label(self) -> &'static str {
        match self {
            DeNghi::XoaTen => "đề nghị xóa tên trong danh sách đảng viên",
            DeNghi::DuaRaKhoiDang => "đề nghị xem xét đưa ra khỏi Đảng",
        }
    }
}

/// The branch resolution that made the proposal (`nghi_quyet`).
#[derive(Debug, Clone, Copy, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Nghị quyết đề nghị của chi bộ", description = "")]
pub struct NghiQuyetDeNghi {
    #[schemars(title = "Số nghị quyết", range(min = 1))]
    pub so: u32,
    #[schemars(title = "Ngày nghị quyết")]
    pub ngay: NaiveDate,
}

/// Declares a struct of case data about a member: the member fields every
/// form names alike, written here once with their JSON names, titles and
/// hints, and the struct's own fields, in the order given (the order is the
/// schema's "required" order and serde's "expected one of" order, so keep
/// it). It derives `Debug, Clone, Deserialize, JsonSchema` with
/// `#[serde(deny_unknown_fields)]`; further attributes (an extra derive,
/// `#[schemars(title = …)]`) go before `pub struct`.
///
/// In the body, own fields (`pub name: Type,`, each with its attributes)
/// and these parts, in any order:
///
/// - `[name]`: `ho_ten`, `ngay_sinh`;
/// - `[full "hint"]`: `ngay_chinh_thuc` (optional), its hint saying when it
///   may be blank;
/// - `[admitted "hint"]`: `ngay_vao_dang`, then `[full "hint"]`; implements
///   `admission()` ([`Admission`]);
/// - `[post]`: `chuc_vu`, printed after the name; implements `named_view()`
///   ([`NamedView`]), so it needs `[name]` too;
/// - `[branch "hint"]`: `chi_bo` (its hint gives this form's example) and
///   `nghi_quyet`, the branch resolution that proposed the member;
/// - `[proposal]`: `de_nghi`, `ly_do`, what the branch proposed and why;
///   implements `proposed()` (`forms::models::removal::Proposed`), so it
///   needs `[name]`, `[admitted …]`, `[post]` and `[branch …]` too.
///
/// ```ignore
/// member::row! {
///     /// A member on the list.
///     #[schemars(title = "Đảng viên trong danh sách", description = "")]
///     pub struct DaPheDuyet {
///         [name]
///         [post]
///         #[schemars(title = "Tiêu chí")]
///         pub tieu_chi: String,
///     }
/// }
/// ```
macro_rules! row {
    ($(#[$meta:meta])* pub struct $name:ident { $($body:tt)* }) => {
        $crate::case::member::row!(@part [$(#[$meta])*] $name [] [] $($body)*);
    };
    (@part $metas:tt $name:ident [$($f:tt)*] $i:tt [name] $($rest:tt)*) => {
        $crate::case::member::row!(@part $metas $name [$($f)*
            #[schemars(title = "Họ và tên", length(min = 1))]
            pub ho_ten: String,
            #[schemars(title = "Ngày sinh")]
            pub ngay_sinh: ::chrono::NaiveDate,
        ] $i $($rest)*);
    };
    (@part $metas:tt $name:ident [$($f:tt)*] $i:tt [full $hint:literal] $($rest:tt)*) => {
        $crate::case::member::row!(@part $metas $name [$($f)*
            /// Date made a full member; `None` for a probationary member.
            #[serde(default)]
            #[schemars(title = "Ngày chính thức", description = $hint)]
            pub ngay_chinh_thuc: Option<::chrono::NaiveDate>,
        ] $i $($rest)*);
    };
    (@part $metas:tt $name:ident [$($f:tt)*] [$($i:tt)*] [admitted $hint:literal] $($rest:tt)*) => {
        $crate::case::member::row!(@part $metas $name [$($f)*
            #[schemars(title = "Ngày vào Đảng")]
            pub ngay_vao_dang: ::chrono::NaiveDate,
        ] [$($i)*
            impl $name {
                /// The member's dates, for the checks every form makes.
                pub fn admission(&self) -> $crate::case::member::Admission {
                    $crate::case::member::Admission {
                        born: self.ngay_sinh,
                        admitted: self.ngay_vao_dang,
                        full: self.ngay_chinh_thuc,
                    }
                }
            }
        ] [full $hint] $($rest)*);
    };
    (@part $metas:tt $name:ident [$($f:tt)*] [$($i:tt)*] [post] $($rest:tt)*) => {
        $crate::case::member::row!(@part $metas $name [$($f)*
            /// Post or unit, printed after the name (optional).
            #[serde(default)]
            #[schemars(
                title = "Chức vụ, đơn vị",
                description = "In sau họ tên (có thể bỏ trống)"
            )]
            pub chuc_vu: Option<String>,
        ] [$($i)*
            impl $name {
                /// The member as a list or an article names them.
                pub fn named_view(&self) -> $crate::case::member::NamedView {
                    $crate::case::member::NamedView::new(
                        &self.ho_ten,
                        self.ngay_sinh,
                        self.chuc_vu.as_deref(),
                    )
                }
            }
        ] $($rest)*);
    };
    (@part $metas:tt $name:ident [$($f:tt)*] $i:tt [branch $hint:literal] $($rest:tt)*) => {
        $crate::case::member::row!(@part $metas $name [$($f)*
            #[schemars(title = "Chi bộ", description = $hint, length(min = 1))]
            pub chi_bo: String,
            #[schemars(title = "Nghị quyết đề nghị của chi bộ")]
            pub nghi_quyet: $crate::case::member::NghiQuyetDeNghi,
        ] $i $($rest)*);
    };
    (@part $metas:tt $name:ident [$($f:tt)*] [$($i:tt)*] [proposal] $($rest:tt)*) => {
        $crate::case::member::row!(@part $metas $name [$($f)*
            #[schemars(title = "Chi bộ đề nghị")]
            pub de_nghi: $crate::case::member::DeNghi,
            #[schemars(
                title = "Lý do",
                description = "Lý do như nghị quyết của chi bộ đã nêu",
                extend("x-multiline" = true)
            )]
            pub ly_do: String,
        ] [$($i)*
            impl $name {
                /// The member and the branch's proposal, for the checks
                /// and lines the removal papers share.
                pub(crate) fn proposed(&self) -> $crate::forms::models::removal::Proposed<'_> {
                    $crate::forms::models::removal::Proposed {
                        ho_ten: &self.ho_ten,
                        admission: self.admission(),
                        chuc_vu: self.chuc_vu.as_deref(),
                        chi_bo: &self.chi_bo,
                        nghi_quyet: self.nghi_quyet,
                        de_nghi: self.de_nghi,
                        ly_do: &self.ly_do,
                    }
                }
            }
        ] $($rest)*);
    };
    (@part $metas:tt $name:ident [$($f:tt)*] $i:tt
        $(#[$m:meta])* pub $field:ident : $ty:ty, $($rest:tt)*) => {
        $crate::case::member::row!(@part $metas $name [$($f)* $(#[$m])* pub $field: $ty,] $i $($rest)*);
    };
    (@part [$($meta:tt)*] $name:ident [$($f:tt)*] [$($i:tt)*]) => {
        #[derive(Debug, Clone, ::serde::Deserialize, ::schemars::JsonSchema)]
        #[serde(deny_unknown_fields)]
        $($meta)*
        pub struct $name { $($f)* }
        $($i)*
    };
}
pub(crate) use row;

/// A member as a list or an article names them: name, date of birth, post.
/// A view flattens it (`#[serde(flatten)]`), so the template keys stay
/// `name`, `born`, `post`. (No schema description: flattened, it would
/// become the description of the view that flattens it.)
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[schemars(description = "")]
pub struct NamedView {
    pub name: String,
    pub born: String,
    pub post: Option<String>,
}

impl NamedView {
    pub fn new(name: &str, born: NaiveDate, post: Option<&str>) -> Self {
        NamedView {
            name: name.to_owned(),
            born: format::date_inline(born),
            post: post.map(str::to_owned),
        }
    }

    /// The heading of the member's part in a record of the meeting that
    /// voted on them: "2. Đồng chí X, sinh ngày 01/02/1970, Tổ trưởng" (`no`
    /// counts from 0).
    pub fn heading(&self, no: usize) -> String {
        let post = self
            .post
            .as_deref()
            .map(|p| format!(", {p}"))
            .unwrap_or_default();
        format!(
            "{}. Đồng chí {}, sinh ngày {}{post}",
            no + 1,
            self.name,
            self.born
        )
    }
}

/// A member's dates of birth, admission and full membership, borrowed from
/// any row declared with `[admitted …]` (its `admission()`), for the checks
/// every form makes of them under the same field names.
#[derive(Debug, Clone, Copy)]
pub struct Admission {
    pub born: NaiveDate,
    pub admitted: NaiveDate,
    pub full: Option<NaiveDate>,
}

impl Admission {
    /// `{path}.ngay_vao_dang` must come after the birth.
    pub fn check_after_birth(&self, path: &str, out: &mut Vec<Problem>) {
        if self.born >= self.admitted {
            out.push(Problem::new(
                format!("{path}.ngay_vao_dang"),
                "ngày vào Đảng phải sau ngày sinh",
            ));
        }
    }

    /// `{path}.ngay_vao_dang` must not come after `day`, the date that
    /// `day_name` names ("ngày họp").
    pub fn check_admitted_by(
        &self,
        path: &str,
        day: NaiveDate,
        day_name: &str,
        out: &mut Vec<Problem>,
    ) {
        if self.admitted > day {
            out.push(Problem::new(
                format!("{path}.ngay_vao_dang"),
                format!("ngày vào Đảng sau {day_name}"),
            ));
        }
    }

    /// `{path}.ngay_chinh_thuc`, when given, must come after the admission
    /// and not after `day` (named `day_name`).
    pub fn check_full_by(
        &self,
        path: &str,
        day: NaiveDate,
        day_name: &str,
        out: &mut Vec<Problem>,
    ) {
        if let Some(d) = self.full
            && (d < self.admitted || d > day)
        {
            out.push(Problem::new(
                format!("{path}.ngay_chinh_thuc"),
                format!("ngày chính thức phải sau ngày vào Đảng và không sau {day_name}"),
            ));
        }
    }

    /// "chính thức ngày 19/05/2011", or "đảng viên dự bị".
    pub fn status(&self) -> String {
        match self.full {
            Some(d) => format!("chính thức ngày {}", format::date_inline(d)),
            None => "đảng viên dự bị".into(),
        }
    }

    /// All three checks against `day` (named `day_name`).
    pub fn check(&self, path: &str, day: NaiveDate, day_name: &str, out: &mut Vec<Problem>) {
        self.check_after_birth(path, out);
        self.check_admitted_by(path, day, day_name, out);
        self.check_full_by(path, day, day_name, out);
    }
}

row! {
    /// A party member.
    #[derive(Serialize)]
    #[schemars(title = "Đảng viên", description = "")]
    pub struct DangVien {
        [name]
        #[schemars(title = "Giới tính")]
        pub gioi_tinh: GioiTinh,
        /// Home town (quê quán).
        #[schemars(title = "Quê quán", description = "", length(min = 1))]
        pub que_quan: String,
        /// Where the member lives now (nơi ở hiện nay).
        #[serde(default)]
        #[schemars(title = "Nơi ở hiện nay", description = "", length(min = 1))]
        pub noi_o: Option<String>,
        [admitted "Bỏ trống nếu là đảng viên dự bị"]
        /// Party card number (full members).
        #[serde(default)]
        #[schemars(
            title = "Số thẻ đảng viên",
            description = "Đảng viên chính thức",
            length(min = 1)
        )]
        pub so_the: Option<String>,
        /// Dossier number (số hồ sơ đảng viên).
        #[serde(default)]
        #[schemars(title = "Số hồ sơ đảng viên", description = "", length(min = 1))]
        pub so_ho_so: Option<String>,
        /// Current unit, e.g. "Chi bộ Tổ dân phố số 5" or a workplace.
        #[serde(default)]
        #[schemars(
            title = "Đơn vị",
            description = "Đơn vị hiện nay, ví dụ: Chi bộ Tổ dân phố số 5 hoặc nơi làm việc",
            length(min = 1)
        )]
        pub don_vi: Option<String>,
        /// Job (nghề nghiệp).
        #[serde(default)]
        #[schemars(title = "Nghề nghiệp", description = "", length(min = 1))]
        pub nghe_nghiep: Option<String>,
        /// Party posts (chức vụ đảng).
        #[serde(default)]
        #[schemars(title = "Chức vụ đảng", description = "", length(min = 1))]
        pub chuc_vu_dang: Option<String>,
        /// Government or mass-organisation posts (chức vụ chính quyền, đoàn thể).
        #[serde(default)]
        #[schemars(
            title = "Chức vụ chính quyền, đoàn thể",
            description = "",
            length(min = 1)
        )]
        pub chuc_vu_chinh_quyen: Option<String>,
        /// Under inspection or discipline review: such a member may not be
        /// transferred.
        #[serde(default)]
        #[schemars(
            title = "Đang bị kiểm tra, xem xét kỷ luật",
            description = "Đảng viên đang bị kiểm tra, xem xét kỷ luật thì chưa được chuyển sinh hoạt"
        )]
        pub dang_bi_kiem_tra: bool,
    }
}

impl DangVien {
    /// Identity checks against the document date `on`.
    pub fn check(&self, path: &str, on: NaiveDate, out: &mut Vec<Problem>) {
        require(&self.ho_ten, format!("{path}.ho_ten"), out);
        require(&self.que_quan, format!("{path}.que_quan"), out);
        for (field, value) in [
            ("noi_o", &self.noi_o),
            ("so_the", &self.so_the),
            ("so_ho_so", &self.so_ho_so),
            ("don_vi", &self.don_vi),
            ("nghe_nghiep", &self.nghe_nghiep),
            ("chuc_vu_dang", &self.chuc_vu_dang),
            ("chuc_vu_chinh_quyen", &self.chuc_vu_chinh_quyen),
        ] {
            if let Some(v) = value {
                require(v, format!("{path}.{field}"), out);
            }
        }
        if self.ngay_vao_dang <= self.ngay_sinh {
            out.push(Problem::new(
                format!("{path}.ngay_vao_dang"),
                "ngày vào Đảng phải sau ngày sinh",
            ));
        } else if age_on(self.ngay_sinh, self.ngay_vao_dang) < 18 {
            out.push(Problem::new(
                format!("{path}.ngay_vao_dang"),
                "người vào Đảng phải đủ 18 tuổi (Điều lệ Đảng, Điều 1)",
            ));
        }
        if self.ngay_vao_dang > on {
            out.push(Problem::new(
                format!("{path}.ngay_vao_dang"),
                "ngày vào Đảng sau ngày của văn bản",
            ));
        }
        if let Some(d) = self.ngay_chinh_thuc {
            if d <= self.ngay_vao_dang {
                out.push(Problem::new(
                    format!("{path}.ngay_chinh_thuc"),
                    "ngày chính thức phải sau ngày vào Đảng",
                ));
            } else if d > on {
                out.push(Problem::new(
                    format!("{path}.ngay_chinh_thuc"),
                    "ngày chính thức sau ngày của văn bản",
                ));
            }
        } else if self.so_the.is_some() {
            out.push(Problem::new(
                format!("{path}.so_the"),
                "đảng viên dự bị chưa được phát thẻ đảng viên: bỏ số thẻ hoặc ghi ngày chính thức",
            ));
        }
    }

    /// Refuses a member who is not a full member on `on`.
    pub fn require_full(&self, path: &str, on: NaiveDate, out: &mut Vec<Problem>) {
        match self.ngay_chinh_thuc {
            None => out.push(Problem::new(
                format!("{path}.ngay_chinh_thuc"),
                "chỉ áp dụng cho đảng viên chính thức: cần ngày được công nhận chính thức",
            )),
            Some(d) if d > on => out.push(Problem::new(
                format!("{path}.ngay_chinh_thuc"),
                "ngày chính thức sau ngày của văn bản: đảng viên chưa là đảng viên chính thức",
            )),
            Some(_) => {}
        }
    }

    /// Refuses a member under inspection or discipline review (transfers).
    pub fn require_transferable(&self, path: &str, out: &mut Vec<Problem>) {
        if self.dang_bi_kiem_tra {
            out.push(Problem::new(
                format!("{path}.dang_bi_kiem_tra"),
                "đảng viên đang bị kiểm tra hoặc đang bị xem xét thi hành kỷ luật: theo quy định không được giới thiệu chuyển sinh hoạt đảng cho đến khi có kết luận của cấp có thẩm quyền",
            ));
        }
    }

    /// "Đảng viên chính thức" / "Đảng viên dự bị".
    pub fn standing(&self) -> &'static str {
        if self.ngay_chinh_thuc.is_some() {
            "Đảng viên chính thức"
        } else {
            "Đảng viên dự bị"
        }
    }

    /// The preformatted view every form may present.
    pub fn view(&self) -> MemberView {
        MemberView {
            name: self.ho_ten.clone(),
            name_upper: format::upper(&self.ho_ten),
            born: format::date_inline(self.ngay_sinh),
            gender: self.gioi_tinh.label().into(),
            home_town: self.que_quan.clone(),
            residence: self.noi_o.clone(),
            admitted: format::date_inline(self.ngay_vao_dang),
            full: self.ngay_chinh_thuc.map(format::date_inline),
            standing: self.standing().into(),
            card: self.so_the.clone(),
            dossier: self.so_ho_so.clone(),
            unit: self.don_vi.clone(),
            job: self.nghe_nghiep.clone(),
            party_post: self.chuc_vu_dang.clone(),
            government_post: self.chuc_vu_chinh_quyen.clone(),
        }
    }
}

/// Whole years of age on `on`.
pub fn age_on(born: NaiveDate, on: NaiveDate) -> u32 {
    use chrono::Datelike;
    let mut years = on.year() - born.year();
    if (on.month(), on.day()) < (born.month(), born.day()) {
        years -= 1;
    }
    years.max(0) as u32
}

/// A member, formatted for a template.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub struct MemberView {
    pub name: String,
    pub name_upper: String,
    pub born: String,
    pub gender: String,
    pub home_town: String,
    pub residence: Option<String>,
    pub admitted: String,
    /// Date made a full member; none for a probationary member.
    pub full: Option<String>,
    pub standing: String,
    pub card: Option<String>,
    pub dossier: Option<String>,
    pub unit: Option<String>,
    pub job: Option<String>,
    pub party_post: Option<String>,
    pub government_post: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// The (path, message) problems expected, in order.
    type Expected = &'static [(&'static str, &'static str)];

    /// Each case: birth, admission, full membership, and the problems
    /// expected against the meeting of 01/03/2027.
    #[test]
    fn admission_checks() {
        let day = d(2027, 3, 1);
        let cases: &[(NaiveDate, NaiveDate, Option<NaiveDate>, Expected)] = &[
            (d(1980, 1, 1), d(2005, 5, 19), Some(d(2006, 5, 19)), &[]),
            (d(1980, 1, 1), d(2005, 5, 19), None, &[]),
            (
                d(2006, 1, 1),
                d(2005, 5, 19),
                None,
                &[("m.ngay_vao_dang", "ngày vào Đảng phải sau ngày sinh")],
            ),
            (
                d(1980, 1, 1),
                d(2028, 1, 1),
                None,
                &[("m.ngay_vao_dang", "ngày vào Đảng sau ngày họp")],
            ),
            (
                d(1980, 1, 1),
                d(2005, 5, 19),
                Some(d(2005, 5, 18)),
                &[(
                    "m.ngay_chinh_thuc",
                    "ngày chính thức phải sau ngày vào Đảng và không sau ngày họp",
                )],
            ),
            (
                d(1980, 1, 1),
                d(2005, 5, 19),
                Some(d(2027, 3, 2)),
                &[(
                    "m.ngay_chinh_thuc",
                    "ngày chính thức phải sau ngày vào Đảng và không sau ngày họp",
                )],
            ),
        ];
        for (born, admitted, full, want) in cases {
            let a = Admission {
                born: *born,
                admitted: *admitted,
                full: *full,
            };
            let mut out = Vec::new();
            a.check("m", day, "ngày họp", &mut out);
            let got: Vec<(String, String)> = out
                .iter()
                .map(|p| (p.field.clone(), p.message.clone()))
                .collect();
            let want: Vec<(String, String)> = want
                .iter()
                .map(|(f, m)| (f.to_string(), m.to_string()))
                .collect();
            assert_eq!(got, want, "{born} {admitted} {full:?}");
        }
    }

    row! {
        /// Every part, for the test below.
        #[schemars(title = "Thử", description = "")]
        pub struct Every {
            [name]
            [admitted "gợi ý"]
            [post]
            #[schemars(title = "Riêng")]
            pub rieng: u32,
        }
    }

    #[test]
    fn a_declared_row_keeps_the_order_given_and_refuses_unknown_fields() {
        let json = serde_json::json!({
            "ho_ten": "Nguyễn Văn A", "ngay_sinh": "1980-01-01",
            "ngay_vao_dang": "2005-05-19", "chuc_vu": "Tổ trưởng", "rieng": 3
        });
        let row: Every = serde_json::from_value(json.clone()).unwrap();
        assert_eq!((row.ngay_chinh_thuc, row.rieng), (None, 3));
        assert_eq!(row.admission().admitted, d(2005, 5, 19));
        let v = row.named_view();
        assert_eq!(
            (v.name.as_str(), v.born.as_str(), v.post.as_deref()),
            ("Nguyễn Văn A", "01/01/1980", Some("Tổ trưởng"))
        );
        let schema = serde_json::to_value(schemars::schema_for!(Every)).unwrap();
        assert_eq!(
            schema["required"],
            serde_json::json!(["ho_ten", "ngay_sinh", "ngay_vao_dang", "rieng"])
        );
        assert_eq!(
            schema["properties"]["ngay_chinh_thuc"]["description"],
            "gợi ý"
        );
        let mut extra = json;
        extra["la"] = 1.into();
        let err = serde_json::from_value::<Every>(extra).unwrap_err();
        assert!(err.to_string().contains("unknown field `la`"), "{err}");
    }

    #[test]
    fn member_lines() {
        let full = Admission {
            born: d(1970, 2, 1),
            admitted: d(2005, 5, 19),
            full: Some(d(2006, 5, 19)),
        };
        assert_eq!(full.status(), "chính thức ngày 19/05/2006");
        let probationary = Admission { full: None, ..full };
        assert_eq!(probationary.status(), "đảng viên dự bị");
        let named = NamedView::new("Lê Văn B", d(1970, 2, 1), Some("Tổ trưởng"));
        assert_eq!(
            named.heading(1),
            "2. Đồng chí Lê Văn B, sinh ngày 01/02/1970, Tổ trưởng"
        );
        let unposted = NamedView::new("Lê Văn B", d(1970, 2, 1), None);
        assert_eq!(
            unposted.heading(0),
            "1. Đồng chí Lê Văn B, sinh ngày 01/02/1970"
        );
    }

    #[test]
    fn ages() {
        assert_eq!(age_on(d(2000, 3, 14), d(2018, 3, 13)), 17);
        assert_eq!(age_on(d(2000, 3, 14), d(2018, 3, 14)), 18);
        assert_eq!(age_on(d(2000, 2, 29), d(2018, 2, 28)), 17);
        assert_eq!(age_on(d(2000, 2, 29), d(2018, 3, 1)), 18);
    }
}
