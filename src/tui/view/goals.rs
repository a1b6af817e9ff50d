//! A goal's panel: due date (past due stands out), status, roll-up, and each
//! target with the sections that serve it.

use super::Ui;
use crate::registry::Status;
use crate::text::width;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// "已逾期 333 天" / "past due by 333 days", or "还有 9 年" / "due in 9 years".
pub fn due_note(ui: &Ui, due: chrono::NaiveDate, status: Status) -> (String, bool) {
    let days = (due - ui.app.today()).num_days();
    if status == Status::Done {
        return (ui.w().goals.all_done.into(), false);
    }
    let lang = ui.app.lang;
    if days < 0 {
        (crate::words::screen::goals::past_due_by(lang, -days), true)
    } else if days > 730 {
        (
            crate::words::screen::goals::due_in_years(lang, days / 365),
            false,
        )
    } else {
        (crate::words::screen::goals::due_in_days(lang, days), false)
    }
}

/// A goal's panel: its document from the line the state scrolled to, with the
/// lines shown of how many in the title when it does not fit.
pub fn panel(f: &mut Frame, ui: &Ui, area: Rect, g: usize) {
    let app = ui.app;
    let w = area.width.saturating_sub(2) as usize;
    let h = area.height.saturating_sub(2) as usize;
    let lines = if w < 4 {
        Vec::new()
    } else {
        document(ui, g, w)
    };
    let max = lines.len().saturating_sub(h);
    let scroll = app.scroll.goal.min(max);
    let mut title = app.link_name(crate::tui::app::Link::Goal(g));
    if max > 0 {
        // Where the reader is, and the keys that scroll (the text goes on).
        use crate::tui::app::Command;
        use crate::tui::keys::Context;
        let last = (scroll + h).min(lines.len());
        title.push_str(&format!(
            " {}-{last}/{} {} {}",
            scroll + 1,
            lines.len(),
            ui.key(Context::Normal, Command::PageUp),
            ui.key(Context::Normal, Command::PageDown)
        ));
    }
    let block = ui.block(&title, false);
    let inner = block.inner(area);
    f.render_widget(block, area);
    if w < 4 || inner.height == 0 {
        return;
    }
    let shown: Vec<Line> = lines.into_iter().skip(scroll).take(h).collect();
    f.render_widget(Paragraph::new(shown), inner);
}

/// Lines of a goal's document at `w` columns (what the layout makes room for and
/// the state scrolls by).
pub fn document_len(app: &crate::tui::app::App, g: usize, w: usize) -> usize {
    let theme = crate::tui::theme::Theme::dark();
    let ui = Ui { app, theme: &theme };
    if w < 4 {
        return 0;
    }
    document(&ui, g, w).len()
}

/// A goal as a document `w` columns wide: status, due date and roll-up; its last
/// change; every target in full with the sections that serve it; its history.
fn document(ui: &Ui, g: usize, w: usize) -> Vec<Line<'static>> {
    let app = ui.app;
    let goal = &app.reg.goals[g];
    let r = app.ix.goal_rollup(g);
    let mut head = vec![
        ui.status_cell(goal.status, ui.status_cols()),
        Span::raw(" "),
    ];
    if let Some(due) = goal.due {
        // The status cell before it already says 已完成.
        let (note, late) = match goal.status {
            Status::Done => (String::new(), false),
            s => due_note(ui, due, s),
        };
        let style = if late { ui.theme.warn } else { ui.theme.dim };
        let text = format!("{} {due} {note}", ui.w().goals.due);
        head.push(Span::styled(ui.t(&format!("{}  ", text.trim_end())), style));
    }
    head.push(Span::styled(
        format!("{} {}/{}", ui.w().goals.done, r.done(), r.total()),
        ui.theme.dim,
    ));
    let used: usize = head.iter().map(|s| width(&s.content)).sum();
    let mut lines = vec![if used > w {
        Line::from(ui.cell(&line_text(&head), w, ui.theme.base))
    } else {
        Line::from(head)
    }];
    // A status set by hand that the tasks contradict is said at once, in full.
    if let Some(why) = app.goal_warning(&crate::registry::EditTarget::Goal(goal.id.clone())) {
        for l in crate::text::wrap(&ui.t(&format!("⚠ {why}")), w.max(1)) {
            lines.push(Line::from(ui.cell(&l, w, ui.theme.warn)));
        }
    }
    // The goal's last change, so a status or note set on a goal is seen.
    if let (Some(at), Some(last)) = (goal.updated_at, goal.history.last()) {
        let when = super::detail::relative(app.now, at, app.lang);
        let by = goal
            .updated_by
            .as_deref()
            .map_or("?".into(), |b| crate::words::person(app.lang, &app.reg, b));
        // The change as the history says it (状态 未启动 → 已完成), never the field's key.
        let what = last.note.clone().unwrap_or_else(|| {
            use crate::words::edits::{field, value};
            format!(
                "{} {} → {}",
                field(app.lang, &last.field),
                value(app.lang, last.from.as_ref()),
                value(app.lang, last.to.as_ref())
            )
        });
        let text = format!("{} {by} · {when} · {what}", ui.w().goals.updated);
        lines.push(Line::from(ui.cell(&text, w, ui.theme.dim)));
    }
    for t in &goal.targets {
        let secs: String = t
            .sections
            .iter()
            .filter_map(|id| app.ix.section(id))
            .map(|s| format!("({})", app.reg.sections[s].numeral))
            .collect();
        // The whole clause, wrapped; the sections at the end of its last line when
        // they fit, else on a line of their own.
        let text_w = w.saturating_sub(2).max(1);
        let mut wrapped = crate::text::wrap(&ui.t(&t.text), text_w);
        if wrapped.is_empty() {
            wrapped.push(String::new());
        }
        let n = wrapped.len();
        for (k, l) in wrapped.into_iter().enumerate() {
            let lead = if k == 0 { "- " } else { "  " };
            let mut spans = vec![Span::raw(lead), Span::styled(l.clone(), ui.theme.base)];
            if k + 1 == n && !secs.is_empty() {
                let secs_w = width(&secs);
                if width(&l) + 1 + secs_w <= text_w {
                    // Right-aligned, as a column.
                    spans[1] = ui.cell(&l, text_w - secs_w - 1, ui.theme.base);
                    spans.push(Span::raw(" "));
                    spans.push(Span::styled(secs.clone(), ui.theme.accent));
                    lines.push(Line::from(spans));
                } else {
                    lines.push(Line::from(spans));
                    lines.push(Line::from(vec![
                        Span::raw("  "),
                        ui.cell(&secs, text_w, ui.theme.accent),
                    ]));
                }
                continue;
            }
            lines.push(Line::from(spans));
        }
    }
    lines.push(Line::raw(""));
    lines.extend(super::detail::history(ui, &goal.history, w, usize::MAX));
    lines
}

fn line_text(spans: &[Span]) -> String {
    spans.iter().map(|s| s.content.as_ref()).collect()
}
