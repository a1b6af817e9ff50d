//! Presentation mode's slides: the plan's progress for a projector or a large TV,
//! read from across a room. Each slide is a heading, one large drawing and a quiet
//! footer (the document's title and the slide number); there are no key hints.
//!
//! Everything scales with the terminal: margins, the gaps between rows, the
//! thickness of bars and the size of the big digits all grow from 80×24 up to a
//! 4K terminal (400×120 and beyond), and the content is centred in what is left.
//! Every line is built to an exact width with CJK-aware truncation, so nothing
//! overflows at any size, and every symbol goes through [`Ui::t`] so the ASCII
//! mode draws no ambiguous-width character (big digits become `#`).

use super::Ui;
use super::goals::due_note;
use crate::registry::{Rollup, Status};
use crate::text::{fit, fit_right, truncate, width, wrap};
use crate::tui::app::Link;
use crate::tui::present::{Presentation, Slide, slides};
use crate::tui::theme::symbol;
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

/// The order counts are shown in: what is done first, what is not started last.
const ORDER: [Status; 5] = [
    Status::Done,
    Status::InProgress,
    Status::Delayed,
    Status::Blocked,
    Status::NotStarted,
];

/// Columns between side-by-side columns of bars or panels.
const COL_GAP: usize = 4;

/// Draws the current slide over the whole `area`.
pub fn draw(f: &mut Frame, ui: &Ui, area: Rect, p: Presentation) {
    let list = slides(ui.app);
    // The registry may have been reloaded with fewer sections since the key press.
    let no = p.slide.min(list.len().saturating_sub(1));
    let Some(&slide) = list.get(no) else {
        return;
    };
    let buf = f.buffer_mut();
    let (title, sub) = heading(ui, slide);
    let body = page(ui, buf, area, &title, sub, no + 1, list.len());
    if body.width == 0 || body.height == 0 {
        return;
    }
    match slide {
        Slide::Overview => overview(ui, buf, body),
        Slide::Section(s) => section(ui, buf, body, s),
        Slide::Units => units(ui, buf, body),
        Slide::Towns => towns(ui, buf, body),
        Slide::Goals => goals(ui, buf, body),
    }
}

// ---------------------------------------------------------------------------
// The frame every slide shares.

/// The slide's title and the line under it.
fn heading(ui: &Ui, slide: Slide) -> (String, Vec<Span<'static>>) {
    let app = ui.app;
    let reg = &app.reg;
    let dim = |s: String| vec![Span::styled(ui.t(&s), ui.theme.dim)];
    match slide {
        Slide::Overview => {
            let n = reg.tasks.len();
            let today = app.today();
            (
                ui.pick("工作进度总览", "Progress overview").into(),
                dim(match app.lang {
                    crate::lang::Lang::Zh => format!("共 {n} 项任务  统计截至 {today}"),
                    crate::lang::Lang::En => format!("{n} tasks, as of {today}"),
                }),
            )
        }
        Slide::Section(s) => {
            let r = app.ix.section_rollup(reg, s);
            (app.link_name(Link::Section(s)), status_counts(ui, &r))
        }
        Slide::Units => {
            let n = (0..reg.units.len())
                .filter(|&u| !app.ix.led_by(u).is_empty())
                .count();
            (
                ui.pick("牵头单位完成情况", "Lead units").into(),
                dim(match app.lang {
                    crate::lang::Lang::Zh => {
                        format!("{n} 个牵头单位  按各单位牵头的任务统计已完成数")
                    }
                    crate::lang::Lang::En => {
                        format!("{n} units lead tasks: done of the tasks each leads")
                    }
                }),
            )
        }
        Slide::Towns => {
            let n = reg.towns.len();
            (
                ui.pick("镇(区)完成情况", "Towns").into(),
                dim(match app.lang {
                    crate::lang::Lang::Zh => {
                        format!("{n} 个镇(区)  含各镇(区)共同承担的任务")
                    }
                    crate::lang::Lang::En => {
                        format!("{n} towns: done of their tasks, shared ones included")
                    }
                }),
            )
        }
        Slide::Goals => (
            ui.pick("主要目标", "Main goals").into(),
            dim(ui
                .pick(
                    "截止日期与完成情况  按目标对应章节的任务统计",
                    "Due dates and progress, over the tasks of each goal's sections",
                )
                .into()),
        ),
    }
}

