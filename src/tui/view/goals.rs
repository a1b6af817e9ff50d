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

pub fn panel(f: &mut Frame, ui: &Ui, area: Rect, g: usize) {
    let app = ui.app;
    let goal = &app.reg.goals[g];
    let block = ui.block(&app.link_name(crate::tui::app::Link::Goal(g)), false);
    let inner = block.inner(area);
    f.render_widget(block, area);
    let w = inner.width as usize;
    if w < 4 || inner.height == 0 {
        return;
    }
    let r = app.ix.goal_rollup(&app.reg, g);
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
    // The goal's last change, so a status or note set on a goal is seen.
    if let (Some(at), Some(last)) = (goal.updated_at, goal.history.last()) {
        let when = super::detail::relative(app.now, at, app.lang);
        let by = goal.updated_by.as_deref().unwrap_or("?");
        let what = last.note.clone().unwrap_or_else(|| last.field.clone());
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
        let secs_w = width(&secs).min(w / 3);
        let text_w = w.saturating_sub(secs_w + 3);
        lines.push(Line::from(vec![
            Span::raw("- "),
            ui.cell(&t.text, text_w, ui.theme.base),
            Span::raw(" "),
            ui.cell(&secs, secs_w, ui.theme.accent),
        ]));
    }
    f.render_widget(Paragraph::new(lines), inner);
}

fn line_text(spans: &[Span]) -> String {
    spans.iter().map(|s| s.content.as_ref()).collect()
}

/// Lines of a goal's panel at `w` columns (what the layout makes room for).
pub fn document_len(app: &crate::tui::app::App, g: usize, _w: usize) -> usize {
    let goal = &app.reg.goals[g];
    goal.targets.len() + 1 + usize::from(goal.updated_at.is_some())
}
