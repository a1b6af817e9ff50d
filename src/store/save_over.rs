//! Saving from the dashboard without a second registry: the dashboard knows which
//! versions of the file it shows (their stamps). When the file under the lock is
//! one of them, nobody else has written it since, so there is nothing to merge
//! with and nothing to check again: the file is streamed a task at a time into
//! its next version with the edits applied (see `stream::merge`), and what is
//! written is what [`save_edits`] writes, byte for byte. At 100 000 tasks that is
//! one task held instead of an 80 MB registry beside the dashboard's own.
//! Otherwise, or when anything about the file is unusual, the save reads it whole
//! and goes on exactly as [`save_edits`] does.

#[cfg(doc)]
use super::save::save_edits;
use super::save::{SaveError, Saved, apply_all, io_failure, locked, read_and_save};
use super::stamp::FileStamp;
use super::write::write_streamed;
use super::{files, stream};
use crate::registry::{Edit, EditTarget, HistoryEntry};
use std::path::{Path, PathBuf};

/// A save of edits made on a version of the file that the caller shows.
#[derive(Debug)]
pub enum SavedOver {
    /// The file was still that version: the edits went into it as it streamed past.
    Shown(Streamed),
    /// The file was another version (or unusual): it was read whole, as by
    /// [`save_edits`].
    Read(Box<Saved>),
}

/// A save that streamed the file: no registry of it was held, so none is returned
/// (the caller's is the file's, with the edits on top).
#[derive(Debug, Clone, PartialEq)]
pub struct Streamed {
    /// The stamp of the file just written (or read, when nothing changed).
    pub stamp: FileStamp,
    /// The stamp of the file as found under the lock: one of those shown.
    pub read: FileStamp,
    /// The file written: the given path with symlinks followed.
    pub path: PathBuf,
    /// The history entries the edits appended, with what they belong to, in order.
    pub recorded: Vec<(EditTarget, HistoryEntry)>,
    /// Whether the file was written (false when every edit was a no-op).
    pub written: bool,
}

/// [`save_edits`] for a dashboard, which shows the file's versions `shown` (by
/// stamp): streamed when the file is one of them, else read whole (see above).
pub fn save_edits_over(
    path: &Path,
    edits: &[Edit],
    shown: &[FileStamp],
) -> Result<SavedOver, SaveError> {
    locked(path, |target| {
        if let Some(streamed) = stream_over(target, edits, shown)? {
            return Ok(SavedOver::Shown(streamed));
        }
        read_and_save(target, |registry| apply_all(registry, edits))
            .map(|saved| SavedOver::Read(Box::new(saved)))
    })
}

