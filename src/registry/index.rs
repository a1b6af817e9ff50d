//! Lookups that the views need on every frame: "tasks a unit leads", "tasks of a
//! town", "sections behind a goal", each entity's roll-up… Built once per load
//! (an edit only moves the roll-ups it touches), so each is a vector access
//! instead of a scan of every task.

use super::ids::TaskIds;
use super::positions::{Own, TaskList, TownTasks, stored};
use super::rollups::Rollups;
use super::{Registry, Rollup};
use foldhash::HashMap;

/// How a town is tied to a task.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TownLink {
    /// Named among the responsible units.
    Explicit,
    /// Responsible through 各镇(区).
    AllTowns,
    /// Only mentioned in the task's text.
    Mentioned,
}

/// A task whose section is none there is, in `task_section`.
const NO_SECTION: u32 = u32::MAX;

/// Positions are indexes into the registry's vectors (`registry.tasks[i]`). Task
/// positions are kept as `u32` and every list is built to its exact length: at
/// 100 000 tasks the index takes under 5 MB instead of 26.
#[derive(Debug, Clone, Default)]
pub struct Index {
    /// Which build this is (unique per build in a process, 0 for an empty one).
    id: u64,
    unit_pos: HashMap<String, usize>,
    town_pos: HashMap<String, usize>,
    section_pos: HashMap<String, usize>,
    goal_pos: HashMap<String, usize>,
    task_pos: TaskIds,
    unit_lead: Vec<Vec<u32>>,
    unit_responsible: Vec<Vec<u32>>,
    /// By town: tasks naming it among their responsible units, or only mentioning
    /// it (neither naming it nor 各镇(区)), in task order.
    town_own: Vec<Vec<Own>>,
    /// Tasks responsible through 各镇(区): every town's, so kept once, not per town.
    all_towns: Vec<u32>,
    /// By town: how many of its tasks are tied each way, in [`TownLink`] order.
    town_counts: Vec<[usize; 3]>,
    section_tasks: Vec<Vec<u32>>,
    /// Each task's own section, by task position (`NO_SECTION`: it names none there is).
    task_section: Vec<u32>,
    section_parent: Vec<Option<usize>>,
    section_goals: Vec<Vec<usize>>,
    goal_sections: Vec<Vec<usize>>,
    goal_tasks: Vec<Vec<u32>>,
    /// The largest task number: the lists' number column is as wide as it.
    max_number: u32,
    /// Every entity's roll-up, moved by edits ([`Index::moved`]).
    pub(super) rollups: Rollups,
}

fn positions<'a>(ids: impl Iterator<Item = &'a String>) -> HashMap<String, usize> {
    ids.enumerate().map(|(i, id)| (id.clone(), i)).collect()
}

