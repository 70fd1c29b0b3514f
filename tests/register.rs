//! The document register, the same suite on both backends: an embedded
//! SQLite file and a real PostgreSQL server (a fresh database per test, on
//! the server `DANGVU_TEST_POSTGRES` names; default the local one CI starts:
//! postgres://dangvu:dangvu@127.0.0.1:5432/dangvu_test).

mod common;

use std::sync::Arc;
use std::thread;

use chrono::NaiveDate;
use dangvu::register::{Filter, Location, Register, RegisterError};
use dangvu::{Format, PdfStandard, RenderOptions};
use serde_json::Value;

const FORM: &str = "nghi-quyet-mien-sinh-hoat";
const ORG: &str = "Chi bộ Tổ dân phố số 5";

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// A register on a fresh store, and what keeps that store alive.
struct Fresh {
    register: Register,
    _keep: Keep,
}

/// Held only to be dropped with the register: the file's folder, or the
/// database.
#[allow(dead_code)]
enum Keep {
    File(tempfile::TempDir),
    Database(common::register::Database),
}

impl Fresh {
    fn sqlite() -> Fresh {
        let dir = tempfile::tempdir().unwrap();
        let location = Location::Sqlite(dir.path().join("nested/so.sqlite3"));
        Fresh {
            register: Register::open(location).expect("the SQLite register opens"),
            _keep: Keep::File(dir),
        }
    }

    fn postgres() -> Fresh {
        let db = common::register::Database::create();
        Fresh {
            register: Register::open(Location::Postgres(db.url.clone()))
                .expect("the PostgreSQL register opens"),
            _keep: Keep::Database(db),
        }
    }

    /// Another register over the same store: another process, a replica.
    fn again(&self) -> Register {
        Register::open(self.register.location().clone()).unwrap()
    }
}

/// The example case without its number, its reason text made distinct by `n`.
fn case(n: usize) -> Value {
    let mut case = common::example(FORM);
    case["van_ban"].as_object_mut().unwrap().remove("so");
    let why = case["ly_do"]["mo_ta"].as_str().unwrap().to_string();
    case["ly_do"]["mo_ta"] = Value::from(format!("{why} (hồ sơ {n})"));
    case
}

fn issue(
    register: &Register,
    case: &Value,
    format: Format,
) -> Result<dangvu::register::Issued, RegisterError> {
    register.issue(
        common::renderer(),
        FORM,
        &serde_json::to_vec(case).unwrap(),
        format,
        RenderOptions::default(),
    )
}

/// [`case`] dated `date` (the document and its meeting): the example's own
/// day is 2026-03-04.
fn dated(n: usize, date: &str) -> Value {
    let mut case = case(n);
    case["van_ban"]["ngay"] = date.into();
    case["cuoc_hop"]["ngay"] = date.into();
    case
}

fn with_term(register: &Register) {
    register.add_term(ORG, day("2025-10-01")).unwrap();
}

macro_rules! both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(#[test] fn $name() { super::$name(super::Fresh::sqlite()) })*
        }
        mod postgres {
            $(#[test] fn $name() { super::$name(super::Fresh::postgres()) })*
        }
    };
}

both_backends!(
    numbers_run_from_01_per_kind_and_term,
    the_number_is_printed_and_the_hash_recorded,
    a_new_term_restarts_at_01,
    dates_before_the_first_term_are_refused,
    a_number_of_another_document_is_refused,
    the_same_case_again_gives_the_same_document,
    the_archival_copy_has_its_own_hash,
    re_download_gives_the_recorded_bytes,
    voided_numbers_are_never_reused,
    export_then_import_gives_the_same_register,
    concurrent_issues_neither_repeat_nor_skip,
    cases_that_cannot_be_issued_are_refused,
    the_book_lists_what_was_issued,
    a_form_of_two_kinds_numbers_each_kind,
    a_bad_case_says_the_same_after_issues,
    numbers_issued_elsewhere_are_followed,
    a_term_declared_elsewhere_is_honoured,
    a_term_cannot_start_among_documents_already_issued,
    the_same_case_without_its_number_gives_the_same_document,
    after_a_void_the_same_case_is_issued_anew,
    a_case_differing_in_one_field_is_another_document,
    a_given_number_for_a_case_already_issued_is_refused,
    concurrent_identical_issues_record_one,
    a_register_of_the_previous_schema_migrates,
);

fn numbers_run_from_01_per_kind_and_term(f: Fresh) {
    with_term(&f.register);
    let numbers: Vec<u32> = (0..3)
        .map(|i| {
            issue(&f.register, &case(i), Format::Pdf)
                .unwrap()
                .record
                .number
        })
        .collect();
    assert_eq!(numbers, [1, 2, 3]);
    // Another kind of document of the same organisation has its own count.
    let report = common::example("bao-cao-ra-soat-quy");
    let mut report = report;
    report["van_ban"].as_object_mut().unwrap().remove("so");
    let issued = f
        .register
        .issue(
            common::renderer(),
            "bao-cao-ra-soat-quy",
            &serde_json::to_vec(&report).unwrap(),
            Format::Pdf,
            RenderOptions::default(),
        )
        .unwrap();
    assert_eq!(issued.record.kind, "BC");
    assert_eq!(issued.record.number, 1);
    assert_eq!(issued.record.symbol, "01-BC/CB");
    let nq = Filter {
        kind: Some("NQ".into()),
        ..Filter::default()
    };
    let listed: Vec<String> = f
        .register
        .list(&nq)
        .unwrap()
        .into_iter()
        .map(|r| r.symbol)
        .collect();
    assert_eq!(listed, ["01-NQ/CB", "02-NQ/CB", "03-NQ/CB"]);
}

