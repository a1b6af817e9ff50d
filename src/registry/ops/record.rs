//! Writing an applied change into a task's or goal's history: a new entry, or the
//! field's last entry stretched when the same user changed the same field a moment
//! ago (see the module notes of `ops` for when that is safe).

use crate::registry::HistoryEntry;
use chrono::{DateTime, Duration, FixedOffset};
use serde_json::Value;

/// How close successive changes of one field by one user must be to count as one
/// decision (cycling `]` through the statuses, correcting a typed progress).
pub const COALESCE: Duration = Duration::seconds(5);

/// The history-bearing fields of a task or goal.
pub(super) struct Holder<'a> {
    pub history: &'a mut Vec<HistoryEntry>,
    pub updated_at: &'a mut Option<DateTime<FixedOffset>>,
    pub updated_by: &'a mut Option<String>,
}

/// Who and when of one edit, and the changes it made (what `apply_recorded`
/// returns: each change from the value before this edit to the value after it,
/// whatever the stored history merged).
pub(super) struct Recorder {
    pub at: DateTime<FixedOffset>,
    pub by: String,
    pub undo: bool,
    pub out: Vec<HistoryEntry>,
}

impl Recorder {
    pub fn push(
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
            undo: self.undo,
        };
        *h.updated_at = Some(self.at);
        *h.updated_by = Some(self.by.clone());
        self.out.push(entry.clone());
        if !self.merge(h.history, &entry) {
            h.history.push(entry);
        }
    }

    /// Merges `entry` into the field's last entry when that is this user's change of
    /// a moment ago that nobody wrote after; drops it when the field is back where it
    /// started. Returns whether it merged.
    fn merge(&self, history: &mut Vec<HistoryEntry>, entry: &HistoryEntry) -> bool {
        if entry.undo || entry.note.is_some() || entry.field == "note" {
            return false;
        }
        let Some(i) = history.iter().rposition(|e| e.field == entry.field) else {
            return false;
        };
        let last = &history[i];
        let recent = entry.at >= last.at && entry.at - last.at <= COALESCE;
        let mergeable = recent
            && last.by == entry.by
            && !last.undo
            && last.note.is_none()
            && last.source.is_none()
            // The field still holds what that entry wrote.
            && last.to == entry.from
            // Nobody else wrote to this task since.
            && history[i + 1..].iter().all(|e| e.by == entry.by);
        if !mergeable {
            return false;
        }
        if last.from == entry.to {
            history.remove(i);
        } else {
            let last = &mut history[i];
            last.to = entry.to.clone();
            last.at = entry.at;
        }
        true
    }
}