impl Index {
    /// Builds every lookup. References that do not resolve are skipped (the loader
    /// refuses such files; this keeps the index total even on unvalidated data).
    pub fn build(reg: &Registry) -> Index {
        static BUILDS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        let towns = reg.towns.len();
        let mut ix = Index {
            id: BUILDS.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            unit_pos: positions(reg.units.iter().map(|u| &u.id)),
            town_pos: positions(reg.towns.iter().map(|t| &t.id)),
            section_pos: positions(reg.sections.iter().map(|s| &s.id)),
            goal_pos: positions(reg.goals.iter().map(|g| &g.id)),
            task_pos: TaskIds::build(reg),
            unit_lead: vec![Vec::new(); reg.units.len()],
            unit_responsible: vec![Vec::new(); reg.units.len()],
            town_own: vec![Vec::new(); towns],
            all_towns: Vec::new(),
            town_counts: vec![[0; 3]; towns],
            section_tasks: vec![Vec::new(); reg.sections.len()],
            task_section: Vec::with_capacity(reg.tasks.len()),
            section_parent: Vec::new(),
            section_goals: vec![Vec::new(); reg.sections.len()],
            goal_sections: vec![Vec::new(); reg.goals.len()],
            goal_tasks: vec![Vec::new(); reg.goals.len()],
            max_number: reg.tasks.iter().map(|t| t.number).max().unwrap_or(0),
            rollups: Rollups::default(),
        };
        ix.sections_and_goals(reg);
        // A task is in its section's list and in every list above it (a part (一、)
        // holds the tasks of its programmes ((一)(二)…) as well as its own), and in
        // the list of each goal served by one of those sections: pushed in task
        // order, so every list comes out sorted and without repeats (no sort after).
        let reach = ix.reach();
        // Towns a task names, reused from task to task.
        let mut named: Vec<usize> = Vec::new();
        for (ti, task) in reg.tasks.iter().enumerate() {
            let at = stored(ti);
            let section = ix.section_pos.get(&task.section).copied();
            if let Some(s) = section {
                let (sections, goals) = &reach[s];
                for &x in sections {
                    ix.section_tasks[x].push(at);
                }
                for &g in goals {
                    ix.goal_tasks[g].push(at);
                }
            }
            ix.task_section.push(section.map_or(NO_SECTION, stored));
            for id in &task.lead {
                if let Some(&u) = ix.unit_pos.get(id) {
                    push_new_last(&mut ix.unit_lead[u], at);
                }
            }
            named.clear();
            for id in &task.responsible {
                if let Some(&u) = ix.unit_pos.get(id) {
                    push_new_last(&mut ix.unit_responsible[u], at);
                } else if let Some(&t) = ix.town_pos.get(id) {
                    named.push(t);
                }
            }
            // The strongest tie wins: a town named explicitly is not also one of
            // 各镇(区) or "mentioned", nor one of 各镇(区) also "mentioned".
            let before = ix.all_towns.len();
            for &t in &named {
                let own = Own::new(at, before, TownLink::Explicit);
                if push_new_last(&mut ix.town_own[t], own) {
                    ix.town_counts[t][TownLink::Explicit as usize] += 1;
                    if task.all_towns {
                        // Counted below as named, not as one of 各镇(区).
                        ix.town_counts[t][TownLink::AllTowns as usize] += 1;
                    }
                }
            }
            if task.all_towns && towns > 0 {
                ix.all_towns.push(at);
            }
            for id in &task.mentions {
                if let Some(&t) = ix.town_pos.get(id)
                    && !task.all_towns
                    && !named.contains(&t)
                {
                    let own = Own::new(at, before, TownLink::Mentioned);
                    if push_new_last(&mut ix.town_own[t], own) {
                        ix.town_counts[t][TownLink::Mentioned as usize] += 1;
                    }
                }
            }
        }
        for counts in &mut ix.town_counts {
            // Counted above: the 各镇(区) tasks that also name the town.
            let both = counts[TownLink::AllTowns as usize];
            counts[TownLink::AllTowns as usize] = ix.all_towns.len() - both;
        }
        ix.shrink();
        ix.rollups = Rollups::count(reg, &ix);
        ix
    }

    /// Each section's parent, and which goals serve which sections.
    fn sections_and_goals(&mut self, reg: &Registry) {
        self.section_parent = reg
            .sections
            .iter()
            .map(|s| {
                s.parent
                    .as_ref()
                    .and_then(|p| self.section_pos.get(p).copied())
            })
            .collect();
        for (gi, goal) in reg.goals.iter().enumerate() {
            for id in &goal.sections {
                if let Some(&s) = self.section_pos.get(id) {
                    push_once(&mut self.goal_sections[gi], s);
                    push_new_last(&mut self.section_goals[s], gi);
                }
            }
        }
    }

    /// By section: the lists a task of it belongs to, its own and those of the
    /// sections above it (nearest first), and the goals served by any of them
    /// (each once, in goal order).
    fn reach(&self) -> Vec<(Vec<usize>, Vec<usize>)> {
        (0..self.section_parent.len())
            .map(|s| {
                let mut sections = vec![s];
                sections.extend(self.ancestors(s));
                let mut goals: Vec<usize> = sections
                    .iter()
                    .flat_map(|&x| self.section_goals[x].iter().copied())
                    .collect();
                goals.sort_unstable();
                goals.dedup();
                (sections, goals)
            })
            .collect()
    }

    /// Every list down to its length: filled by pushes, each kept up to twice
    /// what it holds.
    fn shrink(&mut self) {
        let lists = [
            &mut self.unit_lead,
            &mut self.unit_responsible,
            &mut self.section_tasks,
            &mut self.goal_tasks,
        ];
        for list in lists.into_iter().flatten() {
            list.shrink_to_fit();
        }
        for list in &mut self.town_own {
            list.shrink_to_fit();
        }
        self.all_towns.shrink_to_fit();
        for list in self.section_goals.iter_mut().chain(&mut self.goal_sections) {
            list.shrink_to_fit();
        }
    }

