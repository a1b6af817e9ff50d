//! The [`Index`]'s lookups against a scan of every task, on registries made up at
//! random (ids repeated or unknown, loops of parents: what an unvalidated file
//! holds), and the index's size as the tasks grow.

use super::{Index, Registry, TownLink};
use crate::store::{BUNDLED, parse_bytes};
use proptest::prelude::*;
use std::path::Path;

fn bundled() -> Registry {
    parse_bytes(Path::new("r.json"), BUNDLED.as_bytes()).unwrap()
}

/// One made-up task: its id's number, section (past the end: none there is), the
/// owners of its lists (units, then towns, then one no one has), 各镇(区).
type Spec = (u8, usize, Vec<usize>, Vec<usize>, Vec<usize>, bool);

fn spec() -> impl Strategy<Value = Spec> {
    let owners = || prop::collection::vec(0usize..60, 0..4);
    (
        0u8..40,
        0usize..12,
        owners(),
        owners(),
        owners(),
        any::<bool>(),
    )
}

/// The bundled plan's sections, units, towns and goals with made-up tasks and
/// section parents (index past the end: none).
fn made_up(tasks: &[Spec], parents: &[usize]) -> Registry {
    let mut reg = bundled();
    let template = reg.tasks[0].clone();
    let (units, towns) = (reg.units.len(), reg.towns.len());
    let owner = |&k: &usize| -> String {
        if k < units {
            reg.units[k].id.clone()
        } else if k < units + towns {
            reg.towns[k - units].id.clone()
        } else {
            "nobody".into()
        }
    };
    let sections: Vec<String> = reg.sections.iter().map(|s| s.id.clone()).collect();
    let made: Vec<_> = tasks
        .iter()
        .map(|(id, section, lead, responsible, mentions, all_towns)| {
            let mut t = template.clone();
            t.id = format!("t{id}");
            t.section = sections.get(*section).cloned().unwrap_or_default();
            t.lead = lead.iter().map(owner).collect();
            t.responsible = responsible.iter().map(owner).collect();
            t.mentions = mentions.iter().map(owner).collect();
            t.all_towns = *all_towns;
            t
        })
        .collect();
    reg.tasks = made;
    for (s, p) in reg.sections.iter_mut().zip(parents) {
        s.parent = sections.get(*p).cloned();
    }
    reg
}

/// The sections a section sits in, found by following the parents' ids.
fn above(reg: &Registry, s: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let mut cur = reg.sections[s].parent.clone();
    while let Some(p) = cur {
        let Some(i) = reg.sections.iter().position(|x| x.id == p) else {
            break;
        };
        if i == s || out.contains(&i) {
            break;
        }
        out.push(i);
        cur = reg.sections[i].parent.clone();
    }
    out
}

/// Tasks passing `keep`, in task order.
fn scan(reg: &Registry, keep: impl Fn(usize) -> bool) -> Vec<usize> {
    (0..reg.tasks.len()).filter(|&i| keep(i)).collect()
}

/// How a town is tied to a task, scanning the task's lists: an id that is a unit's
/// is not a town's.
fn tie(reg: &Registry, task: usize, town: &str) -> Option<TownLink> {
    let t = &reg.tasks[task];
    let is_unit = reg.units.iter().any(|u| u.id == town);
    if !is_unit && t.responsible.iter().any(|r| r == town) {
        Some(TownLink::Explicit)
    } else if t.all_towns {
        Some(TownLink::AllTowns)
    } else if t.mentions.iter().any(|m| m == town) {
        Some(TownLink::Mentioned)
    } else {
        None
    }
}

