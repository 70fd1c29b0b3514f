//! The introduction letter for a party transfer (giấy giới thiệu sinh hoạt
//! đảng), official or temporary, with an endorsement block for each level the
//! letter passes through.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::paper;
use super::{Prepared, transfer};
use crate::case::common::{HeaderView, PageView, SignerView, require};
use crate::case::member::{DangVien, MemberView};
use crate::error::Problem;
use crate::rules::calendar;
use crate::rules::format::{self, DocKind};

paper::case! {
    /// Case data of `giay-gioi-thieu-sinh-hoat`.
    #[schemars(title = "Giấy giới thiệu sinh hoạt đảng", description = "")]
    pub struct Case;
    issuer = ("Tổ chức cấp giấy", "Chi bộ, đảng ủy cơ sở hoặc cấp ủy cấp trên");
    number = ("Số và ngày cấp giấy", "");
    own {
        /// Official (12 months or more) or temporary (3 to under 12 months).
        #[schemars(
            title = "Loại chuyển sinh hoạt",
            description = "Chính thức (từ 12 tháng trở lên) hoặc tạm thời (từ 3 đến dưới 12 tháng)"
        )]
        pub loai: LoaiChuyen,
        #[schemars(title = "Đảng viên chuyển sinh hoạt")]
        pub dang_vien: DangVien,
        /// Where the member is active now.
        #[schemars(
            title = "Chuyển từ",
            description = "Nơi đảng viên đang sinh hoạt",
            length(min = 1)
        )]
        pub chuyen_tu: String,
        /// Where the member is introduced to.
        #[schemars(
            title = "Chuyển đến",
            description = "Nơi đảng viên được giới thiệu đến",
            length(min = 1)
        )]
        pub chuyen_den: String,
        /// The body the letter is addressed to.
        #[schemars(
            title = "Kính gửi",
            description = "Cơ quan nhận giấy giới thiệu",
            length(min = 1)
        )]
        pub kinh_gui: String,
        #[schemars(title = "Lý do chuyển", length(min = 1), extend("x-multiline" = true))]
        pub ly_do: String,
        /// Temporary transfers: the period of temporary residence or work.
        #[serde(default)]
        #[schemars(
            title = "Thời gian tạm trú, làm việc",
            description = "Với chuyển sinh hoạt tạm thời"
        )]
        pub thoi_gian: Option<ThoiGian>,
        /// Days within which the letter must be presented (default 30).
        #[serde(default)]
        #[schemars(title = "Số ngày phải trình giấy", description = "Mặc định 30 ngày")]
        pub so_ngay_trinh_dien: Option<u32>,
        /// The bodies the letter passes through, in order; each gets an empty
        /// endorsement block.
        #[serde(default)]
        #[schemars(
            title = "Các cấp xác nhận",
            description = "Các cơ quan giấy đi qua, theo thứ tự; mỗi cơ quan có một ô xác nhận"
        )]
        pub cac_cap_xac_nhan: Vec<String>,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[schemars(title = "Loại chuyển sinh hoạt")]
pub enum LoaiChuyen {
    #[schemars(title = "Chuyển sinh hoạt chính thức")]
    ChinhThuc,
    #[schemars(title = "Chuyển sinh hoạt tạm thời")]
    TamThoi,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Thời gian")]
pub struct ThoiGian {
    #[schemars(title = "Từ ngày")]
    pub tu: NaiveDate,
    #[schemars(title = "Đến ngày")]
    pub den: NaiveDate,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub struct View {
    page: PageView,
    header: HeaderView,
    subject: String,
    kind: String,
    issuer: String,
    member: MemberView,
    from: String,
    to: String,
    recipient: String,
    reason: String,
    period: Option<[String; 2]>,
    days: String,
    deadline: String,
    endorsements: Vec<String>,
    signer: SignerView,
}

impl super::Case for Case {
    const ID: &'static str = "giay-gioi-thieu-sinh-hoat";

    type View = View;

    fn prepare_view(self) -> Result<Prepared<View>, Vec<Problem>> {
        let mut out = Vec::new();
        let date = self.van_ban.ngay;
        self.to_chuc.check("to_chuc", &mut out);
        self.dang_vien.check("dang_vien", date, &mut out);
        self.dang_vien.require_transferable("dang_vien", &mut out);
        for (field, value) in [
            ("chuyen_tu", &self.chuyen_tu),
            ("chuyen_den", &self.chuyen_den),
            ("kinh_gui", &self.kinh_gui),
            ("ly_do", &self.ly_do),
        ] {
            require(value, field, &mut out);
        }
        transfer::check_route(&self.chuyen_tu, &self.chuyen_den, &mut out);
        if !self.to_chuc.loai.level().has_seal() {
            out.push(Problem::new(
                "to_chuc.loai",
                "giấy giới thiệu sinh hoạt đảng phải đóng dấu; chi bộ trực thuộc đảng ủy cơ sở không có con dấu nên giấy do đảng ủy cơ sở cấp",
            ));
        }
        for (k, body) in self.cac_cap_xac_nhan.iter().enumerate() {
            require(body, format!("cac_cap_xac_nhan[{k}]"), &mut out);
        }
        self.nguoi_ky.check("nguoi_ky", &mut out);
        match (self.loai, &self.thoi_gian) {
            (LoaiChuyen::TamThoi, None) => out.push(Problem::new(
                "thoi_gian",
                "chuyển sinh hoạt tạm thời phải ghi thời gian (từ ngày, đến ngày)",
            )),
            (LoaiChuyen::TamThoi, Some(t)) => {
                if let Err(message) = calendar::temporary_transfer_ok(t.tu, t.den) {
                    out.push(Problem::new("thoi_gian", message));
                }
            }
            (LoaiChuyen::ChinhThuc, Some(_)) => out.push(Problem::new(
                "thoi_gian",
                "chuyển sinh hoạt chính thức không có thời hạn: bỏ trường thoi_gian, hoặc chọn loai tam-thoi nếu chỉ tạm trú từ 3 đến dưới 12 tháng",
            )),
            (LoaiChuyen::ChinhThuc, None) => {}
        }
        let days = transfer::presentation_days(self.so_ngay_trinh_dien, &mut out);
        if !out.is_empty() {
            return Err(out);
        }
        let kind = match self.loai {
            LoaiChuyen::ChinhThuc => "chính thức",
            LoaiChuyen::TamThoi => "tạm thời",
        };
        let deadline = calendar::transfer_letter_deadline(date, days);
        let paper = self.paper();
        let view = View {
            page: paper.page(),
            header: paper.header(DocKind::GiayGioiThieu),
            subject: format!("({kind})"),
            kind: kind.into(),
            issuer: paper.organisation().issuer(),
            member: self.dang_vien.view(),
            from: self.chuyen_tu.clone(),
            to: self.chuyen_den.clone(),
            recipient: self.kinh_gui.clone(),
            reason: self.ly_do.clone(),
            period: self
                .thoi_gian
                .as_ref()
                .map(|t| [format::date_inline(t.tu), format::date_inline(t.den)]),
            days: days.to_string(),
            deadline: format::date_inline(deadline),
            endorsements: self.cac_cap_xac_nhan.clone(),
            signer: paper.signer_view(),
        };
        Ok(paper.prepare(
            view,
            "Giấy giới thiệu sinh hoạt đảng",
            DocKind::GiayGioiThieu,
        ))
    }
}
