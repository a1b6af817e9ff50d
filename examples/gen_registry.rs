//! Writes a generated registry of N tasks to stdout: the bundled plan's tasks cloned
//! up to N with unique ids and numbers (the same registries the benchmarks use), for
//! measuring the release binary by hand, e.g. its peak memory:
//!
//! `cargo run --release --example gen_registry -- 100000 > /tmp/r100k.json`
//! `/usr/bin/time -v target/release/dubang --file /tmp/r100k.json validate`

#[path = "../benches/common/mod.rs"]
mod common;

use std::io::Write;

fn main() {
    let n: usize = match std::env::args().nth(1).map(|a| a.parse()) {
        Some(Ok(n)) => n,
        _ => {
            eprintln!("usage: gen_registry N (the number of tasks) > file.json");
            std::process::exit(2);
        }
    };
    let json = dubang::store::to_json(&common::scaled(n, |_, _| {}));
    if let Err(e) = std::io::stdout().lock().write_all(json.as_bytes()) {
        eprintln!("gen_registry: cannot write to stdout: {e}");
        std::process::exit(1);
    }
}
