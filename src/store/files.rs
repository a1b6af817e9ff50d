//! Untrusted paths on a shared server: a file is read only when its open handle is a
//! regular file of bounded size (opened non-blocking, so a FIFO answers at once), and
//! a file is replaced only when it is a regular file (or new) reached without a
//! symlink that another user planted in a sticky, world-writable directory.
//! Refusals travel as `io::Error`s carrying a [`Refusal`], which the word catalogue
//! turns into the reader's language.

use std::fmt;
use std::io::{self, Read};
use std::path::Path;

/// At most this much is read as settings.
pub const SETTINGS_CAP: u64 = 1 << 20;
/// At most this much is read as a registry or an input document.
pub const FILE_CAP: u64 = 1 << 30;

/// What a path names when it is no regular file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Special {
    Directory,
    Fifo,
    CharDevice,
    BlockDevice,
    Socket,
    Other,
}

/// Why dubang would not read or replace a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Reading or replacing something that is not a regular file.
    NotRegular(Special),
    /// A file larger than dubang reads.
    TooLarge { size: u64, cap: u64 },
    /// A symlink in a sticky world-writable directory (such as /tmp), owned by
    /// someone else: the kernel's `fs.protected_symlinks` rule.
    ForeignSymlink,
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::NotRegular(s) => write!(
                f,
                "not a regular file but {}: give the path of a regular file",
                match s {
                    Special::Directory => "a directory",
                    Special::Fifo => "a FIFO (named pipe)",
                    Special::CharDevice => "a character device",
                    Special::BlockDevice => "a block device",
                    Special::Socket => "a socket",
                    Special::Other => "a special file",
                }
            ),
            Refusal::TooLarge { size, cap } => write!(
                f,
                "too large ({} MiB, at most {} MiB are read): check that this is the right file",
                size.div_ceil(1 << 20),
                cap >> 20
            ),
            Refusal::ForeignSymlink => f.write_str(
                "a symlink owned by another user in a shared directory: not followed; write to a path you own",
            ),
        }
    }
}

impl std::error::Error for Refusal {}

impl Refusal {
    /// The refusal an I/O error carries, if any.
    pub fn of(e: &io::Error) -> Option<&Refusal> {
        e.get_ref().and_then(|r| r.downcast_ref::<Refusal>())
    }

    fn into_io(self) -> io::Error {
        let kind = match self {
            Refusal::NotRegular(Special::Directory) => io::ErrorKind::IsADirectory,
            Refusal::TooLarge { .. } => io::ErrorKind::FileTooLarge,
            Refusal::NotRegular(_) => io::ErrorKind::InvalidInput,
            Refusal::ForeignSymlink => io::ErrorKind::PermissionDenied,
        };
        io::Error::new(kind, self)
    }
}

fn special(t: std::fs::FileType) -> Special {
    use std::os::unix::fs::FileTypeExt;
    if t.is_dir() {
        Special::Directory
    } else if t.is_fifo() {
        Special::Fifo
    } else if t.is_char_device() {
        Special::CharDevice
    } else if t.is_block_device() {
        Special::BlockDevice
    } else if t.is_socket() {
        Special::Socket
    } else {
        Special::Other
    }
}

/// Reads a whole regular file of at most `cap` bytes. The type and size are checked on
/// the open handle (no race with a swap of the path), and the open does not block on
/// a FIFO; a file that grows past `cap` while read is refused too.
pub fn read_regular(path: &Path, cap: u64) -> io::Result<Vec<u8>> {
    let (file, size) = open_regular(path, cap)?;
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(cap + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > cap {
        return Err(Refusal::TooLarge {
            size: bytes.len() as u64,
            cap,
        }
        .into_io());
    }
    Ok(bytes)
}

/// Opens a regular file of at most `cap` bytes for reading, with its size: the checks
/// of [`read_regular`] for a caller that reads it piece by piece. Whoever reads it
/// must still stop past `cap` bytes (the file may grow meanwhile).
pub fn open_regular(path: &Path, cap: u64) -> io::Result<(std::fs::File, u64)> {
    use std::os::unix::fs::OpenOptionsExt;
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32)
        .open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(Refusal::NotRegular(special(meta.file_type())).into_io());
    }
    if meta.len() > cap {
        return Err(Refusal::TooLarge {
            size: meta.len(),
            cap,
        }
        .into_io());
    }
    Ok((file, meta.len()))
}

/// Whether the symlink at `link` may be followed: not when it sits in a sticky,
/// world-writable directory and belongs neither to this user nor to the directory's
/// owner (the rule of Linux's `fs.protected_symlinks`, applied whatever the setting,
/// and to root too, since root is the one a planted link would fool).
pub fn may_follow(link: &Path) -> io::Result<()> {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let meta = std::fs::symlink_metadata(link)?;
    let dir = match link.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let d = std::fs::metadata(dir)?;
    let mode = d.permissions().mode();
    let shared = mode & 0o1000 != 0 && mode & 0o002 != 0;
    let me = rustix::process::geteuid().as_raw();
    if shared && meta.uid() != me && meta.uid() != d.uid() {
        return Err(Refusal::ForeignSymlink.into_io());
    }
    Ok(())
}

/// Refuses to replace `target` when it exists and is not a regular file: renaming a
/// new file over a device or a FIFO would replace it (`import -o /dev/full` as root).
pub(crate) fn replaceable(target: &Path) -> io::Result<()> {
    match std::fs::symlink_metadata(target) {
        Ok(m) if !m.is_file() => Err(Refusal::NotRegular(special(m.file_type())).into_io()),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_what_is_not_a_regular_file() {
        let e = read_regular(Path::new("/dev/zero"), FILE_CAP).unwrap_err();
        assert_eq!(
            Refusal::of(&e),
            Some(&Refusal::NotRegular(Special::CharDevice))
        );
        let dir = tempfile::tempdir().unwrap();
        let e = read_regular(dir.path(), FILE_CAP).unwrap_err();
        assert_eq!(
            Refusal::of(&e),
            Some(&Refusal::NotRegular(Special::Directory))
        );
        let fifo = dir.path().join("fifo");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.unwrap().success());
        let e = read_regular(&fifo, FILE_CAP).unwrap_err();
        assert_eq!(Refusal::of(&e), Some(&Refusal::NotRegular(Special::Fifo)));
        assert!(replaceable(&fifo).is_err());
        assert!(replaceable(Path::new("/dev/null")).is_err());
        let big = dir.path().join("big");
        std::fs::File::create(&big)
            .unwrap()
            .set_len(SETTINGS_CAP + 1)
            .unwrap();
        let e = read_regular(&big, SETTINGS_CAP).unwrap_err();
        assert!(matches!(Refusal::of(&e), Some(Refusal::TooLarge { .. })));
        assert_eq!(
            read_regular(&big, FILE_CAP).unwrap().len() as u64,
            SETTINGS_CAP + 1
        );
    }
}
