//! The problem list (问题清单): tasks past due and not done, 滞后, 受阻, silent for
//! weeks, or due soon, each graded 蓝/黄/红 预警 as offices grade them, grouped by
//! lead unit. Pure functions of the registry, `today` and the thresholds.

use crate::registry::{Due, Index, Registry, Status};
use chrono::NaiveDate;
use foldhash::HashMap;
use serde::Deserialize;

/// When a task becomes a problem, and how bad. The `[problems]` table of the settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Thresholds {
    /// Not updated for this many days: a problem (蓝 at least).
    pub stale_days: u32,
    /// Due within this many days: 蓝色预警.
    pub due_soon_days: u32,
    /// Past due by more than this many days: 红色预警 (less: 黄).
    pub red_overdue_days: u32,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            stale_days: 30,
            due_soon_days: 30,
            red_overdue_days: 90,
        }
    }
}

/// A warning level, mildest first (so `max` is the worst).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// 蓝色预警: due soon, or silent.
    Blue,
    /// 黄色预警: past due, or 滞后.
    Yellow,
    /// 红色预警: past due by more than the threshold, or 受阻.
    Red,
}

impl Level {
    /// Worst first, as lists show them.
    pub const WORST_FIRST: [Level; 3] = [Level::Red, Level::Yellow, Level::Blue];
}

/// Why a task is on the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// Days past its (own or inherited) due date.
    Overdue(i64),
    /// Days left until its due date.
    DueSoon(i64),
    Delayed,
    Blocked,
    /// Days since its last update.
    Stale(i64),
    /// Never updated, and the plan is older than the stale threshold.
    NeverUpdated,
}

/// One task on the problem list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Position in `registry.tasks`.
    pub task: usize,
    pub level: Level,
    pub reasons: Vec<Reason>,
    pub due: Option<Due>,
}

/// What ordering and grouping the problem list needs of a problem: its task and
/// its level.
pub trait Graded {
    fn task(&self) -> usize;
    fn level(&self) -> Level;
}

impl Graded for Problem {
    fn task(&self) -> usize {
        self.task
    }
    fn level(&self) -> Level {
        self.level
    }
}

/// A problem as a long list keeps it: its task and level, 16 bytes where a
/// [`Problem`] takes some 100 with its reasons. Its reasons and due date are
/// assessed again for the rows on screen ([`assess`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ranked {
    /// Position in `registry.tasks`.
    pub task: usize,
    pub level: Level,
}

impl Graded for Ranked {
    fn task(&self) -> usize {
        self.task
    }
    fn level(&self) -> Level {
        self.level
    }
}

/// Days since the task was last heard of: its last update, else the plan's date.
pub fn days_silent(reg: &Registry, task: usize, today: NaiveDate) -> Option<i64> {
    let t = &reg.tasks[task];
    let last = t.updated_at.map(|d| d.date_naive()).or(reg.document.date)?;
    Some((today - last).num_days())
}

/// The problem of `tasks[task]`, if it is one. Done tasks never are.
pub fn assess(
    reg: &Registry,
    ix: &Index,
    task: usize,
    today: NaiveDate,
    th: &Thresholds,
) -> Option<Problem> {
    let mut reasons = Vec::new();
    let (level, due) = grade(reg, ix, task, today, th, |r| reasons.push(r))?;
    Some(Problem {
        task,
        level,
        reasons,
        due,
    })
}

/// The level of `tasks[task]`'s problem and its due date, if it is one, each reason
/// told to `reason` ([`assess`] keeps them; the problem list needs only the level,
/// and 100 000 tasks each with a list of reasons made and dropped cost a frame).
fn grade(
    reg: &Registry,
    ix: &Index,
    task: usize,
    today: NaiveDate,
    th: &Thresholds,
    mut reason: impl FnMut(Reason),
) -> Option<(Level, Option<Due>)> {
    let t = &reg.tasks[task];
    if t.status == Status::Done {
        return None;
    }
    let due = reg.effective_due(ix, task);
    let mut level = None;
    let mut raise = |l: Level| level = level.max(Some(l));
    if let Some(d) = due {
        let late = (today - d.date).num_days();
        if late > 0 {
            reason(Reason::Overdue(late));
            raise(if late > i64::from(th.red_overdue_days) {
                Level::Red
            } else {
                Level::Yellow
            });
        } else if -late <= i64::from(th.due_soon_days) {
            reason(Reason::DueSoon(-late));
            raise(Level::Blue);
        }
    }
    match t.status {
        Status::Delayed => {
            reason(Reason::Delayed);
            raise(Level::Yellow);
        }
        Status::Blocked => {
            reason(Reason::Blocked);
            raise(Level::Red);
        }
        _ => {}
    }
    if let Some(days) = days_silent(reg, task, today)
        && days >= i64::from(th.stale_days)
    {
        reason(if t.updated_at.is_some() {
            Reason::Stale(days)
        } else {
            Reason::NeverUpdated
        });
        raise(Level::Blue);
    }
    level.map(|level| (level, due))
}

