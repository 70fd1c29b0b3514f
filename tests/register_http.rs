//! The register over HTTP, on both backends: the real binary, 50 concurrent
//! issues numbered 01…50 exactly, a `kill -9` in the middle of a burst and a
//! restart that finds the register consistent, the token rule, and logs
//! free of the register's personal data.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

use serde_json::Value;

const FORM: &str = "nghi-quyet-mien-sinh-hoat";
const ORG: &str = "Chi bộ Tổ dân phố số 5";
const TOKEN: &str = "kiem-tra-ma-truy-cap-0123456789";

struct Server {
    child: Child,
    addr: String,
    logs: Arc<Mutex<String>>,
}

impl Server {
    fn start(db: &str, token: Option<&str>) -> Server {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_dangvu"));
        cmd.args(["serve", "--port", "0", "--db", db, "--queue", "256"])
            .env_remove("DANGVU_TOKEN")
            .env_remove("DANGVU_DB")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        if let Some(token) = token {
            cmd.env("DANGVU_TOKEN", token);
        }
        let mut child = cmd.spawn().expect("dangvu serve starts");
        let logs = Arc::new(Mutex::new(String::new()));
        let mut stderr = child.stderr.take().unwrap();
        let sink = Arc::clone(&logs);
        thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = stderr.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        });
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let addr = line
            .trim()
            .strip_prefix("listening on http://")
            .unwrap_or_else(|| {
                panic!(
                    "first line names the address: {line:?} {}",
                    logs.lock().unwrap()
                )
            })
            .to_string();
        Server { child, addr, logs }
    }

    fn kill_9(&mut self) {
        let ok = Command::new("kill")
            .args(["-KILL", &self.child.id().to_string()])
            .status()
            .unwrap()
            .success();
        assert!(ok);
        let _ = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[derive(Debug)]
struct Answer {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Answer {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&self.body)))
    }
}

/// One HTTP/1.1 request on its own connection; None when the connection
/// fails (the server was killed).
fn request(
    addr: &str,
    method: &str,
    path: &str,
    body: Option<&[u8]>,
    token: Option<&str>,
) -> Option<Answer> {
    let mut stream = TcpStream::connect(addr).ok()?;
    stream
        .set_read_timeout(Some(Duration::from_secs(120)))
        .ok()?;
    let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    if let Some(token) = token {
        head.push_str(&format!("Authorization: Bearer {token}\r\n"));
    }
    if let Some(body) = body {
        head.push_str(&format!(
            "Content-Type: application/json\r\nContent-Length: {}\r\n",
            body.len()
        ));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).ok()?;
    if let Some(body) = body {
        stream.write_all(body).ok()?;
    }
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).ok()?;
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = String::from_utf8_lossy(&raw[..split]).to_string();
    let mut lines = head.lines();
    let status = lines.next()?.split(' ').nth(1)?.parse().ok()?;
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    Some(Answer {
        status,
        headers,
        body: raw[split + 4..].to_vec(),
    })
}

fn case(n: usize) -> Vec<u8> {
    let mut case = common::example(FORM);
    case["van_ban"].as_object_mut().unwrap().remove("so");
    let why = case["ly_do"]["mo_ta"].as_str().unwrap().to_string();
    case["ly_do"]["mo_ta"] = Value::from(format!("{why} (hồ sơ {n})"));
    serde_json::to_vec(&case).unwrap()
}

fn add_term(addr: &str, token: Option<&str>) {
    let body = serde_json::to_vec(&serde_json::json!({ "to_chuc": ORG, "bat_dau": "2025-10-01" }))
        .unwrap();
    let a = request(addr, "POST", "/v1/register/terms", Some(&body), token).unwrap();
    assert_eq!(a.status, 201, "{}", String::from_utf8_lossy(&a.body));
    assert_eq!(a.json()["terms"], serde_json::json!(["2025-10-01"]));
}

