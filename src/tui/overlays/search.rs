//! The global search popup (`:` or Ctrl-F): a query line and the best hits of every
//! kind, each with its matched characters highlighted. It owns its query, hits,
//! selection and scroll, reads the keys of the `search_popup` context (other keys
//! edit the query) and draws itself; choosing a hit is the dashboard's to do.

use crate::search::{Field, Hit, Kind, SearchIndex, Searcher, field_text, snippet};
use crate::text::width;
use crate::tui::app::Command;
use crate::tui::view::{Ui, centered, clear_wide_edges};
use crossterm::event::Event;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use tui_input::Input;
use tui_input::backend::crossterm::to_input_request;

/// Results the popup shows at most.
pub const SEARCH_LIMIT: usize = 50;

#[derive(Debug, Clone, Default)]
pub struct SearchState {
    pub input: Input,
    pub hits: Vec<Hit>,
    pub sel: usize,
    pub(crate) searcher: Searcher,
    /// First hit shown, kept between keys so the list moves only when the
    /// selection leaves it (see [`SearchState::settle`]).
    offset: usize,
}

/// What a key did in the popup.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Ignored,
    Changed,
    Cancelled,
    /// Go to this hit.
    Jump(Hit),
}

impl SearchState {
    /// A command of the `search_popup` context; anything else edits the query.
    pub fn handle(&mut self, cmd: Option<Command>, event: &Event, index: &SearchIndex) -> Outcome {
        match cmd {
            Some(Command::Cancel) => Outcome::Cancelled,
            Some(Command::Confirm) => match self.hits.get(self.sel) {
                Some(hit) => Outcome::Jump(hit.clone()),
                None => Outcome::Ignored,
            },
            Some(Command::Up) => {
                self.sel = self.sel.saturating_sub(1);
                Outcome::Changed
            }
            Some(Command::Down) => {
                self.sel = (self.sel + 1).min(self.hits.len().saturating_sub(1));
                Outcome::Changed
            }
            _ => {
                if to_input_request(event).is_some_and(|r| self.input.handle(r).is_some()) {
                    self.sel = 0;
                    self.rerun(index);
                    Outcome::Changed
                } else {
                    Outcome::Ignored
                }
            }
        }
    }

    /// Pasted text goes into the query.
    pub fn paste(&mut self, text: &str, index: &SearchIndex) {
        crate::tui::edit::paste(&mut self.input, text);
        self.sel = 0;
        self.rerun(index);
    }

    /// Where the popup sits on a screen of `area`.
    fn rect(area: Rect) -> Rect {
        let w = area.width.saturating_sub(4).min(100);
        let h = area.height.saturating_sub(2).min(22);
        centered(area, w, h)
    }

    /// Rows of hits the popup shows on a screen of `area` (under the query and a
    /// blank line, inside the border).
    fn hit_rows(area: Rect) -> usize {
        (Self::rect(area).height as usize).saturating_sub(4)
    }

    /// Moves the hit list so the selection is in sight on a screen of `area`
    /// (after each key, at the terminal's size).
    pub fn settle(&mut self, area: Rect) {
        self.offset = crate::tui::layout::scroll(
            self.offset,
            self.sel,
            Self::hit_rows(area),
            self.hits.len(),
        );
    }

    fn rerun(&mut self, index: &SearchIndex) {
        let q = self.input.value().to_string();
        self.hits = if q.trim().is_empty() {
            Vec::new()
        } else {
            self.searcher.search(index, &q, SEARCH_LIMIT)
        };
        self.sel = self.sel.min(self.hits.len().saturating_sub(1));
    }