/// "✓ 已完成 2   ▸ 推进中 3   …", each in its status's style.
fn status_counts(ui: &Ui, r: &Rollup) -> Vec<Span<'static>> {
    ORDER
        .iter()
        .map(|&s| {
            Span::styled(
                ui.t(&format!(
                    "{} {} {}   ",
                    symbol(s),
                    ui.status_name(s),
                    r.count(s)
                )),
                ui.theme.status(s),
            )
        })
        .collect()
}

/// Draws the margins' content (title, subtitle, footer) and returns the body.
fn page(
    ui: &Ui,
    buf: &mut Buffer,
    area: Rect,
    title: &str,
    sub: Vec<Span<'static>>,
    no: usize,
    of: usize,
) -> Rect {
    let mx = if area.width >= 60 {
        (area.width / 40).max(1)
    } else {
        0
    };
    let top = area.height / 24;
    let bottom = top / 2;
    let inner = Rect {
        x: area.x + mx,
        y: area.y + top,
        width: area.width.saturating_sub(2 * mx),
        height: area.height.saturating_sub(top + bottom),
    };
    let (w, h) = (inner.width as usize, inner.height);
    if w == 0 || h == 0 {
        return Rect::default();
    }

    // The footer comes first: the slide number must show at any size.
    let counter = format!("{no} / {of}");
    let cw = width(&counter).min(w);
    let doc = &ui.app.reg.document;
    let left = format!("{}  {}", doc.title, doc.number);
    let left_w = w - cw;
    let left_span = if left_w > 4 {
        cell(ui, &left, left_w - 2, ui.theme.dim)
    } else {
        Span::raw("")
    };
    let pad = left_w - width(&left_span.content);
    put(
        buf,
        inner.x,
        inner.bottom() - 1,
        vec![
            left_span,
            Span::styled(" ".repeat(pad), ui.theme.base),
            Span::styled(fit_right(&counter, cw), ui.theme.title),
        ],
    );
    if h < 2 {
        return Rect::default();
    }
    let title_style = ui.theme.title.add_modifier(Modifier::BOLD);
    put(buf, inner.x, inner.y, vec![cell(ui, title, w, title_style)]);
    let mut head = 1;
    if h >= 6 {
        put(buf, inner.x, inner.y + 1, fit_spans(ui, sub, w));
        head = 2;
    }
    let gap = if h >= 8 { (h / 20).max(1) } else { 0 };
    let foot_gap = if h >= 12 { 1 } else { 0 };
    let y = inner.y + head + gap;
    let height = (inner.bottom() - 1).saturating_sub(y + foot_gap);
    Rect {
        x: inner.x,
        y,
        width: inner.width,
        height,
    }
}

// ---------------------------------------------------------------------------
// The slides.

/// Counts by status in big digits, then one bar for all tasks and one per section.
fn overview(ui: &Ui, buf: &mut Buffer, body: Rect) {
    let app = ui.app;
    let reg = &app.reg;
    let all = Rollup::of(reg, 0..reg.tasks.len());
    let mut items = vec![Item {
        label: ui.pick("全部任务", "All tasks").into(),
        style: ui.theme.title,
        r: all,
    }];
    items.extend(reg.sections.iter().enumerate().map(|(i, s)| Item {
        label: format!("({}) {}", s.numeral, s.title),
        style: ui.theme.base,
        r: app.ix.section_rollup(reg, i),
    }));
    let (bw, bh) = (body.width as usize, body.height as usize);
    let n = items.len();

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
    let bars = Rect {
        y: y0 + (head_h + gap) as u16,
        height: bars_h as u16,
        ..body
    };
    bar_chart(ui, buf, bars, &items);
}

