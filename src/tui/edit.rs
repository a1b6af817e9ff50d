//! Editing from the dashboard: what the edit keys open (the status picker, the
//! note / progress / due-date / path inputs), what Enter in them makes, and undo.
//! Still pure: an edit leaves here as an [`Effect`]; the runner saves it and
//! reports back with [`App::saved`] or [`App::save_failed`] (`reload.rs`).

use super::app::{App, Command, Focus, Tab};
use super::overlays::picker::Picker;
use crate::registry::{Edit, EditTarget, Op, Status, ops, typed};
use std::path::PathBuf;
use tui_input::Input;

/// What has the keyboard besides the normal screens.
#[derive(Debug, Clone, Default)]
pub enum Mode {
    #[default]
    Normal,
    /// Choosing a status: one key each, or ↑/↓ and Enter.
    StatusPicker(super::overlays::picker::Picker),
    /// Typing a note, a progress, a date, a path or a `/` filter.
    Input(InputState),
    /// The global search popup.
    Search(Box<super::find::SearchState>),
    /// The export dialog.
    Export(Box<super::overlays::export::ExportState>),
    /// Quitting with unsaved edits: retry, write elsewhere or discard.
    Quit(super::overlays::quit::QuitDialog),
    /// The activity view: every edit, newest first.
    Activity(super::overlays::activity::ActivityView),
}

pub use super::overlays::input::{InputKind, InputState};

/// Work for the runner: files are written there, not here.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Save these edits to the registry file. `undo` edits are not themselves undoable.
    Save { edits: Vec<Edit>, undo: bool },
    /// Write the whole registry (with any pending edits) to another path.
    WriteAs(PathBuf),
    /// Write a report of these tasks (positions, in the order shown).
    Export {
        format: crate::report::Format,
        path: PathBuf,
        tasks: Vec<usize>,
    },
}

impl App {
    /// The task or goal an edit key acts on: the open detail's task, the selected
    /// task of a task list, or the selected goal on the Goals tab.
    pub fn edit_target(&self) -> Option<EditTarget> {
        if let Some(d) = self.view.detail {
            return Some(EditTarget::Task(self.reg.tasks[d.task].id.clone()));
        }
        if self.view.problems.is_some() {
            return self
                .selected_problem()
                .map(|t| EditTarget::Task(self.reg.tasks[t].id.clone()));
        }
        match (self.tab(), self.focus()) {
            (Tab::Goals, Focus::Entities) => self
                .reg
                .goals
                .get(self.sel())
                .map(|g| EditTarget::Goal(g.id.clone())),
            (Tab::Overview, _) | (_, Focus::Entities) => None,
            (_, Focus::Tasks) => self
                .current_rows()
                .get(self.task_sel())
                .map(|r| EditTarget::Task(self.reg.tasks[r.task].id.clone())),
        }
    }

    /// The task an edit targets (none for a goal), through the index: an edit key
    /// scans no list of 100 000 tasks.
    fn task_of(&self, target: &EditTarget) -> Option<&crate::registry::Task> {
        match target {
            EditTarget::Task(id) => self.ix.task(&self.reg, id).map(|i| &self.reg.tasks[i]),
            EditTarget::Goal(_) => None,
        }
    }

    fn status_of(&self, target: &EditTarget) -> Option<Status> {
        match target {
            EditTarget::Task(_) => self.task_of(target).map(|t| t.status),
            EditTarget::Goal(id) => self
                .ix
                .goal(id)
                .and_then(|i| self.reg.goals.get(i))
                .map(|g| g.status),
        }
    }

    pub(super) fn edit(&self, target: EditTarget, op: Op) -> Edit {
        Edit {
            target,
            op,
            note: None,
            by: self.who.clone(),
            // The clock is the caller's: the event loop sets `now` before each event.
            at: {
                use chrono::Timelike;
                self.now.with_nanosecond(0).unwrap_or(self.now)
            },
        }
    }

    pub(super) fn save(&self, edits: Vec<Edit>) -> Option<Effect> {
        Some(Effect::Save { edits, undo: false })
    }

    pub(super) fn edit_command(&mut self, cmd: Command) -> Option<Effect> {
        if let Some(reason) = &self.read_only_reason
            && cmd != Command::WriteAs
        {
            self.message = Some(reason.clone());
            return None;
        }
        match cmd {
            Command::WriteAs => {
                let suggestion = self.file.with_extension("copy.json").display().to_string();
                self.open_input(InputKind::WriteAs, None, suggestion);
                return None;
            }
            Command::Retry => {
                if self.pending.is_empty() {
                    self.message = Some(self.w().status.nothing_to_save.into());
                    return None;
                }
                return self.save(self.pending.clone());
            }
            Command::Undo => return self.undo_last(),
            _ => {}
        }
        let Some(target) = self.edit_target() else {
            self.message = Some(self.w().status.select_a_task.into());
            return None;
        };
        let is_goal = matches!(target, EditTarget::Goal(_));
        if is_goal && matches!(cmd, Command::Progress | Command::Due) {
            self.message = Some(self.w().status.goals_status_notes_only.into());
            return None;
        }
        let current = self.status_of(&target).unwrap_or_default();
        match cmd {
            Command::Status => {
                self.mode = Mode::StatusPicker(Picker::open(target, current));
                None
            }
            Command::StatusNext | Command::StatusPrev => {
                let step = if cmd == Command::StatusNext { 1 } else { 4 };
                let to = Status::ALL[(current.index() + step) % 5];
                self.save(vec![self.edit(target, Op::SetStatus { to })])
            }
            Command::Note => {
                self.open_input(InputKind::Note, Some(target), String::new());
                None
            }
            Command::Progress => {
                let now = self.task_of(&target).map_or(0, |t| t.progress);
                self.open_input(InputKind::Progress, Some(target), now.to_string());
                None
            }
            Command::Due => {
                let now = self.task_of(&target).and_then(|t| t.due);
                self.open_input(
                    InputKind::Due,
                    Some(target),
                    now.map(|d| d.to_string()).unwrap_or_default(),
                );
                None
            }
            _ => None,
        }
    }

