//! Where the user's data lives: `$XDG_DATA_HOME/dubang/registry.json`, falling back
//! to `~/.local/share/dubang/registry.json`, created on first run from the bundled
//! plan so that a bare `dubang` works on a fresh machine.

use super::{BUNDLED, write_atomic};
use std::path::PathBuf;

/// The XDG data directory for dubang, from the given environment lookup.
pub fn data_dir(env: impl Fn(&str) -> Option<String>) -> Option<PathBuf> {
    // The spec says a relative XDG_DATA_HOME is invalid and must be ignored.
    let base = env("XDG_DATA_HOME")
        .filter(|v| v.starts_with('/'))
        .map(PathBuf::from)
        .or_else(|| {
            env("HOME")
                .filter(|h| !h.is_empty())
                .map(|h| PathBuf::from(h).join(".local/share"))
        })?;
    Some(base.join("dubang"))
}

/// The default registry path for this process's environment.
pub fn default_file() -> Option<PathBuf> {
    data_dir(|k| std::env::var(k).ok()).map(|d| d.join("registry.json"))
}

/// The default file and whether this call created it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DefaultFile {
    pub path: PathBuf,
    pub created: bool,
}

/// Makes sure the user's copy of the bundled registry exists, creating it (and its
/// directory) if needed.
pub fn ensure_default_file() -> Result<DefaultFile, String> {
    let path = default_file().ok_or_else(|| {
        "cannot find your data directory: neither XDG_DATA_HOME nor HOME is set; pass --file PATH".to_string()
    })?;
    if path.exists() {
        return Ok(DefaultFile {
            path,
            created: false,
        });
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| {
            format!(
                "{}: cannot create the data directory ({e}): pass --file PATH or set XDG_DATA_HOME",
                dir.display()
            )
        })?;
    }
    write_atomic(&path, BUNDLED.as_bytes()).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(DefaultFile {
        path,
        created: true,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |k| {
            pairs
                .iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn follows_xdg_then_home() {
        assert_eq!(
            data_dir(env(&[("XDG_DATA_HOME", "/x"), ("HOME", "/h")])),
            Some(PathBuf::from("/x/dubang"))
        );
        assert_eq!(
            data_dir(env(&[("XDG_DATA_HOME", "rel"), ("HOME", "/h")])),
            Some(PathBuf::from("/h/.local/share/dubang"))
        );
        assert_eq!(data_dir(env(&[])), None);
    }
}
