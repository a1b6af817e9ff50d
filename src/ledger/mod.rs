//! Collecting progress from the units: `ledger send` writes each unit its own 台账
//! workbook to fill in ([`send`]); `ledger collect` reads the returned workbooks
//! ([`read`]) and turns the filled rows into edits ([`collect`]). Their words, zh and
//! en, are in the catalogue: [`crate::words::ledger`].
//!
//! How a returned row is matched back: every data row carries two hidden, locked
//! cells, the task's id and the task's *version* when the sheet was sent. The version
//! is the number of the task's history entries: history is append-only and every
//! change made through dubang appends to it, so a larger count on collect means the
//! task changed after the sheet went out (a conflict), and the entries past the
//! version say who changed it. A hidden sheet (`_dubang`) holds the plan's document
//! number and title and the unit, so a workbook of another plan is recognised. When
//! the ids are lost (rows pasted into a new workbook), rows match on 序号 + 重点任务.

pub mod collect;
pub mod command;
pub mod read;
pub mod send;

use crate::registry::{Index, Registry};

/// The hidden sheet with the plan and unit identifiers.
pub const META_SHEET: &str = "_dubang";
/// Cell A1 of [`META_SHEET`]; B1 holds this marker.
pub const FORMAT: &str = "dubang-ledger/1";
/// Rows before the data: the instruction, then the header.
pub const HEADER_ROW: u32 = 1;
/// Columns (0-based) of the visible sheet.
pub mod col {
    pub const NUMBER: u16 = 0;
    pub const TITLE: u16 = 1;
    pub const TEXT: u16 = 2;
    pub const ROLE: u16 = 3;
    pub const DUE: u16 = 4;
    pub const STATUS_NOW: u16 = 5;
    pub const LAST: u16 = 6;
    pub const NOTE: u16 = 7;
    pub const STATUS: u16 = 8;
    pub const PROGRESS: u16 = 9;
    pub const REPORTER: u16 = 10;
    pub const REMARK: u16 = 11;
    pub const ID: u16 = 12;
    pub const VERSION: u16 = 13;
}

/// Who receives a sheet: a unit (市水务局) or a town (嘉积镇).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recipient {
    pub id: String,
    pub name: String,
    /// Positions of its tasks with whether it leads each.
    pub tasks: Vec<(usize, bool)>,
}

impl Recipient {
    /// The unit or town with id `id`, with its tasks; `None` when it has none.
    pub fn of(reg: &Registry, ix: &Index, id: &str) -> Option<Recipient> {
        let leads = |i: usize| reg.tasks[i].lead.iter().any(|l| l == id);
        let tasks: Vec<usize> = if let Some(u) = ix.unit(id) {
            ix.unit_tasks(u)
        } else if let Some(t) = ix.town(id) {
            use crate::registry::TownLink;
            ix.town_tasks(t)
                .filter(|(_, l)| *l != TownLink::Mentioned)
                .map(|(i, _)| i)
                .collect()
        } else {
            return None;
        };
        let name = reg.name_of(id).to_string();
        let tasks: Vec<(usize, bool)> = tasks.into_iter().map(|i| (i, leads(i))).collect();
        (!tasks.is_empty()).then(|| Recipient {
            id: id.to_string(),
            name,
            tasks,
        })
    }

    /// Every unit, then every town, that has a task. Collective names (各镇(区),
    /// 领导小组成员单位) get no sheet: nobody fills one in for them; each town gets its own.
    pub fn all(reg: &Registry, ix: &Index) -> Vec<Recipient> {
        use crate::registry::UnitKind;
        let ids = reg
            .units
            .iter()
            .filter(|u| !matches!(u.kind, UnitKind::Group | UnitKind::AllTowns))
            .map(|u| &u.id)
            .chain(reg.towns.iter().map(|t| &t.id));
        ids.filter_map(|id| Recipient::of(reg, ix, id)).collect()
    }
}

/// When a unit or town (by name) last reported through a collected sheet: the latest
/// history entry with a source whose `by` is the unit or `unit/填报人`.
pub fn last_reported(reg: &Registry, name: &str) -> Option<chrono::DateTime<chrono::FixedOffset>> {
    last_reports(reg).remove(name)
}

