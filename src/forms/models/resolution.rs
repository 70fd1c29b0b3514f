//! What every branch resolution shares, written once: the envelope of its
//! case (rule profile, issuing branch, number and date, meeting, signer,
//! further recipients), the checks of that envelope, the view parts every
//! resolution's template reads, and the assembly of [`Prepared`].
//!
//! A resolution declares its case through [`case!`](crate::forms::models::resolution::case),
//! which writes the shared fields (same JSON names, titles and order, so the
//! clerk's data, its schema and serde's messages are unchanged) around the
//! form's own and implements `envelope()`; its model then holds only its own
//! fields, checks and wording:
//!
//! ```ignore
//! resolution::case! {
//!     /// Case data of `nghi-quyet-…`.
//!     #[schemars(title = "Nghị quyết …", description = "")]
//!     pub struct Case;
//!     meeting_hint = "";
//!     recipients_hint = "Cấp có thẩm quyền, đảng viên liên quan và bản lưu do dangvu tự thêm";
//!     own {
//!         #[schemars(title = "Đảng viên …")]
//!         pub dang_vien: DangVien…,
//!     }
//! }
//! fn prepare_view(self) -> Result<Prepared<Self::View>, Vec<Problem>> {
//!     let own = checked(|out| self.check(out))?;   // starts with envelope().check
//!     let env = self.envelope();
//!     Ok(env.prepare(Wording { .. }, Own { .. }))
//! }
//! ```

use schemars::JsonSchema;
use serde::Serialize;

use super::Prepared;
use crate::case::common::{
    HeaderView, NguoiKy, PageView, SignerView, ToChuc, VanBan, recipient_lines,
};
use crate::case::meeting::{BanKiemPhieu, CuocHop, MeetingView};
use crate::error::Problem;
use crate::rules::format::{self, DocKind};
use crate::rules::organisation::Organisation;
use crate::rules::regulations::{Matter, Regulations};
use crate::rules::vote::Profile;

/// The fields every branch resolution's case carries, borrowed. The JSON
/// names are the case's: `quy_dinh`, `to_chuc`, `van_ban`, `cuoc_hop`,
/// `nguoi_ky`, `noi_nhan`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Envelope<'a> {
    pub profile: Profile,
    pub org: &'a ToChuc,
    pub doc: &'a VanBan,
    pub meeting: &'a CuocHop,
    pub signer: &'a NguoiKy,
    /// Further recipients the clerk named (`noi_nhan`).
    pub others: &'a [String],
}

/// Implements `envelope()` for a case struct declared by [`case!`]: the
/// paper's envelope (`paper()`, see [`super::paper`]) and the meeting
/// (`cuoc_hop`), so no resolution spells the borrowing out again.
macro_rules! envelope {
    ($case:ty) => {
        impl $case {
            /// The fields every branch resolution shares.
            pub(crate) fn envelope(&self) -> $crate::forms::models::resolution::Envelope<'_> {
                let paper = self.paper();
                $crate::forms::models::resolution::Envelope {
                    profile: self.quy_dinh,
                    org: paper.org,
                    doc: paper.doc,
                    meeting: &self.cuoc_hop,
                    signer: paper.signer,
                    others: paper.others,
                }
            }
        }
    };
}
pub(crate) use envelope;

