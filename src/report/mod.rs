//! Reports: the plain-text summary (here), the problem list, the 台账 (xlsx, csv),
//! the 通报 (docx, md) and the filtered registry (json). Every function takes the
//! date as a parameter; nothing here reads the clock or knows about terminals.

pub mod bulletin;
pub mod command;
pub mod csv;
pub mod docx;
pub mod filter;
pub mod ledger;
pub mod log;
pub mod markdown;
pub mod messages;
pub mod problems;
mod tasks;
pub mod words;
pub mod xlsx;

pub use filter::{Filter, FilterArgs, UnknownValue};
pub use problems::{Level, Problem, Reason, Thresholds};
pub use tasks::task_list;

use crate::lang::Lang;
use crate::registry::{Index, Registry, Rollup, Status};
use crate::text::{fit, fit_right, truncate, width};
use chrono::NaiveDate;
use std::fmt::Write;
use words::words;

/// A report's file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// 台账 workbook (five sheets)
    Xlsx,
    /// 台账 as CSV (UTF-8 with BOM)
    Csv,
    /// 通报 as a Word document
    Docx,
    /// 通报 as Markdown
    Md,
    /// The filtered registry (a valid registry file)
    Json,
}

impl Format {
    /// Binary formats are never written to a terminal.
    pub fn is_binary(self) -> bool {
        matches!(self, Format::Xlsx | Format::Docx)
    }
}

/// The report of `tasks` (positions in registry order, already filtered) as bytes.
pub fn render(
    reg: &Registry,
    ix: &Index,
    tasks: &[usize],
    format: Format,
    lang: Lang,
    today: NaiveDate,
    th: &Thresholds,
) -> std::io::Result<Vec<u8>> {
    let w = words(lang);
    Ok(match format {
        Format::Csv => csv::render(&ledger::rows(reg, ix, tasks, w), w),
        Format::Md => {
            markdown::render(&bulletin::build(reg, ix, tasks, today, th, w), w).into_bytes()
        }
        Format::Docx => docx::render(&bulletin::build(reg, ix, tasks, today, th, w), w)?,
        Format::Xlsx => {
            let rows = ledger::rows(reg, ix, tasks, w);
            let problems = problems::problems(reg, ix, tasks, today, th);
            xlsx::render(&xlsx::Input {
                reg,
                ix,
                tasks,
                rows: &rows,
                problems: &problems,
                words: w,
            })?
        }
        Format::Json => crate::store::to_json(&filtered(reg, tasks)).into_bytes(),
    })
}

/// The registry with only `tasks` kept; everything they refer to stays, so the
/// result is a valid registry file.
pub fn filtered(reg: &Registry, tasks: &[usize]) -> Registry {
    let mut out = Registry {
        tasks: Vec::new(),
        ..reg.clone()
    };
    out.tasks = tasks.iter().map(|&i| reg.tasks[i].clone()).collect();
    out
}

