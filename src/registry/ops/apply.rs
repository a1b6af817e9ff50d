//! Applying an edit: the field, its history entry, `updated_at` and `updated_by`.

use super::record::{Holder, Recorder};
use super::rules::{progress_for_status, status_for_progress};
use super::{Edit, EditError, NOTE_MAX_CHARS, Op, Reverted, Target};
use crate::registry::{
    Counted, Goal, HistoryEntry, Index, Registry, Status, Task, sanitize_line, sanitize_text,
};
use chrono::NaiveDate;
use serde_json::Value;

/// Applies `edit` to `reg`: changes the field, appends history, sets `updated_at` and
/// `updated_by`. On error `reg` is unchanged.
pub fn apply(reg: &mut Registry, edit: &Edit) -> Result<(), EditError> {
    apply_recorded(reg, edit).map(|_| ())
}

/// Like [`apply`], returning the changes it made as history entries (none for a no-op;
/// two when a rule changed the other field too), e.g. to show what changed or to undo
/// it. The stored history may have merged them into an earlier entry (see `record`).
pub fn apply_recorded(reg: &mut Registry, edit: &Edit) -> Result<Vec<HistoryEntry>, EditError> {
    apply_at(reg, None, edit)
}

/// Like [`apply_recorded`], finding the task or goal through `ix`'s id → position
/// maps instead of a scan of every task, and moving the roll-ups that count the
/// task: what the dashboard does on each edit key (100 000 tasks). No edit changes
/// what the rest of `ix` (or the search index) is built from (ids, sections,
/// units, towns, names and texts), so `ix` stays right after it.
pub fn apply_indexed(
    reg: &mut Registry,
    ix: &mut Index,
    edit: &Edit,
) -> Result<Vec<HistoryEntry>, EditError> {
    let task = match &edit.target {
        Target::Task(id) => ix.task(reg, id),
        Target::Goal(_) => None,
    };
    let before = task.map(|i| Counted::of(&reg.tasks[i]));
    let recorded = apply_at(reg, Some(ix), edit)?;
    if let (Some(i), Some(before)) = (task, before) {
        ix.moved(reg, i, before);
    }
    Ok(recorded)
}

/// Where `id` sits in `items`: at `hint` when the item there has that id (the index
/// is the registry's), else by a scan.
fn position<T>(
    items: &[T],
    hint: Option<usize>,
    id: &str,
    id_of: impl Fn(&T) -> &str,
) -> Option<usize> {
    match hint {
        Some(i) if items.get(i).is_some_and(|x| id_of(x) == id) => Some(i),
        _ => items.iter().position(|x| id_of(x) == id),
    }
}

fn apply_at(
    reg: &mut Registry,
    ix: Option<&Index>,
    edit: &Edit,
) -> Result<Vec<HistoryEntry>, EditError> {
    let (rec, note) = prepare(edit)?;
    match &edit.target {
        Target::Task(id) => {
            let found = ix.and_then(|x| x.task(reg, id));
            let at = position(&reg.tasks, found, id, |t| &t.id)
                .ok_or_else(|| EditError::UnknownTask(id.clone()))?;
            apply_task(&mut reg.tasks[at], &edit.op, note, rec)
        }
        Target::Goal(id) => {
            let at = position(&reg.goals, ix.and_then(|x| x.goal(id)), id, |g| &g.id)
                .ok_or_else(|| EditError::UnknownGoal(id.clone()))?;
            apply_goal(&mut reg.goals[at], &edit.op, note, rec)
        }
    }
}

/// Applies `edit` to `task`, its target, found by the caller (a save that streams
/// the file past meets each task once): the same change and entries as
/// [`apply_recorded`] on a registry holding it.
pub fn apply_to_task(task: &mut Task, edit: &Edit) -> Result<Vec<HistoryEntry>, EditError> {
    let (rec, note) = prepare(edit)?;
    apply_task(task, &edit.op, note, rec)
}

/// [`apply_to_task`] for a goal.
pub fn apply_to_goal(goal: &mut Goal, edit: &Edit) -> Result<Vec<HistoryEntry>, EditError> {
    let (rec, note) = prepare(edit)?;
    apply_goal(goal, &edit.op, note, rec)
}

