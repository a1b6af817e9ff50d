//! A colleague's save read against the version on the screen, a task at a time:
//! only the tasks that differ are kept. A colleague's dubang changes what edits
//! change (status, progress, due date, history, who and when), so at 100 000
//! tasks a reload keeps a handful of tasks instead of a second registry of 80 MB
//! beside the dashboard's, and the indexes (built from what edits do not change)
//! stay as they are.
//!
//! Anything else — a task added, removed, moved or rewritten, another part of the
//! file changed, a value the checks refuse, anything unusual in the text — gives
//! up, and the version is read whole as before.

use super::{Step, too_deep, value};
use crate::registry::{Goal, Registry, Task, same_but_edits, same_goal_but_edits};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// What differs in the file from the version shown, when only what edits change
/// does; as the file holds it, cleaned for the screen like a load.
#[derive(Debug, Clone, PartialEq)]
pub struct Patch {
    /// The tasks that differ, by position.
    pub tasks: Vec<(usize, Task)>,
    /// The goals, when any differs (there are a few).
    pub goals: Option<Vec<Goal>>,
}

pub(super) struct Compare<'a> {
    shown: &'a Registry,
    /// Set by the caller to give up (the user edits: the registry shown must be
    /// let go of at once).
    stop: &'a AtomicBool,
    /// The position of the next task.
    next: usize,
    changed: Vec<(usize, Task)>,
}

impl<'a> Compare<'a> {
    pub(super) fn new(shown: &'a Registry, stop: &'a AtomicBool) -> Self {
        Compare {
            shown,
            stop,
            next: 0,
            changed: Vec::new(),
        }
    }

    /// One task at `at`: kept when it differs from the one shown at its place.
    pub(super) fn task(&mut self, text: &str, at: usize, ended: bool) -> Result<usize, Step> {
        if self.stop.load(Ordering::Relaxed) {
            return Err(Step::Unusual);
        }
        let (mut task, end) = value::<Task>(text, at, ended)?;
        if too_deep(&text[at..end]) {
            return Err(Step::Unusual);
        }
        let Some(old) = self.shown.tasks.get(self.next) else {
            return Err(Step::Unusual);
        };
        task.sanitize();
        if task != *old {
            // The checks of a load that one task can fail.
            if !same_but_edits(old, &task) || task.progress > 100 {
                return Err(Step::Unusual);
            }
            // The same text: shared with the search index, not held twice.
            task.text = Arc::clone(&old.text);
            self.changed.push((self.next, task));
        }
        self.next += 1;
        Ok(end)
    }

    /// The patch, once the rest of the file (`rest`, with no task) is read: `None`
    /// when it differs from the version shown in anything but its goals' edits.
    pub(super) fn close(self, mut rest: Registry) -> Option<Patch> {
        let shown = self.shown;
        if self.next != shown.tasks.len() || self.stop.load(Ordering::Relaxed) {
            return None;
        }
        rest.sanitize();
        let same = rest.format == shown.format
            && rest.document == shown.document
            && rest.sections == shown.sections
            && rest.units == shown.units
            && rest.towns == shown.towns
            && rest.measures == shown.measures
            && rest.people == shown.people
            && rest.goals.len() == shown.goals.len()
            && rest
                .goals
                .iter()
                .zip(&shown.goals)
                .all(|(new, old)| same_goal_but_edits(old, new));
        if !same {
            return None;
        }
        let goals = (rest.goals != shown.goals).then_some(rest.goals);
        Some(Patch {
            tasks: self.changed,
            goals,
        })
    }
}
