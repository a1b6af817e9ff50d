//! One slide per section: its tasks with status and lead units (a long list of
//! units wraps onto further rows, never cut), continued on further pages when
//! the tasks do not all fit.

use super::*;
use crate::registry::TaskList;
use std::ops::Range;

/// The table's columns in a body `bw` wide.
struct Cols {
    num: usize,
    title: usize,
    status: usize,
    prog: usize,
    lead: usize,
    table: usize,
}

/// The lead units of task `t`, joined with 、.
fn leads<'a>(ui: &Ui<'a>, t: usize) -> Vec<&'a str> {
    let (app, reg) = (ui.app, &ui.app.reg);
    reg.tasks[t]
        .lead
        .iter()
        .filter_map(|id| app.ix.unit(id).map(|u| reg.units[u].name.as_str()))
        .collect()
}

fn cols(ui: &Ui, bw: usize, tasks: TaskList) -> Cols {
    let reg = &ui.app.reg;
    let num = tasks
        .iter()
        .map(|t| width(&format!("{}.", reg.tasks[t].number)))
        .max()
        .unwrap_or(2);
    let status = ui.status_cols();
    let mut lead = tasks
        .iter()
        .map(|t| width(&leads(ui, t).join("、")))
        .max()
        .unwrap_or(0)
        .max(width(ui.w().present.lead))
        .min(bw / 4);
    let title_nat = tasks
        .iter()
        .map(|t| width(&reg.tasks[t].title))
        .max()
        .unwrap_or(0);
    let base = |lead: usize| num + 2 + 2 + status + 2 + lead;
    if bw < base(lead) + 10 {
        lead = 0;
    }
    let avail = bw.saturating_sub(base(lead));
    // When wide, a progress bar per task takes the room the titles do not need
    // (up to a third of the width), and the table is centred.
    let (title, prog) = if bw >= 120 {
        let prog = avail.saturating_sub(title_nat + 4).clamp(12, bw / 3);
        (avail.saturating_sub(prog + 2).min(title_nat + 2), prog)
    } else {
        (avail, 0)
    };
    let table = (base(lead) + title + if prog > 0 { prog + 2 } else { 0 }).min(bw);
    Cols {
        num,
        title,
        status,
        prog,
        lead,
        table,
    }
}

/// The lead units as lines of at most `w` columns: whole names joined with 、,
/// a name longer than the line cut.
fn lead_lines(names: &[&str], w: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut cur = String::new();
    for (i, name) in names.iter().enumerate() {
        let piece = if i + 1 < names.len() {
            format!("{name}、")
        } else {
            name.to_string()
        };
        if !cur.is_empty() && width(&cur) + width(&piece) > w {
            lines.push(std::mem::take(&mut cur));
        }
        cur.push_str(&piece);
    }
    if !cur.is_empty() || lines.is_empty() {
        lines.push(cur);
    }
    lines
}

/// How a section's slide is laid out in `body`.
struct Plan {
    /// The big digits' pixel size, when they fit.
    scale: Option<(usize, usize)>,
    gauge_h: usize,
    gap: usize,
    /// 1 when the table has a header row.
    header: usize,
    /// The tasks on each page (indices into the section's tasks).
    pages: Vec<Range<usize>>,
    row_gap: usize,
    total: usize,
    cols: Cols,
    /// Rows each task takes (its lead units wrapped).
    heights: Vec<usize>,
}

fn plan(ui: &Ui, body: Rect, s: usize) -> Plan {
    let app = ui.app;
    let r = app.ix.section_rollup(s);
    let tasks = app.ix.section_tasks(s);
    let (bw, bh) = (body.width as usize, body.height as usize);
    let cols = cols(ui, bw, tasks);
    let heights: Vec<usize> = tasks
        .iter()
        .map(|t| {
            if cols.lead == 0 {
                1
            } else {
                lead_lines(&leads(ui, t), cols.lead).len().max(1)
            }
        })
        .collect();
    let n = heights.iter().sum::<usize>().max(1);

    // The gauge: big digits when they leave a row for every task.
    let pct = format!("{}%", percent(&r));
    let budget = (bh * 35 / 100).min(bh.saturating_sub(n + 3));
    let scale = big::scale(pct.chars().count(), bw * 35 / 100, budget);
    let gauge_h = scale.map_or(1, |(_, py)| 5 * py);
    let rest = bh.saturating_sub(gauge_h + 1);
    // A header over all the rows, or over a page of them when they continue.
    let header = usize::from(rest >= n + 2 || (rest < n && rest >= 6));
    let rows_room = rest - header;
    let k = heights.len().max(1);
    let row_gap = if n <= rows_room {
        (0..=2)
            .rev()
            .find(|&g| n + (k - 1) * g <= rows_room && (g < 2 || bh >= 30))
            .unwrap_or(0)
    } else {
        0
    };
    // Pages: as many whole tasks as fit, in order.
    let mut pages = Vec::new();
    let (mut start, mut used, mut tallest) = (0, 0, 0);
    for (i, &h) in heights.iter().enumerate() {
        let need = h + if i > start { row_gap } else { 0 };
        if i > start && used + need > rows_room {
            pages.push(start..i);
            tallest = tallest.max(used);
            start = i;
            used = h.min(rows_room);
        } else {
            used += need;
        }
    }
    if rows_room > 0 && start < heights.len() {
        pages.push(start..heights.len());
        tallest = tallest.max(used);
    }
    let rows_h = tallest.min(rows_room).max(usize::from(heights.is_empty()));
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
        pages,
        row_gap,
        total,
        cols,
        heights,
    }
}

