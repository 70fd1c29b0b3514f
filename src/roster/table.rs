//! Rosters in tables: CSV and XLSX, read into [`Member`] rows with every bad
//! cell located (sheet, row, column) and explained in Vietnamese.

use std::fmt;
use std::path::Path;

use chrono::NaiveDate;

use super::{COLUMNS, Category, ChuyenMon, GioiTinh, HocVan, LyLuan, Member, NgheNghiep, REQUIRED};
use crate::rules::format;
use crate::slug::slug;

/// A cell as read from the file.
#[derive(Debug, Clone)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Date(NaiveDate),
}

/// Where a roster is wrong and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    /// The file name (CSV) or the sheet name (XLSX).
    pub sheet: String,
    /// 1-based row number as the spreadsheet shows it (the header is row 1).
    pub row: usize,
    /// The cell's column; none for a whole row or file.
    pub column: Option<Column>,
    pub reason: String,
}

/// A column of a roster table, as the spreadsheet names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// "A", "B", … "AA".
    pub letter: String,
    /// The header text of the column, when it has one we read.
    pub header: Option<String>,
}

impl fmt::Display for Column {
    /// "C (Giới tính)", or "C" without a header.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.header {
            Some(h) => write!(f, "{} ({h})", self.letter),
            None => write!(f, "{}", self.letter),
        }
    }
}

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.column {
            None => write!(f, "{}, dòng {}: {}", self.sheet, self.row, self.reason),
            Some(column) => write!(
                f,
                "{}, dòng {}, cột {column}: {}",
                self.sheet, self.row, self.reason
            ),
        }
    }
}

/// The members read and the rows refused.
#[derive(Debug, Clone, Default)]
pub struct Parsed {
    pub members: Vec<Member>,
    pub errors: Vec<RowError>,
}

/// Reads a CSV or XLSX roster by its extension. Errors that make the whole
/// file unreadable (missing file, no header, missing columns) are `Err`.
pub fn read_path(path: &Path) -> Result<Parsed, RowError> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let bytes = std::fs::read(path).map_err(|e| RowError {
        sheet: name.clone(),
        row: 0,
        column: None,
        reason: format!("không đọc được tệp: {e}"),
    })?;
    read_bytes(&name, &bytes)
}

/// Reads a CSV or XLSX roster held in memory (an upload), by the extension
/// of its file name.
pub fn read_bytes(name: &str, bytes: &[u8]) -> Result<Parsed, RowError> {
    let extension = Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match extension.as_deref() {
        Some("csv") => read_csv(bytes, name),
        Some("xlsx") => read_xlsx(bytes),
        _ => Err(RowError {
            sheet: name.to_string(),
            row: 0,
            column: None,
            reason: "chỉ đọc được danh sách dạng .csv hoặc .xlsx".to_string(),
        }),
    }
}

/// Reads a UTF-8 CSV (a byte-order mark is allowed). `name` names it in errors.
pub fn read_csv(bytes: &[u8], name: &str) -> Result<Parsed, RowError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut rows = Vec::new();
    for (i, rec) in reader.byte_records().enumerate() {
        let rec = rec.map_err(|e| RowError {
            sheet: name.to_string(),
            row: i + 1,
            column: None,
            reason: format!("không đọc được dòng CSV: {e}"),
        })?;
        let mut cells = Vec::new();
        for field in rec.iter() {
            match std::str::from_utf8(field) {
                Ok(s) if s.trim().is_empty() => cells.push(Cell::Empty),
                Ok(s) => cells.push(Cell::Text(s.to_string())),
                Err(_) => {
                    return Err(RowError {
                        sheet: name.to_string(),
                        row: i + 1,
                        column: Some(column_name(cells.len(), None)),
                        reason: "tệp không phải UTF-8: hãy lưu lại dạng \"CSV UTF-8\"".into(),
                    });
                }
            }
        }
        rows.push(cells);
    }
    parse_rows(name, &rows, 0)
}

