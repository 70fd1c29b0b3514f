//! The document register (sổ văn bản đi): the office's memory of what it
//! issued. Numbers are allocated by the rule of Hướng dẫn 36-HD/VPTW (2018),
//! §II.1: consecutive from 01 for each kind of document, per issuing
//! organisation, within one committee term; a number is never reused, and a
//! withdrawn document stays in the register marked voided.
//!
//! Allocation: the next number is reserved in this process (concurrent
//! issues for one organisation take 5, 6, 7… and render in parallel), the
//! document rendered with it, and the record inserted in one transaction
//! that accepts it only as the next number of its register (no gap) and
//! under a unique key on (organisation, kind, term, number) (no duplicate).
//! A rendered draft is queued behind the numbers before it, and one thread
//! at a time records every draft whose turn has come, in one transaction
//! (one disk flush for all of them); a draft whose number went elsewhere
//! (another process sharing the PostgreSQL server) renders again. A
//! process killed before its commit leaves nothing behind, and no lock is
//! held while a document renders.
//!
//! The very same case issued again (a retry, a double click, the DOCX after
//! the PDF) is not a new document: each document keeps a content key (the
//! form and the case without its number, hashed), unique among documents
//! not voided, and the insert that meets it records nothing; the draft
//! gives its number up and the issue answers with the document recorded.
//!
//! A running register remembers, between issues, each register's last
//! number and each organisation's terms (`known`), so an issue after the
//! first asks the store nothing before it renders. The store still decides:
//! it takes a document only as the next number, in the term its date falls
//! in now; a refusal makes the process forget what it knew and draft again.

mod book;
mod issue;
pub mod jsonl;
mod known;
mod numbered;
mod overdue;
pub mod postgres;
pub mod sqlite;
pub mod store;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

pub use issue::{
    Draft, Drafted, Issued, MAX_ATTEMPTS, Order, Outcome, Queued, Reservations, Step, Turn,
    issuable, rendition_name,
};
pub use numbered::content_key;
pub use store::{Entry, Filter, Migration, Record, Rendition, Store};

use known::{KindHints, KnownTerms};

use crate::error::Problem;
use crate::rules::format;

/// Where the register lives: a SQLite file, or a PostgreSQL server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    Sqlite(PathBuf),
    Postgres(String),
}

impl Location {
    /// `postgres://…` or `postgresql://…` is a server; anything else a file.
    pub fn parse(s: &str) -> Self {
        if s.starts_with("postgres://") || s.starts_with("postgresql://") {
            Self::Postgres(s.to_string())
        } else {
            Self::Sqlite(PathBuf::from(s))
        }
    }

    /// The default file: `$XDG_DATA_HOME/dangvu/so-van-ban.sqlite3`, else
    /// `~/.local/share/dangvu/so-van-ban.sqlite3`, else the current folder.
    pub fn default_file() -> Self {
        let base = std::env::var_os("XDG_DATA_HOME")
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
            .or_else(|| {
                std::env::var_os("HOME")
                    .filter(|v| !v.is_empty())
                    .map(|h| Path::new(&h).join(".local/share"))
            });
        match base {
            Some(dir) => Self::Sqlite(dir.join("dangvu").join(DEFAULT_FILE_NAME)),
            None => Self::Sqlite(PathBuf::from(DEFAULT_FILE_NAME)),
        }
    }

    /// For messages and logs: the file, or the server without its password.
    pub fn describe(&self) -> String {
        match self {
            Self::Sqlite(path) => path.display().to_string(),
            Self::Postgres(url) => postgres::redact(url),
        }
    }
}

pub const DEFAULT_FILE_NAME: &str = "so-van-ban.sqlite3";

/// Failures of the storage itself (cloned to every draft of a batch that
/// failed to be recorded).
#[derive(Debug, Clone, thiserror::Error)]
pub enum StoreError {
    #[error("không mở được sổ văn bản ({location}): {cause}")]
    Open { location: String, cause: String },
    #[error("lỗi cơ sở dữ liệu của sổ văn bản: {0}")]
    Database(String),
}

/// A date in a message, as a clerk writes it (`05/01/2026`), whatever form
/// the date was given in.
fn shown(d: NaiveDate) -> String {
    format::date_inline(d)
}

/// A date the store keeps as text (`2026-01-05`), shown as [`shown`]; kept
/// as it is if it does not read as a date.
fn shown_text(d: &str) -> String {
    d.parse().map_or_else(|_| d.to_string(), shown)
}

