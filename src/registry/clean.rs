//! A registry's text cleaned for the screen (see `sanitize`), as a whole or in two
//! steps: which tasks need it, found by reading alone (so the loader can look on a
//! second thread while validation reads the same registry), then only those cleaned.
//! Almost every task needs nothing, and reading 100 000 tasks' text is a tenth of
//! start-up.

use super::sanitize::{clean_line, clean_shared_text, clean_text, is_clean_line, is_clean_text};
use super::{Goal, HistoryEntry, Registry, Task, people};

impl Registry {
    /// Strips control characters and escape sequences from every string that will be
    /// shown, so text from the file can never drive the terminal. Ids are left alone:
    /// validation refuses an id the cleaning would change, so references stay intact.
    pub fn sanitize(&mut self) {
        self.sanitize_all_but_tasks();
        for t in &mut self.tasks {
            t.sanitize();
        }
    }

    /// The positions of the tasks [`Registry::sanitize`] would change, in order.
    /// Reads only.
    pub(crate) fn tasks_to_clean(&self) -> Vec<usize> {
        self.tasks_to_clean_in(0..self.tasks.len())
    }

    /// [`Registry::tasks_to_clean`] among the tasks at `range` (clamped to the list).
    pub(crate) fn tasks_to_clean_in(&self, range: std::ops::Range<usize>) -> Vec<usize> {
        let end = range.end.min(self.tasks.len());
        (range.start.min(end)..end)
            .filter(|&i| !task_is_clean(&self.tasks[i]))
            .collect()
    }

    /// [`Registry::sanitize`], knowing that of the tasks only those at `dirty` (from
    /// [`Registry::tasks_to_clean`] of this registry as it is) need cleaning.
    pub(crate) fn sanitize_tasks_at(&mut self, dirty: &[usize]) {
        self.sanitize_all_but_tasks();
        for &i in dirty {
            if let Some(t) = self.tasks.get_mut(i) {
                t.sanitize();
            }
        }
    }

    fn sanitize_all_but_tasks(&mut self) {
        let d = &mut self.document;
        for s in [&mut d.title, &mut d.issuer, &mut d.number] {
            clean_line(s);
        }
        for n in [&mut d.notice, &mut d.source].into_iter().flatten() {
            clean_line(n);
        }
        for n in &mut d.notes {
            clean_line(n);
        }
        for s in &mut self.sections {
            clean_line(&mut s.title);
            clean_line(&mut s.numeral);
        }
        for u in &mut self.units {
            clean_line(&mut u.name);
            for a in &mut u.aliases {
                clean_line(a);
            }
        }
        for t in &mut self.towns {
            clean_line(&mut t.name);
            for s in [&mut t.short, &mut t.code].into_iter().flatten() {
                clean_line(s);
            }
            for a in &mut t.aliases {
                clean_line(a);
            }
        }
        self.goals.iter_mut().for_each(Goal::sanitize);
        for m in &mut self.measures {
            clean_line(&mut m.title);
            clean_text(&mut m.text);
        }
        people::sanitize(&mut self.people);
    }
}

impl Task {
    /// [`Registry::sanitize`] for one task.
    pub fn sanitize(&mut self) {
        clean_line(&mut self.title);
        clean_shared_text(&mut self.text);
        sanitize_history(&mut self.history, &mut self.updated_by);
    }
}

impl Goal {
    /// [`Registry::sanitize`] for one goal.
    pub fn sanitize(&mut self) {
        if let Some(h) = self.horizon.as_mut() {
            clean_line(h);
        }
        clean_text(&mut self.text);
        for t in &mut self.targets {
            clean_line(&mut t.text);
        }
        sanitize_history(&mut self.history, &mut self.updated_by);
    }
}

/// Whether [`Task::sanitize`] would leave the task as it is: the same strings asked
/// the same way.
fn task_is_clean(t: &Task) -> bool {
    is_clean_line(&t.title)
        && is_clean_text(&t.text)
        && t.updated_by.as_deref().is_none_or(is_clean_line)
        && t.history.iter().all(entry_is_clean)
}

