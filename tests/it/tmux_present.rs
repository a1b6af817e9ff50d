//! End-to-end tests of meeting mode, themes and settings (issue 6), in tmux:
//! `--present` pages through every slide at 80×24 and 200×60 with the counter
//! advancing to "13 / 13", no edit key changes the file, Esc leaves; `P` from the
//! dashboard presents and Esc comes back; a rebinding in the settings file takes
//! effect, a broken settings file is named with its line and the dashboard still
//! starts; NO_COLOR screens carry no colour escape sequences. The tmux harness is in
//! `common`.

use crate::common::*;
use serde_json::Value;

/// Words of the slides in one language.
struct Words {
    lang: &'static str,
    overview: &'static str,
    done: &'static str,
    units: &'static str,
    towns: &'static str,
    goals: &'static str,
    goal_2025: &'static str,
    goal_2035: &'static str,
    problems: &'static str,
    red: &'static str,
}

const ZH: Words = Words {
    lang: "zh",
    overview: "工作进度总览",
    done: "✓ 已完成",
    units: "牵头单位完成情况",
    towns: "镇(区)完成情况",
    goals: "主要目标",
    goal_2025: "2025年目标",
    goal_2035: "2035年目标",
    problems: "问题清单",
    red: "红色预警 28 项",
};

const EN: Words = Words {
    lang: "en",
    overview: "Progress overview",
    done: "✓ done",
    units: "Lead units",
    towns: "Towns",
    goals: "Main goals",
    goal_2025: "2025 goal",
    goal_2035: "2035 goal",
    problems: "Problems",
    red: "28 red",
};

/// The slide counter "N / M" at the end of the last line (a continuation page
/// adds "(续)" or "(cont.)" after it).
fn counter(s: &Screen) -> Option<(usize, usize)> {
    let words: Vec<&str> = s.last_text_line().split_whitespace().collect();
    match words[..] {
        [.., n, "/", m] | [.., n, "/", m, "(续)" | "(cont.)"] => {
            Some((n.parse().ok()?, m.parse().ok()?))
        }
        _ => None,
    }
}

/// Whether the screen is a continuation page of its slide.
fn continued(s: &Screen) -> bool {
    let line = s.last_text_line();
    line.ends_with("(续)") || line.ends_with("(cont.)")
}

/// The first page of slide `n` of `total`.
fn first_page(n: usize, total: usize) -> impl Fn(&Screen) -> bool {
    move |s: &Screen| counter(s) == Some((n, total)) && !continued(s)
}

/// How many pages each slide of the bundled plan takes on a `w`×`h` terminal
/// today (the problem list depends on the date), as the dashboard computes them.
fn pages(w: u16, h: u16, lang: &str) -> Vec<usize> {
    use dubang::tui::app::App;
    let reg = dubang::store::parse_bytes(
        std::path::Path::new("r.json"),
        dubang::store::BUNDLED.as_bytes(),
    )
    .unwrap();
    let now = chrono::Local::now().fixed_offset();
    let lang = if lang == "zh" {
        dubang::lang::Lang::Zh
    } else {
        dubang::lang::Lang::En
    };
    let app = App::new(reg, std::path::PathBuf::from("r.json"), lang, now);
    let n = dubang::tui::present::slides(&app).len();
    (0..n)
        .map(|no| dubang::tui::view::slide_pages(&app, no, (w, h)))
        .collect()
}

/// A slide's heading: its first line with text.
fn heading(s: &Screen) -> &str {
    s.lines
        .iter()
        .map(|l| l.trim())
        .find(|l| !l.is_empty())
        .unwrap_or("")
}

fn on_slide(n: usize, total: usize) -> impl Fn(&Screen) -> bool {
    move |s: &Screen| counter(s) == Some((n, total))
}

