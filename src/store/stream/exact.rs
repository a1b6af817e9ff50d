//! Lists at their exact length: serde grows a list by doubling (from four), so a
//! task's one lead unit had room for four, and 100 000 tasks room for 131 072. Once
//! parsed, each element's own lists and the registry's lists are trimmed.

use crate::registry::{Goal, Measure, Person, Section, Task, Town, Unit};

/// `v` without the room it does not use.
pub fn exact<T>(mut v: Vec<T>) -> Vec<T> {
    v.shrink_to_fit();
    v
}

/// An element whose own lists are trimmed to their length once parsed (serde grows
/// them by doubling from four: a task's one lead unit had room for four).
pub trait Exact {
    fn exact(&mut self) {}
}

impl Exact for Section {}
impl Exact for Measure {}
impl Exact for Person {}

impl Exact for Unit {
    fn exact(&mut self) {
        self.aliases.shrink_to_fit();
    }
}

impl Exact for Town {
    fn exact(&mut self) {
        self.aliases.shrink_to_fit();
    }
}

impl Exact for Goal {
    fn exact(&mut self) {
        self.targets.shrink_to_fit();
        self.sections.shrink_to_fit();
        self.history.shrink_to_fit();
    }
}

impl Exact for Task {
    fn exact(&mut self) {
        self.lead.shrink_to_fit();
        self.responsible.shrink_to_fit();
        self.mentions.shrink_to_fit();
        self.history.shrink_to_fit();
    }
}
