//! Issuing: allocate the number, render with it, record — and re-render an
//! issued document from its stored case, checked against the stored hash.
//!
//! All issues for one register are recorded one after another (each number
//! must follow the previous one), and each commit waits for the disk (a
//! flush of a few milliseconds): one commit per document would bound the
//! register's issue rate by the disk, whatever the cores. Rendered drafts
//! are therefore queued per register, and one thread at a time records
//! every queued draft whose turn has come in one transaction.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::{Arc, Mutex, MutexGuard};

use chrono::NaiveDate;
use serde::Deserialize;
use serde_json::Value;
use tokio::sync::oneshot;

use super::numbered::NumberedCase;
use super::store::{Inserted, NewDocument, Record, Rendition};
use super::{Register, RegisterError, organisation_key, record_id, sha256_hex};
use crate::forms::catalog::Form;
use crate::rules::format::nfc;
use crate::{Format, PdfStandard, RenderOptions, Rendered, Renderer};

/// Attempts before an issue gives up on a number raced for by others: each
/// lost race means another issue took that number, so this many losses in a
/// row only happen under a flood of issues for one register.
pub const MAX_ATTEMPTS: usize = 64;

/// A document rendered with its number, not yet recorded.
pub struct Draft {
    record: Record,
    /// What makes it the same document as another: [`content_key`].
    content_key: String,
    rendered: Rendered,
    /// The allocated number's reservation (none when the case gave it).
    reservation: Option<Reservation>,
}

/// What drafting gave.
pub enum Drafted {
    /// The very same case was issued before: that document.
    Issued(Issued),
    Draft(Draft),
}

/// What recording a draft gave.
pub enum Step {
    Done(Box<Issued>),
    /// The number went to another document: draft again.
    Retry,
    /// The number before it was given up while it waited: queue it again
    /// (with the duty of recording, as nobody else is).
    Wait(Box<Draft>),
    /// The very same case was issued before (the document with this id, not
    /// voided): the draft's number is given up, and the issue answers with
    /// that document ([`Register::replay`]).
    Same(String),
}

/// A queued draft's outcome, sent to the issue that drafted it.
pub type Outcome = Result<Step, RegisterError>;

/// A draft in its register's queue: its outcome comes on `outcome`. With
/// `turn`, nobody is recording that register now: the caller records
/// ([`Register::record`]) on a thread that may wait for the disk.
pub struct Queued {
    pub outcome: oneshot::Receiver<Outcome>,
    pub turn: Option<Turn>,
}

/// The duty of recording: a register's queue, or a draft whose number the
/// case gave (recorded alone: it follows no reservation).
pub struct Turn(TurnOf);

enum TurnOf {
    Queue(Key),
    Given(Box<Draft>, oneshot::Sender<Outcome>),
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
}

#[derive(Default)]
struct Reserved {
    /// Numbers being rendered or queued.
    pending: HashMap<Key, BTreeSet<u32>>,
    /// The highest number known to be in the store: read from it by an
    /// issue, or recorded by this process. The store may be read just before
    /// a commit lands, and that number must not be handed out again; and
    /// while a register's last number is known here, an issue need not read
    /// it (forgotten when the store refuses a number: another process wrote).
    known: HashMap<Key, u32>,
    /// Rendered drafts waiting to be recorded, by number.
    queued: HashMap<Key, BTreeMap<u32, Queuer>>,
    /// Registers a thread is recording now.
    recording: HashSet<Key>,
}

impl Draft {
    /// What the store is given to record.
    fn new_document(&self) -> NewDocument<'_> {
        NewDocument {
            record: &self.record,
            content_key: Some(&self.content_key),
        }
    }
}

/// A queued draft and where its outcome goes.
struct Queuer {
    draft: Draft,
    reply: oneshot::Sender<Outcome>,
}

impl Reserved {
    /// Whether the lowest pending number of a register is queued: then
    /// something may be recorded.
    fn ready(&self, key: &Key) -> bool {
        let first = self.pending.get(key).and_then(|p| p.first());
        first.is_some_and(|n| self.queued.get(key).is_some_and(|q| q.contains_key(n)))
    }

