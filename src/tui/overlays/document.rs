//! What the overlays that read as a document share (the help, the message log,
//! the safeguard measures): what a key does to their scroll, and the position
//! their title shows.

use crate::tui::app::Command;
use crate::tui::layout::{page, scroll_by};

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
