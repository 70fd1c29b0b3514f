//! Self-inspection report on party-member work and branch meetings, following
//! the outline of the ward's inspection plan (seed 004, section III): per item
//! an assessment, a rating and remedies; the meeting figures computed.

use chrono::{Datelike, NaiveDate};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Prepared;
use super::paper::{self, ReportHead};
use crate::case::common::SignerView;
use crate::error::Problem;
use crate::rules::format::{self, DocKind};
use crate::vocab::Label;

paper::case! {
    /// Case data of `bao-cao-tu-kiem-tra`.
    #[schemars(title = "Báo cáo tự kiểm tra", description = "")]
    pub struct Case;
    quarterly_report(issuer_hint = "");
    own {
        /// The period inspected.
        #[schemars(title = "Thời kỳ kiểm tra", description = "")]
        pub ky_kiem_tra: KyKiemTra,
        #[schemars(title = "Số liệu")]
        pub so_lieu: SoLieu,
        /// 1. Party-member work.
        #[schemars(title = "1. Công tác đảng viên", description = "")]
        pub cong_tac_dang_vien: CongTacDangVien,
        /// 2. Branch meetings.
        #[schemars(title = "2. Sinh hoạt chi bộ", description = "")]
        pub sinh_hoat_chi_bo: SinhHoatChiBo,
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Thời kỳ kiểm tra")]
pub struct KyKiemTra {
    #[schemars(title = "Từ ngày")]
    pub tu_ngay: NaiveDate,
    #[schemars(title = "Đến ngày")]
    pub den_ngay: NaiveDate,
}

/// Figures of the period.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Số liệu", description = "")]
pub struct SoLieu {
    #[schemars(title = "Số đảng viên")]
    pub so_dang_vien: u32,
    /// Regular (monthly) meetings held.
    #[schemars(
        title = "Số buổi sinh hoạt định kỳ",
        description = "Sinh hoạt hằng tháng đã tổ chức"
    )]
    pub sinh_hoat_dinh_ky: u32,
    /// Thematic meetings held.
    #[schemars(title = "Số buổi sinh hoạt chuyên đề", description = "")]
    pub sinh_hoat_chuyen_de: u32,
    /// Member-meetings convened (sum over meetings).
    #[schemars(
        title = "Số lượt đảng viên được triệu tập",
        description = "Cộng qua các buổi sinh hoạt"
    )]
    pub luot_trieu_tap: u32,
    /// Member-meetings attended.
    #[schemars(
        title = "Số lượt đảng viên có mặt",
        description = "Cộng qua các buổi sinh hoạt"
    )]
    pub luot_co_mat: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "1. Công tác đảng viên")]
pub struct CongTacDangVien {
    /// 1.1 Records and member data.
    #[schemars(title = "1.1. Hồ sơ, dữ liệu đảng viên", description = "")]
    pub ho_so: NoiDung,
    /// 1.2 Member management.
    #[schemars(title = "1.2. Quản lý đảng viên", description = "")]
    pub quan_ly: NoiDung,
    /// 1.3 Admissions and recognition as full members.
    #[schemars(
        title = "1.3. Kết nạp, công nhận đảng viên chính thức",
        description = ""
    )]
    pub ket_nap: NoiDung,
    /// 1.4 Party cards and badges.
    #[schemars(title = "1.4. Thẻ đảng viên, huy hiệu Đảng", description = "")]
    pub the_huy_hieu: NoiDung,
    /// 1.5 Screening.
    #[schemars(title = "1.5. Rà soát, sàng lọc đảng viên", description = "")]
    pub ra_soat: NoiDung,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "2. Sinh hoạt chi bộ")]
pub struct SinhHoatChiBo {
    /// 2.1 Meeting regime.
    #[schemars(title = "2.1. Chế độ sinh hoạt", description = "")]
    pub che_do: NoiDung,
    /// 2.2 Content and quality.
    #[schemars(title = "2.2. Nội dung, chất lượng sinh hoạt", description = "")]
    pub noi_dung: NoiDung,
    /// 2.3 Records and books.
    #[schemars(title = "2.3. Hồ sơ, sổ sách", description = "")]
    pub so_sach: NoiDung,
    /// 2.4 Directive 50-CT/TW.
    #[schemars(title = "2.4. Thực hiện Chỉ thị 50-CT/TW", description = "")]
    pub chi_thi_50: NoiDung,
}

