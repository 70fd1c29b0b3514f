//! The register on a PostgreSQL server, for several replicas behind a load
//! balancer: the same tables, queries and behaviour as the SQLite file; only
//! the commit is a statement of its own (one round trip, [`RECORD_SQL`]).
//! The unique key on (organisation, kind, term, number) is what keeps two
//! replicas from recording the same number.

use std::collections::HashMap;
use std::sync::Mutex;

use postgres::types::ToSql;
use postgres::{Client, GenericClient, NoTls, Row, Statement};

use super::StoreError;
use super::store::{
    Arg, Inserted, KEYLESS_SQL, KeyRow, LAST_NUMBER_SQL, MIGRATIONS, Migration, NewDocument, Query,
    RENDITIONS_SQL, Record, Rendition, SET_CONTENT_KEY_SQL, Store, VOID_SQL, content_keys,
    next_refusal,
};

/// The advisory lock that lets one process at a time migrate.
const MIGRATION_LOCK: i64 = 0x6461_6e67_7675;

const TERMS_SQL: &str = "SELECT starts FROM terms WHERE organisation = $1 ORDER BY starts";

/// A document and its renditions recorded in one statement, so in one
/// round trip and one implicit transaction: all of it or nothing.
///
/// All issues for one register commit one after another (each must follow
/// the previous number), so the commit's latency bounds the register's
/// issue rate; a transaction of separate statements cost five round trips.
///
/// `prior` is the register's last number as this statement sees it; with
/// `$15` (next only) the document goes in only when its number follows it,
/// which leaves no gap (read committed: an earlier number another
/// transaction has not committed yet is not seen, so this refuses rather
/// than skip it), and only when its term `$5` is still the one its date
/// `$8` falls in (`term_now`: a process may have declared a term since the
/// issue read the terms). `ON CONFLICT DO NOTHING` on the unique keys (the id is
/// made of the same four parts; the content key `$18` among documents not
/// voided): a number or a content recorded meanwhile by another transaction
/// is waited for, then refused. The renditions (`$16` formats, `$17` hashes)
/// go in only with their document. Gives the last number, whether the
/// document went in, the term its date falls in now, and, when it did not
/// go in, the document not voided holding its content key, if this
/// statement sees one (one recorded by a transaction that committed after
/// the statement began is not seen: the draft is refused as any other, and
/// its next draft finds it).
const RECORD_SQL: &str = "WITH prior AS ( \
        SELECT COALESCE(MAX(number), 0) AS number FROM documents \
        WHERE organisation = CAST($2 AS TEXT) AND kind = CAST($4 AS TEXT) \
        AND term = CAST($5 AS TEXT) \
    ), term_now AS ( \
        SELECT MAX(starts) AS starts FROM terms \
        WHERE organisation = CAST($2 AS TEXT) AND starts <= CAST($8 AS TEXT) \
    ), document AS ( \
        INSERT INTO documents (id, organisation, code, kind, term, number, symbol, issued_on, \
        form, subject, signer, case_json, voided_on, void_reason, content_key) \
        SELECT CAST($1 AS TEXT), CAST($2 AS TEXT), CAST($3 AS TEXT), CAST($4 AS TEXT), \
        CAST($5 AS TEXT), CAST($6 AS BIGINT), CAST($7 AS TEXT), CAST($8 AS TEXT), \
        CAST($9 AS TEXT), CAST($10 AS TEXT), CAST($11 AS TEXT), CAST($12 AS TEXT), \
        CAST($13 AS TEXT), CAST($14 AS TEXT), CAST($18 AS TEXT) \
        FROM prior, term_now WHERE NOT CAST($15 AS BOOLEAN) \
        OR (prior.number = CAST($6 AS BIGINT) - 1 AND term_now.starts = CAST($5 AS TEXT)) \
        ON CONFLICT DO NOTHING \
        RETURNING id \
    ), hashes AS ( \
        INSERT INTO renditions (document, format, sha256) \
        SELECT document.id, r.format, r.sha256 \
        FROM document, unnest(CAST($16 AS TEXT[]), CAST($17 AS TEXT[])) AS r (format, sha256) \
    ) \
    SELECT (SELECT number FROM prior), EXISTS (SELECT 1 FROM document), \
    (SELECT starts FROM term_now), \
    CASE WHEN EXISTS (SELECT 1 FROM document) THEN NULL ELSE ( \
        SELECT id FROM documents WHERE content_key = CAST($18 AS TEXT) AND voided_on IS NULL \
    ) END";

