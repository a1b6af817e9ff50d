//! The width-aware backend (`tui::backend`) checked against a real terminal
//! emulator (the `vt100` crate): random frames of wide Chinese characters, emoji
//! and styled narrow text, and a walk through the dashboard, are drawn through the
//! backend, its bytes fed to the emulator, and the screen compared cell by cell
//! (character, colours, attributes) with ratatui's buffer after every frame.

use chrono::DateTime;
use dubang::lang::Lang;
use dubang::store;
use dubang::tui::app::{App, Command, Tab};
use dubang::tui::backend::WideBackend;
use dubang::tui::theme::Theme;
use dubang::tui::view;
use ratatui::Terminal;
use ratatui::buffer::Buffer;
use ratatui::layout::Size;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use std::path::{Path, PathBuf};
use unicode_width::UnicodeWidthStr;

fn colour(c: Color) -> vt100::Color {
    match c {
        Color::Reset => vt100::Color::Default,
        Color::Indexed(n) => vt100::Color::Idx(n),
        Color::Rgb(r, g, b) => vt100::Color::Rgb(r, g, b),
        // crossterm writes the named colours as their index (38;5;N).
        Color::Black => vt100::Color::Idx(0),
        Color::Red => vt100::Color::Idx(1),
        Color::Green => vt100::Color::Idx(2),
        Color::Yellow => vt100::Color::Idx(3),
        Color::Blue => vt100::Color::Idx(4),
        Color::Magenta => vt100::Color::Idx(5),
        Color::Cyan => vt100::Color::Idx(6),
        Color::Gray => vt100::Color::Idx(7),
        Color::DarkGray => vt100::Color::Idx(8),
        Color::LightRed => vt100::Color::Idx(9),
        Color::LightGreen => vt100::Color::Idx(10),
        Color::LightYellow => vt100::Color::Idx(11),
        Color::LightBlue => vt100::Color::Idx(12),
        Color::LightMagenta => vt100::Color::Idx(13),
        Color::LightCyan => vt100::Color::Idx(14),
        Color::White => vt100::Color::Idx(15),
    }
}

/// What a cell shows: its text, and the colours and attributes that are visible
/// on it (a blank shows its background, reverse and underline, not its foreground
/// or boldness — terminals and ratatui's diff treat those as the same cell).
#[derive(Debug, PartialEq)]
struct Look {
    text: String,
    bg: vt100::Color,
    inverse: bool,
    underline: bool,
    fg: vt100::Color,
    bold: bool,
    dim: bool,
    italic: bool,
}

fn look(
    text: &str,
    fg: vt100::Color,
    bg: vt100::Color,
    attrs: [bool; 5], // inverse, underline, bold, dim, italic
) -> Look {
    let [inverse, underline, bold, dim, italic] = attrs;
    let text = if text.is_empty() { " " } else { text }.to_string();
    let blank = text == " ";
    Look {
        bg,
        inverse,
        underline,
        fg: if blank && !inverse && !underline {
            vt100::Color::Default
        } else {
            fg
        },
        bold: bold && !blank,
        dim: dim && !blank,
        italic: italic && !blank,
        text,
    }
}

/// Compares every cell the buffer shows with the emulator's screen.
fn assert_same(buf: &Buffer, screen: &vt100::Screen, what: &str) {
    let a = buf.area;
    for y in a.top()..a.bottom() {
        let mut x = a.left();
        while x < a.right() {
            let cell = &buf[(x, y)];
            let m = cell.modifier;
            let want = look(
                cell.symbol(),
                colour(cell.fg),
                colour(cell.bg),
                [
                    m.contains(Modifier::REVERSED),
                    m.contains(Modifier::UNDERLINED),
                    m.contains(Modifier::BOLD),
                    m.contains(Modifier::DIM),
                    m.contains(Modifier::ITALIC),
                ],
            );
            let t = screen.cell(y, x).expect("cell on screen");
            let got = look(
                t.contents(),
                t.fgcolor(),
                t.bgcolor(),
                [t.inverse(), t.underline(), t.bold(), t.dim(), t.italic()],
            );
            assert_eq!(got, want, "{what}: cell ({x}, {y})");
            let w = cell.symbol().width().max(1) as u16;
            if w == 2 && x + 1 < a.right() {
                let right = screen.cell(y, x + 1).expect("cell on screen");
                assert!(right.is_wide_continuation(), "{what}: ({x}, {y}) is wide");
            }
            x += w;
        }
    }
}