/// The problems among `tasks`, worst first, then by task number.
pub fn problems(
    reg: &Registry,
    ix: &Index,
    tasks: &[usize],
    today: NaiveDate,
    th: &Thresholds,
) -> Vec<Problem> {
    let mut out: Vec<Problem> = tasks
        .iter()
        .filter_map(|&t| assess(reg, ix, t, today, th))
        .collect();
    worst_first(reg, &mut out);
    out
}

/// [`problems`] as [`Ranked`]: the same list in the same order, each problem's
/// reasons dropped as soon as it is graded.
pub fn ranked(
    reg: &Registry,
    ix: &Index,
    tasks: impl IntoIterator<Item = usize>,
    today: NaiveDate,
    th: &Thresholds,
) -> Vec<Ranked> {
    let mut out: Vec<Ranked> = tasks
        .into_iter()
        .filter_map(|task| {
            let (level, _) = grade(reg, ix, task, today, th, |_| {})?;
            Some(Ranked { task, level })
        })
        .collect();
    worst_first(reg, &mut out);
    out
}

/// Worst first, then by task number (a stable sort: equal numbers in task order).
fn worst_first<P: Graded>(reg: &Registry, list: &mut [P]) {
    list.sort_by_key(|p| (std::cmp::Reverse(p.level()), reg.tasks[p.task()].number));
}

/// Problems grouped by their task's first lead unit (the one that answers for it),
/// units with the worst problems first, then by how many, then in registry order.
/// Tasks without a lead unit come last, under an empty name.
pub fn by_lead_unit<'a, P: Graded>(
    reg: &'a Registry,
    problems: &'a [P],
) -> Vec<(&'a str, Vec<&'a P>)> {
    let mut groups: Vec<(&str, Option<usize>, Vec<&P>)> = Vec::new();
    // Each lead's name and place are looked up once, not once per problem (the
    // Overview draws this for every task of a 100 000-task plan on each frame).
    let mut group_of_lead: HashMap<Option<&str>, usize> = HashMap::default();
    let mut group_of_name: HashMap<&str, usize> = HashMap::default();
    for p in problems {
        let lead = reg.tasks[p.task()].lead.first().map(String::as_str);
        let g = *group_of_lead.entry(lead).or_insert_with(|| {
            let name = lead.map(|id| reg.name_of(id)).unwrap_or("");
            *group_of_name.entry(name).or_insert_with(|| {
                let pos = lead.and_then(|id| reg.units.iter().position(|u| u.id == id));
                groups.push((name, pos, Vec::new()));
                groups.len() - 1
            })
        });
        groups[g].2.push(p);
    }
    groups.sort_by_key(|(_, pos, ps)| {
        let worst = ps.iter().map(|p| p.level()).max();
        (
            std::cmp::Reverse(worst),
            std::cmp::Reverse(ps.len()),
            pos.unwrap_or(usize::MAX),
        )
    });
    groups.into_iter().map(|(n, _, ps)| (n, ps)).collect()
}

