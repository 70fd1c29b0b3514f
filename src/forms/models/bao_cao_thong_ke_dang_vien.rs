//! Membership statistics report of a party organisation, computed from its
//! roster (as in the ward reports: status, education, qualification, political
//! theory, gender, age bands, occupation, exempted members, changes).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Prepared;
use super::ky_bao_cao::KyBaoCao;
use super::list::require_some;
use super::paper::{self, ReportHead};
use crate::case::common::SignerView;
use crate::error::Problem;
use crate::roster::Member;
use crate::rules::format::{self, DocKind};
use crate::stats::{self, percent};

paper::case! {
    /// Case data of `bao-cao-thong-ke-dang-vien`.
    #[schemars(title = "Báo cáo thống kê đảng viên", description = "")]
    pub struct Case;
    quarterly_report(issuer_hint = "");
    own {
        /// The quarter; ages and status are taken on its last day.
        #[schemars(
            title = "Kỳ báo cáo",
            description = "Tuổi và tình trạng tính đến ngày cuối quý"
        )]
        pub ky_bao_cao: KyBaoCao,
        /// The roster: every member of the organisation (names are not printed).
        #[schemars(
            title = "Danh sách đảng viên",
            description = "Mọi đảng viên của tổ chức (báo cáo không in tên)"
        )]
        #[schemars(length(min = 1))]
        pub danh_sach: Vec<Member>,
        /// Changes over the quarter.
        #[serde(default)]
        #[schemars(title = "Biến động trong quý", description = "")]
        pub bien_dong: BienDong,
        /// Roster rows left out because they were invalid (`--skip-bad-rows`);
        /// the report says so.
        #[serde(default)]
        #[schemars(
            title = "Số dòng bị bỏ qua",
            description = "Số dòng danh sách không hợp lệ đã bỏ qua; báo cáo có ghi chú"
        )]
        pub so_dong_bo_qua: u32,
    }
}

/// Changes in membership over the period.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Biến động trong quý", description = "")]
pub struct BienDong {
    #[serde(default)]
    #[schemars(title = "Kết nạp")]
    pub ket_nap: u32,
    #[serde(default)]
    #[schemars(title = "Chuyển đến")]
    pub chuyen_den: u32,
    #[serde(default)]
    #[schemars(title = "Chuyển đi")]
    pub chuyen_di: u32,
    #[serde(default)]
    #[schemars(title = "Từ trần")]
    pub tu_tran: u32,
    /// Struck from the roll (xóa tên).
    #[serde(default)]
    #[schemars(title = "Xóa tên", description = "")]
    pub xoa_ten: u32,
    /// Expelled (khai trừ).
    #[serde(default)]
    #[schemars(title = "Khai trừ", description = "")]
    pub khai_tru: u32,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub struct View {
    #[serde(flatten)]
    head: ReportHead,
    at: String,
    total: String,
    full: String,
    full_share: String,
    probationary: String,
    probationary_share: String,
    exempted: String,
    sections: Vec<SectionView>,
    changes: Vec<Vec<String>>,
    skipped: Option<String>,
    signer: SignerView,
    recipients: Vec<String>,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
struct SectionView {
    title: String,
    rows: Vec<Vec<String>>,
}

impl super::Case for Case {
    const ID: &'static str = "bao-cao-thong-ke-dang-vien";

    type View = View;

    fn prepare_view(self) -> Result<Prepared<View>, Vec<Problem>> {
        super::checked(|out| self.check(out))?;
        let at = self.ky_bao_cao.end();
        let s = stats::compute(&self.danh_sach, at);
        let status = &s.breakdowns[0];
        let sections = s
            .breakdowns
            .iter()
            .enumerate()
            .map(|(k, b)| {
                let mut rows: Vec<Vec<String>> = b
                    .rows
                    .iter()
                    .enumerate()
                    .map(|(i, r)| {
                        vec![
                            (i + 1).to_string(),
                            r.label.clone(),
                            format::integer(r.count as i64),
                            percent(r.share),
                        ]
                    })
                    .collect();
                rows.push(vec![
                    String::new(),
                    "Cộng".into(),
                    format::integer(b.total as i64),
                    percent(b.rows.iter().map(|r| r.share).sum()),
                ]);
                SectionView {
                    title: format!("{}. {}", k + 1, b.title),
                    rows,
                }
            })
            .collect();
        let c = &self.bien_dong;
        let changes = [
            ("Kết nạp đảng viên mới", c.ket_nap),
            ("Chuyển sinh hoạt đảng đến", c.chuyen_den),
            ("Chuyển sinh hoạt đảng đi", c.chuyen_di),
            ("Từ trần", c.tu_tran),
            ("Xóa tên trong danh sách đảng viên", c.xoa_ten),
            ("Khai trừ ra khỏi Đảng", c.khai_tru),
        ]
        .iter()
        .enumerate()
        .map(|(i, (l, n))| {
            vec![
                (i + 1).to_string(),
                l.to_string(),
                format::integer(i64::from(*n)),
            ]
        })
        .collect();
        let paper = self.paper();
        let (signer, recipients) = paper.report_sign_off();
        let view = View {
            head: paper.report_head(format!("thống kê đảng viên {}", self.ky_bao_cao.label())),
            at: format::date_inline(at),
            total: format::integer(s.total as i64),
            full: format::integer(s.full as i64),
            full_share: percent(status.rows[0].share),
            probationary: format::integer(s.probationary as i64),
            probationary_share: percent(status.rows[1].share),
            exempted: format::integer(s.exempted as i64),
            sections,
            changes,
            skipped: (self.so_dong_bo_qua > 0).then(|| format::integer(self.so_dong_bo_qua.into())),
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
        let at = q.end();
        require_some(
            &self.danh_sach,
            "danh_sach",
            "danh sách đảng viên trống",
            out,
        );
        check_members(&self.danh_sach, at, "danh_sach", out);
    }
}

/// Roster consistency at the report date `at`.
pub fn check_members(
    members: &[Member],
    at: chrono::NaiveDate,
    path: &str,
    out: &mut Vec<Problem>,
) {
    for (k, m) in members.iter().enumerate() {
        let p = format!("{path}[{k}]");
        if m.ngay_sinh >= at || stats::age(m.ngay_sinh, at) < 18 {
            out.push(Problem::new(
                format!("{p}.ngay_sinh"),
                format!(
                    "ngày sinh {}: đảng viên phải đủ 18 tuổi vào ngày {}",
                    format::date_inline(m.ngay_sinh),
                    format::date_inline(at)
                ),
            ));
        }
        if let Some(v) = m.ngay_vao_dang {
            if v > at {
                out.push(Problem::new(
                    format!("{p}.ngay_vao_dang"),
                    "ngày vào Đảng sau ngày cuối kỳ báo cáo",
                ));
            }
            if v <= m.ngay_sinh {
                out.push(Problem::new(
                    format!("{p}.ngay_vao_dang"),
                    "ngày vào Đảng trước ngày sinh",
                ));
            }
            if m.ngay_chinh_thuc.is_some_and(|c| c < v) {
                out.push(Problem::new(
                    format!("{p}.ngay_chinh_thuc"),
                    "ngày chính thức trước ngày vào Đảng",
                ));
            }
        }
    }
}
