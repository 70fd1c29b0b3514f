//! The periodic check of transfer notices: "Định kỳ 03 tháng/lần kiểm tra
//! phiếu báo chuyển sinh hoạt đảng để theo dõi đảng viên chuyển đến; kịp thời
//! xử lý những trường hợp quá 03 tháng không nộp hồ sơ chuyển sinh hoạt đảng
//! đến" [000 §1.3]. The committee lists the notices whose member has not
//! submitted the dossier 3 months after the notice, with the days overdue
//! ([`calendar::transfer_days_overdue`]); notices whose member arrived, and
//! those still within the 3 months, are left out of the list and counted.
//!
//! The notices come from data the clerk gives, or from the register's
//! issued phiếu báo (`Register::overdue_transfers`); the register does not
//! know who arrived, so the clerk marks `da_nop_ho_so`.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::list::require_some;
use super::member_list::same_name;
use super::paper::{self, IssuedBy};
use super::{Prepared, checked};
use crate::case::common::{HeaderView, PageView, SignerView, require};
use crate::error::Problem;
use crate::rules::calendar;
use crate::rules::format::{self, DocKind};

paper::case! {
    /// Case data of `danh-sach-phieu-bao-qua-han`.
    #[schemars(
        title = "Danh sách phiếu báo chuyển sinh hoạt đảng quá 03 tháng chưa nộp hồ sơ",
        description = "Kết quả kiểm tra định kỳ 03 tháng/lần"
    )]
    #[derive(Serialize)]
    pub struct Case;
    issuer = (
        "Đảng ủy kiểm tra",
        "Cấp ủy cấp trên trực tiếp của tổ chức cơ sở đảng, ví dụ: Đảng bộ phường Vân Lam"
    );
    number = ("Số và ngày báo cáo", "");
    own {
        /// The day the notices are checked: days overdue are counted to it.
        #[schemars(
            title = "Ngày kiểm tra",
            description = "Số ngày quá hạn tính đến ngày này"
        )]
        pub ngay_kiem_tra: NaiveDate,
        #[schemars(
            title = "Phiếu báo chuyển sinh hoạt đảng",
            description = "Mọi phiếu báo cần theo dõi; phiếu đã nộp hồ sơ hoặc chưa quá 03 tháng chỉ được đếm",
            length(min = 1)
        )]
        pub phieu_bao: Vec<PhieuBao>,
    }
    other_recipients = "Bản lưu do dangvu tự thêm";
}

/// One transfer notice.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Phiếu báo", description = "")]
pub struct PhieuBao {
    /// As printed, e.g. "15-PB/ĐU".
    #[schemars(
        title = "Số phiếu báo",
        description = "Như in trên phiếu, ví dụ: 15-PB/ĐU",
        length(min = 1)
    )]
    pub so: String,
    #[schemars(title = "Ngày phiếu báo")]
    pub ngay: NaiveDate,
    #[schemars(title = "Họ và tên đảng viên", length(min = 1))]
    pub ho_ten: String,
    #[serde(default)]
    #[schemars(title = "Ngày sinh", description = "Có thể bỏ trống")]
    pub ngay_sinh: Option<NaiveDate>,
    #[schemars(
        title = "Chuyển từ",
        description = "Ví dụ: Chi bộ Tổ dân phố số 5, Đảng bộ phường Vân Lam",
        length(min = 1)
    )]
    pub chuyen_tu: String,
    #[schemars(
        title = "Chuyển đến",
        description = "Ví dụ: Đảng bộ phường Kim Liên, thành phố Hà Nội",
        length(min = 1)
    )]
    pub chuyen_den: String,
    /// Whether the member has submitted the transfer dossier (the clerk
    /// marks it; the register does not know).
    #[serde(default)]
    #[schemars(
        title = "Đã nộp hồ sơ chuyển sinh hoạt",
        description = "Đánh dấu khi đảng viên đã nộp hồ sơ tại nơi chuyển đến"
    )]
    pub da_nop_ho_so: bool,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub struct View {
    page: PageView,
    header: HeaderView,
    title: String,
    subject: String,
    /// "03": the limit in months, from the rules.
    months: String,
    checked_on: String,
    /// Counts as printed ("05"): every notice, arrived, within the limit, overdue.
    total: String,
    arrived: String,
    not_due: String,
    overdue: String,
    /// The overdue notices, the oldest first.
    overdue_list: Vec<NoticeView>,
    /// The other notices (arrived, or within the 3 months), the oldest
    /// first: out of the list, but named so the counts can be checked.
    others: Vec<NoticeView>,
    signer: SignerView,
    recipients: Vec<String>,
}

/// One notice as printed (a numbered paragraph: a long place name in a
/// narrow table column would not read back in order).
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub struct NoticeView {
    number: String,
    name: String,
    born: Option<String>,
    notice: String,
    notice_date: String,
    from: String,
    to: String,
    /// "hạn nộp hồ sơ ngày 09/05/2026, quá hạn 22 ngày", "đã nộp hồ sơ …".
    state: String,
}

/// What the check found for one notice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// The member submitted the dossier.
    Arrived,
    /// Still within the 3 months on the check day.
    NotDue,
    /// Days past the deadline on the check day (1 on the first day).
    Overdue(u32),
}

