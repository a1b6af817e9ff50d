//! The export dialog (`x`): what to export — the list on screen with its filters
//! and sort, or the whole plan — in which format (台账 as xlsx or CSV, 通报 as docx
//! or Markdown, the registry as JSON), and where (a dated name in the current
//! directory by default). It owns its fields and keys (the `export` context) and
//! its drawing; writing the file is the event loop's [`Effect::Export`].
//!
//! [`Effect::Export`]: crate::tui::edit::Effect::Export

use crate::lang::Lang;
use crate::report::Format;
use crate::text::truncate;
use crate::tui::app::Command;
use crate::tui::keys::Context;
use crate::tui::view::editing::popup;
use crate::tui::view::{Ui, centered};
use chrono::NaiveDate;
use crossterm::event::Event;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use std::path::PathBuf;
use tui_input::Input;
use tui_input::backend::crossterm::to_input_request;

/// The formats offered, in the order ←/→ walks them.
pub const FORMATS: [Format; 5] = [
    Format::Xlsx,
    Format::Csv,
    Format::Docx,
    Format::Md,
    Format::Json,
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Scope,
    Format,
    Path,
}

const FIELDS: [Field; 3] = [Field::Scope, Field::Format, Field::Path];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// The list on screen, as filtered and sorted.
    Current,
    /// Every task of the plan.
    Plan,
}

#[derive(Debug, Clone)]
pub struct ExportState {
    pub field: Field,
    pub scope: Scope,
    pub format: Format,
    pub path: Input,
    /// What the list on screen is called ("市水务局", "问题清单"), and its tasks in
    /// the order shown.
    pub current_name: String,
    pub current: Vec<usize>,
    /// Every task of the plan, in registry order.
    pub plan: Vec<usize>,
    lang: Lang,
    today: NaiveDate,
}

/// What a key did in the dialog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Ignored,
    Changed,
    Cancelled,
    /// Enter: write these tasks in this format to this path.
    Export {
        format: Format,
        path: PathBuf,
        tasks: Vec<usize>,
    },
}

/// The file name offered: `督办台账-2026-11-29.xlsx` for a ledger, `督办通报-….docx`
/// for a bulletin, in the current directory.
pub fn default_name(format: Format, lang: Lang, today: NaiveDate) -> String {
    let w = &crate::words::screen::of(lang).overlays;
    let (stem, ext) = match format {
        Format::Xlsx => (w.dubang_ledger, "xlsx"),
        Format::Csv => (w.dubang_ledger, "csv"),
        Format::Docx => (w.dubang_bulletin, "docx"),
        Format::Md => (w.dubang_bulletin, "md"),
        Format::Json => (w.dubang_tasks, "json"),
    };
    format!("{stem}-{}.{ext}", today.format("%Y-%m-%d"))
}

fn format_name(f: Format) -> &'static str {
    match f {
        Format::Xlsx => "xlsx",
        Format::Csv => "csv",
        Format::Docx => "docx",
        Format::Md => "md",
        Format::Json => "json",
    }
}

impl ExportState {
    pub fn new(
        current_name: String,
        current: Vec<usize>,
        plan: Vec<usize>,
        lang: Lang,
        today: NaiveDate,
    ) -> ExportState {
        let format = Format::Xlsx;
        ExportState {
            field: Field::Format,
            // Nothing on screen to export (the Overview): the whole plan.
            scope: if current.is_empty() {
                Scope::Plan
            } else {
                Scope::Current
            },
            format,
            path: Input::new(default_name(format, lang, today)),
            current_name,
            current,
            plan,
            lang,
            today,
        }
    }

    pub fn tasks(&self) -> &[usize] {
        match self.scope {
            Scope::Current => &self.current,
            Scope::Plan => &self.plan,
        }
    }

