//! The quarterly report pack (bộ báo cáo quý): a committee with its branches
//! in, one ZIP out — per branch its screening report, the committee's
//! aggregated screening report and membership statistics, each as PDF and
//! DOCX, with a `manifest.json` of every file's SHA-256.
//!
//! [`build`] is a library function (the CLI and the HTTP service both call
//! it): it validates everything first, so bad data in one branch yields an
//! error naming the branch and the field and no ZIP at all. Documents are
//! rendered in parallel; the ZIP is byte-identical for identical input.

use std::collections::BTreeMap;
use std::io::{Seek, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::NaiveDate;
use rayon::prelude::*;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::case::common::{NguoiKy, ToChuc, VanBan};
use crate::case::input;
use crate::error::{Error, Problem, Result, RosterCell};
use crate::forms::models::bao_cao_ra_soat_quy::{self as ra_soat, TinhTrang, TruongHop};
use crate::forms::models::bao_cao_thong_ke_dang_vien::{self as thong_ke, BienDong};
use crate::forms::models::ky_bao_cao::KyBaoCao;
use crate::forms::models::{Case as _, Prepared};
use crate::render::{Format, Renderer};
use crate::roster::{self, Member};
use crate::slug::slug;

pub const SCREENING: &str = "bao-cao-ra-soat-quy";
pub const STATISTICS: &str = "bao-cao-thong-ke-dang-vien";

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
    #[schemars(title = "Đánh giá chung", description = "Mỗi mục là một đoạn", transform = crate::case::schema::paragraphs, length(min = 1))]
    pub danh_gia: Vec<String>,
    #[serde(default)]
    #[schemars(title = "Hạn chế, nguyên nhân", description = "Mỗi mục là một đoạn", transform = crate::case::schema::paragraphs)]
    pub han_che: Vec<String>,
    #[serde(default)]
    #[schemars(title = "Đề xuất, kiến nghị", description = "Mỗi mục là một đoạn", transform = crate::case::schema::paragraphs)]
    pub de_xuat: Vec<String>,
    #[serde(default)]
    #[schemars(title = "Nơi nhận", description = "Mỗi dòng một nơi nhận")]
    pub noi_nhan: Vec<String>,
    #[schemars(length(min = 1))]
    #[schemars(title = "Chi bộ", description = "Mỗi chi bộ trực thuộc một mục")]
    pub chi_bo: Vec<Branch>,
}

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
    #[schemars(title = "Đánh giá chung", description = "Mỗi mục là một đoạn", transform = crate::case::schema::paragraphs, length(min = 1))]
    pub danh_gia: Vec<String>,
    #[serde(default)]
    #[schemars(title = "Hạn chế, nguyên nhân", description = "Mỗi mục là một đoạn", transform = crate::case::schema::paragraphs)]
    pub han_che: Vec<String>,
    #[serde(default)]
    #[schemars(title = "Đề xuất, kiến nghị", description = "Mỗi mục là một đoạn", transform = crate::case::schema::paragraphs)]
    pub de_xuat: Vec<String>,
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

struct Job {
    dir: String,
    form: &'static str,
    branch: Option<String>,
    prepared: Prepared,
}

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
        plan(renderer, committee_json, opts)
    }

    /// Renders the pack into `out`, each document written as soon as it and
    /// the ones before it are rendered.
    pub fn write<W: Write + Seek>(
        &self,
        renderer: &Renderer,
        progress: Option<Progress<'_>>,
        out: W,
    ) -> Result<W> {
        zip_pack(renderer, self, progress, out)
    }
}

/// Decodes and validates the committee, then prepares every document's view.
fn plan(renderer: &Renderer, committee_json: &[u8], opts: &Options) -> Result<Plan> {
    let covers = |c: char| renderer.covers(c);
    let name_branches = |problems: Vec<Problem>| name_branches(committee_json, problems);
    let mut committee: Committee = input::decode(committee_json, &covers).map_err(|e| match e {
        Error::Invalid(p) => name_branches(p),
        other => other,
    })?;
    let (rosters, skipped) =
        check_committee(&mut committee, opts, &covers).map_err(name_branches)?;
    let jobs = prepare_jobs(&committee, rosters, skipped).map_err(name_branches)?;
    Ok(Plan {
        committee: committee.to_chuc.ten.clone(),
        quarter: committee.ky_bao_cao.short(),
        jobs,
    })
}

