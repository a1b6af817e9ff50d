//! One registry for the whole office (issue 14): the lock file and every save keep the
//! file shareable whatever the saver's umask, a POSIX ACL survives a colleague's save,
//! only people who may save can hold the lock, a planted symlink is refused, and the
//! history names the real user, not `$USER`.
//!
//! The multi-user tests create local accounts (`dbs-alice`, `dbs-bob` in `dbs-staff`,
//! `dbs-eve` outside it) and need root, as in CI; otherwise they say so and pass.

use crate::common::people::{as_user, is_root, local_user};
use crate::edit_common::{BIN, assert_one_line_failure, chmod, fixture, mode_of, run, set_cmd};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const GROUP: &str = "dbs-staff";

/// A shared directory (setgid, group `dbs-staff`, 2770) holding a copy of the bundled
/// plan owned by alice, mode `mode`; a copy of the binary everyone can run; the ids of
/// alice and bob. `None` when the accounts cannot be had (not root).
struct Office {
    _scratch: tempfile::TempDir,
    dir: PathBuf,
    file: PathBuf,
    bin: PathBuf,
    alice: (u32, u32),
    bob: (u32, u32),
}

impl Office {
    fn new(mode: u32) -> Option<Office> {
        let alice = local_user("dbs-alice", GROUP)?;
        let bob = local_user("dbs-bob", GROUP)?;
        let scratch = tempfile::tempdir().unwrap();
        chmod(scratch.path(), 0o755);
        let bin = scratch.path().join("dubang");
        std::fs::copy(BIN, &bin).unwrap();
        chmod(&bin, 0o755);
        let dir = scratch.path().join("shared");
        std::fs::create_dir(&dir).unwrap();
        std::os::unix::fs::chown(&dir, Some(0), Some(alice.1)).unwrap();
        chmod(&dir, 0o2770);
        let file = dir.join("plan.json");
        std::fs::write(&file, dubang::store::BUNDLED).unwrap();
        std::os::unix::fs::chown(&file, Some(alice.0), Some(alice.1)).unwrap();
        chmod(&file, mode);
        Some(Office {
            _scratch: scratch,
            dir,
            file,
            bin,
            alice,
            bob,
        })
    }

    /// `dubang set ARGS` as `who` under `umask`.
    fn set(&self, who: (u32, u32), umask: &str, args: &[&str]) -> Output {
        let mut all: Vec<&str> = vec!["set"];
        all.extend(args);
        let file = self.file.display().to_string();
        all.extend(["--file", &file]);
        let mut c = as_user(who.0, who.1, umask, self.bin.to_str().unwrap(), &all);
        c.env_remove("DUBANG_FILE")
            .env_remove("SUDO_USER")
            .env("LANG", "C.UTF-8");
        c.output().unwrap()
    }

    fn lock(&self) -> PathBuf {
        self.dir.join(".plan.json.lock")
    }
}

fn skip() {
    eprintln!("skipped: needs root to create the local accounts dbs-alice, dbs-bob, dbs-eve");
}