/// A small deterministic generator (xorshift), so a failure replays.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Wide Chinese, emoji (wide, no variation selector), narrow ASCII, box drawing,
/// and blanks, which are the most common change of all.
const PIECES: [&str; 12] = [
    "督办",
    "市发展改革委",
    "一、",
    "ab",
    "x",
    " ",
    "   ",
    "😀",
    "🚧",
    "──",
    "…",
    "完成 12/30",
];

fn style(r: &mut Rng) -> Style {
    let plain = Style::default();
    match r.below(9) {
        0 => plain.fg(Color::Indexed(6)),
        1 => plain.add_modifier(Modifier::BOLD).fg(Color::Indexed(7)),
        2 => plain.add_modifier(Modifier::REVERSED),
        3 => plain.bg(Color::Indexed(4)),
        4 => plain
            .add_modifier(Modifier::UNDERLINED)
            .fg(Color::Indexed(3)),
        5 => plain.add_modifier(Modifier::DIM | Modifier::ITALIC),
        6 => plain.fg(Color::Rgb(200, 100, 0)).bg(Color::Indexed(8)),
        _ => plain,
    }
}

fn random_line(r: &mut Rng) -> Line<'static> {
    let mut spans = Vec::new();
    if r.below(5) > 0 {
        for _ in 0..r.below(8) {
            spans.push(Span::styled(PIECES[r.below(PIECES.len())], style(r)));
        }
    }
    Line::from(spans)
}

#[test]
fn random_frames_of_wide_and_styled_text_replay_exactly_in_a_terminal_emulator() {
    let (w, h) = (30u16, 8u16);
    for seed in 1..=150u64 {
        let mut r = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        let mut term = Terminal::new(WideBackend::with_size(Vec::new(), Size::new(w, h))).unwrap();
        let mut vt = emulator(w, h);
        let mut lines: Vec<Line> = (0..h).map(|_| random_line(&mut r)).collect();
        for step in 0..8 {
            // Each frame changes some rows and keeps the others.
            for line in lines.iter_mut() {
                if r.below(2) == 0 {
                    *line = random_line(&mut r);
                }
            }
            let before = term.backend().writer().len();
            let done = term
                .draw(|f| f.render_widget(Paragraph::new(lines.clone()), f.area()))
                .unwrap();
            let buf = done.buffer.clone();
            vt.process(&term.backend().writer()[before..]);
            assert_same(&buf, vt.screen(), &format!("seed {seed}, frame {step}"));
        }
    }
}

fn emulator(w: u16, h: u16) -> vt100::Parser {
    let nz = |n: u16| std::num::NonZeroU16::new(n).expect("a size");
    vt100::Parser::new(nz(h), nz(w), 0)
}

fn now() -> chrono::DateTime<chrono::FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-28T10:00:00+08:00").unwrap()
}

#[test]
fn a_walk_through_the_dashboard_replays_exactly_in_a_terminal_emulator() {
    use Command::*;
    let reg = store::parse_bytes(Path::new("r.json"), store::BUNDLED.as_bytes()).unwrap();
    for (lang, (w, h)) in [
        (Lang::Zh, (80, 24)),
        (Lang::En, (100, 30)),
        (Lang::Zh, (57, 19)),
    ] {
        let mut app = App::new(reg.clone(), PathBuf::from("r.json"), lang, now());
        let theme = Theme::dark();
        let mut term = Terminal::new(WideBackend::with_size(Vec::new(), Size::new(w, h))).unwrap();
        let mut vt = emulator(w, h);
        let steps = [
            Down,
            GoTab(Tab::Sections),
            Down,
            Down,
            Open,
            Down,
            PageDown,
            Back,
            GoTab(Tab::Units),
            Down,
            Open,
            Back,
            GoTab(Tab::Towns),
            Bottom,
            GoTab(Tab::Goals),
            Help,
            Cancel,
            Status,
            Cancel,
            Log,
            Cancel,
            NextTab,
            Top,
        ];
        for (i, step) in std::iter::once(None)
            .chain(steps.iter().map(Some))
            .enumerate()
        {
            if let Some(&c) = step {
                app.update(c);
            }
            let before = term.backend().writer().len();
            let done = term.draw(|f| view::draw(f, &app, &theme)).unwrap();
            let buf = done.buffer.clone();
            vt.process(&term.backend().writer()[before..]);
            assert_same(&buf, vt.screen(), &format!("{w}x{h} step {i} ({step:?})"));
        }
    }
}