/// What slide `n` (1-based) must show, checked on a settled screen.
fn check_slide(seed: &Value, w: &Words, n: usize, s: &Screen) {
    let sections = seed["sections"].as_array().unwrap();
    let fail = |what: &str| -> ! { panic!("slide {n}: {what}\n{}", s.dump()) };
    let title = heading(s);
    match n {
        1 => {
            if title != w.overview {
                fail(&format!("the overview's title, {:?}", w.overview));
            }
            // Big digits: rows of block characters above the labels (a fresh plan
            // has no bar with a █ in it).
            let labels = s.lines.iter().position(|l| l.contains(w.done));
            let blocks = s.lines[..labels.unwrap_or_else(|| fail("the status labels"))]
                .iter()
                .filter(|l| l.contains("██"))
                .count();
            if blocks < 5 {
                fail(&format!("big digits ({blocks} rows of blocks)"));
            }
        }
        n if n >= 2 && n < 2 + sections.len() => {
            let sec = &sections[n - 2];
            let want = format!(
                "({}) {}",
                sec["numeral"].as_str().unwrap(),
                sec["title"].as_str().unwrap()
            );
            if title != want {
                fail(&format!("the section's title, {want:?}"));
            }
            for task in seed["tasks"].as_array().unwrap() {
                if task["section"] == sec["id"] {
                    let num = format!("{}.", task["number"]);
                    if !s.lines.iter().any(|l| l.trim_start().starts_with(&num)) {
                        fail(&format!("task {num} of the section"));
                    }
                }
            }
        }
        _ => {
            let rest = n - 1 - sections.len();
            let (want, names): (&str, Vec<&str>) = match rest {
                1 => (w.units, vec!["市水务局", "市乡村振兴局"]),
                2 => (w.towns, vec!["嘉积镇", "彬村山华侨经济区"]),
                3 => (w.goals, vec![w.goal_2025, w.goal_2035, "2025-12-31"]),
                // Every task of a fresh copy is past the 2025 goal's deadline.
                4 => (w.problems, vec![w.red, "市农业农村局"]),
                _ => fail("a slide past the last"),
            };
            if title != want || !s.has_all(&names) {
                fail(&format!("{want:?} with {names:?}"));
            }
        }
    }
}

/// Every key that edits in the dashboard, and some typing.
fn press_edit_keys(t: &Tmux) {
    for key in ["s", "2", "n", "p", "d", "u", "[", "]", "w", "r"] {
        t.keys(&[key]);
    }
    t.type_text("abc已召开推进会50");
}

/// `--present`: page with → Space PgDn through every slide; the edit keys, Enter
/// and typing change nothing; Esc quits.
fn present(w: u16, h: u16, words: &Words) {
    need_tmux!();
    let seed = seed();
    let total = 1 + seed["sections"].as_array().unwrap().len() + 4;
    assert_eq!(
        total, 13,
        "slides of the bundled plan (the problem list last)"
    );
    let t = Tmux::new();
    let reg = t.registry_copy();
    let before = std::fs::read(&reg).expect("read the registry");
    let cmd = t.app_command(
        "zh_CN.UTF-8",
        &["--present", "--lang", words.lang, "--file", &reg],
    );
    t.spawn(w, h, &format!("exec {cmd}"));
    let first = t.wait_for("the first slide", on_slide(1, total));
    check_slide(&seed, words, 1, &first);
    assert!(
        !first.has("?") && !first.has("Esc"),
        "no key hints on a slide:\n{}",
        first.dump()
    );

    // A slide that does not fit continues on further pages: a paging key goes
    // through them before the next slide.
    let pages = pages(w, h, words.lang);
    assert_eq!(pages.len(), total);
    let times = |key: &'static str, n: usize| vec![key; n];
    let paging = ["Right", "Space", "PageDown"];
    for n in 2..=total {
        let key = paging[n % paging.len()];
        t.keys(&times(key, pages[n - 2]));
        let s = t.wait_for(&format!("slide {n} after {key}"), first_page(n, total));
        check_slide(&seed, words, n, &s);
        if n == 2 {
            // A section slide lists tasks: no edit key may reach one. Enter pages on,
            // so it also tells that every key before it was read.
            press_edit_keys(&t);
            t.keys(&times("Enter", pages[1]));
            t.wait_for(
                "slide 3 after the edit keys and Enter",
                first_page(3, total),
            );
            // ← from slide 3 goes to slide 2's last page, more ← to its first.
            t.keys(&["Left"]);
            t.wait_for("slide 2 again after ←", on_slide(2, total));
            t.keys(&times("Left", pages[1] - 1));
            t.wait_for("slide 2's first page", first_page(2, total));
        }
    }
    // The last page stays the last; ← and PgUp go back, End to the end again.
    let (last_pages, before_last) = (pages[total - 1], pages[total - 2]);
    t.keys(&times("Right", last_pages));
    t.keys(&["Enter"]);
    t.keys(&times("Left", last_pages));
    t.wait_for("slide 12 after ←", on_slide(total - 1, total));
    t.keys(&times("PageUp", before_last));
    t.wait_for("slide 11 after PgUp", on_slide(total - 2, total));
    press_edit_keys(&t);
    t.keys(&["End"]);
    let last = t.wait_for("the last slide after End", first_page(total, total));
    check_slide(&seed, words, total, &last);

    t.keys(&["Escape"]);
    t.wait_format("#{pane_dead}", |v| v == "1", "Esc to end --present");
    assert_eq!(
        std::fs::read(&reg).expect("read the registry"),
        before,
        "presenting left the file's bytes as they were"
    );
}

