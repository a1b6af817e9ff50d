//! `dubang report` and `dubang summary` through the real binary: exit codes, filters
//! that name nothing or match nothing, binary formats and terminals, unwritable and
//! full destinations, and the problem count on today's date.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_dubang");

/// A temporary copy of the bundled plan, with settings and data dirs of its own.
struct Place {
    dir: tempfile::TempDir,
    file: PathBuf,
}

fn place() -> Place {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("registry.json");
    std::fs::write(&file, dubang::store::BUNDLED).unwrap();
    Place { dir, file }
}

impl Place {
    fn run(&self, args: &[&str]) -> Output {
        Command::new(BIN)
            .args(args)
            .arg("--file")
            .arg(&self.file)
            .env("XDG_CONFIG_HOME", self.dir.path().join("config"))
            .env("XDG_DATA_HOME", self.dir.path().join("data"))
            .env("LANG", "C.UTF-8")
            .env_remove("LC_ALL")
            .env_remove("DUBANG_FILE")
            .stdin(Stdio::null())
            .output()
            .unwrap()
    }
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn text_formats_go_to_stdout_in_chinese_for_a_chinese_plan() {
    let p = place();
    let o = p.run(&["report", "--format", "md"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let md = text(&o.stdout);
    assert!(
        md.starts_with("# 关于《新时代支持琼崖革命老区振兴发展工作方案》推进情况的通报"),
        "{md}"
    );
    assert!(md.contains("需督办的问题28项"), "{md}");
    let o = p.run(&["report", "--format", "md", "--lang", "en"]);
    assert!(text(&o.stdout).starts_with("# Progress bulletin:"));
    let o = p.run(&["report", "--format", "csv", "--unit", "shuiwuju"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let mut rd = csv::Reader::from_reader(&o.stdout[3..]);
    let rows: Vec<csv::StringRecord> = rd.records().map(Result::unwrap).collect();
    assert!(!rows.is_empty());
    for r in &rows {
        assert!(
            r[4].contains("市水务局") || r[5].contains("市水务局"),
            "{r:?}"
        );
    }
    // Initials two units share: exit 2 naming both.
    let o = p.run(&["report", "--format", "csv", "--unit", "swj"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("市水务局、市商务局"),
        "{}",
        text(&o.stderr)
    );
}

#[test]
fn unknown_filter_values_exit_2_listing_the_valid_ones() {
    let p = place();
    let o = p.run(&["report", "--format", "md", "--status", "foo"]);
    assert_eq!(o.status.code(), Some(2));
    let err = text(&o.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    for v in [
        "not_started",
        "in_progress",
        "done",
        "delayed",
        "blocked",
        "未启动",
        "受阻",
    ] {
        assert!(err.contains(v), "{err}");
    }
    let o = p.run(&["report", "--format", "md", "--unit", "不存在的局"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("市水务局"));
    let o = p.run(&["report", "--format", "md", "--town", "xyz"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("嘉积镇"));
    let o = p.run(&["report", "--format", "pdf"]);
    assert_eq!(o.status.code(), Some(2), "clap's own usage error");
}

#[test]
fn a_filter_matching_nothing_gives_headers_and_a_line_exit_0() {
    let p = place();
    let o = p.run(&["report", "--format", "md", "--status", "done"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(text(&o.stdout).contains("没有符合条件的任务。"));
    // A Chinese plan under a locale that names no language: said in Chinese.
    assert!(
        text(&o.stderr).contains("没有符合筛选条件的任务"),
        "{}",
        text(&o.stderr)
    );
    let o = p.run(&[
        "--lang", "en", "report", "--format", "md", "--status", "done",
    ]);
    assert!(
        text(&o.stderr).contains("no task matches"),
        "{}",
        text(&o.stderr)
    );
    let o = p.run(&["report", "--format", "csv", "--status", "blocked"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(text(&o.stdout).lines().count(), 1, "the header row only");
}

#[test]
fn xlsx_and_docx_go_to_files_or_pipes_atomically() {
    let p = place();
    let out = p.dir.path().join("台账.xlsx");
    let o = p.run(&["report", "--format", "xlsx", "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with(b"PK"), "a zip");
    // Stdout is a pipe here: the bytes go there.
    let o = p.run(&["report", "--format", "docx"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(o.stdout.starts_with(b"PK"));
    // No temporary file left next to the output.
    let names: Vec<String> = std::fs::read_dir(p.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.ends_with(".tmp")), "{names:?}");
}

#[test]
fn unwritable_destinations_fail_in_one_line_leaving_nothing() {
    let p = place();
    let missing = p.dir.path().join("no/such/dir/r.xlsx");
    let o = p.run(&[
        "report",
        "--format",
        "xlsx",
        "--out",
        missing.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let err = text(&o.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("无法写入(目录不存在)"), "{err}");
    assert!(!err.contains(".dubang-"), "no temporary file name: {err}");
    assert!(!missing.exists());

    // A directory this user cannot write (root can write anywhere: skip then).
    let ro = p.dir.path().join("ro");
    std::fs::create_dir(&ro).unwrap();
    set_mode(&ro, 0o555);
    let target = ro.join("r.csv");
    if probe_writable(&ro) {
        eprintln!("skipped the read-only directory case: running as root");
    } else {
        let o = p.run(&[
            "report",
            "--format",
            "csv",
            "--out",
            target.to_str().unwrap(),
        ]);
        assert_eq!(o.status.code(), Some(1));
        assert_eq!(text(&o.stderr).lines().count(), 1);
        assert!(!target.exists());
    }
    set_mode(&ro, 0o755);
}

#[test]
fn a_device_is_written_in_place_and_a_full_one_fails_in_one_line() {
    let p = place();
    let o = p.run(&["report", "--format", "xlsx", "--out", "/dev/full"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    let err = text(&o.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("/dev/full:无法写入(磁盘已满)"), "{err}");
    let o = p.run(&["report", "--format", "md", "--out", "/dev/null"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(
        Path::new("/dev/null")
            .metadata()
            .unwrap()
            .file_type()
            .is_char_device_like()
    );
}

trait CharDevice {
    fn is_char_device_like(&self) -> bool;
}
impl CharDevice for std::fs::FileType {
    fn is_char_device_like(&self) -> bool {
        std::os::unix::fs::FileTypeExt::is_char_device(self)
    }
}

#[test]
fn a_full_disk_leaves_the_old_file_whole() {
    // A 64 KiB tmpfs needs root; without it, /dev/full checks the write error path.
    let p = place();
    let mnt = p.dir.path().join("small");
    std::fs::create_dir(&mnt).unwrap();
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=64k", "tmpfs"])
        .arg(&mnt)
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !mounted {
        eprintln!("skipped the tmpfs case: cannot mount tmpfs here (needs root)");
        return;
    }
    let out = mnt.join("r.md");
    std::fs::write(&out, "old report\n").unwrap();
    // Fill the disk, leaving less room than the report needs.
    let filler = mnt.join("filler");
    let _ = std::fs::write(&filler, vec![b'x'; 60 * 1024]);
    let o = p.run(&["report", "--format", "json", "--out", out.to_str().unwrap()]);
    let kept = std::fs::read_to_string(&out).unwrap();
    let leftovers: Vec<_> = std::fs::read_dir(&mnt)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    let _ = Command::new("umount").arg(&mnt).status();
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    assert_eq!(text(&o.stderr).lines().count(), 1);
    assert_eq!(kept, "old report\n", "the old file is untouched");
    assert_eq!(leftovers.len(), 2, "no temporary file left: {leftovers:?}");
}

#[test]
fn the_problem_list_on_today_has_28_then_27_after_set_1_done() {
    let p = place();
    let o = p.run(&["summary", "--lang", "zh"]);
    assert_eq!(o.status.code(), Some(0));
    let s = text(&o.stdout);
    assert!(s.contains("问题清单(共28项)"), "{s}");
    for line in s.lines() {
        assert!(
            unicode_width::UnicodeWidthStr::width(line) <= 80,
            "{line:?}"
        );
    }
    assert!(s.contains("\n市乡村振兴局（"), "grouped by lead unit: {s}");
    let o = p.run(&["set", "1", "done"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let s = text(&p.run(&["summary", "--lang", "zh"]).stdout);
    assert!(s.contains("问题清单(共27项)"), "{s}");
    let md = text(&p.run(&["report", "--format", "md", "--overdue"]).stdout);
    assert!(md.contains("方案共部署重点任务27项"), "{md}");
}

fn set_mode(p: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap();
}

fn probe_writable(dir: &Path) -> bool {
    let probe = dir.join(".probe");
    let ok = std::fs::write(&probe, b"").is_ok();
    let _ = std::fs::remove_file(&probe);
    ok
}

#[test]
fn thresholds_come_from_the_settings_file() {
    let p = place();
    let dir = p.dir.path().join("config/dubang");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("config.toml"),
        "[problems]\nred_overdue_days = 100000\n",
    )
    .unwrap();
    let s = text(&p.run(&["summary", "--lang", "zh"]).stdout);
    assert!(s.contains("问题清单(共28项):黄色预警28项"), "{s}");
    std::fs::write(
        dir.join("config.toml"),
        "[problems]\nred_overdue_dayz = 1\n",
    )
    .unwrap();
    let o = p.run(&["summary", "--lang", "zh"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(
        text(&o.stdout).contains("红色预警28项"),
        "a broken settings file means the defaults"
    );
}

/// `dubang summary` lists the 保障措施 after the goals, each on one line of at
/// most 80 columns (issue 11, item 12).
#[test]
fn summary_lists_the_safeguard_measures() {
    let p = place();
    let o = p.run(&["summary", "--lang", "zh"]);
    assert_eq!(o.status.code(), Some(0));
    let s = text(&o.stdout);
    let at = s
        .find("\n保障措施\n")
        .unwrap_or_else(|| panic!("no heading: {s}"));
    let rest = &s[at..];
    for m in [
        "  (一) 强化组织领导  ",
        "  (二) 强化政策保障  ",
        "  (三) 强化跟踪问效  ",
    ] {
        let line = rest
            .lines()
            .find(|l| l.starts_with(m))
            .unwrap_or_else(|| panic!("no {m:?}: {s}"));
        assert!(
            unicode_width::UnicodeWidthStr::width(line) <= 80,
            "{line:?}"
        );
    }
}
