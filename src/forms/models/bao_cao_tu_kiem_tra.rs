//! Self-inspection report on party-member work and branch meetings, following
//! the outline of the ward's inspection plan (seed 004, section III): per item
//! an assessment, a rating and remedies; the meeting figures computed.

use chrono::{Datelike, NaiveDate};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Prepared;
use crate::case::common::{HeaderView, NguoiKy, PageView, SignerView, ToChuc, VanBan, require};
use crate::error::Problem;
use crate::rules::format::{self, DocKind};

/// Case data of `bao-cao-tu-kiem-tra`.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Báo cáo tự kiểm tra", description = "")]
pub struct Case {
    #[schemars(title = "Tổ chức báo cáo")]
    pub to_chuc: ToChuc,
    #[schemars(title = "Số và ngày báo cáo")]
    pub van_ban: VanBan,
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
    #[schemars(title = "Người ký")]
    pub nguoi_ky: NguoiKy,
    #[serde(default)]
    #[schemars(title = "Nơi nhận", description = "Mỗi dòng một nơi nhận")]
    pub noi_nhan: Vec<String>,
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

impl XepLoai {
    fn label(self) -> &'static str {
        match self {
            Self::Tot => "Tốt",
            Self::Kha => "Khá",
            Self::Dat => "Đạt yêu cầu",
            Self::ChuaDat => "Chưa đạt yêu cầu",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "kebab-case")]
struct View {
    page: PageView,
    header: HeaderView,
    subject: String,
    org: String,
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

#[derive(Debug, Clone, Serialize)]
struct PartView {
    title: String,
    items: Vec<ItemView>,
}

#[derive(Debug, Clone, Serialize)]
struct ItemView {
    title: String,
    assessment: Vec<String>,
    rating: String,
    remedies: Vec<String>,
}

/// Calendar months the period touches (01/01–31/12: 12).
pub fn months(from: NaiveDate, to: NaiveDate) -> u32 {
    let a = from.year() * 12 + from.month0() as i32;
    let b = to.year() * 12 + to.month0() as i32;
    (b - a + 1).max(0) as u32
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
        require(&self.nguoi_ky.ho_ten, "nguoi_ky.ho_ten", out);
        require(&self.nguoi_ky.chuc_vu, "nguoi_ky.chuc_vu", out);
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

    fn prepare(self) -> Result<Prepared, Vec<Problem>> {
        let mut problems = Vec::new();
        self.check(&mut problems);
        if !problems.is_empty() {
            return Err(problems);
        }
        let k = &self.ky_kiem_tra;
        let n = months(k.tu_ngay, k.den_ngay);
        let thematic_required = n.div_ceil(3);
        let s = &self.so_lieu;
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
        let org = &self.to_chuc;
        let header = HeaderView::new(org, &self.van_ban, DocKind::BaoCao);
        let doc_number = format::doc_number(self.van_ban.so, DocKind::BaoCao, &org.ky_hieu);
        let committee = !org.loai.is_branch();
        let mut recipients = Vec::new();
        if let Some(body) = org.approving_body() {
            recipients.push(format!("{body} (để báo cáo)"));
        }
        recipients.extend(self.noi_nhan.iter().cloned());
        let (signer, recipients) =
            super::ky_bao_cao::sign_off(&self.nguoi_ky, &recipients, committee);
        let view = View {
            page: PageView::default(),
            header,
            subject:
                "kết quả tự kiểm tra nghiệp vụ công tác đảng viên và công tác sinh hoạt chi bộ"
                    .into(),
            org: org.ten.clone(),
            from: format::date_inline(k.tu_ngay),
            to: format::date_inline(k.den_ngay),
            members: format::integer(s.so_dang_vien.into()),
            regular: format::integer(s.sinh_hoat_dinh_ky.into()),
            regular_required: format::integer(n.into()),
            regular_met: s.sinh_hoat_dinh_ky >= n,
            thematic: format::integer(s.sinh_hoat_chuyen_de.into()),
            thematic_required: format::integer(thematic_required.into()),
            thematic_met: s.sinh_hoat_chuyen_de >= thematic_required,
            convened: format::integer(s.luot_trieu_tap.into()),
            present: format::integer(s.luot_co_mat.into()),
            attendance: format::ratio_percent(s.luot_co_mat.into(), s.luot_trieu_tap.into()),
            parts,
            summary,
            signer,
            recipients,
        };
        Ok(Prepared {
            view: serde_json::to_value(view).unwrap_or_default(),
            title: format!("Báo cáo số {doc_number}"),
            doc_number,
        })
    }
}
