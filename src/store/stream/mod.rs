//! A registry file parsed a block at a time, so that its bytes and the parsed registry
//! are never held together (at 100 000 tasks the file is 85 MB and the registry
//! 100 MB: reading it whole first made the load's peak their sum).
//!
//! The file is read in blocks of [`BLOCK`] bytes. The top-level object is split into
//! its members here; each element of the seven lists (sections … people) is parsed by
//! serde_json from the block's text, into its own type, and pushed; the other members
//! (format, document, keys this version does not know) are copied into a small
//! skeleton object, with each list written as `[]`, which the derived `Registry`
//! deserializer reads: its defaults, missing fields and unknown keys stay serde's.
//!
//! The same scan saves the dashboard's edits ([`save_in_blocks`], see `merge`): the
//! tasks are written out again as they pass instead of being kept; and reads a
//! colleague's save against the version shown ([`patch_in_blocks`], see `compare`):
//! only the tasks that differ are kept.
//!
//! Only the happy path is handled. Anything unusual — not UTF-8, not JSON, a value of
//! the wrong type, a duplicate key, a file past the size cap, nesting deep enough to
//! meet serde_json's recursion limit, a read error — answers `None`, and the caller
//! reads the whole file the old way, whose messages (line, column, JSON path) are
//! the ones users see. So this module never words an error.

mod compare;
mod exact;
mod merge;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_compare;
#[cfg(test)]
mod tests_merge;

use crate::registry::{
    Edit, EditTarget, Goal, HistoryEntry, Measure, Person, Registry, Section, Task, Town, Unit,
};
use compare::Compare;
pub use compare::Patch;
use exact::{Exact, exact};
use merge::Merge;
use serde::de::{DeserializeOwned, IgnoredAny};
use std::io::{self, Read, Write};
use std::sync::atomic::AtomicBool;

/// How much of the file is read at a time. An element longer than this grows the
/// buffer to hold it.
pub const BLOCK: usize = 1 << 20;

/// Elements nested deeper than this (in their own brackets) go the whole-file way:
/// serde_json refuses a document nested 128 deep, and an element parsed on its own
/// starts two levels higher than in the file.
const DEEP: usize = 100;

/// The registry in `src` (a file of `size` bytes, of which at most `cap` are read),
/// or `None` when the whole-file parse must decide.
pub fn parse(src: impl Read, size: u64, cap: u64) -> Option<Registry> {
    parse_in_blocks(src, size, cap, BLOCK)
}

/// [`parse`] with a block size of the caller's choice (tests use a few bytes).
pub fn parse_in_blocks(src: impl Read, size: u64, cap: u64, block: usize) -> Option<Registry> {
    let mut scan = Scan::new(size, Sink::Keep);
    drive(src, cap, block, &mut scan)?;
    scan.finish()
}

/// The edits saved by streaming the file in `src` to `out`, each task parsed,
/// changed when an edit names it, and written again as [`crate::store::to_json`]
/// writes it: the file's registry is never held whole (see [`merge`]). What each
/// edit recorded, in order (none when every edit changed nothing); `Ok(None)`
/// when the whole-file save must decide; `Err` when `out` failed.
pub fn save_in_blocks(
    src: impl Read,
    size: u64,
    cap: u64,
    block: usize,
    edits: &[Edit],
    out: &mut dyn Write,
) -> io::Result<Option<Vec<(EditTarget, HistoryEntry)>>> {
    let mut scan = Scan::new(size, Sink::Merge(Merge::new(edits, out)));
    let done = drive(src, cap, block, &mut scan);
    scan.finish_merge(done.is_some())
}

/// Another version of the file read in `src` against `shown`, the version on the
/// screen, a task at a time: what differs, when only what edits change does (see
/// [`compare`]); `None` when the version must be read whole (anything else
/// differs, or anything is unusual, or `stop` was set: the caller gave up).
pub fn patch_in_blocks(
    src: impl Read,
    size: u64,
    cap: u64,
    block: usize,
    shown: &Registry,
    stop: &AtomicBool,
) -> Option<Patch> {
    let mut scan = Scan::new(size, Sink::Compare(Compare::new(shown, stop)));
    let done = drive(src, cap, block, &mut scan);
    scan.finish_compare(done.is_some())
}

