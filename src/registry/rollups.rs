//! Every entity's roll-up, kept with the [`Index`]: counted in one pass when the
//! index is built, then moved by an edit of one task's status or progress, instead
//! of counted on every frame (at 100 000 tasks the section list summed them all,
//! and the unit list sorted each unit's tasks first).

use super::{Index, Registry, Rollup, Status, Task};

/// The roll-ups of the whole plan and of each section, unit, town and goal, by
/// position.
#[derive(Debug, Clone, Default)]
pub(super) struct Rollups {
    pub(super) all: Rollup,
    pub(super) sections: Vec<Rollup>,
    pub(super) units: Vec<Rollup>,
    pub(super) towns: Vec<Rollup>,
    pub(super) goals: Vec<Rollup>,
}

/// What a task adds to a roll-up: its status and its progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counted {
    status: Status,
    progress: u8,
}

impl Counted {
    pub fn of(task: &Task) -> Counted {
        Counted {
            status: task.status,
            progress: task.progress,
        }
    }
}

impl Rollup {
    fn add(&mut self, c: Counted) {
        self.counts[c.status.index()] += 1;
        self.progress_sum += share(c);
    }

    fn remove(&mut self, c: Counted) {
        let n = &mut self.counts[c.status.index()];
        *n = n.saturating_sub(1);
        self.progress_sum = self.progress_sum.saturating_sub(share(c));
    }

    /// Counts one task in.
    pub(super) fn add_task(&mut self, task: &Task) {
        self.add(Counted::of(task));
    }
}

/// A task's progress as a roll-up counts it: a done task is fully done whatever
/// its progress field says.
fn share(c: Counted) -> u64 {
    if c.status == Status::Done {
        100
    } else {
        u64::from(c.progress.min(100))
    }
}

impl Rollups {
    /// Counts every roll-up from the lists of `ix` (built, but for these).
    pub(super) fn count(reg: &Registry, ix: &Index) -> Rollups {
        let of = |tasks: &mut dyn Iterator<Item = usize>| Rollup::of(reg, tasks);
        Rollups {
            all: Rollup::of(reg, 0..reg.tasks.len()),
            sections: (0..reg.sections.len())
                .map(|s| of(&mut ix.section_tasks(s).iter()))
                .collect(),
            units: (0..reg.units.len())
                .map(|u| of(&mut ix.unit_tasks(u).into_iter()))
                .collect(),
            towns: (0..reg.towns.len())
                .map(|t| of(&mut ix.town_tasks(t).map(|(t, _)| t)))
                .collect(),
            goals: (0..reg.goals.len())
                .map(|g| of(&mut ix.goal_tasks(g).iter()))
                .collect(),
        }
    }

    /// Bytes on the heap.
    pub(super) fn heap_bytes(&self) -> usize {
        let lists = [&self.sections, &self.units, &self.towns, &self.goals];
        lists
            .into_iter()
            .map(|l| l.capacity() * size_of::<Rollup>())
            .sum()
    }
}

impl Index {
    /// Task `task` of `reg` changed from `before` (status, progress): every roll-up
    /// that counts it moves. Costs what the task belongs to, not the registry's size.
    pub fn moved(&mut self, reg: &Registry, task: usize, before: Counted) {
        let Some(t) = reg.tasks.get(task) else { return };
        let after = Counted::of(t);
        if after == before {
            return;
        }
        let sections = self.sections_of(t);
        let units = self.units_of(t);
        let towns = self.towns_of(reg, t);
        let goals = self.goals_of(&sections);
        let r = &mut self.rollups;
        let lists = [
            (&mut r.sections, sections),
            (&mut r.units, units),
            (&mut r.towns, towns),
            (&mut r.goals, goals),
        ];
        for (rollups, at) in lists {
            for i in at {
                if let Some(x) = rollups.get_mut(i) {
                    x.remove(before);
                    x.add(after);
                }
            }
        }
        r.all.remove(before);
        r.all.add(after);
    }

