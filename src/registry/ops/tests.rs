//! Edits applied, undone, recorded and counted.

use super::*;
use crate::store::{BUNDLED, parse_bytes};
use std::path::Path;

fn reg() -> Registry {
    parse_bytes(Path::new("bundled"), BUNDLED.as_bytes()).unwrap()
}

fn at() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-28T10:31:00+08:00").unwrap()
}

thread_local! {
    /// Minutes since [`at`] of the next edit: each edit of a test is a separate
    /// decision, a minute after the one before (well outside [`COALESCE`]).
    static CLOCK: std::cell::Cell<i64> = const { std::cell::Cell::new(0) };
}

/// An edit by liwei, a minute after the test's previous one (the first at [`at`]).
pub(super) fn edit(target: Target, op: Op) -> Edit {
    let m = CLOCK.with(|c| c.replace(c.get() + 1));
    Edit {
        target,
        op,
        note: None,
        by: "liwei".into(),
        at: at() + chrono::Duration::minutes(m),
    }
}

fn task(id: &str) -> Target {
    Target::Task(id.into())
}

#[test]
fn set_status_records_history_and_who() {
    let mut r = reg();
    let e = edit(
        task("t12"),
        Op::SetStatus {
            to: Status::InProgress,
        },
    )
    .with_note("开工");
    apply(&mut r, &e).unwrap();
    let t = r.task("t12").unwrap();
    assert_eq!(t.status, Status::InProgress);
    assert_eq!(t.updated_at, Some(at()));
    assert_eq!(t.updated_by.as_deref(), Some("liwei"));
    let h = t.history.last().unwrap();
    assert_eq!(h.field, "status");
    assert_eq!(h.from, Some(Value::from("not_started")));
    assert_eq!(h.to, Some(Value::from("in_progress")));
    assert_eq!(h.note.as_deref(), Some("开工"));
    assert_eq!(h.by, "liwei");
}

#[test]
fn done_completes_progress_with_its_own_entry() {
    let mut r = reg();
    apply(&mut r, &edit(task("t1"), Op::SetProgress { to: 40 })).unwrap();
    let added = apply_recorded(
        &mut r,
        &edit(task("t1"), Op::SetStatus { to: Status::Done }),
    )
    .unwrap();
    assert_eq!(added.len(), 2);
    assert_eq!(added[1].field, "progress");
    assert_eq!(added[1].from, Some(Value::from(40)));
    let t = r.task("t1").unwrap();
    assert_eq!((t.status, t.progress), (Status::Done, 100));
    // Leaving done goes back to the last progress below 100.
    apply(
        &mut r,
        &edit(
            task("t1"),
            Op::SetStatus {
                to: Status::Delayed,
            },
        ),
    )
    .unwrap();
    assert_eq!(r.task("t1").unwrap().progress, 40);
}

#[test]
fn unchanged_without_note_is_a_no_op_with_note_is_recorded() {
    let mut r = reg();
    let before = r.clone();
    let same = edit(
        task("t2"),
        Op::SetStatus {
            to: Status::NotStarted,
        },
    );
    assert!(apply_recorded(&mut r, &same).unwrap().is_empty());
    assert_eq!(r, before);
    apply(&mut r, &same.clone().with_note("checked")).unwrap();
    let h = r.task("t2").unwrap().history.last().unwrap();
    assert_eq!(h.from, h.to);
    assert_eq!(h.note.as_deref(), Some("checked"));
}

#[test]
fn progress_and_due() {
    let mut r = reg();
    apply(&mut r, &edit(task("t3"), Op::SetProgress { to: 60 })).unwrap();
    assert_eq!(
        apply(&mut r, &edit(task("t3"), Op::SetProgress { to: 101 })),
        Err(EditError::ProgressOutOfRange(101))
    );
    let d = NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
    apply(&mut r, &edit(task("t3"), Op::SetDue { to: Some(d) })).unwrap();
    apply(&mut r, &edit(task("t3"), Op::SetDue { to: None })).unwrap();
    let t = r.task("t3").unwrap();
    assert_eq!(t.due, None);
    let h = &t.history[t.history.len() - 2..];
    assert_eq!(
        (h[0].from.clone(), h[0].to.clone()),
        (None, Some(Value::from("2026-06-30")))
    );
    assert_eq!(
        (h[1].from.clone(), h[1].to.clone()),
        (Some(Value::from("2026-06-30")), None)
    );
    // The saved form reads back equal.
    let json = crate::store::to_json(&r);
    assert_eq!(parse_bytes(Path::new("x"), json.as_bytes()).unwrap(), r);
}

