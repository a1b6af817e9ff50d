//! Another process's save, read off the UI thread. The event loop notices a new
//! stamp (a `stat`, cheap) and starts a [`Loader`]; its thread reads and checks the
//! file (1–2 s at 100 000 tasks), counts what changed against what is shown, and
//! builds both indexes; the UI thread only swaps the result in, and keeps answering
//! keys meanwhile.
//!
//! First the file is read against the registry shown, a task at a time
//! ([`store::patch`]): when only what edits change differs (a colleague's dubang
//! saved), only those tasks come back, and the UI thread puts them in place — no
//! second registry (80 MB at 100 000 tasks) and no index to build. Otherwise the
//! file is read whole as before, and the registry shown is lent again once it is
//! parsed, to count the changes.
//!
//! The UI thread holds the registry shown as a [`Shared`] and lends it to this
//! thread; an edit waits for it to be given back ([`Shared::write`]). A save sent
//! while a load runs cancels the load first, and a cancelled load lets go of what
//! it was lent at once (it looks between tasks): the save's own report brings the
//! file's version, and the load's would be older than it.

use super::app::App;
use super::version::{Version, drop_elsewhere};
use crate::registry::{Changes, Goal, Registry, Shared, Task, changes_between, changes_in};
use crate::store::{self, FileStamp, LoadError, Patch};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};

/// What a load found.
pub enum Loaded {
    /// The file's new version, with both indexes, and what changed.
    Version {
        stamp: FileStamp,
        version: Box<Version>,
        changes: Changes,
    },
    /// The file's new version differs from the one shown in what edits change
    /// only: those tasks and goals, and what changed. `generation`: the
    /// registry's that it was read against ([`Shared::generation`]).
    Patch {
        stamp: FileStamp,
        patch: Patch,
        changes: Changes,
        generation: u64,
    },
    /// The file does not load (said once per version).
    Broken { stamp: FileStamp, error: LoadError },
}

enum Said {
    /// Started: the thread waits for the registry shown, to read the file against
    /// it (none is lent when edits are kept on top of it: then read whole).
    Started,
    /// Parsed whole: the thread waits for the registry shown, to count the changes.
    Parsed,
    Done(Loaded),
}

/// The registry shown, lent, with its generation.
type Lent = Option<(Arc<Registry>, u64)>;

struct Running {
    said: Receiver<Said>,
    /// Where the registry shown is lent, when asked for.
    lend: Sender<Lent>,
    /// Set to make the thread give up and let go of what it was lent.
    stop: Arc<AtomicBool>,
}

/// At most one load at a time.
#[derive(Default)]
pub struct Loader {
    running: Option<Running>,
}

impl Loader {
    /// Whether a load runs.
    pub fn busy(&self) -> bool {
        self.running.is_some()
    }

    /// Reads `file`, whose stamp is now `stamp`, on a thread of its own.
    pub fn start(&mut self, file: &Path, stamp: FileStamp) {
        let (tell, said) = channel();
        let (lend, lent) = channel();
        let stop = Arc::new(AtomicBool::new(false));
        let file = file.to_path_buf();
        let stopped = Arc::clone(&stop);
        let started = std::thread::Builder::new()
            .name("reload".into())
            .spawn(move || load(&file, stamp, &tell, &lent, &stopped));
        if started.is_ok() {
            self.running = Some(Running { said, lend, stop });
        }
    }

    /// Forgets the running load: its thread gives up between two tasks, letting
    /// go of the registry it was lent, and frees what it read there.
    pub fn cancel(&mut self) {
        if let Some(running) = self.running.take() {
            running.stop.store(true, Ordering::Relaxed);
        }
    }

    /// Lends `shown` when the load asks for it (to read the file against it only
    /// when `patchable`: no edit is kept on top of it); the load's result once it
    /// is done.
    pub fn poll(&mut self, shown: &Shared, patchable: bool) -> Option<Loaded> {
        let running = self.running.as_mut()?;
        let lent = || Some((shown.reader(), shown.generation()));
        loop {
            match running.said.try_recv() {
                Ok(Said::Started) => {
                    let _ = running.lend.send(if patchable { lent() } else { None });
                }
                Ok(Said::Parsed) => {
                    let _ = running.lend.send(lent());
                }
                Ok(Said::Done(loaded)) => {
                    self.running = None;
                    return Some(loaded);
                }
                Err(TryRecvError::Empty) => return None,
                Err(TryRecvError::Disconnected) => {
                    self.running = None;
                    return None;
                }
            }
        }
    }
}

