//! Lists in a case that may not be empty (the members voted on, the
//! notices checked, a self-criticism's commitments, …).
//!
//! Shared because every form refused an empty list with the same five lines;
//! what differs is only the field and the words, which each form keeps:
//!
//! ```ignore
//! require_some(&self.dang_vien, "dang_vien", "cần ít nhất một đảng viên được bỏ phiếu", out);
//! for (k, m) in self.dang_vien.iter().enumerate() { /* each row's own checks */ }
//! ```

use crate::error::Problem;

/// `message` at `path` when `items` is empty.
pub(crate) fn require_some<T>(items: &[T], path: &str, message: &str, out: &mut Vec<Problem>) {
    if items.is_empty() {
        out.push(Problem::new(path, message));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_only_an_empty_list() {
        for (items, problems) in [(vec![], 1), (vec![1], 0), (vec![1, 2], 0)] {
            let mut out = Vec::new();
            require_some(&items, "dang_vien", "cần ít nhất một đảng viên", &mut out);
            assert_eq!(out.len(), problems, "{items:?}");
            if let Some(p) = out.first() {
                assert_eq!(
                    (p.field.as_str(), p.message.as_str()),
                    ("dang_vien", "cần ít nhất một đảng viên")
                );
            }
        }
    }
}
