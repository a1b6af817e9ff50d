//! The plan's safeguard measures (保障措施) in full: each measure's numeral and
//! title, then its text wrapped by Unicode rules, as one document that scrolls.
//! The Overview has room for them only on a tall screen, and cuts them there; this
//! reads them at any size. Opened by its key or by a search hit on a measure (then
//! scrolled to that measure). It owns its scroll, reads the keys of the
//! `measures_view` context and draws itself.

use super::document::{Placed, place};
use crate::text::wrap;
use crate::tui::app::{App, Command};
use crate::tui::keys::Context;
use crate::tui::view::{Ui, clear_wide_edges};
use crate::words::screen::measures as words;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph};

/// The open view: its first line shown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MeasuresView {
    pub scroll: usize,
}

pub use super::document::Outcome;

/// One line of the document: a measure's heading, or a line of its text.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Row {
    /// Which measure, and its numeral and title.
    Heading(usize, String),
    Text(String),
    Gap,
}

/// The document at `cols` columns: each measure's heading (with its position
/// among the measures), its text wrapped, a gap between measures.
fn rows(app: &App, cols: usize) -> Vec<Row> {
    let mut out = Vec::new();
    for (i, m) in app.reg.measures.iter().enumerate() {
        if i > 0 {
            out.push(Row::Gap);
        }
        out.push(Row::Heading(i, format!("({}) {}", m.numeral, m.title)));
        out.extend(wrap(&m.text, cols.max(1)).into_iter().map(Row::Text));
    }
    out
}

impl MeasuresView {
    /// The view scrolled to measure `index` (as far as the document scrolls).
    pub fn at(app: &App, area: Rect, index: usize) -> MeasuresView {
        let doc = place(area, |cols| rows(app, cols));
        let start = doc
            .lines
            .iter()
            .position(|r| matches!(r, Row::Heading(i, _) if *i == index));
        MeasuresView {
            scroll: start.unwrap_or(0).min(doc.max),
        }
    }

    /// A command of the `measures_view` context on a screen of `area`.
    pub fn handle(&mut self, cmd: Command, app: &App, area: Rect) -> Outcome {
        let closes = [
            Command::Back,
            Command::Measures,
            Command::Quit,
            Command::Cancel,
        ];
        let doc = place(area, |cols| rows(app, cols));
        super::document::key(&mut self.scroll, cmd, &closes, doc.visible, doc.max)
    }

    pub fn draw(&self, f: &mut Frame, ui: &Ui, area: Rect) {
        let app = ui.app;
        let Placed {
            rect: r,
            cols,
            lines: all,
            visible,
            max,
        } = place(area, |cols| rows(app, cols));
        clear_wide_edges(f.buffer_mut(), r);
        f.render_widget(Clear, r);
        let scroll = self.scroll.min(max);
        let more = super::document::position(scroll, max);
        let close = ui.key(Context::Measures, Command::Cancel);
        let block = ui.block(&words::title(app.lang, &close, &more), true);
        let inner = block.inner(r);
        f.render_widget(block, r);
        let shown: Vec<Line> = if all.is_empty() {
            vec![Line::from(ui.cell(
                words::none(app.lang),
                cols,
                ui.theme.dim,
            ))]
        } else {
            all.into_iter()
                .skip(scroll)
                .take(visible)
                .map(|row| match row {
                    Row::Heading(_, h) => Line::from(ui.cell(&h, cols, ui.theme.title)),
                    Row::Text(t) => Line::from(ui.cell(&t, cols, ui.theme.base)),
                    Row::Gap => Line::default(),
                })
                .collect()
        };
        f.render_widget(Paragraph::new(shown), inner);
    }
}

/// The hint line while the view is open, from the keys in force.
pub fn hint(ui: &Ui) -> String {
    let k = |c| ui.key(Context::Measures, c);
    words::hint(
        ui.app.lang,
        &format!("{}{}", k(Command::Up), k(Command::Down)),
        &k(Command::Cancel),
    )
}

#[cfg(test)]
mod tests {
    use crate::lang::Lang;
    use crate::search::Kind;
    use crate::tui::tests::{app, press, screen_sized, typed};
    use crossterm::event::KeyCode;

