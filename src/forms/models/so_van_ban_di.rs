//! The outgoing register book (sổ đăng ký văn bản đi) of one organisation for
//! a period: every document it issued, in issue order, with its number and
//! symbol, date, subject line, signer, recipients and — for a withdrawn
//! document — the voided mark (a number is never reused, so a voided row
//! stays). Printed on A4 landscape pages; [`to_xlsx`] gives the same rows as a
//! workbook for the office's own records.
//!
//! The register database (`dangvu issue`) builds this case from what it
//! recorded; a clerk may also type it.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Prepared;
use crate::case::common::{Margins, PageView, ToChuc};
use crate::case::input;
use crate::error::{Error, Problem, Result};
use crate::rules::format::{self, DocKind};
use crate::xlsx::{Cell, Sheet};

/// The form's id.
pub const ID: &str = "so-van-ban-di";

/// The media type of [`to_xlsx`]'s workbook.
pub const XLSX_CONTENT_TYPE: &str =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// Case data of `so-van-ban-di`.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Sổ đăng ký văn bản đi", description = "")]
pub struct Case {
    /// The organisation whose register it is; its code (`ky_hieu`) is the
    /// part after the slash of every symbol.
    #[schemars(
        title = "Tổ chức đảng giữ sổ",
        description = "Ví dụ: Chi bộ Tổ dân phố số 5 hoặc Đảng bộ phường Vân Lam"
    )]
    pub to_chuc: ToChuc,
    /// First day of the period (inclusive).
    #[schemars(title = "Từ ngày", description = "Ngày đầu của kỳ in sổ")]
    pub tu_ngay: NaiveDate,
    /// Last day of the period (inclusive).
    #[schemars(title = "Đến ngày", description = "Ngày cuối của kỳ in sổ")]
    pub den_ngay: NaiveDate,
    /// First days of committee terms that begin inside the period: numbers
    /// restart at 01 there (Hướng dẫn 36-HD/VPTW, §II.1).
    #[serde(default)]
    #[schemars(
        title = "Ngày bắt đầu nhiệm kỳ mới trong kỳ",
        description = "Chỉ ghi khi trong kỳ có nhiệm kỳ cấp ủy mới bắt đầu (số văn bản đánh lại từ 01)"
    )]
    pub dau_nhiem_ky: Vec<NaiveDate>,
    /// The documents issued, in issue order.
    #[schemars(
        title = "Văn bản đi",
        description = "Mỗi văn bản đã ban hành một dòng, theo thứ tự ban hành"
    )]
    pub van_ban: Vec<VanBanDi>,
}

/// One issued document: one row of the book.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Văn bản đi", description = "")]
pub struct VanBanDi {
    /// Ordinal in the register for its kind within the committee term.
    #[schemars(
        title = "Số văn bản",
        description = "Số thứ tự trong sổ của loại văn bản này trong nhiệm kỳ, từ 1",
        range(min = 1)
    )]
    pub so: u32,
    /// The kind, whose abbreviation goes in the symbol ("03-NQ/CB").
    #[schemars(
        title = "Loại văn bản",
        description = "Chữ viết tắt trong số ký hiệu: NQ, QĐ, BC, TB…"
    )]
    pub loai: DocKind,
    #[schemars(title = "Ngày văn bản", description = "Ngày ban hành")]
    pub ngay: NaiveDate,
    /// The subject line (trích yếu nội dung).
    #[schemars(
        title = "Trích yếu nội dung",
        description = "Ví dụ: Về việc đề nghị xóa tên đảng viên; tối đa 500 ký tự",
        length(min = 1)
    )]
    pub trich_yeu: String,
    /// The signer's full name.
    #[schemars(
        title = "Người ký",
        description = "Họ và tên; tối đa 150 ký tự",
        length(min = 1)
    )]
    pub nguoi_ky: String,
    /// Recipients as printed under "Nơi nhận".
    #[serde(default)]
    #[schemars(
        title = "Nơi nhận",
        description = "Mỗi nơi nhận một dòng, tối đa 150 ký tự"
    )]
    pub noi_nhan: Vec<String>,
    /// Set when the document was withdrawn.
    #[serde(default)]
    #[schemars(
        title = "Hủy văn bản",
        description = "Chỉ ghi khi văn bản đã bị thu hồi, hủy; số không dùng lại"
    )]
    pub huy: Option<Huy>,
}

