//! Files planted beside a shared registry: a FIFO, `/dev/zero`, a directory or a
//! 2 GB sparse file as the registry or the settings is answered at once with one
//! line and exit 1; an output that is a device or a FIFO is not replaced; a symlink
//! another user planted in a sticky world-writable directory is not followed.

use crate::common;

use std::os::unix::fs::{FileTypeExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// Runs dubang with `args`, killed after 5 s; returns the output and the time taken.
fn run(config_home: &Path, args: &[&str]) -> (Output, Duration) {
    let start = Instant::now();
    let mut child = Command::new(common::binary())
        .args(args)
        .env("XDG_CONFIG_HOME", config_home)
        .env("LANG", "C.UTF-8")
        .env_remove("DUBANG_FILE")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(5) {
            let _ = child.kill();
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let out = child.wait_with_output().unwrap();
    (out, start.elapsed())
}

fn fifo(path: &Path) {
    let ok = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(ok.success());
}

/// The hostile things a path can name, by label.
fn specials(dir: &Path) -> Vec<(&'static str, PathBuf)> {
    let f = dir.join("fifo");
    fifo(&f);
    let d = dir.join("a-directory");
    std::fs::create_dir(&d).unwrap();
    let sparse = dir.join("sparse.json");
    std::fs::File::create(&sparse)
        .unwrap()
        .set_len(2 << 30)
        .unwrap();
    vec![
        ("fifo", f),
        ("/dev/zero", PathBuf::from("/dev/zero")),
        ("directory", d),
        ("2 GB sparse", sparse),
    ]
}

/// One line, exit 1, well within a second (the limit of the issue; 5 s would be a hang).
fn assert_refused(what: &str, r: &(Output, Duration), word: &str) {
    let err = String::from_utf8_lossy(&r.0.stderr);
    assert_eq!(err.lines().count(), 1, "{what}: {err}");
    assert_failed_with(what, r, word);
}

/// Exit 1 within a second, the last line saying why (an import notes what it read
/// before it writes).
fn assert_failed_with(what: &str, (out, took): &(Output, Duration), word: &str) {
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{what}: {out:?}");
    assert!(*took < Duration::from_secs(1), "{what}: took {took:?}");
    let last = err.lines().last().unwrap_or("");
    assert!(last.contains(word), "{what}: {err}");
}

#[test]
fn special_files_as_the_registry_are_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    for (label, path) in specials(dir.path()) {
        let p = path.to_str().unwrap();
        for cmd in ["summary", "validate"] {
            let word = if label == "2 GB sparse" {
                "too large"
            } else if label == "directory" {
                "directory"
            } else {
                "not a regular file"
            };
            let r = run(dir.path(), &["--lang", "en", "--file", p, cmd]);
            assert_refused(&format!("{label} as registry, {cmd}"), &r, word);
        }
        let r = run(dir.path(), &["--lang", "zh", "--file", p, "summary"]);
        let err = String::from_utf8_lossy(&r.0.stderr);
        assert!(
            !err.contains("regular") && !err.contains("too large"),
            "{err}"
        );
    }
}

#[test]
fn special_files_as_the_settings_are_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let registry = dir.path().join("registry.json");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds/registry.json"),
        &registry,
    )
    .unwrap();
    let reg = registry.to_str().unwrap();
    for (label, path) in specials(dir.path()) {
        let home = dir
            .path()
            .join(format!("home-{}", label.replace(['/', ' '], "_")));
        std::fs::create_dir_all(home.join("dubang")).unwrap();
        std::os::unix::fs::symlink(&path, home.join("dubang/config.toml")).unwrap();
        let word = if label == "2 GB sparse" {
            "too large"
        } else {
            "not a regular file"
        };
        let r = run(&home, &["--lang", "en", "--file", reg, "summary"]);
        assert_refused(&format!("{label} as settings"), &r, word);
    }
}

#[test]
fn devices_and_fifos_are_not_replaced_by_an_output() {
    let dir = tempfile::tempdir().unwrap();
    let doc = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds/haifu-2021-244.txt");
    let f = dir.path().join("out.fifo");
    fifo(&f);
    for out in [Path::new("/dev/null"), &f] {
        let o = out.to_str().unwrap();
        let r = run(
            dir.path(),
            &["--lang", "en", "import", doc.to_str().unwrap(), "-o", o],
        );
        assert_failed_with(&format!("import -o {o}"), &r, "not a regular file");
    }
    assert!(std::fs::metadata(&f).unwrap().file_type().is_fifo());
    assert!(
        std::fs::metadata("/dev/null")
            .unwrap()
            .file_type()
            .is_char_device()
    );
}

/// As root (as in CI): a symlink owned by `nobody` in a sticky /tmp-like directory is
/// neither written through by `import -o`, `report --out` nor `set`.
#[test]
fn planted_symlinks_in_a_sticky_directory_are_not_followed() {
    if !rustix::process::geteuid().is_root() {
        eprintln!("skipped: needs root to plant a symlink as another user");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let shared = dir.path().join("shared");
    std::fs::create_dir(&shared).unwrap();
    std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o1777)).unwrap();
    let victim = dir.path().join("victim.txt");
    std::fs::write(&victim, "keep me").unwrap();
    let registry = dir.path().join("registry.json");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds/registry.json"),
        &registry,
    )
    .unwrap();
    let plant = |name: &str, to: &Path| {
        let link = shared.join(name);
        std::os::unix::fs::symlink(to, &link).unwrap();
        std::os::unix::fs::lchown(&link, Some(65534), Some(65534)).unwrap();
        link
    };
    let doc = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds/haifu-2021-244.txt");
    let out = plant("out.json", &victim);
    let r = run(
        dir.path(),
        &[
            "--lang",
            "en",
            "import",
            doc.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ],
    );
    assert_failed_with("import -o planted link", &r, "symlink");
    let md = plant("r.md", &victim);
    let r = run(
        dir.path(),
        &[
            "--lang",
            "en",
            "--file",
            registry.to_str().unwrap(),
            "report",
            "--format",
            "md",
            "--out",
            md.to_str().unwrap(),
        ],
    );
    assert_refused("report --out planted link", &r, "symlink");
    let reg_link = plant("registry.json", &registry);
    let r = run(
        dir.path(),
        &[
            "--lang",
            "zh",
            "--file",
            reg_link.to_str().unwrap(),
            "set",
            "1",
            "--progress",
            "10",
        ],
    );
    assert_refused("set through planted link", &r, "符号链接");
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me");
    // The user's own link in the same directory is followed as before.
    let own = shared.join("mine.md");
    std::os::unix::fs::symlink(&victim, &own).unwrap();
    let r = run(
        dir.path(),
        &[
            "--file",
            registry.to_str().unwrap(),
            "report",
            "--format",
            "md",
            "--out",
            own.to_str().unwrap(),
        ],
    );
    assert!(r.0.status.success(), "{:?}", r.0);
    assert_ne!(std::fs::read_to_string(&victim).unwrap(), "keep me");
}
