//! Themes as a terminal receives them: the bytes ratatui's crossterm backend writes.
//! Mono (what NO_COLOR selects) must carry no colour escape sequence at all, and
//! the selected row must still be marked without colour.

use chrono::DateTime;
use dubang::lang::Lang;
use dubang::store;
use dubang::tui::app::{App, Command, Tab};
use dubang::tui::theme::{Theme, ThemeName};
use dubang::tui::view::draw;
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::{TerminalOptions, Viewport};
use std::path::{Path, PathBuf};

fn app() -> App {
    let reg = store::parse_bytes(Path::new("r.json"), store::BUNDLED.as_bytes()).unwrap();
    let now = DateTime::parse_from_rfc3339("2026-11-28T10:00:00+08:00").unwrap();
    App::new(reg, PathBuf::from("r.json"), Lang::Zh, now)
}

/// The bytes one frame sends to the terminal.
fn bytes(app: &App, theme: &Theme) -> String {
    let mut out = Vec::new();
    {
        let backend = CrosstermBackend::new(&mut out);
        let opts = TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, 100, 30)),
        };
        let mut t = Terminal::with_options(backend, opts).unwrap();
        t.draw(|f| draw(f, app, theme)).unwrap();
    }
    String::from_utf8(out).unwrap()
}

/// SGR parameter lists (`ESC [ … m`) in the output.
fn sgr_params(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(i) = rest.find("\u{1b}[") {
        let tail = &rest[i + 2..];
        let end = tail
            .find(|c: char| c.is_ascii_alphabetic())
            .unwrap_or(tail.len());
        if tail[end..].starts_with('m') {
            out.push(tail[..end].to_string());
        }
        rest = &tail[end..];
    }
    out
}

/// Whether an SGR parameter list sets a colour (other than "default colour").
fn sets_colour(params: &str) -> bool {
    for p in params.split(';') {
        match p.parse::<u32>().unwrap_or(0) {
            30..=37 | 40..=47 | 90..=97 | 100..=107 => return true,
            38 | 48 | 58 => return true,
            _ => {}
        }
    }
    false
}

fn screens() -> Vec<Vec<Command>> {
    vec![
        vec![],
        vec![Command::GoTab(Tab::Sections), Command::Open],
        vec![
            Command::GoTab(Tab::Units),
            Command::Down,
            Command::Open,
            Command::Open,
        ],
        vec![Command::GoTab(Tab::Goals)],
        vec![Command::Help],
    ]
}

#[test]
fn mono_sends_no_colour_at_all() {
    for cmds in screens() {
        let mut a = app();
        for c in cmds {
            a.update(c);
        }
        let help = a.showing_help();
        let out = bytes(&a, &Theme::named(ThemeName::Mono));
        let coloured: Vec<String> = sgr_params(&out)
            .into_iter()
            .filter(|p| sets_colour(p))
            .collect();
        assert!(coloured.is_empty(), "colour escapes in mono: {coloured:?}");
        // The selection is still marked, without colour.
        assert!(
            help || out.contains('▸') || out.contains('>'),
            "no selection marker"
        );
    }
}

#[test]
fn no_color_selects_mono() {
    assert_eq!(Theme::pick(None, None, true).name, ThemeName::Mono);
}

#[test]
fn the_other_themes_do_colour() {
    for name in [ThemeName::Dark, ThemeName::Light, ThemeName::HighContrast] {
        let out = bytes(&app(), &Theme::named(name));
        assert!(
            sgr_params(&out).iter().any(|p| sets_colour(p)),
            "{name:?} sends no colour"
        );
    }
}

fn key(c: crossterm::event::KeyCode) -> crossterm::event::Event {
    use crossterm::event::{Event, KeyEvent, KeyModifiers};
    Event::Key(KeyEvent::new(c, KeyModifiers::NONE))
}

/// Screens with a selected row: the lists of every tab (with the entity list and
/// then the task list holding the keyboard), the search popup, the status picker
/// and the problem list.
fn selection_screens() -> Vec<(&'static str, App)> {
    use crossterm::event::KeyCode;
    let mut out = Vec::new();
    for (name, tab) in [
        ("sections", Tab::Sections),
        ("units", Tab::Units),
        ("towns", Tab::Towns),
        ("goals", Tab::Goals),
    ] {
        let mut a = app();
        a.update(Command::GoTab(tab));
        a.update(Command::Down);
        out.push((name, a));
        let mut a = app();
        a.update(Command::GoTab(tab));
        a.update(Command::Open);
        a.update(Command::Down);
        out.push((name, a));
    }
    let mut a = app();
    a.update(Command::Search);
    for c in "城乡".chars() {
        a.handle(&key(KeyCode::Char(c)));
    }
    a.handle(&key(KeyCode::Down));
    out.push(("search", a));
    let mut a = app();
    a.update(Command::GoTab(Tab::Sections));
    a.update(Command::Open);
    a.update(Command::Status);
    a.handle(&key(KeyCode::Down));
    out.push(("picker", a));
    let mut a = app();
    a.update(Command::Problems);
    a.update(Command::Down);
    out.push(("problems", a));
    out
}

/// Whether a cell shows as selected (the keyboard's list) or as the idle
/// selection of the list that does not have the keyboard.
fn selected_like(cell: &ratatui::buffer::Cell, want: ratatui::style::Style) -> bool {
    let s = cell.style();
    want.bg.is_none_or(|bg| s.bg == Some(bg)) && s.add_modifier.contains(want.add_modifier)
}

#[test]
fn the_whole_selected_row_is_selected_in_every_theme() {
    use ratatui::backend::TestBackend;
    for name in ThemeName::ALL {
        let theme = Theme::named(name);
        for (screen, a) in selection_screens() {
            for (w, h) in [(80, 24), (160, 48)] {
                let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
                t.draw(|f| draw(f, &a, &theme)).unwrap();
                let buf = t.backend().buffer();
                let mut seen = 0;
                for y in 0..h {
                    let Some(x0) = (0..w).find(|&x| buf[(x, y)].symbol() == "▸") else {
                        continue;
                    };
                    let marker = &buf[(x0, y)];
                    let want = if selected_like(marker, theme.selected) {
                        theme.selected
                    } else {
                        theme.selected_idle
                    };
                    // The row runs from the marker to the box's right border.
                    let end = (x0 + 1..w)
                        .find(|&x| ["│", "|"].contains(&buf[(x, y)].symbol()))
                        .unwrap_or(w);
                    seen += 1;
                    for x in x0..end {
                        // The second half of a wide character is not drawn on its own.
                        if x > 0 && dubang::text::width(buf[(x - 1, y)].symbol()) == 2 {
                            continue;
                        }
                        assert!(
                            selected_like(&buf[(x, y)], want),
                            "{name:?} {screen} {w}x{h}: cell ({x},{y}) {:?} of the selected row \
                             is drawn {:?}, not as selected {want:?}",
                            buf[(x, y)].symbol(),
                            buf[(x, y)].style()
                        );
                    }
                }
                assert!(seen > 0, "{name:?} {screen} {w}x{h}: no selected row");
            }
        }
    }
}