fn same_as_scans(reg: &Registry) {
    let ix = Index::build(reg);
    for (i, t) in reg.tasks.iter().enumerate() {
        let last = reg.tasks.iter().rposition(|x| x.id == t.id);
        assert_eq!(ix.task(reg, &t.id), last, "task {i}");
        let own = reg.sections.iter().position(|s| s.id == t.section);
        assert_eq!(ix.task_section(i), own, "section of task {i}");
    }
    assert_eq!(ix.task(reg, "t99"), None);
    assert_eq!(ix.task(reg, ""), None);
    for (u, unit) in reg.units.iter().enumerate() {
        let led = scan(reg, |i| reg.tasks[i].lead.contains(&unit.id));
        let shared = scan(reg, |i| reg.tasks[i].responsible.contains(&unit.id));
        assert_eq!(ix.led_by(u).iter().collect::<Vec<_>>(), led, "unit {u}");
        assert_eq!(ix.shared_by(u).iter().collect::<Vec<_>>(), shared);
        assert_eq!(ix.led_by(u).len(), led.len());
        let both = scan(reg, |i| led.contains(&i) || shared.contains(&i));
        assert_eq!(ix.unit_tasks(u), both);
        for i in 0..reg.tasks.len() {
            assert_eq!(ix.led_by(u).contains(i), led.contains(&i));
        }
    }
    for (k, town) in reg.towns.iter().enumerate() {
        let want: Vec<(usize, TownLink)> = (0..reg.tasks.len())
            .filter_map(|i| tie(reg, i, &town.id).map(|l| (i, l)))
            .collect();
        assert_eq!(ix.town_tasks(k).collect::<Vec<_>>(), want, "town {k}");
        for link in [TownLink::Explicit, TownLink::AllTowns, TownLink::Mentioned] {
            let n = want.iter().filter(|w| w.1 == link).count();
            assert_eq!(ix.town_count(k, link), n, "town {k} {link:?}");
        }
        assert_eq!(ix.town_tasks(k).len(), want.len());
        // Read in one call (fold), and after a few taken one by one (next).
        for first in [0, 1, want.len() / 2, want.len()] {
            let first = first.min(want.len());
            let mut it = ix.town_tasks(k);
            let mut got: Vec<_> = it.by_ref().take(first).collect();
            assert_eq!(it.len(), want.len() - first);
            it.for_each(|x| got.push(x));
            assert_eq!(got, want, "town {k} after {first}");
        }
    }
    for s in 0..reg.sections.len() {
        let want = scan(reg, |i| {
            let own = reg
                .sections
                .iter()
                .position(|x| x.id == reg.tasks[i].section);
            own.is_some_and(|o| o == s || above(reg, o).contains(&s))
        });
        assert_eq!(
            ix.section_tasks(s).iter().collect::<Vec<_>>(),
            want,
            "section {s}"
        );
    }
    for (g, goal) in reg.goals.iter().enumerate() {
        let sections: Vec<usize> = (0..reg.sections.len())
            .filter(|&s| goal.sections.contains(&reg.sections[s].id))
            .collect();
        let want = scan(reg, |i| {
            sections
                .iter()
                .any(|&s| ix.section_tasks(s).iter().any(|t| t == i))
        });
        assert_eq!(
            ix.goal_tasks(g).iter().collect::<Vec<_>>(),
            want,
            "goal {g}"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn every_lookup_is_what_a_scan_of_the_tasks_finds(
        tasks in prop::collection::vec(spec(), 0..60),
        parents in prop::collection::vec(0usize..12, 0..12),
    ) {
        same_as_scans(&made_up(&tasks, &parents));
    }
}

#[test]
fn the_bundled_plan_and_a_part_holding_programmes_match_the_scans() {
    let mut reg = bundled();
    same_as_scans(&reg);
    reg.sections[1].parent = Some(reg.sections[0].id.clone());
    reg.sections[2].parent = Some(reg.sections[1].id.clone());
    same_as_scans(&reg);
}

/// 26.5 MB at 100 000 generated tasks (265 bytes a task) before positions were
/// kept as `u32`, 各镇(区) tasks once instead of once per town, and no copy of
/// the task ids: now under 60 bytes a task.
#[test]
fn the_index_takes_under_60_bytes_a_task() {
    let mut reg = bundled();
    let base = std::mem::take(&mut reg.tasks);
    let n = 10_000;
    reg.tasks = (0..n)
        .map(|i| {
            let mut t = base[i % base.len()].clone();
            t.id = format!("t{}", i + 1);
            // As many 各镇(区) tasks as in the generated 100 000 (46%).
            t.all_towns = i % 100 < 46;
            t
        })
        .collect();
    let ix = Index::build(&reg);
    let bytes = ix.heap_bytes();
    assert!(bytes <= 60 * n, "{bytes} bytes for {n} tasks");
    // The index still finds a task by its id without keeping the ids.
    assert_eq!(ix.task(&reg, "t9876"), Some(9875));
}
