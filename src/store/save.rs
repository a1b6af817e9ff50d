//! Saving edits so that none is ever lost.
//!
//! [`save_edits`] takes the file's advisory lock (see [`super::lock`]), re-reads and
//! checks the file as it is now, applies the edits on top of that version (someone
//! else may have saved since we loaded), writes it like [`super::write_atomic`] (temporary
//! file, fsync, rename, directory fsync) and unlocks. The file on disk is therefore
//! always the old or the new version, even when the process is killed mid-save; a
//! killed save leaves at most an orphaned temporary file, which the next save of the
//! same file removes once it is a minute old.
//!
//! The dashboard saves through [`super::save_edits_over`], which streams the file
//! instead of reading it whole when it is the version the dashboard shows.
//!
//! A failure changes nothing on disk and says in one line what happened, where, and
//! what to do; the caller keeps its edit and may retry.

use super::files::Refusal;
use super::lock::{self, LOCK_TIMEOUT, LockError, LockProblem};
use super::stamp::FileStamp;
use super::write::{TEMP_SUFFIX, temp_prefix};
use super::{LoadError, Unread, read_checked, write_registry};
use crate::registry::{Edit, EditError, EditTarget, HistoryEntry, Registry, apply_recorded};
use std::fmt;
use std::io::{self, ErrorKind};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// The outcome of a successful save.
#[derive(Debug, Clone, PartialEq)]
pub struct Saved {
    /// The registry as it now is on disk: others' edits and ours.
    pub registry: Registry,
    /// The stamp of the file just written (or read, when nothing changed): poll
    /// [`FileStamp::of`] against it to notice the next outside change.
    pub stamp: FileStamp,
    /// The stamp of the file as read under the lock, before the edits: when it is
    /// the version a caller last read or saved, nobody else wrote in between.
    /// `None` from [`save_as`], which does not read.
    pub read: Option<FileStamp>,
    /// The file written: the given path with symlinks followed.
    pub path: PathBuf,
    /// The history entries the edits appended, with what they belong to, in order.
    pub recorded: Vec<(EditTarget, HistoryEntry)>,
    /// Whether the file was written (false when every edit was a no-op).
    pub written: bool,
}

/// Why a save failed. Nothing on disk was changed. Displays as one line.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveError {
    /// The file is not writable for this user (mode, owner, immutable flag).
    ReadOnly { file: PathBuf },
    /// The file system is mounted read-only.
    ReadOnlyFilesystem { file: PathBuf },
    /// Saving creates a temporary file next to the registry and renames it: the
    /// directory must be writable.
    DirNotWritable { file: PathBuf, dir: PathBuf },
    /// No space (or quota) left for the new version.
    DiskFull { file: PathBuf },
    /// The file (or its directory) is gone.
    Deleted { file: PathBuf },
    /// The file on disk is not a valid registry (any more).
    Invalid(LoadError),
    /// An edit does not apply to the file's current version.
    Edit { file: PathBuf, error: EditError },
    /// Another process held the lock for [`LOCK_TIMEOUT`].
    Busy { file: PathBuf, lock: PathBuf },
    /// The lock file beside the registry must not be used (a symlink, not a regular
    /// file, a stranger's, or closed to this user).
    LockRefused {
        file: PathBuf,
        lock: PathBuf,
        why: LockProblem,
    },
    /// The path names something dubang does not replace (a device, a FIFO) or reaches
    /// it through another user's symlink in a shared directory.
    Refused { file: PathBuf, refusal: Refusal },
    /// Anything else the system reported.
    Io {
        file: PathBuf,
        doing: &'static str,
        error: String,
    },
}

