//! What the register keeps, behind one trait that the embedded SQLite file
//! and a PostgreSQL server both implement with the same tables and the same
//! SQL (`$1` placeholders and `CAST` read the same in both dialects).

use serde::{Deserialize, Serialize};

use super::StoreError;

/// One step of the schema. Most are SQL both backends run as written; a
/// step that needs what SQL cannot say alike in both dialects (the content
/// key is a SHA-256 of the case's canonical JSON) is computed in Rust over
/// the rows, inside the same transaction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Migration {
    Sql(&'static str),
    /// Gives the documents already recorded their content key
    /// ([`content_keys`]).
    ContentKeys,
}

/// The tables, created on first use. Each step runs once, in order, inside
/// the transaction that records it in `schema_version` (its position in
/// this list, from 1); a new step is added at the end, never edited in place
/// (databases in use already ran it).
///
/// Dates are ISO `YYYY-MM-DD` text, which sorts as dates do; the case is
/// kept as the text it was issued from (JSONB would reorder its keys, and
/// re-downloads must render from the very bytes the hash was taken of).
///
/// Steps 2–4: the content key ([`content_key`](super::numbered::content_key)),
/// so that the very same case issued again without its number gives back
/// the document already issued instead of taking a new number. Unique among
/// documents not voided, so that two identical issues racing (a double
/// click, a retry, two replicas) cannot both be recorded.
pub const MIGRATIONS: &[Migration] = &[
    Migration::Sql(SCHEMA_V1),
    Migration::Sql("ALTER TABLE documents ADD COLUMN content_key TEXT"),
    Migration::ContentKeys,
    Migration::Sql(
        "CREATE UNIQUE INDEX documents_content_key ON documents (content_key) \
        WHERE voided_on IS NULL",
    ),
];

/// The first schema: terms, documents, renditions.
const SCHEMA_V1: &str = "CREATE TABLE terms (
        organisation TEXT NOT NULL,
        starts TEXT NOT NULL,
        PRIMARY KEY (organisation, starts)
    );
    CREATE TABLE documents (
        id TEXT PRIMARY KEY,
        organisation TEXT NOT NULL,
        code TEXT NOT NULL,
        kind TEXT NOT NULL,
        term TEXT NOT NULL,
        number BIGINT NOT NULL,
        symbol TEXT NOT NULL,
        issued_on TEXT NOT NULL,
        form TEXT NOT NULL,
        subject TEXT NOT NULL,
        signer TEXT NOT NULL,
        case_json TEXT NOT NULL,
        voided_on TEXT,
        void_reason TEXT,
        UNIQUE (organisation, kind, term, number)
    );
    CREATE TABLE renditions (
        document TEXT NOT NULL REFERENCES documents (id),
        format TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        PRIMARY KEY (document, format)
    );
    CREATE INDEX documents_issued_on ON documents (issued_on);";

/// The documents for [`Migration::ContentKeys`], in register order (the
/// first of identical ones keeps the key).
pub const KEYLESS_SQL: &str = "SELECT id, form, case_json, voided_on FROM documents \
    ORDER BY organisation, kind, term, number";

pub const SET_CONTENT_KEY_SQL: &str = "UPDATE documents SET content_key = $1 WHERE id = $2";

/// A recorded document as [`content_keys`] reads it.
#[derive(Debug, Clone)]
pub struct KeyRow {
    pub id: String,
    pub form: String,
    pub case: String,
    pub voided: bool,
}

/// The content key each document recorded before the key existed gets,
/// given them in register order: (id, key). Of documents not voided with
/// the same content (issued twice before this version could tell), only the
/// first (the lowest number) keeps the key; the others keep none, so the
/// unique index can be built and a replay gives back the first. Voided ones
/// keep theirs (the index leaves them out). A case that is not a JSON object
/// (written by hand) gets none.
pub fn content_keys(rows: impl IntoIterator<Item = KeyRow>) -> Vec<(String, String)> {
    let mut seen = std::collections::HashSet::new();
    rows.into_iter()
        .filter_map(|row| {
            let key = super::numbered::content_key(&row.form, &row.case)?;
            (row.voided || seen.insert(key.clone())).then_some((row.id, key))
        })
        .collect()
}

