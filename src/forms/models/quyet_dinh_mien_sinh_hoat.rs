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
use serde::{Deserialize, Serialize};

use super::mien_sinh_hoat::{DangVienMien, ExemptedView, LoaiMien, LyDo};
use super::{Prepared, checked};
use crate::case::common::{
    HeaderView, NguoiKy, PageView, SignerView, ToChuc, VanBan, recipient_lines, require,
};
use crate::error::Problem;
use crate::rules::format::{self, DocKind};
use crate::rules::organisation::Level;
use crate::rules::regulations::{Matter, Regulations};
use crate::rules::vote::Profile;

/// Case data of `quyet-dinh-mien-sinh-hoat`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "Quyết định miễn công tác và sinh hoạt đảng",
    description = "Đảng ủy quyết định theo đề nghị của chi bộ (miễn có thời hạn)"
)]
pub struct Case {
    #[schemars(title = "Quy định áp dụng", description = "")]
    pub quy_dinh: Profile,
    /// The deciding committee, e.g. "Đảng bộ phường Vân Lam" (not the branch).
    #[schemars(
        title = "Đảng ủy ra quyết định",
        description = "Đảng ủy cấp trên của chi bộ, ví dụ: Đảng bộ phường Vân Lam, ký hiệu ĐU"
    )]
    pub to_chuc: ToChuc,
    #[schemars(title = "Số và ngày quyết định")]
    pub van_ban: VanBan,
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
    #[schemars(title = "Người ký")]
    pub nguoi_ky: NguoiKy,
    #[serde(default)]
    #[schemars(
        title = "Nơi nhận khác",
        description = "Chi bộ, đảng viên có tên và bản lưu do dangvu tự thêm"
    )]
    pub noi_nhan: Vec<String>,
}

/// The branch's resolution proposing the exemption.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Nghị quyết đề nghị của chi bộ", description = "")]
pub struct NghiQuyet {
    /// As printed on the resolution, e.g. "08-NQ/CB".
    #[schemars(
        title = "Số nghị quyết",
        description = "Như in trên nghị quyết, ví dụ: 08-NQ/CB",
        length(min = 1)
    )]
    pub so: String,
    #[schemars(title = "Ngày nghị quyết")]
    pub ngay: NaiveDate,
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
        let number = format::doc_number(self.van_ban.so, DocKind::QuyetDinh, &org.ky_hieu);
        let mut recipients = vec![
            self.chi_bo.trim().to_owned(),
            format!("Đồng chí {}", m.ho_ten.trim()),
        ];
        recipients.extend(self.noi_nhan.iter().cloned());
        let view = View {
            page: PageView::for_org(org),
            header: HeaderView::new(org, &self.van_ban, DocKind::QuyetDinh),
            title: "QUYẾT ĐỊNH".into(),
            subject: "về việc miễn công tác và sinh hoạt đảng đối với đảng viên".into(),
            legal_bases: Regulations::shipped().bases(
                self.quy_dinh,
                Matter::Exemption,
                self.van_ban.ngay,
            ),
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
            signer: SignerView::new(&self.nguoi_ky, o.level.authority()),
            recipients: recipient_lines(&recipients, o.level.file_copy()),
        };
        Ok(Prepared {
            view,
            title: format!("Quyết định số {number}"),
            doc_number: number,
            date: self.van_ban.ngay,
        })
    }
}

impl Case {
    fn check(&self, out: &mut Vec<Problem>) {
        let org = &self.to_chuc;
        let day = self.van_ban.ngay;
        org.check("to_chuc", out);
        if org.loai.is_branch() {
            out.push(Problem::new(
                "to_chuc.loai",
                format!(
                    "quyết định miễn công tác và sinh hoạt đảng do đảng ủy cấp trên của chi bộ ban hành (dang-uy-co-so hoặc dang-uy-cap-tren){}, không do chi bộ",
                    org.higher_committee()
                        .map(|h| format!(", ở đây là {h}"))
                        .unwrap_or_default()
                ),
            ));
        }
        if let Some(message) = Regulations::shipped().profile_problem(self.quy_dinh, day) {
            out.push(Problem::new("quy_dinh", message));
        }
        require(&self.nguoi_ky.ho_ten, "nguoi_ky.ho_ten", out);
        require(&self.nguoi_ky.chuc_vu, "nguoi_ky.chuc_vu", out);
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
