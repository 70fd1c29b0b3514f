//! Where a warm render's time goes: `cargo run --release --example phases`.
use std::time::Instant;

use dangvu::Renderer;

fn main() {
    let r = Renderer::built_in().unwrap();
    let id = "nghi-quyet-dua-vao-dien-giup-do";
    let example = r.form(id).unwrap().example.clone().unwrap();
    let n = 200;
    for format in [dangvu::Format::Pdf, dangvu::Format::Docx] {
        r.render(id, &example, format).unwrap();
        let t = Instant::now();
        for _ in 0..n {
            r.render(id, &example, format).unwrap();
        }
        println!(
            "{format:?}: {:.2} ms",
            t.elapsed().as_secs_f64() * 1000.0 / n as f64
        );
    }
    let t = Instant::now();
    for _ in 0..n {
        r.prepare(id, &example).unwrap();
    }
    println!(
        "prepare: {:.3} ms",
        t.elapsed().as_secs_f64() * 1000.0 / n as f64
    );
    let t = Instant::now();
    for _ in 0..n {
        r.paged(id, &example).unwrap();
    }
    println!(
        "layout only: {:.2} ms",
        t.elapsed().as_secs_f64() * 1000.0 / n as f64
    );
}