/// Under the lock: the edits streamed into the file when it is a version in
/// `shown`; `None` when the whole-file save must decide (another version, a
/// surprise in the file, an edit that fails: it says why).
fn stream_over(
    target: &Path,
    edits: &[Edit],
    shown: &[FileStamp],
) -> Result<Option<Streamed>, SaveError> {
    let Ok(read) = FileStamp::of(target) else {
        return Ok(None);
    };
    if !shown.contains(&read) {
        return Ok(None);
    }
    let Ok((handle, size)) = files::open_regular(target, files::FILE_CAP) else {
        return Ok(None);
    };
    if FileStamp::of_file(&handle).ok() != Some(read) {
        return Ok(None);
    }
    let mut recorded = None;
    let replaced = write_streamed(target, |out| {
        let Some(entries) =
            stream::save_in_blocks(handle, size, files::FILE_CAP, stream::BLOCK, edits, out)?
        else {
            return Ok(false);
        };
        // Nobody wrote it meanwhile (a writer that takes no lock, `dubang import -o`).
        if FileStamp::of(target).ok() != Some(read) {
            return Ok(false);
        }
        let changed = !entries.is_empty();
        recorded = Some(entries);
        Ok(changed)
    })
    .map_err(|e| io_failure(target, "write the file", e))?;
    let Some(recorded) = recorded else {
        return Ok(None);
    };
    let stamp = if replaced {
        FileStamp::of(target).map_err(|e| io_failure(target, "read the new file's status", e))?
    } else {
        read
    };
    Ok(Some(Streamed {
        stamp,
        read,
        path: target.to_path_buf(),
        recorded,
        written: replaced,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::Status;
    use crate::store::save::tests::{setup, status};
    use crate::store::{BUNDLED, load, save_edit, save_edits};

    #[test]
    fn the_version_shown_is_streamed_into_what_a_whole_save_writes() {
        let (d, p) = setup();
        let twin = d.path().join("twin.json");
        std::fs::write(&twin, BUNDLED).unwrap();
        let shown = FileStamp::of(&p).unwrap();
        let edits = [
            status("t1", Status::Done).with_note("已验收"),
            status("t9", Status::Delayed),
        ];
        let SavedOver::Shown(s) = save_edits_over(&p, &edits, &[shown]).unwrap() else {
            panic!("the file shown is streamed");
        };
        let whole = save_edits(&twin, &edits).unwrap();
        assert!(s.written && s.read == shown && s.stamp.is_current(&p));
        assert_eq!(s.recorded, whole.recorded);
        assert_eq!(std::fs::read(&p).unwrap(), std::fs::read(&twin).unwrap());
        // The next save rests on the version just written.
        let next = [status("t2", Status::InProgress)];
        let over = save_edits_over(&p, &next, &[shown, s.stamp]).unwrap();
        assert!(matches!(over, SavedOver::Shown(_)), "{over:?}");
        assert_eq!(
            load(&p).unwrap().task("t2").unwrap().status,
            Status::InProgress
        );
    }

    #[test]
    fn a_version_not_shown_is_read_whole_and_keeps_the_colleagues_edit() {
        let (_d, p) = setup();
        let shown = FileStamp::of(&p).unwrap();
        // A colleague saves first.
        save_edit(&p, &status("t1", Status::Delayed)).unwrap();
        let mine = [status("t2", Status::Done)];
        let SavedOver::Read(saved) = save_edits_over(&p, &mine, &[shown]).unwrap() else {
            panic!("another version is read whole");
        };
        assert!(saved.written);
        let now = load(&p).unwrap();
        assert_eq!(now, saved.registry);
        assert_eq!(now.task("t1").unwrap().status, Status::Delayed);
        assert_eq!(now.task("t2").unwrap().status, Status::Done);
        // Nothing shown (an undo, a retry): read whole too.
        let again = save_edits_over(&p, &[status("t3", Status::Done)], &[]).unwrap();
        assert!(matches!(again, SavedOver::Read(_)));
    }

    #[test]
    fn no_op_and_failing_edits_on_the_version_shown_leave_the_file_as_it_was() {
        let (d, p) = setup();
        let before = std::fs::read(&p).unwrap();
        let shown = FileStamp::of(&p).unwrap();
        let noop = save_edits_over(&p, &[status("t1", Status::NotStarted)], &[shown]).unwrap();
        let SavedOver::Shown(s) = noop else {
            panic!("a no-op on the version shown is streamed");
        };
        assert!(!s.written && s.recorded.is_empty() && s.stamp == shown);
        // An unknown task: the whole-file save words it; nothing written.
        let bad = [status("t1", Status::Done), status("t999", Status::Done)];
        let e = save_edits_over(&p, &bad, &[shown]).unwrap_err();
        assert!(e.to_string().contains("no task 't999'"), "{e}");
        assert_eq!(std::fs::read(&p).unwrap(), before);
        assert!(FileStamp::of(&p).unwrap() == shown);
        // No temporary file left beside it.
        let names: Vec<_> = std::fs::read_dir(d.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert!(
            names.iter().all(|n| !n.to_string_lossy().ends_with(".tmp")),
            "{names:?}"
        );
    }
}
