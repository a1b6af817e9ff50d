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
use crate::settings::Binding;
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
}

impl Context {
    pub const ALL: [Context; 6] = [
        Context::Normal,
        Context::Picker,
        Context::Input,
        Context::Search,
        Context::Help,
        Context::Present,
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
    layers: [Layer; 6],
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
    pub fn from_bindings(bindings: &[Binding], path: &Path) -> (KeyMap, Vec<String>) {
        let mut km = KeyMap {
            layers: Default::default(),
        };
        let mut problems = Vec::new();
        let at = |b: &Binding| format!("{}:{}", path.display(), b.line);
        // (context, command, keys, binding) of every binding that parsed.
        let mut parsed = Vec::new();
        for b in bindings {
            let Some(ctx) = Context::by_table(b.context.as_deref()) else {
                let tables: Vec<String> = Context::ALL
                    .iter()
                    .map(|c| c.table().map_or("keys".into(), |t| format!("keys.{t}")))
                    .collect();
                problems.push(format!(
                    "{}: unknown table [keys.{}]: use one of {}",
                    at(b),
                    b.context.as_deref().unwrap_or(""),
                    tables.join(", ")
                ));
                continue;
            };
            let Some(info) = ACTIONS
                .iter()
                .find(|a| a.context == ctx && a.name == b.action)
            else {
                let names: Vec<&str> = ACTIONS
                    .iter()
                    .filter(|a| a.context == ctx)
                    .map(|a| a.name)
                    .collect();
                problems.push(format!(
                    "{}: unknown action '{}': use one of {}",
                    at(b),
                    b.action,
                    names.join(", ")
                ));
                continue;
            };
            let mut keys = Vec::new();
            for k in &b.keys {
                match parse_key(k) {
                    Ok(key) => keys.push(key),
                    Err(e) => problems.push(format!("{}: {e}", at(b))),
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
                            .map_or("?", |a| a.name);
                        problems.push(format!(
                            "{}: {} = {:?}: key {} is already bound to {other}; keeping the default keys of {}",
                            at(b),
                            b.action,
                            b.keys,
                            key_name(*k),
                            b.action
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
         # [keys.help_popup] and [keys.presentation] are the status picker, the text inputs,\n\
         # the search popup, the help and presentation mode. The keys of up, down, page_up, page_down, top,\n\
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
                a.en
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
mod tests {
    use super::*;
    use crate::tui::app::Tab;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn maps_default_keys() {
        let km = KeyMap::default();
        assert_eq!(
            km.commands(key(KeyCode::Char('3'))),
            [Command::GoTab(Tab::Units)]
        );
        assert_eq!(km.commands(key(KeyCode::Char('j'))), [Command::Down]);
        assert_eq!(
            km.commands(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)),
            [Command::Quit]
        );
        assert_eq!(
            km.commands(KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT)),
            [Command::Bottom]
        );
        assert_eq!(
            km.commands(KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT)),
            [Command::PrevTab]
        );
        assert_eq!(km.commands(key(KeyCode::Char('x'))), []);
    }

    #[test]
    fn alt_key_is_esc_then_key() {
        let k = KeyEvent::new(KeyCode::Char('j'), KeyModifiers::ALT);
        assert_eq!(
            KeyMap::default().commands(k),
            [Command::Back, Command::Down]
        );
    }

    #[test]
    fn releases_are_ignored() {
        let mut k = key(KeyCode::Char('q'));
        k.kind = KeyEventKind::Release;
        assert!(KeyMap::default().commands(k).is_empty());
    }

    #[test]
    fn parses_and_names_keys() {
        for spec in [
            "q",
            "G",
            "?",
            "Enter",
            "Esc",
            "Shift-Tab",
            "Space",
            "PgDn",
            "F5",
            "Ctrl-c",
            "Alt-x",
        ] {
            assert_eq!(key_name(parse_key(spec).unwrap()), spec);
        }
        assert_eq!(parse_key("ctrl+C").unwrap(), parse_key("Ctrl-C").unwrap());
        assert!(parse_key("Hyper-x").is_err());
        assert!(parse_key("").is_err());
    }

    #[test]
    fn rebinding_replaces_and_reports_conflicts() {
        let mut km = KeyMap::default();
        km.rebind(Command::Quit, &[parse_key("x").unwrap()])
            .unwrap();
        assert_eq!(km.commands(key(KeyCode::Char('x'))), [Command::Quit]);
        assert!(km.commands(key(KeyCode::Char('q'))).is_empty());
        let err = km
            .rebind(Command::Help, &[parse_key("j").unwrap()])
            .unwrap_err();
        assert!(err.contains("already bound to down"), "{err}");
    }
    #[test]
    fn the_default_text_parses_to_the_defaults() {
        let (s, problems) = crate::settings::parse(Path::new("c.toml"), &default_settings_text());
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(s, crate::settings::Settings::default());
        // Uncommented, it rebinds every action to its own default: no conflicts.
        let text: String = default_settings_text()
            .lines()
            .map(|l| match l.strip_prefix("# ") {
                Some(rest)
                    if rest.split(" = ").next().is_some_and(|k| {
                        !k.is_empty() && k.chars().all(|c| c.is_ascii_lowercase() || c == '_')
                    }) =>
                {
                    rest.to_string()
                }
                _ => l.to_string(),
            })
            .map(|l| l + "\n")
            .collect();
        let (s, problems) = crate::settings::parse(Path::new("c.toml"), &text);
        assert!(problems.is_empty(), "{problems:?}\n{text}");
        assert_eq!(s.theme, Some(crate::settings::ThemeName::Dark));
        let (_, problems) = KeyMap::from_bindings(&s.bindings, Path::new("c.toml"));
        assert!(problems.is_empty(), "{problems:?}");
    }

    #[test]
    fn rebinding_and_conflicts_with_lines() {
        let text = "theme = \"light\"\n[keys]\nquit = \"x\"\nhelp = [\"j\"]\nfly = \"z\"\nnote = \"Hyper-n\"\n";
        let (s, problems) = crate::settings::parse(Path::new("c.toml"), text);
        assert!(problems.is_empty());
        let (km, problems) = KeyMap::from_bindings(&s.bindings, Path::new("c.toml"));
        assert_eq!(km.keys_of(crate::tui::app::Command::Quit), ["x"]);
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert!(
            problems
                .iter()
                .any(|p| p.starts_with("c.toml:4:") && p.contains("already bound to down")),
            "{problems:?}"
        );
        assert!(
            problems
                .iter()
                .any(|p| p.starts_with("c.toml:5:") && p.contains("unknown action 'fly'")),
            "{problems:?}"
        );
        assert!(
            problems
                .iter()
                .any(|p| p.starts_with("c.toml:6:") && p.contains("Hyper-n")),
            "{problems:?}"
        );
        // Help keeps its defaults after the conflict.
        assert_eq!(km.keys_of(crate::tui::app::Command::Help), ["?", "F1"]);
    }

    #[test]
    fn swapping_two_keys_is_not_a_conflict() {
        let text = "[keys]\nup = [\"j\", \"Up\"]\ndown = [\"k\", \"Down\"]\n";
        let (s, _) = crate::settings::parse(Path::new("c.toml"), text);
        let (km, problems) = KeyMap::from_bindings(&s.bindings, Path::new("c.toml"));
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(km.keys_of(crate::tui::app::Command::Up), ["j", "↑"]);
    }

    fn bindings(text: &str) -> (KeyMap, Vec<String>) {
        let (s, problems) = crate::settings::parse(Path::new("c.toml"), text);
        assert!(problems.is_empty(), "{problems:?}");
        KeyMap::from_bindings(&s.bindings, Path::new("c.toml"))
    }

    #[test]
    fn rebinding_quit_and_down_reaches_every_context() {
        let (km, problems) = bindings(
            "[keys]\nquit = \"x\"\ndown = [\"J\", \"Down\"]\n[keys.picker]\nconfirm = \"y\"\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        let press = |c: char| key(KeyCode::Char(c));
        // Presentation: x leaves, q no longer does; J pages on, j no longer does.
        assert_eq!(
            km.lookup(Context::Present, press('x')),
            Some(Command::Cancel)
        );
        assert_eq!(km.lookup(Context::Present, press('q')), None);
        assert_eq!(km.lookup(Context::Present, press('J')), Some(Command::Next));
        assert_eq!(km.lookup(Context::Present, press('j')), None);
        // The picker: J moves down, y confirms, Enter no longer does, x cancels.
        assert_eq!(km.lookup(Context::Picker, press('J')), Some(Command::Down));
        assert_eq!(
            km.lookup(Context::Picker, press('y')),
            Some(Command::Confirm)
        );
        assert_eq!(km.lookup(Context::Picker, key(KeyCode::Enter)), None);
        assert_eq!(
            km.lookup(Context::Picker, press('x')),
            Some(Command::Cancel)
        );
        // The help closes with x and scrolls with J.
        assert_eq!(km.lookup(Context::Help, press('x')), Some(Command::Cancel));
        assert_eq!(km.lookup(Context::Help, press('J')), Some(Command::Down));
        // Help and hints read these.
        assert_eq!(km.first(Context::Picker, Command::Confirm), "y");
        assert_eq!(
            km.keys_in(Context::Present, Command::Cancel),
            ["Esc", "x", "P"]
        );
    }

    #[test]
    fn conflicts_are_per_context() {
        // `n` is the picker's "not started" and the main screen's note: both may
        // have it; two actions of one context may not.
        let (km, problems) =
            bindings("[keys.picker]\ncancel = \"n\"\n[keys.presentation]\nnext = \"q\"\n");
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(
            problems
                .iter()
                .any(|p| p.starts_with("c.toml:2:") && p.contains("already bound to not_started")),
            "{problems:?}"
        );
        assert!(
            problems
                .iter()
                .any(|p| p.starts_with("c.toml:4:") && p.contains("already bound to leave")),
            "{problems:?}"
        );
        assert_eq!(
            km.keys_in(Context::Picker, Command::Cancel),
            ["Esc", "q", "Ctrl-c"]
        );
        let (_, problems) = bindings("[keys.picker]\nconfirm = \"s\"\n[keys]\nnote = \"z\"\n");
        assert!(problems.is_empty(), "{problems:?}");
        let (s, _) = crate::settings::parse(
            Path::new("c.toml"),
            "[keys.popup]\nx = \"y\"\n[keys.picker]\nfly = \"z\"\n",
        );
        let (_, problems) = KeyMap::from_bindings(&s.bindings, Path::new("c.toml"));
        assert!(
            problems
                .iter()
                .any(|p| p.starts_with("c.toml:2:") && p.contains("unknown table")),
            "{problems:?}"
        );
        assert!(
            problems
                .iter()
                .any(|p| p.starts_with("c.toml:4:") && p.contains("unknown action 'fly'")),
            "{problems:?}"
        );
    }

    #[test]
    fn alt_key_in_a_popup_is_esc_then_the_key() {
        let km = KeyMap::default();
        let alt_j = KeyEvent::new(KeyCode::Char('j'), KeyModifiers::ALT);
        for ctx in [
            Context::Picker,
            Context::Input,
            Context::Search,
            Context::Normal,
        ] {
            let [esc, plain] = km.split_alt(ctx, alt_j).expect("split");
            assert_eq!(esc.code, KeyCode::Esc);
            assert_eq!(plain, key(KeyCode::Char('j')));
        }
        // On the main screen an Alt key that means nothing there is left alone.
        let alt_z = KeyEvent::new(KeyCode::Char('z'), KeyModifiers::ALT);
        assert!(km.split_alt(Context::Normal, alt_z).is_none());
    }
}
