//! Edits as operations, not snapshots: "set the status of task t12 to 推进中, with this
//! note". An [`Edit`] is applied to whatever version of the registry is on disk when it
//! is saved (the store re-reads the file under a lock), so two people editing the same
//! file never overwrite each other's work.
//!
//! Every applied edit appends a [`HistoryEntry`] to its task or goal and sets
//! `updated_at`/`updated_by`. Choices made here:
//!
//! - Setting a task's status to `done` also sets its progress to 100 when it was lower,
//!   recorded as a second history entry (field "progress", no note), so the detail view
//!   never shows "已完成, 40 %" and undo can put the old progress back. Leaving `done`
//!   does not touch progress, and progress 100 does not set the status: that stays a
//!   person's call.
//! - An edit that changes nothing (status already `in_progress`) and carries no note is a
//!   no-op: no history entry, nothing to save. With a note it is recorded (from = to),
//!   because "checked, still in progress: …" is exactly what 督办 follow-up notes say.
//! - "No due date" is an absent `from`/`to` in the history entry (not JSON `null`, which
//!   would read back as absent and make the loaded file differ from the saved registry).
//! - Notes and names are sanitised like text loaded from a file, so what is shown right
//!   after an edit is what the next load will show.

use super::{HistoryEntry, Registry, Status, Task, sanitize_line, sanitize_text};
use chrono::{DateTime, FixedOffset, Local, NaiveDate, Timelike};
use serde_json::Value;
use std::collections::HashMap;
use std::fmt;

/// What an edit changes: a task or a goal, by id.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Target {
    Task(String),
    Goal(String),
}

impl Target {
    pub fn id(&self) -> &str {
        match self {
            Target::Task(id) | Target::Goal(id) => id,
        }
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Target::Task(id) => write!(f, "task {id}"),
            Target::Goal(id) => write!(f, "goal {id}"),
        }
    }
}

/// One change to a task or goal. Goals take only [`Op::SetStatus`] and [`Op::AddNote`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Op {
    SetStatus {
        to: Status,
    },
    /// Percent done, 0–100.
    SetProgress {
        to: u8,
    },
    /// `None` clears the due date.
    SetDue {
        to: Option<NaiveDate>,
    },
    /// A dated progress note; the status stays as it is.
    AddNote {
        text: String,
    },
}

impl Op {
    /// The history field this operation records: "status", "progress", "due" or "note".
    pub fn field(&self) -> &'static str {
        match self {
            Op::SetStatus { .. } => "status",
            Op::SetProgress { .. } => "progress",
            Op::SetDue { .. } => "due",
            Op::AddNote { .. } => "note",
        }
    }

    /// The operation that puts back what `entry` changed, for undo. History is
    /// append-only, so an undo is a new edit that records itself. Notes cannot be
    /// taken back (`None`): add a correcting note instead.
    pub fn undo(entry: &HistoryEntry) -> Option<Op> {
        let from = entry.from.as_ref();
        match entry.field.as_str() {
            "status" => {
                let key = from?.as_str()?;
                Some(Op::SetStatus {
                    to: key.parse().ok()?,
                })
            }
            "progress" => {
                let n = from.and_then(Value::as_u64).unwrap_or(0);
                Some(Op::SetProgress {
                    to: u8::try_from(n).ok().filter(|n| *n <= 100)?,
                })
            }
            "due" => match from {
                None | Some(Value::Null) => Some(Op::SetDue { to: None }),
                Some(v) => Some(Op::SetDue {
                    to: Some(NaiveDate::parse_from_str(v.as_str()?, "%Y-%m-%d").ok()?),
                }),
            },
            _ => None,
        }
    }
}

/// An operation on a target, by someone, at some time, with an optional note.
#[derive(Debug, Clone, PartialEq)]
pub struct Edit {
    pub target: Target,
    pub op: Op,
    /// Attached to the history entry (for [`Op::AddNote`], appended to its text).
    pub note: Option<String>,
    /// Login name of whoever made the edit (see [`who`]).
    pub by: String,
    pub at: DateTime<FixedOffset>,
}

