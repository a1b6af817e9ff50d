//! The overview: the document, today's date, counts by status, one gauge per
//! section (selectable: Enter opens the section), and the goals with due dates;
//! on a tall screen the digest (digest.rs) under the sections.

use super::goals::due_note;
use super::{Ui, list};
use crate::registry::Status;
use crate::text::width;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn draw(f: &mut Frame, ui: &Ui, area: Rect) {
    let app = ui.app;
    let reg = &app.reg;
    let crate::tui::layout::Overview {
        head,
        sections,
        digest,
        goals,
    } = crate::tui::layout::overview(app, area);
    if let Some(d) = digest {
        super::digest::draw(f, ui, d);
    }

    let w = head.width as usize;
    let d = &reg.document;
    let all = app.ix.all_rollup();
    let date = d.date.map(|x| x.to_string()).unwrap_or_default();
    let meta = format!("{}  {}  {}", d.issuer, d.number, date);
    let today = format!("{} {}", ui.w().lists.today, app.today());
    let mut counts = vec![Span::styled(
        format!("{} {}  ", ui.w().lists.tasks_word, all.total()),
        ui.theme.title,
    )];
    for s in [
        Status::Done,
        Status::InProgress,
        Status::Delayed,
        Status::Blocked,
        Status::NotStarted,
    ] {
        let text = format!(
            "{} {} {}  ",
            crate::tui::theme::symbol(s),
            ui.status_name(s),
            all.count(s)
        );
        counts.push(Span::styled(ui.t(&text), ui.theme.status(s)));
    }
    // The last count needs no gap after it.
    if let Some(last) = counts.last_mut() {
        last.content = last.content.trim_end().to_string().into();
    }
    let used: usize = counts.iter().map(|s| width(&s.content)).sum();
    let counts_line = if used > w {
        let text: String = counts.iter().map(|s| s.content.as_ref()).collect();
        Line::from(ui.cell(&text, w, ui.theme.base))
    } else {
        Line::from(counts)
    };
    let meta_w = w.saturating_sub(width(&today) + 1);
    let lines = vec![
        Line::from(ui.cell(&d.title, w, ui.theme.title)),
        Line::from(vec![
            ui.cell(&meta, meta_w, ui.theme.dim),
            Span::raw(" "),
            Span::styled(today, ui.theme.dim),
        ]),
        counts_line,
        Line::from({
            let label = format!("{} ", ui.w().lists.done_overall);
            let lw = width(&label).min(w);
            vec![
                ui.cell(&label, lw, ui.theme.dim),
                ui.bar(all.share_done(), w.saturating_sub(lw).min(40)),
            ]
        }),
        problems_line(ui, w),
    ];
    f.render_widget(Paragraph::new(lines), head);

    let title = ui.w().lists.sections_enter_opens;
    list(
        f,
        ui,
        sections,
        super::Title {
            name: title,
            ..Default::default()
        },
        true,
        reg.sections.len(),
        app.sel(),
        app.scroll.entities,
        |i, cols| {
            let s = &reg.sections[i];
            let r = app.ix.section_rollup(i);
            let bar_w = (cols / 3).clamp(10, 30);
            let count = format!(" {:>2}/{:<2}", r.done(), r.total());
            let label_w = cols.saturating_sub(bar_w + width(&count) + 1);
            vec![
                ui.cell(
                    &format!(
                        "{}({}) {}",
                        super::entities::indent(&app.ix, i),
                        s.numeral,
                        s.title
                    ),
                    label_w,
                    ui.theme.base,
                ),
                Span::raw(" "),
                ui.bar(r.share_done(), bar_w),
                Span::styled(count, ui.theme.dim),
            ]
        },
    );

    let block = ui.block(ui.w().lists.goals, false);
    let inner = block.inner(goals);
    f.render_widget(block, goals);
    let w = inner.width as usize;
    let lines: Vec<Line> = reg
        .goals
        .iter()
        .enumerate()
        .map(|(i, g)| {
            let r = app.ix.goal_rollup(i);
            let name = app.link_name(crate::tui::app::Link::Goal(i));
            let mut spans = vec![ui.cell(&name, 12.min(w), ui.theme.title)];
            let mut used = 12.min(w);
            if let Some(due) = g.due {
                // A done goal's status follows on the line: no "已完成" twice.
                let (note, late) = match g.status {
                    crate::registry::Status::Done => (String::new(), false),
                    s => due_note(ui, due, s),
                };
                let text = format!("{} {due} {note} ", ui.w().lists.due);
                let style = if late { ui.theme.warn } else { ui.theme.dim };
                let tw = width(&text).min(w - used);
                spans.push(ui.cell(&text, tw, style));
                used += tw;
            }
            let rest = format!(
                "{}  {} {}/{}",
                ui.status_name(g.status),
                ui.w().lists.done,
                r.done(),
                r.total()
            );
            spans.push(ui.cell(&rest, w - used, ui.theme.status(g.status)));
            Line::from(spans)
        })
        .collect();
    f.render_widget(Paragraph::new(lines), inner);
}

/// How many problems there are, coloured by the worst, and the key that lists them.
fn problems_line(ui: &Ui, w: usize) -> Line<'static> {
    use crate::tui::app::Command;
    use crate::tui::keys::Context;
    let rows = ui.app.problem_rows();
    let text = format!(
        "{}  {} {}",
        super::problems::headline(ui, &rows),
        ui.key(Context::Normal, Command::Problems),
        ui.w().lists.lists_them
    );
    let style = match rows.iter().map(|p| p.level).max() {
        Some(level) => super::problems::level_style(ui, level),
        None => ui.theme.dim,
    };
    // The safeguards follow, with their key: at 80×24 the Overview has no room
    // to show them, and a leader should know they are there.
    let count = ui.app.reg.measures.len();
    let tw = width(&text);
    if count == 0 || tw + 3 >= w {
        return Line::from(ui.cell(&text, w, style));
    }
    let key = ui.key(Context::Normal, Command::Measures);
    let pointer = format!(
        "   {}",
        crate::words::screen::measures::overview_pointer(ui.app.lang, &key, count)
    );
    Line::from(vec![
        ui.cell(&text, tw, style),
        ui.cell(&pointer, w - tw, ui.theme.dim),
    ])
}
