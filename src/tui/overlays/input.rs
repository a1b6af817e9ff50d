//! The text inputs: a progress note, a percentage, a due date, a path to write to,
//! and the `/` filter typed on the hint line. Each owns its text (tui-input: a
//! width-aware caret for Chinese), reads the `input` key context (other keys edit
//! the text) and draws itself with the terminal cursor at the caret, so an input
//! method composes in the right place. What Enter makes of the text is `edit.rs`'s.

use crate::lang::Lang;
use crate::registry::EditTarget;
use crate::text::{truncate, width};
use crate::tui::app::Command;
use crate::tui::keys::Context;
use crate::tui::view::editing::{popup, target_name};
use crate::tui::view::{Ui, centered};
use crossterm::event::Event;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use tui_input::Input;
use tui_input::backend::crossterm::to_input_request;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    /// `/`: the list filters as you type.
    Filter,
    Note,
    Progress,
    Due,
    WriteAs,
}

#[derive(Debug, Clone)]
pub struct InputState {
    pub kind: InputKind,
    pub target: Option<EditTarget>,
    pub input: Input,
    /// Why the last Enter was refused (bad number, bad date), shown under the input.
    pub error: Option<String>,
    /// The prefilled value is selected, as in a dialog box: the first character
    /// typed replaces it (`p` then `60` gives 60, not 060), Backspace clears it, and
    /// a movement key keeps it for editing.
    pub selected: bool,
}

/// What a key did in an input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Ignored,
    /// The text changed.
    Changed,
    Cancelled,
    /// Enter: the text is to be taken.
    Confirmed,
}

impl InputState {
    pub fn new(kind: InputKind, target: Option<EditTarget>, value: String) -> InputState {
        InputState {
            kind,
            target,
            selected: matches!(kind, InputKind::Progress | InputKind::Due) && !value.is_empty(),
            input: Input::new(value),
            error: None,
        }
    }

    /// A command of the `input` context; anything else edits the text.
    pub fn handle(&mut self, cmd: Option<Command>, event: &Event) -> Outcome {
        if std::mem::take(&mut self.selected)
            && let Event::Key(k) = event
            && !k.modifiers.intersects(
                crossterm::event::KeyModifiers::CONTROL | crossterm::event::KeyModifiers::ALT,
            )
        {
            use crossterm::event::KeyCode;
            match (cmd, k.code) {
                (None, KeyCode::Char(_)) => self.input.reset(),
                (None, KeyCode::Backspace | KeyCode::Delete) => {
                    self.input.reset();
                    self.error = None;
                    return Outcome::Changed;
                }
                _ => {}
            }
        }
        match cmd {
            Some(Command::Cancel) => Outcome::Cancelled,
            Some(Command::Confirm) => Outcome::Confirmed,
            _ if to_input_request(event).is_some_and(|r| self.input.handle(r).is_some()) => {
                self.error = None;
                Outcome::Changed
            }
            _ => Outcome::Ignored,
        }
    }

    /// Pasted text goes into the input (as text, never as commands).
    pub fn paste(&mut self, text: &str) {
        self.paste_in(text, Lang::En);
    }

    /// [`InputState::paste`], saying in `lang` when a note was cut at its limit.
    pub fn paste_in(&mut self, text: &str, lang: Lang) {
        // A paste replaces a selected prefill, like typing.
        if std::mem::take(&mut self.selected) {
            self.input.reset();
        }
        if self.kind == InputKind::Note {
            let max = crate::registry::ops::NOTE_MAX_CHARS;
            if crate::tui::edit::paste_at_most(&mut self.input, text, max) {
                self.error = Some(crate::words::screen::overlays::note_cut(lang, max));
            }
        } else {
            crate::tui::edit::paste(&mut self.input, text);
        }
    }

