//! Keys as the settings file and help write them: `q`, `G`, `Enter`, `Ctrl-c`, `F1`.

use crossterm::event::{KeyCode, KeyModifiers};

/// A key as the map stores it: Shift is folded into the character ('G', not
/// Shift+g), so a binding matches whatever the terminal reports.
pub type Key = (KeyCode, KeyModifiers);

pub(crate) fn normalize(code: KeyCode, mods: KeyModifiers) -> Key {
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
