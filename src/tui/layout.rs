//! Where each pane of the dashboard sits, as a pure function of the terminal's
//! size and the state. The views draw into these rectangles and the state pages
//! and scrolls by them, so PgDn moves as far as the list on screen is tall without
//! the views writing anything back.

use super::app::{App, Tab};
use ratatui::layout::{Constraint, Layout, Rect};

/// Smallest terminal the dashboard draws in.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;
/// From this width on, lists and the task list sit side by side.
pub const WIDE: u16 = 120;

/// The four bands of the screen: tabs, body, key hints, status line.
pub fn screen(area: Rect) -> [Rect; 4] {
    Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area)
}

/// Whether the dashboard has room to draw (else it says how big it must be).
pub fn fits(area: Rect) -> bool {
    area.width >= MIN_WIDTH && area.height >= MIN_HEIGHT
}

/// The panes of a Sections, Units, Towns or Goals tab.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entities {
    pub list: Rect,
    /// The selected goal's document (Goals tab).
    pub goal: Option<Rect>,
    pub tasks: Rect,
    /// The selected task's detail beside the list (wide and tall screens).
    pub detail: Option<Rect>,
}

/// Lays out a Sections, Units, Towns or Goals tab in its body.
pub fn entities(app: &App, area: Rect, tab: Tab) -> Entities {
    let task = app
        .selected_task()
        .or_else(|| app.current_rows().first().map(|r| r.task));
    let goal = (tab == Tab::Goals && app.sel() < app.reg.goals.len()).then_some(app.sel());
    if area.width >= WIDE {
        let [left, right] =
            Layout::horizontal([Constraint::Percentage(40), Constraint::Percentage(60)])
                .areas(area);
        let (list, goal) = match goal {
            Some(_) => {
                let list_h = (app.entity_count(tab) as u16 + 2).min(left.height / 3);
                let [a, b] =
                    Layout::vertical([Constraint::Length(list_h), Constraint::Fill(1)]).areas(left);
                (a, Some(b))
            }
            None => (left, None),
        };
        let (tasks, detail) = match task {
            Some(_) if area.height >= 24 => {
                let [top, bottom] =
                    Layout::vertical([Constraint::Percentage(45), Constraint::Percentage(55)])
                        .areas(right);
                (top, Some(bottom))
            }
            _ => (right, None),
        };
        Entities {
            list,
            goal,
            tasks,
            detail,
        }
    } else {
        // Stacked: the entity list gets what it needs (up to about half the body),
        // the goal's document up to half the rest, the tasks what remains.
        let want = app.entity_count(tab) as u16 + 2;
        let top = want.clamp(4, (area.height / 2).max(4));
        let goal_rows = goal.map_or(0, |g| {
            let w = area.width.saturating_sub(2) as usize;
            super::view::goals::document_len(app, g, w) as u16 + 2
        });
        let panel = goal_rows.min(area.height.saturating_sub(top) / 2);
        let [a, p, b] = Layout::vertical([
            Constraint::Length(top),
            Constraint::Length(panel),
            Constraint::Fill(1),
        ])
        .areas(area);
        Entities {
            list: a,
            goal: goal.map(|_| p),
            tasks: b,
            detail: None,
        }
    }
}

/// The Overview's panes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Overview {
    pub head: Rect,
    pub sections: Rect,
    /// What needs attention, recent updates, safeguards: on a tall screen.
    pub digest: Option<Rect>,
    pub goals: Rect,
}

/// The Overview: the head, the section list (and the digest under it when the
/// screen is tall), the goals.
pub fn overview(app: &App, area: Rect) -> Overview {
    let goals_h = (app.reg.goals.len() as u16 + 2).min(area.height / 3);
    let [head, sections, goals] = Layout::vertical([
        Constraint::Length(5),
        Constraint::Fill(1),
        Constraint::Length(goals_h),
    ])
    .areas(area);
    // A tall screen: the sections take what they need and the rows under them
    // show what needs attention, the latest updates and the safeguards.
    let need = app.reg.sections.len() as u16 + 2;
    let (sections, digest) = if sections.height >= need + super::view::digest::MIN_ROWS {
        let [s, d] =
            Layout::vertical([Constraint::Length(need), Constraint::Fill(1)]).areas(sections);
        (s, Some(d))
    } else {
        (sections, None)
    };
    Overview {
        head,
        sections,
        digest,
        goals,
    }
}

/// The problem list and, under it, the selected task's latest news.
pub fn problems(area: Rect) -> [Rect; 2] {
    Layout::vertical([Constraint::Fill(1), Constraint::Length(4)]).areas(area)
}

/// Rows inside a bordered box.
pub fn inner_height(r: Rect) -> usize {
    r.height.saturating_sub(2) as usize
}

/// Columns inside a bordered box.
pub fn inner_width(r: Rect) -> usize {
    r.width.saturating_sub(2) as usize
}

/// How far PgUp/PgDn move in a list or text this tall: a screenful less one row,
/// so the row at the edge stays in sight.
pub fn page(rows: usize) -> usize {
    rows.saturating_sub(1).max(1)
}

/// A document's first shown row after a movement command (↑↓, PgUp/PgDn by `page`,
/// Home/End), never past `max` so that the way back up is as long as the way down;
/// `None` for any other command.
pub fn scroll_by(
    scroll: usize,
    cmd: super::app::Command,
    page: usize,
    max: usize,
) -> Option<usize> {
    use super::app::Command;
    let to = match cmd {
        Command::Up => scroll.saturating_sub(1),
        Command::Down => scroll + 1,
        Command::PageUp => scroll.saturating_sub(page),
        Command::PageDown => scroll + page,
        Command::Top => 0,
        Command::Bottom => usize::MAX,
        _ => return None,
    };
    Some(to.min(max))
}

/// Keeps a list's first shown row so that the selection stays in view, moving
/// only as far as needed.
pub fn scroll(offset: usize, selected: usize, height: usize, len: usize) -> usize {
    if height == 0 || len <= height {
        return 0;
    }
    let max = len - height;
    let off = if selected < offset {
        selected
    } else if selected >= offset + height {
        selected + 1 - height
    } else {
        offset
    };
    off.min(max)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scroll_moves_only_when_needed() {
        assert_eq!(scroll(0, 3, 10, 30), 0);
        assert_eq!(scroll(0, 12, 10, 30), 3);
        assert_eq!(scroll(3, 8, 10, 30), 3);
        assert_eq!(scroll(3, 2, 10, 30), 2);
        assert_eq!(scroll(25, 29, 10, 30), 20);
        assert_eq!(scroll(5, 0, 10, 8), 0);
    }
}
