//! The minutes (biên bản họp chi bộ) of the meeting of a screening step,
//! printed from the SAME case data as the resolution that meeting adopted:
//! step 1 (`nghi-quyet-dua-vao-dien-giup-do`), step 2
//! (`nghi-quyet-phan-cong-giup-do`) or step 3 (`nghi-quyet-ket-qua-sang-loc`).
//! What only the minutes record lives in the case as optional fields:
//! `cuoc_hop.dien_bien` (opening and closing time, the discussion) and, in
//! step 3, each member's self-criticism and helper's comment. The numbers,
//! names and outcomes are computed by the same functions as the resolution's,
//! so minutes and resolution of one meeting cannot disagree.
//!
//! The step is recognised by the members: step-3 members carry `tien_bo`,
//! step-1 members `phieu`, step-2 members neither.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::ballot::{self, BallotView};
use super::resolution::Envelope;
use super::screening_step::{self, Step as ScreeningStep};
use super::{
    Prepared, dua_vao_dien_giup_do as buoc1, ket_qua_sang_loc as buoc3, phan_cong_giup_do as buoc2,
};
use crate::case::common::{HeaderView, PageView, SignerView};
use crate::case::input;
use crate::case::meeting::{BanKiemPhieu, CuocHop, DienBien, MeetingView};
use crate::error::{Problem, Result};
use crate::rules::ScreeningOutcome;
use crate::rules::format;
use crate::rules::organisation::ListApproval;
use crate::rules::screening::REVOTE_WITHIN_MEETINGS;
use crate::rules::vote::{Ballot, Tally};

/// The case data: the resolution's case of the step, unchanged.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(untagged)]
#[schemars(
    title = "Biên bản họp chi bộ",
    description = "Dữ liệu của nghị quyết mà cuộc họp thông qua"
)]
pub enum Case {
    // Step 3 first: a blank page offers the step whose example it fills.
    #[schemars(
        title = "Cuộc họp bước 3",
        description = "Sàng lọc sau thời gian giúp đỡ"
    )]
    BuocBa(buoc3::Case),
    #[schemars(
        title = "Cuộc họp bước 1",
        description = "Đưa vào danh sách cần giáo dục, giúp đỡ"
    )]
    BuocMot(buoc1::Case),
    #[schemars(
        title = "Cuộc họp bước 2",
        description = "Đảng viên tự kiểm điểm, chi bộ phân công giúp đỡ"
    )]
    BuocHai(buoc2::Case),
}

impl super::Case for Case {
    const ID: &'static str = "bien-ban-hop-chi-bo";
    type View = View;

    fn prepare_view(self) -> std::result::Result<Prepared<View>, Vec<Problem>> {
        prepare(self)
    }

    /// Decoded strictly as the case of the step its members show, so every
    /// problem names its field.
    fn decode(json: &[u8], covers: &dyn Fn(char) -> bool) -> Result<Self> {
        Ok(match screening_step::of(json, covers)? {
            ScreeningStep::One => Case::BuocMot(input::decode(json, covers)?),
            ScreeningStep::Two => Case::BuocHai(input::decode(json, covers)?),
            ScreeningStep::Three => Case::BuocBa(input::decode(json, covers)?),
        })
    }
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub struct View {
    page: PageView,
    header: HeaderView,
    title: String,
    subject: String,
    /// What the meeting was for, as the opening sentence says it.
    purpose: String,
    branch: String,
    meeting: MeetingView,
    /// "8 giờ 00 phút": when the meeting opened and closed.
    opened: String,
    closed: String,
    agenda: Vec<String>,
    /// What the chair presented before the members spoke.
    opening: String,
    members: Vec<MemberView>,
    discussion: Vec<String>,
    /// The counting committee, when the meeting held a secret ballot.
    counting: Option<String>,
    base: String,
    base_description: String,
    ballots: Vec<BallotView>,
    conclusions: Vec<String>,
    resolution: String,
    /// Who signs the resolution: "đồng chí A (Bí thư)".
    resolution_signer: String,
    chair: SignerView,
    secretary: SignerView,
}

/// A member on the agenda: who, and what was presented about them.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub struct MemberView {
    heading: String,
    said: Vec<String>,
}

/// What a step contributes to the minutes.
struct Step {
    subject: &'static str,
    agenda: Vec<String>,
    opening: String,
    members: Vec<MemberView>,
    ballots: Vec<BallotView>,
    conclusions: Vec<String>,
}

