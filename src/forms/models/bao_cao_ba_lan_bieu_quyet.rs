//! Hà Nội, Bước 3 (seed 000 appendix): an inconclusive step-3 vote is held
//! again "trong thời gian 02 kỳ sinh hoạt kế tiếp"; "trường hợp chi bộ đã qua
//! ba lần liên tục biểu quyết nhưng không quá một phần hai tổng số đảng viên
//! công nhận sự tiến bộ hoặc không đủ hai phần ba đề nghị đưa ra khỏi Đảng thì
//! báo cáo cấp ủy cấp trên trực tiếp và cấp ủy có thẩm quyền xem xét, quyết
//! định". This is that report.
//!
//! The product does not take the clerk's word that three rounds failed: the
//! case gives every round (its date, who was convened, the two tallies), each
//! round is decided again with `rules::screening`, and the paper is refused
//! before the third inconclusive round in a row
//! ([`screening::escalation_due`]), or under any other rule profile. The
//! latest round and the members carry the step-3 resolution's field names
//! (`cuoc_hop`, `dang_vien[].tien_bo`, `cac_lan_truoc[].ngay`…), so "Lập tiếp"
//! from the round-3 resolution fills them in.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::ket_qua_sang_loc::tally_cell;
use super::list::require_some;
use super::member_list::same_name;
use super::paper;
use super::{Prepared, checked};
use crate::case::common::{HeaderView, PageView, SignerView, require};
use crate::case::member;
use crate::error::Problem;
use crate::rules::ScreeningOutcome;
use crate::rules::format::{self, DocKind};
use crate::rules::regulations::Regulations;
use crate::rules::screening::{
    self, FIELD_PROGRESS, FIELD_REMOVAL, MAX_ROUNDS, NotEscalated, REVOTE_WITHIN_MEETINGS,
};
use crate::rules::vote::{self, Attendance, Ballot, Profile, Tally};
use crate::vocab::Label;

paper::case! {
    /// Case data of `bao-cao-ba-lan-bieu-quyet`.
    #[schemars(
        title = "Báo cáo đảng viên chi bộ đã ba lần biểu quyết chưa đủ số phiếu",
        description = "Theo Quy định 02-QĐ/TU của Thành ủy Hà Nội: báo cáo cấp ủy cấp trên trực tiếp và cấp ủy có thẩm quyền"
    )]
    pub struct Case;
    rule_profile = "Chỉ theo Quy định 02-QĐ/TU của Thành ủy Hà Nội";
    issuer = ("Chi bộ báo cáo", "");
    number = ("Số và ngày báo cáo", "");
    own {
        /// The meeting of the latest (third) round.
        #[schemars(
            title = "Cuộc họp biểu quyết lần thứ ba",
            description = "Cuộc họp chi bộ biểu quyết lần gần nhất"
        )]
        pub cuoc_hop: HopBieuQuyet,
        #[schemars(
            title = "Đảng viên chi bộ đã ba lần biểu quyết",
            description = "Mỗi người kèm kết quả lần biểu quyết thứ ba và các lần trước"
        )]
        #[schemars(length(min = 1))]
        pub dang_vien: Vec<DangVienBaLan>,
    }
    other_recipients = "Cấp ủy cấp trên trực tiếp, cấp ủy có thẩm quyền và bản lưu do dangvu tự thêm";
}

/// A meeting that voted: its date and attendance (the profile's base).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Cuộc họp biểu quyết", description = "")]
pub struct HopBieuQuyet {
    #[schemars(title = "Ngày họp")]
    pub ngay: NaiveDate,
    #[schemars(title = "Số lượng đảng viên")]
    pub so_luong: Attendance,
}

member::row! {
    /// A member and their three rounds.
    #[schemars(title = "Đảng viên đã ba lần biểu quyết", description = "")]
    pub struct DangVienBaLan {
        [name]
        [post]
        #[schemars(
            title = "Người giúp đỡ",
            description = "Đồng chí được phân công theo dõi, giúp đỡ",
            length(min = 1)
        )]
        pub nguoi_giup_do: String,
        /// The latest round's ballot on progress (at `cuoc_hop`).
        #[schemars(
            title = "Phiếu công nhận tiến bộ (lần thứ ba)",
            description = "Tại cuộc họp biểu quyết lần thứ ba"
        )]
        pub tien_bo: Tally,
        /// The latest round's ballot on removal.
        #[serde(default)]
        #[schemars(
            title = "Phiếu đề nghị đưa ra khỏi Đảng (lần thứ ba)",
            description = "Khi có trên một nửa không đồng ý công nhận sự tiến bộ"
        )]
        pub dua_ra_khoi_dang: Option<Tally>,
        /// The earlier rounds, in order.
        #[schemars(
            title = "Các lần biểu quyết trước",
            description = "Lần thứ nhất và lần thứ hai, theo thứ tự: ngày họp, số lượng đảng viên và kết quả bỏ phiếu"
        )]
        pub cac_lan_truoc: Vec<LanTruoc>,
    }
}

