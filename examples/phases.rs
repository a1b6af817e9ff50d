#[path = "../benches/common/mod.rs"]
mod common;
use std::time::Instant;
fn main() {
    let n: usize = std::env::args().nth(1).unwrap().parse().unwrap();
    let bytes = dubang::store::to_json(&common::scaled(n, |_, _| {})).into_bytes();
    let theme = dubang::tui::theme::Theme::dark();
    let now = chrono::DateTime::parse_from_rfc3339("2026-11-28T10:00:00+08:00").unwrap();
    for _ in 0..3 {
        let t = Instant::now();
        let reg = dubang::store::parse_bytes(std::path::Path::new("r.json"), &bytes).unwrap();
        let t1 = t.elapsed();
        let app = dubang::tui::app::App::new(reg, "r.json".into(), dubang::lang::Lang::Zh, now);
        let t2 = t.elapsed();
        let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
        term.draw(|f| dubang::tui::view::draw(f, &app, &theme)).unwrap();
        let t3 = t.elapsed();
        let _ = app.search.get();
        let t4 = t.elapsed();
        let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
        term.draw(|f| dubang::tui::view::draw(f, &app, &theme)).unwrap();
        let t5 = t.elapsed();
        if std::env::var("FRAMES").is_ok() {
            for _ in 0..20 {
                term.draw(|f| dubang::tui::view::draw(f, &app, &theme)).unwrap();
            }
        }
        println!("load {t1:?} app {:?} frame {:?} search_ready {:?} second frame {:?}", t2 - t1, t3 - t2, t4 - t3, t5 - t4);
    }
}