/// Pages the section's tasks take.
pub(super) fn pages(ui: &Ui, body: Rect, s: usize) -> usize {
    plan(ui, body, s).pages.len().max(1)
}

/// One section: its gauge (a wide bar and the share done in big digits) and its
/// tasks with number, title, status, progress (when wide) and lead units; page
/// `pg` of them.
pub(super) fn section(ui: &Ui, buf: &mut Buffer, body: Rect, s: usize, pg: usize) {
    let app = ui.app;
    let reg = &app.reg;
    let tasks = app.ix.section_tasks(s);
    let r = app.ix.section_rollup(s);
    let bw = body.width as usize;
    let plan = plan(ui, body, s);
    let y0 = body.y + (body.height as usize).saturating_sub(plan.total) as u16 / 2;
    let pct = format!("{}%", percent(&r));

    let label = crate::words::screen::present::tasks_done(app.lang, r.done(), r.total());
    match plan.scale {
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

    let mut y = y0 + (plan.gauge_h + plan.gap) as u16;
    if tasks.is_empty() {
        let none = ui.w().present.no_tasks_section;
        put(buf, body.x, y, vec![cell(ui, none, bw, ui.theme.dim)]);
        return;
    }
    let c = &plan.cols;
    let x0 = body.x + ((bw - c.table) / 2) as u16;
    let sp = || Span::raw("  ");
    let row = |cells: Vec<Span<'static>>| fit_spans(ui, cells, c.table);
    if plan.header == 1 {
        let mut cells = vec![
            cell(ui, "", c.num, ui.theme.dim),
            sp(),
            cell(ui, ui.w().present.task, c.title, ui.theme.dim),
            sp(),
            cell(ui, ui.w().present.status, c.status, ui.theme.dim),
            sp(),
        ];
        if c.prog > 0 {
            cells.push(cell(ui, ui.w().present.progress, c.prog, ui.theme.dim));
            cells.push(sp());
        }
        cells.push(cell(ui, ui.w().present.lead, c.lead, ui.theme.dim));
        put(buf, x0, y, row(cells));
        y += 1;
    }
    let last = y0 + plan.total as u16;
    let range = plan.pages.get(pg).cloned().unwrap_or(0..0);
    for k in range {
        if y >= last {
            break;
        }
        let Some(t) = tasks.get(k) else { break };
        let task = &reg.tasks[t];
        let lines = lead_lines(&leads(ui, t), c.lead.max(1));
        let mut cells = vec![
            cell(ui, &format!("{}.", task.number), c.num, ui.theme.dim),
            sp(),
            cell(ui, &task.title, c.title, ui.theme.base),
            sp(),
            cell(
                ui,
                &format!("{} {}", symbol(task.status), ui.status_name(task.status)),
                c.status,
                ui.theme.status(task.status),
            ),
            sp(),
        ];
        if c.prog > 0 {
            let p = if task.status == Status::Done {
                100
            } else {
                task.progress.min(100)
            };
            cells.extend(bar_spans(ui, f64::from(p) / 100.0, c.prog - 5));
            cells.push(cell(ui, &format!("{p:>4}%"), 5, ui.theme.base));
            cells.push(sp());
        }
        let lead_x = width(&cells.iter().map(|s| s.content.as_ref()).collect::<String>());
        cells.push(cell(ui, &lines[0], c.lead, ui.theme.base));
        put(buf, x0, y, row(cells));
        // More lead units under the first, in the lead column.
        for line in lines.iter().skip(1).take(plan.heights[k] - 1) {
            y += 1;
            if y >= last || c.lead == 0 {
                break;
            }
            put(
                buf,
                x0,
                y,
                row(vec![
                    Span::raw(" ".repeat(lead_x)),
                    cell(ui, line, c.lead, ui.theme.base),
                ]),
            );
        }
        y += 1 + plan.row_gap as u16;
    }
}