/// One item inspected.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Nội dung kiểm tra", description = "")]
pub struct NoiDung {
    /// Assessment, one paragraph per item.
    #[schemars(title = "Đánh giá", description = "Mỗi mục là một đoạn", transform = crate::case::schema::paragraphs)]
    #[schemars(length(min = 1))]
    pub danh_gia: Vec<String>,
    #[schemars(title = "Xếp loại")]
    pub xep_loai: XepLoai,
    /// Remedies (biện pháp khắc phục); none when nothing to remedy.
    #[serde(default)]
    #[schemars(title = "Biện pháp khắc phục", description = "Bỏ trống khi không có gì cần khắc phục; mỗi mục là một đoạn", transform = crate::case::schema::paragraphs)]
    pub bien_phap: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[schemars(title = "Xếp loại")]
pub enum XepLoai {
    #[schemars(title = XepLoai::Tot.label())]
    Tot,
    #[schemars(title = XepLoai::Kha.label())]
    Kha,
    #[schemars(title = XepLoai::Dat.label())]
    Dat,
    #[schemars(title = XepLoai::ChuaDat.label())]
    ChuaDat,
}

impl Label for XepLoai {
    fn label(self) -> &'static str {
        match self {
            Self::Tot => "Tốt",
            Self::Kha => "Khá",
            Self::Dat => "Đạt yêu cầu",
            Self::ChuaDat => "Chưa đạt yêu cầu",
        }
    }
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub struct View {
    #[serde(flatten)]
    head: ReportHead,
    from: String,
    to: String,
    members: String,
    regular: String,
    regular_required: String,
    regular_met: bool,
    thematic: String,
    thematic_required: String,
    thematic_met: bool,
    convened: String,
    present: String,
    attendance: String,
    parts: Vec<PartView>,
    summary: Vec<Vec<String>>,
    signer: SignerView,
    recipients: Vec<String>,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
struct PartView {
    title: String,
    items: Vec<ItemView>,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
struct ItemView {
    title: String,
    assessment: Vec<String>,
    rating: String,
    remedies: Vec<String>,
}

/// Calendar periods of `len` months (1: months, 3: quarters) that ENDED
/// inside the period: their last day lies between `from` and `to`. Only an
/// ended month or quarter can be required to have had its meeting (seed 004,
/// III.2.1: "sinh hoạt định kỳ hằng tháng", "sinh hoạt chuyên đề ít nhất mỗi
/// quý một lần"): 01/01–30/4 holds 4 ended months and 1 ended quarter.
pub fn ended(from: NaiveDate, to: NaiveDate, len: u32) -> u32 {
    if to < from {
        return 0;
    }
    // Index of the period a date falls in, counted in months since year 0.
    let index = |d: NaiveDate| (d.year() * 12 + d.month0() as i32).div_euclid(len as i32);
    let last_day = |i: i32| {
        let m = (i + 1) * len as i32; // first month of the next period
        NaiveDate::from_ymd_opt(m.div_euclid(12), m.rem_euclid(12) as u32 + 1, 1)
            .and_then(|d| d.pred_opt())
    };
    let (a, b) = (index(from), index(to));
    (a..=b)
        .filter(|&i| last_day(i).is_some_and(|d| from <= d && d <= to))
        .count() as u32
}

/// The meeting regime's finding: how many of each meeting were required in
/// the period and whether they were held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Regime {
    pub regular_required: u32,
    pub thematic_required: u32,
    pub regular_met: bool,
    pub thematic_met: bool,
}

impl Regime {
    pub fn of(k: &KyKiemTra, s: &SoLieu) -> Self {
        let regular_required = ended(k.tu_ngay, k.den_ngay, 1);
        let thematic_required = ended(k.tu_ngay, k.den_ngay, 3);
        Regime {
            regular_required,
            thematic_required,
            regular_met: s.sinh_hoat_dinh_ky >= regular_required,
            thematic_met: s.sinh_hoat_chuyen_de >= thematic_required,
        }
    }

    pub fn met(&self) -> bool {
        self.regular_met && self.thematic_met
    }
}

/// An inspected item: printed title, field path, content.
type Item<'a> = (&'static str, &'static str, &'a NoiDung);

impl Case {
    fn items(&self) -> [(&'static str, Vec<Item<'_>>); 2] {
        let d = &self.cong_tac_dang_vien;
        let s = &self.sinh_hoat_chi_bo;
        [
            (
                "1. Nghiệp vụ công tác đảng viên",
                vec![
                    (
                        "1.1. Công tác quản lý hồ sơ, dữ liệu đảng viên",
                        "cong_tac_dang_vien.ho_so",
                        &d.ho_so,
                    ),
                    (
                        "1.2. Công tác quản lý đảng viên",
                        "cong_tac_dang_vien.quan_ly",
                        &d.quan_ly,
                    ),
                    (
                        "1.3. Công tác kết nạp đảng viên, công nhận đảng viên chính thức",
                        "cong_tac_dang_vien.ket_nap",
                        &d.ket_nap,
                    ),
                    (
                        "1.4. Công tác phát thẻ đảng viên, xét tặng Huy hiệu Đảng",
                        "cong_tac_dang_vien.the_huy_hieu",
                        &d.the_huy_hieu,
                    ),
                    (
                        "1.5. Công tác rà soát, sàng lọc đảng viên",
                        "cong_tac_dang_vien.ra_soat",
                        &d.ra_soat,
                    ),
                ],
            ),
            (
                "2. Công tác sinh hoạt chi bộ",
                vec![
                    (
                        "2.1. Việc thực hiện chế độ sinh hoạt chi bộ",
                        "sinh_hoat_chi_bo.che_do",
                        &s.che_do,
                    ),
                    (
                        "2.2. Nội dung và chất lượng sinh hoạt chi bộ",
                        "sinh_hoat_chi_bo.noi_dung",
                        &s.noi_dung,
                    ),
                    (
                        "2.3. Hồ sơ, sổ sách sinh hoạt chi bộ",
                        "sinh_hoat_chi_bo.so_sach",
                        &s.so_sach,
                    ),
                    (
                        "2.4. Việc thực hiện Chỉ thị số 50-CT/TW",
                        "sinh_hoat_chi_bo.chi_thi_50",
                        &s.chi_thi_50,
                    ),
                ],
            ),
        ]
    }

