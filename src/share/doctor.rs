//! `dubang doctor`: checks a shared registry — which file is opened and why, its
//! directory, group and modes, the lock file, ACLs, who can write — and says, one
//! finding at a time, what to fix. Findings are typed; `words::share` says them.

use super::Origin;
use super::groups;
use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::Command;

/// How a finding weighs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Ok,
    Note,
    Fix,
}

/// One thing found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finding {
    Opened {
        file: PathBuf,
        origin: Origin,
    },
    FileMissing {
        file: PathBuf,
    },
    DirMissing {
        dir: PathBuf,
    },
    /// Directory: its group, whether setgid, whether the group can create files.
    Dir {
        dir: PathBuf,
        group: String,
        setgid: bool,
        group_writes: bool,
    },
    /// The registry: its group, mode, and the directory's group when they differ.
    File {
        file: PathBuf,
        group: String,
        mode: u32,
        dir_group: Option<String>,
    },
    /// The lock file is not there yet (the first save makes it).
    LockMissing {
        lock: PathBuf,
    },
    LockSymlink {
        lock: PathBuf,
    },
    LockNotRegular {
        lock: PathBuf,
    },
    Lock {
        lock: PathBuf,
        group: String,
        mode: u32,
        want_group: String,
        want_mode: u32,
    },
    /// Extended ACL entries (`user:wangli:rw-`), as getfacl lists them.
    Acl {
        file: PathBuf,
        entries: Vec<String>,
    },
    AclUnchecked,
    /// Who can write the registry (logins).
    Writers {
        logins: Vec<String>,
    },
}

impl Finding {
    pub fn level(&self) -> Level {
        match self {
            Finding::Opened { .. } | Finding::AclUnchecked | Finding::LockMissing { .. } => {
                Level::Note
            }
            Finding::Acl { .. } => Level::Note,
            Finding::FileMissing { .. }
            | Finding::DirMissing { .. }
            | Finding::LockSymlink { .. }
            | Finding::LockNotRegular { .. } => Level::Fix,
            Finding::Dir {
                setgid,
                group_writes,
                ..
            } => ok_if(*setgid && *group_writes),
            Finding::File {
                mode, dir_group, ..
            } => ok_if(mode & 0o060 == 0o060 && mode & 0o002 == 0 && dir_group.is_none()),
            Finding::Lock {
                group,
                mode,
                want_group,
                want_mode,
                ..
            } => ok_if(group == want_group && mode == want_mode),
            // The modes are judged above; one person alone is a group still to fill.
            Finding::Writers { logins } if logins.len() > 1 => Level::Ok,
            Finding::Writers { .. } => Level::Note,
        }
    }
}

fn ok_if(ok: bool) -> Level {
    if ok { Level::Ok } else { Level::Fix }
}

