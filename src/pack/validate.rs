//! Step 1 of a pack: the committee decoded and checked — every branch's
//! roster read and its cases checked — before anything is prepared. Every
//! problem names its branch (in the field path, the message and
//! [`Problem::branch`]).

use serde_json::Value;

use super::{Committee, MAX_BRANCHES, Options};
use crate::case::input;
use crate::case::shape::WHOLE;
use crate::error::{Error, Problem, Result, RosterCell};
use crate::forms::models::bao_cao_ra_soat_quy as ra_soat;
use crate::forms::models::bao_cao_thong_ke_dang_vien as thong_ke;
use crate::roster::{self, Member};

/// A committee that passed every check, with each branch's roster read.
pub(super) struct Valid {
    /// The committee; its branches' `danh_sach` are emptied once read.
    pub committee: Committee,
    /// Each branch's members, in branch order.
    pub rosters: Vec<Vec<Member>>,
    /// Roster rows left out (`skip_bad_rows`).
    pub skipped: u64,
}

/// Decodes the committee and checks it. The JSON is parsed once; when it
/// does not decode, the branches' names are read from the parsed value.
pub(super) fn validate(
    committee_json: &[u8],
    opts: &Options,
    covers: &dyn Fn(char) -> bool,
) -> Result<Valid> {
    let value = input::parse(committee_json)?;
    let names = Names::sent(&value);
    let mut committee: Committee = input::decode_value(value, covers).map_err(|e| match e {
        Error::Invalid(problems) => Error::Invalid(names.locate(problems)),
        other => other,
    })?;
    let names = Names::of(&committee);
    let mut problems = branch_count(&committee);
    if committee.chi_bo.len() > MAX_BRANCHES {
        return Err(Error::Invalid(problems));
    }
    let (rosters, skipped) = read_rosters(&mut committee, opts, covers, &names, &mut problems);
    check_branches(&committee, &rosters, &names, &mut problems);
    if problems.is_empty() {
        Ok(Valid {
            committee,
            rosters,
            skipped,
        })
    } else {
        Err(Error::Invalid(problems))
    }
}

/// The branches' names, to name each problem's branch.
pub(super) struct Names(Vec<String>);

impl Names {
    /// Of a decoded committee.
    pub fn of(committee: &Committee) -> Self {
        Self(
            committee
                .chi_bo
                .iter()
                .map(|b| b.to_chuc.ten.clone())
                .collect(),
        )
    }

    /// Of a committee as sent, which did not decode: whatever each branch's
    /// `to_chuc.ten` holds, "?" where it holds no text.
    fn sent(value: &Value) -> Self {
        let branches = value["chi_bo"].as_array().map_or(&[][..], Vec::as_slice);
        Self(
            branches
                .iter()
                .map(|b| b["to_chuc"]["ten"].as_str().unwrap_or("?").to_string())
                .collect(),
        )
    }

    fn name(&self, i: usize) -> &str {
        self.0.get(i).map_or("?", String::as_str)
    }

    /// A problem of branch `i` on its `field` (relative to the branch).
    pub fn problem(&self, i: usize, field: &str, message: impl Into<String>) -> Problem {
        self.named(i, Problem::new(format!("chi_bo[{i}].{field}"), message))
    }

    /// A problem already addressed from the committee (`chi_bo[i]…`),
    /// named after branch `i`.
    pub fn named(&self, i: usize, mut p: Problem) -> Problem {
        let name = self.name(i);
        p.message = format!("[{name}] {}", p.message);
        p.branch = Some(name.to_string());
        p
    }

    /// Names the branch of each decoding problem, by the index its path
    /// starts with (`chi_bo[12].…`); problems of the committee itself stay
    /// as they are.
    fn locate(&self, problems: Vec<Problem>) -> Vec<Problem> {
        problems
            .into_iter()
            .map(|p| match branch_index(&p.field) {
                Some(i) => self.named(i, p),
                None => p,
            })
            .collect()
    }
}

/// `chi_bo[12].x` → 12.
fn branch_index(field: &str) -> Option<usize> {
    let rest = field.strip_prefix("chi_bo[")?;
    rest.split(']').next()?.parse().ok()
}

