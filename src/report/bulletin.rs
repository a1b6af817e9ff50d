//! The 通报 (progress bulletin) as a small document model, built once and rendered
//! twice: as Markdown (`markdown.rs`) and as Word (`docx.rs`). Title with the plan and
//! the date; 一、总体情况 (counts with shares, the goals, one paragraph per section);
//! 二、存在问题 (the problem list by lead unit); 三、下一步工作要求 (for staff to write).

use super::ledger::{latest_note, names, note_line};
use super::problems::{Level, Reason, Thresholds, by_lead_unit, level_counts, problems};
use super::words::Words;
use crate::registry::{Index, Registry, Rollup, Status};
use chrono::NaiveDate;

/// A bulletin: a title, a line under it, then blocks in order.
#[derive(Debug, Clone, PartialEq)]
pub struct Bulletin {
    pub title: String,
    pub subtitle: String,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// 一、总体情况
    Heading(String),
    /// A paragraph of body text.
    Para(String),
    /// A lead-in line of a group: 市水务局（3项）.
    Group(String),
    /// One problem: its warning level and the sentence about it.
    Item { level: Level, text: String },
}

/// Builds the bulletin over `tasks` (the filtered tasks, in registry order).
pub fn build(
    reg: &Registry,
    ix: &Index,
    tasks: &[usize],
    today: NaiveDate,
    th: &Thresholds,
    w: &Words,
) -> Bulletin {
    let mut blocks = vec![Block::Heading(w.headings[0].to_string())];
    if tasks.is_empty() {
        blocks.push(Block::Para(w.no_match.to_string()));
    } else {
        let all = Rollup::of(reg, tasks.iter().copied());
        let parts: Vec<String> = Status::ALL
            .iter()
            .map(|&s| w.count_share(s, all.count(s), percent(all.count(s), all.total())))
            .collect();
        blocks.push(Block::Para(w.overall(all.total(), &parts)));
        for (gi, g) in reg.goals.iter().enumerate() {
            let in_goal: Vec<usize> = ix
                .goal_tasks(gi)
                .iter()
                .filter(|t| tasks.binary_search(t).is_ok())
                .collect();
            let r = Rollup::of(reg, in_goal.iter().copied());
            let due = g
                .due
                .map(|d| d.to_string())
                .unwrap_or_else(|| w.no_due.to_string());
            let horizon = g.horizon.as_deref().unwrap_or(&g.id);
            blocks.push(Block::Para(w.goal_line(
                horizon,
                &due,
                g.status,
                r.done(),
                r.total(),
            )));
        }
        for (si, s) in reg.sections.iter().enumerate() {
            let mine: Vec<usize> = ix
                .section_tasks(si)
                .iter()
                .filter(|t| tasks.binary_search(t).is_ok())
                .collect();
            if mine.is_empty() {
                continue;
            }
            let r = Rollup::of(reg, mine.iter().copied());
            let mut text = w.section_line(&s.numeral, &s.title, r.done(), r.total());
            let open: Vec<String> = mine
                .iter()
                .map(|&t| &reg.tasks[t])
                .filter(|t| t.status != Status::Done)
                .map(|t| {
                    format!(
                        "{}{}",
                        w.task_no(t.number),
                        w.paren(&format!(
                            "{}{}{}",
                            t.title,
                            w.list_sep(),
                            w.status(t.status)
                        ))
                    )
                })
                .collect();
            if !open.is_empty() {
                text.push_str(w.not_done());
                text.push_str(&open.join(w.list_sep()));
                text.push_str(w.full_stop());
            }
            blocks.push(Block::Para(text));
        }
    }

    blocks.push(Block::Heading(w.headings[1].to_string()));
    let ps = problems(reg, ix, tasks, today, th);
    if ps.is_empty() {
        blocks.push(Block::Para(w.no_problems.to_string()));
    } else {
        blocks.push(Block::Para(w.problems_intro(ps.len(), &level_counts(&ps))));
        for (unit, group) in by_lead_unit(reg, &ps) {
            blocks.push(Block::Group(w.unit_head(unit, group.len())));
            for p in group {
                let t = &reg.tasks[p.task];
                let latest = latest_note(t)
                    .map(|h| note_line(h, w))
                    .unwrap_or_else(|| w.no_note.to_string());
                let text = w.problem_item(
                    t.number,
                    &t.title,
                    &names(reg, &t.lead, w),
                    // 滞后 and 受阻 are said by the status that follows.
                    &w.reasons(
                        &p.reasons
                            .iter()
                            .copied()
                            .filter(|r| !matches!(r, Reason::Delayed | Reason::Blocked))
                            .collect::<Vec<_>>(),
                    ),
                    w.status(t.status),
                    &latest,
                );
                blocks.push(Block::Item {
                    level: p.level,
                    text,
                });
            }
        }
    }

    blocks.push(Block::Heading(w.headings[2].to_string()));
    blocks.push(Block::Para(w.next_steps.to_string()));
    Bulletin {
        title: w.bulletin_title(&reg.document.title),
        subtitle: w.as_of(today),
        blocks,
    }
}

/// A share as a whole percent (0 of 0 is 0 %).
pub fn percent(n: usize, of: usize) -> u32 {
    if of == 0 {
        0
    } else {
        ((n as f64 / of as f64) * 100.0).round() as u32
    }
}
