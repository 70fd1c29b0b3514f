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

use super::list::require_some;
use super::member_list::check_listed_once;
use super::paper::{self, IssuedBy};
use super::removal::resolution_line;
use super::{Prepared, checked};
use crate::case::common::{HeaderView, LoaiToChuc, PageView, SignerView, require};
use crate::case::member;
use crate::error::Problem;
use crate::rules::calendar;
use crate::rules::format::{self, DocKind};
use crate::rules::organisation::{Level, Organisation};
use crate::rules::regulations::{Matter, Regulations};

paper::case! {
    /// Case data of `quyet-dinh-dua-ra-khoi-dang`.
    #[schemars(
        title = "Quyết định xóa tên, khai trừ đảng viên hoặc thông báo tiếp tục giúp đỡ",
        description = "Ban Thường vụ quyết định sau báo cáo thẩm tra, xác minh của Ủy ban Kiểm tra (bước 4)"
    )]
    pub struct Case;
    rule_profile = "";
    issuer = (
        "Đảng ủy ban hành",
        "Đảng ủy cấp trên trực tiếp của tổ chức cơ sở đảng (đảng ủy phường, xã), ký thay mặt Ban Thường vụ"
    );
    number = (
        "Số và ngày văn bản",
        "Số trong sổ quyết định (xóa tên, khai trừ) hoặc sổ thông báo (tiếp tục giúp đỡ)"
    );
    own {
        /// The inspection commission's verification and conclusion report.
        #[schemars(
            title = "Báo cáo thẩm tra, xác minh của Ủy ban Kiểm tra",
            description = "Báo cáo kết quả thẩm tra, xác minh, kết luận về vi phạm của đảng viên"
        )]
        pub bao_cao_tham_tra: SoVanBan,
        #[schemars(title = "Kết luận của Ban Thường vụ")]
        pub ket_luan: KetLuan,
        /// The members the conclusion concerns (the verification report's rows).
        #[schemars(
            title = "Đảng viên",
            description = "Các đồng chí cùng một kết luận; kết luận khác thì lập văn bản riêng"
        )]
        #[schemars(length(min = 1))]
        pub dang_vien: Vec<DangVien>,
    }
    other_recipients = "Cấp trên, Ủy ban Kiểm tra, chi bộ, đảng viên và bản lưu do dangvu tự thêm";
}

member::row! {
    /// A member, with the field names of the verification report's rows.
    #[schemars(title = "Đảng viên được xem xét", description = "")]
    pub struct DangVien {
        [name]
        [admitted "Bỏ trống nếu là đảng viên dự bị"]
        [post]
        [branch "Chi bộ đảng viên sinh hoạt, đã đề nghị; ví dụ: Chi bộ Tổ dân phố số 5"]
        /// What the inspection commission proposed, carried from its report.
        #[serde(default)]
        #[schemars(
            title = "Ủy ban Kiểm tra đề xuất",
            description = "Theo báo cáo thẩm tra; phải trùng kết luận của văn bản này"
        )]
        pub de_xuat: Option<KetLuan>,
        /// The violation as verified: the reason printed in the decision.
        #[serde(default)]
        #[schemars(
            title = "Vi phạm đã được kết luận",
            description = "Lý do ghi trong quyết định; bắt buộc khi xóa tên hoặc khai trừ",
            extend("x-multiline" = true)
        )]
        pub vi_pham: Option<String>,
    }
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
        description = "Ví dụ: UBKT (số 04-BC/UBKT)",
        length(min = 1)
    )]
    pub ky_hieu: String,
    #[schemars(title = "Ngày báo cáo")]
    pub ngay: NaiveDate,
}

/// What the Ban Thường vụ concluded (and what the commission proposed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[schemars(
    title = "Kết luận của Ban Thường vụ",
    description = "Quyết định loại văn bản: quyết định (xóa tên, khai trừ) hoặc thông báo (tiếp tục giúp đỡ)"
)]
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

impl KetLuan {
    fn words(self) -> &'static str {
        match self {
            KetLuan::XoaTen => "xóa tên",
            KetLuan::KhaiTru => "khai trừ",
            KetLuan::TiepTucGiupDo => "tiếp tục giúp đỡ",
        }
    }
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
    articles: Vec<ArticleView>,
}

/// An article and the numbered members under it (several members only).
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub struct ArticleView {
    text: String,
    items: Vec<String>,
}

/// A notice: its paragraphs, the review date among them.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub struct NoticePart {
    considering: String,
    conclusion: String,
    items: Vec<String>,
    request: String,
    /// The day the members are reviewed again (12 months after the notice).
    review_on: String,
}

