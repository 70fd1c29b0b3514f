//! Which step of the screening (sàng lọc) a case belongs to, told from its
//! members. The records printed from a step's resolution case (the minutes,
//! the vote-counting record) take the case as it is, so they first tell the
//! step, then decode the case strictly as that step's, so every problem names
//! its own field.

use crate::case::input;
use crate::error::Result;

/// The three steps, each with its resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Step {
    /// Đưa vào danh sách cần giáo dục, giúp đỡ: members carry `phieu`.
    One,
    /// Phân công giúp đỡ: members carry neither `phieu` nor `tien_bo`.
    Two,
    /// Kết quả sàng lọc: members carry `tien_bo`.
    Three,
}

/// The step of a case, from its first member's fields (decoded loosely: the
/// strict decode comes after).
pub(crate) fn of(json: &[u8], covers: &dyn Fn(char) -> bool) -> Result<Step> {
    let value: serde_json::Value = input::decode(json, covers)?;
    let first = value["dang_vien"].as_array().and_then(|a| a.first());
    let has = |key: &str| first.is_some_and(|m| m.get(key).is_some());
    Ok(if has("tien_bo") {
        Step::Three
    } else if has("phieu") {
        Step::One
    } else {
        Step::Two
    })
}
