//! `dubang ledger collect` on sheets that went wrong: a task changed after sending
//! (conflict), a registry older than the sheet (stale), a status not on the list, a
//! percent out of range, text typed into a locked column, a row matching no task, a
//! workbook of another plan. Each is named with file, sheet and cell; the rest of the
//! file is still collected, or with --strict nothing is.

use crate::ledger_common::{Place, fill, ledger, numbers, place, read_book, text, write_book};
use std::path::{Path, PathBuf};

/// 市水务局's sheet, sent, with `edit` applied to its book, written as `name`.
fn returned(p: &Place, name: &str, edit: impl FnOnce(&mut crate::ledger_common::Book)) -> PathBuf {
    let sent = p.send(&["市水务局"]);
    let mut book = read_book(&sent[0]);
    edit(&mut book);
    let f = p.path(name);
    write_book(&book, &f);
    f
}

fn collect(p: &Place, extra: &[&str], f: &Path) -> (Option<i32>, String, String) {
    let mut args = vec!["ledger", "collect"];
    args.extend(extra);
    args.push(f.to_str().unwrap());
    let o = p.run(&args);
    (o.status.code(), text(&o.stdout), text(&o.stderr))
}

#[test]
fn a_task_changed_after_sending_is_a_conflict_until_forced() {
    let p = place();
    let mut first = 0;
    let f = returned(&p, "r.xlsx", |b| {
        let rows = ledger(b);
        first = numbers(rows)[0];
        fill(rows, first, 8, "推进中");
        fill(rows, first, 10, "王丽");
    });
    p.ok(&["set", &first.to_string(), "blocked", "--note", "资金未到位"]);
    let (code, out, _) = collect(&p, &[], &f);
    assert_eq!(code, Some(0));
    assert!(out.contains("冲突"), "{out}");
    assert!(out.contains("r.xlsx 市水务局 H3:发出后"), "{out}");
    assert!(out.contains("受阻 → 推进中"), "{out}");
    assert!(out.contains("没有需要收取的变更"), "{out}");
    let (_, out, _) = collect(&p, &["--force"], &f);
    assert!(out.contains("已保存 1 条记录"), "{out}");
    let reg = p.registry();
    let t = reg.tasks.iter().find(|t| t.number == first).unwrap();
    assert_eq!(t.status.key(), "in_progress");
}

#[test]
fn a_sheet_newer_than_the_registry_is_stale() {
    let p = place();
    let old = std::fs::read(&p.file).unwrap();
    let mut first = 0;
    p.ok(&["set", "1", "in_progress"]);
    p.ok(&["set", "2", "in_progress"]);
    let f = returned(&p, "stale.xlsx", |b| {
        let rows = ledger(b);
        for n in numbers(rows) {
            fill(rows, n, 8, "已完成");
        }
        first = numbers(rows)[0];
    });
    // The registry is put back from an older backup.
    std::fs::write(&p.file, old).unwrap();
    // 市水务局's first task is task 2: one history entry when sent, none now.
    assert_eq!(first, 2);
    let (_, out, _) = collect(&p, &[], &f);
    assert!(
        out.contains("stale.xlsx 市水务局 H3:台账比方案文件新"),
        "{out}"
    );
    assert!(
        out.contains("已保存"),
        "the other rows are collected: {out}"
    );
    let reg = p.registry();
    assert_eq!(
        reg.tasks
            .iter()
            .find(|t| t.number == 2)
            .unwrap()
            .status
            .key(),
        "not_started"
    );
}

