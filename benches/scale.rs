//! What the user feels at 28 / 10 000 / 100 000 tasks, each next to its floor:
//!
//! - `key_frame/<n>`: one `Down` in the Sections tab's task list and the frame after
//!   it at 80×24; `tab_switch/<n>`: the next tab (1 → 2 → … → 5 → 1) and its frame.
//!   Floor (`*_floor`): ratatui alone drawing the same cells (the frame's text as a
//!   paragraph), the least any view could cost once it knows what to show.
//! - `search_keystroke/<n>`: the last key of `wushui` and of `水务` typed into a
//!   `Searcher` that has seen the shorter prefixes (as the UI calls it). Floor
//!   (`search_floor`): `str::contains("水务")` over every title and text, the least
//!   a search of the plain characters costs without an index.
//!
//! - `list_filter/<n>`: `/wushu` typed at once into the task list of the unit that
//!   leads the most tasks (46 432 of 100 000), and the frame after it: the list
//!   filtered, the cursor put on the best match, the rows drawn with highlights;
//!   `list_filter_j/<n>`: then `j` and `k` in that filtered list, and the frame.
//!
//! Registries from `common::scaled` (the bundled tasks cloned up to N), in `--lang zh`.
//! Start-up itself is in `benches/startup.rs`.
//!
//! Run: `cargo bench --bench scale -- --warm-up-time 1 --measurement-time 3`.

mod common;

use chrono::DateTime;
use criterion::{BatchSize, BenchmarkId, Criterion, criterion_group, criterion_main};
use dubang::lang::Lang;
use dubang::registry::Registry;
use dubang::search::Searcher;
use dubang::tui::app::{App, Command, Tab};
use dubang::tui::theme::Theme;
use dubang::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::text::{Line, Text};
use ratatui::widgets::Paragraph;
use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

const LIMIT: usize = 50;

fn sizes() -> Vec<(&'static str, Registry)> {
    vec![
        ("28", common::bundled()),
        ("10000", common::scaled(10_000, |_, _| {})),
        ("100000", common::scaled(100_000, |_, _| {})),
    ]
}

fn app(reg: Registry) -> App {
    let now = DateTime::parse_from_rfc3339("2026-11-28T10:00:00+08:00").unwrap();
    let mut app = App::new(reg, PathBuf::from("r.json"), Lang::Zh, now);
    // Built before measuring: start-up is not what these benches are about.
    let _ = app.search.get();
    app.update(Command::GoTab(Tab::Sections));
    app
}

/// The frame's text, line by line: what the floor draws.
fn text_of(term: &Terminal<TestBackend>) -> Text<'static> {
    let buf = term.backend().buffer();
    let w = buf.area.width as usize;
    let lines: Vec<Line<'static>> = buf
        .content
        .chunks(w)
        .map(|row| Line::from(row.iter().map(|c| c.symbol()).collect::<String>()))
        .collect();
    Text::from(lines)
}

fn frames(c: &mut Criterion) {
    let theme = Theme::dark();
    let mut g = c.benchmark_group("frames");
    for (n, reg) in sizes() {
        if n == "100000" {
            g.sample_size(20);
        }
        let mut a = app(reg);
        a.update(Command::Open);
        let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
        term.draw(|f| view::draw(f, &a, &theme)).unwrap();
        let len = a.current_rows().len();
        g.bench_function(BenchmarkId::new("key_frame", n), |b| {
            b.iter(|| {
                if a.task_sel() + 1 >= len {
                    a.update(Command::Top);
                } else {
                    a.update(black_box(Command::Down));
                }
                term.draw(|f| view::draw(f, &a, &theme)).unwrap();
            })
        });
        let text = text_of(&term);
        g.bench_function(BenchmarkId::new("key_frame_floor", n), |b| {
            b.iter(|| {
                term.draw(|f| f.render_widget(Paragraph::new(black_box(text.clone())), f.area()))
                    .unwrap();
            })
        });
        a.update(Command::Back);
        g.bench_function(BenchmarkId::new("tab_switch", n), |b| {
            b.iter(|| {
                a.update(black_box(Command::NextTab));
                term.draw(|f| view::draw(f, &a, &theme)).unwrap();
            })
        });
        let text = text_of(&term);
        g.bench_function(BenchmarkId::new("tab_switch_floor", n), |b| {
            b.iter(|| {
                term.draw(|f| f.render_widget(Paragraph::new(black_box(text.clone())), f.area()))
                    .unwrap();
            })
        });
    }
    g.finish();
}

fn search(c: &mut Criterion) {
    let mut g = c.benchmark_group("search");
    for (n, reg) in sizes() {
        let a = app(reg);
        let index = a.search.get();
        for typed in [&["w", "wu", "wus", "wush", "wushu"][..], &["水"][..]] {
            let full = if typed[0] == "w" { "wushui" } else { "水务" };
            let mut primed = Searcher::new();
            for q in typed {
                primed.search(index, q, LIMIT);
            }
            g.bench_function(BenchmarkId::new(format!("keystroke_{full}"), n), |b| {
                b.iter_batched(
                    || primed.clone(),
                    |mut s| black_box(s.search(index, full, LIMIT)),
                    BatchSize::SmallInput,
                )
            });
        }
        let mut a = a;
        a.update(Command::GoTab(Tab::Units));
        let units = a.reg.units.len();
        let most = (0..units)
            .max_by_key(|&u| a.task_rows(Tab::Units, u).len())
            .unwrap_or(0);
        while a.sel() != most && units > 0 {
            a.update(Command::Down);
        }
        a.update(Command::Open);
        let theme = Theme::dark();
        let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
        g.bench_function(BenchmarkId::new("list_filter", n), |b| {
            // Timed from the list unfiltered (made untimed), so that each
            // iteration filters afresh: the list is kept between frames.
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    a.set_list_query("");
                    term.draw(|f| view::draw(f, &a, &theme)).unwrap();
                    let start = Instant::now();
                    a.set_list_query(black_box("wushu"));
                    term.draw(|f| view::draw(f, &a, &theme)).unwrap();
                    total += start.elapsed();
                }
                total
            })
        });
        // Moving in the filtered list: `j`, and the frame.
        a.set_list_query("wushu");
        g.bench_function(BenchmarkId::new("list_filter_j", n), |b| {
            b.iter(|| {
                a.update(Command::Down);
                a.update(Command::Up);
                term.draw(|f| view::draw(f, &a, &theme)).unwrap();
            })
        });
        let reg = &a.reg;
        g.bench_function(BenchmarkId::new("search_floor", n), |b| {
            b.iter(|| {
                black_box(
                    reg.tasks
                        .iter()
                        .filter(|t| t.title.contains("水务") || t.text.contains("水务"))
                        .count(),
                )
            })
        });
    }
    g.finish();
}

criterion_group!(benches, frames, search);
criterion_main!(benches);
