//! Step 2 of the screening workflow: after each member on the approved help
//! list presented a self-criticism, the branch assigns one helper per member
//! for the help period.

use std::collections::HashMap;

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::list::require_some;
use super::member_list::{check_born_before, name_key, same_name};
use super::resolution::{self, Wording};
use super::{Prepared, checked};
use crate::case::common::require;
use crate::case::member::{self, NamedView};
use crate::error::Problem;
use crate::rules::calendar::{self, HELP_PERIOD_MONTHS};
use crate::rules::format;
use crate::rules::organisation::ListApproval;
use crate::rules::regulations::Matter;
use crate::rules::vote::Profile;

resolution::case! {
    /// Case data of `nghi-quyet-phan-cong-giup-do`.
    #[schemars(title = "Nghị quyết phân công đảng viên giúp đỡ", description = "")]
    pub struct Case;
    meeting_hint = "Cuộc họp đảng viên tự kiểm điểm và chi bộ phân công giúp đỡ; ngày họp là ngày bắt đầu giúp đỡ";
    recipients_hint = "Cấp có thẩm quyền, đảng viên liên quan và bản lưu do dangvu tự thêm";
    own {
        /// The members on the approved help list, each with one helper.
        #[schemars(
            title = "Đảng viên được giúp đỡ",
            description = "Những người trong danh sách đã được duyệt, mỗi người một người giúp đỡ"
        )]
        #[schemars(length(min = 1))]
        pub dang_vien: Vec<PhanCong>,
    }
}

member::row! {
    /// One member on the help list and the helper assigned to them.
    #[schemars(title = "Phân công giúp đỡ", description = "")]
    pub struct PhanCong {
        [name]
        [post]
        /// The shortcoming the member committed to correct (from the self-criticism).
        #[schemars(title = "Nội dung cần khắc phục", description = "Khuyết điểm đảng viên cam kết sửa chữa (theo bản tự kiểm điểm)", extend("x-multiline" = true))]
        pub noi_dung_khac_phuc: String,
        #[schemars(title = "Người giúp đỡ")]
        pub nguoi_giup_do: NguoiGiupDo,
        /// Length of the help period in months. hd02: exactly 12 (omit or 12);
        /// Hà Nội: at most 12 (omitted: 12).
        #[serde(default)]
        #[schemars(
            title = "Thời gian giúp đỡ (tháng)",
            description = "Hướng dẫn 02: đúng 12 tháng; Hà Nội: tối đa 12 tháng; bỏ trống là 12"
        )]
        pub thang: Option<u32>,
    }
}

/// The helper: a committee member or a full member of the branch.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Người giúp đỡ", description = "")]
pub struct NguoiGiupDo {
    #[schemars(title = "Họ và tên", length(min = 1))]
    pub ho_ten: String,
    /// Post in the branch, e.g. "Chi ủy viên" (optional).
    #[serde(default)]
    #[schemars(
        title = "Chức vụ",
        description = "Ví dụ: Chi ủy viên (có thể bỏ trống)"
    )]
    pub chuc_vu: Option<String>,
    /// Date made a full member; probationary members cannot help.
    #[serde(default)]
    #[schemars(
        title = "Ngày chính thức",
        description = "Đảng viên dự bị không được phân công giúp đỡ"
    )]
    pub ngay_chinh_thuc: Option<NaiveDate>,
    /// Exempted from party work and meetings: cannot be assigned.
    #[serde(default)]
    #[schemars(
        title = "Được miễn sinh hoạt",
        description = "Đảng viên được miễn sinh hoạt không được phân công"
    )]
    pub mien_sinh_hoat: bool,
}

