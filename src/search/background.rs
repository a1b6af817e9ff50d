//! The search index built on its own thread: at 100 000 tasks it takes longer than
//! the rest of start-up together, and the first frame does not need it. Whoever
//! asks for it before it is done waits for it (a search typed during start-up runs
//! once the index is ready, with every hit).

use super::SearchIndex;
use crate::registry::Registry;
use std::ops::Deref;
use std::sync::{Arc, Mutex, OnceLock};
use std::thread::JoinHandle;

#[derive(Debug)]
pub struct Background {
    ready: OnceLock<SearchIndex>,
    building: Mutex<Option<JoinHandle<SearchIndex>>>,
}

impl Background {
    /// Starts building the index of `reg` on its own thread; the thread lets go of
    /// `reg` when it is done.
    pub fn spawn(reg: Arc<Registry>) -> Background {
        let spawned = std::thread::Builder::new()
            .name("search-index".into())
            .spawn({
                let reg = Arc::clone(&reg);
                move || SearchIndex::build(&reg)
            });
        match spawned {
            Ok(handle) => Background {
                ready: OnceLock::new(),
                building: Mutex::new(Some(handle)),
            },
            // No thread to be had (a process limit): build it here, as before.
            Err(_) => SearchIndex::build(&reg).into(),
        }
    }

    /// Whether the index is built (asking for it would not wait).
    pub fn is_ready(&self) -> bool {
        self.ready.get().is_some()
            || self
                .building
                .lock()
                .map(|b| b.as_ref().is_none_or(|h| h.is_finished()))
                .unwrap_or(true)
    }

    /// The index, waiting for its thread if it is still building.
    pub fn get(&self) -> &SearchIndex {
        self.ready.get_or_init(|| {
            let handle = self.building.lock().ok().and_then(|mut b| b.take());
            match handle.map(JoinHandle::join) {
                Some(Ok(index)) => index,
                // The build panicked: the same panic, here, as when it ran inline.
                Some(Err(panic)) => std::panic::resume_unwind(panic),
                // Unreachable: `ready` is empty only while a handle is kept.
                None => unreachable!("a search index neither built nor building"),
            }
        })
    }
}

impl From<SearchIndex> for Background {
    /// An index already built (a reload builds its own).
    fn from(index: SearchIndex) -> Background {
        Background {
            ready: OnceLock::from(index),
            building: Mutex::new(None),
        }
    }
}

impl Deref for Background {
    type Target = SearchIndex;
    fn deref(&self) -> &SearchIndex {
        self.get()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{BUNDLED, parse_bytes};
    use std::path::Path;

    #[test]
    fn built_on_its_thread_it_finds_what_an_index_built_here_finds() {
        let reg = Arc::new(parse_bytes(Path::new("r.json"), BUNDLED.as_bytes()).unwrap());
        let bg = Background::spawn(Arc::clone(&reg));
        let here = SearchIndex::build(&reg);
        for q in ["swj", "水务", "wushui", "t12"] {
            assert_eq!(bg.search(q, 50), here.search(q, 50), "{q}");
        }
        assert!(bg.is_ready());
        // The thread has let go of the registry.
        assert_eq!(Arc::strong_count(&reg), 1);
    }
}
