//! Saves and the process's exit. A dashboard that must exit (SIGHUP, SIGTERM, a lost
//! terminal) gives a running save a bounded wait; when the wait ends first, exiting
//! would leave the save's temporary file beside the registry. So every temporary
//! file [`super::write_atomic`] creates is registered here, and [`seal`] — the way
//! out, after the wait — stops any save from creating or renaming one from then on
//! and removes those that are there. Each save is thus either renamed into place
//! before the seal or refused after it, its temporary file gone: never half done
//! (its edits, not in the file, go to the recovery file).

use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use tempfile::NamedTempFile;

struct Temps {
    sealed: bool,
    paths: Vec<PathBuf>,
}

/// The temporary files under way and whether the seal is on: one for the process
/// ([`GATE`]); tests make their own.
pub(crate) struct Gate(Mutex<Temps>);

static GATE: Gate = Gate::new();

impl Gate {
    const fn new() -> Gate {
        Gate(Mutex::new(Temps {
            sealed: false,
            paths: Vec::new(),
        }))
    }

    fn temps(&self) -> MutexGuard<'_, Temps> {
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn seal(&self) {
        let mut t = self.temps();
        t.sealed = true;
        for p in t.paths.drain(..) {
            let _ = std::fs::remove_file(p);
        }
    }
}

fn refused() -> io::Error {
    io::Error::other("dubang is exiting")
}

/// From now on no save creates or renames a temporary file; the temporary files of
/// saves under way are removed. Waits only for a rename in progress (microseconds).
pub fn seal() {
    GATE.seal();
}

/// Whether a temporary file follows the seal: a save's does; the recovery file's,
/// written on the way out after the seal, does not.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Save,
    Exit,
}

/// A save's temporary file, registered until it is renamed into place or dropped
/// (and removed).
pub(crate) struct Temp {
    file: Option<NamedTempFile>,
    kind: Kind,
    gate: &'static Gate,
}

impl Temp {
    /// Creates the file with `make`, unless the process is exiting.
    pub(crate) fn create(
        kind: Kind,
        make: impl FnOnce() -> io::Result<NamedTempFile>,
    ) -> io::Result<Temp> {
        Temp::create_in(&GATE, kind, make)
    }

    fn create_in(
        gate: &'static Gate,
        kind: Kind,
        make: impl FnOnce() -> io::Result<NamedTempFile>,
    ) -> io::Result<Temp> {
        let mut t = gate.temps();
        if kind == Kind::Save && t.sealed {
            return Err(refused());
        }
        let file = make()?;
        if kind == Kind::Save {
            t.paths.push(file.path().to_path_buf());
        }
        Ok(Temp {
            file: Some(file),
            kind,
            gate,
        })
    }

    pub(crate) fn as_file(&self) -> &File {
        self.file
            .as_ref()
            .expect("present until persisted")
            .as_file()
    }

    /// Renames the file over `target`, unless the process is exiting (then the seal
    /// has removed it).
    pub(crate) fn persist(mut self, target: &Path) -> io::Result<()> {
        let file = self.file.take().expect("present until persisted");
        let path = file.path().to_path_buf();
        let mut t = self.gate.temps();
        if self.kind == Kind::Save && t.sealed {
            return Err(refused());
        }
        let result = file.persist(target).map(drop).map_err(|e| e.error);
        t.paths.retain(|p| *p != path);
        result
    }
}

impl Drop for Temp {
    fn drop(&mut self) {
        if let Some(file) = self.file.take() {
            let path = file.path().to_path_buf();
            // Removed before it leaves the list: the seal never misses it.
            drop(file);
            self.gate.temps().paths.retain(|p| *p != path);
        }
    }
}

/// A pause before a save's rename, for tests only: `DUBANG_TEST_SLOW_SAVE_MS` in a debug
/// build, so that a test can hang up a dashboard in the middle of a save.
pub(crate) fn pause_for_tests() {
    #[cfg(debug_assertions)]
    if let Some(ms) = std::env::var("DUBANG_TEST_SLOW_SAVE_MS")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        std::thread::sleep(std::time::Duration::from_millis(ms));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// On a gate of its own (the process's is for the whole test binary): before it a temporary file is renamed into place; after it the one
    /// under way is gone, its rename refused, and no new one is made — but the
    /// recovery file's still is.
    #[test]
    fn the_seal_removes_temporaries_and_refuses_saves() {
        let gate: &'static Gate = Box::leak(Box::new(Gate::new()));
        let dir = tempfile::tempdir().unwrap();
        let make = || NamedTempFile::new_in(dir.path());
        let target = dir.path().join("registry.json");
        Temp::create_in(gate, Kind::Save, make)
            .unwrap()
            .persist(&target)
            .unwrap();
        assert!(target.exists());
        let dropped = Temp::create_in(gate, Kind::Save, make).unwrap();
        drop(dropped);
        let under_way = Temp::create_in(gate, Kind::Save, make).unwrap();
        let temps_in = || std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(temps_in(), 2, "the registry and one temporary");
        gate.seal();
        assert_eq!(temps_in(), 1, "the temporary removed");
        let e = under_way
            .persist(&dir.path().join("other.json"))
            .unwrap_err();
        assert_eq!(e.to_string(), "dubang is exiting");
        assert!(Temp::create_in(gate, Kind::Save, make).is_err());
        let exit = Temp::create_in(gate, Kind::Exit, make).unwrap();
        exit.persist(&dir.path().join("recovery.json")).unwrap();
        assert_eq!(temps_in(), 2, "the registry and the recovery file");
    }
}
