//! The advisory lock that serialises saves of one registry file.
//!
//! The lock is taken on a sidecar file, `.<name>.lock` next to the registry (after
//! following symlinks), never on the registry itself: that one is replaced by rename on
//! every save, so a lock on it would guard an inode nobody opens again. The sidecar is
//! created on first use and never removed (removing lock files reopens the race they
//! close). `std::fs::File::lock` is `flock(2)` on Linux: released when the lock is
//! dropped and, whatever happens, when the process dies.

use std::fs::{File, OpenOptions, TryLockError};
use std::io;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How long a save waits for another one before giving up. A save holds the lock for
/// milliseconds; only a stopped process (Ctrl-Z in the middle of a save) holds it long.
pub const LOCK_TIMEOUT: Duration = Duration::from_secs(10);

/// An exclusive lock on a registry file; unlocked on drop.
#[derive(Debug)]
pub struct FileLock {
    file: File,
    path: PathBuf,
}

impl FileLock {
    /// The sidecar file that carries the lock.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for FileLock {
    fn drop(&mut self) {
        // Closing the file releases the lock too; unlocking first makes it explicit.
        let _ = self.file.unlock();
    }
}

/// Why the lock could not be had.
#[derive(Debug)]
pub enum LockError {
    /// The sidecar could neither be created nor opened.
    Open { lock: PathBuf, error: io::Error },
    /// Someone else held it for the whole timeout.
    TimedOut { lock: PathBuf },
    /// The sidecar is there but must not be used (see [`LockProblem`]).
    Unusable { lock: PathBuf, why: LockProblem },
}

/// Why an existing sidecar is refused. A lock file someone planted could send the saver's
/// writes elsewhere (a symlink) or hang it (a FIFO); one nobody else can open blocks the
/// whole office.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LockProblem {
    /// A symbolic link: never followed, whoever made it.
    Symlink,
    /// A directory, FIFO, device or socket.
    NotRegular,
    /// Owned by someone who is neither this user nor the registry's owner, and not in the
    /// registry's group: a stranger's file.
    Stranger { owner: String },
    /// This user cannot open it (its mode leaves them out), and only its owner can fix that.
    NoAccess { owner: String },
}

/// The sidecar lock file of `target` (give the canonical path: every writer must agree).
pub fn lock_path(target: &Path) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    target.with_file_name(format!(".{name}.lock"))
}

/// Takes the exclusive lock of `target`, waiting up to `timeout` for other holders.
pub fn lock(target: &Path, timeout: Duration) -> Result<FileLock, LockError> {
    let path = lock_path(target);
    let open_error = |error| LockError::Open {
        lock: path.clone(),
        error,
    };
    let registry = std::fs::metadata(target).ok();
    let file = open(&path, registry.as_ref()).map_err(|e| match e {
        Opened::Io(error) => open_error(error),
        Opened::Refused(why) => LockError::Unusable {
            lock: path.clone(),
            why,
        },
    })?;
    match file.try_lock() {
        Ok(()) => return Ok(FileLock { file, path }),
        Err(TryLockError::WouldBlock) => {}
        Err(TryLockError::Error(error)) => return Err(open_error(error)),
    }
    // Someone is saving. Wait in the kernel's queue rather than polling (waking up in
    // turn would leave the file idle between saves): a helper thread blocks on a
    // duplicate of the descriptor, which shares the lock with ours. If we give up
    // first, the helper releases the lock as soon as it gets it.
    let waiter = file.try_clone().map_err(open_error)?;
    let (tx, rx) = std::sync::mpsc::sync_channel(1);
    std::thread::spawn(move || {
        let got = waiter.lock();
        let ok = got.is_ok();
        if tx.send(got).is_err() && ok {
            let _ = waiter.unlock();
        }
    });
    match rx.recv_timeout(timeout) {
        Ok(Ok(())) => Ok(FileLock { file, path }),
        Ok(Err(error)) => Err(open_error(error)),
        Err(_) => Err(LockError::TimedOut { lock: path }),
    }
}

enum Opened {
    Io(io::Error),
    Refused(LockProblem),
}

impl From<io::Error> for Opened {
    fn from(e: io::Error) -> Self {
        Opened::Io(e)
    }
}

/// The mode a sidecar gets: read and write for whoever may write the registry (its
/// owner; its group and others only when they have write access to it), nothing for
/// anyone else — so that only people who can save can hold the lock. Without a registry
/// yet, the owner only.
pub fn lock_mode(registry_mode: Option<u32>) -> u32 {
    let m = registry_mode.unwrap_or(0o600);
    let mut mode = 0o600;
    if m & 0o020 != 0 {
        mode |= 0o060;
    }
    if m & 0o002 != 0 {
        mode |= 0o006;
    }
    mode
}

