//! The reporting period of the quarterly reports.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::paper::Paper;
use crate::error::Problem;
use crate::rules::format;

/// A quarter: `{"quy": 1, "nam": 2026}` is Quý I/2026 (01/01–31/3/2026).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Kỳ báo cáo", description = "Quý và năm báo cáo")]
pub struct KyBaoCao {
    /// 1 to 4.
    #[schemars(title = "Quý", description = "Từ 1 đến 4", range(min = 1, max = 4))]
    pub quy: u8,
    #[schemars(title = "Năm", range(min = 1930, max = 2200))]
    pub nam: i32,
}

impl KyBaoCao {
    pub fn check(&self, path: &str, out: &mut Vec<Problem>) {
        if !(1..=4).contains(&self.quy) {
            out.push(Problem::new(format!("{path}.quy"), "quý phải từ 1 đến 4"));
        }
        if !(1930..=2200).contains(&self.nam) {
            out.push(Problem::new(format!("{path}.nam"), "năm không hợp lệ"));
        }
    }

    fn valid(&self) -> (u8, i32) {
        (self.quy.clamp(1, 4), self.nam.clamp(1930, 2200))
    }

    /// First day of the quarter.
    pub fn start(&self) -> NaiveDate {
        let (q, y) = self.valid();
        NaiveDate::from_ymd_opt(y, u32::from(q) * 3 - 2, 1).unwrap_or_default()
    }

    /// Last day of the quarter.
    pub fn end(&self) -> NaiveDate {
        let (q, y) = self.valid();
        let next = if q == 4 {
            NaiveDate::from_ymd_opt(y + 1, 1, 1)
        } else {
            NaiveDate::from_ymd_opt(y, u32::from(q) * 3 + 1, 1)
        };
        next.and_then(|d| d.pred_opt()).unwrap_or_default()
    }

    /// "quý I năm 2026".
    pub fn label(&self) -> String {
        let (q, y) = self.valid();
        format!("quý {} năm {y}", format::roman(u32::from(q)))
    }

    /// "Quý I/2026".
    pub fn short(&self) -> String {
        let (q, y) = self.valid();
        format!("Quý {}/{y}", format::roman(u32::from(q)))
    }

    /// The opening checks of a report on this quarter: the organisation is
    /// complete, the quarter valid, the signer named, and the report not
    /// dated before the quarter begins.
    pub(crate) fn check_report(&self, paper: &Paper<'_>, out: &mut Vec<Problem>) {
        paper.org.check("to_chuc", out);
        self.check("ky_bao_cao", out);
        paper.signer.check("nguoi_ky", out);
        if paper.doc.ngay < self.start() {
            out.push(Problem::new(
                "van_ban.ngay",
                "ngày báo cáo trước kỳ báo cáo",
            ));
        }
    }

    pub fn contains(&self, d: NaiveDate) -> bool {
        self.start() <= d && d <= self.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quarters() {
        let q = KyBaoCao { quy: 1, nam: 2026 };
        assert_eq!(q.start(), NaiveDate::from_ymd_opt(2026, 1, 1).unwrap());
        assert_eq!(q.end(), NaiveDate::from_ymd_opt(2026, 3, 31).unwrap());
        assert_eq!(q.short(), "Quý I/2026");
        let q = KyBaoCao { quy: 4, nam: 2025 };
        assert_eq!(q.end(), NaiveDate::from_ymd_opt(2025, 12, 31).unwrap());
        assert_eq!(q.label(), "quý IV năm 2025");
    }
}
