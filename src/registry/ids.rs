//! Task id → position without a copy of each id: a hash table of `u32` positions
//! whose entries are told apart by the ids in the registry itself. A map from
//! owned ids cost some 50 bytes a task (the id cloned, its key, its value); this
//! costs 8 (two slots of 4 per task).

use super::Registry;
use super::positions::stored;
use foldhash::fast::RandomState;
use std::hash::BuildHasher;

/// An empty slot.
const EMPTY: u32 = u32::MAX;

/// Open addressing with linear probing, at most half full: a hit looks at 1.5
/// slots on average, a miss at 2.5.
#[derive(Debug, Clone, Default)]
pub(super) struct TaskIds {
    hasher: RandomState,
    slots: Box<[u32]>,
}

impl TaskIds {
    /// Every task's id. For an id held by several tasks (an unvalidated file) the
    /// last one is found, as a map filled in task order would keep it.
    pub(super) fn build(reg: &Registry) -> TaskIds {
        let n = reg.tasks.len();
        let mut ids = TaskIds {
            hasher: RandomState::default(),
            slots: vec![EMPTY; if n == 0 { 0 } else { 2 * n + 1 }].into_boxed_slice(),
        };
        for (i, t) in reg.tasks.iter().enumerate() {
            let mut at = ids.home(&t.id);
            loop {
                let s = ids.slots[at];
                if s == EMPTY || reg.tasks[s as usize].id == t.id {
                    ids.slots[at] = stored(i);
                    break;
                }
                at = ids.after(at);
            }
        }
        ids
    }

    /// The position of the task with id `id` in `reg`, the registry this was built
    /// from (in another, only a task that really has that id is found).
    pub(super) fn find(&self, reg: &Registry, id: &str) -> Option<usize> {
        if self.slots.is_empty() {
            return None;
        }
        let mut at = self.home(id);
        loop {
            let s = self.slots[at];
            if s == EMPTY {
                return None;
            }
            if reg.tasks.get(s as usize).is_some_and(|t| t.id == id) {
                return Some(s as usize);
            }
            at = self.after(at);
        }
    }

    /// Bytes on the heap.
    pub(super) fn heap_bytes(&self) -> usize {
        std::mem::size_of_val(&*self.slots)
    }

    /// The slot an id's probe starts at: the hash scaled to the table's length.
    fn home(&self, id: &str) -> usize {
        let h = self.hasher.hash_one(id);
        ((u128::from(h) * self.slots.len() as u128) >> 64) as usize
    }

    fn after(&self, at: usize) -> usize {
        if at + 1 == self.slots.len() {
            0
        } else {
            at + 1
        }
    }
}
