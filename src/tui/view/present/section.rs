//! One slide per section: its tasks with status and lead unit, continued on
//! further pages when they do not all fit.

use super::*;

/// How a section's slide is laid out in `body`.
struct Plan {
    /// The big digits' pixel size, when they fit.
    scale: Option<(usize, usize)>,
    gauge_h: usize,
    gap: usize,
    /// 1 when the table has a header row.
    header: usize,
    /// Task rows per page and the rows between them.
    shown: usize,
    row_gap: usize,
    total: usize,
}

fn plan(ui: &Ui, body: Rect, s: usize) -> Plan {
    let app = ui.app;
    let r = app.ix.section_rollup(&app.reg, s);
    let (bw, bh) = (body.width as usize, body.height as usize);
    let n = app.ix.section_tasks(s).len().max(1);

    // The gauge: big digits when they leave a row for every task.
    let pct = format!("{}%", percent(&r));
    let budget = (bh * 35 / 100).min(bh.saturating_sub(n + 3));
    let scale = big::scale(pct.chars().count(), bw * 35 / 100, budget);
    let gauge_h = scale.map_or(1, |(_, py)| 5 * py);
    let rest = bh.saturating_sub(gauge_h + 1);
    // A header over all the rows, or over a page of them when they continue.
    let header = usize::from(rest >= n + 2 || (rest < n && rest >= 6));
    let rows_room = rest - header;
    let (row_gap, shown) = if n <= rows_room {
        let g = (0..=2)
            .rev()
            .find(|&g| n + (n - 1) * g <= rows_room && (g < 2 || bh >= 30))
            .unwrap_or(0);
        (g, n)
    } else {
        (0, rows_room)
    };
    let rows_h = (shown + (shown.max(1) - 1) * row_gap).min(rows_room);
    let gap = if rest > rows_h + header {
        (row_gap + 1).min(bh - gauge_h - rows_h - header)
    } else {
        usize::from(bh > gauge_h + rows_h + header)
    };
    let total = gauge_h + gap + header + rows_h;
    Plan {
        scale,
        gauge_h,
        gap,
        header,
        shown,
        row_gap,
        total,
    }
}

/// Pages the section's tasks take.
pub(super) fn pages(ui: &Ui, body: Rect, s: usize) -> usize {
    let n = ui.app.ix.section_tasks(s).len();
    match plan(ui, body, s).shown {
        0 => 1,
        per => n.div_ceil(per),
    }
}

