//! A ratatui backend that writes fewer bytes per frame, for dashboards used over
//! SSH. ratatui's crossterm backend sends a cursor move before every cell unless it
//! is the one right after the previous cell — so every character after a wide
//! (Chinese) one costs a 7–8 byte move to where the cursor already is, and every
//! one-cell gap costs a move where reprinting the cell would do (issue 16).
//!
//! This backend:
//! - tracks where the cursor stands after each character (wide ones advance two
//!   columns) and moves only when the next cell is elsewhere;
//! - fills a gap of up to [`MAX_FILL`] cells by reprinting them when it knows what
//!   they hold (a shadow of what it last wrote) and they have the current colours;
//! - collects the whole frame in memory and writes it in one `write` at `flush`,
//!   wrapped in synchronised output (`CSI ? 2026 h … l`, ignored by terminals that
//!   do not know it) so a slow link never shows half a frame;
//! - writes nothing at all for a frame with no changes.
//!
//! Everything else (size, clearing, cursor visibility) is what ratatui's crossterm
//! backend sends, written into the same frame.

use crate::text::width;
use crossterm::cursor::MoveTo;
use crossterm::cursor::{Hide, Show};
use crossterm::queue;
use crossterm::style::{
    Attribute, Color as CColor, Colors, Print, SetAttribute, SetBackgroundColor, SetColors,
    SetForegroundColor,
};
use crossterm::terminal::{Clear, ClearType as CClear};
use ratatui::backend::{Backend, ClearType, IntoCrossterm, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};
use ratatui::style::{Color, Modifier};
use std::io::{self, Write};

/// Longest gap reprinted instead of a move (a move costs 6–8 bytes; the reprint
/// is taken only when it is shorter).
pub const MAX_FILL: u16 = 3;

const SYNC_BEGIN: &[u8] = b"\x1b[?2026h";
const SYNC_END: &[u8] = b"\x1b[?2026l";

/// The frame's bytes until `flush`, then one write to the terminal.
pub struct FrameWriter<W: Write> {
    out: W,
    frame: Vec<u8>,
}

impl<W: Write> Write for FrameWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.frame.extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        if self.frame.is_empty() {
            return Ok(());
        }
        let mut all = Vec::with_capacity(self.frame.len() + SYNC_BEGIN.len() + SYNC_END.len());
        all.extend_from_slice(SYNC_BEGIN);
        all.append(&mut self.frame);
        all.extend_from_slice(SYNC_END);
        self.out.write_all(&all)?;
        self.out.flush()
    }
}

/// What the backend last wrote in a cell, as far as it knows.
#[derive(Clone, PartialEq)]
enum Shadow {
    /// Unknown (never written since a clear or resize, or half of a wide character).
    Unknown,
    /// A one-column cell and its colours.
    Known(String, Color, Color, Modifier),
}

pub struct WideBackend<W: Write> {
    out: FrameWriter<W>,
    shadow: Vec<Shadow>,
    cols: u16,
    /// Where the terminal's cursor stands, if known.
    cursor: Option<Position>,
    /// A fixed size instead of asking the terminal (tests, benches).
    fixed: Option<Size>,
    /// Whether the cursor is shown, if known: ratatui hides it on every frame,
    /// which would make an idle redraw write bytes.
    shown: Option<bool>,
}

impl<W: Write> WideBackend<W> {
    pub fn new(out: W) -> Self {
        WideBackend {
            out: FrameWriter {
                out,
                frame: Vec::with_capacity(64 * 1024),
            },
            shadow: Vec::new(),
            cols: 0,
            cursor: None,
            fixed: None,
            shown: None,
        }
    }

    /// A backend of a fixed size over any writer, for tests and benches.
    pub fn with_size(out: W, size: Size) -> Self {
        WideBackend {
            fixed: Some(size),
            ..Self::new(out)
        }
    }

    /// The terminal behind the backend (tests read what was written).
    pub fn writer(&self) -> &W {
        &self.out.out
    }