/// An earlier round, with what decided it.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Lần biểu quyết trước", description = "")]
pub struct LanTruoc {
    #[schemars(title = "Ngày họp", description = "Ngày cuộc họp đã biểu quyết")]
    pub ngay: NaiveDate,
    #[schemars(title = "Số lượng đảng viên tại cuộc họp đó")]
    pub so_luong: Attendance,
    #[schemars(title = "Phiếu công nhận tiến bộ")]
    pub tien_bo: Tally,
    #[serde(default)]
    #[schemars(
        title = "Phiếu đề nghị đưa ra khỏi Đảng",
        description = "Khi có trên một nửa không đồng ý công nhận sự tiến bộ"
    )]
    pub dua_ra_khoi_dang: Option<Tally>,
}

/// One round as the case gives it, with the path of its fields.
struct Round<'a> {
    path: String,
    ngay: NaiveDate,
    so_luong: &'a Attendance,
    tien_bo: &'a Tally,
    dua_ra_khoi_dang: Option<&'a Tally>,
}

impl DangVienBaLan {
    /// The rounds in order, the latest (at `meeting`) last.
    fn rounds<'a>(&'a self, path: &str, meeting: &'a HopBieuQuyet) -> Vec<Round<'a>> {
        let mut rounds: Vec<Round> = self
            .cac_lan_truoc
            .iter()
            .enumerate()
            .map(|(j, l)| Round {
                path: format!("{path}.cac_lan_truoc[{j}]"),
                ngay: l.ngay,
                so_luong: &l.so_luong,
                tien_bo: &l.tien_bo,
                dua_ra_khoi_dang: l.dua_ra_khoi_dang.as_ref(),
            })
            .collect();
        rounds.push(Round {
            path: path.to_owned(),
            ngay: meeting.ngay,
            so_luong: &meeting.so_luong,
            tien_bo: &self.tien_bo,
            dua_ra_khoi_dang: self.dua_ra_khoi_dang.as_ref(),
        });
        rounds
    }
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub struct View {
    page: PageView,
    header: HeaderView,
    title: String,
    subject: String,
    /// "Kính gửi" lines: the directly higher committee, the competent one.
    addressees: Vec<String>,
    /// The citation of Quy định 02-QĐ/TU.
    basis: String,
    branch: String,
    base_description: String,
    progress_threshold: String,
    removal_threshold: String,
    count: String,
    members: Vec<MemberRounds>,
    request: String,
    signer: SignerView,
    recipients: Vec<String>,
}

impl super::Case for Case {
    const ID: &'static str = "bao-cao-ba-lan-bieu-quyet";
    type View = View;

    fn prepare_view(self) -> Result<Prepared<View>, Vec<Problem>> {
        checked(|out| self.check(out))?;
        let org = &self.to_chuc;
        let o = org.organisation();
        let bodies = o.branch_bodies(self.quy_dinh);
        let higher = o.higher_committee.clone().unwrap_or_default();
        let mut addressees = vec![higher.clone()];
        if bodies.decider != higher {
            addressees.push(bodies.decider.clone());
        }
        let last = self.dang_vien.len().saturating_sub(1);
        let members = self
            .dang_vien
            .iter()
            .enumerate()
            .map(|(k, m)| MemberRounds {
                line: format!(
                    "{}. Đồng chí {}, sinh ngày {}{}; người giúp đỡ: đồng chí {}{}",
                    k + 1,
                    m.ho_ten.trim(),
                    format::date_inline(m.ngay_sinh),
                    m.chuc_vu
                        .as_deref()
                        .map(|p| format!(", {}", p.trim()))
                        .unwrap_or_default(),
                    m.nguoi_giup_do.trim(),
                    if k == last { "." } else { ";" }
                ),
                rows: self.rows(m),
            })
            .collect();
        let count = format!("{:02}", self.dang_vien.len());
        let request = format!(
            "{} báo cáo {} xem xét, quyết định đối với {count} đồng chí nêu trên.",
            org.ten.trim(),
            addressees.join(" và "),
        );
        let paper = self.paper();
        let (signer, recipients) = paper.sign_off(vec!["Như kính gửi (để báo cáo)".to_owned()]);
        let view = View {
            page: paper.page(),
            header: paper.header(DocKind::BaoCao),
            title: "BÁO CÁO".into(),
            subject: "về đảng viên chi bộ đã ba lần liên tục biểu quyết nhưng chưa đủ số phiếu"
                .into(),
            addressees: addressee_lines(&addressees),
            basis: Regulations::shipped()
                .defining(self.quy_dinh)
                .map(|r| r.citation())
                .unwrap_or_default(),
            branch: org.ten.trim().to_owned(),
            base_description: self.quy_dinh.base_description().into(),
            progress_threshold: self.quy_dinh.threshold(Ballot::Progress).label().into(),
            removal_threshold: self.quy_dinh.threshold(Ballot::Removal).label().into(),
            count,
            members,
            request,
            signer,
            recipients,
        };
        Ok(paper.prepare(view, "Báo cáo", DocKind::BaoCao))
    }
}

/// The "Kính gửi" lines: one body on the line itself, several as "- A;"
/// lines, the last ending with ".".
fn addressee_lines(bodies: &[String]) -> Vec<String> {
    match bodies {
        [one] => vec![one.clone()],
        many => many
            .iter()
            .enumerate()
            .map(|(k, b)| format!("- {b}{}", if k + 1 == many.len() { "." } else { ";" }))
            .collect(),
    }
}

/// A member and the table of their rounds.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub struct MemberRounds {
    line: String,
    /// Per round: number, date, base, progress ballot, removal ballot.
    rows: Vec<Vec<String>>,
}