    fn check(&self, out: &mut Vec<Problem>) {
        self.to_chuc.check("to_chuc", out);
        self.nguoi_ky.check("nguoi_ky", out);
        let k = &self.ky_kiem_tra;
        if k.den_ngay < k.tu_ngay {
            out.push(Problem::new(
                "ky_kiem_tra.den_ngay",
                "trước ngày bắt đầu kỳ kiểm tra",
            ));
        }
        if self.van_ban.ngay < k.tu_ngay {
            out.push(Problem::new(
                "van_ban.ngay",
                "ngày báo cáo trước kỳ kiểm tra",
            ));
        }
        let s = &self.so_lieu;
        if s.luot_co_mat > s.luot_trieu_tap {
            out.push(Problem::new(
                "so_lieu.luot_co_mat",
                format!(
                    "lượt có mặt ({}) vượt quá lượt được triệu tập ({})",
                    s.luot_co_mat, s.luot_trieu_tap
                ),
            ));
        }
        if u64::from(s.luot_trieu_tap)
            > u64::from(s.so_dang_vien) * u64::from(s.sinh_hoat_dinh_ky + s.sinh_hoat_chuyen_de)
        {
            out.push(Problem::new(
                "so_lieu.luot_trieu_tap",
                "vượt quá số đảng viên nhân với số buổi sinh hoạt",
            ));
        }
        let regime = Regime::of(k, s);
        if !regime.met() && self.sinh_hoat_chi_bo.che_do.xep_loai != XepLoai::ChuaDat {
            out.push(Problem::new(
                "sinh_hoat_chi_bo.che_do.xep_loai",
                format!(
                    "chi bộ chưa tổ chức đủ số buổi sinh hoạt theo quy định ({} buổi định kỳ trên {} tháng đã qua, {} buổi chuyên đề trên {} quý đã qua): tự đánh giá chế độ sinh hoạt phải là chua-dat",
                    s.sinh_hoat_dinh_ky,
                    regime.regular_required,
                    s.sinh_hoat_chuyen_de,
                    regime.thematic_required
                ),
            ));
        }
        for (_, items) in self.items() {
            for (_, path, item) in items {
                if item.danh_gia.iter().all(|p| p.trim().is_empty()) {
                    out.push(Problem::new(
                        format!("{path}.danh_gia"),
                        "cần ít nhất một đoạn đánh giá",
                    ));
                }
                if item.xep_loai == XepLoai::ChuaDat && item.bien_phap.is_empty() {
                    out.push(Problem::new(
                        format!("{path}.bien_phap"),
                        "nội dung chưa đạt yêu cầu cần có biện pháp khắc phục",
                    ));
                }
            }
        }
    }
}

impl super::Case for Case {
    const ID: &'static str = "bao-cao-tu-kiem-tra";

    type View = View;

