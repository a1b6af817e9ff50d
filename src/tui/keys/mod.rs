//! Keys → commands, through one key map with a context per screen or popup: the
//! main screen (normal), the status picker, the text inputs, the search popup, the
//! help and presentation mode. Every action of every context can be rebound in the
//! settings file (`[keys]` for the main screen, `[keys.picker]`, `[keys.presentation]`, …);
//! hints and help are made from the keys in force. Over SSH and tmux, Esc followed
//! quickly by a key arrives as Alt+key: [`KeyMap::split_alt`] reads that as Esc,
//! then the key, in one place.

mod actions;
mod names;

pub use actions::{ACTIONS, ActionInfo};
pub use names::{Key, key_name, parse_key};

use super::app::Command;
use crate::settings::{Binding, Problem, ProblemKind};
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use names::normalize;
use std::collections::HashMap;
use std::path::Path;

/// Who reads a key: the main screen or the popup or mode on top of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    Normal,
    Picker,
    Input,
    Search,
    Help,
    Present,
    Export,
    Quit,
    Log,
    Activity,
    Measures,
}

impl Context {
    pub const ALL: [Context; 11] = [
        Context::Normal,
        Context::Picker,
        Context::Input,
        Context::Search,
        Context::Help,
        Context::Present,
        Context::Export,
        Context::Quit,
        Context::Log,
        Context::Activity,
        Context::Measures,
    ];

    /// The settings file's table for this context (`[keys]` is the main screen).
    pub fn table(self) -> Option<&'static str> {
        match self {
            Context::Normal => None,
            Context::Picker => Some("picker"),
            Context::Input => Some("input"),
            // Not `search`, `help`, `present`: those are actions of `[keys]`.
            Context::Search => Some("search_popup"),
            Context::Help => Some("help_popup"),
            Context::Present => Some("presentation"),
            Context::Export => Some("export_dialog"),
            Context::Quit => Some("quit_dialog"),
            Context::Log => Some("message_log"),
            Context::Activity => Some("activity_view"),
            Context::Measures => Some("measures_view"),
        }
    }

    fn by_table(name: Option<&str>) -> Option<Context> {
        Context::ALL.into_iter().find(|c| c.table() == name)
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// The keys of one context.
#[derive(Debug, Clone, Default)]
struct Layer {
    map: HashMap<Key, Command>,
    by_command: Vec<(Command, Vec<Key>)>,
}

impl Layer {
    fn owner(&self, k: &Key) -> Option<Command> {
        self.map.get(k).copied()
    }

    fn set(&mut self, command: Command, keys: Vec<Key>) {
        if let Some(entry) = self.by_command.iter_mut().find(|(c, _)| *c == command) {
            for old in entry.1.drain(..) {
                self.map.remove(&old);
            }
            entry.1 = keys.clone();
        } else {
            self.by_command.push((command, keys.clone()));
        }
        for k in keys {
            self.map.insert(k, command);
        }
    }

    fn keys(&self, command: Command) -> &[Key] {
        self.by_command
            .iter()
            .find(|(c, _)| *c == command)
            .map_or(&[], |(_, ks)| ks.as_slice())
    }
}

/// The keys in force: the defaults, with the user's rebindings applied.
#[derive(Debug, Clone)]
pub struct KeyMap {
    layers: [Layer; Context::ALL.len()],
}

fn info(context: Context, command: Command) -> Option<&'static ActionInfo> {
    ACTIONS
        .iter()
        .find(|a| a.context == context && a.command == command)
}

impl Default for KeyMap {
    fn default() -> Self {
        KeyMap::from_bindings(&[], Path::new("")).0
    }
}

