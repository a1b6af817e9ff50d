//! The quit dialog: quitting with edits the file has not taken (a failed save, a
//! file that turned read-only) asks what to do with them — save again, write the
//! registry elsewhere (the `w` path), or quit and discard them, which takes a
//! second, explicit confirmation. Its keys are the `quit_dialog` context of the
//! key map; the dashboard acts on what it reports (`route.rs`).

use crate::text::width;
use crate::tui::app::Command;
use crate::tui::keys::Context;
use crate::tui::view::editing::popup;
use crate::tui::view::{Ui, centered};
use crate::words::screen::edits::{quit_confirm, quit_hint, quit_keys, quit_unsaved};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// The choices, in the order shown: each is the command its key gives.
pub const CHOICES: [Command; 3] = [Command::Retry, Command::WriteAs, Command::Discard];

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QuitDialog {
    /// The selected choice, in [`CHOICES`] order (retry first: the safe one).
    pub sel: usize,
    /// Discard was chosen: waiting for the confirmation.
    pub confirming: bool,
}

/// What a key did in the dialog.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Ignored,
    Moved,
    /// Closed: back to the dashboard, the edits still kept.
    Cancelled,
    Retry,
    WriteAs,
    /// Discard confirmed: quit without the edits.
    Discard,
}

impl QuitDialog {
    /// A command of the `quit_dialog` key context.
    pub fn handle(&mut self, cmd: Option<Command>) -> Outcome {
        if self.confirming {
            return match cmd {
                Some(Command::Confirm | Command::Discard) => Outcome::Discard,
                Some(Command::Cancel) => {
                    self.confirming = false;
                    Outcome::Moved
                }
                _ => Outcome::Ignored,
            };
        }
        let n = CHOICES.len();
        match cmd {
            Some(Command::Up) => self.sel = (self.sel + n - 1) % n,
            Some(Command::Down) => self.sel = (self.sel + 1) % n,
            Some(Command::Retry) => return Outcome::Retry,
            Some(Command::WriteAs) => return Outcome::WriteAs,
            Some(Command::Discard) => self.confirming = true,
            Some(Command::Confirm) => match CHOICES[self.sel.min(n - 1)] {
                Command::Retry => return Outcome::Retry,
                Command::WriteAs => return Outcome::WriteAs,
                _ => self.confirming = true,
            },
            Some(Command::Cancel) => return Outcome::Cancelled,
            _ => return Outcome::Ignored,
        }
        Outcome::Moved
    }

    /// The dialog over the screen: how many edits are unsaved, the three choices
    /// with their keys, and the confirmation when discarding.
    pub fn draw(&self, f: &mut Frame, ui: &Ui, area: Rect, pending: usize) {
        let (lang, w) = (ui.app.lang, &ui.w().edits);
        let k = |c| ui.key(Context::Quit, c);
        let rows: Vec<(String, &str)> = CHOICES
            .iter()
            .map(|&c| {
                let text = match c {
                    Command::Retry => w.quit_retry,
                    Command::WriteAs => w.quit_write_as,
                    _ => w.quit_discard,
                };
                (k(c), text)
            })
            .collect();
        let unsaved = quit_unsaved(lang, pending);
        // Wide enough for every line in both steps, so the box does not jump when
        // discard asks again (the frame cuts what a narrow screen cannot hold).
        let feet = [
            quit_confirm(lang, &k(Command::Confirm), &k(Command::Cancel)),
            quit_keys(lang, &k(Command::Confirm), &k(Command::Cancel)),
        ];
        let widest = rows
            .iter()
            .map(|(key, text)| width(key) + width(text) + 3)
            .chain([width(w.quit_title) + 4, width(&unsaved)])
            .chain(feet.iter().map(|f| width(f)))
            .max()
            .unwrap_or(40);
        let rect = centered(area, (widest as u16 + 2).clamp(40, 76), 9);
        let inner = popup(f, ui, rect, w.quit_title);
        let cols = inner.width as usize;
        let mut lines = vec![Line::from(ui.cell(&unsaved, cols, ui.theme.base))];
        lines.push(Line::raw(""));
        for (i, (key, text)) in rows.iter().enumerate() {
            let marker = if i == self.sel && !self.confirming {
                if ui.app.ascii { ">" } else { "▸" }
            } else {
                " "
            };
            let head = format!("{marker}{key}  ");
            let mut line = Line::from(vec![
                Span::styled(head.clone(), ui.theme.accent),
                ui.cell(text, cols.saturating_sub(width(&head)), ui.theme.base),
            ]);
            if i == self.sel && !self.confirming {
                line = line.style(ui.theme.selected);
            }
            lines.push(line);
        }
        lines.push(Line::raw(""));
        let [confirm, keys] = feet;
        let foot = if self.confirming { confirm } else { keys };
        let style = if self.confirming {
            ui.theme.accent
        } else {
            ui.theme.dim
        };
        lines.push(Line::from(ui.cell(&foot, cols, style)));
        f.render_widget(Paragraph::new(lines), inner);
    }
}

/// The hint line under the screen while the dialog is open, from the keys in force.
pub fn hint(ui: &Ui, dialog: &QuitDialog) -> String {
    let lang = ui.app.lang;
    let k = |c| ui.key(Context::Quit, c);
    if dialog.confirming {
        return quit_confirm(lang, &k(Command::Confirm), &k(Command::Cancel));
    }
    quit_hint(
        lang,
        &k(Command::Retry),
        &k(Command::WriteAs),
        &k(Command::Discard),
        &k(Command::Cancel),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn discard_takes_a_confirmation_and_escape_steps_back() {
        let mut d = QuitDialog::default();
        assert_eq!(d.handle(Some(Command::Discard)), Outcome::Moved);
        assert!(d.confirming);
        assert_eq!(d.handle(Some(Command::Retry)), Outcome::Ignored);
        assert_eq!(d.handle(Some(Command::Cancel)), Outcome::Moved);
        assert!(!d.confirming);
        assert_eq!(d.handle(Some(Command::Cancel)), Outcome::Cancelled);
        d.handle(Some(Command::Up));
        assert_eq!(CHOICES[d.sel], Command::Discard);
        assert_eq!(d.handle(Some(Command::Confirm)), Outcome::Moved);
        assert_eq!(d.handle(Some(Command::Confirm)), Outcome::Discard);
    }

    #[test]
    fn retry_and_write_elsewhere_by_key_or_selection() {
        let mut d = QuitDialog::default();
        assert_eq!(d.handle(Some(Command::Confirm)), Outcome::Retry);
        assert_eq!(d.handle(Some(Command::WriteAs)), Outcome::WriteAs);
        d.handle(Some(Command::Down));
        assert_eq!(d.handle(Some(Command::Confirm)), Outcome::WriteAs);
        assert_eq!(d.handle(Some(Command::Note)), Outcome::Ignored);
    }
}
