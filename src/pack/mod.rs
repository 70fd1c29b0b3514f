//! The quarterly report pack (bộ báo cáo quý): a committee with its branches
//! in, one ZIP out — per branch its screening report, the committee's
//! aggregated screening report and membership statistics, each as PDF and
//! DOCX, with a `manifest.json` of every file's SHA-256.
//!
//! [`build`] is a library function (the CLI and the HTTP service both call
//! it): it validates everything first, so bad data in one branch yields an
//! error naming the branch and the field and no ZIP at all. Documents are
//! rendered in parallel; the ZIP is byte-identical for identical input.

mod memory;
mod plan;
mod validate;
mod write;

use std::collections::BTreeMap;
use std::io::{Seek, Write};
use std::path::PathBuf;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::case::common::{NguoiKy, ToChuc, VanBan};
use crate::case::schema::narrative;
use crate::error::Result;
use crate::forms::models::bao_cao_ra_soat_quy::TruongHop;
use crate::forms::models::bao_cao_thong_ke_dang_vien::BienDong;
use crate::forms::models::ky_bao_cao::KyBaoCao;
use crate::render::Renderer;
use crate::roster::Member;
pub use memory::PromptPurge;
use plan::Job;

pub const SCREENING: &str = "bao-cao-ra-soat-quy";
pub const STATISTICS: &str = "bao-cao-thong-ke-dang-vien";

narrative! {
/// The pack's input: a committee and its branches.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "Bộ báo cáo quý của đảng ủy",
    description = "Đảng ủy và các chi bộ trực thuộc"
)]
pub struct Committee {
    /// The committee (loai `dang-uy-co-so`).
    #[schemars(title = "Đảng ủy", description = "Đảng ủy cơ sở lập bộ báo cáo")]
    pub to_chuc: ToChuc,
    #[schemars(title = "Kỳ báo cáo")]
    pub ky_bao_cao: KyBaoCao,
    /// Number and date of the committee's aggregated screening report.
    #[schemars(
        title = "Báo cáo rà soát, sàng lọc của đảng ủy",
        description = "Số và ngày của báo cáo tổng hợp"
    )]
    pub bao_cao_ra_soat: VanBan,
    /// Number and date of the committee's statistics report.
    #[schemars(
        title = "Báo cáo thống kê đảng viên của đảng ủy",
        description = "Số và ngày của báo cáo thống kê"
    )]
    pub bao_cao_thong_ke: VanBan,
    #[schemars(title = "Người ký")]
    pub nguoi_ky: NguoiKy,
    narrative!();
    #[serde(default)]
    #[schemars(title = "Nơi nhận", description = "Mỗi dòng một nơi nhận")]
    pub noi_nhan: Vec<String>,
    #[schemars(length(min = 1))]
    #[schemars(title = "Chi bộ", description = "Mỗi chi bộ trực thuộc một mục")]
    pub chi_bo: Vec<Branch>,
}
}

narrative! {
/// One branch of the committee.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Chi bộ", description = "")]
pub struct Branch {
    #[schemars(title = "Chi bộ")]
    pub to_chuc: ToChuc,
    /// Number and date of the branch's screening report.
    #[schemars(
        title = "Báo cáo rà soát, sàng lọc của chi bộ",
        description = "Số và ngày của báo cáo"
    )]
    pub van_ban: VanBan,
    #[schemars(title = "Người ký")]
    pub nguoi_ky: NguoiKy,
    /// The roster: members inline, or the path of a CSV/XLSX file relative to
    /// the committee file.
    #[schemars(with = "RosterField")]
    #[schemars(
        title = "Danh sách đảng viên",
        description = "Các đảng viên, hoặc tên tệp Excel (.xlsx) hay CSV tải lên kèm"
    )]
    pub danh_sach: Value,
    #[serde(default)]
    #[schemars(title = "Biến động đảng viên trong kỳ")]
    pub bien_dong: BienDong,
    #[serde(default)]
    #[schemars(title = "Các trường hợp rà soát, sàng lọc")]
    pub truong_hop: Vec<TruongHop>,
    narrative!();
}
}