/// A line of the record as a sentence: ends with a full stop unless it
/// already ends with punctuation.
fn sentence(s: String) -> String {
    if s.trim_end().ends_with(['.', '!', '?', ';', ':']) {
        s
    } else {
        format!("{}.", s.trim_end())
    }
}

fn ballot_row(no: usize, name: &str, t: &Tally, percent: String, result: &str) -> Vec<String> {
    let n = |x: u32| format::integer(x.into());
    vec![
        (no + 1).to_string(),
        name.to_string(),
        n(t.cast),
        n(t.yes),
        n(t.no),
        n(t.invalid),
        percent,
        result.to_string(),
    ]
}

/// The step-1 meeting: the draft list discussed, the secret ballot, who is put
/// on the list (as the step-1 resolution computes it).
fn step_one(k: &buoc1::Case, out: &mut Vec<Problem>) -> Step {
    k.check(out);
    let base = k.cuoc_hop.so_luong.base(k.quy_dinh);
    let mut members = Vec::new();
    let mut rows = Vec::new();
    let mut conclusions = Vec::new();
    for (i, m) in k.dang_vien.iter().enumerate() {
        members.push(MemberView {
            heading: m.named_view().heading(i),
            said: vec![sentence(format!("Tiêu chí, biểu hiện: {}", m.tieu_chi))],
        });
        if !out.is_empty() {
            continue;
        }
        if let Some(o) = buoc1::inclusion(k.quy_dinh, base, &m.phieu, out) {
            let result = buoc1::inclusion_result(o.passed);
            rows.push(ballot_row(i, &m.ho_ten, &m.phieu, o.percent, result));
            conclusions.push(format!(
                "Đồng chí {}: {} ({} phiếu đồng ý).",
                m.ho_ten,
                if o.passed {
                    "đưa vào danh sách đảng viên cần được giáo dục, giúp đỡ"
                } else {
                    "không đưa vào danh sách vì không đủ số phiếu"
                },
                format::integer(m.phieu.yes.into())
            ));
        }
    }
    let guidance = k
        .ngay_y_kien_chi_dao
        .map(|d| {
            format!(
                ", đã có ý kiến chỉ đạo của cấp ủy cấp trên ngày {}",
                format::date_inline(d)
            )
        })
        .unwrap_or_default();
    Step {
        subject: "rà soát, bỏ phiếu đưa đảng viên vào danh sách cần được giáo dục, giúp đỡ",
        agenda: vec![
            "Thông qua danh sách đảng viên dự kiến cần được chi bộ giáo dục, giúp đỡ trước khi xem xét, quyết định đưa ra khỏi Đảng.".into(),
            "Thảo luận, điều chỉnh danh sách dự kiến.".into(),
            "Bỏ phiếu kín đối với từng đảng viên; thông qua nghị quyết.".into(),
        ],
        opening: format!(
            "Đồng chí chủ trì trình bày danh sách đảng viên dự kiến cần được chi bộ giáo dục, giúp đỡ{guidance}, gồm:"
        ),
        members,
        ballots: vec![BallotView::new(
            "Bỏ phiếu kín đưa đảng viên vào danh sách cần được giáo dục, giúp đỡ",
            k.quy_dinh,
            Ballot::Inclusion,
            base,
            rows,
        )],
        conclusions,
    }
}

/// The step-2 meeting: the approval announced, each member's self-criticism,
/// the helpers assigned (with the periods the step-2 resolution computes).
fn step_two(k: &buoc2::Case, out: &mut Vec<Problem>) -> Step {
    k.check(out);
    let start = k.cuoc_hop.ngay;
    let mut members = Vec::new();
    let mut conclusions = Vec::new();
    for (i, m) in k.dang_vien.iter().enumerate() {
        members.push(MemberView {
            heading: m.named_view().heading(i),
            said: vec![sentence(format!(
                "Trình bày bản tự kiểm điểm; khuyết điểm cam kết sửa chữa, khắc phục: {}",
                m.noi_dung_khac_phuc
            ))],
        });
        let (months, end) = m.period(start);
        conclusions.push(format!(
            "Phân công đồng chí {} theo dõi, giúp đỡ đồng chí {} trong {months:02} tháng, từ ngày {} đến ngày {}.",
            m.nguoi_giup_do.ho_ten,
            m.ho_ten,
            format::date_inline(start),
            format::date_inline(end)
        ));
    }
    let announced = match k
        .to_chuc
        .organisation()
        .branch_bodies(k.quy_dinh)
        .list_approval
    {
        ListApproval::By(body) => format!(
            "ý kiến phê duyệt danh sách đảng viên cần được chi bộ giáo dục, giúp đỡ của {body}"
        ),
        // A chi bộ cơ sở approves its own list (seed 000, bước 1).
        ListApproval::Itself { .. } => {
            "danh sách đảng viên cần được giáo dục, giúp đỡ chi bộ đã thông qua".to_owned()
        }
    };
    Step {
        subject: "để đảng viên tự kiểm điểm và phân công đảng viên theo dõi, giúp đỡ",
        agenda: vec![
            format!("Thông báo {announced}."),
            "Đảng viên trong danh sách trình bày bản tự kiểm điểm; chi bộ thảo luận, góp ý.".into(),
            "Phân công đảng viên theo dõi, giúp đỡ; thông qua nghị quyết.".into(),
        ],
        opening: format!(
            "Đồng chí chủ trì thông báo {announced}. Các đảng viên trong danh sách trình bày bản tự kiểm điểm:"
        ),
        members,
        ballots: Vec::new(),
        conclusions,
    }
}

