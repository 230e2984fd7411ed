//! Build step: the schema files (src/schema/*.schema) are embedded without their comments and
//! indentation runs, so the WebAssembly bundle carries only what the parser reads. The files
//! in the source tree keep their comments for people.

use std::fs;
use std::path::PathBuf;

const SCHEMAS: &[&str] = &[
    "meta_v1",
    "core_v1",
    "apps_batch",
    "node_scheduling",
    "node",
    "service_configmap",
];

fn main() {
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    let mut all = String::new();
    for name in SCHEMAS {
        let path = format!("src/schema/{name}.schema");
        println!("cargo:rerun-if-changed={path}");
        let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        for line in text.lines() {
            let code = line.split('#').next().unwrap_or("").trim_end();
            if code.trim().is_empty() {
                continue;
            }
            // One leading space marks a field line; the amount does not matter to the parser.
            if code.starts_with(char::is_whitespace) {
                all.push(' ');
            }
            all.push_str(&code.split_whitespace().collect::<Vec<_>>().join(" "));
            all.push('\n');
        }
    }
    fs::write(out.join("schema.min"), all).expect("write schema.min");
}
