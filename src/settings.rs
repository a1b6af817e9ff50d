//! The settings file: `$XDG_CONFIG_HOME/dubang/config.toml` (else
//! `~/.config/dubang/config.toml`). Theme, language, default registry, ASCII mode
//! and key bindings. A broken file never stops dubang: it starts with the defaults
//! and says what is wrong and on which line.

use crate::lang::Lang;
use crate::report::Thresholds;
use crate::store::line_col;
use crate::tui::keys::{ACTIONS, KeyMap, parse_key};
use crate::tui::theme::ThemeName;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Settings {
    pub theme: Option<ThemeName>,
    pub lang: Option<Lang>,
    /// The default registry (`--file` and `DUBANG_FILE` win over it).
    pub file: Option<PathBuf>,
    pub ascii: Option<bool>,
    /// Rebindings in file order: action name, keys, line in the file.
    pub bindings: Vec<Binding>,
    /// When a task is on the problem list, and its warning level (`[problems]`).
    pub problems: Thresholds,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Binding {
    pub action: String,
    pub keys: Vec<String>,
    pub line: usize,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    theme: Option<ThemeName>,
    lang: Option<Lang>,
    file: Option<PathBuf>,
    ascii: Option<bool>,
    #[serde(default)]
    keys: BTreeMap<String, Keys>,
    #[serde(default)]
    problems: Thresholds,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Keys {
    One(String),
    Many(Vec<String>),
}

/// Where the settings file is, from the given environment lookup.
pub fn config_path(env: impl Fn(&str) -> Option<String>) -> Option<PathBuf> {
    let base = env("XDG_CONFIG_HOME")
        .filter(|v| v.starts_with('/'))
        .map(PathBuf::from)
        .or_else(|| {
            env("HOME")
                .filter(|h| !h.is_empty())
                .map(|h| PathBuf::from(h).join(".config"))
        })?;
    Some(base.join("dubang").join("config.toml"))
}

/// Reads the settings. A missing file is the defaults; a broken one is the
/// defaults plus a one-line reason naming the line.
pub fn load(path: &Path) -> (Settings, Vec<String>) {
    match std::fs::read_to_string(path) {
        Ok(text) => parse(path, &text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => (Settings::default(), Vec::new()),
        Err(e) => (
            Settings::default(),
            vec![format!(
                "{}: cannot read the settings ({e}); using the defaults",
                path.display()
            )],
        ),
    }
}

/// Parses settings text; `path` names it in messages.
pub fn parse(path: &Path, text: &str) -> (Settings, Vec<String>) {
    let raw: Raw = match toml::from_str(text) {
        Ok(r) => r,
        Err(e) => {
            let at = e.span().map(|s| line_col(text, s.start));
            let place = at.map(|(l, c)| format!(":{l}:{c}")).unwrap_or_default();
            let what = e.message().trim().replace('\n', " ");
            return (
                Settings::default(),
                vec![format!(
                    "{}{place}: {what}; fix it (`dubang config --print-default` shows every setting) — using the defaults",
                    path.display()
                )],
            );
        }
    };
    let bindings = raw
        .keys
        .into_iter()
        .map(|(action, keys)| Binding {
            line: line_of_key(text, &action),
            keys: match keys {
                Keys::One(k) => vec![k],
                Keys::Many(ks) => ks,
            },
            action,
        })
        .collect::<Vec<_>>();
    let mut bindings = bindings;
    bindings.sort_by_key(|b| b.line);
    (
        Settings {
            theme: raw.theme,
            lang: raw.lang,
            file: raw.file,
            ascii: raw.ascii,
            bindings,
            problems: raw.problems,
        },
        Vec::new(),
    )
}

/// The line of `name = …` inside the `[keys]` table (0 when not found).
fn line_of_key(text: &str, name: &str) -> usize {
    let mut in_keys = false;
    for (i, line) in text.lines().enumerate() {
        let t = line.trim();
        if t.starts_with('[') {
            in_keys = t.trim_start_matches('[').trim_end_matches(']').trim() == "keys";
            continue;
        }
        if in_keys {
            let key = t
                .split('=')
                .next()
                .unwrap_or("")
                .trim()
                .trim_matches('"')
                .trim_matches('\'');
            if key == name && t.contains('=') {
                return i + 1;
            }
        }
    }
    0
}

impl Settings {
    /// The key map with the file's rebindings; every binding that cannot be applied
    /// (unknown action, unknown key, a key another action has) is reported with its
    /// line and skipped.
    pub fn keymap(&self, path: &Path) -> (KeyMap, Vec<String>) {
        let mut km = KeyMap::default();
        let mut problems = Vec::new();
        let at = |b: &Binding| format!("{}:{}", path.display(), b.line);
        // Rebinding moves keys between actions: clear every rebound action first so
        // that swapping two keys is not a conflict with the old defaults.
        let mut parsed = Vec::new();
        for b in &self.bindings {
            let Some(info) = ACTIONS.iter().find(|a| a.name == b.action) else {
                let names: Vec<&str> = ACTIONS.iter().map(|a| a.name).collect();
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
            parsed.push((b, info.command, keys));
        }
        for (_, cmd, _) in &parsed {
            let _ = km.rebind(*cmd, &[]);
        }
        for (b, cmd, keys) in &parsed {
            if let Err(e) = km.rebind(*cmd, keys) {
                problems.push(format!(
                    "{}: {} = {:?}: {e}; keeping the default keys of {}",
                    at(b),
                    b.action,
                    b.keys,
                    b.action
                ));
                let info = ACTIONS
                    .iter()
                    .find(|a| a.command == *cmd)
                    .expect("found above");
                let defaults: Vec<_> = info.keys.iter().filter_map(|k| parse_key(k).ok()).collect();
                // The defaults may themselves be taken by now; keep what is free.
                let free: Vec<_> = defaults
                    .into_iter()
                    .filter(|k| km.rebind(*cmd, &[*k]).is_ok())
                    .collect();
                let _ = km.rebind(*cmd, &free);
            }
        }
        (km, problems)
    }
}

/// A commented settings file with every setting at its default.
pub fn default_text() -> String {
    let mut s = String::from(
        "# dubang settings: ~/.config/dubang/config.toml (or $XDG_CONFIG_HOME/dubang/config.toml).\n\
         # Every line is optional; remove the # to change a setting.\n\n\
         # Colours: dark, light (projectors in a lit room), high-contrast, mono (no colour).\n\
         # NO_COLOR in the environment means mono unless --theme says otherwise.\n\
         # theme = \"dark\"\n\n\
         # Labels: zh or en (default: from LC_ALL, LC_MESSAGES, LANG).\n\
         # lang = \"zh\"\n\n\
         # The registry to open when neither --file nor DUBANG_FILE is given\n\
         # (default: your copy of the bundled plan in ~/.local/share/dubang/).\n\
         # file = \"/srv/dubang/registry.json\"\n\n\
         # Draw borders and punctuation in ASCII, for terminals that show “ ” — … and box\n\
         # lines two columns wide.\n\
         # ascii = false\n\n\
         # The problem list (问题清单) of summary and reports: a task not done is on it when it\n\
         # is past due (its own date, or its goal's), 滞后, 受阻, due within due_soon_days\n\
         # (蓝色预警), or not updated for stale_days (蓝). Past due or 滞后 is 黄色预警;\n\
         # past due by more than red_overdue_days, or 受阻, is 红色预警.\n\
         [problems]\n\
         # stale_days = 30\n\
         # due_soon_days = 30\n\
         # red_overdue_days = 90\n\n\
         # Keys: any action can be rebound to one key or a list of keys, e.g.\n\
         #   quit = [\"q\", \"Ctrl-c\"]\n\
         # Names: a character, Enter, Esc, Tab, Shift-Tab, Backspace, Space, Up, Down, Left,\n\
         # Right, PgUp, PgDn, Home, End, F1…F12, with Ctrl- or Alt- in front.\n\
         [keys]\n",
    );
    for a in ACTIONS {
        let keys: Vec<String> = a.keys.iter().map(|k| format!("\"{k}\"")).collect();
        s.push_str(&format!(
            "# {} = [{}]    # {}\n",
            a.name,
            keys.join(", "),
            a.en
        ));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_text_parses_to_the_defaults() {
        let (s, problems) = parse(Path::new("c.toml"), &default_text());
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(s, Settings::default());
        // Uncommented, it rebinds every action to its own default: no conflicts.
        let text: String = default_text()
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
        let (s, problems) = parse(Path::new("c.toml"), &text);
        assert!(problems.is_empty(), "{problems:?}\n{text}");
        assert_eq!(s.theme, Some(ThemeName::Dark));
        let (_, problems) = s.keymap(Path::new("c.toml"));
        assert!(problems.is_empty(), "{problems:?}");
    }

    #[test]
    fn a_broken_file_names_its_line_and_falls_back() {
        let (s, problems) = parse(Path::new("c.toml"), "theme = \"dark\"\nlang = \"fr\"\n");
        assert_eq!(s, Settings::default());
        assert!(problems[0].starts_with("c.toml:2:"), "{problems:?}");
        let (_, problems) = parse(Path::new("c.toml"), "theme = \"dark\nx");
        assert!(
            problems[0].starts_with("c.toml:") && problems[0].ends_with("using the defaults"),
            "{problems:?}"
        );
        let (_, problems) = parse(Path::new("c.toml"), "colour = 1\n");
        assert!(problems[0].contains("colour"), "{problems:?}");
    }

    #[test]
    fn rebinding_and_conflicts_with_lines() {
        let text = "theme = \"light\"\n[keys]\nquit = \"x\"\nhelp = [\"j\"]\nfly = \"z\"\nnote = \"Hyper-n\"\n";
        let (s, problems) = parse(Path::new("c.toml"), text);
        assert!(problems.is_empty());
        let (km, problems) = s.keymap(Path::new("c.toml"));
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
        let (s, _) = parse(Path::new("c.toml"), text);
        let (km, problems) = s.keymap(Path::new("c.toml"));
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(km.keys_of(crate::tui::app::Command::Up), ["j", "↑"]);
    }
}
