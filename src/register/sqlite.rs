//! The register in an embedded SQLite file: no server to install. WAL lets
//! readers go on while one writer records; the busy timeout makes a second
//! writer (another request, another process) wait its turn instead of failing.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

use rusqlite::types::ToSqlOutput;
use rusqlite::{
    Connection, OptionalExtension, ToSql, TransactionBehavior, params, params_from_iter,
};

use super::StoreError;
use super::store::{
    Arg, INSERT_RENDITION_SQL, INSERT_SQL, Inserted, KEYLESS_SQL, KeyRow, LAST_NUMBER_SQL,
    MIGRATIONS, Migration, NewDocument, Query, RENDITIONS_SQL, Record, Rendition, SAME_SQL,
    SET_CONTENT_KEY_SQL, Store, TERM_NOW_SQL, VOID_SQL, content_keys, next_refusal,
};

/// How long a writer waits for another one before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

pub struct SqliteStore {
    path: PathBuf,
    /// Open connections, reused: opening one costs a file open and pragmas.
    idle: Mutex<Vec<Connection>>,
}

fn db_error(e: rusqlite::Error) -> StoreError {
    StoreError::Database(e.to_string())
}

impl SqliteStore {
    /// Opens (creating the file and its folder when missing) and migrates.
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| StoreError::Open {
                location: path.display().to_string(),
                cause: e.to_string(),
            })?;
        }
        let store = Self {
            path: path.to_path_buf(),
            idle: Mutex::new(Vec::new()),
        };
        let mut conn = store.connect().map_err(|e| StoreError::Open {
            location: path.display().to_string(),
            cause: e.to_string(),
        })?;
        migrate(&mut conn)?;
        store.release(conn);
        Ok(store)
    }

    fn connect(&self) -> Result<Connection, StoreError> {
        let conn = Connection::open(&self.path).map_err(db_error)?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(db_error)?;
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(db_error)?;
        conn.pragma_update(None, "synchronous", "FULL")
            .map_err(db_error)?;
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(db_error)?;
        Ok(conn)
    }

    fn with<T>(
        &self,
        f: impl FnOnce(&mut Connection) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let taken = self.idle.lock().map(|mut v| v.pop()).unwrap_or(None);
        let mut conn = match taken {
            Some(c) => c,
            None => self.connect()?,
        };
        let result = f(&mut conn);
        self.release(conn);
        result
    }

    fn release(&self, conn: Connection) {
        if let Ok(mut idle) = self.idle.lock() {
            idle.push(conn);
        }
    }
}

fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(db_error)?;
    tx.execute_batch("CREATE TABLE IF NOT EXISTS schema_version (version BIGINT PRIMARY KEY)")
        .map_err(db_error)?;
    let done: i64 = tx
        .query_row("SELECT COUNT(*) FROM schema_version", [], |r| r.get(0))
        .map_err(db_error)?;
    for (i, step) in MIGRATIONS.iter().enumerate().skip(done as usize) {
        match step {
            Migration::Sql(sql) => tx.execute_batch(sql).map_err(db_error)?,
            Migration::ContentKeys => backfill_content_keys(&tx)?,
        }
        tx.execute(
            "INSERT INTO schema_version (version) VALUES ($1)",
            params![i as i64 + 1],
        )
        .map_err(db_error)?;
    }
    tx.commit().map_err(db_error)
}

/// [`Migration::ContentKeys`], inside the migration's transaction.
fn backfill_content_keys(tx: &Connection) -> Result<(), StoreError> {
    let rows: Vec<KeyRow> = {
        let mut stmt = tx.prepare(KEYLESS_SQL).map_err(db_error)?;
        stmt.query_map([], |r| {
            Ok(KeyRow {
                id: r.get(0)?,
                form: r.get(1)?,
                case: r.get(2)?,
                voided: r.get::<_, Option<String>>(3)?.is_some(),
            })
        })
        .map_err(db_error)?
        .collect::<rusqlite::Result<_>>()
        .map_err(db_error)?
    };
    let mut update = tx.prepare(SET_CONTENT_KEY_SQL).map_err(db_error)?;
    for (id, key) in content_keys(rows) {
        update.execute(params![key, id]).map_err(db_error)?;
    }
    Ok(())
}

