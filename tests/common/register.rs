//! A fresh PostgreSQL database per test, dropped afterwards, on the server
//! `DANGVU_TEST_POSTGRES` names (default: the local one `.ci/run` starts).

use std::sync::atomic::{AtomicUsize, Ordering};

pub const DEFAULT_URL: &str = "postgres://dangvu:dangvu@127.0.0.1:5432/dangvu_test";

pub fn server_url() -> String {
    std::env::var("DANGVU_TEST_POSTGRES").unwrap_or_else(|_| DEFAULT_URL.to_string())
}

pub struct Database {
    pub url: String,
    name: String,
}

impl Database {
    pub fn create() -> Database {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .subsec_nanos();
        let name = format!("dangvu_t_{}_{n}_{nanos}", std::process::id());
        let server = server_url();
        let mut admin = postgres::Client::connect(&server, postgres::NoTls).unwrap_or_else(|e| {
            panic!("the test PostgreSQL server ({server}) is needed: start it as .ci/run does, or set DANGVU_TEST_POSTGRES ({e})")
        });
        admin
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .expect("the test role may create databases");
        let base = server.rsplit_once('/').map_or(server.as_str(), |(b, _)| b);
        Database {
            url: format!("{base}/{name}"),
            name,
        }
    }
}

impl Drop for Database {
    fn drop(&mut self) {
        if let Ok(mut admin) = postgres::Client::connect(&server_url(), postgres::NoTls) {
            let _ = admin.batch_execute(&format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.name
            ));
        }
    }
}
