//! Step 3 and 4 of a pack: every document rendered in both formats and
//! written into the ZIP as it completes, then `manifest.json`.

use std::io::{Seek, Write};
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::plan::Job;
use super::{EVICT_MAX_AGE, Entry, Plan, Progress, WINDOW};
use crate::error::{Error, Result};
use crate::render::{Format, Renderer};

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
pub(super) fn zip_pack<W: Write + Seek>(
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

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
