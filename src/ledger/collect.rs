//! `ledger collect`: returned rows → planned changes, conflicts and problems
//! ([`plan`]), then edits applied with the sheet's file name as their source
//! ([`apply`]). The command plans once to show the table and again under the save's
//! lock, on the file as it is then, so conflicts are judged against the latest version.
//!
//! - A row whose task gained history entries after the sheet was sent (other than from
//!   this very file) is a conflict: listed, applied only with `force`.
//! - A task that already has entries from this file was collected before: skipped, so
//!   collecting the same file twice applies nothing the second time.
//! - A bad status or percent, or a row matching no task, is a problem naming the cell;
//!   that row is skipped and the rest collected. Text in locked columns is ignored.

use super::read::{Filled, Returned};
use super::{META_SHEET, Place, Problem, col};
use crate::registry::{
    EditError, EditTarget, HistoryEntry, Op, Registry, Status, apply_recorded, ops,
};
use crate::words::ledger::Words;
use chrono::{DateTime, FixedOffset};

/// One row's changes to one task.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub place: Place,
    /// The unit's name.
    pub unit: String,
    /// Position of the task in the registry the plan was made on.
    pub task: usize,
    /// `市水务局/王丽`, or the unit alone when 填报人 is empty.
    pub by: String,
    pub status: Option<(Status, Status)>,
    pub progress: Option<(u8, u8)>,
    pub note: Option<String>,
    /// The file name, recorded as the history entries' source.
    pub source: String,
}

/// A row not applied because its task changed after the sheet was sent.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    pub change: Change,
    pub reason: String,
}

/// What collecting the files would do.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Plan {
    pub changes: Vec<Change>,
    pub conflicts: Vec<Conflict>,
    pub problems: Vec<(Place, Problem)>,
    /// Rows skipped because this file was collected before.
    pub already: usize,
}

/// Matches every returned row to a task and decides what it changes.
pub fn plan(reg: &Registry, files: &[Returned], force: bool, w: &Words) -> Plan {
    let mut p = Plan::default();
    for f in files {
        p.problems.extend(f.problems.iter().cloned());
        if let Some(m) = &f.meta
            && (m.plan != reg.document.number || m.title != reg.document.title)
        {
            let place = Place {
                file: f.file.clone(),
                sheet: META_SHEET.into(),
                cell: Some((1, 1)),
            };
            let other = format!("{} {}", m.plan, m.title).trim().to_string();
            p.problems.push((place, Problem::ForeignPlan(other)));
            continue;
        }
        for s in &f.sheets {
            let place = |row: u32, c: Option<u16>| Place {
                file: f.file.clone(),
                sheet: s.sheet.clone(),
                cell: c.map(|c| (row, c)),
            };
            let Some(unit) = unit_of(reg, f, &s.sheet) else {
                let name = f
                    .meta
                    .as_ref()
                    .map_or(s.sheet.clone(), |m| m.unit_name.clone());
                p.problems
                    .push((place(0, Some(0)), Problem::UnknownUnit(name)));
                continue;
            };
            for row in &s.rows {
                let cell = |c: u16| place(row.row, Some(row.at[c as usize]));
                row_plan(reg, &mut p, row, &unit, &f.file, force, w, cell);
            }
        }
    }
    p
}

