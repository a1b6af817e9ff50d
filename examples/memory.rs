//! Heap in use after each stage of start-up, and the peak, for a registry file:
//! what issue 16's "memory ≤ 2× the file's size" is measured against, stage by stage.
//!
//! `cargo run --release --example gen_registry -- 100000 > /tmp/r100k.json`
//! `cargo run --release --example memory -- /tmp/r100k.json`

#[path = "../benches/common/counting.rs"]
mod counting;

use counting::{Counting, NOW, PEAK};
use std::sync::atomic::Ordering::Relaxed;

#[global_allocator]
static A: Counting = Counting;

fn mb(n: usize) -> String {
    format!("{:7.1} MB", n as f64 / 1e6)
}

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: memory FILE.json");
        std::process::exit(2);
    };
    let path = std::path::PathBuf::from(path);
    let size = std::fs::metadata(&path)
        .map(|m| m.len() as usize)
        .unwrap_or(0);
    let report = |stage: &str| {
        let (now, peak) = (NOW.load(Relaxed), PEAK.load(Relaxed));
        println!(
            "{stage:<28} in use {}  peak {} ({:.2}× the file)",
            mb(now),
            mb(peak),
            peak as f64 / size.max(1) as f64
        );
    };
    println!("file {} ({})", path.display(), mb(size));
    let reg = match dubang::store::load(&path) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    report("registry loaded");
    let ix = dubang::registry::Index::build(&reg);
    report("registry index alone");
    println!(
        "{:<28} {} (Index::heap_bytes)",
        "  of which it counts",
        mb(ix.heap_bytes())
    );
    drop(ix);
    let search = dubang::search::SearchIndex::build(&reg);
    report("search index alone");
    drop(search);
    // What the dashboard holds: App::new builds the registry index here and the
    // search index on its thread; the first frame at 80×24 makes the Overview's
    // problem list.
    let now = chrono::Local::now().fixed_offset();
    let mut app = dubang::tui::app::App::new(reg, path.clone(), dubang::lang::Lang::Zh, now);
    app.search.get();
    report("App::new, search ready");
    let theme = dubang::tui::theme::Theme::dark();
    let mut term =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).expect("a test backend");
    let mut draw = |app: &dubang::tui::app::App| {
        term.draw(|f| dubang::tui::view::draw(f, app, &theme))
            .expect("a frame");
    };
    draw(&app);
    report("dashboard, first frame");
    // A walk: every tab with its task list and a task's detail, then the problem
    // list and a task of it, each drawn; what the dashboard keeps after it.
    use dubang::tui::app::Command;
    for _ in 0..5 {
        app.update(Command::NextTab);
        draw(&app);
        for c in [Command::Open, Command::Down, Command::Open, Command::Back] {
            app.update(c);
            draw(&app);
        }
        app.update(Command::Back);
    }
    for c in [
        Command::Problems,
        Command::Bottom,
        Command::Open,
        Command::Back,
    ] {
        app.update(c);
        draw(&app);
    }
    report("after a walk over the tabs");
    drop(app);
    report("all dropped");
}