/// "8 / 12 / 1 (36,36%)": the tally and the yes share of the base.
fn ballot_cell(t: &Tally, base: u32) -> String {
    format!(
        "{} ({})",
        tally_cell(t),
        format::ratio_percent(t.yes.into(), base.into())
    )
}

impl Case {
    /// The table of a member's rounds (all inconclusive: checked).
    fn rows(&self, m: &DangVienBaLan) -> Vec<Vec<String>> {
        m.rounds("", &self.cuoc_hop)
            .iter()
            .enumerate()
            .map(|(j, r)| {
                let base = r.so_luong.base(self.quy_dinh);
                vec![
                    (j + 1).to_string(),
                    format::date_inline(r.ngay),
                    format::integer(base.into()),
                    ballot_cell(r.tien_bo, base),
                    r.dua_ra_khoi_dang
                        .map(|t| ballot_cell(t, base))
                        .unwrap_or_else(|| "Không bỏ phiếu".into()),
                ]
            })
            .collect()
    }

    /// Checks everything; returns each member's round outcomes (valid only
    /// when no problem was found).
    fn check(&self, out: &mut Vec<Problem>) -> Vec<Vec<ScreeningOutcome>> {
        let day = self.van_ban.ngay;
        self.paper().check_branch("báo cáo này", out);
        if self.quy_dinh != Profile::Qd02TuHanoi2025 {
            out.push(Problem::new(
                "quy_dinh",
                "báo cáo sau ba lần biểu quyết chỉ có theo Quy định 02-QĐ/TU của Thành ủy Hà Nội (qd02-tu-hanoi-2025); theo Hướng dẫn 02-HD/BTCTW chi bộ bỏ phiếu một lần, chưa đủ số phiếu thì tiếp tục giúp đỡ và xem xét lại sau 12 tháng",
            ));
            return Vec::new();
        }
        for p in vote::check_attendance(self.quy_dinh, &self.cuoc_hop.so_luong) {
            out.push(p.prefixed("cuoc_hop.so_luong"));
        }
        if self.cuoc_hop.ngay > day {
            out.push(Problem::new(
                "cuoc_hop.ngay",
                "cuộc họp biểu quyết lần thứ ba phải có trước ngày báo cáo",
            ));
        }
        require_some(
            &self.dang_vien,
            "dang_vien",
            "cần ít nhất một đảng viên đã ba lần biểu quyết",
            out,
        );
        self.dang_vien
            .iter()
            .enumerate()
            .map(|(k, m)| self.check_member(k, m, out))
            .collect()
    }

