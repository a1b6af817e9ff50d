//! Start-up: the search index builds on its own thread while the first frame is
//! drawn. Whatever needs it before it is done waits for it, so a search typed as
//! the dashboard starts finds every hit, and an edit made then lands in the one
//! registry the index was built from.

use chrono::DateTime;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use dubang::lang::Lang;
use dubang::registry::Registry;
use dubang::search::SearchIndex;
use dubang::store;
use dubang::tui::app::{App, Tab};
use dubang::tui::edit::Mode;
use std::path::{Path, PathBuf};

/// The bundled plan with its tasks cloned up to `n` (enough for the index to take
/// a while to build, in a debug build).
fn scaled(n: usize) -> Registry {
    let mut reg = store::parse_bytes(Path::new("r.json"), store::BUNDLED.as_bytes()).unwrap();
    let base = reg.tasks.clone();
    reg.tasks = (0..n)
        .map(|i| {
            let mut t = base[i % base.len()].clone();
            t.id = format!("t{}", i + 1);
            t.number = (i + 1) as u32;
            t
        })
        .collect();
    reg
}

fn start(reg: Registry) -> App {
    let now = DateTime::parse_from_rfc3339("2026-11-28T10:00:00+08:00").unwrap();
    App::new(reg, PathBuf::from("r.json"), Lang::Zh, now)
}

fn typed(a: &mut App, s: &str) {
    for c in s.chars() {
        a.handle(&Event::Key(KeyEvent::new(
            KeyCode::Char(c),
            KeyModifiers::NONE,
        )));
    }
}

#[test]
fn a_search_typed_as_the_dashboard_starts_finds_every_hit() {
    let _heavy = crate::common::heavy();
    let reg = scaled(3_000);
    let expected = SearchIndex::build(&reg).search("wushui", dubang::tui::find::SEARCH_LIMIT);
    assert!(!expected.is_empty());
    let mut a = start(reg);
    // Typed at once, before the index can be done: the keys wait for it.
    typed(&mut a, ":wushui");
    let Mode::Search(state) = &a.mode else {
        panic!("search open")
    };
    assert_eq!(state.hits, expected);
    assert!(a.search.is_ready());
}

#[test]
fn a_filter_typed_as_the_dashboard_starts_filters() {
    let _heavy = crate::common::heavy();
    let mut a = start(scaled(3_000));
    a.update(dubang::tui::app::Command::GoTab(Tab::Units));
    typed(&mut a, "/swj");
    let names: Vec<&str> = a
        .visible_entities(Tab::Units)
        .iter()
        .map(|(i, _)| a.reg.units[*i].name.as_str())
        .collect();
    assert!(names.contains(&"市水务局"), "{names:?}");
    assert!(names.len() < a.reg.units.len(), "{names:?}");
}

#[test]
fn an_edit_as_the_dashboard_starts_changes_the_registry_the_screens_show() {
    let _heavy = crate::common::heavy();
    let mut a = start(scaled(3_000));
    // Written before the index thread is done with the registry: waits, then writes.
    a.reg.write().tasks[7].title = "水务专项整治".into();
    assert_eq!(a.reg.tasks[7].title, "水务专项整治");
    // The index was built, from the registry as it was at start-up.
    assert!(!a.search.search("wushui", 5).is_empty());
    assert!(a.search.is_ready());
}
