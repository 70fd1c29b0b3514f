//! Closed vocabularies a clerk reads in Vietnamese: one trait for all of them.
//!
//! Every enum whose values end up printed (a rating, a role, a gender, a vote
//! threshold, an outcome, a legacy encoding) implements [`Label`], so a
//! reader looks for one name, `label()`, instead of `vi()`, `label_vi()` and
//! `describe_vi()`. The JSON ids stay in serde attributes; the label is only
//! what a person reads.

/// A value of a closed vocabulary and the Vietnamese words that name it.
pub trait Label: Copy {
    /// The Vietnamese wording printed on documents and shown on pages.
    fn label(self) -> &'static str;
}