    /// The columns a task number takes in a list: those of the largest number,
    /// at least 3 (a plan's 28 tasks line up as they always did; at 100 000
    /// tasks the list makes room for `99998` rather than cut it).
    pub fn number_width(&self) -> usize {
        crate::text::digits(self.max_number.into()).max(3)
    }

    /// The largest task number (0 with no tasks).
    pub fn max_number(&self) -> u32 {
        self.max_number
    }

    /// Which build this is: an index kept across an edit keeps its id.
    pub fn id(&self) -> u64 {
        self.id
    }

    pub fn unit(&self, id: &str) -> Option<usize> {
        self.unit_pos.get(id).copied()
    }
    pub fn town(&self, id: &str) -> Option<usize> {
        self.town_pos.get(id).copied()
    }
    pub fn section(&self, id: &str) -> Option<usize> {
        self.section_pos.get(id).copied()
    }
    pub fn goal(&self, id: &str) -> Option<usize> {
        self.goal_pos.get(id).copied()
    }
    /// The position of the task with id `id` in `reg`, the registry the index was
    /// built from: the index keeps no copy of the ids, it compares with `reg`'s.
    pub fn task(&self, reg: &Registry, id: &str) -> Option<usize> {
        self.task_pos.find(reg, id)
    }

    /// The section task `task` is in (a vector access: the goal lists ask it for
    /// every row, tens of thousands of them).
    pub fn task_section(&self, task: usize) -> Option<usize> {
        match self.task_section.get(task) {
            Some(&s) if s != NO_SECTION => Some(s as usize),
            _ => None,
        }
    }

    /// Tasks the unit leads (牵头).
    pub fn led_by(&self, unit: usize) -> TaskList<'_> {
        TaskList(&self.unit_lead[unit])
    }
    /// Tasks the unit is responsible for (责任 / 配合).
    pub fn shared_by(&self, unit: usize) -> TaskList<'_> {
        TaskList(&self.unit_responsible[unit])
    }
    /// Tasks of a town with how the town is tied to each, in task order.
    pub fn town_tasks(&self, town: usize) -> TownTasks<'_> {
        TownTasks {
            own: &self.town_own[town],
            all: &self.all_towns,
            at: 0,
            left: self.town_counts[town].iter().sum(),
        }
    }
    /// How many of the town's tasks are tied to it by `link` (the towns list shows
    /// the three counts on every frame).
    pub fn town_count(&self, town: usize, link: TownLink) -> usize {
        self.town_counts[town][link as usize]
    }
    /// The section a section sits in (a programme's part), if any.
    pub fn section_parent(&self, section: usize) -> Option<usize> {
        self.section_parent.get(section).copied().flatten()
    }

    /// The sections above a section, nearest first. Bounded by the number of
    /// sections, so even an unvalidated file with a loop of parents ends.
    pub fn ancestors(&self, section: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let mut cur = self.section_parent(section);
        while let Some(p) = cur {
            if out.len() >= self.section_parent.len() || p == section || out.contains(&p) {
                break;
            }
            out.push(p);
            cur = self.section_parent(p);
        }
        out
    }

    /// Tasks of a section and of the sections inside it, in task order.
    pub fn section_tasks(&self, section: usize) -> TaskList<'_> {
        TaskList(&self.section_tasks[section])
    }
    /// Goals a section serves.
    pub fn section_goals(&self, section: usize) -> &[usize] {
        &self.section_goals[section]
    }
    pub fn goal_sections(&self, goal: usize) -> &[usize] {
        &self.goal_sections[goal]
    }
    /// Every task of every section behind the goal, in task order.
    pub fn goal_tasks(&self, goal: usize) -> TaskList<'_> {
        TaskList(&self.goal_tasks[goal])
    }

    /// Tasks a unit leads or shares, without duplicates, in task order.
    pub fn unit_tasks(&self, unit: usize) -> Vec<usize> {
        // Both lists are in task order: merged, not sorted.
        let (led, shared) = (&self.unit_lead[unit], &self.unit_responsible[unit]);
        let mut all = Vec::with_capacity(led.len() + shared.len());
        let (mut i, mut j) = (0, 0);
        while i < led.len() || j < shared.len() {
            let next = match (led.get(i), shared.get(j)) {
                (Some(&a), Some(&b)) if b < a => {
                    j += 1;
                    b
                }
                (Some(&a), _) => {
                    i += 1;
                    a
                }
                (None, Some(&b)) => {
                    j += 1;
                    b
                }
                (None, None) => break,
            };
            if all.last() != Some(&(next as usize)) {
                all.push(next as usize);
            }
        }
        all
    }

    /// The roll-up of every task.
    pub fn all_rollup(&self) -> Rollup {
        self.rollups.all
    }
    pub fn section_rollup(&self, section: usize) -> Rollup {
        self.rollups.sections[section]
    }
    pub fn unit_rollup(&self, unit: usize) -> Rollup {
        self.rollups.units[unit]
    }
    pub fn town_rollup(&self, town: usize) -> Rollup {
        self.rollups.towns[town]
    }
    pub fn goal_rollup(&self, goal: usize) -> Rollup {
        self.rollups.goals[goal]
    }

    /// Bytes the index holds on the heap (each vector's capacity, each map's table
    /// and keys), to keep it in check as the tasks grow.
    pub fn heap_bytes(&self) -> usize {
        fn list<T>(v: &[Vec<T>]) -> usize {
            size_of_val(v)
                + v.iter()
                    .map(|l| l.capacity() * size_of::<T>())
                    .sum::<usize>()
        }
        fn map(m: &HashMap<String, usize>) -> usize {
            // A slot holds a key and a value, and a control byte.
            m.capacity() * (size_of::<(String, usize)>() + 1)
                + m.keys().map(String::capacity).sum::<usize>()
        }
        let maps = [
            &self.unit_pos,
            &self.town_pos,
            &self.section_pos,
            &self.goal_pos,
        ];
        maps.into_iter().map(map).sum::<usize>()
            + self.task_pos.heap_bytes()
            + list(&self.unit_lead)
            + list(&self.unit_responsible)
            + list(&self.town_own)
            + self.all_towns.capacity() * size_of::<u32>()
            + self.town_counts.capacity() * size_of::<[usize; 3]>()
            + list(&self.section_tasks)
            + self.task_section.capacity() * size_of::<u32>()
            + self.section_parent.capacity() * size_of::<Option<usize>>()
            + list(&self.section_goals)
            + list(&self.goal_sections)
            + list(&self.goal_tasks)
            + self.rollups.heap_bytes()
    }
}

