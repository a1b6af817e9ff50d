//! End-to-end tests of the real `dubang` binary in a real terminal: tmux.
//!
//! The dashboard's walk through every tab, a task and its links, help, live
//! resizes and the too-small message; the terminal restored after q, Ctrl-C and
//! SIGTERM; SIGTERM, SIGHUP and a vanished terminal ending the process; an idle
//! dashboard using no CPU and drawing nothing. The tmux harness (a private server per
//! test, polling, layout checks on every screen waited for) is in `common`.

use crate::common::*;
use std::process::Command;
use std::time::{Duration, Instant};

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
