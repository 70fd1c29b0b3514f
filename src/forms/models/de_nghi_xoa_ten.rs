//! Immediate removal (seed 000 §2.2, appendix 1.1): the branch proposes
//! striking a member from the roll without the education-and-help steps, for
//! a criterion the data must prove.

use chrono::{Datelike, NaiveDate};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::decision::{self, DecisionView};
use super::resolution::{self, Wording};
use super::{Prepared, checked};
use crate::case::common::require;
use crate::case::member;
use crate::error::Problem;
use crate::rules::calendar::{self, AbsenceCategory};
use crate::rules::format;
use crate::rules::organisation::Level;
use crate::rules::regulations::Matter;
use crate::rules::vote::Tally;

resolution::case! {
    /// Case data of `nghi-quyet-de-nghi-xoa-ten`.
    #[schemars(title = "Nghị quyết đề nghị xóa tên đảng viên", description = "")]
    pub struct Case;
    meeting_hint = "";
    recipients_hint = "Cấp có thẩm quyền, đảng viên liên quan và bản lưu do dangvu tự thêm";
    own {
        #[schemars(title = "Đảng viên bị đề nghị xóa tên")]
        pub dang_vien: DangVienXoaTen,
        /// The immediate-removal criterion and the facts that prove it.
        #[schemars(
            title = "Căn cứ xóa tên",
            description = "Tiêu chí xóa tên ngay và sự việc chứng minh"
        )]
        pub can_cu: CanCuInput,
        /// Kết quả biểu quyết của chi bộ: the branch adopts the proposal with more
        /// than half of the profile's base voting for it.
        #[schemars(
            title = "Kết quả biểu quyết của chi bộ",
            description = "Nghị quyết được thông qua khi quá một nửa số đảng viên chính thức đồng ý"
        )]
        pub bieu_quyet: Tally,
    }
}

member::row! {
    #[schemars(title = "Đảng viên bị đề nghị xóa tên")]
    pub struct DangVienXoaTen {
        [name]
        [admitted "Bỏ trống nếu là đảng viên dự bị"]
        [post]
    }
}

/// The criterion as sent: its kind (`loai`) and the fields that kind needs.
/// (A plain struct rather than a tagged enum so that a bad date is reported
/// under its own field path.)
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Căn cứ xóa tên", description = "")]
pub struct CanCuInput {
    #[schemars(title = "Loại căn cứ")]
    pub loai: LoaiCanCu,
    /// bo-sinh-hoat, khong-dong-dang-phi: the year.
    #[serde(default)]
    #[schemars(
        title = "Năm",
        description = "Với bỏ sinh hoạt, không đóng đảng phí: năm xảy ra"
    )]
    pub nam: Option<i32>,
    /// bo-sinh-hoat, khong-dong-dang-phi: the months (1–12), counted by dangvu.
    #[serde(default)]
    #[schemars(
        title = "Các tháng",
        description = "Với bỏ sinh hoạt, không đóng đảng phí: các tháng (1–12), dangvu tự đếm"
    )]
    pub cac_thang: Vec<u32>,
    /// bo-sinh-hoat, khong-dong-dang-phi: the number of months if not listed.
    #[serde(default)]
    #[schemars(
        title = "Số tháng",
        description = "Với bỏ sinh hoạt, không đóng đảng phí: số tháng khi không liệt kê từng tháng"
    )]
    pub so_thang: Option<u32>,
    /// tra-the, truy-na-tam-giam: the date of the fact.
    #[serde(default)]
    #[schemars(
        title = "Ngày xảy ra",
        description = "Với trả thẻ, bị truy nã hoặc tạm giam"
    )]
    pub ngay: Option<NaiveDate>,
    /// tra-the: what happened, e.g. "tự ý trả thẻ đảng viên cho chi bộ".
    #[serde(default)]
    #[schemars(title = "Hành vi", description = "Với trả thẻ: sự việc, ví dụ: tự ý trả thẻ đảng viên cho chi bộ", extend("x-multiline" = true))]
    pub hanh_vi: Option<String>,
    /// vi-pham-hai-nam: the two consecutive years.
    #[serde(default)]
    #[schemars(
        title = "Hai năm liền",
        description = "Với vi phạm hai năm liền: hai năm liên tiếp"
    )]
    pub cac_nam: Vec<i32>,
    /// vi-pham-hai-nam, truy-na-tam-giam: what the member did / what happened.
    #[serde(default)]
    #[schemars(title = "Nội dung", description = "Với vi phạm hai năm liền, bị truy nã hoặc tạm giam: việc đảng viên đã làm hoặc sự việc", extend("x-multiline" = true))]
    pub noi_dung: Option<String>,
    /// khong-tien-bo: first day of the help period.
    #[serde(default)]
    #[schemars(
        title = "Ngày bắt đầu giúp đỡ",
        description = "Với không tiến bộ sau giúp đỡ: ngày đầu của thời gian giúp đỡ"
    )]
    pub ngay_bat_dau_giup_do: Option<NaiveDate>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[schemars(title = "Loại căn cứ")]
