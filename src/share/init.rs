//! `dubang share init PATH --group GROUP`: a registry the whole office can save.
//!
//! The directory is group-owned and setgid (2770), so every file made in it — the
//! temporary file of each save included — gets the group; the registry is group-owned
//! 0660 and its lock file is prepared the same way, so that the first colleague to save
//! with umask 077 locks nobody out. What exists is kept (an existing registry is never
//! overwritten); only its group and mode are fixed.

use super::groups::{self, Group};
use crate::store;
use std::fs;
use std::io;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

/// The directory's mode: setgid, rwx for owner and group, nothing for others.
pub const DIR_MODE: u32 = 0o2770;
/// The registry's mode: rw for owner and group.
pub const FILE_MODE: u32 = 0o660;

/// What to set up.
#[derive(Debug, Clone)]
pub struct Request {
    /// The registry file (an existing directory means `registry.json` in it).
    pub path: PathBuf,
    pub group: String,
    /// Another registry to start from instead of the bundled plan.
    pub from: Option<PathBuf>,
}

/// What was done.
#[derive(Debug, Clone, PartialEq)]
pub struct Done {
    pub file: PathBuf,
    pub dir: PathBuf,
    pub lock: PathBuf,
    pub group: Group,
    /// How the registry came to be: it was there, or copied from a file or the bundled plan.
    pub content: Content,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Content {
    Kept,
    Copied(PathBuf),
    Bundled,
}

/// Why the setup stopped (what was done before stays: running again finishes it).
#[derive(Debug)]
pub enum Failure {
    NoGroup(String),
    /// `--from` names a file that is not a usable registry (the load error, English).
    BadSource(store::LoadError),
    /// A step on a path failed: what was being done and the system's reason.
    Step {
        step: Step,
        path: PathBuf,
        error: io::Error,
    },
    /// The lock file's place holds a symlink or something else than a file.
    LockNotFile(PathBuf),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    CreateDir,
    SetGroup,
    SetMode,
    Write,
    CreateLock,
}

/// Sets up the shared registry.
pub fn init(req: &Request) -> Result<Done, Failure> {
    let group = groups::by_name(&req.group).ok_or_else(|| Failure::NoGroup(req.group.clone()))?;
    let file = if req.path.is_dir() {
        req.path.join("registry.json")
    } else {
        req.path.clone()
    };
    let file = std::path::absolute(&file).unwrap_or(file);
    let dir = file
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    let step = |step: Step, path: &Path| {
        let path = path.to_path_buf();
        move |error| Failure::Step { step, path, error }
    };
    fs::create_dir_all(&dir).map_err(step(Step::CreateDir, &dir))?;
    // The group first: changing the owner may clear the setgid bit.
    std::os::unix::fs::chown(&dir, None, Some(group.gid)).map_err(step(Step::SetGroup, &dir))?;
    fs::set_permissions(&dir, fs::Permissions::from_mode(DIR_MODE))
        .map_err(step(Step::SetMode, &dir))?;

    let content = if file.exists() {
        Content::Kept
    } else {
        let (bytes, content) = match &req.from {
            Some(src) => {
                // Only a registry dubang can open is worth sharing; copied as
                // written, not as cleaned for the screen.
                let reg = store::load_as_written(src).map_err(Failure::BadSource)?;
                (store::to_json(&reg), Content::Copied(src.clone()))
            }
            None => (store::BUNDLED.to_string(), Content::Bundled),
        };
        store::write_atomic(&file, bytes.as_bytes()).map_err(step(Step::Write, &file))?;
        content
    };
    settle(&file, group.gid, FILE_MODE)?;

    let real = fs::canonicalize(&file).unwrap_or_else(|_| file.clone());
    let lock = store::lock::lock_path(&real);
    match fs::symlink_metadata(&lock) {
        Ok(m) if !m.file_type().is_file() => return Err(Failure::LockNotFile(lock)),
        Ok(_) => {}
        Err(_) => {
            fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&lock)
                .map_err(step(Step::CreateLock, &lock))?;
        }
    }
    // The mode the saves give a lock file of a group-shared registry (store::lock).
    settle(&lock, group.gid, store::lock::lock_mode(Some(FILE_MODE)))?;
    Ok(Done {
        file,
        dir,
        lock,
        group,
        content,
    })
}

/// Gives a file the group and mode, whatever the umask it was made under.
fn settle(path: &Path, gid: u32, mode: u32) -> Result<(), Failure> {
    let fail = |step| {
        let path = path.to_path_buf();
        move |error| Failure::Step { step, path, error }
    };
    std::os::unix::fs::lchown(path, None, Some(gid)).map_err(fail(Step::SetGroup))?;
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).map_err(fail(Step::SetMode))
}

/// The line of the system settings that makes a bare `dubang` open `file`.
pub fn settings_line(file: &Path) -> String {
    let path = file.display().to_string();
    let quoted = path.replace('\\', "\\\\").replace('"', "\\\"");
    format!("file = \"{quoted}\"")
}

/// The system settings text with its `file = …` line set to `file` (added at the top
/// when it has none), everything else kept.
pub fn with_file_line(old: &str, file: &Path) -> String {
    let line = settings_line(file);
    let mut done = false;
    let mut in_table = false;
    let mut out: Vec<String> = Vec::new();
    for l in old.lines() {
        let t = l.trim_start();
        in_table |= t.starts_with('[');
        if !in_table && !done && t.starts_with("file") && t[4..].trim_start().starts_with('=') {
            out.push(line.clone());
            done = true;
        } else {
            out.push(l.to_string());
        }
    }
    if !done {
        out.insert(0, line);
    }
    out.join("\n") + "\n"
}

/// Writes `file = …` into the system settings at `config` (creating its directory).
pub fn write_system_setting(config: &Path, file: &Path) -> io::Result<()> {
    if let Some(d) = config.parent() {
        fs::create_dir_all(d)?;
    }
    let old = match fs::read_to_string(config) {
        Ok(t) => t,
        Err(e) if e.kind() == io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(e),
    };
    store::write_atomic(config, with_file_line(&old, file).as_bytes())?;
    // Everyone reads it: it only says where the shared file is.
    fs::set_permissions(config, fs::Permissions::from_mode(0o644))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_line_replaces_the_top_level_one_only() {
        let p = Path::new("/srv/dubang/plan.json");
        assert_eq!(
            with_file_line("lang = \"zh\"\n", p),
            "file = \"/srv/dubang/plan.json\"\nlang = \"zh\"\n"
        );
        assert_eq!(
            with_file_line("file = \"/old.json\"\n[problems]\nfile = 1\n", p),
            "file = \"/srv/dubang/plan.json\"\n[problems]\nfile = 1\n"
        );
    }
}
