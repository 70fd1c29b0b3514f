//! Who is asked, approves, verifies, decides, receives and signs (rules.md §5).
//!
//! One model of the party's organisation levels as the seeds describe them after
//! the 2025 reorganisation: a ward's party committee is the committee directly
//! above the grassroots organisations (cấp trên trực tiếp của tổ chức cơ sở
//! đảng, seed 000 §1.3) and its grassroots organisations are đảng bộ cơ sở and
//! chi bộ cơ sở — the residential groups' branches among them (seed 003: "72 tổ
//! chức cơ sở Đảng trực thuộc … 37 tổ chức là chi bộ tổ dân phố"). A chi bộ
//! trực thuộc sits under a đảng ủy cơ sở. Every body a document names is derived
//! here from the organisation's level, its higher committee's name and the rule
//! profile, so no two forms can disagree about them.

use super::vote::Profile;

/// The level of the issuing organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Level {
    /// Chi bộ trực thuộc đảng ủy cơ sở: no seal; reports to its đảng ủy cơ sở.
    BranchUnderGrassroots,
    /// Chi bộ cơ sở (e.g. a residential group's branch under the ward's
    /// committee): a grassroots organisation with its own seal.
    GrassrootsBranch,
    /// Đảng ủy cơ sở.
    GrassrootsCommittee,
    /// Đảng ủy cấp trên trực tiếp của tổ chức cơ sở đảng (a ward's committee),
    /// which acts through its Ban Thường vụ.
    AboveGrassroots,
}

impl Level {
    /// A branch (chi bộ) rather than a committee.
    pub fn is_branch(self) -> bool {
        matches!(self, Level::BranchUnderGrassroots | Level::GrassrootsBranch)
    }

    /// Whether the issuer has a seal: every level but a chi bộ trực thuộc.
    pub fn has_seal(self) -> bool {
        self != Level::BranchUnderGrassroots
    }

    /// The authority line of its signature: the seeds' ward documents are all
    /// signed for the Ban Thường vụ [000, 002, 003, 004].
    pub fn authority(self) -> &'static str {
        match self {
            Level::BranchUnderGrassroots | Level::GrassrootsBranch => "T/M CHI BỘ",
            Level::GrassrootsCommittee => "T/M ĐẢNG ỦY",
            Level::AboveGrassroots => "T/M BAN THƯỜNG VỤ",
        }
    }

    /// Where the file copy stays ("Lưu …").
    pub fn file_copy(self) -> &'static str {
        if self.is_branch() {
            "Chi bộ"
        } else {
            "Văn phòng Đảng ủy"
        }
    }
}

/// The committee of a party organisation named "Đảng bộ …" ("Đảng ủy …"); a
/// name that already is a committee's is kept.
pub fn committee_of(party: &str) -> Option<String> {
    if party.starts_with("Đảng ủy ") {
        return Some(party.to_owned());
    }
    party
        .strip_prefix("Đảng bộ ")
        .map(|rest| format!("Đảng ủy {rest}"))
}

/// How the branch's step-1 list is approved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListApproval {
    /// A higher body approves it ("báo cáo … phê duyệt").
    By(String),
    /// The branch (a chi bộ cơ sở under Hà Nội's rule) approves it in its own
    /// resolution and reports it upward ("báo cáo cấp ủy cấp trên, nếu thấy cần
    /// thiết" [000 appendix]).
    Itself { informs: String },
}

/// The bodies a branch's screening documents name, for one profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BranchBodies {
    /// Asked for guidance on the draft list before the step-1 ballot (hd02:
    /// "xin ý kiến chỉ đạo" [001]); Hà Nội asks for none.
    pub guidance: Option<String>,
    /// Step 1.
    pub list_approval: ListApproval,
    /// Step 3, progress recognised: who is told, and the words after its name.
    pub progress_to: String,
    pub progress_words: &'static str,
    /// Step 3, removal proposed / immediate removal: to whom the proposal goes
    /// and the words after its name.
    pub removal_to: String,
    pub removal_words: &'static str,
    /// Step 4: who verifies and who decides ("UBKT Đảng uỷ … báo cáo Ban Thường
    /// vụ xem xét, quyết định" [000 III.4]).
    pub verifier: String,
    pub decider: String,
    /// Exemption from party work: "đề nghị Đảng ủy quyết định" [000 §1.4].
    pub exemption_decider: String,
}

