//! The system-wide settings, `/etc/dubang/config.toml` (`$DUBANG_SYSTEM_CONFIG` names
//! another, for tests and unusual installs): the administrator's defaults under each
//! user's own. Its main use is `file = "/srv/dubang/plan.json"`, so that a bare
//! `dubang` opens the office's shared registry for everyone.

use super::{Problem, Settings, load};
use std::path::{Path, PathBuf};

/// Where the system settings are.
pub fn system_config_path(env: impl Fn(&str) -> Option<String>) -> PathBuf {
    env("DUBANG_SYSTEM_CONFIG")
        .filter(|v| !v.is_empty())
        .map_or_else(|| PathBuf::from("/etc/dubang/config.toml"), PathBuf::from)
}

/// Which file names the registry: the user's settings, the system's, or neither.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileFrom {
    User(PathBuf),
    System(PathBuf),
    Neither,
}

/// The user's settings laid over the system's. Each setting the user's file gives
/// wins; key bindings and `[problems]` are taken whole from the user's file when it
/// has any, else from the system's. Problems of both files are reported.
pub fn layered(user: Option<&Path>, system: &Path) -> (Settings, Vec<Problem>, FileFrom) {
    let (sys, mut problems) = load(system);
    let (mine, mine_problems) = user.map(load).unwrap_or_default();
    problems.extend(mine_problems);
    let from = match (&mine.file, &sys.file, user) {
        (Some(_), _, Some(u)) => FileFrom::User(u.to_path_buf()),
        (None, Some(_), _) => FileFrom::System(system.to_path_buf()),
        _ => FileFrom::Neither,
    };
    let merged = Settings {
        theme: mine.theme.or(sys.theme),
        lang: mine.lang.or(sys.lang),
        file: mine.file.or(sys.file),
        ascii: mine.ascii.or(sys.ascii),
        bindings: if mine.bindings.is_empty() {
            sys.bindings
        } else {
            mine.bindings
        },
        problems: if mine.problems == Default::default() {
            sys.problems
        } else {
            mine.problems
        },
    };
    (merged, problems, from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_users_file_wins_and_the_systems_fills_in() {
        let dir = tempfile::tempdir().unwrap();
        let (user, system) = (dir.path().join("u.toml"), dir.path().join("s.toml"));
        std::fs::write(&system, "file = \"/srv/plan.json\"\nlang = \"zh\"\n").unwrap();
        std::fs::write(&user, "lang = \"en\"\n").unwrap();
        let (s, problems, from) = layered(Some(&user), &system);
        assert!(problems.is_empty());
        assert_eq!(s.file.as_deref(), Some(Path::new("/srv/plan.json")));
        assert_eq!(s.lang, Some(crate::lang::Lang::En));
        assert_eq!(from, FileFrom::System(system.clone()));
        std::fs::write(&user, "file = \"/home/me/mine.json\"\n").unwrap();
        let (s, _, from) = layered(Some(&user), &system);
        assert_eq!(s.file.as_deref(), Some(Path::new("/home/me/mine.json")));
        assert_eq!(from, FileFrom::User(user));
        assert_eq!(
            system_config_path(|_| None),
            PathBuf::from("/etc/dubang/config.toml")
        );
    }
}
