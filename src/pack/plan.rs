//! Step 2 of a pack: the documents' cases, built as the report models'
//! typed cases (a renamed report field fails to compile here) and prepared
//! before anything renders — each branch's screening report, then the
//! committee's aggregated screening report and its statistics.

use super::validate::{Names, Valid};
use super::{Branch, Committee, SCREENING, STATISTICS};
use crate::error::{Error, Problem, Result};
use crate::forms::models::bao_cao_ra_soat_quy::{self as ra_soat, TinhTrang};
use crate::forms::models::bao_cao_thong_ke_dang_vien::{self as thong_ke, BienDong};
use crate::forms::models::{Case as _, Prepared};
use crate::roster::Member;
use crate::slug::slug;

/// One document of the pack, prepared.
pub(super) struct Job {
    /// Its folder in the ZIP.
    pub dir: String,
    pub form: &'static str,
    /// The source branch; none for the committee's documents.
    pub branch: Option<String>,
    pub prepared: Prepared,
}

/// Every document's job, in the pack's order.
pub(super) fn jobs(valid: Valid) -> Result<Vec<Job>> {
    let Valid {
        committee,
        rosters,
        skipped,
    } = valid;
    let names = Names::of(&committee);
    let sizes: Vec<u32> = rosters.iter().map(|r| r.len() as u32).collect();
    let mut jobs = branch_jobs(&committee, &sizes, &names).map_err(Error::Invalid)?;
    let committee_case = committee_screening(&committee, &sizes);
    let stats_case = statistics(&committee, rosters, skipped);
    for (form, prepared) in [
        (SCREENING, committee_case.prepare()),
        (STATISTICS, stats_case.prepare()),
    ] {
        jobs.push(Job {
            dir: "dang-uy".into(),
            form,
            branch: None,
            prepared: prepared.map_err(Error::Invalid)?,
        });
    }
    Ok(jobs)
}

/// Each branch's screening report, prepared; the problems of every branch
/// that does not prepare, named.
fn branch_jobs(c: &Committee, sizes: &[u32], names: &Names) -> Result<Vec<Job>, Vec<Problem>> {
    // Folder numbers of one width, so that path order is branch order.
    let width = c.chi_bo.len().to_string().len().max(2);
    let mut problems = Vec::new();
    let mut jobs = Vec::with_capacity(c.chi_bo.len() + 2);
    for (i, b) in c.chi_bo.iter().enumerate() {
        match branch_screening(c, b, sizes[i]).prepare() {
            Ok(prepared) => jobs.push(Job {
                dir: format!("chi-bo/{:0width$}-{}", i + 1, slug(&b.to_chuc.ten)),
                form: SCREENING,
                branch: Some(b.to_chuc.ten.clone()),
                prepared,
            }),
            // The branch's case has the branch's own fields (its one unit's
            // cases were checked with the committee).
            Err(ps) => problems.extend(
                ps.into_iter()
                    .map(|p| names.problem(i, &p.field, p.message)),
            ),
        }
    }
    if problems.is_empty() {
        Ok(jobs)
    } else {
        Err(problems)
    }
}

/// A branch's screening report: one unit, the branch itself.
fn branch_screening(c: &Committee, b: &Branch, members: u32) -> ra_soat::Case {
    ra_soat::Case {
        to_chuc: b.to_chuc.clone(),
        van_ban: b.van_ban.clone(),
        ky_bao_cao: c.ky_bao_cao,
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
    }
}

/// The committee's screening report: a unit (a table row) per branch.
fn committee_screening(c: &Committee, sizes: &[u32]) -> ra_soat::Case {
    let units = c
        .chi_bo
        .iter()
        .zip(sizes)
        .map(|(b, &members)| ra_soat::DonVi {
            ten: Some(b.to_chuc.ten.clone()),
            so_dang_vien_ra_soat: members,
            truong_hop: b.truong_hop.clone(),
        })
        .collect();
    ra_soat::Case {
        to_chuc: c.to_chuc.clone(),
        van_ban: c.bao_cao_ra_soat.clone(),
        ky_bao_cao: c.ky_bao_cao,
        don_vi: units,
        danh_gia: c.danh_gia.clone(),
        han_che: c.han_che.clone(),
        de_xuat: c.de_xuat.clone(),
        nguoi_ky: c.nguoi_ky.clone(),
        noi_nhan: c.noi_nhan.clone(),
    }
}

/// The committee's statistics: every branch's members (statistics never
/// print names: they are left out of the case) and period changes.
fn statistics(c: &Committee, rosters: Vec<Vec<Member>>, skipped: u64) -> thong_ke::Case {
    let mut changes = BienDong::default();
    for b in &c.chi_bo {
        add_changes(&mut changes, b);
    }
    thong_ke::Case {
        to_chuc: c.to_chuc.clone(),
        van_ban: c.bao_cao_thong_ke.clone(),
        ky_bao_cao: c.ky_bao_cao,
        danh_sach: rosters
            .into_iter()
            .flatten()
            .map(|m| Member { ho_ten: None, ..m })
            .collect(),
        bien_dong: changes,
        so_dong_bo_qua: u32::try_from(skipped).unwrap_or(u32::MAX),
        nguoi_ky: c.nguoi_ky.clone(),
        noi_nhan: c.noi_nhan.clone(),
    }
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
