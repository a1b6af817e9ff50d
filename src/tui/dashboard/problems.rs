//! The problem list (问题清单) as a screen of the dashboard: the tasks that need
//! attention — past their (own or inherited) due date, 滞后, 受阻, silent for weeks,
//! due soon — graded 红/黄/蓝 and grouped by the lead unit that answers for them,
//! exactly as `dubang summary` and the reports list them. It lives in the back
//! stack like a task list: Enter opens a task's detail, Esc comes back to the
//! list, and edit keys act on the selected task.

use crate::report::problems::{self, Problem, Ranked};
use crate::tui::app::{App, Detail};
use chrono::NaiveDate;
use std::sync::{Arc, Mutex};

/// What the problem list is made from, besides the index (rebuilt with the registry).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ProblemKey {
    generation: u64,
    today: NaiveDate,
    thresholds: problems::Thresholds,
}

/// The last problem list made, with what it was made from: each problem's task
/// and level only (at 100 000 tasks all of them are on the list, and their
/// reasons took 10 MB); the rows on screen are assessed again ([`App::problem`]).
pub(crate) type ProblemCache = Mutex<Option<(ProblemKey, Arc<[Ranked]>)>>;

impl App {
    /// The problem list as shown: units with the worst problems first, each unit's
    /// problems worst first, then by task number. Kept while the registry, the day
    /// and the thresholds stay the same: the Overview draws it on every frame, and
    /// at 100 000 tasks it takes 60 ms to make.
    pub fn problem_rows(&self) -> Arc<[Ranked]> {
        let key = ProblemKey {
            generation: self.reg.generation(),
            today: self.today(),
            thresholds: self.thresholds,
        };
        let mut cache = self
            .problem_cache
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some((k, rows)) = cache.as_ref()
            && *k == key
        {
            return Arc::clone(rows);
        }
        let all = 0..self.reg.tasks.len();
        let found = problems::ranked(&self.reg, &self.ix, all, key.today, &key.thresholds);
        let rows: Arc<[Ranked]> = problems::by_lead_unit(&self.reg, &found)
            .into_iter()
            .flat_map(|(_, group)| group.into_iter().copied())
            .collect();
        *cache = Some((key, Arc::clone(&rows)));
        rows
    }

    /// A row of the problem list with its reasons and due date, as of now.
    pub fn problem(&self, row: &Ranked) -> Option<Problem> {
        problems::assess(
            &self.reg,
            &self.ix,
            row.task,
            self.today(),
            &self.thresholds,
        )
    }

    /// Opens the problem list (from any tab; Esc returns to where it was opened).
    pub(in crate::tui) fn open_problems(&mut self) {
        self.push();
        self.view.detail = None;
        self.view.problems = Some(0);
    }

    /// The task under the cursor of the open problem list.
    pub(in crate::tui) fn selected_problem(&self) -> Option<usize> {
        let sel = self.view.problems?;
        self.problem_rows().get(sel).map(|p| p.task)
    }

    /// ↑/↓/PgUp/PgDn/Home/End on the problem list.
    pub(in crate::tui) fn move_problem(&mut self, delta: isize) {
        let n = self.problem_rows().len();
        if let Some(sel) = self.view.problems.as_mut() {
            *sel = if n == 0 {
                0
            } else {
                (*sel as isize)
                    .saturating_add(delta)
                    .clamp(0, n as isize - 1) as usize
            };
        }
    }

    /// Enter on the problem list: the selected task's detail.
    pub(in crate::tui) fn open_problem(&mut self) {
        if let Some(task) = self.selected_problem() {
            self.push();
            self.view.detail = Some(Detail::of(task));
        }
    }

