//! The HTTP service, driven over HTTP: the real binary on a free loopback
//! port, every route, every error status, the token rule, a concurrent burst,
//! graceful shutdown, and logs free of case data.

mod common;

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use dangvu::Format;
use serde_json::{Value, json};

const FORM: &str = "nghi-quyet-dua-vao-dien-giup-do";
const TOKEN: &str = "kiem-tra-ma-truy-cap-0123456789";

struct Server {
    child: Child,
    base: String,
    logs: Arc<Mutex<String>>,
    /// The register's file: the test's own, never the user's default one.
    _register: tempfile::TempDir,
}

/// `dangvu serve` on a free port with its register in `register` (never
/// the user's own), none of the caller's `DANGVU_*` settings, then `args`
/// and `env`; its output piped.
fn serve(register: &std::path::Path, args: &[&str], env: &[(&str, &str)]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_dangvu"));
    cmd.arg("serve")
        .args(["--port", "0"])
        .env("DANGVU_DB", register.join("so-van-ban.sqlite3"))
        .args(args)
        .env_remove("DANGVU_TOKEN")
        .env_remove("DANGVU_TOKEN_FILE")
        .env_remove("DANGVU_BIND")
        .env_remove("DANGVU_PORT")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd
}

impl Server {
    fn start(args: &[&str], env: &[(&str, &str)]) -> Server {
        let register = tempfile::tempdir().unwrap();
        let mut child = serve(register.path(), args, env)
            .spawn()
            .expect("dangvu serve starts");
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
        let base = line
            .trim()
            .strip_prefix("listening on ")
            .unwrap_or_else(|| panic!("first line names the address: {line:?}"))
            .to_string();
        Server {
            child,
            base,
            logs,
            _register: register,
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    fn logs(&self) -> String {
        self.logs.lock().unwrap().clone()
    }

    fn terminate(&self) {
        let ok = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .unwrap()
            .success();
        assert!(ok);
    }

    /// Waits for the process to exit by itself.
    fn wait_exit(&mut self, within: Duration) -> std::process::ExitStatus {
        let until = Instant::now() + within;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(Instant::now() < until, "server did not exit in time");
            thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Answer {
    status: u16,
    content_type: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|_| {
            panic!(
                "JSON body expected, got {:?}",
                String::from_utf8_lossy(&self.body)
            )
        })
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// A problem+json answer with this status; returns its body.
    fn problem(&self, status: u16) -> Value {
        assert_eq!(
            self.status,
            status,
            "body: {}",
            String::from_utf8_lossy(&self.body)
        );
        assert_eq!(self.content_type, "application/problem+json");
        let p = self.json();
        assert_eq!(p["status"], status);
        assert!(p["title"].as_str().is_some_and(|t| !t.is_empty()));
        p
    }
}

/// A minimal HTTP/1.1 client (one request per connection), so the tests
/// need no HTTP library.
struct Req {
    method: &'static str,
    url: String,
    headers: Vec<(String, String)>,
}

struct Client;

fn agent() -> Client {
    Client
}

impl Client {
    fn get(&self, url: &str) -> Req {
        Req {
            method: "GET",
            url: url.to_string(),
            headers: Vec::new(),
        }
    }

    fn post(&self, url: &str) -> Req {
        Req {
            method: "POST",
            url: url.to_string(),
            headers: Vec::new(),
        }
    }
}

impl Req {
    fn set(mut self, name: &str, value: &str) -> Req {
        self.headers.push((name.to_string(), value.to_string()));
        self
    }
}

fn send(req: Req, body: Option<&[u8]>) -> Answer {
    use std::io::Write;
    let rest = req.url.strip_prefix("http://").expect("http URL");
    let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let path = if path.is_empty() { "/" } else { path };
    let mut stream = std::net::TcpStream::connect(host).expect("connects");
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    let mut head = format!(
        "{} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n",
        req.method
    );
    for (k, v) in &req.headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    if let Some(b) = body {
        head.push_str(&format!("Content-Length: {}\r\n", b.len()));
    }
    head.push_str("\r\n");
    let mut out = head.into_bytes();
    out.extend_from_slice(body.unwrap_or_default());
    // The server may answer (413) before reading everything: ignore write errors.
    let _ = stream.write_all(&out);
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no response head: {:?}", String::from_utf8_lossy(&raw)));
    let head = String::from_utf8_lossy(&raw[..split]).to_string();
    let mut lines = head.split("\r\n");
    let status: u16 = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|c| c.parse().ok())
        .expect("status line");
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let mut body = raw[split + 4..].to_vec();
    assert!(
        !headers
            .iter()
            .any(|(k, v)| k == "transfer-encoding" && v.contains("chunked")),
        "answers carry a Content-Length"
    );
    if let Some((_, n)) = headers.iter().find(|(k, _)| k == "content-length") {
        body.truncate(n.parse().unwrap());
    }
    let content_type = headers
        .iter()
        .find(|(k, _)| k == "content-type")
        .map(|(_, v)| v.clone())
        .unwrap_or_default();
    Answer {
        status,
        content_type,
        headers,
        body,
    }
}

fn get(s: &Server, path: &str) -> Answer {
    send(agent().get(&s.url(path)), None)
}

fn post_json(s: &Server, path: &str, body: &[u8]) -> Answer {
    send(
        agent()
            .post(&s.url(path))
            .set("Content-Type", "application/json"),
        Some(body),
    )
}

/// A render of the resolution, the format chosen by `Accept` alone.
fn render_accepting(s: &Server, accept: &str, body: &[u8]) -> Answer {
    send(
        agent()
            .post(&s.url(&format!("/v1/forms/{FORM}/render")))
            .set("Content-Type", "application/json")
            .set("Accept", accept),
        Some(body),
    )
}

fn example() -> Value {
    common::example(FORM)
}

/// The example resolution as `format`: the media type, the leading bytes, the file
/// name from the form and the document number, and the same bytes as the library.
fn assert_document(a: &Answer, format: Format, media: &str, magic: &[u8]) {
    assert_eq!(a.status, 200, "{}", String::from_utf8_lossy(&a.body));
    assert_eq!(a.content_type, media);
    assert!(a.body.starts_with(magic));
    let file = format!(
        "attachment; filename=\"{FORM}_03-nq-cb.{}\"",
        format.extension()
    );
    assert_eq!(a.header("content-disposition"), Some(file.as_str()));
    let expected = common::render(FORM, &example(), format).unwrap();
    assert_eq!(a.body, expected, "same bytes as the library");
}

/// The example with document number `n` and a first member renamed, so every
/// case is distinct.
fn variant(n: u32) -> Value {
    let mut case = example();
    case["van_ban"]["so"] = json!(n);
    case["dang_vien"][0]["ho_ten"] = json!(format!("Lê Văn Hùng {}", roman(n)));
    case
}

fn roman(n: u32) -> String {
    // Letters only: names may not contain digits in some checks.
    let letters = [
        "An", "Bình", "Cường", "Dũng", "Giang", "Hải", "Khánh", "Long",
    ];
    let mut out = Vec::new();
    let mut n = n as usize;
    loop {
        out.push(letters[n % letters.len()]);
        n /= letters.len();
        if n == 0 {
            break;
        }
    }
    out.join(" ")
}

fn render_path(format: &str) -> String {
    format!("/v1/forms/{FORM}/render?format={format}")
}

#[test]
fn every_route_answers() {
    let s = Server::start(&[], &[]);

    let health = get(&s, "/healthz");
    assert_eq!(health.status, 200);
    assert_eq!(health.json()["status"], "ok");

    let forms = get(&s, "/v1/forms");
    assert_eq!(forms.status, 200);
    let list = forms.json();
    let first = list
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == FORM)
        .expect("the resolution is listed");
    assert!(first["title"].as_str().unwrap().starts_with("Nghị quyết"));
    assert_eq!(first["category"], "nghi-quyet");
    assert_eq!(first["formats"], json!(["pdf", "docx", "png"]));

    let detail = get(&s, &format!("/v1/forms/{FORM}"));
    assert_eq!(detail.status, 200);
    let detail = detail.json();
    assert_eq!(detail["id"], FORM);
    assert_eq!(detail["example"], example());
    let on_disk: Value = serde_json::from_str(
        &std::fs::read_to_string(format!("forms/{FORM}/schema.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(detail["schema"], on_disk);

    // PDF by query, DOCX by Accept.
    let body = serde_json::to_vec(&example()).unwrap();
    let pdf = post_json(&s, &render_path("pdf"), &body);
    assert_document(&pdf, Format::Pdf, "application/pdf", b"%PDF-");

    let docx = render_accepting(&s, Format::Docx.content_type(), &body);
    assert_document(&docx, Format::Docx, Format::Docx.content_type(), b"PK");

    // A preview of the first page, by query and by Accept.
    let png = post_json(&s, &render_path("png"), &body);
    assert_document(&png, Format::Png, "image/png", b"\x89PNG\r\n\x1a\n");
    let by_accept = render_accepting(&s, "image/png", &body);
    assert_eq!(by_accept.content_type, "image/png");
    assert_eq!(by_accept.body, png.body);

    let vote = post_json(
        &s,
        "/v1/vote",
        br#"{"profile":"hd02-btctw-2021","ballot":"inclusion","base":21,"yes":14}"#,
    );
    assert_eq!(vote.status, 200);
    let v = vote.json();
    assert_eq!(v["passed"], true);
    assert_eq!(v["min_yes"], 14);
    assert_eq!(v["percent"], "66,67%");
    assert_eq!(v["threshold"], "at-least-two-thirds");
    assert_eq!(v["threshold_vi"], "từ hai phần ba trở lên");
    let v = post_json(
        &s,
        "/v1/vote",
        br#"{"profile":"qd02-tu-hanoi-2025","ballot":"progress","base":20,"yes":10}"#,
    )
    .json();
    assert_eq!(v["passed"], false, "Hà Nội: more than half");
    assert_eq!(v["min_yes"], 11);

    assert!(health.header("x-request-id").is_some());
}

#[test]
fn openapi_document_matches_the_router() {
    let s = Server::start(&[], &[]);
    let doc = get(&s, "/openapi.json");
    assert_eq!(doc.status, 200);
    let doc = doc.json();
    assert_eq!(doc["openapi"], "3.1.0");
    let paths = doc["paths"].as_object().unwrap();
    let mut seen = Vec::new();
    for (path, item) in paths {
        for method in item.as_object().unwrap().keys() {
            let concrete = path.replace("{id}", FORM);
            let answer = match method.as_str() {
                "get" => get(&s, &concrete),
                "post" => post_json(&s, &concrete, b"{}"),
                other => panic!("unexpected method {other}"),
            };
            // A register document's path is routed; "{doc}" names no document.
            let no_such_document = path.contains("{doc}")
                && answer.status == 404
                && String::from_utf8_lossy(&answer.body).contains("trong sổ văn bản đi");
            assert!(
                no_such_document || (answer.status != 404 && answer.status != 405),
                "{method} {path} is documented but not routed ({})",
                answer.status
            );
            // One render path per form: listed once, as the router has it.
            let generic = common::renderer()
                .catalog()
                .iter()
                .fold(path.clone(), |p, f| {
                    p.replace(&format!("/{}/", f.id), "/{id}/")
                });
            seen.push(format!("{method} {generic}"));
        }
    }
    for form in common::renderer().catalog().iter() {
        let render = &paths[&format!("/v1/forms/{}/render", form.id)]["post"];
        assert_eq!(
            render["requestBody"]["content"]["application/json"]["schema"]["$ref"],
            format!("#/components/schemas/case.{}", form.id),
            "the render path of {} takes that form's case",
            form.id
        );
    }
    seen.sort();
    seen.dedup();
    assert_eq!(
        seen,
        [
            "get /healthz",
            "get /openapi.json",
            "get /v1/forms",
            "get /v1/forms/{id}",
            "get /v1/register",
            "get /v1/register/book",
            "get /v1/register/terms",
            "get /v1/register/{doc}",
            "post /v1/forms/{id}/check",
            "post /v1/forms/{id}/issue",
            "post /v1/forms/{id}/render",
            "post /v1/packs/quarterly",
            "post /v1/register/terms",
            "post /v1/register/{doc}/void",
            "post /v1/vote",
        ]
    );
    // Every $ref resolves inside the document.
    fn refs(v: &Value, out: &mut Vec<String>) {
        match v {
            Value::Object(m) => {
                for (k, v) in m {
                    match (k.as_str(), v) {
                        ("$ref", Value::String(r)) => out.push(r.clone()),
                        _ => refs(v, out),
                    }
                }
            }
            Value::Array(a) => a.iter().for_each(|v| refs(v, out)),
            _ => {}
        }
    }
    let mut all = Vec::new();
    refs(&doc, &mut all);
    assert!(all.len() > 5);
    let schemas = doc["components"]["schemas"].as_object().unwrap();
    for r in all {
        let name = r
            .strip_prefix("#/components/schemas/")
            .unwrap_or_else(|| panic!("unexpected $ref {r}"));
        assert!(schemas.contains_key(name), "dangling $ref {r}");
    }
    assert!(schemas.contains_key(&format!("case.{FORM}")));

    // Every documented format renders, as a documented media type.
    let render = &doc["paths"][format!("/v1/forms/{FORM}/render")]["post"];
    let formats = render["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "format")
        .unwrap()["schema"]["enum"]
        .as_array()
        .unwrap();
    assert_eq!(formats.len(), 3);
    let body = serde_json::to_vec(&example()).unwrap();
    for f in formats {
        let answer = post_json(&s, &render_path(f.as_str().unwrap()), &body);
        assert_eq!(answer.status, 200, "format {f}");
        assert!(
            render["responses"]["200"]["content"]
                .get(&answer.content_type)
                .is_some(),
            "{f} answers {} which is not documented",
            answer.content_type
        );
    }
}

#[test]
fn every_error_status_is_problem_json() {
    let s = Server::start(&["--max-body", "65536"], &[]);
    let body = serde_json::to_vec(&example()).unwrap();

    // 400: malformed JSON; bad format parameter.
    let p = post_json(&s, &render_path("pdf"), b"{\"quy_dinh\": ").problem(400);
    assert!(p["detail"].as_str().unwrap().contains("JSON"));
    let p = post_json(&s, &render_path("odt"), &body).problem(400);
    assert!(p["detail"].as_str().unwrap().contains("pdf, docx hoặc png"));
    post_json(&s, "/v1/vote", b"[1, 2").problem(400);

    // 404: unknown form (every route that names one) and unknown route.
    post_json(&s, "/v1/forms/khong-co/render", &body).problem(404);
    get(&s, "/v1/forms/khong-co").problem(404);
    get(&s, "/v2/nothing").problem(404);
    // 405
    get(&s, "/v1/vote").problem(405);

    // 406: Accept names nothing we make.
    render_accepting(&s, "text/html", &body).problem(406);

    // 413: over the configured limit.
    let mut big = example();
    big["cuoc_hop"]["dia_diem"] = json!("x ".repeat(40_000));
    post_json(&s, &render_path("pdf"), &serde_json::to_vec(&big).unwrap()).problem(413);

    // 415: not JSON, or no content type at all.
    send(
        agent()
            .post(&s.url(&render_path("pdf")))
            .set("Content-Type", "text/plain"),
        Some(&body),
    )
    .problem(415);
    send(agent().post(&s.url("/v1/vote")), Some(b"{}")).problem(415);

    // 422: the data breaks the rules; each problem names its field in Vietnamese.
    let mut bad = example();
    bad["cuoc_hop"]["so_luong"]["co_mat"] = json!(40);
    bad["dang_vien"][1]["phieu"]["dong_y"] = json!(30);
    let p = post_json(&s, &render_path("pdf"), &serde_json::to_vec(&bad).unwrap()).problem(422);
    let errors = p["errors"].as_array().unwrap();
    assert!(!errors.is_empty());
    for e in errors {
        assert!(e["field"].as_str().is_some_and(|f| !f.is_empty()));
        assert!(e["message"].as_str().is_some_and(|m| !m.is_empty()));
    }
    assert!(
        errors
            .iter()
            .any(|e| e["field"] == "cuoc_hop.so_luong.co_mat"),
        "{errors:?}"
    );
    let p = post_json(&s, &render_path("pdf"), br#"{"la": 1}"#).problem(422);
    assert!(!p["errors"].as_array().unwrap().is_empty());
    let p = post_json(
        &s,
        "/v1/vote",
        br#"{"profile":"hd02-btctw-2021","ballot":"inclusion","base":10,"yes":11}"#,
    )
    .problem(422);
    assert_eq!(p["errors"][0]["field"], "yes");
    let p = post_json(
        &s,
        "/v1/vote",
        br#"{"profile":"khac","ballot":"inclusion","base":10,"yes":1}"#,
    )
    .problem(422);
    assert_eq!(p["errors"][0]["field"], "profile");

    // Odd but well-formed inputs never produce a 500.
    for odd in [
        &b"null"[..],
        b"[]",
        b"\"\"",
        b"1e400",
        b"{\"quy_dinh\": \"\\u0000\"}",
    ] {
        let a = post_json(&s, &render_path("docx"), odd);
        assert!(a.status < 500, "{} for {:?}", a.status, odd);
    }
}

#[test]
fn full_queue_answers_503_at_once() {
    let s = Server::start(&["--workers", "1", "--queue", "0"], &[]);
    let s = Arc::new(s);
    let handles: Vec<_> = (0..12)
        .map(|i| {
            let s = Arc::clone(&s);
            thread::spawn(move || {
                let body = serde_json::to_vec(&variant(100 + i)).unwrap();
                let started = Instant::now();
                let a = post_json(&s, &render_path("docx"), &body);
                (a, started.elapsed())
            })
        })
        .collect();
    let answers: Vec<_> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    let ok = answers.iter().filter(|(a, _)| a.status == 200).count();
    let busy: Vec<_> = answers.iter().filter(|(a, _)| a.status == 503).collect();
    assert_eq!(ok + busy.len(), answers.len());
    assert!(ok >= 1);
    assert!(
        !busy.is_empty(),
        "a burst on one worker with no queue is refused"
    );
    for (a, _) in busy {
        a.problem(503);
        assert_eq!(a.header("retry-after"), Some("1"));
    }
}

#[test]
fn render_timeout_is_503_not_500() {
    let s = Server::start(&["--timeout-ms", "1"], &[]);
    let body = serde_json::to_vec(&example()).unwrap();
    let a = post_json(&s, &render_path("pdf"), &body);
    a.problem(503);
    assert!(a.header("retry-after").is_some());
}

#[test]
fn token_rule() {
    // Off loopback without a token: refused at start-up.
    let out = Command::new(env!("CARGO_BIN_EXE_dangvu"))
        .args(["serve", "--bind", "0.0.0.0", "--port", "0"])
        .env_remove("DANGVU_TOKEN")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(out.stdout.is_empty(), "never listened");
    assert!(String::from_utf8_lossy(&out.stderr).contains("token"));
    let out = Command::new(env!("CARGO_BIN_EXE_dangvu"))
        .args(["serve", "--port", "0"])
        .env("DANGVU_BIND", "::")
        .env_remove("DANGVU_TOKEN")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(
        !out.status.success(),
        "the environment is held to the same rule"
    );

    // With a token (from a file), every /v1 request needs it.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("token");
    std::fs::write(&file, format!("{TOKEN}\n")).unwrap();
    let s = Server::start(&["--token-file", file.to_str().unwrap()], &[]);
    get(&s, "/v1/forms").problem(401);
    send(
        agent()
            .get(&s.url("/v1/forms"))
            .set("Authorization", "Bearer sai-ma-truy-cap-0123456789xx"),
        None,
    )
    .problem(401);
    send(
        agent()
            .post(&s.url(&render_path("pdf")))
            .set("Content-Type", "application/json")
            .set("Authorization", &format!("Basic {TOKEN}")),
        Some(&serde_json::to_vec(&example()).unwrap()),
    )
    .problem(401);
    let ok = send(
        agent()
            .get(&s.url("/v1/forms"))
            .set("Authorization", &format!("Bearer {TOKEN}")),
        None,
    );
    assert_eq!(ok.status, 200);
    let ok = send(
        agent()
            .post(&s.url(&render_path("pdf")))
            .set("Content-Type", "application/json")
            .set("Authorization", &format!("Bearer {TOKEN}")),
        Some(&serde_json::to_vec(&example()).unwrap()),
    );
    assert_eq!(ok.status, 200);
    assert_eq!(get(&s, "/healthz").status, 200, "liveness needs no token");
    assert!(!s.logs().contains(TOKEN), "the token is never logged");
    // The document states the bearer scheme, never a header parameter.
    let doc = get(&s, "/openapi.json").json();
    assert_eq!(
        doc["components"]["securitySchemes"]["bearer"]["scheme"],
        "bearer"
    );
    let render = &doc["paths"][format!("/v1/forms/{FORM}/render")]["post"];
    assert_eq!(render["security"], json!([{ "bearer": [] }]));
    assert!(render["responses"].get("401").is_some());
    assert_no_authorization_parameter(&doc);

    // The same from the environment.
    let s = Server::start(&[], &[("DANGVU_TOKEN", TOKEN)]);
    get(&s, "/v1/forms").problem(401);
}

#[test]
fn concurrent_burst_renders_correct_bytes() {
    let s = Arc::new(Server::start(&[], &[]));
    let handles: Vec<_> = (0..8)
        .map(|t| {
            let s = Arc::clone(&s);
            thread::spawn(move || {
                let mut out = Vec::new();
                for i in 0..4u32 {
                    let n = 10 + t * 4 + i;
                    let format = if n % 2 == 0 {
                        Format::Pdf
                    } else {
                        Format::Docx
                    };
                    let body = serde_json::to_vec(&variant(n)).unwrap();
                    let a = post_json(&s, &render_path(format.extension()), &body);
                    out.push((n, format, a));
                }
                out
            })
        })
        .collect();
    for h in handles {
        for (n, format, a) in h.join().unwrap() {
            assert_eq!(a.status, 200, "{}", String::from_utf8_lossy(&a.body));
            let expected = common::render(FORM, &variant(n), format).unwrap();
            assert!(a.body == expected, "case {n} ({format:?}) differs");
            let name = format!("{FORM}_{n:02}-nq-cb.{}", format.extension());
            assert!(
                a.header("content-disposition").unwrap().contains(&name),
                "{:?}",
                a.header("content-disposition")
            );
        }
    }
}

#[test]
fn shutdown_finishes_requests_in_flight() {
    let mut s = Server::start(&["--workers", "1"], &[]);
    let base = s.base.clone();
    let handles: Vec<_> = (0..6)
        .map(|i| {
            let url = format!("{base}{}", render_path("docx"));
            thread::spawn(move || {
                let body = serde_json::to_vec(&variant(200 + i)).unwrap();
                send(
                    agent().post(&url).set("Content-Type", "application/json"),
                    Some(&body),
                )
            })
        })
        .collect();
    thread::sleep(Duration::from_millis(150));
    s.terminate();
    for h in handles {
        let a = h.join().unwrap();
        assert_eq!(a.status, 200, "in-flight request finished");
        assert!(a.body.starts_with(b"PK"));
    }
    let status = s.wait_exit(Duration::from_secs(20));
    assert!(status.success(), "clean exit: {status:?}");
    let logs = s.logs();
    assert!(logs.contains("shutdown requested"), "{logs}");
    assert_eq!(logs.matches("status=200").count(), 6, "{logs}");
}

#[test]
fn logs_carry_no_case_data() {
    let s = Server::start(&[], &[]);
    let case = example();
    let body = serde_json::to_vec(&case).unwrap();
    assert_eq!(post_json(&s, &render_path("pdf"), &body).status, 200);
    assert_eq!(post_json(&s, &render_path("docx"), &body).status, 200);
    let mut bad = case.clone();
    bad["dang_vien"][0]["phieu"]["dong_y"] = json!(99);
    assert_eq!(
        post_json(&s, &render_path("pdf"), &serde_json::to_vec(&bad).unwrap()).status,
        422
    );
    post_json(&s, "/v1/forms/Nguyễn-Văn-An/render", &body);
    // Give the log writer a moment.
    thread::sleep(Duration::from_millis(200));
    let logs = s.logs();
    assert!(
        logs.contains("route=/v1/forms/{id}/render") && logs.contains(&format!("form={FORM}")),
        "{logs}"
    );
    assert!(logs.contains("status=422"), "{logs}");
    fn leaves(v: &Value, out: &mut Vec<String>) {
        match v {
            Value::String(s) => out.push(s.clone()),
            Value::Array(a) => a.iter().for_each(|v| leaves(v, out)),
            Value::Object(m) => m.values().for_each(|v| leaves(v, out)),
            _ => {}
        }
    }
    let mut strings = Vec::new();
    leaves(&case, &mut strings);
    let mut checked = 0;
    for s in strings {
        // Skip codes that are not personal data and could occur by chance.
        if s.len() < 4 || s.is_ascii() {
            continue;
        }
        checked += 1;
        assert!(!logs.contains(&s), "case data in the logs: {s}");
    }
    assert!(checked > 10);
    assert!(!logs.contains("Nguyễn"), "{logs}");
}

#[test]
fn quarterly_pack_over_http_is_the_cli_pack() {
    // A small generated committee (rosters inline), as an office system sends it.
    let committee = dangvu::demo::committee(2, 24, 7);
    let body = serde_json::to_vec(&committee).unwrap();
    let s = Server::start(&[], &[]);
    let answer = post_json(&s, "/v1/packs/quarterly", &body);
    assert_eq!(
        answer.status,
        200,
        "{}",
        String::from_utf8_lossy(&answer.body)
    );
    assert_eq!(answer.content_type, "application/zip");
    let renderer = common::renderer();
    let options = dangvu::pack::Options {
        base_dir: None,
        skip_bad_rows: false,
        files: Default::default(),
    };
    let expected = dangvu::pack::build(renderer, &body, &options, None).unwrap();
    assert!(
        answer.body == expected,
        "the service's ZIP differs from the library's"
    );

    // A bad field in one branch: 422 naming the branch's field.
    let mut bad = committee.clone();
    bad["chi_bo"][1]["to_chuc"]["ky_hieu"] = json!("");
    let answer = post_json(
        &s,
        "/v1/packs/quarterly",
        &serde_json::to_vec(&bad).unwrap(),
    );
    let p = answer.problem(422);
    let text = p.to_string();
    assert!(text.contains("chi_bo[1]"), "{text}");
}

#[test]
fn each_route_has_its_own_body_limit() {
    // The ward of the seed report (72 branches, 4,216 members, rosters
    // inline): 1.6 MB, over the 1 MiB limit of a single render. One field
    // made invalid, so the answer proves the body was read and checked (422)
    // without rendering 148 documents.
    let mut ward = dangvu::demo::committee(72, 4216, 1);
    ward["chi_bo"][40]["to_chuc"]["ky_hieu"] = json!("");
    let ward = serde_json::to_vec_pretty(&ward).unwrap();
    assert!(ward.len() > 1024 * 1024, "{} bytes", ward.len());
    let big_render = {
        let mut case = example();
        case["cuoc_hop"]["dia_diem"] = json!("x ".repeat(600_000));
        serde_json::to_vec(&case).unwrap()
    };
    assert!(big_render.len() > 1024 * 1024);

    // Defaults: the committee goes through, the oversized render does not.
    let s = Server::start(&[], &[]);
    let p = post_json(&s, "/v1/packs/quarterly", &ward).problem(422);
    assert!(p.to_string().contains("chi_bo[40]"), "{p}");
    post_json(&s, &render_path("pdf"), &big_render).problem(413);
    drop(s);

    // Both limits configurable: by flag and by environment variable.
    let s = Server::start(
        &["--max-pack-body", "1000000"],
        &[("DANGVU_MAX_BODY", "2000000")],
    );
    let p = post_json(&s, "/v1/packs/quarterly", &ward).problem(413);
    assert!(p["detail"].as_str().unwrap().contains("1000000"), "{p}");
    // The render body now fits the limit: refused only for its content.
    post_json(&s, &render_path("pdf"), &big_render).problem(422);
    drop(s);
    let s = Server::start(&[], &[("DANGVU_MAX_PACK_BODY", "1000")]);
    post_json(&s, "/v1/packs/quarterly", &ward).problem(413);
}

#[test]
fn the_largest_committee_fits_the_default_pack_limit() {
    // 2,000 branches and 120,000 members, as `demo-data` writes them (pretty
    // printed, the larger form).
    let c = dangvu::demo::committee(2000, 120_000, 7);
    let json = serde_json::to_vec_pretty(&c).unwrap();
    assert!(
        json.len() < dangvu::server::DEFAULT_MAX_PACK_BODY,
        "{} bytes",
        json.len()
    );
}

/// Copies the built-in forms into `dir`, with `line` added to one form's
/// template right after its page setup.
fn forms_with(dir: &std::path::Path, form: &str, line: &str) {
    fn copy(from: &std::path::Path, to: &std::path::Path) {
        std::fs::create_dir_all(to).unwrap();
        for e in std::fs::read_dir(from).unwrap() {
            let e = e.unwrap();
            let target = to.join(e.file_name());
            if e.file_type().unwrap().is_dir() {
                copy(&e.path(), &target);
            } else {
                std::fs::copy(e.path(), target).unwrap();
            }
        }
    }
    copy(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("forms"),
        dir,
    );
    let template = dir.join(form).join("template.typ");
    let text = std::fs::read_to_string(&template).unwrap();
    let setup = "#show: dv.document.with(v.page)\n";
    assert!(text.contains(setup));
    std::fs::write(&template, text.replace(setup, &format!("{setup}{line}\n"))).unwrap();
}

#[test]
fn a_panicking_render_is_a_500_with_the_request_id_and_the_service_goes_on() {
    // A page 100 km wide: Typst lays it out and writes its PDF, but its PNG
    // renderer panics (typst-render unwraps a pixmap that cannot exist).
    let dir = tempfile::tempdir().unwrap();
    forms_with(dir.path(), FORM, "#set page(width: 10000000cm)");
    let forms = dir.path().to_str().unwrap();
    let s = Server::start(&["--forms", forms, "--workers", "1"], &[]);
    let body = serde_json::to_vec(&example()).unwrap();

    let a = post_json(&s, &render_path("png"), &body);
    let p = a.problem(500);
    let id = a.header("x-request-id").expect("request id header");
    assert_eq!(p["request_id"].to_string(), id, "{p}");
    let shown = p.to_string();
    assert!(shown.contains(id), "{shown}");
    for internal in ["panic", "typst", "unwrap", "pixmap", ".rs"] {
        assert!(!shown.to_lowercase().contains(internal), "{shown}");
    }
    // Logged with its cause, under the same request id.
    thread::sleep(Duration::from_millis(100));
    let logs = s.logs();
    let line = logs
        .lines()
        .find(|l| l.contains("render failed"))
        .unwrap_or_else(|| panic!("{logs}"));
    assert!(line.contains("kind=\"panic\""), "{line}");
    assert!(line.contains("unwrap()"), "{line}");
    assert!(line.contains(&format!("request_id={id}")), "{line}");

    // The next requests are served, on the same single worker.
    let a = post_json(&s, &render_path("pdf"), &body);
    assert_eq!(a.status, 200, "{}", String::from_utf8_lossy(&a.body));
    let other = "nghi-quyet-de-nghi-xoa-ten";
    let other_case = serde_json::to_vec(&common::example(other)).unwrap();
    let a = post_json(
        &s,
        &format!("/v1/forms/{other}/render?format=png"),
        &other_case,
    );
    assert_eq!(a.status, 200, "{}", String::from_utf8_lossy(&a.body));
}

/// A preview of every page: `?page=N` pictures page N, `Page-Count` says how
/// many there are (as many as the PDF has), a page beyond is a 400 in
/// Vietnamese, and a malformed page number is a 400 too.
#[test]
fn png_preview_of_every_page() {
    let s = Server::start(&[], &[]);
    let form = "nghi-quyet-ket-qua-sang-loc";
    let case = common::example(form);
    let body = serde_json::to_vec(&case).unwrap();
    let pages = common::renderer().paged(form, &body).unwrap().pages().len();
    assert!(pages >= 2, "the example spans pages ({pages})");
    let path = |q: &str| format!("/v1/forms/{form}/render?format=png{q}");

    let first = post_json(&s, &path(""), &body);
    assert_eq!(first.status, 200);
    assert_eq!(first.header("page-count"), Some(pages.to_string().as_str()));
    let mut seen = vec![first.body.clone()];
    for n in 1..=pages {
        let a = post_json(&s, &path(&format!("&page={n}")), &body);
        assert_eq!(a.status, 200, "{}", String::from_utf8_lossy(&a.body));
        assert_eq!(a.content_type, "image/png");
        assert!(a.body.starts_with(b"\x89PNG\r\n\x1a\n"));
        assert_eq!(a.header("page-count"), Some(pages.to_string().as_str()));
        let expected = common::renderer().preview(form, &body, n).unwrap();
        assert_eq!(a.body, expected.rendered.bytes, "same bytes as the library");
        if n == 1 {
            assert_eq!(a.body, first.body, "page 1 is the default");
        } else {
            assert!(!seen.contains(&a.body), "page {n} is a picture of its own");
            let disposition = a.header("content-disposition").unwrap();
            assert!(
                disposition.contains(&format!("_trang-{n}.png")),
                "{disposition}"
            );
        }
        seen.push(a.body);
    }

    let beyond = post_json(&s, &path(&format!("&page={}", pages + 1)), &body).problem(400);
    assert_eq!(beyond["title"], "Không có trang này");
    assert!(
        beyond["detail"]
            .as_str()
            .unwrap()
            .contains(&format!("có {pages} trang")),
        "{beyond}"
    );
    for bad in ["0", "-1", "hai", ""] {
        let p = post_json(&s, &path(&format!("&page={bad}")), &body).problem(400);
        assert!(p["detail"].as_str().unwrap().contains("page"), "{p}");
    }
    // PDF and DOCX hold every page: no Page-Count, page ignored.
    let pdf = post_json(
        &s,
        &format!("/v1/forms/{form}/render?format=pdf&page=2"),
        &body,
    );
    assert_eq!(pdf.status, 200);
    assert_eq!(pdf.header("page-count"), None);
}

/// A `multipart/form-data` body: `(name, file name, content type, bytes)`.
fn multipart(parts: &[(&str, Option<&str>, &str, &[u8])]) -> (String, Vec<u8>) {
    let boundary = "----dangvu-kiem-tra-7f3a9c";
    let mut body = Vec::new();
    for (name, file, media, bytes) in parts {
        body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
        let file = file
            .map(|f| format!("; filename=\"{f}\""))
            .unwrap_or_default();
        body.extend_from_slice(
            format!(
                "Content-Disposition: form-data; name=\"{name}\"{file}\r\nContent-Type: {media}\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

fn post_multipart(s: &Server, path: &str, parts: &[(&str, Option<&str>, &str, &[u8])]) -> Answer {
    let (media, body) = multipart(parts);
    send(
        agent().post(&s.url(path)).set("Content-Type", &media),
        Some(&body),
    )
}

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// The pack page's upload: the committee JSON plus its rosters as the XLSX
/// and CSV files an office keeps give the same ZIP as the JSON route with
/// the rosters inline; a bad cell comes back located (branch, sheet, row,
/// column, header) as typed fields, not only in the message.
#[test]
fn quarterly_pack_from_uploaded_rosters() {
    use common::sheets::{to_csv, to_xlsx, xlsx_rows};
    use dangvu::roster::Member;
    let committee = dangvu::demo::committee(2, 24, 7);
    let members = |i: usize| -> Vec<Member> {
        serde_json::from_value(committee["chi_bo"][i]["danh_sach"].clone()).unwrap()
    };
    let mut rows = xlsx_rows(&members(0));
    let xlsx = to_xlsx(&rows);
    let csv = to_csv(&members(1));
    let mut named = committee.clone();
    named["chi_bo"][0]["danh_sach"] = json!("chi-bo-1.xlsx");
    named["chi_bo"][1]["danh_sach"] = json!("chi bộ 2.csv");
    let named = serde_json::to_vec(&named).unwrap();

    let s = Server::start(&[], &[]);
    let inline = post_json(
        &s,
        "/v1/packs/quarterly",
        &serde_json::to_vec(&committee).unwrap(),
    );
    assert_eq!(inline.status, 200);
    let upload = post_multipart(
        &s,
        "/v1/packs/quarterly",
        &[
            ("committee", None, "application/json", &named),
            ("danh_sach", Some("chi-bo-1.xlsx"), XLSX, &xlsx),
            ("danh_sach", Some("chi bộ 2.csv"), "text/csv", &csv),
        ],
    );
    assert_eq!(
        upload.status,
        200,
        "{}",
        String::from_utf8_lossy(&upload.body)
    );
    assert_eq!(upload.content_type, "application/zip");
    assert!(
        upload.body == inline.body,
        "uploaded rosters give another ZIP"
    );
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&upload.body)).unwrap();
    let mut manifest = String::new();
    zip.by_name("manifest.json")
        .unwrap()
        .read_to_string(&mut manifest)
        .unwrap();
    let manifest: Value = serde_json::from_str(&manifest).unwrap();
    let files = manifest["files"].as_array().unwrap();
    // Per branch the screening report, for the committee two reports; each twice.
    assert_eq!(files.len(), 2 * (2 + 2), "{manifest}");
    let branch = committee["chi_bo"][0]["to_chuc"]["ten"].clone();
    assert!(files.iter().any(|f| f["branch"] == branch));

    // A bad cell: C4 of the first branch's sheet.
    rows[3][2] = "Không rõ".into();
    let bad = post_multipart(
        &s,
        "/v1/packs/quarterly",
        &[
            ("committee", None, "application/json", &named),
            ("danh_sach", Some("chi-bo-1.xlsx"), XLSX, &to_xlsx(&rows)),
            ("danh_sach", Some("chi bộ 2.csv"), "text/csv", &csv),
        ],
    )
    .problem(422);
    let errors = bad["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1, "{bad}");
    let e = &errors[0];
    assert_eq!(e["field"], "chi_bo[0].danh_sach");
    assert_eq!(e["branch"], branch);
    assert_eq!(e["sheet"], "Danh sách");
    assert_eq!(e["row"], 4);
    assert_eq!(e["column"], "C");
    assert_eq!(e["header"], "Giới tính");
    assert!(e["message"].as_str().unwrap().contains("Không rõ"), "{e}");

    // A roster named but not uploaded; an upload without the committee part.
    let missing = post_multipart(
        &s,
        "/v1/packs/quarterly",
        &[
            ("committee", None, "application/json", &named),
            ("danh_sach", Some("chi-bo-1.xlsx"), XLSX, &xlsx),
        ],
    )
    .problem(422);
    let e = &missing["errors"][0];
    assert_eq!(e["field"], "chi_bo[1].danh_sach");
    assert!(
        e["message"].as_str().unwrap().contains("chi bộ 2.csv"),
        "{e}"
    );
    assert!(e.get("row").is_none(), "{e}");
    let twice = post_multipart(
        &s,
        "/v1/packs/quarterly",
        &[
            ("committee", None, "application/json", &named),
            ("danh_sach", Some("chi-bo-1.xlsx"), XLSX, &xlsx),
            ("danh_sach", Some("chi-bo-1.xlsx"), XLSX, &xlsx),
        ],
    )
    .problem(422);
    assert_eq!(twice["errors"][0]["field"], "danh_sach", "{twice}");
    let no_committee = post_multipart(
        &s,
        "/v1/packs/quarterly",
        &[("danh_sach", Some("chi-bo-1.xlsx"), XLSX, &xlsx)],
    )
    .problem(400);
    assert!(
        no_committee["detail"]
            .as_str()
            .unwrap()
            .contains("committee")
    );
}

/// No operation declares `Authorization` as a parameter (it is a security
/// scheme, or nothing).
fn assert_no_authorization_parameter(doc: &Value) {
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            for p in op["parameters"].as_array().into_iter().flatten() {
                assert!(
                    !p["name"]
                        .as_str()
                        .unwrap()
                        .eq_ignore_ascii_case("authorization"),
                    "{method} {path} declares Authorization as a parameter"
                );
            }
        }
    }
}

/// Without a token the document states no security at all, so clients
/// generated from it send no Authorization header and expect no 401.
#[test]
fn openapi_without_a_token_states_no_security() {
    let s = Server::start(&[], &[]);
    let doc = get(&s, "/openapi.json").json();
    assert!(doc["components"].get("securitySchemes").is_none());
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            assert!(op.get("security").is_none(), "{method} {path}");
            assert!(op["responses"].get("401").is_none(), "{method} {path}");
        }
    }
    assert_no_authorization_parameter(&doc);
    let vote = &doc["components"]["schemas"]["VoteRequest"]["properties"]["base"];
    assert_eq!(
        vote["minimum"], 1,
        "base 0 is refused, and the schema says so"
    );
}

/// Legacy text: a render converts TCVN3 and VNI fields and names them in a
/// header; the check endpoint says what it converted and what is wrong,
/// and ordinary Vietnamese passes through untouched.
#[test]
fn legacy_text_is_converted_and_named() {
    let s = Server::start(&[], &[]);
    let mut case = example();
    case["dang_vien"][0]["ho_ten"] = json!("NguyÔn V¨n Hïng");
    case["cuoc_hop"]["dia_diem"] = json!("Nhaø vaên hoùa Toå daân phoá soá 5");
    let legacy = serde_json::to_vec(&case).unwrap();
    let a = post_json(&s, &render_path("pdf"), &legacy);
    assert_eq!(a.status, 200, "{}", String::from_utf8_lossy(&a.body));
    assert_eq!(
        a.header("legacy-text-converted"),
        Some("cuoc_hop.dia_diem=vni, dang_vien[0].ho_ten=tcvn3")
    );
    let mut unicode = case.clone();
    unicode["dang_vien"][0]["ho_ten"] = json!("Nguyễn Văn Hùng");
    unicode["cuoc_hop"]["dia_diem"] = json!("Nhà văn hóa Tổ dân phố số 5");
    let expected = common::render(FORM, &unicode, Format::Pdf).unwrap();
    assert!(
        a.body == expected,
        "the legacy case renders as its Unicode twin"
    );

    let checked = post_json(&s, &format!("/v1/forms/{FORM}/check"), &legacy);
    assert_eq!(checked.status, 200);
    let c = checked.json();
    assert_eq!(c["valid"], true, "{c}");
    assert_eq!(c["errors"], json!([]));
    // The number as printed, what another paper cites it by.
    let printed = common::renderer()
        .prepare(FORM, &serde_json::to_vec(&unicode).unwrap())
        .unwrap()
        .doc_number;
    assert_eq!(c["doc_number"], json!(printed), "{c}");
    assert!(printed.contains("-NQ/"), "{printed}");
    assert_eq!(
        c["converted"],
        json!([
            { "field": "cuoc_hop.dia_diem", "encoding": "vni", "value": "Nhà văn hóa Tổ dân phố số 5" },
            { "field": "dang_vien[0].ho_ten", "encoding": "tcvn3", "value": "Nguyễn Văn Hùng" }
        ])
    );

    // Ordinary text: no header, nothing converted.
    let plain = post_json(
        &s,
        &render_path("pdf"),
        &serde_json::to_vec(&unicode).unwrap(),
    );
    assert_eq!(plain.status, 200);
    assert_eq!(plain.header("legacy-text-converted"), None);

    // An invalid case: valid false, the problems by field, still 200.
    let mut bad = unicode.clone();
    bad["cuoc_hop"]["so_luong"]["co_mat"] = json!(999);
    let c = post_json(
        &s,
        &format!("/v1/forms/{FORM}/check"),
        &serde_json::to_vec(&bad).unwrap(),
    );
    assert_eq!(c.status, 200);
    let c = c.json();
    assert_eq!(c["valid"], false);
    assert_eq!(c.get("doc_number"), None, "no number for an invalid case");
    assert!(
        c["errors"].as_array().unwrap().iter().any(|e| e["field"]
            .as_str()
            .unwrap()
            .starts_with("cuoc_hop.so_luong")),
        "{c}"
    );
    assert_eq!(c["converted"], json!([]));
    post_json(&s, "/v1/forms/khong-co/check", b"{}").problem(404);
    post_json(&s, &format!("/v1/forms/{FORM}/check"), b"{").problem(400);
}

#[test]
fn pdf_standard_a_2b_gives_the_archival_pdf_and_a_bad_value_is_400() {
    let s = Server::start(&[], &[]);
    let body = serde_json::to_vec(&example()).unwrap();
    let archival = post_json(
        &s,
        &format!("{}&pdf_standard=a-2b", render_path("pdf")),
        &body,
    );
    assert_eq!(archival.status, 200);
    assert_eq!(archival.content_type, "application/pdf");
    let options = dangvu::RenderOptions {
        pdf_standard: dangvu::PdfStandard::A2b,
    };
    let expected = common::renderer()
        .render_with(FORM, &body, Format::Pdf, options)
        .unwrap();
    assert_eq!(archival.body, expected.bytes, "the library's PDF/A bytes");
    let plain = post_json(
        &s,
        &format!("{}&pdf_standard=pdf", render_path("pdf")),
        &body,
    );
    assert_eq!(
        plain.body,
        common::render(FORM, &example(), Format::Pdf).unwrap()
    );
    let bad = post_json(
        &s,
        &format!("{}&pdf_standard=a-1b", render_path("pdf")),
        &body,
    );
    let problem = bad.problem(400);
    assert!(
        problem["detail"]
            .as_str()
            .unwrap_or_default()
            .contains("pdf_standard")
    );
    let spec = get(&s, "/openapi.json").json();
    let params = &spec["paths"][format!("/v1/forms/{FORM}/render")]["post"]["parameters"];
    let declared = params
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "pdf_standard")
        .expect("pdf_standard is documented");
    assert_eq!(declared["schema"]["enum"], json!(["pdf", "a-2b"]));
}

#[test]
fn a_large_pack_streams_the_same_bytes_as_the_cli() {
    // Large enough that the ZIP (about 5 MB) spans many chunks of the
    // streamed answer; the CLI writes the same committee to a file.
    let committee = dangvu::demo::committee(120, 6000, 5);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dang-uy.json");
    std::fs::write(&path, serde_json::to_vec(&committee).unwrap()).unwrap();
    let zip = dir.path().join("bo-bao-cao.zip");
    let cli = Command::new(env!("CARGO_BIN_EXE_dangvu"))
        .arg("pack")
        .arg(&path)
        .arg("-o")
        .arg(&zip)
        .output()
        .expect("dangvu pack runs");
    assert!(
        cli.status.success(),
        "{}",
        String::from_utf8_lossy(&cli.stderr)
    );
    let expected = std::fs::read(&zip).unwrap();
    assert!(expected.len() > 4 * 1024 * 1024, "{} bytes", expected.len());

    let s = Server::start(&[], &[]);
    let answer = post_json(&s, "/v1/packs/quarterly", &std::fs::read(&path).unwrap());
    assert_eq!(
        answer.status,
        200,
        "{}",
        String::from_utf8_lossy(&answer.body)
    );
    assert_eq!(answer.content_type, "application/zip");
    assert_eq!(
        answer.header("content-length"),
        Some(expected.len().to_string().as_str())
    );
    assert!(
        answer.body == expected,
        "the streamed ZIP differs from the CLI's"
    );
    // The service still answers after the download.
    assert_eq!(get(&s, "/healthz").status, 200);
}

/// `dangvu serve` that must refuse to start: its stderr. Killed (and the
/// test failed) if it listens instead.
fn refused_at_start(args: &[&str], env: &[(&str, &str)]) -> String {
    let register = tempfile::tempdir().unwrap();
    let mut child = serve(register.path(), args, env).spawn().unwrap();
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > Duration::from_secs(30) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("dangvu serve {args:?} {env:?} started instead of refusing");
        }
        thread::sleep(Duration::from_millis(50));
    };
    let mut out = String::new();
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut out)
        .unwrap();
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    assert!(!status.success(), "{err}");
    assert!(out.is_empty(), "never listened: {out}");
    err
}

#[test]
fn a_blank_token_never_turns_the_token_check_off() {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in [("tok0", ""), ("tok1", "  \n\t\n")] {
        let file = dir.path().join(name);
        std::fs::write(&file, text).unwrap();
        let path = file.to_str().unwrap();
        let err = refused_at_start(&["--token-file", path], &[]);
        assert_eq!(
            err,
            format!(
                "dangvu: tệp mã truy cập \"{path}\" (--token-file) trống: không mở dịch vụ. \
                 Hãy ghi mã truy cập (ít nhất 16 ký tự), hoặc bỏ hẳn --token-file và \
                 DANGVU_TOKEN để chạy không cần mã (chỉ ở địa chỉ nội bộ 127.0.0.1)\n"
            )
        );
    }
    for blank in ["", "   "] {
        let err = refused_at_start(&[], &[("DANGVU_TOKEN", blank)]);
        assert_eq!(
            err,
            "dangvu: biến môi trường DANGVU_TOKEN được đặt nhưng trống: không mở dịch vụ. \
             Hãy ghi mã truy cập (ít nhất 16 ký tự), hoặc bỏ hẳn --token-file và \
             DANGVU_TOKEN để chạy không cần mã (chỉ ở địa chỉ nội bộ 127.0.0.1)\n",
            "DANGVU_TOKEN={blank:?}"
        );
    }
    // Unset, it is no token, on loopback.
    let s = Server::start(&[], &[]);
    assert_eq!(get(&s, "/v1/forms").status, 200);
}

#[test]
fn a_case_with_a_byte_order_mark_renders_and_an_empty_body_is_called_empty() {
    let s = Server::start(&[], &[]);
    let mut body = b"\xEF\xBB\xBF".to_vec();
    body.extend(serde_json::to_vec(&example()).unwrap());
    assert_document(
        &post_json(&s, &render_path("pdf"), &body),
        Format::Pdf,
        "application/pdf",
        b"%PDF-",
    );
    let check = post_json(&s, &format!("/v1/forms/{FORM}/check"), &body);
    assert_eq!(check.status, 200);
    assert_eq!(check.json()["valid"], true);
    for empty in [&b""[..], b"\xEF\xBB\xBF", b"  \r\n"] {
        let p = post_json(&s, &render_path("pdf"), empty).problem(400);
        assert_eq!(
            p["detail"], "hồ sơ trống: nội dung gửi lên không có dữ liệu JSON nào",
            "{empty:?}"
        );
    }
}