/// A voided document.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Hủy văn bản", description = "")]
pub struct Huy {
    #[schemars(title = "Ngày hủy", description = "Không trước ngày văn bản")]
    pub ngay: NaiveDate,
    #[schemars(title = "Lý do hủy", description = "Tối đa 300 ký tự", length(min = 1))]
    pub ly_do: String,
}

/// The longest subject line, in characters (two or three lines of a
/// document's title; about fifteen lines of the book's column).
const MAX_SUBJECT: usize = 500;
/// The longest reason for voiding, in characters.
const MAX_REASON: usize = 300;

/// A checked row, ready to print or export.
struct Row<'a> {
    doc: &'a VanBanDi,
    symbol: String,
}

/// A checked case: the rows in print order.
struct Book<'a> {
    case: &'a Case,
    rows: Vec<Row<'a>>,
}

impl Case {
    /// Checks the case; every problem found is returned.
    fn check(&self) -> Result<Book<'_>, Vec<Problem>> {
        let mut out = Vec::new();
        self.to_chuc.check("to_chuc", &mut out);
        if self.den_ngay < self.tu_ngay {
            out.push(Problem::new("den_ngay", "ngày cuối kỳ trước ngày đầu kỳ"));
        }
        for (k, start) in self.dau_nhiem_ky.iter().enumerate() {
            if *start <= self.tu_ngay || *start > self.den_ngay {
                out.push(Problem::new(
                    format!("dau_nhiem_ky[{k}]"),
                    "ngày bắt đầu nhiệm kỳ mới phải nằm sau ngày đầu kỳ và không sau ngày cuối kỳ",
                ));
            }
        }
        // (term, kind, number) → the first row that used it.
        let mut used: BTreeMap<(usize, &str, u32), usize> = BTreeMap::new();
        for (k, doc) in self.van_ban.iter().enumerate() {
            let path = format!("van_ban[{k}]");
            self.check_row(doc, &path, &mut out);
            let term = self.dau_nhiem_ky.iter().filter(|d| **d <= doc.ngay).count();
            if let Some(first) = used.insert((term, doc.loai.code(), doc.so), k) {
                out.push(Problem::new(
                    format!("{path}.so"),
                    format!(
                        "số {} đã dùng cho văn bản van_ban[{first}] cùng loại trong cùng nhiệm kỳ; số văn bản không được dùng lại",
                        format::doc_number(doc.so, doc.loai, &self.to_chuc.ky_hieu)
                    ),
                ));
                used.insert((term, doc.loai.code(), doc.so), first);
            }
        }
        if !out.is_empty() {
            return Err(out);
        }
        let mut rows: Vec<Row> = self
            .van_ban
            .iter()
            .map(|doc| Row {
                doc,
                symbol: format::doc_number(doc.so, doc.loai, &self.to_chuc.ky_hieu),
            })
            .collect();
        // Stable: documents of one day keep the order they were issued in.
        rows.sort_by_key(|r| r.doc.ngay);
        Ok(Book { case: self, rows })
    }

    fn check_row(&self, doc: &VanBanDi, path: &str, out: &mut Vec<Problem>) {
        if doc.so == 0 {
            out.push(Problem::new(
                format!("{path}.so"),
                "số văn bản bắt đầu từ 1",
            ));
        }
        if doc.ngay < self.tu_ngay || doc.ngay > self.den_ngay {
            out.push(Problem::new(
                format!("{path}.ngay"),
                format!(
                    "ngày {} nằm ngoài kỳ của sổ ({} – {})",
                    format::date_inline(doc.ngay),
                    format::date_inline(self.tu_ngay),
                    format::date_inline(self.den_ngay)
                ),
            ));
        }
        for (field, value) in [("trich_yeu", &doc.trich_yeu), ("nguoi_ky", &doc.nguoi_ky)] {
            if value.trim().is_empty() {
                out.push(Problem::new(
                    format!("{path}.{field}"),
                    "không được để trống",
                ));
            }
        }
        for (k, r) in doc.noi_nhan.iter().enumerate() {
            if r.trim().is_empty() {
                out.push(Problem::new(
                    format!("{path}.noi_nhan[{k}]"),
                    "nơi nhận không được để trống",
                ));
            }
        }
        // One row of a table: text longer than these would make a row taller
        // than what is left of a page, and a row split across pages reads
        // interleaved with its neighbours. Also holds a case built in Rust
        // (the register), which skips the JSON decoder's limits.
        let mut texts = vec![
            (
                format!("{path}.trich_yeu"),
                doc.trich_yeu.as_str(),
                MAX_SUBJECT,
            ),
            (
                format!("{path}.nguoi_ky"),
                doc.nguoi_ky.as_str(),
                input::MAX_NAME_CHARS,
            ),
        ];
        for (k, r) in doc.noi_nhan.iter().enumerate() {
            texts.push((format!("{path}.noi_nhan[{k}]"), r, input::MAX_NAME_CHARS));
        }
        if let Some(huy) = &doc.huy {
            texts.push((format!("{path}.huy.ly_do"), &huy.ly_do, MAX_REASON));
        }
        for (field, value, limit) in texts {
            if value.chars().count() > limit {
                out.push(Problem::new(
                    field,
                    format!("dài quá {limit} ký tự (một dòng của sổ)"),
                ));
            }
        }
        if let Some(huy) = &doc.huy {
            if huy.ngay < doc.ngay {
                out.push(Problem::new(
                    format!("{path}.huy.ngay"),
                    "ngày hủy không được trước ngày văn bản",
                ));
            }
            if huy.ly_do.trim().is_empty() {
                out.push(Problem::new(
                    format!("{path}.huy.ly_do"),
                    "cần ghi lý do hủy văn bản",
                ));
            }
        }
    }
}

