//! Files: loading a registry with a clear reason when it cannot be used, writing it
//! back atomically, and the user's default copy of the bundled plan.

mod copy;
pub mod exit;
pub mod files;
mod lenient;
mod locate;
pub mod lock;
mod paths;
pub mod recovery;
mod save;
mod save_over;
mod stamp;
mod stream;
mod write;
mod xattrs;

pub use copy::{Copied, FromScreen, save_copy};
pub use locate::{line_col, locate};
pub use paths::{DefaultFile, data_dir, default_file, ensure_default_file};
pub use save::{
    SaveError, Saved, Writable, is_writable, save_as, save_edit, save_edits, save_with, writable,
};
pub use save_over::{SavedOver, Streamed, save_edits_over};
pub use stamp::FileStamp;
pub use write::{to_json, write_atomic, write_registry};

use crate::registry::{Registry, validate};
use serde::Deserialize;
use std::fmt;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

/// The registry compiled into the binary: the bundled plan.
pub const BUNDLED: &str = include_str!("../../seeds/registry.json");

/// Why a registry cannot be used. Displays as one line: what, where, what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    pub file: PathBuf,
    /// 1-based line and column (in characters), when the problem has a place.
    pub at: Option<(usize, usize)>,
    /// JSON path of the offending value, e.g. `tasks[3].status`.
    pub json_path: Option<String>,
    pub message: String,
}

impl fmt::Display for LoadError {
    /// One line. The message quotes text from the file (an unknown status, an id):
    /// it is sanitised so the file can neither break the line nor drive the terminal.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}",
            crate::registry::sanitize_line(&self.file.display().to_string())
        )?;
        if let Some((line, col)) = self.at {
            write!(f, ":{line}:{col}")?;
        }
        f.write_str(": ")?;
        if let Some(p) = self
            .json_path
            .as_deref()
            .map(short_path)
            .filter(|p| !p.is_empty())
        {
            write!(f, "{}: ", crate::registry::sanitize_line(&p))?;
        }
        f.write_str(&crate::registry::sanitize_line(&self.message))
    }
}

/// A JSON path fit for one line: serde's placeholder for an unknown key (`.?`)
/// dropped, and a very deep path cut in the middle.
fn short_path(p: &str) -> String {
    let p = p.strip_suffix(".?").unwrap_or(p);
    if p == "?" {
        // Nothing known yet (the file broke off before its first key).
        return String::new();
    }
    let n = p.chars().count();
    if n <= 80 {
        return p.to_string();
    }
    let head: String = p.chars().take(40).collect();
    let tail: String = p.chars().skip(n - 30).collect();
    format!("{head}…{tail}")
}

impl std::error::Error for LoadError {}

impl LoadError {
    fn new(file: &Path, message: impl Into<String>) -> Self {
        LoadError {
            file: file.to_path_buf(),
            at: None,
            json_path: None,
            message: message.into(),
        }
    }
}

/// Reads and checks a registry file.
///
/// What [`load_as_written`] then [`Registry::sanitize`] do, in less time: while
/// this thread validates the registry, a second one finds the tasks whose text
/// needs cleaning (almost always none), and only those are cleaned after. Both
/// only read the registry, and validation sees it as written, as before.
pub fn load(file: &Path) -> Result<Registry, LoadError> {
    match streamed(file) {
        Ok(Some(mut reg)) => {
            let (valid, dirty) = valid_and_dirty(&reg);
            if valid {
                reg.sanitize_tasks_at(&dirty);
                return Ok(reg);
            }
        }
        Err(e) => return Err(io_error(file, &e)),
        Ok(None) => {}
    }
    // Anything unusual: read whole, and its parse words the error (as read_checked).
    let bytes = read(file)?;
    let mut reg = parse_bytes_as_written(file, &bytes)?;
    reg.sanitize();
    Ok(reg)
}

/// From this many tasks on, their text is scanned on a second thread: below, the
/// scan takes less than starting a thread.
const SCAN_APART: usize = 2_000;

/// Whether `reg` is valid, and which of its tasks need cleaning for the screen
/// ([`Registry::tasks_to_clean`]), the two found side by side on a large registry.
fn valid_and_dirty(reg: &Registry) -> (bool, Vec<usize>) {
    if reg.tasks.len() < SCAN_APART {
        return (validate(reg).is_empty(), reg.tasks_to_clean());
    }
    // Validation costs about a third of the scan: the second thread scans the
    // first three quarters while this one validates, then scans the rest.
    let split = reg.tasks.len() / 4 * 3;
    std::thread::scope(|s| {
        let scan = std::thread::Builder::new()
            .name("load-scan".into())
            .spawn_scoped(s, || reg.tasks_to_clean_in(0..split));
        let valid = validate(reg).is_empty();
        let tail = reg.tasks_to_clean_in(split..reg.tasks.len());
        let head = match scan.map(|h| h.join()) {
            Ok(Ok(dirty)) => dirty,
            Ok(Err(panic)) => std::panic::resume_unwind(panic),
            // No thread to be had (a process limit): scanned here.
            Err(_) => reg.tasks_to_clean_in(0..split),
        };
        (valid, [head, tail].concat())
    })
}

