//! The problem list screen: one row per task that needs attention — its warning
//! level as a word and a colour, number, headline, lead unit and why — grouped by
//! lead unit, and under the list the selected task's due date and latest note.

use super::Ui;
use crate::registry::Status;
use crate::report::problems::{Level, Ranked};
use crate::report::words::words;
use crate::text::width;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// The colour a level is drawn in: red like 受阻, yellow like 滞后, blue like the
/// calm statuses; the level's word is always beside it, so no colour is needed to
/// read it.
pub fn level_style(ui: &Ui, level: Level) -> Style {
    match level {
        Level::Red => ui.theme.status(Status::Blocked),
        Level::Yellow => ui.theme.status(Status::Delayed),
        Level::Blue => ui.theme.accent,
    }
}

/// "问题清单 28 项：红色预警 26、黄色预警 2" — the Overview's line and the list's title.
pub fn headline(ui: &Ui, rows: &[Ranked]) -> String {
    let w = words(ui.app.lang);
    let counts = crate::report::problems::level_counts(rows);
    w.problems_heading(rows.len(), &counts)
}

pub fn draw(f: &mut Frame, ui: &Ui, area: Rect, sel: usize) {
    let app = ui.app;
    let w = words(app.lang);
    let rows = app.problem_rows();
    let [list_area, note_area] = crate::tui::layout::problems(area);
    let block = ui.block(&headline(ui, &rows), true);
    let inner = block.inner(list_area);
    f.render_widget(block, list_area);
    let (h, cols) = (inner.height as usize, inner.width as usize);
    if h == 0 || cols < 12 {
        return;
    }
    if rows.is_empty() {
        let none = ui.w().problems.nothing_needs_attention;
        f.render_widget(Paragraph::new(ui.cell(none, cols, ui.theme.dim)), inner);
    } else {
        let sel = sel.min(rows.len() - 1);
        // Stateless scrolling: the selection is always on the screen.
        let off = (sel + 1).saturating_sub(h);
        let marker = if ui.app.ascii { "> " } else { "▸ " };
        let row_w = cols - 2;
        let unit_w = (row_w / 6).clamp(8, 16);
        let title_w = (row_w / 3).max(8);
        let nw = app.ix.number_width();
        let lines: Vec<Line> = rows
            .iter()
            .enumerate()
            .skip(off)
            .take(h)
            .map(|(i, p)| {
                let t = &app.reg.tasks[p.task];
                let lead = t.lead.first().map(|id| app.reg.name_of(id)).unwrap_or("");
                let tag = format!("[{}]", w.level_short(p.level));
                let tag_w = width(&tag) + 1;
                let used = tag_w + nw + 1 + title_w + 1 + unit_w + 1;
                let mut spans = vec![
                    Span::raw(if i == sel { marker } else { "  " }),
                    ui.cell(&tag, tag_w, level_style(ui, p.level)),
                    ui.cell(&format!("{:>nw$} ", t.number), nw + 1, ui.theme.dim),
                    ui.cell(&t.title, title_w, ui.theme.base),
                    Span::raw(" "),
                    ui.cell(lead, unit_w, ui.theme.dim),
                    Span::raw(" "),
                ];
                // Assessed again for the rows on screen only: the list keeps levels.
                let reasons = app.problem(p).map(|q| w.reasons(&q.reasons));
                let reasons = reasons.unwrap_or_default();
                spans.push(ui.cell(
                    &reasons,
                    row_w.saturating_sub(used),
                    level_style(ui, p.level),
                ));
                let line = Line::from(super::fit_spans(ui, spans, cols));
                if i == sel {
                    super::select(line, ui.theme.selected)
                } else {
                    line
                }
            })
            .collect();
        f.render_widget(Paragraph::new(lines), inner);
    }

    // The selected task: where it stands and what was last heard of it.
    let block = ui.block(ui.w().problems.latest, false);
    let inner = block.inner(note_area);
    f.render_widget(block, note_area);
    let cols = inner.width as usize;
    let row = rows.get(sel.min(rows.len().saturating_sub(1)));
    let Some(p) = row.and_then(|r| app.problem(r)) else {
        return;
    };
    let t = &app.reg.tasks[p.task];
    let due = p
        .due
        .map(|d| format!("{} {}", ui.w().problems.due, w.due(d.date, d.inherited())))
        .unwrap_or_else(|| ui.w().problems.no_due_date.to_string());
    let lead = crate::report::ledger::names(&app.reg, &t.lead, w);
    let first = format!(
        "{} {}  {}  {}  {}  {}%",
        w.task_no(t.number),
        w.level(p.level),
        lead,
        due,
        w.status(t.status),
        t.progress
    );
    let note = match crate::report::ledger::latest_note(t) {
        Some(h) => crate::report::ledger::note_line(h, w),
        None => ui.w().problems.no_progress_reported_yet.to_string(),
    };
    let lines = vec![
        Line::from(ui.cell(&first, cols, level_style(ui, p.level))),
        Line::from(ui.cell(&note, cols, ui.theme.base)),
    ];
    f.render_widget(Paragraph::new(lines), inner);
}