/// Whether a plan is written in Chinese: its title has a CJK ideograph.
pub fn is_chinese(reg: &Registry) -> bool {
    reg.document
        .title
        .chars()
        .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// Counts by status, e.g. "28 tasks: 3 done, 5 in progress, …".
pub fn counts_line(r: &Rollup, lang: Lang) -> String {
    let counts: Vec<(Status, usize)> = Status::ALL.iter().map(|&s| (s, r.count(s))).collect();
    words(lang).counts(r.total(), &counts, percent(r.share_done()))
}

fn percent(share: f64) -> u32 {
    (share * 100.0).round() as u32
}

/// The overview (document, counts, sections with their progress, goals with due
/// dates, the safeguard measures), then the problem list by lead unit; every line at most 80 columns.
pub fn summary(
    reg: &Registry,
    ix: &Index,
    lang: Lang,
    today: NaiveDate,
    th: &Thresholds,
) -> String {
    let w = words(lang);
    let mut out = String::new();
    let d = &reg.document;
    let _ = writeln!(out, "{}", truncate(&d.title, 80));
    let date = d.date.map(|x| x.to_string()).unwrap_or_default();
    let _ = writeln!(out, "{}  {}  {}", d.issuer, d.number, date);
    let all = Rollup::of(reg, 0..reg.tasks.len());
    let _ = writeln!(out, "{}", counts_line(&all, lang));
    let _ = writeln!(out);

    let _ = writeln!(out, "{}", w.sections);
    let title_cols = reg
        .sections
        .iter()
        .map(|s| width(&s.title))
        .max()
        .unwrap_or(0)
        .min(40);
    for (i, s) in reg.sections.iter().enumerate() {
        let r = ix.section_rollup(i);
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
    let _ = writeln!(out, "{}", w.goals);
    for (i, g) in reg.goals.iter().enumerate() {
        let r = ix.goal_rollup(i);
        let due = match g.due {
            Some(due) if due < today && g.status != Status::Done => {
                format!("{due} {}", w.past_due)
            }
            Some(due) => due.to_string(),
            None => w.no_due.to_string(),
        };
        let horizon = g.horizon.as_deref().unwrap_or("-");
        let _ = writeln!(
            out,
            "  {horizon}  {due}  {}  {}  {}",
            w.status(g.status),
            w.n_sections(reg.sections.len().min(ix.goal_sections(i).len())),
            w.done_of(r.done(), r.total()),
        );
        // A status set by hand that its tasks contradict is said under it.
        if let Some(d) = crate::registry::goal_disagreement(g.status, &r) {
            let line = format!("    ⚠ {}", crate::words::goal_disagreement(lang, &d));
            let _ = writeln!(out, "{}", truncate(&line, 80));
        }
    }
    let _ = writeln!(out);
    // The safeguards (保障措施): what the plan promises beyond its tasks.
    if !reg.measures.is_empty() {
        let _ = writeln!(out, "{}", w.measures);
        for m in &reg.measures {
            let text: String = m.text.split_whitespace().collect::<Vec<_>>().join(" ");
            let line = format!("  ({}) {}  {text}", m.numeral, m.title);
            let _ = writeln!(out, "{}", truncate(&line, 80));
        }
        let _ = writeln!(out);
    }
    problem_lines(&mut out, reg, ix, today, th, w);
    out
}

/// The problem list for a terminal: one heading line per lead unit, one line per task
/// (level, number, title, status and reasons) and its latest note under it.
fn problem_lines(
    out: &mut String,
    reg: &Registry,
    ix: &Index,
    today: NaiveDate,
    th: &Thresholds,
    w: &words::Words,
) {
    const COLS: usize = 80;
    let all: Vec<usize> = (0..reg.tasks.len()).collect();
    let ps = problems::problems(reg, ix, &all, today, th);
    let _ = writeln!(
        out,
        "{}",
        truncate(
            &w.problems_heading(ps.len(), &problems::level_counts(&ps)),
            COLS
        )
    );
    if ps.is_empty() {
        let _ = writeln!(out, "  {}", w.no_problems);
        return;
    }
    for (unit, group) in problems::by_lead_unit(reg, &ps) {
        let _ = writeln!(out, "{}", truncate(&w.unit_head(unit, group.len()), COLS));
        for p in group {
            let t = &reg.tasks[p.task];
            let lead_in = format!(
                "  {} {} ",
                fit(&format!("[{}]", w.level_short(p.level)), 4),
                fit_right(&t.number.to_string(), 3)
            );
            let mut what = vec![w.status(t.status).to_string()];
            what.extend(
                p.reasons
                    .iter()
                    .filter(|r| !matches!(r, Reason::Delayed | Reason::Blocked))
                    .map(|&r| w.reason(r)),
            );
            let rest = COLS - width(&lead_in);
            let title = fit(&t.title, 30.min(rest / 2));
            let line = format!("{lead_in}{title}  {}", what.join(w.list_sep()));
            let _ = writeln!(out, "{}", truncate(&line, COLS));
            if let Some(h) = ledger::latest_note(t) {
                let note = ledger::note_line(h, w).replace(['\n', '\r'], " ");
                let pad = " ".repeat(width(&lead_in));
                let _ = writeln!(out, "{}", truncate(&format!("{pad}{note}"), COLS));
            }
        }
    }
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
