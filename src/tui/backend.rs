//! A ratatui backend that writes fewer bytes per frame, for dashboards used over
//! SSH. ratatui's crossterm backend sends a cursor move before every cell unless it
//! is the one right after the previous cell — so every character after a wide
//! (Chinese) one costs a 7–8 byte move to where the cursor already is, and every
//! one-cell gap costs a move where reprinting the cell would do (issue 16).
//!
//! This backend keeps a shadow of what it last wrote in every cell and where the
//! cursor stands (wide characters advance two columns), and for each changed cell:
//! - moves only when the cell is elsewhere, by the shortest of an absolute move, a
//!   relative one (`CSI n C`, a carriage return…) or reprinting the cells in between
//!   when it knows what they hold;
//! - changes colours and attributes only when they change and only as far as they
//!   show (a blank looks the same in any foreground), in one SGR sequence;
//! - when a narrow character replaces half of a wide one, writes the blank the
//!   terminal left in the other half at once (a space where ratatui's backend would
//!   move over it), so the cursor lands where the next change is;
//! - erases a run of blanks (`CSI n X`, or `CSI K` to the end of the row) when that
//!   is shorter than printing them;
//! - collects the whole frame in memory and writes it in one `write` at `flush`,
//!   wrapped in synchronised output (`CSI ? 2026 h … l`) when the terminal said it
//!   knows it ([`sync`]), so a slow link never shows half a frame;
//! - writes nothing at all for a frame with no changes.
//!
//! Everything else (size, clearing, cursor visibility) is what ratatui's crossterm
//! backend sends, written into the same frame.

mod encode;
pub mod sync;

use crossterm::cursor::{Hide, Show};
use crossterm::queue;
use crossterm::terminal::{Clear, ClearType as CClear};
use encode::{PLAIN, Pen, move_len, same_look};
use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::{Cell, CellWidth};
use ratatui::layout::{Position, Size};
use std::io::{self, Write};

/// Longest gap reprinted instead of a move (the reprint is taken only when it is
/// shorter than the move).
pub const MAX_FILL: u16 = 8;

const SYNC_BEGIN: &[u8] = b"\x1b[?2026h";
const SYNC_END: &[u8] = b"\x1b[?2026l";

/// The frame's bytes until `flush`, then one write to the terminal.
pub struct FrameWriter<W: Write> {
    out: W,
    frame: Vec<u8>,
    /// Whether each frame is wrapped in synchronised output.
    sync: bool,
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
        if self.sync {
            self.frame.splice(0..0, SYNC_BEGIN.iter().copied());
            self.frame.extend_from_slice(SYNC_END);
        }
        // A frame that failed to go out is not sent again with the next one.
        let sent = self
            .out
            .write_all(&self.frame)
            .and_then(|()| self.out.flush());
        self.frame.clear();
        sent
    }
}

/// What the backend last wrote in a cell, as far as it knows.
#[derive(Clone, PartialEq)]
enum Shadow {
    /// Unknown (never written since a resize, or left by the terminal after part
    /// of a wide character was overwritten).
    Unknown,
    /// A one-column character and its pen.
    Narrow(String, Pen),
    /// A two-column character standing here and in the next cell.
    Wide(String, Pen),
    /// The right half of the wide character in the cell before.
    Right,
}

/// An erased cell, as after a clear with the default colours.
fn blank() -> Shadow {
    Shadow::Narrow(" ".into(), PLAIN)
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

/// One changed cell, as ratatui's diff hands it over.
type Change<'a> = (u16, u16, &'a Cell);

