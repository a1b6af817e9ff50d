//! The real binary in tmux, as a user mode bits apply to (`nobody` through
//! `setpriv` when the tests run as root): a writable file in a directory it cannot
//! write is read-only because of the directory, and the status line says so
//! (issue 11, item 5); a file that turns read-only under the dashboard keeps the
//! edit, and `q` asks before losing it — discard, confirmed, quits with status 0
//! (item 4).

use crate::common::*;
use crate::edit_common::{BIN, Runner, chmod, nobody_args, unprivileged};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// The shell command running the dashboard on `file` as the runner's user, its
/// exit status written to `status`.
fn command(t: &Tmux, runner: &Runner, lang: &str, file: &Path, status: &Path) -> String {
    let bin = match runner {
        Runner::Nobody(Some(copy)) => copy.clone(),
        _ => PathBuf::from(BIN),
    };
    let env = [("SUDO_USER", "liwei")];
    let file = file.display().to_string();
    let app = t.app_command_with(&bin, lang, &env, &["--file", &file]);
    let prefix = match runner {
        Runner::Direct => String::new(),
        Runner::Nobody(_) => format!("setpriv {} ", nobody_args().join(" ")),
    };
    format!(
        "{prefix}{app}; echo $? > {}",
        sh_quote(&status.display().to_string())
    )
}

/// A scratch directory everyone can enter, with a copy of the bundled plan in
/// `data/`, and the runner; `None` when no unprivileged user can be had.
fn setup(t: &Tmux) -> Option<(tempfile::TempDir, PathBuf, Runner)> {
    let scratch = tempfile::tempdir().unwrap();
    chmod(scratch.path(), 0o755);
    let runner = unprivileged(scratch.path())?;
    // Its home and settings live in the tmux directory: let it in.
    chmod(t.path("").as_path(), 0o755);
    let data = scratch.path().join("data");
    std::fs::create_dir(&data).unwrap();
    let file = data.join("registry.json");
    std::fs::write(&file, dubang::store::BUNDLED).unwrap();
    Some((scratch, file, runner))
}

#[test]
fn a_directory_it_cannot_write_is_named_as_the_reason() {
    need_tmux!();
    let t = Tmux::new();
    let Some((_scratch, file, runner)) = setup(&t) else {
        return eprintln!("skipped: running as root and setpriv cannot run dubang as nobody");
    };
    let data = file.parent().unwrap();
    // The file is writable for everyone; its directory only for root.
    chmod(&file, 0o666);
    chmod(data, if runner.is_nobody() { 0o755 } else { 0o555 });
    let status = t.path("status");
    t.spawn(
        120,
        24,
        &command(&t, &runner, "zh_CN.UTF-8", &file, &status),
    );
    let dir = data.display().to_string();
    let s = t.wait_for("the overview with the read-only reason", |s| {
        overview(s) && s.last_text_line().contains("目录")
    });
    let line = s.last_text_line().to_string();
    assert!(
        line.contains(&format!("只读:所在目录不可写 {dir}")) && !line.contains("文件不可写"),
        "{line}"
    );
    // Every edit key gives the same reason.
    t.keys(&["2", "Enter", "Down"]);
    t.wait_for("no message", |s| !s.last_text_line().contains("目录"));
    t.keys(&["s"]);
    t.wait_for("the reason again", |s| {
        s.last_text_line().contains(&format!("目录不可写 {dir}"))
    });
    t.keys(&["q"]);
    wait_status(&status);
    chmod(data, 0o755);
}

#[test]
fn quit_after_a_failed_save_asks_and_discard_quits_cleanly() {
    need_tmux!();
    let t = Tmux::new();
    let Some((_scratch, file, runner)) = setup(&t) else {
        return eprintln!("skipped: running as root and setpriv cannot run dubang as nobody");
    };
    chmod(file.parent().unwrap(), 0o777);
    chmod(&file, 0o666);
    let before = std::fs::read(&file).unwrap();
    let status = t.path("status");
    t.spawn(80, 24, &command(&t, &runner, "zh_CN.UTF-8", &file, &status));
    t.wait_for("the overview", overview);
    // The file turns read-only under the dashboard; an edit then fails to save.
    chmod(&file, 0o444);
    t.keys(&["2", "Enter", "]"]);
    t.wait_for("the failed save", |s| s.last_text_line().contains("未保存"));
    t.keys(&["q"]);
    let s = t.wait_for("the quit dialog", |s| s.has("退出前:有未保存的修改"));
    assert!(
        s.has_all(&[
            "有 1 处修改还没有写入文件",
            "重试保存",
            "另存到其他路径",
            "放弃这些修改并退出"
        ]),
        "{}",
        s.dump()
    );
    assert!(!t.path("status").exists(), "still running");
    t.keys(&["d"]);
    t.wait_for("the confirmation", |s| s.has("确定放弃?"));
    t.keys(&["Enter"]);
    assert_eq!(wait_status(&status), "0");
    assert_eq!(std::fs::read(&file).unwrap(), before, "nothing was written");
}

/// The exit status the shell wrote once the dashboard ended.
fn wait_status(status: &Path) -> String {
    let start = Instant::now();
    while !std::fs::read_to_string(status).is_ok_and(|s| s.ends_with('\n')) {
        assert!(start.elapsed() < TIMEOUT, "the dashboard did not quit");
        std::thread::sleep(POLL);
    }
    std::fs::read_to_string(status).unwrap().trim().to_string()
}
