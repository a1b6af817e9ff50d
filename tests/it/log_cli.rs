//! `dubang log` through the binary: the history's edits newest first, with 姓名 and
//! 单位 from the people list, CJK columns aligned, filtered by date, unit, person and
//! task; a filter that names nothing is a usage error (exit 2).

use crate::common::{binary, seed};
use serde_json::{Value, json};
use std::process::{Command, Output};

fn registry(dir: &std::path::Path) -> std::path::PathBuf {
    let mut reg = seed();
    let entry = |at: &str, by: &str, field: &str, from: Value, to: Value, note: Value| {
        let mut e = json!({"at": at, "by": by, "field": field, "from": from, "to": to});
        if !note.is_null() {
            e["note"] = note;
        }
        e
    };
    let tasks = reg["tasks"].as_array_mut().unwrap();
    let n = |t: &Value| t["number"].as_u64().unwrap();
    for t in tasks.iter_mut() {
        match n(t) {
            1 => {
                t["history"] = json!([
                    entry(
                        "2026-03-01T09:00:00+08:00",
                        "wangli",
                        "status",
                        json!("not_started"),
                        json!("in_progress"),
                        json!("开工")
                    ),
                    entry(
                        "2026-03-10T16:30:00+08:00",
                        "liwei",
                        "progress",
                        json!(0),
                        json!(40),
                        Value::Null
                    ),
                ])
            }
            8 => {
                t["history"] = json!([entry(
                    "2026-03-05T11:00:00+08:00",
                    "wangli",
                    "due",
                    Value::Null,
                    json!("2026-06-30"),
                    Value::Null
                )])
            }
            _ => {}
        }
    }
    reg["people"] =
        json!([{"login": "wangli", "name": "王丽", "unit": "u8", "phone": "0898-62812345"}]);
    let path = dir.join("r.json");
    std::fs::write(&path, reg.to_string()).unwrap();
    path
}

fn log(args: &[&str]) -> (Output, String) {
    let dir = tempfile::tempdir().unwrap();
    let file = registry(dir.path());
    let o = Command::new(binary())
        .env_clear()
        .env("HOME", dir.path())
        .env("DUBANG_SYSTEM_CONFIG", dir.path().join("none.toml"))
        .arg("--file")
        .arg(&file)
        .arg("log")
        .args(args)
        .output()
        .unwrap();
    let text =
        String::from_utf8_lossy(&o.stdout).into_owned() + &String::from_utf8_lossy(&o.stderr);
    (o, text)
}

#[test]
fn lists_edits_newest_first_with_names_and_aligned_columns() {
    let (o, zh) = log(&[]);
    assert!(o.status.success(), "{zh}");
    let (_, en) = log(&["--lang", "en"]);
    insta::assert_snapshot!(format!("{zh}\n{en}"));
    // The task column starts at the same display column on every line, CJK names
    // before it notwithstanding.
    let cols: Vec<usize> = zh
        .lines()
        .map(|l| unicode_width::UnicodeWidthStr::width(&l[..l.find(['#', '任']).unwrap()]))
        .collect();
    assert!(cols.windows(2).all(|w| w[0] == w[1]), "{zh}");
}

#[test]
fn filters_by_person_task_unit_and_date() {
    let rows = |t: &str| t.lines().count() - 1;
    let (_, t) = log(&["--by", "王丽"]);
    assert_eq!(rows(&t), 2, "{t}");
    let (_, t) = log(&["--by", "liwei", "--task", "1"]);
    assert_eq!(rows(&t), 1, "{t}");
    // Task 1 is 市乡村振兴局's, task 8 is not.
    let (_, t) = log(&["--unit", "市乡村振兴局"]);
    assert_eq!(rows(&t), 2, "{t}");
    assert!(!t.contains("#8"), "{t}");
    let (_, t) = log(&["--since", "2026-03-05"]);
    assert_eq!(rows(&t), 2, "{t}");
    let (_, t) = log(&["--task", "8", "--since", "2026-03-06"]);
    assert_eq!(t.trim(), "没有符合条件的修改");
    let (o, t) = log(&["--by", "nobody"]);
    assert_eq!(o.status.code(), Some(2), "{t}");
    assert!(t.contains("王丽、liwei"), "{t}");
    let (o, t) = log(&["--since", "soon"]);
    assert_eq!(o.status.code(), Some(2), "{t}");
    let (o, t) = log(&["--unit", "没有这个单位"]);
    assert_eq!(o.status.code(), Some(2), "{t}");
}
