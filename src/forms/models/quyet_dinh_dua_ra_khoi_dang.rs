//! Step 4 of the screening (seed 001 Bước 4; seed 000 III.4): on the proposal
//! of the branch (or grassroots committee) and the inspection commission's
//! verification report, the Ban Thường vụ of the committee directly above
//! the grassroots organisations "xem xét, quyết định xóa tên hoặc kỷ luật
//! đảng viên bằng hình thức khai trừ"; a member "chưa đến mức phải xóa tên
//! hoặc kỷ luật bằng hình thức khai trừ" is helped on "và sẽ xem xét lại sau
//! 12 tháng".
//!
//! One form, one closed outcome (`ket_luan`): the three outcomes are
//! answers to one question asked from the same case (the member, the
//! proposal, the verification report), and the outcome decides the paper —
//! a decision (QĐ) to strike off or expel, a notice (TB) that help continues
//! with the review date computed here — so a clerk cannot print a decision
//! for a conclusion that calls for a notice, and "Lập tiếp" from the
//! verification report lands on one form whatever it concluded.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Prepared, checked};
use crate::case::common::{
    HeaderView, LoaiToChuc, NguoiKy, PageView, SignerView, ToChuc, VanBan, recipient_lines,
    require,
};
use crate::error::Problem;
use crate::rules::calendar;
use crate::rules::format::{self, DocKind};
use crate::rules::organisation::{Level, Organisation};
use crate::rules::regulations::{Matter, Regulations};
use crate::rules::vote::Profile;

/// Case data of `quyet-dinh-dua-ra-khoi-dang`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "Quyết định xóa tên, khai trừ đảng viên hoặc thông báo tiếp tục giúp đỡ",
    description = "Ban Thường vụ quyết định sau báo cáo thẩm tra, xác minh của Ủy ban Kiểm tra (bước 4)"
)]
pub struct Case {
    #[schemars(title = "Quy định áp dụng", description = "")]
    pub quy_dinh: Profile,
    #[schemars(
        title = "Đảng ủy ban hành",
        description = "Đảng ủy cấp trên trực tiếp của tổ chức cơ sở đảng (đảng ủy phường, xã), ký thay mặt Ban Thường vụ"
    )]
    pub to_chuc: ToChuc,
    #[schemars(
        title = "Số và ngày văn bản",
        description = "Số trong sổ quyết định (xóa tên, khai trừ) hoặc sổ thông báo (tiếp tục giúp đỡ)"
    )]
    pub van_ban: VanBan,
    #[schemars(title = "Đảng viên được xem xét")]
    pub dang_vien: DangVien,
    /// The proposal: the branch's (or grassroots committee's) resolution.
    #[schemars(
        title = "Đề nghị của tổ chức đảng",
        description = "Nghị quyết của chi bộ cơ sở hoặc đảng ủy cơ sở đề nghị đưa đảng viên ra khỏi Đảng"
    )]
    pub de_nghi: VanBanDeNghi,
    /// The inspection commission's verification and conclusion report.
    #[schemars(
        title = "Báo cáo thẩm tra, xác minh của Ủy ban Kiểm tra",
        description = "Báo cáo kết quả thẩm tra, xác minh, kết luận về vi phạm của đảng viên"
    )]
    pub bao_cao_tham_tra: SoVanBan,
    #[schemars(title = "Kết luận của Ban Thường vụ")]
    pub ket_luan: KetLuan,
    /// The violation as verified: the reason printed in the decision.
    #[serde(default)]
    #[schemars(
        title = "Vi phạm đã được kết luận",
        description = "Lý do ghi trong quyết định; bắt buộc khi xóa tên hoặc khai trừ",
        extend("x-multiline" = true)
    )]
    pub vi_pham: Option<String>,
    #[schemars(title = "Người ký")]
    pub nguoi_ky: NguoiKy,
    #[serde(default)]
    #[schemars(
        title = "Nơi nhận khác",
        description = "Cấp trên, Ủy ban Kiểm tra, tổ chức đảng đề nghị, đảng viên và bản lưu do dangvu tự thêm"
    )]
    pub noi_nhan: Vec<String>,
}

