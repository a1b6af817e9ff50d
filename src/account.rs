//! Who a process runs as, and the login names of user ids.
//!
//! History records the person from the real user id, never from `$USER` or `$LOGNAME`,
//! which anyone can set (`USER=alice dubang set …` must not write "alice"). The one
//! variable trusted is `$SUDO_USER`, and only when the real user is root: sudo sets it,
//! and root could write any name anyway.

use std::process::Command;

/// The login name to record as `by`.
pub fn who() -> String {
    let uid = rustix::process::getuid().as_raw();
    who_from(uid, std::env::var("SUDO_USER").ok(), login_of)
}

/// [`who`] with its inputs given (tests).
pub fn who_from(
    uid: u32,
    sudo_user: Option<String>,
    login_of: impl Fn(u32) -> Option<String>,
) -> String {
    if uid == 0
        && let Some(name) = sudo_user.map(|s| clean(&s)).filter(|s| !s.is_empty())
    {
        return name;
    }
    login_or_uid_with(uid, login_of)
}

/// The login name of `uid`, or `uid 1234` when the system knows none.
pub fn login_or_uid(uid: u32) -> String {
    login_or_uid_with(uid, login_of)
}

fn login_or_uid_with(uid: u32, login_of: impl Fn(u32) -> Option<String>) -> String {
    login_of(uid)
        .map(|s| clean(&s))
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| format!("uid {uid}"))
}

/// The login name of `uid`: `/etc/passwd` first (no process started), then `getent`,
/// which also asks LDAP or sssd on servers whose accounts live there.
pub fn login_of(uid: u32) -> Option<String> {
    if let Some(name) = std::fs::read_to_string("/etc/passwd")
        .ok()
        .and_then(|p| passwd_name(&p, uid))
    {
        return Some(name);
    }
    let out = Command::new("getent")
        .args(["passwd", &uid.to_string()])
        .output()
        .ok()?;
    passwd_name(&String::from_utf8_lossy(&out.stdout), uid)
}

/// The name on the line of `uid` in passwd(5) text.
pub fn passwd_name(passwd: &str, uid: u32) -> Option<String> {
    passwd.lines().find_map(|line| {
        let mut f = line.split(':');
        let name = f.next()?;
        let id: u32 = f.nth(1)?.parse().ok()?;
        (id == uid && !name.is_empty()).then(|| name.to_string())
    })
}

fn clean(s: &str) -> String {
    crate::registry::sanitize_line(s.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    const PASSWD: &str = "root:x:0:0::/root:/bin/sh\nliwei:x:1000:1000::/home/liwei:/bin/sh\n";

    fn table(uid: u32) -> Option<String> {
        passwd_name(PASSWD, uid)
    }

    #[test]
    fn the_real_uid_names_the_editor_and_sudo_user_only_for_root() {
        assert_eq!(who_from(1000, None, table), "liwei");
        // A user cannot pass as someone else through SUDO_USER (or USER: never read).
        assert_eq!(who_from(1000, Some("wang".into()), table), "liwei");
        assert_eq!(who_from(0, Some("wang".into()), table), "wang");
        assert_eq!(who_from(0, Some(" ".into()), table), "root");
        assert_eq!(who_from(0, None, table), "root");
        assert_eq!(who_from(4242, None, table), "uid 4242");
        assert_eq!(who_from(0, Some("a\u{1b}]0;x\u{7}b".into()), table), "ab");
    }

    #[test]
    fn this_process_has_a_name() {
        assert!(!who().is_empty());
        assert_eq!(login_or_uid(0), "root");
    }
}
