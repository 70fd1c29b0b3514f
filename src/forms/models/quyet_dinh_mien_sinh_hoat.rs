//! The Đảng ủy's decision on a time-limited exemption from party work and
//! meetings: "Chi bộ xem xét ra nghị quyết, đề nghị Đảng ủy quyết định cho
//! đảng viên miễn công tác và sinh hoạt đảng" [000 §1.4]. It follows the
//! branch's resolution (`nghi-quyet-mien-sinh-hoat`) and keeps its field
//! names for what they share (`quy_dinh`, `dang_vien`, `ngay_don`, `ly_do`),
//! so the member, the reason and the period are the ones the branch
//! proposed, and the end date is computed by the same function
//! ([`super::mien_sinh_hoat::LyDo::period`]).
//!
//! An exemption for old age and poor health is the branch's own decision,
//! reported upward: the Đảng ủy issues no decision on it, and the case is
//! refused with that said.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::Serialize;

use super::mien_sinh_hoat::{DangVienMien, ExemptedView, LoaiMien, LyDo};
use super::paper::{self, IssuedBy};
use super::{Prepared, checked};
use crate::case::common::{HeaderView, PageView, SignerView, require};
use crate::error::Problem;
use crate::rules::format::{self, DocKind};
use crate::rules::organisation::Level;
use crate::rules::regulations::Matter;

paper::case! {
    /// Case data of `quyet-dinh-mien-sinh-hoat`.
    #[schemars(
        title = "Quyết định miễn công tác và sinh hoạt đảng",
        description = "Đảng ủy quyết định theo đề nghị của chi bộ (miễn có thời hạn)"
    )]
    pub struct Case;
    rule_profile = "";
    issuer = (
        "Đảng ủy ra quyết định",
        "Đảng ủy cấp trên của chi bộ, ví dụ: Đảng bộ phường Vân Lam, ký hiệu ĐU"
    );
    number = ("Số và ngày quyết định", "");
    own {
        /// The branch that proposed the exemption.
        #[schemars(
            title = "Chi bộ đề nghị",
            description = "Ví dụ: Chi bộ Tổ dân phố số 5",
            length(min = 1)
        )]
        pub chi_bo: String,
        #[schemars(title = "Nghị quyết đề nghị của chi bộ")]
        pub nghi_quyet: NghiQuyet,
        #[schemars(title = "Đảng viên được miễn")]
        pub dang_vien: DangVienMien,
        #[schemars(title = "Ngày đơn", description = "Ngày đảng viên làm đơn gửi chi bộ")]
        pub ngay_don: NaiveDate,
        #[schemars(title = "Lý do và thời gian miễn")]
        pub ly_do: LyDo,
    }
    other_recipients = "Chi bộ, đảng viên có tên và bản lưu do dangvu tự thêm";
}

paper::cited! {
    /// The branch's resolution proposing the exemption.
    pub struct NghiQuyet = "Nghị quyết đề nghị của chi bộ";
    number = ("Số nghị quyết", "Như in trên nghị quyết, ví dụ: 08-NQ/CB");
    date = "Ngày nghị quyết";
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub struct View {
    page: PageView,
    header: HeaderView,
    title: String,
    subject: String,
    legal_bases: Vec<String>,
    /// "Xét Nghị quyết số … ngày … của Chi bộ … và đơn ngày … của đồng chí …".
    considering: String,
    /// "BAN THƯỜNG VỤ ĐẢNG ỦY PHƯỜNG …" (or the Đảng ủy) before "QUYẾT ĐỊNH:".
    body_upper: String,
    #[serde(flatten)]
    member: ExemptedView,
    branch: String,
    reason: String,
    months: String,
    from: String,
    to: String,
    signer: SignerView,
    recipients: Vec<String>,
}

impl super::Case for Case {
    const ID: &'static str = "quyet-dinh-mien-sinh-hoat";

    type View = View;

    fn prepare_view(self) -> Result<Prepared<View>, Vec<Problem>> {
        checked(|out| self.check(out))?;
        let Some(period) = self.ly_do.period() else {
            // check() refused every case without a period.
            return Err(vec![Problem::new("ly_do", "cần thời gian miễn")]);
        };
        let org = &self.to_chuc;
        let o = org.organisation();
        let issuer = o.issuer();
        let body = if o.level == Level::AboveGrassroots {
            format!("Ban Thường vụ {issuer}")
        } else {
            issuer
        };
        let m = &self.dang_vien;
        let paper = self.paper();
        let (signer, recipients) = paper.sign_off(vec![
            self.chi_bo.trim().to_owned(),
            format!("Đồng chí {}", m.ho_ten.trim()),
        ]);
        let view = View {
            page: paper.page(),
            header: paper.header(DocKind::QuyetDinh),
            title: "QUYẾT ĐỊNH".into(),
            subject: "về việc miễn công tác và sinh hoạt đảng đối với đảng viên".into(),
            legal_bases: paper.bases(Matter::Exemption),
            considering: format!(
                "Nghị quyết số {} ngày {} của {} và đơn ngày {} của đồng chí {}",
                self.nghi_quyet.so.trim(),
                format::date_inline(self.nghi_quyet.ngay),
                self.chi_bo.trim(),
                format::date_inline(self.ngay_don),
                m.ho_ten.trim()
            ),
            body_upper: format::upper(&body),
            member: m.view(),
            branch: self.chi_bo.trim().to_owned(),
            reason: self.ly_do.mo_ta.clone().unwrap_or_default(),
            months: format!("{:02}", period.months),
            from: format::date_inline(period.from),
            to: format::date_inline(period.to),
            signer,
            recipients,
        };
        Ok(paper.prepare(view, "Quyết định", DocKind::QuyetDinh))
    }
}

impl Case {
    fn check(&self, out: &mut Vec<Problem>) {
        let org = &self.to_chuc;
        let day = self.van_ban.ngay;
        let refusal = format!(
            "quyết định miễn công tác và sinh hoạt đảng do đảng ủy cấp trên của chi bộ ban hành (dang-uy-co-so hoặc dang-uy-cap-tren){}, không do chi bộ",
            org.higher_committee()
                .map(|h| format!(", ở đây là {h}"))
                .unwrap_or_default()
        );
        self.paper().check(IssuedBy::Committee, &refusal, out);
        require(&self.chi_bo, "chi_bo", out);
        require(&self.nghi_quyet.so, "nghi_quyet.so", out);
        self.dang_vien.check(day, "ngày quyết định", out);
        if self.ngay_don > self.nghi_quyet.ngay {
            out.push(Problem::new(
                "ngay_don",
                "ngày làm đơn không được sau ngày nghị quyết của chi bộ",
            ));
        }
        if self.nghi_quyet.ngay > day {
            out.push(Problem::new(
                "nghi_quyet.ngay",
                "nghị quyết của chi bộ phải có trước ngày quyết định",
            ));
        }
        if self.ly_do.loai == LoaiMien::TuoiCaoSucYeu {
            out.push(Problem::new(
                "ly_do.loai",
                "miễn do tuổi cao, sức yếu: chi bộ xét, ra nghị quyết và báo cáo cấp ủy cấp trên; đảng ủy chỉ ra quyết định khi miễn vì lý do khác (có thời hạn)",
            ));
            return;
        }
        self.ly_do.check(self.ngay_don, out);
        if let Some(p) = self.ly_do.period()
            && p.to <= day
        {
            out.push(Problem::new(
                "ly_do.tu_ngay",
                format!(
                    "thời gian miễn đã hết (ngày {}) trước ngày quyết định",
                    format::date_inline(p.to)
                ),
            ));
        }
    }
}