#[test]
fn notes_are_cleaned_and_empty_ones_refused() {
    let mut r = reg();
    let e = edit(
        task("t4"),
        Op::AddNote {
            text: " 已召开推进会\u{1b}[31m \n".into(),
        },
    );
    apply(&mut r, &e).unwrap();
    let h = r.task("t4").unwrap().history.last().unwrap();
    assert_eq!(
        (h.field.as_str(), h.note.as_deref()),
        ("note", Some("已召开推进会"))
    );
    assert_eq!((h.from.clone(), h.to.clone()), (None, None));
    let empty = edit(task("t4"), Op::AddNote { text: " \n".into() });
    assert_eq!(apply(&mut r, &empty), Err(EditError::EmptyNote));
}

#[test]
fn goals_take_status_and_notes_only() {
    let mut r = reg();
    let g = Target::Goal("g2025".into());
    apply(
        &mut r,
        &edit(
            g.clone(),
            Op::SetStatus {
                to: Status::InProgress,
            },
        ),
    )
    .unwrap();
    apply(&mut r, &edit(g.clone(), Op::AddNote { text: "ok".into() })).unwrap();
    let goal = r.goals.iter().find(|x| x.id == "g2025").unwrap();
    assert_eq!(goal.status, Status::InProgress);
    assert_eq!(goal.history.len(), 2);
    assert_eq!(goal.updated_by.as_deref(), Some("liwei"));
    assert_eq!(
        apply(&mut r, &edit(g, Op::SetProgress { to: 5 })),
        Err(EditError::NotForGoals {
            goal: "g2025".into(),
            field: "progress"
        })
    );
}

#[test]
fn unknown_targets_leave_the_registry_alone() {
    let mut r = reg();
    let before = r.clone();
    let e = edit(task("t999"), Op::SetStatus { to: Status::Done });
    assert_eq!(
        apply(&mut r, &e),
        Err(EditError::UnknownTask("t999".into()))
    );
    let e = edit(
        Target::Goal("nope".into()),
        Op::SetStatus { to: Status::Done },
    );
    assert_eq!(
        apply(&mut r, &e),
        Err(EditError::UnknownGoal("nope".into()))
    );
    assert_eq!(r, before);
}

#[test]
fn undo_puts_back_what_an_entry_changed() {
    let mut r = reg();
    apply(&mut r, &edit(task("t5"), Op::SetProgress { to: 30 })).unwrap();
    let added = apply_recorded(
        &mut r,
        &edit(task("t5"), Op::SetStatus { to: Status::Done }),
    )
    .unwrap();
    // Progress 30 made it 推进中; done filled progress to 100.
    for e in added.iter().rev() {
        apply(&mut r, &edit(task("t5"), Op::undo(e).unwrap())).unwrap();
    }
    let t = r.task("t5").unwrap();
    assert_eq!((t.status, t.progress), (Status::InProgress, 30));
    let note = HistoryEntry {
        at: at(),
        by: "x".into(),
        field: "note".into(),
        from: None,
        to: None,
        note: Some("n".into()),
        source: None,
        undo: false,
    };
    assert_eq!(Op::undo(&note), None);
}

#[test]
fn parses_progress_and_dates() {
    assert_eq!(parse_progress("60"), Ok(60));
    assert_eq!(parse_progress(" 60 % "), Ok(60));
    assert_eq!(
        parse_progress("101"),
        Err(EditError::ProgressOutOfRange(101))
    );
    assert!(matches!(
        parse_progress("-5"),
        Err(EditError::BadProgress(_))
    ));
    assert!(matches!(
        parse_progress("1000"),
        Err(EditError::BadProgress(_))
    ));
    assert_eq!(parse_due("none"), Ok(None));
    assert_eq!(
        parse_due("2026-06-30"),
        Ok(NaiveDate::from_ymd_opt(2026, 6, 30))
    );
    assert!(matches!(
        parse_due("2026-13-01"),
        Err(EditError::BadDate(_))
    ));
}

#[test]
fn changes_name_who_made_them() {
    let old = reg();
    let mut new = old.clone();
    for (who, t) in [("liwei", "t1"), ("liwei", "t2"), ("wang", "t1")] {
        let mut e = edit(task(t), Op::AddNote { text: "x".into() });
        e.by = who.into();
        apply(&mut new, &e).unwrap();
    }
    let c = changes_between(&old, &new);
    assert_eq!(c.to_string(), "3 changes by liwei, wang");
    assert!(changes_between(&old, &old).is_empty());
    new.tasks[5].title.push('!');
    assert_eq!(
        changes_between(&old, &new).to_string(),
        "3 changes by liwei, wang and 1 other change"
    );
    let mut hand = old.clone();
    hand.tasks.pop();
    assert_eq!(
        changes_between(&old, &hand).to_string(),
        "1 change (not in the history)"
    );
}