#[allow(clippy::too_many_arguments)]
fn row_plan(
    reg: &Registry,
    p: &mut Plan,
    row: &Filled,
    unit: &str,
    file: &str,
    force: bool,
    w: &Words,
    cell: impl Fn(u16) -> Place,
) {
    let number_cell = || {
        let mut pl = cell(col::NUMBER);
        if pl.cell.is_some_and(|(_, c)| c == u16::MAX) {
            pl.cell = pl.cell.map(|(r, _)| (r, 0));
        }
        pl
    };
    let id = row.get(col::ID);
    let by_id = !id.is_empty();
    let task = if by_id {
        reg.tasks.iter().position(|t| t.id == id)
    } else {
        let n: Option<u32> = row.get(col::NUMBER).parse().ok();
        reg.tasks
            .iter()
            .position(|t| Some(t.number) == n && same(&t.title, row.get(col::TITLE)))
    };
    let Some(ti) = task else {
        if row.has_input() || by_id {
            p.problems.push((number_cell(), Problem::NoTask));
        }
        return;
    };
    let t = &reg.tasks[ti];
    if by_id {
        let locked = [
            (col::NUMBER, t.number.to_string()),
            (col::TITLE, t.title.clone()),
            (col::TEXT, t.text.to_string()),
        ];
        for (c, want) in locked {
            if row.at[c as usize] != u16::MAX && !same(&want, row.get(c)) {
                let head = w.columns[c as usize].to_string();
                p.problems.push((cell(c), Problem::LockedEdit(head)));
            }
        }
    }
    if !row.has_input() {
        return;
    }
    let status = match row.get(col::STATUS) {
        "" => None,
        s => match parse_status(s) {
            Some(s) => Some(s),
            None => {
                p.problems
                    .push((cell(col::STATUS), Problem::BadStatus(s.to_string())));
                return;
            }
        },
    };
    let progress = match row.get(col::PROGRESS) {
        "" => None,
        s => match parse_percent(s) {
            Some(n) => Some(n),
            None => {
                p.problems
                    .push((cell(col::PROGRESS), Problem::BadProgress(s.to_string())));
                return;
            }
        },
    };
    if t.history.iter().any(|h| h.source.as_deref() == Some(file)) {
        p.already += 1;
        return;
    }
    let note = match (row.get(col::NOTE), row.get(col::REMARK)) {
        ("", "") => None,
        (n, "") => Some(n.to_string()),
        ("", r) => Some(format!(
            "{}{}{r}",
            w.columns[col::REMARK as usize],
            w.colon()
        )),
        (n, r) => Some(format!(
            "{n}\n{}{}{r}",
            w.columns[col::REMARK as usize],
            w.colon()
        )),
    };
    let status = status.filter(|s| *s != t.status).map(|s| (t.status, s));
    let done = status.is_some_and(|(_, s)| s == Status::Done);
    let progress = progress
        .filter(|n| *n != t.progress && !done)
        .map(|n| (t.progress, n));
    if status.is_none() && progress.is_none() && note.is_none() {
        return;
    }
    let reporter = row.get(col::REPORTER);
    let change = Change {
        place: cell(col::NOTE),
        unit: unit.to_string(),
        task: ti,
        by: if reporter.is_empty() {
            unit.to_string()
        } else {
            format!("{unit}/{reporter}")
        },
        status,
        progress,
        note,
        source: file.to_string(),
    };
    let sent: Option<usize> = row.get(col::VERSION).parse().ok().filter(|_| by_id);
    let reason = sent.and_then(|v| {
        if v > t.history.len() {
            return Some(w.newer_than_registry().to_string());
        }
        t.history[v..]
            .iter()
            .find(|h| h.source.as_deref() != Some(file))
            .map(|h| w.changed_since(&h.by, &h.at.format("%Y-%m-%d %H:%M").to_string()))
    });
    match reason {
        Some(reason) if !force => p.conflicts.push(Conflict { change, reason }),
        _ => p.changes.push(change),
    }
}

/// The unit a sheet is from: the hidden sheet's unit, else a unit or town named by
/// the sheet, else by the file name.
fn unit_of(reg: &Registry, f: &Returned, sheet: &str) -> Option<String> {
    let names = || {
        reg.units
            .iter()
            .map(|u| (&u.id, &u.name, u.aliases.as_slice()))
            .chain(
                reg.towns
                    .iter()
                    .map(|t| (&t.id, &t.name, t.aliases.as_slice())),
            )
    };
    if let Some(m) = &f.meta {
        return names()
            .find(|(id, _, _)| **id == m.unit)
            .map(|(_, n, _)| n.clone());
    }
    if let Some((_, n, _)) = names().find(|(_, n, a)| *n == sheet || a.iter().any(|a| a == sheet)) {
        return Some(n.clone());
    }
    names()
        .filter(|(_, n, _)| f.file.contains(n.as_str()))
        .max_by_key(|(_, n, _)| n.len())
        .map(|(_, n, _)| n.clone())
}

