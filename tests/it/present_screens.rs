//! Presentation mode: every slide drawn with ratatui's TestBackend at 80×24 and
//! 200×60 in every theme. The text is snapshotted once per size (it does not
//! depend on the theme); per theme each screen is checked for exact row widths
//! and for its styles (mono: no colour at all; light and high-contrast: their
//! background everywhere). Then paging with the keys, and that no edit key does
//! anything while presenting.

use crate::common;

use chrono::DateTime;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use dubang::lang::Lang;
use dubang::registry::Status;
use dubang::store;
use dubang::text::width;
use dubang::tui::app::App;
use dubang::tui::present::{Slide, slides};
use dubang::tui::theme::{Theme, ThemeName};
use dubang::tui::view::draw;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};
use std::path::{Path, PathBuf};

const THEMES: [ThemeName; 4] = [
    ThemeName::Dark,
    ThemeName::Light,
    ThemeName::HighContrast,
    ThemeName::Mono,
];

/// The bundled plan, part-way through: the first sections have every status and
/// some progress, the later ones are mostly not started (a two-digit count), and
/// the 2025 goal (due 2025-12-31) is past due on the fixed "today".
fn app(lang: Lang) -> App {
    let mut reg =
        store::parse_bytes(Path::new("registry.json"), store::BUNDLED.as_bytes()).unwrap();
    for (i, t) in reg.tasks.iter_mut().enumerate() {
        (t.status, t.progress) = match (i < 14, i % 7) {
            (_, 0) | (true, 3) => (Status::Done, 100),
            (true, 1 | 5) => (Status::InProgress, 40 + 10 * (i % 4) as u8),
            (true, 4) => (Status::Delayed, 20),
            (true, 6) => (Status::Blocked, 10),
            _ => (Status::NotStarted, 0),
        };
    }
    reg.goals[0].status = Status::InProgress;
    let now = DateTime::parse_from_rfc3339("2026-11-28T10:00:00+08:00").unwrap();
    let mut a = App::new(reg, PathBuf::from("/srv/dubang/registry.json"), lang, now);
    a.start_presenting(true);
    a
}

/// The rows as a terminal shows them.
fn rows(buf: &Buffer) -> Vec<String> {
    common::buffer_rows(buf)
}

/// Draws slide `no`, checks every row is exactly the terminal's width, and
/// returns the buffer.
fn render(app: &mut App, no: usize, theme: &Theme, w: u16, h: u16) -> Buffer {
    app.present.as_mut().unwrap().slide = no;
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| draw(f, app, theme)).unwrap();
    let buf = t.backend().buffer().clone();
    for (y, r) in rows(&buf).iter().enumerate() {
        assert_eq!(
            width(r),
            w as usize,
            "slide {no} at {w}x{h} ({:?}): row {y} is {} columns: {r:?}",
            theme.name,
            width(r)
        );
        assert!(!r.contains('\u{fffd}'), "row {y}: {r:?}");
    }
    buf
}

fn text(buf: &Buffer) -> String {
    rows(buf)
        .iter()
        .map(|r| r.trim_end())
        .collect::<Vec<_>>()
        .join("\n")
}

fn slide_name(s: Slide) -> String {
    match s {
        Slide::Overview => "overview".into(),
        Slide::Section(i) => format!("section{}", i + 1),
        Slide::Units => "units".into(),
        Slide::Towns => "towns".into(),
        Slide::Goals => "goals".into(),
        Slide::Problems => "problems".into(),
    }
}

/// The cells a terminal shows: not the ones hidden under the second half of a
/// wide character (ratatui resets those).
fn shown(buf: &Buffer) -> Vec<(usize, &ratatui::buffer::Cell)> {
    let w = buf.area.width as usize;
    let mut out = Vec::new();
    for (y, cells) in buf.content.chunks(w).enumerate() {
        let mut skip = 0usize;
        for (x, c) in cells.iter().enumerate() {
            if skip == 0 {
                out.push((y * w + x, c));
            }
            skip = skip.max(width(c.symbol())).saturating_sub(1);
        }
    }
    out
}

