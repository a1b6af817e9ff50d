//! `dubang report`: load, filter, render, and write the report atomically to `--out`
//! or to standard output (never binary bytes to a terminal). Usage errors and
//! failures are told apart so the binary can exit 2 or 1.

use super::filter::{Filter, FilterArgs};
use super::problems::Thresholds;
use super::{Format, is_chinese, messages, render};
use crate::lang::Lang;
use crate::registry::Index;
use crate::store;
use chrono::NaiveDate;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Everything `dubang report` was asked.
#[derive(Debug, Clone)]
pub struct Request {
    pub format: Format,
    pub out: Option<PathBuf>,
    pub filters: FilterArgs,
    /// `--lang`, when given.
    pub lang: Option<Lang>,
    /// The language when neither `--lang` nor a Chinese plan decides (settings, locale).
    pub fallback_lang: Lang,
    pub today: NaiveDate,
    pub thresholds: Thresholds,
}

/// Why a report was not made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// The command line asks for something impossible (exit 2).
    Usage(String),
    /// The data or the write failed (exit 1).
    Failed(String),
}

/// Makes the report. Returns lines for standard error (what was written, or that no
/// task matched).
pub fn run(
    file: &Path,
    req: &Request,
    stdout: &mut dyn Write,
    stdout_is_terminal: bool,
) -> Result<Vec<String>, Failure> {
    // Before the plan is read, the language asked for; after, the report's.
    let early = req.lang.unwrap_or(req.fallback_lang);
    if req.format.is_binary() && req.out.is_none() && stdout_is_terminal {
        let ext = format!("{:?}", req.format).to_lowercase();
        return Err(Failure::Usage(messages::binary_needs_out(early, &ext)));
    }
    let reg =
        store::load(file).map_err(|e| Failure::Failed(crate::words::load_error(early, &e)))?;
    let lang = req.lang.unwrap_or(if is_chinese(&reg) {
        Lang::Zh
    } else {
        req.fallback_lang
    });
    let filter = Filter::resolve(&reg, &req.filters)
        .map_err(|e| Failure::Usage(messages::unknown_value(lang, &e)))?;
    let ix = Index::build(&reg);
    let tasks = filter.select(&reg, &ix, req.today);
    let bytes = render(
        &reg,
        &ix,
        &tasks,
        req.format,
        lang,
        req.today,
        &req.thresholds,
    )
    .map_err(|e| Failure::Failed(messages::cannot_make(lang, &e)))?;
    let mut notes = Vec::new();
    if tasks.is_empty() {
        notes.push(messages::no_match(lang));
    }
    match &req.out {
        Some(p) => {
            write_file(p, &bytes).map_err(|e| {
                Failure::Failed(messages::cannot_write(lang, p, &write_reason(lang, &e)))
            })?;
            notes.push(messages::wrote(lang, p, tasks.len()));
        }
        None => stdout
            .write_all(&bytes)
            .and_then(|()| stdout.flush())
            .map_err(|e| Failure::Failed(messages::cannot_write_stdout(lang, &e)))?,
    }
    Ok(notes)
}

/// A regular file (or a new one) is replaced atomically; a device or pipe that exists
/// (`/dev/stdout`, a FIFO) is written in place: renaming over it would replace it.
pub fn write_file(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        // Whoever planted the link does not choose where dubang writes.
        store::files::may_follow(path)?;
    }
    match std::fs::metadata(path) {
        Ok(m) if !m.is_file() && !m.is_dir() => {
            let mut f = std::fs::OpenOptions::new().write(true).open(path)?;
            f.write_all(bytes)?;
            f.flush()
        }
        _ => store::write_atomic(path, bytes),
    }
}

/// An I/O error in a few words, without the temporary file's name that the error of
/// an atomic write carries, in the reader's language.
pub fn write_reason(lang: Lang, e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match e.kind() {
        _ if store::files::Refusal::of(e).is_some() => crate::words::io_error(lang, e),
        NotFound => lang.pick("目录不存在", "no such directory").into(),
        PermissionDenied => lang.pick("没有写入权限", "permission denied").into(),
        StorageFull => lang.pick("磁盘已满", "no space left on the device").into(),
        IsADirectory => lang.pick("这是一个目录", "it is a directory").into(),
        ReadOnlyFilesystem => lang.pick("文件系统只读", "read-only file system").into(),
        _ => {
            let text = e.to_string();
            text.split(" at path ").next().unwrap_or(&text).to_string()
        }
    }
}
