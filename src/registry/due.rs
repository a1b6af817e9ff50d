//! A task's effective due date: its own, or else the deadline of the goal its section
//! serves, so that "past due" means something on a fresh copy of a plan whose tasks
//! carry no dates of their own.

use super::{Index, Registry};
use chrono::NaiveDate;

/// Where a due date comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DueSource {
    /// The task's own `due` field.
    Own,
    /// Inherited from `goals[i]`, a goal the task's section serves.
    Goal(usize),
}

/// A due date and where it comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Due {
    pub date: NaiveDate,
    pub source: DueSource,
}

impl Due {
    /// The date is the goal's, not the task's own.
    pub fn inherited(&self) -> bool {
        matches!(self.source, DueSource::Goal(_))
    }
}

impl Registry {
    /// The due date of `tasks[task]`: its own when it has one; else the earliest
    /// deadline among the goals its section serves (for the bundled plan the 2025
    /// goal, 2025-12-31); else none.
    pub fn effective_due(&self, ix: &Index, task: usize) -> Option<Due> {
        let t = self.tasks.get(task)?;
        if let Some(date) = t.due {
            return Some(Due {
                date,
                source: DueSource::Own,
            });
        }
        // A programme is held to the goals of the part it sits in, too.
        let section = ix.task_section(task)?;
        std::iter::once(section)
            .chain(ix.ancestors(section))
            .flat_map(|s| ix.section_goals(s).iter())
            .filter_map(|&g| self.goals.get(g)?.due.map(|d| (d, g)))
            .min()
            .map(|(date, g)| Due {
                date,
                source: DueSource::Goal(g),
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{BUNDLED, parse_bytes};
    use std::path::Path;

    #[test]
    fn a_task_without_a_date_inherits_the_earliest_goal_and_its_own_date_wins() {
        let mut reg = parse_bytes(Path::new("r.json"), BUNDLED.as_bytes()).unwrap();
        let ix = Index::build(&reg);
        let due = reg.effective_due(&ix, 0).unwrap();
        assert_eq!(due.date, NaiveDate::from_ymd_opt(2025, 12, 31).unwrap());
        assert!(due.inherited());
        assert_eq!(
            reg.goals[match due.source {
                DueSource::Goal(g) => g,
                DueSource::Own => unreachable!(),
            }]
            .id,
            "g2025"
        );
        let own = NaiveDate::from_ymd_opt(2027, 3, 1).unwrap();
        reg.tasks[0].due = Some(own);
        let due = reg.effective_due(&ix, 0).unwrap();
        assert_eq!((due.date, due.inherited()), (own, false));
        // A programme inside a part that serves the goals: held to them too.
        let mut nested = parse_bytes(Path::new("r.json"), BUNDLED.as_bytes()).unwrap();
        let s8 = nested.sections.len() - 1;
        for g in &mut nested.goals {
            g.sections.retain(|s| s != &nested.sections[s8].id);
            for t in &mut g.targets {
                t.sections.retain(|s| s != &nested.sections[s8].id);
            }
        }
        nested.sections[s8].parent = Some(nested.sections[0].id.clone());
        let nix = Index::build(&nested);
        let last = nested.tasks.len() - 1;
        assert!(nix.section_goals(s8).is_empty());
        assert_eq!(
            nested.effective_due(&nix, last).map(|d| d.date),
            NaiveDate::from_ymd_opt(2025, 12, 31)
        );
        // A section that serves no goal with a date: no due date at all.
        for g in &mut reg.goals {
            g.due = None;
        }
        assert_eq!(reg.effective_due(&ix, 1), None);
    }
}