/// The member, with the fields of the branch's removal papers.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Đảng viên được xem xét", description = "")]
pub struct DangVien {
    #[schemars(title = "Họ và tên", length(min = 1))]
    pub ho_ten: String,
    #[schemars(title = "Ngày sinh")]
    pub ngay_sinh: NaiveDate,
    #[schemars(title = "Ngày vào Đảng")]
    pub ngay_vao_dang: NaiveDate,
    /// Date made a full member; omitted for a probationary member.
    #[serde(default)]
    #[schemars(
        title = "Ngày chính thức",
        description = "Bỏ trống nếu là đảng viên dự bị"
    )]
    pub ngay_chinh_thuc: Option<NaiveDate>,
    #[serde(default)]
    #[schemars(
        title = "Chức vụ, đơn vị",
        description = "In sau họ tên (có thể bỏ trống)"
    )]
    pub chuc_vu: Option<String>,
}

/// The proposing organisation and its resolution.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Đề nghị của tổ chức đảng", description = "")]
pub struct VanBanDeNghi {
    #[schemars(
        title = "Tổ chức đảng đề nghị",
        description = "Ví dụ: Chi bộ Tổ dân phố số 5",
        length(min = 1)
    )]
    pub ten_to_chuc: String,
    #[schemars(title = "Số nghị quyết", range(min = 1))]
    pub so: u32,
    #[schemars(
        title = "Ký hiệu tổ chức trong số nghị quyết",
        description = "Ví dụ: CB (số 12-NQ/CB)",
        length(min = 1)
    )]
    pub ky_hieu: String,
    #[schemars(title = "Ngày nghị quyết")]
    pub ngay: NaiveDate,
}

/// A report by number and date.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Số và ngày báo cáo", description = "")]
pub struct SoVanBan {
    #[schemars(title = "Số báo cáo", range(min = 1))]
    pub so: u32,
    #[schemars(
        title = "Ký hiệu trong số báo cáo",
        description = "Ví dụ: UBKT (số 05-BC/UBKT)",
        length(min = 1)
    )]
    pub ky_hieu: String,
    #[schemars(title = "Ngày báo cáo")]
    pub ngay: NaiveDate,
}

/// What the Ban Thường vụ concluded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[schemars(title = "Kết luận của Ban Thường vụ")]
pub enum KetLuan {
    /// Struck from the roll: a decision.
    #[schemars(
        title = "Xóa tên trong danh sách đảng viên",
        description = "In quyết định xóa tên"
    )]
    XoaTen,
    /// Expelled as a disciplinary measure (full members only): a decision.
    #[schemars(
        title = "Kỷ luật bằng hình thức khai trừ",
        description = "In quyết định khai trừ; chỉ với đảng viên chính thức"
    )]
    KhaiTru,
    /// Not warranted: help continues, reviewed again after 12 months; a notice.
    #[schemars(
        title = "Chưa đến mức xóa tên, khai trừ: tiếp tục giúp đỡ",
        description = "In thông báo; xem xét lại sau 12 tháng"
    )]
    TiepTucGiupDo,
}

/// The view: the shared header and signature, and either the decision's or
/// the notice's own part.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub struct View {
    page: PageView,
    header: HeaderView,
    title: String,
    subject: String,
    decision: Option<DecisionPart>,
    notice: Option<NoticePart>,
    signer: SignerView,
    recipients: Vec<String>,
}

/// A decision: "Căn cứ …", "Xét …", the deciding body, the articles.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub struct DecisionPart {
    /// "BAN THƯỜNG VỤ ĐẢNG ỦY PHƯỜNG VÂN LAM".
    body: String,
    legal_bases: Vec<String>,
    considering: Vec<String>,
    articles: Vec<String>,
}

