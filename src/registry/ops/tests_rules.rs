//! The status and progress rules, merged history and safe undo (issue 11, items 1–3).

use super::rules::{Disagreement, disagree};
use super::tests::edit;
use super::*;
use crate::registry::Registry;
use crate::store::{BUNDLED, parse_bytes};
use std::path::Path;

fn reg() -> Registry {
    parse_bytes(Path::new("bundled"), BUNDLED.as_bytes()).unwrap()
}

fn task(id: &str) -> Target {
    Target::Task(id.into())
}

fn state(r: &Registry, id: &str) -> (Status, u8) {
    let t = r.task(id).unwrap();
    (t.status, t.progress)
}

/// An edit at `secs` seconds after a fixed time, by `by`.
fn at_secs(target: Target, op: Op, secs: i64, by: &str) -> Edit {
    let mut e = edit(target, op);
    e.at = DateTime::parse_from_rfc3339("2026-11-29T09:00:00+08:00").unwrap()
        + chrono::Duration::seconds(secs);
    e.by = by.into();
    e
}

#[test]
fn cycling_never_ends_on_not_started_with_progress() {
    let mut r = reg();
    let mut seen = Vec::new();
    for _ in 0..10 {
        let to = Status::ALL[(r.task("t1").unwrap().status.index() + 1) % 5];
        apply(&mut r, &edit(task("t1"), Op::SetStatus { to })).unwrap();
        let (s, p) = state(&r, "t1");
        assert!(disagree(s, p).is_none(), "{s:?} {p}");
        seen.push((s, p));
    }
    assert!(seen.contains(&(Status::NotStarted, 0)));
    assert!(seen.contains(&(Status::Done, 100)));
}

#[test]
fn progress_moves_the_status_and_the_status_moves_progress() {
    let mut r = reg();
    // 未启动 + 60 % → 推进中 60 %, the status change recorded first.
    let out = apply_recorded(&mut r, &edit(task("t2"), Op::SetProgress { to: 60 })).unwrap();
    assert_eq!(state(&r, "t2"), (Status::InProgress, 60));
    assert_eq!(
        out.iter().map(|e| e.field.as_str()).collect::<Vec<_>>(),
        ["status", "progress"]
    );
    // 100 % → 已完成.
    apply(&mut r, &edit(task("t2"), Op::SetProgress { to: 100 })).unwrap();
    assert_eq!(state(&r, "t2"), (Status::Done, 100));
    // Leaving done by status: back to the last progress below 100.
    apply(
        &mut r,
        &edit(
            task("t2"),
            Op::SetStatus {
                to: Status::Blocked,
            },
        ),
    )
    .unwrap();
    assert_eq!(state(&r, "t2"), (Status::Blocked, 60));
    // Below 100 on a done task → 推进中.
    apply(
        &mut r,
        &edit(task("t2"), Op::SetStatus { to: Status::Done }),
    )
    .unwrap();
    apply(&mut r, &edit(task("t2"), Op::SetProgress { to: 90 })).unwrap();
    assert_eq!(state(&r, "t2"), (Status::InProgress, 90));
    // 未启动 means nothing done yet.
    apply(
        &mut r,
        &edit(
            task("t2"),
            Op::SetStatus {
                to: Status::NotStarted,
            },
        ),
    )
    .unwrap();
    assert_eq!(state(&r, "t2"), (Status::NotStarted, 0));
    // With no progress below 100 in the history, leaving done is 0 %.
    apply(
        &mut r,
        &edit(task("t3"), Op::SetStatus { to: Status::Done }),
    )
    .unwrap();
    apply(
        &mut r,
        &edit(
            task("t3"),
            Op::SetStatus {
                to: Status::Delayed,
            },
        ),
    )
    .unwrap();
    assert_eq!(state(&r, "t3"), (Status::Delayed, 0));
    assert_eq!(
        disagree(Status::Done, 60),
        Some(Disagreement::DoneBelowFull)
    );
    assert_eq!(
        disagree(Status::Blocked, 100),
        Some(Disagreement::FullNotDone)
    );
    assert_eq!(
        disagree(Status::NotStarted, 5),
        Some(Disagreement::NotStartedWithProgress)
    );
    assert_eq!(disagree(Status::InProgress, 5), None);
}

