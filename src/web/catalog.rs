//! How clerks find forms: the groups of the home page, one line on when each
//! form is used, and which document usually comes next from the same case.
//!
//! Forms are known by their id (the folder name). A form loaded from
//! `--forms DIR` that this table does not know still appears, under its
//! category's group (or "Biểu mẫu khác") and without a usage line.

/// A group of the home page, in the order clerks meet the papers.
pub struct Group {
    /// The `category` of `form.json`.
    pub category: &'static str,
    pub title: &'static str,
}

pub const GROUPS: [Group; 8] = [
    Group {
        category: "nghi-quyet",
        title: "Nghị quyết chi bộ",
    },
    Group {
        category: "don",
        title: "Đơn của đảng viên",
    },
    Group {
        category: "dang-uy",
        title: "Văn bản của đảng ủy, Ủy ban Kiểm tra",
    },
    Group {
        category: "bien-ban",
        title: "Biên bản",
    },
    Group {
        category: "tu-kiem-diem",
        title: "Bản tự kiểm điểm",
    },
    Group {
        category: "chuyen-sinh-hoat",
        title: "Chuyển sinh hoạt đảng",
    },
    Group {
        category: "bao-cao",
        title: "Báo cáo",
    },
    Group {
        category: "so-van-ban",
        title: "Sổ văn bản",
    },
];

/// The group of forms whose category no group names.
pub const OTHER_GROUP: &str = "Biểu mẫu khác";

/// The order forms appear in within a group: the order clerks meet them
/// (step 1, 2, 3 of the help-and-screening workflow first).
pub const ORDER: [&str; 23] = [
    "cong-van-xin-y-kien-danh-sach",
    "nghi-quyet-dua-vao-dien-giup-do",
    "thong-bao-phe-duyet-danh-sach",
    "nghi-quyet-phan-cong-giup-do",
    "nghi-quyet-ket-qua-sang-loc",
    "bao-cao-ba-lan-bieu-quyet",
    "nghi-quyet-de-nghi-xoa-ten",
    "nghi-quyet-dang-uy-de-nghi-dua-ra-khoi-dang",
    "bao-cao-tham-tra-xac-minh",
    "quyet-dinh-dua-ra-khoi-dang",
    "don-xin-mien-sinh-hoat",
    "nghi-quyet-mien-sinh-hoat",
    "quyet-dinh-mien-sinh-hoat",
    "bien-ban-kiem-phieu",
    "bien-ban-hop-chi-bo",
    "ban-tu-kiem-diem",
    "giay-gioi-thieu-sinh-hoat",
    "phieu-bao-chuyen-sinh-hoat",
    "danh-sach-phieu-bao-qua-han",
    "bao-cao-ra-soat-quy",
    "bao-cao-thong-ke-dang-vien",
    "bao-cao-tu-kiem-tra",
    "so-van-ban-di",
];

/// A form's place in [`ORDER`]; forms it does not name come last.
pub fn rank(form: &str) -> usize {
    ORDER.iter().position(|f| *f == form).unwrap_or(ORDER.len())
}

