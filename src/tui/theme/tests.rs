//! The themes' promises, checked on RGB values: every text colour readable on its
//! background (WCAG AA, 4.5:1), the statuses told apart, done green-ish, the
//! selection visible without colour, and the symbols unambiguous.
//!
//! RGB of the 16 named colours: xterm's defaults (the dark and high-contrast themes
//! name them; a terminal theme may shade them otherwise). The dark theme is assumed
//! on a dark terminal whose default colours are xterm's black background and its
//! colour 7 (229,229,229) as text. Indexed colours 16–255 are xterm's fixed cube and
//! grey ramp.

use super::*;

fn xterm16(i: u8) -> (u8, u8, u8) {
    [
        (0, 0, 0),
        (205, 0, 0),
        (0, 205, 0),
        (205, 205, 0),
        (0, 0, 238),
        (205, 0, 205),
        (0, 205, 205),
        (229, 229, 229),
        (127, 127, 127),
        (255, 0, 0),
        (0, 255, 0),
        (255, 255, 0),
        (92, 92, 255),
        (255, 0, 255),
        (0, 255, 255),
        (255, 255, 255),
    ][i as usize]
}

fn indexed(i: u8) -> (u8, u8, u8) {
    match i {
        0..=15 => xterm16(i),
        16..=231 => {
            let level = |v: u8| if v == 0 { 0 } else { 55 + 40 * v };
            let v = i - 16;
            (level(v / 36), level(v / 6 % 6), level(v % 6))
        }
        _ => {
            let g = 8 + 10 * (i - 232);
            (g, g, g)
        }
    }
}

/// RGB of a colour; `None` and `Reset` are the terminal's default (`default`).
fn rgb(c: Option<Color>, default: (u8, u8, u8)) -> (u8, u8, u8) {
    match c {
        None | Some(Color::Reset) => default,
        Some(Color::Black) => xterm16(0),
        Some(Color::Red) => xterm16(1),
        Some(Color::Green) => xterm16(2),
        Some(Color::Yellow) => xterm16(3),
        Some(Color::Blue) => xterm16(4),
        Some(Color::Magenta) => xterm16(5),
        Some(Color::Cyan) => xterm16(6),
        Some(Color::Gray) => xterm16(7),
        Some(Color::DarkGray) => xterm16(8),
        Some(Color::LightRed) => xterm16(9),
        Some(Color::LightGreen) => xterm16(10),
        Some(Color::LightYellow) => xterm16(11),
        Some(Color::LightBlue) => xterm16(12),
        Some(Color::LightMagenta) => xterm16(13),
        Some(Color::LightCyan) => xterm16(14),
        Some(Color::White) => xterm16(15),
        Some(Color::Indexed(i)) => indexed(i),
        Some(Color::Rgb(r, g, b)) => (r, g, b),
    }
}

