//! Saving off the UI thread: one saver thread takes save jobs from a queue, in
//! order, and runs each through [`store::save_edits_over`] (lock, re-read, apply
//! on top, atomic write — its guarantees are the save's). What happened comes back
//! over a channel the event loop drains between keys, so a key is answered while
//! a save waits for a colleague's lock. A report carries what the screen needs,
//! made ready here ([`Landed`]): nothing new when the file was the version shown,
//! else that version with both indexes built.
//!
//! When the lock is not had within [`SAY_WAITING`], the thread reports so, with
//! who holds it when the system says (`/proc/locks`), before it keeps waiting.

use super::version::Landed;
use crate::registry::Edit;
use crate::store::{self, SaveError, SavedOver};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// How long a save may wait for the lock before the status line says so.
pub const SAY_WAITING: Duration = Duration::from_millis(500);

/// Saves under way in this process (queued or running), for the signal handler:
/// it lets them finish before exiting.
static IN_FLIGHT: AtomicUsize = AtomicUsize::new(0);

/// The edits not yet in the file (queued, running, or kept from a failed save)
/// and their registry: what [`rescue`] writes to the recovery file when the
/// process must exit. The saver thread takes saved edits out itself, so a save
/// that lands while the UI thread is busy is never rescued twice.
static UNSAVED: Mutex<Option<(PathBuf, Vec<Edit>)>> = Mutex::new(None);

/// Set (under [`UNSAVED`]'s lock) once [`rescue`] has taken the unsaved edits: an
/// edit made after that is not saved either (saves are sealed), and the process is
/// on its way out.
static CLOSED: AtomicBool = AtomicBool::new(false);

/// One rescue at a time: the signal thread, the terminal watcher and the event
/// loop may all find the way out at once; the later ones wait for the first, so that
/// no exit cuts its recovery write short, and then find nothing left to write.
static RESCUE: Mutex<()> = Mutex::new(());

fn unsaved() -> std::sync::MutexGuard<'static, Option<(PathBuf, Vec<Edit>)>> {
    UNSAVED.lock().unwrap_or_else(|p| p.into_inner())
}

/// The UI thread's kept edits, when no save is under way (then they are all the
/// unsaved ones): after a discard, a write elsewhere, or recovered edits.
pub fn keep_unsaved(file: &Path, edits: &[Edit]) {
    let mut guard = unsaved();
    if !CLOSED.load(Ordering::SeqCst) {
        *guard = Some((file.to_path_buf(), edits.to_vec()));
    }
}

fn add_unsaved(file: &Path, edits: &[Edit]) {
    let mut guard = unsaved();
    if CLOSED.load(Ordering::SeqCst) {
        return;
    }
    let (_, list) = guard.get_or_insert_with(|| (file.to_path_buf(), Vec::new()));
    for e in edits {
        if !list.contains(e) {
            list.push(e.clone());
        }
    }
}

fn remove_unsaved(edits: &[Edit]) {
    if let Some((_, list)) = unsaved().as_mut() {
        list.retain(|e| !edits.contains(e));
    }
}

/// On the way out (a signal, a lost terminal): lets running saves finish for up to
/// `limit`, then seals saves (one still under way is stopped before its rename and
/// its temporary file removed: see [`store::exit`]) and writes what is still unsaved
/// to the recovery file. Returns where, when something was written.
///
/// An edit whose save landed just before the seal, in the moment before the saver
/// thread took it off the unsaved list, is in both the file and the recovery file;
/// taken back on the next start it changes nothing.
pub fn rescue(limit: Duration) -> Option<Result<PathBuf, String>> {
    let _one = RESCUE.lock().unwrap_or_else(|p| p.into_inner());
    if CLOSED.load(Ordering::SeqCst) {
        // Rescued already: no second wait for a save that was stopped.
        return None;
    }
    wait_for_saves(limit);
    store::exit::seal();
    let taken = {
        let mut guard = unsaved();
        CLOSED.store(true, Ordering::SeqCst);
        guard.take()
    };
    let (file, edits) = taken?;
    if edits.is_empty() {
        return None;
    }
    Some(store::recovery::write(&file, &edits))
}

