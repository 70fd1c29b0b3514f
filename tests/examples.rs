//! The examples tell one story: the fictional phường Vân Lam, whose residential
//! group's branch (a chi bộ cơ sở under the ward's committee) takes its members
//! through every form. This test walks the story and checks that the forms
//! agree with each other the way an office reading them side by side would:
//! the same organisation and members, a member helped in step 2 was put on the
//! list in step 1, helpers and counting committees kept apart, dates in order.
//! The outcomes (who was put on the list, when help ends) come from dangvu's
//! own computation, not from the test.

use chrono::{Datelike, NaiveDate};
use serde_json::Value;

const DUA_VAO: &str = "nghi-quyet-dua-vao-dien-giup-do";
const PHAN_CONG: &str = "nghi-quyet-phan-cong-giup-do";
const SANG_LOC: &str = "nghi-quyet-ket-qua-sang-loc";
const XOA_TEN: &str = "nghi-quyet-de-nghi-xoa-ten";
const MIEN: &str = "nghi-quyet-mien-sinh-hoat";
const QUY: &str = "bao-cao-ra-soat-quy";

/// People named in the seeds' signature blocks: real officials, never to
/// appear in an example.
const REAL_PEOPLE: [&str; 4] = [
    "Nguyễn Xuân Hiền",
    "Phạm Công Quân",
    "Đinh Nguyên Mạnh",
    "Nguyễn Văn Thuận",
];

fn read(path: &str) -> String {
    std::fs::read_to_string(format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))).expect(path)
}

fn example(id: &str) -> Value {
    serde_json::from_str(&read(&format!("forms/{id}/example.json"))).expect("example is JSON")
}

fn fixture(name: &str) -> Value {
    serde_json::from_str(&read(&format!("tests/fixtures/{name}.json"))).expect("fixture is JSON")
}

/// The view dangvu prepares for the form's example.
fn view(id: &str) -> Value {
    let json = serde_json::to_vec(&example(id)).unwrap();
    let model = dangvu::forms::models::by_id(id).expect("model");
    model
        .prepare(&json, &|_| true)
        .unwrap_or_else(|e| panic!("{id}: {e:?}"))
        .view
}

fn text(v: &Value) -> &str {
    v.as_str().unwrap_or_else(|| panic!("not a string: {v}"))
}

fn date(v: &Value) -> NaiveDate {
    NaiveDate::parse_from_str(text(v), "%Y-%m-%d").expect("ISO date")
}

/// A date as the views print it: "03/02/2027".
fn printed(v: &Value) -> NaiveDate {
    NaiveDate::parse_from_str(text(v), "%d/%m/%Y").expect("printed date")
}

fn ids() -> Vec<String> {
    let mut ids: Vec<String> = std::fs::read_dir(format!("{}/forms", env!("CARGO_MANIFEST_DIR")))
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().join("example.json").exists())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    ids.sort();
    ids
}

