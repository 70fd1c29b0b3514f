//! The branch meeting every resolution is adopted at, its attendance and the
//! counting committee of its secret ballots — shared by the resolutions and the
//! vote-counting record (one JSON shape for all of them).

use chrono::{NaiveDate, NaiveTime};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::common::require;
use crate::error::Problem;
use crate::rules::format;
use crate::rules::vote::{self, Attendance, Profile};
use crate::vocab::Label;

/// The branch meeting that held the ballot.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Cuộc họp chi bộ", description = "")]
pub struct CuocHop {
    #[schemars(title = "Ngày họp")]
    pub ngay: NaiveDate,
    #[schemars(title = "Địa điểm họp", length(min = 1))]
    pub dia_diem: String,
    #[schemars(
        title = "Chủ trì",
        description = "Họ tên đồng chí chủ trì cuộc họp",
        length(min = 1)
    )]
    pub chu_tri: String,
    #[schemars(
        title = "Thư ký",
        description = "Họ tên đồng chí thư ký cuộc họp",
        length(min = 1)
    )]
    pub thu_ky: String,
    #[schemars(title = "Số lượng đảng viên")]
    pub so_luong: Attendance,
    /// Absent members with reasons; as many as convened minus present.
    #[serde(default)]
    #[schemars(
        title = "Đảng viên vắng mặt",
        description = "Ghi đủ người vắng và lý do: bằng số triệu tập trừ số có mặt"
    )]
    pub vang_mat: Vec<VangMat>,
    /// What only the minutes record (opening and closing time, the
    /// discussion): optional for a resolution, required to print the minutes
    /// of the same meeting from the same case.
    #[serde(default)]
    #[schemars(
        title = "Diễn biến cuộc họp",
        description = "Giờ khai mạc, bế mạc và ý kiến thảo luận; cần có để in biên bản họp chi bộ"
    )]
    pub dien_bien: Option<DienBien>,
}

/// The course of the meeting as its minutes (biên bản họp chi bộ) record it.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Diễn biến cuộc họp", description = "")]
pub struct DienBien {
    #[schemars(title = "Giờ khai mạc", description = "Ví dụ 08:00")]
    pub khai_mac: NaiveTime,
    #[schemars(
        title = "Giờ bế mạc",
        description = "Ví dụ 10:30; sau giờ khai mạc, trong cùng ngày"
    )]
    pub be_mac: NaiveTime,
    /// The discussion in brief: who spoke and the gist of what they said.
    #[serde(default)]
    #[schemars(
        title = "Ý kiến thảo luận",
        description = "Tóm tắt ý kiến phát biểu: mỗi đồng chí một mục"
    )]
    pub thao_luan: Vec<YKien>,
}

/// One contribution to the discussion.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Ý kiến phát biểu", description = "")]
pub struct YKien {
    #[schemars(title = "Họ và tên người phát biểu", length(min = 1))]
    pub ho_ten: String,
    #[schemars(
        title = "Nội dung tóm tắt",
        length(min = 1),
        extend("x-multiline" = true)
    )]
    pub noi_dung: String,
}

impl DienBien {
    fn check(&self, path: &str, out: &mut Vec<Problem>) {
        if self.be_mac <= self.khai_mac {
            out.push(Problem::new(
                format!("{path}.be_mac"),
                "giờ bế mạc phải sau giờ khai mạc (cùng ngày họp)",
            ));
        }
        for (k, y) in self.thao_luan.iter().enumerate() {
            require(&y.ho_ten, format!("{path}.thao_luan[{k}].ho_ten"), out);
            require(&y.noi_dung, format!("{path}.thao_luan[{k}].noi_dung"), out);
        }
    }
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Đảng viên vắng mặt")]
pub struct VangMat {
    #[schemars(title = "Họ và tên", length(min = 1))]
    pub ho_ten: String,
    #[schemars(title = "Lý do vắng mặt", length(min = 1))]
    pub ly_do: String,
}

/// The counting committee (ban kiểm phiếu) the meeting elected.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Ban kiểm phiếu", description = "")]
pub struct BanKiemPhieu {
    /// Members, the head (trưởng ban) first or anywhere; exactly one head.
    #[schemars(
        title = "Thành viên ban kiểm phiếu",
        description = "Có đúng một trưởng ban"
    )]
    #[schemars(length(min = 1))]
    pub thanh_vien: Vec<ThanhVienKiemPhieu>,
    /// Giờ bắt đầu kiểm phiếu ("09:30"): the record opens with it; required
    /// to print the vote-counting record.
    #[schemars(
        title = "Giờ bắt đầu kiểm phiếu",
        description = "Ví dụ 09:30; cần có để in biên bản kiểm phiếu"
    )]
    #[serde(default)]
    pub bat_dau: Option<NaiveTime>,
    /// Giờ kết thúc ("10:05"), after the start, same day: the record closes
    /// with it; required to print the vote-counting record.
    #[schemars(
        title = "Giờ kết thúc kiểm phiếu",
        description = "Ví dụ 10:05; sau giờ bắt đầu, trong cùng ngày"
    )]
    #[serde(default)]
    pub ket_thuc: Option<NaiveTime>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Thành viên ban kiểm phiếu")]
