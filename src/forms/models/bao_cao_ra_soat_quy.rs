//! Quarterly screening report (báo cáo rà soát, sàng lọc đảng viên quý): for
//! one branch, or aggregated for a party committee from its branches' cases.
//! Counts and the annex lists are computed from the cases; the narrative comes
//! from the input.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Prepared;
use super::ky_bao_cao::KyBaoCao;
use super::list::require_some;
use super::paper::{self, ReportHead};
use crate::case::common::{SignerView, require};
use crate::error::Problem;
use crate::rules::calendar;
use crate::rules::format::{self, DocKind};
use crate::vocab::Label;

paper::case! {
    /// Case data of `bao-cao-ra-soat-quy`.
    #[schemars(
        title = "Báo cáo rà soát, sàng lọc đảng viên hằng quý",
        description = ""
    )]
    pub struct Case;
    quarterly_report(issuer_hint = "Chi bộ báo cáo, hoặc đảng ủy khi báo cáo tổng hợp");
    own {
        #[schemars(title = "Kỳ báo cáo")]
        pub ky_bao_cao: KyBaoCao,
        /// A branch report: one unit without a name (the branch itself). A
        /// committee report: one unit per branch, each named.
        #[schemars(
            title = "Đơn vị",
            description = "Báo cáo của chi bộ: một đơn vị không ghi tên; báo cáo của đảng ủy: mỗi chi bộ một đơn vị có tên"
        )]
        #[schemars(length(min = 1))]
        pub don_vi: Vec<DonVi>,
    }
    then narrative!();
}

/// A branch's figures for the quarter.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Đơn vị", description = "")]
pub struct DonVi {
    /// The branch's name (committee reports only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(title = "Tên chi bộ", description = "Chỉ ghi ở báo cáo của đảng ủy")]
    pub ten: Option<String>,
    /// Members reviewed in the quarter.
    #[schemars(title = "Số đảng viên được rà soát", description = "")]
    pub so_dang_vien_ra_soat: u32,
    /// The screening cases of the quarter.
    #[serde(default)]
    #[schemars(title = "Các trường hợp sàng lọc trong quý", description = "")]
    pub truong_hop: Vec<TruongHop>,
}

/// One member's screening case.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Trường hợp sàng lọc", description = "")]
pub struct TruongHop {
    #[schemars(title = "Họ và tên", length(min = 1))]
    pub ho_ten: String,
    /// The criterion or violation found.
    #[schemars(title = "Tiêu chí, vi phạm", description = "Tiêu chí hoặc vi phạm chi bộ phát hiện", length(min = 1), extend("x-multiline" = true))]
    pub tieu_chi: String,
    /// Where the case stands at the end of the quarter.
    #[schemars(title = "Tình trạng cuối quý", description = "")]
    pub tinh_trang: TinhTrang,
    /// Date the member was put on the help list (none for immediate removal).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(
        title = "Ngày đưa vào diện giúp đỡ",
        description = "Bỏ trống nếu đưa ra khỏi Đảng ngay"
    )]
    pub ngay_dua_vao: Option<NaiveDate>,
    /// The helper and the date of assignment; the period end is computed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(
        title = "Giúp đỡ",
        description = "Người giúp đỡ và ngày phân công; ngày kết thúc do dangvu tính"
    )]
    pub giup_do: Option<GiupDo>,
    /// Removal form, for proposed or decided removals.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(
        title = "Hình thức đưa ra khỏi Đảng",
        description = "Với trường hợp đề nghị hoặc đã quyết định đưa ra"
    )]
    pub hinh_thuc: Option<HinhThuc>,
    /// Ngày có kết quả: the date the case reached its state (the branch's
    /// resolution recognising progress or proposing removal, the decision to
    /// strike off or expel); required for every state but dang-giup-do, so the
    /// report counts only results reached inside the quarter.
    #[schemars(
        title = "Ngày có kết quả",
        description = "Ngày nghị quyết hoặc quyết định về kết quả; bắt buộc trừ khi đang giúp đỡ. Báo cáo chỉ tính kết quả trong quý"
    )]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ngay_ket_qua: Option<NaiveDate>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Giúp đỡ")]