/// Reads the first sheet of an XLSX workbook.
pub fn read_xlsx(bytes: &[u8]) -> Result<Parsed, RowError> {
    use calamine::{Data, Reader, Xlsx};
    let fail = |reason: String| RowError {
        sheet: "(XLSX)".into(),
        row: 0,
        column: None,
        reason,
    };
    let mut book = Xlsx::new(std::io::Cursor::new(bytes))
        .map_err(|e| fail(format!("không mở được tệp XLSX: {e}")))?;
    let sheet = book
        .sheet_names()
        .first()
        .cloned()
        .ok_or_else(|| fail("tệp XLSX không có trang tính nào".into()))?;
    let range = book
        .worksheet_range(&sheet)
        .map_err(|e| fail(format!("không đọc được trang tính {sheet}: {e}")))?;
    let (row0, col0) = range.start().unwrap_or((0, 0));
    let mut rows = Vec::new();
    for _ in 0..row0 {
        rows.push(Vec::new());
    }
    for r in range.rows() {
        let mut cells = vec![Cell::Empty; col0 as usize];
        for c in r {
            cells.push(match c {
                Data::Empty => Cell::Empty,
                Data::String(s) | Data::DateTimeIso(s) if s.trim().is_empty() => Cell::Empty,
                Data::String(s) | Data::DateTimeIso(s) => Cell::Text(s.clone()),
                Data::Int(n) => Cell::Number(*n as f64),
                Data::Float(f) => Cell::Number(*f),
                Data::Bool(b) => Cell::Text(if *b { "1" } else { "0" }.into()),
                Data::DateTime(d) => match d.as_datetime() {
                    Some(dt) => Cell::Date(dt.date()),
                    None => Cell::Text(d.to_string()),
                },
                Data::DurationIso(s) => Cell::Text(s.clone()),
                Data::Error(e) => Cell::Text(format!("#{e:?}")),
            });
        }
        rows.push(cells);
    }
    parse_rows(&sheet, &rows, 0)
}

/// "A", "B", … "AA" with the header text.
fn column_name(index: usize, header: Option<&str>) -> Column {
    let mut n = index + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        letters.push(b'A' + r as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    Column {
        letter: String::from_utf8(letters).unwrap_or_default(),
        header: header.map(str::to_string),
    }
}

fn parse_rows(sheet: &str, rows: &[Vec<Cell>], _skip: usize) -> Result<Parsed, RowError> {
    let (header_at, fields) = header(sheet, rows)?;
    let mut out = Parsed::default();
    for (i, row) in rows.iter().enumerate().skip(header_at + 1) {
        if row.iter().all(|c| matches!(c, Cell::Empty)) {
            continue;
        }
        let mut reader = RowReader {
            sheet,
            line: i + 1,
            row,
            fields: &fields,
            errors: Vec::new(),
        };
        let member = reader.member();
        if reader.errors.is_empty() {
            out.members.extend(member);
        } else {
            out.errors.extend(reader.errors);
        }
    }
    Ok(out)
}

/// For each header cell, the field it holds and its header text.
type Fields = Vec<Option<(&'static str, String)>>;

fn row_error(sheet: &str, row: usize, column: Option<Column>, reason: String) -> RowError {
    RowError {
        sheet: sheet.to_string(),
        row,
        column,
        reason,
    }
}

/// The header (the first non-empty row): its index and its columns' fields;
/// an error when a required column is missing.
fn header(sheet: &str, rows: &[Vec<Cell>]) -> Result<(usize, Fields), RowError> {
    let Some(header_at) = rows
        .iter()
        .position(|r| r.iter().any(|c| !matches!(c, Cell::Empty)))
    else {
        return Err(row_error(
            sheet,
            1,
            None,
            "danh sách trống: không có dòng tiêu đề".into(),
        ));
    };
    let mut fields: Fields = Vec::new();
    for cell in &rows[header_at] {
        let text = match cell {
            Cell::Text(t) => format::nfc(t.trim()),
            _ => String::new(),
        };
        let s = slug(&text);
        let field = COLUMNS
            .iter()
            .find(|(h, id)| slug(h) == s || *id == text || slug(id) == s)
            .map(|(_, id)| (*id, text.clone()));
        fields.push(field);
    }
    let missing: Vec<&str> = REQUIRED
        .iter()
        .filter(|id| !fields.iter().flatten().any(|(f, _)| f == *id))
        .map(|id| {
            COLUMNS
                .iter()
                .find(|(_, f)| f == id)
                .map(|(h, _)| *h)
                .unwrap_or(id)
        })
        .collect();
    if missing.is_empty() {
        return Ok((header_at, fields));
    }
    Err(row_error(
        sheet,
        header_at + 1,
        None,
        format!(
            "dòng tiêu đề thiếu cột: {} (các cột đọc được: {})",
            missing.join(", "),
            COLUMNS
                .iter()
                .map(|(h, _)| *h)
                .collect::<Vec<_>>()
                .join(", ")
        ),
    ))
}

/// A cell and its column.
type Located<'a> = (&'a Cell, Option<Column>);

/// One data row being read: its cells by field, and its errors so far.
struct RowReader<'a> {
    sheet: &'a str,
    /// 1-based, as the spreadsheet shows it.
    line: usize,
    row: &'a [Cell],
    fields: &'a Fields,
    errors: Vec<RowError>,
}

