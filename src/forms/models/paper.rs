//! What every paper that is not a branch resolution shares, written once:
//! the envelope of its case (rule profile, issuing organisation, number and
//! date, signer, further recipients), the checks of that envelope, and the
//! view parts around the paper's own (page, header, signature block,
//! recipients) and the assembly of [`Prepared`]. It does for letters,
//! notices, reports, decisions and forms what [`super::resolution`] does for
//! a branch's resolutions.
//!
//! The envelope fields' titles differ per paper ("Chi bộ thông báo", "Số và
//! ngày công văn"…) and are schema bytes, so [`case!`] takes them as
//! parameters and writes the fields once:
//!
//! ```ignore
//! paper::case! {
//!     /// Case data of `cong-van-…`.
//!     #[schemars(title = "Công văn …", description = "")]
//!     pub struct Case;
//!     rule_profile = "";                           // omit: no quy_dinh
//!     issuer = ("Chi bộ gửi công văn", "");        // to_chuc: title, hint
//!     number = ("Số và ngày công văn", "");        // van_ban: title, hint
//!     own {
//!         #[schemars(title = "…")]
//!         pub dang_vien: Vec<…>,
//!     }
//!     other_recipients = "… do dangvu tự thêm";    // omit: no noi_nhan
//! }
//! fn prepare_view(self) -> Result<Prepared<Self::View>, Vec<Problem>> {
//!     checked(|out| self.paper().check_branch("công văn này", out))?;
//!     let paper = self.paper();
//!     let (signer, recipients) = paper.sign_off(vec![/* bodies the paper names */]);
//!     let view = View { page: paper.page(), header: paper.header(DocKind::CongVan), signer, recipients, … };
//!     Ok(paper.prepare(view, "Công văn", DocKind::CongVan))
//! }
//! ```

use schemars::JsonSchema;
use serde::Serialize;

use super::Prepared;
use crate::case::common::{
    HeaderView, LoaiToChuc, NguoiKy, PageView, SignerView, ToChuc, VanBan, recipient_lines,
};
use crate::error::Problem;
use crate::rules::format::{self, DocKind};
use crate::rules::organisation::Organisation;
use crate::rules::regulations::{Matter, Regulations};
use crate::rules::vote::Profile;

/// The envelope fields of a paper's case, borrowed. The JSON names are the
/// case's: `quy_dinh` (when the paper has one), `to_chuc`, `van_ban`,
/// `nguoi_ky`, `noi_nhan` (when it has one).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Paper<'a> {
    /// The rule profile, for papers whose bases depend on it.
    pub profile: Option<Profile>,
    pub org: &'a ToChuc,
    pub doc: &'a VanBan,
    pub signer: &'a NguoiKy,
    /// Further recipients the clerk named (`noi_nhan`); empty when the paper
    /// has no such field.
    pub others: &'a [String],
}

/// Which kinds of organisation issue a paper: what [`Paper::check`] refuses
/// on `to_chuc.loai`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum IssuedBy {
    /// A branch (chi bộ trực thuộc or chi bộ cơ sở).
    Branch,
    /// A committee (đảng ủy cơ sở or the committee above), never a branch.
    Committee,
    /// Exactly this kind.
    Only(LoaiToChuc),
}

impl IssuedBy {
    /// Whether an organisation of kind `loai` issues the paper.
    pub fn admits(self, loai: LoaiToChuc) -> bool {
        match self {
            Self::Branch => loai.is_branch(),
            Self::Committee => !loai.is_branch(),
            Self::Only(kind) => loai == kind,
        }
    }
}

/// Implements `paper()` for a case struct declared by [`case!`]: with the
/// `quy_dinh` and `noi_nhan` fields or without them.
macro_rules! envelope {
    ($case:ident, profile = [$($profile:tt)?], recipients = [$($recipients:tt)?]) => {
        impl $case {
            /// The envelope fields every paper shares.
            pub(crate) fn paper(&self) -> $crate::forms::models::paper::Paper<'_> {
                $crate::forms::models::paper::Paper {
                    profile: $crate::forms::models::paper::envelope!(@profile self $($profile)?),
                    org: &self.to_chuc,
                    doc: &self.van_ban,
                    signer: &self.nguoi_ky,
                    others: $crate::forms::models::paper::envelope!(@others self $($recipients)?),
                }
            }
        }
    };
    (@profile $self:ident) => { None };
    (@profile $self:ident $_present:tt) => { Some($self.quy_dinh) };
    (@others $self:ident) => { &[] };
    (@others $self:ident $_present:tt) => { &$self.noi_nhan };
}
pub(crate) use envelope;