    /// The lowest pending number's draft, when it is queued.
    fn take_first(&mut self, key: &Key) -> Option<Queuer> {
        let first = *self.pending.get(key)?.first()?;
        let queued = self.queued.get_mut(key)?;
        let q = queued.remove(&first)?;
        if queued.is_empty() {
            self.queued.remove(key);
        }
        Some(q)
    }

    /// The queued drafts whose turn has come: from the lowest pending
    /// number up, as long as each is queued (a number still rendering
    /// stops the run: the drafts after it wait for it).
    fn take_ready(&mut self, key: &Key) -> Vec<Queuer> {
        let (Some(pending), Some(queued)) = (self.pending.get(key), self.queued.get_mut(key))
        else {
            return Vec::new();
        };
        let mut ready = Vec::new();
        for n in pending {
            match queued.remove(n) {
                Some(q) => ready.push(q),
                None => break,
            }
        }
        if queued.is_empty() {
            self.queued.remove(key);
        }
        ready
    }
}

/// A reserved number, released when dropped (recorded or given up).
pub struct Reservation {
    owner: Arc<Reservations>,
    key: Key,
    number: u32,
}

impl Reservations {
    fn lock(&self) -> MutexGuard<'_, Reserved> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The lowest number after the last recorded one (in the store, or by
    /// this process) that no draft holds: a number given up by a failed
    /// draft is taken by the next one, so no gap stays open.
    fn reserve(this: &Arc<Self>, key: Key, last: u32) -> Reservation {
        let mut state = this.lock();
        let known = state.known.entry(key.clone()).or_default();
        *known = (*known).max(last);
        let last = *known;
        let taken = state.pending.entry(key.clone()).or_default();
        let mut number = last + 1;
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

    /// The last number of a register in the store, when this process
    /// knows it.
    fn known_last(&self, key: &Key) -> Option<u32> {
        self.lock().known.get(key).copied()
    }
}

impl Reservation {
    /// The number is in the store now.
    fn recorded(&self) {
        let mut state = self.owner.lock();
        let high = state.known.entry(self.key.clone()).or_default();
        *high = (*high).max(self.number);
    }

    /// The store refused the number: what this process knew of the
    /// register is stale, and the next issue reads it again.
    fn refused(&self) {
        self.owner.lock().known.remove(&self.key);
    }
}

/// Releasing a number given up (its draft failed or lost its number) may
/// leave queued drafts first in line with nobody recording them: the first
/// is handed back to its issue ([`Step::Wait`]), which queues it again and
/// records. A number released while its register is being recorded needs
/// nothing: the recording thread looks again before it stops.
impl Drop for Reservation {
    fn drop(&mut self) {
        let handed_back = {
            let mut state = self.owner.lock();
            if let Some(taken) = state.pending.get_mut(&self.key) {
                taken.remove(&self.number);
                if taken.is_empty() {
                    state.pending.remove(&self.key);
                }
            }
            if state.recording.contains(&self.key) {
                None
            } else {
                state.take_first(&self.key)
            }
        };
        // Outside the lock: a draft nobody waits for any more is dropped
        // here, and its own reservation takes the lock.
        if let Some(q) = handed_back {
            let _ = q.reply.send(Ok(Step::Wait(Box::new(q.draft))));
        }
    }
}

/// A register's recording mark, held by the thread recording it. Should
/// that thread unwind (a store call panicked), the mark is cleared and the
/// first queued draft handed back to its issue: without it, every later
/// draft of the register would wait for a recorder that is gone.
struct RecordingMark<'a> {
    reservations: &'a Reservations,
    key: &'a Key,
}

