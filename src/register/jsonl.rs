//! Backup and move: the register as JSON lines, one term or one document a
//! line, in register order; `import` reads them back into another register
//! (another file, another server) and gives the same export.

use std::io::{BufRead, Write};

use serde::{Deserialize, Serialize};

use super::store::{Filter, Inserted, Record};
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
    /// that line (the lines before it stay imported).
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
                Line::Document(record) => match self.store.insert(&record, false)? {
                    Inserted::Recorded => done.documents += 1,
                    Inserted::NumberTaken | Inserted::NotNext { .. } | Inserted::TermChanged => {
                        let same = self.store.get(&record.id)?.is_some_and(|r| r == *record);
                        if !same {
                            return Err(at(format!(
                                "số {} đã có trong sổ cho một văn bản khác",
                                record.symbol
                            )));
                        }
                        done.unchanged += 1;
                    }
                },
            }
        }
        Ok(done)
    }
}