/// The recipients in one cell: "A; B; C".
fn recipients(doc: &VanBanDi) -> String {
    doc.noi_nhan
        .iter()
        .map(|r| r.trim())
        .collect::<Vec<_>>()
        .join("; ")
}

impl Book<'_> {
    /// "Tổng số: 7 văn bản (Nghị quyết: 3; Báo cáo: 4); đã hủy: 1 văn bản."
    fn summary(&self) -> String {
        if self.rows.is_empty() {
            return "Trong kỳ không có văn bản đi.".to_string();
        }
        let by_kind: Vec<String> = DocKind::ALL
            .into_iter()
            .filter_map(|kind| {
                let n = self.rows.iter().filter(|r| r.doc.loai == kind).count();
                (n > 0).then(|| format!("{}: {n}", kind.name_vi()))
            })
            .collect();
        let voided = self.rows.iter().filter(|r| r.doc.huy.is_some()).count();
        format!(
            "Tổng số: {} văn bản ({}); đã hủy: {voided} văn bản.",
            self.rows.len(),
            by_kind.join("; ")
        )
    }
}

/// Page setup with the orientation (`dv.document`).
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub struct LandscapePage {
    margins: Margins,
    number_from: u32,
    landscape: bool,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub struct RowView {
    /// The row's ordinal in the book ("1", "2", …).
    ordinal: String,
    symbol: String,
    date: String,
    subject: String,
    signer: String,
    recipients: String,
    /// "Ngày 20/02/2026: lý do" for a voided document.
    voided: Option<String>,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub struct View {
    page: LandscapePage,
    upper: Option<String>,
    issuer: String,
    /// The place and the period's last day, when the book is closed.
    place_date: String,
    period: String,
    rows: Vec<RowView>,
    summary: String,
}

impl super::Case for Case {
    const ID: &'static str = ID;
    type View = View;

    fn prepare_view(self) -> Result<Prepared<View>, Vec<Problem>> {
        let book = self.check()?;
        let org = &self.to_chuc;
        let page = PageView::for_org(org);
        let rows =
            book.rows
                .iter()
                .enumerate()
                .map(|(k, r)| RowView {
                    ordinal: (k + 1).to_string(),
                    symbol: r.symbol.clone(),
                    date: format::date_inline(r.doc.ngay),
                    subject: r.doc.trich_yeu.clone(),
                    signer: r.doc.nguoi_ky.clone(),
                    recipients: recipients(r.doc),
                    voided: r.doc.huy.as_ref().map(|h| {
                        format!("Ngày {}: {}", format::date_inline(h.ngay), h.ly_do.trim())
                    }),
                })
                .collect();
        let period = format!(
            "Từ ngày {} đến ngày {}",
            format::date_inline(self.tu_ngay),
            format::date_inline(self.den_ngay)
        );
        let view = View {
            page: LandscapePage {
                margins: page.margins,
                number_from: page.number_from,
                landscape: true,
            },
            upper: org.cap_tren.as_deref().map(format::upper),
            issuer: format::upper(&org.organisation().issuer()),
            place_date: format::date_line(&org.dia_danh, self.den_ngay),
            period: period.clone(),
            rows,
            summary: book.summary(),
        };
        Ok(Prepared {
            view,
            doc_number: format!(
                "so-van-ban-di-{}-{}",
                self.tu_ngay.format("%Y%m%d"),
                self.den_ngay.format("%Y%m%d")
            ),
            title: format!("Sổ đăng ký văn bản đi, {}", period.to_lowercase()),
            date: self.den_ngay,
        })
    }
}

/// The columns of the workbook, with their widths in characters.
const COLUMNS: [(&str, f64); 11] = [
    ("Số", 6.0),
    ("Loại", 7.0),
    ("Số, ký hiệu", 14.0),
    ("Ngày văn bản", 13.0),
    ("Trích yếu nội dung", 50.0),
    ("Người ký", 22.0),
    ("Nơi nhận", 40.0),
    ("Đã hủy", 8.0),
    ("Ngày hủy", 12.0),
    ("Lý do hủy", 30.0),
    ("Nhiệm kỳ từ ngày", 14.0),
];

/// The register's rows as an Excel workbook (one sheet, "Sổ văn bản đi"):
/// numbers and dates as Excel numbers and dates, so the office can sort and
/// filter them. Same checks as the printed book; same case, same bytes.
pub fn to_xlsx(case: &Case) -> Result<Vec<u8>> {
    let book = case.check().map_err(Error::Invalid)?;
    let term_start = |d: NaiveDate| {
        case.dau_nhiem_ky
            .iter()
            .filter(|s| **s <= d)
            .max()
            .map_or(Cell::Empty, |s| Cell::Date(*s))
    };
    let rows = book
        .rows
        .iter()
        .map(|r| {
            let huy = r.doc.huy.as_ref();
            vec![
                Cell::Number(f64::from(r.doc.so)),
                Cell::Text(r.doc.loai.code().to_string()),
                Cell::Text(r.symbol.clone()),
                Cell::Date(r.doc.ngay),
                Cell::Text(r.doc.trich_yeu.clone()),
                Cell::Text(r.doc.nguoi_ky.clone()),
                Cell::Text(recipients(r.doc)),
                Cell::Text(if huy.is_some() { "Có" } else { "" }.to_string()),
                huy.map_or(Cell::Empty, |h| Cell::Date(h.ngay)),
                huy.map_or(Cell::Empty, |h| Cell::Text(h.ly_do.trim().to_string())),
                term_start(r.doc.ngay),
            ]
        })
        .collect();
    let sheet = Sheet {
        name: "Sổ văn bản đi".to_string(),
        columns: COLUMNS
            .iter()
            .map(|(title, width)| (title.to_string(), *width))
            .collect(),
        rows,
    };
    crate::xlsx::workbook(&sheet, &book.case.to_chuc.ten)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(so: u32, loai: DocKind, ngay: &str) -> VanBanDi {
        VanBanDi {
            so,
            loai,
            ngay: ngay.parse().unwrap(),
            trich_yeu: "Về việc thử".to_string(),
            nguoi_ky: "Nguyễn Văn An".to_string(),
            noi_nhan: vec!["Đảng ủy phường Vân Lam".to_string()],
            huy: None,
        }
    }

    fn case(rows: Vec<VanBanDi>, terms: &[&str]) -> Case {
        let example = include_str!("../../../forms/so-van-ban-di/example.json");
        let mut case: Case = serde_json::from_str(example).unwrap();
        case.van_ban = rows;
        case.dau_nhiem_ky = terms.iter().map(|d| d.parse().unwrap()).collect();
        case
    }

    fn fields(c: &Case) -> Vec<String> {
        match c.check() {
            Ok(_) => vec![],
            Err(problems) => problems.into_iter().map(|p| p.field).collect(),
        }
    }

    /// One line of the table: what, rows, term starts, fields refused.
    type Line = (
        &'static str,
        Vec<VanBanDi>,
        &'static [&'static str],
        &'static [&'static str],
    );

    /// Which rows are refused, and on which field.
    #[test]
    fn numbers_are_unique_per_kind_and_term() {
        use DocKind::*;
        let table: [Line; 6] = [
            (
                "two kinds may share a number",
                vec![
                    row(1, NghiQuyet, "2026-01-05"),
                    row(1, BaoCao, "2026-01-06"),
                ],
                &[],
                &[],
            ),
            (
                "the same kind may not",
                vec![
                    row(1, NghiQuyet, "2026-01-05"),
                    row(1, NghiQuyet, "2026-01-06"),
                ],
                &[],
                &["van_ban[1].so"],
            ),
            (
                "a new term restarts the numbers",
                vec![
                    row(7, NghiQuyet, "2026-01-05"),
                    row(1, NghiQuyet, "2026-02-02"),
                    row(7, NghiQuyet, "2026-02-03"),
                ],
                &["2026-02-01"],
                &[],
            ),
            (
                "a third use is named once per later row",
                vec![
                    row(2, QuyetDinh, "2026-01-05"),
                    row(2, QuyetDinh, "2026-01-06"),
                    row(2, QuyetDinh, "2026-01-07"),
                ],
                &[],
                &["van_ban[1].so", "van_ban[2].so"],
            ),
            (
                "dates outside the period and number zero",
                vec![
                    row(0, NghiQuyet, "2025-12-31"),
                    row(3, BaoCao, "2026-04-01"),
                ],
                &[],
                &["van_ban[0].so", "van_ban[0].ngay", "van_ban[1].ngay"],
            ),
            (
                "a term start must fall inside the period",
                vec![],
                &["2026-01-01", "2026-04-01"],
                &["dau_nhiem_ky[0]", "dau_nhiem_ky[1]"],
            ),
        ];
        for (what, rows, terms, expected) in table {
            assert_eq!(fields(&case(rows, terms)), expected, "{what}");
        }
    }

    #[test]
    fn voiding_needs_a_reason_and_a_date_after_issue() {
        let mut r = row(4, DocKind::ThongBao, "2026-02-10");
        r.huy = Some(Huy {
            ngay: "2026-02-09".parse().unwrap(),
            ly_do: " ".to_string(),
        });
        assert_eq!(
            fields(&case(vec![r], &[])),
            ["van_ban[0].huy.ngay", "van_ban[0].huy.ly_do"]
        );
    }

    #[test]
    fn rows_print_by_date_keeping_issue_order_within_a_day() {
        let c = case(
            vec![
                row(2, DocKind::BaoCao, "2026-03-01"),
                row(5, DocKind::NghiQuyet, "2026-01-10"),
                row(1, DocKind::BaoCao, "2026-01-10"),
            ],
            &[],
        );
        let book = c.check().unwrap();
        let symbols: Vec<&str> = book.rows.iter().map(|r| r.symbol.as_str()).collect();
        assert_eq!(symbols, ["05-NQ/CB", "01-BC/CB", "02-BC/CB"]);
        assert_eq!(
            book.summary(),
            "Tổng số: 3 văn bản (Nghị quyết: 1; Báo cáo: 2); đã hủy: 0 văn bản."
        );
    }
}