fn the_number_is_printed_and_the_hash_recorded(f: Fresh) {
    with_term(&f.register);
    issue(&f.register, &case(0), Format::Pdf).unwrap();
    let issued = issue(&f.register, &case(1), Format::Pdf).unwrap();
    let text = common::pdf_text(&issued.rendered.bytes);
    assert!(text.contains("Số 02-NQ/CB"), "{text}");
    let rec = &issued.record;
    assert_eq!(
        (
            rec.organisation.as_str(),
            rec.kind.as_str(),
            rec.term.as_str(),
            rec.date.as_str()
        ),
        (ORG, "NQ", "2025-10-01", "2026-03-04")
    );
    assert_eq!(rec.signer, "Nguyễn Văn An");
    assert_eq!(rec.form, FORM);
    assert!(!rec.subject.is_empty());
    let stored: Value = serde_json::from_str(&rec.case).unwrap();
    assert_eq!(
        stored["van_ban"]["so"], 2,
        "the stored case carries its number"
    );
    assert_eq!(rec.renditions.len(), 1);
    assert_eq!(rec.renditions[0].format, "pdf");
    assert_eq!(rec.renditions[0].sha256, sha256(&issued.rendered.bytes));
    assert_eq!(
        f.register.get(&rec.id).unwrap(),
        *rec,
        "what was returned is what was stored"
    );
}

fn a_new_term_restarts_at_01(f: Fresh) {
    with_term(&f.register);
    assert_eq!(
        issue(&f.register, &dated(0, "2026-02-25"), Format::Pdf)
            .unwrap()
            .record
            .number,
        1
    );
    assert_eq!(
        issue(&f.register, &dated(1, "2026-02-28"), Format::Pdf)
            .unwrap()
            .record
            .number,
        2
    );
    // A congress closed on 2026-02-28: the next term starts the day after.
    f.register.add_term(ORG, day("2026-03-01")).unwrap();
    let issued = issue(&f.register, &case(2), Format::Pdf).unwrap();
    assert_eq!(
        (issued.record.number, issued.record.term.as_str()),
        (1, "2026-03-01")
    );
    assert_eq!(f.register.terms(ORG).unwrap(), ["2025-10-01", "2026-03-01"]);
}

fn dates_before_the_first_term_are_refused(f: Fresh) {
    let err = issue(&f.register, &case(0), Format::Pdf).unwrap_err();
    assert!(matches!(err, RegisterError::NoTerm { .. }), "{err}");
    assert_eq!(err.problem().unwrap().field, "van_ban.ngay");
    f.register.add_term(ORG, day("2026-06-01")).unwrap();
    let err = issue(&f.register, &case(0), Format::Pdf).unwrap_err();
    assert!(
        matches!(err, RegisterError::BeforeFirstTerm { .. }),
        "{err}"
    );
    assert!(err.to_string().contains("trước nhiệm kỳ đầu tiên"), "{err}");
    assert!(
        f.register.list(&Filter::default()).unwrap().is_empty(),
        "nothing recorded"
    );
}

fn a_number_of_another_document_is_refused(f: Fresh) {
    with_term(&f.register);
    issue(&f.register, &case(0), Format::Pdf).unwrap();
    let mut other = case(1);
    other["van_ban"]["so"] = Value::from(1);
    let err = issue(&f.register, &other, Format::Pdf).unwrap_err();
    assert!(matches!(err, RegisterError::NumberTaken { .. }), "{err}");
    let p = err.problem().unwrap();
    assert_eq!(p.field, "van_ban.so");
    assert!(
        p.message.contains("01-NQ/CB") && p.message.contains("đã cấp"),
        "{}",
        p.message
    );
    // A number beyond the next would leave a gap.
    other["van_ban"]["so"] = Value::from(5);
    let err = issue(&f.register, &other, Format::Pdf).unwrap_err();
    assert!(
        matches!(err, RegisterError::NumberAhead { given: 5, next: 2 }),
        "{err}"
    );
    // The next number itself, given, is accepted.
    other["van_ban"]["so"] = Value::from(2);
    assert_eq!(
        issue(&f.register, &other, Format::Pdf)
            .unwrap()
            .record
            .number,
        2
    );
    for bad in [
        Value::from(0),
        Value::from(-3),
        Value::from("ba"),
        Value::from(1.5),
    ] {
        other["van_ban"]["so"] = bad.clone();
        let err = issue(&f.register, &other, Format::Pdf).unwrap_err();
        let RegisterError::Render(dangvu::Error::Invalid(problems)) = &err else {
            panic!("{bad}: {err}");
        };
        assert_eq!(problems[0].field, "van_ban.so", "{bad}");
    }
    assert_eq!(f.register.list(&Filter::default()).unwrap().len(), 2);
}

fn the_same_case_again_gives_the_same_document(f: Fresh) {
    with_term(&f.register);
    let first = issue(&f.register, &case(0), Format::Pdf).unwrap();
    let stored: Value = serde_json::from_str(&first.record.case).unwrap();
    let again = issue(&f.register, &stored, Format::Pdf).unwrap();
    assert_eq!(again.record.id, first.record.id);
    assert_eq!(again.rendered.bytes, first.rendered.bytes);
    assert_eq!(f.register.list(&Filter::default()).unwrap().len(), 1);
}

