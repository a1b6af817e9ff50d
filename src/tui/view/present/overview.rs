//! The overview slide: counts by status in big digits, a bar per section.

use super::*;

/// Pages the overview's bars take (more than one only on a very small screen).
pub(super) fn pages(ui: &Ui, body: Rect) -> usize {
    let items = items(ui);
    let (_, _, bars) = plan(ui, body, items.len());
    bars_pages(items.len(), bars)
}

/// The bars: all tasks, then each section.
fn items(ui: &Ui) -> Vec<Item> {
    let app = ui.app;
    let reg = &app.reg;
    let all = app.ix.all_rollup();
    let mut items = vec![Item {
        label: ui.w().present.all_tasks.into(),
        style: ui.theme.title,
        r: all,
    }];
    items.extend(reg.sections.iter().enumerate().map(|(i, s)| Item {
        label: format!("({}) {}", s.numeral, s.title),
        style: ui.theme.base,
        r: app.ix.section_rollup(i),
    }));
    items
}

/// The big digits' scale, their top row and the bars' area.
fn plan(ui: &Ui, body: Rect, n: usize) -> (Option<(usize, usize)>, u16, Rect) {
    let all = ui.app.ix.all_rollup();
    let (bw, bh) = (body.width as usize, body.height as usize);

    // The big digits take at most 45 % of the height, and leave a row per bar.
    let col_w = bw / ORDER.len();
    let texts: Vec<String> = ORDER.iter().map(|&s| all.count(s).to_string()).collect();
    let chars = texts.iter().map(|t| t.chars().count()).max().unwrap_or(1);
    let budget = (bh * 45 / 100).min(bh.saturating_sub(n + 3));
    let scale = big::scale(chars, col_w.saturating_sub(2), budget);
    let head_h = match scale {
        Some((_, py)) => 5 * py + 1 + usize::from(py >= 2),
        None => 1,
    };
    let rest = bh.saturating_sub(head_h + 1);
    let (_, g) = spacing(n.min(rest.max(1)), rest);
    let bars_h = bars_height(n, rest);
    let gap = (g.max(1)).min(bh.saturating_sub(head_h + bars_h));
    let top = (bh.saturating_sub(head_h + gap + bars_h) / 2) as u16;
    let y0 = body.y + top;
    let bars = Rect {
        y: y0 + (head_h + gap) as u16,
        height: bars_h as u16,
        ..body
    };
    (scale, y0, bars)
}

/// Counts by status in big digits, then one bar for all tasks and one per
/// section (page `pg` of them).
pub(super) fn overview(ui: &Ui, buf: &mut Buffer, body: Rect, pg: usize) {
    let all = ui.app.ix.all_rollup();
    let items = items(ui);
    let bw = body.width as usize;
    let col_w = bw / ORDER.len();
    let texts: Vec<String> = ORDER.iter().map(|&s| all.count(s).to_string()).collect();
    let (scale, y0, bars) = plan(ui, body, items.len());

    match scale {
        Some((px, py)) => {
            let left = body.x + ((bw - col_w * ORDER.len()) / 2) as u16;
            for (k, (&s, text)) in ORDER.iter().zip(&texts).enumerate() {
                let x = left + (k * col_w) as u16;
                let style = big_style(ui.theme.status(s));
                let (dw, dh) = big::size(text.chars().count(), px, py);
                big::draw(
                    ui,
                    buf,
                    x + ((col_w - dw) / 2) as u16,
                    y0,
                    text,
                    (px, py),
                    style,
                );
                let label = format!("{} {}", symbol(s), ui.status_name(s));
                let label = truncate(&ui.t(&label), col_w);
                let lx = x + ((col_w - width(&label)) / 2) as u16;
                let ly = y0 + (dh + usize::from(py >= 2)) as u16;
                put(buf, lx, ly, vec![cell(ui, &label, width(&label), style)]);
            }
        }
        None => put(buf, body.x, y0, fit_spans(ui, status_counts(ui, &all), bw)),
    }
    bar_chart(ui, buf, bars, &items, pg);
}