/// Like [`load`], with the text as written (not cleaned for the screen): for
/// copying a registry to another file, so the copy holds what its authors wrote.
pub fn load_as_written(file: &Path) -> Result<Registry, LoadError> {
    read_checked(file).map_err(|e| match e {
        Unread::Io(e) => io_error(file, &e),
        Unread::Invalid(e) => e,
    })
}

/// Why [`read_checked`] has no registry.
pub(crate) enum Unread {
    /// The file cannot be read (or is refused: not a regular file, too large).
    Io(std::io::Error),
    /// It is read, and is no valid registry.
    Invalid(LoadError),
}

/// The registry in `file` as written, checked. It is parsed a block at a time (see
/// `stream`), so that the file's bytes and the registry are never held together;
/// a file that is anything but a valid registry is read again whole, and the
/// whole-file parse says what is wrong with it, where.
pub(crate) fn read_checked(file: &Path) -> Result<Registry, Unread> {
    if let Some(reg) = streamed(file).map_err(Unread::Io)?
        && validate(&reg).is_empty()
    {
        return Ok(reg);
    }
    let bytes = files::read_regular(file, files::FILE_CAP).map_err(Unread::Io)?;
    parse_bytes_as_written(file, &bytes).map_err(Unread::Invalid)
}

/// The registry parsed a block at a time, if nothing about the file is unusual;
/// `None` asks for the whole-file parse. Only the open's refusals are errors here.
fn streamed(file: &Path) -> std::io::Result<Option<Registry>> {
    let (handle, size) = files::open_regular(file, files::FILE_CAP)?;
    Ok(stream::parse(handle, size, files::FILE_CAP))
}

pub use stream::Patch;

/// Another version of `file` (a colleague's save) read against `shown`, the version
/// on the screen, a block at a time: what differs, when only what edits change does
/// (see [`Patch`]); only those tasks are held, not a second registry. `None` when the
/// version must be read whole with [`load`], which also words any error. Setting
/// `stop` on another thread makes it give up (and let go of `shown`) at once.
pub fn patch(file: &Path, shown: &Registry, stop: &std::sync::atomic::AtomicBool) -> Option<Patch> {
    let (handle, size) = files::open_regular(file, files::FILE_CAP).ok()?;
    stream::patch_in_blocks(handle, size, files::FILE_CAP, stream::BLOCK, shown, stop)
}

/// Like [`load`], but also returns every validation problem rather than the first:
/// for `dubang validate`, which lists them all.
pub fn load_all_problems(file: &Path) -> Result<Registry, Vec<LoadError>> {
    match streamed(file) {
        Ok(Some(mut reg)) if validate(&reg).is_empty() => {
            reg.sanitize();
            return Ok(reg);
        }
        Err(e) => return Err(vec![io_error(file, &e)]),
        // Problems to list, with their places in the text: read it whole.
        Ok(_) => {}
    }
    let bytes = read(file).map_err(|e| vec![e])?;
    let text = decode(file, &bytes).map_err(|e| vec![e])?;
    let (mut reg, mut problems, repaired) = match deserialize(file, text) {
        Ok(reg) => (reg, Vec::new(), Vec::new()),
        // A value of the wrong type: keep going on stand-ins, to list every problem.
        Err(first) => match lenient::repair(file, text, &first) {
            Some((mut reg, rest, repaired)) => {
                reg.sanitize();
                (reg, std::iter::once(first).chain(rest).collect(), repaired)
            }
            None => return Err(vec![first]),
        },
    };
    problems.extend(check(file, text, &reg).into_iter().filter(|p| {
        !p.json_path
            .as_deref()
            .is_some_and(|path| lenient::caused_by_stand_in(path, &repaired))
    }));
    if problems.is_empty() {
        reg.sanitize();
        Ok(reg)
    } else {
        Err(problems)
    }
}

/// The registry's bytes: only from a regular file (a FIFO, a device or a huge sparse
/// file is refused at once, see [`files::read_regular`]).
fn read(file: &Path) -> Result<Vec<u8>, LoadError> {
    files::read_regular(file, files::FILE_CAP).map_err(|e| io_error(file, &e))
}

fn io_error(file: &Path, e: &std::io::Error) -> LoadError {
    let msg = match e.kind() {
        _ if matches!(
            files::Refusal::of(e),
            Some(files::Refusal::NotRegular(files::Special::Directory))
        ) =>
        {
            "is a directory, not a registry file: give the path of a .json file".to_string()
        }
        _ if let Some(r) = files::Refusal::of(e) => r.to_string(),
        ErrorKind::NotFound => {
            "no such file: check the path, or create one with `dubang import`".to_string()
        }
        ErrorKind::PermissionDenied => {
            "permission denied: ask the file's owner for read access (`ls -l` shows who owns it)"
                .to_string()
        }
        _ => format!("cannot read the file ({e}): check the path and the disk"),
    };
    LoadError::new(file, msg)
}

