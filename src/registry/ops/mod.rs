//! Edits as operations, not snapshots: "set the status of task t12 to 推进中, with this
//! note". An [`Edit`] is applied to whatever version of the registry is on disk when it
//! is saved (the store re-reads the file under a lock), so two people editing the same
//! file never overwrite each other's work.
//!
//! Every applied edit appends a [`HistoryEntry`] to its task or goal and sets
//! `updated_at`/`updated_by`. Choices made here:
//!
//! - Status and progress follow the rules of [`rules`] (done ⇔ 100 %, progress moves
//!   未启动 to 推进中, leaving done drops below 100 %): the follow-on change is a second
//!   history entry of the same edit, so undo takes both back in one step.
//! - Quick successive changes of one field by one user (within [`COALESCE`]) are one
//!   history entry, from the first old value to the last new one, and no entry when
//!   the field ends where it started (`]` pressed five times is no decision). Only
//!   the field's last entry is merged into, only when nobody else wrote to the task
//!   since and it still holds what that entry wrote; this runs on the file as re-read
//!   under the save's lock, so another writer's entry is never merged or lost.
//! - An undo ([`Op::Revert`]) puts a field back only while it still holds the value
//!   the session wrote; otherwise it fails with [`EditError::ChangedSince`], naming
//!   who changed it and when. Its entries are marked `undo` and never merged.
//! - An edit that changes nothing (status already `in_progress`) and carries no note is a
//!   no-op: no history entry, nothing to save. With a note it is recorded (from = to),
//!   because "checked, still in progress: …" is exactly what 督办 follow-up notes say.
//! - "No due date" is an absent `from`/`to` in the history entry (not JSON `null`, which
//!   would read back as absent and make the loaded file differ from the saved registry).
//! - Notes and names are sanitised like text loaded from a file, so what is shown right
//!   after an edit is what the next load will show.

mod apply;
mod changes;
mod record;
pub mod rules;

pub use crate::account::who;
pub use apply::{
    apply, apply_indexed, apply_recorded, apply_to_goal, apply_to_task, check_revert, note_recorded,
};
pub use changes::{Changes, changes_between, changes_in, same_but_edits, same_goal_but_edits};
pub use record::COALESCE;

#[cfg(test)]
use super::Registry;
use super::{HistoryEntry, Status};
use chrono::{DateTime, FixedOffset, Local, NaiveDate, Timelike};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::fmt;

/// What an edit changes: a task or a goal, by id.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
    /// Undo: put these fields back, each only if it still holds what was written.
    Revert {
        fields: Vec<Reverted>,
    },
}

/// One field an undo puts back: the value this session wrote and the one before.
/// Values as the history stores them (a status key, a number, a date, absent).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reverted {
    pub field: String,
    pub wrote: Option<Value>,
    pub back: Option<Value>,
}

impl Op {
    /// The history field this operation records: "status", "progress", "due" or "note".
    pub fn field(&self) -> &'static str {
        match self {
            Op::SetStatus { .. } => "status",
            Op::SetProgress { .. } => "progress",
            Op::SetDue { .. } => "due",
            Op::AddNote { .. } => "note",
            Op::Revert { fields } => fields.first().map_or("undo", |f| match f.field.as_str() {
                "status" => "status",
                "progress" => "progress",
                "due" => "due",
                _ => "undo",
            }),
        }
    }

    /// The undo of one edit's recorded entries (notes cannot be taken back: `None`
    /// when nothing else was changed).
    pub fn revert(entries: &[HistoryEntry]) -> Option<Op> {
        let fields: Vec<Reverted> = entries
            .iter()
            .filter(|e| e.field != "note" && Op::undo(e).is_some())
            .map(|e| Reverted {
                field: e.field.clone(),
                wrote: e.to.clone(),
                back: e.from.clone(),
            })
            .collect();
        (!fields.is_empty()).then_some(Op::Revert { fields })
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
/// Serialisable for the recovery file of edits a killed dashboard could not save.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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

/// The longest note, in characters: a note is read in the task's history on one
/// screen, and every note is kept in the shared file for good.
pub const NOTE_MAX_CHARS: usize = 10_000;

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
    /// A note longer than [`NOTE_MAX_CHARS`] (a pasted file, not a note).
    NoteTooLong {
        chars: usize,
    },
    /// Text that is not a percentage (from [`parse_progress`]).
    BadProgress(String),
    /// Text that is not a date (from [`parse_due`]).
    BadDate(String),
    /// Undo refused: the field no longer holds what this session wrote.
    ChangedSince {
        field: String,
        /// Who changed it and when, from the field's last history entry (none when
        /// it was changed without history).
        by: Option<String>,
        at: Option<DateTime<FixedOffset>>,
        /// What it holds now.
        now: Option<Value>,
    },
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
            EditError::NoteTooLong { chars } => write!(
                f,
                "the note has {chars} characters, more than {NOTE_MAX_CHARS}: shorten it, or keep the long text in a file and note where it is"
            ),
            EditError::BadProgress(s) => write!(
                f,
                "bad progress '{s}': give a whole number from 0 to 100 (e.g. 60 or 60%)"
            ),
            EditError::BadDate(s) => write!(
                f,
                "bad date '{s}': give YYYY-MM-DD (e.g. 2026-06-30), or none to clear it"
            ),
            EditError::ChangedSince { field, by, at, .. } => {
                write!(f, "not undone: the {field} was changed since")?;
                if let Some(by) = by {
                    write!(f, " by {by}")?;
                }
                if let Some(at) = at {
                    write!(f, " at {}", at.format("%Y-%m-%d %H:%M"))?;
                }
                f.write_str(": their change stays")
            }
        }
    }
}

impl std::error::Error for EditError {}

/// Reads a percentage as people type it, through the one reader of typed text
/// ([`super::typed::progress`]: `60`, `60%`, `６０％`), as an [`EditError`]; the
/// dashboard and `dubang set` call `typed` directly, for the reason in full.
pub fn parse_progress(s: &str) -> Result<u8, EditError> {
    use super::typed::InputError;
    super::typed::progress(s).map_err(|e| match e {
        InputError::ProgressOver(n) if n <= u64::from(u8::MAX) => {
            EditError::ProgressOutOfRange(n as u8)
        }
        _ => EditError::BadProgress(s.to_string()),
    })
}

/// Reads a due date through [`super::typed::due`] (`2025-06-30`, `2025/6/30`,
/// `2025年6月30日`…; `none`/`-`/`无`/empty clears it), as an [`EditError`].
pub fn parse_due(s: &str) -> Result<Option<NaiveDate>, EditError> {
    super::typed::due(s).map_err(|_| EditError::BadDate(s.to_string()))
}

/// The current local time with its offset, to the second (history stays readable).
pub fn now() -> DateTime<FixedOffset> {
    let t = Local::now().fixed_offset();
    t.with_nanosecond(0).unwrap_or(t)
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_rules;