/// Runs `scan` over `src` a block at a time, up to the top-level object's end and
/// nothing but white space after it; `None` when something is unusual.
fn drive(src: impl Read, cap: u64, block: usize, scan: &mut Scan<'_>) -> Option<()> {
    let mut input = Input {
        src,
        buf: Vec::with_capacity(block.max(1)),
        used: 0,
        dropped: 0,
        ended: false,
        cap,
    };
    loop {
        if !input.more() {
            return None;
        }
        // The text of the block up to its last whole character, validated once (what
        // is carried over from the last block is short); a character cut by the
        // block's end waits for the next.
        let ended = input.ended;
        let whole = if ended {
            input.buf.len()
        } else {
            whole_chars(&input.buf)
        };
        // simdutf8: a block of Chinese text checked 16 to 32 bytes at a step, where
        // std's check goes a character at a time (a quarter of the parse).
        let text = simdutf8::basic::from_utf8(&input.buf[..whole]).ok()?;
        scan.base = input.dropped;
        let mut at = input.used;
        loop {
            at = skip_space(text, at);
            if at == text.len() && !ended {
                break;
            }
            match scan.step(text, at, ended) {
                Step::Went(next) => at = next,
                Step::More if !ended => break,
                Step::More | Step::Unusual => return None,
                Step::Done => return Some(()),
            }
        }
        input.used = at;
        if ended {
            return None;
        }
    }
}

/// The file read a block at a time.
struct Input<R> {
    src: R,
    /// What is read and not yet dropped: `buf[used..]` is still to be parsed.
    buf: Vec<u8>,
    used: usize,
    /// How many bytes of the file were dropped before `buf[0]`.
    dropped: u64,
    /// Whether the file is read to its end.
    ended: bool,
    cap: u64,
}

impl<R: Read> Input<R> {
    /// Drops what is parsed and reads the next block behind what is left; false when
    /// the file cannot be read on (an error, past the cap, nothing more).
    fn more(&mut self) -> bool {
        if self.ended {
            return false;
        }
        self.buf.drain(..self.used);
        self.dropped += self.used as u64;
        self.used = 0;
        if self.buf.len() == self.buf.capacity() {
            // One value longer than the buffer: room for it to go on.
            self.buf.reserve(self.buf.len());
        }
        let room = self.buf.capacity() - self.buf.len();
        match (&mut self.src).take(room as u64).read_to_end(&mut self.buf) {
            Ok(n) => self.ended = n < room,
            Err(_) => return false,
        }
        self.dropped + self.buf.len() as u64 <= self.cap
    }
}

/// What one step of the scan did.
enum Step {
    /// Consumed the text up to this offset.
    Went(usize),
    /// The block ends inside the next value: read more and take it again.
    More,
    /// Something the whole-file parse must see (and word, if it is an error).
    Unusual,
    /// The top-level object is closed and nothing but white space follows it.
    Done,
}

/// Where the scan is in the top-level object.
#[derive(Clone, Copy, PartialEq, Debug)]
enum State {
    /// Before the file's first character (a byte-order mark is skipped there).
    Start,
    /// Before the opening brace.
    Open,
    /// Expecting a key; or the closing brace when the object has no member yet.
    Key { first: bool },
    /// After a member: a comma or the closing brace.
    AfterMember,
    /// Just inside a list: its first element or its end.
    FirstItem(List),
    /// After a comma in a list: an element.
    Item(List),
    /// After an element: a comma or the list's end.
    AfterItem(List),
    /// After the closing brace: nothing but white space.
    Close,
}

/// The registry's lists, parsed an element at a time.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum List {
    Sections,
    Units,
    Towns,
    Goals,
    Tasks,
    Measures,
    People,
}

impl List {
    /// The list a top-level key names (the key as serde decodes it).
    fn named(key: &str) -> Option<List> {
        Some(match key {
            "sections" => List::Sections,
            "units" => List::Units,
            "towns" => List::Towns,
            "goals" => List::Goals,
            "tasks" => List::Tasks,
            "measures" => List::Measures,
            "people" => List::People,
            _ => return None,
        })
    }
}

