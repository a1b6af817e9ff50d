//! The state's side of the layout: how far PgUp/PgDn go (the height of the pane
//! that has the keyboard at the terminal's size), where each list starts so its
//! selection stays in sight, and how far a task's detail scrolls. The views read
//! these; nothing is written back from drawing.

use super::app::{App, Focus, Tab};
use super::layout::{self, inner_height, inner_width, scroll};
use ratatui::layout::Rect;

impl App {
    /// The body of the main screen at the terminal's size.
    fn body(&self) -> Rect {
        layout::screen(self.area)[1]
    }

    /// How many rows PgUp/PgDn move in the pane that has the keyboard.
    pub fn page(&self) -> usize {
        let body = self.body();
        let rows = if self.view.detail.is_some() {
            inner_height(body)
        } else if self.view.problems.is_some() {
            inner_height(layout::problems(body)[0])
        } else if self.tab() == Tab::Overview {
            inner_height(layout::overview(self, body).sections)
        } else {
            let panes = layout::entities(self, body, self.tab());
            match self.focus() {
                Focus::Entities => inner_height(panes.list),
                Focus::Tasks => self.task_rows_shown(panes.tasks),
            }
        };
        layout::page(rows)
    }

    /// Rows of tasks the task list in `area` shows (its header takes one when it
    /// has one).
    fn task_rows_shown(&self, area: Rect) -> usize {
        let headed = crate::tui::view::entities_task_list_headed(self, area);
        inner_height(area) - usize::from(headed)
    }

    /// PgUp (-1) or PgDn (1): a page of the pane that has the keyboard.
    pub(super) fn page_by(&mut self, dir: isize) {
        self.move_by(dir * self.page() as isize);
    }

    /// Moves the lists on screen so their selections are in sight, as little as
    /// needed (after every command, and when the terminal is resized).
    pub fn settle_scroll(&mut self) {
        if !layout::fits(self.area) || self.view.detail.is_some() || self.view.problems.is_some() {
            return;
        }
        let body = self.body();
        let tab = self.tab();
        if tab == Tab::Overview {
            let h = inner_height(layout::overview(self, body).sections);
            let len = self.reg.sections.len();
            self.scroll.entities = scroll(self.scroll.entities, self.sel(), h, len);
            return;
        }
        let panes = layout::entities(self, body, tab);
        let visible = self.visible_entities(tab);
        let pos = visible
            .iter()
            .position(|(e, _)| *e == self.sel())
            .unwrap_or(0);
        let h = inner_height(panes.list);
        self.scroll.entities = scroll(self.scroll.entities, pos, h, visible.len());
        let h = self.task_rows_shown(panes.tasks);
        let len = self.current_rows().len();
        self.scroll.tasks = scroll(self.scroll.tasks, self.task_sel(), h, len);
    }

    /// ↑/↓ in a task's detail move the selected link and bring it into sight;
    /// pages and ends scroll the whole text, down to its oldest history.
    pub(super) fn move_in_detail(&mut self, delta: isize) {
        let Some(mut d) = self.view.detail else {
            return;
        };
        let body = self.body();
        let (h, w) = (inner_height(body), inner_width(body));
        let (len, _) = super::view::detail::measure(self, d, w);
        let max = len.saturating_sub(h);
        if delta.abs() == 1 {
            let n = self.links(d.task).len();
            if n > 0 {
                d.link = (d.link as isize + delta).clamp(0, n as isize - 1) as usize;
            }
            let (_, line) = super::view::detail::measure(self, d, w);
            if let Some(l) = line {
                if l < d.scroll {
                    d.scroll = l;
                } else if l >= d.scroll + h {
                    d.scroll = l + 1 - h;
                }
            }
            d.scroll = d.scroll.min(max);
        } else {
            d.scroll = (d.scroll as isize)
                .saturating_add(delta)
                .clamp(0, max as isize) as usize;
        }
        self.view.detail = Some(d);
    }
}
