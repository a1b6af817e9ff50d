//! Keys → commands, through a key map that any action can be rebound in. Over SSH
//! and tmux, Esc followed quickly by a key arrives as Alt+key: that is read as
//! Back, then the key.

use super::app::{Command, Tab};
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use std::collections::HashMap;

/// A key as the map stores it: Shift is folded into the character ('G', not
/// Shift+g), so a binding matches whatever the terminal reports.
pub type Key = (KeyCode, KeyModifiers);

fn normalize(code: KeyCode, mods: KeyModifiers) -> Key {
    let mods = match code {
        KeyCode::Char(_) | KeyCode::BackTab => mods - KeyModifiers::SHIFT,
        _ => mods,
    };
    (
        code,
        mods & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT),
    )
}

/// Parses a key as written in the settings file and shown in help: `q`, `G`, `?`,
/// `Enter`, `Esc`, `Tab`, `Shift-Tab`, `Backspace`, `Space`, `Up`, `Down`, `Left`,
/// `Right`, `PgUp`, `PgDn`, `Home`, `End`, `F1`…`F12`, `Ctrl-c`, `Alt-x`.
pub fn parse_key(spec: &str) -> Result<Key, String> {
    let mut mods = KeyModifiers::NONE;
    let mut rest = spec.trim();
    loop {
        let lower = rest.to_ascii_lowercase();
        if let Some(r) = ["ctrl-", "c-", "ctrl+"]
            .iter()
            .find_map(|p| lower.strip_prefix(p).map(|_| &rest[p.len()..]))
        {
            mods |= KeyModifiers::CONTROL;
            rest = r;
        } else if let Some(r) = ["alt-", "m-", "alt+"]
            .iter()
            .find_map(|p| lower.strip_prefix(p).map(|_| &rest[p.len()..]))
        {
            mods |= KeyModifiers::ALT;
            rest = r;
        } else if let Some(r) = ["shift-", "s-", "shift+"]
            .iter()
            .find_map(|p| lower.strip_prefix(p).map(|_| &rest[p.len()..]))
        {
            mods |= KeyModifiers::SHIFT;
            rest = r;
        } else {
            break;
        }
    }
    let mut chars = rest.chars();
    let code = match (chars.next(), chars.next()) {
        (Some(c), None) => KeyCode::Char(c),
        (None, _) => return Err(format!("empty key in '{spec}'")),
        _ => match rest.to_ascii_lowercase().as_str() {
            "enter" | "return" => KeyCode::Enter,
            "esc" | "escape" => KeyCode::Esc,
            "tab" if mods.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
            "tab" => KeyCode::Tab,
            "backtab" => KeyCode::BackTab,
            "backspace" | "bs" => KeyCode::Backspace,
            "space" => KeyCode::Char(' '),
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "pgup" | "pageup" => KeyCode::PageUp,
            "pgdn" | "pagedown" | "pgdown" => KeyCode::PageDown,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "delete" | "del" => KeyCode::Delete,
            "insert" | "ins" => KeyCode::Insert,
            f if f.starts_with('f')
                && f[1..].parse::<u8>().is_ok_and(|n| (1..=12).contains(&n)) =>
            {
                KeyCode::F(f[1..].parse().unwrap_or(1))
            }
            _ => {
                return Err(format!(
                    "unknown key '{spec}': use a character, Enter, Esc, Tab, Space, Up, PgDn, F1, Ctrl-x…"
                ));
            }
        },
    };
    Ok(normalize(code, mods))
}

/// How a key is written in help (the same spelling [`parse_key`] reads).
pub fn key_name((code, mods): Key) -> String {
    let mut s = String::new();
    if mods.contains(KeyModifiers::CONTROL) {
        s.push_str("Ctrl-");
    }
    if mods.contains(KeyModifiers::ALT) {
        s.push_str("Alt-");
    }
    if mods.contains(KeyModifiers::SHIFT) {
        s.push_str("Shift-");
    }
    match code {
        KeyCode::Char(' ') => s.push_str("Space"),
        KeyCode::Char(c) => s.push(c),
        KeyCode::Enter => s.push_str("Enter"),
        KeyCode::Esc => s.push_str("Esc"),
        KeyCode::Tab => s.push_str("Tab"),
        KeyCode::BackTab => s.push_str("Shift-Tab"),
        KeyCode::Backspace => s.push_str("Backspace"),
        KeyCode::Up => s.push('↑'),
        KeyCode::Down => s.push('↓'),
        KeyCode::Left => s.push('←'),
        KeyCode::Right => s.push('→'),
        KeyCode::PageUp => s.push_str("PgUp"),
        KeyCode::PageDown => s.push_str("PgDn"),
        KeyCode::Home => s.push_str("Home"),
        KeyCode::End => s.push_str("End"),
        KeyCode::Delete => s.push_str("Delete"),
        KeyCode::Insert => s.push_str("Insert"),
        KeyCode::F(n) => s.push_str(&format!("F{n}")),
        other => s.push_str(&format!("{other:?}")),
    }
    s
}

