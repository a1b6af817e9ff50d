//! Who is editing: the login name recorded in history.

use crate::registry::sanitize_line;

/// The login name to record as `by`: `$SUDO_USER` (the person behind `sudo`), then
/// `$USER`, then `$LOGNAME`, then the account of the real uid in `/etc/passwd` (uid from
/// `/proc/self/status`, so no libc binding is needed), else "unknown".
pub fn who() -> String {
    let uid = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| real_uid(&s));
    who_from(
        |k| std::env::var(k).ok(),
        uid,
        || std::fs::read_to_string("/etc/passwd").ok(),
    )
}

pub(super) fn who_from(
    env: impl Fn(&str) -> Option<String>,
    uid: Option<u32>,
    passwd: impl FnOnce() -> Option<String>,
) -> String {
    let clean = |s: String| {
        let s = sanitize_line(s.trim());
        (!s.is_empty()).then_some(s)
    };
    for var in ["SUDO_USER", "USER", "LOGNAME"] {
        if let Some(name) = env(var).and_then(clean) {
            return name;
        }
    }
    uid.and_then(|uid| {
        passwd()?.lines().find_map(|line| {
            let mut f = line.split(':');
            let name = f.next()?;
            let id: u32 = f.nth(1)?.parse().ok()?;
            (id == uid).then(|| name.to_string())
        })
    })
    .and_then(clean)
    .unwrap_or_else(|| "unknown".into())
}

/// The real uid from the `Uid:` line of `/proc/self/status` (real, effective, saved, fs).
pub(super) fn real_uid(status: &str) -> Option<u32> {
    status
        .lines()
        .find_map(|l| l.strip_prefix("Uid:"))?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}
