//! The Rust side of each form: its case type (what clerks send), the checks
//! the regulations demand, and the view model the template presents.

mod ballot;
pub mod ban_tu_kiem_diem;
pub mod bao_cao_ba_lan_bieu_quyet;
pub mod bao_cao_ra_soat_quy;
pub mod bao_cao_tham_tra_xac_minh;
pub mod bao_cao_thong_ke_dang_vien;
pub mod bao_cao_tu_kiem_tra;
pub mod bien_ban_hop_chi_bo;
pub mod bien_ban_kiem_phieu;
pub mod cong_van_xin_y_kien_danh_sach;
pub mod dang_uy_de_nghi_dua_ra_khoi_dang;
pub mod danh_sach_phieu_bao_qua_han;
pub mod de_nghi_xoa_ten;
mod decision;
pub mod don_xin_mien_sinh_hoat;
pub mod dua_vao_dien_giup_do;
pub mod giay_gioi_thieu_sinh_hoat;
pub mod ket_qua_sang_loc;
pub mod ky_bao_cao;
mod list;
mod member_list;
pub mod mien_sinh_hoat;
mod paper;
pub mod paragraphs;
pub mod phan_cong_giup_do;
pub mod phieu_bao_chuyen_sinh_hoat;
pub mod quyet_dinh_dua_ra_khoi_dang;
pub mod quyet_dinh_mien_sinh_hoat;
mod removal;
pub mod resolution;
mod screening_step;
pub mod so_van_ban_di;
pub mod thong_bao_phe_duyet_danh_sach;
mod transfer;

use std::marker::PhantomData;

use schemars::JsonSchema;
use serde::Serialize;
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
/// A model prepares its own typed view (`V`); the catalogue hands templates
/// the erased JSON form (the default `V`), serialised to `/data/view.json`.
#[derive(Debug, Clone)]
pub struct Prepared<V = serde_json::Value> {
    /// The view model the template reads as `v`.
    pub view: V,
    /// The document number as printed ("03-NQ/CB"), for file names.
    pub doc_number: String,
    /// A title for document metadata.
    pub title: String,
    /// The date the document bears (its `van_ban.ngay`, or the form's own
    /// date): the creation date of an archival PDF, so the same case gives
    /// the same bytes.
    pub date: chrono::NaiveDate,
}

impl<V> Prepared<V> {
    /// A paper known by its number, titled "{paper} số {doc_number}"
    /// ("Công văn số 12-CV/CB").
    pub(crate) fn numbered(
        view: V,
        paper: &str,
        doc_number: String,
        date: chrono::NaiveDate,
    ) -> Self {
        Prepared {
            view,
            title: format!("{paper} số {doc_number}"),
            doc_number,
            date,
        }
    }
}

impl<V: Serialize> Prepared<V> {
    /// The view as JSON, what the template reads. Keys come out sorted (a
    /// `serde_json::Value` map), so field order in the Rust types and
    /// `#[serde(flatten)]` parts never change the bytes a template sees.
    pub fn erase(self) -> Prepared {
        Prepared {
            view: serde_json::to_value(self.view).unwrap_or_default(),
            doc_number: self.doc_number,
            title: self.title,
            date: self.date,
        }
    }
}

/// Runs `check`, collecting every problem; its result only when there was
/// none (the opening of every model's `prepare_view`).
pub(crate) fn checked<T>(check: impl FnOnce(&mut Vec<Problem>) -> T) -> Result<T, Vec<Problem>> {
    let mut problems = Vec::new();
    let found = check(&mut problems);
    if problems.is_empty() {
        Ok(found)
    } else {
        Err(problems)
    }
}

/// A form's case type.
pub trait Case: DeserializeOwned + JsonSchema {
    /// The model id (the id of the built-in form that uses it).
    const ID: &'static str;

    /// The view the template reads: a published contract, its JSON Schema
    /// committed as `forms/<id>/view.schema.json`.
    type View: Serialize + JsonSchema;

    /// Checks the case against the regulations and prepares the view; every
    /// problem found is returned, not just the first.
    fn prepare_view(self) -> Result<Prepared<Self::View>, Vec<Problem>>;

    /// [`Case::prepare_view`], the view erased to JSON.
    fn prepare(self) -> Result<Prepared, Vec<Problem>> {
        self.prepare_view().map(Prepared::erase)
    }

    /// Decodes the case from JSON (NFC, string checks, field paths). A case
    /// whose kind selects its fields overrides this to keep field paths exact.
    fn decode(json: &[u8], covers: &dyn Fn(char) -> bool) -> Result<Self> {
        input::decode(json, covers)
    }
}

/// The JSON Schema of the view type `V` of model `id`, as committed in
/// `forms/<id>/view.schema.json`.
pub(crate) fn view_schema<V: JsonSchema>(id: &str) -> serde_json::Value {
    let mut schema = serde_json::to_value(schemars::schema_for!(V)).unwrap_or_default();
    if let Some(map) = schema.as_object_mut() {
        map.insert("title".into(), format!("View of {id}").into());
        map.insert(
            "description".into(),
            "What the template reads as `v` (/data/view.json); generated from the Rust view type"
                .into(),
        );
    }
    schema
}

/// A model, type-erased for the catalogue.
pub trait Model: Sync {
    fn id(&self) -> &'static str;
    /// The JSON Schema of the case data, generated from the Rust type so it
    /// cannot drift from what validation accepts.
    fn schema(&self) -> serde_json::Value;
    /// The JSON Schema of the view the template reads (`v`), generated from
    /// the Rust view type: what a template author may use.
    fn view_schema(&self) -> serde_json::Value;
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

    fn view_schema(&self) -> serde_json::Value {
        view_schema::<C::View>(C::ID)
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
    &Typed::<don_xin_mien_sinh_hoat::Case>(PhantomData),
    &Typed::<mien_sinh_hoat::Case>(PhantomData),
    &Typed::<quyet_dinh_mien_sinh_hoat::Case>(PhantomData),
    &Typed::<bien_ban_kiem_phieu::Case>(PhantomData),
    &Typed::<bien_ban_hop_chi_bo::Case>(PhantomData),
    &Typed::<cong_van_xin_y_kien_danh_sach::Case>(PhantomData),
    &Typed::<thong_bao_phe_duyet_danh_sach::Case>(PhantomData),
    &Typed::<dang_uy_de_nghi_dua_ra_khoi_dang::Case>(PhantomData),
    &Typed::<bao_cao_tham_tra_xac_minh::Case>(PhantomData),
    &Typed::<ban_tu_kiem_diem::Case>(PhantomData),
    &Typed::<phieu_bao_chuyen_sinh_hoat::Case>(PhantomData),
    &Typed::<danh_sach_phieu_bao_qua_han::Case>(PhantomData),
    &Typed::<giay_gioi_thieu_sinh_hoat::Case>(PhantomData),
    &Typed::<bao_cao_ra_soat_quy::Case>(PhantomData),
    &Typed::<bao_cao_thong_ke_dang_vien::Case>(PhantomData),
    &Typed::<bao_cao_tu_kiem_tra::Case>(PhantomData),
    &Typed::<so_van_ban_di::Case>(PhantomData),
    &Typed::<quyet_dinh_dua_ra_khoi_dang::Case>(PhantomData),
    &Typed::<bao_cao_ba_lan_bieu_quyet::Case>(PhantomData),
];

pub fn by_id(id: &str) -> Option<&'static dyn Model> {
    MODELS.iter().copied().find(|m| m.id() == id)
}

pub fn all() -> impl Iterator<Item = &'static dyn Model> {
    MODELS.iter().copied()
}
