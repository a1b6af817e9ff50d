//! The bytes of a cursor move and of a pen change (colours and attributes), each
//! the shortest of the forms that do the same thing. Pure functions over byte
//! vectors, so the backend can weigh one way of reaching a cell against another
//! before it writes anything.

use crossterm::style::Colored;
use ratatui::backend::IntoCrossterm;
use ratatui::buffer::Cell;
use ratatui::layout::Position;
use ratatui::style::{Color, Modifier};
use std::io::Write;

/// Colours and attributes a character is printed with.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Pen {
    pub fg: Color,
    pub bg: Color,
    pub modifier: Modifier,
}

/// The terminal's pen after a reset.
pub const PLAIN: Pen = Pen {
    fg: Color::Reset,
    bg: Color::Reset,
    modifier: Modifier::empty(),
};

/// Attributes that show on a blank cell (ratatui's own list in its buffer diff):
/// the others (bold, dim, italic, hidden) and the foreground colour do not.
pub const VISIBLE_ON_BLANK: Modifier = Modifier::REVERSED
    .union(Modifier::UNDERLINED)
    .union(Modifier::SLOW_BLINK)
    .union(Modifier::RAPID_BLINK)
    .union(Modifier::CROSSED_OUT);

impl Pen {
    pub fn of(cell: &Cell) -> Pen {
        Pen {
            fg: cell.fg,
            bg: cell.bg,
            modifier: cell.modifier,
        }
    }

    /// What a blank printed with this pen looks like: its background and the
    /// attributes that show, and the foreground only when one of those draws with it.
    fn blank_look(self) -> (Color, Modifier, Color) {
        let m = self.modifier & VISIBLE_ON_BLANK;
        (
            self.bg,
            m,
            if m.is_empty() { Color::Reset } else { self.fg },
        )
    }

    /// Whether a blank printed with this pen looks like an erased cell.
    pub fn plain_blank(self) -> bool {
        self.blank_look() == PLAIN.blank_look()
    }

    #[cfg(test)]
    fn with_fg(self, n: u8) -> Pen {
        Pen {
            fg: Color::Indexed(n),
            ..self
        }
    }

    /// The nearest pen whose blanks look erased (for repainting a blank).
    pub fn without_background(self) -> Pen {
        Pen {
            fg: self.fg,
            bg: Color::Reset,
            modifier: self.modifier - VISIBLE_ON_BLANK,
        }
    }
}

/// Whether `sym` printed with `pen` looks as it did printed with `was`.
pub fn same_look(sym: &str, was: Pen, pen: Pen) -> bool {
    was == pen || (sym == " " && was.blank_look() == pen.blank_look())
}

/// The SGR parameters that turn `from` into `to`, attribute by attribute.
fn params(from: Pen, to: Pen) -> Vec<String> {
    let mut p: Vec<String> = Vec::new();
    let removed = from.modifier - to.modifier;
    let added = to.modifier - from.modifier;
    // Bold and dim share one "off" code: turning one off turns both off.
    let mut readd = Modifier::empty();
    if removed.intersects(Modifier::BOLD | Modifier::DIM) {
        p.push("22".into());
        readd = to.modifier & (Modifier::BOLD | Modifier::DIM);
    }
    let offs = [
        (Modifier::ITALIC, "23"),
        (Modifier::UNDERLINED, "24"),
        (Modifier::SLOW_BLINK | Modifier::RAPID_BLINK, "25"),
        (Modifier::REVERSED, "27"),
        (Modifier::HIDDEN, "28"),
        (Modifier::CROSSED_OUT, "29"),
    ];
    for (m, code) in offs {
        if removed.intersects(m) {
            p.push(code.into());
        }
    }
    let ons = [
        (Modifier::BOLD, "1"),
        (Modifier::DIM, "2"),
        (Modifier::ITALIC, "3"),
        (Modifier::UNDERLINED, "4"),
        (Modifier::SLOW_BLINK, "5"),
        (Modifier::RAPID_BLINK, "6"),
        (Modifier::REVERSED, "7"),
        (Modifier::HIDDEN, "8"),
        (Modifier::CROSSED_OUT, "9"),
    ];
    for (m, code) in ons {
        if (added | readd).contains(m) {
            p.push(code.into());
        }
    }
    // The colours as crossterm writes them (it also honours NO_COLOR: then empty).
    if from.fg != to.fg {
        p.push(Colored::ForegroundColor(to.fg.into_crossterm()).to_string());
    }
    if from.bg != to.bg {
        p.push(Colored::BackgroundColor(to.bg.into_crossterm()).to_string());
    }
    p.retain(|s| !s.is_empty());
    p
}

/// Appends the one SGR sequence that turns the terminal's pen `from` into `to`:
/// the changes alone, or a reset followed by `to`, whichever is shorter.
pub fn pen(from: Pen, to: Pen, out: &mut Vec<u8>) {
    if from == to {
        return;
    }
    let changes = params(from, to).join(";");
    if changes.is_empty() {
        // Only colours changed, and NO_COLOR hides them.
        return;
    }
    let fresh = params(PLAIN, to);
    let fresh = if fresh.is_empty() {
        String::new()
    } else {
        format!("0;{}", fresh.join(";"))
    };
    let p = if fresh.len() < changes.len() {
        fresh
    } else {
        changes
    };
    let _ = write!(out, "\x1b[{p}m");
}