/// The step-3 meeting: self-criticisms and helpers' comments, the two secret
/// ballots, each member's outcome (as the step-3 resolution computes it).
fn step_three(k: &buoc3::Case, out: &mut Vec<Problem>) -> Step {
    let outcomes = k.check(out);
    for (i, m) in k.dang_vien.iter().enumerate() {
        for (value, field, what) in [
            (&m.tu_kiem_diem, "tu_kiem_diem", "tóm tắt bản tự kiểm điểm"),
            (&m.nhan_xet, "nhan_xet", "nhận xét của người giúp đỡ"),
        ] {
            if value.as_deref().is_none_or(|s| s.trim().is_empty()) {
                out.push(Problem::new(
                    format!("dang_vien[{i}].{field}"),
                    format!(
                        "cần {what} của đồng chí {} để ghi vào biên bản họp",
                        m.ho_ten
                    ),
                ));
            }
        }
    }
    let base = k.cuoc_hop.so_luong.base(k.quy_dinh);
    let pct = |yes: u32| format::ratio_percent(yes.into(), base.into());
    let label = |ok: bool| if ok { "Đạt" } else { "Không đạt" };
    let (mut members, mut progress, mut removal, mut conclusions) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for (i, (m, outcome)) in k.dang_vien.iter().zip(outcomes).enumerate() {
        members.push(MemberView {
            heading: format!(
                "{} (đảng viên giúp đỡ: đồng chí {}); lần biểu quyết thứ {}",
                m.named_view().heading(i),
                m.nguoi_giup_do,
                m.lan_bieu_quyet
            ),
            said: vec![
                sentence(format!(
                    "Đồng chí {} trình bày bản tự kiểm điểm: {}",
                    m.ho_ten,
                    m.tu_kiem_diem.as_deref().unwrap_or_default()
                )),
                sentence(format!(
                    "Đồng chí {} nhận xét: {}",
                    m.nguoi_giup_do,
                    m.nhan_xet.as_deref().unwrap_or_default()
                )),
            ],
        });
        if !out.is_empty() {
            continue;
        }
        let passes = |b: Ballot, t: &Tally| k.quy_dinh.threshold(b).passes(t.yes, base);
        progress.push(ballot_row(
            i,
            &m.ho_ten,
            &m.tien_bo,
            pct(m.tien_bo.yes),
            label(passes(Ballot::Progress, &m.tien_bo)),
        ));
        if let Some(t) = &m.dua_ra_khoi_dang {
            removal.push(ballot_row(
                removal.len(),
                &m.ho_ten,
                t,
                pct(t.yes),
                label(passes(Ballot::Removal, t)),
            ));
        }
        conclusions.push(format!(
            "Đồng chí {}: {}.",
            m.ho_ten,
            conclusion_words(outcome)
        ));
    }
    let ballots = ballot::progress_and_removal(k.quy_dinh, base, progress, removal);
    Step {
        subject: "xem xét, sàng lọc đảng viên sau thời gian được chi bộ giáo dục, giúp đỡ",
        agenda: vec![
            "Đảng viên tự kiểm điểm, nêu rõ kết quả sửa chữa, khắc phục vi phạm theo cam kết.".into(),
            "Đảng viên được phân công theo dõi, giúp đỡ nhận xét.".into(),
            "Chi bộ thảo luận, góp ý; bỏ phiếu kín công nhận sự tiến bộ trước, đề nghị xem xét đưa ra khỏi Đảng sau; thông qua nghị quyết.".into(),
        ],
        opening: "Đồng chí chủ trì nêu mục đích cuộc họp và mời từng đảng viên trình bày bản tự kiểm điểm:".into(),
        members,
        ballots,
        conclusions,
    }
}