impl Edit {
    /// An edit made now, by this process's user, without a note.
    pub fn new(target: Target, op: Op) -> Edit {
        Edit {
            target,
            op,
            note: None,
            by: who(),
            at: now(),
        }
    }

    pub fn with_note(mut self, note: impl Into<String>) -> Edit {
        self.note = Some(note.into());
        self
    }
}

/// Why an edit cannot be applied (or its input not understood). Displays as one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditError {
    UnknownTask(String),
    UnknownGoal(String),
    /// Progress over 100.
    ProgressOutOfRange(u8),
    /// Progress or due date asked of a goal.
    NotForGoals {
        goal: String,
        field: &'static str,
    },
    /// A note with no text.
    EmptyNote,
    /// Text that is not a percentage (from [`parse_progress`]).
    BadProgress(String),
    /// Text that is not a date (from [`parse_due`]).
    BadDate(String),
}

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EditError::UnknownTask(k) => write!(
                f,
                "no task '{k}' in this registry: give a task number or id (`dubang summary` lists them)"
            ),
            EditError::UnknownGoal(k) => write!(
                f,
                "no goal '{k}' in this registry: give a goal id (`dubang summary` lists them)"
            ),
            EditError::ProgressOutOfRange(n) => write!(
                f,
                "progress {n} is over 100: give a percentage from 0 to 100"
            ),
            EditError::NotForGoals { goal, field } => write!(
                f,
                "goal {goal} has no {field}: goals take a status and notes only"
            ),
            EditError::EmptyNote => f.write_str("the note is empty: write some text"),
            EditError::BadProgress(s) => write!(
                f,
                "bad progress '{s}': give a whole number from 0 to 100 (e.g. 60 or 60%)"
            ),
            EditError::BadDate(s) => write!(
                f,
                "bad date '{s}': give YYYY-MM-DD (e.g. 2026-06-30), or none to clear it"
            ),
        }
    }
}

impl std::error::Error for EditError {}

/// Reads a percentage as people type it: "60", "60%", " 60 % ".
pub fn parse_progress(s: &str) -> Result<u8, EditError> {
    let t = s.trim();
    let t = t
        .strip_suffix('%')
        .or_else(|| t.strip_suffix('％'))
        .unwrap_or(t)
        .trim();
    let n: u32 = t
        .parse()
        .map_err(|_| EditError::BadProgress(s.to_string()))?;
    match u8::try_from(n) {
        Ok(n) if n <= 100 => Ok(n),
        Ok(n) => Err(EditError::ProgressOutOfRange(n)),
        Err(_) => Err(EditError::BadProgress(s.to_string())),
    }
}

/// Reads a due date: `YYYY-MM-DD`, or `none`/`-`/`无`/empty to clear it.
pub fn parse_due(s: &str) -> Result<Option<NaiveDate>, EditError> {
    let t = s.trim();
    if t.is_empty() || t == "-" || t == "无" || t.eq_ignore_ascii_case("none") {
        return Ok(None);
    }
    NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| EditError::BadDate(s.to_string()))
}

/// The current local time with its offset, to the second (history stays readable).
pub fn now() -> DateTime<FixedOffset> {
    let t = Local::now().fixed_offset();
    t.with_nanosecond(0).unwrap_or(t)
}

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
        };
        h.history.push(entry.clone());
        *h.updated_at = Some(self.at);
        *h.updated_by = Some(self.by.clone());
        self.out.push(entry);
    }
}

/// The login name to record as `by`: `$SUDO_USER` (the person behind `sudo`), then
/// `$USER`, then `$LOGNAME`, then the account of the real uid in `/etc/passwd` (uid from
/// `/proc/self/status`, so no libc binding is needed), else "unknown".
pub fn who() -> String {
    let uid = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| real_uid(&s));
    who_from(
        |k| std::env::var(k).ok(),
        uid,
        || std::fs::read_to_string("/etc/passwd").ok(),
    )
}

