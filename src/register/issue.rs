//! Issuing: allocate the number, render with it, record — and re-render an
//! issued document from its stored case, checked against the stored hash.

use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use serde::Deserialize;
use serde_json::{Map, Value};

use super::store::{Inserted, Record, Rendition};
use super::{Register, RegisterError, organisation_key, record_id, sha256_hex};
use crate::error::Error;
use crate::rules::format::nfc;
use crate::{Format, PdfStandard, RenderOptions, Rendered, Renderer};

/// Attempts before an issue gives up on a number raced for by others: each
/// lost race means another issue took that number, so this many losses in a
/// row only happen under a flood of issues for one register.
pub const MAX_ATTEMPTS: usize = 64;
/// Longest a rendered draft waits for an earlier number of its register,
/// rendered by another thread of this process, to be recorded.
pub const WAIT_LIMIT: Duration = Duration::from_secs(30);
/// Longest a waiting draft waits before it tries to commit again: it is
/// woken sooner when a number of this process is recorded or given up, so
/// this only paces the wait for a number another process holds.
pub const WAIT_STEP: Duration = Duration::from_millis(2);

/// A document rendered with its number, not yet recorded.
pub struct Draft {
    record: Record,
    rendered: Rendered,
    /// The allocated number's reservation (none when the case gave it).
    reservation: Option<Reservation>,
}

impl Draft {
    /// Waits until no earlier number of its register is being rendered in
    /// this process, or [`WAIT_STEP`] at most (an earlier number may be
    /// another process's): then commit again.
    pub fn await_turn(&self) {
        match &self.reservation {
            Some(reservation) => reservation.await_earlier(0, WAIT_STEP),
            None => std::thread::sleep(WAIT_STEP),
        }
    }
}

/// What drafting gave.
pub enum Drafted {
    /// The very same case was issued before: that document.
    Issued(Issued),
    Draft(Draft),
}

/// What committing a draft gave.
pub enum Step {
    Done(Box<Issued>),
    /// The number went to another document: draft again.
    Retry,
    /// An earlier number is still being rendered here: commit again soon.
    Wait(Box<Draft>),
}

/// (organisation, kind, term).
type Key = (String, String, String);

/// Numbers handed to drafts of this process and not yet recorded or given
/// up, per register: the next draft takes the number after them, so
/// concurrent issues for one organisation render in parallel instead of
/// racing for the same number. Only a hint: the store's checks decide.
#[derive(Default)]
pub struct Reservations {
    state: Mutex<Reserved>,
    /// Signalled when a reservation is released: a draft waiting for an
    /// earlier number goes on at once rather than at its next poll (all
    /// issues for one register commit one after another, so each poll's
    /// delay would be paid once per number).
    released: Condvar,
}

#[derive(Default)]
struct Reserved {
    /// Numbers being rendered.
    pending: HashMap<Key, BTreeSet<u32>>,
    /// The highest number this process recorded: the store may be read
    /// just before a commit lands, and that number must not be handed out
    /// again.
    recorded: HashMap<Key, u32>,
}

/// A reserved number, released when dropped (recorded or given up).
pub struct Reservation {
    owner: Arc<Reservations>,
    key: Key,
    number: u32,
}

impl Reservations {
    /// The lowest number after the last recorded one (in the store, or by
    /// this process) that no draft holds: a number given up by a failed
    /// draft is taken by the next one, so no gap stays open.
    fn reserve(this: &Arc<Self>, key: Key, last: u32) -> Reservation {
        let mut state = this.state.lock().unwrap_or_else(|e| e.into_inner());
        let recorded = state.recorded.get(&key).copied().unwrap_or(0);
        let taken = state.pending.entry(key.clone()).or_default();
        let mut number = last.max(recorded) + 1;
        while taken.contains(&number) {
            number += 1;
        }
        taken.insert(number);
        Reservation {
            owner: Arc::clone(this),
            key,
            number,
        }
    }
}