/// For a goal's sections: a goal names a handful, so the scan stays small.
fn push_once(v: &mut Vec<usize>, x: usize) {
    if !v.contains(&x) {
        v.push(x);
    }
}

/// For lists filled in ascending order of `x` (tasks in task order, goals in goal
/// order): a repeat can only be the last entry, so no scan is needed. The scan it
/// replaces made the index quadratic (a unit leading 46 000 of 100 000 tasks).
/// Says whether it was pushed.
fn push_new_last<T: PartialEq>(v: &mut Vec<T>, x: T) -> bool {
    let new = v.last() != Some(&x);
    if new {
        v.push(x);
    }
    new
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{BUNDLED, parse_bytes};
    use std::path::Path;

    fn reg() -> Registry {
        parse_bytes(Path::new("r.json"), BUNDLED.as_bytes()).unwrap()
    }

    #[test]
    fn a_part_holds_the_tasks_of_its_programmes() {
        let mut r = reg();
        // 二 becomes a programme inside 一: 一's list is 9 + 4 tasks, in task order.
        r.sections[1].parent = Some(r.sections[0].id.clone());
        let ix = Index::build(&r);
        assert_eq!(ix.section_parent(1), Some(0));
        assert_eq!(ix.ancestors(1), [0]);
        assert_eq!(ix.section_tasks(0).len(), 13);
        assert_eq!(ix.section_tasks(1).len(), 4);
        let list: Vec<usize> = ix.section_tasks(0).iter().collect();
        assert!(list.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(ix.section_rollup(0).total(), 13);
    }

    #[test]
    fn a_loop_of_parents_in_an_unvalidated_file_ends() {
        let mut r = reg();
        r.sections[0].parent = Some(r.sections[1].id.clone());
        r.sections[1].parent = Some(r.sections[0].id.clone());
        let ix = Index::build(&r);
        assert_eq!(ix.ancestors(0), [1]);
        assert_eq!(ix.ancestors(1), [0]);
    }
}
