//! Where a render's time goes when every case is new (the load benchmark's
//! situation): `cargo run --release --example distinct`. `FORMS=forms` reads
//! the templates from the folder instead of the built-in copy.
use std::time::{Duration, Instant};

use dangvu::Renderer;

/// The allocator of the `dangvu` binary, so the figures match the server's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let r = match std::env::var_os("FORMS") {
        Some(dir) => Renderer::from_dir(std::path::Path::new(&dir)).unwrap(),
        None => Renderer::built_in().unwrap(),
    };
    let id = "nghi-quyet-dua-vao-dien-giup-do";
    let example = String::from_utf8(r.form(id).unwrap().example.clone().unwrap()).unwrap();
    let n = 400;
    let cases: Vec<Vec<u8>> = (0..n)
        .map(|i| {
            example
                .replacen("\"so\": 3", &format!("\"so\": {}", 1000 + i), 1)
                .replacen(
                    "Lê Văn Hùng",
                    &if std::env::var_os("SAME_NAME").is_some() {
                        "Lê Văn Hùng".to_string()
                    } else {
                        format!("Lê Văn Hùng {i}")
                    },
                    1,
                )
                .into_bytes()
        })
        .collect();
    let (mut layout, mut export) = (Duration::ZERO, Duration::ZERO);
    let options = typst_pdf::PdfOptions {
        tagged: std::env::var_os("UNTAGGED").is_none(),
        ..Default::default()
    };
    for (k, c) in cases.iter().enumerate() {
        // Evicted as the server does (src/server/pool.rs).
        if k % 64 == 63 {
            typst::comemo::evict(2);
        }
        let t = Instant::now();
        let doc = r.paged(id, c).unwrap();
        layout += t.elapsed();
        if std::env::var_os("LAYOUT_ONLY").is_some() {
            continue;
        }
        let t = Instant::now();
        typst_pdf::pdf(&doc, &options).unwrap();
        export += t.elapsed();
    }
    let ms = |d: Duration| d.as_secs_f64() * 1000.0 / n as f64;
    // Two renders at a time on the two cores, as the server runs them.
    let fresh: Vec<Vec<u8>> = cases
        .iter()
        .map(|c| {
            String::from_utf8_lossy(c)
                .replace("Hùng ", "Hùng x")
                .into_bytes()
        })
        .collect();
    let every: usize = std::env::var("EVERY").map_or(32, |v| v.parse().unwrap());
    let age: usize = std::env::var("AGE").map_or(2, |v| v.parse().unwrap());
    let t = Instant::now();
    std::thread::scope(|s| {
        for half in fresh.chunks(fresh.len().div_ceil(2)) {
            let r = &r;
            s.spawn(move || {
                for (k, c) in half.iter().enumerate() {
                    if k % every == every - 1 {
                        typst::comemo::evict(age);
                    }
                    r.render(id, c, dangvu::Format::Pdf).unwrap();
                }
            });
        }
    });
    println!(
        "two at a time: {:.0} PDFs/s ({:.2} ms each per core)",
        n as f64 / t.elapsed().as_secs_f64(),
        2.0 * ms(t.elapsed())
    );
    println!(
        "distinct cases: prepare+layout {:.2} ms, PDF export {:.2} ms, sum {:.2} ms",
        ms(layout),
        ms(export),
        ms(layout + export)
    );
}
