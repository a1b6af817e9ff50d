//! The dashboard's cost per frame, drawn into ratatui's `TestBackend` (no terminal
//! I/O, so this is the work `dubang` does before writing the diff to the tty):
//!
//! - `startup/*`: parse the bundled registry from its JSON text, build the `App`
//!   (indexes included, waiting for the search index built on its own thread) and
//!   draw the first frame at 80×24 (and the same from the JSON of a generated
//!   10 000-task registry);
//! - `key_frame/*`: one navigation key (`Command::Down`) and the frame after it, at
//!   80×24 and 160×48, on the bundled plan (28 tasks) and on a generated registry
//!   of 10 000 tasks (the bundled tasks cloned with new ids and numbers, same
//!   units, towns and sections).
//!
//! Run: `cargo bench --bench tui -- --warm-up-time 1 --measurement-time 3`.

use chrono::{DateTime, FixedOffset};
mod common;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use dubang::lang::Lang;
use dubang::registry::Registry;
use dubang::store::{BUNDLED, parse_bytes};
use dubang::tui::app::{App, Command, Tab};
use dubang::tui::theme::Theme;
use dubang::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::hint::black_box;
use std::path::{Path, PathBuf};

/// A fixed "now" so that due-date notes do not change between runs.
fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-28T10:00:00+08:00").unwrap()
}

use common::bundled;

/// The bundled plan with its tasks cloned up to `n` tasks, numbered 1..=n.
fn generated(n: usize) -> Registry {
    common::scaled(n, |_, _| {})
}

fn app(reg: Registry, lang: Lang) -> App {
    App::new(reg, PathBuf::from("registry.json"), lang, now())
}

fn terminal(w: u16, h: u16) -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(w, h)).expect("test terminal")
}

fn startup(c: &mut Criterion) {
    let theme = Theme::dark();
    let mut g = c.benchmark_group("startup");
    for lang in [Lang::Zh, Lang::En] {
        g.bench_function(
            BenchmarkId::new("load+first_frame_80x24", lang_name(lang)),
            |b| {
                b.iter(|| {
                    let mut term = terminal(80, 24);
                    let reg =
                        parse_bytes(Path::new("registry.json"), black_box(BUNDLED.as_bytes()))
                            .expect("bundled registry");
                    let app = app(reg, lang);
                    term.draw(|f| view::draw(f, &app, &theme)).unwrap();
                    black_box(app.search.get());
                    black_box(term.backend().buffer().content.len())
                })
            },
        );
    }
    // The same on a large file: 10 000 tasks, serialised once.
    let big = dubang::store::to_json(&generated(10_000));
    g.bench_function("load+first_frame_80x24/10k_tasks", |b| {
        b.iter(|| {
            let mut term = terminal(80, 24);
            let reg = parse_bytes(Path::new("registry.json"), black_box(big.as_bytes()))
                .expect("generated registry");
            let app = app(reg, Lang::Zh);
            term.draw(|f| view::draw(f, &app, &theme)).unwrap();
            black_box(app.search.get());
            black_box(term.backend().buffer().content.len())
        })
    });
    g.finish();
}

fn lang_name(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "zh",
        Lang::En => "en",
    }
}

/// One `Down` and the frame after it. The selection walks the list and jumps back
/// to the top at its end, so every iteration really moves and redraws.
fn key_frame(c: &mut Criterion) {
    let theme = Theme::dark();
    let mut g = c.benchmark_group("key_frame");
    let registries = [("bundled", bundled()), ("10k_tasks", generated(10_000))];
    for (name, reg) in registries {
        // The Sections tab with its task list focused: Down moves through tasks, and
        // with 10 000 tasks the first section's list is the long one.
        for (w, h) in [(80u16, 24u16), (160, 48)] {
            let mut app = app(reg.clone(), Lang::Zh);
            app.update(Command::GoTab(Tab::Sections));
            app.update(Command::Open);
            let mut term = terminal(w, h);
            term.draw(|f| view::draw(f, &app, &theme)).unwrap();
            let len = app.current_rows().len();
            g.bench_function(
                BenchmarkId::new(format!("down_{name}"), format!("{w}x{h}")),
                |b| {
                    b.iter(|| {
                        if app.task_sel() + 1 >= len {
                            app.update(Command::Top);
                        } else {
                            app.update(black_box(Command::Down));
                        }
                        term.draw(|f| view::draw(f, &app, &theme)).unwrap();
                    })
                },
            );
        }
    }
    g.finish();
}

criterion_group!(benches, startup, key_frame);
criterion_main!(benches);
