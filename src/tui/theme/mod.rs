//! Colours and symbols. Status is always shown by symbol and word as well as by
//! colour; done is green-ish in every theme and differs from delayed in brightness
//! as well as hue, so people with red-green colour blindness tell them apart.
//! Dark and high-contrast use the 16 standard colours (shown in the terminal's own
//! shades); light, made for projectors, uses fixed entries of the 256-colour cube,
//! whose RGB values are the same in every terminal, so its contrast on white can be
//! checked (tests.rs: WCAG AA, 4.5:1 for every text colour).
//!
//! A selected row is drawn by patching every cell with `selected` (see
//! `view::select`), so each selection style sets its own background or a reverse
//! modifier and a modifier that shows without colour.

use crate::registry::Status;
use ratatui::style::{Color, Modifier, Style};

pub use crate::settings::ThemeName;

#[derive(Debug, Clone)]
pub struct Theme {
    pub name: ThemeName,
    /// Applied to the whole screen first (the light theme paints its background).
    pub screen: Style,
    pub base: Style,
    pub dim: Style,
    pub title: Style,
    pub accent: Style,
    pub selected: Style,
    /// Selection in a list that does not have the keyboard.
    pub selected_idle: Style,
    pub border: Style,
    pub border_focus: Style,
    pub warn: Style,
    pub tab_active: Style,
    /// Search matches inside names and titles.
    pub highlight: Style,
    status: [Style; 5],
}

fn fg(c: Color) -> Style {
    Style::default().fg(c)
}

impl Theme {
    /// The theme to use: `NO_COLOR` (any non-empty value, see no-color.org) wins
    /// over everything but an explicit `--theme`.
    pub fn pick(
        explicit: Option<ThemeName>,
        configured: Option<ThemeName>,
        no_color: bool,
    ) -> Theme {
        let name = match (explicit, no_color) {
            (Some(n), _) => n,
            (None, true) => ThemeName::Mono,
            (None, false) => configured.unwrap_or(ThemeName::Dark),
        };
        Theme::named(name)
    }

    pub fn named(name: ThemeName) -> Theme {
        match name {
            ThemeName::Dark => Theme::dark(),
            ThemeName::Light => Theme::light(),
            ThemeName::HighContrast => Theme::high_contrast(),
            ThemeName::Mono => Theme::mono(),
        }
    }

    pub fn dark() -> Theme {
        let bold = Modifier::BOLD;
        Theme {
            name: ThemeName::Dark,
            screen: Style::default(),
            base: Style::default(),
            dim: fg(Color::Gray),
            title: Style::default().add_modifier(bold),
            accent: fg(Color::Cyan),
            selected: Style::default().add_modifier(Modifier::REVERSED | bold),
            selected_idle: Style::default().add_modifier(Modifier::UNDERLINED),
            border: fg(Color::DarkGray),
            border_focus: fg(Color::Cyan),
            warn: fg(Color::LightRed).add_modifier(bold),
            tab_active: Style::default()
                .fg(Color::Black)
                .bg(Color::Cyan)
                .add_modifier(bold),
            highlight: fg(Color::Yellow).add_modifier(bold | Modifier::UNDERLINED),
            status: [
                fg(Color::Gray),
                fg(Color::Cyan),
                fg(Color::Green).add_modifier(bold),
                fg(Color::LightYellow).add_modifier(bold),
                fg(Color::LightMagenta).add_modifier(bold),
            ],
        }
    }

    /// For projectors: dark text on white. Every colour is a fixed 256-colour
    /// entry (see [`light`]) with a contrast of at least 4.5:1 on the white.
    pub fn light() -> Theme {
        let bold = Modifier::BOLD;
        let on_white = |c: Color| Style::default().fg(c).bg(light::WHITE);
        let selected = Style::default()
            .fg(light::WHITE)
            .bg(light::BLUE)
            .add_modifier(bold);
        Theme {
            name: ThemeName::Light,
            screen: on_white(light::BLACK),
            base: on_white(light::BLACK),
            dim: on_white(light::GREY),
            title: on_white(light::BLACK).add_modifier(bold),
            accent: on_white(light::BLUE),
            selected,
            // Underline only: the row keeps its white and its colours, which are
            // readable on white.
            selected_idle: Style::default().add_modifier(Modifier::UNDERLINED),
            border: on_white(light::BORDER),
            border_focus: on_white(light::BLUE),
            warn: on_white(light::RED).add_modifier(bold),
            tab_active: selected,
            highlight: on_white(light::PURPLE).add_modifier(bold | Modifier::UNDERLINED),
            status: [
                on_white(light::GREY),
                on_white(light::BLUE),
                on_white(light::GREEN).add_modifier(bold),
                on_white(light::ORANGE).add_modifier(bold),
                on_white(light::CRIMSON).add_modifier(bold),
            ],
        }
    }

