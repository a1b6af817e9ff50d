//! The streamed save against the whole-file save: the same bytes, the same entries,
//! at every block size; and every surprise handed to the whole-file save.

use super::*;
use crate::registry::ops::Reverted;
use crate::registry::{Op, Status, apply_recorded};
use crate::store::files::FILE_CAP;
use crate::store::write::Full;
use crate::store::{BUNDLED, to_json};
use chrono::{DateTime, NaiveDate};
use serde_json::{Value, json};

/// Block sizes that cut every element, key and character somewhere.
const BLOCKS: [usize; 7] = [1, 3, 7, 64, 1000, 4096, BLOCK];

fn edit(target: EditTarget, op: Op) -> Edit {
    let mut e = Edit::new(target, op);
    e.by = "wang".into();
    e.at = DateTime::parse_from_rfc3339("2026-11-30T09:00:00+08:00").unwrap();
    e
}

fn task(id: &str, op: Op) -> Edit {
    edit(EditTarget::Task(id.into()), op)
}

/// What the streamed save writes and records, at one block size.
fn streamed(
    json: &str,
    edits: &[Edit],
    block: usize,
) -> Option<(String, Vec<(EditTarget, HistoryEntry)>)> {
    let mut out = Vec::new();
    let bytes = json.as_bytes();
    let recorded = save_in_blocks(bytes, bytes.len() as u64, FILE_CAP, block, edits, &mut out)
        .expect("a Vec takes every write")?;
    Some((String::from_utf8(out).unwrap(), recorded))
}

/// What the whole-file save writes and records.
fn whole(json: &str, edits: &[Edit]) -> (String, Vec<(EditTarget, HistoryEntry)>) {
    let mut reg: Registry =
        serde_json::from_str(json.strip_prefix('\u{feff}').unwrap_or(json)).unwrap();
    let mut recorded = Vec::new();
    for e in edits {
        let entries = apply_recorded(&mut reg, e).expect("the edit applies");
        recorded.extend(entries.into_iter().map(|x| (e.target.clone(), x)));
    }
    (to_json(&reg), recorded)
}

#[track_caller]
fn same_as_whole(json: &str, edits: &[Edit]) -> Vec<(EditTarget, HistoryEntry)> {
    let expected = whole(json, edits);
    for block in BLOCKS {
        let got =
            streamed(json, edits, block).unwrap_or_else(|| panic!("streamed at {block} bytes"));
        assert!(
            got.0 == expected.0,
            "block of {block} bytes: the text differs"
        );
        assert_eq!(got.1, expected.1, "block of {block} bytes");
    }
    expected.1
}

#[track_caller]
fn gives_up(json: &str, edits: &[Edit]) {
    for block in BLOCKS {
        assert!(
            streamed(json, edits, block).is_none(),
            "block of {block} bytes"
        );
    }
}

fn goal_id() -> String {
    let reg: Registry = serde_json::from_str(BUNDLED).unwrap();
    reg.goals[0].id.clone()
}

#[test]
fn every_kind_of_edit_writes_what_the_whole_file_save_writes() {
    let due = NaiveDate::from_ymd_opt(2025, 6, 30);
    let edits = [
        task("t3", Op::SetStatus { to: Status::Done }).with_note("已完成验收"),
        task("t1", Op::SetProgress { to: 40 }),
        task("t28", Op::SetDue { to: due }),
        task(
            "t5",
            Op::AddNote {
                text: "推进会已召开\n下周复核".into(),
            },
        ),
        edit(
            EditTarget::Goal(goal_id()),
            Op::SetStatus {
                to: Status::InProgress,
            },
        ),
        edit(
            EditTarget::Goal(goal_id()),
            Op::AddNote {
                text: "目标复核".into(),
            },
        ),
        // A second edit of a task already edited: after the first, on top of it.
        task(
            "t1",
            Op::SetStatus {
                to: Status::Delayed,
            },
        ),
        // An undo of the first task edit.
        task(
            "t3",
            Op::Revert {
                fields: vec![Reverted {
                    field: "status".into(),
                    wrote: Some(json!("done")),
                    back: Some(json!("not_started")),
                }],
            },
        ),
    ];
    let recorded = same_as_whole(BUNDLED, &edits);
    // Recorded in the edits' order, not the file's.
    let mut targets: Vec<&EditTarget> = recorded.iter().map(|(t, _)| t).collect();
    targets.dedup();
    let mut order: Vec<&EditTarget> = edits.iter().map(|e| &e.target).collect();
    order.dedup();
    assert_eq!(targets, order);
}

/// The bundled plan's members in the order of `keys`, and `extra` members first.
fn ordered(keys: &[&str], extra: &str) -> String {
    let v: Value = serde_json::from_str(BUNDLED).unwrap();
    let members: Vec<String> = keys
        .iter()
        .map(|k| format!("{}:{}", json!(k), v[*k]))
        .collect();
    format!("{{{extra}{}}}", members.join(","))
}