#[test]
fn bad_cells_are_named_and_the_rest_is_collected() {
    let p = place();
    let mut ns = Vec::new();
    let f = returned(&p, "bad.xlsx", |b| {
        let rows = ledger(b);
        ns = numbers(rows);
        fill(rows, ns[0], 8, "差不多");
        fill(rows, ns[1], 9, "120");
        fill(rows, ns[2], 1, "改过的标题");
        fill(rows, ns[2], 2, "改过的内容");
        fill(rows, ns[2], 7, "已完成征地");
        fill(rows, ns[3], 12, "t999");
        fill(rows, ns[3], 7, "无主之行");
        fill(rows, ns[4], 8, "完成");
        fill(rows, ns[4], 10, "王丽");
    });
    let before = std::fs::read(&p.file).unwrap();
    let (code, out, err) = collect(&p, &["--strict"], &f);
    assert_eq!(code, Some(1), "{out}{err}");
    assert!(err.contains("--strict 下不收取任何变更"), "{err}");
    assert_eq!(std::fs::read(&p.file).unwrap(), before);

    let (code, out, _) = collect(&p, &[], &f);
    assert_eq!(code, Some(0));
    assert!(
        out.contains("bad.xlsx 市水务局 I3:完成状态“差不多”不在下拉列表中"),
        "{out}"
    );
    assert!(
        out.contains("bad.xlsx 市水务局 J4:进度“120”应为0至100的整数"),
        "{out}"
    );
    assert!(
        out.contains("bad.xlsx 市水务局 B5:锁定列“重点任务”被改动"),
        "{out}"
    );
    assert!(
        out.contains("bad.xlsx 市水务局 C5:锁定列“任务内容”被改动"),
        "{out}"
    );
    assert!(
        out.contains("bad.xlsx 市水务局 A6:此行对应不到任何任务"),
        "{out}"
    );
    assert!(out.contains("已保存 3 条记录"), "{out}");
    let reg = p.registry();
    let t = |n: u32| reg.tasks.iter().find(|t| t.number == n).unwrap();
    assert_eq!(t(ns[4]).status.key(), "done");
    assert_eq!(
        t(ns[2]).history.last().unwrap().note.as_deref(),
        Some("已完成征地")
    );
    assert_ne!(t(ns[2]).title, "改过的标题");
    assert!(t(ns[0]).history.is_empty() && t(ns[1]).history.is_empty());
}

#[test]
fn a_workbook_of_another_plan_is_refused() {
    let p = place();
    let f = returned(&p, "other.xlsx", |b| {
        b[1].1[1][1] = "海府〔2020〕1号".into();
        let rows = ledger(b);
        let n = numbers(rows)[0];
        fill(rows, n, 8, "推进中");
    });
    let (code, out, _) = collect(&p, &[], &f);
    assert_eq!(code, Some(0));
    assert!(
        out.contains("other.xlsx _dubang B2:这是另一个方案的台账(海府〔2020〕1号"),
        "{out}"
    );
    assert!(out.contains("没有需要收取的变更"), "{out}");
    let junk = p.path("junk.xlsx");
    std::fs::write(&junk, b"not a workbook").unwrap();
    let (_, out, _) = collect(&p, &[], &junk);
    assert!(out.contains("junk.xlsx:无法读取"), "{out}");
}

#[test]
fn english_labels_for_an_english_request() {
    let p = place();
    let f = returned(&p, "en.xlsx", |b| {
        let rows = ledger(b);
        let n = numbers(rows)[0];
        fill(rows, n, 8, "maybe");
    });
    let (_, out, _) = collect(&p, &["--lang", "en", "--dry-run"], &f);
    assert!(
        out.contains("en.xlsx 市水务局 I3: status 'maybe' is not one of the list"),
        "{out}"
    );
    assert!(out.contains("dry run"), "{out}");
}

#[test]
fn a_fifo_named_as_a_returned_sheet_is_refused_not_waited_on() {
    let p = place();
    let f = p.path("fifo.xlsx");
    let made = std::process::Command::new("mkfifo")
        .arg(&f)
        .status()
        .unwrap();
    assert!(made.success());
    let (tx, rx) = std::sync::mpsc::channel();
    let arg = f.clone();
    std::thread::spawn(move || {
        let _ = tx.send(collect(&p, &[], &arg));
    });
    let (_, out, _) = rx
        .recv_timeout(std::time::Duration::from_secs(20))
        .expect("ledger collect answers instead of waiting on the FIFO");
    assert!(out.contains("fifo.xlsx:无法读取"), "{out}");
    assert!(!out.contains("regular file"), "said in Chinese: {out}");
}
