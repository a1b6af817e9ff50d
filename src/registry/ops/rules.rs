//! How a task's status and progress go together, defined once for every way of
//! editing (the dashboard, `dubang set`, a collected 台账 sheet):
//!
//! - done ⇔ progress 100: setting 已完成 fills progress to 100, and setting progress
//!   100 makes the task 已完成 (100 % is a claim that the work is finished; a task that
//!   is done but waiting for sign-off stays below 100).
//! - 未启动 ⇒ progress 0: progress above 0 on an 未启动 task makes it 推进中, and
//!   setting 未启动 on a task with progress puts progress back to 0.
//! - Leaving 已完成 (any other status, or progress below 100) drops progress below
//!   100: back to the last progress below 100 in the task's history, else 0 (so
//!   推进中 60 % → 已完成 → 推进中 is 60 % again); progress below 100 on a done task
//!   makes it 推进中.
//!
//! The follow-on change is recorded as its own history entry next to the one asked
//! for, in the same edit (one undo step in the dashboard). Undo puts fields back as
//! they were and applies no rule: what it restores was already consistent.

use crate::registry::{HistoryEntry, Status, Task};
use serde_json::Value;

/// The progress a new status brings with it, if it changes the task's progress.
pub fn progress_for_status(task: &Task, to: Status) -> Option<u8> {
    let p = task.progress;
    match to {
        Status::Done if p < 100 => Some(100),
        Status::NotStarted if p > 0 => Some(0),
        Status::Done | Status::NotStarted => None,
        _ if p == 100 => Some(last_below_full(&task.history)),
        _ => None,
    }
}

/// The status a new progress brings with it, if it changes the task's status.
pub fn status_for_progress(current: Status, to: u8) -> Option<Status> {
    match current {
        Status::Done if to < 100 => Some(Status::InProgress),
        Status::Done => None,
        _ if to == 100 => Some(Status::Done),
        Status::NotStarted if to > 0 => Some(Status::InProgress),
        _ => None,
    }
}

/// Whether a status and a progress given together (`dubang set 3 done --progress 60`)
/// agree with the rules; `None` when they do.
pub fn disagree(status: Status, progress: u8) -> Option<Disagreement> {
    match status {
        Status::Done if progress < 100 => Some(Disagreement::DoneBelowFull),
        Status::NotStarted if progress > 0 => Some(Disagreement::NotStartedWithProgress),
        Status::Done => None,
        _ if progress == 100 => Some(Disagreement::FullNotDone),
        _ => None,
    }
}

/// Why a status and a progress cannot go together.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Disagreement {
    /// 已完成 below 100 %.
    DoneBelowFull,
    /// 100 % but not 已完成.
    FullNotDone,
    /// 未启动 with progress.
    NotStartedWithProgress,
}

/// The last progress below 100 the history shows, else 0.
fn last_below_full(history: &[HistoryEntry]) -> u8 {
    let below = |v: &Option<Value>| {
        v.as_ref()
            .and_then(Value::as_u64)
            .filter(|n| *n < 100)
            .map(|n| n as u8)
    };
    history
        .iter()
        .rev()
        .filter(|e| e.field == "progress")
        .find_map(|e| below(&e.to).or_else(|| below(&e.from)))
        .unwrap_or(0)
}
