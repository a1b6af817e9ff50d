//! What comes back from the event loop: a save that went through or failed, and
//! another process's version of the file. The registry is swapped in with the
//! selections kept by id.

use super::app::{App, Tab};
use super::version::{Landed, Version, drop_elsewhere};
use crate::registry::{Changes, Counted, Edit, EditTarget, Registry, Task, apply_indexed};
use crate::store::{Patch, SaveError, Saved};

impl App {
    /// A save of every pending edit went through (the runner saved them in one go):
    /// show the file's version (ours and others' edits), remember ours for undo.
    /// The indexes are built here, on the caller's thread.
    pub fn saved(&mut self, saved: Saved, undo: bool) {
        self.pending.clear();
        self.saved_in_background(Landed::of(saved, None), undo);
    }

    /// A save went through: remember ours for undo and, when the file holds others'
    /// edits too (or ours were not shown), swap in its version, prepared by the
    /// saver thread, with the edits still on their way or kept on top. When the
    /// file was the version shown, the screen already shows what it now holds.
    pub(super) fn saved_in_background(&mut self, landed: Landed, undo: bool) {
        let steps = steps(&landed.recorded);
        let edited = steps.last().map(|(t, _)| t.clone());
        let summary = steps.last().map(|(t, hs)| {
            let s = self.describe(t, hs);
            if undo {
                format!("{} {s}", self.w().edits.undo)
            } else {
                s
            }
        });
        if !undo {
            self.undo.extend(steps);
        }
        if let Some(version) = landed.version {
            drop_elsewhere(self.swap_in(*version));
            self.show_unsaved();
        }
        self.stamp = Some(landed.stamp);
        let time = self.now.format("%H:%M:%S");
        let saved_word = self.w().status.saved;
        let warning = edited
            .and_then(|t| self.goal_warning(&t))
            .map(|w| format!(" · ⚠ {w}"))
            .unwrap_or_default();
        self.message = Some(match summary {
            Some(s) => format!("{s} · {saved_word} {time}{warning}"),
            None => self.w().status.nothing_changed.into(),
        });
        self.quit_if_asked();
    }

    /// Why the goal `t` (when it is one) now disagrees with its tasks, if it does.
    pub fn goal_warning(&self, t: &EditTarget) -> Option<String> {
        let EditTarget::Goal(id) = t else { return None };
        let g = self.ix.goal(id)?;
        let tasks = self.ix.goal_rollup(g);
        let why = crate::registry::goal_disagreement(self.reg.goals[g].status, &tasks)?;
        Some(crate::words::goal_disagreement(self.lang, &why))
    }

    /// A save failed: nothing on disk changed. The edits stay in memory (and on
    /// screen) until a retry or a write elsewhere succeeds.
    pub fn save_failed(&mut self, edits: Vec<Edit>, error: &SaveError) {
        self.failed(edits, error, false);
    }

    /// A save failed; `shown` when its edits are already on screen (applied when
    /// the key was pressed).
    pub(super) fn failed(&mut self, edits: Vec<Edit>, error: &SaveError, shown: bool) {
        // An undo refused because a colleague changed the field since is not kept:
        // retrying it would never be right.
        if let SaveError::Edit {
            error: e @ crate::registry::EditError::ChangedSince { .. },
            ..
        } = error
        {
            self.message = Some(crate::words::edits::changed_since(self.lang, e));
            return;
        }
        if !shown {
            self.show_on_top(&edits);
        }
        self.pending.extend(edits);
        let hint = self.w().status.edit_kept;
        let error = crate::words::save_error(self.lang, error);
        self.message = Some(format!("{error} — {hint}"));
        self.ask_again();
    }

    /// Another process changed the file: take its version, keep what is selected.
    /// Edits kept from a failed save stay shown on top of the new version. The
    /// indexes are built here, on the caller's thread ([`App::reloaded_version`]
    /// takes them built).
    pub fn reloaded(&mut self, reg: Registry, changes: &Changes) {
        drop_elsewhere(self.reloaded_version(Version::new(reg), changes));
    }

    /// [`App::reloaded`] with the version's indexes built elsewhere. Returns the
    /// version it replaced, for the caller to free off the UI thread.
    #[must_use]
    pub fn reloaded_version(&mut self, version: Version, changes: &Changes) -> Version {
        let old = self.swap_in(version);
        self.show_unsaved();
        self.say_reloaded(changes);
        old
    }

