//! The dashboard's registry, shared for reading with the thread that builds the
//! search index at start-up (so the first frame does not wait for that index).
//! It reads as a [`Registry`]; writing to it first waits for the other readers to
//! be done, so the registry is never copied.

use super::Registry;
use std::ops::{Deref, DerefMut};
use std::sync::Arc;
use std::time::Duration;

#[derive(Debug)]
pub struct Shared(Arc<Registry>);

impl Shared {
    pub fn new(reg: Registry) -> Shared {
        Shared(Arc::new(reg))
    }

    /// Another handle to read the registry with, on another thread. Writing through
    /// the [`Shared`] waits until every such handle is dropped.
    pub fn reader(&self) -> Arc<Registry> {
        Arc::clone(&self.0)
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
        *self.0 == *other
    }
}

impl Deref for Shared {
    type Target = Registry;
    fn deref(&self) -> &Registry {
        &self.0
    }
}

impl DerefMut for Shared {
    fn deref_mut(&mut self) -> &mut Registry {
        // Readers are short-lived (an index build, under a second at 100 000 tasks):
        // an edit made before it ends waits for it rather than copy the registry.
        while Arc::strong_count(&self.0) > 1 {
            std::thread::sleep(Duration::from_millis(1));
        }
        // Now the only handle: make_mut hands it out without copying.
        Arc::make_mut(&mut self.0)
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
        shared.tasks[0].progress = 42;
        // The write went to the same registry, after the reader let go of it.
        assert!(std::ptr::eq(before, &*shared));
        assert!(t.join().unwrap() > 0);
        assert_eq!(shared.tasks[0].progress, 42);
    }
}
