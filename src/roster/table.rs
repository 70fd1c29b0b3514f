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

/// Why a roster file cannot be read at all: said of the whole file, never
/// of a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileProblem {
    NotFound,
    Denied,
    Directory,
    /// Another failure of the system, with its error number when it has one.
    Unreadable(Option<i32>),
    /// Neither `.csv` nor `.xlsx`.
    Extension,
    /// Named `.xlsx` but not a workbook (a CSV or an old `.xls` renamed).
    NotXlsx,
    NoSheet,
    /// The first sheet, by name, cannot be read.
    BadSheet(String),
}

impl fmt::Display for FileProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotFound => write!(f, "không tìm thấy tệp; kiểm tra lại tên tệp và thư mục"),
            Self::Denied => write!(f, "không có quyền đọc tệp"),
            Self::Directory => write!(f, "đây là một thư mục, cần tên một tệp"),
            Self::Unreadable(Some(code)) => {
                write!(f, "không đọc được tệp (lỗi hệ thống {code})")
            }
            Self::Unreadable(None) => write!(f, "không đọc được tệp"),
            Self::Extension => write!(f, "chỉ đọc được danh sách dạng .csv hoặc .xlsx"),
            Self::NotXlsx => write!(
                f,
                "tệp không phải Excel (.xlsx) hợp lệ: hãy mở tệp bằng Excel rồi lưu lại dạng \
                 \"Excel Workbook (.xlsx)\", hoặc đổi đuôi tệp nếu đó là tệp .csv"
            ),
            Self::NoSheet => write!(f, "tệp Excel không có trang tính nào"),
            Self::BadSheet(sheet) => write!(
                f,
                "không đọc được trang tính \"{sheet}\": hãy mở tệp bằng Excel rồi lưu lại"
            ),
        }
    }
}

impl FileProblem {
    fn of_io(e: &std::io::Error) -> Self {
        use std::io::ErrorKind;
        match e.kind() {
            ErrorKind::NotFound => Self::NotFound,
            ErrorKind::PermissionDenied => Self::Denied,
            ErrorKind::IsADirectory => Self::Directory,
            _ => Self::Unreadable(e.raw_os_error()),
        }
    }
}

/// Why a roster was not read: the whole file, or a located row (the header,
/// or a CSV line that breaks the file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    File { file: String, problem: FileProblem },
    Row(RowError),
}

impl fmt::Display for ReadError {
    /// "ds.xlsx: không tìm thấy tệp…", or the row's message.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::File { file, problem } => write!(f, "{file}: {problem}"),
            Self::Row(e) => e.fmt(f),
        }
    }
}

impl From<RowError> for ReadError {
    fn from(e: RowError) -> Self {
        Self::Row(e)
    }
}

fn file_error(file: &str, problem: FileProblem) -> ReadError {
    ReadError::File {
        file: file.to_string(),
        problem,
    }
}

/// Reads a CSV or XLSX roster by its extension. Errors that make the whole
/// file unreadable (missing file, no header, missing columns) are `Err`.
pub fn read_path(path: &Path) -> Result<Parsed, ReadError> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    let bytes = std::fs::read(path).map_err(|e| file_error(&name, FileProblem::of_io(&e)))?;
    read_bytes(&name, &bytes)
}

/// Reads a CSV or XLSX roster held in memory (an upload), by the extension
/// of its file name.
pub fn read_bytes(name: &str, bytes: &[u8]) -> Result<Parsed, ReadError> {
    let extension = Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match extension.as_deref() {
        Some("csv") => read_csv(bytes, name),
        Some("xlsx") => read_xlsx(bytes, name),
        _ => Err(file_error(name, FileProblem::Extension)),
    }
}

/// The separators a CSV may use: `,`; `;`, which Excel writes where the
/// decimal mark is a comma (a Vietnamese Windows); a tab.
const SEPARATORS: [u8; 3] = [b',', b';', b'\t'];

/// The separator of a CSV: the one its header line (the first line with
/// text) holds most of outside quotes; `,` when it holds none.
fn separator(bytes: &[u8]) -> u8 {
    let mut counts = [0usize; SEPARATORS.len()];
    let (mut quoted, mut text) = (false, false);
    for &b in bytes {
        match b {
            b'"' => (quoted, text) = (!quoted, true),
            _ if quoted => {}
            b'\n' if text => break,
            b'\n' => counts = [0; SEPARATORS.len()],
            _ => match SEPARATORS.iter().position(|&s| s == b) {
                Some(k) => counts[k] += 1,
                None => text |= !b.is_ascii_whitespace(),
            },
        }
    }
    // The most frequent; on a tie, the earlier in SEPARATORS.
    let best = (0..SEPARATORS.len())
        .max_by_key(|&k| (counts[k], std::cmp::Reverse(k)))
        .unwrap_or(0);
    SEPARATORS[best]
}