#[test]
fn every_example_is_set_in_the_same_ward_and_branch() {
    let branch = example(DUA_VAO)["to_chuc"].clone();
    assert_eq!(
        branch["loai"], "chi-bo-co-so",
        "a residential group's branch under the ward"
    );
    let mut ward = None;
    for id in ids() {
        let e = example(&id);
        let org = &e["to_chuc"];
        if org.is_null() {
            // The self-criticism names its branch and place by hand.
            assert_eq!(e["chi_bo"], branch["ten"], "{id}");
            assert_eq!(e["dia_danh"], branch["dia_danh"], "{id}");
            continue;
        }
        match text(&org["loai"]) {
            "chi-bo-co-so" | "chi-bo-truc-thuoc" => {
                // The member's application carries no number, so no issuer code.
                let mut branch = branch.clone();
                if id == "don-xin-mien-sinh-hoat" {
                    branch.as_object_mut().unwrap().remove("ky_hieu");
                }
                assert_eq!(org, &branch, "{id}")
            }
            "dang-uy-co-so" => {
                // A grassroots committee of the same ward (forwarding its
                // branches' proposals to the ward's Ban Thường vụ).
                assert_eq!(org["cap_tren"], branch["cap_tren"], "{id}");
                assert_eq!(org["dia_danh"], branch["dia_danh"], "{id}");
            }
            _ => {
                // The ward's committee issues it: the body above the branch.
                assert_eq!(org["ten"], branch["cap_tren"], "{id}");
                assert_eq!(org["loai"], "dang-uy-cap-tren", "{id}");
                // The same ward everywhere (the city committee's name is
                // given only where the form prints it).
                let mut org = org.clone();
                org.as_object_mut().unwrap().remove("cap_uy_cap_tren");
                if id == "bao-cao-tham-tra-xac-minh" {
                    // The ward's inspection commission: its own code, the
                    // ward's place, no line above the ward in its header.
                    assert_eq!(org["ky_hieu"], "UBKT", "{id}");
                    assert_eq!(org["dia_danh"], branch["dia_danh"], "{id}");
                    continue;
                }
                match &ward {
                    None => ward = Some(org),
                    Some(w) => assert_eq!(&org, w, "{id}"),
                }
            }
        }
    }
    assert!(ward.is_some(), "some example is the ward's own");
}

