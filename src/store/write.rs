//! Writing a registry: pretty JSON with a stable key order (readable `git diff`),
//! replaced atomically so the file on disk is always the old or the new version.

use super::exit::{Kind, Temp};
use crate::registry::Registry;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The registry as the file holds it: pretty-printed, fields in declaration order,
/// ending in a newline.
pub fn to_json(reg: &Registry) -> String {
    let mut s = serde_json::to_string_pretty(reg).expect("a registry always serialises");
    s.push('\n');
    s
}

/// Replaces `path` with `bytes`: temporary file in the same directory, fsync,
/// rename over the target, fsync of the directory. Only a regular file (or a new
/// one) is replaced. A symlink is written through to its target (unless another user
/// planted it in a sticky shared directory); the target's permissions, owner and group are kept (the owner only
/// when running as root, the group when this user belongs to it: otherwise the file
/// passes to the user who saved it, as with any editor that saves by rename), and so
/// are its extended attributes and POSIX ACL (see [`super::xattrs`]).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_as(path, |mut f| f.write_all(bytes).map(|()| true), Kind::Save).map(drop)
}

/// [`write_atomic`] of the registry as [`to_json`] gives it, serialised straight into
/// the temporary file: at 100 000 tasks that is 85 MB never held as a string next to
/// the registry (the saver thread does this while the dashboard holds its own copy).
pub fn write_registry(path: &Path, reg: &Registry) -> io::Result<()> {
    write_as(path, |f| serialise(reg, f).map(|()| true), Kind::Save).map(drop)
}

/// [`write_atomic`] of what `fill` writes through a buffer, which may decline
/// (`Ok(false)`): then nothing is replaced and the temporary file is removed.
/// Whether the file was replaced.
pub(crate) fn write_streamed(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<bool>,
) -> io::Result<bool> {
    let fill = |f: &std::fs::File| {
        let mut out = io::BufWriter::with_capacity(1 << 16, f);
        let keep = fill(&mut out)?;
        out.flush()?;
        Ok(keep)
    };
    write_as(path, fill, Kind::Save)
}

/// The registry's [`to_json`] text, written through a buffer.
fn serialise(reg: &Registry, into: impl Write) -> io::Result<()> {
    let mut out = io::BufWriter::with_capacity(1 << 16, into);
    // `?` converts with `From`, which hands back the writer's own error: a full disk
    // is still told as one (`io::Error::other` made it "cannot write the file").
    serde_json::to_writer_pretty(&mut out, reg)?;
    out.write_all(b"\n")?;
    out.flush()
}

/// [`write_atomic`] for the recovery file, on the way out: not stopped by the seal
/// of [`super::exit`] (which stops saves of the registry).
pub(crate) fn write_on_exit(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_as(path, |mut f| f.write_all(bytes).map(|()| true), Kind::Exit).map(drop)
}

/// Replaces `path` with what `fill` writes into the temporary file, unless `fill`
/// declines (`Ok(false)`, the temporary file removed). Whether it was replaced.
fn write_as(
    path: &Path,
    fill: impl FnOnce(&std::fs::File) -> io::Result<bool>,
    kind: Kind,
) -> io::Result<bool> {
    let target = resolve(path)?;
    super::files::replaceable(&target)?;
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let old_meta = std::fs::metadata(&target).ok();
    let tmp = Temp::create(kind, || {
        tempfile::Builder::new()
            .prefix(&temp_prefix(&target))
            .suffix(TEMP_SUFFIX)
            .tempfile_in(&dir)
    })?;
    if !fill(tmp.as_file())? {
        return Ok(false);
    }
    match &old_meta {
        Some(m) => {
            keep_owner(tmp.as_file(), m);
            tmp.as_file().set_permissions(m.permissions())?;
            // After the mode: an ACL sets the mode's group bits from its mask.
            super::xattrs::copy(&target, tmp.as_file(), owner_of(m))?;
        }
        None => set_default_mode(tmp.as_file())?,
    }
    // After the chown and chmod, so that they are durable too.
    tmp.as_file().sync_all()?;
    if kind == Kind::Save {
        super::exit::pause_for_tests();
    }
    tmp.persist(&target)?;
    sync_dir(&dir);
    Ok(true)
}