/// The status of a notice on `on` (`calendar::transfer_days_overdue`).
pub fn status(notice: &PhieuBao, on: NaiveDate) -> Status {
    if notice.da_nop_ho_so {
        return Status::Arrived;
    }
    match calendar::transfer_days_overdue(notice.ngay, on) {
        Some(days) => Status::Overdue(days),
        None => Status::NotDue,
    }
}

impl super::Case for Case {
    const ID: &'static str = "danh-sach-phieu-bao-qua-han";

    type View = View;

    fn prepare_view(self) -> Result<Prepared<View>, Vec<Problem>> {
        checked(|out| self.check(out))?;
        let on = self.ngay_kiem_tra;
        let mut notices: Vec<(&PhieuBao, Status)> =
            self.phieu_bao.iter().map(|p| (p, status(p, on))).collect();
        notices.sort_by(|(a, _), (b, _)| a.ngay.cmp(&b.ngay).then_with(|| a.so.cmp(&b.so)));
        let (overdue, others): (Vec<_>, Vec<_>) = notices
            .into_iter()
            .partition(|(_, s)| matches!(s, Status::Overdue(_)));
        let arrived = others.iter().filter(|(_, s)| *s == Status::Arrived).count();
        let not_due = others.len() - arrived;
        let overdue_list = numbered(&overdue);
        let others = numbered(&others);
        let count = |n: usize| format!("{n:02}");
        let paper = self.paper();
        let (signer, recipients) =
            paper.sign_off(vec!["Thường trực Đảng ủy (để chỉ đạo)".to_owned()]);
        let view = View {
            page: paper.page(),
            header: paper.header(DocKind::BaoCao),
            title: "BÁO CÁO".into(),
            subject: format!(
                "danh sách đảng viên có phiếu báo chuyển sinh hoạt đảng quá {:02} tháng chưa nộp hồ sơ",
                calendar::TRANSFER_NOT_ARRIVED_MONTHS
            ),
            months: format!("{:02}", calendar::TRANSFER_NOT_ARRIVED_MONTHS),
            checked_on: format::date_inline(on),
            total: count(self.phieu_bao.len()),
            arrived: count(arrived),
            not_due: count(not_due),
            overdue: count(overdue.len()),
            overdue_list,
            others,
            signer,
            recipients,
        };
        Ok(paper.prepare(view, "Báo cáo", DocKind::BaoCao))
    }
}

/// The notices as numbered paragraphs, each with what the check found.
fn numbered(notices: &[(&PhieuBao, Status)]) -> Vec<NoticeView> {
    notices
        .iter()
        .enumerate()
        .map(|(k, (p, found))| {
            let deadline = format::date_inline(calendar::transfer_arrival_deadline(p.ngay));
            NoticeView {
                number: (k + 1).to_string(),
                name: p.ho_ten.clone(),
                born: p.ngay_sinh.map(format::date_inline),
                notice: p.so.clone(),
                notice_date: format::date_inline(p.ngay),
                from: p.chuyen_tu.clone(),
                to: p.chuyen_den.clone(),
                state: match found {
                    Status::Arrived => "đã nộp hồ sơ chuyển sinh hoạt đảng".to_owned(),
                    Status::NotDue => format!("hạn nộp hồ sơ ngày {deadline}, chưa quá hạn"),
                    Status::Overdue(days) => {
                        format!("hạn nộp hồ sơ ngày {deadline}, quá hạn {days} ngày")
                    }
                },
            }
        })
        .collect()
}

impl Case {
    fn check(&self, out: &mut Vec<Problem>) {
        self.paper().check(
            IssuedBy::Committee,
            "việc kiểm tra phiếu báo chuyển sinh hoạt đảng do cấp ủy cấp trên trực tiếp của tổ chức cơ sở đảng thực hiện (dang-uy-co-so hoặc dang-uy-cap-tren), không do chi bộ",
            out,
        );
        if self.ngay_kiem_tra > self.van_ban.ngay {
            out.push(Problem::new(
                "ngay_kiem_tra",
                "ngày kiểm tra không được sau ngày báo cáo",
            ));
        }
        require_some(
            &self.phieu_bao,
            "phieu_bao",
            "cần ít nhất một phiếu báo để kiểm tra",
            out,
        );
        for (k, p) in self.phieu_bao.iter().enumerate() {
            let path = format!("phieu_bao[{k}]");
            require(&p.so, format!("{path}.so"), out);
            require(&p.ho_ten, format!("{path}.ho_ten"), out);
            require(&p.chuyen_tu, format!("{path}.chuyen_tu"), out);
            require(&p.chuyen_den, format!("{path}.chuyen_den"), out);
            if p.ngay > self.ngay_kiem_tra {
                out.push(Problem::new(
                    format!("{path}.ngay"),
                    "phiếu báo không được ghi ngày sau ngày kiểm tra",
                ));
            }
            if p.ngay_sinh.is_some_and(|born| born >= p.ngay) {
                out.push(Problem::new(
                    format!("{path}.ngay_sinh"),
                    "ngày sinh phải trước ngày phiếu báo",
                ));
            }
            if !p.so.trim().is_empty()
                && self.phieu_bao[..k].iter().any(|o| same_name(&o.so, &p.so))
            {
                out.push(Problem::new(
                    format!("{path}.so"),
                    format!("phiếu báo số {} đã có trong danh sách", p.so.trim()),
                ));
            }
        }
    }
}
