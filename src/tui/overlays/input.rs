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
        let win = window(&state.input, field);
        let shown = ui.t(&win.text);
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
        f.set_cursor_position((inner.x + 1 + win.caret as u16, inner.y));
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
        let win = window(&state.input, field);
        let line = Line::from(vec![
            Span::styled("/", ui.theme.accent),
            ui.cell(&ui.t(&win.text), field, ui.theme.base),
            ui.cell(&note, cols.saturating_sub(1 + field), ui.theme.dim),
        ]);
        f.render_widget(Paragraph::new(line), area);
        f.set_cursor_position((area.x + 1 + win.caret as u16, area.y));
    }
}

/// What an input shows of its value in a field of some columns: a window of the
/// value around the caret, and the caret's column in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Window {
    /// At most the field's width.
    pub text: String,
    /// Less than the field's width: the caret is always inside the field.
    pub caret: usize,
}

/// The window of an input's value that fits `field` columns with the caret in it:
/// from the start while the text before the caret fits, else scrolled so the caret
/// is at the field's right edge, or a quarter of the field short of it when text
/// follows the caret. Only the characters within
/// a field's width of the caret are measured, so a key in a 1 MB value costs about
/// what it does in a short one (finding the caret's byte is the one pass over it).
pub fn window(input: &Input, field: usize) -> Window {
    let value = input.value();
    if field == 0 {
        return Window {
            text: String::new(),
            caret: 0,
        };
    }
    let at = byte_of_char(value, input.cursor());
    let cw = |c: char| unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
    // Some of what follows the caret stays in view (a quarter of the field), so
    // editing in the middle shows both sides; at the end the caret goes right.
    let mut reserve = 0;
    for c in value[at..].chars() {
        if reserve >= field / 4 {
            break;
        }
        reserve += cw(c);
    }
    let budget = (field - 1).saturating_sub(reserve.min(field / 4));
    // Back from the caret while the text before it fits that.
    let mut start = at;
    let mut caret = 0;
    for (i, c) in value[..at].char_indices().rev() {
        if caret + cw(c) > budget {
            break;
        }
        caret += cw(c);
        start = i;
    }
    // On from there while the field has room.
    let mut end = at;
    let mut used = caret;
    for (i, c) in value[at..].char_indices() {
        if used + cw(c) > field {
            break;
        }
        used += cw(c);
        end = at + i + c.len_utf8();
    }
    // Measured per character, a sequence such as ❤ + VS16 is narrower than as a
    // string: the string is what is drawn, so it is cut to fit.
    Window {
        text: truncate(&value[start..end], field),
        caret,
    }
}

/// The byte where the `n`th character of `s` starts (its length past the end):
/// counted a 64-byte block at a time (a count the compiler vectorises) up to the
/// block that holds it, about ten times as fast as stepping through characters.
fn byte_of_char(s: &str, n: usize) -> usize {
    let bytes = s.as_bytes();
    // A character starts at every byte that is not a UTF-8 continuation byte.
    let starts = |b: &u8| (*b as i8) >= -0x40;
    let (mut seen, mut at) = (0, 0);
    for block in bytes.chunks(64) {
        // At most 64: summed in a byte, which vectorises best.
        let k = usize::from(block.iter().map(|b| u8::from(starts(b))).sum::<u8>());
        if seen + k > n {
            break;
        }
        seen += k;
        at += block.len();
    }
    for (i, b) in bytes[at..].iter().enumerate() {
        if starts(b) {
            if seen == n {
                return at + i;
            }
            seen += 1;
        }
    }
    s.len()
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

    /// Issue 15, item 4: a 1 MB path. What is shown is a window around the caret,
    /// never wider than the field, Chinese characters whole, the caret inside it.
    #[test]
    fn a_long_value_shows_a_window_around_the_caret() {
        use crate::text::width;
        let value = format!("/srv/共享/{}末尾.json", "督办台账-".repeat(200_000));
        let mut input = Input::new(value.clone());
        let field = 37;
        let n = value.chars().count();
        for cursor in [0, 1, 5, 6, 500_001, n - 3, n - 1, n] {
            input = input.with_cursor(cursor);
            let w = window(&input, field);
            assert!(width(&w.text) <= field, "{cursor}: {w:?}");
            assert!(w.caret < field, "{cursor}: {w:?}");
            // The caret's neighbourhood: the window is the value around the caret,
            // which sits `caret` columns into it.
            let (head, tail) = value.split_at(
                value
                    .char_indices()
                    .nth(cursor)
                    .map_or(value.len(), |(i, _)| i),
            );
            let mut cols = 0;
            let split = w
                .text
                .char_indices()
                .find(|&(_, c)| {
                    cols += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
                    cols > w.caret
                })
                .map_or(w.text.len(), |(i, _)| i);
            let (left, right) = w.text.split_at(split);
            assert_eq!(width(left), w.caret, "{cursor}: {w:?}");
            assert!(
                head.ends_with(left) && tail.starts_with(right),
                "{cursor}: {w:?}"
            );
            assert!(left.chars().count() >= cursor.min(3), "{cursor}: {w:?}");
            assert!(
                right.chars().count() >= (n - cursor).min(2),
                "{cursor}: {w:?}"
            );
        }
        // Short of the field's width before the caret: shown from the start.
        input = input.with_cursor(3);
        assert!(window(&input, field).text.starts_with("/srv/共享/"));
        // Scrolled: the caret at the field's right edge (a wide character may
        // leave one column short).
        input = input.with_cursor(n);
        let w = window(&input, field);
        assert!(
            w.text.ends_with("末尾.json") && w.caret >= field - 2,
            "{w:?}"
        );
        assert_eq!(window(&input, 0).text, "");
        assert_eq!(window(&input, 1).caret, 0);
    }

    #[test]
    fn the_byte_of_a_character_is_found_in_any_text() {
        let s = format!("{}末尾é.json", "督办a-".repeat(100));
        for n in 0..=s.chars().count() + 2 {
            let want = s.char_indices().nth(n).map_or(s.len(), |(i, _)| i);
            assert_eq!(byte_of_char(&s, n), want, "{n}");
        }
        assert_eq!(byte_of_char("", 0), 0);
    }

    #[test]
    fn a_paste_is_text_on_one_line() {
        let mut s = InputState::new(InputKind::Note, None, String::new());
        s.paste("已召开\n推进会\t\u{7}");
        assert_eq!(s.input.value(), "已召开 推进会 ");
    }
}