    pub fn draw(&self, f: &mut Frame, ui: &Ui, area: Rect) {
        let state = self;
        let w = &ui.w().overlays;
        let (label, confirms) = match state.kind {
            InputKind::Filter => return,
            InputKind::Note => (w.note_title, w.saves_input),
            InputKind::Progress => (w.progress_title, w.saves_input),
            InputKind::Due => (w.due_title, w.saves_input),
            InputKind::WriteAs => (w.write_to, w.writes),
        };
        let help = format!(
            "{} {}  {} {}",
            ui.key(Context::Input, Command::Confirm),
            confirms,
            ui.key(Context::Input, Command::Cancel),
            ui.w().overlays.cancels
        );
        let title = match &state.target {
            Some(t) => format!("{label} · {}", target_name(ui, t)),
            None => label.to_string(),
        };
        let w = area.width.saturating_sub(4).min(100);
        let rect = centered(area, w, 5);
        let inner = popup(f, ui, rect, &title);
        let cols = inner.width as usize;
        if cols < 4 || inner.height < 3 {
            return;
        }
        let field = cols - 1;
        let (shown, skipped) = visible_part(&state.input, &ui.t(state.input.value()), field);
        let shown = truncate(&shown, field);
        let below = match &state.error {
            Some(e) => Span::styled(ui.t(e), ui.theme.warn),
            None => Span::styled(help.to_string(), ui.theme.dim),
        };
        let lines = vec![
            Line::from(vec![
                Span::raw(" "),
                Span::styled(
                    shown,
                    if state.selected {
                        ui.theme.selected
                    } else {
                        ui.theme.base
                    },
                ),
            ]),
            Line::raw(""),
            Line::from(ui.cell(&below.content, cols, below.style)),
        ];
        f.render_widget(Paragraph::new(lines), inner);
        let caret =
            (state.input.visual_cursor() - skipped.min(state.input.visual_cursor())).min(field);
        f.set_cursor_position((inner.x + 1 + caret as u16, inner.y));
    }

    /// The `/` filter, typed on the bottom hint line the way vim and less do it.
    pub fn draw_filter_line(&self, f: &mut Frame, ui: &Ui, area: Rect) {
        let state = self;
        let cols = area.width as usize;
        let n = ui.app.current_rows().len();
        let count = match ui.app.focus() {
            crate::tui::app::Focus::Tasks => n,
            crate::tui::app::Focus::Entities => ui.app.visible_entities(ui.app.tab()).len(),
        };
        let note = match (state.input.value().is_empty(), count) {
            (true, _) => ui.w().overlays.filter_hint.to_string(),
            (false, 0) => ui.w().overlays.no_match.to_string(),
            (false, n) => format!("  {n} {}", ui.w().overlays.shown_count),
        };
        let field = cols.saturating_sub(1 + width(&note)).max(1);
        let value = truncate(&ui.t(state.input.value()), field);
        let line = Line::from(vec![
            Span::styled("/", ui.theme.accent),
            ui.cell(&value, field, ui.theme.base),
            ui.cell(&note, cols.saturating_sub(1 + field), ui.theme.dim),
        ]);
        f.render_widget(Paragraph::new(line), area);
        let caret = state.input.visual_cursor().min(field);
        f.set_cursor_position((area.x + 1 + caret as u16, area.y));
    }
}

/// The part of an input's `value` (as shown) that fits `field` columns, scrolled so
/// the caret stays in view, and how many columns were scrolled off to the left.
pub fn visible_part(input: &Input, value: &str, field: usize) -> (String, usize) {
    let scroll = input.visual_scroll(field);
    let mut skipped = 0;
    let shown = value
        .chars()
        .skip_while(|c| {
            let cw = unicode_width::UnicodeWidthChar::width(*c).unwrap_or(0);
            if skipped + cw <= scroll {
                skipped += cw;
                true
            } else {
                false
            }
        })
        .collect();
    (shown, skipped)
}