/// The bundled plan's members as `to_json` writes them.
const IN_ORDER: [&str; 8] = [
    "format", "document", "sections", "units", "towns", "goals", "tasks", "measures",
];

#[test]
fn a_file_laid_out_otherwise_is_written_as_to_json_writes_it() {
    let edits = [task(
        "t2",
        Op::SetStatus {
            to: Status::InProgress,
        },
    )];
    // Compact, with a byte-order mark, with keys this version does not know.
    let compact = ordered(&IN_ORDER, r#""later":{"tasks":[1,2]},"n":1,"#);
    same_as_whole(&compact, &edits);
    same_as_whole(&format!("\u{feff}{compact}"), &edits);
    // The measures before the tasks (to_json writes them after).
    let moved = [
        "format", "document", "measures", "sections", "units", "towns", "goals", "tasks",
    ];
    same_as_whole(&ordered(&moved, ""), &edits);
    // No task at all, and an edit of a goal.
    let mut none: Registry = serde_json::from_str(BUNDLED).unwrap();
    none.tasks.clear();
    let goal = [edit(
        EditTarget::Goal(goal_id()),
        Op::SetStatus { to: Status::Done },
    )];
    same_as_whole(&to_json(&none), &goal);
}

#[test]
fn an_edit_that_changes_nothing_records_nothing() {
    let reg: Registry = serde_json::from_str(BUNDLED).unwrap();
    let now = reg.tasks[0].status;
    let recorded = same_as_whole(
        BUNDLED,
        &[task(&reg.tasks[0].id, Op::SetStatus { to: now })],
    );
    assert!(recorded.is_empty());
}

#[test]
fn surprises_go_to_the_whole_file_save() {
    let ok = task("t2", Op::SetStatus { to: Status::Done });
    // Edits that do not apply: the whole-file save words why.
    gives_up(BUNDLED, &[task("t999", Op::SetStatus { to: Status::Done })]);
    gives_up(
        BUNDLED,
        &[edit(
            EditTarget::Goal("g-none".into()),
            Op::SetStatus { to: Status::Done },
        )],
    );
    gives_up(
        BUNDLED,
        &[ok.clone(), task("t4", Op::SetProgress { to: 101 })],
    );
    // A task given twice.
    let mut v: Value = serde_json::from_str(BUNDLED).unwrap();
    let second = v["tasks"][1].clone();
    v["tasks"].as_array_mut().unwrap().push(second);
    gives_up(
        &serde_json::to_string_pretty(&v).unwrap(),
        std::slice::from_ref(&ok),
    );
    // Members to_json writes before the tasks, found after them.
    for late in ["goals", "format", "document", "sections"] {
        let mut keys: Vec<&str> = IN_ORDER.into_iter().filter(|k| *k != late).collect();
        keys.push(late);
        gives_up(&ordered(&keys, ""), std::slice::from_ref(&ok));
    }
    // Broken text.
    gives_up(&BUNDLED[..BUNDLED.len() / 2], std::slice::from_ref(&ok));
    gives_up(
        &BUNDLED.replacen("\"status\": \"", "\"status\": 7, \"x\": \"", 1),
        std::slice::from_ref(&ok),
    );
}

#[test]
fn a_full_disk_is_told_as_a_full_disk() {
    let bytes = BUNDLED.as_bytes();
    let edits = [task("t2", Op::SetStatus { to: Status::Done })];
    let e = save_in_blocks(
        bytes,
        bytes.len() as u64,
        FILE_CAP,
        BLOCK,
        &edits,
        &mut Full,
    )
    .unwrap_err();
    assert_eq!(e.kind(), io::ErrorKind::StorageFull, "{e}");
}

#[test]
fn hostile_text_is_written_back_as_the_whole_save_writes_it() {
    // Escapes, terminal controls, quotes and brackets inside strings, emoji, and a
    // key spelt with an escape: kept as written (only the screen's copy is cleaned).
    let mut v: Value = serde_json::from_str(BUNDLED).unwrap();
    v["tasks"][0]["title"] = json!("\u{1b}[2J清屏\t\"引号\"]},{\\ 😀");
    v["tasks"][1]["text"] = json!("第一行\n第二行\r\u{0}\u{7f}\u{202e}反向");
    v["document"]["title"] = json!("\"tasks\": [");
    let text = serde_json::to_string_pretty(&v).unwrap();
    // serde's Value writes its keys sorted: put the members in to_json's order.
    let reg: Registry = serde_json::from_str(&text).unwrap();
    let json = to_json(&reg).replacen("\"tasks\":", "\"t\\u0061sks\":", 1);
    same_as_whole(&json, &[task("t1", Op::SetStatus { to: Status::Done })]);
    same_as_whole(
        &json,
        &[task(
            "t2",
            Op::AddNote {
                text: "\u{1b}]0;标题\u{7}备注".into(),
            },
        )],
    );
}
