//! Who gets a key. One question decides it — [`App::context`]: presentation mode,
//! else the picker, input or search popup, else the help or the message log,
//! else the main screen —
//! and that context's key map turns the key into a [`Command`] for the code that
//! owns the screen or popup. Inputs and the search popup take other keys (and
//! pastes) as text. Edits leave as [`Effect`]s for the event loop.

use super::app::{App, Command};
use super::edit::{Effect, InputKind, Mode};
use super::keys::Context;
use super::overlays::export::Outcome as ExportOutcome;
use super::overlays::input::Outcome as InputOutcome;
use super::overlays::picker::Outcome;
use super::overlays::search::Outcome as SearchOutcome;
use crate::registry::Op;
use crossterm::event::{Event, KeyEvent, KeyEventKind};

impl App {
    /// Who reads the next key: presentation mode, else the picker, input or search
    /// popup, else the help, else the main screen.
    pub fn context(&self) -> Context {
        if self.present.is_some() {
            return Context::Present;
        }
        match self.mode {
            Mode::StatusPicker(_) => Context::Picker,
            Mode::Input(_) => Context::Input,
            Mode::Search(_) => Context::Search,
            Mode::Export(_) => Context::Export,
            Mode::Quit(_) => Context::Quit,
            Mode::Activity(_) => Context::Activity,
            Mode::Normal if self.help.is_some() => Context::Help,
            Mode::Normal if self.log_view.is_some() => Context::Log,
            Mode::Normal if self.measures_view.is_some() => Context::Measures,
            Mode::Normal => Context::Normal,
        }
    }

    /// Routes a terminal event: keys go through the key map of the context that
    /// has the keyboard; inputs and the search take the other keys (and pastes) as
    /// text.
    pub fn handle(&mut self, event: &Event) -> (bool, Option<Effect>) {
        let out = self.route(event);
        self.log_message();
        out
    }

    fn route(&mut self, event: &Event) -> (bool, Option<Effect>) {
        match (&mut self.mode, event) {
            (_, Event::Paste(_)) if self.present.is_some() => (false, None),
            (Mode::Input(state), Event::Paste(text)) => {
                state.paste_in(text, self.lang);
                if state.kind == InputKind::Filter {
                    let q = state.input.value().to_string();
                    self.set_list_query(&q);
                }
                (true, None)
            }
            (Mode::Search(state), Event::Paste(text)) => {
                state.paste(text, &self.search);
                state.settle(self.area);
                (true, None)
            }
            (Mode::Export(state), Event::Paste(text)) => {
                state.paste(text);
                (true, None)
            }
            (_, Event::Key(key)) if key.kind != KeyEventKind::Release => self.key(*key, event),
            (_, Event::Resize(w, h)) => {
                self.resize(*w, *h);
                (true, None)
            }
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
            Context::Normal | Context::Help | Context::Log | Context::Measures => match cmd {
                Some(c) => (true, self.update(c)),
                None => (false, None),
            },
            Context::Picker => self.picker_command(cmd),
            Context::Quit => self.quit_command(cmd),
            Context::Activity => (self.activity_command(cmd), None),
            Context::Search => {
                let Mode::Search(state) = &mut self.mode else {
                    return (false, None);
                };
                let outcome = state.handle(cmd, event, &self.search);
                state.settle(self.area);
                match outcome {
                    SearchOutcome::Cancelled => self.mode = Mode::Normal,
                    SearchOutcome::Jump(hit) => {
                        self.mode = Mode::Normal;
                        self.jump_to(&hit);
                    }
                    SearchOutcome::Changed | SearchOutcome::Ignored => {}
                }
                (true, None)
            }
            Context::Export => {
                let Mode::Export(state) = &mut self.mode else {
                    return (false, None);
                };
                match state.handle(cmd, event) {
                    ExportOutcome::Cancelled => {
                        self.mode = Mode::Normal;
                        (true, None)
                    }
                    ExportOutcome::Export {
                        format,
                        path,
                        tasks,
                    } => {
                        self.mode = Mode::Normal;
                        (
                            true,
                            Some(Effect::Export {
                                format,
                                path,
                                tasks,
                            }),
                        )
                    }
                    ExportOutcome::Changed => (true, None),
                    ExportOutcome::Ignored => (false, None),
                }
            }
            Context::Input => {
                let Mode::Input(state) = &mut self.mode else {
                    return (false, None);
                };
                let filtering = state.kind == InputKind::Filter;
                match state.handle(cmd, event) {
                    InputOutcome::Cancelled => {
                        self.mode = Mode::Normal;
                        // A write elsewhere chosen on quitting and then dropped: stay.
                        self.quit_when_saved = false;
                        if filtering {
                            self.set_list_query("");
                        }
                        (true, None)
                    }
                    InputOutcome::Confirmed if filtering => {
                        self.mode = Mode::Normal;
                        (true, None)
                    }
                    InputOutcome::Confirmed => (true, self.submit()),
                    InputOutcome::Changed if filtering => {
                        let q = state.input.value().to_string();
                        self.set_list_query(&q);
                        (true, None)
                    }
                    InputOutcome::Changed | InputOutcome::Ignored => (true, None),
                }
            }
        }
    }

    /// A key in the status picker: the picker says what it meant; a pick is saved.
    fn picker_command(&mut self, cmd: Option<Command>) -> (bool, Option<Effect>) {
        let Mode::StatusPicker(picker) = &mut self.mode else {
            return (false, None);
        };
        match picker.handle(cmd) {
            Outcome::Ignored => (false, None),
            Outcome::Moved => (true, None),
            Outcome::Cancelled => {
                self.mode = Mode::Normal;
                (true, None)
            }
            Outcome::Picked(to) => {
                let target = picker.target.clone();
                self.mode = Mode::Normal;
                let edit = self.edit(target, Op::SetStatus { to });
                (true, self.save(vec![edit]))
            }
        }
    }
}