pub enum LoaiCanCu {
    /// Left party meetings without good reason: 3 months or more in a year.
    #[schemars(
        title = "Bỏ sinh hoạt đảng",
        description = "Không có lý do chính đáng từ 3 tháng trở lên trong năm"
    )]
    BoSinhHoat,
    /// Did not pay party dues without good reason: 3 months or more in a year.
    #[schemars(
        title = "Không đóng đảng phí",
        description = "Không có lý do chính đáng từ 3 tháng trở lên trong năm"
    )]
    KhongDongDangPhi,
    /// Returned or destroyed the party card, or pawned it.
    #[schemars(title = "Trả thẻ, hủy thẻ hoặc cầm cố thẻ đảng viên", description = "")]
    TraThe,
    /// Violated the member's standards two years in a row.
    #[schemars(title = "Vi phạm tư cách đảng viên hai năm liền", description = "")]
    ViPhamHaiNam,
    /// Wanted or held in custody: probationary members only.
    #[schemars(
        title = "Bị truy nã hoặc tạm giam",
        description = "Chỉ với đảng viên dự bị"
    )]
    TruyNaTamGiam,
    /// Helped by the branch but without progress after 12 months.
    #[schemars(title = "Không tiến bộ sau 12 tháng giúp đỡ", description = "")]
    KhongTienBo,
}

impl CanCuInput {
    /// The criterion with the fields its kind needs, or the problems found.
    fn resolve(&self, out: &mut Vec<Problem>) -> Option<CanCu> {
        let before = out.len();
        let need = |out: &mut Vec<Problem>, f: &str| {
            out.push(Problem::new(
                format!("can_cu.{f}"),
                "cần ghi trường này cho loại căn cứ đã chọn",
            ));
        };
        let given = [
            ("nam", self.nam.is_some()),
            ("cac_thang", !self.cac_thang.is_empty()),
            ("so_thang", self.so_thang.is_some()),
            ("ngay", self.ngay.is_some()),
            ("hanh_vi", self.hanh_vi.is_some()),
            ("cac_nam", !self.cac_nam.is_empty()),
            ("noi_dung", self.noi_dung.is_some()),
            ("ngay_bat_dau_giup_do", self.ngay_bat_dau_giup_do.is_some()),
        ];
        let allowed: &[&str] = match self.loai {
            LoaiCanCu::BoSinhHoat | LoaiCanCu::KhongDongDangPhi => {
                &["nam", "cac_thang", "so_thang"]
            }
            LoaiCanCu::TraThe => &["ngay", "hanh_vi"],
            LoaiCanCu::ViPhamHaiNam => &["cac_nam", "noi_dung"],
            LoaiCanCu::TruyNaTamGiam => &["ngay", "noi_dung"],
            LoaiCanCu::KhongTienBo => &["ngay_bat_dau_giup_do"],
        };
        for (f, g) in given {
            if g && !allowed.contains(&f) {
                out.push(Problem::new(
                    format!("can_cu.{f}"),
                    "trường này không dùng cho loại căn cứ đã chọn",
                ));
            }
        }
        let text = |out: &mut Vec<Problem>, f: &str, v: &Option<String>| match v {
            Some(x) => x.clone(),
            None => {
                need(out, f);
                String::new()
            }
        };
        let date = |out: &mut Vec<Problem>, f: &str, v: Option<NaiveDate>| {
            v.unwrap_or_else(|| {
                need(out, f);
                NaiveDate::MIN
            })
        };
        let c = match self.loai {
            LoaiCanCu::BoSinhHoat | LoaiCanCu::KhongDongDangPhi => {
                let nam = self.nam.unwrap_or_else(|| {
                    need(out, "nam");
                    0
                });
                let (cac_thang, so_thang) = (self.cac_thang.clone(), self.so_thang);
                if self.loai == LoaiCanCu::BoSinhHoat {
                    CanCu::BoSinhHoat {
                        nam,
                        cac_thang,
                        so_thang,
                    }
                } else {
                    CanCu::KhongDongDangPhi {
                        nam,
                        cac_thang,
                        so_thang,
                    }
                }
            }
            LoaiCanCu::TraThe => CanCu::TraThe {
                ngay: date(out, "ngay", self.ngay),
                hanh_vi: text(out, "hanh_vi", &self.hanh_vi),
            },
            LoaiCanCu::ViPhamHaiNam => CanCu::ViPhamHaiNam {
                cac_nam: self.cac_nam.clone(),
                noi_dung: text(out, "noi_dung", &self.noi_dung),
            },
            LoaiCanCu::TruyNaTamGiam => CanCu::TruyNaTamGiam {
                ngay: date(out, "ngay", self.ngay),
                noi_dung: text(out, "noi_dung", &self.noi_dung),
            },
            LoaiCanCu::KhongTienBo => CanCu::KhongTienBo {
                ngay_bat_dau_giup_do: date(out, "ngay_bat_dau_giup_do", self.ngay_bat_dau_giup_do),
            },
        };
        (out.len() == before).then_some(c)
    }
}

