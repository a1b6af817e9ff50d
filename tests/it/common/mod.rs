//! Helpers shared by the integration tests: mostly for the end-to-end tests that
//! drive the real `dubang` binary in a real terminal, tmux (`tui_tmux`, `tmux_edit`,
//! `tmux_search`, `tmux_present`), and [`buffer_rows`] for the TestBackend screen
//! tests.
//!
//! Each test runs its own tmux server (`tmux -S <socket in a tempdir>`, no user config,
//! killed by a guard's Drop even when the test panics) in its own temporary
//! directory, drives the dashboard with `send-keys` and reads it with
//! `capture-pane`, waiting for content by polling, never by long fixed sleeps.
//! Every screen a test waits for is checked for layout: no line wider than the
//! pane, a line that ends in a right border exactly as wide as the pane, each box's
//! borders in one column on all its rows, no replacement, control or zero-width
//! characters.
//!
//! The binary is `target/release/dubang` (under `CARGO_TARGET_DIR` if set) when it
//! is newer than the sources (`scripts/test` builds it first), else the one cargo
//! built for this test. Without tmux every test prints why and passes.

// Not every helper is used by the tests of every capability at all times.
#![allow(dead_code)]

pub mod people;

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{OnceLock, RwLock, RwLockReadGuard, RwLockWriteGuard};
use std::time::{Duration, Instant, SystemTime};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// How long a screen may take to show what a test waits for.
pub const TIMEOUT: Duration = Duration::from_secs(5);
pub const POLL: Duration = Duration::from_millis(20);

// ---------------------------------------------------------------- helpers ----

/// Every integration test runs in one binary, in parallel threads. Tests that load the
/// machine (many processes saving at once, kill loops) hold this exclusively; tests
/// whose screens must appear within [`TIMEOUT`] hold it shared, so they never wait
/// their timeout out behind a burst of CPU work, yet still run beside each other.
static LOAD: RwLock<()> = RwLock::new(());

/// Held by a test that loads the machine: no timing-sensitive test runs meanwhile.
pub fn heavy() -> RwLockWriteGuard<'static, ()> {
    LOAD.write().unwrap_or_else(|e| e.into_inner())
}

/// Held by a timing-sensitive test (every [`Tmux`] holds one).
pub fn timing() -> RwLockReadGuard<'static, ()> {
    LOAD.read().unwrap_or_else(|e| e.into_inner())
}

pub fn have_tmux() -> bool {
    Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Ends the test (passing, with a note) where tmux is not installed.
#[allow(unused_macros)]
macro_rules! need_tmux {
    () => {
        if !$crate::common::have_tmux() {
            eprintln!("skipped: tmux is not installed (.ci/run installs it)");
            return;
        }
    };
}
#[allow(unused_imports)]
pub(crate) use need_tmux;

/// The newest modification time of a file or, recursively, of a directory's files.
pub fn newest(path: &Path) -> Option<SystemTime> {
    let meta = path.metadata().ok()?;
    if !meta.is_dir() {
        return meta.modified().ok();
    }
    std::fs::read_dir(path)
        .ok()?
        .flatten()
        .filter_map(|e| newest(&e.path()))
        .max()
}

/// The release binary if it is up to date, else the test profile's.
pub fn binary() -> &'static Path {
    static BINARY: OnceLock<PathBuf> = OnceLock::new();
    BINARY.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let target = std::env::var_os("CARGO_TARGET_DIR")
            .map(|d| root.join(d))
            .unwrap_or_else(|| root.join("target"));
        let release = target.join("release").join("dubang");
        let sources = ["src", "seeds", "Cargo.lock"]
            .iter()
            .filter_map(|p| newest(&root.join(p)))
            .max();
        let bin = match (release.metadata().and_then(|m| m.modified()), sources) {
            (Ok(built), Some(src)) if built >= src => release,
            _ => PathBuf::from(env!("CARGO_BIN_EXE_dubang")),
        };
        eprintln!("testing {}", bin.display());
        bin
    })
}

pub fn sh_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

/// The bundled registry, for the names and texts the screens must show.
pub fn seed() -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds/registry.json");
    serde_json::from_slice(&std::fs::read(path).expect("read seeds/registry.json"))
        .expect("seeds/registry.json is JSON")
}

/// One captured screen: the pane's size and its lines (trailing spaces trimmed
/// by tmux).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Screen {
    pub w: usize,
    pub h: usize,
    pub lines: Vec<String>,
}

impl Screen {
    pub fn has(&self, s: &str) -> bool {
        self.lines.iter().any(|l| l.contains(s))
    }

