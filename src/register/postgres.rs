//! The register on a PostgreSQL server, for several replicas behind a load
//! balancer: the same tables, SQL and behaviour as the SQLite file. The
//! unique key on (organisation, kind, term, number) is what keeps two
//! replicas from recording the same number.

use std::sync::Mutex;

use postgres::error::SqlState;
use postgres::{Client, NoTls, Row};

use super::StoreError;
use super::store::{
    COLUMNS, Filter, INSERT_RENDITION_SQL, INSERT_SQL, Inserted, LAST_NUMBER_SQL, LIST_SQL,
    MIGRATIONS, RENDITIONS_SQL, Record, Rendition, Store, VOID_SQL, next_check,
};

/// The advisory lock that lets one process at a time migrate.
const MIGRATION_LOCK: i64 = 0x6461_6e67_7675;

pub struct PostgresStore {
    url: String,
    idle: Mutex<Vec<Client>>,
}

fn db_error(e: postgres::Error) -> StoreError {
    StoreError::Database(e.to_string())
}

impl PostgresStore {
    pub fn open(url: &str) -> Result<Self, StoreError> {
        let store = Self {
            url: url.to_string(),
            idle: Mutex::new(Vec::new()),
        };
        let mut client = store.connect().map_err(|e| StoreError::Open {
            location: redact(url),
            cause: e.to_string(),
        })?;
        migrate(&mut client)?;
        store.release(client);
        Ok(store)
    }

    fn connect(&self) -> Result<Client, StoreError> {
        Client::connect(&self.url, NoTls).map_err(db_error)
    }

    fn with<T>(
        &self,
        f: impl FnOnce(&mut Client) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let taken = self.idle.lock().map(|mut v| v.pop()).unwrap_or(None);
        let mut client = match taken {
            Some(c) if !c.is_closed() => c,
            _ => self.connect()?,
        };
        let result = f(&mut client);
        self.release(client);
        result
    }

    fn release(&self, client: Client) {
        if client.is_closed() {
            return;
        }
        if let Ok(mut idle) = self.idle.lock() {
            idle.push(client);
        }
    }
}

/// The synchronous client owns a small runtime of its own, which may not be
/// dropped on a thread that runs async tasks (the service drops its state on
/// one at shutdown): the clients are dropped on a thread of their own.
impl Drop for PostgresStore {
    fn drop(&mut self) {
        let clients = std::mem::take(self.idle.get_mut().unwrap_or_else(|e| e.into_inner()));
        if !clients.is_empty() {
            let _ = std::thread::spawn(move || drop(clients)).join();
        }
    }
}

/// The URL without its password, for messages.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let userinfo = &url[scheme + 3..at];
            let user = userinfo.split(':').next().unwrap_or_default();
            format!("{}{user}:***{}", &url[..scheme + 3], &url[at..])
        }
        _ => url.to_string(),
    }
}

fn migrate(client: &mut Client) -> Result<(), StoreError> {
    let mut tx = client.transaction().map_err(db_error)?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])
        .map_err(db_error)?;
    tx.batch_execute("CREATE TABLE IF NOT EXISTS schema_version (version BIGINT PRIMARY KEY)")
        .map_err(db_error)?;
    let done: i64 = tx
        .query_one("SELECT COUNT(*) FROM schema_version", &[])
        .map_err(db_error)?
        .get(0);
    for (i, step) in MIGRATIONS.iter().enumerate().skip(done as usize) {
        tx.batch_execute(step).map_err(db_error)?;
        tx.execute(
            "INSERT INTO schema_version (version) VALUES ($1)",
            &[&(i as i64 + 1)],
        )
        .map_err(db_error)?;
    }
    tx.commit().map_err(db_error)
}

fn record(row: &Row) -> Record {
    Record {
        id: row.get(0),
        organisation: row.get(1),
        code: row.get(2),
        kind: row.get(3),
        term: row.get(4),
        number: u32::try_from(row.get::<_, i64>(5)).unwrap_or(0),
        symbol: row.get(6),
        date: row.get(7),
        form: row.get(8),
        subject: row.get(9),
        signer: row.get(10),
        case: row.get(11),
        renditions: Vec::new(),
        voided_on: row.get(12),
        void_reason: row.get(13),
    }
}

fn with_renditions(client: &mut Client, mut r: Record) -> Result<Record, StoreError> {
    r.renditions = client
        .query(RENDITIONS_SQL, &[&r.id])
        .map_err(db_error)?
        .iter()
        .map(|row| Rendition {
            format: row.get(0),
            sha256: row.get(1),
        })
        .collect();
    Ok(r)
}

impl Store for PostgresStore {
    fn terms(&self, organisation: &str) -> Result<Vec<String>, StoreError> {
        self.with(|c| {
            let rows = c
                .query(
                    "SELECT starts FROM terms WHERE organisation = $1 ORDER BY starts",
                    &[&organisation],
                )
                .map_err(db_error)?;
            Ok(rows.iter().map(|r| r.get(0)).collect())
        })
    }

