//! The goals slide: each goal with its due date and roll-up, its targets
//! continued on further pages when they do not all fit.

use super::*;

/// Where the goals' panels go in `body`: columns, rows, column width, rows
/// between panel rows, panel height.
fn grid(n: usize, body: Rect) -> (usize, usize, usize, usize, usize) {
    let (bw, bh) = (body.width as usize, body.height as usize);
    let cols = if bw >= 120 { n.min(3) } else { 1 };
    let rows = n.div_ceil(cols);
    let col_w = (bw - (cols - 1) * COL_GAP * 2) / cols;
    let row_gap = if rows > 1 { (bh / 20).clamp(1, 3) } else { 0 };
    let panel_h = bh.saturating_sub((rows - 1) * row_gap) / rows;
    (cols, rows, col_w, row_gap, panel_h)
}

/// Pages the goals' targets take: as many as the goal that needs most.
pub(super) fn pages(ui: &Ui, body: Rect) -> usize {
    let n = ui.app.reg.goals.len();
    if n == 0 {
        return 1;
    }
    let (_, _, col_w, _, panel_h) = grid(n, body);
    (0..n)
        .map(|g| plan_goal(ui, g, col_w, panel_h).pages.len())
        .max()
        .unwrap_or(1)
}

/// The goals side by side (stacked when narrow): each with its due date (past
/// due stands out), status, roll-up, and page `pg` of its targets with their
/// own roll-ups.
pub(super) fn goals(ui: &Ui, buf: &mut Buffer, body: Rect, pg: usize) {
    let n = ui.app.reg.goals.len();
    let (bw, bh) = (body.width as usize, body.height as usize);
    if n == 0 {
        put(
            buf,
            body.x,
            body.y,
            vec![cell(ui, ui.w().present.no_goals, bw, ui.theme.dim)],
        );
        return;
    }
    let (cols, rows, col_w, row_gap, panel_h) = grid(n, body);
    let col_gap = COL_GAP * 2;
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
            goal_panel(ui, buf, rect, g, &plans[g], pg);
        }
        y += (h + row_gap) as u16;
    }
}

/// How a goal's panel is laid out in `w`×`h`: the year's big digits if they fit,
/// the rows each target takes (its text wrapped), which targets go on which
/// page, and the rows between them.
struct GoalPlan {
    year: Option<(usize, usize)>,
    /// The items on each page.
    pages: Vec<std::ops::Range<usize>>,
    gap: usize,
    height: usize,
}

impl GoalPlan {
    fn page(&self, pg: usize) -> std::ops::Range<usize> {
        self.pages.get(pg).cloned().unwrap_or(0..0)
    }
}

/// Rows of a panel above its targets: name, due date, roll-up, a blank.
const GOAL_HEAD: usize = 4;
/// Rows a target's text may wrap to.
const TARGET_LINES: usize = 4;
/// Columns of a target row's right part: numbers, and a bar when wide.
const NUMS_W: usize = 12;

fn bar_w(w: usize) -> usize {
    if w >= 80 { 12 } else { 0 }
}

/// "(一)(二)": the sections a target is measured on.
fn target_sections(ui: &Ui, t: &crate::registry::Target) -> (Vec<usize>, String) {
    let app = ui.app;
    let secs: Vec<usize> = t
        .sections
        .iter()
        .filter_map(|id| app.ix.section(id))
        .collect();
    let label = secs
        .iter()
        .map(|&s| format!("({})", app.reg.sections[s].numeral))
        .collect();
    (secs, label)
}

/// Columns of a target's sections and of its text in a `w` wide panel.
fn target_widths(secs: &str, w: usize) -> (usize, usize) {
    let bw = bar_w(w);
    let right = NUMS_W + bw + usize::from(bw > 0);
    let secs_w = if w >= 60 { width(secs).min(w / 4) } else { 0 };
    let text_w = w.saturating_sub(2 + right + secs_w + 2 * usize::from(secs_w > 0) + 1);
    (secs_w, text_w)
}

/// A target's text as the lines it is drawn on.
fn target_text(ui: &Ui, t: &crate::registry::Target, w: usize) -> Vec<String> {
    let (_, secs) = target_sections(ui, t);
    let (_, text_w) = target_widths(&secs, w);
    let mut lines = wrap(&t.text, text_w.max(2));
    if lines.len() > TARGET_LINES {
        lines.truncate(TARGET_LINES);
        let last = lines[TARGET_LINES - 1].clone();
        lines[TARGET_LINES - 1] = truncate(&format!("{last}……"), text_w.max(2));
    }
    lines
}