impl Drop for Loader {
    fn drop(&mut self) {
        self.cancel();
    }
}

/// The load's thread: everything slow about a reload happens here.
fn load(
    file: &Path,
    stamp: FileStamp,
    tell: &Sender<Said>,
    lent: &Receiver<Lent>,
    stop: &AtomicBool,
) {
    if tell.send(Said::Started).is_err() {
        return;
    }
    // Cancelled before it was lent: the UI dropped its end.
    let Ok(shown) = lent.recv() else { return };
    if let Some((shown, generation)) = shown {
        let patch = store::patch(file, &shown, stop);
        if stop.load(Ordering::Relaxed) {
            return;
        }
        if let Some(patch) = patch {
            let changes = changes_of(&shown, &patch);
            drop(shown);
            let _ = tell.send(Said::Done(Loaded::Patch {
                stamp,
                patch,
                changes,
                generation,
            }));
            return;
        }
    }
    let reg = match store::load(file) {
        Ok(reg) => reg,
        Err(error) => {
            let _ = tell.send(Said::Done(Loaded::Broken { stamp, error }));
            return;
        }
    };
    if tell.send(Said::Parsed).is_err() {
        return;
    }
    // Cancelled while parsing: the UI dropped its end.
    let Ok(Some((shown, _))) = lent.recv() else {
        return;
    };
    let changes = changes_between(&shown, &reg);
    drop(shown);
    let version = Box::new(Version::new(reg));
    let _ = tell.send(Said::Done(Loaded::Version {
        stamp,
        version,
        changes,
    }));
}

/// What a patch changes against `shown`, counted as for a whole version.
fn changes_of(shown: &Registry, patch: &Patch) -> Changes {
    let old: Vec<Task> = patch
        .tasks
        .iter()
        .map(|(i, _)| shown.tasks[*i].clone())
        .collect();
    let new: Vec<Task> = patch.tasks.iter().map(|(_, t)| t.clone()).collect();
    let goals: &[Goal] = patch.goals.as_deref().unwrap_or(&shown.goals);
    changes_in(&old, &new, &shown.goals, goals)
}

/// Looks at the file's stamp (once a second, when no save runs): starts a load
/// when someone else changed it, says so when it is gone. Returns whether to redraw.
pub fn check_file(app: &mut App, loader: &mut Loader, reported: &Option<FileStamp>) -> bool {
    let now_stamp = match FileStamp::of(&app.file) {
        Ok(s) => s,
        Err(_) => {
            if app.stamp.is_some() {
                app.stamp = None;
                let word = app.w().status.file_gone;
                app.message = Some(format!("{word}: {} — w", app.file.display()));
                return true;
            }
            return false;
        }
    };
    // Our own save's stamp, or a broken version already said: nothing to do.
    if app.stamp == Some(now_stamp) || *reported == Some(now_stamp) {
        return false;
    }
    loader.start(&app.file, now_stamp);
    false
}

/// Takes a finished load: the new version swapped in, or why the file is broken
/// (said once: `reported` keeps its stamp).
pub fn take(app: &mut App, loaded: Loaded, reported: &mut Option<FileStamp>) {
    match loaded {
        Loaded::Version {
            stamp,
            version,
            changes,
        } => {
            app.stamp = Some(stamp);
            *reported = None;
            drop_elsewhere(app.reloaded_version(*version, &changes));
        }
        Loaded::Patch {
            stamp,
            patch,
            changes,
            generation,
        } => {
            // Read against a registry no longer shown (a save's version was swapped
            // in meanwhile): dropped; the next look at the file reads it again if
            // it still differs.
            if app.reg.generation() != generation {
                return;
            }
            app.stamp = Some(stamp);
            *reported = None;
            drop_elsewhere(app.reloaded_patch(patch, &changes));
        }
        Loaded::Broken { stamp, error } => {
            *reported = Some(stamp);
            let word = app.w().status.file_broken;
            let e = crate::words::load_error(app.lang, &error);
            app.message = Some(format!("{word}: {e}"));
        }
    }
}