    fn check_member(
        &self,
        k: usize,
        m: &DangVienBaLan,
        out: &mut Vec<Problem>,
    ) -> Vec<ScreeningOutcome> {
        let path = format!("dang_vien[{k}]");
        require(&m.ho_ten, format!("{path}.ho_ten"), out);
        require(&m.nguoi_giup_do, format!("{path}.nguoi_giup_do"), out);
        if m.ngay_sinh >= self.cuoc_hop.ngay {
            out.push(Problem::new(
                format!("{path}.ngay_sinh"),
                "ngày sinh phải trước ngày họp",
            ));
        }
        if !m.ho_ten.trim().is_empty()
            && self.dang_vien[..k]
                .iter()
                .any(|o| same_name(&o.ho_ten, &m.ho_ten))
        {
            out.push(Problem::new(
                format!("{path}.ho_ten"),
                format!("đồng chí {} đã có trong báo cáo", m.ho_ten.trim()),
            ));
        }
        let rounds = m.rounds(&path, &self.cuoc_hop);
        if rounds.len() > usize::from(MAX_ROUNDS) {
            out.push(refusal(
                &path,
                &rounds,
                NotEscalated::TooMany {
                    rounds: rounds.len(),
                },
            ));
            return Vec::new();
        }
        check_dates(&rounds, out);
        let before = out.len();
        let mut outcomes = Vec::new();
        for (j, r) in rounds.iter().enumerate() {
            let last = j + 1 == rounds.len();
            // j < MAX_ROUNDS, checked above.
            let number = u8::try_from(j + 1).unwrap_or(MAX_ROUNDS);
            match screening::screen(
                self.quy_dinh,
                r.so_luong,
                r.tien_bo,
                r.dua_ra_khoi_dang,
                number,
            ) {
                Ok(o) => outcomes.push(o),
                Err(ps) => {
                    for p in ps {
                        let ballot = [FIELD_PROGRESS, FIELD_REMOVAL]
                            .iter()
                            .any(|f| p.field == *f || p.field.starts_with(&format!("{f}.")));
                        if ballot {
                            out.push(p.prefixed(&r.path));
                        } else if !last {
                            // The latest meeting's attendance is checked once, under cuoc_hop.
                            out.push(p.prefixed(&format!("{}.so_luong", r.path)));
                        }
                    }
                }
            }
        }
        if out.len() == before
            && let Err(why) = screening::escalation_due(&outcomes)
        {
            out.push(refusal(&path, &rounds, why));
        }
        outcomes
    }
}

/// Each round after the one before it, and within the two regular meetings
/// that follow it ([`screening::revote_by`]).
fn check_dates(rounds: &[Round], out: &mut Vec<Problem>) {
    for (j, pair) in rounds.windows(2).enumerate() {
        let (earlier, later) = (&pair[0], &pair[1]);
        let field = if j + 2 == rounds.len() {
            // The latest round's date is the meeting's.
            "cuoc_hop.ngay".to_owned()
        } else {
            format!("{}.ngay", later.path)
        };
        if later.ngay <= earlier.ngay {
            out.push(Problem::new(
                field,
                format!(
                    "lần biểu quyết thứ {} phải sau lần thứ {} (ngày {})",
                    j + 2,
                    j + 1,
                    format::date_inline(earlier.ngay)
                ),
            ));
        } else if later.ngay > screening::revote_by(earlier.ngay) {
            out.push(Problem::new(
                field,
                format!(
                    "lần biểu quyết thứ {} phải trong {:02} kỳ sinh hoạt kế tiếp sau lần thứ {} (ngày {}), tức chậm nhất ngày {}: quá hạn thì không còn là biểu quyết liên tục",
                    j + 2,
                    REVOTE_WITHIN_MEETINGS,
                    j + 1,
                    format::date_inline(earlier.ngay),
                    format::date_inline(screening::revote_by(earlier.ngay))
                ),
            ));
        }
    }
}

/// The problem that refuses the report, on the field that shows why.
fn refusal(path: &str, rounds: &[Round], why: NotEscalated) -> Problem {
    match why {
        NotEscalated::TooEarly { rounds: n } => Problem::new(
            format!("{path}.cac_lan_truoc"),
            format!(
                "mới có {n} lần biểu quyết liên tục chưa đủ số phiếu: chi bộ biểu quyết lại trong {:02} kỳ sinh hoạt kế tiếp; chỉ báo cáo cấp trên sau lần thứ {MAX_ROUNDS} (ghi các lần trước vào đây)",
                REVOTE_WITHIN_MEETINGS
            ),
        ),
        NotEscalated::TooMany { rounds: n } => Problem::new(
            format!("{path}.cac_lan_truoc"),
            format!(
                "chi bộ biểu quyết tối đa {MAX_ROUNDS} lần liên tục, nhận được {n} lần: báo cáo cấp trên ngay sau lần thứ {MAX_ROUNDS}"
            ),
        ),
        NotEscalated::Settled { round, outcome } => {
            let ballot = match outcome {
                ScreeningOutcome::ProposeRemoval => FIELD_REMOVAL,
                _ => FIELD_PROGRESS,
            };
            let at = rounds.get(round).map(|r| r.path.as_str()).unwrap_or(path);
            Problem::new(
                format!("{at}.{ballot}.dong_y"),
                format!(
                    "lần biểu quyết thứ {} đã có kết quả ({}): chi bộ ra nghị quyết theo kết quả đó, không báo cáo như trường hợp ba lần chưa đủ số phiếu",
                    round + 1,
                    outcome.label().to_lowercase()
                ),
            )
        }
    }
}