/// What each theme promises about every cell.
fn check_styles(buf: &Buffer, theme: &Theme, what: &str) {
    match theme.name {
        ThemeName::Mono => {
            for (i, c) in shown(buf) {
                assert!(
                    c.fg == Color::Reset && c.bg == Color::Reset,
                    "{what}: cell {i} ({:?}) has colour {:?}/{:?}",
                    c.symbol(),
                    c.fg,
                    c.bg
                );
            }
        }
        ThemeName::Light | ThemeName::HighContrast => {
            let bg = if theme.name == ThemeName::Light {
                dubang::tui::theme::light::WHITE
            } else {
                Color::Black
            };
            for (i, c) in shown(buf) {
                assert_eq!(
                    c.bg,
                    bg,
                    "{what}: cell {i} ({:?}) not on {bg:?}",
                    c.symbol()
                );
                assert_ne!(c.fg, bg, "{what}: cell {i} ({:?}) invisible", c.symbol());
            }
        }
        ThemeName::Dark => {
            assert!(
                buf.content.iter().any(|c| c.fg != Color::Reset),
                "{what}: the dark theme shows some colour"
            );
        }
    }
}

#[test]
fn every_slide_at_80x24_and_200x60_in_every_theme() {
    for (w, h) in [(80u16, 24u16), (200, 60)] {
        let mut a = app(Lang::Zh);
        let list = slides(&a);
        assert_eq!(
            list.len(),
            13,
            "overview, 8 sections, units, towns, goals, problems"
        );
        for (no, &s) in list.iter().enumerate() {
            let name = slide_name(s);
            let mut first: Option<String> = None;
            for name_t in THEMES {
                let theme = Theme::named(name_t);
                let buf = render(&mut a, no, &theme, w, h);
                check_styles(&buf, &theme, &format!("{name} {w}x{h} {name_t:?}"));
                let t = text(&buf);
                // The text does not depend on the theme.
                match &first {
                    None => first = Some(t),
                    Some(f) => assert_eq!(f, &t, "{name} {w}x{h}: {name_t:?} differs"),
                }
            }
            let t = first.unwrap();
            assert!(t.contains(&format!("{} / 13", no + 1)), "{name}:\n{t}");
            assert!(t.contains("新时代支持琼崖革命老区振兴发展工作方案"), "{t}");
            insta::assert_snapshot!(format!("present_{name}_{w}x{h}"), t);
        }
    }
}

#[test]
fn every_slide_in_english() {
    for (w, h) in [(80u16, 24u16), (200, 60)] {
        let mut a = app(Lang::En);
        let n = slides(&a).len();
        let all: Vec<String> = (0..n)
            .map(|no| text(&render(&mut a, no, &Theme::dark(), w, h)))
            .collect();
        insta::assert_snapshot!(
            format!("present_all_en_{w}x{h}"),
            all.join("\n\n========\n\n")
        );
    }
}

#[test]
fn status_reads_without_colour_and_past_due_stands_out() {
    let mut a = app(Lang::Zh);
    let mono = Theme::mono();
    // Overview: every status by symbol and word.
    let t = text(&render(&mut a, 0, &mono, 80, 24));
    for w in ["✓ 已完成", "◔ 推进中", "! 滞后", "✗ 受阻", "◌ 未启动"] {
        assert!(t.contains(w), "{w} missing:\n{t}");
    }
    // Goals: the 2025 goal is past due, in the warning style, with a "!".
    let last = slides(&a).iter().position(|s| *s == Slide::Goals).unwrap();
    for theme in THEMES.map(Theme::named) {
        for (w, h) in [(80, 24), (200, 60)] {
            let buf = render(&mut a, last, &theme, w, h);
            let rows = rows(&buf);
            let y = rows
                .iter()
                .position(|r| r.contains("已逾期 332 天"))
                .unwrap_or_else(|| panic!("no past-due note:\n{}", text(&buf)));
            assert!(rows[y].contains("! 已逾期"), "{}", rows[y]);
            let x = buf
                .content
                .iter()
                .skip(y * w as usize)
                .position(|c| c.symbol() == "已")
                .unwrap();
            let c = &buf[(x as u16, y as u16)];
            assert_eq!(
                c.fg,
                theme.warn.fg.unwrap_or(Color::Reset),
                "{:?}",
                theme.name
            );
            assert!(c.modifier.contains(Modifier::BOLD), "{:?}", theme.name);
            assert!(
                rows.iter().any(|r| r.contains("还有 9 年")),
                "{}",
                text(&buf)
            );
        }
    }
}