/// Every bindable action: its name in the settings file, default keys, and what
/// help says of it (Chinese, English).
pub struct ActionInfo {
    pub command: Command,
    pub name: &'static str,
    pub keys: &'static [&'static str],
    pub zh: &'static str,
    pub en: &'static str,
}

const fn a(
    command: Command,
    name: &'static str,
    keys: &'static [&'static str],
    zh: &'static str,
    en: &'static str,
) -> ActionInfo {
    ActionInfo {
        command,
        name,
        keys,
        zh,
        en,
    }
}

#[rustfmt::skip]
pub const ACTIONS: &[ActionInfo] = &[
    a(
        Command::Open,
        "open",
        &["Enter"],
        "打开所选项 / 跳转到所选链接",
        "open the selection / follow the selected link",
    ),
    a(
        Command::Back,
        "back",
        &["Esc", "Backspace", "Ctrl-o"],
        "返回",
        "go back",
    ),
    a(
        Command::Up,
        "up",
        &["Up", "k"],
        "上移(详情中:上一个链接)",
        "move up (in a detail: previous link)",
    ),
    a(
        Command::Down,
        "down",
        &["Down", "j"],
        "下移(详情中:下一个链接)",
        "move down (in a detail: next link)",
    ),
    a(
        Command::PageUp,
        "page_up",
        &["PgUp", "Ctrl-b", "Ctrl-u"],
        "上翻页 / 向上滚动全文",
        "page up / scroll the text up",
    ),
    a(
        Command::PageDown,
        "page_down",
        &["PgDn", "Space", "Ctrl-d"],
        "下翻页 / 向下滚动全文",
        "page down / scroll the text down",
    ),
    a(Command::Top, "top", &["g", "Home"], "到开头", "first"),
    a(Command::Bottom, "bottom", &["G", "End"], "到结尾", "last"),
    a(
        Command::NextTab,
        "next_tab",
        &["Right", "l", "Tab"],
        "下一个标签页",
        "next tab",
    ),
    a(
        Command::PrevTab,
        "prev_tab",
        &["Left", "h", "Shift-Tab"],
        "上一个标签页",
        "previous tab",
    ),
    a(
        Command::GoTab(Tab::Overview),
        "tab_overview",
        &["1"],
        "概览",
        "Overview tab",
    ),
    a(
        Command::GoTab(Tab::Sections),
        "tab_sections",
        &["2"],
        "章节",
        "Sections tab",
    ),
    a(
        Command::GoTab(Tab::Units),
        "tab_units",
        &["3"],
        "单位",
        "Units tab",
    ),
    a(
        Command::GoTab(Tab::Towns),
        "tab_towns",
        &["4"],
        "镇区",
        "Towns tab",
    ),
    a(
        Command::GoTab(Tab::Goals),
        "tab_goals",
        &["5"],
        "目标",
        "Goals tab",
    ),
    a(Command::Filter, "filter", &["/"], "筛选当前列表(中文、拼音、首字母)", "filter this list (Chinese, pinyin, initials)"),
    a(Command::Search, "search", &[":", "Ctrl-f"], "搜索全部并跳转", "search everything and jump"),
    a(Command::StatusFilter, "filter_status", &["f"], "按状态筛选(循环)", "filter by status (cycles)"),
    a(Command::PastDue, "filter_past_due", &["!"], "只看已逾期", "past due only"),
    a(Command::Stale, "filter_stale", &["t"], "只看 30 天未更新", "not updated for 30 days only"),
    a(Command::Mine, "filter_mine", &["m"], "只看我改过的", "edited by me only"),
    a(Command::Sort, "sort", &["o"], "任务排序:编号/状态/截止/更新", "sort tasks: number/status/due/updated"),
    a(
        Command::Status,
        "status",
        &["s"],
        "修改状态(选择器:1-5 或 n p d l b)",
        "change the status (picker: 1-5 or n p d l b)",
    ),
    a(
        Command::StatusNext,
        "status_next",
        &["]"],
        "状态改为下一个",
        "next status, at once",
    ),
    a(
        Command::StatusPrev,
        "status_prev",
        &["["],
        "状态改为上一个",
        "previous status, at once",
    ),
    a(
        Command::Note,
        "note",
        &["n"],
        "添加进展备注",
        "add a progress note",
    ),
    a(
        Command::Progress,
        "progress",
        &["p"],
        "设置进度 0-100%",
        "set progress 0-100 %",
    ),
    a(
        Command::Due,
        "due",
        &["d"],
        "设置或清除截止日期",
        "set or clear the due date",
    ),
    a(
        Command::Undo,
        "undo",
        &["u"],
        "撤销本次最后一次修改",
        "undo this session's last edit",
    ),
    a(
        Command::Retry,
        "retry",
        &["r"],
        "重试保存失败的修改",
        "retry a failed save",
    ),
    a(
        Command::WriteAs,
        "write_as",
        &["w"],
        "另存到其他路径",
        "write to another path",
    ),
    a(
        Command::Present,
        "present",
        &["P"],
        "演示模式(只读,←→ 翻页,Esc 退出)",
        "presentation mode (read-only; ←→ pages, Esc leaves)",
    ),
    a(Command::Help, "help", &["?", "F1"], "帮助", "this help"),
    a(Command::Quit, "quit", &["q", "Ctrl-c"], "退出", "quit"),
];

