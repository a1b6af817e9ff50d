//! Applying an edit: the field, its history entry, `updated_at` and `updated_by`.

use super::{Edit, EditError, Op, Target};
use crate::registry::{HistoryEntry, Registry, Status, Task, sanitize_line, sanitize_text};
use chrono::{DateTime, FixedOffset, NaiveDate};
use serde_json::Value;

/// Applies `edit` to `reg`: changes the field, appends history, sets `updated_at` and
/// `updated_by`. On error `reg` is unchanged.
pub fn apply(reg: &mut Registry, edit: &Edit) -> Result<(), EditError> {
    apply_recorded(reg, edit).map(|_| ())
}

/// Like [`apply`], returning the history entries it appended (none for a no-op; two for
/// `done` that also completes progress), e.g. to show what changed or to undo it.
pub fn apply_recorded(reg: &mut Registry, edit: &Edit) -> Result<Vec<HistoryEntry>, EditError> {
    let by = {
        let b = sanitize_line(edit.by.trim());
        if b.is_empty() { "unknown".into() } else { b }
    };
    let note = clean_note(edit.note.as_deref());
    let rec = Recorder {
        at: edit.at,
        by,
        out: Vec::new(),
    };
    match &edit.target {
        Target::Task(id) => {
            let task = reg
                .tasks
                .iter_mut()
                .find(|t| t.id == *id)
                .ok_or_else(|| EditError::UnknownTask(id.clone()))?;
            apply_task(task, &edit.op, note, rec)
        }
        Target::Goal(id) => {
            let goal = reg
                .goals
                .iter_mut()
                .find(|g| g.id == *id)
                .ok_or_else(|| EditError::UnknownGoal(id.clone()))?;
            let mut h = Holder {
                history: &mut goal.history,
                updated_at: &mut goal.updated_at,
                updated_by: &mut goal.updated_by,
            };
            match &edit.op {
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
                op => Err(EditError::NotForGoals {
                    goal: id.clone(),
                    field: op.field(),
                }),
            }
        }
    }
}

fn apply_task(
    task: &mut Task,
    op: &Op,
    note: Option<String>,
    mut rec: Recorder,
) -> Result<Vec<HistoryEntry>, EditError> {
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
            rec.push(
                &mut h,
                "status",
                status_value(from),
                status_value(*to),
                note,
            );
            if *to == Status::Done && task.progress < 100 {
                let old = task.progress;
                task.progress = 100;
                rec.push(
                    &mut h,
                    "progress",
                    Some(Value::from(old)),
                    Some(Value::from(100u8)),
                    None,
                );
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
            task.progress = *to;
            rec.push(
                &mut h,
                "progress",
                Some(Value::from(from)),
                Some(Value::from(*to)),
                note,
            );
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
    }
    Ok(rec.out)
}

fn add_note(
    h: &mut Holder<'_>,
    text: &str,
    extra: Option<String>,
    mut rec: Recorder,
) -> Result<Vec<HistoryEntry>, EditError> {
    let text = clean_note(Some(text));
    let note = match (text, extra) {
        (Some(t), Some(e)) => format!("{t}\n{e}"),
        (Some(t), None) | (None, Some(t)) => t,
        (None, None) => return Err(EditError::EmptyNote),
    };
    rec.push(h, "note", None, None, Some(note));
    Ok(rec.out)
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

/// The history-bearing fields of a task or goal.
struct Holder<'a> {
    history: &'a mut Vec<HistoryEntry>,
    updated_at: &'a mut Option<DateTime<FixedOffset>>,
    updated_by: &'a mut Option<String>,
}

struct Recorder {
    at: DateTime<FixedOffset>,
    by: String,
    out: Vec<HistoryEntry>,
}

impl Recorder {
    fn push(
        &mut self,
        h: &mut Holder<'_>,
        field: &str,
        from: Option<Value>,
        to: Option<Value>,
        note: Option<String>,
    ) {
        let entry = HistoryEntry {
            at: self.at,
            by: self.by.clone(),
            field: field.to_string(),
            from,
            to,
            note,
            source: None,
        };
        h.history.push(entry.clone());
        *h.updated_at = Some(self.at);
        *h.updated_by = Some(self.by.clone());
        self.out.push(entry);
    }
}