#[test]
fn slides_scale_from_small_to_4k() {
    // The overview's big digits grow with the terminal.
    let mut a = app(Lang::Zh);
    let theme = Theme::dark();
    let block_rows = |buf: &Buffer| rows(buf).iter().filter(|r| r.contains('█')).count();
    let small = block_rows(&render(&mut a, 0, &theme, 80, 24));
    let mid = block_rows(&render(&mut a, 0, &theme, 200, 60));
    let big = block_rows(&render(&mut a, 0, &theme, 400, 120));
    assert!(small < mid && mid < big, "{small} {mid} {big}");
    // At 4K the drawing spreads over the screen, not into a corner.
    for no in 0..slides(&a).len() {
        let buf = render(&mut a, no, &theme, 400, 120);
        let rows = rows(&buf);
        let used: Vec<usize> = rows
            .iter()
            .enumerate()
            .filter(|(_, r)| !r.trim().is_empty())
            .map(|(y, _)| y)
            .collect();
        let widest = rows.iter().map(|r| width(r.trim_end())).max().unwrap();
        assert!(widest > 300, "slide {no} uses {widest} of 400 columns");
        let span = used.last().unwrap() - used.first().unwrap();
        assert!(span > 90, "slide {no} spans {span} of 120 rows");
    }
}

#[test]
fn every_size_from_tiny_to_huge_fits() {
    for lang in [Lang::Zh, Lang::En] {
        let mut a = app(lang);
        for (w, h) in [
            (1, 1),
            (2, 1),
            (1, 3),
            (10, 4),
            (20, 6),
            (40, 12),
            (59, 15),
            (79, 23),
            (81, 25),
            (100, 20),
            (120, 30),
            (160, 48),
            (250, 20),
            (30, 100),
            (400, 120),
            (600, 160),
        ] {
            for no in 0..slides(&a).len() {
                for theme in [Theme::dark(), Theme::mono()] {
                    render(&mut a, no, &theme, w, h);
                }
            }
        }
    }
}

#[test]
fn many_tasks_units_and_large_counts_still_fit() {
    // Ten times the plan: three-digit counts, long sections, many units.
    let mut reg =
        store::parse_bytes(Path::new("registry.json"), store::BUNDLED.as_bytes()).unwrap();
    let base = reg.tasks.clone();
    for k in 1..10 {
        for t in &base {
            let mut t = t.clone();
            t.id = format!("{}-{k}", t.id);
            t.number += 28 * k;
            t.status = Status::ALL[(t.number as usize) % 5];
            reg.tasks.push(t);
        }
    }
    let now = DateTime::parse_from_rfc3339("2026-11-28T10:00:00+08:00").unwrap();
    for lang in [Lang::Zh, Lang::En] {
        let mut a = App::new(reg.clone(), PathBuf::from("x.json"), lang, now);
        a.start_presenting(false);
        for (w, h) in [(80, 24), (200, 60), (400, 120)] {
            for no in 0..slides(&a).len() {
                let t = text(&render(&mut a, no, &Theme::dark(), w, h));
                if no == 1 && (w, h) == (80, 24) {
                    // 90 tasks in section 一 cannot all show: they go on further
                    // pages, not behind a "… N more".
                    assert!(!t.contains("还有") && !t.contains("more"), "{t}");
                    assert!(dubang::tui::view::slide_pages(&a, no, (w, h)) > 1);
                }
            }
        }
    }
}

#[test]
fn ascii_mode_draws_no_ambiguous_width_characters() {
    let mut a = app(Lang::Zh);
    a.ascii = true;
    for (w, h) in [(80, 24), (200, 60), (60, 16)] {
        for no in 0..slides(&a).len() {
            let t = text(&render(&mut a, no, &Theme::dark(), w, h));
            let bad: Vec<char> = t
                .chars()
                .filter(|&c| dubang::text::ascii_stand_in(c).is_some())
                .collect();
            assert!(bad.is_empty(), "ambiguous {bad:?} in\n{t}");
        }
    }
    // The big digits are drawn, as #.
    let t = text(&render(&mut a, 0, &Theme::dark(), 80, 24));
    assert!(t.contains("###"), "{t}");
}

// ---------------------------------------------------------------------------
// Keys.

fn key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn press(a: &mut App, code: KeyCode) -> bool {
    let (changed, effect) = a.handle(&key(code));
    assert!(effect.is_none(), "{code:?} asked for an effect");
    changed
}

