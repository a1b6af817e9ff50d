//! A 1 MB paste (bracketed paste: one `Event::Paste`) into the dashboard's inputs,
//! through `App::handle` as the event loop calls it, and the frame after it:
//!
//! - `paste_1mb/write_as`: the path input, which takes all of it;
//! - `paste_1mb/note`: the note input, which keeps its first 10 000 characters and
//!   says the rest was left out.
//!
//! - `key_after_1mb/write_as_left`, `key_after_1mb/write_as_type`: one key (←, or a
//!   character typed at the end) in the path input holding that megabyte, and the
//!   frame after it: the input draws a window of its value around the caret.
//!
//! Before, each character was inserted on its own (a copy of the value each time):
//! 100 000 characters took 17 s and 1 MB never finished; and each key after the
//! paste redrew the whole value.
//!
//! Run: `cargo bench --bench paste -- --warm-up-time 1 --measurement-time 3`.

use chrono::DateTime;
use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use dubang::lang::Lang;
use dubang::store::{BUNDLED, parse_bytes};
use dubang::tui::app::{App, Command, Tab};
use dubang::tui::theme::Theme;
use dubang::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::hint::black_box;
use std::path::{Path, PathBuf};

fn app(open: Command) -> App {
    let reg = parse_bytes(Path::new("r.json"), BUNDLED.as_bytes()).unwrap();
    let now = DateTime::parse_from_rfc3339("2026-11-28T10:00:00+08:00").unwrap();
    let mut a = App::new(
        reg,
        PathBuf::from("/srv/dubang/registry.json"),
        Lang::Zh,
        now,
    );
    for c in [
        Command::GoTab(Tab::Sections),
        Command::Open,
        Command::Open,
        open,
    ] {
        a.update(c);
    }
    a
}

fn paste(c: &mut Criterion) {
    // 1 MB of Chinese with some ASCII, as copied from a document.
    let text = "项目前期工作有序推进 (phase 2), 用地、资金等要素保障到位。\n".repeat(12_500);
    assert!(text.len() >= 1_000_000);
    let mut g = c.benchmark_group("paste_1mb");
    g.sample_size(10);
    for (name, open) in [("write_as", Command::WriteAs), ("note", Command::Note)] {
        g.bench_function(name, |b| {
            b.iter_batched(
                || (app(open), Event::Paste(text.clone())),
                |(mut a, ev)| {
                    a.handle(&ev);
                    let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
                    t.draw(|f| view::draw(f, &a, &Theme::dark())).unwrap();
                    black_box(a)
                },
                criterion::BatchSize::LargeInput,
            )
        });
    }
    g.finish();

    let mut g = c.benchmark_group("key_after_1mb");
    g.sample_size(20);
    let mut a = app(Command::WriteAs);
    a.handle(&Event::Paste(text.clone()));
    let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
    for (name, key) in [
        ("write_as_left", KeyCode::Left),
        ("write_as_type", KeyCode::Char('x')),
    ] {
        let ev = Event::Key(KeyEvent::new(key, KeyModifiers::NONE));
        g.bench_function(name, |b| {
            b.iter(|| {
                a.handle(&ev);
                t.draw(|f| view::draw(f, &a, &Theme::dark())).unwrap();
            })
        });
        a.handle(&Event::Key(KeyEvent::new(KeyCode::End, KeyModifiers::NONE)));
    }
    g.finish();
}

criterion_group!(benches, paste);
criterion_main!(benches);