/// The conclusion the chair announced for one member: the resolution's
/// outcome label (`ket_qua_sang_loc::result_label`, the same words as its
/// results table), then what follows from it.
fn conclusion_words(outcome: ScreeningOutcome) -> String {
    let label = buoc3::result_label(outcome);
    let mut chars = label.chars();
    let first = chars.next().map(|c| c.to_lowercase().collect::<String>());
    let tail = match outcome {
        ScreeningOutcome::RecogniseProgress => {
            ", đưa ra khỏi danh sách đảng viên cần được giáo dục, giúp đỡ".to_owned()
        }
        ScreeningOutcome::ProposeRemoval => {
            "; báo cáo cấp có thẩm quyền xem xét, quyết định".to_owned()
        }
        ScreeningOutcome::Revote { .. } => {
            format!(" trong {REVOTE_WITHIN_MEETINGS:02} kỳ sinh hoạt kế tiếp")
        }
        ScreeningOutcome::Escalate => {
            " (chi bộ đã qua ba lần liên tục biểu quyết nhưng không đủ số phiếu)".to_owned()
        }
        ScreeningOutcome::ContinueHelp { .. } => String::new(),
    };
    format!("{}{}{tail}", first.unwrap_or_default(), chars.as_str())
}

/// The resolution's envelope, and its counting committee (step 2 holds no
/// ballot).
fn envelope_of(case: &Case) -> (Envelope<'_>, Option<&BanKiemPhieu>) {
    match case {
        Case::BuocMot(k) => (k.envelope(), k.ban_kiem_phieu.as_ref()),
        Case::BuocHai(k) => (k.envelope(), None),
        Case::BuocBa(k) => (k.envelope(), k.ban_kiem_phieu.as_ref()),
    }
}

/// The minutes' own data, or a problem naming the field to fill in.
fn course(meeting: &CuocHop, out: &mut Vec<Problem>) -> Option<DienBien> {
    if meeting.dien_bien.is_none() {
        out.push(Problem::new(
            "cuoc_hop.dien_bien",
            "cần giờ khai mạc và giờ bế mạc cuộc họp (ví dụ \"08:00\", \"10:30\") để lập biên bản họp chi bộ",
        ));
    }
    meeting.dien_bien.clone()
}

pub fn prepare(case: Case) -> std::result::Result<Prepared<View>, Vec<Problem>> {
    let mut problems = Vec::new();
    let step = match &case {
        Case::BuocMot(k) => step_one(k, &mut problems),
        Case::BuocHai(k) => step_two(k, &mut problems),
        Case::BuocBa(k) => step_three(k, &mut problems),
    };
    let (c, counting) = envelope_of(&case);
    let course = course(c.meeting, &mut problems);
    let (Some(course), true) = (course, problems.is_empty()) else {
        return Err(problems);
    };
    let number = c.doc_number();
    let resolution = c.resolution_line();
    let role = |title: &str, name: &str| SignerView {
        authority: None,
        title: Some(title.into()),
        name: name.into(),
    };
    let base = c.meeting.so_luong.base(c.profile);
    let view = View {
        page: PageView::for_org(c.org),
        header: c.record_header(),
        title: "BIÊN BẢN".into(),
        subject: format!("họp chi bộ {}", step.subject),
        purpose: step.subject.into(),
        branch: c.org.ten.clone(),
        meeting: c.meeting.view(None),
        opened: format::time_of_day(course.khai_mac),
        closed: format::time_of_day(course.be_mac),
        agenda: step.agenda,
        opening: step.opening,
        members: step.members,
        discussion: course
            .thao_luan
            .iter()
            .map(|y| sentence(format!("Đồng chí {}: {}", y.ho_ten, y.noi_dung)))
            .collect(),
        counting: (!step.ballots.is_empty())
            .then(|| counting.map(BanKiemPhieu::describe))
            .flatten(),
        base: format::integer(base.into()),
        base_description: c.profile.base_description().into(),
        ballots: step.ballots,
        conclusions: step.conclusions,
        resolution: resolution.clone(),
        resolution_signer: format!("đồng chí {} ({})", c.signer.ho_ten, c.signer.chuc_vu),
        chair: role("CHỦ TRÌ", &c.meeting.chu_tri),
        secretary: role("THƯ KÝ", &c.meeting.thu_ky),
    };
    Ok(Prepared {
        view,
        title: format!("Biên bản họp chi bộ thông qua {resolution}"),
        doc_number: format!("BBH-{number}"),
        date: c.doc.ngay,
    })
}