/// Applies planned changes: one history entry per change, `by` the unit and reporter,
/// the file name as source. The note goes with the first change (alone: a note).
pub fn apply(
    reg: &mut Registry,
    changes: &[Change],
    at: DateTime<FixedOffset>,
) -> Result<Vec<(EditTarget, HistoryEntry)>, EditError> {
    let mut recorded = Vec::new();
    for c in changes {
        let target = EditTarget::Task(reg.tasks[c.task].id.clone());
        let mut wanted: Vec<Op> = Vec::new();
        wanted.extend(c.status.map(|(_, to)| Op::SetStatus { to }));
        wanted.extend(c.progress.map(|(_, to)| Op::SetProgress { to }));
        let mut note = c.note.clone();
        if wanted.is_empty()
            && let Some(text) = note.take()
        {
            wanted.push(Op::AddNote { text });
        }
        for op in wanted {
            let edit = ops::Edit {
                target: target.clone(),
                op,
                note: note.take(),
                by: c.by.clone(),
                at,
            };
            let before = reg.tasks[c.task].history.len();
            let mut entries = apply_recorded(reg, &edit)?;
            // Entries with a source are never merged into, so these are the new
            // ones (`get_mut`: a merge that dropped an entry must not panic here).
            let history = &mut reg.tasks[c.task].history;
            for h in history.get_mut(before..).unwrap_or_default() {
                h.source = Some(c.source.clone());
            }
            for h in &mut entries {
                h.source = Some(c.source.clone());
                recorded.push((target.clone(), h.clone()));
            }
        }
    }
    Ok(recorded)
}

fn same(a: &str, b: &str) -> bool {
    let squash = |s: &str| -> String { s.chars().filter(|c| !c.is_whitespace()).collect() };
    squash(a) == squash(b)
}

/// A status as people type it: the one reader of typed statuses, shared with the
/// dashboard and the command line.
pub fn parse_status(s: &str) -> Option<Status> {
    crate::registry::typed::status(s)
}

/// A percentage as people type it: 60, 60%, ６０, ６０％, 0.6 (a cell formatted as
/// percent); whole numbers 0–100 only.
pub fn parse_percent(s: &str) -> Option<u8> {
    let t: String = s
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '％' => '%',
            '．' => '.',
            c => c,
        })
        .collect();
    let (num, pct) = match t.strip_suffix('%') {
        Some(n) => (n, true),
        None => (t.as_str(), false),
    };
    let x: f64 = num.parse().ok()?;
    let x = if !pct && x > 0.0 && x < 1.0 {
        x * 100.0
    } else {
        x
    };
    let r = x.round();
    ((r - x).abs() < 1e-6 && (0.0..=100.0).contains(&r)).then_some(r as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_as_typed() {
        assert_eq!(parse_status("推进中"), Some(Status::InProgress));
        assert_eq!(parse_status(" 进行中 "), Some(Status::InProgress));
        assert_eq!(parse_status("完成"), Some(Status::Done));
        assert_eq!(parse_status("未开始"), Some(Status::NotStarted));
        assert_eq!(parse_status("done"), Some(Status::Done));
        assert_eq!(parse_status("In progress"), Some(Status::InProgress));
        assert_eq!(parse_status("差不多"), None);
    }

    #[test]
    fn percents_as_typed() {
        for s in ["60", "60%", "６０", "６０％", "0.6", " 60 % ", "60.0"] {
            assert_eq!(parse_percent(s), Some(60), "{s}");
        }
        assert_eq!(parse_percent("100"), Some(100));
        assert_eq!(parse_percent("0"), Some(0));
        for s in ["120", "-5", "六十", "60.5", ""] {
            assert_eq!(parse_percent(s), None, "{s}");
        }
    }
}