/// The bodies and phrases the paper names, derived once.
struct Named {
    /// "Ban Thường vụ Đảng ủy phường Vân Lam".
    standing: String,
    /// "Ủy ban Kiểm tra Đảng ủy phường Vân Lam".
    verifier: String,
    /// "Báo cáo số 04-BC/UBKT ngày 12/03/2027 của Ủy ban Kiểm tra …".
    report: String,
    /// "Đảng ủy phường Vân Lam".
    issuer: String,
    /// The proposing branches, each once: "Chi bộ Tổ dân phố số 5".
    branches: String,
    /// "Xét đề nghị của Chi bộ … tại Nghị quyết số 12-NQ/CB ngày 09/02/2027",
    /// one per distinct proposal.
    proposals: Vec<String>,
    /// "đồng chí Đinh Quang Huy", or "các đồng chí có tên tại Điều 1".
    whom: String,
}

impl super::Case for Case {
    const ID: &'static str = "quyet-dinh-dua-ra-khoi-dang";
    type View = View;

    fn prepare_view(self) -> Result<Prepared<View>, Vec<Problem>> {
        checked(|out| self.check(out))?;
        let named = self.named();
        let org = &self.to_chuc;
        let o = org.organisation();
        let (kind, title, subject) = match self.ket_luan {
            KetLuan::TiepTucGiupDo => (
                DocKind::ThongBao,
                "THÔNG BÁO",
                "về việc tiếp tục giáo dục, giúp đỡ đảng viên",
            ),
            KetLuan::XoaTen => (
                DocKind::QuyetDinh,
                "QUYẾT ĐỊNH",
                "về việc xóa tên đảng viên trong danh sách đảng viên",
            ),
            KetLuan::KhaiTru => (
                DocKind::QuyetDinh,
                "QUYẾT ĐỊNH",
                "về việc thi hành kỷ luật đảng viên bằng hình thức khai trừ",
            ),
        };
        let (decision, notice) = match self.ket_luan {
            KetLuan::TiepTucGiupDo => (None, Some(self.notice(&named))),
            _ => (Some(self.decision(&named)), None),
        };
        let mut recipients: Vec<String> = o
            .reports_to()
            .map(|b| format!("{b} (để báo cáo)"))
            .into_iter()
            .collect();
        recipients.push(named.verifier.clone());
        recipients.extend(self.branches());
        recipients.push(match self.dang_vien.as_slice() {
            [m] => format!("Đồng chí {}", m.ho_ten.trim()),
            _ => format!("Các đồng chí có tên tại {}", kind.name_vi()),
        });
        let paper = self.paper();
        let (signer, recipients) = paper.sign_off(recipients);
        let view = View {
            page: paper.page(),
            header: paper.header(kind),
            title: title.into(),
            subject: subject.into(),
            decision,
            notice,
            signer,
            recipients,
        };
        Ok(paper.prepare(view, kind.name_vi(), kind))
    }
}

/// "đồng chí X, sinh ngày …, <chức vụ>, vào Đảng ngày …, đảng viên chính
/// thức, sinh hoạt tại Chi bộ …".
fn member_line(m: &DangVien) -> String {
    let status = match m.ngay_chinh_thuc {
        Some(_) => "đảng viên chính thức",
        None => "đảng viên dự bị",
    };
    format!(
        "đồng chí {}, sinh ngày {}{}, vào Đảng ngày {}, {status}, sinh hoạt tại {}",
        m.ho_ten.trim(),
        format::date_inline(m.ngay_sinh),
        m.chuc_vu
            .as_deref()
            .map(|p| format!(", {}", p.trim()))
            .unwrap_or_default(),
        format::date_inline(m.ngay_vao_dang),
        m.chi_bo.trim()
    )
}

/// "Lý do: …." of a member, or nothing.
fn reason(m: &DangVien) -> String {
    m.vi_pham
        .as_deref()
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(|v| format!(" Lý do: {}.", v.trim_end_matches('.')))
        .unwrap_or_default()
}

impl Case {
    /// The proposing branches, each once, in the order of the members.
    fn branches(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for m in &self.dang_vien {
            let b = m.chi_bo.trim().to_owned();
            if !out.contains(&b) {
                out.push(b);
            }
        }
        out
    }

    fn named(&self) -> Named {
        let issuer = self.to_chuc.organisation().issuer();
        // A proposing branch as the organisation model places it: a
        // grassroots organisation under this committee, whose verifier and
        // decider (step 4) are this committee's commission and Ban Thường vụ.
        let proposer = Organisation {
            level: Level::GrassrootsBranch,
            name: self.branches().join(", "),
            higher_committee: Some(issuer.clone()),
        };
        let bodies = proposer.branch_bodies(self.quy_dinh);
        let r = &self.bao_cao_tham_tra;
        let mut proposals: Vec<String> = Vec::new();
        for m in &self.dang_vien {
            let p = format!(
                "Xét đề nghị của {} tại {}",
                m.chi_bo.trim(),
                resolution_line(m.nghi_quyet)
            );
            if !proposals.contains(&p) {
                proposals.push(p);
            }
        }
        Named {
            report: format!(
                "Báo cáo số {} ngày {} của {}",
                format::doc_number(r.so, DocKind::BaoCao, &r.ky_hieu),
                format::date_inline(r.ngay),
                bodies.verifier
            ),
            branches: self.branches().join(", "),
            proposals,
            whom: match self.dang_vien.as_slice() {
                [m] => format!("đồng chí {}", m.ho_ten.trim()),
                _ => "các đồng chí có tên tại Điều 1".into(),
            },
            issuer,
            standing: bodies.decider,
            verifier: bodies.verifier,
        }
    }