fn burst(addr: &str, n: usize, from: usize) -> Vec<Option<Answer>> {
    let threads: Vec<_> = (0..n)
        .map(|i| {
            let addr = addr.to_string();
            thread::spawn(move || {
                request(
                    &addr,
                    "POST",
                    &format!("/v1/forms/{FORM}/issue?format=pdf"),
                    Some(&case(from + i)),
                    None,
                )
            })
        })
        .collect();
    threads.into_iter().map(|t| t.join().unwrap()).collect()
}

fn listed(addr: &str) -> Vec<Value> {
    let a = request(addr, "GET", "/v1/register?kind=NQ", None, None).unwrap();
    assert_eq!(a.status, 200);
    a.json().as_array().unwrap().clone()
}

fn fifty_concurrent_issues_are_numbered_01_to_50(db: &str) {
    let server = Server::start(db, None);
    add_term(&server.addr, None);
    let answers = burst(&server.addr, 50, 0);
    let mut numbers: Vec<u32> = answers
        .iter()
        .map(|a| {
            let a = a.as_ref().expect("answered");
            assert_eq!(a.status, 201, "{}", String::from_utf8_lossy(&a.body));
            assert_eq!(a.header("content-type"), Some("application/pdf"));
            let n: u32 = a.header("document-number").unwrap().parse().unwrap();
            assert_eq!(
                a.header("document-symbol").unwrap(),
                format!("{n:02}-NQ/CB")
            );
            n
        })
        .collect();
    numbers.sort_unstable();
    assert_eq!(numbers, (1..=50).collect::<Vec<u32>>());
    let entries = listed(&server.addr);
    assert_eq!(entries.len(), 50);
    assert!(
        entries.iter().all(|e| e.get("case").is_none()),
        "listings leave the case data out"
    );
    // Re-download one, check it against its issue answer.
    let third = answers
        .iter()
        .flatten()
        .find(|a| a.header("document-number") == Some("3"))
        .unwrap();
    let id = third.header("document-id").unwrap();
    let again = request(
        &server.addr,
        "GET",
        &format!("/v1/register/{id}?format=pdf"),
        None,
        None,
    )
    .unwrap();
    assert_eq!(again.status, 200);
    assert_eq!(again.body, third.body);
    // Voiding over HTTP.
    let void = r#"{"ly_do": "ghi sai ngày", "ngay": "2026-03-05"}"#.as_bytes();
    let a = request(
        &server.addr,
        "POST",
        &format!("/v1/register/{id}/void"),
        Some(void),
        None,
    )
    .unwrap();
    assert_eq!(a.status, 200, "{}", String::from_utf8_lossy(&a.body));
    assert_eq!(a.json()["voided_on"], "2026-03-05");
    let a = request(
        &server.addr,
        "POST",
        &format!("/v1/register/{id}/void"),
        Some(void),
        None,
    )
    .unwrap();
    assert_eq!(a.status, 409);
    let a = request(
        &server.addr,
        "POST",
        &format!("/v1/register/{id}/void"),
        Some(br#"{"ngay": "2026-03-05"}"#),
        None,
    )
    .unwrap();
    assert_eq!(a.status, 422);
    // A number already issued for another document: 422 naming the field.
    let mut taken: Value = serde_json::from_slice(&case(99)).unwrap();
    taken["van_ban"]["so"] = Value::from(7);
    let a = request(
        &server.addr,
        "POST",
        &format!("/v1/forms/{FORM}/issue"),
        Some(&serde_json::to_vec(&taken).unwrap()),
        None,
    )
    .unwrap();
    assert_eq!(a.status, 422);
    assert_eq!(a.json()["errors"][0]["field"], "van_ban.so");
    // Filters.
    let a = request(
        &server.addr,
        "GET",
        "/v1/register?from=2026-04-01",
        None,
        None,
    )
    .unwrap();
    assert_eq!(a.json().as_array().unwrap().len(), 0);
    let a = request(&server.addr, "GET", "/v1/register?from=hôm-qua", None, None).unwrap();
    assert_eq!(a.status, 400);
    let a = request(&server.addr, "GET", "/v1/register/khong-co", None, None).unwrap();
    assert_eq!(a.status, 404);
    // Logs carry no name, no subject, no case data.
    let logs = server.logs.lock().unwrap().clone();
    for personal in [
        "Lương Thị Thanh",
        "Nguyễn Văn An",
        "hợp đồng lao động",
        "ghi sai ngày",
        ORG,
    ] {
        assert!(!logs.contains(personal), "{personal} in logs:\n{logs}");
    }
}

fn killed_mid_burst_restarts_consistent(db: &str) {
    let mut server = Server::start(db, None);
    add_term(&server.addr, None);
    let addr = server.addr.clone();
    let firing = thread::spawn(move || burst(&addr, 40, 0));
    // Kill once some documents are recorded and others are in flight.
    let until = std::time::Instant::now() + Duration::from_secs(60);
    while listed(&server.addr).len() < 5 {
        assert!(std::time::Instant::now() < until, "no issue recorded");
        thread::sleep(Duration::from_millis(20));
    }
    server.kill_9();
    let answers = firing.join().unwrap();
    let answered: Vec<u32> = answers
        .iter()
        .flatten()
        .filter(|a| a.status == 201)
        .map(|a| a.header("document-number").unwrap().parse().unwrap())
        .collect();
    assert!(answered.len() < 40, "the kill came mid-burst");
    let server = Server::start(db, None);
    let entries = listed(&server.addr);
    let mut numbers: Vec<u32> = entries
        .iter()
        .map(|e| e["number"].as_u64().unwrap() as u32)
        .collect();
    numbers.sort_unstable();
    let k = numbers.len() as u32;
    assert_eq!(
        numbers,
        (1..=k).collect::<Vec<u32>>(),
        "no gap, no duplicate"
    );
    for n in &answered {
        assert!(numbers.contains(n), "an answered issue ({n}) is recorded");
    }
    // Every record is whole: its document renders again to the recorded bytes.
    for e in &entries {
        assert_eq!(e["renditions"].as_array().unwrap().len(), 1, "{e}");
        let a = request(
            &server.addr,
            "GET",
            &format!("/v1/register/{}", e["id"].as_str().unwrap()),
            None,
            None,
        )
        .unwrap();
        assert_eq!(a.status, 200, "{}", String::from_utf8_lossy(&a.body));
    }
    let more = burst(&server.addr, 3, 100);
    let mut next: Vec<u32> = more
        .iter()
        .map(|a| {
            a.as_ref()
                .unwrap()
                .header("document-number")
                .unwrap()
                .parse()
                .unwrap()
        })
        .collect();
    next.sort_unstable();
    assert_eq!(next, [k + 1, k + 2, k + 3]);
}

fn the_token_rule_covers_the_register(db: &str) {
    let server = Server::start(db, Some(TOKEN));
    for (method, path) in [
        ("GET", "/v1/register"),
        ("GET", "/v1/register/terms?organisation=x"),
        ("POST", "/v1/forms/nghi-quyet-mien-sinh-hoat/issue"),
        ("GET", "/v1/register/abc"),
        ("POST", "/v1/register/abc/void"),
    ] {
        let a = request(&server.addr, method, path, Some(b"{}"), None).unwrap();
        assert_eq!(a.status, 401, "{method} {path}");
    }
    add_term(&server.addr, Some(TOKEN));
    let a = request(
        &server.addr,
        "POST",
        &format!("/v1/forms/{FORM}/issue?format=docx"),
        Some(&case(0)),
        Some(TOKEN),
    )
    .unwrap();
    assert_eq!(a.status, 201, "{}", String::from_utf8_lossy(&a.body));
    assert_eq!(a.header("document-number"), Some("1"));
    let a = request(&server.addr, "GET", "/openapi.json", None, None).unwrap();
    let doc = a.json();
    for path in [
        "/v1/register",
        "/v1/register/{doc}",
        "/v1/register/{doc}/void",
        "/v1/register/terms",
        "/v1/forms/nghi-quyet-mien-sinh-hoat/issue",
    ] {
        assert!(
            doc["paths"].get(path).is_some(),
            "{path} in the OpenAPI document"
        );
    }
    assert!(
        doc["paths"]
            .get("/v1/forms/ban-tu-kiem-diem/issue")
            .is_none()
    );
}

fn sqlite_db(dir: &Path) -> String {
    dir.join("so.sqlite3").display().to_string()
}

macro_rules! both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(#[test] fn $name() {
                let dir = tempfile::tempdir().unwrap();
                super::$name(&super::sqlite_db(dir.path()))
            })*
        }
        mod postgres {
            $(#[test] fn $name() {
                let db = super::common::register::Database::create();
                super::$name(&db.url)
            })*
        }
    };
}