/// What every edit checks and records before its target is touched: who, when,
/// its note (cleaned and within [`NOTE_MAX_CHARS`]).
fn prepare(edit: &Edit) -> Result<(Recorder, Option<String>), EditError> {
    let by = {
        let b = sanitize_line(edit.by.trim());
        if b.is_empty() { "unknown".into() } else { b }
    };
    let note = clean_note(edit.note.as_deref());
    let added = match &edit.op {
        Op::AddNote { text } => clean_note(Some(text)),
        _ => None,
    };
    for n in [&note, &added].into_iter().flatten() {
        let chars = n.chars().count();
        if chars > NOTE_MAX_CHARS {
            return Err(EditError::NoteTooLong { chars });
        }
    }
    let rec = Recorder {
        at: edit.at,
        by,
        undo: matches!(edit.op, Op::Revert { .. }),
        out: Vec::new(),
    };
    Ok((rec, note))
}

fn apply_goal(
    goal: &mut Goal,
    op: &Op,
    note: Option<String>,
    rec: Recorder,
) -> Result<Vec<HistoryEntry>, EditError> {
    let mut h = Holder {
        history: &mut goal.history,
        updated_at: &mut goal.updated_at,
        updated_by: &mut goal.updated_by,
    };
    match op {
        Op::SetStatus { to } => {
            let from = goal.status;
            if from == *to && note.is_none() {
                return Ok(Vec::new());
            }
            goal.status = *to;
            let mut rec = rec;
            rec.push(
                &mut h,
                "status",
                status_value(from),
                status_value(*to),
                note,
            );
            Ok(rec.out)
        }
        Op::AddNote { text } => add_note(&mut h, text, note, rec),
        Op::Revert { fields } => {
            let now = |f: &str| (f == "status").then(|| status_value(goal.status)).flatten();
            check(fields, now, h.history)?;
            let mut rec = rec;
            for f in fields.iter().filter(|f| f.field == "status") {
                let to = parse_status(&f.back).unwrap_or(goal.status);
                let from = goal.status;
                goal.status = to;
                rec.push(&mut h, "status", status_value(from), status_value(to), None);
            }
            Ok(rec.out)
        }
        op => Err(EditError::NotForGoals {
            goal: goal.id.clone(),
            field: op.field(),
        }),
    }
}

fn apply_task(
    task: &mut Task,
    op: &Op,
    note: Option<String>,
    mut rec: Recorder,
) -> Result<Vec<HistoryEntry>, EditError> {
    // The rules read the history as it was before this edit.
    let follow_progress = match op {
        Op::SetStatus { to } => progress_for_status(task, *to),
        _ => None,
    };
    let mut h = Holder {
        history: &mut task.history,
        updated_at: &mut task.updated_at,
        updated_by: &mut task.updated_by,
    };
    match op {
        Op::SetStatus { to } => {
            let from = task.status;
            if from == *to && note.is_none() {
                return Ok(Vec::new());
            }
            task.status = *to;
            let (sf, st) = (status_value(from), status_value(*to));
            rec.push(&mut h, "status", sf, st, note);
            if let Some(p) = follow_progress {
                let old = task.progress;
                task.progress = p;
                rec.push(&mut h, "progress", num(old), num(p), None);
            }
        }
        Op::SetProgress { to } => {
            if *to > 100 {
                return Err(EditError::ProgressOutOfRange(*to));
            }
            let from = task.progress;
            if from == *to && note.is_none() {
                return Ok(Vec::new());
            }
            // The status change comes first, as the status line and history say it.
            if let Some(s) = status_for_progress(task.status, *to) {
                let old = task.status;
                task.status = s;
                rec.push(&mut h, "status", status_value(old), status_value(s), None);
            }
            task.progress = *to;
            rec.push(&mut h, "progress", num(from), num(*to), note);
        }
        Op::SetDue { to } => {
            let from = task.due;
            if from == *to && note.is_none() {
                return Ok(Vec::new());
            }
            task.due = *to;
            rec.push(&mut h, "due", date_value(from), date_value(*to), note);
        }
        Op::AddNote { text } => return add_note(&mut h, text, note, rec),
        Op::Revert { fields } => {
            let (status, progress, due) = (task.status, task.progress, task.due);
            let now = |f: &str| match f {
                "status" => status_value(status),
                "progress" => num(progress),
                "due" => date_value(due),
                _ => None,
            };
            check(fields, now, h.history)?;
            for f in fields {
                match f.field.as_str() {
                    "status" => {
                        let to = parse_status(&f.back).unwrap_or(task.status);
                        let from = std::mem::replace(&mut task.status, to);
                        rec.push(&mut h, "status", status_value(from), status_value(to), None);
                    }
                    "progress" => {
                        let to = f
                            .back
                            .as_ref()
                            .and_then(Value::as_u64)
                            .and_then(|n| u8::try_from(n).ok())
                            .filter(|n| *n <= 100)
                            .unwrap_or(0);
                        let from = std::mem::replace(&mut task.progress, to);
                        rec.push(&mut h, "progress", num(from), num(to), None);
                    }
                    "due" => {
                        let to = f
                            .back
                            .as_ref()
                            .and_then(Value::as_str)
                            .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok());
                        let from = std::mem::replace(&mut task.due, to);
                        rec.push(&mut h, "due", date_value(from), date_value(to), None);
                    }
                    _ => {}
                }
            }
        }
    }
    Ok(rec.out)
}