#[test]
fn the_screening_cases_follow_one_another_from_form_to_form() {
    let (s1, s2, s3) = (example(DUA_VAO), example(PHAN_CONG), example(SANG_LOC));
    let d1 = date(&s1["cuoc_hop"]["ngay"]);
    let d2 = date(&s2["cuoc_hop"]["ngay"]);
    let d3 = date(&s3["cuoc_hop"]["ngay"]);
    assert!(d1 < d2 && d2 < d3, "steps in order: {d1} {d2} {d3}");

    // Step 2 helps exactly the members step 1 put on the list (as computed).
    let v1 = view(DUA_VAO);
    let listed: Vec<&str> = v1["included"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| text(&m["name"]))
        .collect();
    let helped: Vec<&str> = s2["dang_vien"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| text(&m["ho_ten"]))
        .collect();
    assert_eq!(helped, listed, "helped in step 2 = listed in step 1");
    let counting_head = |case: &Value| -> String {
        case["ban_kiem_phieu"]["thanh_vien"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["vai_tro"] == "truong-ban")
            .map(|m| text(&m["ho_ten"]).to_owned())
            .unwrap()
    };
    let voted: Vec<&str> = s1["dang_vien"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| text(&m["ho_ten"]))
        .collect();
    assert!(!voted.contains(&counting_head(&s1).as_str()));

    // Step 3 screens members helped in step 2, by the same helpers, after
    // their help period (as computed by dangvu) ended.
    let v2 = view(PHAN_CONG);
    let head3 = counting_head(&s3);
    for m in s3["dang_vien"].as_array().unwrap() {
        let name = text(&m["ho_ten"]);
        let row = v2["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["name"] == name)
            .unwrap_or_else(|| panic!("{name} screened but not helped"));
        assert_eq!(row["helper"], m["nguoi_giup_do"], "{name}: same helper");
        let first_vote = m["cac_lan_truoc"]
            .as_array()
            .and_then(|a| a.first())
            .map(|l| date(&l["ngay"]))
            .unwrap_or(d3);
        assert!(
            first_vote >= printed(&row["to"]),
            "{name} screened before help ended"
        );
        assert_ne!(
            text(&m["nguoi_giup_do"]),
            head3,
            "a helper chairs the count"
        );
        let helped_before = s2["dang_vien"]
            .as_array()
            .unwrap()
            .iter()
            .find(|h| h["ho_ten"] == name)
            .unwrap();
        assert_eq!(helped_before["ngay_sinh"], m["ngay_sinh"], "{name}");
    }

    // The helped member's self-criticisms date help from step 2, after the list.
    let before = fixture("ban-tu-kiem-diem-giup-do");
    assert_eq!(date(&before["danh_gia_chi_bo"]["ngay"]), d2);
    assert!(date(&before["ngay"]) >= d1 && date(&before["ngay"]) <= d2);
    let after = fixture("ban-tu-kiem-diem-sau-giup-do");
    let who = text(&after["dang_vien"]["ho_ten"]);
    assert_eq!(date(&after["giup_do_tu"]), d2, "help starts at step 2");
    assert!(
        date(&after["ngay"]) <= d3,
        "self-review before the step-3 meeting"
    );
    let row = v2["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == who)
        .unwrap();
    assert_eq!(row["helper"], after["nguoi_giup_do"]);
    assert_eq!(row["helper"], after["nhan_xet_giup_do"]["ho_ten"]);
}

#[test]
fn the_quarterly_report_counts_the_cases_the_resolutions_made() {
    let (s1, s2, xoa, mien, q) = (
        example(DUA_VAO),
        example(PHAN_CONG),
        example(XOA_TEN),
        example(MIEN),
        example(QUY),
    );
    let listed: Vec<String> = view(DUA_VAO)["included"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| text(&m["name"]).to_owned())
        .collect();
    let v2 = view(PHAN_CONG);
    for c in q["don_vi"][0]["truong_hop"].as_array().unwrap() {
        let name = text(&c["ho_ten"]);
        if c["ngay_dua_vao"] == s1["cuoc_hop"]["ngay"] {
            assert!(
                listed.iter().any(|l| l == name),
                "{name} not listed in step 1"
            );
        }
        if c["giup_do"]["ngay_phan_cong"] == s2["cuoc_hop"]["ngay"] {
            let row = v2["rows"]
                .as_array()
                .unwrap()
                .iter()
                .find(|r| r["name"] == name);
            let row = row.unwrap_or_else(|| panic!("{name} not in step 2"));
            assert_eq!(row["helper"], c["giup_do"]["nguoi_giup_do"], "{name}");
        }
        if c["tinh_trang"] == "de-nghi-dua-ra" {
            assert_eq!(c["ho_ten"], xoa["dang_vien"]["ho_ten"]);
            assert_eq!(c["ngay_ket_qua"], xoa["cuoc_hop"]["ngay"]);
        }
    }
    // Two resolutions of the same meeting describe the same meeting.
    assert_eq!(xoa["cuoc_hop"]["ngay"], mien["cuoc_hop"]["ngay"]);
    assert_eq!(xoa["cuoc_hop"], mien["cuoc_hop"]);
    // Within a year, resolution numbers grow with their dates.
    let numbered: Vec<(NaiveDate, u64)> = [DUA_VAO, PHAN_CONG, XOA_TEN, MIEN, SANG_LOC]
        .iter()
        .map(|id| {
            let e = example(id);
            (
                date(&e["van_ban"]["ngay"]),
                e["van_ban"]["so"].as_u64().unwrap(),
            )
        })
        .collect();
    for w in numbered.windows(2) {
        assert!(w[0].0 <= w[1].0, "{numbered:?}");
        if w[0].0.year() == w[1].0.year() {
            assert!(w[0].1 < w[1].1, "{numbered:?}");
        }
    }
}

#[test]
fn no_example_names_a_real_person_from_the_seeds() {
    let mut texts: Vec<(String, String)> = ids()
        .into_iter()
        .map(|id| {
            let t = read(&format!("forms/{id}/example.json"));
            (id, t)
        })
        .collect();
    for f in std::fs::read_dir(format!("{}/tests/fixtures", env!("CARGO_MANIFEST_DIR"))).unwrap() {
        let p = f.unwrap().path();
        texts.push((
            p.display().to_string(),
            std::fs::read_to_string(&p).unwrap(),
        ));
    }
    texts.push(("src/demo.rs".into(), read("src/demo.rs")));
    for (where_, t) in texts {
        for name in REAL_PEOPLE {
            assert!(!t.contains(name), "{where_} names {name}");
        }
    }
}