/// Appends a horizontal move on the current row from column `a` to `b`.
fn horizontal(a: u16, b: u16, out: &mut Vec<u8>) {
    let forms: [Vec<u8>; 3] = [
        match b.cmp(&a) {
            std::cmp::Ordering::Equal => Vec::new(),
            std::cmp::Ordering::Greater => relative(b - a, b'C'),
            std::cmp::Ordering::Less => relative(a - b, b'D'),
        },
        // Carriage return to the first column, then forward.
        [b"\r".as_slice(), &relative(b, b'C')].concat(),
        // Absolute column.
        format!("\x1b[{}G", b + 1).into_bytes(),
    ];
    let best = forms.into_iter().min_by_key(Vec::len).unwrap_or_default();
    out.extend_from_slice(&best);
}

/// `CSI n C` and the like; `n` 0 is nothing and 1 needs no number.
fn relative(n: u16, fin: u8) -> Vec<u8> {
    match n {
        0 => Vec::new(),
        1 => vec![0x1b, b'[', fin],
        n => format!("\x1b[{n}{}", fin as char).into_bytes(),
    }
}

/// The absolute move (CUP), with the parameters that may be left out left out.
fn absolute(to: Position) -> Vec<u8> {
    match (to.x, to.y) {
        (0, 0) => b"\x1b[H".to_vec(),
        (0, y) => format!("\x1b[{}H", y + 1).into_bytes(),
        (x, y) => format!("\x1b[{};{}H", y + 1, x + 1).into_bytes(),
    }
}

/// Appends the shortest move from `from` (unknown: `None`) to `to`: absolute,
/// or relative to where the cursor stands. Relative moves stop at the screen's
/// edges and never scroll, so they are safe where the position is known.
pub fn move_to(from: Option<Position>, to: Position, out: &mut Vec<u8>) {
    let mut best = absolute(to);
    if let Some(at) = from {
        let vertical = match to.y.cmp(&at.y) {
            std::cmp::Ordering::Equal => Vec::new(),
            std::cmp::Ordering::Greater => relative(to.y - at.y, b'B'),
            std::cmp::Ordering::Less => relative(at.y - to.y, b'A'),
        };
        let mut rel = vertical;
        horizontal(at.x, to.x, &mut rel);
        if rel.len() < best.len() {
            best = rel;
        }
    }
    out.extend_from_slice(&best);
}

/// The length of [`move_to`]'s answer.
pub fn move_len(from: Option<Position>, to: Position) -> usize {
    let mut v = Vec::new();
    move_to(from, to, &mut v);
    v.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mv(from: Option<(u16, u16)>, to: (u16, u16)) -> String {
        let mut v = Vec::new();
        let p = |(x, y)| Position { x, y };
        move_to(from.map(p), p(to), &mut v);
        String::from_utf8(v).unwrap()
    }

    #[test]
    fn moves_are_the_shortest_form() {
        assert_eq!(mv(None, (9, 4)), "\x1b[5;10H");
        assert_eq!(mv(None, (0, 4)), "\x1b[5H");
        assert_eq!(mv(Some((3, 4)), (3, 4)), "");
        assert_eq!(mv(Some((3, 4)), (4, 4)), "\x1b[C");
        assert_eq!(mv(Some((3, 4)), (40, 4)), "\x1b[37C");
        assert_eq!(mv(Some((70, 4)), (2, 4)), "\x1b[3G");
        assert_eq!(mv(Some((70, 4)), (0, 4)), "\r");
        assert_eq!(mv(Some((70, 4)), (70, 5)), "\x1b[B");
        assert_eq!(mv(Some((70, 4)), (0, 5)), "\x1b[6H");
        assert_eq!(mv(Some((70, 4)), (60, 20)), "\x1b[21;61H");
    }

    fn sgr(from: Pen, to: Pen) -> String {
        let mut v = Vec::new();
        pen(from, to, &mut v);
        String::from_utf8(v).unwrap()
    }

    #[test]
    fn a_pen_change_is_one_sequence_of_what_changed() {
        let cyan = Pen {
            fg: Color::Indexed(6),
            ..PLAIN
        };
        let bold_cyan = Pen {
            modifier: Modifier::BOLD,
            ..cyan
        };
        assert_eq!(sgr(PLAIN, PLAIN), "");
        assert_eq!(sgr(PLAIN, bold_cyan), "\x1b[1;38;5;6m");
        assert_eq!(sgr(bold_cyan, cyan), "\x1b[22m");
        let reversed = Pen {
            modifier: Modifier::BOLD | Modifier::REVERSED,
            ..cyan
        };
        assert_eq!(sgr(reversed, bold_cyan), "\x1b[27m");
        assert_eq!(sgr(cyan, PLAIN), "\x1b[m");
        assert_eq!(sgr(bold_cyan, PLAIN.with_fg(7)), "\x1b[0;38;5;7m");
        let busy = Pen {
            fg: Color::Indexed(3),
            bg: Color::Indexed(4),
            modifier: Modifier::BOLD | Modifier::REVERSED | Modifier::UNDERLINED,
        };
        // Undoing five things one by one is longer than a reset.
        assert_eq!(sgr(busy, PLAIN), "\x1b[m");
        assert_eq!(sgr(busy, cyan), "\x1b[0;38;5;6m");
    }

    #[test]
    fn blanks_look_alike_whatever_their_foreground_or_boldness() {
        let bold_cyan = Pen {
            fg: Color::Indexed(6),
            bg: Color::Reset,
            modifier: Modifier::BOLD,
        };
        assert!(same_look(" ", bold_cyan, PLAIN));
        assert!(!same_look("x", bold_cyan, PLAIN));
        let reversed = Pen {
            modifier: Modifier::REVERSED,
            ..bold_cyan
        };
        assert!(!same_look(" ", reversed, PLAIN));
        assert!(!reversed.plain_blank());
        assert!(reversed.without_background().plain_blank());
    }
}