    pub fn has_all(&self, all: &[&str]) -> bool {
        all.iter().all(|s| self.has(s))
    }

    pub fn last_text_line(&self) -> &str {
        self.lines
            .iter()
            .rev()
            .find(|l| !l.is_empty())
            .map_or("", |l| l)
    }

    pub fn dump(&self) -> String {
        let mut out = format!("{}x{}\n", self.w, self.h);
        for l in &self.lines {
            out.push_str(&format!("|{l}\n"));
        }
        out
    }
}

/// Second half of a wide character in a row of cells.
pub const WIDE_TAIL: char = '\0';

pub fn cells(line: &str) -> Vec<char> {
    let mut out = Vec::new();
    for c in line.chars() {
        let w = c.width().unwrap_or(0);
        if w > 0 {
            out.push(c);
            out.extend(std::iter::repeat_n(WIDE_TAIL, w - 1));
        }
    }
    out
}

/// Every line fits the pane; a line ending in a right border fills it exactly.
pub fn check_widths(s: &Screen) -> Result<(), String> {
    if s.lines.len() != s.h {
        return Err(format!("{} lines on a {}-row pane", s.lines.len(), s.h));
    }
    for (y, line) in s.lines.iter().enumerate() {
        if let Some(c) = line
            .chars()
            .find(|&c| c == '\u{FFFD}' || c.is_control() || c.width() == Some(0))
        {
            return Err(format!("row {y}: stray character U+{:04X}", c as u32));
        }
        let w = line.width();
        if w > s.w {
            return Err(format!("row {y} is {w} columns wide, the pane {}", s.w));
        }
        // A popup narrower than the pane may end a row (capture-pane trims the blank
        // cells after it): then its right edge lines up with a top-right corner.
        let popup_edge = s.lines.iter().any(|l| l.ends_with('┐') && l.width() == w)
            || s.lines.iter().any(|l| {
                l.char_indices()
                    .any(|(i, c)| c == '┐' && l[..i].width() + 1 == w)
            });
        if line.ends_with(['│', '┐', '┘', '┤']) && w != s.w && !popup_edge {
            return Err(format!(
                "row {y} ends in a border at column {w}, the pane is {} wide",
                s.w
            ));
        }
    }
    Ok(())
}

/// A box on the screen: top, left, bottom, right (inclusive).
pub type Rect4 = (usize, usize, usize, usize);

/// Follows the box whose top-left corner is at (`y`, `left`) down its borders.
/// Cells inside `cover` (popups drawn over it) count as border.
pub fn trace_box(
    rows: &[Vec<char>],
    y: usize,
    left: usize,
    cover: &[Rect4],
) -> Result<Rect4, String> {
    let at = |y: usize, x: usize| rows.get(y).and_then(|r| r.get(x)).copied();
    let covered = |y: usize, x: usize| {
        cover
            .iter()
            .any(|&(t, l, b, r)| (t..=b).contains(&y) && (l..=r).contains(&x) && (t, l) != (y, x))
    };
    let row = &rows[y];
    let Some(right) = (left + 1..row.len()).find(|&x| row[x] == '┐') else {
        return Err(format!("row {y}: ┌ at column {left} has no ┐"));
    };
    for yy in y + 1..rows.len() {
        let (l, r) = (at(yy, left), at(yy, right));
        let (lc, rc) = (covered(yy, left), covered(yy, right));
        let l_end = l == Some('└') || lc;
        let r_end = r == Some('┘') || rc;
        if l_end && r_end && (l == Some('└') || r == Some('┘')) {
            return Ok((y, left, yy, right));
        }
        let l_side = matches!(l, Some('│' | '├')) || lc;
        let r_side = matches!(r, Some('│' | '┤')) || rc;
        if !(l_side && r_side) {
            return Err(format!(
                "box from row {y} columns {left}..={right}: row {yy} has {l:?} and {r:?} \
                 where its borders belong"
            ));
        }
    }
    Err(format!(
        "box from row {y} columns {left}..={right} has no bottom"
    ))
}

/// Every box (┌ … ┐ down to └ … ┘) keeps its left and right borders in one
/// column on all its rows, except where a whole box (a popup) is drawn over them.
pub fn check_boxes(s: &Screen) -> Result<(), String> {
    let rows: Vec<Vec<char>> = s.lines.iter().map(|l| cells(l)).collect();
    let corners: Vec<(usize, usize)> = rows
        .iter()
        .enumerate()
        .flat_map(|(y, r)| {
            r.iter()
                .enumerate()
                .filter(|(_, c)| **c == '┌')
                .map(move |(x, _)| (y, x))
        })
        .collect();
    let whole: Vec<Rect4> = corners
        .iter()
        .filter_map(|&(y, x)| trace_box(&rows, y, x, &[]).ok())
        .collect();
    for &(y, x) in &corners {
        let others: Vec<Rect4> = whole
            .iter()
            .copied()
            .filter(|b| (b.0, b.1) != (y, x))
            .collect();
        trace_box(&rows, y, x, &others)?;
    }
    Ok(())
}