/// How many problems of each level, worst first, leaving out levels with none.
pub fn level_counts<P: Graded>(problems: &[P]) -> Vec<(Level, usize)> {
    Level::WORST_FIRST
        .iter()
        .map(|&l| (l, problems.iter().filter(|p| p.level() == l).count()))
        .filter(|&(_, n)| n > 0)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{BUNDLED, parse_bytes};
    use std::path::Path;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn bundled() -> Registry {
        parse_bytes(Path::new("r.json"), BUNDLED.as_bytes()).unwrap()
    }

    #[test]
    fn levels_follow_the_thresholds() {
        let mut reg = bundled();
        let ix = Index::build(&reg);
        let th = Thresholds::default();
        // Fresh, recently touched: 2025-12-31 is 40 days ahead on 2025-11-21.
        for t in &mut reg.tasks {
            t.updated_at = Some("2025-11-20T09:00:00+08:00".parse().unwrap());
        }
        assert_eq!(assess(&reg, &ix, 0, day(2025, 11, 21), &th), None);
        // 30 days ahead: blue.
        let p = assess(&reg, &ix, 0, day(2025, 12, 1), &th).unwrap();
        assert_eq!(
            (p.level, p.reasons.as_slice()),
            (Level::Blue, &[Reason::DueSoon(30)][..])
        );
        // 90 days past due is yellow (and stale by then); 91 is red.
        let p = assess(&reg, &ix, 0, day(2026, 3, 31), &th).unwrap();
        assert_eq!(p.level, Level::Yellow);
        assert_eq!(p.reasons[0], Reason::Overdue(90));
        assert_eq!(p.reasons[1], Reason::Stale(131));
        assert_eq!(
            assess(&reg, &ix, 0, day(2026, 4, 1), &th).unwrap().level,
            Level::Red
        );
        // Blocked is red even before the deadline; delayed is yellow.
        reg.tasks[1].status = Status::Blocked;
        reg.tasks[2].status = Status::Delayed;
        assert_eq!(
            assess(&reg, &ix, 1, day(2025, 11, 21), &th).unwrap().level,
            Level::Red
        );
        assert_eq!(
            assess(&reg, &ix, 2, day(2025, 11, 21), &th).unwrap().level,
            Level::Yellow
        );
        // Done is never a problem.
        reg.tasks[0].status = Status::Done;
        assert_eq!(assess(&reg, &ix, 0, day(2027, 1, 1), &th), None);
    }

    #[test]
    fn every_bundled_task_is_past_the_2025_deadline_grouped_by_lead_unit() {
        let reg = bundled();
        let ix = Index::build(&reg);
        let all: Vec<usize> = (0..reg.tasks.len()).collect();
        let ps = problems(&reg, &ix, &all, day(2026, 11, 29), &Thresholds::default());
        assert_eq!(ps.len(), 28);
        assert!(ps.iter().all(|p| p.level == Level::Red));
        let groups = by_lead_unit(&reg, &ps);
        assert_eq!(groups.iter().map(|g| g.1.len()).sum::<usize>(), 28);
        assert!(groups.windows(2).all(|w| w[0].1.len() >= w[1].1.len()));
    }

    #[test]
    fn groups_by_the_lead_units_name_in_order_of_first_appearance() {
        let mut reg = bundled();
        let (town, unit) = (reg.towns[0].id.clone(), reg.units[3].id.clone());
        reg.towns[0].name = reg.units[3].name.clone();
        reg.tasks[0].lead = vec![];
        reg.tasks[1].lead = vec![town.clone()];
        reg.tasks[2].lead = vec![unit.clone()];
        reg.tasks[4].lead = vec!["nobody".into()];
        let ix = Index::build(&reg);
        let all: Vec<usize> = (0..reg.tasks.len()).collect();
        let ps = problems(&reg, &ix, &all, day(2026, 11, 29), &Thresholds::default());
        let groups = by_lead_unit(&reg, &ps);
        let names: Vec<&str> = groups.iter().map(|g| g.0).collect();
        // One group per name: the town named like the unit joins the unit's group.
        let mut unique = names.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), names.len(), "{names:?}");
        let shared = groups.iter().find(|g| g.0 == reg.units[3].name).unwrap();
        let tasks: Vec<usize> = shared.1.iter().map(|p| p.task).collect();
        assert!(tasks.contains(&1) && tasks.contains(&2), "{tasks:?}");
        // Each problem once, an unknown lead under its id, no lead under "".
        assert_eq!(groups.iter().map(|g| g.1.len()).sum::<usize>(), ps.len());
        assert!(names.contains(&"nobody") && names.contains(&""));
    }
}