pub struct ThanhVienKiemPhieu {
    #[schemars(title = "Họ và tên", length(min = 1))]
    pub ho_ten: String,
    #[schemars(title = "Vai trò")]
    pub vai_tro: VaiTroKiemPhieu,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[schemars(title = "Vai trò trong ban kiểm phiếu")]
pub enum VaiTroKiemPhieu {
    #[schemars(title = VaiTroKiemPhieu::TruongBan.label())]
    TruongBan,
    #[schemars(title = VaiTroKiemPhieu::ThanhVien.label())]
    ThanhVien,
}

impl Label for VaiTroKiemPhieu {
    fn label(self) -> &'static str {
        match self {
            Self::TruongBan => "Trưởng ban",
            Self::ThanhVien => "Thành viên",
        }
    }
}

impl BanKiemPhieu {
    pub fn check(&self, path: &str, out: &mut Vec<Problem>) {
        if self.thanh_vien.is_empty() {
            out.push(Problem::new(
                format!("{path}.thanh_vien"),
                "ban kiểm phiếu cần ít nhất một thành viên",
            ));
        }
        let heads = self
            .thanh_vien
            .iter()
            .filter(|m| m.vai_tro == VaiTroKiemPhieu::TruongBan)
            .count();
        if !self.thanh_vien.is_empty() && heads != 1 {
            out.push(Problem::new(
                format!("{path}.thanh_vien"),
                format!("ban kiểm phiếu phải có đúng một trưởng ban (đang có {heads})"),
            ));
        }
        for (k, m) in self.thanh_vien.iter().enumerate() {
            require(&m.ho_ten, format!("{path}.thanh_vien[{k}].ho_ten"), out);
        }
        if let (Some(start), Some(end)) = (self.bat_dau, self.ket_thuc)
            && end <= start
        {
            out.push(Problem::new(
                format!("{path}.ket_thuc"),
                "giờ kết thúc kiểm phiếu phải sau giờ bắt đầu (cùng ngày họp)",
            ));
        }
    }

    /// "đồng chí A (trưởng ban)", one per member.
    pub fn members(&self) -> Vec<String> {
        self.thanh_vien
            .iter()
            .map(|m| {
                format!(
                    "đồng chí {} ({})",
                    m.ho_ten,
                    m.vai_tro.label().to_lowercase()
                )
            })
            .collect()
    }

    /// "đồng chí A (trưởng ban), đồng chí B (thành viên)".
    pub fn describe(&self) -> String {
        self.members().join(", ")
    }
}

/// The meeting paragraph's view (see the resolutions' templates).
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub struct MeetingView {
    pub date: String,
    pub place: String,
    pub chair: String,
    pub secretary: String,
    pub full: String,
    pub probationary: String,
    pub exempted: String,
    pub convened: String,
    pub present: String,
    pub absent: String,
    pub absentees: Vec<String>,
    /// The counting committee, described, when one was elected.
    pub counting: Option<String>,
}

impl CuocHop {
    pub fn view(&self, counting: Option<&BanKiemPhieu>) -> MeetingView {
        let a = &self.so_luong;
        MeetingView {
            date: format::date_inline(self.ngay),
            place: self.dia_diem.clone(),
            chair: self.chu_tri.clone(),
            secretary: self.thu_ky.clone(),
            full: format::integer(a.full_members.into()),
            probationary: format::integer(a.probationary.into()),
            exempted: format::integer(a.exempted.into()),
            convened: format::integer(a.convened.into()),
            present: format::integer(a.present.into()),
            absent: format::integer(a.convened.saturating_sub(a.present).into()),
            absentees: self
                .vang_mat
                .iter()
                .map(|v| format!("đồng chí {}: {}", v.ho_ten, v.ly_do))
                .collect(),
            counting: counting.map(BanKiemPhieu::describe),
        }
    }

    /// Required strings, attendance against the profile, the absentee list.
    /// Fields are reported under `path` ("cuoc_hop").
    pub fn check(&self, profile: Profile, path: &str, out: &mut Vec<Problem>) {
        for (field, value) in [
            ("dia_diem", &self.dia_diem),
            ("chu_tri", &self.chu_tri),
            ("thu_ky", &self.thu_ky),
        ] {
            require(value, format!("{path}.{field}"), out);
        }
        for (k, v) in self.vang_mat.iter().enumerate() {
            require(&v.ho_ten, format!("{path}.vang_mat[{k}].ho_ten"), out);
            require(&v.ly_do, format!("{path}.vang_mat[{k}].ly_do"), out);
        }
        if let Some(d) = &self.dien_bien {
            d.check(&format!("{path}.dien_bien"), out);
        }
        let a = &self.so_luong;
        let before = out.len();
        for p in vote::check_attendance(profile, a) {
            out.push(Problem::new(
                format!("{path}.so_luong.{}", p.field),
                p.message,
            ));
        }
        if out.len() == before {
            let absent = a.convened - a.present;
            if !self.vang_mat.is_empty() && self.vang_mat.len() as u32 != absent {
                out.push(Problem::new(
                    format!("{path}.vang_mat"),
                    format!(
                        "có {} người trong danh sách vắng mặt nhưng số vắng mặt là {absent} (triệu tập − có mặt)",
                        self.vang_mat.len()
                    ),
                ));
            }
        }
    }
}