/// What a branch's `danh_sach` may hold, for the schema (the pack reads the
/// raw value, so a bad roster is reported row by row).
#[derive(JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)]
enum RosterField {
    #[schemars(title = "Các đảng viên")]
    Members(Vec<Member>),
    #[schemars(
        title = "Tên tệp danh sách",
        description = "Tệp .xlsx hoặc .csv tải lên kèm (hoặc, với dòng lệnh, đường dẫn tính từ tệp đảng ủy)"
    )]
    File(String),
}

/// How to build a pack.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Folder roster paths are relative to; `None` refuses roster files (a
    /// service must not read paths sent by clients).
    pub base_dir: Option<PathBuf>,
    /// Leave out invalid roster rows (the statistics report says how many)
    /// instead of refusing the pack.
    pub skip_bad_rows: bool,
    /// Roster files sent with the committee (an upload), by file name: a
    /// branch's `danh_sach` naming one is read from here, not from disk.
    pub files: BTreeMap<String, Vec<u8>>,
}

/// One file of the pack, as listed in `manifest.json`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Entry {
    pub path: String,
    pub form: String,
    /// The source branch; none for the committee's documents.
    pub branch: Option<String>,
    pub sha256: String,
    pub bytes: u64,
}

/// Progress of the rendering: (documents done, documents in all).
pub type Progress<'a> = &'a (dyn Fn(usize, usize) + Sync);

/// Documents rendered at a time and held until written: the memory a pack
/// needs grows with this window, not with the committee.
const WINDOW: usize = 32;

/// Windows a memoised layout result survives unused: fonts, the layout
/// library and the template are reused by every window and stay.
const EVICT_MAX_AGE: usize = 2;

/// The largest committee a pack accepts: the size of a district-level
/// committee, and the size tests/pack.rs renders.
pub const MAX_BRANCHES: usize = 2_000;

/// Everything a pack holds, validated and prepared: what [`Plan::write`]
/// renders. It does not borrow the committee JSON, so a caller can free the
/// JSON (45 MB for 2,000 branches) before the rendering starts.
pub struct Plan {
    committee: String,
    quarter: String,
    jobs: Vec<Job>,
}

/// Builds the pack from the committee JSON, in memory. Nothing is rendered
/// unless every branch's data is valid.
pub fn build(
    renderer: &Renderer,
    committee_json: &[u8],
    opts: &Options,
    progress: Option<Progress<'_>>,
) -> Result<Vec<u8>> {
    let out = write(
        renderer,
        committee_json,
        opts,
        progress,
        std::io::Cursor::new(Vec::new()),
    )?;
    Ok(out.into_inner())
}

/// Builds the pack into `out` (a file, for the CLI), writing each document as
/// soon as it and the ones before it are rendered. Nothing is written unless
/// every branch's data is valid.
pub fn write<W: Write + Seek>(
    renderer: &Renderer,
    committee_json: &[u8],
    opts: &Options,
    progress: Option<Progress<'_>>,
    out: W,
) -> Result<W> {
    Plan::new(renderer, committee_json, opts)?.write(renderer, progress, out)
}

/// Validates a committee as [`build`] does, without rendering anything.
pub fn check(renderer: &Renderer, committee_json: &[u8], opts: &Options) -> Result<()> {
    Plan::new(renderer, committee_json, opts).map(|_| ())
}

impl Plan {
    /// Decodes and validates the committee, then prepares every document's
    /// view. Nothing is rendered.
    pub fn new(renderer: &Renderer, committee_json: &[u8], opts: &Options) -> Result<Self> {
        let covers = |c: char| renderer.covers(c);
        let valid = validate::validate(committee_json, opts, &covers)?;
        let committee = valid.committee.to_chuc.ten.clone();
        let quarter = valid.committee.ky_bao_cao.short();
        Ok(Self {
            committee,
            quarter,
            jobs: plan::jobs(valid)?,
        })
    }

    /// Renders the pack into `out`, each document written as soon as it and
    /// the ones before it are rendered.
    pub fn write<W: Write + Seek>(
        &self,
        renderer: &Renderer,
        progress: Option<Progress<'_>>,
        out: W,
    ) -> Result<W> {
        write::zip_pack(renderer, self, progress, out)
    }
}