/// Opens the sidecar, never through a symlink and never blocking on a FIFO. A sidecar
/// this call creates gets the registry's group and [`lock_mode`], whatever the umask
/// (the first saver's umask 077 must not lock colleagues out); one this user owns is
/// repaired to them. `flock` needs no write access, so a sidecar someone else created is
/// opened read-only when it is not writable for us.
#[cfg(unix)]
fn open(path: &Path, registry: Option<&std::fs::Metadata>) -> Result<File, Opened> {
    use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
    let flags = (rustix::fs::OFlags::NOFOLLOW | rustix::fs::OFlags::NONBLOCK).bits() as i32;
    let want_mode = lock_mode(registry.map(|m| m.mode()));
    let want_gid = registry.map(|m| m.gid());
    let created = OpenOptions::new()
        .read(true)
        .write(true)
        .create_new(true)
        .mode(0o600)
        .custom_flags(flags)
        .open(path);
    let file = match created {
        Ok(f) => {
            settle(&f, want_mode, want_gid);
            return Ok(f);
        }
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            let rw = OpenOptions::new()
                .read(true)
                .write(true)
                .custom_flags(flags)
                .open(path);
            match rw {
                Ok(f) => f,
                Err(e) if is_symlink_refusal(&e) => {
                    return Err(Opened::Refused(LockProblem::Symlink));
                }
                Err(e)
                    if matches!(
                        e.kind(),
                        io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem
                    ) =>
                {
                    match OpenOptions::new().read(true).custom_flags(flags).open(path) {
                        Ok(f) => f,
                        Err(e2) if is_symlink_refusal(&e2) => {
                            return Err(Opened::Refused(LockProblem::Symlink));
                        }
                        Err(_) => {
                            let owner = std::fs::symlink_metadata(path)
                                .map(|m| crate::account::login_or_uid(m.uid()))
                                .unwrap_or_default();
                            return Err(match e.kind() {
                                io::ErrorKind::PermissionDenied => {
                                    Opened::Refused(LockProblem::NoAccess { owner })
                                }
                                _ => Opened::Io(e),
                            });
                        }
                    }
                }
                Err(e) => return Err(Opened::Io(e)),
            }
        }
        Err(e) if is_symlink_refusal(&e) => return Err(Opened::Refused(LockProblem::Symlink)),
        Err(e) => return Err(Opened::Io(e)),
    };
    let meta = file.metadata()?;
    if !meta.file_type().is_file() {
        return Err(Opened::Refused(LockProblem::NotRegular));
    }
    let me = rustix::process::geteuid().as_raw();
    let trusted = meta.uid() == me
        || meta.uid() == 0
        || registry.is_some_and(|r| r.uid() == meta.uid() || r.gid() == meta.gid());
    if !trusted {
        return Err(Opened::Refused(LockProblem::Stranger {
            owner: crate::account::login_or_uid(meta.uid()),
        }));
    }
    if meta.uid() == me
        && (meta.mode() & 0o777 != want_mode || want_gid.is_some_and(|g| g != meta.gid()))
    {
        // Ours, but made by an older dubang or under another umask: repair it.
        settle(&file, want_mode, want_gid);
    }
    Ok(file)
}

/// Gives a sidecar we own the registry's group and its lock mode. Best effort: a user
/// outside the registry's group keeps their own group (and the registry is not theirs to
/// share anyway).
#[cfg(unix)]
fn settle(f: &File, mode: u32, gid: Option<u32>) {
    use rustix::fs::{Gid, Mode, fchmod, fchown};
    if let Some(g) = gid {
        let _ = fchown(f, None, Some(Gid::from_raw(g)));
    }
    let _ = fchmod(f, Mode::from_raw_mode(mode));
}

/// `O_NOFOLLOW` on a symlink fails with `ELOOP`.
fn is_symlink_refusal(e: &io::Error) -> bool {
    e.raw_os_error() == Some(rustix::io::Errno::LOOP.raw_os_error())
}

#[cfg(not(unix))]
fn open(path: &Path, _: Option<&std::fs::Metadata>) -> Result<File, Opened> {
    Ok(OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .open(path)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn second_lock_waits_then_times_out_and_drop_releases() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("r.json");
        assert_eq!(lock_path(&target), dir.path().join(".r.json.lock"));
        let held = lock(&target, Duration::from_secs(1)).unwrap();
        assert!(matches!(
            lock(&target, Duration::from_millis(30)),
            Err(LockError::TimedOut { .. })
        ));
        drop(held);
        assert!(lock(&target, Duration::from_millis(30)).is_ok());
    }
}
