//! Backup and move: the register as JSON lines, one term or one document a
//! line, in register order; `import` reads them back into another register
//! (another file, another server) and gives the same export.

use std::io::{BufRead, Write};

use serde::{Deserialize, Serialize};

use super::store::{Filter, Inserted, NewDocument, Record};
use super::{Register, RegisterError, StoreError};

/// One line of an export.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Line {
    Term {
        organisation: String,
        starts: String,
    },
    Document(Box<Record>),
}

/// Where one imported document went.
enum Went {
    In,
    /// The very same document was there already.
    Unchanged,
    /// Its number holds another document.
    Conflict,
}

/// What an import did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Imported {
    pub terms: usize,
    pub documents: usize,
    /// Documents already in the register, identical: left as they were.
    pub unchanged: usize,
}

impl Register {
    /// Writes every term, then every document (with its case, hashes and
    /// voiding), one JSON object a line.
    pub fn export(&self, mut out: impl Write) -> Result<usize, RegisterError> {
        let io = |e: std::io::Error| StoreError::Database(format!("không ghi được: {e}"));
        let mut lines = 0;
        for (organisation, starts) in self.store.all_terms()? {
            let line = Line::Term {
                organisation,
                starts,
            };
            serde_json::to_writer(&mut out, &line).map_err(|e| io(e.into()))?;
            out.write_all(b"\n").map_err(io)?;
            lines += 1;
        }
        for record in self.store.list(&Filter::default())? {
            serde_json::to_writer(&mut out, &Line::Document(Box::new(record)))
                .map_err(|e| io(e.into()))?;
            out.write_all(b"\n").map_err(io)?;
            lines += 1;
        }
        out.flush().map_err(io)?;
        Ok(lines)
    }

    /// Reads an export. A document whose number is already recorded is
    /// accepted only when identical; anything else stops the import at
    /// that line (the lines before it stay imported). Each document gets its
    /// content key, as an issue would have given it.
    pub fn import(&self, input: impl BufRead) -> Result<Imported, RegisterError> {
        let mut done = Imported::default();
        for (i, line) in input.lines().enumerate() {
            let at = |why: String| RegisterError::Import { line: i + 1, why };
            let line = line.map_err(|e| at(format!("không đọc được ({e})")))?;
            if line.trim().is_empty() {
                continue;
            }
            let parsed: Line = serde_json::from_str(&line)
                .map_err(|e| at(format!("không phải dòng của sổ văn bản ({e})")))?;
            match parsed {
                Line::Term {
                    organisation,
                    starts,
                } => {
                    let day = starts.parse().map_err(|_| {
                        at(format!("ngày bắt đầu nhiệm kỳ \"{starts}\" không hợp lệ"))
                    })?;
                    self.add_term(&organisation, day)?;
                    done.terms += 1;
                }
                Line::Document(record) => match self.import_document(&record)? {
                    Went::In => done.documents += 1,
                    Went::Unchanged => done.unchanged += 1,
                    Went::Conflict => {
                        return Err(at(format!(
                            "số {} đã có trong sổ cho một văn bản khác",
                            record.symbol
                        )));
                    }
                },
            }
        }
        Ok(done)
    }

    /// Records one imported document with its content key. Of
    /// two documents not voided with the same content (an export of a
    /// register from before the key), the first recorded keeps the key, as
    /// the migration that added it decides; the other goes in without it.
    fn import_document(&self, record: &Record) -> Result<Went, RegisterError> {
        let key = super::content_key(&record.form, &record.case);
        let mut doc = NewDocument {
            record,
            content_key: key.as_deref(),
        };
        let mut inserted = self.store.insert(doc, false)?;
        if matches!(&inserted, Inserted::Same { id } if *id != record.id) {
            doc.content_key = None;
            inserted = self.store.insert(doc, false)?;
        }
        if inserted == Inserted::Recorded {
            return Ok(Went::In);
        }
        if self.store.get(&record.id)?.is_some_and(|r| r == *record) {
            return Ok(Went::Unchanged);
        }
        Ok(Went::Conflict)
    }
}
