//! A deterministic, realistic committee for tests and benchmarks
//! (`dangvu demo-data`): a ward committee of the size of the Hải Dương report
//! (72 branches, 4,216 members), Vietnamese names, plausible dates, screening
//! cases in some branches. The same seed always gives the same JSON.

use chrono::{Datelike, Days, NaiveDate};
use serde_json::{Value, json};

/// splitmix64: tiny, fast, fixed forever (the output must never change for a
/// seed).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next() % n }
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    /// Index by weights (per thousand).
    fn weighted(&mut self, weights: &[u64]) -> usize {
        let total: u64 = weights.iter().sum();
        let mut x = self.below(total);
        for (i, w) in weights.iter().enumerate() {
            if x < *w {
                return i;
            }
            x -= w;
        }
        weights.len() - 1
    }

    fn date(&mut self, from: NaiveDate, days: u64) -> NaiveDate {
        from.checked_add_days(Days::new(self.below(days.max(1))))
            .unwrap_or(from)
    }
}

const FAMILY: &[&str] = &[
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
    "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Trịnh", "Mai", "Tạ",
];
const MIDDLE_M: &[&str] = &[
    "Văn", "Đức", "Minh", "Quang", "Hữu", "Công", "Xuân", "Thanh", "Mạnh", "Tiến",
];
const MIDDLE_F: &[&str] = &[
    "Thị",
    "Thu",
    "Thanh",
    "Minh",
    "Ngọc",
    "Thị Thu",
    "Bích",
    "Kim",
    "Thùy",
    "Hồng",
];
const GIVEN_M: &[&str] = &[
    "An", "Bình", "Cường", "Dũng", "Hùng", "Hải", "Hưng", "Khánh", "Long", "Nam", "Phong", "Quân",
    "Sơn", "Thắng", "Tuấn", "Việt", "Trung", "Thành", "Toàn", "Lâm",
];
const GIVEN_F: &[&str] = &[
    "Anh", "Bích", "Chi", "Dung", "Hà", "Hạnh", "Hoa", "Hương", "Lan", "Linh", "Mai", "Nga",
    "Ngọc", "Nhung", "Phương", "Thảo", "Trang", "Vân", "Yến", "Huyền",
];
const UNITS: &[&str] = &[
    "Chi bộ Trường Tiểu học Nhị Châu",
    "Chi bộ Trường Trung học cơ sở Ngọc Châu",
    "Chi bộ Trường Mầm non Quang Trung",
    "Chi bộ Trạm Y tế phường",
    "Chi bộ Công an phường",
    "Chi bộ Quân sự phường",
    "Chi bộ Cơ quan Đảng ủy phường",
    "Chi bộ Ủy ban nhân dân phường",
    "Chi bộ Công ty Cổ phần Bao bì Hải Dương",
    "Chi bộ Công ty TNHH Cơ khí Trần Hưng Đạo",
    "Chi bộ Hợp tác xã Dịch vụ Nông nghiệp Nhị Châu",
    "Chi bộ Ban Quản lý chợ Ngọc Châu",
];
const CRITERIA: &[&str] = &[
    "không tham gia sinh hoạt chi bộ 02 tháng trong năm không có lý do chính đáng",
    "chậm đóng đảng phí 02 tháng trong năm không có lý do chính đáng",
    "không thực hiện nhiệm vụ đảng viên được chi bộ phân công",
    "hai năm liền xếp loại không hoàn thành nhiệm vụ",
    "vi phạm quy định về những điều đảng viên không được làm, bị nhắc nhở",
];
const REMOVAL: &[&str] = &[
    "tự ý bỏ sinh hoạt đảng 04 tháng trong năm không có lý do chính đáng",
    "không đóng đảng phí 03 tháng trong năm không có lý do chính đáng",
    "đi làm ăn xa, không báo cáo chi bộ, không liên lạc được",
];
const ASSESS: &[&str] = &[
    "Chi bộ đã triển khai rà soát đối với toàn bộ đảng viên theo Hướng dẫn số 02-HD/BTCTW; việc rà soát được thực hiện công khai, dân chủ.",
    "Đảng viên được phân công giúp đỡ thường xuyên gặp gỡ, trao đổi và theo dõi việc sửa chữa khuyết điểm của đảng viên được giúp đỡ.",
    "Chi ủy nắm chắc tình hình tư tưởng đảng viên, kịp thời nhắc nhở những trường hợp chậm đóng đảng phí, vắng sinh hoạt.",
];
const SHORT: &[&str] = &[
    "Việc nắm tình hình đảng viên đi làm ăn xa còn chậm.",
    "Một số đảng viên lớn tuổi chưa tham gia sinh hoạt đều đặn.",
];

fn name(rng: &mut Rng, female: bool) -> String {
    let (m, g) = if female {
        (MIDDLE_F, GIVEN_F)
    } else {
        (MIDDLE_M, GIVEN_M)
    };
    format!("{} {} {}", rng.pick(FAMILY), rng.pick(m), rng.pick(g))
}