pub fn layout(s: &Screen) -> Result<(), String> {
    check_widths(s).and_then(|()| check_boxes(s))
}

/// A private tmux server, killed when dropped. Its socket lives in the test's
/// temporary directory (`-S`, like `-L` a server of its own, but removed with the
/// directory). Its first session is `t`, which the shorthand methods ([`Tmux::keys`],
/// [`Tmux::wait_for`], …) address; [`Tmux::spawn_session`] starts more, each
/// reached through [`Tmux::pane`].
pub struct Tmux {
    dir: tempfile::TempDir,
    _load: Load,
}

/// How a [`Tmux`] shares the machine: beside other timing-sensitive tests, or alone
/// (a test that loads it, see [`heavy`]).
enum Load {
    Shared(RwLockReadGuard<'static, ()>),
    Alone(RwLockWriteGuard<'static, ()>),
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.tmux(&["kill-server"]);
    }
}

impl Tmux {
    pub fn new() -> Tmux {
        Tmux::with(Load::Shared(timing()))
    }

    /// A server for a test that loads the machine: it holds [`heavy`], so no
    /// timing-sensitive test runs meanwhile (and it does not wait behind them).
    pub fn alone() -> Tmux {
        Tmux::with(Load::Alone(heavy()))
    }

    fn with(load: Load) -> Tmux {
        let dir = tempfile::tempdir().expect("temporary directory");
        // Dead panes stay so their screen state can be read; no
        // status bar, so the pane is the whole window.
        std::fs::write(
            dir.path().join("tmux.conf"),
            "set -g remain-on-exit on\nset -g status off\n",
        )
        .expect("write tmux.conf");
        Tmux { dir, _load: load }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn tmux(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .arg("-S")
            .arg(self.path("tmux.sock"))
            .arg("-f")
            .arg(self.path("tmux.conf"))
            .args(args)
            .env_remove("TMUX")
            .env_remove("LC_ALL")
            // tmux measures characters with the C library: it needs a UTF-8 locale.
            .env("LC_CTYPE", "C.UTF-8")
            .env("SHELL", "/bin/sh")
            .output()
            .expect("run tmux")
    }

    /// Runs a tmux command that must succeed; returns its output.
    pub fn run(&self, args: &[&str]) -> String {
        let out = self.tmux(args);
        assert!(
            out.status.success(),
            "tmux {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Starts the session `t` with `command` in a `w`×`h` window.
    pub fn spawn(&self, w: u16, h: u16, command: &str) {
        self.spawn_session("t", w, h, command);
    }

    /// Starts another session of this server, `name`, with `command` in a `w`×`h`
    /// window; [`Tmux::pane`] drives it.
    pub fn spawn_session(&self, name: &str, w: u16, h: u16, command: &str) {
        let (w, h) = (w.to_string(), h.to_string());
        self.run(&["new-session", "-d", "-s", name, "-x", &w, "-y", &h, command]);
    }

    /// The pane of session `session`.
    pub fn pane(&self, session: &str) -> Pane<'_> {
        Pane {
            tmux: self,
            // `=name:` is the session of exactly that name: a bare `t` is looked up
            // in the most recent session first, and may find another session's pane.
            target: format!("={session}:"),
        }
    }

    /// The shell command that runs the dashboard in a clean environment.
    pub fn app_command(&self, lang_env: &str, args: &[&str]) -> String {
        self.app_command_env(lang_env, &[], args)
    }

    /// [`Tmux::app_command`] with more variables set (`("SUDO_USER", "liwei")`; an empty
    /// value is as good as unset for `NO_COLOR` and `SUDO_USER`).
    pub fn app_command_env(&self, lang_env: &str, env: &[(&str, &str)], args: &[&str]) -> String {
        self.app_command_with(binary(), lang_env, env, args)
    }

    /// [`Tmux::app_command_env`] with another copy of the binary (one that an
    /// unprivileged user can reach).
    pub fn app_command_with(
        &self,
        bin: &Path,
        lang_env: &str,
        env: &[(&str, &str)],
        args: &[&str],
    ) -> String {
        let dir = self.dir.path().display().to_string();
        let mut cmd = format!(
            "env -u LC_ALL -u LC_MESSAGES -u DUBANG_FILE -u DUBANG_ASCII LANG={lang_env} \
             HOME={d} XDG_DATA_HOME={d}/data XDG_CONFIG_HOME={d}/config ",
            d = sh_quote(&dir),
        );
        for (name, value) in env {
            cmd.push_str(&format!("{name}={} ", sh_quote(value)));
        }
        cmd.push_str(&sh_quote(&bin.display().to_string()));
        for a in args {
            cmd.push(' ');
            cmd.push_str(&sh_quote(a));
        }
        cmd
    }

    /// Writes the settings file the dashboard reads
    /// (`$XDG_CONFIG_HOME/dubang/config.toml` of [`Tmux::app_command`]); returns its path.
    pub fn write_config(&self, toml: &str) -> PathBuf {
        let dir = self.path("config").join("dubang");
        std::fs::create_dir_all(&dir).expect("create the settings directory");
        let file = dir.join("config.toml");
        std::fs::write(&file, toml).expect("write config.toml");
        file
    }

    /// A copy of the bundled registry in the test's directory.
    pub fn registry_copy(&self) -> String {
        let dst = self.path("registry.json");
        std::fs::copy(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds/registry.json"),
            &dst,
        )
        .expect("copy seeds/registry.json");
        dst.display().to_string()
    }

    pub fn keys(&self, keys: &[&str]) {
        self.pane("t").keys(keys);
    }

    pub fn type_text(&self, text: &str) {
        self.pane("t").type_text(text);
    }

    pub fn format(&self, f: &str) -> String {
        self.pane("t").format(f)
    }

    pub fn resize(&self, w: u16, h: u16) {
        self.pane("t").resize(w, h);
    }

    pub fn capture(&self) -> Screen {
        self.pane("t").capture()
    }

    /// [`Pane::wait_for`] on session `t`.
    pub fn wait_for(&self, what: &str, ready: impl Fn(&Screen) -> bool) -> Screen {
        self.pane("t").wait_for(what, ready)
    }

    /// [`Pane::wait_format`] on session `t`.
    pub fn wait_format(&self, f: &str, want: impl Fn(&str) -> bool, what: &str) -> String {
        self.pane("t").wait_format(f, want, what)
    }

    pub fn pane_pid(&self) -> u32 {
        self.pane("t").pane_pid()
    }
}

/// The (only) pane of one session of a [`Tmux`] server.
pub struct Pane<'a> {
    tmux: &'a Tmux,
    target: String,
}

impl Pane<'_> {
    pub fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", self.target.as_str()];
        args.extend_from_slice(keys);
        self.tmux.run(&args);
    }