/// The criterion, checked for the fields of its kind.
#[derive(Debug, Clone)]
pub enum CanCu {
    /// Left party meetings without good reason: 3 months or more in a year.
    BoSinhHoat {
        nam: i32,
        /// The months (1–12) missed, if listed; counted by dangvu.
        cac_thang: Vec<u32>,
        /// The number of months, if not listed (must agree when both given).
        so_thang: Option<u32>,
    },
    /// Did not pay party dues without good reason: 3 months or more in a year.
    KhongDongDangPhi {
        nam: i32,
        cac_thang: Vec<u32>,
        so_thang: Option<u32>,
    },
    /// Returned or destroyed the party card, or pawned it.
    TraThe {
        ngay: NaiveDate,
        /// What happened, e.g. "tự ý trả thẻ đảng viên cho chi bộ".
        hanh_vi: String,
    },
    /// Violated the member's standards two years in a row.
    ViPhamHaiNam {
        /// The two consecutive years.
        cac_nam: Vec<i32>,
        noi_dung: String,
    },
    /// Wanted or held in custody: probationary members only (a full member is
    /// dealt with by discipline).
    TruyNaTamGiam { ngay: NaiveDate, noi_dung: String },
    /// Helped by the branch but without progress after 12 months.
    KhongTienBo {
        /// Date the help period started.
        ngay_bat_dau_giup_do: NaiveDate,
    },
}

/// The view's own part (the shared part is [`resolution::ResolutionView`]).
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub struct Own {
    vote: DecisionView,
    name: String,
    born: String,
    admitted: String,
    status: String,
    post: Option<String>,
    criterion: String,
    /// The operative article naming who decides "theo thẩm quyền".
    proposal: String,
    /// To whom the branch sends the file.
    proposed_to: String,
}

impl super::Case for Case {
    const ID: &'static str = "nghi-quyet-de-nghi-xoa-ten";
    type View = resolution::View<Own>;

    fn prepare_view(self) -> Result<Prepared<Self::View>, Vec<Problem>> {
        let criterion = checked(|out| self.check(out))?;
        let env = self.envelope();
        let m = &self.dang_vien;
        let o = env.organisation();
        let bodies = o.branch_bodies(self.quy_dinh);
        let proposed_to = bodies.removal_to.clone();
        let decides = if o.level == Level::BranchUnderGrassroots {
            "xem xét, đề nghị cấp ủy có thẩm quyền quyết định"
        } else {
            "xem xét, quyết định theo thẩm quyền việc"
        };
        let proposal = format!(
            "Đề nghị {proposed_to} {decides} xóa tên đồng chí {}, sinh ngày {}, trong danh sách đảng viên. Lý do: {criterion}.",
            m.ho_ten,
            format::date_inline(m.ngay_sinh)
        );
        let wording = Wording {
            subject: "về việc đề nghị xóa tên đảng viên trong danh sách đảng viên",
            legal_bases: env.bases(Matter::Removal),
            counting: None,
            recipients: vec![
                format!("{proposed_to} (để báo cáo)"),
                format!("Đồng chí {}", m.ho_ten),
            ],
        };
        let own = Own {
            vote: decision::view(self.quy_dinh, &self.cuoc_hop, &self.bieu_quyet),
            name: m.ho_ten.clone(),
            born: format::date_inline(m.ngay_sinh),
            admitted: format::date_inline(m.ngay_vao_dang),
            status: m.admission().status(),
            post: m.chuc_vu.clone(),
            criterion,
            proposal,
            proposed_to,
        };
        Ok(env.prepare(wording, own))
    }
}

