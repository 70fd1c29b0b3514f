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
use std::io::Write;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::NaiveDate;
use rayon::prelude::*;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::case::common::{NguoiKy, ToChuc, VanBan};
use crate::case::input;
use crate::error::{Error, Problem, Result, RosterCell};
use crate::forms::models::Prepared;
use crate::forms::models::bao_cao_ra_soat_quy::{self as ra_soat, TinhTrang, TruongHop};
use crate::forms::models::bao_cao_thong_ke_dang_vien::{self as thong_ke, BienDong};
use crate::forms::models::ky_bao_cao::KyBaoCao;
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
    #[schemars(title = "Số và ngày báo cáo rà soát tổng hợp", description = "")]
    pub bao_cao_ra_soat: VanBan,
    /// Number and date of the committee's statistics report.
    #[schemars(title = "Số và ngày báo cáo thống kê đảng viên", description = "")]
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
    #[schemars(title = "Các chi bộ")]
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
    #[schemars(title = "Số và ngày báo cáo rà soát của chi bộ", description = "")]
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
    #[schemars(title = "Biến động trong quý")]
    pub bien_dong: BienDong,
    #[serde(default)]
    #[schemars(title = "Các trường hợp sàng lọc trong quý")]
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

struct Job {
    dir: String,
    form: &'static str,
    branch: Option<String>,
    prepared: Prepared,
}