    fn forget(&mut self) {
        self.shadow.iter_mut().for_each(|s| *s = Shadow::Unknown);
        self.cursor = None;
    }

    /// Clears the shadow to blanks, as the terminal is after an erase with the
    /// default colours.
    fn blank(&mut self) {
        let blank = Shadow::Known(" ".into(), Color::Reset, Color::Reset, Modifier::empty());
        self.shadow.iter_mut().for_each(|s| *s = blank.clone());
        self.cursor = None;
    }

    fn slot(&self, x: u16, y: u16) -> Option<usize> {
        let i = usize::from(y) * usize::from(self.cols) + usize::from(x);
        (x < self.cols && i < self.shadow.len()).then_some(i)
    }

    /// The gap from the cursor to `x` on its row, if every cell in it is known to
    /// hold a one-column symbol in the given colours: reprinting it is shorter
    /// than a move.
    fn fill(&self, to: Position, pen: (Color, Color, Modifier)) -> Option<String> {
        let at = self.cursor?;
        if at.y != to.y || to.x <= at.x || to.x - at.x > MAX_FILL {
            return None;
        }
        let mut text = String::new();
        for x in at.x..to.x {
            match &self.shadow[self.slot(x, at.y)?] {
                Shadow::Known(sym, fg, bg, m) if (*fg, *bg, *m) == pen && width(sym) == 1 => {
                    text.push_str(sym)
                }
                _ => return None,
            }
        }
        let move_len = format!("\x1b[{};{}H", to.y + 1, to.x + 1).len();
        (text.len() < move_len).then_some(text)
    }

    fn ensure_size(&mut self) -> io::Result<()> {
        let size = self.size()?;
        let cells = usize::from(size.width) * usize::from(size.height);
        if size.width != self.cols || self.shadow.len() != cells {
            self.cols = size.width;
            self.shadow = vec![Shadow::Unknown; cells];
            self.cursor = None;
        }
        Ok(())
    }
}

fn modifier_diff(w: &mut impl Write, from: Modifier, to: Modifier) -> io::Result<()> {
    let removed = from - to;
    let added = to - from;
    // Bold and dim share one "off" code: turning one off turns both off.
    let mut readd = Modifier::empty();
    if removed.intersects(Modifier::BOLD | Modifier::DIM) {
        queue!(w, SetAttribute(Attribute::NormalIntensity))?;
        readd = to & (Modifier::BOLD | Modifier::DIM);
    }
    let offs = [
        (Modifier::ITALIC, Attribute::NoItalic),
        (Modifier::UNDERLINED, Attribute::NoUnderline),
        (Modifier::REVERSED, Attribute::NoReverse),
        (Modifier::CROSSED_OUT, Attribute::NotCrossedOut),
        (Modifier::HIDDEN, Attribute::NoHidden),
        (
            Modifier::SLOW_BLINK | Modifier::RAPID_BLINK,
            Attribute::NoBlink,
        ),
    ];
    for (m, a) in offs {
        if removed.intersects(m) {
            queue!(w, SetAttribute(a))?;
        }
    }
    let ons = [
        (Modifier::BOLD, Attribute::Bold),
        (Modifier::DIM, Attribute::Dim),
        (Modifier::ITALIC, Attribute::Italic),
        (Modifier::UNDERLINED, Attribute::Underlined),
        (Modifier::REVERSED, Attribute::Reverse),
        (Modifier::CROSSED_OUT, Attribute::CrossedOut),
        (Modifier::HIDDEN, Attribute::Hidden),
        (Modifier::SLOW_BLINK, Attribute::SlowBlink),
        (Modifier::RAPID_BLINK, Attribute::RapidBlink),
    ];
    for (m, a) in ons {
        if (added | readd).contains(m) {
            queue!(w, SetAttribute(a))?;
        }
    }
    Ok(())
}

