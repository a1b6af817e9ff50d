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
        let help = a.help;
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