fn who_from(
    env: impl Fn(&str) -> Option<String>,
    uid: Option<u32>,
    passwd: impl FnOnce() -> Option<String>,
) -> String {
    let clean = |s: String| {
        let s = sanitize_line(s.trim());
        (!s.is_empty()).then_some(s)
    };
    for var in ["SUDO_USER", "USER", "LOGNAME"] {
        if let Some(name) = env(var).and_then(clean) {
            return name;
        }
    }
    uid.and_then(|uid| {
        passwd()?.lines().find_map(|line| {
            let mut f = line.split(':');
            let name = f.next()?;
            let id: u32 = f.nth(1)?.parse().ok()?;
            (id == uid).then(|| name.to_string())
        })
    })
    .and_then(clean)
    .unwrap_or_else(|| "unknown".into())
}

/// The real uid from the `Uid:` line of `/proc/self/status` (real, effective, saved, fs).
fn real_uid(status: &str) -> Option<u32> {
    status
        .lines()
        .find_map(|l| l.strip_prefix("Uid:"))?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

/// What changed between two versions of a registry, for a status line such as
/// "reloaded: 3 changes by liwei".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changes {
    /// History entries in the new version that the old one does not have.
    pub count: usize,
    /// Who made them, each name once, in the order first seen.
    pub by: Vec<String>,
    /// Changes with no history entry: tasks or goals changed, added or removed by hand,
    /// and other parts of the file (sections, units, …) that differ.
    pub unrecorded: usize,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.count == 0 && self.unrecorded == 0
    }
}

impl fmt::Display for Changes {
    /// "3 changes by liwei, wangfang", "1 change by liwei and 2 other changes",
    /// "2 changes (not in the history)", "no changes".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let plural = |n: usize| if n == 1 { "" } else { "s" };
        if self.is_empty() {
            return f.write_str("no changes");
        }
        if self.count > 0 {
            write!(
                f,
                "{} change{} by {}",
                self.count,
                plural(self.count),
                self.by.join(", ")
            )?;
            if self.unrecorded > 0 {
                write!(
                    f,
                    " and {} other change{}",
                    self.unrecorded,
                    plural(self.unrecorded)
                )?;
            }
            Ok(())
        } else {
            write!(
                f,
                "{} change{} (not in the history)",
                self.unrecorded,
                plural(self.unrecorded)
            )
        }
    }
}

/// Counts the changes from `old` to `new` and names who made them: history entries that
/// `new` has beyond `old`'s (by position when `old`'s history is a prefix, as it is for
/// edits saved by dubang; by content otherwise), plus changes made without history.
/// Adds to `c` the changes between two versions of one list (tasks or goals), matched
/// by id: new history entries, or one unrecorded change for an entry that changed,
/// appeared or disappeared without history.
fn count_changes<T>(
    c: &mut Changes,
    old: &[T],
    new: &[T],
    id: impl Fn(&T) -> &String,
    history: impl Fn(&T) -> &[HistoryEntry],
    same_but_history: impl Fn(&T, &T) -> bool,
) {
    let old_by_id: HashMap<&str, &T> = old.iter().map(|x| (id(x).as_str(), x)).collect();
    for x in new {
        let before = old_by_id.get(id(x).as_str());
        let n = new_entries(c, before.map_or(&[][..], |o| history(o)), history(x));
        if n == 0 && before.is_none_or(|o| !same_but_history(o, x)) {
            c.unrecorded += 1;
        }
    }
    let new_ids: std::collections::HashSet<&str> = new.iter().map(|x| id(x).as_str()).collect();
    c.unrecorded += old
        .iter()
        .filter(|x| !new_ids.contains(id(x).as_str()))
        .count();
}