impl fmt::Display for SaveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SaveError::ReadOnly { file } => write!(
                f,
                "{}: not saved: the file is read-only for you (`ls -l` shows its owner and mode, `lsattr` an immutable flag): ask for write access or save elsewhere",
                file.display()
            ),
            SaveError::ReadOnlyFilesystem { file } => write!(
                f,
                "{}: not saved: the file system is mounted read-only: save elsewhere or ask an administrator",
                file.display()
            ),
            SaveError::DirNotWritable { file, dir } => write!(
                f,
                "{}: not saved: the directory {} is not writable for you (saving writes a new file there and renames it): ask for write access to the directory or save elsewhere",
                file.display(),
                dir.display()
            ),
            SaveError::DiskFull { file } => write!(
                f,
                "{}: not saved: the disk is full (or your quota is used up): free some space and retry; the file is unchanged",
                file.display()
            ),
            SaveError::Deleted { file } => write!(
                f,
                "{}: not saved: the file was deleted or moved away: restore it, or save elsewhere",
                file.display()
            ),
            SaveError::Invalid(e) => write!(
                f,
                "{e} (the file on disk is not a valid registry now; not saved: fix or restore it, then retry)"
            ),
            SaveError::Edit { file, error } => write!(f, "{}: {error}", file.display()),
            SaveError::Busy { file, lock } => write!(
                f,
                "{}: not saved: another dubang has been saving for {} s (lock {}): retry in a moment; `fuser {}` shows who holds it",
                file.display(),
                LOCK_TIMEOUT.as_secs(),
                lock.display(),
                lock.display()
            ),
            SaveError::Refused { file, refusal } => {
                write!(f, "{}: not saved: {refusal}", file.display())
            }
            SaveError::Io { file, doing, error } => write!(
                f,
                "{}: not saved: cannot {doing} ({error}): check the disk and retry; the file is unchanged",
                file.display()
            ),
            SaveError::LockRefused { file, lock, why } => {
                let lock = lock.display();
                match why {
                    LockProblem::Symlink => write!(
                        f,
                        "{}: not saved: the lock file {lock} is a symbolic link, which dubang never follows: remove it (`rm {lock}`) and retry",
                        file.display()
                    ),
                    LockProblem::NotRegular => write!(
                        f,
                        "{}: not saved: the lock file {lock} is not a regular file: remove it and retry",
                        file.display()
                    ),
                    LockProblem::Stranger { owner } => write!(
                        f,
                        "{}: not saved: the lock file {lock} belongs to {owner}, who neither owns the registry nor is in its group: remove it and retry",
                        file.display()
                    ),
                    LockProblem::NoAccess { owner } => write!(
                        f,
                        "{}: not saved: the lock file {lock} is closed to you: ask {owner} (its owner) or an administrator to run `chmod 660 {lock}`",
                        file.display()
                    ),
                }
            }
        }
    }
}

impl std::error::Error for SaveError {}

/// Saves one edit: lock, re-read, apply on top of the current version, write, unlock.
pub fn save_edit(path: &Path, edit: &Edit) -> Result<Saved, SaveError> {
    save_edits(path, std::slice::from_ref(edit))
}

/// Saves several edits under one lock, all or none: if any edit fails to apply, nothing
/// is written.
pub fn save_edits(path: &Path, edits: &[Edit]) -> Result<Saved, SaveError> {
    save_with(path, |registry| apply_all(registry, edits))
}

/// Like [`save_edits`], with the edits decided under the lock by `change`, which sees
/// the file as it is now and returns what it recorded (nothing: no write). For edits
/// that depend on the current version, e.g. a collected sheet whose rows are skipped
/// when their task changed since the sheet was sent. An error writes nothing.
pub fn save_with<F>(path: &Path, change: F) -> Result<Saved, SaveError>
where
    F: FnOnce(&mut Registry) -> Result<Vec<(EditTarget, HistoryEntry)>, EditError>,
{
    locked(path, |target| read_and_save(target, change))
}

/// The edits applied in order, with what each recorded.
pub(super) fn apply_all(
    registry: &mut Registry,
    edits: &[Edit],
) -> Result<Vec<(EditTarget, HistoryEntry)>, EditError> {
    let mut recorded = Vec::new();
    for edit in edits {
        let entries = apply_recorded(registry, edit)?;
        recorded.extend(entries.into_iter().map(|e| (edit.target.clone(), e)));
    }
    Ok(recorded)
}

/// Runs `then` on the file `path` names (symlinks followed) under its lock, once
/// it is known to be there and writable.
pub(super) fn locked<T>(
    path: &Path,
    then: impl FnOnce(&Path) -> Result<T, SaveError>,
) -> Result<T, SaveError> {
    let target = existing_target(path)?;
    check_writable(&target)?;
    let _lock = take_lock(&target)?;
    clean_orphans(&target);
    then(&target)
}

