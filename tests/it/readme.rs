//! The README keeps up with the code (issue 11, item 23): every dependency has a row
//! in "Crates and why", every source file is named in "Layout of the code", and the
//! first steps say how to pass options through cargo and put `dubang` on the PATH.

use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The text of the README section that starts with `heading`.
fn section(readme: &str, heading: &str) -> String {
    let start = readme
        .find(heading)
        .unwrap_or_else(|| panic!("no {heading}"));
    let rest = &readme[start + heading.len()..];
    let end = rest.find("\n## ").unwrap_or(rest.len());
    rest[..end].to_string()
}

fn readme() -> String {
    std::fs::read_to_string(root().join("README.md")).unwrap()
}

/// Crate names of `[dependencies]` and `[dependencies.NAME]` tables.
fn dependencies() -> Vec<String> {
    let toml = std::fs::read_to_string(root().join("Cargo.toml")).unwrap();
    let mut names = Vec::new();
    let mut in_deps = false;
    for line in toml.lines() {
        let l = line.trim();
        if let Some(t) = l.strip_prefix('[') {
            in_deps = t == "dependencies]";
            if let Some(name) = t.strip_prefix("dependencies.") {
                names.push(name.trim_end_matches(']').to_string());
            }
            continue;
        }
        if in_deps
            && !l.starts_with('#')
            && let Some((name, _)) = l.split_once('=')
        {
            names.push(name.trim().to_string());
        }
    }
    names
}

#[test]
fn every_dependency_has_a_row_in_the_crates_table() {
    let table = section(&readme(), "## Crates and why");
    let deps = dependencies();
    assert!(deps.contains(&"pinyin".to_string()), "{deps:?}");
    let rows: Vec<&str> = table.lines().filter(|l| l.starts_with("| ")).collect();
    let missing: Vec<&String> = deps
        .iter()
        .filter(|d| {
            !rows.iter().any(|r| {
                let first = r.split('|').nth(1).unwrap_or("");
                first.split([',', ' ']).any(|w| w == d.as_str())
            })
        })
        .collect();
    assert!(missing.is_empty(), "crates with no row: {missing:?}");
}

#[test]
fn every_source_file_is_named_in_the_layout() {
    let layout = section(&readme(), "## Layout of the code");
    let mut missing = Vec::new();
    let mut stack = vec![root().join("src")];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            if p.is_dir() {
                if !layout.contains(&format!("{name}/")) {
                    missing.push(p.display().to_string());
                }
                stack.push(p);
            } else if let Some(stem) = name.strip_suffix(".rs")
                // Unit-test files (tests.rs, tests_rules.rs) belong to their module.
                && !matches!(stem, "mod" | "lib")
                && !stem.starts_with("tests")
                && !layout.contains(stem)
            {
                missing.push(p.display().to_string());
            }
        }
    }
    missing.sort();
    assert!(missing.is_empty(), "not in the layout: {missing:#?}");
}

#[test]
fn the_first_steps_say_how_to_pass_options_and_install() {
    let text = readme();
    let start = section(&text, "## Two commands");
    assert!(start.contains("cargo install --path ."), "{start}");
    assert!(start.contains("cargo run --release -- "), "{start}");
    let tests = section(&text, "## Tests");
    assert!(tests.contains("skipped: tmux is not installed"), "{tests}");
}
