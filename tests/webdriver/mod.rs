//! A small WebDriver client over `std`: headless Chromium driven by
//! chromedriver, JSON over HTTP on loopback.
//!
//! Written here rather than taken from a crate (fantoccini, thirtyfour): those
//! bring hyper's client and more Tokio features, and dev-dependencies must not
//! change the feature sets of the crates the release binary is built with (so
//! that `cargo test --release` after `cargo build --release` compiles nothing
//! but dangvu). The protocol needs a dozen commands; this is all of them.

#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

pub const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// A chromedriver process and one browser session in it.
pub struct Browser {
    driver: Child,
    port: u16,
    session: String,
    pub downloads: PathBuf,
    _profile: tempfile::TempDir,
    _downloads: tempfile::TempDir,
}

/// An element of the current page.
#[derive(Clone, Debug)]
pub struct El(pub String);

impl El {
    fn json(&self) -> Value {
        json!({ ELEMENT: self.0 })
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// One HTTP/1.1 request with a JSON body; the JSON answer.
fn http(port: u16, method: &str, path: &str, body: Option<&Value>) -> (u16, Value) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("chromedriver answers");
    stream
        .set_read_timeout(Some(Duration::from_secs(120)))
        .unwrap();
    let payload = body.map(|b| b.to_string()).unwrap_or_default();
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\
         Content-Type: application/json; charset=utf-8\r\nContent-Length: {}\r\n\r\n",
        payload.len()
    );
    head.push_str(&payload);
    stream.write_all(head.as_bytes()).unwrap();
    // chromedriver may keep the connection open: read by Content-Length.
    let mut raw = Vec::new();
    let mut buf = [0u8; 16384];
    let split = loop {
        if let Some(i) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
            break i;
        }
        let n = stream.read(&mut buf).expect("an HTTP answer");
        assert!(n > 0, "chromedriver closed the connection");
        raw.extend_from_slice(&buf[..n]);
    };
    let head = String::from_utf8_lossy(&raw[..split]).to_ascii_lowercase();
    let status: u16 = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let length: Option<usize> = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse().ok());
    let chunked = head.contains("transfer-encoding: chunked");
    let mut body = raw[split + 4..].to_vec();
    loop {
        let complete = match length {
            Some(n) => body.len() >= n,
            None if chunked => body.ends_with(b"0\r\n\r\n"),
            None => false,
        };
        if complete {
            break;
        }
        let n = stream.read(&mut buf).unwrap_or(0);
        if n == 0 {
            break;
        }
        body.extend_from_slice(&buf[..n]);
    }
    if chunked {
        body = dechunk(&body);
    }
    let value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    (status, value)
}

fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(eol) = data.windows(2).position(|w| w == b"\r\n") {
        let size = usize::from_str_radix(
            String::from_utf8_lossy(&data[..eol])
                .split(';')
                .next()
                .unwrap()
                .trim(),
            16,
        )
        .unwrap_or(0);
        if size == 0 {
            break;
        }
        let start = eol + 2;
        out.extend_from_slice(&data[start..start + size]);
        data = &data[start + size + 2..];
    }
    out
}

/// Standard base64 (screenshots).
fn base64_decode(text: &str) -> Vec<u8> {
    fn val(c: u8) -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        } as u32)
    }
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0);
    for v in text.bytes().filter_map(val) {
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    out
}

