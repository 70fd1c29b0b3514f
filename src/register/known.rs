//! What a running register learns between issues, so that an issue after
//! the first asks the store nothing before it renders: the kind of document
//! each form prints, and the terms each organisation declared. Hints only,
//! like the numbers reserved in this process: a kind is checked after the
//! render, and the store refuses a document whose term is no longer the one
//! its date falls in ([`Inserted::TermChanged`]), which sends the issue
//! back to the store.
//!
//! [`Inserted::TermChanged`]: super::store::Inserted::TermChanged

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard};

/// A map behind a lock that a panic elsewhere does not poison for good:
/// what it holds are hints, right or checked whatever happened.
#[derive(Default)]
struct Learnt<V>(Mutex<HashMap<String, V>>);

impl<V: Clone> Learnt<V> {
    fn lock(&self) -> MutexGuard<'_, HashMap<String, V>> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn get(&self, key: &str) -> Option<V> {
        self.lock().get(key).cloned()
    }

    fn learn(&self, key: &str, value: V) {
        self.lock().insert(key.to_string(), value);
    }

    fn forget(&self, key: &str) {
        self.lock().remove(key);
    }
}

/// The kind of document each form printed last, by form id: what lets an
/// issue without a number find its register (organisation, kind, term)
/// without preparing the case twice, once with a stand-in number to read
/// the kind and once with its own. The kind printed is checked after
/// rendering, since a form may print several kinds (the Ban Thường vụ's
/// decision is a notice when the member is helped on).
#[derive(Default)]
pub(super) struct KindHints(Learnt<String>);

impl KindHints {
    pub fn get(&self, form_id: &str) -> Option<String> {
        self.0.get(form_id)
    }

    pub fn learn(&self, form_id: &str, kind: &str) {
        if self.get(form_id).as_deref() != Some(kind) {
            self.0.learn(form_id, kind.to_string());
        }
    }
}

/// Each organisation's term start dates (`YYYY-MM-DD`, earliest first), as
/// read from the store by this process; forgotten when this process
/// declares a term, or when the store says another process did.
#[derive(Default)]
pub(super) struct KnownTerms(Learnt<Vec<String>>);

impl KnownTerms {
    /// The term `date` (`YYYY-MM-DD`) falls in: the latest start on or
    /// before it. None when the organisation's terms are not known here, or
    /// the date is before the first (the store then says why).
    pub fn term_of(&self, organisation: &str, date: &str) -> Option<String> {
        super::term_on(self.0.lock().get(organisation)?, date).cloned()
    }

    pub fn knows(&self, organisation: &str) -> bool {
        self.0.lock().contains_key(organisation)
    }

    pub fn learn(&self, organisation: &str, terms: Vec<String>) {
        self.0.learn(organisation, terms);
    }

    pub fn forget(&self, organisation: &str) {
        self.0.forget(organisation);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_falls_in_the_latest_term_begun_by_then() {
        let known = KnownTerms::default();
        assert_eq!(
            known.term_of("Chi bộ 1", "2026-01-01"),
            None,
            "not read yet"
        );
        known.learn("Chi bộ 1", vec!["2020-10-01".into(), "2025-10-01".into()]);
        for (date, term) in [
            ("2020-09-30", None),
            ("2020-10-01", Some("2020-10-01")),
            ("2025-09-30", Some("2020-10-01")),
            ("2025-10-01", Some("2025-10-01")),
            ("2030-01-01", Some("2025-10-01")),
        ] {
            assert_eq!(known.term_of("Chi bộ 1", date).as_deref(), term, "{date}");
        }
        assert_eq!(known.term_of("Chi bộ 2", "2026-01-01"), None);
        known.forget("Chi bộ 1");
        assert!(!known.knows("Chi bộ 1"));
    }
}