/// One section: its gauge (a wide bar and the share done in big digits) and its
/// tasks with number, title, status, progress (when wide) and lead unit.
fn section(ui: &Ui, buf: &mut Buffer, body: Rect, s: usize) {
    let app = ui.app;
    let reg = &app.reg;
    let tasks = app.ix.section_tasks(s);
    let r = app.ix.section_rollup(reg, s);
    let (bw, bh) = (body.width as usize, body.height as usize);
    let n = tasks.len().max(1);

    // The gauge: big digits when they leave a row for every task.
    let pct = format!("{}%", percent(&r));
    let budget = (bh * 35 / 100).min(bh.saturating_sub(n + 3));
    let scale = big::scale(pct.chars().count(), bw * 35 / 100, budget);
    let gauge_h = scale.map_or(1, |(_, py)| 5 * py);
    let rest = bh.saturating_sub(gauge_h + 1);
    let header = usize::from(rest >= n + 2);
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
    let y0 = body.y + (bh.saturating_sub(total) / 2) as u16;

    let label = match app.lang {
        crate::lang::Lang::Zh => format!("已完成 {} / {} 项任务", r.done(), r.total()),
        crate::lang::Lang::En => format!("{} of {} tasks done", r.done(), r.total()),
    };
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
        let none = ui.pick("(本章没有任务)", "(no tasks in this section)");
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
        .max(width(ui.pick("牵头单位", "Lead")))
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
            cell(ui, ui.pick("任务", "Task"), title_w, ui.theme.dim),
            sp(),
            cell(ui, ui.pick("状态", "Status"), status_w, ui.theme.dim),
            sp(),
        ];
        if prog_w > 0 {
            cells.push(cell(ui, ui.pick("进度", "Progress"), prog_w, ui.theme.dim));
            cells.push(sp());
        }
        cells.push(cell(ui, ui.pick("牵头单位", "Lead"), lead_w, ui.theme.dim));
        put(buf, x0, y, row(cells));
        y += 1;
    }
    let last = y0 + total as u16;
    for (k, &t) in tasks.iter().enumerate() {
        if y >= last {
            break;
        }
        let task = &reg.tasks[t];
        if k + 1 == shown && shown < tasks.len() {
            put(buf, x0, y, vec![more(ui, tasks.len() - k, table_w)]);
            break;
        }
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

/// Done of total by lead unit, for every unit that leads at least one task.
fn units(ui: &Ui, buf: &mut Buffer, body: Rect) {
    let app = ui.app;
    let reg = &app.reg;
    let items: Vec<Item> = (0..reg.units.len())
        .filter(|&u| !app.ix.led_by(u).is_empty())
        .map(|u| Item {
            label: reg.units[u].name.clone(),
            style: ui.theme.base,
            r: Rollup::of(reg, app.ix.led_by(u).iter().copied()),
        })
        .collect();
    bar_chart(ui, buf, body, &items);
}

/// Done of total by town, shared (各镇(区)) tasks included.
fn towns(ui: &Ui, buf: &mut Buffer, body: Rect) {
    let app = ui.app;
    let reg = &app.reg;
    let items: Vec<Item> = (0..reg.towns.len())
        .map(|t| Item {
            label: reg.towns[t].name.clone(),
            style: ui.theme.base,
            r: app.ix.town_rollup(reg, t),
        })
        .collect();
    bar_chart(ui, buf, body, &items);
}

/// The goals side by side (stacked when narrow): each with its due date (past
/// due stands out), status, roll-up, and its targets with their own roll-ups.
fn goals(ui: &Ui, buf: &mut Buffer, body: Rect) {
    let n = ui.app.reg.goals.len();
    let (bw, bh) = (body.width as usize, body.height as usize);
    if n == 0 {
        put(
            buf,
            body.x,
            body.y,
            vec![cell(
                ui,
                ui.pick("(没有目标)", "(no goals)"),
                bw,
                ui.theme.dim,
            )],
        );
        return;
    }
    let cols = if bw >= 120 { n.min(3) } else { 1 };
    let rows = n.div_ceil(cols);
    let col_gap = COL_GAP * 2;
    let col_w = (bw - (cols - 1) * col_gap) / cols;
    let row_gap = if rows > 1 { (bh / 20).clamp(1, 3) } else { 0 };
    let panel_h = bh.saturating_sub((rows - 1) * row_gap) / rows;
    let plans: Vec<GoalPlan> = (0..n).map(|g| plan_goal(ui, g, col_w, panel_h)).collect();
    // Panels in a row share their top; the whole is centred.
    let row_h: Vec<usize> = (0..rows)
        .map(|r| {
            plans[r * cols..((r + 1) * cols).min(n)]
                .iter()
                .map(|p| p.height)
                .max()
                .unwrap_or(0)
        })
        .collect();
    let total = row_h.iter().sum::<usize>() + (rows - 1) * row_gap;
    let mut y = body.y + (bh.saturating_sub(total) / 2) as u16;
    for (r, &h) in row_h.iter().enumerate() {
        for c in 0..cols {
            let g = r * cols + c;
            if g >= n {
                break;
            }
            let rect = Rect {
                x: body.x + (c * (col_w + col_gap)) as u16,
                y,
                width: col_w as u16,
                height: (panel_h as u16).min(body.bottom().saturating_sub(y)),
            };
            goal_panel(ui, buf, rect, g, &plans[g]);
        }
        y += (h + row_gap) as u16;
    }
}

/// How a goal's panel is laid out in `w`×`h`: the year's big digits if they fit,
/// the targets shown and the rows between them.
struct GoalPlan {
    year: Option<(usize, usize)>,
    shown: usize,
    gap: usize,
    height: usize,
}

/// Rows of a panel above its targets: name, due date, roll-up, a blank.
const GOAL_HEAD: usize = 4;

fn plan_goal(ui: &Ui, g: usize, w: usize, h: usize) -> GoalPlan {
    let goal = &ui.app.reg.goals[g];
    let targets = if goal.targets.is_empty() {
        wrap(&goal.text, w.max(1)).len()
    } else {
        goal.targets.len()
    };
    let year = goal
        .horizon
        .as_deref()
        .filter(|y| !y.is_empty() && y.chars().all(|c| c.is_ascii_digit()))
        .and_then(|y| {
            let budget = (h / 4).min(h.saturating_sub(GOAL_HEAD + targets + 1));
            big::scale(y.chars().count(), w * 2 / 3, budget).filter(|&(px, _)| px >= 2)
        });
    let year_h = year.map_or(0, |(_, py)| 5 * py + py.min(2));
    let room = h.saturating_sub(year_h + GOAL_HEAD);
    let shown = targets.min(room);
    let gap = usize::from(!goal.targets.is_empty() && targets * 2 - 1 <= room && h >= 30);
    let height = (year_h + GOAL_HEAD + shown + shown.saturating_sub(1) * gap).min(h);
    GoalPlan {
        year,
        shown,
        gap,
        height,
    }
}

fn goal_panel(ui: &Ui, buf: &mut Buffer, area: Rect, g: usize, plan: &GoalPlan) {
    let app = ui.app;
    let reg = &app.reg;
    let goal = &reg.goals[g];
    let r = app.ix.goal_rollup(reg, g);
    let w = area.width as usize;
    if w == 0 || area.height == 0 {
        return;
    }
    let (note, late) = match goal.due {
        Some(due) => {
            let (note, late) = due_note(ui, due, goal.status);
            (Some((due, note)), late)
        }
        None => (None, false),
    };
    let warn = ui.theme.warn.add_modifier(Modifier::BOLD);
    let mut y = area.y;
    let bottom = area.bottom();

    // The horizon year in big digits (in the warning style when past due).
    if let (Some((px, py)), Some(year)) = (plan.year, goal.horizon.as_deref()) {
        let style = big_style(if late { warn } else { ui.theme.title });
        big::draw(ui, buf, area.x, y, year, (px, py), style);
        y += (5 * py + py.min(2)) as u16;
    }

    // Name and status, then the due date.
    let name = app.link_name(Link::Goal(g));
    let status_w = ui.status_cols();
    let title_style = ui.theme.title.add_modifier(Modifier::BOLD);
    if w > status_w + 4 {
        put(
            buf,
            area.x,
            y,
            vec![
                cell(ui, &name, w - status_w - 2, title_style),
                Span::raw("  "),
                cell(
                    ui,
                    &format!("{} {}", symbol(goal.status), ui.status_name(goal.status)),
                    status_w,
                    ui.theme.status(goal.status),
                ),
            ],
        );
    } else {
        put(buf, area.x, y, vec![cell(ui, &name, w, title_style)]);
    }
    y += 1;
    if y >= bottom {
        return;
    }
    if let Some((due, note)) = note {
        let due_word = ui.pick("截止", "due");
        let (text, style) = if late {
            (format!("{due_word} {due}   ! {note}"), warn)
        } else {
            (format!("{due_word} {due}   {note}"), ui.theme.dim)
        };
        put(buf, area.x, y, vec![cell(ui, &text, w, style)]);
    }
    y += 1;
    if y >= bottom {
        return;
    }
    // The goal's roll-up.
    let nums = format!(
        " {:>3}%  {} {}/{}",
        percent(&r),
        ui.pick("完成", "done"),
        r.done(),
        r.total()
    );
    let nw = width(&nums).min(w / 2);
    let mut spans = bar_spans(ui, r.share_done(), w - nw);
    spans.push(cell(ui, &nums, nw, ui.theme.base));
    put(buf, area.x, y, spans);
    y += 2;

    // Each target with its sections and roll-up; the goal's text when it has none.
    if goal.targets.is_empty() {
        for line in wrap(&goal.text, w).into_iter().take(plan.shown) {
            put(buf, area.x, y, vec![cell(ui, &line, w, ui.theme.base)]);
            y += 1;
        }
        return;
    }
    let targets = goal.targets.len();
    let nums_w = 12;
    let bar_w = if w >= 80 { 12 } else { 0 };
    for (k, t) in goal.targets.iter().enumerate() {
        if y >= bottom || k >= plan.shown {
            break;
        }
        if k + 1 == plan.shown && plan.shown < targets {
            put(buf, area.x, y, vec![more(ui, targets - k, w)]);
            break;
        }
        let secs: Vec<usize> = t
            .sections
            .iter()
            .filter_map(|id| app.ix.section(id))
            .collect();
        let mut tasks: Vec<usize> = secs
            .iter()
            .flat_map(|&s| app.ix.section_tasks(s).iter().copied())
            .collect();
        tasks.sort_unstable();
        tasks.dedup();
        let tr = Rollup::of(reg, tasks);
        let secs: String = secs
            .iter()
            .map(|&s| format!("({})", reg.sections[s].numeral))
            .collect();
        let nums = format!("{:>3}% {:>2}/{:<2}", percent(&tr), tr.done(), tr.total());
        let right = nums_w + bar_w + usize::from(bar_w > 0);
        let secs_w = if w >= 60 { width(&secs).min(w / 4) } else { 0 };
        let text_w = w.saturating_sub(2 + right + secs_w + 2 * usize::from(secs_w > 0) + 1);
        let mut spans = vec![
            cell(ui, "- ", 2.min(w), ui.theme.dim),
            cell(ui, &t.text, text_w, ui.theme.base),
        ];
        if secs_w > 0 {
            spans.push(Span::raw("  "));
            spans.push(cell(ui, &secs, secs_w, ui.theme.accent));
        }
        spans.push(Span::raw(" "));
        if bar_w > 0 {
            spans.extend(bar_spans(ui, tr.share_done(), bar_w));
            spans.push(Span::raw(" "));
        }
        spans.push(cell(ui, &nums, nums_w, ui.theme.base));
        put(buf, area.x, y, fit_spans(ui, spans, w));
        y += 1 + plan.gap as u16;
    }
}

// ---------------------------------------------------------------------------
// Bars.

/// One bar of a chart: a label, its style, and the tasks behind it.
struct Item {
    label: String,
    style: Style,
    r: Rollup,
}

/// Thickness of each bar and rows between bars, for `n` bars in `avail` rows:
/// the largest that fits, so bars grow thick and airy on a big screen.
fn spacing(n: usize, avail: usize) -> (usize, usize) {
    if n == 0 {
        return (1, 0);
    }
    [(3, 3), (3, 2), (3, 1), (1, 1), (1, 0)]
        .into_iter()
        .find(|&(t, g)| n * t + (n - 1) * g <= avail)
        .unwrap_or((1, 0))
}

/// Rows `n` bars take in at most `avail` rows (one column).
fn bars_height(n: usize, avail: usize) -> usize {
    let (t, g) = spacing(n, avail);
    (n * t + n.saturating_sub(1) * g).min(avail)
}

/// A bar chart of done/total: in one column when the bars fit the height, else
/// in up to three columns side by side, else with a last "… N more" row.
fn bar_chart(ui: &Ui, buf: &mut Buffer, area: Rect, items: &[Item]) {
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
            vec![cell(ui, ui.pick("(无)", "(none)"), w, ui.theme.dim)],
        );
        return;
    }
    const MIN_COL: usize = 44;
    let max_cols = ((w + COL_GAP) / (MIN_COL + COL_GAP)).clamp(1, 3);
    let mut cols = 1;
    while cols < max_cols && n.div_ceil(cols) > h {
        cols += 1;
    }
    let fits = n <= cols * h;
    let per = if fits { n.div_ceil(cols) } else { h };
    let limit = if fits { n } else { cols * h - 1 };
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

    for (k, item) in items.iter().enumerate() {
        let (c, r) = (k / per, k % per);
        let x = area.x + (c * (col_w + COL_GAP)) as u16;
        let y = top + (r * (thick + gap)) as u16;
        if k == limit {
            put(buf, x, y + (thick / 2) as u16, vec![more(ui, n - k, col_w)]);
            break;
        }
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
fn bar_spans(ui: &Ui, share: f64, cols: usize) -> Vec<Span<'static>> {
    let filled = ((share.clamp(0.0, 1.0) * cols as f64).round() as usize).min(cols);
    vec![
        Span::styled(ui.t(&"█".repeat(filled)), ui.theme.accent),
        Span::styled(ui.t(&"░".repeat(cols - filled)), ui.theme.dim),
    ]
}

