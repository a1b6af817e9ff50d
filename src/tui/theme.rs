//! Colours and symbols. Status is always shown by symbol and word as well as by
//! colour, and done/delayed differ in more than red versus green.

use crate::registry::Status;
use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone)]
pub struct Theme {
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
}

impl Theme {
    pub fn dark() -> Theme {
        Theme {
            base: Style::default(),
            dim: Style::default().fg(Color::Gray),
            title: Style::default().add_modifier(Modifier::BOLD),
            accent: Style::default().fg(Color::Cyan),
            selected: Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            selected_idle: Style::default().add_modifier(Modifier::UNDERLINED),
            border: Style::default().fg(Color::DarkGray),
            border_focus: Style::default().fg(Color::Cyan),
            warn: Style::default()
                .fg(Color::LightRed)
                .add_modifier(Modifier::BOLD),
            tab_active: Style::default()
                .fg(Color::Black)
                .bg(Color::Cyan)
                .add_modifier(Modifier::BOLD),
        }
    }

    pub fn status(&self, s: Status) -> Style {
        match s {
            Status::NotStarted => Style::default().fg(Color::Gray),
            Status::InProgress => Style::default().fg(Color::Cyan),
            Status::Done => Style::default()
                .fg(Color::LightBlue)
                .add_modifier(Modifier::BOLD),
            Status::Delayed => Style::default()
                .fg(Color::Yellow)
                .add_modifier(Modifier::BOLD),
            Status::Blocked => Style::default()
                .fg(Color::LightMagenta)
                .add_modifier(Modifier::BOLD),
        }
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