impl KeyMap {
    /// The key map with the settings file's rebindings. Every binding that cannot
    /// be applied (unknown action, unknown key, a key another action of the same
    /// context has) is reported with its line and skipped. The main screen is
    /// resolved first; the other contexts then take the keys their defaults name
    /// with `@action` from it.
    pub fn from_bindings(bindings: &[Binding], path: &Path) -> (KeyMap, Vec<Problem>) {
        let mut km = KeyMap {
            layers: Default::default(),
        };
        let mut problems = Vec::new();
        let at = |b: &Binding, kind: ProblemKind| Problem {
            file: path.to_path_buf(),
            line: b.line,
            col: None,
            kind,
        };
        // (context, command, keys, binding) of every binding that parsed.
        let mut parsed = Vec::new();
        for b in bindings {
            let Some(ctx) = Context::by_table(b.context.as_deref()) else {
                let tables: Vec<String> = Context::ALL
                    .iter()
                    .map(|c| c.table().map_or("keys".into(), |t| format!("keys.{t}")))
                    .collect();
                let table = b.context.clone().unwrap_or_default();
                problems.push(at(b, ProblemKind::UnknownTable { table, tables }));
                continue;
            };
            let Some(info) = ACTIONS
                .iter()
                .find(|a| a.context == ctx && a.name == b.action)
            else {
                let names: Vec<String> = ACTIONS
                    .iter()
                    .filter(|a| a.context == ctx)
                    .map(|a| a.name.to_string())
                    .collect();
                let action = b.action.clone();
                problems.push(at(b, ProblemKind::UnknownAction { action, names }));
                continue;
            };
            let mut keys = Vec::new();
            for k in &b.keys {
                match parse_key(k) {
                    Ok(key) => keys.push(key),
                    Err(e) => problems.push(at(
                        b,
                        ProblemKind::BadKey {
                            spec: k.clone(),
                            empty: e.starts_with("empty"),
                        },
                    )),
                }
            }
            parsed.push((ctx, info.command, keys, b));
        }
        for ctx in Context::ALL {
            let normal = (ctx != Context::Normal).then(|| km.layers[0].clone());
            let layer = &mut km.layers[ctx.index()];
            let mine: Vec<_> = parsed.iter().filter(|p| p.0 == ctx).collect();
            let defaults = |layer: &Layer, a: &ActionInfo| -> Vec<Key> {
                let mut keys: Vec<Key> = Vec::new();
                for spec in a.keys {
                    let more: Vec<Key> = match (spec.strip_prefix('@'), &normal) {
                        (Some(name), Some(normal)) => ACTIONS
                            .iter()
                            .find(|n| n.context == Context::Normal && n.name == name)
                            .map(|n| normal.keys(n.command).to_vec())
                            .unwrap_or_default(),
                        _ => vec![parse_key(spec).expect("default keys parse")],
                    };
                    // A key another action has is left to it (a rebinding may
                    // have taken it on purpose, or two defaults name one key).
                    for k in more {
                        if layer.owner(&k).is_none_or(|o| o == a.command) && !keys.contains(&k) {
                            keys.push(k);
                        }
                    }
                }
                keys
            };
            // Every action the file leaves alone keeps its defaults...
            for a in ACTIONS.iter().filter(|a| a.context == ctx) {
                if !mine.iter().any(|(_, c, _, _)| *c == a.command) {
                    let keys = defaults(layer, a);
                    layer.set(a.command, keys);
                }
            }
            // ...and the file's bindings go on top; a key another action has is a
            // conflict, reported, and that action keeps what is free of its defaults.
            for (_, cmd, keys, b) in &mine {
                let clash = keys
                    .iter()
                    .find(|k| layer.owner(k).is_some_and(|o| o != *cmd));
                match clash {
                    None => layer.set(*cmd, keys.clone()),
                    Some(k) => {
                        let other = layer
                            .owner(k)
                            .and_then(|o| info(ctx, o))
                            .map_or("?", |a| a.name)
                            .to_string();
                        problems.push(at(
                            b,
                            ProblemKind::Conflict {
                                action: b.action.clone(),
                                keys: b.keys.clone(),
                                key: key_name(*k),
                                other,
                            },
                        ));
                        let a = info(ctx, *cmd).expect("found above");
                        let keys = defaults(layer, a);
                        layer.set(*cmd, keys);
                    }
                }
            }
        }
        (km, problems)
    }

    /// Binds a main-screen command to exactly `keys` (replacing its defaults). A key
    /// another action already has is a conflict: the error names that action.
    pub fn rebind(&mut self, command: Command, keys: &[Key]) -> Result<(), String> {
        self.rebind_in(Context::Normal, command, keys)
    }

    /// [`KeyMap::rebind`] in any context.
    pub fn rebind_in(
        &mut self,
        ctx: Context,
        command: Command,
        keys: &[Key],
    ) -> Result<(), String> {
        let layer = &mut self.layers[ctx.index()];
        for k in keys {
            if let Some(other) = layer.owner(k)
                && other != command
            {
                return Err(format!(
                    "key {} is already bound to {}",
                    key_name(*k),
                    info(ctx, other).map_or("?", |a| a.name)
                ));
            }
        }
        layer.set(command, keys.to_vec());
        Ok(())
    }

    /// The keys of a main-screen command, as help shows them.
    pub fn keys_of(&self, command: Command) -> Vec<String> {
        self.keys_in(Context::Normal, command)
    }