impl Drop for RecordingMark<'_> {
    fn drop(&mut self) {
        if !std::thread::panicking() {
            return;
        }
        let handed_back = {
            let mut state = self.reservations.lock();
            state.recording.remove(self.key);
            state.take_first(self.key)
        };
        if let Some(q) = handed_back {
            let _ = q.reply.send(Ok(Step::Wait(Box::new(q.draft))));
        }
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
    /// The last number of this kind recorded in the term.
    last: u32,
    date: NaiveDate,
    signer: String,
}

/// An order with its form found: what a draft renders.
struct Job<'a> {
    renderer: &'a Renderer,
    form: &'a Form,
    order: Order<'a>,
}

impl NumberedCase {
    /// The parts the register reads, from the case already parsed (none
    /// when the case lacks them).
    fn envelope(&self) -> Option<Envelope> {
        Envelope::deserialize(&self.0).ok()
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

/// Where an issue reads a register's term and last number: what this
/// process knows of it, when it does, or the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lookup {
    Known,
    Store,
}

/// What a clerk asks the register to issue: a form, its case (JSON), and
/// the format wanted. One value, because [`Register::issue`] hands it on
/// to [`Register::draft`] again after every retry, and the service drafts
/// on its render pool with it.
#[derive(Debug, Clone, Copy)]
pub struct Order<'a> {
    pub form_id: &'a str,
    pub case: &'a [u8],
    pub format: Format,
    pub options: RenderOptions,
}

impl Register {
    /// Issues a document: the case's own number when it carries one (refused
    /// when that number belongs to another document), else the next one.
    /// Issuing the very same case again gives the document already issued:
    /// with its number, found by the number ([`Register::already`]); without
    /// it, found by the store's content key when the draft is recorded
    /// ([`Step::Same`], then [`Register::replay`]), so that a retry or a
    /// second format spends no number. [`Register::draft`], then [`Register::queue`] (and
    /// [`Register::record`] when it is this thread's turn), then the
    /// outcome, waited for here.
    pub fn issue(
        &self,
        renderer: &Renderer,
        form_id: &str,
        case: &[u8],
        format: Format,
        options: RenderOptions,
    ) -> Result<Issued, RegisterError> {
        let order = Order {
            form_id,
            case,
            format,
            options,
        };
        for _ in 0..MAX_ATTEMPTS {
            let mut draft = match self.draft(renderer, order)? {
                Drafted::Issued(done) => return Ok(done),
                Drafted::Draft(draft) => draft,
            };
            loop {
                let queued = self.queue(draft);
                if let Some(turn) = queued.turn {
                    self.record(turn);
                }
                // Every queued draft is answered: recorded, refused, or
                // handed back when the number before it is given up.
                match queued.outcome.blocking_recv() {
                    Ok(Ok(Step::Done(done))) => return Ok(*done),
                    Ok(Ok(Step::Same(id))) => return self.replay(renderer, &id, format, options),
                    Ok(Ok(Step::Retry)) => break,
                    Ok(Ok(Step::Wait(back))) => draft = *back,
                    Ok(Err(e)) => return Err(e),
                    Err(_) => return Err(RegisterError::Busy),
                }
            }
        }
        Err(RegisterError::Busy)
    }

    /// Queues a rendered draft to be recorded after the numbers before it;
    /// cheap (no storage work), so it may run on any thread.
    pub fn queue(&self, draft: Draft) -> Queued {
        let (reply, outcome) = oneshot::channel();
        let Some(reservation) = &draft.reservation else {
            let turn = Turn(TurnOf::Given(Box::new(draft), reply));
            return Queued {
                outcome,
                turn: Some(turn),
            };
        };
        let (key, number) = (reservation.key.clone(), reservation.number);
        let mut state = self.reservations.lock();
        state
            .queued
            .entry(key.clone())
            .or_default()
            .insert(number, Queuer { draft, reply });
        let turn = (!state.recording.contains(&key) && state.ready(&key)).then(|| {
            state.recording.insert(key.clone());
            Turn(TurnOf::Queue(key))
        });
        Queued { outcome, turn }
    }