impl<'a> RowReader<'a> {
    fn error(&mut self, column: Option<Column>, reason: String) {
        self.errors
            .push(row_error(self.sheet, self.line, column, reason));
    }

    /// The field's cell (none when empty) and its column (none when the
    /// table has no such column).
    fn get(&self, id: &str) -> (Option<&'a Cell>, Option<Column>) {
        let k = self
            .fields
            .iter()
            .position(|f| f.as_ref().is_some_and(|(f, _)| *f == id));
        match k {
            Some(k) => (
                self.row.get(k).filter(|c| !matches!(c, Cell::Empty)),
                Some(column_name(
                    k,
                    self.fields[k].as_ref().map(|(_, h)| h.as_str()),
                )),
            ),
            None => (None, None),
        }
    }

    fn optional(&self, id: &str) -> Option<Located<'a>> {
        let (cell, col) = self.get(id);
        cell.map(|c| (c, col))
    }

    fn required(&mut self, id: &str) -> Option<Located<'a>> {
        let (cell, col) = self.get(id);
        if cell.is_none() {
            self.error(col.clone(), "ô trống: cột này bắt buộc".into());
        }
        cell.map(|c| (c, col))
    }

    fn date(&mut self, cell: Option<Located<'a>>) -> Option<NaiveDate> {
        let (c, col) = cell?;
        cell_date(c).map_err(|reason| self.error(col, reason)).ok()
    }

    /// A category's value, from its id or its label.
    fn category<C: Category>(&mut self, cell: Option<Located<'a>>) -> Option<C> {
        let (c, col) = cell?;
        let text = cell_text(c);
        let value = C::parse(&text);
        if value.is_none() {
            self.error(
                col,
                format!(
                    "giá trị \"{}\" không thuộc danh mục ({})",
                    text.trim(),
                    C::labels()
                ),
            );
        }
        value
    }

    /// The exemption mark: x (exempt) or empty.
    fn exempt(&mut self) -> Option<bool> {
        let Some((c, col)) = self.optional("mien_sinh_hoat") else {
            return Some(false);
        };
        match slug(&cell_text(c)).as_str() {
            "x" | "co" | "1" | "mien" | "true" => Some(true),
            "khong" | "0" | "false" => Some(false),
            _ => {
                self.error(
                    col,
                    format!(
                        "giá trị \"{}\" không hiểu được: ghi x (được miễn) hoặc để trống",
                        cell_text(c)
                    ),
                );
                None
            }
        }
    }

    /// The row's member; none when a cell is wrong (see `errors`).
    fn member(&mut self) -> Option<Member> {
        let birth = self.required("ngay_sinh");
        let gender = self.required("gioi_tinh");
        let edu = self.required("hoc_van");
        let qual = self.required("chuyen_mon");
        let theory = self.required("ly_luan_chinh_tri");
        let job = self.required("nghe_nghiep");
        let ngay_sinh = self.date(birth);
        let ngay_vao_dang = self.date(self.optional("ngay_vao_dang"));
        let ngay_chinh_thuc = self.date(self.optional("ngay_chinh_thuc"));
        let gioi_tinh = self.category::<GioiTinh>(gender);
        let hoc_van = self.category::<HocVan>(edu);
        let chuyen_mon = self.category::<ChuyenMon>(qual);
        let ly_luan_chinh_tri = self.category::<LyLuan>(theory);
        let nghe_nghiep = self.category::<NgheNghiep>(job);
        let mien_sinh_hoat = self.exempt();
        let ho_ten = self
            .optional("ho_ten")
            .map(|(c, _)| format::nfc(cell_text(c).trim()));
        if let (Some(d), Some(b)) = (ngay_chinh_thuc, ngay_vao_dang)
            && d < b
        {
            let (_, col) = self.get("ngay_chinh_thuc");
            self.error(col, "ngày chính thức trước ngày vào Đảng".into());
        }
        Some(Member {
            ho_ten,
            ngay_sinh: ngay_sinh?,
            gioi_tinh: gioi_tinh?,
            ngay_vao_dang,
            ngay_chinh_thuc,
            hoc_van: hoc_van?,
            chuyen_mon: chuyen_mon?,
            ly_luan_chinh_tri: ly_luan_chinh_tri?,
            nghe_nghiep: nghe_nghiep?,
            mien_sinh_hoat: mien_sinh_hoat?,
        })
    }
}