/// An organisation placed in the model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Organisation {
    pub level: Level,
    /// Its own name ("Chi bộ Tổ dân phố số 5", "Đảng bộ phường Vân Lam").
    pub name: String,
    /// The committee directly above it ("Đảng ủy phường Vân Lam"), if any.
    pub higher_committee: Option<String>,
}

impl Organisation {
    /// The issuer line of its documents: a branch issues in its own name, a
    /// party organisation's documents are issued by its committee ("ĐẢNG ỦY
    /// PHƯỜNG …" on a BC/ĐU, never "ĐẢNG BỘ …").
    pub fn issuer(&self) -> String {
        if self.level.is_branch() {
            self.name.clone()
        } else {
            committee_of(&self.name).unwrap_or_else(|| self.name.clone())
        }
    }

    fn higher(&self) -> String {
        self.higher_committee.clone().unwrap_or_default()
    }

    /// Where its reports go ("… (để báo cáo)" in Nơi nhận): a chi bộ trực thuộc
    /// to its đảng ủy cơ sở, a grassroots organisation to the higher
    /// committee's Ban Thường vụ [004 VI], a ward's committee to the higher
    /// committee's organisation department ("Ban Tổ chức Thành ủy" [000, 003]).
    pub fn reports_to(&self) -> Option<String> {
        let higher = self.higher_committee.as_ref()?;
        Some(match self.level {
            Level::BranchUnderGrassroots => higher.clone(),
            Level::GrassrootsBranch | Level::GrassrootsCommittee => {
                format!("Ban Thường vụ {higher}")
            }
            Level::AboveGrassroots => format!("Ban Tổ chức {higher}"),
        })
    }