/// The member who helps `who`: the first name from index `from` on that is
/// not `who`'s own (two members of a branch may share a name, and nobody
/// helps themselves). Committees whose helper differed already keep it, so
/// a seed's output changes only where it used to be invalid.
fn helper_for(names: &[String], who: &str, from: usize) -> String {
    (0..names.len())
        .map(|k| &names[(from + k) % names.len()])
        .find(|n| n.as_str() != who)
        .cloned()
        .unwrap_or_else(|| {
            // Every member has the same name: someone from the committee.
            let outside = ["Trần Đức Thịnh", "Trần Thị Lan"];
            outside
                .iter()
                .find(|n| **n != who)
                .unwrap_or(&outside[0])
                .to_string()
        })
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
}

/// The ward the generated committee is in.
const WARD: &str = "Hải Dương";

/// The committee JSON (the input of `dangvu pack`).
pub fn committee(branches: usize, members: usize, seed: u64) -> Value {
    let mut rng = Rng(seed);
    let branches = branches.max(1);
    let upper = format!("Đảng bộ phường {WARD}");
    let sizes = branch_sizes(&mut rng, branches, members);
    let mut list = Vec::with_capacity(branches);
    for (i, &size) in sizes.iter().enumerate() {
        let ten = if i < UNITS.len() && branches > 20 {
            UNITS[i].to_string()
        } else {
            format!("Chi bộ Tổ dân phố số {}", i + 1)
        };
        list.push(branch(&mut rng, ten, &upper, size));
    }
    json!({
        "to_chuc": {
            "ten": upper,
            "loai": "dang-uy-cap-tren",
            "cap_tren": "Đảng bộ thành phố Hải Phòng",
            "cap_uy_cap_tren": "Thành ủy Hải Phòng",
            "ky_hieu": "ĐU",
            "dia_danh": WARD,
        },
        "ky_bao_cao": { "quy": 1, "nam": 2026 },
        "bao_cao_ra_soat": { "so": 112, "ngay": d(2026, 4, 3) },
        "bao_cao_thong_ke": { "so": 113, "ngay": d(2026, 4, 3) },
        "nguoi_ky": { "chuc_vu": "Bí thư", "ho_ten": "Trần Đức Thịnh" },
        "danh_gia": [
            "Các chi bộ trực thuộc đã triển khai rà soát, sàng lọc đảng viên nghiêm túc, đúng quy trình của Hướng dẫn số 02-HD/BTCTW.",
            "Việc giáo dục, giúp đỡ đảng viên được duy trì; không để xảy ra tình trạng nể nang, né tránh.",
        ],
        "han_che": ["Một số chi bộ còn lúng túng trong việc quản lý đảng viên đi làm ăn xa."],
        "de_xuat": ["Đề nghị Ban Tổ chức Thành ủy hướng dẫn quy trình xử lý đảng viên đi làm ăn xa không sinh hoạt đảng quá thời hạn."],
        "noi_nhan": ["Thường trực Đảng ủy", "Các tổ chức đảng trực thuộc"],
        "chi_bo": list,
    })
}

/// Branch sizes: weights 5..=15 scaled to the total, remainder to the first
/// ones.
fn branch_sizes(rng: &mut Rng, branches: usize, members: usize) -> Vec<usize> {
    let weights: Vec<u64> = (0..branches).map(|_| 5 + rng.below(11)).collect();
    let wsum: u64 = weights.iter().sum();
    let mut sizes: Vec<usize> = weights
        .iter()
        .map(|w| (members as u64 * w / wsum) as usize)
        .collect();
    let short = members - sizes.iter().sum::<usize>();
    for k in 0..short {
        sizes[k % branches] += 1;
    }
    sizes
}

/// One branch: its roster of `size` members, cases in about one branch in
/// four, and its narrative.
fn branch(rng: &mut Rng, ten: String, upper: &str, size: usize) -> Value {
    let female_secretary = rng.below(3) == 0;
    let secretary = name(rng, female_secretary);
    let mut roster = Vec::with_capacity(size);
    let mut names = Vec::with_capacity(size);
    for _ in 0..size {
        let (n, m) = member(rng);
        names.push(n);
        roster.push(m);
    }
    let cases = cases(rng, &names);
    let mut assess = vec![ASSESS[0].to_string()];
    if !cases.is_empty() {
        assess.push(ASSESS[1].to_string());
    } else {
        assess.push(ASSESS[2].to_string());
    }
    json!({
        "to_chuc": {
            "ten": ten,
            "loai": "chi-bo-co-so",
            "cap_tren": upper,
            "ky_hieu": "CB",
            "dia_danh": WARD,
        },
        "van_ban": { "so": 1 + rng.below(20), "ngay": d(2026, 3, 31) },
        "nguoi_ky": { "chuc_vu": "Bí thư", "ho_ten": secretary },
        "danh_sach": roster,
        "bien_dong": {
            "ket_nap": rng.below(2),
            "chuyen_den": rng.below(2),
            "chuyen_di": rng.below(2),
            "tu_tran": u64::from(rng.below(5) == 0),
        },
        "truong_hop": cases,
        "danh_gia": assess,
        "han_che": if rng.below(2) == 0 { vec![rng.pick(SHORT).to_string()] } else { vec![] },
    })
}