impl Reservation {
    /// Whether a number between the recorded `last` and this one is still
    /// reserved here.
    fn earlier_pending(&self, last: u32) -> bool {
        let state = self.owner.state.lock().unwrap_or_else(|e| e.into_inner());
        state
            .pending
            .get(&self.key)
            .is_some_and(|taken| taken.range(last + 1..self.number).next().is_some())
    }
}

impl Reservation {
    /// Waits, at most `limit`, until no number between the recorded `last`
    /// and this one is reserved here any more.
    fn await_earlier(&self, last: u32, limit: Duration) {
        let state = self.owner.state.lock().unwrap_or_else(|e| e.into_inner());
        let pending = |state: &mut Reserved| {
            state
                .pending
                .get(&self.key)
                .is_some_and(|taken| taken.range(last + 1..self.number).next().is_some())
        };
        let _ = self
            .owner
            .released
            .wait_timeout_while(state, limit, pending);
    }

    /// The number is in the store now.
    fn recorded(&self) {
        let mut state = self.owner.state.lock().unwrap_or_else(|e| e.into_inner());
        let high = state.recorded.entry(self.key.clone()).or_default();
        *high = (*high).max(self.number);
    }
}

impl Drop for Reservation {
    fn drop(&mut self) {
        let mut state = self.owner.state.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(taken) = state.pending.get_mut(&self.key) {
            taken.remove(&self.number);
            if taken.is_empty() {
                state.pending.remove(&self.key);
            }
        }
        drop(state);
        self.owner.released.notify_all();
    }
}

/// An issued document: its register record and the document itself.
#[derive(Debug)]
pub struct Issued {
    pub record: Record,
    pub rendered: Rendered,
}

/// The parts of a case the register reads: every numbered form's case has
/// them (`ToChuc`, `VanBan`, `NguoiKy` of `case::common`); the rest of the
/// case is the form's business.
#[derive(Deserialize)]
struct Envelope {
    to_chuc: OrgPart,
    van_ban: NumberPart,
    #[serde(default)]
    nguoi_ky: Option<SignerPart>,
}

#[derive(Deserialize)]
struct OrgPart {
    ten: String,
    ky_hieu: String,
}

#[derive(Deserialize)]
struct NumberPart {
    ngay: NaiveDate,
}

#[derive(Deserialize)]
struct SignerPart {
    ho_ten: String,
}

/// What an issue is about, read once from the case.
struct Subject {
    organisation: String,
    code: String,
    kind: String,
    term: String,
    date: NaiveDate,
    signer: String,
}

/// A case as a JSON object whose number the register may fill in.
struct NumberedCase(Map<String, Value>);

impl NumberedCase {
    fn parse(case: &[u8]) -> Result<Self, RegisterError> {
        match serde_json::from_slice::<Value>(case) {
            Ok(Value::Object(map)) => Ok(Self(map)),
            _ => Err(Error::invalid("", "cần một đối tượng JSON: hồ sơ văn bản").into()),
        }
    }

    /// The number the case carries, if any.
    fn given(&self) -> Result<Option<u32>, RegisterError> {
        let Some(so) = self.0.get("van_ban").and_then(|v| v.get("so")) else {
            return Ok(None);
        };
        so.as_u64()
            .and_then(|n| u32::try_from(n).ok())
            .filter(|&n| (1..=9999).contains(&n))
            .map(Some)
            .ok_or_else(|| {
                Error::invalid(
                    "van_ban.so",
                    "số văn bản là số nguyên từ 1 đến 9999, hoặc bỏ trống để được cấp số",
                )
                .into()
            })
    }

    /// The case's text with `number` written in (keys in sorted order, so
    /// the same case always gives the same text).
    fn with_number(&mut self, number: u32) -> String {
        if let Some(Value::Object(doc)) = self.0.get_mut("van_ban") {
            doc.insert("so".to_string(), Value::from(number));
        }
        serde_json::to_string(&self.0).unwrap_or_default()
    }
}

