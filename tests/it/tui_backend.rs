//! The width-aware backend (`tui::backend`): what it writes, replayed through a
//! tiny terminal model, must reproduce the frame; no cursor move may go where the
//! cursor already stands; an unchanged frame writes nothing. Also prints the bytes
//! per key of a fixed walk next to ratatui's crossterm backend (issue 16).

use chrono::DateTime;
use dubang::lang::Lang;
use dubang::store;
use dubang::tui::app::{App, Command, Tab};
use dubang::tui::backend::WideBackend;
use dubang::tui::theme::Theme;
use dubang::tui::view;
use ratatui::backend::CrosstermBackend;
use ratatui::layout::{Rect, Size};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use ratatui::{Terminal, TerminalOptions, Viewport};
use std::path::{Path, PathBuf};
use unicode_width::UnicodeWidthStr;

/// A terminal that knows printing, carriage return, cursor moves (absolute CUP and
/// CHA, relative CUU/CUD/CUF/CUB), erasing (all, to the end of the row, n cells);
/// colours are read and ignored. Counts moves that go where the cursor already is.
struct Model {
    w: usize,
    cells: Vec<String>,
    x: usize,
    y: usize,
    /// Whether the position is known (not at the start, nor after printing in the
    /// last column: a move there is needed).
    known: bool,
    redundant_moves: usize,
    moves: usize,
}

impl Model {
    fn new(w: usize, h: usize) -> Model {
        Model {
            w,
            cells: vec![" ".into(); w * h],
            x: 0,
            y: 0,
            known: false,
            redundant_moves: 0,
            moves: 0,
        }
    }

    fn go(&mut self, x: usize, y: usize) {
        self.moves += 1;
        if self.known && (x, y) == (self.x, self.y) {
            self.redundant_moves += 1;
        }
        (self.x, self.y, self.known) = (x, y, true);
    }

    /// Blanks columns `a..b` of the cursor's row, and whole wide characters cut by the edges.
    fn erase(&mut self, a: usize, b: usize) {
        let row = self.y * self.w;
        let b = b.min(self.w);
        if a < b {
            if a > 0 && self.cells[row + a].is_empty() {
                self.cells[row + a - 1] = " ".into();
            }
            if b < self.w && self.cells[row + b].is_empty() {
                self.cells[row + b] = " ".into();
            }
            self.cells[row + a..row + b]
                .iter_mut()
                .for_each(|c| *c = " ".into());
        }
    }

    fn feed(&mut self, bytes: &[u8]) {
        let text = std::str::from_utf8(bytes).expect("utf-8 output");
        let mut it = text.chars().peekable();
        while let Some(c) = it.next() {
            if c == '\r' {
                self.go(0, self.y);
                continue;
            }
            if c == '\x1b' {
                assert_eq!(it.next(), Some('['), "only CSI sequences are expected");
                let mut params = String::new();
                let fin = loop {
                    let c = it.next().expect("complete sequence");
                    if c.is_ascii_alphabetic() {
                        break c;
                    }
                    params.push(c);
                };
                let n = params.parse::<usize>().unwrap_or(1).max(1);
                match fin {
                    'H' => {
                        let mut p = params.split(';').map(|n| n.parse::<usize>().unwrap_or(1));
                        let (y, x) = (p.next().unwrap_or(1) - 1, p.next().unwrap_or(1) - 1);
                        self.go(x, y);
                    }
                    'G' => self.go(n - 1, self.y),
                    'C' => self.go((self.x + n).min(self.w - 1), self.y),
                    'D' => self.go(self.x.saturating_sub(n), self.y),
                    'A' => self.go(self.x, self.y.saturating_sub(n)),
                    'B' => self.go(self.x, (self.y + n).min(self.cells.len() / self.w - 1)),
                    'X' => self.erase(self.x, self.x + n),
                    'K' if params.is_empty() => self.erase(self.x, self.w),
                    'J' if params == "2" => self.cells.iter_mut().for_each(|c| *c = " ".into()),
                    'm' | 'h' | 'l' => {}
                    other => panic!("unexpected sequence {params}{other}"),
                }
                continue;
            }
            let s = c.to_string();
            let cw = s.width().max(1);
            let i = self.y * self.w + self.x;
            // A character over either half of a wide one erases the whole wide one.
            if self.cells[i].is_empty() && self.x > 0 {
                self.cells[i - 1] = " ".into();
            }
            if self.cells[i].width() == 2 && self.x + 1 < self.w {
                self.cells[i + 1] = " ".into();
            }
            self.cells[i] = s;
            if cw == 2 {
                if self.x + 2 < self.w && self.cells[i + 2].is_empty() {
                    self.cells[i + 2] = " ".into();
                }
                self.cells[i + 1] = String::new();
            }
            if self.x + cw >= self.w {
                // Waits to wrap: only a move says where the next character goes.
                self.known = false;
            }
            self.x = (self.x + cw).min(self.w - 1);
        }
    }