/// Builds the pack from the committee JSON. Nothing is rendered unless every
/// branch's data is valid.
pub fn build(
    renderer: &Renderer,
    committee_json: &[u8],
    opts: &Options,
    progress: Option<Progress<'_>>,
) -> Result<Vec<u8>> {
    let covers = |c: char| renderer.covers(c);
    let raw: Value = serde_json::from_slice(committee_json).unwrap_or(Value::Null);
    let branch_name = |i: usize| -> String {
        raw["chi_bo"][i]["to_chuc"]["ten"]
            .as_str()
            .unwrap_or("?")
            .to_string()
    };
    let name_branches = |problems: Vec<Problem>| -> Error {
        Error::Invalid(
            problems
                .into_iter()
                .map(|mut p| {
                    if let Some(i) = branch_index(&p.field) {
                        p.message = format!("[{}] {}", branch_name(i), p.message);
                        p.branch = Some(branch_name(i));
                    }
                    p
                })
                .collect(),
        )
    };
    let committee: Committee = input::decode(committee_json, &covers).map_err(|e| match e {
        Error::Invalid(p) => name_branches(p),
        other => other,
    })?;
    let q = committee.ky_bao_cao;
    let at = q.end();
    let mut problems = Vec::new();
    if committee.chi_bo.is_empty() {
        problems.push(Problem::new("chi_bo", "đảng ủy cần ít nhất một chi bộ"));
    }
    // Rosters.
    let mut rosters: Vec<Vec<Member>> = Vec::new();
    let mut skipped = 0u64;
    for (i, b) in committee.chi_bo.iter().enumerate() {
        let path = format!("chi_bo[{i}].danh_sach");
        let (members, bad, bad_rows) = load_roster(&b.danh_sach, &path, opts, &covers);
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
    // Cases.
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
    if !problems.is_empty() {
        return Err(name_branches(problems));
    }

    // The documents' cases, prepared (validated) before anything renders.
    let mut jobs = Vec::new();
    let mut units = Vec::new();
    let mut all_members = Vec::new();
    let mut changes = BienDong::default();
    for (i, b) in committee.chi_bo.iter().enumerate() {
        let truong_hop = b.truong_hop.clone();
        let case = json!({
            "to_chuc": b.to_chuc,
            "van_ban": b.van_ban,
            "ky_bao_cao": q,
            "don_vi": [{ "so_dang_vien_ra_soat": rosters[i].len(), "truong_hop": truong_hop }],
            "danh_gia": b.danh_gia,
            "han_che": b.han_che,
            "de_xuat": b.de_xuat,
            "nguoi_ky": b.nguoi_ky,
        });
        match prepare(renderer, SCREENING, &case) {
            Ok(prepared) => jobs.push(Job {
                dir: format!("chi-bo/{:02}-{}", i + 1, slug(&b.to_chuc.ten)),
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
        units.push(json!({
            "ten": b.to_chuc.ten,
            "so_dang_vien_ra_soat": rosters[i].len(),
            "truong_hop": b.truong_hop,
        }));
        let c = &b.bien_dong;
        changes.ket_nap += c.ket_nap;
        changes.chuyen_den += c.chuyen_den;
        changes.chuyen_di += c.chuyen_di;
        changes.tu_tran += c.tu_tran;
        changes.xoa_ten += c.xoa_ten
            + b.truong_hop
                .iter()
                .filter(|t| t.tinh_trang == TinhTrang::DaXoaTen)
                .count() as u32;
        changes.khai_tru += c.khai_tru
            + b.truong_hop
                .iter()
                .filter(|t| t.tinh_trang == TinhTrang::DaKhaiTru)
                .count() as u32;
        // Statistics never print names: leave them out of the case.
        all_members.extend(rosters[i].iter().map(|m| Member {
            ho_ten: None,
            ..m.clone()
        }));
    }
    if !problems.is_empty() {
        return Err(name_branches(problems));
    }
    let c = &committee;
    let committee_case = json!({
        "to_chuc": c.to_chuc,
        "van_ban": c.bao_cao_ra_soat,
        "ky_bao_cao": q,
        "don_vi": units,
        "danh_gia": c.danh_gia,
        "han_che": c.han_che,
        "de_xuat": c.de_xuat,
        "nguoi_ky": c.nguoi_ky,
        "noi_nhan": c.noi_nhan,
    });
    let stats_case = json!({
        "to_chuc": c.to_chuc,
        "van_ban": c.bao_cao_thong_ke,
        "ky_bao_cao": q,
        "danh_sach": all_members,
        "bien_dong": changes,
        "so_dong_bo_qua": skipped,
        "nguoi_ky": c.nguoi_ky,
        "noi_nhan": c.noi_nhan,
    });
    for (form, case) in [(SCREENING, committee_case), (STATISTICS, stats_case)] {
        let prepared = prepare(renderer, form, &case).map_err(Error::Invalid)?;
        jobs.push(Job {
            dir: "dang-uy".into(),
            form,
            branch: None,
            prepared,
        });
    }

    // Render every document in both formats, in parallel.
    let tasks: Vec<(usize, Format)> = (0..jobs.len())
        .flat_map(|k| [(k, Format::Pdf), (k, Format::Docx)])
        .collect();
    let done = AtomicUsize::new(0);
    let total = tasks.len();
    if let Some(p) = progress {
        p(0, total);
    }
    let rendered: Vec<Result<(String, Vec<u8>)>> = tasks
        .par_iter()
        .map(|&(k, format)| {
            let job = &jobs[k];
            let form = renderer.form(job.form)?;
            let r = renderer.render_prepared(form, &job.prepared, format)?;
            let n = done.fetch_add(1, Ordering::Relaxed) + 1;
            if let Some(p) = progress {
                p(n, total);
            }
            Ok((
                format!("{}/{}.{}", job.dir, job.form, format.extension()),
                r.bytes,
            ))
        })
        .collect();
    let mut files = Vec::with_capacity(total);
    let mut manifest = Vec::with_capacity(total);
    for (task, result) in tasks.iter().zip(rendered) {
        let (path, bytes) = result?;
        let job = &jobs[task.0];
        manifest.push(Entry {
            path: path.clone(),
            form: job.form.to_string(),
            branch: job.branch.clone(),
            sha256: hex(&Sha256::digest(&bytes)),
            bytes: bytes.len() as u64,
        });
        files.push((path, bytes));
    }
    manifest.sort_by(|a, b| a.path.cmp(&b.path));
    files.sort_by(|a, b| a.0.cmp(&b.0));
    let manifest_json = serde_json::to_vec_pretty(&json!({
        "to_chuc": c.to_chuc.ten,
        "ky_bao_cao": q.short(),
        "files": manifest,
    }))
    .map_err(|e| Error::Config(e.to_string()))?;
    zip_files(&manifest_json, &files)
}

fn prepare(renderer: &Renderer, form: &str, case: &Value) -> Result<Prepared, Vec<Problem>> {
    let bytes = serde_json::to_vec(case).unwrap_or_default();
    match renderer.prepare(form, &bytes) {
        Ok(p) => Ok(p),
        Err(Error::Invalid(p)) => Err(p),
        Err(e) => Err(vec![Problem::new("(toàn bộ)", e.to_string())]),
    }
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

/// The ZIP: `manifest.json` first, then the files in path order, with fixed
/// timestamps so identical input gives identical bytes.
fn zip_files(manifest: &[u8], files: &[(String, Vec<u8>)]) -> Result<Vec<u8>> {
    use zip::write::SimpleFileOptions;
    let err = |e: zip::result::ZipError| Error::Config(format!("ZIP: {e}"));
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let base = SimpleFileOptions::default()
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644);
    zip.start_file(
        "manifest.json",
        base.compression_method(zip::CompressionMethod::Deflated),
    )
    .map_err(err)?;
    zip.write_all(manifest).map_err(|e| Error::io("ZIP", e))?;
    for (path, bytes) in files {
        // PDF and DOCX are compressed already.
        zip.start_file(
            path,
            base.compression_method(zip::CompressionMethod::Stored),
        )
        .map_err(err)?;
        zip.write_all(bytes).map_err(|e| Error::io("ZIP", e))?;
    }
    Ok(zip.finish().map_err(err)?.into_inner())
}

/// Date helper for callers: the quarter's last day.
pub fn report_date(c: &Committee) -> NaiveDate {
    c.ky_bao_cao.end()
}
