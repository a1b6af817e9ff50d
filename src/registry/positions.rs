//! The task lists of the [`Index`](super::Index) as the views read them. The index
//! keeps task positions as `u32`, half a `usize` (at 100 000 tasks its lists hold
//! some 600 000 of them), and hands each out as a `usize` again; a town's list is
//! its own ties merged on read with the one list of 各镇(区) tasks, which every town
//! shares instead of holding a copy.

use super::TownLink;

/// A task position as the index keeps it. A registry has far fewer than 2³¹ tasks:
/// each takes well over a hundred bytes of memory. Below 2³¹: the top bit is a
/// flag in [`Own`].
pub(super) fn stored(task: usize) -> u32 {
    u32::try_from(task)
        .ok()
        .filter(|&t| t < MENTIONED)
        .expect("fewer than 2^31 tasks (each takes over 100 bytes of memory)")
}

/// Task positions in task order (ascending, each once).
#[derive(Debug, Clone, Copy, Default)]
pub struct TaskList<'a>(pub(super) &'a [u32]);

impl<'a> TaskList<'a> {
    #[inline]
    pub fn len(self) -> usize {
        self.0.len()
    }
    #[inline]
    pub fn is_empty(self) -> bool {
        self.0.is_empty()
    }
    /// The positions, in task order.
    #[inline]
    pub fn iter(self) -> TaskIter<'a> {
        TaskIter(self.0.iter())
    }
    /// The `i`-th position of the list.
    #[inline]
    pub fn get(self, i: usize) -> Option<usize> {
        self.0.get(i).map(|&t| t as usize)
    }
    /// Whether `task` is on the list: a binary search, the list being in task order.
    #[inline]
    pub fn contains(self, task: usize) -> bool {
        u32::try_from(task).is_ok_and(|t| self.0.binary_search(&t).is_ok())
    }
}

impl<'a> IntoIterator for TaskList<'a> {
    type Item = usize;
    type IntoIter = TaskIter<'a>;
    #[inline]
    fn into_iter(self) -> TaskIter<'a> {
        self.iter()
    }
}

/// The positions of a [`TaskList`], as `usize`.
#[derive(Debug, Clone)]
pub struct TaskIter<'a>(std::slice::Iter<'a, u32>);

impl Iterator for TaskIter<'_> {
    type Item = usize;
    #[inline]
    fn next(&mut self) -> Option<usize> {
        self.0.next().map(|&t| t as usize)
    }
    #[inline]
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.0.size_hint()
    }
    #[inline]
    fn nth(&mut self, n: usize) -> Option<usize> {
        self.0.nth(n).map(|&t| t as usize)
    }
}

impl DoubleEndedIterator for TaskIter<'_> {
    #[inline]
    fn next_back(&mut self) -> Option<usize> {
        self.0.next_back().map(|&t| t as usize)
    }
}

impl ExactSizeIterator for TaskIter<'_> {}

/// The top bit of [`Own`]'s `before`: the town is only mentioned.
const MENTIONED: u32 = 1 << 31;

/// A task tied to a town by name or by mention, with how many 各镇(区) tasks come
/// before it: where it falls among them, so that a town's list is read with no
/// compare of one list against the other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Own {
    task: u32,
    /// The count, and [`MENTIONED`].
    before: u32,
}

impl Own {
    /// `link` is `Explicit` or `Mentioned` (a 各镇(区) task is on the shared list).
    pub(super) fn new(task: u32, before: usize, link: TownLink) -> Own {
        let flag = if link == TownLink::Mentioned {
            MENTIONED
        } else {
            0
        };
        Own {
            task,
            before: stored(before) | flag,
        }
    }
    #[inline]
    fn before(self) -> usize {
        (self.before & !MENTIONED) as usize
    }
    #[inline]
    fn link(self) -> TownLink {
        if self.before & MENTIONED == 0 {
            TownLink::Explicit
        } else {
            TownLink::Mentioned
        }
    }
}

/// A town's tasks in task order with how the town is tied to each: its own ties
/// (named, mentioned) placed among the 各镇(区) tasks every town shares. A 各镇(区)
/// task that also names the town is listed once, as named.
#[derive(Debug, Clone)]
pub struct TownTasks<'a> {
    pub(super) own: &'a [Own],
    pub(super) all: &'a [u32],
    /// The next of `all`.
    pub(super) at: usize,
    /// How many are left.
    pub(super) left: usize,
}

impl Iterator for TownTasks<'_> {
    type Item = (usize, TownLink);

    #[inline]
    fn next(&mut self) -> Option<(usize, TownLink)> {
        let all = match self.own.first() {
            Some(&o) if self.at >= o.before() => {
                self.own = &self.own[1..];
                if o.link() == TownLink::Explicit && self.all.get(self.at) == Some(&o.task) {
                    self.at += 1;
                }
                self.left -= 1;
                return Some((o.task as usize, o.link()));
            }
            _ => *self.all.get(self.at)?,
        };
        self.at += 1;
        self.left -= 1;
        Some((all as usize, TownLink::AllTowns))
    }

    /// The whole list in one call (`for_each`, `count`, `fold`…): the 各镇(区)
    /// tasks between two of the town's own are a run of their own.
    #[inline]
    fn fold<B, F>(self, init: B, mut f: F) -> B
    where
        F: FnMut(B, (usize, TownLink)) -> B,
    {
        let (all, mut at) = (self.all, self.at);
        let mut acc = init;
        for &o in self.own {
            let upto = o.before().max(at);
            for &t in &all[at..upto] {
                acc = f(acc, (t as usize, TownLink::AllTowns));
            }
            at = upto;
            if o.link() == TownLink::Explicit && all.get(at) == Some(&o.task) {
                at += 1;
            }
            acc = f(acc, (o.task as usize, o.link()));
        }
        for &t in &all[at.min(all.len())..] {
            acc = f(acc, (t as usize, TownLink::AllTowns));
        }
        acc
    }

    #[inline]
    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.left, Some(self.left))
    }
}

impl ExactSizeIterator for TownTasks<'_> {}
