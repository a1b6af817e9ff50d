//! The command line (clap types only).

use clap::{Parser, Subcommand};
use dubang::lang::Lang;
use dubang::tui::theme::ThemeName;
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "dubang",
    version,
    about = "督办: follow up a government work plan in the terminal"
)]
pub struct Cli {
    /// The registry file [default: your copy of the bundled plan in the XDG data directory]
    #[arg(
        long,
        short = 'f',
        env = "DUBANG_FILE",
        global = true,
        value_name = "PATH"
    )]
    pub file: Option<PathBuf>,

    /// Language of labels [default: from LC_ALL/LC_MESSAGES/LANG]
    #[arg(long, value_enum, global = true)]
    pub lang: Option<Lang>,

    /// Colour theme [default: dark, or mono when NO_COLOR is set]
    #[arg(long, value_enum)]
    pub theme: Option<ThemeName>,

    /// Start in presentation mode: read-only slides for a projector
    #[arg(long)]
    pub present: bool,

    /// Open without allowing edits
    #[arg(long)]
    pub read_only: bool,

    /// Draw borders and punctuation with ASCII, for terminals that show ambiguous-width
    /// characters (“ ” — … and box lines) two columns wide [env: DUBANG_ASCII]
    #[arg(long)]
    pub ascii: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Import a work plan's text into a registry
    Import {
        /// The document, as published (page chrome may stay)
        document: PathBuf,
        /// Where to write the registry [default: standard output]
        #[arg(long, short = 'o', value_name = "OUT.json")]
        out: Option<PathBuf>,
        /// Gazetteer of the city's towns and zones (expands 各镇(区))
        #[arg(long, value_name = "FILE")]
        towns: Option<PathBuf>,
        /// Hand-kept links of goals to sections and headline overrides
        #[arg(long, value_name = "FILE")]
        curation: Option<PathBuf>,
        /// Do not use the town list and curation compiled into dubang, even for their document
        #[arg(long)]
        no_bundled: bool,
    },
    /// Check a registry; exit 0 when valid, 1 with every problem listed
    Validate,
    /// Print the plan's overview as plain text
    Summary,
    /// The settings file: where it is, and a commented default
    Config {
        /// Print a commented settings file with every default
        #[arg(long)]
        print_default: bool,
    },
    /// Change a task's status, progress, due date or add a note; saved at once, with history
    ///
    /// Safe to run alongside other dubang instances on the same file: each change is
    /// applied under a lock to the file as it is at that moment.
    Set {
        /// The task's number or id (12, t12); a goal's id (g2025) sets the goal's status
        task: String,
        /// not_started, in_progress, done, delayed, blocked, or 未启动 推进中 已完成 滞后 受阻
        /// [default: unchanged]
        status: Option<String>,
        /// A progress note, recorded with the change (alone: just add the note)
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
        /// Percent done, 0-100
        #[arg(long, value_name = "N", allow_hyphen_values = true)]
        progress: Option<String>,
        /// Due date, or `none` to clear it
        #[arg(long, value_name = "YYYY-MM-DD|none")]
        due: Option<String>,
    },
}