/// The view's own part (the shared part is [`resolution::ResolutionView`]).
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub struct Own {
    rows: Vec<RowView>,
    members: Vec<MemberView>,
    max_months: String,
    /// Who approved the list ("đã được … phê duyệt").
    approved_by: String,
    /// To whom the branch reports the assignment.
    reported_to: String,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
struct RowView {
    no: String,
    name: String,
    helper: String,
    from: String,
    to: String,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
struct MemberView {
    #[serde(flatten)]
    member: NamedView,
    shortcoming: String,
    helper: String,
    helper_post: Option<String>,
    from: String,
    to: String,
    months: String,
}

impl super::Case for Case {
    const ID: &'static str = "nghi-quyet-phan-cong-giup-do";
    type View = resolution::View<Own>;

    fn prepare_view(self) -> Result<Prepared<Self::View>, Vec<Problem>> {
        checked(|out| self.check(out))?;
        let start = self.cuoc_hop.ngay;
        let mut rows = Vec::new();
        let mut members = Vec::new();
        for (k, m) in self.dang_vien.iter().enumerate() {
            let (months, end) = m.period(start);
            let (from, to) = (format::date_inline(start), format::date_inline(end));
            rows.push(RowView {
                no: (k + 1).to_string(),
                name: m.ho_ten.clone(),
                helper: m.nguoi_giup_do.ho_ten.clone(),
                from: from.clone(),
                to: to.clone(),
            });
            members.push(MemberView {
                member: m.named_view(),
                shortcoming: m.noi_dung_khac_phuc.clone(),
                helper: m.nguoi_giup_do.ho_ten.clone(),
                helper_post: m.nguoi_giup_do.chuc_vu.clone(),
                from,
                to,
                months: format!("{months:02}"),
            });
        }
        let env = self.envelope();
        let (approved_by, reported_to) = match env
            .organisation()
            .branch_bodies(self.quy_dinh)
            .list_approval
        {
            ListApproval::By(body) => (body.clone(), body),
            ListApproval::Itself { informs } => ("chi bộ".to_owned(), informs),
        };
        let wording = Wording {
            subject: "về việc phân công đảng viên theo dõi, giúp đỡ đảng viên cần được giáo dục, giúp đỡ trước khi xem xét, quyết định đưa ra khỏi Đảng",
            legal_bases: env.bases(Matter::Screening),
            counting: None,
            recipients: vec![
                format!("{reported_to} (để báo cáo)"),
                "Các đồng chí có tên tại Điều 1".into(),
            ],
        };
        let own = Own {
            rows,
            members,
            max_months: if self.quy_dinh.help_period_is_exact() {
                "12 tháng".into()
            } else {
                "không quá 12 tháng".into()
            },
            approved_by,
            reported_to,
        };
        Ok(env.prepare(wording, own))
    }
}

impl PhanCong {
    /// The help period's length in months and its last day, counted from the
    /// meeting that assigned the helper (`start`).
    pub(crate) fn period(&self, start: NaiveDate) -> (u32, NaiveDate) {
        let months = self.thang.unwrap_or(HELP_PERIOD_MONTHS);
        let end = if months == HELP_PERIOD_MONTHS {
            calendar::help_period_end(start)
        } else {
            calendar::add_months(start, months)
        };
        (months, end)
    }
}

impl Case {
    pub(crate) fn check(&self, out: &mut Vec<Problem>) {
        let meeting = &self.cuoc_hop;
        self.envelope().check(out);
        require_some(
            &self.dang_vien,
            "dang_vien",
            "cần ít nhất một đảng viên được phân công giúp đỡ",
            out,
        );
        let mut helpers: HashMap<String, usize> = HashMap::new();
        for (k, m) in self.dang_vien.iter().enumerate() {
            let path = format!("dang_vien[{k}]");
            require(&m.ho_ten, format!("{path}.ho_ten"), out);
            require(
                &m.noi_dung_khac_phuc,
                format!("{path}.noi_dung_khac_phuc"),
                out,
            );
            check_born_before(&path, m.ngay_sinh, meeting.ngay, "ngày họp", out);
            self.check_helper(k, m, &mut helpers, out);
            match (self.quy_dinh, m.thang) {
                (_, None) => {}
                (_, Some(0)) => out.push(Problem::new(
                    format!("{path}.thang"),
                    "thời gian giúp đỡ phải ít nhất 1 tháng",
                )),
                (_, Some(t)) if t > HELP_PERIOD_MONTHS => out.push(Problem::new(
                    format!("{path}.thang"),
                    format!("thời gian theo dõi, giúp đỡ không quá 12 tháng (nhận được {t})"),
                )),
                (Profile::Hd02Btctw2021, Some(t)) if t != HELP_PERIOD_MONTHS => {
                    out.push(Problem::new(
                        format!("{path}.thang"),
                        format!(
                            "theo Hướng dẫn 02-HD/BTCTW thời gian giúp đỡ là 12 tháng (nhận được {t}); chỉ Quy định 02-QĐ/TU Hà Nội cho phép ngắn hơn"
                        ),
                    ))
                }
                _ => {}
            }
        }
    }

    /// The helper of the `k`-th member: someone else, not on the help list,
    /// a full member, not exempted, helping no one else in this resolution
    /// (`helpers`: the helpers seen so far, by name as people read it).
    fn check_helper(
        &self,
        k: usize,
        m: &PhanCong,
        helpers: &mut HashMap<String, usize>,
        out: &mut Vec<Problem>,
    ) {
        let meeting = &self.cuoc_hop;
        let path = format!("dang_vien[{k}]");
        let h = &m.nguoi_giup_do;
        let hp = format!("{path}.nguoi_giup_do");
        require(&h.ho_ten, format!("{hp}.ho_ten"), out);
        if same_name(&h.ho_ten, &m.ho_ten) {
            out.push(Problem::new(
                format!("{hp}.ho_ten"),
                "đảng viên không thể tự giúp đỡ chính mình: hãy phân công một đồng chí khác",
            ));
        } else if let Some(j) = self
            .dang_vien
            .iter()
            .position(|o| same_name(&o.ho_ten, &h.ho_ten))
        {
            out.push(Problem::new(
                format!("{hp}.ho_ten"),
                format!(
                    "đồng chí {} cũng đang thuộc diện cần được giáo dục, giúp đỡ (dang_vien[{j}]) nên không thể được phân công giúp đỡ người khác",
                    h.ho_ten
                ),
            ));
        }
        match h.ngay_chinh_thuc {
            None => out.push(Problem::new(
                format!("{hp}.ngay_chinh_thuc"),
                "người giúp đỡ phải là đảng viên chính thức (cấp ủy viên hoặc đảng viên chính thức): cần ngày được công nhận chính thức; đảng viên dự bị không được phân công",
            )),
            Some(d) if d > meeting.ngay => out.push(Problem::new(
                format!("{hp}.ngay_chinh_thuc"),
                "ngày chính thức sau ngày họp: người giúp đỡ chưa là đảng viên chính thức",
            )),
            Some(_) => {}
        }
        if h.mien_sinh_hoat {
            out.push(Problem::new(
                format!("{hp}.mien_sinh_hoat"),
                "đảng viên được miễn công tác và sinh hoạt đảng không được phân công theo dõi, giúp đỡ",
            ));
        }
        let key = name_key(&h.ho_ten);
        if !key.is_empty() {
            if let Some(first) = helpers.get(&key) {
                out.push(Problem::new(
                    format!("{hp}.ho_ten"),
                    format!(
                        "đồng chí {} đã được phân công giúp đỡ dang_vien[{first}] trong nghị quyết này: mỗi đảng viên giúp đỡ chỉ phụ trách một người",
                        h.ho_ten
                    ),
                ));
            } else {
                helpers.insert(key, k);
            }
        }
    }
}
