//! What the overlays that read as a document share (the help, the message log,
//! the safeguard measures): where one sits with its lines laid out once, what a
//! key does to its scroll, and the position its title shows.

use crate::tui::app::Command;
use crate::tui::layout::{page, scroll_by};
use crate::tui::view::centered;
use ratatui::layout::Rect;

/// What a key did in a document overlay.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Closed,
    Scrolled,
    Ignored,
}

/// A key in a document showing `visible` lines that scrolls as far as `max`: one
/// of `closes` closes it, the movement commands scroll it (clamped to its end),
/// anything else is ignored so a stray key does not act behind it.
pub fn key(
    scroll: &mut usize,
    cmd: Command,
    closes: &[Command],
    visible: usize,
    max: usize,
) -> Outcome {
    if closes.contains(&cmd) {
        return Outcome::Closed;
    }
    match scroll_by(*scroll, cmd, page(visible), max) {
        Some(to) => {
            *scroll = to;
            Outcome::Scrolled
        }
        None => Outcome::Ignored,
    }
}

/// " 2/9 ↑↓" after the title of a document that scrolls; nothing when it fits.
pub fn position(scroll: usize, max: usize) -> String {
    if max > 0 {
        format!(" {}/{} ↑↓", scroll + 1, max + 1)
    } else {
        String::new()
    }
}

/// A document overlay placed on a screen, its lines laid out once at its width.
pub struct Placed<T> {
    pub rect: Rect,
    /// Columns inside the borders.
    pub cols: usize,
    pub lines: Vec<T>,
    /// Lines shown at once.
    pub visible: usize,
    /// The furthest it scrolls.
    pub max: usize,
}

/// Places a document on a screen of `area`: as wide as the screen allows (up to
/// 100 columns), as tall as the lines `lay_out` makes at that width need, with the
/// tab bar and the status lines in sight.
pub fn place<T>(area: Rect, lay_out: impl FnOnce(usize) -> Vec<T>) -> Placed<T> {
    let w = area.width.saturating_sub(4).min(100);
    let lines = lay_out(w.saturating_sub(2) as usize);
    let n = u16::try_from(lines.len().max(1)).unwrap_or(u16::MAX);
    let h = n
        .saturating_add(2)
        .min(area.height.saturating_sub(4))
        .max(3);
    let rect = centered(area, w, h);
    let visible = rect.height.saturating_sub(2) as usize;
    Placed {
        rect,
        cols: rect.width.saturating_sub(2) as usize,
        max: lines.len().saturating_sub(visible),
        lines,
        visible,
    }
}
