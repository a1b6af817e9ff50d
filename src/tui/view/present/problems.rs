//! The problem list as a slide: how many tasks need attention by warning level in
//! big words, then the worst first — level, number, headline, lead unit, why —
//! grouped by lead unit like the printed list, continued on further pages when
//! they do not all fit.

use super::*;
use crate::report::words::words;
use crate::tui::view::problems::level_style;

/// Problems per page and rows each takes (a blank row between them when all fit
/// with it).
fn per_page(n: usize, bh: usize) -> (usize, usize) {
    let room = bh.saturating_sub(2);
    let per = 1 + usize::from(n * 2 <= room);
    ((room / per).min(n), per)
}

/// Pages the problem list takes.
pub(super) fn pages(ui: &Ui, body: Rect) -> usize {
    let n = ui.app.problem_rows().len();
    match per_page(n, body.height as usize).0 {
        0 => 1,
        shown => n.div_ceil(shown),
    }
}

/// Page `pg` of the problem list.
pub(super) fn problems(ui: &Ui, buf: &mut Buffer, body: Rect, pg: usize) {
    let app = ui.app;
    let w = words(app.lang);
    let rows = app.problem_rows();
    let (bw, bh) = (body.width as usize, body.height as usize);
    if rows.is_empty() {
        let text = ui.w().present.nothing_needs_attention;
        let y = body.y + (bh / 2) as u16;
        let tw = width(text).min(bw);
        let x = body.x + ((bw - tw) / 2) as u16;
        put(buf, x, y, vec![cell(ui, text, tw, ui.theme.title)]);
        return;
    }
    // The count of each level, side by side, each in its colour.
    let counts = crate::report::problems::level_counts(&rows);
    let mut head: Vec<Span<'static>> = Vec::new();
    for (i, (level, n)) in counts.iter().enumerate() {
        if i > 0 {
            head.push(Span::raw("    "));
        }
        let text = crate::words::screen::present::level_count(app.lang, w.level(*level), *n);
        head.push(Span::styled(
            ui.t(&text),
            level_style(ui, *level).add_modifier(Modifier::BOLD),
        ));
    }
    let head_w: usize = head
        .iter()
        .map(|s| width(&s.content))
        .sum::<usize>()
        .min(bw);
    // Rows: one per problem, with a blank row between them when there is room.
    let (shown, per) = per_page(rows.len(), bh);
    let total = 2 + shown * per;
    let mut y = body.y + (bh.saturating_sub(total) / 2) as u16;
    put(
        buf,
        body.x + ((bw - head_w) / 2) as u16,
        y,
        fit_spans(ui, head, head_w),
    );
    y += 2;
    let unit_w = (bw / 6).clamp(8, 20);
    let title_w = (bw * 2 / 5).max(10);
    let mut last_unit = "";
    let nw = app.ix.number_width();
    for p in rows.iter().skip(pg * shown).take(shown) {
        let t = &app.reg.tasks[p.task];
        let lead = t.lead.first().map(|id| app.reg.name_of(id)).unwrap_or("");
        // The unit is named on the first of its rows only, as on paper.
        let unit = if lead == last_unit { "" } else { lead };
        last_unit = lead;
        let tag = format!("[{}]", w.level_short(p.level));
        let tag_w = width(&tag) + 1;
        let used = unit_w + 1 + tag_w + nw + 1 + title_w + 1;
        let spans = vec![
            cell(ui, unit, unit_w, ui.theme.title),
            Span::raw(" "),
            cell(ui, &tag, tag_w, level_style(ui, p.level)),
            cell(ui, &format!("{:>nw$} ", t.number), nw + 1, ui.theme.dim),
            cell(ui, &t.title, title_w, ui.theme.base),
            Span::raw(" "),
            cell(
                ui,
                &app.problem(p)
                    .map(|q| w.reasons(&q.reasons))
                    .unwrap_or_default(),
                bw.saturating_sub(used),
                level_style(ui, p.level),
            ),
        ];
        put(buf, body.x, y, fit_spans(ui, spans, bw));
        y += per as u16;
    }
}
