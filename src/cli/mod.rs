//! The command line: its clap types here, each subcommand's body in a module of
//! its own (the work itself is in the library).

pub mod config;
pub mod edit;
pub mod import;
pub mod report;
pub mod share;

use clap::{Parser, Subcommand};
use dubang::lang::Lang;
use dubang::settings::ThemeName;
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "dubang",
    version,
    about = "督办: follow up a government work plan in the terminal"
)]
pub struct Cli {
    /// The registry file [default: your copy of the bundled plan in the XDG data directory]
    #[arg(long, short = 'f', env = "DUBANG_FILE", value_name = "PATH")]
    pub file: Option<PathBuf>,

    /// Language of labels and messages [default: from LC_ALL/LC_MESSAGES/LANG; when the
    /// locale names no language (C, POSIX), the plan's]
    #[arg(long, global = true, value_name = "zh|en", value_parser = parse_lang)]
    pub lang: Option<Lang>,

    /// Colour theme [default: dark, or mono when NO_COLOR is set]
    #[arg(long, value_name = "dark|light|high-contrast|mono", value_parser = parse_theme)]
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
    /// Import a work plan (text, HTML page or Word .docx) into a registry
    Import {
        /// The document, as published: .txt (UTF-8 or GB18030), .html, .docx
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
        /// Write nothing: print the outline understood, the assumptions and every line
        /// that could not be placed (exit 1 if any)
        #[arg(long)]
        check: bool,
        /// Import what could be placed; what was left out goes to the document's notes
        #[arg(long)]
        allow_partial: bool,
    },
    /// Check a registry; exit 0 when valid, 1 with every problem listed
    Validate(FileArg),
    /// Print the plan's overview and problem list as plain text (80 columns)
    Summary {
        /// List every task instead: number, status, progress, headline, lead unit
        #[arg(long)]
        tasks: bool,
        #[command(flatten)]
        file: FileArg,
    },
    /// Write a report: the 台账 (xlsx, csv), the 通报 (docx, md) or the filtered registry (json)
    ///
    /// Text formats go to standard output without --out; xlsx and docx need --out
    /// (or a pipe). The output file is replaced atomically.
    Report(ReportArgs),
    /// Collect progress from the units: send each its own 台账 sheet, read the filled sheets back
    #[command(subcommand)]
    Ledger(LedgerCommand),
    /// The settings file: where it is and what in it cannot be used (exit 1), or a
    /// commented default
    Config {
        /// Print a commented settings file with every default (to standard output)
        #[arg(long, conflicts_with = "write")]
        print_default: bool,
        /// Write that commented default to the settings file's place, if it has none
        #[arg(long)]
        write: bool,
    },
    /// One registry for the whole office: set up a shared file (see README "Sharing one registry")
    #[command(subcommand)]
    Share(ShareCommand),
    /// Check a shared registry: which file opens and why, group, modes, lock file, ACLs,
    /// who can save; one line per finding, exit 1 when something needs fixing
    Doctor(FileArg),
    /// List the edits of the history, newest first: when, who, task, change, note
    Log {
        /// Only edits on or after this day, or this many days back (7d)
        #[arg(long, value_name = "YYYY-MM-DD|Nd")]
        since: Option<String>,
        /// Only tasks this unit leads or shares: name, alias, pinyin or initials; repeatable
        #[arg(long, value_name = "UNIT")]
        unit: Vec<String>,
        /// Only edits by this person: login, or 姓名 from the registry's people list
        #[arg(long, value_name = "PERSON")]
        by: Option<String>,
        /// Only this task: number or id
        #[arg(long, value_name = "N")]
        task: Option<String>,
        #[command(flatten)]
        file: FileArg,
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
        /// A progress note, recorded with the change (alone: just add the note); `-` reads it from standard input
        #[arg(
            long,
            value_name = "TEXT",
            allow_hyphen_values = true,
            conflicts_with = "note_file"
        )]
        note: Option<String>,
        /// Read the note from a UTF-8 file (at most 10 000 characters, as any note)
        #[arg(long, value_name = "FILE")]
        note_file: Option<PathBuf>,
        /// Percent done, 0-100
        #[arg(long, value_name = "N", allow_hyphen_values = true)]
        progress: Option<String>,
        /// Due date, or `none` to clear it
        #[arg(long, value_name = "YYYY-MM-DD|none")]
        due: Option<String>,
        #[command(flatten)]
        file: FileArg,
    },
}

