//! The dashboard's registry, shared for reading with the threads that need it
//! for a while without holding up the screen: the one building the search index
//! at start-up (so the first frame does not wait for that index), and a reload's,
//! which counts what another process's save changed against what is shown.
//! It reads as a [`Registry`]; it is written only through [`Shared::write`], which
//! marks a new generation (what is kept from the registry, like the problem list,
//! is made again) and first waits for the other readers to be done, so the
//! registry is never copied.

use super::Registry;
use std::ops::Deref;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

#[derive(Debug)]
pub struct Shared {
    reg: Arc<Registry>,
    /// Changes whenever the registry may have changed (a new one, or any write):
    /// what is computed from the registry can be kept while it stays the same.
    generation: u64,
}

/// Generations are unique in the process: a registry swapped in by a reload never
/// has the generation of the one it replaces.
static NEXT_GENERATION: AtomicU64 = AtomicU64::new(1);

fn next_generation() -> u64 {
    NEXT_GENERATION.fetch_add(1, Ordering::Relaxed)
}

impl Shared {
    pub fn new(reg: Registry) -> Shared {
        Shared {
            reg: Arc::new(reg),
            generation: next_generation(),
        }
    }

    /// Differs from every earlier generation once the registry was written to or
    /// replaced.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Another handle to read the registry with, on another thread. Writing through
    /// the [`Shared`] waits until every such handle is dropped.
    pub fn reader(&self) -> Arc<Registry> {
        Arc::clone(&self.reg)
    }

    /// How many handles from [`Shared::reader`] are still held (a write would wait
    /// for them).
    pub fn readers(&self) -> usize {
        Arc::strong_count(&self.reg) - 1
    }

    /// The registry to change: the one way to write to it. Marks a new generation,
    /// and waits for the readers first. They are short-lived (the search index
    /// build, under a second at 100 000 tasks; a reload's count of its changes,
    /// once the file is parsed): an edit made meanwhile waits for them rather than
    /// copy the registry.
    pub fn write(&mut self) -> &mut Registry {
        self.generation = next_generation();
        while Arc::strong_count(&self.reg) > 1 {
            std::thread::sleep(Duration::from_millis(1));
        }
        // Now the only handle: make_mut hands it out without copying.
        Arc::make_mut(&mut self.reg)
    }
}

impl From<Registry> for Shared {
    fn from(reg: Registry) -> Shared {
        Shared::new(reg)
    }
}

/// Compares the registries (tests compare the dashboard's with the file's).
impl PartialEq<Registry> for Shared {
    fn eq(&self, other: &Registry) -> bool {
        *self.reg == *other
    }
}

impl Deref for Shared {
    type Target = Registry;
    fn deref(&self) -> &Registry {
        &self.reg
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{BUNDLED, parse_bytes};
    use std::path::Path;

    #[test]
    fn writing_waits_for_readers_and_never_copies() {
        let reg = parse_bytes(Path::new("r.json"), BUNDLED.as_bytes()).unwrap();
        let mut shared = Shared::new(reg);
        let reader = shared.reader();
        let before: *const Registry = &*shared;
        let t = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(30));
            reader.tasks.len()
        });
        shared.write().tasks[0].progress = 42;
        // The write went to the same registry, after the reader let go of it.
        assert!(std::ptr::eq(before, &*shared));
        assert!(t.join().unwrap() > 0);
        assert_eq!(shared.readers(), 0);
        assert_eq!(shared.tasks[0].progress, 42);
    }

    #[test]
    fn a_write_or_a_new_registry_changes_the_generation() {
        let reg = parse_bytes(Path::new("r.json"), BUNDLED.as_bytes()).unwrap();
        let mut shared = Shared::new(reg.clone());
        let first = shared.generation();
        let _ = shared.tasks.len();
        assert_eq!(shared.generation(), first);
        shared.write().tasks[0].progress = 7;
        let second = shared.generation();
        assert_ne!(second, first);
        shared = Shared::new(reg);
        assert!(![first, second].contains(&shared.generation()));
    }
}