fn percent(r: &Rollup) -> u32 {
    (r.share_done() * 100.0).round() as u32
}

// ---------------------------------------------------------------------------
// Text helpers.

/// Exactly `cols` columns of `s`; unlike `Ui::cell` the "…" of a cut is also
/// swapped in ASCII mode.
fn cell(ui: &Ui, s: &str, cols: usize, style: Style) -> Span<'static> {
    Span::styled(ui.t(&fit(&ui.t(s), cols)), style)
}

/// "… 还有 3 项" in `cols` columns.
fn more(ui: &Ui, n: usize, cols: usize) -> Span<'static> {
    let text = match ui.app.lang {
        crate::lang::Lang::Zh => format!("… 还有 {n} 项"),
        crate::lang::Lang::En => format!("… {n} more"),
    };
    cell(ui, &text, cols, ui.theme.dim)
}

/// Spans cut to exactly `w` columns, styles kept: the span that crosses the edge
/// is truncated, the ones after it dropped, and a short line is padded.
fn fit_spans(ui: &Ui, spans: Vec<Span<'static>>, w: usize) -> Vec<Span<'static>> {
    let mut out = Vec::with_capacity(spans.len() + 1);
    let mut used = 0;
    for s in spans {
        let sw = width(&s.content);
        if used + sw <= w {
            used += sw;
            out.push(s);
            continue;
        }
        let cut = ui.t(&truncate(&s.content, w - used));
        used += width(&cut);
        out.push(Span::styled(cut, s.style));
        break;
    }
    if used < w {
        out.push(Span::styled(" ".repeat(w - used), ui.theme.base));
    }
    out
}

/// Big digits drop the underline some status styles carry: it would stripe the
/// gaps between the blocks.
fn big_style(s: Style) -> Style {
    s.remove_modifier(Modifier::UNDERLINED)
        .add_modifier(Modifier::BOLD)
}

/// Writes a line at (x, y), clipped to the buffer; nothing outside it is touched.
fn put(buf: &mut Buffer, x: u16, y: u16, spans: Vec<Span<'static>>) {
    let a = buf.area;
    if y < a.top() || y >= a.bottom() || x < a.left() || x >= a.right() {
        return;
    }
    buf.set_line(x, y, &Line::from(spans), a.right() - x);
}

/// Big digits drawn with block characters, the way clock TUIs draw the time.
///
/// Our own 3×5 font, scaled by whole cells, rather than the `tui-big-text` crate
/// (0.8.10 builds with ratatui 0.30.2): its glyphs come in a few fixed sizes only
/// (8×8 pixels as full, half or quadrant blocks), so it cannot grow with a 4K
/// terminal, and it writes half and quadrant blocks straight into the buffer,
/// which the ASCII mode cannot swap for stand-ins. Ours grows a pixel to any
/// 2s×s cells (square on a 1:2 cell) and every block goes through [`Ui::t`].
mod big {
    use super::{Buffer, Style, Ui};

    /// Each glyph: five rows of three pixels, bit 2 the left one.
    fn glyph(c: char) -> [u8; 5] {
        match c {
            '0' => [0b111, 0b101, 0b101, 0b101, 0b111],
            '1' => [0b010, 0b110, 0b010, 0b010, 0b111],
            '2' => [0b111, 0b001, 0b111, 0b100, 0b111],
            '3' => [0b111, 0b001, 0b111, 0b001, 0b111],
            '4' => [0b101, 0b101, 0b111, 0b001, 0b001],
            '5' => [0b111, 0b100, 0b111, 0b001, 0b111],
            '6' => [0b111, 0b100, 0b111, 0b101, 0b111],
            '7' => [0b111, 0b001, 0b001, 0b001, 0b001],
            '8' => [0b111, 0b101, 0b111, 0b101, 0b111],
            '9' => [0b111, 0b101, 0b111, 0b001, 0b111],
            '%' => [0b101, 0b001, 0b010, 0b100, 0b101],
            '/' => [0b001, 0b001, 0b010, 0b100, 0b100],
            '-' => [0b000, 0b000, 0b111, 0b000, 0b000],
            _ => [0; 5],
        }
    }

    /// Columns between glyphs: half a pixel, so that two digits fit the 13
    /// columns a count has at 80×24.
    fn gap(px: usize) -> usize {
        (px / 2).max(1)
    }

    /// Columns and rows `chars` glyphs take with pixels of `px`×`py` cells.
    pub fn size(chars: usize, px: usize, py: usize) -> (usize, usize) {
        (chars * 3 * px + chars.saturating_sub(1) * gap(px), 5 * py)
    }

    /// The largest pixel size that fits `max_w`×`max_h`: 2s×s cells, or 1×1 as
    /// the smallest; `None` when even that does not fit.
    pub fn scale(chars: usize, max_w: usize, max_h: usize) -> Option<(usize, usize)> {
        (1..=32)
            .rev()
            .map(|s| (2 * s, s))
            .chain([(1, 1)])
            .find(|&(px, py)| {
                let (w, h) = size(chars, px, py);
                w <= max_w && h <= max_h
            })
    }

    /// Draws `text` with its top-left corner at (x, y). Only the lit pixels are
    /// written, so the background shows between them.
    pub fn draw(
        ui: &Ui,
        buf: &mut Buffer,
        x: u16,
        y: u16,
        text: &str,
        (px, py): (usize, usize),
        style: Style,
    ) {
        let block = ui.t("█");
        let area = buf.area;
        for (i, c) in text.chars().enumerate() {
            let g = glyph(c);
            let gx = x as usize + i * (3 * px + gap(px));
            for (row, bits) in g.iter().enumerate() {
                for col in 0..3 {
                    if bits >> (2 - col) & 1 == 0 {
                        continue;
                    }
                    for dy in 0..py {
                        let cy = y as usize + row * py + dy;
                        for dx in 0..px {
                            let cx = gx + col * px + dx;
                            if cx < area.right() as usize && cy < area.bottom() as usize {
                                buf[(cx as u16, cy as u16)]
                                    .set_symbol(&block)
                                    .set_style(style);
                            }
                        }
                    }
                }
            }
        }
    }
}
