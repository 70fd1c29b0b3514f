//! The member's application for exemption from party work and meetings
//! (đơn xin miễn công tác và sinh hoạt đảng): "Đảng viên tự làm đơn hoặc trực
//! tiếp báo cáo với chi bộ" [000 §1.4]. It opens the exemption's chain —
//! application → the branch's resolution (`nghi-quyet-mien-sinh-hoat`) → for
//! another reason than old age, the Đảng ủy's decision
//! (`quyet-dinh-mien-sinh-hoat`) — so its fields carry the resolution's names
//! (`to_chuc`, `dang_vien`, `ngay_don`, `ly_do`) and "Lập tiếp" keeps them.
//! The same rules apply as in the resolution: only a full member, a reason
//! of its kind, a period of 1 to 12 months.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::mien_sinh_hoat::{DangVienMien, ExemptedView, LyDo};
use super::{Prepared, checked};
use crate::case::common::{LoaiToChuc, PageView, SignerView, require};
use crate::error::Problem;
use crate::rules::format;
use crate::rules::organisation::committee_of;

/// Case data of `don-xin-mien-sinh-hoat`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "Đơn xin miễn công tác và sinh hoạt đảng",
    description = "Đảng viên làm đơn gửi chi bộ"
)]
pub struct Case {
    /// The member's branch, which receives the application (and later issues
    /// the resolution).
    #[schemars(
        title = "Chi bộ đảng viên đang sinh hoạt",
        description = "Chi bộ nhận đơn, sau đó ra nghị quyết"
    )]
    pub to_chuc: ChiBo,
    #[schemars(title = "Đảng viên làm đơn")]
    pub dang_vien: DangVienMien,
    /// Where the member lives, printed under the name (optional).
    #[serde(default)]
    #[schemars(
        title = "Nơi cư trú",
        description = "Ví dụ: số 12 ngõ 34 phố Vân Lam (có thể bỏ trống)"
    )]
    pub noi_cu_tru: Option<String>,
    /// The application's date (the resolution's `ngay_don`).
    #[schemars(title = "Ngày làm đơn", description = "")]
    pub ngay_don: NaiveDate,
    #[schemars(title = "Lý do xin miễn")]
    pub ly_do: LyDo,
}

/// The branch, with the resolution's `to_chuc` field names (the member's
/// own paper carries no number, so no issuer code, and is laid out with the
/// default margins).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Chi bộ nhận đơn", description = "")]
pub struct ChiBo {
    #[schemars(
        title = "Tên chi bộ",
        description = "Ví dụ: Chi bộ Tổ dân phố số 5",
        length(min = 1)
    )]
    pub ten: String,
    #[schemars(title = "Loại chi bộ")]
    pub loai: LoaiToChuc,
    #[serde(default)]
    #[schemars(
        title = "Tổ chức đảng cấp trên trực tiếp",
        description = "Ví dụ: Đảng bộ phường Vân Lam"
    )]
    pub cap_tren: Option<String>,
    #[serde(default)]
    #[schemars(
        title = "Cấp ủy cấp trên",
        description = "Ví dụ: Đảng ủy phường Vân Lam; bỏ trống thì suy ra từ tên tổ chức cấp trên"
    )]
    pub cap_uy_cap_tren: Option<String>,
    #[schemars(
        title = "Địa danh",
        description = "Địa danh ghi ở dòng ngày tháng, ví dụ: Vân Lam",
        length(min = 1)
    )]
    pub dia_danh: String,
}

impl ChiBo {
    /// The committee above the branch, stated or derived (as
    /// `ToChuc::higher_committee`).
    fn higher_committee(&self) -> Option<String> {
        self.cap_uy_cap_tren
            .clone()
            .or_else(|| committee_of(self.cap_tren.as_deref()?))
    }
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub struct View {
    page: PageView,
    place_date: String,
    title: String,
    /// "Kính gửi" lines: the branch committee, and for a time-limited
    /// exemption the Đảng ủy that decides it.
    addressees: Vec<String>,
    #[serde(flatten)]
    member: ExemptedView,
    residence: Option<String>,
    branch: String,
    /// Old age: the medical certificate.
    health: Option<String>,
    /// Another reason: the reason, the months, first and last day.
    reason: Option<String>,
    months: Option<String>,
    from: Option<String>,
    to: Option<String>,
    /// Who decides: the branch (old age) or the Đảng ủy.
    decider: String,
    /// The member signs as "NGƯỜI LÀM ĐƠN".
    signer: SignerView,
}

impl super::Case for Case {
    const ID: &'static str = "don-xin-mien-sinh-hoat";

    type View = View;

    fn prepare_view(self) -> Result<Prepared<View>, Vec<Problem>> {
        checked(|out| self.check(out))?;
        let org = &self.to_chuc;
        let m = &self.dang_vien;
        let higher = org.higher_committee().unwrap_or_default();
        let period = self.ly_do.period();
        let mut addressees = vec![format!("Chi ủy {}", org.ten)];
        let decider = match period {
            Some(_) => {
                addressees.insert(0, higher.clone());
                higher
            }
            None => org.ten.clone(),
        };
        let view = View {
            page: PageView::default(),
            place_date: format::date_line(&org.dia_danh, self.ngay_don),
            title: "ĐƠN XIN MIỄN CÔNG TÁC VÀ SINH HOẠT ĐẢNG".into(),
            addressees,
            member: m.view(),
            residence: self.noi_cu_tru.clone(),
            branch: org.ten.clone(),
            health: match period {
                None => self.ly_do.xac_nhan_y_te.clone(),
                Some(_) => None,
            },
            reason: period.and(self.ly_do.mo_ta.clone()),
            months: period.map(|p| format!("{:02}", p.months)),
            from: period.map(|p| format::date_inline(p.from)),
            to: period.map(|p| format::date_inline(p.to)),
            decider,
            signer: SignerView {
                authority: Some("NGƯỜI LÀM ĐƠN".into()),
                title: None,
                name: m.ho_ten.clone(),
            },
        };
        Ok(Prepared {
            view,
            doc_number: format!("don-mien-{}", self.ngay_don.format("%Y-%m-%d")),
            title: format!("Đơn xin miễn công tác và sinh hoạt đảng — {}", m.ho_ten),
            date: self.ngay_don,
        })
    }
}

impl Case {
    fn check(&self, out: &mut Vec<Problem>) {
        let org = &self.to_chuc;
        require(&org.ten, "to_chuc.ten", out);
        require(&org.dia_danh, "to_chuc.dia_danh", out);
        if !org.loai.is_branch() {
            out.push(Problem::new(
                "to_chuc.loai",
                "đơn gửi chi bộ nơi đảng viên sinh hoạt (chi-bo-truc-thuoc hoặc chi-bo-co-so)",
            ));
        }
        if org.higher_committee().is_none() {
            out.push(Problem::new(
                "to_chuc.cap_tren",
                "cần ghi tổ chức đảng cấp trên của chi bộ (nơi báo cáo hoặc quyết định việc miễn)",
            ));
        }
        if let Some(r) = &self.noi_cu_tru {
            require(r, "noi_cu_tru", out);
        }
        self.dang_vien.check(self.ngay_don, "ngày làm đơn", out);
        self.ly_do.check(self.ngay_don, out);
    }
}