fn the_archival_copy_has_its_own_hash(f: Fresh) {
    with_term(&f.register);
    let archival = RenderOptions {
        pdf_standard: PdfStandard::A2b,
    };
    let bytes = serde_json::to_vec(&case(0)).unwrap();
    let issued = f
        .register
        .issue(common::renderer(), FORM, &bytes, Format::Pdf, archival)
        .unwrap();
    let pdf = &issued.rendered.bytes;
    let text = String::from_utf8_lossy(pdf);
    assert!(
        text.contains("<pdfaid:part>2</pdfaid:part>"),
        "PDF/A-2 identification"
    );
    assert!(
        text.contains("<pdfaid:conformance>B</pdfaid:conformance>"),
        "conformance b"
    );
    let rec = &issued.record;
    assert_eq!(rec.renditions.len(), 1);
    assert_eq!(rec.renditions[0].format, "pdf-a-2b");
    assert_eq!(rec.renditions[0].sha256, sha256(pdf));
    let (rec, plain) = f
        .register
        .download(
            common::renderer(),
            &rec.id,
            Format::Pdf,
            RenderOptions::default(),
        )
        .unwrap();
    assert_ne!(&plain.bytes, pdf, "the plain PDF is another file");
    let formats: Vec<&str> = rec.renditions.iter().map(|r| r.format.as_str()).collect();
    assert_eq!(formats, ["pdf", "pdf-a-2b"]);
    let (_, again) = f
        .register
        .download(common::renderer(), &rec.id, Format::Pdf, archival)
        .unwrap();
    assert_eq!(&again.bytes, pdf);
}

fn re_download_gives_the_recorded_bytes(f: Fresh) {
    with_term(&f.register);
    let issued = issue(&f.register, &case(0), Format::Docx).unwrap();
    let id = issued.record.id.clone();
    let (rec, docx) = f
        .register
        .download(
            common::renderer(),
            &id,
            Format::Docx,
            RenderOptions::default(),
        )
        .unwrap();
    assert_eq!(docx.bytes, issued.rendered.bytes);
    assert_eq!(rec.renditions.len(), 1);
    // The first PDF download records the PDF's hash; the next one checks it.
    let (rec, pdf) = f
        .register
        .download(
            common::renderer(),
            &id,
            Format::Pdf,
            RenderOptions::default(),
        )
        .unwrap();
    let formats: Vec<&str> = rec.renditions.iter().map(|r| r.format.as_str()).collect();
    assert_eq!(formats, ["docx", "pdf"]);
    let stored = f.register.get(&id).unwrap();
    assert_eq!(stored.renditions, rec.renditions);
    let (_, pdf2) = f
        .register
        .download(
            common::renderer(),
            &id,
            Format::Pdf,
            RenderOptions::default(),
        )
        .unwrap();
    assert_eq!(pdf.bytes, pdf2.bytes);
    assert!(common::pdf_text(&pdf.bytes).contains("Số 01-NQ/CB"));
    let err = f
        .register
        .download(
            common::renderer(),
            "khong-co",
            Format::Pdf,
            RenderOptions::default(),
        )
        .unwrap_err();
    assert!(matches!(err, RegisterError::NotFound), "{err}");
}

fn voided_numbers_are_never_reused(f: Fresh) {
    with_term(&f.register);
    let first = issue(&f.register, &case(0), Format::Pdf).unwrap().record;
    let err = f
        .register
        .void(&first.id, day("2026-03-05"), "  ")
        .unwrap_err();
    assert!(matches!(err, RegisterError::NoVoidReason), "{err}");
    let err = f
        .register
        .void(&first.id, day("2026-03-01"), "ghi sai")
        .unwrap_err();
    assert!(
        matches!(err, RegisterError::VoidBeforeIssue { .. }),
        "{err}"
    );
    let voided = f
        .register
        .void(&first.id, day("2026-03-05"), "ghi sai họ tên đảng viên")
        .unwrap();
    assert_eq!(voided.voided_on.as_deref(), Some("2026-03-05"));
    assert_eq!(
        voided.void_reason.as_deref(),
        Some("ghi sai họ tên đảng viên")
    );
    let err = f
        .register
        .void(&first.id, day("2026-03-06"), "lần nữa")
        .unwrap_err();
    assert!(matches!(err, RegisterError::AlreadyVoided { .. }), "{err}");
    let next = issue(&f.register, &case(1), Format::Pdf).unwrap().record;
    assert_eq!(next.number, 2, "a voided number stays taken");
    let all = f.register.list(&Filter::default()).unwrap();
    assert_eq!(all.len(), 2, "the voided document stays in the register");
    assert!(all[0].voided_on.is_some() && all[1].voided_on.is_none());
}

fn export_then_import_gives_the_same_register(f: Fresh) {
    with_term(&f.register);
    f.register
        .add_term("Đảng bộ phường Vân Lam", day("2025-09-20"))
        .unwrap();
    for i in 0..3 {
        issue(&f.register, &case(i), Format::Pdf).unwrap();
    }
    let first = f.register.list(&Filter::default()).unwrap()[0].id.clone();
    f.register
        .void(&first, day("2026-03-05"), "thu hồi")
        .unwrap();
    f.register
        .download(
            common::renderer(),
            &first,
            Format::Docx,
            RenderOptions::default(),
        )
        .unwrap();
    let mut exported = Vec::new();
    assert_eq!(f.register.export(&mut exported).unwrap(), 5);
    // Into the other backend, and back out.
    let other = match f.register.location() {
        Location::Sqlite(_) => Fresh::postgres(),
        Location::Postgres(_) => Fresh::sqlite(),
    };
    let done = other.register.import(exported.as_slice()).unwrap();
    assert_eq!((done.terms, done.documents, done.unchanged), (2, 3, 0));
    let mut again = Vec::new();
    other.register.export(&mut again).unwrap();
    assert_eq!(
        String::from_utf8(again).unwrap(),
        String::from_utf8(exported.clone()).unwrap()
    );
    // Importing twice changes nothing; a different document on a taken number stops it.
    let done = other.register.import(exported.as_slice()).unwrap();
    assert_eq!(done.unchanged, 3);
    let text = String::from_utf8(exported).unwrap();
    let altered = text.replace("thu hồi", "lý do khác");
    let err = other.register.import(altered.as_bytes()).unwrap_err();
    assert!(
        matches!(err, RegisterError::Import { line: 3, .. }),
        "{err}"
    );
    let err = other
        .register
        .import("{\"van_ban\": 1}\n".as_bytes())
        .unwrap_err();
    assert!(
        matches!(err, RegisterError::Import { line: 1, .. }),
        "{err}"
    );
    // The re-download after import matches the hashes recorded before.
    other
        .register
        .download(
            common::renderer(),
            &first,
            Format::Docx,
            RenderOptions::default(),
        )
        .unwrap();
}

