//! Domain rules of dangvu that the product computes instead of leaving them to the
//! clerk: vote thresholds and ballot consistency ([`vote`]), the outcome of the
//! screening step ([`screening`]), time limits ([`calendar`]), Vietnamese
//! formatting ([`format`]), the regulations a document cites as of its date
//! ([`regulations`], a data file like the holidays) and the bodies it names
//! ([`organisation`]).
//!
//! The module is self-contained on purpose: it depends only on `serde`, `serde_json`,
//! `chrono`, `schemars` and `unicode-normalization`, so it can be copied verbatim into
//! any crate as `crate::rules`.
//!
//! Thresholds and percentages use exact integer arithmetic only: a vote that passes
//! with two thirds must never fail (or pass) because of a floating-point rounding.

pub mod calendar;
pub mod format;
pub mod organisation;
pub mod regulations;
pub mod screening;
pub mod vote;

pub use screening::{ScreeningOutcome, screening_outcome};
pub use vote::{Attendance, Ballot, Outcome, Problem, Profile, Tally, Threshold, VoteError};