pub struct GiupDo {
    #[schemars(title = "Người giúp đỡ", length(min = 1))]
    pub nguoi_giup_do: String,
    #[schemars(title = "Ngày phân công")]
    pub ngay_phan_cong: NaiveDate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[schemars(title = "Tình trạng cuối quý")]
pub enum TinhTrang {
    /// Under help (put on the list this quarter or earlier).
    #[schemars(
        title = "Đang giúp đỡ",
        description = "Đưa vào diện giúp đỡ trong quý hoặc trước đó"
    )]
    DangGiupDo,
    /// Progress recognised; off the list.
    #[schemars(
        title = "Đã tiến bộ",
        description = "Được công nhận tiến bộ, ra khỏi danh sách"
    )]
    TienBo,
    /// Removal proposed to the competent body.
    #[schemars(
        title = "Đề nghị đưa ra khỏi Đảng",
        description = "Đã đề nghị cấp có thẩm quyền"
    )]
    DeNghiDuaRa,
    /// Struck from the roll (decided).
    #[schemars(title = "Đã xóa tên", description = "Đã có quyết định")]
    DaXoaTen,
    /// Expelled (decided).
    #[schemars(title = "Đã khai trừ", description = "Đã có quyết định")]
    DaKhaiTru,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[schemars(title = "Hình thức đưa ra khỏi Đảng")]
pub enum HinhThuc {
    #[schemars(title = HinhThuc::XoaTen.label())]
    XoaTen,
    #[schemars(title = HinhThuc::KhaiTru.label())]
    KhaiTru,
}

impl Label for HinhThuc {
    fn label(self) -> &'static str {
        match self {
            Self::XoaTen => "Xóa tên",
            Self::KhaiTru => "Khai trừ",
        }
    }
}

/// The counts of the report, in printed order. Every count but the last
/// counts events inside the quarter (a date in it); `still` counts a state at
/// the quarter's last day ("đang được giáo dục, giúp đỡ"), and the report's
/// wording says which is which.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub reviewed: u64,
    pub put_on_list: u64,
    pub helped: u64,
    pub progress: u64,
    pub proposed: u64,
    pub struck: u64,
    pub expelled: u64,
    pub still: u64,
}

impl Counts {
    pub fn of(unit: &DonVi, q: &KyBaoCao) -> Self {
        let cases = &unit.truong_hop;
        let n = |f: &dyn Fn(&TruongHop) -> bool| cases.iter().filter(|c| f(c)).count() as u64;
        let reached = |c: &TruongHop, state| {
            c.tinh_trang == state && c.ngay_ket_qua.is_some_and(|d| q.contains(d))
        };
        Self {
            reviewed: u64::from(unit.so_dang_vien_ra_soat),
            put_on_list: n(&|c| c.ngay_dua_vao.is_some_and(|d| q.contains(d))),
            helped: n(&|c| {
                c.giup_do
                    .as_ref()
                    .is_some_and(|g| q.contains(g.ngay_phan_cong))
            }),
            progress: n(&|c| reached(c, TinhTrang::TienBo)),
            proposed: n(&|c| reached(c, TinhTrang::DeNghiDuaRa)),
            struck: n(&|c| reached(c, TinhTrang::DaXoaTen)),
            expelled: n(&|c| reached(c, TinhTrang::DaKhaiTru)),
            still: n(&|c| {
                c.tinh_trang == TinhTrang::DangGiupDo
                    && c.ngay_dua_vao.is_some_and(|d| d <= q.end())
            }),
        }
    }

