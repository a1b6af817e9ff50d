//! A terminal that goes away without SIGHUP: dubang started through `runuser` or
//! `su` (as in `ssh -t host su - staff -c dubang`) in a tmux pane that is killed.
//! `su` starts a new session and `runuser` keeps the signal from dubang, so nothing
//! tells it the terminal is gone: it must notice by itself and end within 2 s, with
//! no spinning left behind, every time.

use crate::common::{self, Tmux, gone_within, have_tmux};
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::time::Duration;

/// The pid of the process running `exe`, once it is up (within 5 s).
fn find(exe: &Path) -> Option<u32> {
    for _ in 0..500 {
        for e in std::fs::read_dir("/proc").ok()?.flatten() {
            let Ok(pid) = e.file_name().to_string_lossy().parse::<u32>() else {
                continue;
            };
            if std::fs::read_link(e.path().join("exe")).is_ok_and(|p| p == exe) {
                return Some(pid);
            }
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    None
}

#[test]
fn a_killed_pane_ends_dubang_under_su_and_runuser() {
    if !have_tmux() || !rustix::process::geteuid().is_root() {
        eprintln!("skipped: needs tmux and root (to run dubang as nobody)");
        return;
    }
    // A directory `nobody` can read, with the binary and a registry in it.
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let exe = dir.path().join("dubang-lost");
    std::fs::copy(common::binary(), &exe).unwrap();
    let reg = dir.path().join("registry.json");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds/registry.json"),
        &reg,
    )
    .unwrap();
    std::fs::set_permissions(&reg, std::fs::Permissions::from_mode(0o644)).unwrap();
    let run = format!("{} --file {}", exe.display(), reg.display());
    for i in 0..10 {
        let wrapped = if i % 2 == 0 {
            format!("runuser -u nobody -- {run}")
        } else {
            format!("su -s /bin/sh nobody -c {}", common::sh_quote(&run))
        };
        let t = Tmux::new();
        t.spawn(80, 24, &wrapped);
        let pid = find(&exe).expect("dubang started under su/runuser");
        t.pane("t").wait_for("the dashboard", common::overview);
        t.run(&["kill-session", "-t", "t"]);
        if gone_within(pid, Duration::from_secs(2)).is_none() {
            common::signal(pid, "KILL");
            panic!("try {i} ({wrapped}): dubang outlived its killed pane by 2 s");
        }
    }
}
