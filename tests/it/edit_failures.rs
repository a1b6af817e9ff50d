//! Saves that cannot happen: each says why in one line, exits 1, and leaves the file
//! byte for byte as it was. And saves through a symlink, keeping mode and owner.
//!
//! Mode bits do not stop root, so when the tests run as root (as CI does) the binary is
//! run as `nobody` through `setpriv`; tests that cannot arrange their situation say so
//! and skip.

use crate::edit_common::*;
use dubang::registry::{Edit, EditTarget, Op, Status};
use dubang::store::{self, SaveError};
use std::path::Path;
use std::process::Command;
use std::time::Duration;

fn skip(test: &str, why: &str) {
    println!("SKIPPED {test}: {why}");
}

fn status_edit(task: &str, to: Status) -> Edit {
    Edit::new(EditTarget::Task(task.into()), Op::SetStatus { to }).with_note("test")
}

#[test]
fn read_only_file() {
    let (dir, file) = fixture();
    let Some(runner) = unprivileged(dir.path()) else {
        return skip(
            "read_only_file",
            "running as root and setpriv cannot run dubang as nobody",
        );
    };
    // The directory is open to all (so only the file's mode stands in the way); the
    // file is readable but not writable by whoever runs dubang.
    chmod(dir.path(), 0o777);
    chmod(&file, 0o644);
    if !runner.is_nobody() {
        chmod(&file, 0o444);
    }
    let before = std::fs::read(&file).unwrap();
    let out = run(runner.set_cmd(&file, &["3", "done", "--note", "x"]));
    assert_one_line_failure(&out, "read-only for you");
    assert_eq!(std::fs::read(&file).unwrap(), before);
}

#[test]
fn directory_not_writable() {
    let (dir, file) = fixture();
    let Some(runner) = unprivileged(dir.path()) else {
        return skip(
            "directory_not_writable",
            "running as root and setpriv cannot run dubang as nobody",
        );
    };
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    let file2 = data.join("registry.json");
    std::fs::rename(&file, &file2).unwrap();
    // The file is writable for everyone, its directory for nobody but root.
    chmod(&file2, 0o666);
    chmod(dir.path(), 0o755);
    chmod(&data, if runner.is_nobody() { 0o755 } else { 0o555 });
    let before = std::fs::read(&file2).unwrap();
    let out = run(runner.set_cmd(&file2, &["3", "done"]));
    assert_one_line_failure(&out, "is not writable for you");
    assert_eq!(std::fs::read(&file2).unwrap(), before);

    // Same when the lock file exists already (someone with access saved before): the
    // lock is taken read-only, and the temporary file is what cannot be made.
    if runner.is_nobody() {
        std::fs::write(data.join(".registry.json.lock"), "").unwrap();
        let out = run(runner.set_cmd(&file2, &["3", "done"]));
        assert_one_line_failure(&out, "is not writable for you");
        assert_eq!(std::fs::read(&file2).unwrap(), before);
    }
    let names: Vec<_> = std::fs::read_dir(&data)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(names.is_empty(), "no temporary files left: {names:?}");
    chmod(&data, 0o755);
}

