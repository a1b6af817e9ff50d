//! The settings file: `$XDG_CONFIG_HOME/dubang/config.toml` (else
//! `~/.config/dubang/config.toml`). Theme, language, default registry, ASCII mode
//! and key bindings. A broken file never stops dubang: it starts with the defaults
//! and says what is wrong and on which line.

use crate::lang::Lang;
use crate::report::Thresholds;
use crate::store::line_col;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

mod system;
pub use system::{FileFrom, layered, system_config_path};

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

/// The colour themes (the terminal UI draws them; the command line and the settings
/// file name them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ThemeName {
    /// Light text on the terminal's own dark background (the default).
    Dark,
    /// Dark text on white, for projectors in a lit room.
    Light,
    /// White and bright colours on black, bold, for far-away readers.
    HighContrast,
    /// No colour at all (also chosen by NO_COLOR): status by symbol and word.
    Mono,
}

impl ThemeName {
    pub const ALL: [ThemeName; 4] = [
        ThemeName::Dark,
        ThemeName::Light,
        ThemeName::HighContrast,
        ThemeName::Mono,
    ];

    pub fn key(self) -> &'static str {
        match self {
            ThemeName::Dark => "dark",
            ThemeName::Light => "light",
            ThemeName::HighContrast => "high-contrast",
            ThemeName::Mono => "mono",
        }
    }

    pub fn parse(s: &str) -> Option<ThemeName> {
        ThemeName::ALL.into_iter().find(|t| t.key() == s)
    }
}