    /// Records what the turn covers: every draft of the register whose turn
    /// has come, a batch per transaction, until none is left (drafts queued
    /// meanwhile included); each draft's outcome goes to its issue as soon
    /// as its batch is committed. Waits for the storage.
    pub fn record(&self, turn: Turn) {
        let key = match turn.0 {
            TurnOf::Given(draft, reply) => {
                let _ = reply.send(self.commit(*draft));
                return;
            }
            TurnOf::Queue(key) => key,
        };
        let _mark = RecordingMark {
            reservations: &self.reservations,
            key: &key,
        };
        loop {
            let ready = {
                let mut state = self.reservations.lock();
                let ready = state.take_ready(&key);
                if ready.is_empty() {
                    state.recording.remove(&key);
                }
                ready
            };
            if ready.is_empty() {
                return;
            }
            let documents: Vec<NewDocument<'_>> =
                ready.iter().map(|q| q.draft.new_document()).collect();
            match self.store.insert_next(&documents) {
                Ok(inserted) => {
                    for (q, inserted) in ready.into_iter().zip(inserted) {
                        let _ = q.reply.send(Ok(self.settle(q.draft, inserted)));
                    }
                }
                Err(e) => {
                    for q in ready {
                        let _ = q.reply.send(Err(e.clone().into()));
                    }
                }
            }
        }
    }

    /// Records a draft whose number the case gave, alone: any number not
    /// yet taken, at most the next one. The same case as a document already
    /// issued under another number is refused: the clerk asked for this
    /// number, and giving back the other one would not be what was asked.
    fn commit(&self, draft: Draft) -> Outcome {
        let inserted = self.store.insert(draft.new_document(), false)?;
        if let Inserted::Same { id } = &inserted {
            let symbol = self.get(id)?.symbol;
            return Err(RegisterError::SameCase { symbol });
        }
        Ok(self.settle(draft, inserted))
    }

    /// What became of a draft the store was given: a number recorded is
    /// marked so before its reservation is released (dropped with the draft).
    /// A draft refused lost its number to another document, follows a gap
    /// no draft of this process will fill, or was drafted in a term another
    /// process has since closed: what this process knew of the register is
    /// forgotten, and the draft is drafted again. A draft of the same case as
    /// a document already recorded gives its number up (its reservation is
    /// dropped with it, and the next draft takes the number: no gap); what
    /// this process knew stays true, as nothing was recorded.
    fn settle(&self, draft: Draft, inserted: Inserted) -> Step {
        let term_changed = match inserted {
            Inserted::Same { id } => return Step::Same(id),
            Inserted::Recorded => {
                if let Some(reservation) = &draft.reservation {
                    reservation.recorded();
                }
                return Step::Done(Box::new(Issued {
                    record: draft.record,
                    rendered: draft.rendered,
                }));
            }
            Inserted::NumberTaken | Inserted::NotNext { .. } => false,
            Inserted::TermChanged => true,
        };
        if let Some(reservation) = &draft.reservation {
            reservation.refused();
        }
        if term_changed {
            self.terms.forget(&draft.record.organisation);
        }
        Step::Retry
    }