impl<W: Write> WideBackend<W> {
    pub fn new(out: W) -> Self {
        WideBackend {
            out: FrameWriter {
                out,
                frame: Vec::with_capacity(64 * 1024),
                sync: false,
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

    /// Wraps each frame in synchronised output (for a terminal that knows it:
    /// [`sync::supported`]).
    pub fn synchronised(mut self, on: bool) -> Self {
        self.out.sync = on;
        self
    }

    /// The terminal behind the backend (tests read what was written).
    pub fn writer(&self) -> &W {
        &self.out.out
    }

    fn forget(&mut self) {
        self.shadow.iter_mut().for_each(|s| *s = Shadow::Unknown);
        self.cursor = None;
    }

    fn slot(&self, x: u16, y: u16) -> Option<usize> {
        let i = usize::from(y) * usize::from(self.cols) + usize::from(x);
        (x < self.cols && i < self.shadow.len()).then_some(i)
    }

    fn shadow_at(&self, x: u16, y: u16) -> &Shadow {
        self.slot(x, y)
            .map_or(&Shadow::Unknown, |i| &self.shadow[i])
    }

    fn set_shadow(&mut self, x: u16, y: u16, s: Shadow) {
        if let Some(i) = self.slot(x, y) {
            self.shadow[i] = s;
        }
    }

    /// Where the cursor stands after writing up to column `x` (exclusive): at the
    /// last column it waits to wrap, so its place is not known.
    fn after(&self, x: u16, y: u16) -> Option<Position> {
        (x < self.cols).then_some(Position { x, y })
    }

    /// The cells between the cursor and `to` on its row, reprinted with `pen`, if
    /// each is known and looks the same printed with it.
    fn fill(&self, to: Position, pen: Pen) -> Option<Vec<u8>> {
        let at = self.cursor?;
        if at.y != to.y || to.x <= at.x || to.x - at.x > MAX_FILL {
            return None;
        }
        let mut text = Vec::new();
        let mut x = at.x;
        while x < to.x {
            match self.shadow_at(x, at.y) {
                Shadow::Narrow(sym, was) if same_look(sym, *was, pen) => {
                    text.extend_from_slice(sym.as_bytes());
                    x += 1;
                }
                Shadow::Wide(sym, was) if *was == pen && x + 1 < to.x => {
                    text.extend_from_slice(sym.as_bytes());
                    x += 2;
                }
                _ => return None,
            }
        }
        Some(text)
    }

    /// Brings the cursor to `to` and the pen to `want`, the shortest way: a move,
    /// or reprinting the gap with the old pen or with the new one.
    fn reach(&mut self, to: Position, pen: &mut Pen, want: Pen, buf: &mut Vec<u8>) {
        let mut sgr = Vec::new();
        encode::pen(*pen, want, &mut sgr);
        if self.cursor != Some(to) {
            let mut best = Vec::new();
            encode::move_to(self.cursor, to, &mut best);
            best.extend_from_slice(&sgr);
            if let Some(text) = self.fill(to, *pen) {
                let old = [text.as_slice(), &sgr].concat();
                if old.len() < best.len() {
                    best = old;
                }
            }
            if let Some(text) = self.fill(to, want) {
                let new = [sgr.as_slice(), &text].concat();
                if new.len() < best.len() {
                    best = new;
                }
            }
            buf.extend_from_slice(&best);
        } else {
            buf.extend_from_slice(&sgr);
        }
        self.cursor = Some(to);
        *pen = want;
    }

    /// Before a cell is overwritten: if it is the right half of a wide character,
    /// the terminal erases the left half too, to something it chooses.
    fn break_left(&mut self, x: u16, y: u16) {
        if x > 0
            && *self.shadow_at(x, y) == Shadow::Right
            && matches!(self.shadow_at(x - 1, y), Shadow::Wide(..))
        {
            self.set_shadow(x - 1, y, Shadow::Unknown);
        }
    }

    /// Prints one changed cell, and the blank a wide character it cuts in half
    /// leaves behind when the next change is not there.
    fn print(&mut self, change: Change, next: Option<Position>, pen: &mut Pen, buf: &mut Vec<u8>) {
        let (x, y, cell) = change;
        let sym = cell.symbol();
        let target = Pen::of(cell);
        let want = if same_look(sym, *pen, target) {
            *pen
        } else {
            target
        };
        self.reach(Position { x, y }, pen, want, buf);
        buf.extend_from_slice(sym.as_bytes());
        let end = x.saturating_add(cell.cell_width().max(1));
        // A wide character whose left half this one covers loses its right half.
        let orphan = *self.shadow_at(end, y) == Shadow::Right
            && matches!(self.shadow_at(end - 1, y), Shadow::Wide(..));
        self.break_left(x, y);
        if end - x == 1 {
            self.set_shadow(x, y, Shadow::Narrow(sym.to_string(), *pen));
        } else {
            self.set_shadow(x, y, Shadow::Wide(sym.to_string(), *pen));
            for k in x + 1..end {
                self.set_shadow(k, y, Shadow::Right);
            }
        }
        self.cursor = self.after(end, y);
        if orphan {
            // ratatui does not resend that cell (it holds a blank in both frames),
            // but the terminal filled it with a blank of its choosing: one space
            // makes it the plain blank the frame holds, and is shorter than a move.
            if next == Some(Position { x: end, y }) {
                self.set_shadow(end, y, Shadow::Unknown);
            } else {
                if !pen.plain_blank() {
                    let plain = pen.without_background();
                    encode::pen(*pen, plain, buf);
                    *pen = plain;
                }
                buf.push(b' ');
                self.set_shadow(end, y, Shadow::Narrow(" ".into(), *pen));
                self.cursor = self.after(end + 1, y);
            }
        }
    }

    /// If `changes[i]` starts a run of plain blanks that is shorter to erase
    /// (`CSI n X`, or `CSI K` to the end of the row) than to print, erases it and
    /// returns how many changes it took.
    fn erase_run(
        &mut self,
        changes: &[Change],
        i: usize,
        pen: &mut Pen,
        buf: &mut Vec<u8>,
    ) -> Option<usize> {
        let plain_blank = |c: &Cell| c.symbol() == " " && Pen::of(c).plain_blank();
        let (x, y, cell) = changes[i];
        if !plain_blank(cell) {
            return None;
        }
        // The run: changes to plain blanks, the halves of wide characters they
        // cut (which become blanks), and unchanged plain blanks between them.
        let (mut j, mut c, mut end) = (i, x, x);
        while c < self.cols {
            if let Some(&(cx, cy, cc)) = changes.get(j)
                && (cx, cy) == (c, y)
            {
                if !plain_blank(cc) {
                    break;
                }
                j += 1;
                c += 1;
                end = c;
                continue;
            }
            match self.shadow_at(c, y) {
                Shadow::Right if c > x && matches!(self.shadow_at(c - 1, y), Shadow::Wide(..)) => {
                    c += 1;
                    end = c;
                }
                Shadow::Narrow(sym, was) if sym == " " && was.plain_blank() => c += 1,
                _ => break,
            }
        }
        let len = end - x;
        let to_eol = c == self.cols;
        let erase = if to_eol {
            b"\x1b[K".to_vec()
        } else {
            format!("\x1b[{len}X").into_bytes()
        };
        let here = Position { x, y };
        let then = changes.get(j).map(|&(x, y, _)| Position { x, y });
        let cost = |from: Option<Position>| then.map_or(0, |p| move_len(from, p));
        if erase.len() + cost(Some(here)) >= usize::from(len) + cost(self.after(end, y)) {
            return None;
        }
        let want = if pen.plain_blank() {
            *pen
        } else {
            Pen::of(cell)
        };
        self.reach(here, pen, want, buf);
        buf.extend_from_slice(&erase);
        self.break_left(x, y);
        for k in x..if to_eol { self.cols } else { end } {
            self.set_shadow(k, y, blank());
        }
        Some(j - i)
    }

    fn ensure_size(&mut self) -> io::Result<()> {
        let size = self.size()?;
        let cells = usize::from(size.width) * usize::from(size.height);
        if size.width != self.cols || self.shadow.len() != cells {
            // At the start the screen is blank (a fresh alternate screen), as
            // ratatui assumes too: its first diff leaves blank cells out. After a
            // resize nothing is known until ratatui clears.
            let first = self.shadow.is_empty();
            self.cols = size.width;
            self.shadow = vec![if first { blank() } else { Shadow::Unknown }; cells];
            self.cursor = None;
        }
        Ok(())
    }
}

impl<W: Write> Backend for WideBackend<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        self.ensure_size()?;
        let changes: Vec<Change> = content.collect();
        if changes.is_empty() {
            return Ok(());
        }
        // Every frame starts and ends with the terminal's pen reset.
        let mut pen = PLAIN;
        let mut buf = Vec::new();
        let mut i = 0;
        while i < changes.len() {
            if let Some(n) = self.erase_run(&changes, i, &mut pen, &mut buf) {
                i += n;
                continue;
            }
            let next = changes.get(i + 1).map(|&(x, y, _)| Position { x, y });
            self.print(changes[i], next, &mut pen, &mut buf);
            i += 1;
        }
        encode::pen(pen, PLAIN, &mut buf);
        self.out.write_all(&buf)
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
        let mut buf = Vec::new();
        encode::move_to(self.cursor, p, &mut buf);
        self.cursor = Some(p);
        self.out.write_all(&buf)
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
            self.shadow.iter_mut().for_each(|s| *s = blank());
            self.cursor = None;
        } else {
            self.forget();
        }
        Ok(())
    }
    fn append_lines(&mut self, n: u16) -> io::Result<()> {
        self.forget();
        for _ in 0..n {
            self.out.write_all(b"\n")?;
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
