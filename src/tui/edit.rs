//! Editing from the dashboard: the status picker, the note / progress / due-date /
//! path inputs, undo, and what happens after a save. Still pure: an edit leaves
//! here as an [`Effect`]; the runner saves it and reports back with
//! [`App::saved`] or [`App::save_failed`].

use super::app::{App, Command, Focus, Tab};
use super::keys::Context;
use crate::registry::{Changes, Edit, EditTarget, Op, Registry, Status, apply_recorded, ops};
use crate::store::{SaveError, Saved};
use crossterm::event::{Event, KeyEvent, KeyEventKind};
use std::path::PathBuf;
use tui_input::Input;
use tui_input::backend::crossterm::to_input_request;

/// What has the keyboard besides the normal screens.
#[derive(Debug, Clone, Default)]
pub enum Mode {
    #[default]
    Normal,
    /// Choosing a status: one key each, or ↑/↓ and Enter.
    StatusPicker { target: EditTarget, sel: usize },
    /// Typing a note, a progress, a date, a path or a `/` filter.
    Input(InputState),
    /// The global search popup.
    Search(Box<super::find::SearchState>),
}

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
}

/// Work for the runner: files are written there, not here.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Save these edits to the registry file. `undo` edits are not themselves undoable.
    Save { edits: Vec<Edit>, undo: bool },
    /// Write the whole registry (with any pending edits) to another path.
    WriteAs(PathBuf),
}