#[test]
fn file_replaced_by_garbage_between_load_and_save() {
    // Library: the app loaded the file, then someone broke it.
    let (_dir, file) = fixture();
    let loaded = store::load(&file).unwrap();
    std::fs::write(&file, "{\n  \"format\": \"dubang/1\",\n  \"tasks\": [}\n").unwrap();
    let garbage = std::fs::read(&file).unwrap();
    let err = store::save_edit(&file, &status_edit("t1", Status::Done)).unwrap_err();
    assert!(matches!(err, SaveError::Invalid(_)), "{err}");
    let line = err.to_string();
    assert!(!line.contains('\n'), "{line}");
    assert!(line.contains(":3:"), "names the line: {line}");
    assert!(line.contains("not valid JSON"), "{line}");
    assert_eq!(std::fs::read(&file).unwrap(), garbage);
    // The edit is still there to retry once the file is restored.
    std::fs::write(&file, store::to_json(&loaded)).unwrap();
    store::save_edit(&file, &status_edit("t1", Status::Done)).unwrap();

    // Binary: `dubang set` has loaded the file and waits for the lock, which the test
    // holds while it puts garbage in the file's place.
    let (_dir, file) = fixture();
    let target = file.canonicalize().unwrap();
    let held = store::lock::lock(&target, Duration::from_secs(5)).unwrap();
    let child = set_cmd(&file, &["3", "done", "--note", "x"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(500));
    store::write_atomic(&file, b"not json at all\n").unwrap();
    drop(held);
    let out = child.wait_with_output().unwrap();
    assert_one_line_failure(&out, "not valid JSON");
    assert_eq!(std::fs::read(&file).unwrap(), b"not json at all\n");
}

#[test]
fn file_deleted_under_the_app() {
    let (dir, file) = fixture();
    let _loaded = store::load(&file).unwrap();
    std::fs::remove_file(&file).unwrap();
    let err = store::save_edit(&file, &status_edit("t1", Status::Done)).unwrap_err();
    assert!(matches!(err, SaveError::Deleted { .. }), "{err}");
    assert!(err.to_string().contains("deleted or moved away"), "{err}");
    assert!(
        !file.exists(),
        "a deleted file is not brought back by a save"
    );
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert!(left.is_empty(), "nothing created: {left:?}");
}

/// A small tmpfs mounted in a temp dir, unmounted on drop.
struct Tmpfs {
    dir: tempfile::TempDir,
}

impl Tmpfs {
    fn mount(size: &str) -> Result<Tmpfs, String> {
        let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
        let out = Command::new("mount")
            .args([
                "-t",
                "tmpfs",
                "-o",
                &format!("size={size},mode=0755"),
                "tmpfs",
            ])
            .arg(dir.path())
            .output()
            .map_err(|e| format!("no mount command ({e})"))?;
        if !out.status.success() {
            return Err(String::from_utf8_lossy(&out.stderr).trim().to_string());
        }
        Ok(Tmpfs { dir })
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let ok = Command::new("umount")
            .arg(self.dir.path())
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            let _ = Command::new("umount")
                .arg("-l")
                .arg(self.dir.path())
                .status();
        }
    }
}

#[test]
fn disk_full() {
    let fs = match Tmpfs::mount("128k") {
        Ok(fs) => fs,
        Err(why) => return skip("disk_full", &format!("cannot mount a small tmpfs: {why}")),
    };
    let file = fs.path().join("registry.json");
    std::fs::write(&file, dubang::store::BUNDLED).unwrap();
    // Fill what is left, a page at a time.
    let filler = fs.path().join("filler");
    {
        use std::io::Write;
        let mut f = std::fs::File::create(&filler).unwrap();
        let page = [0u8; 4096];
        while f.write_all(&page).and_then(|_| f.sync_all()).is_ok() {}
    }
    let before = std::fs::read(&file).unwrap();
    let out = run(set_cmd(&file, &["3", "done", "--note", "磁盘满"]));
    assert_one_line_failure(&out, "the disk is full");
    assert_eq!(std::fs::read(&file).unwrap(), before);
    let tmp: Vec<_> = std::fs::read_dir(fs.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(tmp.is_empty(), "no temporary file left: {tmp:?}");

    // Once there is room again, the same edit goes through.
    std::fs::remove_file(&filler).unwrap();
    let out = run(set_cmd(&file, &["3", "done", "--note", "磁盘满"]));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let reg = store::load(&file).unwrap();
    assert_eq!(reg.tasks[2].status, Status::Done);
}

#[test]
fn immutable_file_as_root() {
    // Root ignores mode bits but not the immutable flag: the save must refuse, not
    // rename over it.
    if euid() != 0 {
        return skip("immutable_file_as_root", "needs root for chattr");
    }
    let (_dir, file) = fixture();
    let ok = Command::new("chattr")
        .arg("+i")
        .arg(&file)
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        return skip(
            "immutable_file_as_root",
            "chattr +i does not work on this file system",
        );
    }
    let before = std::fs::read(&file).unwrap();
    let out = run(set_cmd(&file, &["3", "done"]));
    let _ = Command::new("chattr").arg("-i").arg(&file).status();
    assert_one_line_failure(&out, "read-only for you");
    assert_eq!(std::fs::read(&file).unwrap(), before);
    assert!(store::is_writable(&file));
}