/// Declares a paper's case struct: `quy_dinh` (when `rule_profile` is
/// given), `to_chuc`, `van_ban`, the form's `own` fields, `nguoi_ky`, and
/// `noi_nhan` (when `other_recipients` or `recipients` is given), in that
/// order; with `#[serde(deny_unknown_fields)]`, and `paper()` (see
/// [`envelope!`]).
///
/// The parameters are the schema texts that differ per paper: the hint
/// (JSON Schema `description`) of `quy_dinh`, the title and hint of
/// `to_chuc` and `van_ban`, the hint of `noi_nhan`; `""` for no hint.
/// `other_recipients` titles `noi_nhan` "Nơi nhận khác" (dangvu adds those
/// the paper names and the file copy), `recipients` "Nơi nhận" (the clerk
/// lists them). `after { … }` holds fields that must come after `noi_nhan`
/// (a branch resolution's counting committee). Attributes before `pub struct` (doc comment,
/// `#[schemars(…)]`, an extra `#[derive(serde::Serialize)]`) go on the
/// struct.
///
/// `then narrative!();` after `own { … }` adds a report's narrative (đánh
/// giá, hạn chế, đề xuất: [`narrative!`](crate::case::schema::narrative))
/// after the own fields.
///
/// `quarterly_report(issuer_hint = "…");` in place of the envelope lines
/// declares the envelope the quarterly reports share (the pack builds and
/// serialises them): issuer "Tổ chức báo cáo", number "Số và ngày báo cáo",
/// recipients "Nơi nhận", no rule profile.
macro_rules! case {
    (
        $(#[$meta:meta])*
        pub struct $name:ident;
        quarterly_report(issuer_hint = $issuer_hint:literal);
        own { $($own:tt)* }
        $( then $narrative:ident!(); )?
    ) => {
        $crate::forms::models::paper::case! {
            $(#[$meta])*
            #[derive(::serde::Serialize)]
            pub struct $name;
            issuer = ("Tổ chức báo cáo", $issuer_hint);
            number = ("Số và ngày báo cáo", "");
            own { $($own)* }
            $( then $narrative!(); )?
            recipients = "Mỗi dòng một nơi nhận";
        }
    };
    (
        $(#[$meta:meta])*
        pub struct $name:ident;
        $( rule_profile = $profile:literal; )?
        issuer = ($org_title:literal, $org_hint:literal);
        number = ($doc_title:literal, $doc_hint:literal);
        own {
            $( $(#[$own_meta:meta])* pub $own:ident : $own_ty:ty, )*
        }
        $( then $narrative:ident!(); )?
        $( other_recipients = $others_hint:literal; )?
        $( recipients = $all_hint:literal; )?
        $( after {
            $( $(#[$after_meta:meta])* pub $after:ident : $after_ty:ty, )*
        } )?
    ) => {
        $crate::forms::models::paper::declare! { [$($narrative)?]
        #[derive(Debug, Clone, ::serde::Deserialize, ::schemars::JsonSchema)]
        #[serde(deny_unknown_fields)]
        $(#[$meta])*
        pub struct $name {
            $(
                /// Rule profile: "hd02-btctw-2021" or "qd02-tu-hanoi-2025".
                #[schemars(title = "Quy định áp dụng", description = $profile)]
                pub quy_dinh: $crate::rules::vote::Profile,
            )?
            #[schemars(title = $org_title, description = $org_hint)]
            pub to_chuc: $crate::case::common::ToChuc,
            #[schemars(title = $doc_title, description = $doc_hint)]
            pub van_ban: $crate::case::common::VanBan,
            $( $(#[$own_meta])* pub $own: $own_ty, )*
            $( $narrative!(); )?
            #[schemars(title = "Người ký")]
            pub nguoi_ky: $crate::case::common::NguoiKy,
            $(
                /// Further recipients; those the paper itself names and the
                /// file copy are added by dangvu.
                #[serde(default)]
                #[schemars(title = "Nơi nhận khác", description = $others_hint)]
                pub noi_nhan: Vec<String>,
            )?
            $(
                /// The recipients; the body reported to and the file copy
                /// are added by dangvu.
                #[serde(default)]
                #[schemars(title = "Nơi nhận", description = $all_hint)]
                pub noi_nhan: Vec<String>,
            )?
            $( $( $(#[$after_meta])* pub $after: $after_ty, )* )?
        }
        }
        $crate::forms::models::paper::envelope!(
            $name,
            profile = [$($profile)?],
            recipients = [$($others_hint)? $($all_hint)?]
        );
    };
}
pub(crate) use case;

/// Writes the struct [`case!`] builds: as it is, or, after `then
/// narrative!();`, through [`narrative!`](crate::case::schema::narrative), which
/// puts a report's three lists of paragraphs where the mark stands (the
/// screening report shares them with the pack's committee and branches).
macro_rules! declare {
    ([] $($item:tt)*) => {
        $($item)*
    };
    ([$narrative:ident] $($item:tt)*) => {
        $crate::case::schema::narrative! { $($item)* }
    };
}
pub(crate) use declare;

/// The view parts every quarterly report opens with, flattened into its
/// view: `v.page` (default margins), `v.header` ("Số …-BC/…"), `v.subject`
/// (the line under "BÁO CÁO") and `v.org` (the organisation's name); the
/// three reports print the same head. The fields carry no doc comment and
/// the struct's is kept out of the schema (`description = ""`), so
/// flattening it leaves each report's view schema as it was.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(description = "")]
pub struct ReportHead {
    pub page: PageView,
    pub header: HeaderView,
    pub subject: String,
    pub org: String,
}

/// Declares a paper another paper cites by its number as printed ("08-NQ/CB")
/// and its date: `so` (required text) and `ngay`, the titles and the hint
/// given. The papers a case names this way (the branch's resolution, the
/// introduction letter) share the shape and its checks
/// (`require(&x.so, …)`), only their titles differ.
///
/// ```ignore
/// paper::cited! {
///     /// The introduction letter's number and date.
///     pub struct GiayGioiThieu = "Giấy giới thiệu";
///     number = ("Số giấy giới thiệu", "Như in trên giấy, ví dụ: 25-GGT/ĐU");
///     date = "Ngày cấp";
/// }
/// ```
macro_rules! cited {
    (
        $(#[$meta:meta])*
        pub struct $name:ident = $title:literal;
        number = ($number_title:literal, $number_hint:literal);
        date = $date_title:literal;
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, ::serde::Deserialize, ::schemars::JsonSchema)]
        #[serde(deny_unknown_fields)]
        #[schemars(title = $title, description = "")]
        pub struct $name {
            #[schemars(title = $number_title, description = $number_hint, length(min = 1))]
            pub so: String,
            #[schemars(title = $date_title)]
            pub ngay: ::chrono::NaiveDate,
        }
    };
}
pub(crate) use cited;

impl Paper<'_> {
    /// The checks every paper's envelope shares, in this order: the
    /// organisation is complete, its kind issues the paper (else `refusal`
    /// on `to_chuc.loai`), the rule profile's regulation is in force on the
    /// paper's date, and the signer is named.
    pub fn check(&self, issued_by: IssuedBy, refusal: &str, out: &mut Vec<Problem>) {
        self.org.check("to_chuc", out);
        if !issued_by.admits(self.org.loai) {
            out.push(Problem::new("to_chuc.loai", refusal));
        }
        if let Some(profile) = self.profile
            && let Some(message) = Regulations::shipped().profile_problem(profile, self.doc.ngay)
        {
            out.push(Problem::new("quy_dinh", message));
        }
        self.signer.check("nguoi_ky", out);
    }

    /// [`Paper::check`] for a paper a branch sends (a letter, a notice, a
    /// report); `paper` names it in the refusal ("công văn này").
    pub fn check_branch(&self, paper: &str, out: &mut Vec<Problem>) {
        let refusal = format!("{paper} do chi bộ gửi (chi-bo-truc-thuoc hoặc chi-bo-co-so)");
        self.check(IssuedBy::Branch, &refusal, out);
    }

    /// The organisation model of the issuer.
    pub fn organisation(&self) -> Organisation {
        self.org.organisation()
    }

    /// The "Căn cứ" lines: the regulations in force on the paper's date
    /// about `matter` under its rule profile (none without a profile).
    pub fn bases(&self, matter: Matter) -> Vec<String> {
        self.profile
            .map(|profile| super::legal_bases(profile, matter, self.doc.ngay))
            .unwrap_or_default()
    }

    /// The number as printed ("12-CV/CB").
    pub fn doc_number(&self, kind: DocKind) -> String {
        format::doc_number(self.doc.so, kind, &self.org.ky_hieu)
    }

    /// The issuer's page setup.
    pub fn page(&self) -> PageView {
        PageView::for_org(self.org)
    }

    /// The header block: issuer, number of `kind`, place and date, secrecy.
    pub fn header(&self, kind: DocKind) -> HeaderView {
        HeaderView::new(self.org, self.doc, kind)
    }

    /// The signature block of a paper without recipients (a letter the
    /// member carries): the signer signs for the issuer's level.
    pub fn signer_view(&self) -> SignerView {
        SignerView::new(self.signer, self.organisation().level.authority())
    }

    /// The signature block and the "Nơi nhận" lines: the signer signs for
    /// the issuer's level; the recipients are `named` (those the paper
    /// itself names), then those the clerk added, then the file copy.
    pub fn sign_off(&self, named: Vec<String>) -> (SignerView, Vec<String>) {
        let level = self.organisation().level;
        self.sign_off_as(level.authority(), level.file_copy(), named)
    }

    /// [`Paper::sign_off`] of a report: it goes "để báo cáo" to the body the
    /// issuer reports to (for a ward, Ban Tổ chức Thành ủy [000, 003]), then
    /// to those the clerk added.
    pub fn report_sign_off(&self) -> (SignerView, Vec<String>) {
        let named = self.organisation().reports_to();
        self.sign_off(
            named
                .map(|body| format!("{body} (để báo cáo)"))
                .into_iter()
                .collect(),
        )
    }

    /// [`Paper::sign_off`] for a body that signs and files other than the
    /// issuer's level does (an inspection commission): `authority` is the
    /// default authority line, `file_copy` where the copy stays.
    pub fn sign_off_as(
        &self,
        authority: &str,
        file_copy: &str,
        named: Vec<String>,
    ) -> (SignerView, Vec<String>) {
        let mut recipients = named;
        recipients.extend(self.others.iter().cloned());
        (
            SignerView::new(self.signer, authority),
            recipient_lines(&recipients, file_copy),
        )
    }

    /// The head every quarterly report's view opens with, `subject` its
    /// line under "BÁO CÁO".
    pub fn report_head(&self, subject: String) -> ReportHead {
        ReportHead {
            page: PageView::default(),
            header: self.header(DocKind::BaoCao),
            subject,
            org: self.org.ten.clone(),
        }
    }

    /// The prepared paper: its view, its number of `kind`, titled
    /// "{paper} số {number}" ("Công văn số 12-CV/CB"), dated as the paper.
    pub fn prepare<V>(&self, view: V, paper: &str, kind: DocKind) -> Prepared<V> {
        Prepared::numbered(view, paper, self.doc_number(kind), self.doc.ngay)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::common::LoaiToChuc::*;

    fn branch() -> ToChuc {
        ToChuc {
            ten: "Chi bộ Tổ dân phố số 5".into(),
            loai: ChiBoTrucThuoc,
            cap_tren: Some("Đảng bộ phường Vân Lam".into()),
            cap_uy_cap_tren: None,
            ky_hieu: "CB".into(),
            dia_danh: "Vân Lam".into(),
            le_trang: None,
        }
    }

    #[test]
    fn sign_off_names_the_paper_s_bodies_then_the_clerk_s_then_the_file_copy() {
        let org = branch();
        let doc = VanBan {
            so: 3,
            ngay: chrono::NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(),
            secret: false,
        };
        let signer = NguoiKy {
            tham_quyen: None,
            chuc_vu: "Bí thư".into(),
            ho_ten: "Nguyễn Văn A".into(),
        };
        let others = ["Đồng chí B.".to_owned()];
        let paper = Paper {
            profile: None,
            org: &org,
            doc: &doc,
            signer: &signer,
            others: &others,
        };
        let (signed, lines) = paper.sign_off(vec!["Đảng ủy phường".into()]);
        assert_eq!(signed.authority.as_deref(), Some("T/M CHI BỘ"));
        assert_eq!(
            lines,
            ["- Đảng ủy phường,", "- Đồng chí B,", "- Lưu Chi bộ."]
        );
        let (_, lines) = paper.report_sign_off();
        assert_eq!(
            lines,
            [
                "- Đảng ủy phường Vân Lam (để báo cáo),",
                "- Đồng chí B,",
                "- Lưu Chi bộ."
            ]
        );
        assert_eq!(paper.doc_number(DocKind::ThongBao), "03-TB/CB");
        assert!(
            paper.bases(Matter::Screening).is_empty(),
            "no profile, no bases"
        );
        let mut out = Vec::new();
        paper.check(IssuedBy::Committee, "không do chi bộ", &mut out);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].field, "to_chuc.loai");
    }

    #[test]
    fn who_issues() {
        let table = [
            (IssuedBy::Branch, [true, true, false, false]),
            (IssuedBy::Committee, [false, false, true, true]),
            (IssuedBy::Only(DangUyCoSo), [false, false, true, false]),
        ];
        for (issued_by, expected) in table {
            for (loai, admitted) in [ChiBoTrucThuoc, ChiBoCoSo, DangUyCoSo, DangUyCapTren]
                .into_iter()
                .zip(expected)
            {
                assert_eq!(issued_by.admits(loai), admitted, "{issued_by:?} {loai:?}");
            }
        }
    }
}