    /// Validates the case, takes its number (the one it carries, or the next
    /// free one, reserved in this process so that concurrent issues render
    /// with distinct numbers) and renders it; nothing is recorded yet.
    ///
    /// The register's key needs the document's kind, which only the form's
    /// printed number tells. A case without a number is drafted under the
    /// kind its form printed last ([`super::known::KindHints`]) and the kind
    /// it prints is checked after rendering; otherwise (a case with its
    /// number, a form not issued yet, a hint the case does not fit) the case
    /// is first prepared with a stand-in number to read its kind. The term
    /// and the last number come from what this process knows of the
    /// register when it knows them ([`Lookup::Known`]), else from the store.
    pub fn draft(&self, renderer: &Renderer, order: Order<'_>) -> Result<Drafted, RegisterError> {
        let Order {
            form_id,
            case,
            format,
            options,
        } = order;
        if format == Format::Png {
            return Err(RegisterError::Format);
        }
        let form = renderer.form(form_id)?;
        let mut numbered = NumberedCase::parse(case)?;
        let given = numbered.given()?;
        let job = Job {
            renderer,
            form,
            order,
        };
        if given.is_none()
            && let Some(kind) = self.kinds.get(form_id)
            && let Some(drafted) = self.draft_as(&job, &mut numbered, kind)?
        {
            return Ok(drafted);
        }
        let subject = self.subject(renderer, form_id, &mut numbered, given)?;
        self.kinds.learn(form_id, &subject.kind);
        let (number, reservation) = match given {
            Some(n) => {
                if let Some(done) =
                    self.already(renderer, &subject, n, &mut numbered, format, options)?
                {
                    return Ok(Drafted::Issued(done));
                }
                if n > subject.last + 1 {
                    return Err(RegisterError::NumberAhead {
                        given: n,
                        next: subject.last + 1,
                    });
                }
                (n, None)
            }
            None => {
                let reservation = self.reserve(&subject);
                (reservation.number, Some(reservation))
            }
        };
        let draft = self.render_draft(&job, subject, &mut numbered, number, reservation)?;
        Ok(Drafted::Draft(draft))
    }

    /// Drafts a case without a number under the kind its form printed last.
    /// None when the hint cannot serve: the case's envelope, organisation or
    /// term is not in order (the stand-in preparation then says what is
    /// wrong, in the usual order), or the document printed another kind (its
    /// number is given up at once and the kind learnt).
    fn draft_as(
        &self,
        job: &Job<'_>,
        numbered: &mut NumberedCase,
        kind: String,
    ) -> Result<Option<Drafted>, RegisterError> {
        let Some(envelope) = numbered.envelope() else {
            return Ok(None);
        };
        let Ok(subject) = self.locate(&envelope, kind, Lookup::Known) else {
            return Ok(None);
        };
        let reservation = self.reserve(&subject);
        let number = reservation.number;
        let draft = self.render_draft(job, subject, numbered, number, Some(reservation))?;
        let printed = kind_of(&draft.record.symbol, number, &envelope.to_chuc.ky_hieu);
        if printed.as_deref() == Some(draft.record.kind.as_str()) {
            return Ok(Some(Drafted::Draft(draft)));
        }
        if let Some(kind) = printed {
            self.kinds.learn(&job.form.id, &kind);
        }
        Ok(None)
    }

    fn reserve(&self, subject: &Subject) -> Reservation {
        let key = (
            subject.organisation.clone(),
            subject.kind.clone(),
            subject.term.clone(),
        );
        Reservations::reserve(&self.reservations, key, subject.last)
    }