    pub fn type_text(&self, text: &str) {
        self.tmux
            .run(&["send-keys", "-t", &self.target, "-l", text]);
    }

    pub fn format(&self, f: &str) -> String {
        self.tmux
            .run(&["display-message", "-p", "-t", &self.target, f])
            .trim()
            .to_string()
    }

    pub fn resize(&self, w: u16, h: u16) {
        let (w, h) = (w.to_string(), h.to_string());
        self.tmux
            .run(&["resize-window", "-t", &self.target, "-x", &w, "-y", &h]);
    }

    pub fn capture(&self) -> Screen {
        let out = self.tmux.run(&[
            "display-message",
            "-p",
            "-t",
            &self.target,
            "#{pane_width} #{pane_height}",
            ";",
            "capture-pane",
            "-p",
            "-t",
            &self.target,
        ]);
        let mut lines = out.lines();
        let size = lines.next().unwrap_or_default();
        let (w, h) = size.split_once(' ').expect("pane size");
        Screen {
            w: w.parse().expect("pane width"),
            h: h.parse().expect("pane height"),
            lines: lines.map(str::to_string).collect(),
        }
    }

    /// The pane's text with its attributes as escape sequences (`capture-pane -e`).
    pub fn capture_escapes(&self) -> String {
        self.tmux
            .run(&["capture-pane", "-e", "-p", "-t", &self.target])
    }

    /// Polls until `ready` holds on a screen that no longer changes and whose
    /// layout is sound (a frame caught halfway through a redraw, or tmux's cut of
    /// the old frame just after a resize, is waited out), and returns it. Times out
    /// with the layout error if the screen settles broken.
    pub fn wait_for(&self, what: &str, ready: impl Fn(&Screen) -> bool) -> Screen {
        self.wait_for_within(what, TIMEOUT, ready)
    }

