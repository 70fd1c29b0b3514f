//! Style sheet and scripts, compiled into the binary and served under a name
//! that holds a hash of their content, so that browsers may keep them for a
//! year and still never run an old script after an upgrade.

use sha2::{Digest, Sha256};

/// (name, media type, content).
const FILES: [(&str, &str, &str); 7] = [
    (
        "trang.css",
        "text/css; charset=utf-8",
        include_str!("assets/trang.css"),
    ),
    (
        "bieu-tuong.svg",
        "image/svg+xml",
        include_str!("assets/bieu-tuong.svg"),
    ),
    (
        "chung.js",
        "text/javascript; charset=utf-8",
        include_str!("assets/chung.js"),
    ),
    (
        "mau-nhap.js",
        "text/javascript; charset=utf-8",
        include_str!("assets/mau-nhap.js"),
    ),
    (
        "bieu-mau.js",
        "text/javascript; charset=utf-8",
        include_str!("assets/bieu-mau.js"),
    ),
    (
        "bo-bao-cao.js",
        "text/javascript; charset=utf-8",
        include_str!("assets/bo-bao-cao.js"),
    ),
    (
        "so-van-ban.js",
        "text/javascript; charset=utf-8",
        include_str!("assets/so-van-ban.js"),
    ),
];

/// One asset and its content-addressed name.
pub struct Asset {
    /// `bieu-mau.js`
    pub name: &'static str,
    /// `bieu-mau.3fa2c91b0d.js`
    pub served_as: String,
    pub media: &'static str,
    pub body: &'static str,
}

pub struct Assets(Vec<Asset>);

impl Default for Assets {
    fn default() -> Self {
        Self::new()
    }
}

impl Assets {
    pub fn new() -> Self {
        Self(
            FILES
                .iter()
                .map(|&(name, media, body)| {
                    let digest = Sha256::digest(body.as_bytes());
                    let hash: String = digest[..5].iter().map(|b| format!("{b:02x}")).collect();
                    let (stem, ext) = name.rsplit_once('.').unwrap_or((name, ""));
                    Asset {
                        name,
                        served_as: format!("{stem}.{hash}.{ext}"),
                        media,
                        body,
                    }
                })
                .collect(),
        )
    }

    /// The address of an asset, for templates.
    pub fn url(&self, name: &str) -> String {
        self.0
            .iter()
            .find(|a| a.name == name)
            .map(|a| format!("/tai-nguyen/{}", a.served_as))
            .unwrap_or_default()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Asset> {
        self.0.iter()
    }

    /// The asset served under `served_as` (its hashed name).
    pub fn find(&self, served_as: &str) -> Option<&Asset> {
        self.0.iter().find(|a| a.served_as == served_as)
    }
}
