//! The first form end to end: `nghi-quyet-dua-vao-dien-giup-do` rendered to PDF
//! and DOCX from the example case, read back with real tools.

mod common;

use common::merge;
use common::*;
use dangvu::{Error, Format};

const FORM: &str = "nghi-quyet-dua-vao-dien-giup-do";

#[test]
fn pdf_holds_every_name_count_date_and_the_outcome() {
    let case = example(FORM);
    let pdf = render(FORM, &case, Format::Pdf).unwrap();
    let text = pdf_text(&pdf);
    let flat = squeeze(&text);
    for needle in [
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "ĐẢNG BỘ PHƯỜNG VÂN LAM",
        "CHI BỘ TỔ DÂN PHỐ SỐ 5",
        "Số 03-NQ/CB",
        "Vân Lam, ngày 05 tháng 01 năm 2026",
        "NGHỊ QUYẾT",
        "-----",
        "Lê Văn Hùng",
        "Phạm Thị Thu Hà",
        "Nguyễn Văn An",
        "Trần Thị Bích Ngọc",
        "Nguyễn Văn Tâm",
        "Nhà văn hóa Tổ dân phố số 5",
        "ngày 05/01/2026",
        "sinh ngày 14/03/1968",
        // 17 of 23 convened (Hanoi profile: more than half of those convened);
        // 9 of 23 falls short.
        "73,91%",
        "39,13%",
        "Đưa vào danh sách",
        "Không đưa vào",
        "CHI BỘ TỔ DÂN PHỐ SỐ 5 QUYẾT NGHỊ:",
        "Đảng ủy phường Vân Lam",
        "T/M CHI BỘ",
        "BÍ THƯ",
        "Nơi nhận:",
        "- Lưu Chi bộ.",
    ] {
        assert!(
            flat.contains(&squeeze(needle)),
            "PDF lacks {needle:?}\n{text}"
        );
    }
    // Counts: convened, present, the yes/no/invalid of each member.
    for needle in [
        "triệu tập: 23",
        "có mặt: 21",
        "vắng mặt: 2",
        "ít nhất 12 phiếu",
    ] {
        assert!(flat.contains(&squeeze(needle)), "PDF lacks {needle:?}");
    }
    let fonts = pdf_fonts(&pdf);
    assert!(!fonts.is_empty());
    assert!(
        fonts.iter().all(|(_, embedded)| *embedded),
        "fonts not all embedded: {fonts:?}"
    );
    assert!(
        fonts.iter().all(|(name, _)| name.contains("DangvuSerif")),
        "{fonts:?}"
    );
    // Nothing in a resolution is bold italic ("Nơi nhận:" is upright).
    assert!(
        !fonts.iter().any(|(name, _)| name.contains("BoldItalic")),
        "{fonts:?}"
    );
}

