//! The state's side of the layout: how far PgUp/PgDn go (the height of the pane
//! that has the keyboard at the terminal's size), where each list starts so its
//! selection stays in sight, and how far a task's detail scrolls. The views read
//! these; nothing is written back from drawing.

use crate::tui::app::{App, Focus, Tab};
use crate::tui::layout::{self, inner_height, inner_width, scroll};
use ratatui::layout::Rect;

impl App {
    /// The body of the main screen at the terminal's size.
    fn body(&self) -> Rect {
        layout::screen(self.area)[1]
    }

    /// The selected goal's document pane, when PgUp/PgDn scroll it: on the Goals
    /// tab with the goal list in focus (↑/↓ pick the goal, pages read it).
    fn goal_pane(&self) -> Option<(usize, Rect)> {
        let on_goals = self.tab() == Tab::Goals
            && self.focus() == Focus::Entities
            && self.view.detail.is_none()
            && self.view.problems.is_none()
            && self.sel() < self.reg.goals.len();
        if !on_goals {
            return None;
        }
        let pane = layout::entities(self, self.body(), Tab::Goals).goal?;
        Some((self.sel(), pane))
    }

    /// How many rows PgUp/PgDn move in the pane that has the keyboard.
    pub fn page(&self) -> usize {
        let body = self.body();
        let rows = if let Some((_, pane)) = self.goal_pane() {
            inner_height(pane)
        } else if self.view.detail.is_some() {
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
    pub(in crate::tui) fn page_by(&mut self, dir: isize) {
        if let Some((g, pane)) = self.goal_pane() {
            let len = crate::tui::view::goals::document_len(self, g, inner_width(pane));
            let max = len.saturating_sub(inner_height(pane));
            self.scroll.goal = (self.scroll.goal as isize + dir * self.page() as isize)
                .clamp(0, max as isize) as usize;
            return;
        }
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
        if tab == Tab::Goals && self.scroll.goal_of != self.sel() {
            self.scroll.goal = 0;
            self.scroll.goal_of = self.sel();
        }
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
    pub(in crate::tui) fn move_in_detail(&mut self, delta: isize) {
        let Some(mut d) = self.view.detail else {
            return;
        };
        let body = self.body();
        let (h, w) = (inner_height(body), inner_width(body));
        if delta >= TO_AN_END {
            // End: laid out from the oldest entry up (see `Detail::from_end`).
            d.from_end = true;
            d.scroll = 0;
        } else if delta <= -TO_AN_END {
            d.from_end = false;
            d.scroll = 0;
        } else if d.from_end && delta.abs() > 1 {
            d.scroll = (d.scroll as isize).saturating_sub(delta).max(0) as usize;
        } else {
            if d.from_end {
                // The links are at the top: ↑/↓ go back to reading from there.
                d.from_end = false;
                d.scroll = 0;
            }
            self.move_from_top(&mut d, delta, h, w);
        }
        if d.from_end {
            // Measured only as far up as it is read; a detail that fits in that
            // is counted from the top again, as any short one is.
            let need = d.scroll.saturating_add(h + 1);
            let (len, whole) = crate::tui::view::detail::measure_tail(self, d, w, need);
            if whole {
                d.from_end = false;
                d.scroll = len.saturating_sub(h).saturating_sub(d.scroll);
            }
        }
        self.view.detail = Some(d);
    }

    /// A move in a detail read from the top.
    fn move_from_top(&self, d: &mut crate::tui::app::Detail, delta: isize, h: usize, w: usize) {
        // The detail is measured only as far as this key can scroll: a long
        // history is not built past it.
        let need = d
            .scroll
            .saturating_add(delta.max(0).unsigned_abs())
            .saturating_add(h + 1);
        let (len, _) = crate::tui::view::detail::measure(self, *d, w, need);
        let max = len.saturating_sub(h);
        if delta.abs() == 1 {
            let n = self.links(d.task).len();
            if n > 0 {
                d.link = (d.link as isize + delta).clamp(0, n as isize - 1) as usize;
            }
            let (_, line) = crate::tui::view::detail::measure(self, *d, w, need);
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
    }
}

/// A move this long goes to an end (Home and End move by half of `isize::MAX`).
const TO_AN_END: isize = isize::MAX / 4;

#[cfg(test)]
mod tests {
    use crate::lang::Lang;
    use crate::tui::app::{Command, Tab};
    use crate::tui::tests::{app, screen_sized};

    /// The rows of the screen's box whose title starts with `title`, inside it.
    fn box_rows(screen: &str, title: &str) -> Vec<String> {
        let lines: Vec<&str> = screen.lines().collect();
        let top = lines
            .iter()
            .position(|l| l.starts_with(&format!("┌ {title}")))
            .unwrap_or_else(|| panic!("no box {title}:\n{screen}"));
        lines[top + 1..]
            .iter()
            .take_while(|l| !l.starts_with('└'))
            .map(|l| l.to_string())
            .collect()
    }

    #[test]
    fn pgdn_moves_a_screenful_of_the_list_at_the_terminals_size_before_any_draw() {
        for (w, h) in [(80, 24), (200, 30)] {
            let mut a = app(Lang::En, "");
            a.resize(w, h);
            a.update(Command::GoTab(Tab::Units));
            a.update(Command::PageDown);
            let shown = screen_sized(&a, w, h);
            let rows = box_rows(&shown, "Units");
            let sel = rows.iter().position(|r| r.starts_with("│▸")).unwrap();
            // A page is a screenful less one row: from the top, the last row shown,
            // and the list has not moved.
            assert_eq!(sel, rows.len() - 1, "at {w}x{h}:\n{shown}");
            assert_eq!(a.sel(), rows.len() - 1, "{w}x{h}");
            let first = &a.reg.units[0].name;
            assert!(rows[0].replace(' ', "").contains(first.as_str()), "{shown}");
        }
    }

    #[test]
    fn a_list_keeps_its_place_while_the_selection_moves_within_it() {
        let mut a = app(Lang::En, "");
        a.resize(80, 24);
        a.update(Command::GoTab(Tab::Units));
        for _ in 0..30 {
            a.update(Command::Down);
        }
        let first = box_rows(&screen_sized(&a, 80, 24), "Units")[0].clone();
        a.update(Command::Up);
        a.update(Command::Up);
        let shown = screen_sized(&a, 80, 24);
        assert_eq!(box_rows(&shown, "Units")[0], first, "{shown}");
    }

    /// Issue 11, item 7: at 80×24 a goal showed 5 of its 8 clauses with no marker,
    /// PgDn jumped to the next goal, and its history was never shown.
    #[test]
    fn a_goal_scrolls_as_a_document_down_to_its_history() {
        let mut a = app(Lang::Zh, "");
        a.resize(80, 24);
        let now = a.now;
        a.reg.write().goals[0]
            .history
            .push(crate::registry::HistoryEntry {
                at: now,
                by: "liwei".into(),
                field: "note".into(),
                from: None,
                to: None,
                note: Some("目标推进会已召开".into()),
                source: None,
                undo: false,
            });
        a.update(Command::GoTab(Tab::Goals));
        let last = "第四极";
        // The test screen shows a wide character's second cell as a space.
        let screen = |a: &crate::tui::app::App| screen_sized(a, 80, 24).replace(' ', "");
        let shown = screen(&a);
        assert!(!shown.contains(last), "{shown}");
        assert!(
            shown.contains("2025年目标1-6/"),
            "a marker says there is more:\n{shown}"
        );
        let mut seen = String::new();
        for _ in 0..6 {
            a.update(Command::PageDown);
            seen.push_str(&screen(&a));
        }
        assert_eq!(
            a.sel(),
            0,
            "PgDn reads the goal, it does not move to the next"
        );
        assert!(seen.contains(last), "{seen}");
        assert!(seen.contains("目标推进会已召开"), "{seen}");
        assert!(seen.contains("liwei备注"), "{seen}");
        // Another goal starts at its top.
        a.update(Command::Down);
        let shown = screen(&a);
        assert!(shown.contains("2035年目标1-"), "{shown}");
    }

    /// Issue 11, item 11: a long name cut the task list's count and filters.
    #[test]
    fn a_task_lists_title_keeps_its_count_and_filters_and_shortens_the_name() {
        let mut a = app(Lang::Zh, "");
        a.resize(80, 24);
        for c in [
            Command::GoTab(Tab::Sections),
            Command::Open,
            Command::PastDue,
            Command::Stale,
            Command::Sort,
        ] {
            a.update(c);
        }
        let shown = screen_sized(&a, 80, 24).replace(' ', "");
        let title = shown
            .lines()
            .find(|l| l.starts_with("┌任务"))
            .unwrap_or_else(|| panic!("{shown}"));
        for part in ["已逾期", "30天未更新", "按状态", "1/9"] {
            assert!(title.contains(part), "{part} in {title}");
        }
        assert!(title.contains('…'), "the name gave way: {title}");
    }
}