/// The hint line under the screen while an input is open, from the keys in force.
pub fn hint(ui: &Ui) -> String {
    let k = |c| ui.key(Context::Input, c);
    format!(
        "{} {}  {} {}  {}",
        k(Command::Confirm),
        ui.w().overlays.saves,
        k(Command::Cancel),
        ui.w().overlays.cancels,
        ui.w().overlays.editing_keys
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn key(code: KeyCode) -> Event {
        Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
    }

    #[test]
    fn typing_edits_and_clears_the_error_commands_report() {
        let mut s = InputState::new(InputKind::Due, None, "2026-06-3".into());
        s.error = Some("bad date".into());
        // End keeps the prefilled date for editing (typing at once would replace it).
        s.handle(None, &key(KeyCode::End));
        assert_eq!(s.handle(None, &key(KeyCode::Char('0'))), Outcome::Changed);
        assert_eq!(s.input.value(), "2026-06-30");
        assert_eq!(s.error, None);
        assert_eq!(s.handle(None, &key(KeyCode::Backspace)), Outcome::Changed);
        assert_eq!(s.input.value(), "2026-06-3");
        assert_eq!(
            s.handle(Some(Command::Confirm), &key(KeyCode::Enter)),
            Outcome::Confirmed
        );
        assert_eq!(
            s.handle(Some(Command::Cancel), &key(KeyCode::Esc)),
            Outcome::Cancelled
        );
        assert_eq!(s.handle(None, &key(KeyCode::F(5))), Outcome::Ignored);
    }

    #[test]
    fn the_prefilled_value_is_replaced_by_typing_and_kept_by_moving() {
        let mut s = InputState::new(InputKind::Progress, None, "0".into());
        assert!(s.selected);
        for c in "60".chars() {
            s.handle(None, &key(KeyCode::Char(c)));
        }
        assert_eq!(s.input.value(), "60", "not 060");
        let mut s = InputState::new(InputKind::Progress, None, "40".into());
        s.handle(None, &key(KeyCode::Backspace));
        assert_eq!(s.input.value(), "", "Backspace clears the selection");
        let mut s = InputState::new(InputKind::Progress, None, "4".into());
        s.handle(None, &key(KeyCode::End));
        s.handle(None, &key(KeyCode::Char('5')));
        assert_eq!(s.input.value(), "45", "after a move, typing edits");
        let mut s = InputState::new(InputKind::Due, None, "2025-12-31".into());
        s.paste("2026-06-30");
        s.handle(None, &key(KeyCode::Char('x')));
        assert_eq!(
            s.input.value(),
            "2026-06-30x",
            "a paste replaces once, then edits"
        );
        let s = InputState::new(InputKind::Note, None, String::new());
        assert!(!s.selected, "a note starts empty");
    }

    #[test]
    fn a_long_paste_is_fast_and_a_note_is_cut_at_its_limit() {
        let mut s = InputState::new(InputKind::Note, None, "前".into());
        let big = "很长的备注。".repeat(200_000);
        let t = std::time::Instant::now();
        s.paste_in(&big, Lang::Zh);
        assert!(t.elapsed() < std::time::Duration::from_secs(1));
        let max = crate::registry::ops::NOTE_MAX_CHARS;
        assert_eq!(s.input.value().chars().count(), max);
        assert!(s.input.value().starts_with("前很长"));
        assert_eq!(s.input.cursor(), max);
        assert!(s.error.as_deref().is_some_and(|e| e.contains("10000")));
        // Another input takes all of it, in one piece.
        let mut p = InputState::new(InputKind::WriteAs, None, "ab".into());
        p.input = p.input.with_cursor(1);
        p.paste("xyz\n");
        assert_eq!(p.input.value(), "axyz b");
        assert_eq!(p.input.cursor(), 5);
    }

    #[test]
    fn a_paste_is_text_on_one_line() {
        let mut s = InputState::new(InputKind::Note, None, String::new());
        s.paste("已召开\n推进会\t\u{7}");
        assert_eq!(s.input.value(), "已召开 推进会 ");
    }
}