#[test]
fn undo_of_done_restores_both_fields_in_one_edit() {
    let mut r = reg();
    apply(&mut r, &edit(task("t4"), Op::SetProgress { to: 40 })).unwrap();
    let done = apply_recorded(
        &mut r,
        &edit(task("t4"), Op::SetStatus { to: Status::Done }),
    )
    .unwrap();
    let op = Op::revert(&done).unwrap();
    let back = apply_recorded(&mut r, &edit(task("t4"), op)).unwrap();
    assert_eq!(state(&r, "t4"), (Status::InProgress, 40));
    assert!(back.iter().all(|e| e.undo), "undo entries are marked");
    assert!(
        r.task("t4")
            .unwrap()
            .history
            .iter()
            .rev()
            .take(2)
            .all(|e| e.undo)
    );
}

#[test]
fn quick_changes_of_one_field_by_one_user_are_one_entry() {
    let mut r = reg();
    let before = r.task("t5").unwrap().history.len();
    for i in 0..4 {
        let to = Status::ALL[(r.task("t5").unwrap().status.index() + 1) % 5];
        apply(
            &mut r,
            &at_secs(task("t5"), Op::SetStatus { to }, i, "liwei"),
        )
        .unwrap();
    }
    let t = r.task("t5").unwrap();
    assert_eq!(t.status, Status::Blocked);
    let added = &t.history[before..];
    assert_eq!(added.len(), 1, "{added:?}");
    assert_eq!(added[0].from, Some(Value::from("not_started")));
    assert_eq!(added[0].to, Some(Value::from("blocked")));
    // The fifth press ends where it started: no entry at all.
    apply(
        &mut r,
        &at_secs(
            task("t5"),
            Op::SetStatus {
                to: Status::NotStarted,
            },
            4,
            "liwei",
        ),
    )
    .unwrap();
    assert_eq!(r.task("t5").unwrap().history.len(), before);
    assert_eq!(state(&r, "t5"), (Status::NotStarted, 0));
}

#[test]
fn no_merge_across_users_time_or_undo() {
    let mut r = reg();
    let s = |to| Op::SetStatus { to };
    apply(
        &mut r,
        &at_secs(task("t6"), s(Status::InProgress), 0, "liwei"),
    )
    .unwrap();
    // Another user's entry in between: liwei's next change is its own entry.
    apply(&mut r, &at_secs(task("t6"), s(Status::Blocked), 1, "wang")).unwrap();
    apply(&mut r, &at_secs(task("t6"), s(Status::Delayed), 2, "liwei")).unwrap();
    assert_eq!(r.task("t6").unwrap().history.len(), 3);
    // Too late: its own entry.
    apply(
        &mut r,
        &at_secs(task("t6"), s(Status::InProgress), 60, "liwei"),
    )
    .unwrap();
    assert_eq!(r.task("t6").unwrap().history.len(), 4);
    // An undo is never merged.
    let last = r.task("t6").unwrap().history.last().cloned().unwrap();
    let op = Op::revert(std::slice::from_ref(&last)).unwrap();
    apply(&mut r, &at_secs(task("t6"), op, 61, "liwei")).unwrap();
    let h = &r.task("t6").unwrap().history;
    assert_eq!(h.len(), 5);
    assert!(h[4].undo && !h[3].undo);
}

#[test]
fn undo_refuses_when_someone_changed_the_field_since() {
    let mut r = reg();
    let mine = apply_recorded(
        &mut r,
        &at_secs(
            task("t7"),
            Op::SetStatus {
                to: Status::InProgress,
            },
            0,
            "liwei",
        ),
    )
    .unwrap();
    apply(
        &mut r,
        &at_secs(
            task("t7"),
            Op::SetStatus {
                to: Status::Blocked,
            },
            30,
            "wang",
        ),
    )
    .unwrap();
    let before = r.clone();
    let op = Op::revert(&mine).unwrap();
    let Op::Revert { fields } = &op else {
        unreachable!()
    };
    let e = check_revert(&r, &task("t7"), fields).unwrap_err();
    assert_eq!(
        apply(&mut r, &at_secs(task("t7"), op, 40, "liwei")),
        Err(e.clone())
    );
    assert_eq!(r, before, "nothing changed");
    let EditError::ChangedSince { field, by, now, .. } = &e else {
        panic!("{e:?}")
    };
    assert_eq!((field.as_str(), by.as_deref()), ("status", Some("wang")));
    assert_eq!(now, &Some(Value::from("blocked")));
    assert!(e.to_string().contains("by wang at 2026-11-29 09:00"), "{e}");
}