    /// A command of the `export` context; on the path, other keys edit the text.
    pub fn handle(&mut self, cmd: Option<Command>, event: &Event) -> Outcome {
        let pos = FIELDS.iter().position(|f| *f == self.field).unwrap_or(0);
        match cmd {
            Some(Command::Cancel) => return Outcome::Cancelled,
            Some(Command::Confirm) => {
                let path = self.path.value().trim();
                if path.is_empty() {
                    return Outcome::Ignored;
                }
                return Outcome::Export {
                    format: self.format,
                    path: PathBuf::from(path),
                    tasks: self.tasks().to_vec(),
                };
            }
            Some(Command::Up) => {
                self.field = FIELDS[(pos + FIELDS.len() - 1) % FIELDS.len()];
                return Outcome::Changed;
            }
            Some(Command::Down) => {
                self.field = FIELDS[(pos + 1) % FIELDS.len()];
                return Outcome::Changed;
            }
            Some(c @ (Command::Prev | Command::Next)) if self.field != Field::Path => {
                let step = if c == Command::Next { 1 } else { -1 };
                match self.field {
                    Field::Scope => {
                        if !self.current.is_empty() {
                            self.scope = match self.scope {
                                Scope::Current => Scope::Plan,
                                Scope::Plan => Scope::Current,
                            };
                        }
                    }
                    Field::Format => self.step_format(step),
                    Field::Path => {}
                }
                return Outcome::Changed;
            }
            _ => {}
        }
        if self.field == Field::Path
            && to_input_request(event).is_some_and(|r| self.path.handle(r).is_some())
        {
            return Outcome::Changed;
        }
        Outcome::Ignored
    }

    /// The next or previous format; a path still at its default follows it.
    fn step_format(&mut self, step: isize) {
        let old = default_name(self.format, self.lang, self.today);
        let i = FORMATS.iter().position(|f| *f == self.format).unwrap_or(0) as isize;
        let n = FORMATS.len() as isize;
        self.format = FORMATS[((i + step).rem_euclid(n)) as usize];
        let value = self.path.value().to_string();
        if value == old {
            self.path = Input::new(default_name(self.format, self.lang, self.today));
        } else if let Some(stem) = value.strip_suffix(&format!(".{}", format_name_of(&old))) {
            // A name the user typed keeps its stem and takes the new extension.
            self.path = Input::new(format!("{stem}.{}", format_name(self.format)));
        }
    }

    /// Pasted text goes into the path.
    pub fn paste(&mut self, text: &str) {
        if self.field == Field::Path {
            crate::tui::edit::paste(&mut self.path, text);
        }
    }

    pub fn draw(&self, f: &mut Frame, ui: &Ui, area: Rect) {
        let w = area.width.saturating_sub(4).min(90);
        let rect = centered(area, w, 9);
        let inner = popup(f, ui, rect, ui.w().overlays.export_title);
        let cols = inner.width as usize;
        if cols < 12 || inner.height < 6 {
            return;
        }
        let label_w = 8;
        let marker = |field: Field| {
            if self.field == field {
                Span::styled(if ui.app.ascii { ">" } else { "▸" }, ui.theme.accent)
            } else {
                Span::raw(" ")
            }
        };
        let choice = |text: String, on: bool| {
            let style = if on { ui.theme.selected } else { ui.theme.dim };
            Span::styled(ui.t(&format!(" {text} ")), style)
        };
        let rest = cols.saturating_sub(label_w + 1);
        let n_current = self.current.len();
        let mut scope = vec![
            marker(Field::Scope),
            ui.cell(ui.w().overlays.scope, label_w, ui.theme.dim),
        ];
        if n_current > 0 {
            let name = truncate(&self.current_name, rest.saturating_sub(24).max(4));
            scope.push(choice(
                format!("{name} ({n_current})"),
                self.scope == Scope::Current,
            ));
        }
        scope.push(choice(
            format!("{} ({})", ui.w().overlays.whole_plan, self.plan.len()),
            self.scope == Scope::Plan,
        ));
        let mut format = vec![
            marker(Field::Format),
            ui.cell(ui.w().overlays.format_label, label_w, ui.theme.dim),
        ];
        for fm in FORMATS {
            format.push(choice(format_name(fm).to_string(), fm == self.format));
        }
        let what = match self.format {
            Format::Xlsx | Format::Csv => ui.w().overlays.ledger,
            Format::Docx | Format::Md => ui.w().overlays.bulletin,
            Format::Json => ui.w().overlays.registry,
        };
        format.push(Span::styled(format!(" {what}"), ui.theme.dim));
        // The path, scrolled so the caret stays in view.
        let field = rest.saturating_sub(1).max(1);
        let win = crate::tui::overlays::input::window(&self.path, field);
        let path = vec![
            marker(Field::Path),
            ui.cell(ui.w().overlays.file_label, label_w, ui.theme.dim),
            ui.cell(&ui.t(&win.text), field, ui.theme.base),
        ];
        let k = |c| ui.key(Context::Export, c);
        let help = format!(
            "{}/{} {}  {}/{} {}  {} {}  {} {}",
            k(Command::Up),
            k(Command::Down),
            ui.w().overlays.field,
            k(Command::Prev),
            k(Command::Next),
            ui.w().overlays.change,
            k(Command::Confirm),
            ui.w().overlays.exports,
            k(Command::Cancel),
            ui.w().overlays.cancels,
        );
        let fit = |spans: Vec<Span<'static>>| crate::tui::view::fit_spans(ui, spans, cols);
        let lines = vec![
            Line::from(fit(scope)),
            Line::raw(""),
            Line::from(fit(format)),
            Line::raw(""),
            Line::from(fit(path)),
            Line::raw(""),
            Line::from(ui.cell(&help, cols, ui.theme.dim)),
        ];
        f.render_widget(Paragraph::new(lines), inner);
        if self.field == Field::Path {
            f.set_cursor_position((inner.x + 1 + label_w as u16 + win.caret as u16, inner.y + 4));
        }
    }
}