fn record(row: &rusqlite::Row<'_>) -> rusqlite::Result<Record> {
    Ok(Record {
        id: row.get(0)?,
        organisation: row.get(1)?,
        code: row.get(2)?,
        kind: row.get(3)?,
        term: row.get(4)?,
        number: u32::try_from(row.get::<_, i64>(5)?).unwrap_or(0),
        symbol: row.get(6)?,
        date: row.get(7)?,
        form: row.get(8)?,
        subject: row.get(9)?,
        signer: row.get(10)?,
        case: row.get(11)?,
        renditions: Vec::new(),
        voided_on: row.get(12)?,
        void_reason: row.get(13)?,
    })
}

fn with_renditions(conn: &Connection, mut r: Record) -> Result<Record, StoreError> {
    let mut stmt = conn.prepare_cached(RENDITIONS_SQL).map_err(db_error)?;
    r.renditions = stmt
        .query_map(params![r.id], |row| {
            Ok(Rendition {
                format: row.get(0)?,
                sha256: row.get(1)?,
            })
        })
        .map_err(db_error)?
        .collect::<rusqlite::Result<_>>()
        .map_err(db_error)?;
    Ok(r)
}

impl ToSql for Arg<'_> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        match self {
            Arg::Text(text) => text.to_sql(),
            Arg::MaybeText(text) => text.to_sql(),
            Arg::Number(n) => n.to_sql(),
        }
    }
}

fn is_unique_violation(e: &rusqlite::Error) -> bool {
    matches!(e, rusqlite::Error::SqliteFailure(f, _)
        if f.code == rusqlite::ErrorCode::ConstraintViolation)
}

/// One document and its renditions, inside the caller's transaction;
/// `next_only`: only as the next number of its register, in the term its
/// date falls in now. A refusal is checked for the same content first
/// ([`same_or`]); on the way that records, nothing is read beyond the
/// next-number check: the unique index on the content key says it.
fn insert_in(
    tx: &Connection,
    doc: NewDocument<'_>,
    next_only: bool,
) -> Result<Inserted, StoreError> {
    let r = doc.record;
    if next_only && let Some(refused) = read_next_refusal(tx, r)? {
        return same_or(tx, doc, refused);
    }
    let inserted = tx.prepare_cached(INSERT_SQL).and_then(|mut s| {
        s.execute(params![
            r.id,
            r.organisation,
            r.code,
            r.kind,
            r.term,
            i64::from(r.number),
            r.symbol,
            r.date,
            r.form,
            r.subject,
            r.signer,
            r.case,
            r.voided_on,
            r.void_reason,
            doc.content_key
        ])
    });
    match inserted {
        Err(e) if is_unique_violation(&e) => return same_or(tx, doc, Inserted::NumberTaken),
        other => other.map_err(db_error)?,
    };
    for rendition in &r.renditions {
        tx.prepare_cached(INSERT_RENDITION_SQL)
            .and_then(|mut s| s.execute(params![r.id, rendition.format, rendition.sha256]))
            .map_err(db_error)?;
    }
    Ok(Inserted::Recorded)
}

/// A refused document's answer: [`Inserted::Same`] when a document not
/// voided already holds its content key (the same case issued again, which
/// is the answer whatever became of the number), else `refused`.
fn same_or(
    tx: &Connection,
    doc: NewDocument<'_>,
    refused: Inserted,
) -> Result<Inserted, StoreError> {
    let Some(key) = doc.content_key else {
        return Ok(refused);
    };
    let same: Option<String> = tx
        .prepare_cached(SAME_SQL)
        .and_then(|mut s| s.query_row(params![key], |row| row.get(0)).optional())
        .map_err(db_error)?;
    Ok(same.map_or(refused, |id| Inserted::Same { id }))
}

/// Why `r` may not go in as the next number of its register, if it may not
/// ([`next_refusal`], on what the transaction reads).
fn read_next_refusal(tx: &Connection, r: &Record) -> Result<Option<Inserted>, StoreError> {
    let term_now: Option<String> = tx
        .prepare_cached(TERM_NOW_SQL)
        .and_then(|mut s| s.query_row(params![r.organisation, r.date], |row| row.get(0)))
        .map_err(db_error)?;
    let last: i64 = tx
        .prepare_cached(LAST_NUMBER_SQL)
        .and_then(|mut s| s.query_row(params![r.organisation, r.kind, r.term], |row| row.get(0)))
        .map_err(db_error)?;
    Ok(next_refusal(term_now.as_deref(), last, r))
}