    /// The task's section and those it sits in.
    fn sections_of(&self, t: &Task) -> Vec<usize> {
        let Some(s) = self.section(&t.section) else {
            return Vec::new();
        };
        let mut out = vec![s];
        out.extend(self.ancestors(s));
        out
    }

    /// Units leading or sharing it, each once (as [`Index::unit_tasks`] counts).
    fn units_of(&self, t: &Task) -> Vec<usize> {
        let mut out: Vec<usize> = t
            .lead
            .iter()
            .chain(&t.responsible)
            .filter_map(|id| self.unit(id))
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Towns it is tied to, each once (as [`Index::town_tasks`] lists it).
    fn towns_of(&self, reg: &Registry, t: &Task) -> Vec<usize> {
        let mut out: Vec<usize> = if t.all_towns {
            (0..reg.towns.len()).collect()
        } else {
            Vec::new()
        };
        out.extend(
            t.responsible
                .iter()
                .filter(|id| self.unit(id).is_none())
                .chain(&t.mentions)
                .filter_map(|id| self.town(id)),
        );
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Goals behind any of these sections, each once.
    fn goals_of(&self, sections: &[usize]) -> Vec<usize> {
        let mut out: Vec<usize> = sections
            .iter()
            .flat_map(|&s| self.section_goals(s).iter().copied())
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

#[cfg(test)]
mod tests {
    use crate::registry::{Edit, EditTarget, Index, Op, Registry, Status, apply_indexed};
    use crate::store::{BUNDLED, parse_bytes};
    use std::path::Path;

    /// Every roll-up of `ix` next to the one a fresh build counts.
    fn same_as_rebuilt(reg: &Registry, ix: &Index) {
        let fresh = Index::build(reg);
        assert_eq!(ix.all_rollup(), fresh.all_rollup());
        for s in 0..reg.sections.len() {
            assert_eq!(ix.section_rollup(s), fresh.section_rollup(s), "section {s}");
        }
        for u in 0..reg.units.len() {
            assert_eq!(ix.unit_rollup(u), fresh.unit_rollup(u), "unit {u}");
        }
        for t in 0..reg.towns.len() {
            assert_eq!(ix.town_rollup(t), fresh.town_rollup(t), "town {t}");
        }
        for g in 0..reg.goals.len() {
            assert_eq!(ix.goal_rollup(g), fresh.goal_rollup(g), "goal {g}");
        }
    }

    #[test]
    fn an_edit_moves_every_rollup_as_a_rebuild_would_count_it() {
        let mut reg = parse_bytes(Path::new("r.json"), BUNDLED.as_bytes()).unwrap();
        // A programme inside a part, so that a part's roll-up counts its tasks too.
        reg.sections[1].parent = Some(reg.sections[0].id.clone());
        let mut ix = Index::build(&reg);
        let ops = [
            Op::SetStatus { to: Status::Done },
            Op::SetProgress { to: 40 },
            Op::SetStatus {
                to: Status::Blocked,
            },
            Op::SetProgress { to: 100 },
            Op::SetDue { to: None },
        ];
        let mut moved = 0;
        for (k, t) in reg.tasks.clone().iter().enumerate() {
            let op = ops[k % ops.len()].clone();
            let e = Edit::new(EditTarget::Task(t.id.clone()), op);
            let before = ix.all_rollup();
            apply_indexed(&mut reg, &mut ix, &e).unwrap();
            moved += usize::from(ix.all_rollup() != before);
            same_as_rebuilt(&reg, &ix);
        }
        assert!(moved > reg.tasks.len() / 2, "the edits changed counts");
        // A goal's status counts in no roll-up.
        let g = reg.goals[0].id.clone();
        let e = Edit::new(EditTarget::Goal(g), Op::SetStatus { to: Status::Done });
        apply_indexed(&mut reg, &mut ix, &e).unwrap();
        same_as_rebuilt(&reg, &ix);
    }
}