/// Waits for a [`rescue`] under way on another thread, if any: an exit from the
/// event loop must not cut its recovery write short.
pub fn after_rescue() {
    drop(RESCUE.lock());
}

/// Work for the saver thread.
#[derive(Debug)]
pub struct Job {
    pub file: PathBuf,
    pub edits: Vec<Edit>,
    /// An undo: not itself undoable.
    pub undo: bool,
    /// The version of the file the screen shows with these edits on top, when it
    /// does: if the save finds the file still so, the screen needs nothing from it.
    pub known: Option<crate::store::FileStamp>,
}

/// What the saver thread says back.
#[derive(Debug)]
pub enum Report {
    /// The save of the oldest job has waited [`SAY_WAITING`] for the lock.
    Waiting { holder: Option<(String, u32)> },
    /// The oldest job is done, one way or the other.
    Done {
        edits: Vec<Edit>,
        undo: bool,
        /// What the screen needs of the saved file, made ready on the saver thread.
        result: Box<Result<Landed, SaveError>>,
    },
}

/// The saver thread and its two channels.
pub struct Saver {
    jobs: Option<Sender<Job>>,
    reports: Receiver<Report>,
    thread: Option<JoinHandle<()>>,
    /// Jobs sent and not yet reported done.
    busy: usize,
}

impl Saver {
    /// Starts the saver thread.
    pub fn start() -> Saver {
        let (jobs, queue) = channel::<Job>();
        let (tell, reports) = channel();
        let thread = std::thread::spawn(move || {
            // The version the last save left (see `work`).
            let mut last = None;
            for job in queue {
                work(job, &tell, &mut last);
                IN_FLIGHT.fetch_sub(1, Ordering::SeqCst);
            }
        });
        Saver {
            jobs: Some(jobs),
            reports,
            thread: Some(thread),
            busy: 0,
        }
    }

    /// Queues a save; it runs after those sent before.
    pub fn send(&mut self, job: Job) {
        let Some(jobs) = &self.jobs else { return };
        add_unsaved(&job.file, &job.edits);
        IN_FLIGHT.fetch_add(1, Ordering::SeqCst);
        if jobs.send(job).is_ok() {
            self.busy += 1;
        } else {
            IN_FLIGHT.fetch_sub(1, Ordering::SeqCst);
        }
    }

    /// Whether a save is queued or running.
    pub fn busy(&self) -> bool {
        self.busy > 0
    }

    /// The next report, waiting at most `timeout` for it.
    pub fn next(&mut self, timeout: Duration) -> Option<Report> {
        let report = match self.reports.recv_timeout(timeout) {
            Ok(r) => r,
            Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => return None,
        };
        if matches!(report, Report::Done { .. }) {
            self.busy = self.busy.saturating_sub(1);
        }
        Some(report)
    }
}

impl Drop for Saver {
    /// No more jobs; the thread finishes the queue and ends. Waiting for it is the
    /// caller's choice ([`wait_for_saves`]).
    fn drop(&mut self) {
        self.jobs = None;
        self.thread = None;
    }
}