pub struct PostgresStore {
    url: String,
    idle: Mutex<Vec<Conn>>,
}

/// A connection with the statements it has prepared: a statement prepared
/// once is then one round trip a use instead of two.
struct Conn {
    client: Client,
    prepared: HashMap<&'static str, Statement>,
}

impl Conn {
    fn statement(&mut self, sql: &'static str) -> Result<Statement, StoreError> {
        if let Some(statement) = self.prepared.get(sql) {
            return Ok(statement.clone());
        }
        let statement = self.client.prepare(sql).map_err(db_error)?;
        self.prepared.insert(sql, statement.clone());
        Ok(statement)
    }
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
        let mut conn = store.connect().map_err(|e| StoreError::Open {
            location: redact(url),
            cause: e.to_string(),
        })?;
        migrate(&mut conn.client)?;
        store.release(conn);
        Ok(store)
    }

    fn connect(&self) -> Result<Conn, StoreError> {
        let client = Client::connect(&self.url, NoTls).map_err(db_error)?;
        Ok(Conn {
            client,
            prepared: HashMap::new(),
        })
    }

    /// Runs `f` on an idle connection, or a new one when all are busy: the
    /// pool grows to the number of concurrent requests and keeps them.
    fn with<T>(&self, f: impl FnOnce(&mut Conn) -> Result<T, StoreError>) -> Result<T, StoreError> {
        let taken = self.idle.lock().map(|mut v| v.pop()).unwrap_or(None);
        let mut conn = match taken {
            Some(c) if !c.client.is_closed() => c,
            _ => self.connect()?,
        };
        let result = f(&mut conn);
        self.release(conn);
        result
    }

    /// Runs one of the shared queries (prepared once per connection) and
    /// reads its rows on the same connection: the one place the trait's
    /// shared queries meet the driver.
    fn rows<T>(
        &self,
        query: Query<'_>,
        read: impl FnOnce(&mut Conn, Vec<Row>) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        self.with(|c| {
            let statement = c.statement(query.sql)?;
            let rows = c
                .client
                .query(&statement, &bound(query.args))
                .map_err(db_error)?;
            read(c, rows)
        })
    }

    fn release(&self, conn: Conn) {
        if conn.client.is_closed() {
            return;
        }
        if let Ok(mut idle) = self.idle.lock() {
            idle.push(conn);
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
        match step {
            Migration::Sql(sql) => tx.batch_execute(sql).map_err(db_error)?,
            Migration::ContentKeys => backfill_content_keys(&mut tx)?,
        }
        tx.execute(
            "INSERT INTO schema_version (version) VALUES ($1)",
            &[&(i as i64 + 1)],
        )
        .map_err(db_error)?;
    }
    tx.commit().map_err(db_error)
}