/// Under the lock: the file read whole and checked, `change` applied, written.
pub(super) fn read_and_save<F>(target: &Path, change: F) -> Result<Saved, SaveError>
where
    F: FnOnce(&mut Registry) -> Result<Vec<(EditTarget, HistoryEntry)>, EditError>,
{
    // The edit goes on top of the file as written; only the copy handed back to be
    // shown is cleaned. Read a block at a time, like a load.
    let mut registry = read_checked(target).map_err(|e| match e {
        Unread::Io(e) => io_failure(target, "read the file", e),
        Unread::Invalid(e) => SaveError::Invalid(e),
    })?;
    // Stat after reading, under the lock: nobody who locks can change it in between.
    let read_stamp = FileStamp::of(target).map_err(|e| io_failure(target, "read the file", e))?;
    let recorded = change(&mut registry).map_err(|error| SaveError::Edit {
        file: target.to_path_buf(),
        error,
    })?;
    if recorded.is_empty() {
        registry.sanitize();
        return Ok(Saved {
            registry,
            stamp: read_stamp,
            read: Some(read_stamp),
            path: target.to_path_buf(),
            recorded,
            written: false,
        });
    }
    let stamp = write(target, &registry)?;
    registry.sanitize();
    Ok(Saved {
        registry,
        stamp,
        read: Some(read_stamp),
        path: target.to_path_buf(),
        recorded,
        written: true,
    })
}

/// Writes a whole registry to `path` (creating or replacing it) under the same lock:
/// "save elsewhere" when the registry's own file cannot take an edit. Unlike
/// [`save_edits`] this is a snapshot: it overwrites whatever `path` held.
pub fn save_as(path: &Path, registry: &Registry) -> Result<Saved, SaveError> {
    // No planted symlink followed, no device replaced: checked before canonicalising.
    let resolved = super::write::resolve(path).map_err(|e| io_failure(path, "find the file", e))?;
    super::files::replaceable(&resolved).map_err(|e| io_failure(path, "write the file", e))?;
    let target = match path.canonicalize() {
        Ok(t) => t,
        // A new file: its directory must exist.
        Err(e) if e.kind() == ErrorKind::NotFound => {
            let dir = parent(path);
            let dir = dir
                .canonicalize()
                .map_err(|e| io_failure(path, "find the directory", e))?;
            dir.join(path.file_name().unwrap_or_default())
        }
        Err(e) => return Err(io_failure(path, "find the file", e)),
    };
    if target.exists() {
        check_writable(&target)?;
    }
    let _lock = take_lock(&target)?;
    let stamp = write(&target, registry)?;
    Ok(Saved {
        registry: registry.clone(),
        stamp,
        read: None,
        path: target,
        recorded: Vec::new(),
        written: true,
    })
}

/// Whether this user can save `path`: the file opens for writing (without truncating)
/// and its directory takes a new file (needed for the rename). Like `access(2)`, as
/// root this is true whatever the mode bits say; an immutable file or a read-only file
/// system is false for everyone.
pub fn is_writable(path: &Path) -> bool {
    writable(path) == Writable::Yes
}

/// Whether a save of a file can go through, and if not what stands in the way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Writable {
    Yes,
    /// The file itself refuses writing (mode, owner, immutable flag).
    FileNotWritable,
    /// The file could be written, but its directory takes no new file: a save writes
    /// a temporary file there and renames it over the registry.
    DirNotWritable(PathBuf),
    /// The file system is mounted read-only.
    ReadOnlyFs,
    /// The file is not there (or its path cannot be followed).
    Missing,
}