    pub fn draw(&self, f: &mut Frame, ui: &Ui, area: Rect) {
        let state = self;
        let app = ui.app;
        let rect = Self::rect(area);
        clear_wide_edges(f.buffer_mut(), rect);
        f.render_widget(Clear, rect);
        let count = if state.hits.is_empty() {
            String::new()
        } else {
            format!(" {}/{}", state.sel + 1, state.hits.len())
        };
        let title = format!("{}{count}", ui.w().overlays.search_title);
        let block = ui.block(&title, true);
        let inner = block.inner(rect);
        f.render_widget(block, rect);
        let cols = inner.width as usize;
        if cols < 8 || inner.height < 3 {
            return;
        }
        let query = state.input.value();
        let field = cols - 2;
        let caret = state.input.visual_cursor().min(field);
        let shown = crate::text::truncate(&ui.t(query), field);
        let mut lines = vec![
            Line::from(vec![
                Span::styled("> ", ui.theme.accent),
                Span::styled(shown, ui.theme.base),
            ]),
            Line::raw(""),
        ];
        let rows = inner.height as usize - 2;
        if query.trim().is_empty() {
            use crate::tui::app::Command as C;
            use crate::tui::keys::Context::Search;
            let k = |c| ui.key(Search, c);
            let (up, down, go, close) = (k(C::Up), k(C::Down), k(C::Confirm), k(C::Cancel));
            let hint =
                crate::words::screen::overlays::search_hint(app.lang, [&up, &down, &go, &close]);
            for l in crate::text::wrap(&ui.t(&hint), cols) {
                lines.push(Line::from(Span::styled(l, ui.theme.dim)));
            }
        } else if state.hits.is_empty() {
            let msg = crate::words::screen::overlays::search_no_match(app.lang, query);
            lines.push(Line::from(ui.cell(&msg, cols, ui.theme.warn)));
        }
        // The state settled the offset for the screen it knows; another size is
        // corrected here without writing back.
        let off = crate::tui::layout::scroll(self.offset, state.sel, rows, state.hits.len());
        let kind_w = width(ui.w().overlays.section) + 1;
        // Task numbers right-aligned in one column, whatever field matched.
        let num_w = crate::text::digits(app.ix.max_number().into()).max(2) + 1;
        let number = |t: &crate::registry::Task| format!("{:>w$} ", t.number, w = num_w - 1);
        for (i, hit) in state.hits.iter().enumerate().skip(off).take(rows) {
            let selected = i == state.sel;
            let marker = if selected {
                if app.ascii { "> " } else { "▸ " }
            } else {
                "  "
            };
            let mut spans = vec![
                Span::raw(marker),
                ui.cell(kind_label(ui, hit.kind), kind_w, ui.theme.accent),
            ];
            let rest = cols.saturating_sub(2 + kind_w);
            let text = field_text(&app.reg, hit.kind, hit.index, hit.field).unwrap_or_default();
            match hit.field {
                Field::Text => {
                    // A text hit: the entity's name, then the text around the match.
                    let name = field_text(
                        &app.reg,
                        hit.kind,
                        hit.index,
                        if hit.kind == Kind::Goal {
                            Field::Horizon
                        } else {
                            Field::Title
                        },
                    )
                    .unwrap_or_default();
                    let mut rest = rest;
                    if hit.kind == Kind::Task {
                        let num = number(&app.reg.tasks[hit.index]);
                        spans.push(ui.cell(&num, num_w, ui.theme.dim));
                        rest = rest.saturating_sub(num_w);
                    }
                    // The name, then " · " and the text around the match: a cut name's
                    // `…` never runs into the snippet's.
                    let sep = " · ";
                    let name = crate::text::truncate(&name, rest / 2);
                    let name_w = width(&name);
                    spans.push(ui.cell(&name, name_w, ui.theme.base));
                    spans.push(ui.cell(sep, width(sep), ui.theme.dim));
                    let snip_w = rest.saturating_sub(name_w + width(sep));
                    let snip = snippet(&text, &hit.positions, snip_w);
                    spans.extend(ui.cell_hl(&snip.text, &snip.positions, snip_w, ui.theme.dim));
                }
                Field::Number | Field::Title if hit.kind == Kind::Task => {
                    let t = &app.reg.tasks[hit.index];
                    let num = number(t);
                    let (num_hl, title_hl): (Vec<usize>, Vec<usize>) = if hit.field == Field::Number
                    {
                        (
                            hit.positions
                                .iter()
                                .map(|p| p + num_w - 1 - t.number.to_string().len())
                                .collect(),
                            Vec::new(),
                        )
                    } else {
                        (Vec::new(), hit.positions.clone())
                    };
                    spans.extend(ui.cell_hl(&num, &num_hl, num_w, ui.theme.dim));
                    spans.extend(ui.cell_hl(
                        &t.title,
                        &title_hl,
                        rest.saturating_sub(num_w),
                        ui.theme.base,
                    ));
                }
                _ => spans.extend(ui.cell_hl(&text, &hit.positions, rest, ui.theme.base)),
            }
            let mut line = Line::from(spans);
            if selected {
                line = crate::tui::view::select(line, ui.theme.selected);
            }
            lines.push(line);
        }
        f.render_widget(Paragraph::new(lines), inner);
        f.set_cursor_position((inner.x + 2 + caret as u16, inner.y));
    }
}

fn kind_label(ui: &Ui, k: Kind) -> &'static str {
    match k {
        Kind::Unit => ui.w().overlays.unit,
        Kind::Town => ui.w().overlays.town,
        Kind::Section => ui.w().overlays.section,
        Kind::Goal => ui.w().overlays.goal,
        Kind::Task => ui.w().overlays.task,
        Kind::Measure => ui.w().overlays.measure,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{BUNDLED, parse_bytes};
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn index() -> SearchIndex {
        let reg = parse_bytes(std::path::Path::new("bundled"), BUNDLED.as_bytes()).unwrap();
        SearchIndex::build(&reg)
    }

    fn char_event(c: char) -> Event {
        Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
    }

    #[test]
    fn typing_searches_and_the_selection_moves_within_the_hits() {
        let ix = index();
        let mut s = SearchState::default();
        for c in "swj".chars() {
            assert_eq!(s.handle(None, &char_event(c), &ix), Outcome::Changed);
        }
        assert!(!s.hits.is_empty());
        assert_eq!(s.sel, 0);
        assert_eq!(
            s.handle(Some(Command::Up), &char_event('k'), &ix),
            Outcome::Changed
        );
        assert_eq!(s.sel, 0);
        for _ in 0..100 {
            s.handle(Some(Command::Down), &char_event('j'), &ix);
        }
        assert_eq!(s.sel, s.hits.len() - 1);
        let last = s.hits[s.sel].clone();
        assert_eq!(
            s.handle(Some(Command::Confirm), &char_event('\n'), &ix),
            Outcome::Jump(last)
        );
        assert_eq!(
            s.handle(Some(Command::Cancel), &char_event('q'), &ix),
            Outcome::Cancelled
        );
    }

    #[test]
    fn a_paste_is_a_query_and_nothing_found_confirms_nothing() {
        let ix = index();
        let mut s = SearchState::default();
        s.paste("zzzzqqq", &ix);
        assert_eq!(s.input.value(), "zzzzqqq");
        assert!(s.hits.is_empty());
        assert_eq!(
            s.handle(Some(Command::Confirm), &char_event('\n'), &ix),
            Outcome::Ignored
        );
        s.paste("\n水务", &ix);
        assert_eq!(s.input.value(), "zzzzqqq 水务");
    }
}