/// WCAG 2 relative luminance.
fn luminance((r, g, b): (u8, u8, u8)) -> f64 {
    let lin = |v: u8| {
        let c = f64::from(v) / 255.0;
        if c <= 0.03928 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
}

fn contrast(a: (u8, u8, u8), b: (u8, u8, u8)) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// The terminal's default (text, background) a theme is made for.
fn defaults(t: &Theme) -> ((u8, u8, u8), (u8, u8, u8)) {
    match t.name {
        ThemeName::Light => (indexed(16), indexed(231)),
        _ => (xterm16(7), xterm16(0)),
    }
}

/// (name, style) of everything a theme draws text with.
fn text_styles(t: &Theme) -> Vec<(String, Style)> {
    let mut v = vec![
        ("screen".to_string(), t.screen),
        ("base".into(), t.base),
        ("dim".into(), t.dim),
        ("title".into(), t.title),
        ("accent".into(), t.accent),
        ("selected".into(), t.selected),
        ("selected_idle".into(), t.selected_idle),
        ("border".into(), t.border),
        ("border_focus".into(), t.border_focus),
        ("warn".into(), t.warn),
        ("tab_active".into(), t.tab_active),
        ("highlight".into(), t.highlight),
    ];
    for s in Status::ALL {
        v.push((format!("status {s:?}"), t.status(s)));
    }
    v
}

/// Foreground and background of a style as drawn on the theme's screen.
fn colours(t: &Theme, s: Style) -> ((u8, u8, u8), (u8, u8, u8)) {
    let (text, back) = defaults(t);
    let back = rgb(s.bg.or(t.screen.bg), back);
    let text = rgb(s.fg.or(t.screen.fg), text);
    if s.add_modifier.contains(Modifier::REVERSED) {
        (back, text)
    } else {
        (text, back)
    }
}

#[test]
fn every_text_colour_is_readable_on_its_background() {
    for t in [
        Theme::dark(),
        Theme::light(),
        Theme::high_contrast(),
        Theme::mono(),
    ] {
        for (name, s) in text_styles(&t) {
            let (fg, bg) = colours(&t, s);
            let c = contrast(fg, bg);
            assert!(
                c >= 4.5,
                "{:?} {name}: {fg:?} on {bg:?} is {c:.2}:1",
                t.name
            );
        }
        // The selected row patches every span's style with `selected`: a status
        // colour that survives the patch must still read on the selection.
        for s in Status::ALL {
            let patched = t.status(s).patch(t.selected);
            let (fg, bg) = colours(&t, patched);
            let c = contrast(fg, bg);
            assert!(c >= 4.5, "{:?} selected {s:?}: {c:.2}:1", t.name);
        }
    }
}

#[test]
fn light_text_on_white_is_not_grey_and_statuses_differ() {
    // The projector complaint: 已完成 and 推进中 one blue, numbers and 未启动 grey.
    let t = Theme::light();
    let white = indexed(231);
    for s in [t.dim, t.status(Status::NotStarted)] {
        assert!(contrast(colours(&t, s).0, white) >= 4.5);
    }
    assert_ne!(t.status(Status::Done).fg, t.status(Status::InProgress).fg);
}

#[test]
fn statuses_are_distinct_and_done_is_green_ish() {
    for t in [Theme::dark(), Theme::light(), Theme::high_contrast()] {
        let fgs: Vec<_> = Status::ALL.iter().map(|&s| t.status(s).fg).collect();
        for (i, a) in fgs.iter().enumerate() {
            for b in &fgs[i + 1..] {
                assert_ne!(a, b, "{:?}: two statuses share {a:?}", t.name);
            }
        }
        let (r, g, b) = colours(&t, t.status(Status::Done)).0;
        assert!(g > r && g > b, "{:?}: done is {:?}", t.name, (r, g, b));
    }
}

#[test]
fn done_and_delayed_differ_in_brightness_not_only_hue() {
    // Red-green colour blindness: green done and amber delayed must not rest on
    // hue alone.
    for t in [Theme::dark(), Theme::light(), Theme::high_contrast()] {
        let d = luminance(colours(&t, t.status(Status::Done)).0);
        let l = luminance(colours(&t, t.status(Status::Delayed)).0);
        let ratio = (d.max(l) + 0.05) / (d.min(l) + 0.05);
        assert!(ratio >= 1.5, "{:?}: done/delayed {ratio:.2}", t.name);
    }
}

#[test]
fn selection_and_active_tab_show_without_colour() {
    let visible = Modifier::REVERSED | Modifier::UNDERLINED | Modifier::BOLD;
    for t in [
        Theme::dark(),
        Theme::light(),
        Theme::high_contrast(),
        Theme::mono(),
    ] {
        for (name, s) in [
            ("selected", t.selected),
            ("selected_idle", t.selected_idle),
            ("tab_active", t.tab_active),
        ] {
            assert!(
                s.add_modifier.intersects(visible),
                "{:?} {name} is colour only",
                t.name
            );
        }
    }
    // Mono has nothing but modifiers: the selection is reversed.
    assert!(
        Theme::mono()
            .selected
            .add_modifier
            .contains(Modifier::REVERSED)
    );
    assert!(
        Theme::mono()
            .tab_active
            .add_modifier
            .contains(Modifier::REVERSED)
    );
}

#[test]
fn status_symbols_are_unique_and_not_markers_or_bullets() {
    let symbols: Vec<char> = Status::ALL.iter().map(|&s| symbol(s)).collect();
    for (i, a) in symbols.iter().enumerate() {
        assert!(!symbols[i + 1..].contains(a), "{a} twice");
        // ▸/> mark the selection, - and · are bullets.
        assert!(
            !['▸', '>', '-', '·', '•', '*'].contains(a),
            "{a} is a marker"
        );
        assert_eq!(crate::text::width(&a.to_string()), 1);
        assert_eq!(crate::text::ascii_stand_in(*a), None, "{a} is ambiguous");
    }
}

#[test]
fn no_color_means_mono_unless_a_theme_is_asked_for() {
    assert_eq!(
        Theme::pick(None, Some(ThemeName::Light), true).name,
        ThemeName::Mono
    );
    assert_eq!(
        Theme::pick(Some(ThemeName::Light), None, true).name,
        ThemeName::Light
    );
    assert_eq!(
        Theme::pick(None, Some(ThemeName::Light), false).name,
        ThemeName::Light
    );
    assert_eq!(Theme::pick(None, None, false).name, ThemeName::Dark);
}

#[test]
fn mono_has_no_colour_anywhere() {
    let t = Theme::mono();
    for (name, s) in text_styles(&t) {
        assert_eq!((s.fg, s.bg), (None, None), "{name}");
    }
}