#[test]
fn present_80x24_zh() {
    present(80, 24, &ZH);
}

#[test]
fn present_200x60_en() {
    present(200, 60, &EN);
}

/// The dashboard's tab bar: the dashboard, not a slide.
fn dashboard(s: &Screen) -> bool {
    overview(s) && s.has("1 概览") && counter(s).is_none()
}

/// `P` from the dashboard presents; Esc returns to the dashboard as it was.
#[test]
fn p_presents_and_esc_returns() {
    need_tmux!();
    let t = Tmux::new();
    let pid = start_app(&t);
    let before = t.wait_for("the dashboard", dashboard);
    t.keys(&["P"]);
    let s = t.wait_for("the first slide", on_slide(1, 13));
    assert!(
        heading(&s) == ZH.overview && !s.has("1 概览"),
        "a slide, not the dashboard:\n{}",
        s.dump()
    );
    t.keys(&["Right"]);
    t.wait_for("the second slide", on_slide(2, 13));
    t.keys(&["Escape"]);
    t.wait_for("the dashboard again", |s| *s == before);
    assert!(!gone(pid), "Esc left the presentation, not the dashboard");
}

/// `theme` and `[keys]` from the settings file: q no longer quits, x does, and the
/// light theme is not the dark one.
#[test]
fn settings_rebind_quit_and_pick_the_theme() {
    need_tmux!();
    let t = Tmux::new();
    t.write_config("theme = \"light\"\n\n[keys]\nquit = \"X\"\n");
    let reg = t.registry_copy();
    let no_color = [("NO_COLOR", "")];
    let light = t.app_command_env("zh_CN.UTF-8", &no_color, &["--file", &reg]);
    t.spawn(80, 24, &format!("exec {light}"));
    let dark = t.app_command_env(
        "zh_CN.UTF-8",
        &no_color,
        &["--theme", "dark", "--file", &reg],
    );
    t.spawn_session("dark", 80, 24, &format!("exec {dark}"));
    let s = t.wait_for("the dashboard", dashboard);
    assert!(
        s.has("X 退出") && !s.has("q 退出"),
        "the key hints show the rebound quit key:\n{}",
        s.dump()
    );
    assert!(
        !s.last_text_line().contains("config.toml"),
        "a good settings file raises no problem:\n{}",
        s.dump()
    );
    let dark = t.pane("dark");
    assert_eq!(dark.wait_for("the dark dashboard", dashboard), s);
    assert_ne!(
        t.pane("t").capture_escapes(),
        dark.capture_escapes(),
        "the light theme from the settings file draws in other colours than --theme dark"
    );

    let pid = t.pane_pid();
    // q is unbound now: the 2 after it is still read, by a running dashboard.
    t.keys(&["q", "2"]);
    t.wait_for("the Sections tab after q", |s| s.has("┌ 章节 "));
    assert!(!gone(pid), "q quit although quit is bound to x only");
    t.keys(&["X"]);
    t.wait_format("#{pane_dead}", |v| v == "1", "X to quit");
}

/// A settings file the dashboard cannot use: it starts anyway, with the defaults,
/// and its status line names the file and the line.
#[test]
fn broken_settings_are_named_with_their_line() {
    need_tmux!();
    for (toml, line) in [
        ("# mine\nlang = \"zh\"\ntheme = \"purple\"\n", 3),
        // A binding that takes another action's key.
        ("[keys]\n\nquit = \"j\"\n", 3),
    ] {
        let t = Tmux::new();
        t.write_config(toml);
        start_app(&t);
        let s = t.wait_for("the dashboard", dashboard);
        let status = s.last_text_line();
        assert!(
            status.contains(&format!("config.toml:{line}")),
            "{toml:?}: the status line names config.toml and line {line}: {status:?}\n{}",
            s.dump()
        );
        // The defaults: q quits.
        assert!(s.has("q 退出"), "{toml:?}: default keys:\n{}", s.dump());
        t.keys(&["q"]);
        t.wait_format("#{pane_dead}", |v| v == "1", "q to quit");
    }
}

/// The SGR colour parameters in a `capture-pane -e` text: 30–37, 40–47, 90–97,
/// 100–107, and 38/48 (256 colours, RGB). 39 and 49 (the default colours) are none.
fn colour_escapes(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (i, _) in text.match_indices("\x1b[") {
        let rest = &text[i + 2..];
        let end = rest
            .find(|c: char| !(c.is_ascii_digit() || c == ';' || c == ':'))
            .unwrap_or(rest.len());
        if !rest[end..].starts_with('m') {
            continue;
        }
        let params = &rest[..end];
        let colour = params.split(';').any(|p| {
            let p: u32 = p
                .split(':')
                .next()
                .and_then(|p| p.parse().ok())
                .unwrap_or(0);
            matches!(p, 30..=38 | 40..=48 | 90..=97 | 100..=107)
        });
        if colour {
            out.push(format!("ESC[{params}m"));
        }
    }
    out
}