    /// Keeps the selection on the list after an edit or a reload shortened it.
    pub(in crate::tui) fn settle_problem(&mut self) {
        let n = self.problem_rows().len();
        if let Some(sel) = self.view.problems.as_mut() {
            *sel = (*sel).min(n.saturating_sub(1));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::tui::app::{App, Command, Tab};
    use crate::tui::edit::Effect;

    fn app() -> App {
        crate::tui::tests::app(crate::lang::Lang::Zh, "")
    }

    #[test]
    fn every_task_is_a_problem_after_the_2025_deadline_and_done_ones_leave() {
        let mut a = app();
        assert_eq!(
            a.problem_rows().len(),
            28,
            "all 28 tasks are past 2025-12-31"
        );
        let t1 = a.reg.tasks.iter().position(|t| t.number == 1).unwrap();
        a.reg.write().tasks[t1].status = crate::registry::Status::Done;
        assert_eq!(a.problem_rows().len(), 27);
        assert!(a.problem_rows().iter().all(|p| p.task != t1));
    }

    #[test]
    fn the_kept_list_follows_the_day_the_thresholds_and_a_reload() {
        let mut a = app();
        let before = a.problem_rows();
        assert!(std::sync::Arc::ptr_eq(&before, &a.problem_rows()), "kept");
        // Before the 2025 deadline nothing is late yet (only silent).
        let today = a.now;
        a.now = chrono::DateTime::parse_from_rfc3339("2024-01-02T10:00:00+08:00").unwrap();
        assert_ne!(a.problem_rows()[..], before[..]);
        a.now = today;
        assert_eq!(a.problem_rows()[..], before[..]);
        a.thresholds.red_overdue_days += 1000;
        assert_ne!(a.problem_rows()[..], before[..]);
        a.thresholds.red_overdue_days -= 1000;
        assert_eq!(a.problem_rows()[..], before[..]);
        // A registry swapped in (as a reload does) is looked at afresh.
        let mut reg: crate::registry::Registry = (*a.reg).clone();
        reg.tasks
            .iter_mut()
            .for_each(|t| t.status = crate::registry::Status::Done);
        a.reg = reg.into();
        assert!(a.problem_rows().is_empty());
    }

    /// At 100 000 generated tasks every one is on the list: it kept each one's
    /// reasons and due date (9.9 MB), it keeps its task and level (1.6 MB).
    #[test]
    fn the_kept_list_holds_task_and_level_in_the_reports_order() {
        use crate::registry::Status;
        use crate::report::problems::{self, by_lead_unit};
        let mut a = app();
        {
            let reg = a.reg.write();
            for (i, t) in reg.tasks.iter_mut().enumerate() {
                t.status = [
                    Status::Blocked,
                    Status::Delayed,
                    Status::Done,
                    Status::InProgress,
                ][i % 4];
            }
        }
        // Before the deadline: blue (due soon), yellow (滞后) and red (受阻) rows.
        a.now = chrono::DateTime::parse_from_rfc3339("2025-12-10T10:00:00+08:00").unwrap();
        let rows = a.problem_rows();
        assert!(std::mem::size_of_val(&*rows) <= 16 * rows.len());
        let all: Vec<usize> = (0..a.reg.tasks.len()).collect();
        let ps = problems::problems(&a.reg, &a.ix, &all, a.today(), &a.thresholds);
        let want: Vec<_> = by_lead_unit(&a.reg, &ps)
            .into_iter()
            .flat_map(|(_, g)| g)
            .collect();
        assert_eq!(rows.len(), want.len());
        let levels: std::collections::HashSet<_> = want.iter().map(|p| p.level).collect();
        assert_eq!(levels.len(), 3, "every level is on the list");
        for (row, p) in rows.iter().zip(&want) {
            assert_eq!((row.task, row.level), (p.task, p.level));
            // A row on screen gets its reasons and due date back.
            assert_eq!(a.problem(row).as_ref(), Some(*p));
        }
    }

    #[test]
    fn opens_from_any_tab_walks_into_a_detail_and_back() {
        let mut a = app();
        a.update(Command::GoTab(Tab::Units));
        a.update(Command::Problems);
        assert_eq!(a.view.problems, Some(0));
        a.update(Command::Down);
        a.update(Command::Down);
        assert_eq!(a.view.problems, Some(2));
        let picked = a.problem_rows()[2].task;
        a.update(Command::Open);
        assert_eq!(a.view.detail.map(|d| d.task), Some(picked));
        a.update(Command::Back);
        assert_eq!(a.view.detail, None);
        assert_eq!(a.view.problems, Some(2), "back on the list, same row");
        a.update(Command::Back);
        assert_eq!(a.view.problems, None);
        assert_eq!(a.tab(), Tab::Units, "back where it was opened");
    }

    #[test]
    fn edit_keys_act_on_the_selected_problem() {
        let mut a = app();
        a.who = "liwei".into();
        a.update(Command::Problems);
        a.update(Command::Bottom);
        let last = *a.problem_rows().last().map(|p| &p.task).unwrap();
        let effect = a.update(Command::StatusNext);
        let Some(Effect::Save { edits, .. }) = effect else {
            panic!("] on a problem saves an edit, got {effect:?}");
        };
        assert_eq!(
            edits[0].target,
            crate::registry::EditTarget::Task(a.reg.tasks[last].id.clone())
        );
    }
}
