//! The periodic check of transfer notices from the register: the case of
//! `danh-sach-phieu-bao-qua-han` built from the phiếu báo (kind PB) an
//! organisation issued, so the office checks the very notices it sent
//! instead of copying them from the transfer book.
//!
//! The register records what was issued, not who arrived: every notice comes
//! out with `da_nop_ho_so` false, for the clerk to mark the members whose
//! dossier reached the receiving committee before rendering the list.

use chrono::NaiveDate;
use serde::Deserialize;

use super::{Filter, Record, Register, RegisterError, organisation_key};
use crate::case::common::{NguoiKy, ToChuc, VanBan};
use crate::forms::models::danh_sach_phieu_bao_qua_han::{Case, PhieuBao};
use crate::rules::format::DocKind;

/// What the list takes from an issued notice's case
/// (`phieu-bao-chuyen-sinh-hoat`).
#[derive(Deserialize)]
struct IssuedNotice {
    to_chuc: ToChuc,
    nguoi_ky: NguoiKy,
    dang_vien: Member,
    chuyen_tu: String,
    chuyen_den: String,
}

#[derive(Deserialize)]
struct Member {
    ho_ten: String,
    #[serde(default)]
    ngay_sinh: Option<NaiveDate>,
}

impl Register {
    /// The check of `organisation`'s transfer notices on `on`: every notice
    /// it issued on or before `on` (from `from` on, when given) and not
    /// voided. The report bears `on` and the next report (BC) number of the
    /// term `on` falls in; it is signed by whoever signed the latest notice.
    pub fn overdue_transfers(
        &self,
        organisation: &str,
        on: NaiveDate,
        from: Option<NaiveDate>,
    ) -> Result<Case, RegisterError> {
        let organisation = organisation_key(organisation)?;
        if let Some(from) = from
            && on < from
        {
            return Err(RegisterError::PeriodReversed { from, to: on });
        }
        let records = self.list(&Filter {
            organisation: Some(organisation.clone()),
            kind: Some(DocKind::PhieuBao.code().to_owned()),
            from: from.map(|d| d.to_string()),
            to: Some(on.to_string()),
            ..Filter::default()
        })?;
        let mut latest: Option<(String, IssuedNotice)> = None;
        let mut phieu_bao = Vec::with_capacity(records.len());
        for record in records.iter().filter(|r| r.voided_on.is_none()) {
            let issued: IssuedNotice = serde_json::from_str(&record.case)
                .map_err(|e| unreadable(record, &e.to_string()))?;
            let ngay = record
                .date
                .parse::<NaiveDate>()
                .map_err(|_| unreadable(record, "ngày không đọc được"))?;
            phieu_bao.push(PhieuBao {
                so: record.symbol.clone(),
                ngay,
                ho_ten: issued.dang_vien.ho_ten.clone(),
                ngay_sinh: issued.dang_vien.ngay_sinh,
                chuyen_tu: issued.chuyen_tu.clone(),
                chuyen_den: issued.chuyen_den.clone(),
                da_nop_ho_so: false,
            });
            if latest.as_ref().is_none_or(|(date, _)| record.date >= *date) {
                latest = Some((record.date.clone(), issued));
            }
        }
        let Some((_, latest)) = latest else {
            return Err(RegisterError::NoNotices { organisation, on });
        };
        let term = self.term_of(&organisation, on)?;
        let last = self
            .store
            .last_number(&organisation, DocKind::BaoCao.code(), &term)?;
        Ok(Case {
            to_chuc: latest.to_chuc,
            van_ban: VanBan {
                so: last.saturating_add(1),
                ngay: on,
                secret: false,
            },
            ngay_kiem_tra: on,
            phieu_bao,
            nguoi_ky: latest.nguoi_ky,
            noi_nhan: Vec::new(),
        })
    }
}

fn unreadable(record: &Record, why: &str) -> RegisterError {
    RegisterError::Unreadable {
        symbol: record.symbol.clone(),
        why: why.to_string(),
    }
}