    /// Renders the case with its number and makes the record to keep (its
    /// symbol is the number as printed).
    fn render_draft(
        &self,
        job: &Job<'_>,
        subject: Subject,
        numbered: &mut NumberedCase,
        number: u32,
        reservation: Option<Reservation>,
    ) -> Result<Draft, RegisterError> {
        let (form, order) = (job.form, job.order);
        let content_key = numbered.content_key(&form.id);
        let text = numbered.with_number(number);
        let (prepared, rendered) = job.renderer.prepare_and_render(
            &form.id,
            text.as_bytes(),
            order.format,
            order.options,
        )?;
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
                format: rendition_name(order.format, order.options).to_string(),
                sha256: sha256_hex(&rendered.bytes),
            }],
            voided_on: None,
            void_reason: None,
        };
        Ok(Draft {
            record,
            content_key,
            rendered,
            reservation,
        })
    }

    /// Validates the case as the form would (with a stand-in number when it
    /// has none) and reads who issues what kind, when, in which term, and
    /// the term's last number of that kind.
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
        let envelope = case.envelope().ok_or_else(not_issuable)?;
        let kind = kind_of(
            &prepared.doc_number,
            probe_number,
            &envelope.to_chuc.ky_hieu,
        )
        .ok_or_else(not_issuable)?;
        // A number the case gives is checked against the store itself.
        let lookup = match given {
            Some(_) => Lookup::Store,
            None => Lookup::Known,
        };
        self.locate(&envelope, kind, lookup)
    }

    /// Who issues the document, when, in which term, and the term's last
    /// number of `kind`.
    fn locate(
        &self,
        envelope: &Envelope,
        kind: String,
        lookup: Lookup,
    ) -> Result<Subject, RegisterError> {
        let organisation = organisation_key(&envelope.to_chuc.ten)?;
        let date = envelope.van_ban.ngay;
        let known = match lookup {
            Lookup::Known => self.known(&organisation, &kind, date),
            Lookup::Store => None,
        };
        let (term, last) = match known {
            Some(found) => found,
            None => self.read_term_and_last(&organisation, &kind, date)?,
        };
        Ok(Subject {
            organisation,
            code: nfc(envelope.to_chuc.ky_hieu.trim()),
            kind,
            term,
            last,
            date,
            signer: envelope
                .nguoi_ky
                .as_ref()
                .map(|s| nfc(s.ho_ten.trim()))
                .unwrap_or_default(),
        })
    }

    /// The term `date` falls in and the last number of `kind` in it, when
    /// this process knows both: no query before the render.
    fn known(&self, organisation: &str, kind: &str, date: NaiveDate) -> Option<(String, u32)> {
        let term = self.terms.term_of(organisation, &date.to_string())?;
        let key = (organisation.to_string(), kind.to_string(), term);
        let last = self.reservations.known_last(&key)?;
        Some((key.2, last))
    }

    /// The term `date` falls in and the last number of `kind` in it, read
    /// from the store (one query when the date is in a term); the
    /// organisation's terms are remembered for the issues after this one.
    fn read_term_and_last(
        &self,
        organisation: &str,
        kind: &str,
        date: NaiveDate,
    ) -> Result<(String, u32), RegisterError> {
        let found = match self
            .store
            .term_and_last(organisation, kind, &date.to_string())?
        {
            Some(found) => found,
            // No term yet, or the date is before the first: said by term_of
            // (a term added since is read again).
            None => {
                let term = self.term_of(organisation, date)?;
                let last = self.store.last_number(organisation, kind, &term)?;
                (term, last)
            }
        };
        if !self.terms.knows(organisation) {
            self.terms
                .learn(organisation, self.store.terms(organisation)?);
        }
        Ok(found)
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

    /// The answer to a case issued again without its number: the document
    /// already issued (`id`), rendered from its stored case in the format
    /// asked for, as [`Register::already`] gives it for a case with its number.
    pub fn replay(
        &self,
        renderer: &Renderer,
        id: &str,
        format: Format,
        options: RenderOptions,
    ) -> Result<Issued, RegisterError> {
        let existing = self.get(id)?;
        let (record, rendered) = self.download_record(renderer, existing, format, options)?;
        Ok(Issued { record, rendered })
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

    use super::{Draft, Outcome, Record, Rendered, Reservations, Step, kind_of};
    use crate::Format;
    use crate::register::{Location, Register};

    fn key() -> (String, String, String) {
        ("CB".to_string(), "NQ".to_string(), "2025-10-01".to_string())
    }

    /// A register in a fresh SQLite file (kept alive by the returned
    /// folder), with the term of `key()` declared.
    fn register() -> (tempfile::TempDir, Register) {
        let dir = tempfile::tempdir().expect("temporary folder");
        let register = Register::open(Location::Sqlite(dir.path().join("so.sqlite3")))
            .expect("register opens");
        let (organisation, _, term) = key();
        register
            .add_term(&organisation, term.parse().expect("a date"))
            .expect("the term is declared");
        (dir, register)
    }

    /// A draft holding the next reserved number of `key()`, as rendering
    /// would leave it.
    fn draft(register: &Register) -> Draft {
        let (organisation, kind, term) = key();
        let last = register
            .store
            .last_number(&organisation, &kind, &term)
            .unwrap();
        let reservation = Reservations::reserve(&register.reservations, key(), last);
        let number = reservation.number;
        Draft {
            record: Record {
                id: super::record_id(&organisation, &kind, &term, number),
                organisation,
                code: "CB".to_string(),
                kind,
                term,
                number,
                symbol: format!("{number:02}-NQ/CB"),
                date: "2025-11-01".to_string(),
                form: "f".to_string(),
                subject: "s".to_string(),
                signer: "k".to_string(),
                case: format!("{{\"so\": {number}}}"),
                renditions: Vec::new(),
                voided_on: None,
                void_reason: None,
            },
            content_key: format!("case {number}"),
            rendered: Rendered {
                bytes: Vec::new(),
                format: Format::Pdf,
                file_name: String::new(),
            },
            reservation: Some(reservation),
        }
    }

    fn number(outcome: Outcome) -> u32 {
        match outcome {
            Ok(Step::Done(issued)) => issued.record.number,
            Ok(Step::Retry) => panic!("retry"),
            Ok(Step::Wait(_)) => panic!("handed back"),
            Ok(Step::Same(id)) => panic!("the same as {id}"),
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn queued_drafts_wait_for_the_numbers_before_them() {
        let (_dir, register) = register();
        let (one, two, three) = (draft(&register), draft(&register), draft(&register));
        // 3 and 2 rendered first: nothing may be recorded before 1.
        let q3 = register.queue(three);
        let q2 = register.queue(two);
        assert!(q3.turn.is_none() && q2.turn.is_none());
        // 1 comes: its issue records all three, in one transaction.
        let q1 = register.queue(one);
        register.record(q1.turn.expect("nobody else records"));
        let numbers =
            [q1.outcome, q2.outcome, q3.outcome].map(|o| number(o.blocking_recv().unwrap()));
        assert_eq!(numbers, [1, 2, 3]);
        let (organisation, kind, term) = key();
        assert_eq!(
            register
                .store
                .last_number(&organisation, &kind, &term)
                .unwrap(),
            3
        );
        // The next draft takes 4.
        assert_eq!(draft(&register).record.number, 4);
    }

    /// Two drafts of one case in one batch: the first is recorded, the
    /// second gives its number up and points at the first. A draft of that
    /// case in a later batch does the same, and the draft after it in that
    /// batch (recorded after a gap it is not) drafts again; the next draft
    /// takes the number given up: no gap.
    #[test]
    fn a_draft_of_a_recorded_case_gives_its_number_up() {
        let (_dir, register) = register();
        let (one, mut two) = (draft(&register), draft(&register));
        two.content_key = one.content_key.clone();
        let q2 = register.queue(two);
        let q1 = register.queue(one);
        register.record(q1.turn.expect("nobody else records"));
        let first = number(q1.outcome.blocking_recv().unwrap());
        let Ok(Step::Same(id)) = q2.outcome.blocking_recv().unwrap() else {
            panic!("2 is the same case as 1");
        };
        assert_eq!(
            (first, id.as_str()),
            (
                1,
                register.list(&Default::default()).unwrap()[0].id.as_str()
            )
        );
        let (mut again, other) = (draft(&register), draft(&register));
        assert_eq!((again.record.number, other.record.number), (2, 3));
        again.content_key = "case 1".to_string();
        let q3 = register.queue(other);
        let q2 = register.queue(again);
        register.record(q2.turn.expect("nobody else records"));
        assert!(matches!(q2.outcome.blocking_recv().unwrap(), Ok(Step::Same(same)) if same == id));
        assert!(matches!(
            q3.outcome.blocking_recv().unwrap(),
            Ok(Step::Retry)
        ));
        let q = register.queue(draft(&register));
        register.record(q.turn.expect("nobody else records"));
        assert_eq!(number(q.outcome.blocking_recv().unwrap()), 2);
    }

    #[test]
    fn one_query_gives_the_term_and_its_last_number() {
        let (_dir, register) = register();
        let (organisation, kind, term) = key();
        let first = chrono::NaiveDate::from_ymd_opt(2020, 10, 1).unwrap();
        register.add_term(&organisation, first).unwrap();
        register
            .add_term(&organisation, term.parse().unwrap())
            .unwrap();
        let q = register.queue(draft(&register));
        register.record(q.turn.expect("nobody else records"));
        let found = |date: &str| {
            register
                .store
                .term_and_last(&organisation, &kind, date)
                .unwrap()
        };
        assert_eq!(found("2025-11-01"), Some((term.clone(), 1)));
        assert_eq!(found("2025-09-30"), Some(("2020-10-01".to_string(), 0)));
        assert_eq!(found("2020-09-30"), None);
    }

    #[test]
    fn a_number_given_up_hands_the_next_draft_back() {
        let (_dir, register) = register();
        let (one, two) = (draft(&register), draft(&register));
        let q2 = register.queue(two);
        assert!(q2.turn.is_none());
        // 1 fails to render: 2 cannot be recorded after a gap, and nobody
        // is recording; its issue gets it back to queue again.
        drop(one);
        let Ok(Step::Wait(two)) = q2.outcome.blocking_recv().unwrap() else {
            panic!("2 was not handed back");
        };
        let q2 = register.queue(*two);
        register.record(q2.turn.expect("2 is first in line now"));
        // Recorded after a gap it is not: it is drafted again (and takes 1).
        assert!(matches!(
            q2.outcome.blocking_recv().unwrap(),
            Ok(Step::Retry)
        ));
        assert_eq!(draft(&register).record.number, 1);
    }

    #[test]
    fn a_recorder_that_panics_leaves_the_register_to_the_next_issue() {
        let (_dir, register) = register();
        let (one, two) = (draft(&register), draft(&register));
        let q1 = register.queue(one);
        let turn = q1.turn.expect("nobody else records");
        let super::TurnOf::Queue(key) = &turn.0 else {
            panic!("a reserved draft is queued");
        };
        // The recorder takes 1, then dies before storing it.
        let died = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let _mark = super::RecordingMark {
                reservations: &register.reservations,
                key,
            };
            let taken = register.reservations.lock().take_ready(key);
            assert_eq!(taken.len(), 1);
            panic!("the store failed");
        }));
        assert!(died.is_err());
        assert!(q1.outcome.blocking_recv().is_err(), "1 gets no answer");
        // 2 is not left waiting: it is queued, then handed back or recorded.
        let q2 = register.queue(two);
        let turn = q2.turn.expect("no recorder holds the register any more");
        register.record(turn);
        assert!(matches!(
            q2.outcome.blocking_recv().unwrap(),
            Ok(Step::Retry)
        ));
    }

    #[test]
    fn reservations_take_the_lowest_free_number() {
        let r = Arc::new(Reservations::default());
        let a = Reservations::reserve(&r, key(), 4);
        let b = Reservations::reserve(&r, key(), 4);
        let c = Reservations::reserve(&r, key(), 4);
        assert_eq!((a.number, b.number, c.number), (5, 6, 7));
        // 6 given up: the next draft fills it.
        drop(b);
        assert_eq!(Reservations::reserve(&r, key(), 4).number, 6);
        // 5 recorded: not handed out again even from a stale read of the store.
        a.recorded();
        drop(a);
        assert_eq!(Reservations::reserve(&r, key(), 4).number, 6);
    }

    #[test]
    fn the_last_number_is_known_until_the_store_refuses_one() {
        let r = Arc::new(Reservations::default());
        assert_eq!(r.known_last(&key()), None, "never read");
        let a = Reservations::reserve(&r, key(), 4);
        assert_eq!(r.known_last(&key()), Some(4), "read from the store");
        a.recorded();
        assert_eq!(r.known_last(&key()), Some(5), "recorded here");
        // Another process took 6: the store refuses it, and the next issue
        // reads the register again.
        let b = Reservations::reserve(&r, key(), 0);
        assert_eq!(b.number, 6);
        b.refused();
        assert_eq!(r.known_last(&key()), None);
        drop((a, b));
        assert_eq!(Reservations::reserve(&r, key(), 6).number, 7);
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