both_backends!(
    the_same_body_again_gives_the_same_document,
    the_book_comes_as_pdf_docx_and_xlsx,
    fifty_concurrent_issues_are_numbered_01_to_50,
    killed_mid_burst_restarts_consistent,
    the_token_rule_covers_the_register,
    a_term_among_issued_documents_is_422_on_bat_dau,
);

/// `POST /v1/register/terms` (what the web page's form sends) refuses a
/// term that would start on or before a document of the term before it.
fn a_term_among_issued_documents_is_422_on_bat_dau(db: &str) {
    let server = Server::start(db, None);
    add_term(&server.addr, None);
    let path = format!("/v1/forms/{FORM}/issue?format=pdf");
    let a = request(&server.addr, "POST", &path, Some(&case(0)), None).unwrap();
    assert_eq!(a.status, 201, "{}", String::from_utf8_lossy(&a.body));
    let body = serde_json::to_vec(&serde_json::json!({ "to_chuc": ORG, "bat_dau": "2026-03-01" }))
        .unwrap();
    let a = request(
        &server.addr,
        "POST",
        "/v1/register/terms",
        Some(&body),
        None,
    )
    .unwrap();
    assert_eq!(a.status, 422, "{}", String::from_utf8_lossy(&a.body));
    assert_eq!(
        a.json()["errors"],
        serde_json::json!([{
            "field": "bat_dau",
            "message": format!(
                "không thêm được nhiệm kỳ bắt đầu ngày 01/03/2026 của \"{ORG}\": đã có văn bản \
                 01-NQ/CB ngày 04/03/2026 trong nhiệm kỳ trước; nhiệm kỳ mới phải bắt đầu sau ngày đó"
            )
        }])
    );
    let a = request(
        &server.addr,
        "GET",
        "/v1/register/terms?organisation=Chi%20b%E1%BB%99%20T%E1%BB%95%20d%C3%A2n%20ph%E1%BB%91%20s%E1%BB%91%205",
        None,
        None,
    )
    .unwrap();
    assert_eq!(a.json()["terms"], serde_json::json!(["2025-10-01"]));
}

