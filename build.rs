// The built-in forms and fonts are compiled into the binary: rebuild when
// they change.
fn main() {
    println!("cargo:rerun-if-changed=forms");
    println!("cargo:rerun-if-changed=fonts");
}
