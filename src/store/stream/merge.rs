//! A save that streams the file past: each task is parsed, changed when an edit
//! names it, and written out again before the next is read, so that saving one
//! status at 100 000 tasks holds one task, not a second registry of 80 MB beside
//! the dashboard's.
//!
//! The text written is [`crate::store::to_json`]'s, byte for byte: the registry
//! without its tasks is serialised by serde (at the tasks' opening, from what was
//! read so far, and again at the end, from all of it), cut at its `"tasks": []`,
//! and each task is serialised on its own and indented to its depth (serde_json's
//! pretty printer indents by two spaces a level, and a JSON string holds no raw
//! line break, so indenting after each line break is exact).
//!
//! Only the happy path: anything unusual (an edit that fails or names nothing, a
//! task met twice, a member that `to_json` writes before the tasks found after
//! them) gives up, and the whole-file save decides and words it.

use super::{Step, too_deep, value};
use crate::registry::{
    Edit, EditTarget, Goal, HistoryEntry, Registry, Task, apply_to_goal, apply_to_task,
};
use std::io::{self, Write};

/// Where the top-level `tasks` member sits in `to_json`'s text of a registry with
/// no task: nothing in a string can look like it (a string's quotes are escaped).
const EMPTY_TASKS: &str = "\n  \"tasks\": []";

/// A task's lines are indented by this much inside the registry.
const TASK_INDENT: &[u8] = b"    ";

/// The edits on their way into the file, and the file's new text on its way out.
pub(super) struct Merge<'a> {
    edits: &'a [Edit],
    /// What each edit recorded, once its target was met.
    recorded: Vec<Option<Vec<HistoryEntry>>>,
    out: Out<'a>,
    /// The text written before the first task, ending at the tasks' `[`.
    head: String,
    /// Tasks written so far.
    tasks: usize,
    /// One task's text as serde writes it, reused.
    json: Vec<u8>,
    /// The same text as it goes into the file: after its separator, indented.
    indented: Vec<u8>,
}

/// Where the new text goes, and the first error met writing it.
struct Out<'a> {
    to: &'a mut dyn Write,
    /// The write error that stopped the scan: told as it is (a full disk).
    failed: Option<io::Error>,
}

impl Out<'_> {
    /// Writes `bytes`, keeping the error for [`Merge::check`].
    fn write(&mut self, bytes: &[u8]) -> Result<(), Step> {
        if self.failed.is_some() {
            return Err(Step::Unusual);
        }
        self.to.write_all(bytes).map_err(|e| {
            self.failed = Some(e);
            Step::Unusual
        })
    }
}

impl<'a> Merge<'a> {
    pub(super) fn new(edits: &'a [Edit], out: &'a mut dyn Write) -> Self {
        Merge {
            edits,
            recorded: vec![None; edits.len()],
            out: Out {
                to: out,
                failed: None,
            },
            head: String::new(),
            tasks: 0,
            json: Vec::new(),
            indented: Vec::new(),
        }
    }

    /// Applies the edits that name a goal to `goals` (read before the tasks).
    pub(super) fn goals(&mut self, goals: &mut [Goal]) -> Result<(), Step> {
        for (i, edit) in self.edits.iter().enumerate() {
            let EditTarget::Goal(id) = &edit.target else {
                continue;
            };
            let Some(goal) = goals.iter_mut().find(|g| g.id == *id) else {
                // Not there: the whole-file save says so.
                return Err(Step::Unusual);
            };
            let entries = apply_to_goal(goal, edit).map_err(|_| Step::Unusual)?;
            self.recorded[i] = Some(entries);
        }
        Ok(())
    }

    /// Writes `before` (the registry as read up to its tasks, with none) up to
    /// the tasks' `[`.
    pub(super) fn open(&mut self, before: &Registry) -> Result<(), Step> {
        let text = crate::store::to_json(before);
        let Some(at) = text.find(EMPTY_TASKS) else {
            return Err(Step::Unusual);
        };
        // Up to and with the `[`.
        self.head = text[..at + EMPTY_TASKS.len() - 1].to_string();
        self.out.write(self.head.as_bytes())
    }

    /// One task at `at`: parsed, changed by the edits that name it, written.
    pub(super) fn task(&mut self, text: &str, at: usize, ended: bool) -> Result<usize, Step> {
        let (mut task, end) = value::<Task>(text, at, ended)?;
        if too_deep(&text[at..end]) {
            return Err(Step::Unusual);
        }
        for (i, edit) in self.edits.iter().enumerate() {
            if !matches!(&edit.target, EditTarget::Task(id) if *id == task.id) {
                continue;
            }
            if self.recorded[i].is_some() {
                // A second task of that id: not a valid file.
                return Err(Step::Unusual);
            }
            let entries = apply_to_task(&mut task, edit).map_err(|_| Step::Unusual)?;
            self.recorded[i] = Some(entries);
        }
        self.json.clear();
        serde_json::to_writer_pretty(&mut self.json, &task).map_err(|_| Step::Unusual)?;
        self.indented.clear();
        self.indented
            .extend_from_slice(if self.tasks == 0 { b"\n" } else { b",\n" });
        self.indented.extend_from_slice(TASK_INDENT);
        for &b in &self.json {
            self.indented.push(b);
            if b == b'\n' {
                self.indented.extend_from_slice(TASK_INDENT);
            }
        }
        self.out.write(&self.indented)?;
        self.tasks += 1;
        Ok(end)
    }

    /// Whether writing failed: that error, as the system gave it.
    pub(super) fn check(&mut self) -> io::Result<()> {
        match self.out.failed.take() {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    /// Writes the rest of `after` (the whole registry, with no task) behind the
    /// tasks, if its text up to them is what was written before them. What each
    /// edit recorded, in order; `None` when an edit's target was never met.
    pub(super) fn close(
        mut self,
        after: &Registry,
    ) -> io::Result<Option<Vec<(EditTarget, HistoryEntry)>>> {
        let text = crate::store::to_json(after);
        let tail = match text.strip_prefix(self.head.as_str()) {
            // The `]` of `[]`, then the rest.
            Some(rest) if rest.starts_with(']') => &rest[1..],
            // A member written before the tasks was read after them.
            _ => return Ok(None),
        };
        if self.recorded.iter().any(Option::is_none) {
            return Ok(None);
        }
        let close: &[u8] = if self.tasks == 0 { b"]" } else { b"\n  ]" };
        if self.out.write(close).is_err() || self.out.write(tail.as_bytes()).is_err() {
            self.check()?;
        }
        self.out.to.flush()?;
        let recorded = self
            .edits
            .iter()
            .zip(self.recorded)
            .flat_map(|(edit, entries)| {
                entries
                    .unwrap_or_default()
                    .into_iter()
                    .map(|e| (edit.target.clone(), e))
            })
            .collect();
        Ok(Some(recorded))
    }
}