/// A notice: its paragraphs, the review date among them.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub struct NoticePart {
    considering: String,
    conclusion: String,
    request: String,
    /// The day the member is reviewed again (12 months after the notice).
    review_on: String,
}

/// The bodies and references the paper names, derived once.
struct Named {
    /// "Ban Thường vụ Đảng ủy phường Vân Lam".
    standing: String,
    /// "Ủy ban Kiểm tra Đảng ủy phường Vân Lam".
    verifier: String,
    /// "Nghị quyết số 12-NQ/CB ngày 09/02/2027".
    proposal: String,
    /// "Báo cáo số 05-BC/UBKT ngày 10/3/2027 của Ủy ban Kiểm tra …".
    report: String,
    /// "đồng chí X, sinh ngày …, vào Đảng ngày …, đảng viên chính thức,
    /// sinh hoạt tại Chi bộ …".
    member: String,
}

impl super::Case for Case {
    const ID: &'static str = "quyet-dinh-dua-ra-khoi-dang";
    type View = View;

    fn prepare_view(self) -> Result<Prepared<View>, Vec<Problem>> {
        checked(|out| self.check(out))?;
        let named = self.named();
        let org = &self.to_chuc;
        let o = org.organisation();
        let kind = match self.ket_luan {
            KetLuan::TiepTucGiupDo => DocKind::ThongBao,
            KetLuan::XoaTen | KetLuan::KhaiTru => DocKind::QuyetDinh,
        };
        let name = self.dang_vien.ho_ten.trim();
        let (title, subject, decision, notice) = match self.ket_luan {
            KetLuan::TiepTucGiupDo => (
                "THÔNG BÁO",
                format!("kết luận của {} về trường hợp đảng viên {name}", named.standing),
                None,
                Some(self.notice(&named)),
            ),
            KetLuan::XoaTen => (
                "QUYẾT ĐỊNH",
                "về việc xóa tên đảng viên trong danh sách đảng viên".to_owned(),
                Some(self.decision(&named)),
                None,
            ),
            KetLuan::KhaiTru => (
                "QUYẾT ĐỊNH",
                "về việc thi hành kỷ luật đảng viên bằng hình thức khai trừ".to_owned(),
                Some(self.decision(&named)),
                None,
            ),
        };
        let mut recipients: Vec<String> = o
            .reports_to()
            .map(|b| format!("{b} (để báo cáo)"))
            .into_iter()
            .collect();
        recipients.push(named.verifier.clone());
        recipients.push(self.de_nghi.ten_to_chuc.trim().to_owned());
        recipients.push(format!("Đồng chí {name}"));
        recipients.extend(self.noi_nhan.iter().cloned());
        let number = format::doc_number(self.van_ban.so, kind, &org.ky_hieu);
        let view = View {
            page: PageView::for_org(org),
            header: HeaderView::new(org, &self.van_ban, kind),
            title: title.into(),
            subject,
            decision,
            notice,
            signer: SignerView::new(&self.nguoi_ky, o.level.authority()),
            recipients: recipient_lines(&recipients, o.level.file_copy()),
        };
        Ok(Prepared {
            view,
            title: format!("{} số {number}", kind.name_vi()),
            doc_number: number,
            date: self.van_ban.ngay,
        })
    }
}

impl Case {
    /// The proposing organisation as the organisation model places it: a
    /// grassroots organisation under this committee, whose verifier and
    /// decider (step 4) are this committee's commission and Ban Thường vụ.
    fn proposer(&self) -> Organisation {
        Organisation {
            level: Level::GrassrootsBranch,
            name: self.de_nghi.ten_to_chuc.trim().to_owned(),
            higher_committee: Some(self.to_chuc.organisation().issuer()),
        }
    }