/// One line on when a form is used, in a clerk's words.
pub fn usage(form: &str) -> Option<&'static str> {
    Some(match form {
        "cong-van-xin-y-kien-danh-sach" => {
            "Trước bước 1: chi bộ xin ý kiến chỉ đạo của cấp ủy cấp trên về danh sách đảng viên dự kiến."
        }
        "nghi-quyet-dua-vao-dien-giup-do" => {
            "Bước 1: chi bộ bỏ phiếu đưa đảng viên vào danh sách cần giáo dục, giúp đỡ."
        }
        "thong-bao-phe-duyet-danh-sach" => {
            "Đầu bước 2: chi ủy báo cho đảng viên trong danh sách đã được phê duyệt và yêu cầu viết bản tự kiểm điểm."
        }
        "nghi-quyet-phan-cong-giup-do" => {
            "Bước 2: chi bộ phân công đảng viên theo dõi, giúp đỡ người trong danh sách."
        }
        "nghi-quyet-ket-qua-sang-loc" => {
            "Bước 3: hết thời gian giúp đỡ, chi bộ bỏ phiếu công nhận tiến bộ hoặc đề nghị đưa ra khỏi Đảng."
        }
        "bao-cao-ba-lan-bieu-quyet" => {
            "Hà Nội: chi bộ đã ba lần liên tục biểu quyết chưa đủ số phiếu, báo cáo cấp ủy cấp trên trực tiếp và cấp ủy có thẩm quyền."
        }
        "quyet-dinh-dua-ra-khoi-dang" => {
            "Bước 4: Ban Thường vụ quyết định xóa tên, khai trừ, hoặc thông báo tiếp tục giúp đỡ và xem xét lại sau 12 tháng."
        }
        "nghi-quyet-de-nghi-xoa-ten" => {
            "Khi đảng viên bỏ sinh hoạt, không đóng đảng phí hoặc vi phạm, chi bộ đề nghị xóa tên."
        }
        "nghi-quyet-dang-uy-de-nghi-dua-ra-khoi-dang" => {
            "Sau bước 3: đảng ủy cơ sở tổng hợp đề nghị đưa đảng viên ra khỏi Đảng của các chi bộ trực thuộc, báo cáo Ban Thường vụ cấp trên."
        }
        "bao-cao-tham-tra-xac-minh" => {
            "Bước 4: Ủy ban Kiểm tra báo cáo Ban Thường vụ kết quả thẩm tra, xác minh, kết luận về vi phạm của từng đảng viên."
        }
        "nghi-quyet-mien-sinh-hoat" => {
            "Khi đảng viên xin miễn công tác và sinh hoạt đảng: chi bộ xét đơn, báo cáo hoặc đề nghị đảng ủy quyết định."
        }
        "don-xin-mien-sinh-hoat" => {
            "Đảng viên tuổi cao, sức yếu hoặc có lý do khác làm đơn xin miễn công tác và sinh hoạt đảng gửi chi bộ."
        }
        "quyet-dinh-mien-sinh-hoat" => {
            "Đảng ủy quyết định miễn công tác và sinh hoạt đảng có thời hạn theo nghị quyết đề nghị của chi bộ."
        }
        "danh-sach-phieu-bao-qua-han" => {
            "Ba tháng một lần: đảng ủy kiểm tra phiếu báo, lập danh sách đảng viên quá 03 tháng chưa nộp hồ sơ chuyển sinh hoạt."
        }
        "bien-ban-kiem-phieu" => "Ban kiểm phiếu lập sau mỗi lần chi bộ bỏ phiếu kín.",
        "bien-ban-hop-chi-bo" => {
            "Thư ký ghi diễn biến cuộc họp chi bộ ở bước 1, 2 hoặc 3, khớp với nghị quyết của cuộc họp."
        }
        "ban-tu-kiem-diem" => {
            "Đảng viên tự kiểm điểm khi được giúp đỡ, sau thời gian giúp đỡ, cuối năm hoặc khi mất thẻ đảng."
        }
        "giay-gioi-thieu-sinh-hoat" => {
            "Khi đảng viên chuyển sinh hoạt đảng chính thức hoặc tạm thời sang nơi khác."
        }
        "phieu-bao-chuyen-sinh-hoat" => {
            "Gửi kèm giấy giới thiệu khi đảng viên chuyển sinh hoạt đảng chính thức."
        }
        "bao-cao-ra-soat-quy" => {
            "Hằng quý: kết quả rà soát, sàng lọc đảng viên của chi bộ hoặc đảng ủy."
        }
        "bao-cao-thong-ke-dang-vien" => {
            "Số đảng viên theo giới tính, tuổi, trình độ và biến động trong kỳ."
        }
        "bao-cao-tu-kiem-tra" => {
            "Kết quả chi bộ tự kiểm tra công tác đảng viên và sinh hoạt chi bộ."
        }
        "so-van-ban-di" => {
            "In sổ đăng ký văn bản đi của một kỳ: số, ngày, trích yếu, người ký, nơi nhận, văn bản đã hủy."
        }
        _ => return None,
    })
}

/// Who issues a next document, against the paper it follows from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Issuer {
    /// The same body (a branch's resolution, then its minutes): the issuer's
    /// parts carry over with the rest.
    Same,
    /// Another body (a branch's resolution, then the committee's paper): the
    /// issuer's parts are left behind, or the clerk would send the
    /// committee's paper under the branch's name and number.
    Other,
}

/// A document a clerk usually makes next, and who issues it.
#[derive(Debug, Clone, Copy)]
pub struct Next {
    pub form: &'static str,
    pub issuer: Issuer,
    /// Parts of this case the next form names otherwise, copied before the
    /// issuer's parts are left behind: `(from, to)` as dotted paths, where
    /// `[]` in `to` means every member of that list and a number one member
    /// (the branch's resolution becomes the committee's reference to it).
    pub moves: &'static [Move],
}

/// A part of the case copied under another name: `(from, to)`.
pub type Move = (&'static str, &'static str);