/// Counts the months of a bỏ-sinh-hoạt / không-đóng-đảng-phí criterion and
/// checks them; returns the count.
fn count_months(
    nam: i32,
    cac_thang: &[u32],
    so_thang: Option<u32>,
    meeting: NaiveDate,
    out: &mut Vec<Problem>,
) -> Option<u32> {
    let before = out.len();
    if nam > meeting.year() {
        out.push(Problem::new(
            "can_cu.nam",
            "năm vi phạm không được sau năm họp chi bộ",
        ));
    }
    let mut seen = [false; 13];
    for (j, &t) in cac_thang.iter().enumerate() {
        let path = format!("can_cu.cac_thang[{j}]");
        if !(1..=12).contains(&t) {
            out.push(Problem::new(
                path,
                format!("tháng phải từ 1 đến 12 (nhận được {t})"),
            ));
        } else if seen[t as usize] {
            out.push(Problem::new(path, format!("tháng {t} được ghi hai lần")));
        } else {
            seen[t as usize] = true;
            if nam == meeting.year() && t > meeting.month() {
                out.push(Problem::new(
                    path,
                    format!("tháng {t}/{nam} chưa tới tại ngày họp"),
                ));
            }
        }
    }
    let listed = cac_thang.len() as u32;
    let n = match (cac_thang.is_empty(), so_thang) {
        (true, None) => {
            out.push(Problem::new(
                "can_cu.cac_thang",
                "cần ghi các tháng vi phạm (cac_thang) hoặc số tháng (so_thang)",
            ));
            return None;
        }
        (true, Some(n)) => n,
        (false, Some(n)) if n != listed => {
            out.push(Problem::new(
                "can_cu.so_thang",
                format!("số tháng ({n}) không khớp với {listed} tháng được liệt kê"),
            ));
            return None;
        }
        (false, _) => listed,
    };
    if n > 12 {
        out.push(Problem::new(
            "can_cu.so_thang",
            format!("một năm chỉ có 12 tháng (nhận được {n})"),
        ));
    }
    if out.len() > before {
        return None;
    }
    let field = if cac_thang.is_empty() {
        "can_cu.so_thang"
    } else {
        "can_cu.cac_thang"
    };
    match calendar::classify_absence(n) {
        None => out.push(Problem::new(field, "không có tháng vi phạm nào: không đủ căn cứ xóa tên")),
        Some(AbsenceCategory::HelpList) => out.push(Problem::new(
            field,
            format!(
                "{n:02} tháng trong năm {nam} (dưới 03 tháng): chỉ thuộc diện giáo dục, giúp đỡ, chưa đủ tiêu chí xóa tên"
            ),
        )),
        Some(AbsenceCategory::ImmediateRemoval) => return Some(n),
    }
    None
}

fn month_list(cac_thang: &[u32]) -> String {
    if cac_thang.is_empty() {
        return String::new();
    }
    let mut v = cac_thang.to_vec();
    v.sort_unstable();
    format!(
        " (các tháng {})",
        v.iter()
            .map(|t| t.to_string())
            .collect::<Vec<_>>()
            .join(", ")
    )
}

impl Case {
    /// Checks everything; returns the criterion as the resolution states it.
    fn check(&self, out: &mut Vec<Problem>) -> String {
        let meeting = &self.cuoc_hop;
        self.envelope().check(out);
        let m = &self.dang_vien;
        require(&m.ho_ten, "dang_vien.ho_ten", out);
        decision::check(
            self.quy_dinh,
            meeting,
            &self.bieu_quyet,
            "bieu_quyet",
            "đề nghị xóa tên",
            out,
        );
        m.admission()
            .check("dang_vien", meeting.ngay, "ngày họp", out);
        let Some(can_cu) = self.can_cu.resolve(out) else {
            return String::new();
        };
        self.criterion(&can_cu, out)
    }

