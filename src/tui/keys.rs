//! Keys → commands. Over SSH and tmux, Esc followed quickly by a key arrives as
//! Alt+key: that is read as Back, then the key.

use super::app::{Command, Tab};
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

/// The commands one key press means (usually one; two for Esc+key seen as Alt+key).
pub fn commands(key: KeyEvent) -> Vec<Command> {
    if key.kind != KeyEventKind::Press {
        return Vec::new();
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if ctrl {
        return match key.code {
            KeyCode::Char('c') | KeyCode::Char('q') => vec![Command::Quit],
            KeyCode::Char('o') => vec![Command::Back],
            KeyCode::Char('f') => vec![Command::PageDown],
            KeyCode::Char('b') => vec![Command::PageUp],
            KeyCode::Char('d') => vec![Command::PageDown],
            KeyCode::Char('u') => vec![Command::PageUp],
            _ => Vec::new(),
        };
    }
    if key.modifiers.contains(KeyModifiers::ALT) {
        let plain = KeyEvent::new(key.code, key.modifiers - KeyModifiers::ALT);
        let mut out = vec![Command::Back];
        out.extend(commands(plain));
        return out;
    }
    let cmd = match key.code {
        KeyCode::Char('q') => Command::Quit,
        KeyCode::Char('?') | KeyCode::F(1) => Command::Help,
        KeyCode::Right | KeyCode::Char('l') | KeyCode::Tab => Command::NextTab,
        KeyCode::Left | KeyCode::Char('h') | KeyCode::BackTab => Command::PrevTab,
        KeyCode::Char(c @ '1'..='5') => Command::GoTab(Tab::ALL[c as usize - '1' as usize]),
        KeyCode::Up | KeyCode::Char('k') => Command::Up,
        KeyCode::Down | KeyCode::Char('j') => Command::Down,
        KeyCode::PageUp => Command::PageUp,
        KeyCode::PageDown | KeyCode::Char(' ') => Command::PageDown,
        KeyCode::Home | KeyCode::Char('g') => Command::Top,
        KeyCode::End | KeyCode::Char('G') => Command::Bottom,
        KeyCode::Enter => Command::Open,
        KeyCode::Esc | KeyCode::Backspace => Command::Back,
        _ => return Vec::new(),
    };
    vec![cmd]
}

/// One line of help: keys and what they do, in both languages.
pub struct HelpEntry {
    pub keys: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
}

const fn h(keys: &'static str, zh: &'static str, en: &'static str) -> HelpEntry {
    HelpEntry { keys, zh, en }
}

/// Keys that work everywhere.
pub const GLOBAL: &[HelpEntry] = &[
    h(
        "←/→  h/l  Tab/Shift-Tab",
        "切换标签页",
        "previous / next tab",
    ),
    h("1-5", "直接打开第 N 个标签页", "go straight to tab N"),
    h("↑/↓  j/k", "上下移动", "move up / down"),
    h("PgUp/PgDn  Space", "翻页", "page up / down"),
    h("g/G  Home/End", "到开头 / 结尾", "first / last"),
    h("Esc  Backspace  Ctrl-O", "返回", "go back"),
    h("?  F1", "帮助", "this help"),
    h("q  Ctrl-C", "退出", "quit"),
];

/// Keys of a list screen.
pub const LISTS: &[HelpEntry] = &[h(
    "Enter",
    "打开所选项的任务 / 任务详情",
    "open the selection's tasks / the task",
)];

/// Keys of a task's detail.
pub const DETAIL: &[HelpEntry] = &[
    h(
        "↑/↓  j/k",
        "选择链接(单位、镇区、章节、目标)",
        "select a link (unit, town, section, goal)",
    ),
    h("Enter", "跳转到所选链接", "jump to the selected link"),
    h("PgUp/PgDn  g/G", "滚动全文", "scroll the text"),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn maps_keys() {
        assert_eq!(
            commands(key(KeyCode::Char('3'))),
            [Command::GoTab(Tab::Units)]
        );
        assert_eq!(commands(key(KeyCode::Char('j'))), [Command::Down]);
        assert_eq!(
            commands(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)),
            [Command::Quit]
        );
        assert_eq!(commands(key(KeyCode::Char('x'))), []);
    }

    #[test]
    fn alt_key_is_esc_then_key() {
        let k = KeyEvent::new(KeyCode::Char('j'), KeyModifiers::ALT);
        assert_eq!(commands(k), [Command::Back, Command::Down]);
    }

    #[test]
    fn releases_are_ignored() {
        let mut k = key(KeyCode::Char('q'));
        k.kind = KeyEventKind::Release;
        assert!(commands(k).is_empty());
    }
}
