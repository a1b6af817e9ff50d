//! Every screen of the dashboard, drawn with ratatui's TestBackend at 80×24 and
//! 160×48 in both languages: snapshots (insta) plus a check that every row is
//! exactly as wide as the terminal, whatever Chinese text it holds.

use crate::common;

use chrono::DateTime;
use dubang::lang::Lang;
use dubang::store;
use dubang::text::width;
use dubang::tui::app::{App, Command, Tab};
use dubang::tui::theme::Theme;
use dubang::tui::view::draw;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use std::path::{Path, PathBuf};

fn app(lang: Lang) -> App {
    let reg = store::parse_bytes(Path::new("registry.json"), store::BUNDLED.as_bytes()).unwrap();
    let now = DateTime::parse_from_rfc3339("2026-11-28T10:00:00+08:00").unwrap();
    App::new(reg, PathBuf::from("/srv/dubang/registry.json"), lang, now)
}

/// The rows as a terminal shows them.
fn rows(buf: &Buffer) -> Vec<String> {
    common::buffer_rows(buf)
}

fn render(app: &App, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| draw(f, app, &Theme::dark())).unwrap();
    let rows = rows(t.backend().buffer());
    for (y, r) in rows.iter().enumerate() {
        assert_eq!(
            width(r),
            w as usize,
            "row {y} is {} columns, not {w}: {r:?}",
            width(r)
        );
        assert!(
            !r.contains('\u{fffd}'),
            "row {y} has a replacement character: {r:?}"
        );
    }
    // Right borders line up: a box's right edge is in the same column on each row.
    rows.join("\n")
}

fn keys(app: &mut App, cmds: &[Command]) {
    for &c in cmds {
        app.update(c);
    }
}

use Command::*;

/// (name, commands that reach the screen).
fn screens() -> Vec<(&'static str, Vec<Command>)> {
    vec![
        ("overview", vec![]),
        ("sections", vec![GoTab(Tab::Sections)]),
        (
            "sections_tasks",
            vec![GoTab(Tab::Sections), Down, Open, Down, Down],
        ),
        (
            "units",
            vec![GoTab(Tab::Units), Down, Down, Down, Down, Down, Down, Open],
        ),
        ("towns", vec![GoTab(Tab::Towns), Open]),
        ("goals", vec![GoTab(Tab::Goals)]),
        (
            "detail",
            vec![GoTab(Tab::Sections), Down, Open, Down, Down, Open],
        ),
        ("help", vec![GoTab(Tab::Sections), Help]),
        ("problems", vec![GoTab(Tab::Units), Problems, Down, Down]),
        (
            "export",
            vec![GoTab(Tab::Units), Down, Open, StatusFilter, Export],
        ),
    ]
}

fn snapshot_all(lang: Lang, tag: &str) {
    for (w, h) in [(80u16, 24u16), (160, 48)] {
        for (name, cmds) in screens() {
            let mut a = app(lang);
            a.resize(w, h);
            keys(&mut a, &cmds);
            let screen = render(&a, w, h);
            insta::assert_snapshot!(format!("{name}_{tag}_{w}x{h}"), screen);
        }
    }
}

#[test]
fn every_screen_in_chinese() {
    snapshot_all(Lang::Zh, "zh");
}

#[test]
fn every_screen_in_english() {
    snapshot_all(Lang::En, "en");
}

#[test]
fn too_small_terminal_says_how_big_it_must_be() {
    let screen = render(&app(Lang::En), 50, 12);
    assert!(screen.contains("enlarge it to at least 60x16"), "{screen}");
    let screen = render(&app(Lang::Zh), 40, 10);
    assert!(screen.contains("请放大到至少"), "{screen}");
}

#[test]
fn every_size_from_tiny_to_huge_fits() {
    // Not snapshots: just that nothing overflows or panics at odd sizes.
    for (w, h) in [
        (1, 1),
        (59, 15),
        (60, 16),
        (61, 17),
        (79, 23),
        (81, 25),
        (119, 30),
        (120, 30),
        (121, 50),
        (250, 80),
    ] {
        for (_, cmds) in screens() {
            for lang in [Lang::Zh, Lang::En] {
                let mut a = app(lang);
                a.resize(w, h);
                keys(&mut a, &cmds);
                render(&a, w, h);
            }
        }
    }
}

#[test]
fn ascii_mode_draws_no_ambiguous_width_characters() {
    for (_, cmds) in screens() {
        let mut a = app(Lang::Zh);
        a.ascii = true;
        keys(&mut a, &cmds);
        let screen = render(&a, 80, 24);
        let bad: Vec<char> = screen
            .chars()
            .filter(|&c| dubang::text::ascii_stand_in(c).is_some())
            .collect();
        assert!(bad.is_empty(), "ambiguous characters {bad:?} in\n{screen}");
    }
}

#[test]
fn a_popup_over_chinese_text_leaves_no_half_characters() {
    // The help popup's edges cut through the Chinese rows of the overview.
    for w in 76..=84 {
        let mut a = app(Lang::Zh);
        a.update(Help);
        render(&a, w, 24);
    }
}

#[test]
fn control_characters_from_the_file_are_not_drawn() {
    let text = store::BUNDLED.replace("市水务局", "市水\\u001b[31m务局\\u0007");
    let reg = store::parse_bytes(Path::new("x.json"), text.as_bytes()).unwrap();
    let now = DateTime::parse_from_rfc3339("2026-11-28T10:00:00+08:00").unwrap();
    let mut a = App::new(reg, PathBuf::from("x.json"), Lang::Zh, now);
    keys(
        &mut a,
        &[GoTab(Tab::Units), Down, Down, Down, Down, Down, Down],
    );
    let screen = render(&a, 80, 24);
    assert!(screen.contains("市水务局"), "{screen}");
    assert!(
        !screen.contains("[31m") && !screen.contains('\u{1b}'),
        "{screen}"
    );
}

/// A plan imported with parts and programmes: the Sections tab nests programmes
/// under their part, a part counts its programmes' tasks, and a programme's task
/// list names its part.
#[test]
fn parts_and_programmes_are_nested_with_their_paths() {
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/plans/parts_and_programmes.txt"
    ))
    .unwrap();
    let opts = dubang::import::ImportOptions::default();
    let (imported, _) = crate::import_corpus::import_bytes(&bytes, "plan.txt", &opts);
    let now = DateTime::parse_from_rfc3339("2026-11-28T10:00:00+08:00").unwrap();
    let mut a = App::new(
        imported.registry,
        PathBuf::from("/srv/plan.json"),
        Lang::Zh,
        now,
    );
    keys(&mut a, &[GoTab(Tab::Sections)]);
    let screen = render(&a, 80, 24);
    let row = |needle: &str| {
        screen
            .lines()
            .find(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("no {needle}:\n{screen}"))
            .to_string()
    };
    assert!(row("(三) 实施六大行动计划").contains("0/5"), "{screen}");
    assert!(row("  (一) 产业集群培育行动").contains("0/2"), "{screen}");
    assert!(row("(四) 构建支撑体系").contains("0/3"), "{screen}");
    // The first programme's tasks: the list's title names the part too.
    keys(&mut a, &[Down, Open]);
    let screen = render(&a, 120, 30);
    assert!(
        screen.contains("(三) 实施六大行动计划 · (一) 产业集群培育行动"),
        "{screen}"
    );
}
