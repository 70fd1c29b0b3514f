//! Warm in-process renders: fonts and templates loaded once, as in the server.
//! `cargo bench --bench render`

use criterion::{Criterion, criterion_group, criterion_main};
use dangvu::{Format, Renderer};

fn forms(c: &mut Criterion) {
    let renderer = Renderer::built_in().expect("built-in forms");
    let mut group = c.benchmark_group("render");
    let ids: Vec<String> = renderer.catalog().iter().map(|f| f.id.clone()).collect();
    for id in ids {
        let form = renderer.form(&id).unwrap();
        let Some(example) = form.example.clone() else {
            continue;
        };
        for format in [Format::Pdf, Format::Docx] {
            group.bench_function(format!("{id}/{}", format.extension()), |b| {
                b.iter(|| renderer.render(&id, &example, format).unwrap())
            });
        }
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(50);
    targets = forms
}
criterion_main!(benches);
