//! A case as the register reads it: the JSON object whose number the
//! register may fill in, and the content key that tells the same case
//! issued again. Apart from the issue path so that the store's migration
//! (which gives old records their key) and the issue path read a case alike
//! without importing each other.

use serde_json::{Map, Value};

use super::{RegisterError, sha256_hex};
use crate::case::input;
use crate::error::Error;

/// A case as a JSON object whose number the register may fill in.
pub(super) struct NumberedCase(pub(super) Map<String, Value>);

impl NumberedCase {
    pub(super) fn parse(case: &[u8]) -> Result<Self, RegisterError> {
        match serde_json::from_slice::<Value>(case) {
            Ok(Value::Object(map)) => Ok(Self(map)),
            // Said as rendering says it (an empty case: "hồ sơ trống"; text
            // that is not JSON: where it breaks), read again only on this
            // path.
            _ => Err(match input::parse(case) {
                Err(e) => e.into(),
                Ok(_) => Error::invalid("", "cần một đối tượng JSON: hồ sơ văn bản").into(),
            }),
        }
    }

    /// The number the case carries, if any.
    pub(super) fn given(&self) -> Result<Option<u32>, RegisterError> {
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

    /// What makes the case this document whatever its number: the SHA-256
    /// (hex) of the form id and the case's text without its number (keys in
    /// sorted order, as [`NumberedCase::with_number`] writes them). Leaves
    /// the case without its number.
    pub(super) fn content_key(&mut self, form_id: &str) -> String {
        if let Some(Value::Object(doc)) = self.0.get_mut("van_ban") {
            doc.remove("so");
        }
        let text = serde_json::to_string(&self.0).unwrap_or_default();
        sha256_hex(format!("{form_id}\n{text}").as_bytes())
    }

    /// The case's text with `number` written in (keys in sorted order, so
    /// the same case always gives the same text).
    pub(super) fn with_number(&mut self, number: u32) -> String {
        if let Some(Value::Object(doc)) = self.0.get_mut("van_ban") {
            doc.insert("so".to_string(), Value::from(number));
        }
        serde_json::to_string(&self.0).unwrap_or_default()
    }
}

/// The content key of a case as recorded (number included) or as given
/// (without one): a case issued again without its number has the key of the
/// document it was issued as. None for a text that is not a JSON object.
pub fn content_key(form_id: &str, case: &str) -> Option<String> {
    let mut case = NumberedCase::parse(case.as_bytes()).ok()?;
    Some(case.content_key(form_id))
}

#[cfg(test)]
mod tests {
    use super::content_key;

    /// A case issued again without its number has the key of the document
    /// recorded from it (number written in, keys sorted); another form, or
    /// one character more, another key.
    #[test]
    fn the_content_key_sets_the_number_aside() {
        let given = r#"{"van_ban": {"ngay": "2026-01-05"}, "to_chuc": {"ten": "Chi bộ 5"}}"#;
        let recorded = r#"{"to_chuc":{"ten":"Chi bộ 5"},"van_ban":{"ngay":"2026-01-05","so":7}}"#;
        let key = content_key("f", given).unwrap();
        assert_eq!(key.len(), 64);
        assert_eq!(content_key("f", recorded).as_deref(), Some(key.as_str()));
        assert_ne!(content_key("g", given).unwrap(), key);
        let other = given.replace("Chi bộ 5", "Chi bộ 6");
        assert_ne!(content_key("f", &other).unwrap(), key);
        assert_eq!(content_key("f", "[1]"), None);
    }
}
