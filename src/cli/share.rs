//! `dubang share init` and `dubang doctor` need to know why a registry is the one
//! opened: the command line, `DUBANG_FILE`, the user's settings or the system's.

use dubang::settings::FileFrom;
use dubang::share::Origin;
use std::path::PathBuf;

/// Why the registry opened is the one it is (`dubang doctor` says so). `named` is
/// `--file`, which clap also fills from `DUBANG_FILE`.
pub fn file_origin(named: Option<&PathBuf>, from: FileFrom) -> Origin {
    match (named, from) {
        (Some(f), _) if std::env::var_os("DUBANG_FILE").is_some_and(|v| v == f.as_os_str()) => {
            Origin::Env
        }
        (Some(_), _) => Origin::Flag,
        (None, FileFrom::User(p)) => Origin::User(p),
        (None, FileFrom::System(p)) => Origin::System(p),
        (None, FileFrom::Neither) => Origin::Default,
    }
}