/// At least one branch, at most [`MAX_BRANCHES`].
fn branch_count(committee: &Committee) -> Vec<Problem> {
    let n = committee.chi_bo.len();
    let mut problems = Vec::new();
    if n == 0 {
        problems.push(Problem::new("chi_bo", "đảng ủy cần ít nhất một chi bộ"));
    }
    if n > MAX_BRANCHES {
        problems.push(Problem::new(
            "chi_bo",
            format!("quá nhiều chi bộ: {n} (tối đa {MAX_BRANCHES} trong một bộ báo cáo)"),
        ));
    }
    problems
}

/// Reads every branch's roster (its JSON is dropped from the committee once
/// read) and checks the members; returns the rosters and the rows skipped.
fn read_rosters(
    committee: &mut Committee,
    opts: &Options,
    covers: &dyn Fn(char) -> bool,
    names: &Names,
    problems: &mut Vec<Problem>,
) -> (Vec<Vec<Member>>, u64) {
    let at = committee.ky_bao_cao.end();
    let mut rosters = Vec::with_capacity(committee.chi_bo.len());
    let mut skipped = 0u64;
    for (i, b) in committee.chi_bo.iter_mut().enumerate() {
        let roster = Roster::read(std::mem::take(&mut b.danh_sach), opts, covers);
        for problem in roster.problems {
            match (problem, opts.skip_bad_rows) {
                (RosterProblem::Row(_), true) => {}
                (RosterProblem::Unreadable(p) | RosterProblem::Row(p), _) => {
                    problems.push(names.named(i, within(i, p)));
                }
            }
        }
        if opts.skip_bad_rows {
            skipped += roster.bad_rows as u64;
        }
        let path = format!("chi_bo[{i}].danh_sach");
        let mut found = Vec::new();
        thong_ke::check_members(&roster.members, at, &path, &mut found);
        problems.extend(found.into_iter().map(|p| names.named(i, p)));
        rosters.push(roster.members);
    }
    (rosters, skipped)
}

/// Each branch is a branch, and its cases fit its roster and the quarter.
fn check_branches(
    committee: &Committee,
    rosters: &[Vec<Member>],
    names: &Names,
    problems: &mut Vec<Problem>,
) {
    let q = committee.ky_bao_cao;
    for (i, b) in committee.chi_bo.iter().enumerate() {
        if !b.to_chuc.loai.is_branch() {
            problems.push(names.problem(
                i,
                "to_chuc.loai",
                "đơn vị trực thuộc phải là chi bộ (chi-bo-truc-thuoc hoặc chi-bo-co-so)",
            ));
        }
        let unit = ra_soat::DonVi {
            ten: None,
            so_dang_vien_ra_soat: rosters[i].len() as u32,
            truong_hop: b.truong_hop.clone(),
        };
        let mut found = Vec::new();
        // The cases are the branch's own; the count they must fit in is
        // its roster's length.
        let branch = format!("chi_bo[{i}]");
        let roster = format!("{branch}.danh_sach");
        ra_soat::check_cases(&unit, &q, &branch, &roster, &mut found);
        problems.extend(found.into_iter().map(|p| names.named(i, p)));
    }
}

/// What is wrong in a branch's roster, addressed from the roster
/// (`danh_sach…`).
enum RosterProblem {
    /// The roster as a whole cannot be read (no such file, not a list of
    /// members): the pack is refused even when bad rows may be skipped.
    Unreadable(Problem),
    /// One row is wrong: left out (and counted) when bad rows may be skipped.
    Row(Problem),
}

/// A roster's problem (`danh_sach…`) addressed from the committee, in
/// branch `i`.
fn within(i: usize, mut p: Problem) -> Problem {
    p.field = format!("chi_bo[{i}].{}", p.field);
    p
}

/// A branch's roster as read: the good members, the problems, and how many
/// rows were bad.
struct Roster {
    members: Vec<Member>,
    problems: Vec<RosterProblem>,
    bad_rows: usize,
}

/// A roster's own field, from which its problems are addressed.
const ROSTER: &str = "danh_sach";