#[test]
fn saves_through_a_symlink_keeping_mode_and_owner() {
    let (dir, _file) = fixture();
    let real_dir = dir.path().join("shared");
    std::fs::create_dir(&real_dir).unwrap();
    let real = real_dir.join("plan.json");
    std::fs::rename(dir.path().join("registry.json"), &real).unwrap();
    chmod(&real, 0o640);
    let root = euid() == 0;
    if root {
        chown(&real, NOBODY, NOBODY);
    } else {
        println!(
            "saves_through_a_symlink: not root, so the owner is ours and only the mode is checked for change"
        );
    }
    let link = dir.path().join("registry.json");
    std::os::unix::fs::symlink("shared/plan.json", &link).unwrap();

    let out = run(set_cmd(&link, &["7", "推进中", "--note", "via link"]));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("task 7: not started → in progress"), "{said}");
    assert!(
        said.contains("shared/plan.json"),
        "names the real file: {said}"
    );

    let meta = std::fs::symlink_metadata(&link).unwrap();
    assert!(meta.file_type().is_symlink(), "the link is still a link");
    assert_eq!(
        std::fs::read_link(&link).unwrap(),
        Path::new("shared/plan.json")
    );
    let reg = store::load(&real).unwrap();
    assert_eq!(reg.tasks[6].status, Status::InProgress);
    assert_eq!(mode_of(&real), 0o640);
    if root {
        use std::os::unix::fs::MetadataExt;
        let m = std::fs::metadata(&real).unwrap();
        assert_eq!((m.uid(), m.gid()), (NOBODY, NOBODY), "owner and group kept");
    }
    // The lock and any temporary file live next to the real file, not the link.
    assert!(real_dir.join(".plan.json.lock").exists());
    assert!(!dir.path().join(".registry.json.lock").exists());
}

#[test]
fn unknown_task_status_progress_and_date_fail_cleanly() {
    let (_dir, file) = fixture();
    let before = std::fs::read(&file).unwrap();
    let cases: [(&[&str], &str); 5] = [
        (&["99", "done"], "no task '99'"),
        (&["3", "finished"], "unknown status 'finished'"),
        (&["3", "--progress", "101"], "progress 101 is over 100"),
        (&["3", "--progress", "lots"], "bad progress 'lots'"),
        (&["3", "--due", "2026-02-30"], "bad date '2026-02-30'"),
    ];
    for (args, expect) in cases {
        let out = run(set_cmd(&file, args));
        if args[0] == "99" {
            assert_one_line_failure(&out, expect);
        } else {
            // A value the command line cannot take: a usage error (see below).
            let err = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
            assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
            assert!(err.contains(expect), "{args:?}: {err}");
        }
    }
    assert_eq!(std::fs::read(&file).unwrap(), before);
}

/// A value the command line cannot take — an unknown status, progress 150, a date
/// that is no date — is a usage error: exit 2, one line in the reader's language,
/// the file untouched.
#[test]
fn bad_values_on_the_command_line_are_usage_errors() {
    let (_dir, file) = fixture();
    let before = std::fs::read(&file).unwrap();
    for (args, zh) in [
        (&["1", "foo"][..], "没有“foo”这个状态"),
        (&["1", "--progress", "150"][..], "150"),
        (&["1", "--due", "2025-13-40"][..], "2025-13-40"),
    ] {
        let mut c = set_cmd(&file, args);
        c.args(["--lang", "zh"]);
        let out = run(c);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(err.contains(zh), "{args:?}: {err}");
        assert!(out.stdout.is_empty(), "{args:?}");
    }
    assert_eq!(std::fs::read(&file).unwrap(), before, "nothing written");
}