    /// The keys of a command in a context, as help and hints show them.
    pub fn keys_in(&self, ctx: Context, command: Command) -> Vec<String> {
        self.layers[ctx.index()]
            .keys(command)
            .iter()
            .map(|k| key_name(*k))
            .collect()
    }

    /// The first key of a command in a context ("" when it has none).
    pub fn first(&self, ctx: Context, command: Command) -> String {
        self.keys_in(ctx, command)
            .into_iter()
            .next()
            .unwrap_or_default()
    }

    /// What a key press means in a context.
    pub fn lookup(&self, ctx: Context, key: KeyEvent) -> Option<Command> {
        if key.kind != KeyEventKind::Press {
            return None;
        }
        self.layers[ctx.index()].owner(&normalize(key.code, key.modifiers))
    }

    /// Esc then a key, arriving as Alt+key (over SSH and tmux): when the context
    /// has no binding for the Alt key itself, the two presses it stands for. On
    /// the main screen only when the plain key means something there.
    pub fn split_alt(&self, ctx: Context, key: KeyEvent) -> Option<[KeyEvent; 2]> {
        if key.kind != KeyEventKind::Press
            || !key.modifiers.contains(KeyModifiers::ALT)
            || !matches!(key.code, KeyCode::Char(_))
            || self.lookup(ctx, key).is_some()
        {
            return None;
        }
        let plain = KeyEvent::new(key.code, key.modifiers - KeyModifiers::ALT);
        if ctx == Context::Normal && self.lookup(ctx, plain).is_none() {
            return None;
        }
        Some([KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE), plain])
    }

    /// The main-screen commands one key press means (usually one; two for Esc+key
    /// seen as Alt+key).
    pub fn commands(&self, key: KeyEvent) -> Vec<Command> {
        if let Some(two) = self.split_alt(Context::Normal, key) {
            return two
                .iter()
                .filter_map(|k| self.lookup(Context::Normal, *k))
                .collect();
        }
        self.lookup(Context::Normal, key).into_iter().collect()
    }
}

/// The settings file's commented key tables: every action of every context with
/// the keys it has by default (as resolved: `@action` defaults written out).
pub fn default_bindings_text() -> String {
    let km = KeyMap::default();
    let mut s = String::from(
        "# Keys: any action can be rebound to one key or a list of keys, e.g.\n\
         #   quit = [\"q\", \"Ctrl-c\"]\n\
         # Names: a character, Enter, Esc, Tab, Shift-Tab, Backspace, Space, Up, Down, Left,\n\
         # Right, PgUp, PgDn, Home, End, F1…F12, with Ctrl- or Alt- in front.\n\
         # [keys] is the main screen; [keys.picker], [keys.input], [keys.search_popup],\n\
         # [keys.help_popup], [keys.presentation], [keys.export_dialog] and [keys.quit_dialog]\n\
         # are the status picker, the text inputs, the search popup, the help, presentation\n\
         # mode, the export dialog and the dialog on quitting with unsaved edits. The keys of up, down, page_up, page_down, top,\n\
         # bottom, back, help, quit, next_tab, prev_tab and present on the main screen\n\
         # also work in the picker, the help and presentation mode unless rebound there.\n",
    );
    for ctx in Context::ALL {
        match ctx.table() {
            None => s.push_str("[keys]\n"),
            Some(t) => s.push_str(&format!("\n[keys.{t}]\n")),
        }
        for a in ACTIONS.iter().filter(|a| a.context == ctx) {
            let keys: Vec<String> = km.layers[ctx.index()]
                .keys(a.command)
                .iter()
                .map(|k| format!("\"{}\"", spelled(*k)))
                .collect();
            s.push_str(&format!(
                "# {} = [{}]    # {}\n",
                a.name,
                keys.join(", "),
                (a.word)(&crate::words::screen::keys::EN)
            ));
        }
    }
    s
}

/// A key as the settings file spells it (help draws arrows as ↑ ↓ ← →).
fn spelled(k: Key) -> String {
    let name = key_name(k);
    match k.0 {
        KeyCode::Up | KeyCode::Down | KeyCode::Left | KeyCode::Right => {
            let word = match k.0 {
                KeyCode::Up => "Up",
                KeyCode::Down => "Down",
                KeyCode::Left => "Left",
                _ => "Right",
            };
            name.trim_end_matches(['↑', '↓', '←', '→']).to_string() + word
        }
        _ => name,
    }
}

/// The whole commented settings file.
pub fn default_settings_text() -> String {
    crate::settings::default_text(&default_bindings_text())
}

#[cfg(test)]
mod tests;
