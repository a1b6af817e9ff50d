//! Done/total by lead unit and by town, as bar charts.

use super::*;

/// Done of total by lead unit, for every unit that leads at least one task.
pub(super) fn units(ui: &Ui, buf: &mut Buffer, body: Rect, pg: usize) {
    bar_chart(ui, buf, body, &unit_items(ui), pg);
}

fn unit_items(ui: &Ui) -> Vec<Item> {
    let app = ui.app;
    let reg = &app.reg;
    let items: Vec<Item> = (0..reg.units.len())
        .filter(|&u| !app.ix.led_by(u).is_empty())
        .map(|u| Item {
            label: reg.units[u].name.clone(),
            style: ui.theme.base,
            r: Rollup::of(reg, app.ix.led_by(u)),
        })
        .collect();
    items
}

/// Done of total by town, shared (各镇(区)) tasks included.
pub(super) fn towns(ui: &Ui, buf: &mut Buffer, body: Rect, pg: usize) {
    bar_chart(ui, buf, body, &town_items(ui), pg);
}

fn town_items(ui: &Ui) -> Vec<Item> {
    let app = ui.app;
    let reg = &app.reg;
    let items: Vec<Item> = (0..reg.towns.len())
        .map(|t| Item {
            label: reg.towns[t].name.clone(),
            style: ui.theme.base,
            r: app.ix.town_rollup(t),
        })
        .collect();
    items
}

/// Pages the units' (`towns` false) or towns' bars take.
pub(super) fn pages(ui: &Ui, body: Rect, towns: bool) -> usize {
    let n = if towns {
        ui.app.reg.towns.len()
    } else {
        unit_items(ui).len()
    };
    bars_pages(n, body)
}

/// Pages `n` bars take in `area`.
pub(super) fn bars_pages(n: usize, area: Rect) -> usize {
    match layout(n, area.width as usize, area.height as usize).2 {
        0 => 1,
        cap => n.div_ceil(cap),
    }
}

/// Columns, bars per column and bars per page of `n` bars in `w`×`h`: one
/// column when they fit the height, else up to three side by side, else pages.
fn layout(n: usize, w: usize, h: usize) -> (usize, usize, usize) {
    const MIN_COL: usize = 44;
    let max_cols = ((w + COL_GAP) / (MIN_COL + COL_GAP)).clamp(1, 3);
    let mut cols = 1;
    while cols < max_cols && n.div_ceil(cols) > h {
        cols += 1;
    }
    if n <= cols * h {
        (cols, n.div_ceil(cols), n)
    } else {
        (cols, h, cols * h)
    }
}

/// One bar of a chart: a label, its style, and the tasks behind it.
pub(super) struct Item {
    pub(super) label: String,
    pub(super) style: Style,
    pub(super) r: Rollup,
}

/// Thickness of each bar and rows between bars, for `n` bars in `avail` rows:
/// the largest that fits, so bars grow thick and airy on a big screen.
pub(super) fn spacing(n: usize, avail: usize) -> (usize, usize) {
    if n == 0 {
        return (1, 0);
    }
    [(3, 3), (3, 2), (3, 1), (1, 1), (1, 0)]
        .into_iter()
        .find(|&(t, g)| n * t + (n - 1) * g <= avail)
        .unwrap_or((1, 0))
}

/// Rows `n` bars take in at most `avail` rows (one column).
pub(super) fn bars_height(n: usize, avail: usize) -> usize {
    let (t, g) = spacing(n, avail);
    (n * t + n.saturating_sub(1) * g).min(avail)
}

/// A bar chart of done/total: in one column when the bars fit the height, else
/// in up to three columns side by side, else page `pg` of them.
pub(super) fn bar_chart(ui: &Ui, buf: &mut Buffer, area: Rect, items: &[Item], pg: usize) {
    let (w, h) = (area.width as usize, area.height as usize);
    let n = items.len();
    if w == 0 || h == 0 {
        return;
    }
    if n == 0 {
        put(
            buf,
            area.x,
            area.y,
            vec![cell(ui, ui.w().present.none, w, ui.theme.dim)],
        );
        return;
    }
    let (cols, per, cap) = layout(n, w, h);
    let (thick, gap) = spacing(per, h);
    let used = (per * thick + (per - 1) * gap).min(h);
    let top = area.y + ((h - used) / 2) as u16;
    let col_w = (w - (cols - 1) * COL_GAP) / cols;

    let digits = |f: fn(&Rollup) -> usize| {
        items
            .iter()
            .map(|i| f(&i.r).to_string().len())
            .max()
            .unwrap_or(1)
    };
    let (dw, tw) = (digits(Rollup::done), digits(Rollup::total));
    let nums = |r: &Rollup| format!("{:>3}%  {:>dw$}/{:<tw$}", percent(r), r.done(), r.total());
    let nums_w = width(&nums(&items[0].r)).min(col_w);
    let label_w = items
        .iter()
        .map(|i| width(&i.label))
        .max()
        .unwrap_or(0)
        .min(col_w * 2 / 5)
        .max(6.min(col_w));
    // Label, 2 spaces, bar, 2 spaces, numbers; the bar goes first when narrow.
    let bar_w = col_w.saturating_sub(label_w + nums_w + 4);
    let label_w = if bar_w == 0 {
        col_w.saturating_sub(nums_w + 1)
    } else {
        label_w
    };

    for (k, item) in items.iter().skip(pg * cap).take(cap).enumerate() {
        let (c, r) = (k / per, k % per);
        let x = area.x + (c * (col_w + COL_GAP)) as u16;
        let y = top + (r * (thick + gap)) as u16;
        for dy in 0..thick {
            let mid = dy == thick / 2;
            let yy = y + dy as u16;
            let mut spans = vec![if mid {
                cell(ui, &item.label, label_w, item.style)
            } else {
                Span::raw(" ".repeat(label_w))
            }];
            if bar_w > 0 {
                spans.push(Span::raw("  "));
                spans.extend(bar_spans(ui, item.r.share_done(), bar_w));
                spans.push(Span::raw("  "));
            } else {
                spans.push(Span::raw(" "));
            }
            if mid {
                spans.push(cell(ui, &nums(&item.r), nums_w, ui.theme.base));
            }
            put(buf, x, yy, fit_spans(ui, spans, col_w));
        }
    }
}

/// A bar of exactly `cols` columns: done in the accent colour, the rest dim.
pub(super) fn bar_spans(ui: &Ui, share: f64, cols: usize) -> Vec<Span<'static>> {
    let filled = ((share.clamp(0.0, 1.0) * cols as f64).round() as usize).min(cols);
    vec![
        Span::styled(ui.t(&"█".repeat(filled)), ui.theme.accent),
        Span::styled(ui.t(&"░".repeat(cols - filled)), ui.theme.dim),
    ]
}