/// A running register remembers each register's last number between
/// issues; a number another process issued meanwhile is followed, not taken.
fn numbers_issued_elsewhere_are_followed(f: Fresh) {
    with_term(&f.register);
    let other = f.again();
    let number = |register: &Register, n: usize| {
        issue(register, &case(n), Format::Pdf)
            .unwrap()
            .record
            .number
    };
    assert_eq!(number(&f.register, 0), 1);
    assert_eq!(number(&other, 1), 2);
    assert_eq!(number(&other, 2), 3);
    assert_eq!(number(&f.register, 3), 4);
    assert_eq!(number(&f.register, 4), 5);
}

/// A running register remembers the terms it read; a term another process
/// declares meanwhile still restarts the numbers at 01 for what it issues.
fn a_term_declared_elsewhere_is_honoured(f: Fresh) {
    with_term(&f.register);
    let first = issue(&f.register, &dated(0, "2026-02-25"), Format::Pdf)
        .unwrap()
        .record;
    assert_eq!((first.number, first.term.as_str()), (1, "2025-10-01"));
    // The example is dated 2026-03-04: in the new term.
    f.again().add_term(ORG, day("2026-03-01")).unwrap();
    let next = issue(&f.register, &case(1), Format::Pdf).unwrap().record;
    assert_eq!((next.number, next.term.as_str()), (1, "2026-03-01"));
    assert_eq!(
        f.register.list(&Filter::default()).unwrap().len(),
        2,
        "nothing else recorded"
    );
}

/// A term may not start on or before the date of a document the term before
/// it holds: that document would be numbered in a term its date is no longer
/// in, and the numbers of the new term would start again among it. Voided
/// documents count (their numbers stay in their term).
fn a_term_cannot_start_among_documents_already_issued(f: Fresh) {
    with_term(&f.register);
    issue(&f.register, &dated(0, "2026-02-25"), Format::Pdf).unwrap();
    let last = issue(&f.register, &case(1), Format::Pdf).unwrap().record;
    assert_eq!(
        (last.symbol.as_str(), last.date.as_str()),
        ("02-NQ/CB", "2026-03-04")
    );
    f.register
        .void(&last.id, day("2026-03-05"), "ghi sai họ tên")
        .unwrap();
    for starts in ["2026-03-01", "2026-03-04"] {
        let err = f.register.add_term(ORG, day(starts)).unwrap_err();
        assert!(
            matches!(err, RegisterError::TermAfterIssued { .. }),
            "{err}"
        );
        let problem = err.problem().expect("a refusal of the request");
        assert_eq!(problem.field, "bat_dau");
        let shown = chrono::NaiveDate::parse_from_str(starts, "%Y-%m-%d")
            .unwrap()
            .format("%d/%m/%Y");
        assert_eq!(
            problem.message,
            format!(
                "không thêm được nhiệm kỳ bắt đầu ngày {shown} của \"{ORG}\": đã có văn bản \
                 02-NQ/CB ngày 04/03/2026 trong nhiệm kỳ trước; nhiệm kỳ mới phải bắt đầu sau ngày đó"
            )
        );
    }
    // Nothing was added, for this register or another over the same store.
    assert_eq!(f.register.terms(ORG).unwrap(), ["2025-10-01"]);
    assert_eq!(f.again().terms(ORG).unwrap(), ["2025-10-01"]);
    // The next document still follows in its term.
    let next = issue(&f.register, &case(2), Format::Pdf).unwrap().record;
    assert_eq!((next.number, next.term.as_str()), (3, "2025-10-01"));
    // After the last document, or before the first term, a term is fine.
    f.register.add_term(ORG, day("2026-03-05")).unwrap();
    f.register.add_term(ORG, day("2025-01-01")).unwrap();
    assert_eq!(
        f.register.terms(ORG).unwrap(),
        ["2025-01-01", "2025-10-01", "2026-03-05"]
    );
    // Another organisation's documents are not this one's.
    f.register
        .add_term("Chi bộ Tổ dân phố số 6", day("2026-03-01"))
        .unwrap();
    // The quarter's book holds the three documents and renders.
    let book = f
        .register
        .book(ORG, day("2026-01-01"), day("2026-03-31"))
        .unwrap();
    assert_eq!(book.van_ban.len(), 3);
    let json = serde_json::to_vec(&book).unwrap();
    common::renderer()
        .render(dangvu::forms::models::so_van_ban_di::ID, &json, Format::Pdf)
        .expect("the book renders");
}