/// Parses and checks a registry held in memory; `file` names it in messages. Its text
/// is cleaned for the screen (see [`Registry::sanitize`]).
pub fn parse_bytes(file: &Path, bytes: &[u8]) -> Result<Registry, LoadError> {
    let mut reg = parse_bytes_as_written(file, bytes)?;
    reg.sanitize();
    Ok(reg)
}

/// Like [`parse_bytes`], with the text as written: for saving an edit on top of the
/// file, so that what others wrote stays on disk as they wrote it.
pub(crate) fn parse_bytes_as_written(file: &Path, bytes: &[u8]) -> Result<Registry, LoadError> {
    let text = decode(file, bytes)?;
    let reg = deserialize(file, text)?;
    let mut problems = check(file, text, &reg);
    if problems.is_empty() {
        return Ok(reg);
    }
    let more = problems.len() - 1;
    let mut first = problems.swap_remove(0);
    if more > 0 {
        first.message.push_str(&format!(
            " ({more} more problem{}: `dubang validate` lists them all)",
            if more == 1 { "" } else { "s" }
        ));
    }
    Err(first)
}

fn decode<'a>(file: &Path, bytes: &'a [u8]) -> Result<&'a str, LoadError> {
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let good = e.valid_up_to();
            // Safe: the prefix up to valid_up_to is valid UTF-8.
            let prefix = std::str::from_utf8(&bytes[..good]).unwrap_or_default();
            let mut err = LoadError::new(
                file,
                format!(
                    "not UTF-8 text (byte 0x{:02x} at offset {good}): save the file as UTF-8",
                    bytes[good]
                ),
            );
            err.at = Some(line_col(prefix, prefix.len()));
            return Err(err);
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(LoadError::new(
            file,
            "the file is empty: restore it from a backup, or create it again with `dubang import`",
        ));
    }
    Ok(text)
}

fn deserialize(file: &Path, text: &str) -> Result<Registry, LoadError> {
    // serde also reads a struct written as an array of its fields: a registry is an
    // object, and anything else is refused here with a plain reason.
    let first = text.trim_start().chars().next();
    if first.is_some_and(|c| c != '{') && serde_json::from_str::<serde_json::Value>(text).is_ok() {
        let mut e = LoadError::new(
            file,
            "the file holds JSON but not a registry: expected an object {\"format\": \"dubang/1\", …}",
        );
        let start = text.len() - text.trim_start().len();
        e.at = Some(line_col(text, start));
        return Err(e);
    }
    // The plain reader first: a valid file is read at serde's own speed. Tracking the
    // JSON path of every value (serde_path_to_error) doubles the parse, and the path is
    // only needed for an error: the file is read again with it when there is one.
    let mut de = serde_json::Deserializer::from_str(text);
    if let Ok(reg) = Registry::deserialize(&mut de)
        && de.end().is_ok()
    {
        return Ok(reg);
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let err = match serde_path_to_error::deserialize::<_, Registry>(&mut de) {
        Ok(reg) => match de.end() {
            Ok(()) => return Ok(reg),
            Err(e) => return Err(json_error(file, text, None, &e)),
        },
        Err(e) => e,
    };
    let path = err.path().to_string();
    let json_path = (path != "." && !path.is_empty()).then_some(path);
    Err(json_error(file, text, json_path, err.inner()))
}

fn json_error(
    file: &Path,
    text: &str,
    json_path: Option<String>,
    e: &serde_json::Error,
) -> LoadError {
    // serde_json reports byte columns; convert to characters.
    let at = (e.line() > 0).then(|| {
        let line_text = text.lines().nth(e.line() - 1).unwrap_or("");
        let mut b = e.column().saturating_sub(1).min(line_text.len());
        while !line_text.is_char_boundary(b) {
            b -= 1;
        }
        (e.line(), line_text[..b].chars().count() + 1)
    });
    LoadError {
        file: file.to_path_buf(),
        at,
        json_path,
        message: describe_json_error(e),
    }
}

fn describe_json_error(e: &serde_json::Error) -> String {
    use serde_json::error::Category;
    // serde_json appends " at line L column C"; we print the place ourselves.
    let raw = e.to_string();
    let what = match raw.rfind(" at line ") {
        Some(i) => raw[..i].to_string(),
        None => raw,
    };
    match e.classify() {
        Category::Eof => {
            format!("{what}: the file ends too early (cut off?); restore it from a backup")
        }
        Category::Syntax => {
            format!("{what}: the file is not valid JSON; fix it there or restore it from a backup")
        }
        Category::Data => {
            let hint = if what.contains("unknown variant") {
                "use one of the listed values"
            } else if what.contains("missing field") {
                "add the field"
            } else {
                "fix the value"
            };
            format!("{what}: {hint}")
        }
        Category::Io => format!("{what}: check the disk"),
    }
}

fn check(file: &Path, text: &str, reg: &Registry) -> Vec<LoadError> {
    validate(reg)
        .into_iter()
        .map(|p| LoadError {
            file: file.to_path_buf(),
            at: locate(text, &p.path),
            json_path: Some(p.path),
            message: p.message,
        })
        .collect()
}