/// Why the register refused or failed, each said in Vietnamese with what to
/// do about it.
#[derive(Debug, thiserror::Error)]
pub enum RegisterError {
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The case itself is wrong, or rendering failed.
    #[error("{0}")]
    Render(crate::Error),
    #[error(
        "biểu mẫu \"{0}\" không có số văn bản theo sổ (số/ký hiệu của tổ chức) nên không vào sổ văn bản đi"
    )]
    NotIssuable(String),
    #[error(
        "chưa khai báo nhiệm kỳ nào của \"{organisation}\": hãy khai báo ngày bắt đầu nhiệm kỳ cấp ủy trước khi cấp số"
    )]
    NoTerm { organisation: String },
    #[error(
        "ngày {} trước nhiệm kỳ đầu tiên đã khai báo của \"{organisation}\" (bắt đầu {}): không cấp số cho văn bản này",
        shown(*.date), shown_text(.first)
    )]
    BeforeFirstTerm {
        organisation: String,
        date: NaiveDate,
        first: String,
    },
    /// A new term would start on or before the date of a document the term
    /// before it already holds (voided ones count: their numbers stay in it).
    #[error(
        "không thêm được nhiệm kỳ bắt đầu ngày {} của \"{organisation}\": đã có văn bản {symbol} ngày {} trong nhiệm kỳ trước; nhiệm kỳ mới phải bắt đầu sau ngày đó",
        shown(*.starts),
        shown(*.issued)
    )]
    TermAfterIssued {
        organisation: String,
        starts: NaiveDate,
        symbol: String,
        issued: NaiveDate,
    },
    #[error(
        "số {symbol} đã cấp cho một văn bản khác trong sổ; bỏ trống số để được cấp số tiếp theo"
    )]
    NumberTaken { symbol: String },
    #[error(
        "số {given} bỏ cách số tiếp theo trong sổ ({next:02}): số văn bản phải liên tục; bỏ trống số để được cấp số tiếp theo"
    )]
    NumberAhead { given: u32, next: u32 },
    /// A case giving a number whose content (number set aside) is that of
    /// a document already issued and not voided, under another number.
    #[error(
        "hồ sơ này trùng với văn bản {symbol} đã cấp số (chưa thu hồi): bỏ trống số (hoặc ghi đúng số đó) để nhận lại văn bản đó; muốn cấp số mới thì thu hồi văn bản đó trước"
    )]
    SameCase { symbol: String },
    #[error("không có văn bản này trong sổ")]
    NotFound,
    #[error("văn bản {symbol} đã bị thu hồi từ trước")]
    AlreadyVoided { symbol: String },
    #[error("ngày thu hồi {} trước ngày ban hành {}", shown(*.on), shown_text(.issued))]
    VoidBeforeIssue { on: NaiveDate, issued: String },
    #[error("cần ghi lý do thu hồi")]
    NoVoidReason,
    #[error("tên tổ chức không được để trống")]
    NoOrganisation,
    #[error("sổ văn bản đang bận, vui lòng thử lại")]
    Busy,
    /// A re-download did not give the bytes recorded at issue: the forms or
    /// fonts changed since. Never answered with different bytes silently.
    #[error(
        "văn bản {symbol} ({format}) dựng lại không còn trùng khớp bản đã cấp (mã SHA-256 khác): biểu mẫu hoặc phông chữ đã thay đổi từ khi cấp"
    )]
    Altered {
        symbol: String,
        format: &'static str,
    },
    #[error("chỉ cấp số cho văn bản PDF hoặc DOCX")]
    Format,
    #[error("dòng {line} của tệp nhập: {why}")]
    Import { line: usize, why: String },
    #[error("ngày cuối kỳ {} trước ngày đầu kỳ {}", shown(*.to), shown(*.from))]
    PeriodReversed { from: NaiveDate, to: NaiveDate },
    #[error(
        "sổ không có văn bản nào của \"{organisation}\" từ ngày {} đến ngày {}",
        shown(*.from), shown(*.to)
    )]
    EmptyBook {
        organisation: String,
        from: NaiveDate,
        to: NaiveDate,
    },
    #[error(
        "sổ không có phiếu báo chuyển sinh hoạt đảng nào của \"{organisation}\" đến ngày {} (phiếu báo chưa thu hồi)",
        shown(*.on)
    )]
    NoNotices { organisation: String, on: NaiveDate },
    /// A stored record the book cannot read back (written by hand, or by a
    /// version that recorded other fields).
    #[error("bản ghi {symbol} trong sổ không đọc được: {why}")]
    Unreadable { symbol: String, why: String },
}

impl RegisterError {
    /// The field of the request a refusal is about, for the API's list of
    /// problems; None for failures that are not the request's fault.
    pub fn problem(&self) -> Option<Problem> {
        let field = match self {
            Self::NoTerm { .. } | Self::BeforeFirstTerm { .. } => "van_ban.ngay",
            Self::NumberTaken { .. } | Self::NumberAhead { .. } | Self::SameCase { .. } => {
                "van_ban.so"
            }
            Self::VoidBeforeIssue { .. } => "ngay",
            Self::TermAfterIssued { .. } => "bat_dau",
            Self::NoVoidReason => "ly_do",
            Self::NoOrganisation => "to_chuc",
            Self::PeriodReversed { .. } => "to",
            Self::EmptyBook { .. } | Self::NoNotices { .. } => "organisation",
            _ => return None,
        };
        Some(Problem::new(field, self.to_string()))
    }
}