/// Declares a branch resolution's case struct: the shared fields `quy_dinh`,
/// `to_chuc`, `van_ban`, `cuoc_hop` first, then the form's `own` fields, then
/// `nguoi_ky` and `noi_nhan`, then, after `counting_committee = name;`, the
/// optional counting committee of a secret ballot under that name (the
/// vote-counting record is printed from the same case); with
/// `#[serde(deny_unknown_fields)]`, and [`envelope!`] for it.
/// It is a [`paper::case!`](super::paper::case) whose issuer and number
/// titles are a resolution's and whose first own field is the meeting.
///
/// The shared fields' titles are written here once. `meeting_hint` and
/// `recipients_hint` are the hints (JSON Schema `description`) of `cuoc_hop`
/// and `noi_nhan`, which say what this resolution's meeting is and who dangvu
/// adds to the recipients; `""` for none.
macro_rules! case {
    (
        $(#[$meta:meta])*
        pub struct $name:ident;
        meeting_hint = $meeting:literal;
        recipients_hint = $recipients:literal;
        own {
            $( $(#[$own_meta:meta])* pub $own:ident : $own_ty:ty, )*
        }
        $( counting_committee = $committee:ident; )?
    ) => {
        $crate::forms::models::paper::case! {
            $(#[$meta])*
            pub struct $name;
            rule_profile = "";
            issuer = ("Chi bộ ban hành", "");
            number = ("Số và ngày nghị quyết", "");
            own {
                #[schemars(title = "Cuộc họp chi bộ", description = $meeting)]
                pub cuoc_hop: $crate::case::meeting::CuocHop,
                $( $(#[$own_meta])* pub $own: $own_ty, )*
            }
            other_recipients = $recipients;
            after {
                $(
                    /// The counting committee of the secret ballot; needed to
                    /// print the vote-counting record (`bien-ban-kiem-phieu`)
                    /// from the same data.
                    #[serde(default)]
                    #[schemars(
                        title = "Ban kiểm phiếu",
                        description = "Cần để in biên bản kiểm phiếu"
                    )]
                    pub $committee: Option<$crate::case::meeting::BanKiemPhieu>,
                )?
            }
        }
        $crate::forms::models::resolution::envelope!($name);
    };
}
pub(crate) use case;

/// What a resolution words for itself around the shared parts.
pub(crate) struct Wording<'a> {
    /// The line under the title: "về việc …".
    pub subject: &'static str,
    /// The "Căn cứ" lines; usually [`Envelope::bases`] of the matter.
    pub legal_bases: Vec<String>,
    /// The counting committee, when the meeting held a secret ballot the
    /// meeting paragraph names.
    pub counting: Option<&'a BanKiemPhieu>,
    /// The recipients before those the clerk named: the bodies reported to,
    /// the members concerned. The file copy is added last.
    pub recipients: Vec<String>,
}

/// The view parts every branch resolution's template reads.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub struct ResolutionView {
    pub page: PageView,
    pub header: HeaderView,
    /// "NGHỊ QUYẾT".
    pub title: String,
    /// "về việc …".
    pub subject: String,
    /// The "Căn cứ" lines.
    pub legal_bases: Vec<String>,
    pub meeting: MeetingView,
    /// The issuing branch's name, as written and in capitals.
    pub branch: String,
    pub branch_upper: String,
    pub signer: SignerView,
    /// "Nơi nhận" lines as printed, the file copy last.
    pub recipients: Vec<String>,
}

/// A resolution's view: the shared parts and the form's own fields, one flat
/// object for the template (`v.subject`, `v.rows`, …).
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct View<Own> {
    #[serde(flatten)]
    pub shared: ResolutionView,
    #[serde(flatten)]
    pub own: Own,
}

impl Envelope<'_> {
    /// The checks every branch resolution shares: a branch issues it, its
    /// meeting is consistent, its profile's regulation is in force on its
    /// date, a signer is named, and it is not dated before the meeting.
    pub fn check(&self, out: &mut Vec<Problem>) {
        self.org.check("to_chuc", out);
        if !self.org.loai.is_branch() {
            out.push(Problem::new(
                "to_chuc.loai",
                "nghị quyết này do chi bộ ban hành (chi-bo-truc-thuoc hoặc chi-bo-co-so)",
            ));
        }
        self.meeting.check(self.profile, "cuoc_hop", out);
        if let Some(message) = Regulations::shipped().profile_problem(self.profile, self.doc.ngay) {
            out.push(Problem::new("quy_dinh", message));
        }
        self.signer.check("nguoi_ky", out);
        if self.doc.ngay < self.meeting.ngay {
            out.push(Problem::new(
                "van_ban.ngay",
                "ngày ban hành nghị quyết không được trước ngày họp chi bộ",
            ));
        }
    }

    /// The organisation model of the issuing branch.
    pub fn organisation(&self) -> Organisation {
        self.org.organisation()
    }

    /// The regulations in force on the resolution's date about `matter`.
    pub fn bases(&self, matter: Matter) -> Vec<String> {
        super::legal_bases(self.profile, matter, self.doc.ngay)
    }

    /// The number as printed ("03-NQ/CB").
    pub fn doc_number(&self) -> String {
        format::doc_number(self.doc.so, DocKind::NghiQuyet, &self.org.ky_hieu)
    }

    /// The shared view parts, worded by the resolution.
    pub fn view(&self, wording: Wording<'_>) -> ResolutionView {
        let org = self.org;
        let level = self.organisation().level;
        let mut recipients = wording.recipients;
        recipients.extend(self.others.iter().cloned());
        ResolutionView {
            page: PageView::for_org(org),
            header: HeaderView::new(org, self.doc, DocKind::NghiQuyet),
            title: "NGHỊ QUYẾT".into(),
            subject: wording.subject.into(),
            legal_bases: wording.legal_bases,
            meeting: self.meeting.view(wording.counting),
            branch: org.ten.clone(),
            branch_upper: format::upper(&org.ten),
            signer: SignerView::new(self.signer, level.authority()),
            recipients: recipient_lines(&recipients, level.file_copy()),
        }
    }

    /// The resolution as a record of its meeting names it: "Nghị quyết số
    /// 03-NQ/CB ngày 05/01/2026".
    pub fn resolution_line(&self) -> String {
        format!(
            "Nghị quyết số {} ngày {}",
            self.doc_number(),
            format::date_inline(self.doc.ngay)
        )
    }

    /// The header of a record of the resolution's meeting (the minutes, the
    /// vote-counting record): the branch's name, no number of its own, dated
    /// the meeting day.
    pub fn record_header(&self) -> HeaderView {
        HeaderView {
            upper: self.org.cap_tren.as_deref().map(format::upper),
            issuer: format::upper(&self.org.ten),
            number: String::new(),
            place_date: format::date_line(&self.org.dia_danh, self.meeting.ngay),
            secret: self.doc.secret.then(|| "MẬT".to_string()),
        }
    }

    /// The prepared resolution: the shared parts, the form's own, the number
    /// and the title "Nghị quyết số …".
    pub fn prepare<Own>(&self, wording: Wording<'_>, own: Own) -> Prepared<View<Own>> {
        Prepared::numbered(
            View {
                shared: self.view(wording),
                own,
            },
            "Nghị quyết",
            self.doc_number(),
            self.doc.ngay,
        )
    }
}
