//! Edits a dashboard could not save before it had to exit (SIGHUP, SIGTERM, a lost
//! terminal): written to `$XDG_DATA_HOME/dubang/recovery/<hash>.json`, one file per
//! registry (the hash of its canonical path), and taken back by the next dashboard
//! on the same registry, which offers them as kept edits (r saves them).
//!
//! The file is the user's own (their data directory), so a shared registry's
//! colleagues never see half an edit of someone else.

use super::write::write_on_exit;
use crate::registry::Edit;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

const FORMAT: &str = "dubang-recovery/1";

#[derive(Serialize, Deserialize)]
struct Recovery {
    format: String,
    /// The registry the edits belong to, for a person reading the file.
    file: PathBuf,
    edits: Vec<Edit>,
}

/// Where the edits of `registry` are kept, in this user's data directory.
pub fn path_for(registry: &Path) -> Option<PathBuf> {
    let dir = super::data_dir(|k| std::env::var(k).ok())?;
    Some(path_in(&dir, registry))
}

/// The recovery file for `registry` under the data directory `dir`.
pub fn path_in(dir: &Path, registry: &Path) -> PathBuf {
    let canonical = registry
        .canonicalize()
        .unwrap_or_else(|_| registry.to_path_buf());
    let name = format!(
        "{:016x}.json",
        fnv1a(canonical.as_os_str().as_encoded_bytes())
    );
    dir.join("recovery").join(name)
}

/// A stable hash (FNV-1a, 64 bits): the same path names the same file across
/// versions, which `DefaultHasher` does not promise.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// Writes `edits` of `registry` to its recovery file (atomically), replacing any
/// earlier one. Returns where.
pub fn write(registry: &Path, edits: &[Edit]) -> Result<PathBuf, String> {
    let path = path_for(registry).ok_or("no data directory (HOME unset)")?;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    let body = Recovery {
        format: FORMAT.into(),
        file: registry.to_path_buf(),
        edits: edits.to_vec(),
    };
    let json = serde_json::to_vec_pretty(&body).map_err(|e| e.to_string())?;
    write_on_exit(&path, &json).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(path)
}

/// The edits kept for `registry`, if any, removing the file: from now on they are
/// the caller's (shown as kept edits; written again if this session is killed too).
/// `Err(path)` for a file that cannot be read as one (it is left in place).
pub fn take(registry: &Path) -> Option<Result<(PathBuf, Vec<Edit>), PathBuf>> {
    let path = path_for(registry)?;
    let bytes = std::fs::read(&path).ok()?;
    let parsed: Result<Recovery, _> = serde_json::from_slice(&bytes);
    Some(match parsed {
        Ok(r) if r.format == FORMAT => {
            let _ = std::fs::remove_file(&path);
            Ok((path, r.edits))
        }
        Ok(_) | Err(_) => Err(path),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_file_per_registry_named_by_a_stable_hash() {
        let a = path_in(Path::new("/d"), Path::new("/nowhere/a.json"));
        let b = path_in(Path::new("/d"), Path::new("/nowhere/b.json"));
        assert_ne!(a, b);
        assert_eq!(a, path_in(Path::new("/d"), Path::new("/nowhere/a.json")));
        assert!(a.starts_with("/d/recovery"));
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
    }
}