impl From<crate::Error> for RegisterError {
    fn from(e: crate::Error) -> Self {
        Self::Render(e)
    }
}

/// The register over its store.
pub struct Register {
    store: Box<dyn Store>,
    location: Location,
    reservations: std::sync::Arc<Reservations>,
    kinds: KindHints,
    terms: KnownTerms,
}

impl Register {
    /// Opens the register, creating and migrating its tables on first use.
    pub fn open(location: Location) -> Result<Self, StoreError> {
        let store: Box<dyn Store> = match &location {
            Location::Sqlite(path) => Box::new(sqlite::SqliteStore::open(path)?),
            Location::Postgres(url) => Box::new(postgres::PostgresStore::open(url)?),
        };
        Ok(Self {
            store,
            location,
            reservations: Default::default(),
            kinds: KindHints::default(),
            terms: KnownTerms::default(),
        })
    }

    pub fn location(&self) -> &Location {
        &self.location
    }

    pub fn store(&self) -> &dyn Store {
        self.store.as_ref()
    }

    /// Adds the first day of a committee term of an organisation; refused
    /// on or before the date of a document the term before it holds.
    pub fn add_term(&self, organisation: &str, starts: NaiveDate) -> Result<(), RegisterError> {
        let organisation = organisation_key(organisation)?;
        let day = starts.to_string();
        // The store adds none when such a document exists, in the same
        // statement as its check; which document, is asked after.
        self.store.add_term(&organisation, &day)?;
        self.terms.forget(&organisation);
        match self.store.issued_from(&organisation, &day)? {
            None => Ok(()),
            Some(doc) => Err(RegisterError::TermAfterIssued {
                organisation,
                starts,
                issued: doc.date.parse().map_err(|_| RegisterError::Unreadable {
                    symbol: doc.symbol.clone(),
                    why: format!("ngày ban hành \"{}\" không hợp lệ", doc.date),
                })?,
                symbol: doc.symbol,
            }),
        }
    }

    /// An organisation's term start dates, earliest first (none for a blank
    /// name: no organisation has it).
    pub fn terms(&self, organisation: &str) -> Result<Vec<String>, RegisterError> {
        match organisation_key(organisation) {
            Ok(key) => Ok(self.store.terms(&key)?),
            Err(RegisterError::NoOrganisation) => Ok(Vec::new()),
            Err(e) => Err(e),
        }
    }

    /// The term a date falls in: the latest start on or before it.
    fn term_of(&self, organisation: &str, date: NaiveDate) -> Result<String, RegisterError> {
        let terms = self.store.terms(organisation)?;
        let Some(first) = terms.first() else {
            return Err(RegisterError::NoTerm {
                organisation: organisation.to_string(),
            });
        };
        term_on(&terms, &date.to_string())
            .cloned()
            .ok_or_else(|| RegisterError::BeforeFirstTerm {
                organisation: organisation.to_string(),
                date,
                first: first.clone(),
            })
    }

    pub fn list(&self, filter: &Filter) -> Result<Vec<Record>, RegisterError> {
        Ok(self.store.list(filter)?)
    }

    pub fn get(&self, id: &str) -> Result<Record, RegisterError> {
        self.store.get(id)?.ok_or(RegisterError::NotFound)
    }

    /// Marks a document voided, with the day and the reason; its number
    /// stays taken.
    pub fn void(&self, id: &str, on: NaiveDate, reason: &str) -> Result<Record, RegisterError> {
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(RegisterError::NoVoidReason);
        }
        let record = self.get(id)?;
        if record.voided_on.is_some() {
            return Err(RegisterError::AlreadyVoided {
                symbol: record.symbol,
            });
        }
        if on.to_string() < record.date {
            return Err(RegisterError::VoidBeforeIssue {
                on,
                issued: record.date,
            });
        }
        if !self
            .store
            .void(id, &on.to_string(), &crate::rules::format::nfc(reason))?
        {
            return Err(RegisterError::AlreadyVoided {
                symbol: record.symbol,
            });
        }
        self.get(id)
    }
}

/// The term a date (`YYYY-MM-DD`) falls in, among an organisation's term
/// start dates (earliest first): the latest start on or before it; none when
/// the date is before the first.
fn term_on<'a>(terms: &'a [String], date: &str) -> Option<&'a String> {
    terms.iter().rev().find(|t| t.as_str() <= date)
}

/// An organisation's name as the register keys it: NFC, trimmed.
fn organisation_key(name: &str) -> Result<String, RegisterError> {
    let key = crate::rules::format::nfc(name.trim());
    if key.is_empty() {
        return Err(RegisterError::NoOrganisation);
    }
    Ok(key)
}

/// A record's id: stable across export and import, from what makes the
/// number unique.
fn record_id(organisation: &str, kind: &str, term: &str, number: u32) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(format!("{organisation}\n{kind}\n{term}\n{number}").as_bytes());
    hex(&digest[..8])
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    hex(&Sha256::digest(bytes))
}