    fn add(&mut self, o: &Self) {
        self.reviewed += o.reviewed;
        self.put_on_list += o.put_on_list;
        self.helped += o.helped;
        self.progress += o.progress;
        self.proposed += o.proposed;
        self.struck += o.struck;
        self.expelled += o.expelled;
        self.still += o.still;
    }

    fn cells(&self) -> Vec<String> {
        [
            self.reviewed,
            self.put_on_list,
            self.helped,
            self.progress,
            self.proposed,
            self.struck,
            self.expelled,
            self.still,
        ]
        .iter()
        .map(|n| format::integer(*n as i64))
        .collect()
    }
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub struct View {
    #[serde(flatten)]
    head: ReportHead,
    period: String,
    /// The quarter's last day, the date of the state counted last.
    end: String,
    committee: bool,
    counts: Vec<String>,
    units: Vec<Vec<String>>,
    help: Vec<Vec<String>>,
    removal: Vec<Vec<String>>,
    assessment: Vec<String>,
    shortcomings: Vec<String>,
    proposals: Vec<String>,
    signer: SignerView,
    recipients: Vec<String>,
}

impl super::Case for Case {
    const ID: &'static str = "bao-cao-ra-soat-quy";

    type View = View;

    fn prepare_view(self) -> Result<Prepared<View>, Vec<Problem>> {
        super::checked(|out| self.check(out))?;
        let q = &self.ky_bao_cao;
        let committee = !self.to_chuc.loai.is_branch();
        let mut total = Counts::default();
        let mut units = Vec::new();
        let mut help = Vec::new();
        let mut removal = Vec::new();
        for (k, u) in self.don_vi.iter().enumerate() {
            let c = Counts::of(u, q);
            total.add(&c);
            if committee {
                let mut row = vec![(k + 1).to_string(), u.ten.clone().unwrap_or_default()];
                row.extend(c.cells());
                units.push(row);
            }
            for t in &u.truong_hop {
                let mut lead = vec![t.ho_ten.clone()];
                if committee {
                    lead.push(u.ten.clone().unwrap_or_default());
                }
                if let Some(g) = &t.giup_do {
                    let mut row = vec![(help.len() + 1).to_string()];
                    row.extend(lead.iter().cloned());
                    row.push(t.tieu_chi.clone());
                    row.push(g.nguoi_giup_do.clone());
                    row.push(format::date_inline(calendar::help_period_end(
                        g.ngay_phan_cong,
                    )));
                    row.push(
                        match t.tinh_trang {
                            TinhTrang::DangGiupDo => "Đang giúp đỡ",
                            TinhTrang::TienBo => "Công nhận tiến bộ",
                            TinhTrang::DeNghiDuaRa => "Đề nghị đưa ra khỏi Đảng",
                            TinhTrang::DaXoaTen => "Đã xóa tên",
                            TinhTrang::DaKhaiTru => "Đã khai trừ",
                        }
                        .into(),
                    );
                    help.push(row);
                }
                if let Some(h) = t.hinh_thuc {
                    let mut row = vec![(removal.len() + 1).to_string()];
                    row.extend(lead);
                    row.push(t.tieu_chi.clone());
                    row.push(h.label().into());
                    row.push(
                        if t.tinh_trang == TinhTrang::DeNghiDuaRa {
                            "Đề nghị"
                        } else {
                            "Đã quyết định"
                        }
                        .into(),
                    );
                    removal.push(row);
                }
            }
        }
        if committee {
            let mut row = vec![String::new(), "Cộng".into()];
            row.extend(total.cells());
            units.push(row);
        }
        let paper = self.paper();
        let (signer, recipients) = paper.report_sign_off();
        let view = View {
            head: paper.report_head(format!(
                "kết quả rà soát, sàng lọc đảng viên {}",
                self.ky_bao_cao.label()
            )),
            period: self.ky_bao_cao.short(),
            end: format::date_inline(self.ky_bao_cao.end()),
            committee,
            counts: total.cells(),
            units,
            help,
            removal,
            assessment: self.danh_gia.clone(),
            shortcomings: self.han_che.clone(),
            proposals: self.de_xuat.clone(),
            signer,
            recipients,
        };
        Ok(paper.prepare(view, "Báo cáo", DocKind::BaoCao))
    }
}

impl Case {
    fn check(&self, out: &mut Vec<Problem>) {
        let q = &self.ky_bao_cao;
        q.check_report(&self.paper(), out);
        if self.danh_gia.iter().all(|s| s.trim().is_empty()) {
            out.push(Problem::new("danh_gia", "cần ít nhất một đoạn đánh giá"));
        }
        let committee = !self.to_chuc.loai.is_branch();
        require_some(&self.don_vi, "don_vi", "cần ít nhất một đơn vị", out);
        if !committee && self.don_vi.len() > 1 {
            out.push(Problem::new(
                "don_vi",
                "báo cáo của chi bộ chỉ có một đơn vị (chính chi bộ)",
            ));
        }
        for (k, u) in self.don_vi.iter().enumerate() {
            let p = format!("don_vi[{k}]");
            match (&u.ten, committee) {
                (None, true) => out.push(Problem::new(
                    format!("{p}.ten"),
                    "báo cáo tổng hợp cần tên từng chi bộ",
                )),
                (Some(_), false) => out.push(Problem::new(
                    format!("{p}.ten"),
                    "báo cáo của chi bộ không ghi tên đơn vị (đã có trong phần đầu)",
                )),
                (Some(t), true) => require(t, format!("{p}.ten"), out),
                _ => {}
            }
            check_cases(u, q, &p, &format!("{p}.so_dang_vien_ra_soat"), out);
        }
    }
}

/// The longest criterion a table cell of the annexes holds (it must not
/// break across pages).
pub const MAX_CRITERION: usize = 300;

/// A unit's cases: consistent with each other and with the quarter.
/// `path` is the unit's (its cases are at `{path}.truong_hop`); `count` is
/// the field that gives the number of members screened (the unit's
/// `so_dang_vien_ra_soat`, or a pack branch's roster).
pub fn check_cases(u: &DonVi, q: &KyBaoCao, path: &str, count: &str, out: &mut Vec<Problem>) {
    if u.truong_hop.len() as u64 > u64::from(u.so_dang_vien_ra_soat) {
        out.push(Problem::new(
            count,
            format!(
                "ít hơn số trường hợp ({}): số đảng viên được rà soát gồm cả các trường hợp này",
                u.truong_hop.len()
            ),
        ));
    }
    for (i, t) in u.truong_hop.iter().enumerate() {
        let p = format!("{path}.truong_hop[{i}]");
        require(&t.ho_ten, format!("{p}.ho_ten"), out);
        require(&t.tieu_chi, format!("{p}.tieu_chi"), out);
        let n = t.tieu_chi.chars().count();
        if n > MAX_CRITERION {
            out.push(Problem::new(
                format!("{p}.tieu_chi"),
                format!("quá dài cho một ô của phụ lục: {n} ký tự (tối đa {MAX_CRITERION}); hãy ghi ngắn gọn tiêu chí"),
            ));
        }
        if let Some(d) = t.ngay_dua_vao
            && d > q.end()
        {
            out.push(Problem::new(
                format!("{p}.ngay_dua_vao"),
                "ngày đưa vào danh sách sau ngày cuối kỳ báo cáo",
            ));
        }
        if let Some(g) = &t.giup_do {
            require(&g.nguoi_giup_do, format!("{p}.giup_do.nguoi_giup_do"), out);
            if g.nguoi_giup_do.trim() == t.ho_ten.trim() && !t.ho_ten.trim().is_empty() {
                out.push(Problem::new(
                    format!("{p}.giup_do.nguoi_giup_do"),
                    "người giúp đỡ không thể là chính đảng viên được giúp đỡ",
                ));
            }
            if g.ngay_phan_cong > q.end() {
                out.push(Problem::new(
                    format!("{p}.giup_do.ngay_phan_cong"),
                    "ngày phân công sau ngày cuối kỳ báo cáo",
                ));
            }
            match t.ngay_dua_vao {
                None => out.push(Problem::new(
                    format!("{p}.ngay_dua_vao"),
                    "đảng viên được phân công giúp đỡ phải có ngày đưa vào danh sách",
                )),
                Some(d) if g.ngay_phan_cong < d => out.push(Problem::new(
                    format!("{p}.giup_do.ngay_phan_cong"),
                    "ngày phân công giúp đỡ trước ngày đưa vào danh sách",
                )),
                _ => {}
            }
        }
        let removal = matches!(
            t.tinh_trang,
            TinhTrang::DeNghiDuaRa | TinhTrang::DaXoaTen | TinhTrang::DaKhaiTru
        );
        match (removal, t.hinh_thuc) {
            (true, None) => out.push(Problem::new(
                format!("{p}.hinh_thuc"),
                "cần hình thức đưa ra khỏi Đảng: xoa-ten hoặc khai-tru",
            )),
            (false, Some(_)) => out.push(Problem::new(
                format!("{p}.hinh_thuc"),
                "chỉ ghi hình thức khi đề nghị hoặc đã đưa ra khỏi Đảng",
            )),
            _ => {}
        }
        match (t.tinh_trang, t.hinh_thuc) {
            (TinhTrang::DaXoaTen, Some(HinhThuc::KhaiTru))
            | (TinhTrang::DaKhaiTru, Some(HinhThuc::XoaTen)) => out.push(Problem::new(
                format!("{p}.hinh_thuc"),
                "hình thức không khớp với tình trạng",
            )),
            _ => {}
        }
        check_result_date(t, q, &p, out);
        if matches!(t.tinh_trang, TinhTrang::DangGiupDo | TinhTrang::TienBo) && t.giup_do.is_none()
        {
            out.push(Problem::new(
                format!("{p}.giup_do"),
                "đảng viên đang giúp đỡ hoặc được công nhận tiến bộ cần người giúp đỡ và ngày phân công",
            ));
        }
    }
}

/// The date a case reached its state: present for every result, inside the
/// report's reach (not after the quarter) and not before the help began.
fn check_result_date(t: &TruongHop, q: &KyBaoCao, p: &str, out: &mut Vec<Problem>) {
    let field = format!("{p}.ngay_ket_qua");
    match (t.tinh_trang, t.ngay_ket_qua) {
        (TinhTrang::DangGiupDo, Some(_)) => out.push(Problem::new(
            field,
            "đảng viên đang được giúp đỡ chưa có kết quả: bỏ trống ngày có kết quả",
        )),
        (TinhTrang::DangGiupDo, None) => {}
        (_, None) => out.push(Problem::new(
            field,
            "cần ngày có kết quả (ngày nghị quyết của chi bộ hoặc quyết định của cấp có thẩm quyền) để biết kết quả có trong kỳ báo cáo không",
        )),
        (_, Some(d)) if d > q.end() => out.push(Problem::new(
            field,
            "ngày có kết quả sau ngày cuối kỳ báo cáo",
        )),
        (_, Some(d)) => {
            let started = t
                .giup_do
                .as_ref()
                .map(|g| g.ngay_phan_cong)
                .or(t.ngay_dua_vao);
            if started.is_some_and(|s| d < s) {
                out.push(Problem::new(
                    field,
                    "ngày có kết quả trước ngày đưa vào danh sách hoặc ngày phân công giúp đỡ",
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn helped(listed: NaiveDate, assigned: NaiveDate) -> TruongHop {
        TruongHop {
            ho_ten: "A".into(),
            tieu_chi: "x".into(),
            tinh_trang: TinhTrang::DangGiupDo,
            ngay_dua_vao: Some(listed),
            giup_do: Some(GiupDo {
                nguoi_giup_do: "B".into(),
                ngay_phan_cong: assigned,
            }),
            hinh_thuc: None,
            ngay_ket_qua: None,
        }
    }

    fn result(state: TinhTrang, on: NaiveDate) -> TruongHop {
        TruongHop {
            tinh_trang: state,
            ngay_ket_qua: Some(on),
            hinh_thuc: matches!(state, TinhTrang::DeNghiDuaRa | TinhTrang::DaXoaTen)
                .then_some(HinhThuc::XoaTen),
            ..helped(date(2025, 1, 6), date(2025, 2, 4))
        }
    }

    fn counts(cases: Vec<TruongHop>) -> Counts {
        let unit = DonVi {
            ten: None,
            so_dang_vien_ra_soat: 30,
            truong_hop: cases,
        };
        Counts::of(&unit, &KyBaoCao { quy: 1, nam: 2026 })
    }

    /// Events count only inside the quarter, on both edges: the day before it
    /// starts and the day after it ends are outside.
    #[test]
    fn events_are_counted_inside_the_quarter_at_its_edges() {
        let c = counts(vec![
            helped(date(2025, 12, 31), date(2025, 12, 31)),
            helped(date(2026, 1, 1), date(2026, 1, 1)),
            helped(date(2026, 3, 31), date(2026, 3, 31)),
        ]);
        assert_eq!((c.put_on_list, c.helped), (2, 2));
        // Listed last year, assigned inside: one assignment, no listing.
        let c = counts(vec![helped(date(2025, 12, 30), date(2026, 1, 2))]);
        assert_eq!((c.put_on_list, c.helped), (0, 1));
        // The Q1/2026 report of the issue: a helper assigned on 04/02/2025 is
        // not "phân công giúp đỡ" in Q1/2026.
        let c = counts(vec![helped(date(2025, 1, 6), date(2025, 2, 4))]);
        assert_eq!(c.helped, 0);
        let c = counts(vec![
            result(TinhTrang::TienBo, date(2025, 12, 31)),
            result(TinhTrang::TienBo, date(2026, 1, 1)),
            result(TinhTrang::DeNghiDuaRa, date(2026, 3, 31)),
            result(TinhTrang::DaXoaTen, date(2026, 2, 1)),
        ]);
        assert_eq!((c.progress, c.proposed, c.struck, c.expelled), (1, 1, 1, 0));
    }

    /// "đang được giáo dục, giúp đỡ" is a state at the quarter's last day: every
    /// member still under help, whenever listed, and nobody whose help ended.
    #[test]
    fn the_state_line_counts_who_is_still_helped_at_quarter_end() {
        let c = counts(vec![
            helped(date(2025, 1, 6), date(2025, 2, 4)),
            helped(date(2026, 3, 31), date(2026, 3, 31)),
            result(TinhTrang::TienBo, date(2026, 1, 1)),
        ]);
        assert_eq!(c.still, 2);
        assert_eq!(c.helped, 1);
    }

    #[test]
    fn a_result_needs_its_date_inside_the_reach_of_the_report() {
        let q = KyBaoCao { quy: 1, nam: 2026 };
        let check = |t: TruongHop| {
            let mut out = Vec::new();
            check_result_date(&t, &q, "t", &mut out);
            out.into_iter().map(|p| p.field).collect::<Vec<_>>()
        };
        let mut t = result(TinhTrang::TienBo, date(2026, 2, 1));
        assert!(check(t.clone()).is_empty());
        t.ngay_ket_qua = None;
        assert_eq!(check(t.clone()), ["t.ngay_ket_qua"]);
        t.ngay_ket_qua = Some(date(2026, 4, 1));
        assert_eq!(check(t.clone()), ["t.ngay_ket_qua"]);
        t.ngay_ket_qua = Some(date(2025, 2, 3));
        assert_eq!(check(t), ["t.ngay_ket_qua"]);
    }
}
