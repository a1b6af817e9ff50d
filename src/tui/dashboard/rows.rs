//! What the lists of the main screen hold: the entities of a tab, the task rows
//! of an entity (and why each task is there), the task under the cursor and the
//! links of a task's detail.

use super::{Link, Tab, Tag, TaskRow};
use crate::tui::app::App;

impl App {
    /// How many entities the tab lists.
    pub fn entity_count(&self, tab: Tab) -> usize {
        match tab {
            Tab::Overview | Tab::Sections => self.reg.sections.len(),
            Tab::Units => self.reg.units.len(),
            Tab::Towns => self.reg.towns.len(),
            Tab::Goals => self.reg.goals.len(),
        }
    }

    /// The task list of entity `e` of a tab.
    pub fn task_rows(&self, tab: Tab, e: usize) -> Vec<TaskRow> {
        if e >= self.entity_count(tab) {
            return Vec::new();
        }
        let plain = |tag: Tag| move |task: usize| TaskRow { task, tag };
        match tab {
            Tab::Overview | Tab::Sections => self
                .ix
                .section_tasks(e)
                .iter()
                .map(plain(Tag::None))
                .collect(),
            Tab::Units => {
                let lead = self.ix.led_by(e);
                let mut rows: Vec<TaskRow> = lead.iter().map(plain(Tag::Lead)).collect();
                rows.extend(
                    self.ix
                        .shared_by(e)
                        .iter()
                        // Both lists are in task order: a search, not a scan (a
                        // unit leads 46 000 of 100 000 generated tasks).
                        .filter(|&t| !lead.contains(t))
                        .map(plain(Tag::Shared)),
                );
                rows
            }
            Tab::Towns => self
                .ix
                .town_tasks(e)
                .map(|(task, link)| TaskRow {
                    task,
                    tag: Tag::Town(link),
                })
                .collect(),
            Tab::Goals => self
                .ix
                .goal_tasks(e)
                .iter()
                .map(|task| {
                    let s = self.ix.task_section(task).unwrap_or(0);
                    TaskRow {
                        task,
                        tag: Tag::Section(s),
                    }
                })
                .collect(),
        }
    }

    /// The current tab's task list, as shown (filtered and sorted).
    pub fn current_rows(&self) -> std::sync::Arc<[TaskRow]> {
        self.visible_rows(self.tab(), self.sel())
    }

    /// The task under the cursor: the open detail's, else the selected row's.
    pub fn selected_task(&self) -> Option<usize> {
        if let Some(d) = self.view.detail {
            return Some(d.task);
        }
        if self.view.problems.is_some() {
            return self.selected_problem();
        }
        match (self.tab(), self.focus()) {
            (Tab::Overview, _) => None,
            _ => self.current_rows().get(self.task_sel()).map(|r| r.task),
        }
    }

    /// Everything a task's detail links to, in display order.
    pub fn links(&self, task: usize) -> Vec<Link> {
        let t = &self.reg.tasks[task];
        let mut out = Vec::new();
        let owner = |id: &String| {
            self.ix
                .unit(id)
                .map(Link::Unit)
                .or_else(|| self.ix.town(id).map(Link::Town))
        };
        for id in t.lead.iter().chain(&t.responsible) {
            if let Some(l) = owner(id)
                && !out.contains(&l)
            {
                out.push(l);
            }
        }
        for id in &t.mentions {
            if let Some(i) = self.ix.town(id) {
                out.push(Link::Town(i));
            }
        }
        if let Some(s) = self.ix.section(&t.section) {
            out.push(Link::Section(s));
            out.extend(self.ix.section_goals(s).iter().map(|&g| Link::Goal(g)));
        }
        out
    }
}