    fn prepare_view(self) -> Result<Prepared<View>, Vec<Problem>> {
        super::checked(|out| self.check(out))?;
        let k = &self.ky_kiem_tra;
        let s = &self.so_lieu;
        let regime = Regime::of(k, s);
        let mut summary = Vec::new();
        let parts = self
            .items()
            .into_iter()
            .map(|(title, items)| PartView {
                title: title.into(),
                items: items
                    .into_iter()
                    .map(|(t, _, item)| {
                        summary.push(vec![
                            (summary.len() + 1).to_string(),
                            t.split_once(". ").map(|(_, r)| r).unwrap_or(t).to_string(),
                            item.xep_loai.label().to_string(),
                        ]);
                        ItemView {
                            title: t.into(),
                            assessment: item.danh_gia.clone(),
                            rating: item.xep_loai.label().into(),
                            remedies: item.bien_phap.clone(),
                        }
                    })
                    .collect(),
            })
            .collect();
        let paper = self.paper();
        let (signer, recipients) = paper.report_sign_off();
        let view = View {
            head: paper.report_head(
                "kết quả tự kiểm tra nghiệp vụ công tác đảng viên và công tác sinh hoạt chi bộ"
                    .into(),
            ),
            from: format::date_inline(k.tu_ngay),
            to: format::date_inline(k.den_ngay),
            members: format::integer(s.so_dang_vien.into()),
            regular: format::integer(s.sinh_hoat_dinh_ky.into()),
            regular_required: format::integer(regime.regular_required.into()),
            regular_met: regime.regular_met,
            thematic: format::integer(s.sinh_hoat_chuyen_de.into()),
            thematic_required: format::integer(regime.thematic_required.into()),
            thematic_met: regime.thematic_met,
            convened: format::integer(s.luot_trieu_tap.into()),
            present: format::integer(s.luot_co_mat.into()),
            attendance: format::ratio_percent(s.luot_co_mat.into(), s.luot_trieu_tap.into()),
            parts,
            summary,
            signer,
            recipients,
        };
        Ok(paper.prepare(view, "Báo cáo", DocKind::BaoCao))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// Only months and quarters that ended inside the period are required.
    #[test]
    fn requirements_count_only_ended_months_and_quarters() {
        let cases = [
            // (from, to, months ended, quarters ended)
            (date(2026, 1, 1), date(2026, 4, 30), 4, 1),
            (date(2026, 1, 1), date(2026, 3, 30), 2, 0),
            (date(2026, 1, 1), date(2026, 3, 31), 3, 1),
            (date(2026, 1, 1), date(2026, 12, 31), 12, 4),
            (date(2026, 1, 1), date(2026, 5, 18), 4, 1),
            (date(2025, 11, 15), date(2026, 7, 1), 8, 3),
            (date(2026, 2, 1), date(2026, 2, 27), 0, 0),
            (date(2026, 5, 1), date(2026, 4, 1), 0, 0),
        ];
        for (from, to, months, quarters) in cases {
            assert_eq!(ended(from, to, 1), months, "{from}–{to} months");
            assert_eq!(ended(from, to, 3), quarters, "{from}–{to} quarters");
        }
    }

    fn case(thematic: u32, rating: XepLoai) -> Case {
        let mut c: Case = serde_json::from_str(include_str!(
            "../../../forms/bao-cao-tu-kiem-tra/example.json"
        ))
        .expect("example");
        c.ky_kiem_tra = KyKiemTra {
            tu_ngay: date(2026, 1, 1),
            den_ngay: date(2026, 4, 30),
        };
        c.so_lieu.sinh_hoat_dinh_ky = 4;
        c.so_lieu.sinh_hoat_chuyen_de = thematic;
        // Attendance that fits any number of meetings tried here.
        c.so_lieu.luot_trieu_tap = 90;
        c.so_lieu.luot_co_mat = 80;
        c.sinh_hoat_chi_bo.che_do.xep_loai = rating;
        c.sinh_hoat_chi_bo.che_do.bien_phap = vec!["Tổ chức bù buổi chuyên đề.".into()];
        c
    }

    fn fields(c: &Case) -> Vec<String> {
        let mut out = Vec::new();
        c.check(&mut out);
        out.into_iter().map(|p| p.field).collect()
    }

    /// Seed 004: one thematic meeting per quarter. 01/01–30/4 has one ended
    /// quarter, so one meeting meets it; none does not, and then the item
    /// cannot be rated anything but "chưa đạt".
    #[test]
    fn the_rating_agrees_with_the_finding_beside_it() {
        assert!(
            Regime::of(
                &case(1, XepLoai::Tot).ky_kiem_tra,
                &case(1, XepLoai::Tot).so_lieu
            )
            .met()
        );
        assert!(fields(&case(1, XepLoai::Tot)).is_empty());
        for rating in [XepLoai::Tot, XepLoai::Kha, XepLoai::Dat] {
            assert_eq!(
                fields(&case(0, rating)),
                ["sinh_hoat_chi_bo.che_do.xep_loai"],
                "{rating:?}"
            );
        }
        assert!(fields(&case(0, XepLoai::ChuaDat)).is_empty());
        // A missed monthly meeting is a finding too.
        let mut c = case(1, XepLoai::Tot);
        c.so_lieu.sinh_hoat_dinh_ky = 3;
        assert_eq!(fields(&c), ["sinh_hoat_chi_bo.che_do.xep_loai"]);
    }
}
