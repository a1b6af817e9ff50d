//! Keys parsed, named, mapped per context, rebound from the settings file.

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
    assert_eq!(km.commands(key(KeyCode::Char('X'))), []);
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
    km.rebind(Command::Quit, &[parse_key("X").unwrap()])
        .unwrap();
    assert_eq!(km.commands(key(KeyCode::Char('X'))), [Command::Quit]);
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
    let text = "theme = \"light\"\n[keys]\nquit = \"X\"\nhelp = [\"j\"]\nfly = \"z\"\nnote = \"Hyper-n\"\n";
    let (s, problems) = crate::settings::parse(Path::new("c.toml"), text);
    assert!(problems.is_empty());
    let (km, problems) = KeyMap::from_bindings(&s.bindings, Path::new("c.toml"));
    let problems: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert_eq!(km.keys_of(crate::tui::app::Command::Quit), ["X"]);
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
    let (km, problems) = KeyMap::from_bindings(&s.bindings, Path::new("c.toml"));
    (km, problems.iter().map(ToString::to_string).collect())
}

#[test]
fn rebinding_quit_and_down_reaches_every_context() {
    let (km, problems) = bindings(
        "[keys]\nquit = \"X\"\ndown = [\"J\", \"Down\"]\n[keys.picker]\nconfirm = \"y\"\n",
    );
    assert!(problems.is_empty(), "{problems:?}");
    let press = |c: char| key(KeyCode::Char(c));
    // Presentation: x leaves, q no longer does; J pages on, j no longer does.
    assert_eq!(
        km.lookup(Context::Present, press('X')),
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
        km.lookup(Context::Picker, press('X')),
        Some(Command::Cancel)
    );
    // The help closes with x and scrolls with J.
    assert_eq!(km.lookup(Context::Help, press('X')), Some(Command::Cancel));
    assert_eq!(km.lookup(Context::Help, press('J')), Some(Command::Down));
    // Help and hints read these.
    assert_eq!(km.first(Context::Picker, Command::Confirm), "y");
    assert_eq!(
        km.keys_in(Context::Present, Command::Cancel),
        ["Esc", "X", "P"]
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
    let problems: Vec<String> = problems.iter().map(ToString::to_string).collect();
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

#[test]
fn the_quit_dialog_keys_follow_the_main_screen_and_can_be_rebound() {
    use crate::tui::app::Command as C;
    let text = "[keys]\nretry = \"R\"\n[keys.quit_dialog]\ndiscard = \"X\"\n";
    let (s, problems) = crate::settings::parse(Path::new("c.toml"), text);
    assert!(problems.is_empty());
    let (km, problems) = KeyMap::from_bindings(&s.bindings, Path::new("c.toml"));
    assert!(problems.is_empty(), "{problems:?}");
    let press = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    // Retry and write-to take the main screen's keys as bound; discard its own.
    assert_eq!(km.lookup(Context::Quit, press('R')), Some(C::Retry));
    assert_eq!(km.lookup(Context::Quit, press('w')), Some(C::WriteAs));
    assert_eq!(km.lookup(Context::Quit, press('X')), Some(C::Discard));
    assert_eq!(km.lookup(Context::Quit, press('d')), None);
    // q (the main screen's quit) goes back rather than quitting from the dialog.
    assert_eq!(km.lookup(Context::Quit, press('q')), Some(C::Cancel));
    assert!(default_bindings_text().contains("[keys.quit_dialog]"));
}