/// The keys in force: the defaults, with the user's rebindings applied.
#[derive(Debug, Clone)]
pub struct KeyMap {
    map: HashMap<Key, Command>,
    by_command: Vec<(Command, Vec<Key>)>,
}

impl Default for KeyMap {
    fn default() -> Self {
        let mut km = KeyMap {
            map: HashMap::new(),
            by_command: Vec::new(),
        };
        for info in ACTIONS {
            let keys: Vec<Key> = info
                .keys
                .iter()
                .map(|k| parse_key(k).expect("default keys parse"))
                .collect();
            for k in &keys {
                km.map.insert(*k, info.command);
            }
            km.by_command.push((info.command, keys));
        }
        km
    }
}

impl KeyMap {
    /// Binds `command` to exactly `keys` (replacing its defaults). A key another
    /// action already has is a conflict: the error names that action.
    pub fn rebind(&mut self, command: Command, keys: &[Key]) -> Result<(), String> {
        for k in keys {
            if let Some(&other) = self.map.get(k)
                && other != command
            {
                return Err(format!(
                    "key {} is already bound to {}",
                    key_name(*k),
                    ACTIONS
                        .iter()
                        .find(|a| a.command == other)
                        .map_or("?", |a| a.name)
                ));
            }
        }
        if let Some(entry) = self.by_command.iter_mut().find(|(c, _)| *c == command) {
            for old in entry.1.drain(..) {
                self.map.remove(&old);
            }
            entry.1 = keys.to_vec();
        } else {
            self.by_command.push((command, keys.to_vec()));
        }
        for k in keys {
            self.map.insert(*k, command);
        }
        Ok(())
    }

    /// The keys of a command, as help shows them.
    pub fn keys_of(&self, command: Command) -> Vec<String> {
        self.by_command
            .iter()
            .find(|(c, _)| *c == command)
            .map(|(_, ks)| ks.iter().map(|k| key_name(*k)).collect())
            .unwrap_or_default()
    }

    /// The commands one key press means (usually one; two for Esc+key seen as
    /// Alt+key).
    pub fn commands(&self, key: KeyEvent) -> Vec<Command> {
        if key.kind != KeyEventKind::Press {
            return Vec::new();
        }
        let k = normalize(key.code, key.modifiers);
        if let Some(&c) = self.map.get(&k) {
            return vec![c];
        }
        if k.1.contains(KeyModifiers::ALT) {
            let plain = KeyEvent::new(key.code, key.modifiers - KeyModifiers::ALT);
            let rest = self.commands(plain);
            if !rest.is_empty() {
                let mut out = vec![Command::Back];
                out.extend(rest);
                return out;
            }
        }
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