/// `GET /v1/register/book`: the register's rows of a period as a printed
/// book or a workbook; a period without documents is refused by field.
fn the_book_comes_as_pdf_docx_and_xlsx(db: &str) {
    let server = Server::start(db, None);
    add_term(&server.addr, None);
    assert!(
        burst(&server.addr, 3, 0)
            .iter()
            .all(|a| a.as_ref().is_some_and(|a| a.status == 201))
    );
    let organisation: String = ORG
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect();
    let book = |period: &str, format: &str| {
        let path =
            format!("/v1/register/book?organisation={organisation}&{period}&format={format}");
        request(&server.addr, "GET", &path, None, None).unwrap()
    };
    let whole = "from=2025-10-01&to=2027-12-31";
    for (format, media, magic) in [
        ("pdf", "application/pdf", &b"%PDF"[..]),
        (
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            &b"PK"[..],
        ),
        (
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            &b"PK"[..],
        ),
    ] {
        let a = book(whole, format);
        assert_eq!(
            a.status,
            200,
            "{format}: {}",
            String::from_utf8_lossy(&a.body)
        );
        assert_eq!(a.header("content-type"), Some(media));
        assert!(a.body.starts_with(magic), "{format}");
    }
    let pdf = book(whole, "pdf");
    let text = common::pdf_text(&pdf.body);
    for symbol in ["01-NQ/CB", "02-NQ/CB", "03-NQ/CB"] {
        assert!(text.contains(symbol), "{symbol}:\n{text}");
    }
    let empty = book("from=2020-01-01&to=2020-12-31", "pdf");
    assert_eq!(
        empty.status,
        422,
        "{}",
        String::from_utf8_lossy(&empty.body)
    );
    assert_eq!(empty.json()["errors"][0]["field"], "organisation");
    assert_eq!(book("from=2025-10-01", "pdf").status, 400);
}