/// Whether an undo can put `fields` back: each must still hold what was written
/// (`now` gives what it holds). Otherwise who changed it since, from its history.
fn check(
    fields: &[Reverted],
    now: impl Fn(&str) -> Option<Value>,
    history: &[HistoryEntry],
) -> Result<(), EditError> {
    for f in fields {
        let held = now(&f.field);
        if held != f.wrote {
            let last = history.iter().rev().find(|e| e.field == f.field);
            return Err(EditError::ChangedSince {
                field: f.field.clone(),
                by: last.map(|e| e.by.clone()),
                at: last.map(|e| e.at),
                now: held,
            });
        }
    }
    Ok(())
}

/// Whether an undo of `fields` on `target` would go through on `reg` as it is: the
/// dashboard asks before saving (the save asks again under the lock).
pub fn check_revert(reg: &Registry, target: &Target, fields: &[Reverted]) -> Result<(), EditError> {
    let (status, progress, due, history) = match target {
        Target::Task(id) => match reg.tasks.iter().find(|t| t.id == *id) {
            Some(t) => (t.status, t.progress, t.due, &t.history),
            None => return Ok(()),
        },
        Target::Goal(id) => match reg.goals.iter().find(|g| g.id == *id) {
            Some(g) => (g.status, 0, None, &g.history),
            None => return Ok(()),
        },
    };
    let now = |f: &str| match f {
        "status" => status_value(status),
        "progress" => num(progress),
        "due" => date_value(due),
        _ => None,
    };
    check(fields, now, history)
}

fn num(n: u8) -> Option<Value> {
    Some(Value::from(n))
}

fn parse_status(v: &Option<Value>) -> Option<Status> {
    v.as_ref()?.as_str()?.parse().ok()
}

fn add_note(
    h: &mut Holder<'_>,
    text: &str,
    extra: Option<String>,
    mut rec: Recorder,
) -> Result<Vec<HistoryEntry>, EditError> {
    let note = note_text(text, extra).ok_or(EditError::EmptyNote)?;
    rec.push(h, "note", None, None, Some(note));
    Ok(rec.out)
}

/// A note's text as its history entry holds it: the note, then the edit's own
/// note on the next line; `None` when both are empty.
fn note_text(text: &str, extra: Option<String>) -> Option<String> {
    match (clean_note(Some(text)), extra) {
        (Some(t), Some(e)) => Some(format!("{t}\n{e}")),
        (Some(t), None) | (None, Some(t)) => Some(t),
        (None, None) => None,
    }
}

fn clean_note(note: Option<&str>) -> Option<String> {
    let n = sanitize_text(note?);
    let n = n.trim();
    (!n.is_empty()).then(|| n.to_string())
}

fn status_value(s: Status) -> Option<Value> {
    Some(Value::from(s.key()))
}

fn date_value(d: Option<NaiveDate>) -> Option<Value> {
    d.map(|d| Value::from(d.format("%Y-%m-%d").to_string()))
}

/// Whether a note edit is already in its target's history, entry for entry (the
/// same time, author and text): a save that landed in the instant before an exit
/// sealed the saves can also be in the recovery file, and adding its note again
/// would show it twice. Other edits set a value, and setting it again changes
/// nothing, so only notes are looked for.
pub fn note_recorded(reg: &Registry, edit: &Edit) -> bool {
    let Op::AddNote { text } = &edit.op else {
        return false;
    };
    let Some(note) = note_text(text, clean_note(edit.note.as_deref())) else {
        return false;
    };
    let by = sanitize_line(edit.by.trim());
    let history = match &edit.target {
        Target::Task(id) => reg.tasks.iter().find(|t| &t.id == id).map(|t| &t.history),
        Target::Goal(id) => reg.goals.iter().find(|g| &g.id == id).map(|g| &g.history),
    };
    history.is_some_and(|h| {
        h.iter().any(|e| {
            e.field == "note" && e.at == edit.at && e.by == by && e.note.as_deref() == Some(&note)
        })
    })
}