    fn named(&self) -> Named {
        let bodies = self.proposer().branch_bodies(self.quy_dinh);
        let d = &self.de_nghi;
        let r = &self.bao_cao_tham_tra;
        let m = &self.dang_vien;
        let status = match m.ngay_chinh_thuc {
            Some(_) => "đảng viên chính thức",
            None => "đảng viên dự bị",
        };
        Named {
            proposal: format!(
                "Nghị quyết số {} ngày {}",
                format::doc_number(d.so, DocKind::NghiQuyet, &d.ky_hieu),
                format::date_inline(d.ngay),
            ),
            report: format!(
                "Báo cáo số {} ngày {} của {}",
                format::doc_number(r.so, DocKind::BaoCao, &r.ky_hieu),
                format::date_inline(r.ngay),
                bodies.verifier
            ),
            member: format!(
                "đồng chí {}, sinh ngày {}{}, vào Đảng ngày {}, {status}, sinh hoạt tại {}",
                m.ho_ten.trim(),
                format::date_inline(m.ngay_sinh),
                m.chuc_vu
                    .as_deref()
                    .map(|p| format!(", {}", p.trim()))
                    .unwrap_or_default(),
                format::date_inline(m.ngay_vao_dang),
                d.ten_to_chuc.trim()
            ),
            standing: bodies.decider,
            verifier: bodies.verifier,
        }
    }

    fn decision(&self, named: &Named) -> DecisionPart {
        let name = self.dang_vien.ho_ten.trim();
        let reason = self.vi_pham.as_deref().unwrap_or_default().trim();
        let branch = self.de_nghi.ten_to_chuc.trim();
        let first = match self.ket_luan {
            KetLuan::KhaiTru => format!(
                "Thi hành kỷ luật bằng hình thức khai trừ ra khỏi Đảng đối với {}. Lý do: {reason}.",
                named.member
            ),
            _ => format!(
                "Xóa tên {}, trong danh sách đảng viên. Lý do: {reason}.",
                named.member
            ),
        };
        let issuer = self.to_chuc.organisation().issuer();
        DecisionPart {
            body: format::upper(&named.standing),
            legal_bases: Regulations::shipped().bases_of_all(
                self.quy_dinh,
                &[Matter::Removal, Matter::Screening],
                self.van_ban.ngay,
            ),
            considering: vec![
                format!("Xét đề nghị của {branch} tại {}", named.proposal),
                format!(
                    "Xét {} về kết quả thẩm tra, xác minh, kết luận về vi phạm của đồng chí {name}",
                    named.report
                ),
            ],
            articles: vec![
                first,
                format!(
                    "{branch} thông báo Quyết định này đến đồng chí {name}, thu hồi thẻ đảng viên (đối với đảng viên chính thức) và nộp cùng hồ sơ đảng viên về Văn phòng {issuer} để quản lý theo quy định."
                ),
                format!(
                    "Quyết định có hiệu lực từ ngày ký. Văn phòng {issuer}, {}, {branch} và đồng chí {name} chịu trách nhiệm thi hành Quyết định này.",
                    named.verifier
                ),
            ],
        }
    }

    fn notice(&self, named: &Named) -> NoticePart {
        let name = self.dang_vien.ho_ten.trim();
        let branch = self.de_nghi.ten_to_chuc.trim();
        let review = calendar::review_again_on(self.van_ban.ngay);
        let found = self
            .vi_pham
            .as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(|v| format!(" Những vi phạm, khuyết điểm đã được xác minh: {v}."))
            .unwrap_or_default();
        NoticePart {
            considering: format!(
                "Xét đề nghị của {branch} tại {} và {} về kết quả thẩm tra, xác minh, kết luận về vi phạm của {}, {} đã xem xét trường hợp của đồng chí {name}.",
                named.proposal, named.report, named.member, named.standing
            ),
            conclusion: format!(
                "{} kết luận: đồng chí {name} chưa đến mức phải xóa tên hoặc kỷ luật bằng hình thức khai trừ.{found}",
                named.standing
            ),
            request: format!(
                "Đề nghị {branch} tiếp tục giáo dục, giúp đỡ đồng chí {name} và sẽ xem xét lại sau {} tháng, vào ngày {}; báo cáo kết quả về {}.",
                calendar::HELP_PERIOD_MONTHS,
                format::date_inline(review),
                named.standing
            ),
            review_on: format::date_inline(review),
        }
    }

