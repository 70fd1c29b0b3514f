//! The form catalogue: which forms exist, their metadata, and the Rust model
//! (validation and view preparation) behind each template.
//!
//! A form is a folder `forms/<id>/` with `form.json` (title, category, model),
//! `template.typ`, `schema.json` and `example.json`. An office can add a form
//! without rebuilding by pointing `--forms` at a folder whose new form reuses
//! an existing model with a template of its own.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::files::FormFiles;
use super::models::{self, Model};
use crate::error::{Error, Result};
use crate::format::Format;

/// What `form.json` says about a form.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormMeta {
    /// Vietnamese title, as clerks know the form.
    pub title: String,
    /// "nghi-quyet", "bien-ban", "tu-kiem-diem", "chuyen-sinh-hoat", "bao-cao".
    pub category: String,
    /// The model (validation and view) the template presents; defaults to the
    /// form id.
    #[serde(default)]
    pub model: Option<String>,
}

/// A form ready to render.
pub struct Form {
    pub id: String,
    pub meta: FormMeta,
    pub template: String,
    pub example: Option<Vec<u8>>,
    pub model: &'static dyn Model,
}

/// Form metadata for listings.
#[derive(Debug, Clone, Serialize)]
pub struct FormInfo {
    pub id: String,
    pub title: String,
    pub category: String,
    pub model: String,
    pub formats: [&'static str; 3],
}

impl Form {
    pub fn info(&self) -> FormInfo {
        FormInfo {
            id: self.id.clone(),
            title: self.meta.title.clone(),
            category: self.meta.category.clone(),
            model: self.model.id().to_string(),
            formats: Format::ALL.map(Format::extension),
        }
    }
}

pub struct Catalog {
    forms: BTreeMap<String, Form>,
}

impl Catalog {
    pub fn load(files: &FormFiles) -> Result<Self> {
        let mut forms = BTreeMap::new();
        for dir in files.form_dirs() {
            let meta_path = format!("{dir}/form.json");
            let meta: FormMeta = serde_json::from_slice(files.get(&meta_path).unwrap_or_default())
                .map_err(|e| Error::FormFolder(format!("{}: {meta_path}: {e}", files.origin)))?;
            let model_id = meta.model.clone().unwrap_or_else(|| dir.to_string());
            let model = models::by_id(&model_id).ok_or_else(|| {
                Error::FormFolder(format!(
                    "{}: {meta_path}: không có mô hình dữ liệu '{model_id}'",
                    files.origin
                ))
            })?;
            let template = format!("{dir}/template.typ");
            if files.get(&template).is_none() {
                return Err(Error::FormFolder(format!(
                    "{}: thiếu tệp {template}",
                    files.origin
                )));
            }
            let example = files
                .get(&format!("{dir}/example.json"))
                .map(<[u8]>::to_vec);
            forms.insert(
                dir.to_string(),
                Form {
                    id: dir.to_string(),
                    meta,
                    template: format!("/{template}"),
                    example,
                    model,
                },
            );
        }
        if forms.is_empty() {
            return Err(Error::FormFolder(format!(
                "{}: không có biểu mẫu nào (thư mục con có form.json)",
                files.origin
            )));
        }
        Ok(Self { forms })
    }

    pub fn get(&self, id: &str) -> Result<&Form> {
        self.forms
            .get(id)
            .ok_or_else(|| Error::UnknownForm(id.to_string()))
    }

    pub fn iter(&self) -> impl Iterator<Item = &Form> {
        self.forms.values()
    }
}