fn ok(out: &Output) {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn history_by(file: &Path) -> Vec<String> {
    let reg = dubang::store::load(file).unwrap();
    reg.task("t1")
        .unwrap()
        .history
        .iter()
        .map(|h| h.by.clone())
        .collect()
}

#[test]
fn a_first_save_under_umask_077_does_not_lock_colleagues_out() {
    let Some(o) = Office::new(0o660) else {
        return skip();
    };
    // Alice saves first, with the strictest umask: the lock file she creates must
    // still be her group's.
    ok(&o.set(o.alice, "077", &["1", "in_progress"]));
    let lock = std::fs::metadata(o.lock()).unwrap();
    assert_eq!(lock.mode() & 0o777, 0o660, "lock mode");
    assert_eq!(lock.gid(), o.alice.1, "lock group");
    // Bob, another umask, saves next and after him the file is still the group's.
    ok(&o.set(o.bob, "022", &["1", "--note", "已协调"]));
    ok(&o.set(o.alice, "077", &["2", "done"]));
    let meta = std::fs::metadata(&o.file).unwrap();
    assert_eq!(meta.mode() & 0o777, 0o660, "file mode kept");
    assert_eq!(meta.gid(), o.alice.1, "file group kept");
    assert_eq!(history_by(&o.file), ["dbs-alice", "dbs-bob"]);
}

#[test]
fn a_lock_file_left_by_an_older_umask_is_repaired_by_its_owner() {
    let Some(o) = Office::new(0o660) else {
        return skip();
    };
    std::fs::write(o.lock(), "").unwrap();
    std::os::unix::fs::chown(o.lock(), Some(o.alice.0), Some(o.alice.1)).unwrap();
    chmod(&o.lock(), 0o600);
    ok(&o.set(o.alice, "077", &["1", "blocked"]));
    assert_eq!(mode_of(&o.lock()) & 0o777, 0o660);
    ok(&o.set(o.bob, "022", &["1", "in_progress"]));
}

#[test]
fn a_lock_closed_to_a_colleague_is_named_with_its_owner() {
    let Some(o) = Office::new(0o660) else {
        return skip();
    };
    std::fs::write(o.lock(), "").unwrap();
    std::os::unix::fs::chown(o.lock(), Some(o.alice.0), Some(o.alice.1)).unwrap();
    chmod(&o.lock(), 0o600);
    let before = std::fs::read(&o.file).unwrap();
    let out = o.set(o.bob, "022", &["1", "blocked"]);
    let err = assert_one_line_failure(&out, "dbs-alice");
    assert!(
        err.contains(".plan.json.lock") && err.contains("chmod 660"),
        "{err}"
    );
    assert_eq!(std::fs::read(&o.file).unwrap(), before);
}

#[test]
fn someone_outside_the_group_cannot_open_the_lock() {
    let Some(o) = Office::new(0o660) else {
        return skip();
    };
    let Some(eve) = local_user("dbs-eve", "dbs-other") else {
        return skip();
    };
    ok(&o.set(o.alice, "022", &["1", "blocked"]));
    // Eve cannot even reach the directory; given the path of the lock through a
    // world-searchable directory she still could not open it.
    chmod(&o.dir, 0o2771);
    let lock = o.lock().display().to_string();
    let open = as_user(
        eve.0,
        eve.1,
        "022",
        "sh",
        &["-c", "exec 3<\"$1\"", "sh", &lock],
    )
    .output()
    .unwrap();
    assert!(!open.status.success(), "eve opened the lock file");
    let save = o.set(eve, "022", &["1", "done"]);
    assert_eq!(save.status.code(), Some(1));
}

#[test]
fn an_acl_survives_a_colleagues_save_and_keeps_the_owner_in() {
    let Some(o) = Office::new(0o600) else {
        return skip();
    };
    if Command::new("setfacl").arg("--version").output().is_err() {
        return eprintln!("skipped: setfacl is not installed (apt-get install acl)");
    }
    // Shared by ACL only: alice's file, mode 0600, bob named in the ACL.
    let acl = Command::new("setfacl")
        .args(["-m", "u:dbs-bob:rw"])
        .arg(&o.file)
        .output()
        .unwrap();
    if !acl.status.success() {
        return eprintln!(
            "skipped: this file system takes no ACLs: {}",
            String::from_utf8_lossy(&acl.stderr)
        );
    }
    ok(&o.set(o.bob, "022", &["1", "in_progress"]));
    let owner = std::fs::metadata(&o.file).unwrap().uid();
    assert_eq!(owner, o.bob.0, "saved by rename: the file is bob's now");
    let facl = String::from_utf8(
        Command::new("getfacl")
            .args(["-cp"])
            .arg(&o.file)
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert!(facl.contains("user:dbs-bob:rw-"), "{facl}");
    assert!(
        facl.contains("user:dbs-alice:rw-"),
        "the old owner is kept in: {facl}"
    );
    // Alice can still read and save her file.
    ok(&o.set(o.alice, "022", &["1", "--note", "仍可保存"]));
    assert_eq!(history_by(&o.file), ["dbs-bob", "dbs-alice"]);
}

#[test]
fn a_symlink_planted_as_the_lock_file_is_refused() {
    let (dir, file) = fixture();
    let elsewhere = dir.path().join("elsewhere");
    std::os::unix::fs::symlink(&elsewhere, dir.path().join(".registry.json.lock")).unwrap();
    let before = std::fs::read(&file).unwrap();
    let out = run(set_cmd(&file, &["1", "done"]));
    assert_one_line_failure(&out, "symbolic link");
    assert!(!elsewhere.exists(), "nothing created where the link points");
    assert_eq!(std::fs::read(&file).unwrap(), before);
    let zh = run({
        let mut c = set_cmd(&file, &["1", "done"]);
        c.args(["--lang", "zh"]);
        c
    });
    assert_one_line_failure(&zh, "符号链接");
}

#[test]
fn user_and_logname_do_not_name_the_author() {
    let (_dir, file) = fixture();
    let mut c = set_cmd(&file, &["1", "--note", "谁写的"]);
    c.env_remove("SUDO_USER")
        .env("USER", "mallory")
        .env("LOGNAME", "mallory");
    let out = run(c);
    assert!(out.status.success(), "{out:?}");
    let by = history_by(&file);
    assert_eq!(by, [dubang::account::who()]);
    assert_ne!(by[0], "mallory");
    // An unprivileged user's SUDO_USER is not trusted either.
    if is_root() {
        let Some(alice) = local_user("dbs-alice", GROUP) else {
            return skip();
        };
        let scratch = tempfile::tempdir().unwrap();
        chmod(scratch.path(), 0o777);
        let mine = scratch.path().join("r.json");
        std::fs::copy(&file, &mine).unwrap();
        chmod(&mine, 0o666);
        let bin = scratch.path().join("dubang");
        std::fs::copy(BIN, &bin).unwrap();
        chmod(&bin, 0o755);
        let m = mine.display().to_string();
        let mut c = as_user(
            alice.0,
            alice.1,
            "022",
            bin.to_str().unwrap(),
            &["set", "2", "--note", "冒名", "--file", &m],
        );
        c.env("SUDO_USER", "mallory").env("USER", "mallory");
        ok(&c.output().unwrap());
        let reg = dubang::store::load(&mine).unwrap();
        let by: Vec<_> = reg
            .task("t2")
            .unwrap()
            .history
            .iter()
            .map(|h| h.by.clone())
            .collect();
        assert_eq!(by, ["dbs-alice"]);
    }
}