impl Store for SqliteStore {
    fn terms(&self, organisation: &str) -> Result<Vec<String>, StoreError> {
        self.with(|c| {
            let mut stmt = c
                .prepare_cached("SELECT starts FROM terms WHERE organisation = $1 ORDER BY starts")
                .map_err(db_error)?;
            stmt.query_map(params![organisation], |r| r.get(0))
                .map_err(db_error)?
                .collect::<rusqlite::Result<_>>()
                .map_err(db_error)
        })
    }

    fn add_term(&self, organisation: &str, starts: &str) -> Result<(), StoreError> {
        self.with(|c| {
            c.execute(super::store::ADD_TERM_SQL, params![organisation, starts])
                .map(|_| ())
                .map_err(db_error)
        })
    }

    fn last_number(&self, organisation: &str, kind: &str, term: &str) -> Result<u32, StoreError> {
        self.with(|c| {
            let n: i64 = c
                .query_row(LAST_NUMBER_SQL, params![organisation, kind, term], |r| {
                    r.get(0)
                })
                .map_err(db_error)?;
            Ok(u32::try_from(n).unwrap_or(u32::MAX))
        })
    }

    fn insert(&self, doc: NewDocument<'_>, next_only: bool) -> Result<Inserted, StoreError> {
        self.with(|c| {
            // IMMEDIATE: the write lock from the start, so the check below
            // and the insert see the same register.
            let tx = c
                .transaction_with_behavior(TransactionBehavior::Immediate)
                .map_err(db_error)?;
            let inserted = insert_in(&tx, doc, next_only)?;
            if inserted == Inserted::Recorded {
                tx.commit().map_err(db_error)?;
            }
            Ok(inserted)
        })
    }

    fn insert_next(&self, documents: &[NewDocument<'_>]) -> Result<Vec<Inserted>, StoreError> {
        self.with(|c| {
            let tx = c
                .transaction_with_behavior(TransactionBehavior::Immediate)
                .map_err(db_error)?;
            // A refused record leaves the transaction as it was (SQLite
            // undoes the failed statement only): the others still go in.
            let inserted = documents
                .iter()
                .map(|doc| insert_in(&tx, *doc, true))
                .collect::<Result<Vec<_>, _>>()?;
            tx.commit().map_err(db_error)?;
            Ok(inserted)
        })
    }

    fn records(&self, query: Query<'_>) -> Result<Vec<Record>, StoreError> {
        self.with(|c| {
            let rows: Vec<Record> = {
                let mut stmt = c.prepare_cached(query.sql).map_err(db_error)?;
                stmt.query_map(params_from_iter(query.args), record)
                    .map_err(db_error)?
                    .collect::<rusqlite::Result<_>>()
                    .map_err(db_error)?
            };
            rows.into_iter().map(|r| with_renditions(c, r)).collect()
        })
    }

    fn text_and_number(&self, query: Query<'_>) -> Result<Option<(String, i64)>, StoreError> {
        self.with(|c| {
            let mut stmt = c.prepare_cached(query.sql).map_err(db_error)?;
            stmt.query_row(params_from_iter(query.args), |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()
                .map_err(db_error)
        })
    }

    fn add_rendition(&self, id: &str, r: &Rendition) -> Result<(), StoreError> {
        self.with(|c| {
            c.execute(
                "INSERT INTO renditions (document, format, sha256) VALUES ($1, $2, $3) \
                 ON CONFLICT DO NOTHING",
                params![id, r.format, r.sha256],
            )
            .map(|_| ())
            .map_err(db_error)
        })
    }

    fn void(&self, id: &str, on: &str, reason: &str) -> Result<bool, StoreError> {
        self.with(|c| {
            c.execute(VOID_SQL, params![on, reason, id])
                .map(|n| n == 1)
                .map_err(db_error)
        })
    }

    fn all_terms(&self) -> Result<Vec<(String, String)>, StoreError> {
        self.with(|c| {
            let mut stmt = c
                .prepare_cached(
                    "SELECT organisation, starts FROM terms ORDER BY organisation, starts",
                )
                .map_err(db_error)?;
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
                .map_err(db_error)?
                .collect::<rusqlite::Result<_>>()
                .map_err(db_error)
        })
    }
}