    fn rows(&self) -> Vec<String> {
        self.cells.chunks(self.w).map(|r| r.concat()).collect()
    }
}

/// The rows a buffer shows: a wide character's hidden right half is left out, as
/// the model keeps it empty.
fn rows_of(buf: &ratatui::buffer::Buffer) -> Vec<String> {
    let a = buf.area;
    (a.top()..a.bottom())
        .map(|y| {
            let mut row = String::new();
            let mut x = a.left();
            while x < a.right() {
                let sym = buf[(x, y)].symbol();
                row.push_str(sym);
                x += sym.width().max(1) as u16;
            }
            row
        })
        .collect()
}

fn now() -> chrono::DateTime<chrono::FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-28T10:00:00+08:00").unwrap()
}

fn wide(w: u16, h: u16) -> Terminal<WideBackend<Vec<u8>>> {
    Terminal::new(WideBackend::with_size(Vec::new(), Size::new(w, h))).unwrap()
}

/// Draws `lines` and returns the bytes written for that frame; checks the model.
fn frame(term: &mut Terminal<WideBackend<Vec<u8>>>, model: &mut Model, lines: &[&str]) -> usize {
    let before = term.backend().writer().len();
    let text: Vec<Line> = lines.iter().map(|l| Line::from(*l)).collect();
    let rows = {
        let done = term
            .draw(|f| f.render_widget(Paragraph::new(text), f.area()))
            .unwrap();
        rows_of(done.buffer)
    };
    let out = &term.backend().writer()[before..];
    model.feed(out);
    assert_eq!(model.rows(), rows, "the bytes replayed reproduce the frame");
    out.len()
}

#[test]
fn chinese_frames_replay_exactly_without_a_redundant_move() {
    let (w, h) = (24u16, 4u16);
    let mut term = wide(w, h);
    let mut model = Model::new(w.into(), h.into());
    frame(
        &mut term,
        &mut model,
        &[
            "一、产业发展 12/30",
            "市发展改革委 牵头",
            "ab中文cd",
            "各镇(区)",
        ],
    );
    frame(
        &mut term,
        &mut model,
        &[
            "二、城市建设 3/30",
            "市住房城乡建设局",
            "a中b文cd 完成",
            "完成",
        ],
    );
    frame(
        &mut term,
        &mut model,
        &["二、城市建设 3/30", "市住房 建设局", "ab cd", ""],
    );
    frame(
        &mut term,
        &mut model,
        &[
            "（三）生态环境",
            "市生态环境局 配合 x",
            "中文中文中文中文中文中文",
            "ok",
        ],
    );
    assert!(model.moves > 0);
    assert_eq!(
        model.redundant_moves, 0,
        "no move to where the cursor already is"
    );
}

