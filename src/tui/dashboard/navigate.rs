//! Moving around the dashboard: tabs, lists, a task's detail and its links, and
//! the back stack (Esc returns like a browser).

use crate::tui::app::{App, Detail, Focus, Link, Tab};

impl App {
    pub(in crate::tui) fn go_tab(&mut self, t: Tab) {
        self.view.detail = None;
        self.view.problems = None;
        self.view.tab = t;
    }

    pub(in crate::tui) fn move_by(&mut self, delta: isize) {
        let step = |cur: usize, len: usize| -> usize {
            if len == 0 {
                return 0;
            }
            (cur as isize)
                .saturating_add(delta)
                .clamp(0, len as isize - 1) as usize
        };
        if self.view.detail.is_some() {
            self.move_in_detail(delta);
            return;
        }
        if self.view.problems.is_some() {
            self.move_problem(delta);
            return;
        }
        let i = self.tab().index();
        match self.focus() {
            Focus::Entities => {
                // Moves among the entities the filter shows.
                let visible = self.visible_entities(self.tab());
                let pos = visible
                    .iter()
                    .position(|(e, _)| *e == self.view.sel[i])
                    .unwrap_or(0);
                if let Some(&(e, _)) = visible.get(step(pos, visible.len())) {
                    self.view.sel[i] = e;
                }
                self.view.task_sel[i] = 0;
            }
            Focus::Tasks => {
                let n = self.current_rows().len();
                self.view.task_sel[i] = step(self.view.task_sel[i], n);
            }
        }
    }

    pub(in crate::tui) fn push(&mut self) {
        self.back.push(self.view.clone());
        // A long walk keeps the last hundred steps.
        if self.back.len() > 100 {
            self.back.remove(0);
        }
    }

    pub(in crate::tui) fn open(&mut self) {
        if let Some(d) = self.view.detail {
            if let Some(&link) = self.links(d.task).get(d.link) {
                self.follow(link, d.task);
            }
            return;
        }
        if self.view.problems.is_some() {
            self.open_problem();
            return;
        }
        let i = self.tab().index();
        match (self.tab(), self.focus()) {
            (Tab::Overview, _) => {
                if self.reg.sections.is_empty() {
                    return;
                }
                let s = self.sel();
                self.push();
                self.view.tab = Tab::Sections;
                self.view.sel[Tab::Sections.index()] = s;
                self.view.task_sel[Tab::Sections.index()] = 0;
                self.view.focus[Tab::Sections.index()] = Focus::Tasks;
            }
            (_, Focus::Entities) => {
                if !self.current_rows().is_empty() {
                    self.push();
                    self.view.focus[i] = Focus::Tasks;
                    self.view.task_sel[i] = 0;
                }
            }
            (_, Focus::Tasks) => {
                if let Some(task) = self.selected_task() {
                    self.push();
                    self.view.detail = Some(Detail::of(task));
                }
            }
        }
    }

    /// Jumps to what a link names, with the task selected in its list.
    pub fn follow(&mut self, link: Link, task: usize) {
        let (tab, e) = match link {
            Link::Unit(u) => (Tab::Units, u),
            Link::Town(t) => (Tab::Towns, t),
            Link::Section(s) => (Tab::Sections, s),
            Link::Goal(g) => (Tab::Goals, g),
        };
        self.push();
        let i = tab.index();
        self.view.detail = None;
        self.view.problems = None;
        self.view.tab = tab;
        self.view.sel[i] = e;
        self.view.focus[i] = Focus::Tasks;
        self.filters.entity_query[i].clear();
        self.view.task_sel[i] = self
            .visible_rows(tab, e)
            .iter()
            .position(|r| r.task == task)
            .unwrap_or(0);
        self.message = Some(format!("→ {}", self.link_name(link)));
    }

    pub fn link_name(&self, link: Link) -> String {
        match link {
            Link::Unit(u) => self.reg.units[u].name.clone(),
            Link::Town(t) => self.reg.towns[t].name.clone(),
            // A programme is named with its part: "(三) 实施六大行动 · (一) 集群培育行动".
            Link::Section(s) => {
                let mut path = self.ix.ancestors(s);
                path.reverse();
                path.push(s);
                let names: Vec<String> = path
                    .iter()
                    .map(|&i| {
                        let s = &self.reg.sections[i];
                        format!("({}) {}", s.numeral, s.title)
                    })
                    .collect();
                names.join(" · ")
            }
            Link::Goal(g) => {
                let g = &self.reg.goals[g];
                match &g.horizon {
                    Some(h) => format!("{h}{}", self.w().lists.goal_suffix),
                    None => self.w().lists.goal.to_string(),
                }
            }
        }
    }

    /// Whether a filter narrows a list on this screen (Esc clears those first; a
    /// filter on another tab must not swallow the way back).
    pub(in crate::tui) fn filters_shown(&self) -> bool {
        let i = self.tab().index();
        let f = &self.filters;
        !f.entity_query[i].is_empty()
            || (self.focus() == Focus::Tasks
                && (!f.task_query[i].is_empty()
                    || f.status.is_some()
                    || f.past_due
                    || f.stale
                    || f.mine))
    }

    pub(in crate::tui) fn go_back(&mut self) {
        if self.filters_shown() && self.view.detail.is_none() && self.view.problems.is_none() {
            self.clear_filters();
            self.message = Some(self.w().lists.filters_cleared.into());
        } else if let Some(v) = self.back.pop() {
            self.view = v;
        } else if self.view.detail.is_some() {
            self.view.detail = None;
        } else if self.view.problems.is_some() {
            self.view.problems = None;
        } else {
            let i = self.tab().index();
            self.view.focus[i] = Focus::Entities;
        }
    }
}
