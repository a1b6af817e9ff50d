//! A task whose history has 300 000 entries (as a 200 MB registry may hold), in
//! its detail at 80×24: each key through `App::update` and the frame after it.
//!
//! - `long_history/end`: End (the oldest entry), from the top;
//! - `long_history/pgup_near_end`: PgUp after End;
//! - `long_history/pgdn_top`: PgDn from the top.
//!
//! End lays the detail out from its oldest entry up (only what is shown); before,
//! End measured the whole history and every frame near the end built all of it.
//!
//! Run: `cargo bench --bench history -- --warm-up-time 1 --measurement-time 3`.

mod common;

use chrono::{DateTime, Duration};
use criterion::{Criterion, criterion_group, criterion_main};
use dubang::lang::Lang;
use dubang::registry::HistoryEntry;
use dubang::tui::app::{App, Command, Tab};
use dubang::tui::theme::Theme;
use dubang::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::path::PathBuf;

fn app() -> App {
    let now = DateTime::parse_from_rfc3339("2026-11-28T10:00:00+08:00").unwrap();
    let mut a = App::new(
        common::bundled(),
        PathBuf::from("/srv/dubang/registry.json"),
        Lang::Zh,
        now,
    );
    a.resize(80, 24);
    for c in [Command::GoTab(Tab::Sections), Command::Open, Command::Open] {
        a.update(c);
    }
    let task = a.view().detail.expect("the detail is open").task;
    let start = DateTime::parse_from_rfc3339("2020-01-01T09:00:00+08:00").unwrap();
    a.reg.write().tasks[task].history = (0..300_000)
        .map(|i| HistoryEntry {
            at: start + Duration::minutes(i),
            by: "张三".into(),
            field: "note".into(),
            from: None,
            to: None,
            note: Some(format!(
                "第 {i} 次调度:项目前期工作有序推进,用地、资金等要素保障到位。"
            )),
            source: None,
            undo: false,
        })
        .collect();
    a
}

fn history(c: &mut Criterion) {
    let mut g = c.benchmark_group("long_history");
    g.sample_size(10);
    let mut a = app();
    let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let mut key = |a: &mut App, before: &[Command], cmd: Command| {
        for &b in before {
            a.update(b);
        }
        a.update(cmd);
        t.draw(|f| view::draw(f, a, &Theme::dark())).unwrap();
    };
    g.bench_function("end", |b| {
        b.iter(|| key(&mut a, &[Command::Top], Command::Bottom))
    });
    g.bench_function("pgup_near_end", |b| {
        b.iter(|| key(&mut a, &[Command::Bottom], Command::PageUp))
    });
    g.bench_function("pgdn_top", |b| {
        b.iter(|| key(&mut a, &[Command::Top], Command::PageDown))
    });
    g.finish();
}

criterion_group!(benches, history);
criterion_main!(benches);
