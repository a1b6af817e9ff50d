//! What `x` exports: the list on screen — the problem list, or the current tab's
//! task list with its filters and sort — or, from the Overview, the whole plan;
//! and what the status line says once the event loop has written it.

use super::app::{App, Link, Tab};
use super::edit::Mode;
use super::overlays::export::ExportState;
use std::path::Path;

impl App {
    /// Opens the export dialog on the list on screen.
    pub(super) fn open_export(&mut self) {
        let (name, current) = self.list_on_screen();
        let plan: Vec<usize> = (0..self.reg.tasks.len()).collect();
        self.mode = Mode::Export(Box::new(ExportState::new(
            name,
            current,
            plan,
            self.lang,
            self.today(),
        )));
    }

    /// The name and tasks (in the order shown) of the list on screen; none on the
    /// Overview.
    fn list_on_screen(&self) -> (String, Vec<usize>) {
        if self.view.problems.is_some() {
            let tasks = self.problem_rows().iter().map(|p| p.task).collect();
            return (self.w().status.problem_list.to_string(), tasks);
        }
        let tab = self.tab();
        if tab == Tab::Overview || self.entity_count(tab) == 0 {
            return (String::new(), Vec::new());
        }
        let e = self.sel();
        let mut name = match tab {
            Tab::Overview => String::new(),
            Tab::Sections => self.link_name(Link::Section(e)),
            Tab::Units => self.link_name(Link::Unit(e)),
            Tab::Towns => self.link_name(Link::Town(e)),
            Tab::Goals => self.link_name(Link::Goal(e)),
        };
        let flags = self.filters.describe(self.lang);
        if !flags.is_empty() {
            name = format!("{name} · {}", flags.join(" "));
        }
        let tasks = self.visible_rows(tab, e).iter().map(|r| r.task).collect();
        (name, tasks)
    }

    /// After the event loop wrote a report: where, and how many tasks.
    pub fn exported(&mut self, path: &Path, tasks: usize) {
        self.message = Some(crate::words::screen::status::exported(
            self.lang, tasks, path,
        ));
    }

    /// After a report could not be written: why, in one line.
    pub fn export_failed(&mut self, why: &str) {
        self.message = Some(format!("{} {why}", self.w().status.export_failed));
    }
}

#[cfg(test)]
mod tests {
    use crate::tui::app::{App, Command, Tab};
    use crate::tui::edit::{Effect, Mode};
    use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
    use std::path::PathBuf;

    fn app() -> App {
        crate::tui::tests::app(crate::lang::Lang::Zh, "")
    }

    fn press(a: &mut App, c: KeyCode) -> Option<Effect> {
        a.handle(&Event::Key(KeyEvent::new(c, KeyModifiers::NONE)))
            .1
    }

    #[test]
    fn x_on_a_filtered_unit_list_exports_only_those_rows_in_their_order() {
        let mut a = app();
        a.update(Command::GoTab(Tab::Units));
        let u = a
            .reg
            .units
            .iter()
            .position(|u| u.name == "市水务局")
            .unwrap();
        a.view.sel[Tab::Units.index()] = u;
        a.update(Command::Sort); // by status
        let shown: Vec<usize> = a
            .visible_rows(Tab::Units, u)
            .iter()
            .map(|r| r.task)
            .collect();
        assert!(!shown.is_empty());
        press(&mut a, KeyCode::Char('x'));
        let Mode::Export(state) = &a.mode else {
            panic!("x opens the export dialog");
        };
        assert!(
            state.current_name.starts_with("市水务局"),
            "{}",
            state.current_name
        );
        let effect = press(&mut a, KeyCode::Enter);
        let Some(Effect::Export { tasks, path, .. }) = effect else {
            panic!("Enter exports, got {effect:?}");
        };
        assert_eq!(tasks, shown);
        assert_eq!(path, PathBuf::from("督办台账-2026-11-28.xlsx"));
        assert!(matches!(a.mode, Mode::Normal));
    }

    #[test]
    fn x_on_the_overview_offers_the_whole_plan_and_esc_cancels() {
        let mut a = app();
        press(&mut a, KeyCode::Char('x'));
        let Mode::Export(state) = &a.mode else {
            panic!("x opens the export dialog");
        };
        assert_eq!(state.tasks().len(), 28);
        assert_eq!(press(&mut a, KeyCode::Esc), None);
        assert!(matches!(a.mode, Mode::Normal));
    }

    #[test]
    fn x_on_the_problem_list_exports_the_problems() {
        let mut a = app();
        let t1 = a.reg.tasks.iter().position(|t| t.number == 1).unwrap();
        a.reg.write().tasks[t1].status = crate::registry::Status::Done;
        a.update(Command::Problems);
        press(&mut a, KeyCode::Char('x'));
        let effect = press(&mut a, KeyCode::Enter);
        let Some(Effect::Export { tasks, .. }) = effect else {
            panic!("Enter exports");
        };
        assert_eq!(tasks.len(), 27);
        assert!(!tasks.contains(&t1));
    }
}
