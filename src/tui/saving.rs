//! The state's side of saving in the background: an edit is shown at once and
//! marked as on its way ([`App::begin_save`]); the saver thread's reports come
//! back through [`App::save_report`]. Pure: the event loop moves the jobs.

use super::app::App;
use super::saver::{Job, Report};
use crate::registry::{Edit, Op};

impl App {
    /// An edit key's save: shown now, and handed over as a job for the saver
    /// thread. A retry of kept edits (already shown) moves them from pending to on
    /// their way. An undo is shown only once saved: the save may refuse it
    /// (changed since), and the screen must not show what did not happen.
    pub fn begin_save(&mut self, edits: Vec<Edit>, undo: bool) -> Job {
        let retry = !edits.is_empty() && edits.iter().all(|e| self.pending.contains(e));
        let reverting = edits.iter().any(|e| matches!(e.op, Op::Revert { .. }));
        // What is shown is the file's version with the edits on their way on top,
        // in order, and these go on top of them: a save that finds the file at that
        // version leaves the screen as it is (an undo, not shown yet, is then shown
        // when it lands: `save_report`). Not so with kept edits shown (they came
        // first on screen, they go later to the file).
        let known = self.pending.is_empty().then_some(self.stamp).flatten();
        if retry {
            self.pending.retain(|p| !edits.contains(p));
        } else if !reverting {
            self.show_on_top(&edits);
        }
        if retry || !reverting {
            self.in_flight.extend(edits.iter().cloned());
        }
        let count = edits.len().max(self.in_flight.len());
        self.message = Some(crate::words::screen::saving::saving(self.lang, count));
        Job {
            file: self.file.clone(),
            edits,
            undo,
            known,
        }
    }

    /// What the saver thread said: a save waits for the lock, or is done.
    pub fn save_report(&mut self, report: Report) {
        match report {
            Report::Waiting { holder } => {
                let said = crate::words::screen::saving::waiting_for_lock(
                    self.lang,
                    holder.as_ref().map(|(who, pid)| (who.as_str(), *pid)),
                );
                self.lock_wait = Some(said.clone());
                self.message = Some(said);
            }
            Report::Done {
                edits,
                undo,
                result,
            } => {
                self.lock_wait = None;
                // Jobs finish in the order sent: these are the oldest on their way.
                let shown = !edits.is_empty() && edits.iter().all(|e| self.in_flight.contains(e));
                for e in &edits {
                    if let Some(i) = self.in_flight.iter().position(|f| f == e) {
                        self.in_flight.remove(i);
                    }
                }
                match *result {
                    Ok(saved) => {
                        // Saved on top of the version shown, which did not show
                        // them (an undo): the same edits put on the screen give
                        // what the file got.
                        if !shown && saved.version.is_none() {
                            self.show_on_top(&edits);
                        }
                        self.saved_in_background(saved, undo)
                    }
                    Err(e) => self.failed(edits, &e, shown),
                }
            }
        }
    }

    /// Whether the task with this id has an edit not yet in the file (on its way
    /// or kept from a failed save): its row is marked.
    pub fn unsaved_task(&self, id: &str) -> bool {
        self.in_flight
            .iter()
            .chain(&self.pending)
            .any(|e| matches!(&e.target, crate::registry::EditTarget::Task(t) if t == id))
    }
}

impl App {
    /// Edits a killed session could not save: shown and kept, as after a failed
    /// save, so r saves them, w writes them elsewhere and q asks before dropping
    /// them.
    pub fn recovered(&mut self, mut edits: Vec<Edit>) {
        // A note whose save landed just before the exit sealed the saves is in
        // the file already: not added twice.
        edits.retain(|e| !crate::registry::note_recorded(&self.reg, e));
        if edits.is_empty() {
            return;
        }
        self.show_on_top(&edits);
        let count = edits.len();
        self.pending.extend(edits);
        self.message = Some(crate::words::screen::saving::recovered(self.lang, count));
    }
}