#[test]
fn docx_keeps_the_layout() {
    let docx = render(FORM, &example(FORM), Format::Docx).unwrap();
    let xml = docx_part(&docx, "word/document.xml");
    // A4, margins 25/25/35/15 mm; the bottom one leading (3.5 pt, 70 twips)
    // lower: a DOCX line carries its leading below the text, which the PDF's
    // last line on a page needs no room for (src/docx/write.rs).
    assert!(xml.contains(r#"<w:pgSz w:w="11906" w:h="16838"/>"#));
    assert!(
        xml.contains(r#"w:top="1417" w:right="850" w:bottom="1347" w:left="1984""#),
        "{xml}"
    );
    // Page numbers from page 2: a first-page header of its own (empty).
    assert!(xml.contains("<w:titlePg/>"));
    assert!(docx_part(&docx, "word/header1.xml").contains(" PAGE "));
    // The header table has no borders, the results table has a repeated header row.
    assert!(xml.contains("<w:tblHeader/>"));
    assert!(
        xml.contains(r#"<w:jc w:val="both"/>"#) && xml.contains(r#"<w:ind w:firstLine="720"/>"#)
    );
    // The rule under ĐẢNG CỘNG SẢN VIỆT NAM.
    assert!(xml.contains(r#"<w:bottom w:val="single""#));
    // Bold 15 pt party name, underlined "Nơi nhận:".
    assert!(
        xml.contains(r#"<w:b/><w:bCs/><w:sz w:val="30"/>"#),
        "party name is bold 15 pt"
    );
    assert!(
        xml.contains(
            r#"<w:r><w:rPr><w:u w:val="single"/></w:rPr><w:t xml:space="preserve">Nơi nhận:</w:t></w:r>"#
        ),
        "Nơi nhận: is underlined, neither bold nor italic"
    );
    let styles = docx_part(&docx, "word/styles.xml");
    assert!(styles.contains(r#"w:ascii="Times New Roman""#));
    // "-----" stays five hyphens.
    assert!(docx_text(&docx).lines().any(|l| l == "-----"));
}

#[test]
fn bad_data_is_refused_naming_the_field() {
    let cases: Vec<(&str, serde_json::Value, &str)> = vec![
        (
            "present > convened",
            serde_json::json!({"cuoc_hop": {"so_luong": {"co_mat": 24}}}),
            "cuoc_hop.so_luong.co_mat",
        ),
        (
            "exempted > full",
            serde_json::json!({"cuoc_hop": {"so_luong": {"mien_sinh_hoat": 26}}}),
            "cuoc_hop.so_luong.mien_sinh_hoat",
        ),
        (
            "votes > cast",
            serde_json::json!({"dang_vien": [{"phieu": {"dong_y": 20, "khong_dong_y": 4}}]}),
            "dang_vien[0].phieu.dong_y",
        ),
        (
            "cast > present",
            serde_json::json!({"dang_vien": [{"phieu": {"phat_ra": 22}}]}),
            "dang_vien[0].phieu.phat_ra",
        ),
        (
            "probationary member",
            serde_json::json!({"dang_vien": [{"ngay_chinh_thuc": null}]}),
            "dang_vien[0].ngay_chinh_thuc",
        ),
        (
            "unknown field",
            serde_json::json!({"to_chuc": {"bi_thu": "x"}}),
            "to_chuc.bi_thu",
        ),
        (
            "bad date",
            serde_json::json!({"van_ban": {"ngay": "05/01/2026"}}),
            "van_ban.ngay",
        ),
        (
            "unknown profile",
            serde_json::json!({"quy_dinh": "hd99"}),
            "quy_dinh",
        ),
    ];
    for (what, patch, field) in cases {
        let mut case = example(FORM);
        merge(&mut case, &patch);
        match render(FORM, &case, Format::Pdf) {
            Err(Error::Invalid(problems)) => assert!(
                problems
                    .iter()
                    .any(|p| p.field == field && !p.message.is_empty()),
                "{what}: expected a problem on {field}, got {problems:?}"
            ),
            other => panic!("{what}: expected refusal, got {:?}", other.map(|b| b.len())),
        }
    }
}

#[test]
fn organisation_margins_reach_both_formats() {
    let mut case = example(FORM);
    case["to_chuc"]["le_trang"] =
        serde_json::json!({"tren": 20, "duoi": 20, "trai": 30, "phai": 20});
    let docx = render(FORM, &case, Format::Docx).unwrap();
    let xml = docx_part(&docx, "word/document.xml");
    assert!(
        xml.contains(r#"w:top="1134" w:right="1134" w:bottom="1064" w:left="1701""#),
        "{xml}"
    );
    // The PDF's text block moves left with the narrower margin: same words still.
    let pdf = render(FORM, &case, Format::Pdf).unwrap();
    assert_same_words(&pdf_text(&pdf), &docx_text(&docx));

    case["to_chuc"]["le_trang"]["trai"] = 10.into();
    match render(FORM, &case, Format::Pdf) {
        Err(Error::Invalid(p)) => assert!(
            p.iter().any(|p| p.field == "to_chuc.le_trang.trai"),
            "{p:?}"
        ),
        other => panic!("expected refusal, got {:?}", other.map(|b| b.len())),
    }
}

#[test]
fn secrecy_mark_is_printed_in_a_box_when_asked() {
    let mut case = example(FORM);
    let plain = render(FORM, &case, Format::Pdf).unwrap();
    assert!(!squeeze(&pdf_text(&plain)).contains("MẬT"));
    case["van_ban"]["mat"] = true.into();
    let pdf = render(FORM, &case, Format::Pdf).unwrap();
    assert!(pdf_text(&pdf).lines().any(|l| l.trim() == "MẬT"));
    let docx = render(FORM, &case, Format::Docx).unwrap();
    let xml = docx_part(&docx, "word/document.xml");
    assert!(xml.contains(r#"<w:bdr w:val="single""#) && xml.contains(">MẬT<"));
}
