//! Exemption from party work and meetings (seed 000 §1.4): for old age and
//! poor health the branch decides and reports upward, open-ended; for another
//! reason the branch proposes a time-limited exemption to the higher committee.
//!
//! Only full members are exempted: a probationary member's probation exists to
//! test them in party work and meetings, so exempting one is refused.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::decision::{self, DecisionView};
use super::resolution::{self, Wording};
use super::{Prepared, checked};
use crate::case::common::require;
use crate::case::member;
use crate::error::Problem;
use crate::rules::calendar;
use crate::rules::format;
use crate::rules::regulations::Matter;
use crate::rules::vote::Tally;

/// Longest exemption for another reason in one resolution; a longer need is a
/// new application the branch verifies again (seed 000 §1.4).
pub const MAX_MONTHS: u32 = 12;

resolution::case! {
    /// Case data of `nghi-quyet-mien-sinh-hoat`.
    #[schemars(title = "Nghị quyết miễn công tác và sinh hoạt đảng", description = "")]
    pub struct Case;
    meeting_hint = "";
    recipients_hint = "";
    own {
        #[schemars(title = "Đảng viên được miễn")]
        pub dang_vien: DangVienMien,
        /// Date of the member's application (đơn) or report to the branch.
        #[schemars(
            title = "Ngày đơn",
            description = "Ngày đảng viên làm đơn hoặc báo cáo chi bộ"
        )]
        pub ngay_don: NaiveDate,
        #[schemars(title = "Lý do miễn")]
        pub ly_do: LyDo,
        /// Kết quả biểu quyết của chi bộ: the branch adopts the resolution with
        /// more than half of the profile's base voting for it.
        #[schemars(
            title = "Kết quả biểu quyết của chi bộ",
            description = "Nghị quyết được thông qua khi quá một nửa số đảng viên chính thức đồng ý"
        )]
        pub bieu_quyet: Tally,
    }
}

member::row! {
    #[schemars(title = "Đảng viên được miễn")]
    pub struct DangVienMien {
        [name]
        [admitted "Bắt buộc: chỉ đảng viên chính thức được miễn"]
        [post]
    }
}

/// The reason: its kind (`loai`) and the fields that kind needs. (A plain
/// struct rather than a tagged enum so that a bad date is reported under its
/// own field path.)
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Lý do miễn", description = "")]
pub struct LyDo {
    #[schemars(title = "Loại lý do")]
    pub loai: LoaiMien,
    /// tuoi-cao-suc-yeu: the medical certificate, e.g. "Giấy xác nhận của Trạm
    /// Y tế phường Vân Lam ngày 10/02/2026".
    #[serde(default)]
    #[schemars(
        title = "Giấy xác nhận y tế",
        description = "Với tuổi cao, sức yếu, ví dụ: Giấy xác nhận của Trạm Y tế phường Phúc Lợi ngày 10/02/2026"
    )]
    pub xac_nhan_y_te: Option<String>,
    /// khac: the reason.
    #[serde(default)]
    #[schemars(title = "Lý do cụ thể", description = "Với lý do khác", extend("x-multiline" = true))]
    pub mo_ta: Option<String>,
    /// khac: first day of the exemption.
    #[serde(default)]
    #[schemars(
        title = "Miễn từ ngày",
        description = "Với lý do khác: ngày bắt đầu miễn"
    )]
    pub tu_ngay: Option<NaiveDate>,
    /// khac: months, 1 to 12.
    #[serde(default)]
    #[schemars(
        title = "Số tháng miễn",
        description = "Với lý do khác: từ 1 đến 12 tháng"
    )]
    pub so_thang: Option<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[schemars(title = "Loại lý do miễn")]
pub enum LoaiMien {
    /// Old age, poor health: open-ended, with a medical certificate.
    #[schemars(
        title = "Tuổi cao, sức yếu",
        description = "Miễn không thời hạn, có giấy xác nhận y tế"
    )]
    TuoiCaoSucYeu,
    /// Another reason: for a stated period.
    #[schemars(title = "Lý do khác", description = "Miễn có thời hạn")]
    Khac,
}

/// The view's own part (the shared part is [`resolution::ResolutionView`]).
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub struct Own {
    vote: DecisionView,
    #[serde(flatten)]
    member: ExemptedView,
    applied: String,
    health: Option<String>,
    reason: Option<String>,
    from: String,
    to: Option<String>,
    months: Option<String>,
    higher_committee: String,
}

impl super::Case for Case {
    const ID: &'static str = "nghi-quyet-mien-sinh-hoat";
    type View = resolution::View<Own>;

    fn prepare_view(self) -> Result<Prepared<Self::View>, Vec<Problem>> {
        checked(|out| self.check(out))?;
        let env = self.envelope();
        let m = &self.dang_vien;
        let higher = env
            .organisation()
            .branch_bodies(self.quy_dinh)
            .exemption_decider;
        let wording = Wording {
            subject: "về việc miễn công tác và sinh hoạt đảng đối với đảng viên",
            legal_bases: env.bases(Matter::Exemption),
            counting: None,
            recipients: vec![
                format!("{higher} (để báo cáo)"),
                format!("Đồng chí {}", m.ho_ten),
            ],
        };
        let l = &self.ly_do;
        let (health, reason, from, to, months) = match l.period() {
            Some(p) => (
                None,
                l.mo_ta.clone(),
                p.from,
                Some(format::date_inline(p.to)),
                Some(format!("{:02}", p.months)),
            ),
            None => (
                l.xac_nhan_y_te.clone(),
                None,
                self.cuoc_hop.ngay,
                None,
                None,
            ),
        };
        let own = Own {
            vote: decision::view(self.quy_dinh, &self.cuoc_hop, &self.bieu_quyet),
            member: m.view(),
            applied: format::date_inline(self.ngay_don),
            health,
            reason,
            from: format::date_inline(from),
            to,
            months,
            higher_committee: higher,
        };
        Ok(env.prepare(wording, own))
    }
}

