//! Rosters as offices keep them, written by the tests: CSV and a minimal
//! XLSX, from members or from rows of cells.

use std::io::Write;

use dangvu::roster::{self, Member};

/// The roster's header row, as the mapping in `dangvu::roster` reads it.
pub const HEADER: [&str; 10] = [
    "Họ và tên",
    "Ngày sinh",
    "Giới tính",
    "Ngày vào Đảng",
    "Ngày chính thức",
    "Trình độ học vấn",
    "Chuyên môn nghiệp vụ",
    "Lý luận chính trị",
    "Nghề nghiệp",
    "Miễn sinh hoạt",
];

fn label<C: roster::Category>(c: C) -> &'static str {
    c.label()
}

pub fn row(m: &Member) -> Vec<String> {
    let date = |d: chrono::NaiveDate| d.format("%d/%m/%Y").to_string();
    vec![
        m.ho_ten.clone().unwrap_or_default(),
        date(m.ngay_sinh),
        label(m.gioi_tinh).into(),
        m.ngay_vao_dang.map(date).unwrap_or_default(),
        m.ngay_chinh_thuc.map(date).unwrap_or_default(),
        label(m.hoc_van).into(),
        label(m.chuyen_mon).into(),
        label(m.ly_luan_chinh_tri).into(),
        label(m.nghe_nghiep).into(),
        if m.mien_sinh_hoat {
            "x".into()
        } else {
            String::new()
        },
    ]
}

pub fn to_csv(members: &[Member]) -> Vec<u8> {
    to_csv_separated(members, b',')
}

/// A CSV separated by `separator`: `;` is what Excel writes as "CSV" on a
/// Windows whose decimal mark is a comma (Vietnamese).
pub fn to_csv_separated(members: &[Member], separator: u8) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new()
        .delimiter(separator)
        .from_writer(b"\xEF\xBB\xBF".to_vec());
    w.write_record(HEADER).unwrap();
    for m in members {
        w.write_record(row(m)).unwrap();
    }
    w.into_inner().unwrap()
}

/// A minimal XLSX (inline strings; birth dates as Excel serial numbers).
pub fn to_xlsx(rows: &[Vec<String>]) -> Vec<u8> {
    fn esc(s: &str) -> String {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    }
    let mut sheet = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
    );
    for (r, cells) in rows.iter().enumerate() {
        sheet.push_str(&format!(r#"<row r="{}">"#, r + 1));
        for (c, v) in cells.iter().enumerate() {
            let at = format!("{}{}", (b'A' + c as u8) as char, r + 1);
            if v.is_empty() {
                continue;
            }
            if let Ok(n) = v.parse::<f64>() {
                sheet.push_str(&format!(r#"<c r="{at}"><v>{n}</v></c>"#));
            } else {
                sheet.push_str(&format!(
                    r#"<c r="{at}" t="inlineStr"><is><t>{}</t></is></c>"#,
                    esc(v)
                ));
            }
        }
        sheet.push_str("</row>");
    }
    sheet.push_str("</sheetData></worksheet>");
    let parts = [
        ("[Content_Types].xml", r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#.to_string()),
        ("_rels/.rels", r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.to_string()),
        ("xl/workbook.xml", r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Danh sách" sheetId="1" r:id="rId1"/></sheets></workbook>"#.to_string()),
        ("xl/_rels/workbook.xml.rels", r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#.to_string()),
        ("xl/worksheets/sheet1.xml", sheet),
    ];
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, text) in parts {
        zip.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

pub fn xlsx_rows(members: &[Member]) -> Vec<Vec<String>> {
    let serial = |d: chrono::NaiveDate| {
        (d - chrono::NaiveDate::from_ymd_opt(1899, 12, 30).unwrap())
            .num_days()
            .to_string()
    };
    let mut rows = vec![HEADER.iter().map(|s| s.to_string()).collect()];
    for m in members {
        let mut r = row(m);
        r[1] = serial(m.ngay_sinh);
        rows.push(r);
    }
    rows
}