    fn decision(&self, named: &Named) -> DecisionPart {
        let first = match (self.dang_vien.as_slice(), self.ket_luan) {
            ([m], KetLuan::KhaiTru) => format!(
                "Thi hành kỷ luật bằng hình thức khai trừ ra khỏi Đảng đối với {}.{}",
                member_line(m),
                reason(m)
            ),
            ([m], _) => format!(
                "Xóa tên {}, trong danh sách đảng viên.{}",
                member_line(m),
                reason(m)
            ),
            (many, KetLuan::KhaiTru) => format!(
                "Thi hành kỷ luật bằng hình thức khai trừ ra khỏi Đảng đối với {:02} đồng chí sau:",
                many.len()
            ),
            (many, _) => format!(
                "Xóa tên {:02} đồng chí sau trong danh sách đảng viên:",
                many.len()
            ),
        };
        let items = match self.dang_vien.as_slice() {
            [_] => Vec::new(),
            many => many
                .iter()
                .enumerate()
                .map(|(k, m)| {
                    format!(
                        "{}. {}.{}",
                        k + 1,
                        member_line(m).replacen("đồng chí", "Đồng chí", 1),
                        reason(m)
                    )
                })
                .collect(),
        };
        let first = ArticleView { text: first, items };
        let (issuer, whom, branches) = (&named.issuer, &named.whom, &named.branches);
        let mut considering = named.proposals.clone();
        considering.push(format!(
            "Xét {} về kết quả thẩm tra, xác minh, kết luận về vi phạm của đảng viên",
            named.report
        ));
        DecisionPart {
            body: format::upper(&named.standing),
            legal_bases: Regulations::shipped().bases_of_all(
                self.quy_dinh,
                &[Matter::Removal, Matter::Screening],
                self.van_ban.ngay,
            ),
            considering,
            articles: vec![
                first,
                ArticleView {
                    text: format!(
                        "{branches} thông báo Quyết định này đến {whom}, {} về Văn phòng {issuer} để quản lý theo quy định.",
                        self.card_and_file()
                    ),
                    items: Vec::new(),
                },
                ArticleView {
                    text: format!(
                        "Quyết định có hiệu lực từ ngày ký. Văn phòng {issuer}, {}, {branches} và {whom} chịu trách nhiệm thi hành Quyết định này.",
                        named.verifier
                    ),
                    items: Vec::new(),
                },
            ],
        }
    }

