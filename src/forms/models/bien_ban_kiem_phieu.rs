//! The vote-counting record (biên bản kiểm phiếu) of a branch's secret ballot,
//! printed from the SAME case data as the resolution whose ballot it counts:
//! the step-1 case (`nghi-quyet-dua-vao-dien-giup-do`) or the step-3 case
//! (`nghi-quyet-ket-qua-sang-loc`). The case is recognised by its members:
//! step-3 members carry `tien_bo`, step-1 members `phieu`.

use chrono::NaiveTime;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::ballot::{self, BallotView};
use super::resolution::Envelope;
use super::screening_step::{self, Step};
use super::{Prepared, dua_vao_dien_giup_do as buoc1, ket_qua_sang_loc as buoc3};
use crate::case::common::{HeaderView, PageView, SignerView};
use crate::case::input;
use crate::case::meeting::{BanKiemPhieu, MeetingView, VaiTroKiemPhieu};
use crate::error::{Problem, Result};
use crate::rules::format;
use crate::rules::vote::{Ballot, Tally};

/// The case data: either resolution's case, unchanged.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(untagged)]
#[schemars(
    title = "Biên bản kiểm phiếu",
    description = "Dữ liệu của nghị quyết có cuộc bỏ phiếu được kiểm"
)]
pub enum Case {
    /// The step-1 ballot (đưa vào danh sách cần giáo dục, giúp đỡ).
    #[schemars(
        title = "Bỏ phiếu bước 1",
        description = "Đưa vào danh sách cần giáo dục, giúp đỡ"
    )]
    BuocMot(buoc1::Case),
    /// The step-3 ballots (công nhận tiến bộ; đề nghị đưa ra khỏi Đảng).
    #[schemars(
        title = "Bỏ phiếu bước 3",
        description = "Công nhận tiến bộ; đề nghị đưa ra khỏi Đảng"
    )]
    BuocBa(buoc3::Case),
}

impl super::Case for Case {
    const ID: &'static str = "bien-ban-kiem-phieu";
    type View = View;

    fn prepare_view(self) -> std::result::Result<Prepared<View>, Vec<Problem>> {
        prepare(self)
    }

    /// Decoded strictly as the case of the step its members show, so every
    /// problem names its field. A step-2 case has no ballot: decoded as step
    /// 1's, it is refused for the missing ballot counts.
    fn decode(json: &[u8], covers: &dyn Fn(char) -> bool) -> Result<Self> {
        Ok(match screening_step::of(json, covers)? {
            Step::Three => Case::BuocBa(input::decode(json, covers)?),
            Step::One | Step::Two => Case::BuocMot(input::decode(json, covers)?),
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
    branch: String,
    meeting: MeetingView,
    committee: Vec<String>,
    /// "9 giờ 30 phút": when counting began and the record was closed.
    opened: String,
    closed: String,
    base: String,
    base_description: String,
    members: Vec<String>,
    ballots: Vec<BallotView>,
    resolution: String,
    committee_signers: Vec<SignerView>,
    committee_widths: Vec<u32>,
    signer: SignerView,
}

fn row(no: usize, name: &str, t: &Tally, base: u32, result: &str) -> Vec<String> {
    let n = |x: u32| format::integer(x.into());
    let returned = t.yes + t.no + t.invalid;
    vec![
        (no + 1).to_string(),
        name.to_string(),
        n(t.cast),
        n(returned),
        n(t.yes + t.no),
        n(t.invalid),
        n(t.yes),
        n(t.no),
        format::ratio_percent(t.yes.into(), base.into()),
        result.to_string(),
    ]
}

/// What the record says of the ballots of one case: the envelope, the
/// counting committee, the subject line, the members and the ballots.
struct Ballots<'a> {
    envelope: Envelope<'a>,
    committee: Option<&'a BanKiemPhieu>,
    subject: &'static str,
    members: Vec<String>,
    ballots: Vec<BallotView>,
}

/// The step-1 ballot: one row a member (rows only when the case is valid).
fn step_one<'a>(k: &'a buoc1::Case, problems: &mut Vec<Problem>) -> Ballots<'a> {
    k.check(problems);
    let c = k.envelope();
    let base = c.meeting.so_luong.base(c.profile);
    let mut rows = Vec::new();
    let mut members = Vec::new();
    for (i, m) in k.dang_vien.iter().enumerate() {
        let who = m.named_view().heading(i);
        members.push(format!("{who}; {}.", m.tieu_chi));
        if problems.is_empty()
            && let Some(o) = buoc1::inclusion(c.profile, base, &m.phieu, problems)
        {
            rows.push(row(i, &m.ho_ten, &m.phieu, base, passed(o.passed)));
        }
    }
    Ballots {
        envelope: c,
        committee: k.ban_kiem_phieu.as_ref(),
        subject: "bỏ phiếu kín đưa đảng viên vào danh sách cần được giáo dục, giúp đỡ",
        members,
        ballots: vec![BallotView::new(
            "Bỏ phiếu kín đưa đảng viên vào danh sách cần được giáo dục, giúp đỡ trước khi xem xét, quyết định đưa ra khỏi Đảng",
            c.profile,
            Ballot::Inclusion,
            base,
            rows,
        )],
    }
}

