//! The transfer notice (phiếu báo đảng viên chuyển sinh hoạt đảng chính
//! thức): written by the higher committee that registers the transfer, in two
//! parts on one page — the stub it keeps and the notice it sends to the
//! receiving committee — separated by a cut line.

use schemars::JsonSchema;
use serde::Serialize;

use super::paper;
use super::{Prepared, transfer};
use crate::case::common::{HeaderView, Margins, PageView, SignerView, require};
use crate::case::member::{DangVien, MemberView};
use crate::error::Problem;
use crate::rules::calendar;
use crate::rules::format::{self, DocKind};

paper::case! {
    /// Case data of `phieu-bao-chuyen-sinh-hoat`.
    #[schemars(title = "Phiếu báo chuyển sinh hoạt đảng", description = "")]
    pub struct Case;
    issuer = (
        "Cấp ủy gửi phiếu",
        "Cấp ủy cấp trên trực tiếp của tổ chức cơ sở, ví dụ: Đảng ủy phường Vân Lam"
    );
    number = ("Số và ngày phiếu", "Số trong sổ chuyển sinh hoạt và ngày cấp");
    own {
        #[schemars(title = "Đảng viên chuyển sinh hoạt")]
        pub dang_vien: DangVien,
        /// The introduction letter the member carries.
        #[schemars(
            title = "Giấy giới thiệu",
            description = "Giấy giới thiệu đảng viên mang theo"
        )]
        pub giay_gioi_thieu: GiayGioiThieu,
        /// The body the member leaves, e.g. "Chi bộ Tổ dân phố số 5, Đảng bộ phường Vân Lam".
        #[schemars(
            title = "Chuyển từ",
            description = "Ví dụ: Chi bộ Tổ dân phố số 5, Đảng bộ phường Vân Lam",
            length(min = 1)
        )]
        pub chuyen_tu: String,
        /// The body the member moves to.
        #[schemars(title = "Chuyển đến", description = "", length(min = 1))]
        pub chuyen_den: String,
        /// The receiving committee the notice is sent to.
        #[schemars(
            title = "Kính gửi",
            description = "Cấp ủy nhận phiếu báo",
            length(min = 1)
        )]
        pub kinh_gui: String,
        /// Days within which the letter must be presented (default 30).
        #[serde(default)]
        #[schemars(title = "Số ngày phải trình giấy", description = "Mặc định 30 ngày")]
        pub so_ngay_trinh_dien: Option<u32>,
    }
}

paper::cited! {
    /// The introduction letter's number and date.
    pub struct GiayGioiThieu = "Giấy giới thiệu";
    number = ("Số giấy giới thiệu", "Như in trên giấy, ví dụ: 25-GGT/ĐU");
    date = "Ngày cấp";
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub struct View {
    page: PageView,
    header: HeaderView,
    issuer: String,
    number: String,
    date: String,
    member: MemberView,
    letter_number: String,
    letter_date: String,
    from: String,
    to: String,
    recipient: String,
    days: String,
    deadline: String,
    signer: SignerView,
}

impl super::Case for Case {
    const ID: &'static str = "phieu-bao-chuyen-sinh-hoat";

    type View = View;

    fn prepare_view(self) -> Result<Prepared<View>, Vec<Problem>> {
        let mut out = Vec::new();
        let date = self.van_ban.ngay;
        self.to_chuc.check("to_chuc", &mut out);
        if self.to_chuc.loai.is_branch() {
            out.push(Problem::new(
                "to_chuc.loai",
                "phiếu báo chuyển sinh hoạt đảng do cấp ủy cấp trên trực tiếp của tổ chức cơ sở đảng lập (dang-uy-co-so hoặc dang-uy-cap-tren), không do chi bộ lập",
            ));
        }
        self.dang_vien.check("dang_vien", date, &mut out);
        self.dang_vien.require_transferable("dang_vien", &mut out);
        if self.dang_vien.so_ho_so.is_none() {
            out.push(Problem::new(
                "dang_vien.so_ho_so",
                "phiếu báo phải ghi số hồ sơ đảng viên",
            ));
        }
        require(&self.giay_gioi_thieu.so, "giay_gioi_thieu.so", &mut out);
        if self.giay_gioi_thieu.ngay > date {
            out.push(Problem::new(
                "giay_gioi_thieu.ngay",
                "giấy giới thiệu không được ghi ngày sau ngày lập phiếu báo",
            ));
        }
        require(&self.chuyen_tu, "chuyen_tu", &mut out);
        require(&self.chuyen_den, "chuyen_den", &mut out);
        require(&self.kinh_gui, "kinh_gui", &mut out);
        transfer::check_route(&self.chuyen_tu, &self.chuyen_den, &mut out);
        self.nguoi_ky.check("nguoi_ky", &mut out);
        let days = transfer::presentation_days(self.so_ngay_trinh_dien, &mut out);
        if !out.is_empty() {
            return Err(out);
        }
        let deadline = calendar::transfer_letter_deadline(date, days);
        let paper = self.paper();
        let number = paper.doc_number(DocKind::PhieuBao);
        let view = View {
            page: PageView {
                margins: Margins {
                    top: 20,
                    bottom: 20,
                    left: 30,
                    right: 15,
                },
                number_from: 2,
            },
            header: paper.header(DocKind::PhieuBao),
            issuer: paper.organisation().issuer(),
            number: number.clone(),
            date: format::date_inline(date),
            member: self.dang_vien.view(),
            letter_number: self.giay_gioi_thieu.so.clone(),
            letter_date: format::date_inline(self.giay_gioi_thieu.ngay),
            from: self.chuyen_tu.clone(),
            to: self.chuyen_den.clone(),
            recipient: self.kinh_gui.clone(),
            days: days.to_string(),
            deadline: format::date_inline(deadline),
            // Signed for the body its reports are signed for (the ward: its
            // Ban Thường vụ), under that committee's seal.
            signer: paper.signer_view(),
        };
        Ok(paper.prepare(view, "Phiếu báo chuyển sinh hoạt đảng", DocKind::PhieuBao))
    }
}