    /// "已重新载入:王丽（市水务局）的 2 处修改" on the status line.
    fn say_reloaded(&mut self, changes: &Changes) {
        let word = self.w().status.reloaded;
        // Logins as the people list names them: 王丽（市水务局）.
        let changes = Changes {
            by: crate::words::people(self.lang, &self.reg, &changes.by),
            ..changes.clone()
        };
        let changes = crate::words::changes(self.lang, &changes);
        let sep = self.w().status.reload_colon;
        self.message = Some(format!("{word}{sep}{changes}"));
    }

    /// Applies edits to what is shown only (not saved), as if they were saved, so
    /// the user sees what is kept; why they did not apply to the file is reported
    /// by the save that failed. No edit changes what the indexes are built from
    /// (ids, memberships, names and texts), so they stay as they are: an edit
    /// key costs the change of one task, whatever the registry's size.
    pub(super) fn show_on_top(&mut self, edits: &[Edit]) {
        if edits.is_empty() {
            return;
        }
        let reg = self.reg.write();
        for e in edits {
            let _ = apply_indexed(reg, &mut self.ix, e);
        }
    }

    /// After a new version is swapped in: the edits kept from a failed save and
    /// those still on their way to the file, on top, in the order they were made.
    fn show_unsaved(&mut self) {
        let mut unsaved = self.pending.clone();
        unsaved.extend(self.in_flight.iter().cloned());
        self.show_on_top(&unsaved);
    }

    /// Swaps in a new version of the registry, keeping selections by id. Returns
    /// the old one, for the caller to free off the UI thread.
    fn swap_in(&mut self, version: Version) -> Version {
        let kept = self.selection();
        let old = Version {
            reg: std::mem::replace(&mut self.reg, version.reg),
            ix: std::mem::replace(&mut self.ix, version.ix),
            search: std::mem::replace(&mut self.search, version.search),
        };
        self.select_again(kept);
        old
    }

    /// Another process's save that changed only what edits change, read against
    /// the version shown (see [`crate::store::patch`]): its tasks and goals put in
    /// place, the roll-ups moved as an edit moves them, the indexes otherwise as
    /// they are (no edit changes what they are built from), selections kept by id
    /// (a list filtered by status may have gained or lost rows). Returns the tasks
    /// it replaced, for the caller to free.
    pub fn reloaded_patch(&mut self, patch: Patch, changes: &Changes) -> Vec<Task> {
        let kept = self.selection();
        let reg = self.reg.write();
        let mut old = Vec::with_capacity(patch.tasks.len());
        for (i, task) in patch.tasks {
            let before = Counted::of(&reg.tasks[i]);
            old.push(std::mem::replace(&mut reg.tasks[i], task));
            self.ix.moved(reg, i, before);
        }
        if let Some(goals) = patch.goals {
            reg.goals = goals;
        }
        self.select_again(kept);
        self.show_unsaved();
        self.say_reloaded(changes);
        old
    }

    /// Whether the registry shown is a version of the file as it was read or
    /// saved: no edit is kept on top of it or on its way to the file.
    pub fn shows_the_file(&self) -> bool {
        self.pending.is_empty() && self.in_flight.is_empty()
    }

    /// What is selected, by id, to be found again once the registry changed.
    fn selection(&self) -> Selection {
        let old_task = |app: &App, i: usize| app.reg.tasks.get(i).map(|t| t.id.clone());
        Selection {
            detail: self.view.detail.and_then(|d| old_task(self, d.task)),
            entities: Tab::ALL
                .iter()
                .map(|&t| self.entity_id(t, self.view.sel[t.index()]))
                .collect(),
            tasks: Tab::ALL
                .iter()
                .map(|&t| {
                    let rows = self.visible_rows(t, self.view.sel[t.index()]);
                    rows.get(self.view.task_sel[t.index()])
                        .and_then(|r| old_task(self, r.task))
                })
                .collect(),
            shape: shape(&self.reg),
        }
    }

