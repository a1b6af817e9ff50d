//! The status picker: which status to give the selected task or goal. Its state
//! (what it edits, which row is selected), what its keys do (from the `picker`
//! context of the key map: a status at once, or move and confirm) and its drawing
//! live here; the event loop saves what it picks.

use crate::registry::{EditTarget, Status};
use crate::text::width;
use crate::tui::app::Command;
use crate::tui::keys::Context;
use crate::tui::view::editing::{popup, target_name};
use crate::tui::view::{Ui, centered};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

#[derive(Debug, Clone, PartialEq)]
pub struct Picker {
    /// The task or goal the status is for.
    pub target: EditTarget,
    /// The selected row, in [`Status::ALL`] order.
    pub sel: usize,
}

/// What a key did in the picker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Not a picker key: nothing happened.
    Ignored,
    /// The selection moved.
    Moved,
    /// Closed without a choice.
    Cancelled,
    /// This status was chosen.
    Picked(Status),
}

impl Picker {
    /// The picker for `target`, on its current status.
    pub fn open(target: EditTarget, current: Status) -> Picker {
        Picker {
            target,
            sel: current.index(),
        }
    }

    /// A command of the `picker` key context.
    pub fn handle(&mut self, cmd: Option<Command>) -> Outcome {
        let n = Status::ALL.len();
        match cmd {
            Some(Command::Pick(i)) => Outcome::Picked(Status::ALL[i.min(n - 1)]),
            Some(Command::Confirm) => Outcome::Picked(Status::ALL[self.sel.min(n - 1)]),
            Some(Command::Up) => {
                self.sel = (self.sel + n - 1) % n;
                Outcome::Moved
            }
            Some(Command::Down) => {
                self.sel = (self.sel + 1) % n;
                Outcome::Moved
            }
            Some(Command::Cancel) => Outcome::Cancelled,
            _ => Outcome::Ignored,
        }
    }

    pub fn draw(&self, f: &mut Frame, ui: &Ui, area: Rect) {
        let (target, sel) = (&self.target, self.sel);
        let title = format!(
            "{} · {}",
            ui.w().overlays.status_title,
            target_name(ui, target)
        );
        let w = (width(&title) + 4).clamp(34, 60) as u16;
        let rect = centered(area, w, 5 + 4);
        let inner = popup(f, ui, rect, &title);
        let cols = inner.width as usize;
        let mut lines = Vec::new();
        for (i, s) in Status::ALL.iter().enumerate() {
            let marker = if i == sel {
                if ui.app.ascii { ">" } else { "▸" }
            } else {
                " "
            };
            let keys = format!("{marker}{}  ", shown_keys(ui, i).join(" "));
            let mut line = Line::from(vec![
                Span::styled(keys.clone(), ui.theme.accent),
                ui.status_cell(*s, cols.saturating_sub(width(&keys))),
            ]);
            if i == sel {
                line = crate::tui::view::select(line, ui.theme.selected);
            }
            lines.push(line);
        }
        let k = |c| ui.key(Context::Picker, c);
        let hint = format!(
            " {} {}  {} {}",
            k(Command::Confirm),
            ui.w().overlays.picks,
            k(Command::Cancel),
            ui.w().overlays.cancels
        );
        lines.push(Line::from(ui.cell(&hint, cols, ui.theme.dim)));
        f.render_widget(Paragraph::new(lines), inner);
    }
}

/// The hint line under the screen while the picker is open, from the keys in force.
pub fn hint(ui: &Ui) -> String {
    let k = |c| ui.key(Context::Picker, c);
    crate::words::screen::overlays::picker_hint(
        ui.app.lang,
        &picker_keys(ui),
        [
            &k(Command::Up),
            &k(Command::Down),
            &k(Command::Confirm),
            &k(Command::Cancel),
        ],
    )
}

/// The keys a status row shows (two at most), from the key map: a Chinese screen
/// leaves out Latin letters when it has other keys (digits, 推), an English one
/// leaves out Chinese characters.
fn shown_keys(ui: &Ui, status: usize) -> Vec<String> {
    let all = ui.app.keys.keys_in(Context::Picker, Command::Pick(status));
    let foreign = |k: &String| {
        let mut cs = k.chars();
        match (cs.next(), cs.next()) {
            (Some(c), None) => match ui.app.lang {
                crate::lang::Lang::Zh => c.is_ascii_alphabetic(),
                crate::lang::Lang::En => !c.is_ascii(),
            },
            _ => false,
        }
    };
    let mine: Vec<String> = all.iter().filter(|k| !foreign(k)).cloned().collect();
    let mut shown = if mine.is_empty() { all } else { mine };
    shown.truncate(2);
    shown
}

/// The picker's keys, as its hint says them: "1-5 或 未 推 完 滞 受" on a Chinese
/// screen, "1-5 or n p d l b" on an English one.
pub fn picker_keys(ui: &Ui) -> String {
    let nth = |n: usize| -> Vec<String> {
        (0..5)
            .filter_map(|i| shown_keys(ui, i).into_iter().nth(n))
            .collect()
    };
    let show = |ks: Vec<String>| {
        if ks == ["1", "2", "3", "4", "5"] {
            "1-5".to_string()
        } else {
            ks.join(" ")
        }
    };
    let (first, second) = (nth(0), nth(1));
    if second.is_empty() {
        show(first)
    } else {
        format!("{} {} {}", show(first), ui.w().overlays.or, show(second))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn picker() -> Picker {
        Picker::open(EditTarget::Task("t12".into()), Status::InProgress)
    }

    #[test]
    fn opens_on_the_current_status_and_wraps_around() {
        let mut p = picker();
        assert_eq!(p.sel, 1);
        assert_eq!(p.handle(Some(Command::Up)), Outcome::Moved);
        assert_eq!(p.handle(Some(Command::Up)), Outcome::Moved);
        assert_eq!(p.sel, 4);
        assert_eq!(p.handle(Some(Command::Down)), Outcome::Moved);
        assert_eq!(p.sel, 0);
    }

    #[test]
    fn picks_at_once_or_on_confirm_and_ignores_the_rest() {
        let mut p = picker();
        assert_eq!(
            p.handle(Some(Command::Pick(2))),
            Outcome::Picked(Status::Done)
        );
        p.handle(Some(Command::Down));
        assert_eq!(
            p.handle(Some(Command::Confirm)),
            Outcome::Picked(Status::Done)
        );
        assert_eq!(p.handle(Some(Command::Cancel)), Outcome::Cancelled);
        assert_eq!(p.handle(Some(Command::Note)), Outcome::Ignored);
        assert_eq!(p.handle(None), Outcome::Ignored);
    }
}
