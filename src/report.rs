//! Plain-text views of a plan, for a quick look over SSH and for scripts.

use crate::lang::Lang;
use crate::registry::{Index, Registry, Rollup, Status};
use crate::text::{fit, fit_right, width};
use chrono::NaiveDate;
use std::fmt::Write;

/// Counts by status, e.g. "28 tasks: 3 done, 5 in progress, …".
pub fn counts_line(r: &Rollup, lang: Lang) -> String {
    let parts: Vec<String> = Status::ALL
        .iter()
        .map(|&s| match lang {
            Lang::Zh => format!("{}{}", s.zh(), r.count(s)),
            Lang::En => format!("{} {}", r.count(s), s.en()),
        })
        .collect();
    match lang {
        Lang::Zh => format!(
            "任务{}项:{}(完成{}%)",
            r.total(),
            parts.join(" "),
            percent(r.share_done())
        ),
        Lang::En => format!(
            "{} tasks: {} ({}% done)",
            r.total(),
            parts.join(", "),
            percent(r.share_done())
        ),
    }
}

fn percent(share: f64) -> u32 {
    (share * 100.0).round() as u32
}

/// The overview: document, counts, sections with their progress, goals with due dates.
pub fn summary(reg: &Registry, ix: &Index, lang: Lang, today: NaiveDate) -> String {
    let mut out = String::new();
    let d = &reg.document;
    let _ = writeln!(out, "{}", d.title);
    let date = d.date.map(|x| x.to_string()).unwrap_or_default();
    let _ = writeln!(out, "{}  {}  {}", d.issuer, d.number, date);
    let all = Rollup::of(reg, 0..reg.tasks.len());
    let _ = writeln!(out, "{}", counts_line(&all, lang));
    let _ = writeln!(out);

    let _ = writeln!(out, "{}", lang.pick("章节", "Sections"));
    let title_cols = reg
        .sections
        .iter()
        .map(|s| width(&s.title))
        .max()
        .unwrap_or(0)
        .min(40);
    for (i, s) in reg.sections.iter().enumerate() {
        let r = ix.section_rollup(reg, i);
        let _ = writeln!(
            out,
            "  ({}) {}  {}  {}",
            s.numeral,
            fit(&s.title, title_cols),
            fit_right(&format!("{}/{}", r.done(), r.total()), 5),
            bar(r.share_done(), 10)
        );
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "{}", lang.pick("目标", "Goals"));
    for (i, g) in reg.goals.iter().enumerate() {
        let r = ix.goal_rollup(reg, i);
        let due = match g.due {
            Some(due) if due < today && g.status != Status::Done => {
                format!("{due} {}", lang.pick("已逾期", "past due"))
            }
            Some(due) => due.to_string(),
            None => lang.pick("无期限", "no due date").to_string(),
        };
        let horizon = g.horizon.as_deref().unwrap_or("-");
        let status = match lang {
            Lang::Zh => g.status.zh(),
            Lang::En => g.status.en(),
        };
        let _ = writeln!(
            out,
            "  {horizon}  {due}  {status}  {}{}  {}/{} {}",
            reg.sections.len().min(ix.goal_sections(i).len()),
            lang.pick("个章节", " sections"),
            r.done(),
            r.total(),
            lang.pick("项完成", "tasks done")
        );
    }
    out
}

/// A text progress bar of `cols` cells.
pub fn bar(share: f64, cols: usize) -> String {
    let filled = ((share.clamp(0.0, 1.0) * cols as f64).round() as usize).min(cols);
    format!(
        "{}{} {:>3}%",
        "█".repeat(filled),
        "░".repeat(cols - filled),
        percent(share)
    )
}