    /// Selects again what `kept` names, where it now is.
    fn select_again(&mut self, kept: Selection) {
        for (k, &tab) in Tab::ALL.iter().enumerate() {
            let n = self.entity_count(tab);
            let sel = kept.entities[k]
                .as_deref()
                .and_then(|id| self.entity_index(tab, id))
                .unwrap_or(self.view.sel[k]);
            self.view.sel[k] = sel.min(n.saturating_sub(1));
            let rows = self.visible_rows(tab, self.view.sel[k]);
            let ts = kept.tasks[k]
                .as_deref()
                .and_then(|id| self.ix.task(&self.reg, id))
                .and_then(|i| rows.iter().position(|r| r.task == i))
                .unwrap_or(self.view.task_sel[k]);
            self.view.task_sel[k] = ts.min(rows.len().saturating_sub(1));
        }
        if let Some(d) = self.view.detail.as_mut() {
            match kept.detail.and_then(|id| self.ix.task(&self.reg, &id)) {
                Some(i) => d.task = i,
                None => self.view.detail = None,
            }
        }
        // Views to go back to hold positions: if the lists changed shape they could
        // point at other entries, so drop them rather than guess.
        if shape(&self.reg) != kept.shape {
            self.back.clear();
        }
    }

    fn entity_id(&self, tab: Tab, i: usize) -> Option<String> {
        match tab {
            Tab::Overview | Tab::Sections => self.reg.sections.get(i).map(|s| s.id.clone()),
            Tab::Units => self.reg.units.get(i).map(|u| u.id.clone()),
            Tab::Towns => self.reg.towns.get(i).map(|t| t.id.clone()),
            Tab::Goals => self.reg.goals.get(i).map(|g| g.id.clone()),
        }
    }

    fn entity_index(&self, tab: Tab, id: &str) -> Option<usize> {
        match tab {
            Tab::Overview | Tab::Sections => self.ix.section(id),
            Tab::Units => self.ix.unit(id),
            Tab::Towns => self.ix.town(id),
            Tab::Goals => self.ix.goal(id),
        }
    }

    /// "任务 12: 未启动 → 推进中, 0% → 60%" for the status line: every field one edit
    /// changed, the status first.
    fn describe(&self, target: &EditTarget, hs: &[crate::registry::HistoryEntry]) -> String {
        let what = match target {
            EditTarget::Task(id) => {
                let n = self
                    .ix
                    .task(&self.reg, id)
                    .map(|i| &self.reg.tasks[i])
                    .map_or(id.clone(), |t| t.number.to_string());
                format!("{} {n}", self.w().status.task)
            }
            EditTarget::Goal(id) => {
                format!("{} {id}", self.w().status.goal)
            }
        };
        let show =
            |v: &Option<serde_json::Value>| crate::words::edits::value(self.lang, v.as_ref());
        let mut parts: Vec<String> = Vec::new();
        for h in hs {
            parts.push(match h.field.as_str() {
                "note" => self.w().status.note_added.to_string(),
                _ => format!("{} → {}", show(&h.from), show(&h.to)),
            });
        }
        let sep = self.w().edits.list_sep;
        format!("{what}: {}", parts.join(sep))
    }
}

/// The recorded changes of a save, one undo step per edit: consecutive entries of
/// one target made at one time.
fn steps(
    recorded: &[(EditTarget, crate::registry::HistoryEntry)],
) -> Vec<(EditTarget, Vec<crate::registry::HistoryEntry>)> {
    let mut out: Vec<(EditTarget, Vec<crate::registry::HistoryEntry>)> = Vec::new();
    for (t, h) in recorded {
        match out.last_mut() {
            Some((lt, hs)) if lt == t && hs.last().is_some_and(|l| l.at == h.at) => {
                hs.push(h.clone())
            }
            _ => out.push((t.clone(), vec![h.clone()])),
        }
    }
    out
}

/// What was selected, by id (see [`App::selection`]).
struct Selection {
    /// The task whose details are open.
    detail: Option<String>,
    /// Each tab's selected section, unit, town or goal.
    entities: Vec<Option<String>>,
    /// Each tab's selected task.
    tasks: Vec<Option<String>>,
    shape: [usize; 5],
}

/// Lengths of every list, to tell whether positions still mean the same entries.
fn shape(reg: &Registry) -> [usize; 5] {
    [
        reg.sections.len(),
        reg.units.len(),
        reg.towns.len(),
        reg.goals.len(),
        reg.tasks.len(),
    ]
}