/// What the register calls a format it keeps a hash of: `pdf`, `docx`, or
/// `pdf-a-2b` for the archival copy (its bytes differ from the plain PDF's).
pub fn rendition_name(format: Format, options: RenderOptions) -> &'static str {
    match (format, options.pdf_standard) {
        (Format::Pdf, PdfStandard::A2b) => "pdf-a-2b",
        _ => format.extension(),
    }
}

/// The kind's abbreviation in a printed number "03-NQ/CB": what stands
/// between the number and the organisation's code; None when the form does
/// not print a register number of that shape.
fn kind_of(doc_number: &str, number: u32, code: &str) -> Option<String> {
    let kind = doc_number
        .strip_prefix(&format!("{number:02}-"))?
        .strip_suffix(&format!("/{}", nfc(code)))?;
    let plain = !kind.is_empty() && kind.chars().all(char::is_alphabetic);
    plain.then(|| kind.to_string())
}

/// Whether a form's documents carry a register number (judged on its
/// example case): the forms `issue` accepts.
pub fn issuable(renderer: &Renderer, form_id: &str) -> bool {
    let Ok(form) = renderer.form(form_id) else {
        return false;
    };
    let Some(example) = form.example.as_deref() else {
        return false;
    };
    let (Ok(prepared), Ok(envelope)) = (
        renderer.prepare(form_id, example),
        serde_json::from_slice::<Envelope>(example),
    ) else {
        return false;
    };
    let number = serde_json::from_slice::<Value>(example)
        .ok()
        .and_then(|v| v.get("van_ban")?.get("so")?.as_u64())
        .and_then(|n| u32::try_from(n).ok())
        .unwrap_or(0);
    kind_of(&prepared.doc_number, number, &envelope.to_chuc.ky_hieu).is_some()
}

impl Register {
    /// Issues a document: the case's own number when it carries one (refused
    /// when that number belongs to another document), else the next one.
    /// Issuing the very same case again with its number gives the document
    /// already issued. [`Register::draft`] then [`Register::commit`], waiting
    /// here for an earlier number being rendered by another thread.
    pub fn issue(
        &self,
        renderer: &Renderer,
        form_id: &str,
        case: &[u8],
        format: Format,
        options: RenderOptions,
    ) -> Result<Issued, RegisterError> {
        for _ in 0..MAX_ATTEMPTS {
            let mut draft = match self.draft(renderer, form_id, case, format, options)? {
                Drafted::Issued(done) => return Ok(done),
                Drafted::Draft(draft) => draft,
            };
            let deadline = Instant::now() + WAIT_LIMIT;
            loop {
                match self.commit(draft)? {
                    Step::Done(done) => return Ok(*done),
                    Step::Retry => break,
                    Step::Wait(back) if Instant::now() < deadline => {
                        back.await_turn();
                        draft = *back;
                    }
                    Step::Wait(_) => break,
                }
            }
        }
        Err(RegisterError::Busy)
    }