impl App {
    /// The task or goal an edit key acts on: the open detail's task, the selected
    /// task of a task list, or the selected goal on the Goals tab.
    pub fn edit_target(&self) -> Option<EditTarget> {
        if let Some(d) = self.view.detail {
            return Some(EditTarget::Task(self.reg.tasks[d.task].id.clone()));
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

    /// The task an edit targets (none for a goal).
    fn task_of(&self, target: &EditTarget) -> Option<&crate::registry::Task> {
        match target {
            EditTarget::Task(id) => self.reg.tasks.iter().find(|t| &t.id == id),
            EditTarget::Goal(_) => None,
        }
    }

    fn status_of(&self, target: &EditTarget) -> Option<Status> {
        match target {
            EditTarget::Task(id) => self
                .reg
                .tasks
                .iter()
                .find(|t| &t.id == id)
                .map(|t| t.status),
            EditTarget::Goal(id) => self
                .reg
                .goals
                .iter()
                .find(|g| &g.id == id)
                .map(|g| g.status),
        }
    }

    fn edit(&self, target: EditTarget, op: Op) -> Edit {
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

    fn save(&self, edits: Vec<Edit>) -> Option<Effect> {
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
                    self.message =
                        Some(self.lang.pick("没有待保存的修改", "nothing to save").into());
                    return None;
                }
                return self.save(self.pending.clone());
            }
            Command::Undo => return self.undo_last(),
            _ => {}
        }
        let Some(target) = self.edit_target() else {
            self.message = Some(
                self.lang
                    .pick(
                        "先选择一个任务(或在目标页选择一个目标)",
                        "select a task first (or a goal on the Goals tab)",
                    )
                    .into(),
            );
            return None;
        };
        let is_goal = matches!(target, EditTarget::Goal(_));
        if is_goal && matches!(cmd, Command::Progress | Command::Due) {
            self.message = Some(
                self.lang
                    .pick("目标只有状态和备注", "goals take a status and notes only")
                    .into(),
            );
            return None;
        }
        let current = self.status_of(&target).unwrap_or_default();
        match cmd {
            Command::Status => {
                self.mode = Mode::StatusPicker {
                    target,
                    sel: current.index(),
                };
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
            self.message = Some(
                self.lang
                    .pick(
                        "概览页没有可筛选的列表:按 : 搜索全部",
                        "nothing to filter here: : searches everything",
                    )
                    .into(),
            );
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
        self.mode = Mode::Input(InputState {
            kind,
            target,
            input: Input::new(value),
            error: None,
        });
    }

    fn undo_last(&mut self) -> Option<Effect> {
        let Some((target, entry)) = self.undo.last().cloned() else {
            self.message = Some(
                self.lang
                    .pick("本次没有可撤销的修改", "nothing to undo in this session")
                    .into(),
            );
            return None;
        };
        let Some(op) = Op::undo(&entry) else {
            self.undo.pop();
            self.message = Some(
                self.lang
                    .pick(
                        "备注不能撤销:请再加一条更正备注",
                        "a note cannot be taken back: add a correcting note",
                    )
                    .into(),
            );
            return None;
        };
        self.undo.pop();
        Some(Effect::Save {
            edits: vec![self.edit(target, op)],
            undo: true,
        })
    }

    /// Who reads the next key: presentation mode, else the picker, input or search
    /// popup, else the help, else the main screen.
    pub fn context(&self) -> Context {
        if self.present.is_some() {
            return Context::Present;
        }
        match self.mode {
            Mode::StatusPicker { .. } => Context::Picker,
            Mode::Input(_) => Context::Input,
            Mode::Search(_) => Context::Search,
            Mode::Normal if self.help => Context::Help,
            Mode::Normal => Context::Normal,
        }
    }

    /// Routes a terminal event: keys go through the key map of the context that
    /// has the keyboard; inputs and the search take the other keys (and pastes) as
    /// text.
    pub fn handle(&mut self, event: &Event) -> (bool, Option<Effect>) {
        match (&mut self.mode, event) {
            (_, Event::Paste(_)) if self.present.is_some() => (false, None),
            (Mode::Input(state), Event::Paste(text)) => {
                paste(&mut state.input, text);
                if state.kind == InputKind::Filter {
                    let q = state.input.value().to_string();
                    self.set_list_query(&q);
                }
                (true, None)
            }
            (Mode::Search(state), Event::Paste(text)) => {
                paste(&mut state.input, text);
                state.sel = 0;
                self.run_search();
                (true, None)
            }
            (_, Event::Key(key)) if key.kind != KeyEventKind::Release => self.key(*key, event),
            (_, Event::Resize(..)) => (true, None),
            _ => (false, None),
        }
    }

    fn key(&mut self, key: KeyEvent, event: &Event) -> (bool, Option<Effect>) {
        let ctx = self.context();
        if key.kind != KeyEventKind::Press && ctx != Context::Input {
            return (false, None);
        }
        // Over SSH and tmux, Esc and a quick next key arrive as one Alt+key: Esc
        // (back, or close the popup), then the key on whatever is below.
        if let Some([esc, plain]) = self.keys.split_alt(ctx, key) {
            let (_, first) = self.key(esc, &Event::Key(esc));
            let (_, second) = self.key(plain, &Event::Key(plain));
            return (true, second.or(first));
        }
        let cmd = self.keys.lookup(ctx, key);
        match ctx {
            Context::Present => (self.present_command(cmd), None),
            Context::Normal | Context::Help => match cmd {
                Some(c) => (true, self.update(c)),
                None => (false, None),
            },
            Context::Picker => self.picker_command(cmd),
            Context::Search => {
                let Mode::Search(state) = &mut self.mode else {
                    return (false, None);
                };
                match cmd {
                    Some(Command::Cancel) => self.mode = Mode::Normal,
                    Some(Command::Confirm) => {
                        if let Some(hit) = state.hits.get(state.sel).cloned() {
                            self.mode = Mode::Normal;
                            self.jump_to(&hit);
                        }
                    }
                    Some(Command::Up) => state.sel = state.sel.saturating_sub(1),
                    Some(Command::Down) => {
                        state.sel = (state.sel + 1).min(state.hits.len().saturating_sub(1))
                    }
                    _ => {
                        if to_input_request(event).is_some_and(|r| state.input.handle(r).is_some())
                        {
                            state.sel = 0;
                            self.run_search();
                        }
                    }
                }
                (true, None)
            }
            Context::Input => {
                let Mode::Input(state) = &mut self.mode else {
                    return (false, None);
                };
                let filtering = state.kind == InputKind::Filter;
                match cmd {
                    Some(Command::Cancel) => {
                        self.mode = Mode::Normal;
                        if filtering {
                            self.set_list_query("");
                        }
                        return (true, None);
                    }
                    Some(Command::Confirm) if filtering => {
                        self.mode = Mode::Normal;
                        return (true, None);
                    }
                    Some(Command::Confirm) => return (true, self.submit()),
                    _ => {}
                }
                let changed =
                    to_input_request(event).is_some_and(|r| state.input.handle(r).is_some());
                if changed {
                    state.error = None;
                    if filtering {
                        let q = state.input.value().to_string();
                        self.set_list_query(&q);
                    }
                }
                (true, None)
            }
        }
    }

    /// A key in the status picker: a status at once, or move and confirm.
    fn picker_command(&mut self, cmd: Option<Command>) -> (bool, Option<Effect>) {
        let Mode::StatusPicker { target, sel } = &mut self.mode else {
            return (false, None);
        };
        let pick = match cmd {
            Some(Command::Pick(i)) => i,
            Some(Command::Confirm) => *sel,
            Some(Command::Up) => {
                *sel = (*sel + 4) % 5;
                return (true, None);
            }
            Some(Command::Down) => {
                *sel = (*sel + 1) % 5;
                return (true, None);
            }
            Some(Command::Cancel) => {
                self.mode = Mode::Normal;
                return (true, None);
            }
            _ => return (false, None),
        };
        let target = target.clone();
        self.mode = Mode::Normal;
        let to = Status::ALL[pick.min(Status::ALL.len() - 1)];
        let edit = self.edit(target, Op::SetStatus { to });
        (true, self.save(vec![edit]))
    }

    /// Enter in an input: a valid value becomes an edit; an invalid one stays in the
    /// input with the reason under it.
    fn submit(&mut self) -> Option<Effect> {
        let Mode::Input(state) = &mut self.mode else {
            return None;
        };
        let value = state.input.value().to_string();
        let op = match state.kind {
            InputKind::WriteAs => {
                let path = value.trim();
                if path.is_empty() {
                    state.error = Some(self.lang.pick("请输入路径", "type a path").into());
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
                state.error = Some(self.lang.pick("备注是空的", "the note is empty").into());
                return None;
            }
            InputKind::Note => Op::AddNote { text: value },
            InputKind::Progress => match ops::parse_progress(&value) {
                Ok(to) => Op::SetProgress { to },
                Err(e) => {
                    state.error = Some(crate::words::edit_error(self.lang, &e));
                    return None;
                }
            },
            InputKind::Due => match ops::parse_due(&value) {
                Ok(to) => Op::SetDue { to },
                Err(e) => {
                    state.error = Some(crate::words::edit_error(self.lang, &e));
                    return None;
                }
            },
        };
        let target = state.target.clone()?;
        self.mode = Mode::Normal;
        let edit = self.edit(target, op);
        self.save(vec![edit])
    }

    /// A save went through: show the file's version (ours and others' edits),
    /// remember ours for undo.
    pub fn saved(&mut self, saved: Saved, undo: bool) {
        let summary = saved.recorded.last().map(|(t, h)| self.describe(t, h));
        if !undo {
            self.undo.extend(saved.recorded.iter().cloned());
        }
        self.pending.clear();
        self.replace_registry(saved.registry);
        let time = self.now.format("%H:%M:%S");
        let saved_word = self.lang.pick("已保存", "saved");
        self.message = Some(match summary {
            Some(s) => format!("{s} · {saved_word} {time}"),
            None => self.lang.pick("没有变化", "nothing changed").into(),
        });
    }

    /// A save failed: nothing on disk changed. The edits stay in memory (and on
    /// screen) until a retry or a write elsewhere succeeds.
    pub fn save_failed(&mut self, edits: Vec<Edit>, error: &SaveError) {
        self.show_on_top(&edits);
        self.pending.extend(edits);
        let hint = self.lang.pick(
            "修改保留在内存中:r 重试,w 另存",
            "edit kept in memory: r retries, w writes elsewhere",
        );
        let error = crate::words::save_error(self.lang, error);
        self.message = Some(format!("{error} — {hint}"));
    }

    /// Another process changed the file: take its version, keep what is selected.
    /// Edits kept from a failed save stay shown on top of the new version.
    pub fn reloaded(&mut self, reg: Registry, changes: &Changes) {
        self.replace_registry(reg);
        let pending = self.pending.clone();
        self.show_on_top(&pending);
        let word = self.lang.pick("已重新载入", "reloaded");
        let changes = crate::words::changes(self.lang, changes);
        let sep = self.lang.pick(":", ": ");
        self.message = Some(format!("{word}{sep}{changes}"));
    }

    /// Applies edits to what is shown only (not saved), as if they were saved, so
    /// the user sees what is kept; why they did not apply to the file is reported
    /// by the save that failed.
    fn show_on_top(&mut self, edits: &[Edit]) {
        if edits.is_empty() {
            return;
        }
        for e in edits {
            let _ = apply_recorded(&mut self.reg, e);
        }
        self.ix = crate::registry::Index::build(&self.reg);
    }

    /// Swaps in a new version of the registry, keeping selections by id.
    pub fn replace_registry(&mut self, reg: Registry) {
        let old_task = |app: &App, i: usize| app.reg.tasks.get(i).map(|t| t.id.clone());
        let detail_task = self.view.detail.and_then(|d| old_task(self, d.task));
        let ids: Vec<Option<String>> = Tab::ALL
            .iter()
            .map(|&t| self.entity_id(t, self.view.sel[t.index()]))
            .collect();
        let tasks: Vec<Option<String>> = Tab::ALL
            .iter()
            .map(|&t| {
                let rows = self.visible_rows(t, self.view.sel[t.index()]);
                rows.get(self.view.task_sel[t.index()])
                    .and_then(|r| old_task(self, r.task))
            })
            .collect();
        let old_shape = shape(&self.reg);
        self.reg = reg;
        self.ix = crate::registry::Index::build(&self.reg);
        self.search = crate::search::SearchIndex::build(&self.reg);
        for (k, &tab) in Tab::ALL.iter().enumerate() {
            let n = self.entity_count(tab);
            let sel = ids[k]
                .as_deref()
                .and_then(|id| self.entity_index(tab, id))
                .unwrap_or(self.view.sel[k]);
            self.view.sel[k] = sel.min(n.saturating_sub(1));
            let rows = self.visible_rows(tab, self.view.sel[k]);
            let ts = tasks[k]
                .as_deref()
                .and_then(|id| rows.iter().position(|r| self.reg.tasks[r.task].id == id))
                .unwrap_or(self.view.task_sel[k]);
            self.view.task_sel[k] = ts.min(rows.len().saturating_sub(1));
        }
        if let Some(d) = self.view.detail.as_mut() {
            match detail_task.and_then(|id| self.reg.tasks.iter().position(|t| t.id == id)) {
                Some(i) => d.task = i,
                None => self.view.detail = None,
            }
        }
        // Views to go back to hold positions: if the lists changed shape they could
        // point at other entries, so drop them rather than guess.
        if shape(&self.reg) != old_shape {
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

    /// "任务 12: 未启动 → 推进中" for the status line.
    fn describe(&self, target: &EditTarget, h: &crate::registry::HistoryEntry) -> String {
        let what = match target {
            EditTarget::Task(id) => {
                let n = self
                    .reg
                    .tasks
                    .iter()
                    .find(|t| &t.id == id)
                    .map_or(id.clone(), |t| t.number.to_string());
                format!("{} {n}", self.lang.pick("任务", "task"))
            }
            EditTarget::Goal(id) => format!("{} {id}", self.lang.pick("目标", "goal")),
        };
        let show = |v: &Option<serde_json::Value>| -> String {
            match v {
                Some(serde_json::Value::String(s)) => match s.parse::<Status>() {
                    Ok(st) => self.lang.pick(st.zh(), st.en()).to_string(),
                    Err(_) => s.clone(),
                },
                Some(serde_json::Value::Number(n)) => format!("{n}%"),
                Some(other) => other.to_string(),
                None => "-".into(),
            }
        };
        match h.field.as_str() {
            "note" => format!("{what}: {}", self.lang.pick("已加备注", "note added")),
            _ => format!("{what}: {} → {}", show(&h.from), show(&h.to)),
        }
    }
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

/// A paste is text, never commands: line breaks and tabs become spaces, other
/// control characters are dropped.
fn paste(input: &mut Input, text: &str) {
    for c in text.chars() {
        let c = if c == '\n' || c == '\r' || c == '\t' {
            ' '
        } else {
            c
        };
        if !c.is_control() {
            input.handle(tui_input::InputRequest::InsertChar(c));
        }
    }
}