fn cell_text(c: &Cell) -> String {
    match c {
        Cell::Empty => String::new(),
        Cell::Text(t) => t.clone(),
        Cell::Number(n) if n.fract() == 0.0 => format!("{}", *n as i64),
        Cell::Number(n) => n.to_string(),
        Cell::Date(d) => format::date_inline(*d),
    }
}

/// A date written as text in any roster format: ISO `yyyy-mm-dd`, or
/// `dd/mm/yyyy` (also with `-` or `.`), as Vietnamese offices write dates.
pub(super) fn parse_date(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"]
        .into_iter()
        .find_map(|f| NaiveDate::parse_from_str(t, f).ok())
}

/// A date cell: an Excel date, `dd/mm/yyyy` (also with `-` or `.`) or ISO
/// `yyyy-mm-dd`.
fn cell_date(c: &Cell) -> Result<NaiveDate, String> {
    match c {
        Cell::Date(d) => Ok(*d),
        Cell::Number(n) => {
            // An Excel serial day number without a date format.
            let base = NaiveDate::from_ymd_opt(1899, 12, 30).unwrap_or_default();
            if *n >= 1.0 && *n < 2_958_466.0 {
                base.checked_add_days(chrono::Days::new(*n as u64))
                    .ok_or_else(|| "ngày không hợp lệ".to_string())
            } else {
                Err(format!("\"{n}\" không phải là ngày"))
            }
        }
        Cell::Text(t) => {
            let t = t.trim();
            parse_date(t).ok_or_else(|| {
                format!("\"{t}\" không phải là ngày hợp lệ (ghi dạng dd/mm/yyyy, ví dụ 05/01/1980)")
            })
        }
        Cell::Empty => Err("ô trống".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CSV: &str = "STT,Họ và tên,Ngày sinh,Giới tính,Ngày vào Đảng,Ngày chính thức,Trình độ học vấn,Chuyên môn nghiệp vụ,Lý luận chính trị,Nghề nghiệp,Miễn sinh hoạt\n\
1,Nguyễn Văn An,14/03/1968,Nam,20/06/1994,20/06/1995,Trung học phổ thông,Đại học,Trung cấp,Hưu trí,\n\
2,Trần Thị Bình,1990-09-02,nữ,,,THCS,Sơ cấp,Sơ cấp,Lao động tự do,x\n";

    #[test]
    fn csv_with_and_without_bom() {
        let a = read_csv(CSV.as_bytes(), "ds.csv").unwrap();
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(CSV.as_bytes());
        let b = read_csv(&bom, "ds.csv").unwrap();
        assert!(a.errors.is_empty(), "{:?}", a.errors);
        assert_eq!(a.members, b.members);
        assert_eq!(a.members.len(), 2);
        assert_eq!(a.members[1].gioi_tinh, GioiTinh::Female);
        assert_eq!(a.members[1].hoc_van, HocVan::Thcs);
        assert!(a.members[1].mien_sinh_hoat);
        assert_eq!(a.members[1].ngay_chinh_thuc, None);
    }

    #[test]
    fn bad_cells_are_located() {
        let bad = CSV
            .replace("14/03/1968", "31/02/1968")
            .replace("Lao động tự do", "Phi hành gia");
        let p = read_csv(bad.as_bytes(), "ds.csv").unwrap();
        assert_eq!(p.members.len(), 0);
        assert_eq!(p.errors.len(), 2, "{:?}", p.errors);
        assert_eq!(p.errors[0].row, 2);
        assert_eq!(
            p.errors[0].column.as_ref().unwrap().to_string(),
            "C (Ngày sinh)"
        );
        assert_eq!(p.errors[1].row, 3);
        let j = p.errors[1].column.as_ref().unwrap();
        assert_eq!(
            (j.letter.as_str(), j.header.as_deref()),
            ("J", Some("Nghề nghiệp"))
        );
        assert!(p.errors[1].reason.contains("Phi hành gia"));
    }

    #[test]
    fn json_rosters_take_the_dates_csv_takes() {
        let csv = read_csv(CSV.as_bytes(), "ds.csv").unwrap().members;
        let json = r#"[
            {"ho_ten": "Nguyễn Văn An", "ngay_sinh": "14/03/1968", "gioi_tinh": "nam",
             "ngay_vao_dang": "20-06-1994", "ngay_chinh_thuc": "20.06.1995", "hoc_van": "thpt",
             "chuyen_mon": "dai-hoc", "ly_luan_chinh_tri": "trung-cap", "nghe_nghiep": "huu-tri"},
            {"ho_ten": "Trần Thị Bình", "ngay_sinh": "1990-09-02", "gioi_tinh": "nu",
             "ngay_chinh_thuc": null, "hoc_van": "thcs", "chuyen_mon": "so-cap",
             "ly_luan_chinh_tri": "so-cap", "nghe_nghiep": "lao-dong-tu-do", "mien_sinh_hoat": true}
        ]"#;
        let decoded: Vec<Member> = crate::case::input::decode(json.as_bytes(), &|_| true).unwrap();
        assert_eq!(decoded, csv);
        // Written back in one form.
        let back = serde_json::to_value(&decoded[0]).unwrap();
        assert_eq!(back["ngay_sinh"], "1968-03-14");

        let bad = json.replace("14/03/1968", "31/02/1968");
        let err = crate::case::input::decode::<Vec<Member>>(bad.as_bytes(), &|_| true).unwrap_err();
        let crate::Error::Invalid(p) = err else {
            panic!("{err}")
        };
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].field, "[0].ngay_sinh");
        assert_eq!(
            p[0].message,
            "ngày \"31/02/1968\" không hợp lệ, cần dạng dd/mm/yyyy hoặc yyyy-mm-dd (ví dụ 23/03/1992)"
        );
    }

    #[test]
    fn missing_columns_are_refused() {
        let e = read_csv("Họ và tên,Ngày sinh\nA,01/01/1970\n".as_bytes(), "x.csv").unwrap_err();
        assert_eq!(e.row, 1);
        assert!(e.reason.contains("Giới tính"), "{}", e.reason);
    }
}
