//! Start-up at 28 (the bundled plan) / 1 000 / 10 000 / 100 000 tasks, each next to
//! its floor:
//!
//! - `serde_parse`: `serde_json::from_slice` of the same bytes into `Registry`
//!   (the floor: no load can be cheaper than reading the types);
//! - `load`: `store::parse_bytes` (UTF-8 check, parse, validation) of the bytes in
//!   memory;
//! - `load_file`: `store::load` of the same bytes written to a file: the file parsed a
//!   block at a time, as start-up does; `load_file_whole` the same file read whole
//!   then parsed (`parse_bytes`), as start-up did before;
//! - `index`: `Index::build` alone;
//! - `load+index+first_frame`: `store::load` of the file + `App::new` + the first
//!   frame at 80×24 in `--lang zh`, drawn into ratatui's `TestBackend`: what the
//!   user waits for. The search index builds meanwhile on its own thread;
//! - `…+search_ready`: the same, then waiting for the search index (what it takes
//!   until a search answers at once).
//!
//! The registries come from `common::scaled`: the bundled plan's tasks (Chinese
//! titles, its sections, units and towns) cloned up to N with unique ids.
//!
//! Run: `cargo bench --bench startup -- --warm-up-time 1 --measurement-time 3`.

mod common;

use chrono::DateTime;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use dubang::lang::Lang;
use dubang::registry::{Index, Registry};
use dubang::store::files::{FILE_CAP, read_regular};
use dubang::store::{load, parse_bytes};
use dubang::tui::app::App;
use dubang::tui::theme::Theme;
use dubang::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn startup(c: &mut Criterion) {
    let theme = Theme::dark();
    let now = DateTime::parse_from_rfc3339("2026-11-28T10:00:00+08:00").unwrap();
    for n in [28usize, 1_000, 10_000, 100_000] {
        let reg = if n == 28 {
            common::bundled()
        } else {
            common::scaled(n, |_, _| {})
        };
        let bytes = dubang::store::to_json(&reg).into_bytes();
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("r.json");
        std::fs::write(&file, &bytes).unwrap();
        let mut g = c.benchmark_group("startup");
        if n >= 100_000 {
            g.sample_size(10);
        }
        g.bench_function(BenchmarkId::new("serde_parse", n), |b| {
            b.iter(|| serde_json::from_slice::<Registry>(black_box(&bytes)).unwrap())
        });
        g.bench_function(BenchmarkId::new("load", n), |b| {
            b.iter(|| parse_bytes(Path::new("r.json"), black_box(&bytes)).unwrap())
        });
        g.bench_function(BenchmarkId::new("load_file", n), |b| {
            b.iter(|| load(black_box(&file)).unwrap())
        });
        g.bench_function(BenchmarkId::new("load_file_whole", n), |b| {
            b.iter(|| {
                let bytes = read_regular(black_box(&file), FILE_CAP).unwrap();
                parse_bytes(&file, &bytes).unwrap()
            })
        });
        let reg = parse_bytes(Path::new("r.json"), &bytes).unwrap();
        g.bench_function(BenchmarkId::new("index", n), |b| {
            b.iter(|| Index::build(black_box(&reg)))
        });
        g.bench_function(BenchmarkId::new("load+index+first_frame", n), |b| {
            // Timed up to the first frame; the search index is then waited for
            // untimed, so that no iteration's index thread runs into the next one.
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    let start = Instant::now();
                    let reg = load(black_box(&file)).unwrap();
                    let app = App::new(reg, file.clone(), Lang::Zh, now);
                    let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
                    term.draw(|f| view::draw(f, &app, &theme)).unwrap();
                    black_box(term.backend().buffer().content.len());
                    total += start.elapsed();
                    black_box(app.search.get());
                }
                total
            })
        });
        g.bench_function(
            BenchmarkId::new("load+index+first_frame+search_ready", n),
            |b| {
                b.iter(|| {
                    let reg = parse_bytes(Path::new("r.json"), black_box(&bytes)).unwrap();
                    let app = App::new(reg, PathBuf::from("r.json"), Lang::Zh, now);
                    let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
                    term.draw(|f| view::draw(f, &app, &theme)).unwrap();
                    black_box(app.search.get());
                    black_box(term.backend().buffer().content.len())
                })
            },
        );
        g.finish();
    }
}

criterion_group!(benches, startup);
criterion_main!(benches);
