//! The Rust side of each form: its case type (what clerks send), the checks
//! the regulations demand, and the view model the template presents.

pub mod ban_tu_kiem_diem;
pub mod bao_cao_ra_soat_quy;
pub mod bao_cao_thong_ke_dang_vien;
pub mod bao_cao_tu_kiem_tra;
pub mod bien_ban_hop_chi_bo;
pub mod bien_ban_kiem_phieu;
pub mod cong_van_xin_y_kien_danh_sach;
pub mod de_nghi_xoa_ten;
mod decision;
pub mod dua_vao_dien_giup_do;
pub mod giay_gioi_thieu_sinh_hoat;
pub mod ket_qua_sang_loc;
pub mod ky_bao_cao;
pub mod mien_sinh_hoat;
pub mod phan_cong_giup_do;
pub mod phieu_bao_chuyen_sinh_hoat;
pub mod thong_bao_phe_duyet_danh_sach;

use std::marker::PhantomData;

use schemars::JsonSchema;
use serde::de::DeserializeOwned;

use crate::case::input;
use crate::error::{Error, Problem, Result};
use crate::rules::regulations::{Matter, Regulations};
use crate::rules::vote::Profile;

/// The "Căn cứ" lines of a document about `matter` under `profile` dated
/// `date`: the regulations in force that day (rules.md §5), as printed.
pub(crate) fn legal_bases(
    profile: Profile,
    matter: Matter,
    date: chrono::NaiveDate,
) -> Vec<String> {
    Regulations::shipped().bases(profile, matter, date)
}

/// What a template receives, plus what the caller needs to name the file.
#[derive(Debug, Clone)]
pub struct Prepared {
    /// The view model, serialised to `/data/view.json`.
    pub view: serde_json::Value,
    /// The document number as printed ("03-NQ/CB"), for file names.
    pub doc_number: String,
    /// A title for document metadata.
    pub title: String,
}

/// A form's case type.
pub trait Case: DeserializeOwned + JsonSchema {
    /// The model id (the id of the built-in form that uses it).
    const ID: &'static str;

    /// Checks the case against the regulations and prepares the view; every
    /// problem found is returned, not just the first.
    fn prepare(self) -> Result<Prepared, Vec<Problem>>;

    /// Decodes the case from JSON (NFC, string checks, field paths). A case
    /// whose kind selects its fields overrides this to keep field paths exact.
    fn decode(json: &[u8], covers: &dyn Fn(char) -> bool) -> Result<Self> {
        input::decode(json, covers)
    }
}

/// A model, type-erased for the catalogue.
pub trait Model: Sync {
    fn id(&self) -> &'static str;
    /// The JSON Schema of the case data, generated from the Rust type so it
    /// cannot drift from what validation accepts.
    fn schema(&self) -> serde_json::Value;
    /// Decodes, validates and prepares a case given as JSON.
    fn prepare(&self, json: &[u8], covers: &dyn Fn(char) -> bool) -> Result<Prepared>;
}

struct Typed<C>(PhantomData<fn() -> C>);

impl<C: Case> Model for Typed<C> {
    fn id(&self) -> &'static str {
        C::ID
    }

    fn schema(&self) -> serde_json::Value {
        crate::case::schema::of::<C>()
    }

    fn prepare(&self, json: &[u8], covers: &dyn Fn(char) -> bool) -> Result<Prepared> {
        let case = C::decode(json, covers)?;
        case.prepare().map_err(Error::Invalid)
    }
}

static MODELS: &[&dyn Model] = &[
    &Typed::<dua_vao_dien_giup_do::Case>(PhantomData),
    &Typed::<phan_cong_giup_do::Case>(PhantomData),
    &Typed::<ket_qua_sang_loc::Case>(PhantomData),
    &Typed::<de_nghi_xoa_ten::Case>(PhantomData),
    &Typed::<mien_sinh_hoat::Case>(PhantomData),
    &bien_ban_kiem_phieu::MODEL,
    &bien_ban_hop_chi_bo::MODEL,
    &Typed::<cong_van_xin_y_kien_danh_sach::Case>(PhantomData),
    &Typed::<thong_bao_phe_duyet_danh_sach::Case>(PhantomData),
    &Typed::<ban_tu_kiem_diem::Case>(PhantomData),
    &Typed::<phieu_bao_chuyen_sinh_hoat::Case>(PhantomData),
    &Typed::<giay_gioi_thieu_sinh_hoat::Case>(PhantomData),
    &Typed::<bao_cao_ra_soat_quy::Case>(PhantomData),
    &Typed::<bao_cao_thong_ke_dang_vien::Case>(PhantomData),
    &Typed::<bao_cao_tu_kiem_tra::Case>(PhantomData),
];

pub fn by_id(id: &str) -> Option<&'static dyn Model> {
    MODELS.iter().copied().find(|m| m.id() == id)
}

pub fn all() -> impl Iterator<Item = &'static dyn Model> {
    MODELS.iter().copied()
}