    /// The bodies a branch's screening documents name under `profile`
    /// ([001] for hd02, [000 appendix] for Hà Nội). For a chi bộ trực thuộc the
    /// committee above its đảng ủy cơ sở is not part of the case data, so it is
    /// named by its role.
    pub fn branch_bodies(&self, profile: Profile) -> BranchBodies {
        let higher = self.higher();
        let standing = format!("Ban Thường vụ {higher}");
        let under_grassroots = self.level == Level::BranchUnderGrassroots;
        // The body that approves a list and decides on a proposal directly.
        let approver = if under_grassroots {
            higher.clone()
        } else {
            standing.clone()
        };
        let (verifier, decider) = if under_grassroots {
            (
                "Ủy ban Kiểm tra của cấp ủy có thẩm quyền".to_owned(),
                "Ban Thường vụ cấp ủy cấp trên trực tiếp của tổ chức cơ sở đảng".to_owned(),
            )
        } else {
            (format!("Ủy ban Kiểm tra {higher}"), standing.clone())
        };
        let removal_words = if under_grassroots {
            "xem xét, đề nghị cấp ủy có thẩm quyền quyết định đưa đảng viên ra khỏi Đảng theo thẩm quyền"
        } else {
            "xem xét, quyết định đưa đảng viên ra khỏi Đảng theo thẩm quyền"
        };
        match profile {
            Profile::Hd02Btctw2021 => BranchBodies {
                guidance: Some(approver.clone()),
                list_approval: ListApproval::By(approver.clone()),
                progress_to: approver.clone(),
                progress_words: "xem xét, phê duyệt đưa đảng viên ra khỏi danh sách cần theo dõi giáo dục, giúp đỡ",
                removal_to: approver,
                removal_words,
                verifier,
                decider,
                exemption_decider: higher,
            },
            Profile::Qd02TuHanoi2025 => BranchBodies {
                guidance: None,
                list_approval: if under_grassroots {
                    ListApproval::By(higher.clone())
                } else {
                    ListApproval::Itself {
                        informs: standing.clone(),
                    }
                },
                progress_to: higher.clone(),
                progress_words: "biết",
                removal_to: approver,
                removal_words,
                verifier,
                decider,
                exemption_decider: higher,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn org(level: Level, name: &str, higher: &str) -> Organisation {
        Organisation {
            level,
            name: name.into(),
            higher_committee: Some(higher.into()),
        }
    }

    const WARD: &str = "Đảng ủy phường Vân Lam";
    const GRASSROOTS: &str = "Đảng ủy Trường Trung học phổ thông Vân Lam";

    /// (organisation, profile) → guidance, list approval, removal goes to,
    /// verifier, decider.
    type Row<'a> = (
        &'a Organisation,
        Profile,
        Option<&'a str>,
        ListApproval,
        &'a str,
        &'a str,
        &'a str,
    );

    #[test]
    fn the_bodies_named_for_each_level_under_both_profiles() {
        let direct = org(Level::GrassrootsBranch, "Chi bộ Tổ dân phố số 5", WARD);
        let under = org(Level::BranchUnderGrassroots, "Chi bộ Giáo viên", GRASSROOTS);
        let bt_ward = format!("Ban Thường vụ {WARD}");
        let cases: Vec<Row> = vec![
            (
                &direct,
                Profile::Hd02Btctw2021,
                Some(bt_ward.as_str()),
                ListApproval::By(bt_ward.clone()),
                bt_ward.as_str(),
                "Ủy ban Kiểm tra Đảng ủy phường Vân Lam",
                bt_ward.as_str(),
            ),
            (
                &direct,
                Profile::Qd02TuHanoi2025,
                None,
                ListApproval::Itself {
                    informs: bt_ward.clone(),
                },
                bt_ward.as_str(),
                "Ủy ban Kiểm tra Đảng ủy phường Vân Lam",
                bt_ward.as_str(),
            ),
            (
                &under,
                Profile::Hd02Btctw2021,
                Some(GRASSROOTS),
                ListApproval::By(GRASSROOTS.into()),
                GRASSROOTS,
                "Ủy ban Kiểm tra của cấp ủy có thẩm quyền",
                "Ban Thường vụ cấp ủy cấp trên trực tiếp của tổ chức cơ sở đảng",
            ),
            (
                &under,
                Profile::Qd02TuHanoi2025,
                None,
                ListApproval::By(GRASSROOTS.into()),
                GRASSROOTS,
                "Ủy ban Kiểm tra của cấp ủy có thẩm quyền",
                "Ban Thường vụ cấp ủy cấp trên trực tiếp của tổ chức cơ sở đảng",
            ),
        ];
        for (o, p, guidance, approval, removal_to, verifier, decider) in cases {
            let b = o.branch_bodies(p);
            let at = format!("{:?} {p:?}", o.level);
            assert_eq!(b.guidance.as_deref(), guidance, "{at}");
            assert_eq!(b.list_approval, approval, "{at}");
            assert_eq!(b.removal_to, removal_to, "{at}");
            assert!(b.removal_words.ends_with("theo thẩm quyền"), "{at}");
            assert_eq!(b.verifier, verifier, "{at}");
            assert_eq!(b.decider, decider, "{at}");
            assert_eq!(
                b.exemption_decider,
                o.higher_committee.clone().unwrap(),
                "{at}"
            );
        }
        // Hà Nội: progress is reported to the directly higher committee "biết".
        let b = direct.branch_bodies(Profile::Qd02TuHanoi2025);
        assert_eq!((b.progress_to.as_str(), b.progress_words), (WARD, "biết"));
        let b = direct.branch_bodies(Profile::Hd02Btctw2021);
        assert_eq!(b.progress_to, bt_ward);
    }

    #[test]
    fn issuer_signer_seal_and_report_recipient_per_level() {
        let rows = [
            (
                org(Level::BranchUnderGrassroots, "Chi bộ Giáo viên", GRASSROOTS),
                "Chi bộ Giáo viên",
                "T/M CHI BỘ",
                false,
                GRASSROOTS.to_owned(),
            ),
            (
                org(Level::GrassrootsBranch, "Chi bộ Tổ dân phố số 5", WARD),
                "Chi bộ Tổ dân phố số 5",
                "T/M CHI BỘ",
                true,
                format!("Ban Thường vụ {WARD}"),
            ),
            (
                org(
                    Level::GrassrootsCommittee,
                    "Đảng bộ Trường Trung học phổ thông Vân Lam",
                    WARD,
                ),
                GRASSROOTS,
                "T/M ĐẢNG ỦY",
                true,
                format!("Ban Thường vụ {WARD}"),
            ),
            (
                org(
                    Level::AboveGrassroots,
                    "Đảng bộ phường Vân Lam",
                    "Thành ủy Hà Nội",
                ),
                WARD,
                "T/M BAN THƯỜNG VỤ",
                true,
                "Ban Tổ chức Thành ủy Hà Nội".to_owned(),
            ),
        ];
        for (o, issuer, authority, seal, reports_to) in rows {
            assert_eq!(o.issuer(), issuer);
            assert_eq!(o.level.authority(), authority);
            assert_eq!(o.level.has_seal(), seal);
            assert_eq!(o.reports_to().as_deref(), Some(reports_to.as_str()));
        }
        // A committee named as such keeps its name.
        let ward = org(Level::AboveGrassroots, WARD, "Thành ủy Hà Nội");
        assert_eq!(ward.issuer(), WARD);
    }
}