/// Waits until no save is running or queued, at most `limit`. Returns whether
/// they all finished.
pub fn wait_for_saves(limit: Duration) -> bool {
    let start = Instant::now();
    while IN_FLIGHT.load(Ordering::SeqCst) > 0 {
        if start.elapsed() >= limit {
            return false;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    true
}

fn work(job: Job, tell: &Sender<Report>, last: &mut Option<store::FileStamp>) {
    // Wait a little for the lock first: if it is not had by then, say so (and who
    // holds it) and let the save wait for the rest. Releasing the lock in between
    // is harmless: the save takes it again and re-reads under it.
    let target = job.file.canonicalize().unwrap_or_else(|_| job.file.clone());
    if let Err(store::lock::LockError::TimedOut { lock }) = store::lock::lock(&target, SAY_WAITING)
    {
        let _ = tell.send(Report::Waiting {
            holder: lock_holder(&lock),
        });
    }
    // The versions the screen rests on: the one the job names and, when it names
    // one, the one our previous save left. A file still as our previous save left
    // it is the screen's too: that save's report comes first, and the screen shows
    // these edits on top of it (edits sent before it landed name the version
    // before it). Such a file is streamed into its next version (no second
    // registry at 100 000 tasks); another is read whole.
    let shown: Vec<store::FileStamp> = match job.known {
        Some(known) => std::iter::once(known).chain(*last).collect(),
        None => Vec::new(),
    };
    let result = store::save_edits_over(&job.file, &job.edits, &shown);
    // Saved, or refused for good (an undo of a field changed since): not to be
    // rescued. Any other failure keeps the edits (the dashboard keeps them too).
    let refused = matches!(
        &result,
        Err(SaveError::Edit {
            error: crate::registry::EditError::ChangedSince { .. },
            ..
        })
    );
    if result.is_ok() || refused {
        remove_unsaved(&job.edits);
    }
    // The indexes of a new version are built here, not on the UI thread.
    let result = result.map(|saved| {
        let landed = match saved {
            SavedOver::Shown(s) => Landed::shown(s),
            SavedOver::Read(saved) => {
                let known = saved.read.filter(|read| shown.contains(read));
                Landed::of(*saved, known)
            }
        };
        *last = Some(landed.stamp);
        landed
    });
    let _ = tell.send(Report::Done {
        edits: job.edits,
        undo: job.undo,
        result: Box::new(result),
    });
}

/// Who holds the lock on the file at `lock`: the login and pid of a process that
/// `/proc/locks` shows holding it. Best effort: `None` off Linux or when the
/// holder's details cannot be read.
pub fn lock_holder(lock: &Path) -> Option<(String, u32)> {
    use std::os::unix::fs::MetadataExt;
    let inode = std::fs::metadata(lock).ok()?.ino();
    let locks = std::fs::read_to_string("/proc/locks").ok()?;
    let pid = holder_pid(&locks, inode)?;
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let uid = status
        .lines()
        .find_map(|l| l.strip_prefix("Uid:"))?
        .split_whitespace()
        .next()?
        .parse()
        .ok()?;
    Some((crate::account::login_or_uid(uid), pid))
}

/// The pid holding (not waiting for: those lines carry `->`) a lock on `inode`
/// in `/proc/locks` text, e.g. `1: FLOCK  ADVISORY  WRITE 4242 fd:01:1234 0 EOF`.
pub fn holder_pid(locks: &str, inode: u64) -> Option<u32> {
    locks.lines().find_map(|line| {
        let fields: Vec<&str> = line.split_whitespace().collect();
        if fields.get(1) == Some(&"->") || fields.len() < 6 {
            return None;
        }
        let ino = fields[5].rsplit(':').next()?.parse::<u64>().ok()?;
        (ino == inode).then(|| fields[4].parse().ok()).flatten()
    })
}

#[cfg(test)]
mod tests {
    use super::holder_pid;

    #[test]
    fn the_holder_is_read_from_proc_locks_and_waiters_are_skipped() {
        let locks = "1: FLOCK  ADVISORY  WRITE 4242 fd:01:777 0 EOF\n\
                     1: -> FLOCK  ADVISORY  WRITE 5151 fd:01:999 0 EOF\n\
                     2: POSIX  ADVISORY  READ 99 fd:01:999 0 EOF\n";
        assert_eq!(holder_pid(locks, 777), Some(4242));
        assert_eq!(holder_pid(locks, 999), Some(99));
        assert_eq!(holder_pid(locks, 123), None);
    }
}