/// The step-3 ballots: progress for every member, removal for those the
/// branch also voted on.
fn step_three<'a>(k: &'a buoc3::Case, problems: &mut Vec<Problem>) -> Ballots<'a> {
    k.check(problems);
    let c = k.envelope();
    let base = c.meeting.so_luong.base(c.profile);
    let (mut progress, mut removal, mut members) = (Vec::new(), Vec::new(), Vec::new());
    let passes = |b: Ballot, t: &Tally| passed(c.profile.threshold(b).passes(t.yes, base));
    for (i, m) in k.dang_vien.iter().enumerate() {
        let who = m.named_view().heading(i);
        members.push(format!(
            "{who} (đảng viên giúp đỡ: đồng chí {}); lần biểu quyết thứ {}.",
            m.nguoi_giup_do, m.lan_bieu_quyet
        ));
        if !problems.is_empty() {
            continue;
        }
        let label = passes(Ballot::Progress, &m.tien_bo);
        progress.push(row(i, &m.ho_ten, &m.tien_bo, base, label));
        if let Some(t) = &m.dua_ra_khoi_dang {
            let label = passes(Ballot::Removal, t);
            removal.push(row(removal.len(), &m.ho_ten, t, base, label));
        }
    }
    let ballots = ballot::progress_and_removal(c.profile, base, progress, removal);
    Ballots {
        envelope: c,
        committee: k.ban_kiem_phieu.as_ref(),
        subject: "bỏ phiếu kín công nhận sự tiến bộ và đề nghị xem xét đưa đảng viên ra khỏi Đảng",
        members,
        ballots,
    }
}

fn passed(ok: bool) -> &'static str {
    if ok { "Đạt" } else { "Không đạt" }
}

/// The counting committee and its opening and closing times, which only the
/// record needs: refused with the field named when missing.
fn committee<'a>(
    committee: Option<&'a BanKiemPhieu>,
    problems: &mut Vec<Problem>,
) -> Option<(&'a BanKiemPhieu, NaiveTime, NaiveTime)> {
    let Some(committee) = committee else {
        problems.push(Problem::new(
            "ban_kiem_phieu",
            "cần danh sách Ban kiểm phiếu (trưởng ban, thành viên) để lập biên bản kiểm phiếu",
        ));
        return None;
    };
    if committee.bat_dau.is_none() {
        problems.push(Problem::new(
            "ban_kiem_phieu.bat_dau",
            "cần giờ bắt đầu kiểm phiếu (ví dụ \"09:30\") để ghi \"hồi … giờ … phút\" trong biên bản",
        ));
    }
    if committee.ket_thuc.is_none() {
        problems.push(Problem::new(
            "ban_kiem_phieu.ket_thuc",
            "cần giờ kết thúc kiểm phiếu (ví dụ \"10:05\") để ghi giờ kết thúc biên bản",
        ));
    }
    Some((committee, committee.bat_dau?, committee.ket_thuc?))
}

pub fn prepare(case: Case) -> std::result::Result<Prepared<View>, Vec<Problem>> {
    let mut problems = Vec::new();
    let b = match &case {
        Case::BuocMot(k) => step_one(k, &mut problems),
        Case::BuocBa(k) => step_three(k, &mut problems),
    };
    let checked = committee(b.committee, &mut problems);
    let Some((committee, opened, closed)) = checked.filter(|_| problems.is_empty()) else {
        return Err(problems);
    };
    let c = b.envelope;
    let base = c.meeting.so_luong.base(c.profile);
    let resolution = c.resolution_line();
    let view = View {
        page: PageView::for_org(c.org),
        header: c.record_header(),
        title: "BIÊN BẢN KIỂM PHIẾU".into(),
        subject: b.subject.into(),
        branch: c.org.ten.clone(),
        meeting: c.meeting.view(None),
        committee: committee.members(),
        opened: format::time_of_day(opened),
        closed: format::time_of_day(closed),
        base: format::integer(base.into()),
        base_description: c.profile.base_description().into(),
        members: b.members,
        ballots: b.ballots,
        resolution: resolution.clone(),
        committee_signers: committee_signers(committee),
        committee_widths: committee_widths(committee),
        signer: SignerView::new(c.signer, c.org.loai.level().authority()),
    };
    Ok(Prepared {
        view,
        title: format!("Biên bản kiểm phiếu kèm theo {resolution}"),
        doc_number: format!("BB-{}", c.doc_number()),
        date: c.doc.ngay,
    })
}

/// The committee's signature blocks, under their roles.
fn committee_signers(committee: &BanKiemPhieu) -> Vec<SignerView> {
    committee
        .thanh_vien
        .iter()
        .map(|m| SignerView {
            authority: None,
            title: Some(match m.vai_tro {
                VaiTroKiemPhieu::TruongBan => "TRƯỞNG BAN".into(),
                VaiTroKiemPhieu::ThanhVien => "THÀNH VIÊN".into(),
            }),
            name: m.ho_ten.clone(),
        })
        .collect()
}

/// The committee's column widths in percent, summing to 100 (the remainder
/// to the first).
fn committee_widths(committee: &BanKiemPhieu) -> Vec<u32> {
    let n = committee.thanh_vien.len().max(1) as u32;
    let mut w = vec![100 / n; n as usize];
    w[0] += 100 - (100 / n) * n;
    w
}