fn concurrent_issues_neither_repeat_nor_skip(f: Fresh) {
    with_term(&f.register);
    // Two registers over one store, as two processes or two replicas.
    let registers = [Arc::new(f.again()), Arc::new(f.again())];
    let threads: Vec<_> = (0..8)
        .map(|t| {
            let register = Arc::clone(&registers[t % 2]);
            thread::spawn(move || {
                (0..3)
                    .map(|i| {
                        issue(&register, &case(t * 10 + i), Format::Pdf)
                            .unwrap()
                            .record
                            .number
                    })
                    .collect::<Vec<u32>>()
            })
        })
        .collect();
    let mut numbers: Vec<u32> = threads
        .into_iter()
        .flat_map(|t| t.join().unwrap())
        .collect();
    numbers.sort_unstable();
    assert_eq!(numbers, (1..=24).collect::<Vec<u32>>());
}

fn cases_that_cannot_be_issued_are_refused(f: Fresh) {
    with_term(&f.register);
    let r = common::renderer();
    let self_review = serde_json::to_vec(&common::example("ban-tu-kiem-diem")).unwrap();
    let err = f
        .register
        .issue(
            r,
            "ban-tu-kiem-diem",
            &self_review,
            Format::Pdf,
            RenderOptions::default(),
        )
        .unwrap_err();
    assert!(matches!(err, RegisterError::NotIssuable(_)), "{err}");
    let err = f
        .register
        .issue(r, "khong-co", b"{}", Format::Pdf, RenderOptions::default())
        .unwrap_err();
    assert!(
        matches!(err, RegisterError::Render(dangvu::Error::UnknownForm(_))),
        "{err}"
    );
    for hostile in [&b"[1,2]"[..], b"\"x\"", b"not json", b"{\"van_ban\": null}"] {
        let err = f
            .register
            .issue(r, FORM, hostile, Format::Pdf, RenderOptions::default())
            .unwrap_err();
        assert!(
            matches!(err, RegisterError::Render(dangvu::Error::Invalid(_))),
            "{err}"
        );
    }
    let err = issue(&f.register, &case(0), Format::Png).unwrap_err();
    assert!(matches!(err, RegisterError::Format), "{err}");
    let mut invalid = case(0);
    invalid["bieu_quyet"]["dong_y"] = Value::from(99);
    let err = issue(&f.register, &invalid, Format::Pdf).unwrap_err();
    assert!(
        matches!(err, RegisterError::Render(dangvu::Error::Invalid(_))),
        "{err}"
    );
    assert!(f.register.list(&Filter::default()).unwrap().is_empty());
}

/// The Ban Thường vụ's paper is a decision (QĐ) or, when the member is
/// helped on, a notice (TB): issued alternately without numbers, each kind
/// counts from 01 on its own, and no number is lost when an issue finds its
/// case of the other kind than the form's last.
fn a_form_of_two_kinds_numbers_each_kind(f: Fresh) {
    const DECISION: &str = "quyet-dinh-dua-ra-khoi-dang";
    let example = common::example(DECISION);
    let org = example["to_chuc"]["ten"].as_str().unwrap().to_string();
    f.register.add_term(&org, day("2025-10-01")).unwrap();
    let paper = |notice: bool, n: usize| {
        let mut case = example.clone();
        case["van_ban"].as_object_mut().unwrap().remove("so");
        case["dang_vien"][0]["ho_ten"] = Value::from(format!("Đinh Quang Huy {n}"));
        if notice {
            case["ket_luan"] = "tiep-tuc-giup-do".into();
            case["dang_vien"][0]["de_xuat"] = Value::Null;
            case["dang_vien"][0]["vi_pham"] = Value::Null;
        }
        let bytes = serde_json::to_vec(&case).unwrap();
        let issued = f
            .register
            .issue(
                common::renderer(),
                DECISION,
                &bytes,
                Format::Pdf,
                RenderOptions::default(),
            )
            .unwrap();
        issued.record.symbol
    };
    let symbols: Vec<String> = [false, true, true, false, true, false]
        .into_iter()
        .enumerate()
        .map(|(n, notice)| paper(notice, n))
        .collect();
    assert_eq!(
        symbols,
        [
            "01-QĐ/ĐU",
            "01-TB/ĐU",
            "02-TB/ĐU",
            "02-QĐ/ĐU",
            "03-TB/ĐU",
            "03-QĐ/ĐU"
        ]
    );
}

/// A case the form refuses gets the form's message, naming the field,
/// whether or not the form was issued before, and takes no number; when it
/// is also dated before the organisation's first term, the form's message
/// still comes first.
fn a_bad_case_says_the_same_after_issues(f: Fresh) {
    with_term(&f.register);
    let mut invalid = case(0);
    invalid["bieu_quyet"]["dong_y"] = Value::from(99);
    let mut early = invalid.clone();
    early["van_ban"]["ngay"] = Value::from("2025-01-15");
    let message = |case: &Value| match issue(&f.register, case, Format::Pdf) {
        Err(RegisterError::Render(dangvu::Error::Invalid(problems))) => format!("{problems:?}"),
        other => panic!("refused as invalid: {:?}", other.map(|i| i.record.symbol)),
    };
    let before = (message(&invalid), message(&early));
    assert!(before.0.contains("bieu_quyet"), "{}", before.0);
    assert_eq!(
        issue(&f.register, &case(1), Format::Pdf)
            .unwrap()
            .record
            .number,
        1
    );
    assert_eq!((message(&invalid), message(&early)), before);
    assert_eq!(
        issue(&f.register, &case(2), Format::Pdf)
            .unwrap()
            .record
            .number,
        2
    );
}