    /// Checks the criterion against the member and the meeting; returns it
    /// as the resolution states it.
    fn criterion(&self, can_cu: &CanCu, out: &mut Vec<Problem>) -> String {
        let meeting = &self.cuoc_hop;
        let m = &self.dang_vien;
        match can_cu {
            CanCu::BoSinhHoat {
                nam,
                cac_thang,
                so_thang,
            } => match count_months(*nam, cac_thang, *so_thang, meeting.ngay, out) {
                Some(n) => format!(
                    "tự ý bỏ sinh hoạt đảng {n:02} tháng trong năm {nam}{} không có lý do chính đáng",
                    month_list(cac_thang)
                ),
                None => String::new(),
            },
            CanCu::KhongDongDangPhi {
                nam,
                cac_thang,
                so_thang,
            } => match count_months(*nam, cac_thang, *so_thang, meeting.ngay, out) {
                Some(n) => format!(
                    "không đóng đảng phí {n:02} tháng trong năm {nam}{} không có lý do chính đáng",
                    month_list(cac_thang)
                ),
                None => String::new(),
            },
            CanCu::TraThe { ngay, hanh_vi } => {
                require(hanh_vi, "can_cu.hanh_vi", out);
                if *ngay > meeting.ngay {
                    out.push(Problem::new(
                        "can_cu.ngay",
                        "ngày vi phạm sau ngày họp chi bộ",
                    ));
                }
                format!("{hanh_vi} (ngày {})", format::date_inline(*ngay))
            }
            CanCu::ViPhamHaiNam { cac_nam, noi_dung } => {
                require(noi_dung, "can_cu.noi_dung", out);
                match cac_nam.as_slice() {
                    [a, b] if *b == a + 1 && *b <= meeting.ngay.year() => {
                        format!("hai năm liền ({a} và {b}) vi phạm tư cách đảng viên: {noi_dung}")
                    }
                    [_, _] => {
                        out.push(Problem::new(
                            "can_cu.cac_nam",
                            "hai năm phải liên tiếp (năm sau bằng năm trước cộng 1) và không sau năm họp",
                        ));
                        String::new()
                    }
                    _ => {
                        out.push(Problem::new(
                            "can_cu.cac_nam",
                            format!(
                                "cần đúng hai năm liên tiếp (nhận được {} năm)",
                                cac_nam.len()
                            ),
                        ));
                        String::new()
                    }
                }
            }
            CanCu::TruyNaTamGiam { ngay, noi_dung } => {
                require(noi_dung, "can_cu.noi_dung", out);
                if m.ngay_chinh_thuc.is_some() {
                    out.push(Problem::new(
                        "dang_vien.ngay_chinh_thuc",
                        "đảng viên chính thức bị truy nã, tạm giam: tổ chức đảng có thẩm quyền xem xét kỷ luật, không xóa tên; xóa tên chỉ áp dụng với đảng viên dự bị",
                    ));
                }
                if *ngay > meeting.ngay {
                    out.push(Problem::new("can_cu.ngay", "ngày sau ngày họp chi bộ"));
                }
                format!("{noi_dung} (ngày {})", format::date_inline(*ngay))
            }
            CanCu::KhongTienBo {
                ngay_bat_dau_giup_do,
            } => {
                let end = calendar::help_period_end(*ngay_bat_dau_giup_do);
                if end > meeting.ngay {
                    out.push(Problem::new(
                        "can_cu.ngay_bat_dau_giup_do",
                        format!(
                            "chưa đủ 12 tháng giúp đỡ: thời gian giúp đỡ kết thúc ngày {}",
                            format::date_inline(end)
                        ),
                    ));
                }
                format!(
                    "giảm sút ý chí phấn đấu, không thực hiện nhiệm vụ đảng viên, đã được chi bộ giáo dục, giúp đỡ từ ngày {} nhưng sau 12 tháng (đến ngày {}) không tiến bộ",
                    format::date_inline(*ngay_bat_dau_giup_do),
                    format::date_inline(end)
                )
            }
        }
    }
}