/// The SHA-256 of one format of a document, as produced when it was issued
/// or first downloaded in that format.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Rendition {
    /// `pdf` or `docx`.
    pub format: String,
    /// Lower-case hex.
    pub sha256: String,
}

/// Declares a struct with the fields a document has in the register, in the
/// register's column order, and `$own` fields between the signer and the
/// renditions. Shared because [`Record`] (what is stored) and [`Entry`] (what
/// a listing shows) are the same document but for the case data: one list
/// of fields keeps the two from drifting apart (a column added to one and
/// not the other). Use: `document! { #[derive(..)] pub struct Name { own
/// fields, each `pub name: Type,` } }`.
macro_rules! document {
    (
        $(#[$attr:meta])*
        pub struct $name:ident { $($own:tt)* }
    ) => {
        $(#[$attr])*
        pub struct $name {
            /// Stable id, from the organisation, kind, term and number: for
            /// re-download and voiding.
            pub id: String,
            /// The issuing organisation's full name.
            pub organisation: String,
            /// Its code after the slash of the symbol ("CB", "ĐU").
            pub code: String,
            /// The kind's abbreviation ("NQ", "BC", …).
            pub kind: String,
            /// First day of the committee term the document belongs to.
            pub term: String,
            /// Ordinal in the register of this kind within the term, from 1.
            pub number: u32,
            /// Number and symbol as printed: "03-NQ/CB".
            pub symbol: String,
            /// Date of issue (YYYY-MM-DD).
            pub date: String,
            /// The form it was produced with.
            pub form: String,
            /// Subject line (trích yếu).
            pub subject: String,
            /// Who signed.
            pub signer: String,
            $($own)*
            /// The formats produced so far and their SHA-256.
            pub renditions: Vec<Rendition>,
            /// When the document was voided, if it was.
            pub voided_on: Option<String>,
            /// Why it was voided.
            pub void_reason: Option<String>,
        }
    };
}

document! {
    /// One issued document, as the register keeps it.
    #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
    #[serde(deny_unknown_fields)]
    pub struct Record {
        /// The case data the document was rendered from, number included.
        pub case: String,
    }
}

/// Which documents a listing shows; every part is optional.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
pub struct Filter {
    /// Organisation's full name.
    pub organisation: Option<String>,
    /// Kind abbreviation: NQ, BC, …
    pub kind: Option<String>,
    /// First day of the term (YYYY-MM-DD).
    pub term: Option<String>,
    /// Issued on or after (YYYY-MM-DD).
    pub from: Option<String>,
    /// Issued on or before (YYYY-MM-DD).
    pub to: Option<String>,
}

/// A document to record, and its content key: None for one that must not
/// hold it (an imported copy of a document already holding it).
#[derive(Debug, Clone, Copy)]
pub struct NewDocument<'a> {
    pub record: &'a Record,
    pub content_key: Option<&'a str>,
}

/// Where a new record went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inserted {
    Recorded,
    /// A document not voided with the same content key is in the register
    /// already (`id`): the same case issued again. Said before any refusal
    /// of the number: that document is the answer whatever the number.
    Same {
        id: String,
    },
    /// Its (organisation, kind, term, number) is already in the register.
    NumberTaken,
    /// Asked to be the next number, it is not: the register's last number
    /// is `last`, an earlier one is still missing.
    NotNext {
        last: u32,
    },
    /// Asked to be the next number, its term is no longer the one its date
    /// falls in: another process declared a term meanwhile.
    TermChanged,
}

