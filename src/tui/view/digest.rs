//! What the Overview shows in the rows a tall screen leaves under the sections:
//! the tasks that most need attention, the latest updates, and the plan's
//! safeguard measures (保障措施), each in its own box — what a leader reads first.

use super::Ui;
use super::problems::level_style;
use crate::report::words::words;
use crate::text::{width, wrap};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Rows the digest needs at least to be worth drawing.
pub const MIN_ROWS: u16 = 8;

pub fn draw(f: &mut Frame, ui: &Ui, area: Rect) {
    let boxes: Vec<fn(&mut Frame, &Ui, Rect)> = if ui.app.reg.measures.is_empty() {
        vec![attention, recent]
    } else {
        vec![attention, recent, measures]
    };
    let n = boxes.len() as u32;
    let areas = if area.width >= super::WIDE {
        Layout::horizontal((0..n).map(|_| Constraint::Ratio(1, n))).split(area)
    } else {
        Layout::vertical((0..n).map(|_| Constraint::Ratio(1, n))).split(area)
    };
    for (draw, a) in boxes.iter().zip(areas.iter()) {
        draw(f, ui, *a);
    }
}

/// A box titled `title` with `lines` in it (cut to its height).
fn boxed(f: &mut Frame, ui: &Ui, area: Rect, title: &str, lines: Vec<Line<'static>>) {
    let block = ui.block(title, false);
    let inner = block.inner(area);
    f.render_widget(block, area);
    let lines: Vec<Line> = lines.into_iter().take(inner.height as usize).collect();
    f.render_widget(Paragraph::new(lines), inner);
}

/// The first rows of the problem list: level, number, headline, why.
fn attention(f: &mut Frame, ui: &Ui, area: Rect) {
    let app = ui.app;
    let w = words(app.lang);
    let cols = area.width.saturating_sub(2) as usize;
    let rows = app.problem_rows();
    let nw = app.ix.number_width();
    let reasons = |p| {
        let q = app.problem(p);
        q.map(|q| w.reasons(&q.reasons)).unwrap_or_default()
    };
    let lines = if rows.is_empty() {
        vec![Line::from(ui.cell(
            ui.w().lists.nothing_needs_attention,
            cols,
            ui.theme.dim,
        ))]
    } else {
        // The box shows a screenful at most: only those are assessed and laid out
        // (all 100 000 of a generated plan were, on every frame).
        rows.iter()
            .take(area.height as usize)
            .map(|p| {
                let t = &app.reg.tasks[p.task];
                let tag = format!("[{}]", w.level_short(p.level));
                let head = format!("{tag} {:>nw$} ", t.number);
                let rest = cols.saturating_sub(width(&head));
                let title_w = (width(&t.title) + 1).min(rest * 3 / 5);
                Line::from(vec![
                    ui.cell(&head, width(&head).min(cols), level_style(ui, p.level)),
                    ui.cell(&t.title, title_w.saturating_sub(1), ui.theme.base),
                    Span::raw(if title_w > 0 { " " } else { "" }),
                    ui.cell(&reasons(p), rest - title_w, ui.theme.dim),
                ])
            })
            .collect()
    };
    // The problem list's own headline: what it is and how many, by level.
    let title = super::problems::headline(ui, &rows);
    boxed(f, ui, area, &title, lines);
}

/// The `k` newest history entries of all tasks, newest first (on the same time,
/// in task and history order), with their task: a heap of `k`, not every entry of
/// every task collected and sorted on each frame.
fn newest(
    tasks: &[crate::registry::Task],
    k: usize,
) -> Vec<(usize, &crate::registry::HistoryEntry)> {
    use std::cmp::Reverse;
    let mut heap = std::collections::BinaryHeap::with_capacity(k + 1);
    for (i, t) in tasks.iter().enumerate() {
        for (j, h) in t.history.iter().enumerate() {
            heap.push((Reverse(h.at), i, j));
            if heap.len() > k {
                heap.pop();
            }
        }
    }
    heap.into_sorted_vec()
        .into_iter()
        .map(|(_, i, j)| (i, &tasks[i].history[j]))
        .collect()
}