/// Prefixes each problem of a branch with the branch's name. The JSON is read
/// again for the names only when there are problems to report.
fn name_branches(committee_json: &[u8], problems: Vec<Problem>) -> Error {
    let raw: Value = serde_json::from_slice(committee_json).unwrap_or(Value::Null);
    let branch_name = |i: usize| raw["chi_bo"][i]["to_chuc"]["ten"].as_str().unwrap_or("?");
    Error::Invalid(
        problems
            .into_iter()
            .map(|mut p| {
                if let Some(i) = branch_index(&p.field) {
                    p.message = format!("[{}] {}", branch_name(i), p.message);
                    p.branch = Some(branch_name(i).to_string());
                }
                p
            })
            .collect(),
    )
}

/// Reads every branch's roster (the rosters' JSON is dropped from the
/// committee once read) and checks rosters and cases; returns the rosters and
/// the number of roster rows skipped.
fn check_committee(
    committee: &mut Committee,
    opts: &Options,
    covers: &dyn Fn(char) -> bool,
) -> Result<(Vec<Vec<Member>>, u64), Vec<Problem>> {
    let q = committee.ky_bao_cao;
    let at = q.end();
    let mut problems = Vec::new();
    if committee.chi_bo.is_empty() {
        problems.push(Problem::new("chi_bo", "đảng ủy cần ít nhất một chi bộ"));
    }
    if committee.chi_bo.len() > MAX_BRANCHES {
        problems.push(Problem::new(
            "chi_bo",
            format!(
                "quá nhiều chi bộ: {} (tối đa {MAX_BRANCHES} trong một bộ báo cáo)",
                committee.chi_bo.len()
            ),
        ));
        return Err(problems);
    }
    let mut rosters: Vec<Vec<Member>> = Vec::new();
    let mut skipped = 0u64;
    for (i, b) in committee.chi_bo.iter_mut().enumerate() {
        let path = format!("chi_bo[{i}].danh_sach");
        let listed = std::mem::take(&mut b.danh_sach);
        let (members, bad, bad_rows) = load_roster(&listed, &path, opts, covers);
        if opts.skip_bad_rows {
            skipped += bad_rows as u64;
            problems.extend(bad.into_iter().filter(|p| p.message.starts_with('!')));
        } else {
            problems.extend(bad);
        }
        thong_ke::check_members(&members, at, &path, &mut problems);
        rosters.push(members);
    }
    for p in &mut problems {
        if let Some(m) = p.message.strip_prefix('!') {
            p.message = m.to_string();
        }
    }
    for (i, b) in committee.chi_bo.iter().enumerate() {
        if !b.to_chuc.loai.is_branch() {
            problems.push(Problem::new(
                format!("chi_bo[{i}].to_chuc.loai"),
                "đơn vị trực thuộc phải là chi bộ (chi-bo-truc-thuoc hoặc chi-bo-co-so)",
            ));
        }
        let unit = ra_soat::DonVi {
            ten: None,
            so_dang_vien_ra_soat: rosters[i].len() as u32,
            truong_hop: b.truong_hop.clone(),
        };
        let mut found = Vec::new();
        ra_soat::check_cases(&unit, &q, "", &mut found);
        for p in found {
            let field = p
                .field
                .trim_start_matches('.')
                .replace("so_dang_vien_ra_soat", "danh_sach");
            problems.push(Problem::new(format!("chi_bo[{i}].{field}"), p.message));
        }
    }
    if problems.is_empty() {
        Ok((rosters, skipped))
    } else {
        Err(problems)
    }
}