/// The source of a move that is not a part of the case but the document's
/// number as it prints it ("08-NQ/CB", formed by the form itself and given
/// by the check route): what a paper citing it by its printed number takes,
/// where `van_ban.so` is the bare number.
pub const PRINTED_NUMBER: &str = "=so-ky-hieu";

/// A branch's resolution as the paper above it refers to it: its number
/// and date, and the branch, on every member row.
const BRANCH_RESOLUTION_ON_ROWS: &[Move] = &[
    ("to_chuc.ten", "dang_vien[].chi_bo"),
    ("van_ban.so", "dang_vien[].nghi_quyet.so"),
    ("van_ban.ngay", "dang_vien[].nghi_quyet.ngay"),
];

/// The parts of a case that belong to the body issuing it: its name and
/// code, the paper's number and date, the signer and the recipients.
pub const ISSUER_PARTS: [&str; 4] = ["to_chuc", "van_ban", "nguoi_ky", "noi_nhan"];

impl Next {
    /// The top-level parts of this case the next form does not take.
    pub fn leaves(&self) -> &'static [&'static str] {
        match self.issuer {
            Issuer::Same => &[],
            Issuer::Other => &ISSUER_PARTS,
        }
    }
}

const fn same(form: &'static str) -> Next {
    Next {
        form,
        issuer: Issuer::Same,
        moves: &[],
    }
}

const fn other(form: &'static str) -> Next {
    Next {
        form,
        issuer: Issuer::Other,
        moves: &[],
    }
}

/// Another body's paper that refers to this one under other names.
const fn citing(form: &'static str, moves: &'static [Move]) -> Next {
    Next {
        form,
        issuer: Issuer::Other,
        moves,
    }
}

/// The documents a clerk usually makes next from the same case: the step-1
/// resolution and its vote-count record, step 1 → step 2 → step 3 for the
/// same members, the papers of the committee, the inspection commission and
/// the Ban Thường vụ after a removal, the introduction letter and its notice.
/// The next page keeps whatever its own form shares with this one, except
/// the issuer's parts when another body issues it.
pub fn next(form: &str) -> &'static [Next] {
    NEXT.iter()
        .find(|(from, _)| *from == form)
        .map_or(&[], |(_, next)| next)
}

/// The xóa tên resolution's one member as the first row of a list.
const ONE_MEMBER_BRANCH_RESOLUTION: &[Move] = &[
    ("dang_vien", "dang_vien.0"),
    ("to_chuc.ten", "dang_vien[].chi_bo"),
    ("van_ban.so", "dang_vien[].nghi_quyet.so"),
    ("van_ban.ngay", "dang_vien[].nghi_quyet.ngay"),
];