/// Reads a UTF-8 CSV (a byte-order mark is allowed) separated by `,`, `;`
/// or tabs ([`separator`]). `name` names it in errors.
pub fn read_csv(bytes: &[u8], name: &str) -> Result<Parsed, ReadError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(separator(bytes))
        .from_reader(bytes);
    let mut rows = Vec::new();
    for (i, rec) in reader.byte_records().enumerate() {
        let rec = rec.map_err(|_| {
            row_error(
                name,
                i + 1,
                None,
                "không đọc được dòng này của tệp CSV".into(),
            )
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
                    }
                    .into());
                }
            }
        }
        rows.push(cells);
    }
    Ok(parse_rows(name, &rows, 0)?)
}

/// Reads the first sheet of an XLSX workbook; `name` (the file's) names it
/// in errors about the whole file.
pub fn read_xlsx(bytes: &[u8], name: &str) -> Result<Parsed, ReadError> {
    use calamine::{Data, Reader, Xlsx};
    let mut book = Xlsx::new(std::io::Cursor::new(bytes))
        .map_err(|_| file_error(name, FileProblem::NotXlsx))?;
    let sheet = book
        .sheet_names()
        .first()
        .cloned()
        .ok_or_else(|| file_error(name, FileProblem::NoSheet))?;
    let range = book
        .worksheet_range(&sheet)
        .map_err(|_| file_error(name, FileProblem::BadSheet(sheet.clone())))?;
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
    Ok(parse_rows(&sheet, &rows, 0)?)
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
    let mut read = Vec::new();
    for cell in &rows[header_at] {
        let text = match cell {
            Cell::Text(t) => format::nfc(t.trim()),
            Cell::Number(_) | Cell::Date(_) => cell_text(cell),
            Cell::Empty => String::new(),
        };
        if !text.is_empty() {
            read.push(text.clone());
        }
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
            read.join(", ")
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
        let ReadError::Row(e) = e else { panic!("{e}") };
        assert_eq!(e.row, 1);
        // What is missing, then what the header holds (not what it should).
        assert_eq!(
            e.to_string(),
            "x.csv, dòng 1: dòng tiêu đề thiếu cột: Giới tính, Trình độ học vấn, \
             Chuyên môn nghiệp vụ, Lý luận chính trị, Nghề nghiệp \
             (các cột đọc được: Họ và tên, Ngày sinh)"
        );
    }

    #[test]
    fn semicolons_and_tabs_separate_as_commas_do() {
        let commas = read_csv(CSV.as_bytes(), "ds.csv").unwrap();
        // As Excel writes "CSV" where the decimal mark is a comma: `;`
        // between cells, commas inside a quoted cell kept.
        let semicolons = CSV.replace(',', ";");
        let tabs = CSV.replace(',', "\t");
        for text in [semicolons.clone(), tabs] {
            let p = read_csv(text.as_bytes(), "ds.csv").unwrap();
            assert!(p.errors.is_empty(), "{:?}", p.errors);
            assert_eq!(p.members, commas.members);
        }
        let with_commas = semicolons.replace("Hưu trí", "\"Cán bộ, công chức, viên chức\"");
        let p = read_csv(with_commas.as_bytes(), "ds.csv").unwrap();
        assert!(p.errors.is_empty(), "{:?}", p.errors);
        assert_eq!(p.members[0].nghe_nghiep, NgheNghiep::CanBo);
        assert_eq!(p.members[1], commas.members[1]);
        // Outside quotes only: a quoted header cell holding `;` is one cell.
        let quoted = format!("\"STT; số\",{}", CSV.split_once(',').unwrap().1);
        let p = read_csv(quoted.as_bytes(), "ds.csv").unwrap();
        assert_eq!(p.members, commas.members);
        // The header is the first line with text, after blank lines.
        let blank_first = format!(";;;\n\n{}", CSV.replace(',', ";"));
        let p = read_csv(blank_first.as_bytes(), "ds.csv").unwrap();
        assert_eq!(p.members, commas.members);
        assert_eq!(separator(b"a;b,c;d\n"), b';');
        assert_eq!(separator(b"one column\n"), b',');
    }

    #[test]
    fn whole_file_problems_name_the_file_and_no_row() {
        let dir = tempfile::tempdir().unwrap();
        let missing = read_path(&dir.path().join("missing.xlsx")).unwrap_err();
        assert_eq!(
            missing.to_string(),
            "missing.xlsx: không tìm thấy tệp; kiểm tra lại tên tệp và thư mục"
        );
        let renamed = read_bytes("ds.xlsx", CSV.as_bytes()).unwrap_err();
        assert_eq!(
            renamed,
            ReadError::File {
                file: "ds.xlsx".into(),
                problem: FileProblem::NotXlsx
            }
        );
        assert!(
            renamed
                .to_string()
                .starts_with("ds.xlsx: tệp không phải Excel (.xlsx) hợp lệ"),
            "{renamed}"
        );
        let other = read_bytes("ds.ods", b"").unwrap_err();
        assert_eq!(
            other.to_string(),
            "ds.ods: chỉ đọc được danh sách dạng .csv hoặc .xlsx"
        );
        for e in [missing, renamed, other] {
            assert!(!e.to_string().contains("dòng"), "{e}");
        }
    }
}