/// [`last_reported`] of every unit and town that ever reported, in one pass over the
/// history (the Units and Towns tabs show it on each row).
pub fn last_reports(
    reg: &Registry,
) -> std::collections::HashMap<String, chrono::DateTime<chrono::FixedOffset>> {
    let mut out = std::collections::HashMap::new();
    for h in reg.tasks.iter().flat_map(|t| &t.history) {
        if h.source.is_none() {
            continue;
        }
        let unit = h.by.split('/').next().unwrap_or(&h.by);
        let at = out.entry(unit.to_string()).or_insert(h.at);
        if h.at > *at {
            *at = h.at;
        }
    }
    out
}

/// A task's version as written in the sheet: its number of history entries.
pub fn version(reg: &Registry, task: usize) -> usize {
    reg.tasks[task].history.len()
}

/// What is wrong in a returned workbook, at a [`Place`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// No such file.
    Missing,
    /// Not a regular file, or too large: refused without being read.
    Refused(crate::store::files::Refusal),
    Unreadable(String),
    NoHeader,
    /// The document number and title the workbook names.
    ForeignPlan(String),
    UnknownUnit(String),
    NoTask,
    BadStatus(String),
    BadProgress(String),
    /// The column's header.
    LockedEdit(String),
}

/// File, sheet and cell (`B7`) of a problem or conflict.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub file: String,
    pub sheet: String,
    /// 0-based row and column; `None` for the whole file.
    pub cell: Option<(u32, u16)>,
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.file)?;
        if !self.sheet.is_empty() {
            write!(f, " {}", self.sheet)?;
        }
        if let Some((r, c)) = self.cell {
            write!(f, " {}", cell_name(r, c))?;
        }
        Ok(())
    }
}

/// `B7` from 0-based row 6, column 1.
pub fn cell_name(row: u32, col: u16) -> String {
    let mut c = col as u32 + 1;
    let mut letters = Vec::new();
    while c > 0 {
        letters.push(b'A' + ((c - 1) % 26) as u8);
        c = (c - 1) / 26;
    }
    letters.reverse();
    format!("{}{}", String::from_utf8_lossy(&letters), row + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_names() {
        assert_eq!(cell_name(6, 1), "B7");
        assert_eq!(cell_name(0, 25), "Z1");
        assert_eq!(cell_name(0, 26), "AA1");
    }

    #[test]
    fn recipients_of_the_bundled_plan() {
        let reg = crate::store::parse_bytes(
            std::path::Path::new("bundled"),
            crate::store::BUNDLED.as_bytes(),
        )
        .unwrap();
        let ix = Index::build(&reg);
        let all = Recipient::all(&reg, &ix);
        assert!(all.iter().any(|r| r.name == "市水务局"));
        assert!(all.iter().any(|r| r.name == "嘉积镇"));
        assert!(all.iter().all(|r| !r.tasks.is_empty()));
        assert!(!all.iter().any(|r| r.name == "各镇(区)"));
    }

    #[test]
    fn last_reported_counts_collected_entries_of_the_unit_only() {
        let mut reg = crate::store::parse_bytes(
            std::path::Path::new("bundled"),
            crate::store::BUNDLED.as_bytes(),
        )
        .unwrap();
        assert_eq!(last_reported(&reg, "市水务局"), None);
        let at = |s: &str| chrono::DateTime::parse_from_rfc3339(s).unwrap();
        let entry = |by: &str, when: &str, source: Option<&str>| crate::registry::HistoryEntry {
            at: at(when),
            by: by.into(),
            field: "note".into(),
            from: None,
            to: None,
            note: Some("n".into()),
            source: source.map(Into::into),
            undo: false,
        };
        reg.tasks[0].history.extend([
            entry("市水务局/王丽", "2026-11-20T10:00:00+08:00", Some("a.xlsx")),
            entry("市水务局", "2026-11-25T10:00:00+08:00", Some("b.xlsx")),
            entry("市水务局", "2026-11-28T10:00:00+08:00", None),
            entry(
                "市水务局甲/张三",
                "2026-11-29T10:00:00+08:00",
                Some("c.xlsx"),
            ),
        ]);
        assert_eq!(
            last_reported(&reg, "市水务局"),
            Some(at("2026-11-25T10:00:00+08:00"))
        );
    }
}