/// The register's storage: the same behaviour on every backend.
pub trait Store: Send + Sync {
    /// The start dates of an organisation's terms, earliest first.
    fn terms(&self, organisation: &str) -> Result<Vec<String>, StoreError>;
    /// Adds a term start ([`ADD_TERM_SQL`]): not when a document of an
    /// earlier term is dated on or after it ([`Store::issued_from`] names
    /// it); adding one twice is harmless.
    fn add_term(&self, organisation: &str, starts: &str) -> Result<(), StoreError>;
    /// The latest document recorded in a term that starts before `starts`
    /// but dated on or after it, voided or not: a term starting then would
    /// leave it numbered in a term its date is no longer in.
    fn issued_from(&self, organisation: &str, starts: &str) -> Result<Option<Record>, StoreError> {
        let args = [Arg::Text(organisation), Arg::Text(starts)];
        Ok(self.records(Query::new(ISSUED_FROM_SQL, &args))?.pop())
    }
    /// The largest number used so far for (organisation, kind, term), or 0.
    fn last_number(&self, organisation: &str, kind: &str, term: &str) -> Result<u32, StoreError>;
    /// The term a date falls in (the latest start on or before it) and the
    /// largest number of a kind used in it, in one query (one round trip to
    /// a server for every issue instead of two); None when no term starts
    /// on or before the date.
    fn term_and_last(
        &self,
        organisation: &str,
        kind: &str,
        date: &str,
    ) -> Result<Option<(String, u32)>, StoreError> {
        let args = [Arg::Text(organisation), Arg::Text(kind), Arg::Text(date)];
        let found = self.text_and_number(Query::new(TERM_AND_LAST_SQL, &args))?;
        Ok(found.map(|(term, last)| (term, u32::try_from(last).unwrap_or(u32::MAX))))
    }
    /// Records a document with its renditions in one transaction: all of it
    /// or nothing. `next_only`: only when its number follows the last one
    /// recorded for its (organisation, kind, term).
    fn insert(&self, document: NewDocument<'_>, next_only: bool) -> Result<Inserted, StoreError>;
    /// Records documents of one register, numbers ascending, each only as
    /// the next number (as [`Store::insert`] with `next_only`), in one
    /// transaction: one commit (one flush to disk) for all of them, so the
    /// register's issue rate is not bound by one disk flush per document.
    /// Gives each record's outcome, in order.
    fn insert_next(&self, documents: &[NewDocument<'_>]) -> Result<Vec<Inserted>, StoreError>;
    /// The documents a query of the document columns (`columns!`, as
    /// [`GET_SQL`]) gives, with their renditions.
    fn records(&self, query: Query<'_>) -> Result<Vec<Record>, StoreError>;
    /// The first row of a query giving a text and a number, if any.
    fn text_and_number(&self, query: Query<'_>) -> Result<Option<(String, i64)>, StoreError>;
    fn get(&self, id: &str) -> Result<Option<Record>, StoreError> {
        Ok(self.records(Query::new(GET_SQL, &[Arg::Text(id)]))?.pop())
    }
    /// The record holding a number, if any.
    fn find(
        &self,
        organisation: &str,
        kind: &str,
        term: &str,
        number: u32,
    ) -> Result<Option<Record>, StoreError> {
        let number = Arg::Number(i64::from(number));
        let args = [
            Arg::Text(organisation),
            Arg::Text(kind),
            Arg::Text(term),
            number,
        ];
        Ok(self.records(Query::new(FIND_SQL, &args))?.pop())
    }
    /// Documents in register order: organisation, term, kind, number.
    fn list(&self, f: &Filter) -> Result<Vec<Record>, StoreError> {
        let args = [&f.organisation, &f.kind, &f.term, &f.from, &f.to]
            .map(|part| Arg::MaybeText(part.as_deref()));
        self.records(Query::new(LIST_SQL, &args))
    }
    /// Adds a format's hash the first time that format is produced.
    fn add_rendition(&self, id: &str, rendition: &Rendition) -> Result<(), StoreError>;
    /// Marks a document voided; false when it does not exist or already is.
    fn void(&self, id: &str, on: &str, reason: &str) -> Result<bool, StoreError>;
    /// Every term start, for export.
    fn all_terms(&self) -> Result<Vec<(String, String)>, StoreError>;
}

/// The columns of `documents` in [`Record`]'s order (without the
/// renditions), as a literal for `concat!`: one list for every query that
/// reads whole documents.
macro_rules! columns {
    () => {
        "id, organisation, code, kind, term, number, symbol, issued_on, \
        form, subject, signer, case_json, voided_on, void_reason"
    };
}

/// The listing's query, shared by both backends.
pub const LIST_SQL: &str = concat!(
    "SELECT ",
    columns!(),
    " FROM documents \
    WHERE (CAST($1 AS TEXT) IS NULL OR organisation = $1) \
    AND (CAST($2 AS TEXT) IS NULL OR kind = $2) \
    AND (CAST($3 AS TEXT) IS NULL OR term = $3) \
    AND (CAST($4 AS TEXT) IS NULL OR issued_on >= $4) \
    AND (CAST($5 AS TEXT) IS NULL OR issued_on <= $5) \
    ORDER BY organisation, term, kind, number"
);

/// [`Store::get`].
pub const GET_SQL: &str = concat!("SELECT ", columns!(), " FROM documents WHERE id = $1");

/// [`Store::issued_from`].
pub const ISSUED_FROM_SQL: &str = concat!(
    "SELECT ",
    columns!(),
    " FROM documents \
    WHERE organisation = $1 AND term < $2 AND issued_on >= $2 \
    ORDER BY issued_on DESC, number DESC LIMIT 1"
);

/// [`Store::add_term`], on both backends: one statement, so a document
/// recorded meanwhile is seen by the same check. SQLite numbers `$n`
/// parameters in the order they first appear, so `$1` comes before `$2`.
pub const ADD_TERM_SQL: &str = "INSERT INTO terms (organisation, starts) \
    SELECT CAST($1 AS TEXT), CAST($2 AS TEXT) WHERE NOT EXISTS (SELECT 1 FROM documents \
    WHERE organisation = $1 AND term < $2 AND issued_on >= $2) \
    ON CONFLICT DO NOTHING";

/// [`Store::find`].
pub const FIND_SQL: &str = concat!(
    "SELECT ",
    columns!(),
    " FROM documents \
    WHERE organisation = $1 AND kind = $2 AND term = $3 AND number = $4"
);

/// A value for a `$n` parameter of the shared SQL: the backends bind each
/// the way their driver wants, so the queries the trait's own methods make
/// are written once, here.
#[derive(Debug, Clone, Copy)]
pub enum Arg<'a> {
    Text(&'a str),
    /// NULL when absent.
    MaybeText(Option<&'a str>),
    Number(i64),
}

/// One of the shared queries with its parameters, `$1` first.
#[derive(Debug, Clone, Copy)]
pub struct Query<'a> {
    pub sql: &'static str,
    pub args: &'a [Arg<'a>],
}

impl<'a> Query<'a> {
    pub fn new(sql: &'static str, args: &'a [Arg<'a>]) -> Self {
        Self { sql, args }
    }
}

pub const INSERT_SQL: &str = "INSERT INTO documents (id, organisation, code, kind, term, number, \
    symbol, issued_on, form, subject, signer, case_json, voided_on, void_reason, content_key) \
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)";

/// The document not voided holding a content key, if any.
pub const SAME_SQL: &str = "SELECT id FROM documents WHERE content_key = $1 AND voided_on IS NULL";

pub const LAST_NUMBER_SQL: &str = "SELECT COALESCE(MAX(number), 0) FROM documents \
    WHERE organisation = $1 AND kind = $2 AND term = $3";

/// The term a date falls in, as the store has the terms now: the latest
/// start on or before it (`$1` organisation, `$2` date).
pub const TERM_NOW_SQL: &str = "SELECT MAX(starts) FROM terms WHERE organisation = $1 \
    AND starts <= $2";

/// [`Store::term_and_last`]. SQLite numbers `$n` parameters in the order
/// they first appear in the text, so `$1`, `$2`, `$3` appear in that order.
pub const TERM_AND_LAST_SQL: &str = "SELECT t.starts, (SELECT COALESCE(MAX(d.number), 0) \
    FROM documents d WHERE d.organisation = CAST($1 AS TEXT) AND d.kind = CAST($2 AS TEXT) \
    AND d.term = t.starts) FROM terms t \
    WHERE t.organisation = $1 AND t.starts <= CAST($3 AS TEXT) \
    ORDER BY t.starts DESC LIMIT 1";

/// What a next-only insert of `record` finds, given the term its date falls
/// in now (none before the first term) and its register's last number: None
/// to go on, else why not. The same verdict on both backends, whichever way
/// each reads the two.
pub fn next_refusal(term_now: Option<&str>, last: i64, record: &Record) -> Option<Inserted> {
    if term_now != Some(record.term.as_str()) {
        return Some(Inserted::TermChanged);
    }
    next_check(last, record.number)
}

/// The number part of [`next_refusal`].
fn next_check(last: i64, number: u32) -> Option<Inserted> {
    let last = u32::try_from(last).unwrap_or(u32::MAX);
    match last.checked_add(1) {
        Some(next) if next == number => None,
        _ if last >= number => Some(Inserted::NumberTaken),
        _ => Some(Inserted::NotNext { last }),
    }
}

pub const INSERT_RENDITION_SQL: &str =
    "INSERT INTO renditions (document, format, sha256) VALUES ($1, $2, $3)";

pub const RENDITIONS_SQL: &str =
    "SELECT format, sha256 FROM renditions WHERE document = $1 ORDER BY format";

pub const VOID_SQL: &str = "UPDATE documents SET voided_on = $1, void_reason = $2 \
    WHERE id = $3 AND voided_on IS NULL";

document! {
    /// A document as listings show it: the record without its case data.
    #[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
    pub struct Entry {}
}

impl From<Record> for Entry {
    fn from(r: Record) -> Self {
        Self {
            id: r.id,
            organisation: r.organisation,
            code: r.code,
            kind: r.kind,
            term: r.term,
            number: r.number,
            symbol: r.symbol,
            date: r.date,
            form: r.form,
            subject: r.subject,
            signer: r.signer,
            renditions: r.renditions,
            voided_on: r.voided_on,
            void_reason: r.void_reason,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Inserted, KeyRow, Record, content_keys, next_check, next_refusal};

    /// Identical documents recorded before the content key existed: the
    /// first in register order keeps the key (the unique index can then be
    /// built); voided ones keep theirs; a case that is not JSON gets none.
    #[test]
    fn of_identical_documents_the_first_keeps_the_content_key() {
        let row = |id: &str, n: u32, voided: bool, case: &str| KeyRow {
            id: id.into(),
            form: "f".into(),
            case: case.replace("N", &n.to_string()),
            voided,
        };
        let a = r#"{"van_ban":{"so":N},"x":"a"}"#;
        let b = r#"{"van_ban":{"so":N},"x":"b"}"#;
        let keys = content_keys([
            row("1", 1, true, a),
            row("2", 2, false, a),
            row("3", 3, false, a),
            row("4", 4, false, b),
            row("5", 5, false, "not json"),
            row("6", 6, false, b),
        ]);
        let ids: Vec<&str> = keys.iter().map(|(id, _)| id.as_str()).collect();
        assert_eq!(ids, ["1", "2", "4"]);
        assert_eq!(keys[0].1, keys[1].1, "the voided one has the same key");
        assert_ne!(keys[1].1, keys[2].1);
    }

    #[test]
    fn only_the_number_after_the_last_is_next() {
        for (last, number, expected) in [
            (0, 1, None),
            (4, 5, None),
            (4, 4, Some(Inserted::NumberTaken)),
            (4, 2, Some(Inserted::NumberTaken)),
            (4, 6, Some(Inserted::NotNext { last: 4 })),
            (0, 3, Some(Inserted::NotNext { last: 0 })),
        ] {
            assert_eq!(
                next_check(last, number),
                expected,
                "last {last}, number {number}"
            );
        }
    }

    #[test]
    fn a_record_in_a_term_no_longer_current_is_refused_first() {
        let record = Record {
            id: "x".into(),
            organisation: "Chi bộ 1".into(),
            code: "CB".into(),
            kind: "NQ".into(),
            term: "2025-10-01".into(),
            number: 5,
            symbol: "05-NQ/CB".into(),
            date: "2026-01-05".into(),
            form: "f".into(),
            subject: "s".into(),
            signer: "k".into(),
            case: "{}".into(),
            renditions: Vec::new(),
            voided_on: None,
            void_reason: None,
        };
        for (term_now, last, expected) in [
            (Some("2025-10-01"), 4, None),
            (Some("2025-10-01"), 5, Some(Inserted::NumberTaken)),
            (Some("2025-10-01"), 3, Some(Inserted::NotNext { last: 3 })),
            (Some("2026-01-01"), 4, Some(Inserted::TermChanged)),
            (Some("2026-01-01"), 9, Some(Inserted::TermChanged)),
            (None, 4, Some(Inserted::TermChanged)),
        ] {
            assert_eq!(
                next_refusal(term_now, last, &record),
                expected,
                "term now {term_now:?}, last {last}"
            );
        }
    }
}