impl Case {
    fn check(&self, out: &mut Vec<Problem>) {
        let meeting = &self.cuoc_hop;
        self.envelope().check(out);
        self.dang_vien.check(meeting.ngay, "ngày họp", out);
        decision::check(
            self.quy_dinh,
            meeting,
            &self.bieu_quyet,
            "bieu_quyet",
            "miễn công tác và sinh hoạt đảng",
            out,
        );
        if self.ngay_don > meeting.ngay {
            out.push(Problem::new(
                "ngay_don",
                "ngày làm đơn không được sau ngày họp chi bộ",
            ));
        }
        self.ly_do.check(self.ngay_don, out);
    }
}

/// The member as the exemption's three papers (application, resolution,
/// decision) print them; each view flattens it, so the template keys stay
/// `name`, `born`, `admitted`, `full-since`, `post`.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub struct ExemptedView {
    name: String,
    born: String,
    admitted: String,
    // Empty only for a probationary member, whom the checks refuse.
    full_since: String,
    post: Option<String>,
}

impl DangVienMien {
    /// The member's lines for a view ([`ExemptedView`]).
    pub(crate) fn view(&self) -> ExemptedView {
        ExemptedView {
            name: self.ho_ten.clone(),
            born: format::date_inline(self.ngay_sinh),
            admitted: format::date_inline(self.ngay_vao_dang),
            full_since: self
                .ngay_chinh_thuc
                .map(format::date_inline)
                .unwrap_or_default(),
            post: self.chuc_vu.clone(),
        }
    }

    /// The member's own checks: named, admitted after birth, and a full
    /// member by `day` (`day_name` says which day, in the message).
    pub(crate) fn check(&self, day: NaiveDate, day_name: &str, out: &mut Vec<Problem>) {
        require(&self.ho_ten, "dang_vien.ho_ten", out);
        let admission = self.admission();
        admission.check_after_birth("dang_vien", out);
        if self.ngay_chinh_thuc.is_none() {
            out.push(Problem::new(
                "dang_vien.ngay_chinh_thuc",
                "chỉ xem xét miễn công tác và sinh hoạt đảng cho đảng viên chính thức: đảng viên dự bị phải sinh hoạt để được thử thách trong thời gian dự bị",
            ));
        }
        admission.check_full_by("dang_vien", day, day_name, out);
    }
}

/// A time-limited exemption: its first day, its months and its end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub from: NaiveDate,
    pub months: u32,
    /// `calendar::add_months(from, months)`: the day printed after "đến ngày".
    pub to: NaiveDate,
}

impl LyDo {
    /// The period of a `khac` exemption (None for old age and poor health,
    /// which is open-ended, or while its fields are missing).
    pub fn period(&self) -> Option<Period> {
        match (self.loai, self.tu_ngay, self.so_thang) {
            (LoaiMien::Khac, Some(from), Some(months)) => Some(Period {
                from,
                months,
                to: calendar::add_months(from, months),
            }),
            _ => None,
        }
    }

    /// The fields the kind needs and only those; a period of 1 to
    /// [`MAX_MONTHS`] months that does not start before the application
    /// dated `applied`.
    pub(crate) fn check(&self, applied: NaiveDate, out: &mut Vec<Problem>) {
        let l = self;
        let missing = |out: &mut Vec<Problem>, field: &str| {
            out.push(Problem::new(
                format!("ly_do.{field}"),
                "cần ghi trường này cho loại miễn đã chọn",
            ))
        };
        let unused = |out: &mut Vec<Problem>, field: &str, kind: &str| {
            out.push(Problem::new(
                format!("ly_do.{field}"),
                format!("trường này chỉ dùng cho loại {kind}"),
            ))
        };
        match l.loai {
            LoaiMien::TuoiCaoSucYeu => {
                match &l.xac_nhan_y_te {
                    Some(x) => require(x, "ly_do.xac_nhan_y_te", out),
                    None => missing(out, "xac_nhan_y_te"),
                }
                for (field, given) in [
                    ("mo_ta", l.mo_ta.is_some()),
                    ("tu_ngay", l.tu_ngay.is_some()),
                    ("so_thang", l.so_thang.is_some()),
                ] {
                    if given {
                        unused(out, field, "khac");
                    }
                }
            }
            LoaiMien::Khac => {
                if l.xac_nhan_y_te.is_some() {
                    unused(out, "xac_nhan_y_te", "tuoi-cao-suc-yeu");
                }
                match &l.mo_ta {
                    Some(x) => require(x, "ly_do.mo_ta", out),
                    None => missing(out, "mo_ta"),
                }
                match l.so_thang {
                    None => missing(out, "so_thang"),
                    Some(n) if !(1..=MAX_MONTHS).contains(&n) => out.push(Problem::new(
                        "ly_do.so_thang",
                        format!(
                            "thời gian miễn từ 1 đến {MAX_MONTHS} tháng (nhận được {n}); hết thời gian, nếu còn nhu cầu đảng viên làm đơn đề nghị tiếp tục miễn để chi bộ xem xét lại"
                        ),
                    )),
                    Some(_) => {}
                }
                match l.tu_ngay {
                    None => missing(out, "tu_ngay"),
                    Some(d) if d < applied => out.push(Problem::new(
                        "ly_do.tu_ngay",
                        "thời gian miễn không bắt đầu trước ngày làm đơn",
                    )),
                    Some(_) => {}
                }
            }
        }
    }
}