/// One rebinding of the `[keys]` table (`context` None) or of a `[keys.CONTEXT]`
/// table; the key map (in the terminal UI) makes sense of the names.
#[derive(Debug, Clone, PartialEq)]
pub struct Binding {
    pub context: Option<String>,
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
    keys: BTreeMap<String, Entry>,
    #[serde(default)]
    problems: Thresholds,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Entry {
    Keys(Keys),
    Table(BTreeMap<String, Keys>),
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Keys {
    One(String),
    Many(Vec<String>),
}

/// Something in the settings file dubang cannot use: it says so, with the line,
/// and goes on with the defaults for that part. `Display` is English; the reader's
/// language is `words::settings_problem`'s.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub file: PathBuf,
    /// 1-based line (0: the file as a whole) and column, when known.
    pub line: usize,
    pub col: Option<usize>,
    pub kind: ProblemKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ProblemKind {
    /// The file exists but cannot be read (the system's words).
    Unreadable(String),
    /// The path names a FIFO, a device, a directory or a huge file: nothing is read,
    /// and the command stops (a hostile neighbour, not a typo).
    Refused(crate::store::files::Refusal),
    /// Not TOML, or an unknown setting or value (the TOML parser's words).
    Broken(String),
    /// `[keys.NAME]` that is no context.
    UnknownTable { table: String, tables: Vec<String> },
    /// An action the table does not have.
    UnknownAction { action: String, names: Vec<String> },
    /// A key name that does not parse (`Hyper-x`, ``).
    BadKey { spec: String, empty: bool },
    /// A key another action of the same table has; the action keeps its defaults.
    Conflict {
        action: String,
        keys: Vec<String>,
        key: String,
        other: String,
    },
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let file = self.file.display();
        match &self.kind {
            ProblemKind::Unreadable(e) => {
                write!(
                    f,
                    "{file}: cannot read the settings ({e}); using the defaults"
                )
            }
            ProblemKind::Refused(r) => write!(f, "{file}: settings {r}"),
            ProblemKind::Broken(what) => {
                write!(f, "{file}")?;
                if self.line > 0 {
                    write!(f, ":{}", self.line)?;
                }
                if let Some(c) = self.col {
                    write!(f, ":{c}")?;
                }
                write!(
                    f,
                    ": {what}; fix it (`dubang config --print-default` shows every setting) — using the defaults"
                )
            }
            ProblemKind::UnknownTable { table, tables } => write!(
                f,
                "{file}:{}: unknown table [keys.{table}]: use one of {}",
                self.line,
                tables.join(", ")
            ),
            ProblemKind::UnknownAction { action, names } => write!(
                f,
                "{file}:{}: unknown action '{action}': use one of {}",
                self.line,
                names.join(", ")
            ),
            ProblemKind::BadKey { spec, empty: true } => {
                write!(f, "{file}:{}: empty key in '{spec}'", self.line)
            }
            ProblemKind::BadKey { spec, empty: false } => write!(
                f,
                "{file}:{}: unknown key '{spec}': use a character, Enter, Esc, Tab, Space, Up, PgDn, F1, Ctrl-x…",
                self.line
            ),
            ProblemKind::Conflict {
                action,
                keys,
                key,
                other,
            } => write!(
                f,
                "{file}:{}: {action} = {keys:?}: key {key} is already bound to {other}; keeping the default keys of {action}",
                self.line
            ),
        }
    }
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
pub fn load(path: &Path) -> (Settings, Vec<Problem>) {
    use crate::store::files::{Refusal, SETTINGS_CAP, read_regular};
    let read = read_regular(path, SETTINGS_CAP).and_then(|b| {
        String::from_utf8(b).map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))
    });
    match read {
        Ok(text) => parse(path, &text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => (Settings::default(), Vec::new()),
        Err(ref e) if let Some(r) = Refusal::of(e) => (
            Settings::default(),
            vec![Problem {
                file: path.to_path_buf(),
                line: 0,
                col: None,
                kind: ProblemKind::Refused(r.clone()),
            }],
        ),
        Err(e) => (
            Settings::default(),
            vec![Problem {
                file: path.to_path_buf(),
                line: 0,
                col: None,
                kind: ProblemKind::Unreadable(e.to_string()),
            }],
        ),
    }
}

/// Parses settings text; `path` names it in messages.
pub fn parse(path: &Path, text: &str) -> (Settings, Vec<Problem>) {
    let raw: Raw = match toml::from_str(text) {
        Ok(r) => r,
        Err(e) => {
            let at = e.span().map(|s| line_col(text, s.start));
            let what = e.message().trim().replace('\n', " ");
            return (
                Settings::default(),
                vec![Problem {
                    file: path.to_path_buf(),
                    line: at.map_or(0, |a| a.0),
                    col: at.map(|a| a.1),
                    kind: ProblemKind::Broken(what),
                }],
            );
        }
    };
    let binding = |context: Option<String>, action: String, keys: Keys| Binding {
        line: line_of_key(text, context.as_deref(), &action),
        keys: match keys {
            Keys::One(k) => vec![k],
            Keys::Many(ks) => ks,
        },
        context,
        action,
    };
    let mut bindings = Vec::new();
    for (name, entry) in raw.keys {
        match entry {
            Entry::Keys(keys) => bindings.push(binding(None, name, keys)),
            Entry::Table(table) => bindings.extend(
                table
                    .into_iter()
                    .map(|(action, keys)| binding(Some(name.clone()), action, keys)),
            ),
        }
    }
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

/// The line of `name = …` in the `[keys]` table (`context` None) or in
/// `[keys.CONTEXT]` (also written `CONTEXT.name = …` inside `[keys]`); 0 when not found.
fn line_of_key(text: &str, context: Option<&str>, name: &str) -> usize {
    let unquote = |s: &str| s.trim().trim_matches('"').trim_matches('\'').to_string();
    let mut table: Vec<String> = Vec::new();
    let want: Vec<String> = ["keys"]
        .into_iter()
        .chain(context)
        .chain([name])
        .map(str::to_string)
        .collect();
    for (i, line) in text.lines().enumerate() {
        let t = line.trim();
        if t.starts_with('[') {
            table = t
                .trim_start_matches('[')
                .trim_end_matches(']')
                .split('.')
                .map(unquote)
                .collect();
            continue;
        }
        let Some((key, _)) = t.split_once('=') else {
            continue;
        };
        let mut path = table.clone();
        path.extend(key.split('.').map(unquote));
        if path == want {
            return i + 1;
        }
    }
    0
}

/// A commented settings file with every setting at its default; `keys` is the
/// commented key tables (the terminal UI's key map writes them).
pub fn default_text(keys: &str) -> String {
    String::from(
        "# dubang settings: ~/.config/dubang/config.toml (or $XDG_CONFIG_HOME/dubang/config.toml).\n\
         # Every line is optional; remove the # to change a setting.\n\n\
         # Colours: dark, light (projectors in a lit room), high-contrast, mono (no colour).\n\
         # NO_COLOR in the environment means mono unless --theme says otherwise.\n\
         # theme = \"dark\"\n\n\
         # Labels and messages: zh or en (default: from LC_ALL, LC_MESSAGES, LANG; when\n\
         # they name no language, as C.UTF-8 and POSIX do, the plan's language).\n\
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
         # red_overdue_days = 90\n\n",
    ) + keys
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_broken_file_names_its_line_and_falls_back() {
        let strings = |p: Vec<Problem>| p.iter().map(ToString::to_string).collect::<Vec<_>>();
        let (s, problems) = parse(Path::new("c.toml"), "theme = \"dark\"\nlang = \"fr\"\n");
        let problems = strings(problems);
        assert_eq!(s, Settings::default());
        assert!(problems[0].starts_with("c.toml:2:"), "{problems:?}");
        let (_, problems) = parse(Path::new("c.toml"), "theme = \"dark\nx");
        let problems = strings(problems);
        assert!(
            problems[0].starts_with("c.toml:") && problems[0].ends_with("using the defaults"),
            "{problems:?}"
        );
        let (_, problems) = parse(Path::new("c.toml"), "colour = 1\n");
        let problems = strings(problems);
        assert!(problems[0].contains("colour"), "{problems:?}");
    }
}