/// One section: its gauge (a wide bar and the share done in big digits) and its
/// tasks with number, title, status, progress (when wide) and lead unit; page
/// `pg` of them.
pub(super) fn section(ui: &Ui, buf: &mut Buffer, body: Rect, s: usize, pg: usize) {
    let app = ui.app;
    let reg = &app.reg;
    let tasks = app.ix.section_tasks(s);
    let r = app.ix.section_rollup(reg, s);
    let bw = body.width as usize;
    let Plan {
        scale,
        gauge_h,
        gap,
        header,
        shown,
        row_gap,
        total,
    } = plan(ui, body, s);
    let y0 = body.y + (body.height as usize).saturating_sub(total) as u16 / 2;
    let pct = format!("{}%", percent(&r));

    let label = crate::words::screen::present::tasks_done(app.lang, r.done(), r.total());
    match scale {
        Some((px, py)) => {
            let (dw, dh) = big::size(pct.chars().count(), px, py);
            let x = body.x + (bw - dw) as u16;
            big::draw(ui, buf, x, y0, &pct, (px, py), big_style(ui.theme.title));
            let lw = bw.saturating_sub(dw + 2 * px + 2);
            let thick = dh.saturating_sub(2).clamp(1, 3);
            let by = y0 + ((dh - thick) / 2) as u16;
            put(
                buf,
                body.x,
                by.saturating_sub(1).max(y0),
                vec![cell(ui, &label, lw, ui.theme.dim)],
            );
            for dy in 0..thick {
                put(
                    buf,
                    body.x,
                    by + dy as u16,
                    bar_spans(ui, r.share_done(), lw),
                );
            }
        }
        None => {
            let nums = format!(" {:>3}%  {label}", percent(&r));
            let nw = width(&nums).min(bw / 2);
            let mut spans = bar_spans(ui, r.share_done(), bw - nw);
            spans.push(cell(ui, &nums, nw, ui.theme.base));
            put(buf, body.x, y0, spans);
        }
    }

    let y = y0 + (gauge_h + gap) as u16;
    if tasks.is_empty() {
        let none = ui.w().present.no_tasks_section;
        put(buf, body.x, y, vec![cell(ui, none, bw, ui.theme.dim)]);
        return;
    }
    // Columns: number, title, status, progress (when wide), lead unit.
    let lead_of = |t: usize| -> String {
        reg.tasks[t]
            .lead
            .iter()
            .filter_map(|id| app.ix.unit(id).map(|u| reg.units[u].name.as_str()))
            .collect::<Vec<_>>()
            .join("、")
    };
    let num_w = tasks
        .iter()
        .map(|&t| width(&format!("{}.", reg.tasks[t].number)))
        .max()
        .unwrap_or(2);
    let status_w = ui.status_cols();
    let mut lead_w = tasks
        .iter()
        .map(|&t| width(&lead_of(t)))
        .max()
        .unwrap_or(0)
        .max(width(ui.w().present.lead))
        .min(bw / 4);
    let title_nat = tasks
        .iter()
        .map(|&t| width(&reg.tasks[t].title))
        .max()
        .unwrap_or(0);
    let base = |lead_w: usize| num_w + 2 + 2 + status_w + 2 + lead_w;
    if bw < base(lead_w) + 10 {
        lead_w = 0;
    }
    let avail = bw.saturating_sub(base(lead_w));
    // When wide, a progress bar per task takes the room the titles do not need
    // (up to a third of the width), and the table is centred.
    let (title_w, prog_w) = if bw >= 120 {
        let prog = avail.saturating_sub(title_nat + 4).clamp(12, bw / 3);
        (avail.saturating_sub(prog + 2).min(title_nat + 2), prog)
    } else {
        (avail, 0)
    };
    let table_w = (base(lead_w) + title_w + if prog_w > 0 { prog_w + 2 } else { 0 }).min(bw);
    let x0 = body.x + ((bw - table_w) / 2) as u16;
    let sp = || Span::raw("  ");
    let row = |cells: Vec<Span<'static>>| fit_spans(ui, cells, table_w);
    let mut y = y;
    if header == 1 {
        let mut cells = vec![
            cell(ui, "", num_w, ui.theme.dim),
            sp(),
            cell(ui, ui.w().present.task, title_w, ui.theme.dim),
            sp(),
            cell(ui, ui.w().present.status, status_w, ui.theme.dim),
            sp(),
        ];
        if prog_w > 0 {
            cells.push(cell(ui, ui.w().present.progress, prog_w, ui.theme.dim));
            cells.push(sp());
        }
        cells.push(cell(ui, ui.w().present.lead, lead_w, ui.theme.dim));
        put(buf, x0, y, row(cells));
        y += 1;
    }
    let last = y0 + total as u16;
    for &t in tasks.iter().skip(pg * shown).take(shown) {
        if y >= last {
            break;
        }
        let task = &reg.tasks[t];
        let mut cells = vec![
            cell(ui, &format!("{}.", task.number), num_w, ui.theme.dim),
            sp(),
            cell(ui, &task.title, title_w, ui.theme.base),
            sp(),
            cell(
                ui,
                &format!("{} {}", symbol(task.status), ui.status_name(task.status)),
                status_w,
                ui.theme.status(task.status),
            ),
            sp(),
        ];
        if prog_w > 0 {
            let p = if task.status == Status::Done {
                100
            } else {
                task.progress.min(100)
            };
            cells.extend(bar_spans(ui, f64::from(p) / 100.0, prog_w - 5));
            cells.push(cell(ui, &format!("{p:>4}%"), 5, ui.theme.base));
            cells.push(sp());
        }
        cells.push(cell(ui, &lead_of(t), lead_w, ui.theme.base));
        put(buf, x0, y, row(cells));
        y += 1 + row_gap as u16;
    }
}