/// `--file` for the commands that read the registry (not `import`, not `config`).
#[derive(Debug, Clone, clap::Args)]
pub struct FileArg {
    /// The registry file [default: your copy of the bundled plan in the XDG data directory]
    #[arg(long, short = 'f', env = "DUBANG_FILE", value_name = "PATH")]
    pub file: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum ShareCommand {
    /// Create (or repair) a registry a Unix group shares: a setgid group directory (2770),
    /// the file (group, 0660) and its lock file; an existing file's content is kept
    Init {
        /// The registry file, e.g. /srv/dubang/plan.json (a directory: registry.json in it)
        path: PathBuf,
        /// The Unix group whose members edit it
        #[arg(long, value_name = "GROUP")]
        group: String,
        /// Start from this registry instead of the bundled plan (ignored when PATH exists)
        #[arg(long, value_name = "FILE")]
        from: Option<PathBuf>,
        /// Also write `file = PATH` into the system settings (/etc/dubang/config.toml),
        /// so that a bare `dubang` opens the shared file for everyone
        #[arg(long)]
        system: bool,
    },
}

#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// xlsx: 台账 workbook; csv: 台账 rows; docx: 通报; md: 通报 as Markdown; json: registry
    #[arg(long, value_enum)]
    pub format: dubang::report::Format,
    /// Where to write (atomically) [default: standard output, text formats only]
    #[arg(long, short = 'o', value_name = "PATH")]
    pub out: Option<PathBuf>,
    /// Only this section: numeral (三), id (s3) or title words; repeatable
    #[arg(long, value_name = "SECTION")]
    pub section: Vec<String>,
    /// Only tasks this unit leads or shares: name, alias, pinyin or initials; repeatable
    #[arg(long, value_name = "UNIT")]
    pub unit: Vec<String>,
    /// Only tasks of this town: name, pinyin or initials; repeatable
    #[arg(long, value_name = "TOWN")]
    pub town: Vec<String>,
    /// Only this status (not_started, in_progress, done, delayed, blocked, or 未启动 推进中 已完成 滞后 受阻); repeatable
    #[arg(long, value_name = "STATUS")]
    pub status: Vec<String>,
    /// Only tasks past their due date (their own, or their goal's) and not done
    #[arg(long)]
    pub overdue: bool,
    /// Only tasks not done and not updated for DAYS days
    #[arg(long, value_name = "DAYS")]
    pub stale: Option<u32>,
    /// Only tasks changed on or after DATE
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub since: Option<chrono::NaiveDate>,
    #[command(flatten)]
    pub file: FileArg,
}

/// `--lang zh|en` (the library's `Lang` knows nothing of clap).
fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::parse(s).ok_or_else(|| format!("'{s}' is not a language dubang speaks: use zh or en"))
}

/// A date as people type it (2025-06-30, 2025/6/30, 2025年6月30日, 20250630).
fn parse_date(s: &str) -> Result<chrono::NaiveDate, String> {
    dubang::registry::typed::date(s).map_err(|e| e.to_string())
}

/// `--theme NAME`.
fn parse_theme(s: &str) -> Result<ThemeName, String> {
    ThemeName::parse(s).ok_or_else(|| {
        let names: Vec<&str> = ThemeName::ALL.iter().map(|t| t.key()).collect();
        format!("'{s}' is not a theme: use one of {}", names.join(", "))
    })
}

#[derive(Debug, Subcommand)]
pub enum LedgerCommand {
    /// Write one 台账 workbook per unit to fill in: the tasks it leads and shares
    ///
    /// Named like 督办台账-市水务局-2026-11-29.xlsx. Only the fill-in columns (本期进展,
    /// 完成状态, 进度, 填报人, 备注) are unlocked; hidden ids match the rows back.
    Send {
        /// A unit or town: name, alias, pinyin or initials; repeatable
        #[arg(long, value_name = "UNIT")]
        unit: Vec<String>,
        /// Every unit and town that has a task
        #[arg(long, conflicts_with = "unit")]
        all_units: bool,
        /// The directory to write to
        #[arg(long, short = 'o', value_name = "DIR", default_value = ".")]
        out: PathBuf,
        #[command(flatten)]
        file: FileArg,
    },
    /// Read filled-in 台账 workbooks (.xlsx, .xls) back as edits, one history entry per change
    ///
    /// Rows whose task changed in dubang after the sheet was sent are conflicts, not
    /// applied without --force. Collecting the same file twice applies nothing the
    /// second time.
    Collect {
        /// The returned workbooks
        #[arg(required = true, value_name = "FILE.xlsx")]
        files: Vec<PathBuf>,
        /// Show the changes; save nothing
        #[arg(long)]
        dry_run: bool,
        /// Also apply rows whose task changed after the sheet was sent
        #[arg(long)]
        force: bool,
        /// Apply nothing when any row has a problem
        #[arg(long)]
        strict: bool,
        #[command(flatten)]
        file: FileArg,
    },
}
