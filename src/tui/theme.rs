//! Colours and symbols. Status is always shown by symbol and word as well as by
//! colour; done and delayed differ in hue *and* brightness (blue vs yellow), never
//! by red versus green alone, so people with red-green colour blindness tell them
//! apart. Every palette uses only the 16 standard colours, which every terminal has
//! (and which a 256-colour or true-colour terminal shows as its own theme's 16).

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
                fg(Color::LightBlue).add_modifier(bold),
                fg(Color::Yellow).add_modifier(bold),
                fg(Color::LightMagenta).add_modifier(bold),
            ],
        }
    }

    pub fn light() -> Theme {
        let bold = Modifier::BOLD;
        let on_white = |c: Color| Style::default().fg(c).bg(Color::White);
        Theme {
            name: ThemeName::Light,
            screen: on_white(Color::Black),
            base: on_white(Color::Black),
            dim: on_white(Color::DarkGray),
            title: on_white(Color::Black).add_modifier(bold),
            accent: on_white(Color::Blue),
            selected: Style::default()
                .fg(Color::White)
                .bg(Color::Blue)
                .add_modifier(bold),
            selected_idle: on_white(Color::Black).add_modifier(Modifier::UNDERLINED),
            border: on_white(Color::DarkGray),
            border_focus: on_white(Color::Blue),
            warn: on_white(Color::Red).add_modifier(bold),
            tab_active: Style::default()
                .fg(Color::White)
                .bg(Color::Blue)
                .add_modifier(bold),
            highlight: on_white(Color::Red).add_modifier(bold | Modifier::UNDERLINED),
            status: [
                on_white(Color::DarkGray),
                on_white(Color::Blue),
                on_white(Color::Blue).add_modifier(bold | Modifier::UNDERLINED),
                on_white(Color::Magenta).add_modifier(bold),
                on_white(Color::Red).add_modifier(bold),
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
            selected_idle: on_black(Color::White).add_modifier(Modifier::UNDERLINED),
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
                on_black(Color::LightBlue),
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

/// A one-column symbol for each status (none of them of ambiguous width).
pub fn symbol(s: Status) -> char {
    match s {
        Status::NotStarted => '-',
        Status::InProgress => '▸',
        Status::Done => '✓',
        Status::Delayed => '!',
        Status::Blocked => '✗',
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let styles = [
            t.screen,
            t.base,
            t.dim,
            t.title,
            t.accent,
            t.selected,
            t.selected_idle,
            t.border,
            t.border_focus,
            t.warn,
            t.tab_active,
        ];
        for s in styles.iter().chain(t.status.iter()) {
            assert_eq!((s.fg, s.bg), (None, None), "{s:?}");
        }
    }

    #[test]
    fn done_and_delayed_differ_in_more_than_red_and_green() {
        for t in [Theme::dark(), Theme::light(), Theme::high_contrast()] {
            let (d, l) = (t.status(Status::Done).fg, t.status(Status::Delayed).fg);
            assert_ne!(d, l);
            for c in [d, l] {
                assert!(
                    !matches!(
                        c,
                        Some(Color::Green | Color::LightGreen | Color::Red | Color::LightRed)
                    ) || t.name == ThemeName::Light
                );
            }
        }
    }
}