/// The documents' cases, prepared (validated) before anything renders: each
/// branch's screening report, then the committee's two reports.
fn prepare_jobs(
    c: &Committee,
    rosters: Vec<Vec<Member>>,
    skipped: u64,
) -> Result<Vec<Job>, Vec<Problem>> {
    let q = c.ky_bao_cao;
    let mut problems = Vec::new();
    let mut jobs = Vec::new();
    let mut units = Vec::new();
    let mut changes = BienDong::default();
    // Folder numbers of one width, so that path order is branch order.
    let width = c.chi_bo.len().to_string().len().max(2);
    for (i, b) in c.chi_bo.iter().enumerate() {
        let members = rosters[i].len() as u32;
        let case = ra_soat::Case {
            to_chuc: b.to_chuc.clone(),
            van_ban: b.van_ban.clone(),
            ky_bao_cao: q,
            don_vi: vec![ra_soat::DonVi {
                ten: None,
                so_dang_vien_ra_soat: members,
                truong_hop: b.truong_hop.clone(),
            }],
            danh_gia: b.danh_gia.clone(),
            han_che: b.han_che.clone(),
            de_xuat: b.de_xuat.clone(),
            nguoi_ky: b.nguoi_ky.clone(),
            noi_nhan: Vec::new(),
        };
        match case.prepare() {
            Ok(prepared) => jobs.push(Job {
                dir: format!("chi-bo/{:0width$}-{}", i + 1, slug(&b.to_chuc.ten)),
                form: SCREENING,
                branch: Some(b.to_chuc.ten.clone()),
                prepared,
            }),
            Err(ps) => problems.extend(ps.into_iter().map(|p| {
                let field = p.field.replace("don_vi[0].truong_hop", "truong_hop");
                let field = field.replace("don_vi[0].so_dang_vien_ra_soat", "danh_sach");
                Problem::new(format!("chi_bo[{i}].{field}"), p.message)
            })),
        }
        units.push(ra_soat::DonVi {
            ten: Some(b.to_chuc.ten.clone()),
            so_dang_vien_ra_soat: members,
            truong_hop: b.truong_hop.clone(),
        });
        add_changes(&mut changes, b);
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let committee_case = ra_soat::Case {
        to_chuc: c.to_chuc.clone(),
        van_ban: c.bao_cao_ra_soat.clone(),
        ky_bao_cao: q,
        don_vi: units,
        danh_gia: c.danh_gia.clone(),
        han_che: c.han_che.clone(),
        de_xuat: c.de_xuat.clone(),
        nguoi_ky: c.nguoi_ky.clone(),
        noi_nhan: c.noi_nhan.clone(),
    };
    // Statistics never print names: leave them out of the case.
    let stats_case = thong_ke::Case {
        to_chuc: c.to_chuc.clone(),
        van_ban: c.bao_cao_thong_ke.clone(),
        ky_bao_cao: q,
        danh_sach: rosters
            .into_iter()
            .flatten()
            .map(|m| Member { ho_ten: None, ..m })
            .collect(),
        bien_dong: changes,
        so_dong_bo_qua: u32::try_from(skipped).unwrap_or(u32::MAX),
        nguoi_ky: c.nguoi_ky.clone(),
        noi_nhan: c.noi_nhan.clone(),
    };
    for (form, prepared) in [
        (SCREENING, committee_case.prepare()),
        (STATISTICS, stats_case.prepare()),
    ] {
        jobs.push(Job {
            dir: "dang-uy".into(),
            form,
            branch: None,
            prepared: prepared?,
        });
    }
    Ok(jobs)
}

/// A branch's period changes, added to the committee's; members struck off or
/// expelled in the branch's cases count too.
fn add_changes(total: &mut BienDong, b: &Branch) {
    let c = &b.bien_dong;
    let decided = |s: TinhTrang| b.truong_hop.iter().filter(|t| t.tinh_trang == s).count() as u32;
    total.ket_nap += c.ket_nap;
    total.chuyen_den += c.chuyen_den;
    total.chuyen_di += c.chuyen_di;
    total.tu_tran += c.tu_tran;
    total.xoa_ten += c.xoa_ten + decided(TinhTrang::DaXoaTen);
    total.khai_tru += c.khai_tru + decided(TinhTrang::DaKhaiTru);
}

/// One file to render: a job in one format, at its path in the ZIP.
struct Task<'a> {
    path: String,
    job: &'a Job,
    format: Format,
}