fn entry_is_clean(h: &HistoryEntry) -> bool {
    is_clean_line(&h.by)
        && is_clean_line(&h.field)
        && h.note.as_deref().is_none_or(is_clean_text)
        && h.source.as_deref().is_none_or(is_clean_line)
        && [&h.from, &h.to].into_iter().flatten().all(value_is_clean)
}

fn sanitize_history(history: &mut [HistoryEntry], updated_by: &mut Option<String>) {
    if let Some(b) = updated_by.as_mut() {
        clean_line(b);
    }
    for h in history {
        clean_line(&mut h.by);
        clean_line(&mut h.field);
        if let Some(n) = h.note.as_mut() {
            clean_text(n);
        }
        if let Some(s) = h.source.as_mut() {
            clean_line(s);
        }
        for v in [&mut h.from, &mut h.to].into_iter().flatten() {
            sanitize_value(v);
        }
    }
}

/// Every string inside a JSON value (a history entry's from/to), cleaned in place.
fn sanitize_value(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::String(s) => clean_line(s),
        serde_json::Value::Array(a) => a.iter_mut().for_each(sanitize_value),
        serde_json::Value::Object(o) => o.values_mut().for_each(sanitize_value),
        _ => {}
    }
}

/// Whether [`sanitize_value`] would leave `v` as it is.
fn value_is_clean(v: &serde_json::Value) -> bool {
    match v {
        serde_json::Value::String(s) => is_clean_line(s),
        serde_json::Value::Array(a) => a.iter().all(value_is_clean),
        serde_json::Value::Object(o) => o.values().all(value_is_clean),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{BUNDLED, parse_bytes_as_written};
    use proptest::prelude::*;
    use std::path::Path;

    /// Text with what the cleaning removes or replaces, and what it keeps.
    fn text() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "市水务局",
            "a",
            " ",
            "\n",
            "\t",
            "\u{1b}[31m",
            "\u{200b}",
            "\u{3164}",
            "。",
            "，",
            "“",
            "—",
            "\u{fe0f}",
            "\u{feff}",
            "🇨🇳",
            "\u{2028}",
            "\u{7}",
            "\u{85}",
            "６０％",
            "\u{ffa0}",
            "〔",
            "é",
        ]);
        prop::collection::vec(pieces, 0..6).prop_map(|p| p.concat())
    }

    /// Where in a task a made-up text goes.
    fn put(t: &mut Task, field: usize, s: String) {
        match field % 6 {
            0 => t.title = s,
            1 => t.text = s.into(),
            2 => t.updated_by = Some(s),
            3 => {
                if let Some(h) = t.history.first_mut() {
                    h.note = Some(s);
                } else {
                    t.title.push_str(&s);
                }
            }
            4 => {
                if let Some(h) = t.history.first_mut() {
                    h.to = Some(serde_json::json!([s, { "k": "v" }]));
                }
            }
            _ => {
                if let Some(h) = t.history.first_mut() {
                    h.by = s;
                }
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]

        /// Cleaning only the tasks found to need it gives what cleaning every task
        /// gives, and a task that needs nothing is one the cleaning leaves alone.
        #[test]
        fn cleaning_the_tasks_found_equals_cleaning_them_all(
            edits in prop::collection::vec((0usize..28, 0usize..6, text()), 0..8),
        ) {
            let mut reg = parse_bytes_as_written(Path::new("r.json"), BUNDLED.as_bytes()).unwrap();
            for (task, field, s) in edits {
                put(&mut reg.tasks[task], field, s);
            }
            let dirty = reg.tasks_to_clean();
            let (head, tail) = (reg.tasks_to_clean_in(0..11), reg.tasks_to_clean_in(11..99));
            prop_assert_eq!(&[head, tail].concat(), &dirty);
            let mut all = reg.clone();
            all.sanitize();
            for (i, (before, after)) in reg.tasks.iter().zip(&all.tasks).enumerate() {
                prop_assert_eq!(dirty.contains(&i), before != after, "task {}", i);
            }
            let mut some = reg.clone();
            some.sanitize_tasks_at(&dirty);
            prop_assert_eq!(some, all);
        }
    }
}