/// Temporary files of [`write_atomic`] are named `.<file name>.dubang-XXXXXX.tmp`, next
/// to the file, so that a save killed half-way leaves a recognisable orphan.
pub(crate) const TEMP_SUFFIX: &str = ".tmp";

/// The name prefix of [`write_atomic`]'s temporary files for `target`.
pub(crate) fn temp_prefix(target: &Path) -> String {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    format!(".{name}.dubang-")
}

/// Gives the temporary file the original's owner and group. Best effort: only root may
/// give a file away; a member of the file's group may still keep the group.
#[cfg(unix)]
fn keep_owner(f: &std::fs::File, old: &std::fs::Metadata) {
    use std::os::unix::fs::MetadataExt;
    let Ok(now) = f.metadata() else { return };
    if (now.uid(), now.gid()) == (old.uid(), old.gid()) {
        return;
    }
    if std::os::unix::fs::fchown(f, Some(old.uid()), Some(old.gid())).is_err() {
        let _ = std::os::unix::fs::fchown(f, None, Some(old.gid()));
    }
}

#[cfg(unix)]
fn owner_of(m: &std::fs::Metadata) -> u32 {
    std::os::unix::fs::MetadataExt::uid(m)
}

#[cfg(not(unix))]
fn owner_of(_: &std::fs::Metadata) -> u32 {
    0
}

#[cfg(not(unix))]
fn keep_owner(_: &std::fs::File, _: &std::fs::Metadata) {}

/// The file a path finally names, following symlinks even when the target does not
/// exist yet, but none that another user planted in a shared directory.
pub(crate) fn resolve(path: &Path) -> io::Result<PathBuf> {
    let mut p = path.to_path_buf();
    for _ in 0..40 {
        match std::fs::symlink_metadata(&p) {
            Ok(m) if m.file_type().is_symlink() => {
                super::files::may_follow(&p)?;
                let link = std::fs::read_link(&p)?;
                p = match p.parent() {
                    Some(parent) if link.is_relative() => parent.join(link),
                    _ => link,
                };
            }
            _ => return Ok(p),
        }
    }
    Err(io::Error::other("too many levels of symbolic links"))
}

#[cfg(unix)]
fn set_default_mode(f: &std::fs::File) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    // tempfile creates 0600; a new registry gets the usual 0644 less the umask's
    // usual effect on shared servers (group-readable).
    f.set_permissions(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn set_default_mode(_: &std::fs::File) -> io::Result<()> {
    Ok(())
}

fn sync_dir(dir: &Path) {
    // Makes the rename durable. Failure here leaves a correct file that might not
    // survive a power cut; nothing to report to the user.
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

/// A disk that is full, for tests of what a writer's error becomes.
#[cfg(test)]
pub(crate) struct Full;

#[cfg(test)]
impl Write for Full {
    fn write(&mut self, _: &[u8]) -> io::Result<usize> {
        Err(io::ErrorKind::StorageFull.into())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_registry_written_straight_to_the_file_is_to_json_byte_for_byte() {
        let reg: Registry = serde_json::from_str(crate::store::BUNDLED).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("registry.json");
        write_registry(&path, &reg).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), to_json(&reg));
    }

    #[test]
    fn a_full_disk_met_while_serialising_is_told_as_a_full_disk() {
        // More than the buffer holds, so the write fails inside serde_json.
        let mut reg: Registry = serde_json::from_str(crate::store::BUNDLED).unwrap();
        let tasks = reg.tasks.clone();
        for _ in 0..4 {
            reg.tasks.extend(tasks.iter().cloned());
        }
        assert!(to_json(&reg).len() > 1 << 16);
        let e = serialise(&reg, Full).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::StorageFull, "{e}");
    }
}
