//! The command line's own rough edges (issue 11, item 22): a list of task numbers to
//! point at, `--file` only where it means something, `dubang config` that does what
//! it says and checks `[keys]`, and `set` saying statuses as the reader calls them.

use crate::edit_common::*;
use dubang::text::width;
use std::path::Path;
use std::process::{Command, Output};

/// `dubang ARGS` in a clean home.
fn dubang(home: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .env_remove("DUBANG_FILE")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("SUDO_USER", "tester")
        .env("LANG", "C.UTF-8")
        .output()
        .expect("the binary runs")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn an_unknown_task_points_to_a_list_that_has_the_numbers() {
    let (dir, file) = fixture();
    let f = file.to_str().unwrap();
    let out = run(set_cmd(&file, &["99", "done"]));
    let err = assert_one_line_failure(&out, "no task '99'");
    assert!(err.contains("`dubang summary --tasks`"), "{err}");
    let mut zh = set_cmd(&file, &["99", "done"]);
    zh.args(["--lang", "zh"]);
    let err = text(&run(zh).stderr);
    assert!(err.contains("`dubang summary --tasks`"), "{err}");

    let out = dubang(dir.path(), &["summary", "--tasks", "--file", f]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let list = text(&out.stdout);
    let lines: Vec<&str> = list.lines().collect();
    assert_eq!(lines.len(), 29, "a header and the 28 tasks: {list}");
    assert!(lines[0].starts_with("序号  状态"), "{list}");
    assert!(lines.iter().all(|l| width(l) <= 80), "{list}");
    // Numbers right-aligned: task 4's and task 13's statuses start in one column.
    let status_col = |n: &str| {
        let l = lines
            .iter()
            .find(|l| l.split_whitespace().next() == Some(n))
            .unwrap();
        width(&l[..l.find("未启动").unwrap()])
    };
    assert_eq!(status_col("4"), status_col("13"), "{list}");
    let t12 = lines
        .iter()
        .find(|l| l.trim_start().starts_with("12 "))
        .unwrap();
    assert!(t12.contains("0%") && t12.contains("市"), "{t12}");
}

#[test]
fn file_is_offered_only_where_a_registry_is_read() {
    let home = tempfile::tempdir().unwrap();
    for (args, has_file) in [
        (&["import", "--help"][..], false),
        (&["config", "--help"][..], false),
        (&["validate", "--help"][..], true),
        (&["summary", "--help"][..], true),
        (&["set", "--help"][..], true),
        (&["report", "--help"][..], true),
        (&["ledger", "send", "--help"][..], true),
        (&["ledger", "collect", "--help"][..], true),
    ] {
        let out = dubang(home.path(), args);
        let help = text(&out.stdout);
        assert_eq!(help.contains("--file"), has_file, "{args:?}: {help}");
    }
    // Before the subcommand, as scripts wrote it, it still works.
    let (dir, file) = fixture();
    let out = dubang(dir.path(), &["--file", file.to_str().unwrap(), "validate"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
}

#[test]
fn config_writes_what_it_says_and_checks_the_keys() {
    let home = tempfile::tempdir().unwrap();
    let path = home.path().join("config/dubang/config.toml");
    let out = dubang(home.path(), &["config"]);
    let said = text(&out.stdout);
    assert!(said.contains("`dubang config --write`"), "{said}");
    let out = dubang(home.path(), &["config", "--write"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let written = std::fs::read_to_string(&path).unwrap();
    assert!(written.contains("[keys.picker]"), "{written}");
    let out = dubang(home.path(), &["config"]);
    assert!(
        out.status.success(),
        "the default is clean: {}",
        text(&out.stderr)
    );
    // Never over a file that is there.
    let out = dubang(home.path(), &["config", "--write"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), written);

    std::fs::write(
        &path,
        "[keys]\nfrobnicate = [\"z\"]\nquit = [\"Ctrl-Shift-Hyper-q\"]\n\n[keys.picker]\ndone = [\"1\"]\n",
    )
    .unwrap();
    let out = dubang(home.path(), &["config", "--lang", "en"]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 4, "three problems and the count: {err}");
    assert!(
        lines[0].contains(":2:") && lines[0].contains("frobnicate"),
        "{err}"
    );
    assert!(
        lines[1].contains(":3:") && lines[1].contains("Ctrl-Shift-Hyper-q"),
        "{err}"
    );
    assert!(
        lines[2].contains(":6:") && lines[2].contains("not_started"),
        "{err}"
    );
    assert!(lines[3].contains("3 problems"), "{err}");
}

#[test]
fn set_says_statuses_as_the_reader_calls_them() {
    let (_dir, file) = fixture();
    let mut c = set_cmd(&file, &["3", "blocked"]);
    c.args(["--lang", "en"]);
    let said = text(&run(c).stdout);
    assert!(said.contains("task 3: not started → blocked"), "{said}");
    assert!(!said.contains("not_started"), "{said}");
    let mut c = set_cmd(&file, &["3", "done"]);
    c.args(["--lang", "zh"]);
    let said = text(&run(c).stdout);
    assert!(said.contains("任务 3:受阻 → 已完成"), "{said}");
}

#[test]
fn set_and_validate_speak_the_plans_language_when_the_locale_names_none() {
    // `dubang` runs under LANG=C.UTF-8, as most servers do.
    let (dir, file) = fixture();
    let f = file.to_str().unwrap();
    let out = dubang(dir.path(), &["set", "2", "滞后", "--file", f]);
    let said = text(&out.stdout);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(said.starts_with("任务 2:未启动 → 滞后,已保存到 "), "{said}");
    let out = dubang(
        dir.path(),
        &["set", "3", "--due", "2025年6月30日", "--file", f],
    );
    let said = text(&out.stdout);
    assert!(
        said.starts_with("任务 3:截止日期 无 → 2025-06-30"),
        "{said}"
    );
    let out = dubang(dir.path(), &["set", "99", "滞后", "--file", f]);
    let err = text(&out.stderr);
    assert!(err.contains("没有任务“99”"), "{err}");
    assert_eq!(out.status.code(), Some(1));
    let out = dubang(dir.path(), &["set", "2", "差不多", "--file", f]);
    let err = text(&out.stderr);
    assert!(err.contains("没有“差不多”这个状态"), "{err}");
    assert_eq!(out.status.code(), Some(2));
    let out = dubang(dir.path(), &["validate", "--file", f]);
    assert!(
        text(&out.stdout).contains(":有效(8 个章节"),
        "{}",
        text(&out.stdout)
    );

    // A plan written in English answers in English.
    let english = dir.path().join("english.json");
    let mut reg: dubang::registry::Registry = serde_json::from_str(dubang::store::BUNDLED).unwrap();
    reg.document.title = "Work plan for the old revolutionary area".into();
    std::fs::write(&english, dubang::store::to_json(&reg)).unwrap();
    let e = english.to_str().unwrap();
    let out = dubang(dir.path(), &["set", "2", "delayed", "--file", e]);
    assert!(
        text(&out.stdout).starts_with("task 2: not started → delayed"),
        "{}",
        text(&out.stdout)
    );
    let out = dubang(dir.path(), &["validate", "--file", e]);
    assert!(
        text(&out.stdout).contains("valid (8 sections"),
        "{}",
        text(&out.stdout)
    );
}