impl Browser {
    /// Starts chromedriver and a fresh headless Chromium (own profile, own
    /// download folder) with a window of `width` × `height`.
    pub fn start(width: u32, height: u32) -> Browser {
        let port = free_port();
        let driver = Command::new(chromedriver())
            .arg(format!("--port={port}"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts (Debian package chromium-driver)");
        let until = Instant::now() + Duration::from_secs(30);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < until, "chromedriver did not start");
            thread::sleep(Duration::from_millis(50));
        }
        let profile = tempfile::tempdir().unwrap();
        let downloads = tempfile::tempdir().unwrap();
        let caps = json!({ "capabilities": { "alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": chromium(),
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                    "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage",
                    format!("--user-data-dir={}", profile.path().display()),
                    format!("--window-size={width},{height}"),
                ],
                "prefs": {
                    "download.default_directory": downloads.path(),
                    "download.prompt_for_download": false,
                    "download.directory_upgrade": true,
                    "profile.default_content_settings.popups": 0,
                    "profile.default_content_setting_values.automatic_downloads": 1,
                }
            },
            "goog:loggingPrefs": { "browser": "ALL" },
        }}});
        let (status, answer) = http(port, "POST", "/session", Some(&caps));
        assert_eq!(status, 200, "new session: {answer}");
        let session = answer["value"]["sessionId"]
            .as_str()
            .expect("a session id")
            .to_string();
        let browser = Browser {
            driver,
            port,
            session,
            downloads: downloads.path().to_path_buf(),
            _profile: profile,
            _downloads: downloads,
        };
        // Headless Chromium saves downloads only when told where.
        browser.cmd(
            "POST",
            "/chromium/send_command",
            json!({ "cmd": "Page.setDownloadBehavior",
                    "params": { "behavior": "allow", "downloadPath": browser.downloads } }),
        );
        browser
    }

    fn cmd(&self, method: &str, path: &str, body: Value) -> Value {
        let full = format!("/session/{}{path}", self.session);
        let body = (method == "POST").then_some(&body);
        let (status, answer) = http(self.port, method, &full, body);
        assert!(
            status == 200,
            "WebDriver {method} {path}: {status} {}",
            answer["value"]
        );
        answer["value"].clone()
    }

    fn try_cmd(&self, method: &str, path: &str, body: Value) -> Result<Value, Value> {
        let full = format!("/session/{}{path}", self.session);
        let body = (method == "POST").then_some(&body);
        let (status, answer) = http(self.port, method, &full, body);
        if status == 200 {
            Ok(answer["value"].clone())
        } else {
            Err(answer["value"].clone())
        }
    }

    pub fn goto(&self, url: &str) {
        self.cmd("POST", "/url", json!({ "url": url }));
    }

    pub fn refresh(&self) {
        self.cmd("POST", "/refresh", json!({}));
    }

    pub fn set_size(&self, width: u32, height: u32) {
        self.cmd(
            "POST",
            "/window/rect",
            json!({ "width": width, "height": height }),
        );
    }

    /// Runs a script in the page; `arguments` are the `args`.
    pub fn js(&self, script: &str, args: Vec<Value>) -> Value {
        self.cmd(
            "POST",
            "/execute/sync",
            json!({ "script": script, "args": args }),
        )
    }

    /// Runs a script that calls its last argument with the result.
    pub fn js_async(&self, script: &str) -> Value {
        self.cmd(
            "POST",
            "/execute/async",
            json!({ "script": script, "args": [] }),
        )
    }

    /// A key pressed while a modifier is held ("\u{E009}" is Control).
    pub fn chord(&self, modifier: &str, key: &str) {
        let actions = json!([
            { "type": "keyDown", "value": modifier },
            { "type": "keyDown", "value": key },
            { "type": "keyUp", "value": key },
            { "type": "keyUp", "value": modifier },
        ]);
        self.cmd(
            "POST",
            "/actions",
            json!({ "actions": [{ "type": "key", "id": "ban-phim", "actions": actions }] }),
        );
        self.cmd("DELETE", "/actions", json!({}));
    }

    pub fn find(&self, css: &str) -> El {
        let v = self.cmd(
            "POST",
            "/element",
            json!({ "using": "css selector", "value": css }),
        );
        El(v[ELEMENT]
            .as_str()
            .unwrap_or_else(|| panic!("no element matches {css}: {v}"))
            .to_string())
    }

    pub fn try_find(&self, css: &str) -> Option<El> {
        self.try_cmd(
            "POST",
            "/element",
            json!({ "using": "css selector", "value": css }),
        )
        .ok()
        .and_then(|v| v[ELEMENT].as_str().map(|s| El(s.to_string())))
    }

    pub fn find_all(&self, css: &str) -> Vec<El> {
        self.cmd(
            "POST",
            "/elements",
            json!({ "using": "css selector", "value": css }),
        )
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v[ELEMENT].as_str().map(|s| El(s.to_string())))
                .collect()
        })
        .unwrap_or_default()
    }

    /// The element whose `name` is a case field path.
    pub fn by_name(&self, name: &str) -> El {
        self.by_id(&format!("o.{name}"))
    }

    pub fn by_id(&self, id: &str) -> El {
        let v = self.js(
            "return document.getElementById(arguments[0]);",
            vec![json!(id)],
        );
        El(v[ELEMENT]
            .as_str()
            .unwrap_or_else(|| panic!("no element with id {id}"))
            .to_string())
    }

    pub fn click(&self, el: &El) {
        self.cmd("POST", &format!("/element/{}/click", el.0), json!({}));
    }

    pub fn clear(&self, el: &El) {
        self.cmd("POST", &format!("/element/{}/clear", el.0), json!({}));
    }

    pub fn type_into(&self, el: &El, text: &str) {
        self.cmd(
            "POST",
            &format!("/element/{}/value", el.0),
            json!({ "text": text }),
        );
    }

    /// Keys to whatever has the focus (WebDriver key codes allowed: "\u{E004}" is Tab).
    pub fn keys(&self, text: &str) {
        let mut actions = Vec::new();
        for c in text.chars() {
            actions.push(json!({ "type": "keyDown", "value": c.to_string() }));
            actions.push(json!({ "type": "keyUp", "value": c.to_string() }));
        }
        self.cmd(
            "POST",
            "/actions",
            json!({ "actions": [{ "type": "key", "id": "ban-phim", "actions": actions }] }),
        );
        self.cmd("DELETE", "/actions", json!({}));
    }

    pub fn attr(&self, el: &El, name: &str) -> Option<String> {
        self.cmd(
            "GET",
            &format!("/element/{}/attribute/{name}", el.0),
            json!({}),
        )
        .as_str()
        .map(str::to_string)
    }

    pub fn prop(&self, el: &El, name: &str) -> Value {
        self.cmd(
            "GET",
            &format!("/element/{}/property/{name}", el.0),
            json!({}),
        )
    }

    pub fn text(&self, el: &El) -> String {
        self.cmd("GET", &format!("/element/{}/text", el.0), json!({}))
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    pub fn tag(&self, el: &El) -> String {
        self.cmd("GET", &format!("/element/{}/name", el.0), json!({}))
            .as_str()
            .unwrap_or_default()
            .to_ascii_lowercase()
    }

    pub fn active(&self) -> El {
        let v = self.cmd("GET", "/element/active", json!({}));
        El(v[ELEMENT].as_str().unwrap_or_default().to_string())
    }

    pub fn el_arg(el: &El) -> Value {
        el.json()
    }

    /// A PNG of the viewport.
    pub fn screenshot(&self) -> Vec<u8> {
        let b64 = self.cmd("GET", "/screenshot", json!({}));
        base64_decode(b64.as_str().unwrap_or_default())
    }

    /// Browser console messages since the last call.
    pub fn console(&self) -> Vec<Value> {
        self.cmd("POST", "/se/log", json!({ "type": "browser" }))
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    /// Waits until `f` holds (polling every 25 ms); panics with `what` after `within`.
    pub fn wait<T>(&self, within: Duration, what: &str, mut f: impl FnMut() -> Option<T>) -> T {
        let until = Instant::now() + within;
        loop {
            if let Some(v) = f() {
                return v;
            }
            assert!(Instant::now() < until, "timed out waiting for {what}");
            thread::sleep(Duration::from_millis(25));
        }
    }

    /// Empties the download folder.
    pub fn clear_downloads(&self) {
        for entry in std::fs::read_dir(&self.downloads).unwrap().flatten() {
            let _ = std::fs::remove_file(entry.path());
        }
    }

    /// Waits for one finished download; its name and bytes.
    pub fn download(&self) -> (String, Vec<u8>) {
        self.wait(Duration::from_secs(60), "a download", || {
            let files: Vec<PathBuf> = std::fs::read_dir(&self.downloads)
                .ok()?
                .flatten()
                .map(|e| e.path())
                .collect();
            if files.len() != 1 {
                return None;
            }
            let path = &files[0];
            let name = path.file_name()?.to_string_lossy().to_string();
            if name.ends_with(".crdownload") || name.starts_with('.') {
                return None;
            }
            let bytes = std::fs::read(path).ok()?;
            (!bytes.is_empty()).then_some((name, bytes))
        })
    }

    pub fn download_dir(&self) -> &Path {
        &self.downloads
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = http(
            self.port,
            "DELETE",
            &format!("/session/{}", self.session),
            None,
        );
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

fn chromium() -> String {
    std::env::var("DANGVU_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into())
}

fn chromedriver() -> String {
    std::env::var("DANGVU_CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into())
}