pub fn changes_between(old: &Registry, new: &Registry) -> Changes {
    let mut c = Changes::default();
    count_changes(
        &mut c,
        &old.tasks,
        &new.tasks,
        |t| &t.id,
        |t| &t.history,
        same_task_but_history,
    );
    count_changes(
        &mut c,
        &old.goals,
        &new.goals,
        |g| &g.id,
        |g| &g.history,
        |o, g| {
            o.status == g.status
                && o.text == g.text
                && o.due == g.due
                && o.horizon == g.horizon
                && o.sections == g.sections
                && o.targets == g.targets
        },
    );
    c.unrecorded += [
        old.format != new.format,
        old.document != new.document,
        old.sections != new.sections,
        old.units != new.units,
        old.towns != new.towns,
        old.measures != new.measures,
    ]
    .into_iter()
    .filter(|d| *d)
    .count();
    c
}

fn new_entries(c: &mut Changes, old: &[HistoryEntry], new: &[HistoryEntry]) -> usize {
    let added: Vec<&HistoryEntry> = if new.len() >= old.len() && new[..old.len()] == *old {
        new[old.len()..].iter().collect()
    } else {
        new.iter().filter(|e| !old.contains(e)).collect()
    };
    for e in &added {
        if !c.by.contains(&e.by) {
            c.by.push(e.by.clone());
        }
    }
    c.count += added.len();
    added.len()
}

fn same_task_but_history(a: &Task, b: &Task) -> bool {
    // Destructured so that a new field of Task cannot be forgotten here.
    let Task {
        id,
        number,
        section,
        title,
        text,
        lead,
        responsible,
        all_towns,
        mentions,
        status,
        progress,
        due,
        updated_at,
        updated_by,
        history: _,
    } = a;
    *id == b.id
        && *number == b.number
        && *section == b.section
        && *title == b.title
        && *text == b.text
        && *lead == b.lead
        && *responsible == b.responsible
        && *all_towns == b.all_towns
        && *mentions == b.mentions
        && *status == b.status
        && *progress == b.progress
        && *due == b.due
        && *updated_at == b.updated_at
        && *updated_by == b.updated_by
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{BUNDLED, parse_bytes};
    use std::path::Path;

    fn reg() -> Registry {
        parse_bytes(Path::new("bundled"), BUNDLED.as_bytes()).unwrap()
    }

    fn at() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2026-11-28T10:31:00+08:00").unwrap()
    }

    fn edit(target: Target, op: Op) -> Edit {
        Edit {
            target,
            op,
            note: None,
            by: "liwei".into(),
            at: at(),
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
        // Leaving done keeps the progress.
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
        assert_eq!(r.task("t1").unwrap().progress, 100);
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
        apply(&mut r, &edit(task("t3"), Op::SetProgress { to: 100 })).unwrap();
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
        for e in added.iter().rev() {
            apply(&mut r, &edit(task("t5"), Op::undo(e).unwrap())).unwrap();
        }
        let t = r.task("t5").unwrap();
        assert_eq!((t.status, t.progress), (Status::NotStarted, 30));
        let note = HistoryEntry {
            at: at(),
            by: "x".into(),
            field: "note".into(),
            from: None,
            to: None,
            note: Some("n".into()),
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
    fn who_prefers_sudo_user_then_user_then_logname_then_passwd() {
        let passwd = || {
            Some("root:x:0:0::/root:/bin/sh\nliwei:x:1000:1000::/home/liwei:/bin/sh\n".to_string())
        };
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(
            who_from(
                env(&[("SUDO_USER", "wang"), ("USER", "root")]),
                Some(0),
                passwd
            ),
            "wang"
        );
        assert_eq!(
            who_from(env(&[("USER", " "), ("LOGNAME", "zhao")]), Some(0), passwd),
            "zhao"
        );
        assert_eq!(who_from(env(&[]), Some(1000), passwd), "liwei");
        assert_eq!(who_from(env(&[]), Some(4242), passwd), "unknown");
        assert_eq!(who_from(env(&[]), None, passwd), "unknown");
        assert_eq!(real_uid("Name:\tx\nUid:\t1000\t0\t0\t0\n"), Some(1000));
        assert!(!who().is_empty());
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
}