fn issue_request(addr: &str, body: &[u8], format: &str) -> Answer {
    let path = format!("/v1/forms/{FORM}/issue?format={format}");
    request(addr, "POST", &path, Some(body), None).expect("answered")
}

/// A case without its number POSTed again (a double click, a retry, the
/// DOCX after the PDF) gives back the document issued the first time: the
/// same status as a case giving that number (201), the same
/// `Document-Number` and `Document-Id`, the bytes a download gives. Several
/// at once record one document. After a void, the same case is a new one.
fn the_same_body_again_gives_the_same_document(db: &str) {
    let server = Server::start(db, None);
    add_term(&server.addr, None);
    let first = issue_request(&server.addr, &case(0), "pdf");
    assert_eq!(
        first.status,
        201,
        "{}",
        String::from_utf8_lossy(&first.body)
    );
    let id = first.header("document-id").unwrap().to_string();
    assert_eq!(first.header("document-number"), Some("1"));
    let again = issue_request(&server.addr, &case(0), "pdf");
    assert_eq!(again.status, 201);
    assert_eq!(again.header("document-number"), Some("1"));
    assert_eq!(again.header("document-id"), Some(id.as_str()));
    assert_eq!(again.header("document-symbol"), Some("01-NQ/CB"));
    assert_eq!(again.body, first.body);
    let docx = issue_request(&server.addr, &case(0), "docx");
    assert_eq!(docx.status, 201);
    assert_eq!(docx.header("document-id"), Some(id.as_str()));
    assert!(
        docx.header("content-type")
            .unwrap()
            .contains("wordprocessingml")
    );
    let path = format!("/v1/register/{id}?format=docx");
    let download = request(&server.addr, "GET", &path, None, None).unwrap();
    assert_eq!(download.status, 200);
    assert_eq!(docx.body, download.body);
    // Six at once, one case: one document, numbered 02.
    let threads: Vec<_> = (0..6)
        .map(|_| {
            let addr = server.addr.clone();
            thread::spawn(move || issue_request(&addr, &case(1), "pdf"))
        })
        .collect();
    let ids: Vec<(String, String)> = threads
        .into_iter()
        .map(|t| {
            let a = t.join().unwrap();
            assert_eq!(a.status, 201, "{}", String::from_utf8_lossy(&a.body));
            let header = |name| a.header(name).unwrap().to_string();
            (header("document-number"), header("document-id"))
        })
        .collect();
    assert!(ids.iter().all(|n| *n == ids[0]), "{ids:?}");
    assert_eq!(ids[0].0, "2");
    assert_eq!(listed(&server.addr).len(), 2);
    // Voided, the case is issued anew.
    let void = r#"{"ly_do": "ghi sai ngày", "ngay": "2026-03-05"}"#.as_bytes();
    let path = format!("/v1/register/{id}/void");
    assert_eq!(
        request(&server.addr, "POST", &path, Some(void), None)
            .unwrap()
            .status,
        200
    );
    let anew = issue_request(&server.addr, &case(0), "pdf");
    assert_eq!(anew.status, 201);
    assert_eq!(anew.header("document-number"), Some("3"));
    assert_eq!(listed(&server.addr).len(), 3);
}
