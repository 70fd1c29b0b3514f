//! Where a PDF's time goes when every case is new, as in the load benchmark
//! (`benches/load/`): `cargo run --release --example distinct`.
//!
//! Renders 400 variants of the first resolution's example (a new document
//! number and member name each), first one at a time with layout and PDF
//! writing timed apart, then 400 more two at a time, as the server runs them.
//! Typst's caches are evicted as the server evicts them. Knobs (environment):
//! - `FORMS=forms` reads the templates from that folder, not the built-in copy;
//! - `SAME_NAME=1` changes only the document number;
//! - `LAYOUT_ONLY=1` skips PDF writing in the one-at-a-time part;
//! - `UNTAGGED=1` writes PDFs without a structure tree in that part;
//! - `EVERY=n AGE=k` evicts every n renders per thread, entries older than k.
use std::time::{Duration, Instant};

use dangvu::Renderer;

/// The allocator of the `dangvu` binary, so the figures match the server's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const FORM: &str = "nghi-quyet-dua-vao-dien-giup-do";
const N: usize = 400;

fn main() {
    let set = |name: &str| std::env::var_os(name).is_some();
    let number = |name: &str, default: usize| {
        std::env::var(name).map_or(default, |v| v.parse().expect("a number"))
    };
    let r = match std::env::var_os("FORMS") {
        Some(dir) => Renderer::from_dir(std::path::Path::new(&dir)).unwrap(),
        None => Renderer::built_in().unwrap(),
    };
    let example = String::from_utf8(r.form(FORM).unwrap().example.clone().unwrap()).unwrap();
    let same_name = set("SAME_NAME");
    let case = |i: usize| {
        let name = if same_name {
            "Lê Văn Hùng".to_string()
        } else {
            format!("Lê Văn Hùng {i}")
        };
        example
            .replacen("\"so\": 3", &format!("\"so\": {}", 1000 + i), 1)
            .replacen("Lê Văn Hùng", &name, 1)
            .into_bytes()
    };
    let ms = |d: Duration| d.as_secs_f64() * 1000.0 / N as f64;

    let layout_only = set("LAYOUT_ONLY");
    let options = typst_pdf::PdfOptions {
        tagged: !set("UNTAGGED"),
        ..Default::default()
    };
    let (mut layout, mut export) = (Duration::ZERO, Duration::ZERO);
    for i in 0..N {
        // As the server does (src/server/pool.rs).
        if i % 64 == 63 {
            typst::comemo::evict(2);
        }
        let c = case(i);
        let t = Instant::now();
        let doc = r.paged(FORM, &c).unwrap();
        layout += t.elapsed();
        if !layout_only {
            let t = Instant::now();
            typst_pdf::pdf(&doc, &options).unwrap();
            export += t.elapsed();
        }
    }
    println!(
        "one at a time: prepare+layout {:.2} ms, PDF writing {:.2} ms, sum {:.2} ms",
        ms(layout),
        ms(export),
        ms(layout + export)
    );

    let (every, age) = (number("EVERY", 32), number("AGE", 2));
    let fresh: Vec<Vec<u8>> = (N..2 * N).map(case).collect();
    let t = Instant::now();
    std::thread::scope(|s| {
        for half in fresh.chunks(N / 2) {
            let r = &r;
            s.spawn(move || {
                for (k, c) in half.iter().enumerate() {
                    if k % every == every - 1 {
                        typst::comemo::evict(age);
                    }
                    r.render(FORM, c, dangvu::Format::Pdf).unwrap();
                }
            });
        }
    });
    println!(
        "two at a time: {:.0} PDFs/s ({:.2} ms each per core)",
        N as f64 / t.elapsed().as_secs_f64(),
        2.0 * ms(t.elapsed())
    );
}