    pub fn high_contrast() -> Theme {
        let bold = Modifier::BOLD;
        let on_black = |c: Color| Style::default().fg(c).bg(Color::Black).add_modifier(bold);
        Theme {
            name: ThemeName::HighContrast,
            screen: on_black(Color::White),
            base: on_black(Color::White),
            dim: on_black(Color::White).remove_modifier(bold),
            title: on_black(Color::LightYellow),
            accent: on_black(Color::LightCyan),
            selected: Style::default()
                .fg(Color::Black)
                .bg(Color::LightYellow)
                .add_modifier(bold),
            selected_idle: Style::default().add_modifier(Modifier::UNDERLINED),
            border: on_black(Color::White),
            border_focus: on_black(Color::LightYellow),
            warn: on_black(Color::LightRed),
            tab_active: Style::default()
                .fg(Color::Black)
                .bg(Color::LightYellow)
                .add_modifier(bold),
            highlight: on_black(Color::LightYellow).add_modifier(Modifier::UNDERLINED),
            status: [
                on_black(Color::White),
                on_black(Color::LightCyan),
                on_black(Color::Green),
                on_black(Color::LightYellow),
                on_black(Color::LightMagenta),
            ],
        }
    }

    /// No colour: only bold, underline and reverse (and the selection marker, which
    /// needs none of them).
    pub fn mono() -> Theme {
        let bold = Style::default().add_modifier(Modifier::BOLD);
        Theme {
            name: ThemeName::Mono,
            screen: Style::default(),
            base: Style::default(),
            dim: Style::default(),
            title: bold,
            accent: Style::default(),
            selected: Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            selected_idle: Style::default().add_modifier(Modifier::UNDERLINED),
            border: Style::default(),
            border_focus: bold,
            warn: bold,
            tab_active: Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            highlight: Style::default().add_modifier(Modifier::UNDERLINED | Modifier::BOLD),
            status: [
                Style::default(),
                Style::default(),
                bold,
                bold,
                bold.add_modifier(Modifier::UNDERLINED),
            ],
        }
    }

    pub fn status(&self, s: Status) -> Style {
        self.status[s.index()]
    }
}

/// The 256-colour entries of the light theme (xterm's cube and grey ramp, the same
/// RGB in every terminal that has 256 colours).
pub mod light {
    use ratatui::style::Color;
    /// 255,255,255
    pub const WHITE: Color = Color::Indexed(231);
    /// 0,0,0
    pub const BLACK: Color = Color::Indexed(16);
    /// 68,68,68: numbers, 未启动, secondary text.
    pub const GREY: Color = Color::Indexed(238);
    /// 108,108,108: borders.
    pub const BORDER: Color = Color::Indexed(242);
    /// 0,95,175: 推进中, accents, the selection's background.
    pub const BLUE: Color = Color::Indexed(25);
    /// 0,95,0: 已完成.
    pub const GREEN: Color = Color::Indexed(22);
    /// 175,95,0: 滞后.
    pub const ORANGE: Color = Color::Indexed(130);
    /// 175,0,95: 受阻.
    pub const CRIMSON: Color = Color::Indexed(125);
    /// 175,0,0: warnings.
    pub const RED: Color = Color::Indexed(124);
    /// 135,0,135: search matches.
    pub const PURPLE: Color = Color::Indexed(90);
}

/// A one-column symbol for each status (none of them of ambiguous width), none
/// shared with the selection marker (▸, >) or a bullet (-, ·).
pub fn symbol(s: Status) -> char {
    match s {
        Status::NotStarted => '◌',
        Status::InProgress => '◔',
        Status::Done => '✓',
        Status::Delayed => '!',
        Status::Blocked => '✗',
    }
}

#[cfg(test)]
mod tests;