    /// The text inside the view's borders on a `w`×`h` screen, without spaces:
    /// what a reader sees of the document.
    fn inside(app: &crate::tui::app::App, w: u16, h: u16) -> String {
        let shown = screen_sized(app, w, h);
        let area = ratatui::layout::Rect::new(0, 0, w, h);
        let r = super::place(area, |cols| super::rows(app, cols)).rect;
        let rows = shown
            .lines()
            .skip(r.y as usize + 1)
            .take(r.height as usize - 2);
        // One symbol per cell: columns are positions in the line.
        let cells = |l: &str| -> String {
            l.chars()
                .skip(r.x as usize + 1)
                .take(r.width as usize - 2)
                .collect()
        };
        squashed(&rows.map(cells).collect::<String>())
    }

    fn squashed(s: &str) -> String {
        s.chars().filter(|c| !c.is_whitespace()).collect()
    }

    /// Issue 11, item 12: at 80×24 a search hit on a measure landed on an
    /// Overview with no room for the measures; now it opens them, its text whole.
    #[test]
    fn a_search_hit_on_a_measure_shows_its_whole_text_at_80x24() {
        let mut app = app(Lang::Zh, "");
        app.resize(80, 24);
        let m = app.reg.measures[2].clone();
        typed(&mut app, ":");
        typed(&mut app, "genzongwenxiao");
        press(&mut app, KeyCode::Enter);
        assert!(app.showing_measures());
        let shown = screen_sized(&app, 80, 24);
        let heading = squashed(&format!("({}) {}", m.numeral, m.title));
        let text = inside(&app, 80, 24);
        assert!(text.contains(&heading), "{shown}");
        assert!(text.contains(&squashed(&m.text)), "{shown}");
        // Esc comes back to where the search started.
        press(&mut app, KeyCode::Esc);
        assert!(!app.showing_measures());
        assert!(!squashed(&screen_sized(&app, 80, 24)).contains("强化跟踪问效"));
    }

    /// On a small screen the view scrolls: the hit's heading starts the view when
    /// the document goes that far, and every line of every measure is reached.
    #[test]
    fn on_a_small_screen_the_measures_scroll_to_the_end() {
        let mut app = app(Lang::Zh, "");
        app.resize(60, 16);
        app.jump_to_entity(Kind::Measure, 1);
        let first = screen_sized(&app, 60, 16);
        let m = &app.reg.measures[1];
        let heading = squashed(&format!("({}) {}", m.numeral, m.title));
        let top_line = first.lines().nth(3).unwrap_or_default();
        assert!(squashed(top_line).contains(&heading), "{first}");
        press(&mut app, KeyCode::Home);
        let mut seen = inside(&app, 60, 16);
        for _ in 0..40 {
            press(&mut app, KeyCode::Down);
            seen.push_str(&inside(&app, 60, 16));
        }
        for m in &app.reg.measures {
            // Lines overlap from one step to the next; each one is there.
            for line in crate::text::wrap(&m.text, 56) {
                assert!(seen.contains(&squashed(&line)), "missing {line}");
            }
        }
        let last = screen_sized(&app, 60, 16);
        assert!(last.contains("↑↓"), "scroll position shown: {last}");
    }

    #[test]
    fn its_key_opens_it_the_overview_names_the_key_and_help_lists_its_keys() {
        let mut app = app(Lang::En, "[keys]\nmeasures = \"S\"\n");
        app.resize(100, 30);
        let overview = screen_sized(&app, 100, 30);
        assert!(overview.contains("S safeguards (3)"), "{overview}");
        typed(&mut app, "S");
        assert!(app.showing_measures());
        let shown = screen_sized(&app, 100, 30);
        assert!(shown.contains("Safeguards (Esc closes)"), "{shown}");
        assert!(shown.contains("Esc closes the safeguards"), "{shown}");
        typed(&mut app, "S");
        assert!(!app.showing_measures(), "its key closes it too");
        let help = crate::tui::view::help_rows(&app);
        assert!(
            help.iter()
                .any(|(k, d)| k == "S" && d.starts_with("the plan's safeguard"))
        );
        assert!(help.iter().any(|(_, d)| d == "[Safeguards]"), "{help:?}");
    }
}