/// Checks the setup of `file`, opened for `origin`.
pub fn check(file: &Path, origin: Origin) -> Vec<Finding> {
    let mut out = vec![Finding::Opened {
        file: file.to_path_buf(),
        origin,
    }];
    let real = fs::canonicalize(file).unwrap_or_else(|_| file.to_path_buf());
    let dir = real
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    let Ok(dmeta) = fs::metadata(&dir) else {
        out.push(Finding::DirMissing { dir });
        return out;
    };
    let dir_group = groups::name_or_gid(dmeta.gid());
    let dmode = dmeta.permissions().mode();
    out.push(Finding::Dir {
        dir: dir.clone(),
        group: dir_group.clone(),
        setgid: dmode & 0o2000 != 0,
        group_writes: dmode & 0o030 == 0o030,
    });
    let Ok(fmeta) = fs::metadata(&real) else {
        out.push(Finding::FileMissing { file: real });
        return out;
    };
    let fmode = fmeta.permissions().mode() & 0o777;
    let fgroup = groups::name_or_gid(fmeta.gid());
    out.push(Finding::File {
        file: real.clone(),
        group: fgroup.clone(),
        mode: fmode,
        dir_group: (fmeta.gid() != dmeta.gid()).then(|| dir_group.clone()),
    });

    let lock = crate::store::lock::lock_path(&real);
    match fs::symlink_metadata(&lock) {
        Err(_) => out.push(Finding::LockMissing { lock }),
        Ok(m) if m.file_type().is_symlink() => out.push(Finding::LockSymlink { lock }),
        Ok(m) if !m.file_type().is_file() => out.push(Finding::LockNotRegular { lock }),
        Ok(m) => out.push(Finding::Lock {
            lock,
            group: groups::name_or_gid(m.gid()),
            mode: m.permissions().mode() & 0o777,
            // The directory's group is the shared one (a registry chgrp'ed away is
            // flagged above); the lock belongs with it.
            want_group: dir_group.clone(),
            // What a shared registry (group rw) asks of its lock: judged against the
            // mode the registry should have, not a wrong one it has.
            want_mode: crate::store::lock::lock_mode(Some(super::init::FILE_MODE)),
        }),
    }

    let acl = acl_entries(&real).or_else(|| acl_xattr(&real));
    let named_writers: Vec<String> = acl
        .as_deref()
        .unwrap_or_default()
        .iter()
        .filter_map(|e| {
            let mut f = e.split(':');
            let (kind, name, perms) = (f.next()?, f.next()?, f.next()?);
            (kind == "user" && !name.is_empty() && perms.contains('w')).then(|| name.to_string())
        })
        .collect();
    match acl {
        None => out.push(Finding::AclUnchecked),
        Some(entries) if !entries.is_empty() => out.push(Finding::Acl {
            file: real.clone(),
            entries,
        }),
        Some(_) => {}
    }
    out.push(Finding::Writers {
        logins: writers(&fmeta, &dmeta, named_writers),
    });
    out
}

/// The ACL entries beyond the mode bits (`user:NAME:rw-`, `group:NAME:…`, `mask::…`), or
/// `None` when `getfacl` is not there to ask.
fn acl_entries(file: &Path) -> Option<Vec<String>> {
    let out = Command::new("getfacl")
        .args(["-c", "-p", "-E"])
        .arg(file)
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    let text = String::from_utf8_lossy(&out.stdout);
    Some(
        text.lines()
            .map(str::trim)
            .filter(|l| {
                let mut f = l.split(':');
                let (kind, name) = (f.next().unwrap_or(""), f.next().unwrap_or(""));
                (matches!(kind, "user" | "group") && !name.is_empty()) || kind == "mask"
            })
            .map(str::to_string)
            .collect(),
    )
}

/// Without `getfacl`: whether the file carries an access ACL at all (the extended
/// attribute it lives in), named as that attribute; `None` when that cannot be read either.
fn acl_xattr(file: &Path) -> Option<Vec<String>> {
    let mut value = vec![0u8; 65536];
    match rustix::fs::getxattr(file, "system.posix_acl_access", &mut value[..]) {
        Ok(_) => Some(vec!["system.posix_acl_access".into()]),
        Err(rustix::io::Errno::NODATA) => Some(Vec::new()),
        Err(_) => None,
    }
}

/// Who can replace the registry: a save writes a new file into the directory, so
/// it takes write access to the directory and (to read it first) to the file.
fn writers(file: &fs::Metadata, dir: &fs::Metadata, named: Vec<String>) -> Vec<String> {
    let (fm, dm) = (file.permissions().mode(), dir.permissions().mode());
    let mut out = Vec::new();
    if fm & 0o600 == 0o600
        && (dir.uid() == file.uid() && dm & 0o300 == 0o300
            || dm & 0o030 == 0o030 && dir.gid() == file.gid())
    {
        out.push(crate::account::login_or_uid(file.uid()));
    }
    if fm & 0o060 == 0o060
        && dm & 0o030 == 0o030
        && dir.gid() == file.gid()
        && let Some(g) = groups::by_gid(file.gid())
    {
        out.extend(g.members);
    }
    out.extend(named);
    let mut seen = std::collections::HashSet::new();
    out.retain(|l| seen.insert(l.clone()));
    out
}

/// Whether every finding is fine (notes included): `dubang doctor` exits 0.
pub fn all_well(findings: &[Finding]) -> bool {
    findings.iter().all(|f| f.level() != Level::Fix)
}