/// Renders every document in both formats and writes the ZIP: the files in
/// path order, [`WINDOW`] rendered in parallel at a time and written before
/// the next ones start, then `manifest.json`. Fixed timestamps, so identical
/// input gives identical bytes.
fn zip_pack<W: Write + Seek>(
    renderer: &Renderer,
    plan: &Plan,
    progress: Option<Progress<'_>>,
    out: W,
) -> Result<W> {
    let mut tasks: Vec<Task> = plan
        .jobs
        .iter()
        .flat_map(|job| {
            [Format::Pdf, Format::Docx].map(|format| Task {
                path: format!("{}/{}.{}", job.dir, job.form, format.extension()),
                job,
                format,
            })
        })
        .collect();
    tasks.sort_by(|a, b| a.path.cmp(&b.path));
    let total = tasks.len();
    let done = AtomicUsize::new(0);
    if let Some(p) = progress {
        p(0, total);
    }
    let render = |task: &Task| -> Result<Vec<u8>> {
        let form = renderer.form(task.job.form)?;
        let r = renderer.render_prepared(form, &task.job.prepared, task.format)?;
        let n = done.fetch_add(1, Ordering::Relaxed) + 1;
        if let Some(p) = progress {
            p(n, total);
        }
        Ok(r.bytes)
    };
    let mut zip = zip::ZipWriter::new(out);
    let mut manifest = Vec::with_capacity(total);
    for window in windows(&tasks) {
        let rendered: Vec<Result<Vec<u8>>> =
            crate::workers::install(|| window.par_iter().map(render).collect());
        // Typst memoises what it lays out; results of earlier windows are not
        // reused by later documents, so keep the cache from growing with the
        // committee. A committee document's results (a row per branch) are
        // dropped at once, before the next one is laid out.
        let committee_doc = window.iter().any(|t| t.job.branch.is_none());
        typst::comemo::evict(if committee_doc { 0 } else { EVICT_MAX_AGE });
        for (task, bytes) in window.iter().zip(rendered) {
            let bytes = bytes?;
            // PDF and DOCX are compressed already.
            add_file(&mut zip, &task.path, &bytes, zip::CompressionMethod::Stored)?;
            manifest.push(Entry {
                path: task.path.clone(),
                form: task.job.form.to_string(),
                branch: task.job.branch.clone(),
                sha256: hex(&Sha256::digest(&bytes)),
                bytes: bytes.len() as u64,
            });
        }
    }
    let manifest_json = serde_json::to_vec_pretty(&Manifest {
        to_chuc: &plan.committee,
        ky_bao_cao: &plan.quarter,
        files: &manifest,
    })
    .map_err(Error::json("the pack's manifest"))?;
    add_file(
        &mut zip,
        "manifest.json",
        &manifest_json,
        zip::CompressionMethod::Deflated,
    )?;
    zip.finish().map_err(Error::zip("the pack"))
}

/// The tasks in path order, cut into the windows rendered together: up to
/// [`WINDOW`] branch documents, or one committee document alone (each holds a
/// row per branch: laying out two of them at once would double the memory a
/// large committee needs).
fn windows<'t, 'a>(tasks: &'t [Task<'a>]) -> Vec<&'t [Task<'a>]> {
    let mut out = Vec::new();
    let mut rest = tasks;
    while !rest.is_empty() {
        let n = if rest[0].job.branch.is_none() {
            1
        } else {
            rest.iter()
                .take(WINDOW)
                .take_while(|t| t.job.branch.is_some())
                .count()
        };
        let (window, tail) = rest.split_at(n);
        out.push(window);
        rest = tail;
    }
    out
}

/// `manifest.json`.
#[derive(Serialize)]
struct Manifest<'a> {
    to_chuc: &'a str,
    ky_bao_cao: &'a str,
    files: &'a [Entry],
}

