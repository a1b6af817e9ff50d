//! Edits the file has not taken, on the way out: `q` with pending edits opens the
//! quit dialog (`overlays/quit.rs`) instead of quitting, and a retry or a write
//! elsewhere chosen there quits once it goes through; if it fails the dialog comes
//! back with the reason on the status line. Signals (SIGTERM, SIGHUP) are not
//! asked: they restore the terminal and exit as before.

use super::app::{App, Command};
use super::edit::{Effect, Mode};
use super::overlays::quit::{Outcome, QuitDialog};
use std::path::Path;

impl App {
    /// `q`: quit, unless edits are waiting to be saved — then ask what to do.
    pub fn request_quit(&mut self) {
        if !self.in_flight.is_empty() {
            // A save is running: quit when it is done, or ask if it fails.
            self.quit_when_saved = true;
            self.message = Some(crate::words::screen::saving::quit_after_save(self.lang).into());
            return;
        }
        if self.pending.is_empty() {
            self.quit = true;
            return;
        }
        // The dialog needs the keyboard: presentation mode steps aside.
        self.present = None;
        self.help = None;
        self.log_view = None;
        self.measures_view = None;
        self.mode = Mode::Quit(QuitDialog::default());
    }

    /// A key in the quit dialog.
    pub(super) fn quit_command(&mut self, cmd: Option<Command>) -> (bool, Option<Effect>) {
        let Mode::Quit(dialog) = &mut self.mode else {
            return (false, None);
        };
        match dialog.handle(cmd) {
            Outcome::Ignored => (false, None),
            Outcome::Moved => (true, None),
            Outcome::Cancelled => {
                self.mode = Mode::Normal;
                (true, None)
            }
            Outcome::Discard => {
                self.mode = Mode::Normal;
                self.pending.clear();
                self.quit = true;
                (true, None)
            }
            Outcome::Retry => {
                self.mode = Mode::Normal;
                self.quit_when_saved = true;
                (true, self.save(self.pending.clone()))
            }
            Outcome::WriteAs => {
                self.mode = Mode::Normal;
                self.quit_when_saved = true;
                // The `w` path: the write-to input, prefilled with a name beside the file.
                (true, self.edit_command(Command::WriteAs))
            }
        }
    }

    /// The registry (with the pending edits) was written to `path`.
    pub fn written_as(&mut self, path: &Path) {
        self.pending.clear();
        let word = self.w().status.written_to;
        self.message = Some(format!("{word} {}", path.display()));
        self.quit_if_asked();
    }

    /// Writing elsewhere failed: nothing was written; the edits stay pending.
    pub fn write_as_failed(&mut self, error: &crate::store::SaveError) {
        self.message = Some(crate::words::save_error(self.lang, error));
        self.ask_again();
    }

    /// After a save that went through: quit if the quit dialog asked for it.
    pub(super) fn quit_if_asked(&mut self) {
        if !self.in_flight.is_empty() {
            return;
        }
        if std::mem::take(&mut self.quit_when_saved) && self.pending.is_empty() {
            self.quit = true;
        }
    }

    /// After a save that failed: back to the quit dialog if it was on the way out.
    pub(super) fn ask_again(&mut self) {
        if !self.in_flight.is_empty() {
            return;
        }
        if std::mem::take(&mut self.quit_when_saved) && !self.pending.is_empty() {
            self.mode = Mode::Quit(QuitDialog::default());
        }
    }
}