    pub(super) fn open_filter(&mut self) {
        if self.tab() == Tab::Overview && self.view.detail.is_none() {
            self.message = Some(self.w().status.nothing_to_filter.into());
            return;
        }
        self.view.detail = None;
        let q = self.list_query().to_string();
        self.open_input(InputKind::Filter, None, q);
    }

    pub(super) fn open_search(&mut self) {
        self.mode = Mode::Search(Box::default());
    }

    fn open_input(&mut self, kind: InputKind, target: Option<EditTarget>, value: String) {
        self.mode = Mode::Input(InputState::new(kind, target, value));
    }

    /// `u`: the session's last edit taken back, as a new edit marked as an undo —
    /// only while every field it changed still holds what it wrote in the registry
    /// as last loaded (the save checks again under the lock).
    fn undo_last(&mut self) -> Option<Effect> {
        let Some((target, entries)) = self.undo.pop() else {
            self.message = Some(self.w().status.nothing_to_undo.into());
            return None;
        };
        let Some(op) = Op::revert(&entries) else {
            self.message = Some(self.w().status.note_cannot_undo.into());
            return None;
        };
        if let Op::Revert { fields } = &op
            && let Err(e) = ops::check_revert(&self.reg, &target, fields)
        {
            self.message = Some(crate::words::edits::changed_since(self.lang, &e));
            return None;
        }
        Some(Effect::Save {
            edits: vec![self.edit(target, op)],
            undo: true,
        })
    }

    /// Enter in an input: a valid value becomes an edit; an invalid one stays in the
    /// input with the reason under it.
    pub(super) fn submit(&mut self) -> Option<Effect> {
        // Taken before `state` borrows the mode: the words for its errors.
        let w = crate::words::screen::of(self.lang);
        let Mode::Input(state) = &mut self.mode else {
            return None;
        };
        let value = state.input.value().to_string();
        let op = match state.kind {
            InputKind::WriteAs => {
                let path = value.trim();
                if path.is_empty() {
                    state.error = Some(w.status.type_path.into());
                    return None;
                }
                let path = PathBuf::from(path);
                self.mode = Mode::Normal;
                return Some(Effect::WriteAs(path));
            }
            InputKind::Filter => {
                self.mode = Mode::Normal;
                return None;
            }
            InputKind::Note if value.trim().is_empty() => {
                state.error = Some(w.status.note_empty.into());
                return None;
            }
            InputKind::Note => Op::AddNote { text: value },
            InputKind::Progress => match typed::progress(&value) {
                Ok(to) => Op::SetProgress { to },
                Err(e) => {
                    state.error = Some(crate::words::input_error(self.lang, &e));
                    return None;
                }
            },
            InputKind::Due => match typed::due(&value) {
                Ok(to) => Op::SetDue { to },
                Err(e) => {
                    state.error = Some(crate::words::input_error(self.lang, &e));
                    return None;
                }
            },
        };
        let target = state.target.clone()?;
        self.mode = Mode::Normal;
        let edit = self.edit(target, op);
        self.save(vec![edit])
    }
}

/// A paste is text, never commands: line breaks and tabs become spaces, other
/// control characters are dropped.
pub(super) fn paste(input: &mut Input, text: &str) {
    paste_at_most(input, text, usize::MAX);
}

/// Like [`paste`], keeping the input to `max` characters; returns whether some of
/// the text was left out. Linear in the text: the value is built once (inserting
/// character by character copies the value each time: 17 s for 100 000 characters).
pub(super) fn paste_at_most(input: &mut Input, text: &str, max: usize) -> bool {
    let value = input.value();
    let room = max.saturating_sub(value.chars().count());
    let mut cut = false;
    let mut clean = String::with_capacity(text.len().min(room.saturating_mul(4)));
    let mut n = 0;
    for c in text.chars() {
        let c = if matches!(c, '\n' | '\r' | '\t') {
            ' '
        } else {
            c
        };
        if c.is_control() {
            continue;
        }
        if n == room {
            cut = true;
            break;
        }
        clean.push(c);
        n += 1;
    }
    let cursor = input.cursor();
    let at = value
        .char_indices()
        .nth(cursor)
        .map_or(value.len(), |(i, _)| i);
    let mut s = String::with_capacity(value.len() + clean.len());
    s.push_str(&value[..at]);
    s.push_str(&clean);
    s.push_str(&value[at..]);
    *input = Input::new(s).with_cursor(cursor + n);
    cut
}