fn add_file<W: Write + Seek>(
    zip: &mut zip::ZipWriter<W>,
    path: &str,
    bytes: &[u8],
    method: zip::CompressionMethod,
) -> Result<()> {
    let options = zip::write::SimpleFileOptions::default()
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644)
        .compression_method(method);
    zip.start_file(path, options)
        .map_err(Error::zip("the pack"))?;
    zip.write_all(bytes).map_err(|e| Error::io("ZIP", e))
}

/// `chi_bo[12].x` → 12.
fn branch_index(field: &str) -> Option<usize> {
    let rest = field.strip_prefix("chi_bo[")?;
    rest.split(']').next()?.parse().ok()
}

/// A branch's roster. Problems whose message starts with `!` concern the
/// whole roster (unreadable file): they fail even with `skip_bad_rows`.
fn load_roster(
    value: &Value,
    path: &str,
    opts: &Options,
    covers: &dyn Fn(char) -> bool,
) -> (Vec<Member>, Vec<Problem>, usize) {
    let mut problems = Vec::new();
    let mut members = Vec::new();
    let mut bad_rows = std::collections::BTreeSet::new();
    match value {
        Value::Array(items) => {
            for (k, item) in items.iter().enumerate() {
                let json = serde_json::to_vec(item).unwrap_or_default();
                match input::decode::<Member>(&json, covers) {
                    Ok(m) => members.push(m),
                    Err(Error::Invalid(ps)) => {
                        bad_rows.insert(k);
                        for p in ps {
                            let field = if p.field == "(toàn bộ)" {
                                format!("{path}[{k}]")
                            } else {
                                format!("{path}[{k}].{}", p.field.trim_start_matches('.'))
                            };
                            problems.push(Problem::new(field, p.message));
                        }
                    }
                    Err(e) => {
                        bad_rows.insert(k);
                        problems.push(Problem::new(format!("{path}[{k}]"), e.to_string()))
                    }
                }
            }
        }
        Value::String(file) => {
            let read = match (opts.files.get(file), &opts.base_dir) {
                (Some(bytes), _) => roster::read_bytes(file, bytes),
                (None, Some(base)) => roster::read_path(&base.join(file)),
                (None, None) => {
                    let why = if opts.files.is_empty() {
                        "!danh sách phải gửi kèm trực tiếp (mảng đảng viên) hoặc tải lên tệp, không nhận đường dẫn tệp".to_string()
                    } else {
                        format!("!không có tệp danh sách \"{file}\" trong các tệp tải lên")
                    };
                    problems.push(Problem::new(path, why));
                    return (members, problems, 0);
                }
            };
            match read {
                Ok(parsed) => {
                    for e in parsed.errors {
                        bad_rows.insert(e.row);
                        problems.push(located(Problem::new(path, e.to_string()), &e));
                    }
                    for (k, m) in parsed.members.into_iter().enumerate() {
                        if let Some(name) = &m.ho_ten
                            && let Some(c) = name
                                .chars()
                                .find(|c| c.is_control() || !(c.is_whitespace() || covers(*c)))
                        {
                            problems.push(Problem::new(
                                path,
                                format!(
                                    "đảng viên thứ {}: họ tên chứa ký tự U+{:04X} không in được",
                                    k + 1,
                                    c as u32
                                ),
                            ));
                            continue;
                        }
                        members.push(m);
                    }
                }
                Err(e) => problems.push(located(Problem::new(path, format!("!{e}")), &e)),
            }
        }
        _ => problems.push(Problem::new(
            path,
            "!cần một mảng đảng viên hoặc đường dẫn tệp CSV/XLSX",
        )),
    }
    let n = bad_rows.len();
    (members, problems, n)
}

/// A roster problem with its cell, when the table names one.
fn located(problem: Problem, e: &roster::RowError) -> Problem {
    if e.row == 0 {
        return problem;
    }
    problem.in_cell(RosterCell {
        sheet: e.sheet.clone(),
        row: e.row,
        column: e.column.as_ref().map(|c| c.letter.clone()),
        header: e.column.as_ref().and_then(|c| c.header.clone()),
    })
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Date helper for callers: the quarter's last day.
pub fn report_date(c: &Committee) -> NaiveDate {
    c.ky_bao_cao.end()
}