impl<W: Write> Backend for WideBackend<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        self.ensure_size()?;
        let (mut fg, mut bg, mut modifier) = (Color::Reset, Color::Reset, Modifier::empty());
        let mut any = false;
        for (x, y, cell) in content {
            any = true;
            let to = Position { x, y };
            if self.cursor != Some(to) {
                match self.fill(to, (fg, bg, modifier)) {
                    Some(text) => queue!(&mut self.out, Print(text))?,
                    None => queue!(&mut self.out, MoveTo(x, y))?,
                }
            }
            let w = &mut self.out;
            if cell.modifier != modifier {
                modifier_diff(w, modifier, cell.modifier)?;
                modifier = cell.modifier;
            }
            if cell.fg != fg || cell.bg != bg {
                queue!(
                    w,
                    SetColors(Colors::new(
                        cell.fg.into_crossterm(),
                        cell.bg.into_crossterm()
                    ))
                )?;
                (fg, bg) = (cell.fg, cell.bg);
            }
            let sym = cell.symbol();
            queue!(w, Print(sym))?;
            let cw = width(sym).max(1) as u16;
            if let Some(i) = self.slot(x, y) {
                // A narrow character over the left half of a wide one erases the right
                // half to a blank of unknown colour; a wide one hides the next cell.
                self.shadow[i] = if cw == 1 {
                    Shadow::Known(sym.to_string(), fg, bg, modifier)
                } else {
                    Shadow::Unknown
                };
                for k in 1..cw {
                    if let Some(j) = self.slot(x + k, y) {
                        self.shadow[j] = Shadow::Unknown;
                    }
                }
            }
            // At the last column the cursor waits to wrap: its place is not x + 1.
            self.cursor = (x + cw < self.cols).then_some(Position { x: x + cw, y });
        }
        if any {
            queue!(
                &mut self.out,
                SetForegroundColor(CColor::Reset),
                SetBackgroundColor(CColor::Reset),
                SetAttribute(Attribute::Reset),
            )?;
        }
        Ok(())
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        if self.shown == Some(false) {
            return Ok(());
        }
        self.shown = Some(false);
        queue!(self.out, Hide)
    }
    fn show_cursor(&mut self) -> io::Result<()> {
        if self.shown == Some(true) {
            return Ok(());
        }
        self.shown = Some(true);
        queue!(self.out, Show)
    }
    fn get_cursor_position(&mut self) -> io::Result<Position> {
        let (x, y) = crossterm::cursor::position()?;
        Ok(Position { x, y })
    }
    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        let p = position.into();
        if self.cursor == Some(p) {
            return Ok(());
        }
        self.cursor = Some(p);
        queue!(self.out, MoveTo(p.x, p.y))
    }
    fn clear(&mut self) -> io::Result<()> {
        self.clear_region(ClearType::All)
    }
    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.ensure_size()?;
        let what = match clear_type {
            ClearType::All => CClear::All,
            ClearType::AfterCursor => CClear::FromCursorDown,
            ClearType::BeforeCursor => CClear::FromCursorUp,
            ClearType::CurrentLine => CClear::CurrentLine,
            ClearType::UntilNewLine => CClear::UntilNewLine,
        };
        queue!(self.out, Clear(what))?;
        if clear_type == ClearType::All {
            self.blank();
        } else {
            self.forget();
        }
        Ok(())
    }
    fn append_lines(&mut self, n: u16) -> io::Result<()> {
        self.forget();
        for _ in 0..n {
            queue!(self.out, Print("\n"))?;
        }
        Ok(())
    }
    fn size(&self) -> io::Result<Size> {
        match self.fixed {
            Some(size) => Ok(size),
            None => crossterm::terminal::size().map(|(w, h)| Size::new(w, h)),
        }
    }
    fn window_size(&mut self) -> io::Result<WindowSize> {
        let crossterm::terminal::WindowSize {
            columns,
            rows,
            width,
            height,
        } = crossterm::terminal::window_size()?;
        Ok(WindowSize {
            columns_rows: Size::new(columns, rows),
            pixels: Size::new(width, height),
        })
    }
    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}