/// [`next`]'s table: a form, the documents that follow from it.
static NEXT: &[(&str, &[Next])] = &[
    (
        "cong-van-xin-y-kien-danh-sach",
        &[same("nghi-quyet-dua-vao-dien-giup-do")],
    ),
    (
        "nghi-quyet-dua-vao-dien-giup-do",
        &[
            same("bien-ban-kiem-phieu"),
            same("bien-ban-hop-chi-bo"),
            same("thong-bao-phe-duyet-danh-sach"),
        ],
    ),
    (
        "thong-bao-phe-duyet-danh-sach",
        &[same("nghi-quyet-phan-cong-giup-do")],
    ),
    (
        "nghi-quyet-phan-cong-giup-do",
        &[
            same("bien-ban-hop-chi-bo"),
            same("nghi-quyet-ket-qua-sang-loc"),
        ],
    ),
    (
        "nghi-quyet-ket-qua-sang-loc",
        &[
            same("bien-ban-kiem-phieu"),
            same("bien-ban-hop-chi-bo"),
            citing(
                "nghi-quyet-dang-uy-de-nghi-dua-ra-khoi-dang",
                BRANCH_RESOLUTION_ON_ROWS,
            ),
            citing("bao-cao-tham-tra-xac-minh", BRANCH_RESOLUTION_ON_ROWS),
            same("bao-cao-ba-lan-bieu-quyet"),
        ],
    ),
    (
        "nghi-quyet-de-nghi-xoa-ten",
        &[
            citing(
                "nghi-quyet-dang-uy-de-nghi-dua-ra-khoi-dang",
                ONE_MEMBER_BRANCH_RESOLUTION,
            ),
            citing("bao-cao-tham-tra-xac-minh", ONE_MEMBER_BRANCH_RESOLUTION),
        ],
    ),
    (
        "nghi-quyet-dang-uy-de-nghi-dua-ra-khoi-dang",
        &[other("bao-cao-tham-tra-xac-minh")],
    ),
    (
        "bao-cao-tham-tra-xac-minh",
        &[citing(
            "quyet-dinh-dua-ra-khoi-dang",
            &[
                ("van_ban.so", "bao_cao_tham_tra.so"),
                ("to_chuc.ky_hieu", "bao_cao_tham_tra.ky_hieu"),
                ("van_ban.ngay", "bao_cao_tham_tra.ngay"),
            ],
        )],
    ),
    (
        "giay-gioi-thieu-sinh-hoat",
        &[other("phieu-bao-chuyen-sinh-hoat")],
    ),
    (
        "don-xin-mien-sinh-hoat",
        &[same("nghi-quyet-mien-sinh-hoat")],
    ),
    (
        "nghi-quyet-mien-sinh-hoat",
        &[citing(
            "quyet-dinh-mien-sinh-hoat",
            &[
                ("to_chuc.ten", "chi_bo"),
                (PRINTED_NUMBER, "nghi_quyet.so"),
                ("van_ban.ngay", "nghi_quyet.ngay"),
            ],
        )],
    ),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Renderer;

    /// Every built-in form has a usage line and a group; every "next" form exists.
    #[test]
    fn the_table_covers_the_catalogue() {
        let renderer = Renderer::built_in().unwrap();
        for form in renderer.catalog().iter() {
            assert!(usage(&form.id).is_some(), "{} has no usage line", form.id);
            assert!(rank(&form.id) < ORDER.len(), "{} has no place", form.id);
            assert!(
                GROUPS.iter().any(|g| g.category == form.meta.category),
                "{} has no group",
                form.id
            );
            for next in next(&form.id) {
                let to = next.form;
                assert!(renderer.form(to).is_ok(), "{} → unknown {to}", form.id);
            }
        }
    }

    /// The issuer each link declares is the one the two forms' examples
    /// show: the same kind of body with the same code, or another.
    #[test]
    fn every_link_declares_its_issuer_as_the_examples_show() {
        let renderer = Renderer::built_in().unwrap();
        let issuer = |id: &str| {
            let form = renderer.form(id).unwrap();
            let example: serde_json::Value =
                serde_json::from_slice(form.example.as_deref().unwrap()).unwrap();
            example["to_chuc"].clone()
        };
        for form in renderer.catalog().iter() {
            for link in next(&form.id) {
                let (from, to) = (issuer(&form.id), issuer(link.form));
                let code = |o: &serde_json::Value| o["ky_hieu"].as_str().map(str::to_owned);
                let same_code = match (code(&from), code(&to)) {
                    (Some(a), Some(b)) => a == b,
                    _ => true,
                };
                let same = from["loai"] == to["loai"] && same_code;
                let expected = if same { Issuer::Same } else { Issuer::Other };
                assert_eq!(link.issuer, expected, "{} → {}", form.id, link.form);
            }
        }
    }

    /// Whether a dotted path names a part of a case (`[]` and numbers step
    /// into a list's first member).
    fn names_a_part(case: &serde_json::Value, path: &str) -> bool {
        path.split('.')
            .try_fold(case, |v, step| {
                let name = step.trim_end_matches("[]");
                let v = if step.bytes().all(|b| b.is_ascii_digit()) {
                    v.get(0)?
                } else {
                    v.get(name)?
                };
                if name != step { v.get(0) } else { Some(v) }
            })
            .is_some()
    }

    /// Every part a link copies is a part of this form's example, and its
    /// new name a part of the next form's example: a misspelt path fails
    /// here, not on a clerk's page.
    #[test]
    fn every_move_names_parts_both_examples_have() {
        let renderer = Renderer::built_in().unwrap();
        let example = |id: &str| -> serde_json::Value {
            let form = renderer.form(id).unwrap();
            serde_json::from_slice(form.example.as_deref().unwrap()).unwrap()
        };
        let mut moves = 0;
        for form in renderer.catalog().iter() {
            for link in next(&form.id) {
                let (from, to) = (example(&form.id), example(link.form));
                for (a, b) in link.moves {
                    assert!(
                        *a == PRINTED_NUMBER || names_a_part(&from, a),
                        "{}: no {a}",
                        form.id
                    );
                    assert!(names_a_part(&to, b), "{}: no {b}", link.form);
                    moves += 1;
                }
            }
        }
        assert!(moves >= 10, "{moves}");
        assert!(!names_a_part(
            &example("quyet-dinh-mien-sinh-hoat"),
            "nghi_quyet.so_"
        ));
    }
}