/// The newest history entries of all tasks: date, who, task, what.
fn recent(f: &mut Frame, ui: &Ui, area: Rect) {
    let app = ui.app;
    let cols = area.width.saturating_sub(2) as usize;
    let nw = app.ix.number_width();
    let entries = newest(&app.reg.tasks, area.height as usize);
    let lines: Vec<Line> = if entries.is_empty() {
        vec![Line::from(ui.cell(
            ui.w().lists.no_updates,
            cols,
            ui.theme.dim,
        ))]
    } else {
        entries
            .iter()
            .take(area.height as usize)
            .map(|&(i, h)| {
                let t = &app.reg.tasks[i];
                // A note says itself; a change says field and new value in the
                // reader's words, as the task's history does.
                let field = match h.field.as_str() {
                    "status" => ui.w().detail.status,
                    "progress" => ui.w().detail.progress,
                    "due" => ui.w().detail.due,
                    "note" => ui.w().detail.note,
                    other => other,
                };
                let what = match (&h.note, &h.to) {
                    (Some(n), _) if !n.trim().is_empty() => n.clone(),
                    (_, Some(to)) => format!("{field} → {}", super::detail::shown(ui, to)),
                    _ => field.to_string(),
                };
                // Who as the people list names them: 王丽（市水务局）.
                let by = crate::words::person(app.lang, &app.reg, &h.by);
                let head = format!("{} {by} {:>nw$} ", h.at.format("%m-%d"), t.number);
                let head_w = width(&head).min(cols);
                Line::from(vec![
                    ui.cell(&head, head_w, ui.theme.dim),
                    ui.cell(
                        &what.split_whitespace().collect::<Vec<_>>().join(" "),
                        cols - head_w,
                        ui.theme.base,
                    ),
                ])
            })
            .collect()
    };
    // The activity view has them all: say its key.
    let key = ui.key(
        crate::tui::keys::Context::Normal,
        crate::tui::app::Command::Activity,
    );
    let title = format!("{} ({key})", ui.w().lists.recent_updates);
    boxed(f, ui, area, &title, lines);
}

/// The safeguard measures: numeral and title, then the text wrapped.
fn measures(f: &mut Frame, ui: &Ui, area: Rect) {
    let app = ui.app;
    let cols = area.width.saturating_sub(2) as usize;
    let mut lines: Vec<Line> = Vec::new();
    for m in &app.reg.measures {
        lines.push(Line::from(ui.cell(
            &format!("({}) {}", m.numeral, m.title),
            cols,
            ui.theme.title,
        )));
        for l in wrap(&ui.t(&m.text), cols) {
            lines.push(Line::from(Span::styled(l, ui.theme.base)));
        }
    }
    // Cut to the box here: the measures view has them whole.
    let key = ui.key(
        crate::tui::keys::Context::Normal,
        crate::tui::app::Command::Measures,
    );
    let title = format!("{} ({key})", ui.w().lists.measures);
    boxed(f, ui, area, &title, lines);
}

#[cfg(test)]
mod tests {
    use super::newest;
    use crate::registry::{HistoryEntry, Registry};

    #[test]
    fn the_newest_entries_are_those_a_full_sort_puts_first() {
        let mut reg: Registry = serde_json::from_str(crate::store::BUNDLED).unwrap();
        // Times that repeat across tasks, so ties are decided by task and entry order.
        let at = |m: u32| {
            chrono::DateTime::parse_from_rfc3339(&format!("2026-11-28T10:{m:02}:00+08:00")).unwrap()
        };
        for (i, t) in reg.tasks.iter_mut().enumerate() {
            for j in 0..(i % 4) {
                t.history.push(HistoryEntry {
                    at: at(((i * 7 + j * 3) % 5) as u32),
                    by: format!("u{i}-{j}"),
                    field: "note".into(),
                    from: None,
                    to: None,
                    note: Some("n".into()),
                    source: None,
                    undo: false,
                });
            }
        }
        let mut all: Vec<(usize, &HistoryEntry)> = reg
            .tasks
            .iter()
            .enumerate()
            .flat_map(|(i, t)| t.history.iter().map(move |h| (i, h)))
            .collect();
        all.sort_by_key(|e| std::cmp::Reverse(e.1.at));
        for k in [0, 1, 5, 12, all.len(), all.len() + 3] {
            let got: Vec<_> = newest(&reg.tasks, k)
                .iter()
                .map(|(i, h)| (*i, &h.by))
                .collect();
            let want: Vec<_> = all.iter().take(k).map(|(i, h)| (*i, &h.by)).collect();
            assert_eq!(got, want, "k = {k}");
        }
    }
}