/// [`Migration::ContentKeys`], inside the migration's transaction.
fn backfill_content_keys(tx: &mut postgres::Transaction<'_>) -> Result<(), StoreError> {
    let rows = tx.query(KEYLESS_SQL, &[]).map_err(db_error)?;
    let rows = rows.iter().map(|r| KeyRow {
        id: r.get(0),
        form: r.get(1),
        case: r.get(2),
        voided: r.get::<_, Option<String>>(3).is_some(),
    });
    let update = tx.prepare(SET_CONTENT_KEY_SQL).map_err(db_error)?;
    for (id, key) in content_keys(rows) {
        tx.execute(&update, &[&key, &id]).map_err(db_error)?;
    }
    Ok(())
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

fn with_renditions(c: &mut Conn, mut r: Record) -> Result<Record, StoreError> {
    let statement = c.statement(RENDITIONS_SQL)?;
    r.renditions = c
        .client
        .query(&statement, &[&r.id])
        .map_err(db_error)?
        .iter()
        .map(|row| Rendition {
            format: row.get(0),
            sha256: row.get(1),
        })
        .collect();
    Ok(r)
}

/// The shared queries' parameters as the driver binds them.
fn bound<'a>(args: &'a [Arg<'a>]) -> Vec<&'a (dyn ToSql + Sync)> {
    args.iter()
        .map(|arg| match arg {
            Arg::Text(text) => text as &(dyn ToSql + Sync),
            Arg::MaybeText(text) => text,
            Arg::Number(n) => n,
        })
        .collect()
}

/// Runs [`RECORD_SQL`] for one document on a client or in a transaction.
fn record_with(
    client: &mut impl GenericClient,
    statement: &Statement,
    doc: NewDocument<'_>,
    next_only: bool,
) -> Result<Inserted, StoreError> {
    let r = doc.record;
    let number = i64::from(r.number);
    let formats: Vec<&str> = r.renditions.iter().map(|x| x.format.as_str()).collect();
    let hashes: Vec<&str> = r.renditions.iter().map(|x| x.sha256.as_str()).collect();
    let row = client
        .query_one(
            statement,
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
                &next_only,
                &formats,
                &hashes,
                &doc.content_key,
            ],
        )
        .map_err(db_error)?;
    let (last, recorded, term_now): (i64, bool, Option<String>) =
        (row.get(0), row.get(1), row.get(2));
    let same: Option<String> = row.get(3);
    Ok(match (recorded, same, next_only) {
        (true, _, _) => Inserted::Recorded,
        (false, Some(id), _) => Inserted::Same { id },
        (false, None, true) => {
            next_refusal(term_now.as_deref(), last, r).unwrap_or(Inserted::NumberTaken)
        }
        (false, None, false) => Inserted::NumberTaken,
    })
}

impl Store for PostgresStore {
    fn terms(&self, organisation: &str) -> Result<Vec<String>, StoreError> {
        self.with(|c| {
            let statement = c.statement(TERMS_SQL)?;
            let rows = c
                .client
                .query(&statement, &[&organisation])
                .map_err(db_error)?;
            Ok(rows.iter().map(|r| r.get(0)).collect())
        })
    }

    fn add_term(&self, organisation: &str, starts: &str) -> Result<(), StoreError> {
        self.with(|c| {
            c.client
                .execute(super::store::ADD_TERM_SQL, &[&organisation, &starts])
                .map(|_| ())
                .map_err(db_error)
        })
    }

    fn last_number(&self, organisation: &str, kind: &str, term: &str) -> Result<u32, StoreError> {
        self.with(|c| {
            let statement = c.statement(LAST_NUMBER_SQL)?;
            let n: i64 = c
                .client
                .query_one(&statement, &[&organisation, &kind, &term])
                .map_err(db_error)?
                .get(0);
            Ok(u32::try_from(n).unwrap_or(u32::MAX))
        })
    }

    fn insert(&self, doc: NewDocument<'_>, next_only: bool) -> Result<Inserted, StoreError> {
        self.with(|c| {
            let statement = c.statement(RECORD_SQL)?;
            record_with(&mut c.client, &statement, doc, next_only)
        })
    }

    fn insert_next(&self, documents: &[NewDocument<'_>]) -> Result<Vec<Inserted>, StoreError> {
        self.with(|c| {
            let statement = c.statement(RECORD_SQL)?;
            if let [doc] = documents {
                // One document: its statement is its own transaction.
                return Ok(vec![record_with(&mut c.client, &statement, *doc, true)?]);
            }
            // RECORD_SQL refuses without an error, so the transaction goes
            // on after a refused record; each statement sees the documents
            // recorded before it in this transaction.
            let mut tx = c.client.transaction().map_err(db_error)?;
            let inserted = documents
                .iter()
                .map(|doc| record_with(&mut tx, &statement, *doc, true))
                .collect::<Result<Vec<_>, _>>()?;
            tx.commit().map_err(db_error)?;
            Ok(inserted)
        })
    }

    fn records(&self, query: Query<'_>) -> Result<Vec<Record>, StoreError> {
        self.rows(query, |c, rows| {
            rows.iter()
                .map(|row| with_renditions(c, record(row)))
                .collect()
        })
    }

    fn text_and_number(&self, query: Query<'_>) -> Result<Option<(String, i64)>, StoreError> {
        self.rows(query, |_, rows| {
            Ok(rows.first().map(|row| (row.get(0), row.get(1))))
        })
    }

    fn add_rendition(&self, id: &str, r: &Rendition) -> Result<(), StoreError> {
        self.with(|c| {
            c.client
                .execute(
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
            c.client
                .execute(VOID_SQL, &[&on, &reason, &id])
                .map(|n| n == 1)
                .map_err(db_error)
        })
    }

    fn all_terms(&self) -> Result<Vec<(String, String)>, StoreError> {
        self.with(|c| {
            let rows = c
                .client
                .query(
                    "SELECT organisation, starts FROM terms ORDER BY organisation, starts",
                    &[],
                )
                .map_err(db_error)?;
            Ok(rows.iter().map(|r| (r.get(0), r.get(1))).collect())
        })
    }
}
