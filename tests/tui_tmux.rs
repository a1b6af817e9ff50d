//! End-to-end tests of the real `dubang` binary in a real terminal: tmux.
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

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;
use std::time::{Duration, Instant, SystemTime};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// How long a screen may take to show what a test waits for.
const TIMEOUT: Duration = Duration::from_secs(5);
const POLL: Duration = Duration::from_millis(20);

// ---------------------------------------------------------------- helpers ----

fn have_tmux() -> bool {
    Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
}

macro_rules! need_tmux {
    () => {
        if !have_tmux() {
            eprintln!("skipped: tmux is not installed (.ci/run installs it)");
            return;
        }
    };
}

/// The newest modification time of a file or, recursively, of a directory's files.
fn newest(path: &Path) -> Option<SystemTime> {
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
fn binary() -> &'static Path {
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

fn sh_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

/// The bundled registry, for the names and texts the screens must show.
fn seed() -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds/registry.json");
    serde_json::from_slice(&std::fs::read(path).expect("read seeds/registry.json"))
        .expect("seeds/registry.json is JSON")
}

/// One captured screen: the pane's size and its lines (trailing spaces trimmed
/// by tmux).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Screen {
    w: usize,
    h: usize,
    lines: Vec<String>,
}

impl Screen {
    fn has(&self, s: &str) -> bool {
        self.lines.iter().any(|l| l.contains(s))
    }

    fn has_all(&self, all: &[&str]) -> bool {
        all.iter().all(|s| self.has(s))
    }

    fn last_text_line(&self) -> &str {
        self.lines
            .iter()
            .rev()
            .find(|l| !l.is_empty())
            .map_or("", |l| l)
    }

    fn dump(&self) -> String {
        let mut out = format!("{}x{}\n", self.w, self.h);
        for l in &self.lines {
            out.push_str(&format!("|{l}\n"));
        }
        out
    }
}

/// Second half of a wide character in a row of cells.
const WIDE_TAIL: char = '\0';