/// NO_COLOR: no screen carries a colour, the selection still shows by its marker;
/// the default theme does use colour.
#[test]
fn no_color_means_no_colour_escapes() {
    need_tmux!();
    let t = Tmux::new();
    let reg = t.registry_copy();
    let cmd = t.app_command_env("zh_CN.UTF-8", &[("NO_COLOR", "1")], &["--file", &reg]);
    t.spawn(80, 24, &format!("exec {cmd}"));
    let default = t.app_command_env("zh_CN.UTF-8", &[("NO_COLOR", "")], &["--file", &reg]);
    t.spawn_session("colour", 80, 24, &format!("exec {default}"));

    let mono = t.pane("t");
    let no_colour = |what: &str, ready: &dyn Fn(&Screen) -> bool| {
        let s = mono.wait_for(what, ready);
        let text = mono.capture_escapes();
        let found = colour_escapes(&text);
        assert!(
            found.is_empty(),
            "NO_COLOR, {what}: colour escapes {found:?}\n{}",
            s.dump()
        );
        s
    };
    no_colour("the overview", &dashboard);
    t.keys(&["2", "Enter"]);
    let list = no_colour("the task list", &|s: &Screen| {
        s.has("任务 · (一)") && s.lines.iter().any(|l| l.starts_with("│▸   1 "))
    });
    assert!(
        list.has("│▸ (一)"),
        "the selection is marked without colour:\n{}",
        list.dump()
    );
    t.keys(&["Enter"]);
    no_colour("task 1's detail", &|s: &Screen| {
        s.has("任务 1 · ") && s.has("全文")
    });
    t.keys(&["s"]);
    no_colour("the status picker", &|s: &Screen| s.has("状态 · 任务 1"));
    // Esc on its own: Esc and a key at once arrive as Alt+key.
    let closed = |s: &Screen| s.has("任务 1 · ") && !s.has("┌ 状态") && !s.has("┌ 按键");
    t.keys(&["Escape"]);
    t.wait_for("the picker closed", closed);
    t.keys(&["?"]);
    no_colour("help", &|s: &Screen| s.has("┌ 按键"));
    t.keys(&["Escape"]);
    t.wait_for("help closed", closed);
    t.keys(&[":"]);
    t.type_text("wushui");
    no_colour("search hits", &|s: &Screen| s.has("▸ 任务 "));
    t.keys(&["Escape"]);
    t.wait_for("the search closed", |s| closed(s) && !s.has("> wushui"));
    t.keys(&["P"]);
    no_colour("the first slide", &on_slide(1, 13));
    t.keys(&["Right"]);
    no_colour("a section slide", &on_slide(2, 13));

    let colour = t.pane("colour");
    colour.wait_for("the overview in colour", dashboard);
    let found = colour_escapes(&colour.capture_escapes());
    assert!(
        !found.is_empty(),
        "the default theme draws in colour (else this test proves nothing)"
    );
}

/// NO_COLOR with an explicit `--theme dark`: the user asked for the theme, so it
/// is drawn in colour, with the selection reversed and the active tab coloured.
#[test]
fn an_explicit_theme_wins_over_no_color() {
    need_tmux!();
    let t = Tmux::new();
    let reg = t.registry_copy();
    let cmd = t.app_command_env(
        "zh_CN.UTF-8",
        &[("NO_COLOR", "1")],
        &["--file", &reg, "--theme", "dark"],
    );
    t.spawn(100, 30, &format!("exec {cmd}"));
    let pane = t.pane("t");
    pane.wait_for("the overview", dashboard);
    t.keys(&["2"]);
    pane.wait_for("the sections", |s: &Screen| s.has("│▸ (一)"));
    let text = pane.capture_escapes();
    assert!(
        !colour_escapes(&text).is_empty(),
        "--theme dark under NO_COLOR draws no colour:\n{text}"
    );
    let row = text
        .lines()
        .find(|l| l.contains("(一)"))
        .expect("the selected row");
    let reversed = row.split("\u{1b}[").any(|p| {
        p.split_once('m')
            .is_some_and(|(params, _)| params.split(';').any(|n| n == "7"))
    });
    assert!(reversed, "the selected row is not reversed: {row:?}");
}