/// One member, with the age, education and occupation mix of the ward
/// reports; returns the name too.
fn member(rng: &mut Rng) -> (String, Value) {
    let female = rng.below(1000) < 378;
    let age_band = rng.weighted(&[89, 452, 459]);
    let age = match age_band {
        0 => 22 + rng.below(8),
        1 => 30 + rng.below(21),
        _ => 51 + rng.below(35),
    } as i32;
    let born = rng.date(d(2026 - age - 1, 4, 1), 365);
    let admitted_age = 19 + rng.below((age as u64 - 19).clamp(1, 30)) as i32;
    let admitted = rng
        .date(d(born.year() + admitted_age, 1, 1), 330)
        .min(d(2026, 3, 1));
    let probationary = admitted > d(2025, 3, 31) || rng.below(1000) < 20;
    let full = (!probationary).then(|| {
        admitted
            .checked_add_months(chrono::Months::new(12))
            .unwrap_or(admitted)
    });
    let hv = ["tieu-hoc", "thcs", "thpt"][rng.weighted(&[10, 228, 762])];
    let cm = [
        "chua-qua-dao-tao",
        "so-cap",
        "trung-cap",
        "cao-dang",
        "dai-hoc",
        "tren-dai-hoc",
    ][rng.weighted(&[300, 75, 150, 100, 330, 45])];
    let ll =
        ["chua-qua-dao-tao", "so-cap", "trung-cap", "cao-cap"][rng.weighted(&[40, 541, 362, 57])];
    let job = if age < 30 && rng.below(4) == 0 {
        "hoc-sinh-sinh-vien"
    } else if age > 60 {
        "huu-tri"
    } else {
        [
            "can-bo-cong-chuc-vien-chuc",
            "lao-dong-doanh-nghiep",
            "nong-dan",
            "lao-dong-tu-do",
            "luc-luong-vu-trang",
        ][rng.weighted(&[130, 385, 120, 300, 30])]
    };
    let n = name(rng, female);
    let mut m = json!({
        "ho_ten": n,
        "ngay_sinh": born,
        "gioi_tinh": if female { "nu" } else { "nam" },
        "ngay_vao_dang": admitted,
        "hoc_van": hv,
        "chuyen_mon": cm,
        "ly_luan_chinh_tri": ll,
        "nghe_nghiep": job,
    });
    if let Some(f) = full {
        m["ngay_chinh_thuc"] = json!(f);
    }
    if age > 75 && rng.below(2) == 0 {
        m["mien_sinh_hoat"] = json!(true);
    }
    (n, m)
}

/// Screening cases, in about one branch in four (of more than five
/// members): one to three, of the branch's members.
fn cases(rng: &mut Rng, names: &[String]) -> Vec<Value> {
    let size = names.len();
    let mut cases = Vec::new();
    if rng.below(4) == 0 && size > 5 {
        let n_cases = 1 + rng.below(3) as usize;
        for c in 0..n_cases {
            let who = names[(c * 7 + 3) % size].clone();
            let helper = helper_for(names, &who, c * 7 + 4);
            let kind = rng.below(6);
            cases.push(case(rng, kind, who, helper));
        }
    }
    cases
}

/// One case of `kind` (0..=2 being helped, 3 progress, 4 proposed removal,
/// else struck off).
fn case(rng: &mut Rng, kind: u64, who: String, helper: String) -> Value {
    let q_start = d(2026, 1, 1);
    match kind {
        0..=2 => {
            let on = if kind == 0 {
                rng.date(q_start, 60)
            } else {
                rng.date(d(2025, 4, 1), 200)
            };
            let assigned = on
                .checked_add_days(Days::new(20 + rng.below(15)))
                .unwrap_or(on)
                .min(d(2026, 3, 31));
            json!({
                "ho_ten": who,
                "tieu_chi": rng.pick(CRITERIA),
                "tinh_trang": "dang-giup-do",
                "ngay_dua_vao": on,
                "giup_do": { "nguoi_giup_do": helper, "ngay_phan_cong": assigned },
            })
        }
        3 => {
            let on = rng.date(d(2025, 1, 2), 60);
            json!({
                "ho_ten": who,
                "tieu_chi": rng.pick(CRITERIA),
                "tinh_trang": "tien-bo",
                "ngay_dua_vao": on,
                "ngay_ket_qua": on.checked_add_months(chrono::Months::new(12)).unwrap_or(on),
                "giup_do": { "nguoi_giup_do": helper, "ngay_phan_cong": on.checked_add_days(Days::new(28)).unwrap_or(on) },
            })
        }
        4 => json!({
            "ho_ten": who,
            "tieu_chi": rng.pick(REMOVAL),
            "tinh_trang": "de-nghi-dua-ra",
            "hinh_thuc": "xoa-ten",
            "ngay_ket_qua": d(2026, 3, 10),
        }),
        _ => json!({
            "ho_ten": who,
            "tieu_chi": rng.pick(REMOVAL),
            "tinh_trang": "da-xoa-ten",
            "hinh_thuc": "xoa-ten",
            "ngay_ket_qua": d(2026, 2, 20),
        }),
    }
}