    /// Validates the case, takes its number (the one it carries, or the next
    /// free one, reserved in this process so that concurrent issues render
    /// with distinct numbers) and renders it; nothing is recorded yet.
    pub fn draft(
        &self,
        renderer: &Renderer,
        form_id: &str,
        case: &[u8],
        format: Format,
        options: RenderOptions,
    ) -> Result<Drafted, RegisterError> {
        if format == Format::Png {
            return Err(RegisterError::Format);
        }
        let form = renderer.form(form_id)?;
        let mut case = NumberedCase::parse(case)?;
        let given = case.given()?;
        let subject = self.subject(renderer, form_id, &mut case, given)?;
        let key = (
            subject.organisation.clone(),
            subject.kind.clone(),
            subject.term.clone(),
        );
        let last = self.store.last_number(&key.0, &key.1, &key.2)?;
        let (number, reservation) = match given {
            Some(n) => {
                if let Some(done) =
                    self.already(renderer, &subject, n, &mut case, format, options)?
                {
                    return Ok(Drafted::Issued(done));
                }
                if n > last + 1 {
                    return Err(RegisterError::NumberAhead {
                        given: n,
                        next: last + 1,
                    });
                }
                (n, None)
            }
            None => {
                let reservation = Reservations::reserve(&self.reservations, key, last);
                (reservation.number, Some(reservation))
            }
        };
        let text = case.with_number(number);
        let (prepared, rendered) =
            renderer.prepare_and_render(form_id, text.as_bytes(), format, options)?;
        let record = Record {
            id: record_id(&subject.organisation, &subject.kind, &subject.term, number),
            organisation: subject.organisation,
            code: subject.code,
            kind: subject.kind,
            term: subject.term,
            number,
            symbol: prepared.doc_number,
            date: subject.date.to_string(),
            form: form.id.clone(),
            subject: form.meta.title.clone(),
            signer: subject.signer,
            case: text,
            renditions: vec![Rendition {
                format: rendition_name(format, options).to_string(),
                sha256: sha256_hex(&rendered.bytes),
            }],
            voided_on: None,
            void_reason: None,
        };
        Ok(Drafted::Draft(Draft {
            record,
            rendered,
            reservation,
        }))
    }

    /// Records a draft in one transaction, only as the next number of its
    /// register (no gap); tells when an earlier number is still being
    /// rendered here (wait, then commit again) or the number went to
    /// another issue (draft again).
    pub fn commit(&self, draft: Draft) -> Result<Step, RegisterError> {
        // An earlier number of this process still rendering: its commit comes
        // first, and trying now would only take the store's write lock.
        if draft
            .reservation
            .as_ref()
            .is_some_and(|r| r.earlier_pending(0))
        {
            return Ok(Step::Wait(Box::new(draft)));
        }
        let allocated = draft.reservation.is_some();
        match self.store.insert(&draft.record, allocated)? {
            Inserted::Recorded => {
                if let Some(reservation) = &draft.reservation {
                    reservation.recorded();
                }
                Ok(Step::Done(Box::new(Issued {
                    record: draft.record,
                    rendered: draft.rendered,
                })))
            }
            Inserted::NumberTaken => Ok(Step::Retry),
            Inserted::NotNext { last } => {
                let earlier = draft
                    .reservation
                    .as_ref()
                    .is_some_and(|r| r.earlier_pending(last));
                Ok(if earlier {
                    Step::Wait(Box::new(draft))
                } else {
                    Step::Retry
                })
            }
        }
    }

    /// Validates the case as the form would (with a stand-in number when it
    /// has none) and reads who issues what kind, when, in which term.
    fn subject(
        &self,
        renderer: &Renderer,
        form_id: &str,
        case: &mut NumberedCase,
        given: Option<u32>,
    ) -> Result<Subject, RegisterError> {
        let probe_number = given.unwrap_or(1);
        let probe = case.with_number(probe_number);
        let prepared = renderer.prepare(form_id, probe.as_bytes())?;
        let not_issuable = || RegisterError::NotIssuable(form_id.to_string());
        let envelope: Envelope = serde_json::from_str(&probe).map_err(|_| not_issuable())?;
        let kind = kind_of(
            &prepared.doc_number,
            probe_number,
            &envelope.to_chuc.ky_hieu,
        )
        .ok_or_else(not_issuable)?;
        let organisation = organisation_key(&envelope.to_chuc.ten)?;
        let date = envelope.van_ban.ngay;
        let term = self.term_of(&organisation, date)?;
        Ok(Subject {
            organisation,
            code: nfc(envelope.to_chuc.ky_hieu.trim()),
            kind,
            term,
            date,
            signer: envelope
                .nguoi_ky
                .map(|s| nfc(s.ho_ten.trim()))
                .unwrap_or_default(),
        })
    }

