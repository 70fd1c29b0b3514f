//! Prints the HTML tree of a form's example, for template authors checking
//! what the DOCX writer will see: `cargo run --example probe -- <form>`.
use dangvu::Renderer;
fn main() {
    let form = std::env::args()
        .nth(1)
        .unwrap_or("nghi-quyet-dua-vao-dien-giup-do".into());
    let r = Renderer::built_in().unwrap();
    let f = r.form(&form).unwrap();
    let prepared = r.prepare(&form, f.example.as_deref().unwrap()).unwrap();
    println!("{}", serde_json::to_string_pretty(&prepared.view).unwrap());
}