fn plan_goal(ui: &Ui, g: usize, w: usize, h: usize) -> GoalPlan {
    let goal = &ui.app.reg.goals[g];
    let lines: Vec<usize> = if goal.targets.is_empty() {
        vec![1; wrap(&goal.text, w.max(1)).len()]
    } else {
        goal.targets
            .iter()
            .map(|t| target_text(ui, t, w).len().max(1))
            .collect()
    };
    let all: usize = lines.iter().sum();
    let year = goal
        .horizon
        .as_deref()
        .filter(|y| !y.is_empty() && y.chars().all(|c| c.is_ascii_digit()))
        .and_then(|y| {
            let budget = (h / 4).min(h.saturating_sub(GOAL_HEAD + all + 1));
            big::scale(y.chars().count(), w * 2 / 3, budget).filter(|&(px, _)| px >= 2)
        });
    let year_h = year.map_or(0, |(_, py)| 5 * py + py.min(2));
    let room = h.saturating_sub(year_h + GOAL_HEAD);
    let n = lines.len();
    let gap = usize::from(!goal.targets.is_empty() && all + n.saturating_sub(1) <= room && h >= 30);
    // Pages: as many whole targets as fit, in order.
    let mut pages = Vec::new();
    let mut start = 0;
    let mut used = 0;
    let mut tallest = 0;
    for (k, &l) in lines.iter().enumerate() {
        let need = l + if k > start { gap } else { 0 };
        if k > start && used + need > room {
            pages.push(start..k);
            tallest = tallest.max(used);
            start = k;
            used = l.min(room);
        } else {
            used += need;
        }
    }
    if room > 0 && start < n {
        pages.push(start..n);
        tallest = tallest.max(used);
    }
    let height = (year_h + GOAL_HEAD + tallest).min(h);
    GoalPlan {
        year,
        pages,
        gap,
        height,
    }
}

fn goal_panel(ui: &Ui, buf: &mut Buffer, area: Rect, g: usize, plan: &GoalPlan, pg: usize) {
    let app = ui.app;
    let reg = &app.reg;
    let goal = &reg.goals[g];
    let r = app.ix.goal_rollup(g);
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
        let due_word = ui.w().present.due;
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
        ui.w().present.done,
        r.done(),
        r.total()
    );
    let nw = width(&nums).min(w / 2);
    let mut spans = bar_spans(ui, r.share_done(), w - nw);
    spans.push(cell(ui, &nums, nw, ui.theme.base));
    put(buf, area.x, y, spans);
    y += 2;

    // Each target with its sections and roll-up; the goal's text when it has none.
    let range = plan.page(pg);
    if goal.targets.is_empty() {
        for line in wrap(&goal.text, w)
            .into_iter()
            .skip(range.start)
            .take(range.len())
        {
            put(buf, area.x, y, vec![cell(ui, &line, w, ui.theme.base)]);
            y += 1;
        }
        return;
    }
    let bar_w = bar_w(w);
    for t in &goal.targets[range] {
        if y >= bottom {
            break;
        }
        let (secs, label) = target_sections(ui, t);
        let mut tasks: Vec<usize> = secs.iter().flat_map(|&s| app.ix.section_tasks(s)).collect();
        tasks.sort_unstable();
        tasks.dedup();
        let tr = Rollup::of(reg, tasks);
        let nums = format!("{:>3}% {:>2}/{:<2}", percent(&tr), tr.done(), tr.total());
        let (secs_w, text_w) = target_widths(&label, w);
        let text = target_text(ui, t, w);
        let mut spans = vec![
            cell(ui, "- ", 2.min(w), ui.theme.dim),
            cell(
                ui,
                text.first().map_or("", |l| l.as_str()),
                text_w,
                ui.theme.base,
            ),
        ];
        if secs_w > 0 {
            spans.push(Span::raw("  "));
            spans.push(cell(ui, &label, secs_w, ui.theme.accent));
        }
        spans.push(Span::raw(" "));
        if bar_w > 0 {
            spans.extend(bar_spans(ui, tr.share_done(), bar_w));
            spans.push(Span::raw(" "));
        }
        spans.push(cell(ui, &nums, NUMS_W, ui.theme.base));
        put(buf, area.x, y, fit_spans(ui, spans, w));
        // The rest of the text under the first line, indented like it.
        for line in text.iter().skip(1) {
            y += 1;
            if y >= bottom {
                break;
            }
            let spans = vec![Span::raw("  "), cell(ui, line, text_w, ui.theme.base)];
            put(buf, area.x, y, fit_spans(ui, spans, w));
        }
        y += 1 + plan.gap as u16;
    }
}
