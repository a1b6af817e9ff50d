//! Every screen and every slide survives any text: arbitrary strings (CJK, emoji with
//! variation selectors, skin tones and joiners, Hangul fillers, controls, escapes,
//! bidi, combining marks, line breaks) in every text field of the registry, drawn
//! with ratatui's TestBackend at sizes from 1×1 to 400×120.
//!
//! - as dubang holds the text (cleaned at load, `Registry::sanitize`): nothing
//!   panics and every row is exactly the terminal's width;
//! - as written (not cleaned, e.g. a registry built by the library's user): nothing
//!   panics (forty `❤️` in the title once crashed presentation mode with "capacity
//!   overflow").

use crate::common;

use chrono::DateTime;
use dubang::lang::Lang;
use dubang::registry::{HistoryEntry, Registry};
use dubang::store;
use dubang::text::width;
use dubang::tui::app::{App, Command, Tab};
use dubang::tui::present::slides;
use dubang::tui::theme::Theme;
use dubang::tui::view::draw;
use proptest::prelude::*;
use proptest::sample::select;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::path::{Path, PathBuf};

/// Characters that have broken terminals and layouts, and ordinary ones.
const POOL: &[&str] = &[
    "a",
    "Z",
    " ",
    "中",
    "國",
    "。",
    "（",
    "—",
    "…",
    "“",
    "❤",
    "\u{fe0f}",
    "👍",
    "\u{1f3fd}",
    "\u{200d}",
    "👨\u{200d}👩\u{200d}👧",
    "❤️",
    "\u{3164}",
    "\u{115f}",
    "\u{1b}",
    "\u{1b}]52;c;x\u{7}",
    "\u{9b}2J",
    "\u{202e}",
    "\u{2066}",
    "\n",
    "\t",
    "\r",
    "e\u{301}",
    "\u{ad}",
    "🇨🇳",
    "\u{0}",
    "\u{7f}",
    "\u{2028}",
    "\u{e0041}",
    "\u{34f}",
    "1\u{fe0f}\u{20e3}",
    "ｗ",
    "\u{ffa0}",
];

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::collection::vec(select(POOL), 0..24).prop_map(|v| v.concat()),
        1 => (select(POOL), 20..200usize).prop_map(|(s, n)| s.repeat(n)),
    ]
}

/// (texts for the fields, screen, size, language)
fn case() -> impl Strategy<Value = (Vec<String>, usize, (u16, u16), bool)> {
    (
        prop::collection::vec(text(), 16),
        0..SCREENS + 8,
        prop_oneof![
            2 => (1u16..=12, 1u16..=8),
            3 => (1u16..=400, 1u16..=120),
        ],
        any::<bool>(),
    )
}

const SCREENS: usize = 10;

fn commands(screen: usize) -> Vec<Command> {
    use Command::*;
    match screen {
        0 => vec![],
        1 => vec![GoTab(Tab::Sections)],
        2 => vec![GoTab(Tab::Sections), Open, Down],
        3 => vec![GoTab(Tab::Sections), Open, Open],
        4 => vec![GoTab(Tab::Units), Open],
        5 => vec![GoTab(Tab::Towns), Open],
        6 => vec![GoTab(Tab::Goals), Down],
        7 => vec![GoTab(Tab::Units), Problems],
        8 => vec![Help],
        _ => vec![GoTab(Tab::Sections), Open, Open, Note],
    }
}

/// The bundled plan with `texts` in every text field (cycled).
fn registry(texts: &[String]) -> Registry {
    let mut reg = store::parse_bytes(Path::new("r.json"), store::BUNDLED.as_bytes()).unwrap();
    let mut k = 0;
    let mut next = || {
        k += 1;
        texts[k % texts.len()].clone()
    };
    let d = &mut reg.document;
    d.title = next() + &d.title;
    d.issuer = next();
    d.number = next();
    d.notice = Some(next());
    d.source = Some(next());
    d.notes = vec![next()];
    for s in &mut reg.sections {
        s.title = next();
        s.numeral = next();
    }
    for u in &mut reg.units {
        u.name = next();
        u.aliases = vec![next()];
    }
    for t in &mut reg.towns {
        t.name = next();
        t.short = Some(next());
        t.code = Some(next());
    }
    let at = DateTime::parse_from_rfc3339("2026-11-20T09:00:00+08:00").unwrap();
    for g in &mut reg.goals {
        g.text = next();
        g.horizon = Some(next());
        for t in &mut g.targets {
            t.text = next();
        }
    }
    for t in &mut reg.tasks {
        t.title = next();
        t.text = next().into();
        t.updated_by = Some(next());
        t.updated_at = Some(at);
        t.history = vec![HistoryEntry {
            at,
            by: next(),
            field: next(),
            from: Some(serde_json::Value::String(next())),
            to: Some(serde_json::Value::String(next())),
            note: Some(next()),
            source: Some(next()),
            undo: false,
        }];
    }
    for m in &mut reg.measures {
        m.title = next();
        m.text = next();
    }
    reg
}

/// Draws screen `screen` (or, past the screens, slide `screen - SCREENS`) at `w`×`h`;
/// returns the rows as a terminal shows them.
fn draw_case(reg: Registry, screen: usize, (w, h): (u16, u16), zh: bool) -> Vec<String> {
    let now = DateTime::parse_from_rfc3339("2026-11-28T10:00:00+08:00").unwrap();
    let lang = if zh { Lang::Zh } else { Lang::En };
    let mut app = App::new(reg, PathBuf::from("/srv/dubang/registry.json"), lang, now);
    // The state knows the terminal's size (its pages and scrolling follow it), as
    // the event loop tells it before the first key.
    app.resize(w, h);
    if screen < SCREENS {
        for c in commands(screen) {
            app.update(c);
        }
    } else {
        app.start_presenting(true);
        let n = slides(&app).len();
        app.present.as_mut().unwrap().slide = (screen - SCREENS) % n;
    }
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| draw(f, &app, &Theme::dark())).unwrap();
    common::buffer_rows(t.backend().buffer())
}

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(96);
    ProptestConfig {
        cases,
        max_shrink_iters: 500,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn every_screen_fits_any_cleaned_text((texts, screen, size, zh) in case()) {
        let _heavy = common::heavy();
        let mut reg = registry(&texts);
        reg.sanitize();
        let rows = draw_case(reg, screen, size, zh);
        prop_assert_eq!(rows.len(), size.1 as usize);
        for (y, r) in rows.iter().enumerate() {
            prop_assert_eq!(width(r), size.0 as usize, "row {} at {:?}: {:?}", y, size, r);
        }
    }

    #[test]
    fn no_screen_panics_on_text_as_written((texts, screen, size, zh) in case()) {
        let _heavy = common::heavy();
        draw_case(registry(&texts), screen, size, zh);
    }
}

/// The crash of the issue: forty `❤️` in the title, in presentation mode.
#[test]
fn forty_hearts_in_the_title_do_not_crash_the_slides() {
    let hearts = "❤️".repeat(40);
    for clean in [false, true] {
        let mut reg = registry(&[String::new()]);
        reg.document.title = hearts.clone();
        if clean {
            reg.sanitize();
        }
        for slide in 0..8 {
            for size in [(80, 24), (200, 60), (20, 5)] {
                draw_case(reg.clone(), SCREENS + slide, size, true);
            }
        }
    }
}
