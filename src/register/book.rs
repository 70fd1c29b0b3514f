//! The register as a document: the book (sổ đăng ký văn bản đi) of one
//! organisation for a period, built from what the register recorded, so the
//! office prints (form `so-van-ban-di`, PDF or DOCX) or exports (XLSX) the
//! very rows it issued instead of copying them out by hand.

use chrono::NaiveDate;
use serde::Deserialize;

use super::{Filter, Record, Register, RegisterError, organisation_key};
use crate::case::common::ToChuc;
use crate::forms::models::so_van_ban_di::{Case, Huy, VanBanDi};
use crate::rules::format::DocKind;

/// What the book takes from an issued case besides the record's columns:
/// the organisation as the document printed it, and who received it (a
/// resolution's `noi_nhan`; a letter's `kinh_gui`).
#[derive(Deserialize)]
struct Issued {
    to_chuc: ToChuc,
    #[serde(default)]
    noi_nhan: Vec<String>,
    #[serde(default)]
    kinh_gui: Option<String>,
}

impl Register {
    /// The book of `organisation` from `from` to `to` (both inclusive): its
    /// documents in register order, voided ones marked, and the committee
    /// terms that begin inside the period (numbers restart there).
    pub fn book(
        &self,
        organisation: &str,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Case, RegisterError> {
        let organisation = organisation_key(organisation)?;
        if to < from {
            return Err(RegisterError::PeriodReversed { from, to });
        }
        let records = self.list(&Filter {
            organisation: Some(organisation.clone()),
            from: Some(from.to_string()),
            to: Some(to.to_string()),
            ..Filter::default()
        })?;
        let mut to_chuc = None;
        let mut van_ban = Vec::with_capacity(records.len());
        for record in &records {
            let issued: Issued =
                serde_json::from_str(&record.case).map_err(|e| RegisterError::Unreadable {
                    symbol: record.symbol.clone(),
                    why: e.to_string(),
                })?;
            van_ban.push(row(record, &issued)?);
            to_chuc = Some(issued.to_chuc);
        }
        let Some(to_chuc) = to_chuc else {
            return Err(RegisterError::EmptyBook {
                organisation,
                from,
                to,
            });
        };
        let dau_nhiem_ky = self
            .terms(&organisation)?
            .iter()
            .filter_map(|t| t.parse::<NaiveDate>().ok())
            .filter(|start| *start > from && *start <= to)
            .collect();
        Ok(Case {
            to_chuc,
            tu_ngay: from,
            den_ngay: to,
            dau_nhiem_ky,
            van_ban,
        })
    }
}

/// One row of the book from one record.
fn row(record: &Record, issued: &Issued) -> Result<VanBanDi, RegisterError> {
    let unreadable = |why: &str| RegisterError::Unreadable {
        symbol: record.symbol.clone(),
        why: why.to_string(),
    };
    let loai = DocKind::ALL
        .into_iter()
        .find(|k| k.code() == record.kind)
        .ok_or_else(|| unreadable("loại văn bản không có trong danh mục"))?;
    let date = |text: &str| {
        text.parse::<NaiveDate>()
            .map_err(|_| unreadable("ngày không đọc được"))
    };
    let huy = match (&record.voided_on, &record.void_reason) {
        (Some(on), reason) => Some(Huy {
            ngay: date(on)?,
            ly_do: reason.clone().unwrap_or_default(),
        }),
        (None, _) => None,
    };
    let noi_nhan = if issued.noi_nhan.is_empty() {
        issued.kinh_gui.iter().cloned().collect()
    } else {
        issued.noi_nhan.clone()
    };
    Ok(VanBanDi {
        so: record.number,
        loai,
        ngay: date(&record.date)?,
        trich_yeu: record.subject.clone(),
        nguoi_ky: record.signer.clone(),
        noi_nhan,
        huy,
    })
}