    fn check(&self, out: &mut Vec<Problem>) {
        let day = self.van_ban.ngay;
        self.to_chuc.check("to_chuc", out);
        if self.to_chuc.loai != LoaiToChuc::DangUyCapTren {
            out.push(Problem::new(
                "to_chuc.loai",
                "quyết định xóa tên, khai trừ do Ban Thường vụ đảng ủy cấp trên trực tiếp của tổ chức cơ sở đảng ban hành: chọn dang-uy-cap-tren",
            ));
        }
        if let Some(message) = Regulations::shipped().profile_problem(self.quy_dinh, day) {
            out.push(Problem::new("quy_dinh", message));
        }
        require(&self.nguoi_ky.ho_ten, "nguoi_ky.ho_ten", out);
        require(&self.nguoi_ky.chuc_vu, "nguoi_ky.chuc_vu", out);
        self.check_member(out);
        let d = &self.de_nghi;
        require(&d.ten_to_chuc, "de_nghi.ten_to_chuc", out);
        require(&d.ky_hieu, "de_nghi.ky_hieu", out);
        require(&self.bao_cao_tham_tra.ky_hieu, "bao_cao_tham_tra.ky_hieu", out);
        if d.ngay > self.bao_cao_tham_tra.ngay {
            out.push(Problem::new(
                "bao_cao_tham_tra.ngay",
                format!(
                    "Ủy ban Kiểm tra thẩm tra sau khi có đề nghị: ngày báo cáo phải từ ngày nghị quyết đề nghị ({}) trở đi",
                    format::date_inline(d.ngay)
                ),
            ));
        }
        if self.bao_cao_tham_tra.ngay > day {
            out.push(Problem::new(
                "bao_cao_tham_tra.ngay",
                "Ban Thường vụ quyết định căn cứ kết luận thẩm tra: ngày báo cáo thẩm tra không được sau ngày văn bản",
            ));
        }
        let reason_given = self
            .vi_pham
            .as_deref()
            .is_some_and(|v| !v.trim().is_empty());
        if self.ket_luan != KetLuan::TiepTucGiupDo && !reason_given {
            out.push(Problem::new(
                "vi_pham",
                "cần ghi vi phạm đã được kết luận: đây là lý do ghi trong quyết định",
            ));
        }
        if self.ket_luan == KetLuan::KhaiTru && self.dang_vien.ngay_chinh_thuc.is_none() {
            out.push(Problem::new(
                "ket_luan",
                "đảng viên dự bị không bị kỷ luật khai trừ: vi phạm đến mức phải đưa ra khỏi Đảng thì xóa tên trong danh sách đảng viên",
            ));
        }
    }

    fn check_member(&self, out: &mut Vec<Problem>) {
        let m = &self.dang_vien;
        let day = self.van_ban.ngay;
        require(&m.ho_ten, "dang_vien.ho_ten", out);
        if m.ngay_sinh >= m.ngay_vao_dang {
            out.push(Problem::new(
                "dang_vien.ngay_vao_dang",
                "ngày vào Đảng phải sau ngày sinh",
            ));
        }
        if m.ngay_vao_dang > self.de_nghi.ngay.min(day) {
            out.push(Problem::new(
                "dang_vien.ngay_vao_dang",
                "ngày vào Đảng phải trước ngày nghị quyết đề nghị",
            ));
        }
        if let Some(c) = m.ngay_chinh_thuc
            && (c < m.ngay_vao_dang || c > day)
        {
            out.push(Problem::new(
                "dang_vien.ngay_chinh_thuc",
                "ngày chính thức phải sau ngày vào Đảng và không sau ngày văn bản",
            ));
        }
    }
}