fn cells(line: &str) -> Vec<char> {
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
fn check_widths(s: &Screen) -> Result<(), String> {
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
type Rect4 = (usize, usize, usize, usize);

/// Follows the box whose top-left corner is at (`y`, `left`) down its borders.
/// Cells inside `cover` (popups drawn over it) count as border.
fn trace_box(rows: &[Vec<char>], y: usize, left: usize, cover: &[Rect4]) -> Result<Rect4, String> {
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
fn check_boxes(s: &Screen) -> Result<(), String> {
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

fn layout(s: &Screen) -> Result<(), String> {
    check_widths(s).and_then(|()| check_boxes(s))
}

/// A private tmux server with one session, `t`, killed when dropped. Its socket
/// lives in the test's temporary directory (`-S`, like `-L` a server of its own,
/// but removed with the directory).
struct Tmux {
    dir: tempfile::TempDir,
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.tmux(&["kill-server"]);
    }
}

impl Tmux {
    fn new() -> Tmux {
        let dir = tempfile::tempdir().expect("temporary directory");
        // Dead panes stay so their screen state can be read; no
        // status bar, so the pane is the whole window.
        std::fs::write(
            dir.path().join("tmux.conf"),
            "set -g remain-on-exit on\nset -g status off\n",
        )
        .expect("write tmux.conf");
        Tmux { dir }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn tmux(&self, args: &[&str]) -> Output {
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
    fn run(&self, args: &[&str]) -> String {
        let out = self.tmux(args);
        assert!(
            out.status.success(),
            "tmux {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Starts the session with `command` in a `w`×`h` window.
    fn spawn(&self, w: u16, h: u16, command: &str) {
        let (w, h) = (w.to_string(), h.to_string());
        self.run(&["new-session", "-d", "-s", "t", "-x", &w, "-y", &h, command]);
    }

    /// The shell command that runs the dashboard in a clean environment.
    fn app_command(&self, lang_env: &str, args: &[&str]) -> String {
        let dir = self.dir.path().display().to_string();
        let mut cmd = format!(
            "env -u LC_ALL -u LC_MESSAGES -u DUBANG_FILE -u DUBANG_ASCII LANG={lang_env} \
             HOME={d} XDG_DATA_HOME={d}/data XDG_CONFIG_HOME={d}/config {}",
            sh_quote(&binary().display().to_string()),
            d = sh_quote(&dir),
        );
        for a in args {
            cmd.push(' ');
            cmd.push_str(&sh_quote(a));
        }
        cmd
    }

    /// A copy of the bundled registry in the test's directory.
    fn registry_copy(&self) -> String {
        let dst = self.path("registry.json");
        std::fs::copy(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds/registry.json"),
            &dst,
        )
        .expect("copy seeds/registry.json");
        dst.display().to_string()
    }

    fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "t"];
        args.extend_from_slice(keys);
        self.run(&args);
    }

    fn type_text(&self, text: &str) {
        self.run(&["send-keys", "-t", "t", "-l", text]);
    }

    fn format(&self, f: &str) -> String {
        self.run(&["display-message", "-p", "-t", "t", f])
            .trim()
            .to_string()
    }

    fn resize(&self, w: u16, h: u16) {
        let (w, h) = (w.to_string(), h.to_string());
        self.run(&["resize-window", "-t", "t", "-x", &w, "-y", &h]);
    }

    fn capture(&self) -> Screen {
        let out = self.run(&[
            "display-message",
            "-p",
            "-t",
            "t",
            "#{pane_width} #{pane_height}",
            ";",
            "capture-pane",
            "-p",
            "-t",
            "t",
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

    /// Polls until `ready` holds on a screen that no longer changes and whose
    /// layout is sound (a frame caught halfway through a redraw, or tmux's cut of
    /// the old frame just after a resize, is waited out), and returns it. Times out
    /// with the layout error if the screen settles broken.
    fn wait_for(&self, what: &str, ready: impl Fn(&Screen) -> bool) -> Screen {
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
            if start.elapsed() > TIMEOUT {
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
    fn wait_format(&self, f: &str, want: impl Fn(&str) -> bool, what: &str) -> String {
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

    fn pane_pid(&self) -> u32 {
        self.format("#{pane_pid}").parse().expect("pane pid")
    }
}

/// Whether a process is gone (or only a zombie waiting to be reaped).
fn gone(pid: u32) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Err(_) => true,
        Ok(stat) => {
            let state = stat.rsplit_once(')').map(|(_, r)| r.trim_start());
            matches!(state.and_then(|r| r.chars().next()), Some('Z' | 'X'))
        }
    }
}

fn gone_within(pid: u32, limit: Duration) -> Option<Duration> {
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
fn cpu_ticks(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).expect("read stat");
    let (_, rest) = stat.rsplit_once(')').expect("stat format");
    // After the command: state is field 3, utime field 14, stime field 15.
    let fields: Vec<&str> = rest.split_whitespace().collect();
    fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap()
}

fn signal(pid: u32, sig: &str) {
    let ok = Command::new("sh")
        .arg("-c")
        .arg(format!("kill -s {sig} {pid}"))
        .status()
        .expect("run kill")
        .success();
    assert!(ok, "kill -s {sig} {pid} failed");
}

const DOC_NUMBER: &str = "海府〔2021〕244号";
const SECTION_1: &str = "促进巩固脱贫攻坚成果与乡村振兴有效衔接";
const SECTION_8: &str = "推动绿色转型发展";

/// The first overview screen, in either language.
fn overview(s: &Screen) -> bool {
    s.has_all(&[DOC_NUMBER, SECTION_1])
}

/// Starts the dashboard on a copy of the bundled plan, with the binary as the
/// pane's process, and returns its pid once the overview is drawn.
fn start_app(t: &Tmux) -> u32 {
    let reg = t.registry_copy();
    let cmd = t.app_command("zh_CN.UTF-8", &["--file", &reg]);
    t.spawn(80, 24, &format!("exec {cmd}"));
    t.wait_for("the overview", overview);
    let pid = t.pane_pid();
    let comm = std::fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default();
    assert_eq!(comm.trim(), "dubang", "the pane's process is the dashboard");
    pid
}

// ------------------------------------------------------------------ walk ----

/// Language-dependent words the walk looks for.
struct Words {
    lang_env: &'static str,
    args: &'static [&'static str],
    goal_2025: &'static str,
    goal_2035: &'static str,
    help_title: &'static str,
    help_back: &'static str,
    help_quit: &'static str,
    too_small: &'static str,
}

const ZH: Words = Words {
    lang_env: "zh_CN.UTF-8",
    args: &[],
    goal_2025: "2025年目标",
    goal_2035: "2035年目标",
    help_title: "按键",
    help_back: "返回",
    help_quit: "退出",
    too_small: "请放大到至少",
};

const EN: Words = Words {
    // The flag wins over a Chinese locale.
    lang_env: "zh_CN.UTF-8",
    args: &["--lang", "en"],
    goal_2025: "2025 goal",
    goal_2035: "2035 goal",
    help_title: "Keys",
    help_back: "go back",
    help_quit: "quit",
    too_small: "enlarge",
};

/// Two boxes side by side somewhere on the screen.
fn side_by_side(s: &Screen) -> bool {
    s.lines.iter().any(|l| l.contains("┐┌") || l.contains("┘┌"))
}

/// Every tab, a task, its lead unit and back, help, resizes, too small, quit.
fn walk(words: &Words, bare: bool) {
    need_tmux!();
    let seed = seed();
    let name = |list: &str, i: usize| seed[list][i]["name"].as_str().unwrap().to_string();
    let units = seed["units"].as_array().unwrap().len();
    let towns = seed["towns"].as_array().unwrap().len();
    let task = &seed["tasks"][0];
    let task_title = task["title"].as_str().unwrap();
    let text_start: String = task["text"].as_str().unwrap().chars().take(20).collect();
    let lead_id = task["lead"][0].as_str().unwrap();
    let lead = seed["units"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["id"] == lead_id)
        .and_then(|u| u["name"].as_str())
        .unwrap()
        .to_string();
    assert_eq!(
        lead, "市乡村振兴局",
        "task 1's lead unit in the bundled plan"
    );

    let t = Tmux::new();
    let mut args: Vec<String> = words.args.iter().map(|a| a.to_string()).collect();
    if !bare {
        args.extend(["--file".to_string(), t.registry_copy()]);
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let status = t.path("status").display().to_string();
    let app = t.app_command(words.lang_env, &args);
    t.spawn(80, 24, &format!("{app}; echo $? > {}", sh_quote(&status)));

    let sections =
        |s: &Screen| !s.has(DOC_NUMBER) && s.has_all(&[SECTION_1, SECTION_8, task_title]);
    let unit_list = |s: &Screen| {
        !s.has(DOC_NUMBER) && s.has_all(&["市水务局", "实施乡村振兴战略领导小组成员单位"])
    };
    let town_list = |s: &Screen| s.has_all(&["嘉积镇", "万泉镇", "潭门镇"]);
    let goals = |s: &Screen| {
        !s.has(DOC_NUMBER)
            && s.has_all(&[
                words.goal_2025,
                words.goal_2035,
                "老区脱贫攻坚成果全面巩固拓展",
            ])
    };
    let overview_ = |s: &Screen| overview(s) && s.has(words.goal_2025);
    type Check<'a> = &'a dyn Fn(&Screen) -> bool;
    let tabs: [(&str, Check); 5] = [
        ("overview", &overview_),
        ("sections", &sections),
        ("units", &unit_list),
        ("towns", &town_list),
        ("goals", &goals),
    ];

    t.wait_for("the overview", overview_);
    let go = |keys: &[&str], tab: usize| {
        t.keys(keys);
        t.wait_for(&format!("{} after {keys:?}", tabs[tab].0), tabs[tab].1)
    };
    // Straight to each tab, scrolling the long lists to their ends and back.
    go(&["2"], 1);
    go(&["3"], 2);
    let (first_unit, last_unit) = (name("units", 0), name("units", units - 1));
    t.keys(&["G"]);
    t.wait_for("the last unit selected", |s| {
        s.has(&format!("▸ {last_unit}"))
    });
    t.keys(&["g"]);
    t.wait_for("the first unit selected", |s| {
        unit_list(s) && s.has(&format!("▸ {first_unit}"))
    });
    go(&["4"], 3);
    let last_town = name("towns", towns - 1);
    assert_eq!(last_town, "彬村山华侨经济区");
    t.keys(&["G"]);
    t.wait_for("the last town selected", |s| {
        s.has(&format!("▸ {last_town}"))
    });
    t.keys(&["g"]);
    t.wait_for("the first town selected", |s| s.has("▸ 嘉积镇"));
    go(&["5"], 4);
    // Round and round: → wraps from the last tab to the first, ← the other way.
    for (keys, tab) in [
        ("Right", 0),
        ("Right", 1),
        ("l", 2),
        ("Tab", 3),
        ("Right", 4),
        ("Left", 3),
        ("h", 2),
        ("BTab", 1),
        ("Left", 0),
        ("Left", 4),
    ] {
        go(&[keys], tab);
    }

    // A task: its section's list, the task list, the detail with its full text.
    go(&["2"], 1);
    let list = t.capture();
    t.keys(&["Enter"]);
    t.wait_for("the task list focused", |s| *s != list && sections(s));
    t.keys(&["Enter"]);
    let detail = t.wait_for("task 1's detail", |s| {
        s.has_all(&[text_start.as_str(), lead.as_str()])
    });
    // The first link chip is the lead unit: Enter jumps to it in the Units tab.
    t.keys(&["Enter"]);
    let jumped = t.wait_for("the lead unit in the Units tab", |s| {
        unit_list(s) && s.has(&format!("▸ {lead}"))
    });
    let status = jumped.last_text_line();
    assert!(
        status.ends_with(&format!("→ {lead}")),
        "the status line names the jump: {status:?}\n{}",
        jumped.dump()
    );
    t.keys(&["Escape"]);
    let back = t.wait_for("back in the detail", |s| {
        s.has_all(&[text_start.as_str(), lead.as_str()])
    });
    assert_eq!(back, detail, "Esc returns to the same detail");
    // Help lists the keys (scrolled to its end if taller than the screen); closing
    // it leaves the detail exactly as it was.
    t.keys(&["?"]);
    t.wait_for("the help popup", |s| {
        s.has_all(&[words.help_title, "Enter", "Esc", words.help_back])
    });
    t.keys(&["G"]);
    t.wait_for("the end of the help", |s| {
        s.has_all(&[words.help_title, "Ctrl-", words.help_quit])
    });
    t.keys(&["Escape"]);
    t.wait_for("the detail again, help closed", |s| *s == detail);
    t.keys(&["Escape"]);
    let stacked = t.wait_for("the task list again", sections);
    assert!(!side_by_side(&stacked), "80 columns stack the panes");

    // Live resize: side by side from 120 columns, stacked again at 80.
    t.resize(120, 40);
    t.wait_for("the 120×40 layout", |s| {
        s.w == 120 && s.h == 40 && sections(s) && side_by_side(s)
    });
    // Help over side-by-side Chinese text leaves nothing behind (ratatui #2526).
    let wide = t.capture();
    t.keys(&["?"]);
    t.wait_for("the help popup at 120×40", |s| s.has(words.help_title));
    t.keys(&["Escape"]);
    t.wait_for("the 120×40 layout, help closed", |s| *s == wide);
    t.resize(80, 24);
    t.wait_for("the 80×24 layout again", |s| {
        s.w == 80 && s.h == 24 && sections(s) && !side_by_side(s)
    });
    // The smallest size still draws the dashboard; one column less does not.
    t.resize(60, 16);
    t.wait_for("the 60×16 layout", |s| {
        s.w == 60 && s.h == 16 && s.has("(一)") && !s.has(words.too_small)
    });
    t.resize(59, 16);
    t.wait_for("the too-small message at 59×16", |s| {
        s.w == 59 && s.has(words.too_small)
    });
    t.resize(50, 12);
    let small = t.wait_for("the too-small message at 50×12", |s| {
        s.w == 50 && s.h == 12 && s.has(words.too_small)
    });
    let text = small.lines.concat();
    assert!(
        text.contains("60×16") || text.contains("60x16"),
        "the message names the minimum size:\n{}",
        small.dump()
    );

    t.keys(&["q"]);
    // The shell around the dashboard writes its exit status (tmux's own
    // #{pane_dead_status} is not reliable: its server sometimes reaps late).
    let status = t.path("status");
    let start = Instant::now();
    while !std::fs::read_to_string(&status).is_ok_and(|s| s.ends_with('\n')) {
        assert!(start.elapsed() < TIMEOUT, "the dashboard did not quit on q");
        std::thread::sleep(POLL);
    }
    let code = std::fs::read_to_string(&status).unwrap();
    assert_eq!(code.trim(), "0", "q quits with status 0");
    if bare {
        assert!(
            t.path("data/dubang/registry.json").is_file(),
            "a bare `dubang` creates the user's copy of the bundled plan"
        );
    }
}

#[test]
fn walk_zh() {
    walk(&ZH, true);
}

#[test]
fn walk_en() {
    walk(&EN, false);
}

// -------------------------------------------------------- terminal restore ----

/// The pid of `parent`'s child process named `comm`.
fn child_named(parent: u32, comm: &str) -> Option<u32> {
    std::fs::read_dir("/proc").ok()?.flatten().find_map(|e| {
        let pid: u32 = e.file_name().to_str()?.parse().ok()?;
        let stat = std::fs::read_to_string(e.path().join("stat")).ok()?;
        let (name, rest) = stat.split_once(" (")?.1.rsplit_once(')')?;
        let ppid: u32 = rest.split_whitespace().nth(1)?.parse().ok()?;
        (ppid == parent && name == comm).then_some(pid)
    })
}

/// In a shell: after q, after Ctrl-C and after SIGTERM the terminal is back in
/// cooked mode with echo, on the normal screen, cursor shown, mouse reporting off.
#[test]
fn terminal_is_restored() {
    need_tmux!();
    let t = Tmux::new();
    let reg = t.registry_copy();
    t.spawn(
        80,
        24,
        "exec env PS1='tui$ ' HISTFILE=/dev/null bash --norc --noprofile",
    );
    let prompt = |s: &Screen| s.last_text_line() == "tui$";
    t.wait_for("the shell prompt", prompt);
    let shell = t.pane_pid();
    let app = t.app_command("zh_CN.UTF-8", &["--file", &reg]);
    for (round, how) in ["q", "C-c", "SIGTERM"].into_iter().enumerate() {
        // Each round's output is told apart by its number.
        let exit = format!("exit-{round}=");
        t.type_text(&format!("{app}; echo \"{exit}$?\""));
        t.keys(&["Enter"]);
        t.wait_for("the dashboard", overview);
        assert_eq!(
            t.format("#{alternate_on}"),
            "1",
            "the dashboard uses the alternate screen"
        );
        match how {
            "SIGTERM" => {
                let pid = child_named(shell, "dubang").expect("the dashboard's pid");
                signal(pid, "TERM");
            }
            key => t.keys(&[key]),
        }
        let after = t.wait_for("the prompt after the dashboard", |s| {
            prompt(s) && s.lines.iter().any(|l| l.starts_with(&exit))
        });
        let status = after.lines.iter().find(|l| l.starts_with(&exit)).unwrap();
        if how != "SIGTERM" {
            assert_eq!(*status, format!("{exit}0"), "{how} exits with status 0");
        }
        assert!(
            !overview(&after),
            "{how}: the dashboard is gone from the screen:\n{}",
            after.dump()
        );
        assert_eq!(
            t.format("#{alternate_on} #{cursor_flag} #{mouse_any_flag}"),
            "0 1 0",
            "{how}: normal screen, cursor shown, no mouse reporting"
        );
        let done = format!("stty-done-{round}");
        t.type_text(&format!("stty -a; echo {done}"));
        t.keys(&["Enter"]);
        let s = t.wait_for("stty -a", |s| prompt(s) && s.lines.contains(&done));
        let end = s.lines.iter().position(|l| *l == done).unwrap();
        let start = s.lines[..end]
            .iter()
            .rposition(|l| l.starts_with("tui$ stty -a"))
            .expect("the stty command line");
        let words: Vec<&str> = s.lines[start + 1..end]
            .iter()
            .flat_map(|l| l.split(|c: char| c.is_whitespace() || c == ';'))
            .collect();
        for mode in ["icanon", "echo", "isig", "icrnl", "opost"] {
            assert!(
                words.contains(&mode) && !words.contains(&format!("-{mode}").as_str()),
                "after {how}, stty -a shows {mode}:\n{}",
                s.dump()
            );
        }
    }
}

// --------------------------------------------------------------- signals ----

/// SIGTERM: gone within a second, with the terminal restored.
#[test]
fn sigterm_ends_the_dashboard() {
    need_tmux!();
    let t = Tmux::new();
    let pid = start_app(&t);
    signal(pid, "TERM");
    let took = gone_within(pid, Duration::from_secs(1));
    assert!(took.is_some(), "the dashboard outlived SIGTERM by a second");
    t.wait_format("#{pane_dead}", |v| v == "1", "the pane to die");
    // (tmux hides the cursor of a dead pane itself, so only the screen is checked.)
    assert_eq!(
        t.format("#{alternate_on}"),
        "0",
        "SIGTERM leaves the alternate screen"
    );
}

/// SIGHUP sent directly (what a dropped SSH connection sends).
#[test]
fn sighup_ends_the_dashboard() {
    need_tmux!();
    let t = Tmux::new();
    let pid = start_app(&t);
    signal(pid, "HUP");
    let took = gone_within(pid, Duration::from_secs(1));
    assert!(took.is_some(), "the dashboard outlived SIGHUP by a second");
    t.wait_format("#{pane_dead}", |v| v == "1", "the pane to die");
    assert_eq!(
        t.format("#{alternate_on}"),
        "0",
        "SIGHUP leaves the alternate screen"
    );
}

/// The terminal goes away (the tmux server dies, the pty closes, the kernel sends
/// SIGHUP): the process must not keep reading a dead tty (crossterm #793).
#[test]
fn losing_the_terminal_ends_the_dashboard() {
    need_tmux!();
    let t = Tmux::new();
    let pid = start_app(&t);
    t.run(&["kill-server"]);
    let took = gone_within(pid, Duration::from_secs(1));
    if took.is_none() {
        // Do not leave a spinning process behind.
        let _ = Command::new("sh")
            .arg("-c")
            .arg(format!("kill -9 {pid}"))
            .status();
        panic!("the dashboard outlived its terminal by a second");
    }
}

// ------------------------------------------------------------------ idle ----

/// Nothing happens, nothing is used: no CPU beyond a few ticks in 2 s, no bytes
/// written; a key with no binding draws nothing either, a real key does.
#[test]
fn idle_dashboard_uses_no_cpu_and_draws_nothing() {
    need_tmux!();
    let t = Tmux::new();
    let pid = start_app(&t);
    let out = t.path("pane-output");
    let pipe = format!("cat >> {}", sh_quote(&out.display().to_string()));
    t.run(&["pipe-pane", "-O", "-t", "t", &pipe]);
    t.wait_format("#{pane_pipe}", |v| v == "1", "pipe-pane");
    let start = Instant::now();
    while !out.exists() && start.elapsed() < TIMEOUT {
        std::thread::sleep(POLL);
    }
    let bytes = || std::fs::metadata(&out).map_or(0, |m| m.len());

    let before = cpu_ticks(pid);
    std::thread::sleep(Duration::from_secs(2));
    let used = cpu_ticks(pid) - before;
    assert!(used <= 5, "{used} clock ticks of CPU in 2 s of idling");
    assert_eq!(bytes(), 0, "bytes written to the terminal while idle");

    t.keys(&["z"]);
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(bytes(), 0, "bytes written after a key with no binding");

    // The control: a real key is seen by the pipe.
    t.keys(&["j"]);
    let start = Instant::now();
    while bytes() == 0 && start.elapsed() < TIMEOUT {
        std::thread::sleep(POLL);
    }
    let n = bytes();
    assert!(n > 0, "the pipe saw nothing after j");
    eprintln!("one ↓ on the overview wrote {n} bytes");
}

// ------------------------------------------------- the checks themselves ----

/// The layout checks catch what they are meant to (no tmux needed).
#[test]
fn layout_checks_catch_broken_screens() {
    let screen = |w: usize, lines: &[&str]| Screen {
        w,
        h: lines.len(),
        lines: lines.iter().map(|l| l.to_string()).collect(),
    };
    let good = screen(8, &["┌ 任务 ┐", "│中文ab│", "├──────┤", "└──────┘", "text"]);
    assert_eq!(layout(&good), Ok(()));
    let pushed = screen(8, &["┌ 任务 ┐", "│中文abc│", "└──────┘"]);
    assert!(layout(&pushed).is_err(), "a border pushed out");
    let short = screen(8, &["┌ 任务 ┐", "│中文a│", "└──────┘"]);
    assert!(layout(&short).is_err(), "a border pulled in");
    let open = screen(8, &["┌ 任务 ┐", "│中文ab│"]);
    assert!(layout(&open).is_err(), "a box without a bottom");
    let inner = screen(8, &["┌──┐   │", "│  │  x│", "└──┘   │"]);
    assert_eq!(layout(&inner), Ok(()));
    let skewed = screen(8, &["┌──┐", "│ │", "└──┘"]);
    assert!(layout(&skewed).is_err(), "a right border one column left");
    let popup = screen(
        11,
        &[
            "   ┌──────┐",
            " ┌───┐    │",
            " │   │    │",
            " └───┘    │",
            "   └──────┘",
        ],
    );
    assert_eq!(layout(&popup), Ok(()), "a popup over a box's border");
    let replaced = screen(8, &["ab\u{FFFD}"]);
    assert!(layout(&replaced).is_err(), "a replacement character");
    let escape = screen(8, &["a\u{1b}[0m"]);
    assert!(layout(&escape).is_err(), "an escape sequence");
    let wide = screen(8, &["中文中文中"]);
    assert!(layout(&wide).is_err(), "a line wider than the pane");
}