/// What [`is_writable`] checks, with the cause when a save cannot go through.
pub fn writable(path: &Path) -> Writable {
    let Ok(target) = path.canonicalize() else {
        return Writable::Missing;
    };
    if let Err(e) = std::fs::OpenOptions::new().write(true).open(&target) {
        return match e.kind() {
            ErrorKind::ReadOnlyFilesystem => Writable::ReadOnlyFs,
            ErrorKind::NotFound => Writable::Missing,
            _ => Writable::FileNotWritable,
        };
    }
    let dir = parent(&target);
    match tempfile::tempfile_in(dir) {
        Ok(_) => Writable::Yes,
        Err(e) => match e.kind() {
            ErrorKind::ReadOnlyFilesystem => Writable::ReadOnlyFs,
            ErrorKind::PermissionDenied | ErrorKind::NotFound => {
                Writable::DirNotWritable(dir.to_path_buf())
            }
            _ => Writable::Yes,
        },
    }
}

fn existing_target(path: &Path) -> Result<PathBuf, SaveError> {
    super::write::resolve(path).map_err(|e| io_failure(path, "find the file", e))?;
    path.canonicalize().map_err(|e| match e.kind() {
        ErrorKind::NotFound => SaveError::Deleted {
            file: path.to_path_buf(),
        },
        _ => io_failure(path, "find the file", e),
    })
}

/// Refuses a file this user may not write: a rename would replace even a read-only
/// file when the directory is writable, and the mode is the owner's word.
fn check_writable(target: &Path) -> Result<(), SaveError> {
    match std::fs::OpenOptions::new().write(true).open(target) {
        Ok(_) => Ok(()),
        Err(e) => Err(match e.kind() {
            ErrorKind::PermissionDenied => SaveError::ReadOnly {
                file: target.to_path_buf(),
            },
            _ => io_failure(target, "open the file for writing", e),
        }),
    }
}

fn take_lock(target: &Path) -> Result<lock::FileLock, SaveError> {
    lock::lock(target, LOCK_TIMEOUT).map_err(|e| match e {
        LockError::TimedOut { lock } => SaveError::Busy {
            file: target.to_path_buf(),
            lock,
        },
        LockError::Open { error, .. } => io_failure(target, "create the lock file", error),
        LockError::Unusable { lock, why } => SaveError::LockRefused {
            file: target.to_path_buf(),
            lock,
            why,
        },
    })
}

fn write(target: &Path, registry: &Registry) -> Result<FileStamp, SaveError> {
    write_registry(target, registry).map_err(|e| io_failure(target, "write the file", e))?;
    FileStamp::of(target).map_err(|e| io_failure(target, "read the new file's status", e))
}

/// Sorts a system error into what the user can act on.
pub(super) fn io_failure(file: &Path, doing: &'static str, e: io::Error) -> SaveError {
    let file = file.to_path_buf();
    if let Some(refusal) = Refusal::of(&e) {
        return SaveError::Refused {
            file,
            refusal: refusal.clone(),
        };
    }
    match e.kind() {
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded => SaveError::DiskFull { file },
        ErrorKind::ReadOnlyFilesystem => SaveError::ReadOnlyFilesystem { file },
        ErrorKind::PermissionDenied => {
            let dir = parent(&file).to_path_buf();
            SaveError::DirNotWritable { file, dir }
        }
        ErrorKind::NotFound => SaveError::Deleted { file },
        _ => SaveError::Io {
            file,
            doing,
            error: e.to_string(),
        },
    }
}