    fn add_term(&self, organisation: &str, starts: &str) -> Result<(), StoreError> {
        self.with(|c| {
            c.execute(
                "INSERT INTO terms (organisation, starts) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                &[&organisation, &starts],
            )
            .map(|_| ())
            .map_err(db_error)
        })
    }

    fn last_number(&self, organisation: &str, kind: &str, term: &str) -> Result<u32, StoreError> {
        self.with(|c| {
            let n: i64 = c
                .query_one(LAST_NUMBER_SQL, &[&organisation, &kind, &term])
                .map_err(db_error)?
                .get(0);
            Ok(u32::try_from(n).unwrap_or(u32::MAX))
        })
    }

    fn insert(&self, r: &Record, next_only: bool) -> Result<Inserted, StoreError> {
        self.with(|c| {
            let mut tx = c.transaction().map_err(db_error)?;
            // Read committed: an earlier number another transaction has not
            // committed yet is not seen, so this refuses rather than leave a
            // gap; two inserts of the same number meet the unique key.
            if next_only {
                let last: i64 = tx
                    .query_one(LAST_NUMBER_SQL, &[&r.organisation, &r.kind, &r.term])
                    .map_err(db_error)?
                    .get(0);
                if let Some(refused) = next_check(last, r.number) {
                    return Ok(refused);
                }
            }
            let number = i64::from(r.number);
            let inserted = tx.execute(
                INSERT_SQL,
                &[
                    &r.id,
                    &r.organisation,
                    &r.code,
                    &r.kind,
                    &r.term,
                    &number,
                    &r.symbol,
                    &r.date,
                    &r.form,
                    &r.subject,
                    &r.signer,
                    &r.case,
                    &r.voided_on,
                    &r.void_reason,
                ],
            );
            match inserted {
                Err(e) if e.code() == Some(&SqlState::UNIQUE_VIOLATION) => {
                    return Ok(Inserted::NumberTaken);
                }
                other => other.map_err(db_error)?,
            };
            for rendition in &r.renditions {
                tx.execute(
                    INSERT_RENDITION_SQL,
                    &[&r.id, &rendition.format, &rendition.sha256],
                )
                .map_err(db_error)?;
            }
            tx.commit().map_err(db_error)?;
            Ok(Inserted::Recorded)
        })
    }

    fn get(&self, id: &str) -> Result<Option<Record>, StoreError> {
        self.with(|c| {
            let sql = format!("SELECT {COLUMNS} FROM documents WHERE id = $1");
            let found = c.query_opt(&sql, &[&id]).map_err(db_error)?;
            found
                .map(|row| with_renditions(c, record(&row)))
                .transpose()
        })
    }

    fn find(
        &self,
        organisation: &str,
        kind: &str,
        term: &str,
        number: u32,
    ) -> Result<Option<Record>, StoreError> {
        self.with(|c| {
            let sql = format!(
                "SELECT {COLUMNS} FROM documents \
                 WHERE organisation = $1 AND kind = $2 AND term = $3 AND number = $4"
            );
            let number = i64::from(number);
            let found = c
                .query_opt(&sql, &[&organisation, &kind, &term, &number])
                .map_err(db_error)?;
            found
                .map(|row| with_renditions(c, record(&row)))
                .transpose()
        })
    }

    fn list(&self, f: &Filter) -> Result<Vec<Record>, StoreError> {
        self.with(|c| {
            let rows = c
                .query(
                    LIST_SQL,
                    &[&f.organisation, &f.kind, &f.term, &f.from, &f.to],
                )
                .map_err(db_error)?;
            rows.iter()
                .map(|row| with_renditions(c, record(row)))
                .collect()
        })
    }

    fn add_rendition(&self, id: &str, r: &Rendition) -> Result<(), StoreError> {
        self.with(|c| {
            c.execute(
                "INSERT INTO renditions (document, format, sha256) VALUES ($1, $2, $3) \
                 ON CONFLICT DO NOTHING",
                &[&id, &r.format, &r.sha256],
            )
            .map(|_| ())
            .map_err(db_error)
        })
    }

    fn void(&self, id: &str, on: &str, reason: &str) -> Result<bool, StoreError> {
        self.with(|c| {
            c.execute(VOID_SQL, &[&on, &reason, &id])
                .map(|n| n == 1)
                .map_err(db_error)
        })
    }

    fn all_terms(&self) -> Result<Vec<(String, String)>, StoreError> {
        self.with(|c| {
            let rows = c
                .query(
                    "SELECT organisation, starts FROM terms ORDER BY organisation, starts",
                    &[],
                )
                .map_err(db_error)?;
            Ok(rows.iter().map(|r| (r.get(0), r.get(1))).collect())
        })
    }
}