    /// [`Pane::wait_for`] with its own time limit.
    pub fn wait_for_within(
        &self,
        what: &str,
        limit: Duration,
        ready: impl Fn(&Screen) -> bool,
    ) -> Screen {
        let start = Instant::now();
        let mut last = self.capture();
        let mut broken = None;
        loop {
            if ready(&last) {
                std::thread::sleep(POLL);
                let again = self.capture();
                if again == last {
                    match layout(&again) {
                        Ok(()) => return again,
                        Err(e) => broken = Some(e),
                    }
                }
                last = again;
            }
            if start.elapsed() > limit {
                match broken {
                    Some(e) => panic!("layout broken on {what}: {e}\n{}", last.dump()),
                    None => panic!("timed out waiting for {what}; the screen:\n{}", last.dump()),
                }
            }
            std::thread::sleep(POLL);
            last = self.capture();
        }
    }

    /// Polls a tmux format until it has the wanted value.
    pub fn wait_format(&self, f: &str, want: impl Fn(&str) -> bool, what: &str) -> String {
        let start = Instant::now();
        loop {
            let v = self.format(f);
            if want(&v) {
                return v;
            }
            if start.elapsed() > TIMEOUT {
                panic!(
                    "timed out waiting for {what} ({f} = {v:?}); the screen:\n{}",
                    self.capture().dump()
                );
            }
            std::thread::sleep(POLL);
        }
    }

    pub fn pane_pid(&self) -> u32 {
        self.format("#{pane_pid}").parse().expect("pane pid")
    }
}

/// Whether a process is gone (or only a zombie waiting to be reaped).
pub fn gone(pid: u32) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Err(_) => true,
        Ok(stat) => {
            let state = stat.rsplit_once(')').map(|(_, r)| r.trim_start());
            matches!(state.and_then(|r| r.chars().next()), Some('Z' | 'X'))
        }
    }
}

pub fn gone_within(pid: u32, limit: Duration) -> Option<Duration> {
    let start = Instant::now();
    while start.elapsed() <= limit {
        if gone(pid) {
            return Some(start.elapsed());
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    None
}

/// utime + stime of a process, in clock ticks.
pub fn cpu_ticks(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).expect("read stat");
    let (_, rest) = stat.rsplit_once(')').expect("stat format");
    // After the command: state is field 3, utime field 14, stime field 15.
    let fields: Vec<&str> = rest.split_whitespace().collect();
    fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap()
}

pub fn signal(pid: u32, sig: &str) {
    let ok = Command::new("sh")
        .arg("-c")
        .arg(format!("kill -s {sig} {pid}"))
        .status()
        .expect("run kill")
        .success();
    assert!(ok, "kill -s {sig} {pid} failed");
}

pub const DOC_NUMBER: &str = "海府〔2021〕244号";
pub const SECTION_1: &str = "促进巩固脱贫攻坚成果与乡村振兴有效衔接";
pub const SECTION_8: &str = "推动绿色转型发展";

/// The first overview screen, in either language.
pub fn overview(s: &Screen) -> bool {
    s.has_all(&[DOC_NUMBER, SECTION_1])
}

/// Starts the dashboard on a copy of the bundled plan, with the binary as the
/// pane's process, and returns its pid once the overview is drawn.
pub fn start_app(t: &Tmux) -> u32 {
    let reg = t.registry_copy();
    let cmd = t.app_command("zh_CN.UTF-8", &["--file", &reg]);
    t.spawn(80, 24, &format!("exec {cmd}"));
    t.wait_for("the overview", overview);
    let pid = t.pane_pid();
    let comm = std::fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default();
    assert_eq!(comm.trim(), "dubang", "the pane's process is the dashboard");
    pid
}

/// The pid of `parent`'s child process named `comm`.
pub fn child_named(parent: u32, comm: &str) -> Option<u32> {
    std::fs::read_dir("/proc").ok()?.flatten().find_map(|e| {
        let pid: u32 = e.file_name().to_str()?.parse().ok()?;
        let stat = std::fs::read_to_string(e.path().join("stat")).ok()?;
        let (name, rest) = stat.split_once(" (")?.1.rsplit_once(')')?;
        let ppid: u32 = rest.split_whitespace().nth(1)?.parse().ok()?;
        (ppid == parent && name == comm).then_some(pid)
    })
}

/// The rows of a ratatui buffer as a terminal shows them (a wide character covers
/// the next cell), for the TestBackend screen tests.
pub fn buffer_rows(buf: &ratatui::buffer::Buffer) -> Vec<String> {
    let w = buf.area.width as usize;
    buf.content
        .chunks(w)
        .map(|cells| {
            let mut s = String::new();
            let mut skip = 0usize;
            for c in cells {
                if skip == 0 {
                    s.push_str(c.symbol());
                }
                skip = skip.max(dubang::text::width(c.symbol())).saturating_sub(1);
            }
            s
        })
        .collect()
}
