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
    let file = open(&path).map_err(open_error)?;
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

/// Opens the sidecar, creating it readable and writable by everyone the umask allows
/// (colleagues in the same group share it). `flock` needs no write access, so a
/// sidecar someone else created is opened read-only when it is not writable for us.
fn open(path: &Path) -> io::Result<File> {
    let mut opts = OpenOptions::new();
    opts.read(true).write(true).create(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o666);
    }
    match opts.open(path) {
        Ok(f) => Ok(f),
        Err(e)
            if matches!(
                e.kind(),
                io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem
            ) =>
        {
            File::open(path).map_err(|_| e)
        }
        Err(e) => Err(e),
    }
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