impl Roster {
    /// Members inline (a JSON array), or the name of a CSV/XLSX file: sent
    /// with the committee (an upload) or, for the CLI, beside it on disk.
    fn read(listed: Value, opts: &Options, covers: &dyn Fn(char) -> bool) -> Self {
        match listed {
            Value::Array(items) => Self::inline(items, covers),
            Value::String(file) => Self::file(&file, opts, covers),
            _ => Self::unreadable(Problem::new(
                ROSTER,
                "cần một mảng đảng viên hoặc đường dẫn tệp CSV/XLSX",
            )),
        }
    }

    fn unreadable(problem: Problem) -> Self {
        Self {
            members: Vec::new(),
            problems: vec![RosterProblem::Unreadable(problem)],
            bad_rows: 0,
        }
    }

    fn inline(items: Vec<Value>, covers: &dyn Fn(char) -> bool) -> Self {
        let mut roster = Self {
            members: Vec::with_capacity(items.len()),
            problems: Vec::new(),
            bad_rows: 0,
        };
        for (k, item) in items.into_iter().enumerate() {
            let row = format!("{ROSTER}[{k}]");
            match input::decode_value::<Member>(item, covers) {
                Ok(m) => roster.members.push(m),
                Err(Error::Invalid(ps)) => {
                    roster.bad_rows += 1;
                    for p in ps {
                        let field = if p.field == WHOLE {
                            row.clone()
                        } else {
                            format!("{row}.{}", p.field.trim_start_matches('.'))
                        };
                        roster.row(Problem::new(field, p.message));
                    }
                }
                Err(e) => {
                    roster.bad_rows += 1;
                    roster.row(Problem::new(row, e.to_string()));
                }
            }
        }
        roster
    }

    fn file(file: &str, opts: &Options, covers: &dyn Fn(char) -> bool) -> Self {
        let read = match (opts.files.get(file), &opts.base_dir) {
            (Some(bytes), _) => roster::read_bytes(file, bytes),
            (None, Some(base)) => roster::read_path(&base.join(file)),
            (None, None) if opts.files.is_empty() => {
                return Self::unreadable(Problem::new(
                    ROSTER,
                    "danh sách phải gửi kèm trực tiếp (mảng đảng viên) hoặc tải lên tệp, không nhận đường dẫn tệp",
                ));
            }
            (None, None) => {
                return Self::unreadable(Problem::new(
                    ROSTER,
                    format!("không có tệp danh sách \"{file}\" trong các tệp tải lên"),
                ));
            }
        };
        let parsed = match read {
            Ok(parsed) => parsed,
            Err(e @ roster::ReadError::File { .. }) => {
                return Self::unreadable(Problem::new(ROSTER, e.to_string()));
            }
            Err(roster::ReadError::Row(e)) => {
                return Self::unreadable(located(Problem::new(ROSTER, e.to_string()), &e));
            }
        };
        let mut rows = std::collections::BTreeSet::new();
        let mut roster = Self {
            members: Vec::with_capacity(parsed.members.len()),
            problems: Vec::new(),
            bad_rows: 0,
        };
        for e in parsed.errors {
            rows.insert(e.row);
            roster.row(located(Problem::new(ROSTER, e.to_string()), &e));
        }
        roster.bad_rows = rows.len();
        for (k, m) in parsed.members.into_iter().enumerate() {
            match m
                .ho_ten
                .as_deref()
                .and_then(|name| unprintable(name, covers))
            {
                Some(c) => {
                    roster.bad_rows += 1;
                    roster.row(Problem::new(
                        ROSTER,
                        format!(
                            "đảng viên thứ {}: họ tên chứa ký tự U+{:04X} không in được",
                            k + 1,
                            c as u32
                        ),
                    ));
                }
                None => roster.members.push(m),
            }
        }
        roster
    }

    fn row(&mut self, problem: Problem) {
        self.problems.push(RosterProblem::Row(problem));
    }
}

/// The first character of a name the shipped fonts cannot print.
fn unprintable(name: &str, covers: &dyn Fn(char) -> bool) -> Option<char> {
    name.chars()
        .find(|c| c.is_control() || !(c.is_whitespace() || covers(*c)))
}

/// A roster problem with its cell, when the table names one.
fn located(problem: Problem, e: &roster::RowError) -> Problem {
    problem.in_cell(RosterCell {
        sheet: e.sheet.clone(),
        row: e.row,
        column: e.column.as_ref().map(|c| c.letter.clone()),
        header: e.column.as_ref().and_then(|c| c.header.clone()),
    })
}