/// The scan's state and what it has parsed so far.
struct Scan<'a> {
    state: State,
    /// The file's size, to size the lists as they grow.
    size: u64,
    /// The file offset of the block's first byte.
    base: u64,
    /// The file offset where the list being read began.
    list_start: u64,
    /// The lists already met (a key given twice goes the whole-file way).
    seen: Vec<List>,
    /// The top-level object without its lists' elements.
    skeleton: String,
    sections: Vec<Section>,
    units: Vec<Unit>,
    towns: Vec<Town>,
    goals: Vec<Goal>,
    tasks: Vec<Task>,
    measures: Vec<Measure>,
    people: Vec<Person>,
    /// Where the tasks go.
    sink: Sink<'a>,
}

/// What the scan does with each task.
enum Sink<'a> {
    /// Pushes it on `tasks`: a load.
    Keep,
    /// Writes it out again, changed by the edits that name it: a save.
    Merge(Merge<'a>),
    /// Compares it with the version shown: a reload.
    Compare(Compare<'a>),
}

impl<'a> Scan<'a> {
    fn new(size: u64, sink: Sink<'a>) -> Self {
        Scan {
            state: State::Start,
            size,
            base: 0,
            list_start: 0,
            seen: Vec::new(),
            skeleton: String::from("{"),
            sections: Vec::new(),
            units: Vec::new(),
            towns: Vec::new(),
            goals: Vec::new(),
            tasks: Vec::new(),
            measures: Vec::new(),
            people: Vec::new(),
            sink,
        }
    }

    /// One step from `at` (past white space): a token or a whole value, or nothing.
    fn step(&mut self, text: &str, at: usize, ended: bool) -> Step {
        let next = text.as_bytes().get(at).copied();
        // The block ends here (the caller reads on unless the file ended).
        let Some(c) = next else {
            return if self.state == State::Close {
                Step::Done
            } else {
                Step::More
            };
        };
        match self.state {
            State::Start => {
                self.state = State::Open;
                // A byte-order mark, only as the file's very first character.
                if self.base + at as u64 == 0 && text[at..].starts_with('\u{feff}') {
                    return Step::Went(at + '\u{feff}'.len_utf8());
                }
                self.step(text, at, ended)
            }
            State::Open if c == b'{' => self.went(State::Key { first: true }, at + 1),
            State::Key { first: true } if c == b'}' => {
                self.skeleton.push('}');
                self.went(State::Close, at + 1)
            }
            State::Key { .. } => match self.member(text, at, ended) {
                Ok(next) => Step::Went(next),
                Err(stop) => stop,
            },
            State::AfterMember if c == b',' => self.went(State::Key { first: false }, at + 1),
            State::AfterMember if c == b'}' => {
                self.skeleton.push('}');
                self.went(State::Close, at + 1)
            }
            State::FirstItem(_) | State::AfterItem(_) if c == b']' => {
                self.went(State::AfterMember, at + 1)
            }
            State::AfterItem(list) if c == b',' => self.went(State::Item(list), at + 1),
            State::FirstItem(list) | State::Item(list) => match self.item(list, text, at, ended) {
                Ok(next) => {
                    self.state = State::AfterItem(list);
                    Step::Went(next)
                }
                Err(stop) => stop,
            },
            _ => Step::Unusual,
        }
    }

    fn went(&mut self, state: State, to: usize) -> Step {
        self.state = state;
        Step::Went(to)
    }

    /// A member of the top-level object: a list is opened (its elements are the next
    /// steps), anything else goes into the skeleton whole.
    fn member(&mut self, text: &str, at: usize, ended: bool) -> Result<usize, Step> {
        let (key, end) = value::<String>(text, at, ended)?;
        let raw_key = &text[at..end];
        let colon = skip_space(text, end);
        match text.as_bytes().get(colon) {
            Some(b':') => {}
            Some(_) => return Err(Step::Unusual),
            None => return Err(Step::More),
        }
        let start = skip_space(text, colon + 1);
        let list = List::named(&key);
        if !self.state.eq(&State::Key { first: true }) {
            self.skeleton.push(',');
        }
        self.skeleton.push_str(raw_key);
        self.skeleton.push(':');
        match (list, text.as_bytes().get(start)) {
            (_, None) => {
                self.undo_member(raw_key.len());
                Err(Step::More)
            }
            (Some(list), Some(b'[')) => {
                if self.seen.contains(&list) {
                    return Err(Step::Unusual);
                }
                self.seen.push(list);
                self.skeleton.push_str("[]");
                self.list_start = self.base + start as u64;
                self.state = State::FirstItem(list);
                if list == List::Tasks && matches!(self.sink, Sink::Merge(_)) {
                    self.open_tasks()?;
                }
                Ok(start + 1)
            }
            _ => match value::<IgnoredAny>(text, start, ended) {
                Ok((_, end)) => {
                    self.skeleton.push_str(&text[start..end]);
                    self.state = State::AfterMember;
                    Ok(end)
                }
                Err(stop) => {
                    self.undo_member(raw_key.len());
                    Err(stop)
                }
            },
        }
    }

    /// Takes back what [`Self::member`] wrote of a member it could not finish.
    fn undo_member(&mut self, key_len: usize) {
        let comma = usize::from(self.state != State::Key { first: true });
        let len = self.skeleton.len() - key_len - 1 - comma;
        self.skeleton.truncate(len);
    }

    /// One element of a list, parsed into its type and pushed.
    fn item(&mut self, list: List, text: &str, at: usize, ended: bool) -> Result<usize, Step> {
        let sizing = Sizing {
            done: self.base + at as u64 - self.list_start,
            left: self.size.saturating_sub(self.base + at as u64),
        };
        match list {
            List::Sections => push(&mut self.sections, text, at, ended, sizing),
            List::Units => push(&mut self.units, text, at, ended, sizing),
            List::Towns => push(&mut self.towns, text, at, ended, sizing),
            List::Goals => push(&mut self.goals, text, at, ended, sizing),
            List::Tasks => match &mut self.sink {
                Sink::Keep => push(&mut self.tasks, text, at, ended, sizing),
                Sink::Merge(merge) => merge.task(text, at, ended),
                Sink::Compare(compare) => compare.task(text, at, ended),
            },
            List::Measures => push(&mut self.measures, text, at, ended, sizing),
            List::People => push(&mut self.people, text, at, ended, sizing),
        }
    }

    /// The registry: the skeleton read by serde, the lists put in, each at its
    /// exact length.
    fn finish(self) -> Option<Registry> {
        // Its lists are the `[]` written for those streamed, or missing.
        let mut reg: Registry = serde_json::from_str(&self.skeleton).ok()?;
        reg.sections = exact(self.sections);
        reg.units = exact(self.units);
        reg.towns = exact(self.towns);
        reg.goals = exact(self.goals);
        reg.tasks = exact(self.tasks);
        reg.measures = exact(self.measures);
        reg.people = exact(self.people);
        Some(reg)
    }

    /// When saving, at the opening of the tasks: the goals' edits applied, and
    /// the registry as read so far written up to its tasks.
    fn open_tasks(&mut self) -> Result<(), Step> {
        let Sink::Merge(merge) = &mut self.sink else {
            return Ok(());
        };
        merge.goals(&mut self.goals)?;
        // The members read so far, closed: every one the file holds before its
        // tasks (a dubang file holds them all there).
        let mut reg: Registry =
            serde_json::from_str(&format!("{}}}", self.skeleton)).map_err(|_| Step::Unusual)?;
        reg.sections = self.sections.clone();
        reg.units = self.units.clone();
        reg.towns = self.towns.clone();
        reg.goals = self.goals.clone();
        reg.measures = self.measures.clone();
        reg.people = self.people.clone();
        merge.open(&reg)
    }

    /// When saving, at the file's end (`done`: read to it without a surprise): the
    /// rest of the registry written after its tasks, and what the edits recorded.
    fn finish_merge(mut self, done: bool) -> io::Result<Option<Vec<(EditTarget, HistoryEntry)>>> {
        let Sink::Merge(mut merge) = std::mem::replace(&mut self.sink, Sink::Keep) else {
            return Ok(None);
        };
        merge.check()?;
        match self.finish().filter(|_| done) {
            Some(reg) => merge.close(&reg),
            None => Ok(None),
        }
    }

    /// When reloading, at the file's end: what differs from the version shown.
    fn finish_compare(mut self, done: bool) -> Option<Patch> {
        let Sink::Compare(compare) = std::mem::replace(&mut self.sink, Sink::Keep) else {
            return None;
        };
        let rest = self.finish().filter(|_| done)?;
        compare.close(rest)
    }
}

/// How far a list has come in the file, to guess how long it will be.
#[derive(Clone, Copy)]
struct Sizing {
    /// Bytes of the list read so far.
    done: u64,
    /// Bytes of the file after them.
    left: u64,
}

/// Parses one element at `at` and pushes it. When the list is full, it grows by
/// what the rest of the file would hold at the size of its elements so far, rather
/// than doubling: a list ends with little room to give back.
fn push<T: DeserializeOwned + Exact>(
    list: &mut Vec<T>,
    text: &str,
    at: usize,
    ended: bool,
    sizing: Sizing,
) -> Result<usize, Step> {
    let (mut item, end) = value::<T>(text, at, ended)?;
    if too_deep(&text[at..end]) {
        return Err(Step::Unusual);
    }
    item.exact();
    if list.len() == list.capacity() && list.len() >= 64 && sizing.done > 0 {
        let n = list.len() as u64;
        let guess = (sizing.left.saturating_mul(n) / sizing.done) as usize;
        list.reserve_exact((guess + guess / 32 + 16).max(list.len() / 8));
    }
    list.push(item);
    Ok(end)
}

/// One JSON value of type `T` at `at`, and the offset after it. A value that reaches
/// the end of a block that is not the file's end is taken again with more text (a
/// number there may go on in the next block).
fn value<T: DeserializeOwned>(text: &str, at: usize, ended: bool) -> Result<(T, usize), Step> {
    let mut values = serde_json::Deserializer::from_str(&text[at..]).into_iter::<T>();
    match values.next() {
        Some(Ok(v)) => {
            let end = at + values.byte_offset();
            if end == text.len() && !ended {
                Err(Step::More)
            } else {
                Ok((v, end))
            }
        }
        Some(Err(e)) if e.is_eof() => Err(if ended { Step::Unusual } else { Step::More }),
        Some(Err(_)) => Err(Step::Unusual),
        None => Err(Step::More),
    }
}

/// Whether a value nests deeper than [`DEEP`]; the brackets are counted first, which
/// is quick, and only a value with many has its depth measured.
fn too_deep(json: &str) -> bool {
    // Counted in bytes, a chunk at a time: the compiler makes it 16 bytes a step.
    let opens: usize = json
        .as_bytes()
        .chunks(255)
        .map(|c| {
            let n: u8 = c.iter().map(|&b| u8::from(b == b'{' || b == b'[')).sum();
            usize::from(n)
        })
        .sum();
    opens > DEEP && depth(json) > DEEP
}

/// The deepest nesting of brackets in a JSON value, outside its strings.
fn depth(json: &str) -> usize {
    let (mut now, mut most) = (0usize, 0usize);
    let (mut in_string, mut escaped) = (false, false);
    for b in json.bytes() {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'{' | b'[' => {
                now += 1;
                most = most.max(now);
            }
            b'}' | b']' => now = now.saturating_sub(1),
            _ => {}
        }
    }
    most
}

/// How many of `bytes` precede a UTF-8 sequence cut off at their end.
fn whole_chars(bytes: &[u8]) -> usize {
    let n = bytes.len();
    for back in 1..=n.min(3) {
        let b = bytes[n - back];
        if b < 0x80 {
            return n;
        }
        if b >= 0xc0 {
            // A lead byte: how long its sequence is.
            let len = if b >= 0xf0 {
                4
            } else if b >= 0xe0 {
                3
            } else {
                2
            };
            return if back >= len { n } else { n - back };
        }
    }
    // Continuation bytes only: the validation says what they are.
    n
}

fn skip_space(text: &str, mut at: usize) -> usize {
    let bytes = text.as_bytes();
    while let Some(b' ' | b'\n' | b'\r' | b'\t') = bytes.get(at) {
        at += 1;
    }
    at
}