fn slide(a: &App) -> usize {
    a.present.expect("presenting").slide
}

#[test]
fn paging_through_every_slide() {
    let mut a = app(Lang::Zh);
    let n = slides(&a).len();
    // Forward with each of →, PgDn and Space, drawing every slide on the way.
    let forward = [KeyCode::Right, KeyCode::PageDown, KeyCode::Char(' ')];
    for i in 0..n - 1 {
        let now = slide(&a);
        render(&mut a, now, &Theme::light(), 80, 24);
        assert!(press(&mut a, forward[i % 3]));
        assert_eq!(slide(&a), i + 1);
    }
    // At the end, forward does nothing.
    assert!(!press(&mut a, KeyCode::Right));
    assert_eq!(slide(&a), n - 1);
    // Back with ← and PgUp.
    let back = [KeyCode::Left, KeyCode::PageUp];
    for i in (0..n - 1).rev() {
        assert!(press(&mut a, back[i % 2]));
        assert_eq!(slide(&a), i);
    }
    assert!(!press(&mut a, KeyCode::Left));
    assert_eq!(slide(&a), 0);
    // Home and End.
    assert!(press(&mut a, KeyCode::End));
    assert_eq!(slide(&a), n - 1);
    assert!(press(&mut a, KeyCode::Home));
    assert_eq!(slide(&a), 0);
    // Slide numbers on screen follow.
    press(&mut a, KeyCode::Right);
    press(&mut a, KeyCode::Right);
    assert_eq!(slide(&a), 2);
    let t = text(&render(&mut a, 2, &Theme::dark(), 80, 24));
    assert!(t.contains("3 / 13"), "{t}");
}

#[test]
fn esc_quits_when_started_with_present_and_returns_when_started_with_p() {
    // `dubang --present`: leaving quits.
    let mut a = app(Lang::Zh);
    assert!(press(&mut a, KeyCode::Esc));
    assert!(a.quit);
    // `P` from the dashboard: leaving returns to it, and `P` starts again.
    let mut a = app(Lang::Zh);
    a.present = None;
    a.handle(&key(KeyCode::Char('P')));
    assert_eq!(
        a.present.map(|p| (p.slide, p.leave_quits)),
        Some((0, false))
    );
    press(&mut a, KeyCode::Right);
    assert!(press(&mut a, KeyCode::Esc));
    assert!(a.present.is_none());
    assert!(!a.quit);
    // q leaves too.
    a.handle(&key(KeyCode::Char('P')));
    assert!(press(&mut a, KeyCode::Char('q')));
    assert!(a.present.is_none() && !a.quit);
}

#[test]
fn no_edit_key_does_anything_while_presenting() {
    let mut a = app(Lang::Zh);
    press(&mut a, KeyCode::Right);
    press(&mut a, KeyCode::Right);
    let reg = a.reg.clone();
    let view = a.view().clone();
    let before = a.present;
    let edit_keys = [
        's', 'n', 'p', 'd', 'u', '[', ']', 'w', 'r', 'e', 'x', '1', '?', '/',
    ];
    for c in edit_keys {
        let ev = key(KeyCode::Char(c));
        assert!(!a.present_key(match &ev {
            Event::Key(k) => *k,
            _ => unreachable!(),
        }));
        let (changed, effect) = a.handle(&ev);
        assert!(!changed, "'{c}' changed the screen");
        assert!(effect.is_none(), "'{c}' asked for an effect");
        assert_eq!(a.present, before, "'{c}'");
        assert_eq!(a.reg, reg, "'{c}' changed the registry");
        assert_eq!(*a.view(), view, "'{c}'");
        assert!(matches!(a.mode, dubang::tui::edit::Mode::Normal), "'{c}'");
        assert!(!a.showing_help() && !a.quit && a.pending.is_empty() && a.undo.is_empty());
    }
    // Nor Enter on a would-be picker, nor Tab and digits for tabs.
    for code in [
        KeyCode::Tab,
        KeyCode::BackTab,
        KeyCode::Delete,
        KeyCode::Insert,
    ] {
        let (_, effect) = a.handle(&key(code));
        assert!(effect.is_none());
        assert_eq!(a.reg, reg);
        assert_eq!(*a.view(), view);
    }
}