fn sha256(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[test]
fn forms_with_a_register_number_are_issuable() {
    let r = common::renderer();
    let issuable: Vec<&str> = r
        .catalog()
        .iter()
        .map(|f| f.id.as_str())
        .filter(|id| dangvu::register::issuable(r, id))
        .collect();
    for id in [
        "nghi-quyet-mien-sinh-hoat",
        "bao-cao-ra-soat-quy",
        "giay-gioi-thieu-sinh-hoat",
        "phieu-bao-chuyen-sinh-hoat",
    ] {
        assert!(issuable.contains(&id), "{id}: {issuable:?}");
    }
    for id in ["ban-tu-kiem-diem", "bien-ban-kiem-phieu"] {
        assert!(!issuable.contains(&id), "{id}");
    }
}

#[test]
fn the_default_location_is_a_file_in_the_data_folder() {
    let Location::Sqlite(path) = Location::default_file() else {
        panic!("the default is a file");
    };
    assert!(
        path.ends_with("dangvu/so-van-ban.sqlite3"),
        "{}",
        path.display()
    );
    assert_eq!(
        Location::parse("postgres://u:secret@h/db"),
        Location::Postgres("postgres://u:secret@h/db".into())
    );
    assert_eq!(
        Location::parse("postgres://u:secret@h/db").describe(),
        "postgres://u:***@h/db"
    );
}

/// The register as a book: every document of the organisation in the
/// period, the voided one marked, printed (A4 landscape) and as a workbook.
fn the_book_lists_what_was_issued(f: Fresh) {
    use calamine::{Data, Reader, Xlsx};
    use dangvu::forms::models::so_van_ban_di;
    with_term(&f.register);
    let first = issue(&f.register, &case(0), Format::Pdf).unwrap().record;
    let second = issue(&f.register, &case(1), Format::Pdf).unwrap().record;
    let issued_on = day(&first.date);
    f.register
        .void(&first.id, issued_on, "Ban hành nhầm")
        .unwrap();
    let (from, to) = (day("2025-10-01"), day("2027-12-31"));
    let book = f.register.book(ORG, from, to).unwrap();
    assert_eq!((book.tu_ngay, book.den_ngay), (from, to));
    assert_eq!(book.to_chuc.ten, ORG);
    let rows: Vec<(u32, &str, Option<&str>)> = book
        .van_ban
        .iter()
        .map(|d| {
            (
                d.so,
                d.trich_yeu.as_str(),
                d.huy.as_ref().map(|h| h.ly_do.as_str()),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            (1, first.subject.as_str(), Some("Ban hành nhầm")),
            (2, second.subject.as_str(), None)
        ]
    );
    let recipients: Vec<String> =
        serde_json::from_value(common::example(FORM)["noi_nhan"].clone()).unwrap();
    assert_eq!(book.van_ban[1].noi_nhan, recipients);

    let json = serde_json::to_vec(&book).unwrap();
    let pdf = common::renderer()
        .render(so_van_ban_di::ID, &json, Format::Pdf)
        .unwrap()
        .bytes;
    let text = common::pdf_text(&pdf);
    // The reason wraps inside its cell: its last word stands for it.
    for expected in ["01-NQ/CB", "02-NQ/CB", "Đã hủy", "nhầm"] {
        assert!(
            text.contains(expected),
            "{expected} not in the book:\n{text}"
        );
    }
    let xlsx = so_van_ban_di::to_xlsx(&book).unwrap();
    let mut workbook = Xlsx::new(std::io::Cursor::new(xlsx)).unwrap();
    let sheet = workbook.worksheet_range_at(0).unwrap().unwrap();
    let symbols: Vec<String> = sheet
        .rows()
        .skip(1)
        .map(|r| match &r[2] {
            Data::String(s) => s.clone(),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(symbols, ["01-NQ/CB", "02-NQ/CB"]);

    assert!(matches!(
        f.register.book(ORG, day("2020-01-01"), day("2020-12-31")),
        Err(RegisterError::EmptyBook { .. })
    ));
    assert!(matches!(
        f.register.book(ORG, to, from),
        Err(RegisterError::PeriodReversed { .. })
    ));
}

/// The very same case without its number issued again (the PDF twice, then
/// the DOCX) gives back the document issued first: one number, one record,
/// and each answer's bytes are what `register download` gives.
fn the_same_case_without_its_number_gives_the_same_document(f: Fresh) {
    with_term(&f.register);
    let first = issue(&f.register, &case(0), Format::Pdf).unwrap();
    let again = issue(&f.register, &case(0), Format::Pdf).unwrap();
    assert_eq!(again.record, first.record);
    assert_eq!(again.rendered.bytes, first.rendered.bytes);
    let docx = issue(&f.register, &case(0), Format::Docx).unwrap();
    assert_eq!(
        (docx.record.id.as_str(), docx.record.number),
        (first.record.id.as_str(), 1)
    );
    assert_eq!(docx.rendered.format, Format::Docx);
    let download = |format| {
        let id = &first.record.id;
        let options = RenderOptions::default();
        f.register
            .download(common::renderer(), id, format, options)
            .unwrap()
    };
    let (record, pdf) = download(Format::Pdf);
    assert_eq!(pdf.bytes, first.rendered.bytes);
    let (_, stored_docx) = download(Format::Docx);
    assert_eq!(stored_docx.bytes, docx.rendered.bytes);
    let formats: Vec<&str> = record
        .renditions
        .iter()
        .map(|r| r.format.as_str())
        .collect();
    assert_eq!(formats, ["docx", "pdf"], "the DOCX's hash recorded once");
    // The archival copy, too, is that document's.
    let archival = RenderOptions {
        pdf_standard: PdfStandard::A2b,
    };
    let bytes = serde_json::to_vec(&case(0)).unwrap();
    let a2b = f
        .register
        .issue(common::renderer(), FORM, &bytes, Format::Pdf, archival)
        .unwrap();
    assert_eq!(a2b.record.id, first.record.id);
    let id = &first.record.id;
    let (_, stored_a2b) = f
        .register
        .download(common::renderer(), id, Format::Pdf, archival)
        .unwrap();
    assert_eq!(a2b.rendered.bytes, stored_a2b.bytes);
    assert_ne!(a2b.rendered.bytes, pdf.bytes);
    assert_eq!(f.register.list(&Filter::default()).unwrap().len(), 1);
    // Key order and spacing are not the case: the same case still.
    let reordered: Vec<String> = case(0)
        .as_object()
        .unwrap()
        .iter()
        .rev()
        .map(|(k, v)| format!("\n  {}: {}", Value::from(k.as_str()), v))
        .collect();
    let bytes = format!("{{{}\n}}", reordered.join(",")).into_bytes();
    let options = RenderOptions::default();
    let issued = f
        .register
        .issue(common::renderer(), FORM, &bytes, Format::Pdf, options);
    assert_eq!(issued.unwrap().record.number, 1);
    // The next case takes 02: no number was spent on the replays.
    let next = issue(&f.register, &case(1), Format::Pdf).unwrap();
    assert_eq!(next.record.number, 2);
}

fn after_a_void_the_same_case_is_issued_anew(f: Fresh) {
    with_term(&f.register);
    let first = issue(&f.register, &case(0), Format::Pdf).unwrap().record;
    f.register
        .void(&first.id, day("2026-03-05"), "ghi sai họ tên")
        .unwrap();
    let anew = issue(&f.register, &case(0), Format::Docx).unwrap().record;
    assert_eq!(anew.number, 2);
    // The new one is the document of that case now.
    let again = issue(&f.register, &case(0), Format::Pdf).unwrap().record;
    assert_eq!(again.id, anew.id);
    let all = f.register.list(&Filter::default()).unwrap();
    assert_eq!(all.len(), 2);
}

fn a_case_differing_in_one_field_is_another_document(f: Fresh) {
    with_term(&f.register);
    let base = case(0);
    assert_eq!(
        issue(&f.register, &base, Format::Pdf)
            .unwrap()
            .record
            .number,
        1
    );
    let mut signer = base.clone();
    let name = signer["nguoi_ky"]["ho_ten"].as_str().unwrap().to_string();
    signer["nguoi_ky"]["ho_ten"] = Value::from(name.replacen('A', "Â", 1));
    assert_ne!(signer, base);
    let mut dated = base.clone();
    dated["van_ban"]["ngay"] = Value::from("2026-03-05");
    let numbers: Vec<u32> = [&signer, &dated, &signer]
        .map(|c| issue(&f.register, c, Format::Pdf).unwrap().record.number)
        .to_vec();
    assert_eq!(numbers, [2, 3, 2]);
    assert_eq!(f.register.list(&Filter::default()).unwrap().len(), 3);
}

/// A case giving a new number whose content is that of a document already
/// issued (and not voided) is refused on `van_ban.so`, naming it; with the
/// document's own number, it is that document.
fn a_given_number_for_a_case_already_issued_is_refused(f: Fresh) {
    with_term(&f.register);
    issue(&f.register, &case(0), Format::Pdf).unwrap();
    let mut numbered = case(0);
    numbered["van_ban"]["so"] = Value::from(2);
    let err = issue(&f.register, &numbered, Format::Pdf).unwrap_err();
    assert!(
        matches!(&err, RegisterError::SameCase { symbol } if symbol == "01-NQ/CB"),
        "{err}"
    );
    assert_eq!(err.problem().unwrap().field, "van_ban.so");
    numbered["van_ban"]["so"] = Value::from(1);
    assert_eq!(
        issue(&f.register, &numbered, Format::Pdf)
            .unwrap()
            .record
            .number,
        1
    );
    assert_eq!(
        issue(&f.register, &case(1), Format::Pdf)
            .unwrap()
            .record
            .number,
        2
    );
}

/// Identical issues at once, on two registers over one store (two
/// processes), beside issues of other cases: one record for the case, the
/// others numbered after it without a gap, and the next case takes the
/// next number.
fn concurrent_identical_issues_record_one(f: Fresh) {
    with_term(&f.register);
    let registers = [Arc::new(f.again()), Arc::new(f.again())];
    let threads: Vec<_> = (0..10)
        .map(|t| {
            let register = Arc::clone(&registers[t % 2]);
            thread::spawn(move || {
                let which = if t < 6 { 0 } else { t };
                let record = issue(&register, &case(which), Format::Pdf).unwrap().record;
                (which, record.number, record.id)
            })
        })
        .collect();
    let issued: Vec<(usize, u32, String)> =
        threads.into_iter().map(|t| t.join().unwrap()).collect();
    let same: Vec<&(usize, u32, String)> = issued.iter().filter(|i| i.0 == 0).collect();
    assert!(
        same.iter().all(|i| i.1 == same[0].1 && i.2 == same[0].2),
        "{issued:?}"
    );
    let all = f.register.list(&Filter::default()).unwrap();
    let mut numbers: Vec<u32> = all.iter().map(|r| r.number).collect();
    numbers.sort_unstable();
    assert_eq!(numbers, [1, 2, 3, 4, 5], "{issued:?}");
    let next = issue(&f.register, &case(99), Format::Pdf).unwrap().record;
    assert_eq!(next.number, 6);
}

/// SQL on a store, as the version before the content key left it.
enum Raw {
    Sqlite(rusqlite::Connection),
    Postgres(::postgres::Client),
}

impl Raw {
    fn run(&mut self, sql: &str) {
        match self {
            Raw::Sqlite(c) => c.execute_batch(sql).unwrap(),
            Raw::Postgres(c) => c.batch_execute(sql).unwrap(),
        }
    }
}

/// A text as an SQL literal (both dialects).
fn literal(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

/// A store of `f`'s backend built by the migration list of the previous
/// version (its first step only), holding `records` as that version wrote
/// them (no content key).
fn previous_schema(f: &Fresh, records: &[dangvu::register::Record]) -> (Location, Keep) {
    use dangvu::register::{Migration, store::MIGRATIONS};
    let (location, keep, mut raw) = match f.register.location() {
        Location::Sqlite(_) => {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("cu.sqlite3");
            let raw = Raw::Sqlite(rusqlite::Connection::open(&path).unwrap());
            (Location::Sqlite(path), Keep::File(dir), raw)
        }
        Location::Postgres(_) => {
            let db = common::register::Database::create();
            let raw =
                Raw::Postgres(::postgres::Client::connect(&db.url, ::postgres::NoTls).unwrap());
            (Location::Postgres(db.url.clone()), Keep::Database(db), raw)
        }
    };
    let Migration::Sql(first) = MIGRATIONS[0] else {
        panic!("the first step is SQL");
    };
    raw.run("CREATE TABLE schema_version (version BIGINT PRIMARY KEY)");
    raw.run(first);
    raw.run("INSERT INTO schema_version (version) VALUES (1)");
    raw.run(&format!(
        "INSERT INTO terms (organisation, starts) VALUES ({}, '2025-10-01')",
        literal(ORG)
    ));
    for r in records {
        let texts = [
            &r.id,
            &r.organisation,
            &r.code,
            &r.kind,
            &r.term,
            &r.symbol,
            &r.date,
            &r.form,
            &r.subject,
            &r.signer,
            &r.case,
        ]
        .map(|t| literal(t));
        let voided = r.voided_on.as_deref().map_or("NULL".to_string(), literal);
        let reason = r.void_reason.as_deref().map_or("NULL".to_string(), literal);
        raw.run(&format!(
            "INSERT INTO documents (id, organisation, code, kind, term, symbol, issued_on, form, \
            subject, signer, case_json, number, voided_on, void_reason) VALUES ({}, {}, {voided}, {reason})",
            texts.join(", "),
            r.number
        ));
        for rendition in &r.renditions {
            raw.run(&format!(
                "INSERT INTO renditions (document, format, sha256) VALUES ({}, {}, {})",
                literal(&r.id),
                literal(&rendition.format),
                literal(&rendition.sha256)
            ));
        }
    }
    (location, keep)
}

/// A register written by the version before the content key, holding the
/// same case twice (01 and 03: that version gave a new number to a case
/// issued again) and a voided copy of another (04), migrates: the first of
/// the identical ones is the document of that case, the case voided since
/// is still that of 02, the next case takes 05, and an export of it
/// imports into a fresh register that says the same.
fn a_register_of_the_previous_schema_migrates(f: Fresh) {
    with_term(&f.register);
    let one = issue(&f.register, &case(0), Format::Pdf).unwrap().record;
    let two = issue(&f.register, &case(1), Format::Pdf).unwrap().record;
    let copy = |of: &dangvu::register::Record, number: u32, id: &str| {
        let mut case: Value = serde_json::from_str(&of.case).unwrap();
        case["van_ban"]["so"] = Value::from(number);
        let mut r = of.clone();
        (r.id, r.number, r.symbol) = (id.into(), number, format!("{number:02}-NQ/CB"));
        (r.case, r.renditions) = (serde_json::to_string(&case).unwrap(), Vec::new());
        r
    };
    let three = copy(&one, 3, "cu-3");
    let mut four = copy(&two, 4, "cu-4");
    (four.voided_on, four.void_reason) = (Some("2026-03-05".into()), Some("trùng".into()));
    let (location, _keep) = previous_schema(&f, &[one.clone(), two.clone(), three, four]);
    let migrated = Register::open(location).expect("the old register migrates");
    let replayed = issue(&migrated, &case(0), Format::Pdf).unwrap();
    assert_eq!(replayed.record.id, one.id);
    let options = RenderOptions::default();
    let (_, stored) = migrated
        .download(common::renderer(), &one.id, Format::Pdf, options)
        .unwrap();
    assert_eq!(replayed.rendered.bytes, stored.bytes);
    assert_eq!(
        issue(&migrated, &case(1), Format::Docx).unwrap().record.id,
        two.id
    );
    assert_eq!(
        issue(&migrated, &case(2), Format::Pdf)
            .unwrap()
            .record
            .number,
        5
    );
    assert_eq!(migrated.list(&Filter::default()).unwrap().len(), 5);
    drop(migrated);
    // Opened again, nothing more to migrate; the same answers.
    let reopened = Register::open(match &_keep {
        Keep::File(dir) => Location::Sqlite(dir.path().join("cu.sqlite3")),
        Keep::Database(db) => Location::Postgres(db.url.clone()),
    })
    .unwrap();
    assert_eq!(
        issue(&reopened, &case(0), Format::Pdf).unwrap().record.id,
        one.id
    );
    // Its export imports, the two identical documents included.
    let mut exported = Vec::new();
    reopened.export(&mut exported).unwrap();
    let fresh = Fresh::sqlite();
    let done = fresh.register.import(exported.as_slice()).unwrap();
    assert_eq!((done.documents, done.unchanged), (5, 0));
    assert_eq!(
        issue(&fresh.register, &case(0), Format::Pdf)
            .unwrap()
            .record
            .id,
        one.id
    );
    assert_eq!(
        issue(&fresh.register, &case(3), Format::Pdf)
            .unwrap()
            .record
            .number,
        6
    );
    assert_eq!(
        fresh
            .register
            .import(exported.as_slice())
            .unwrap()
            .unchanged,
        5
    );
}