fn parent(p: &Path) -> &Path {
    match p.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// How old an orphaned temporary file must be before a save removes it. A live save
/// keeps its temporary file for milliseconds; writers that do not take the lock
/// (`dubang import -o` over the same file) for not much longer.
const ORPHAN_AGE: Duration = Duration::from_secs(60);

/// Removes temporary files left by saves of `target` that were killed half-way.
/// Called under the lock; failures are ignored (they are only clutter).
fn clean_orphans(target: &Path) {
    let prefix = temp_prefix(target);
    let Ok(entries) = std::fs::read_dir(parent(target)) else {
        return;
    };
    let now = SystemTime::now();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with(&prefix) && name.ends_with(TEMP_SUFFIX)) {
            continue;
        }
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| now.duration_since(t).ok())
            .is_some_and(|age| age >= ORPHAN_AGE);
        if old {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::registry::{Op, Status};
    use crate::store::BUNDLED;

    /// A directory holding a copy of the bundled plan, and its path.
    pub(in crate::store) fn setup() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("registry.json");
        std::fs::write(&p, BUNDLED).unwrap();
        (dir, p)
    }

    /// Sets task `task`'s status.
    pub(in crate::store) fn status(task: &str, to: Status) -> Edit {
        Edit::new(EditTarget::Task(task.into()), Op::SetStatus { to })
    }

    #[test]
    fn saves_on_top_of_the_current_version() {
        let (_d, p) = setup();
        let loaded = crate::store::load(&p).unwrap();
        // Someone else saves first.
        save_edit(&p, &status("t1", Status::Delayed)).unwrap();
        // Our edit, made on the old version, keeps theirs.
        let saved = save_edit(&p, &status("t2", Status::Done)).unwrap();
        assert!(saved.written);
        assert_eq!(saved.recorded.len(), 2, "status and progress");
        let now = crate::store::load(&p).unwrap();
        assert_eq!(now, saved.registry);
        assert_eq!(now.task("t1").unwrap().status, Status::Delayed);
        assert_eq!(now.task("t2").unwrap().status, Status::Done);
        assert!(saved.stamp.is_current(&p));
        let c = crate::registry::changes_between(&loaded, &now);
        assert_eq!(c.count, 3);
    }

    #[test]
    fn all_or_nothing_and_no_op_writes_nothing() {
        let (_d, p) = setup();
        let before = std::fs::read(&p).unwrap();
        let bad = [status("t1", Status::Done), status("t999", Status::Done)];
        let e = save_edits(&p, &bad).unwrap_err();
        assert!(matches!(e, SaveError::Edit { .. }), "{e}");
        assert!(e.to_string().contains("no task 't999'"), "{e}");
        let noop = save_edit(&p, &status("t1", Status::NotStarted)).unwrap();
        assert!(!noop.written);
        assert_eq!(std::fs::read(&p).unwrap(), before);
    }

    #[test]
    fn deleted_and_invalid_files_are_named() {
        let (d, p) = setup();
        std::fs::write(&p, "{ \"format\": ").unwrap();
        let e = save_edit(&p, &status("t1", Status::Done)).unwrap_err();
        assert!(matches!(e, SaveError::Invalid(_)));
        let line = e.to_string();
        assert!(
            line.contains("ends too early") && !line.contains('\n'),
            "{line}"
        );
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "{ \"format\": ");
        std::fs::remove_file(&p).unwrap();
        let e = save_edit(&p, &status("t1", Status::Done)).unwrap_err();
        assert!(matches!(e, SaveError::Deleted { .. }), "{e}");
        assert!(!p.exists());
        // Save elsewhere.
        let reg = crate::store::parse_bytes(&p, BUNDLED.as_bytes()).unwrap();
        let other = d.path().join("copy.json");
        let s = save_as(&other, &reg).unwrap();
        assert_eq!(crate::store::load(&other).unwrap(), reg);
        assert_eq!(s.path, other.canonicalize().unwrap());
    }

    #[test]
    fn old_orphans_are_removed_fresh_ones_kept() {
        let (d, p) = setup();
        let target = p.canonicalize().unwrap();
        let prefix = temp_prefix(&target);
        let old = d.path().join(format!("{prefix}old{TEMP_SUFFIX}"));
        let fresh = d.path().join(format!("{prefix}new{TEMP_SUFFIX}"));
        let other = d.path().join(format!(".other.json.dubang-x{TEMP_SUFFIX}"));
        for f in [&old, &fresh, &other] {
            std::fs::write(f, "x").unwrap();
        }
        let long_ago = SystemTime::now() - Duration::from_secs(600);
        for f in [&old, &other] {
            std::fs::File::options()
                .write(true)
                .open(f)
                .unwrap()
                .set_modified(long_ago)
                .unwrap();
        }
        save_edit(&p, &status("t1", Status::Done)).unwrap();
        assert!(!old.exists());
        assert!(fresh.exists());
        assert!(other.exists());
    }

    #[test]
    fn writable_check() {
        let (d, p) = setup();
        assert!(is_writable(&p));
        assert!(!is_writable(&d.path().join("missing.json")));
    }
}
