//! What changed between two versions of a registry (for "reloaded: 3 changes by liwei").

use crate::registry::{Goal, HistoryEntry, Registry, Task};
use std::collections::HashMap;
use std::fmt;

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
    let mut c = changes_in(&old.tasks, &new.tasks, &old.goals, &new.goals);
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

/// [`changes_between`] for the tasks and goals only, e.g. those that differ
/// between two versions whose other parts are the same.
pub fn changes_in(
    old_tasks: &[Task],
    new_tasks: &[Task],
    old_goals: &[Goal],
    new_goals: &[Goal],
) -> Changes {
    let mut c = Changes::default();
    count_changes(
        &mut c,
        old_tasks,
        new_tasks,
        |t| &t.id,
        |t| &t.history,
        same_task_but_history,
    );
    count_changes(
        &mut c,
        old_goals,
        new_goals,
        |g| &g.id,
        |g| &g.history,
        |o, g| o.status == g.status && same_goal_but_edits(o, g),
    );
    c
}

/// Whether `a` and `b` differ at most in what an edit changes (status, progress,
/// due date, history, who and when): a version with only such changes is shown
/// without building the indexes again, which no edit touches.
pub fn same_but_edits(a: &Task, b: &Task) -> bool {
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
        status: _,
        progress: _,
        due: _,
        updated_at: _,
        updated_by: _,
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
}

/// [`same_but_edits`] for goals (an edit changes a goal's status and history).
pub fn same_goal_but_edits(a: &Goal, b: &Goal) -> bool {
    let Goal {
        id,
        horizon,
        text,
        due,
        sections,
        targets,
        status: _,
        updated_at: _,
        updated_by: _,
        history: _,
    } = a;
    *id == b.id
        && *horizon == b.horizon
        && *text == b.text
        && *due == b.due
        && *sections == b.sections
        && *targets == b.targets
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
    same_but_edits(a, b)
        && a.status == b.status
        && a.progress == b.progress
        && a.due == b.due
        && a.updated_at == b.updated_at
        && a.updated_by == b.updated_by
}
