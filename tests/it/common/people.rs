//! Colleagues for the tests. dubang records the person from the real user id and
//! trusts `$SUDO_USER` only when the real user is root (as under `sudo`), so a test
//! poses as a colleague by starting dubang with `SUDO_USER=NAME`: as root (CI) the
//! history names NAME, as anyone else it names that user. [`recorded_as`] says which.

use std::process::Command;

/// The environment that makes dubang record `name` (when the tests run as root).
pub fn posing_as(name: &str) -> [(&'static str, String); 1] {
    [("SUDO_USER", name.to_string())]
}

/// Who the history names for a process started with [`posing_as`]`(name)`.
pub fn recorded_as(name: &str) -> String {
    if is_root() {
        name.to_string()
    } else {
        dubang::account::who()
    }
}

pub fn is_root() -> bool {
    rustix::process::geteuid().is_root()
}

/// Real local accounts for tests of a shared file: created on first use when running as
/// root (`useradd`, no home, no login shell), `None` otherwise (the caller skips).
/// Names carry the `dbs` prefix so that they cannot collide with real people.
pub fn local_user(name: &str, group: &str) -> Option<(u32, u32)> {
    if !is_root() {
        return None;
    }
    let gid = ensure(&["getent", "group", group], &["groupadd", group])?;
    let uid = ensure(
        &["id", "-u", name],
        &[
            "useradd",
            "-M",
            "-N",
            "-g",
            group,
            "-s",
            "/usr/sbin/nologin",
            name,
        ],
    )?;
    Some((uid, gid))
}

/// Runs `probe`; when it fails, runs `make` (retrying while another process holds the
/// passwd lock) and probes again. Returns the number the probe prints (an id).
fn ensure(probe: &[&str], make: &[&str]) -> Option<u32> {
    let id = |args: &[&str]| -> Option<u32> {
        let out = Command::new(args[0]).args(&args[1..]).output().ok()?;
        let text = String::from_utf8_lossy(&out.stdout);
        let field = text.trim().split(':').nth(2).unwrap_or(text.trim());
        out.status.success().then(|| field.parse().ok()).flatten()
    };
    if let Some(n) = id(probe) {
        return Some(n);
    }
    for _ in 0..20 {
        let _ = Command::new(make[0]).args(&make[1..]).output();
        if let Some(n) = id(probe) {
            return Some(n);
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    None
}

/// `cmd` run as the local user `uid` with group `gid` and that user's groups, the umask
/// given (through `sh -c 'umask …; exec …'`).
pub fn as_user(uid: u32, gid: u32, umask: &str, program: &str, args: &[&str]) -> Command {
    let mut script = format!("umask {umask}; exec \"$0\"");
    for i in 1..=args.len() {
        script.push_str(&format!(" \"${i}\""));
    }
    let mut c = Command::new("setpriv");
    c.arg(format!("--reuid={uid}"))
        .arg(format!("--regid={gid}"))
        .arg("--init-groups")
        .args(["sh", "-c", &script, program])
        .args(args);
    c
}
