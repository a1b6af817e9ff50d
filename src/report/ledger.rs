//! The 台账 row model shared by the xlsx and csv reports: one row per task with the
//! columns offices use (序号 … 更新时间), every cell already text.

use super::words::Words;
use crate::registry::{HistoryEntry, Index, Registry, Status, Task};

/// One task as a ledger row, in the order of [`Words::ledger`].
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub number: u32,
    /// 一、促进巩固…
    pub section: String,
    pub title: String,
    pub text: String,
    pub lead: String,
    pub responsible: String,
    /// `2025-12-31`, or `2025-12-31 (目标)` when inherited; empty when none.
    pub due: String,
    pub status: Status,
    pub status_label: &'static str,
    /// Percent, 0–100 (100 for a done task).
    pub progress: u8,
    /// The latest note with its date and author: `2026-11-28 liwei：已召开推进会`.
    pub latest: String,
    /// `2026-11-28 10:31`, empty when never updated.
    pub updated: String,
}

impl Row {
    /// The cells as text, in column order.
    pub fn cells(&self) -> [String; 11] {
        [
            self.number.to_string(),
            self.section.clone(),
            self.title.clone(),
            self.text.clone(),
            self.lead.clone(),
            self.responsible.clone(),
            self.due.clone(),
            self.status_label.to_string(),
            format!("{}%", self.progress),
            self.latest.clone(),
            self.updated.clone(),
        ]
    }
}

/// The rows of `tasks`, in the given order.
pub fn rows(reg: &Registry, ix: &Index, tasks: &[usize], w: &Words) -> Vec<Row> {
    tasks.iter().map(|&i| row(reg, ix, i, w)).collect()
}

/// Names of unit or town ids, joined with 、.
pub fn names(reg: &Registry, ids: &[String], w: &Words) -> String {
    let v: Vec<&str> = ids.iter().map(|id| reg.name_of(id)).collect();
    v.join(w.list_sep())
}

fn row(reg: &Registry, ix: &Index, i: usize, w: &Words) -> Row {
    let t = &reg.tasks[i];
    let section = ix
        .section(&t.section)
        .map(|s| w.section_label(&reg.sections[s].numeral, &reg.sections[s].title))
        .unwrap_or_default();
    Row {
        number: t.number,
        section,
        title: t.title.clone(),
        text: t.text.to_string(),
        lead: names(reg, &t.lead, w),
        responsible: names(reg, &t.responsible, w),
        due: reg
            .effective_due(ix, i)
            .map(|d| w.due(d.date, d.inherited()))
            .unwrap_or_default(),
        status: t.status,
        status_label: w.status(t.status),
        progress: if t.status == Status::Done {
            100
        } else {
            t.progress.min(100)
        },
        latest: latest_note(t).map(|h| note_line(h, w)).unwrap_or_default(),
        updated: t
            .updated_at
            .map(|d| d.format("%Y-%m-%d %H:%M").to_string())
            .unwrap_or_default(),
    }
}

/// The task's most recent history entry that carries a note.
pub fn latest_note(t: &Task) -> Option<&HistoryEntry> {
    t.history
        .iter()
        .rev()
        .find(|h| h.note.as_deref().is_some_and(|n| !n.trim().is_empty()))
}

/// `2026-11-28 liwei：note` (English: `2026-11-28 liwei: note`).
pub fn note_line(h: &HistoryEntry, w: &Words) -> String {
    format!(
        "{} {}{}{}",
        h.at.date_naive(),
        h.by,
        w.colon(),
        h.note.as_deref().unwrap_or("").trim()
    )
}
