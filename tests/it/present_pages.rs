//! Presentation mode continues a slide on further pages instead of hiding what
//! does not fit (issue 11, item 8): every goal clause, every task and every lead
//! unit is on some page, uncut, and the footer says `N / M (续)` with M the number
//! of slides.

use crate::common;

use chrono::DateTime;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use dubang::lang::Lang;
use dubang::store;
use dubang::tui::app::App;
use dubang::tui::present::{Slide, slides};
use dubang::tui::theme::Theme;
use dubang::tui::view::draw;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::path::{Path, PathBuf};

fn app(w: u16, h: u16) -> App {
    let reg = store::parse_bytes(Path::new("registry.json"), store::BUNDLED.as_bytes()).unwrap();
    let now = DateTime::parse_from_rfc3339("2026-11-28T10:00:00+08:00").unwrap();
    let mut a = App::new(reg, PathBuf::from("registry.json"), Lang::Zh, now);
    a.start_presenting(true);
    a.present_resize(w, h);
    a
}

fn screen(a: &App, w: u16, h: u16) -> Vec<String> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| draw(f, a, &Theme::dark())).unwrap();
    common::buffer_rows(t.backend().buffer())
}

fn right(a: &mut App) {
    a.handle(&Event::Key(KeyEvent::new(
        KeyCode::Right,
        KeyModifiers::NONE,
    )));
}

/// Every page of slide `slide`, read by pressing → from its first page.
fn pages_of(slide: Slide, w: u16, h: u16) -> Vec<Vec<String>> {
    let mut a = app(w, h);
    let no = slides(&a).iter().position(|s| *s == slide).unwrap();
    a.present.as_mut().unwrap().slide = no;
    let mut out = Vec::new();
    loop {
        out.push(screen(&a, w, h));
        let before = a.present.unwrap();
        right(&mut a);
        let after = a.present.unwrap();
        // The next slide, or the last page of the last slide.
        if after.slide != no || after == before {
            break;
        }
        assert!(out.len() < 50, "no end of pages");
    }
    out
}

/// The text of the pages without spaces (wrapped text joins up again when the
/// other columns are not between its lines).
fn joined(pages: &[Vec<String>]) -> String {
    pages
        .iter()
        .flatten()
        .flat_map(|r| r.chars())
        .filter(|c| !c.is_whitespace())
        .collect()
}

#[test]
fn every_goal_clause_is_on_some_page_uncut() {
    let reg = app(80, 24).reg;
    for (w, h) in [(80, 24), (200, 60)] {
        let pages = pages_of(Slide::Goals, w, h);
        let all: Vec<&String> = pages.iter().flatten().collect();
        assert!(
            !all.iter().any(|r| r.contains("… 还有")),
            "{w}x{h}: a '… 还有 N 项' row"
        );
        for g in &reg.goals {
            for t in &g.targets {
                // The clause's first and last words are on a page: its start on a
                // row, its end after its last wrap.
                let head: String = t.text.chars().take(6).collect();
                let tail: String = t
                    .text
                    .chars()
                    .rev()
                    .take(4)
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .collect();
                let text = joined(&pages);
                assert!(text.contains(&head), "{w}x{h}: {head:?} of {:?}", t.text);
                assert!(
                    text.contains(&tail),
                    "{w}x{h}: the end {tail:?} of {:?}",
                    t.text
                );
            }
        }
        // The footer: the slide's number of all 13 slides, (续) after the first.
        for (i, p) in pages.iter().enumerate() {
            let foot = p.iter().rev().find(|r| !r.trim().is_empty()).unwrap();
            assert!(foot.contains("12 / 13"), "{foot}");
            assert_eq!(foot.trim_end().ends_with("(续)"), i > 0, "{foot}");
        }
    }
    assert!(
        pages_of(Slide::Goals, 80, 24).len() > 1,
        "80x24 needs more than one page"
    );
}

#[test]
fn section_slides_show_every_task_and_every_lead_unit() {
    let a = app(80, 24);
    let reg = &a.reg;
    for s in 0..reg.sections.len() {
        for (w, h) in [(80, 24), (200, 60)] {
            let pages = pages_of(Slide::Section(s), w, h);
            let rows: Vec<&String> = pages.iter().flatten().collect();
            let text = joined(&pages);
            assert!(!text.contains('…'), "section {s} at {w}x{h}: something cut");
            for t in a.ix.section_tasks(s) {
                let task = &reg.tasks[t];
                assert!(
                    rows.iter()
                        .any(|r| r.contains(&format!("{}.", task.number))),
                    "task {} missing at {w}x{h}",
                    task.number
                );
                for id in &task.lead {
                    let name = reg.name_of(id);
                    assert!(
                        text.contains(name),
                        "lead {name} of task {} at {w}x{h}",
                        task.number
                    );
                }
            }
        }
    }
}

#[test]
fn the_problem_list_continues_rather_than_hides() {
    let pages = pages_of(Slide::Problems, 80, 24);
    assert!(pages.len() > 1);
    let a = app(80, 24);
    let rows: Vec<&String> = pages.iter().flatten().collect();
    for p in a.problem_rows().iter() {
        let n = a.reg.tasks[p.task].number;
        assert!(
            rows.iter().any(|r| r.contains(&format!("] {n:>3} "))),
            "problem {n} on no page"
        );
    }
}
