//! One registry for the whole office: setting it up (`dubang share init`), and
//! checking a setup (`dubang doctor`). The sentences are the catalogue's
//! (`words::share`); this module finds facts and does the work.

pub mod command;
pub mod doctor;
pub mod groups;
pub mod init;

use std::path::PathBuf;

/// Why dubang opens the registry it opens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// `--file` on the command line.
    Flag,
    /// The `DUBANG_FILE` environment variable.
    Env,
    /// `file = …` in the user's settings file.
    User(PathBuf),
    /// `file = …` in the system-wide settings file.
    System(PathBuf),
    /// Nothing names one: the user's copy of the bundled plan.
    Default,
}