    /// When number `n` is already recorded: the same document again (the
    /// same case) is given back; another document is refused.
    fn already(
        &self,
        renderer: &Renderer,
        subject: &Subject,
        n: u32,
        case: &mut NumberedCase,
        format: Format,
        options: RenderOptions,
    ) -> Result<Option<Issued>, RegisterError> {
        let Some(existing) =
            self.store
                .find(&subject.organisation, &subject.kind, &subject.term, n)?
        else {
            return Ok(None);
        };
        if existing.case != case.with_number(n) {
            return Err(RegisterError::NumberTaken {
                symbol: existing.symbol,
            });
        }
        let (record, rendered) = self.download_record(renderer, existing, format, options)?;
        Ok(Some(Issued { record, rendered }))
    }

    /// An issued document again, rendered from the stored case; refused when
    /// the bytes differ from those recorded for that format. The first
    /// download in a format not produced before records its hash.
    pub fn download(
        &self,
        renderer: &Renderer,
        id: &str,
        format: Format,
        options: RenderOptions,
    ) -> Result<(Record, Rendered), RegisterError> {
        if format == Format::Png {
            return Err(RegisterError::Format);
        }
        let record = self.get(id)?;
        self.download_record(renderer, record, format, options)
    }

    fn download_record(
        &self,
        renderer: &Renderer,
        mut record: Record,
        format: Format,
        options: RenderOptions,
    ) -> Result<(Record, Rendered), RegisterError> {
        let rendered =
            renderer.render_with(&record.form, record.case.as_bytes(), format, options)?;
        let sha256 = sha256_hex(&rendered.bytes);
        let extension = rendition_name(format, options);
        match record.renditions.iter().find(|r| r.format == extension) {
            Some(r) if r.sha256 != sha256 => {
                return Err(RegisterError::Altered {
                    symbol: record.symbol,
                    format: extension,
                });
            }
            Some(_) => {}
            None => {
                let rendition = Rendition {
                    format: extension.to_string(),
                    sha256,
                };
                self.store.add_rendition(&record.id, &rendition)?;
                record.renditions.push(rendition);
                record.renditions.sort_by(|a, b| a.format.cmp(&b.format));
            }
        }
        Ok((record, rendered))
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::{Reservations, kind_of};

    #[test]
    fn reservations_take_the_lowest_free_number() {
        let r = Arc::new(Reservations::default());
        let key = || ("CB".to_string(), "NQ".to_string(), "2025-10-01".to_string());
        let a = Reservations::reserve(&r, key(), 4);
        let b = Reservations::reserve(&r, key(), 4);
        let c = Reservations::reserve(&r, key(), 4);
        assert_eq!((a.number, b.number, c.number), (5, 6, 7));
        assert!(!a.earlier_pending(0) && b.earlier_pending(0) && c.earlier_pending(5));
        // 6 given up: the next draft fills it.
        drop(b);
        assert_eq!(Reservations::reserve(&r, key(), 4).number, 6);
        // 5 recorded: not handed out again even from a stale read of the store.
        a.recorded();
        drop(a);
        assert_eq!(Reservations::reserve(&r, key(), 4).number, 6);
    }

    #[test]
    fn kind_is_what_stands_between_number_and_code() {
        for (printed, n, code, kind) in [
            ("03-NQ/CB", 3, "CB", Some("NQ")),
            ("45-BC/ĐU", 45, "ĐU", Some("BC")),
            ("15-PB/ĐU", 15, "ĐU", Some("PB")),
            ("04-GGT/CB", 4, "CB", Some("GGT")),
            ("BB-03-NQ/CB", 3, "CB", None),
            ("03-NQ/CB", 4, "CB", None),
            ("03-NQ/CB", 3, "ĐU", None),
            ("dang-vien-2026-01-01", 1, "CB", None),
        ] {
            assert_eq!(kind_of(printed, n, code).as_deref(), kind, "{printed}");
        }
    }
}
