//! The form folder as an in-memory file tree.
//!
//! The built-in forms are compiled into the binary; `--forms DIR` replaces them
//! with a folder on disk, read once at start-up so that a render never touches
//! the file system.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};

use crate::error::{Error, Result};

static BUILT_IN: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/forms");

/// Every file of a form folder, keyed by its path relative to the folder
/// (forward slashes, no leading slash).
#[derive(Debug, Clone, Default)]
pub struct FormFiles {
    pub files: BTreeMap<String, Vec<u8>>,
    /// Where the files came from, for messages.
    pub origin: String,
}

impl FormFiles {
    /// The forms compiled into the binary.
    pub fn built_in() -> Self {
        let mut files = BTreeMap::new();
        collect_embedded(&BUILT_IN, &mut files);
        Self {
            files,
            origin: "built-in forms".into(),
        }
    }

    /// The forms in `dir`, read now.
    pub fn from_dir(dir: &Path) -> Result<Self> {
        let mut files = BTreeMap::new();
        collect_disk(dir, dir, &mut files)?;
        if files.is_empty() {
            return Err(Error::FormFolder(format!(
                "{} không có tệp nào",
                dir.display()
            )));
        }
        Ok(Self {
            files,
            origin: dir.display().to_string(),
        })
    }

    /// Every file with its path, in path order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.files.iter().map(|(k, v)| (k.as_str(), v.as_slice()))
    }

    pub fn get(&self, path: &str) -> Option<&[u8]> {
        self.files.get(path).map(Vec::as_slice)
    }

    /// The names of the direct sub-folders that hold a `form.json`.
    pub fn form_dirs(&self) -> Vec<&str> {
        self.files
            .keys()
            .filter_map(|k| k.strip_suffix("/form.json"))
            .filter(|d| !d.contains('/'))
            .collect()
    }
}

fn collect_embedded(dir: &Dir<'static>, out: &mut BTreeMap<String, Vec<u8>>) {
    for file in dir.files() {
        let key = file.path().to_string_lossy().replace('\\', "/");
        out.insert(key, file.contents().to_vec());
    }
    for sub in dir.dirs() {
        collect_embedded(sub, out);
    }
}

fn collect_disk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) -> Result<()> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| Error::FormFolder(format!("không đọc được {}: {e}", dir.display())))?;
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            collect_disk(root, &path, out)?;
        } else {
            let rel = path.strip_prefix(root).unwrap_or(&path);
            let key = rel.to_string_lossy().replace('\\', "/");
            let data = std::fs::read(&path).map_err(|e| {
                Error::FormFolder(format!("không đọc được tệp {}: {e}", path.display()))
            })?;
            out.insert(key, data);
        }
    }
    Ok(())
}
