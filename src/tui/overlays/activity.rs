//! The activity view (`A`): every edit of the plan, newest first — when, who (姓名 and
//! 单位 from the people list), the task, the change, the note — as `dubang log` lists
//! them. A popup over the screen: ↑/↓ and pages move, Enter opens the edit's task
//! (or goal) where Esc comes back from, Esc or `A` closes it.

use crate::registry::activity::{Activity, ActivityFilter, Subject, activity};
use crate::search::Kind;
use crate::text::width;
use crate::tui::app::{App, Command};
use crate::tui::edit::Mode;
use crate::tui::keys::Context;
use crate::tui::view::{Ui, centered, clear_wide_edges};
use crate::words::activity as say;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

/// The view's state: the selected edit and the first one shown (moved with the keys,
/// by the terminal's size the App knows, so that the list moves only when the
/// selection leaves it; drawing writes nothing back).
#[derive(Debug, Clone, Default)]
pub struct ActivityView {
    pub sel: usize,
    offset: usize,
}

/// Where the view sits on a screen of `area` listing `n` edits: up to 120 columns
/// wide, as tall as the edits need, a row above and below left free.
fn rect(n: usize, area: Rect) -> Rect {
    let want = n.max(1) as u16 + 2;
    centered(
        area,
        area.width.saturating_sub(4).min(120),
        want.min(area.height.saturating_sub(2)),
    )
}

impl App {
    /// The edits the view lists, newest first.
    pub fn activity(&self) -> Vec<Activity<'_>> {
        activity(&self.reg, &ActivityFilter::default())
    }

    pub(crate) fn open_activity(&mut self) {
        self.mode = Mode::Activity(ActivityView::default());
    }

    /// A key of the `activity_view` context; whether the screen changed.
    pub(crate) fn activity_command(&mut self, cmd: Option<Command>) -> bool {
        let n = self.activity().len();
        let visible = crate::tui::layout::inner_height(rect(n, self.area));
        let Mode::Activity(v) = &mut self.mode else {
            return false;
        };
        let page = crate::tui::layout::page(visible) as isize;
        let delta = match cmd {
            Some(Command::Up) => -1,
            Some(Command::Down) => 1,
            Some(Command::PageUp) => -page,
            Some(Command::PageDown) => page,
            Some(Command::Top) => isize::MIN / 2,
            Some(Command::Bottom) => isize::MAX / 2,
            Some(Command::Cancel) => {
                self.mode = Mode::Normal;
                return true;
            }
            Some(Command::Confirm) => {
                let sel = v.sel;
                let Some(subject) = self.activity().get(sel).map(|a| a.subject) else {
                    return false;
                };
                self.mode = Mode::Normal;
                let (kind, index) = match subject {
                    Subject::Task(i) => (Kind::Task, i),
                    Subject::Goal(i) => (Kind::Goal, i),
                };
                self.jump_to_entity(kind, index);
                return true;
            }
            _ => return false,
        };
        v.sel = (v.sel as isize)
            .saturating_add(delta)
            .clamp(0, n.saturating_sub(1) as isize) as usize;
        v.offset = crate::tui::layout::scroll(v.offset, v.sel, visible, n);
        true
    }
}

/// The hint line while the view is open.
pub fn hint(ui: &Ui) -> String {
    let open = ui.key(Context::Activity, Command::Confirm);
    let close = ui.key(Context::Activity, Command::Cancel);
    crate::words::screen::activity::hint(ui.app.lang, [&open, &close])
}

impl ActivityView {
    pub fn draw(&self, f: &mut Frame, ui: &Ui, area: Rect) {
        let app = ui.app;
        let all = app.activity();
        let rect = rect(all.len(), area);
        clear_wide_edges(f.buffer_mut(), rect);
        f.render_widget(Clear, rect);
        let count = if all.is_empty() {
            String::new()
        } else {
            format!(" {}/{}", self.sel + 1, all.len())
        };
        let block = ui.block(&format!("{}{count}", ui.w().activity.title), true);
        let inner = block.inner(rect);
        f.render_widget(block, rect);
        let (cols, rows) = (inner.width as usize, inner.height as usize);
        if all.is_empty() {
            let line = Line::from(ui.cell(ui.w().activity.empty, cols, ui.theme.dim));
            f.render_widget(Paragraph::new(line), inner);
            return;
        }
        // The same rule as the keys used: a resize since then is followed at once.
        let off = crate::tui::layout::scroll(self.offset, self.sel, rows, all.len());
        let shown: Vec<[String; 5]> = all
            .iter()
            .skip(off)
            .take(rows)
            .map(|a| say::row(app.lang, &app.reg, a))
            .collect();
        let who = who_width(&shown);
        let lines: Vec<Line> = shown
            .iter()
            .enumerate()
            .map(|(k, r)| {
                let style = if off + k == self.sel {
                    ui.theme.selected
                } else {
                    ui.theme.base
                };
                Line::from(row_spans(ui, r, cols, who, style))
            })
            .collect();
        f.render_widget(Paragraph::new(lines), inner);
    }
}

/// The width of the who column for these rows: the widest name, 4 to 20 columns, so
/// that the columns after it line up.
pub fn who_width(rows: &[[String; 5]]) -> usize {
    rows.iter()
        .map(|r| width(&r[1]))
        .max()
        .unwrap_or(0)
        .clamp(4, 20)
}

/// One edit in `cols` columns: when and who always; the task, the change and the
/// note share what is left (the note only on wide screens).
pub fn row_spans(
    ui: &Ui,
    r: &[String; 5],
    cols: usize,
    who: usize,
    style: ratatui::style::Style,
) -> Vec<Span<'static>> {
    let when = 16.min(cols);
    let who = who.min(cols.saturating_sub(when + 1));
    let rest = cols.saturating_sub(when + who + 2);
    // Wide screens: the task and the change get what they need, the note the rest.
    let task = (rest * 2 / 5).max(rest.min(12)).min(rest).min(36);
    let change = rest.saturating_sub(task + 1).min(30);
    let note = rest.saturating_sub(task + change + 2);
    let note = if note >= 6 { note } else { 0 };
    let mut out = vec![
        ui.cell(&r[0], when, style),
        Span::styled(" ", style),
        ui.cell(&r[1], who, style),
        Span::styled(" ", style),
        ui.cell(&r[2], task, style),
    ];
    if change > 0 {
        out.push(Span::styled(" ", style));
        out.push(ui.cell(&r[3], change, style));
    }
    if note > 0 {
        out.push(Span::styled(" ", style));
        out.push(ui.cell(&r[4], note, style));
    }
    out
}
