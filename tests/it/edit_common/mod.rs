//! Helpers shared by the `edit_*` tests: the real binary, a registry in a temp dir,
//! and running the binary as an unprivileged user when the tests run as root.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const BIN: &str = env!("CARGO_BIN_EXE_dubang");

/// A temp dir holding `registry.json`, a copy of the bundled plan.
pub fn fixture() -> (tempfile::TempDir, PathBuf) {
    fixture_in(tempfile::tempdir().unwrap())
}

/// Like [`fixture`], in memory (`/dev/shm`) where there is one: for tests about
/// locking rather than the disk, where two fsyncs per save (some 20 ms on a virtual
/// disk) would be most of the run time. `DUBANG_TEST_ON_DISK=1` keeps them on disk.
pub fn fixture_in_memory() -> (tempfile::TempDir, PathBuf) {
    let shm = Path::new("/dev/shm");
    if std::env::var_os("DUBANG_TEST_ON_DISK").is_none()
        && shm.is_dir()
        && let Ok(dir) = tempfile::tempdir_in(shm)
    {
        return fixture_in(dir);
    }
    fixture()
}

fn fixture_in(dir: tempfile::TempDir) -> (tempfile::TempDir, PathBuf) {
    let file = dir.path().join("registry.json");
    std::fs::write(&file, dubang::store::BUNDLED).unwrap();
    (dir, file)
}

/// `dubang set ARGS --file FILE`, with a fixed login name and no outside registry.
pub fn set_cmd(file: &Path, args: &[&str]) -> Command {
    set_cmd_with(BIN, file, args)
}

pub fn set_cmd_with(bin: &str, file: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(bin);
    c.arg("set").args(args).arg("--file").arg(file);
    // The history names `tester` (see common::people). A reader whose locale is
    // English: these tests read English messages (under `C.UTF-8`, which names no
    // language, `set` answers in the plan's, Chinese: see `cli_commands`).
    c.env_remove("DUBANG_FILE")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("SUDO_USER", "tester")
        .env("LANG", "en_US.UTF-8");
    c
}

pub fn run(mut c: Command) -> Output {
    c.output().expect("the dubang binary runs")
}

/// Checks the shape of a failure: exit 1, one line on stderr, nothing on stdout.
pub fn assert_one_line_failure(out: &Output, expect: &str) -> String {
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(1), "stderr: {err}");
    assert!(out.stdout.is_empty(), "stdout: {:?}", out.stdout);
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    assert!(err.starts_with("dubang: "), "{err}");
    assert!(err.contains(expect), "expected {expect:?} in: {err}");
    err
}

/// The effective uid of this process.
pub fn euid() -> u32 {
    let s = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    s.lines()
        .find_map(|l| l.strip_prefix("Uid:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|u| u.parse().ok())
        .unwrap_or(u32::MAX)
}

pub const NOBODY: u32 = 65534;

/// How to run the binary as someone mode bits apply to.
pub enum Runner {
    /// Not root: mode bits already apply to us.
    Direct,
    /// Root: through `setpriv` as nobody, with this copy of the binary (one nobody can
    /// reach) — `None` for the binary in place.
    Nobody(Option<PathBuf>),
}

/// Finds a way to run the binary unprivileged, or `None` (the caller skips).
/// `scratch` must be a directory that stays alive while the runner is used.
pub fn unprivileged(scratch: &Path) -> Option<Runner> {
    if euid() != 0 {
        return Some(Runner::Direct);
    }
    let probe = |bin: &str| {
        Command::new("setpriv")
            .args(nobody_args())
            .arg(bin)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    };
    if probe(BIN) {
        return Some(Runner::Nobody(None));
    }
    // The build directory may not be reachable for nobody: use a copy.
    let bin = scratch.join("dubang");
    std::fs::copy(BIN, &bin).ok()?;
    chmod(scratch, 0o755);
    chmod(&bin, 0o755);
    probe(bin.to_str()?).then_some(Runner::Nobody(Some(bin)))
}

pub fn nobody_args() -> [String; 3] {
    [
        format!("--reuid={NOBODY}"),
        format!("--regid={NOBODY}"),
        "--clear-groups".into(),
    ]
}

impl Runner {
    pub fn set_cmd(&self, file: &Path, args: &[&str]) -> Command {
        match self {
            Runner::Direct => set_cmd(file, args),
            Runner::Nobody(copy) => {
                let bin = copy
                    .as_ref()
                    .map_or(BIN.to_string(), |p| p.display().to_string());
                let inner = set_cmd_with(&bin, file, args);
                let mut c = Command::new("setpriv");
                c.args(nobody_args()).arg(inner.get_program());
                c.args(inner.get_args());
                for (k, v) in inner.get_envs() {
                    match v {
                        Some(v) => c.env(k, v),
                        None => c.env_remove(k),
                    };
                }
                c
            }
        }
    }

    /// Whether files must be given away to nobody for the test to mean anything.
    pub fn is_nobody(&self) -> bool {
        matches!(self, Runner::Nobody(_))
    }
}

pub fn chmod(p: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap();
}

pub fn chown(p: &Path, uid: u32, gid: u32) {
    std::os::unix::fs::chown(p, Some(uid), Some(gid)).unwrap();
}

pub fn mode_of(p: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).unwrap().permissions().mode() & 0o7777
}

/// Small xorshift generator: the tests need randomness, not a dependency.
pub struct Rng(u64);

impl Rng {
    /// Seeded from `DUBANG_TEST_SEED` or the clock; the seed is printed to replay a run.
    pub fn new(name: &str) -> Rng {
        let seed = std::env::var("DUBANG_TEST_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .unwrap()
                    .as_nanos() as u64
            });
        println!("{name}: seed {seed} (DUBANG_TEST_SEED={seed} replays it)");
        Rng(seed | 1)
    }

    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}