fn format_name_of(name: &str) -> &str {
    name.rsplit('.').next().unwrap_or("")
}

/// The hint line while the dialog is open.
pub fn hint(ui: &Ui) -> String {
    let k = |c| ui.key(Context::Export, c);
    format!(
        "{} {}  {} {}",
        k(Command::Confirm),
        ui.w().overlays.exports,
        k(Command::Cancel),
        ui.w().overlays.cancels,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()
    }

    fn key(c: KeyCode) -> Event {
        Event::Key(KeyEvent::new(c, KeyModifiers::NONE))
    }

    fn state() -> ExportState {
        ExportState::new(
            "市水务局".into(),
            vec![20, 27],
            (0..28).collect(),
            Lang::Zh,
            day(),
        )
    }

    #[test]
    fn offers_a_dated_ledger_of_the_list_on_screen() {
        let s = state();
        assert_eq!(s.path.value(), "督办台账-2026-11-29.xlsx");
        assert_eq!(s.scope, Scope::Current);
        assert_eq!(s.tasks(), &[20, 27]);
        let e = ExportState::new(String::new(), vec![], (0..28).collect(), Lang::En, day());
        assert_eq!(e.scope, Scope::Plan, "nothing on screen: the whole plan");
        assert_eq!(e.path.value(), "dubang-ledger-2026-11-29.xlsx");
    }

    #[test]
    fn format_and_scope_change_with_left_right_and_the_default_name_follows() {
        let mut s = state();
        let nothing = key(KeyCode::Null);
        assert_eq!(s.handle(Some(Command::Next), &nothing), Outcome::Changed);
        assert_eq!(s.format, Format::Csv);
        assert_eq!(s.path.value(), "督办台账-2026-11-29.csv");
        s.handle(Some(Command::Next), &nothing);
        assert_eq!(s.path.value(), "督办通报-2026-11-29.docx");
        s.handle(Some(Command::Prev), &nothing);
        s.handle(Some(Command::Prev), &nothing);
        s.handle(Some(Command::Prev), &nothing);
        assert_eq!(s.format, Format::Json, "wraps around");
        s.handle(Some(Command::Up), &nothing);
        assert_eq!(s.field, Field::Scope);
        s.handle(Some(Command::Next), &nothing);
        assert_eq!(s.scope, Scope::Plan);
        assert_eq!(s.tasks().len(), 28);
    }

    #[test]
    fn the_path_is_typed_and_enter_exports() {
        let mut s = state();
        s.handle(Some(Command::Down), &key(KeyCode::Down));
        assert_eq!(s.field, Field::Path);
        // ←/→ move the caret on the path instead of changing a choice.
        s.handle(Some(Command::Prev), &key(KeyCode::Left));
        assert_eq!(s.format, Format::Xlsx);
        for _ in 0..30 {
            s.handle(None, &key(KeyCode::Backspace));
        }
        for c in "水务.xlsx".chars() {
            s.handle(None, &key(KeyCode::Char(c)));
        }
        // The caret was one left of the end: the last character stays after it.
        assert_eq!(s.path.value(), "水务.xlsxx");
        let out = s.handle(Some(Command::Confirm), &key(KeyCode::Enter));
        assert_eq!(
            out,
            Outcome::Export {
                format: Format::Xlsx,
                path: PathBuf::from("水务.xlsxx"),
                tasks: vec![20, 27]
            }
        );
        assert_eq!(
            s.handle(Some(Command::Cancel), &key(KeyCode::Esc)),
            Outcome::Cancelled
        );
    }
}