#[test]
fn an_unchanged_frame_writes_nothing() {
    let mut term = wide(20, 3);
    let mut model = Model::new(20, 3);
    let lines = ["督办 一、产业发展", "市发展改革委"];
    assert!(frame(&mut term, &mut model, &lines) > 0);
    assert_eq!(frame(&mut term, &mut model, &lines), 0);
}

/// Counts the bytes ratatui's crossterm backend writes (its writer is not public).
#[derive(Clone, Default)]
struct Count(std::rc::Rc<std::cell::Cell<usize>>);

impl std::io::Write for Count {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.set(self.0.get() + buf.len());
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn app() -> App {
    let reg = store::parse_bytes(Path::new("r.json"), store::BUNDLED.as_bytes()).unwrap();
    App::new(reg, PathBuf::from("r.json"), Lang::Zh, now())
}

/// Bytes per step of a walk through the dashboard at 80×24, drawn through `term`
/// (the first entry is the first frame). `check` sees each frame's backend and buffer.
fn walk<B: ratatui::backend::Backend>(
    term: &mut Terminal<B>,
    written: impl Fn(&B) -> usize,
    steps: &[Command],
    mut check: impl FnMut(&B, &ratatui::buffer::Buffer),
) -> Vec<usize> {
    let theme = Theme::dark();
    let mut app = app();
    let mut out = Vec::new();
    let mut last = 0;
    for step in std::iter::once(None).chain(steps.iter().map(Some)) {
        if let Some(&c) = step {
            app.update(c);
        }
        let buf = term
            .draw(|f| view::draw(f, &app, &theme))
            .ok()
            .unwrap()
            .buffer
            .clone();
        check(term.backend(), &buf);
        let now = written(term.backend());
        out.push(now - last);
        last = now;
    }
    out
}

#[test]
fn bytes_per_key_at_80x24_against_the_crossterm_backend() {
    use Command::*;
    let cases: [(&str, Vec<Command>); 2] = [
        ("Sections j", vec![GoTab(Tab::Sections), Down]),
        (
            "walk",
            vec![
                Down,
                GoTab(Tab::Sections),
                Down,
                Open,
                Down,
                GoTab(Tab::Units),
                GoTab(Tab::Towns),
                GoTab(Tab::Goals),
            ],
        ),
    ];
    for (name, steps) in cases {
        let mut ours = wide(80, 24);
        // Every frame of ours is replayed: it reproduces the screen, and no move
        // goes where the cursor already stands.
        let mut model = Model::new(80, 24);
        let mut seen = 0;
        let new = walk(
            &mut ours,
            |b| b.writer().len(),
            &steps,
            |b, buf| {
                model.feed(&b.writer()[seen..]);
                seen = b.writer().len();
                assert_eq!(model.rows(), rows_of(buf), "{name}: the frame replays");
            },
        );
        assert_eq!(
            model.redundant_moves, 0,
            "{name}: a move to where the cursor is"
        );
        assert!(model.moves > 0);
        let fixed = TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, 80, 24)),
        };
        let count = Count::default();
        let mut theirs =
            Terminal::with_options(CrosstermBackend::new(count.clone()), fixed).unwrap();
        let old = walk(&mut theirs, |_| count.0.get(), &steps, |_, _| {});
        eprintln!("{name}: bytes per step, crossterm {old:?}, width-aware {new:?}");
        // Every step after the first frame writes less than ratatui's backend.
        for (i, (n, o)) in new.iter().zip(&old).enumerate().skip(1) {
            assert!(n <= o, "{name} step {i}: {n} B against {o} B");
        }
        let (n, o): (usize, usize) = (new[1..].iter().sum(), old[1..].iter().sum());
        eprintln!(
            "{name}: after the first frame {o} B → {n} B ({:.2}×)",
            n as f64 / o as f64
        );
        // Issue 16's target for the walk: at most 0.65× ratatui's bytes.
        assert!(
            n * 100 <= o * 65,
            "{name}: {n} B against {o} B is more than 0.65×"
        );
    }
}
