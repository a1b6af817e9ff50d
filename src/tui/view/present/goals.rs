//! The goals slide: each goal with its due date and roll-up.

use super::*;

/// The goals side by side (stacked when narrow): each with its due date (past
/// due stands out), status, roll-up, and its targets with their own roll-ups.
pub(super) fn goals(ui: &Ui, buf: &mut Buffer, body: Rect) {
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
