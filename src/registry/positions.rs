//! The task lists of the [`Index`](super::Index) as the views read them. The index
//! keeps task positions as `u32`, half a `usize` (at 100 000 tasks its lists hold
//! some 600 000 of them), and hands each out as a `usize` again; a town's list is
//! its own ties merged on read with the one list of 各镇(区) tasks, which every town
//! shares instead of holding a copy.

use super::TownLink;

/// A task position as the index keeps it. A registry has fewer than 2³² tasks:
/// each takes well over a hundred bytes of memory.
pub(super) fn stored(task: usize) -> u32 {
    u32::try_from(task).expect("fewer than 2^32 tasks (each takes over 100 bytes of memory)")
}

/// Task positions in task order (ascending, each once).
#[derive(Debug, Clone, Copy, Default)]
pub struct TaskList<'a>(pub(super) &'a [u32]);

impl<'a> TaskList<'a> {
    pub fn len(self) -> usize {
        self.0.len()
    }
    pub fn is_empty(self) -> bool {
        self.0.is_empty()
    }
    /// The positions, in task order.
    pub fn iter(self) -> TaskIter<'a> {
        TaskIter(self.0.iter())
    }
    /// The `i`-th position of the list.
    pub fn get(self, i: usize) -> Option<usize> {
        self.0.get(i).map(|&t| t as usize)
    }
    /// Whether `task` is on the list: a binary search, the list being in task order.
    pub fn contains(self, task: usize) -> bool {
        u32::try_from(task).is_ok_and(|t| self.0.binary_search(&t).is_ok())
    }
}

impl<'a> IntoIterator for TaskList<'a> {
    type Item = usize;
    type IntoIter = TaskIter<'a>;
    fn into_iter(self) -> TaskIter<'a> {
        self.iter()
    }
}

/// The positions of a [`TaskList`], as `usize`.
#[derive(Debug, Clone)]
pub struct TaskIter<'a>(std::slice::Iter<'a, u32>);

impl Iterator for TaskIter<'_> {
    type Item = usize;
    fn next(&mut self) -> Option<usize> {
        self.0.next().map(|&t| t as usize)
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.0.size_hint()
    }
    fn nth(&mut self, n: usize) -> Option<usize> {
        self.0.nth(n).map(|&t| t as usize)
    }
}

impl DoubleEndedIterator for TaskIter<'_> {
    fn next_back(&mut self) -> Option<usize> {
        self.0.next_back().map(|&t| t as usize)
    }
}

impl ExactSizeIterator for TaskIter<'_> {}

/// A town's tasks in task order with how the town is tied to each: three lists in
/// task order merged as they are read. `named` and `all` may share a task (named
/// wins); `mentioned` holds only tasks in neither.
#[derive(Debug, Clone)]
pub struct TownTasks<'a> {
    pub(super) named: &'a [u32],
    pub(super) all: &'a [u32],
    pub(super) mentioned: &'a [u32],
}

impl Iterator for TownTasks<'_> {
    type Item = (usize, TownLink);

    fn next(&mut self) -> Option<(usize, TownLink)> {
        let (n, a, m) = (self.named.first(), self.all.first(), self.mentioned.first());
        let next = *[n, a, m].into_iter().flatten().min()?;
        // The strongest tie wins, as TownLink orders them.
        let link = if n == Some(&next) {
            TownLink::Explicit
        } else if a == Some(&next) {
            TownLink::AllTowns
        } else {
            TownLink::Mentioned
        };
        for list in [&mut self.named, &mut self.all, &mut self.mentioned] {
            if list.first() == Some(&next) {
                *list = &list[1..];
            }
        }
        Some((next as usize, link))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let (n, a, m) = (self.named.len(), self.all.len(), self.mentioned.len());
        (n.max(a) + m, Some(n + a + m))
    }
}
