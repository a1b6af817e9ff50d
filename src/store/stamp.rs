//! Noticing that someone else changed the file: an atomic replace gives the file a new
//! inode, which defeats a watch on the file itself, so the app polls a cheap stamp
//! (device, inode, size, modification and change times) once a second and reloads
//! when it differs from the one it saved or loaded.

use std::io;
use std::path::Path;

/// What identifies one version of a file without reading it. Two stamps are equal when
/// the file (followed through symlinks) has not been replaced or written in between.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FileStamp {
    dev: u64,
    ino: u64,
    size: u64,
    /// Modification time, nanoseconds since the epoch.
    mtime_ns: i128,
    /// Status-change time (unix), nanoseconds since the epoch: catches a write that
    /// put the modification time back (`touch -r`, some copy tools).
    ctime_ns: i128,
}

impl FileStamp {
    /// The stamp of the file `path` names now (symlinks followed).
    pub fn of(path: &Path) -> io::Result<FileStamp> {
        Ok(FileStamp::from_metadata(&std::fs::metadata(path)?))
    }

    /// The stamp of an already open file (e.g. the one just read under the lock).
    pub fn of_file(file: &std::fs::File) -> io::Result<FileStamp> {
        Ok(FileStamp::from_metadata(&file.metadata()?))
    }

    #[cfg(unix)]
    pub fn from_metadata(m: &std::fs::Metadata) -> FileStamp {
        use std::os::unix::fs::MetadataExt;
        let ns = |s: i64, n: i64| i128::from(s) * 1_000_000_000 + i128::from(n);
        FileStamp {
            dev: m.dev(),
            ino: m.ino(),
            size: m.size(),
            mtime_ns: ns(m.mtime(), m.mtime_nsec()),
            ctime_ns: ns(m.ctime(), m.ctime_nsec()),
        }
    }

    #[cfg(not(unix))]
    pub fn from_metadata(m: &std::fs::Metadata) -> FileStamp {
        let mtime_ns = m
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos() as i128);
        FileStamp {
            dev: 0,
            ino: 0,
            size: m.len(),
            mtime_ns,
            ctime_ns: 0,
        }
    }

    /// The file's size in bytes.
    pub fn size(&self) -> u64 {
        self.size
    }

    /// Whether the file at `path` is still this version. A file that cannot be read
    /// (deleted, moved away) counts as changed.
    pub fn is_current(&self, path: &Path) -> bool {
        FileStamp::of(path).is_ok_and(|s| s == *self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_with_a_replace_or_a_write() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("r.json");
        std::fs::write(&p, "a").unwrap();
        let s = FileStamp::of(&p).unwrap();
        assert!(s.is_current(&p));
        assert_eq!(FileStamp::of(&p).unwrap(), s);
        // Same size, new inode.
        crate::store::write_atomic(&p, b"b").unwrap();
        let s2 = FileStamp::of(&p).unwrap();
        assert_ne!(s2, s);
        std::fs::write(&p, "bc").unwrap();
        assert!(!s2.is_current(&p));
        std::fs::remove_file(&p).unwrap();
        assert!(!s2.is_current(&p));
    }
}
