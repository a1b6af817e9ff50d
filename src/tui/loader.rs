//! Another process's save, read off the UI thread. The event loop notices a new
//! stamp (a `stat`, cheap) and starts a [`Loader`]; its thread reads and checks the
//! file (1–2 s at 100 000 tasks), counts what changed against what is shown, and
//! builds both indexes; the UI thread only swaps the result in, and keeps answering
//! keys meanwhile.
//!
//! Counting the changes needs the registry shown, which the UI thread holds as a
//! [`Shared`]: it is lent only once the file is parsed, for the count itself, so an
//! edit made during a load seldom finds it lent (then the edit waits for the count:
//! [`Shared::write`]). A save sent
//! while a load runs cancels the load: the save's own report brings the file's
//! version, and the load's would be older than it.

use super::app::App;
use super::version::{Version, drop_elsewhere};
use crate::registry::{Changes, Registry, Shared, changes_between};
use crate::store::{self, FileStamp, LoadError};
use std::path::Path;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};

/// What a load found.
pub enum Loaded {
    /// The file's new version, with both indexes, and what changed.
    Version {
        stamp: FileStamp,
        version: Box<Version>,
        changes: Changes,
    },
    /// The file does not load (said once per version).
    Broken { stamp: FileStamp, error: LoadError },
}

enum Said {
    /// Parsed: the thread waits for the registry shown, to count the changes.
    Parsed,
    Done(Loaded),
}

struct Running {
    said: Receiver<Said>,
    /// Where the registry shown is lent, once asked for.
    lend: Option<Sender<Arc<Registry>>>,
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
        let file = file.to_path_buf();
        let started = std::thread::Builder::new()
            .name("reload".into())
            .spawn(move || load(&file, stamp, &tell, &lent));
        if started.is_ok() {
            self.running = Some(Running {
                said,
                lend: Some(lend),
            });
        }
    }

    /// Forgets the running load: its thread ends on its own, freeing what it read
    /// there.
    pub fn cancel(&mut self) {
        self.running = None;
    }

    /// Lends `shown` when the load asks for it; the load's result once it is done.
    pub fn poll(&mut self, shown: &Shared) -> Option<Loaded> {
        let running = self.running.as_mut()?;
        loop {
            match running.said.try_recv() {
                Ok(Said::Parsed) => {
                    if let Some(lend) = running.lend.take() {
                        let _ = lend.send(shown.reader());
                    }
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

/// The load's thread: everything slow about a reload happens here.
fn load(file: &Path, stamp: FileStamp, tell: &Sender<Said>, lent: &Receiver<Arc<Registry>>) {
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
    let Ok(shown) = lent.recv() else { return };
    let changes = changes_between(&shown, &reg);
    drop(shown);
    let version = Box::new(Version::new(reg));
    let _ = tell.send(Said::Done(Loaded::Version {
        stamp,
        version,
        changes,
    }));
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
        Loaded::Broken { stamp, error } => {
            *reported = Some(stamp);
            let word = app.w().status.file_broken;
            let e = crate::words::load_error(app.lang, &error);
            app.message = Some(format!("{word}: {e}"));
        }
    }
}