    /// What the branch sends up: a full member's card goes back with the
    /// file; a probationary member has no card (issued on becoming full).
    fn card_and_file(&self) -> &'static str {
        let full = self
            .dang_vien
            .iter()
            .filter(|m| m.ngay_chinh_thuc.is_some())
            .count();
        match full {
            0 => "nộp hồ sơ đảng viên",
            n if n == self.dang_vien.len() => "thu hồi thẻ đảng viên và nộp cùng hồ sơ đảng viên",
            _ => "thu hồi thẻ đảng viên của đảng viên chính thức và nộp cùng hồ sơ đảng viên",
        }
    }

    fn notice(&self, named: &Named) -> NoticePart {
        let review = calendar::review_again_on(self.van_ban.ngay);
        let found = |m: &DangVien| {
            m.vi_pham
                .as_deref()
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(|v| {
                    format!(
                        " Vi phạm, khuyết điểm đã được xác minh: {}.",
                        v.trim_end_matches('.')
                    )
                })
                .unwrap_or_default()
        };
        let proposals: Vec<String> = named
            .proposals
            .iter()
            .map(|p| p.replacen("Xét đề nghị của ", "", 1))
            .collect();
        let (conclusion, items, whom) = match self.dang_vien.as_slice() {
            [m] => (
                format!(
                    "{} kết luận: {} chưa đến mức phải xóa tên hoặc kỷ luật bằng hình thức khai trừ.{}",
                    named.standing,
                    member_line(m),
                    found(m)
                ),
                Vec::new(),
                named.whom.clone(),
            ),
            many => (
                format!(
                    "{} kết luận: {:02} đồng chí sau chưa đến mức phải xóa tên hoặc kỷ luật bằng hình thức khai trừ:",
                    named.standing,
                    many.len()
                ),
                many.iter()
                    .enumerate()
                    .map(|(k, m)| {
                        format!(
                            "{}. Đồng chí {}, sinh hoạt tại {}.{}",
                            k + 1,
                            m.ho_ten.trim(),
                            m.chi_bo.trim(),
                            found(m)
                        )
                    })
                    .collect(),
                "các đồng chí có tên trên".to_owned(),
            ),
        };
        NoticePart {
            considering: format!(
                "Xét đề nghị của {} và {} về kết quả thẩm tra, xác minh, kết luận về vi phạm của đảng viên, {} đã xem xét, kết luận.",
                proposals.join("; của "),
                named.report,
                named.standing
            ),
            conclusion,
            items,
            request: format!(
                "Đề nghị {} tiếp tục giáo dục, giúp đỡ {whom} và sẽ xem xét lại sau {} tháng, vào ngày {}; báo cáo kết quả về {}.",
                named.branches,
                calendar::HELP_PERIOD_MONTHS,
                format::date_inline(review),
                named.standing
            ),
            review_on: format::date_inline(review),
        }
    }

    fn check(&self, out: &mut Vec<Problem>) {
        let day = self.van_ban.ngay;
        self.paper().check(
            IssuedBy::Only(LoaiToChuc::DangUyCapTren),
            "quyết định xóa tên, khai trừ do Ban Thường vụ đảng ủy cấp trên trực tiếp của tổ chức cơ sở đảng ban hành: chọn dang-uy-cap-tren",
            out,
        );
        require(
            &self.bao_cao_tham_tra.ky_hieu,
            "bao_cao_tham_tra.ky_hieu",
            out,
        );
        if self.bao_cao_tham_tra.ngay > day {
            out.push(Problem::new(
                "bao_cao_tham_tra.ngay",
                "Ban Thường vụ quyết định căn cứ kết luận thẩm tra: ngày báo cáo thẩm tra không được sau ngày văn bản",
            ));
        }
        require_some(
            &self.dang_vien,
            "dang_vien",
            "cần ít nhất một đảng viên",
            out,
        );
        for (k, m) in self.dang_vien.iter().enumerate() {
            self.check_member(k, m, out);
        }
    }

    fn check_member(&self, k: usize, m: &DangVien, out: &mut Vec<Problem>) {
        let path = format!("dang_vien[{k}]");
        let report = self.bao_cao_tham_tra.ngay;
        let name = m.ho_ten.trim();
        require(&m.ho_ten, format!("{path}.ho_ten"), out);
        require(&m.chi_bo, format!("{path}.chi_bo"), out);
        let earlier = self.dang_vien[..k].iter().map(|o| o.ho_ten.as_str());
        check_listed_once(&path, &m.ho_ten, earlier, out);
        let admission = m.admission();
        admission.check_after_birth(&path, out);
        admission.check_full_by(&path, self.van_ban.ngay, "ngày văn bản", out);
        if m.nghi_quyet.ngay < m.ngay_vao_dang || m.nghi_quyet.ngay > report {
            out.push(Problem::new(
                format!("{path}.nghi_quyet.ngay"),
                format!(
                    "nghị quyết đề nghị của chi bộ phải sau ngày vào Đảng và không sau ngày báo cáo thẩm tra ({}): Ủy ban Kiểm tra thẩm tra sau khi có đề nghị",
                    format::date_inline(report)
                ),
            ));
        }
        if let Some(p) = m.de_xuat
            && p != self.ket_luan
        {
            out.push(Problem::new(
                format!("{path}.de_xuat"),
                format!(
                    "Ủy ban Kiểm tra đề xuất {} đối với đồng chí {name}, khác kết luận của văn bản này ({}): mỗi văn bản một kết luận, hãy bỏ đồng chí này khỏi danh sách để lập văn bản riêng, hoặc xóa đề xuất nếu Ban Thường vụ kết luận khác đề xuất",
                    p.words(),
                    self.ket_luan.words()
                ),
            ));
        }
        let reason_given = m.vi_pham.as_deref().is_some_and(|v| !v.trim().is_empty());
        if self.ket_luan != KetLuan::TiepTucGiupDo && !reason_given {
            out.push(Problem::new(
                format!("{path}.vi_pham"),
                "cần ghi vi phạm đã được kết luận: đây là lý do ghi trong quyết định",
            ));
        }
        if self.ket_luan == KetLuan::KhaiTru && m.ngay_chinh_thuc.is_none() {
            out.push(Problem::new(
                "ket_luan",
                format!(
                    "đồng chí {name} là đảng viên dự bị, không bị kỷ luật khai trừ: vi phạm đến mức phải đưa ra khỏi Đảng thì xóa tên trong danh sách đảng viên"
                ),
            ));
        }
    }
}
