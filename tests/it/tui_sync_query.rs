//! Synchronised output (`CSI ? 2026 h … l`) wraps the frames only where the
//! terminal says it knows it (issue 16). The dashboard runs under `script` (a
//! pseudo-terminal whose other side is this test, playing the terminal): the test
//! sees the question, answers it or not, and reads what the frames are wrapped in.
//! An answer that comes too late for the question never becomes a key.

use crate::common::{binary, sh_quote, timing};
use std::io::{Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const QUERY: &[u8] = b"\x1b[?2026$p\x1b[c";
const SYNC: &[u8] = b"\x1b[?2026h";
const KNOWN: &[u8] = b"\x1b[?2026;2$y\x1b[?64;1;2;6;22c";
const ATTRIBUTES_ONLY: &[u8] = b"\x1b[?1;2c";

/// The dashboard in an 80×24 pseudo-terminal, and everything it wrote so far.
struct Pty {
    child: Child,
    input: ChildStdin,
    out: Arc<Mutex<Vec<u8>>>,
    _dir: tempfile::TempDir,
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

impl Pty {
    fn start() -> Pty {
        let dir = tempfile::tempdir().expect("temporary directory");
        let file = dir.path().join("registry.json");
        std::fs::copy(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds/registry.json"),
            &file,
        )
        .expect("copy seeds/registry.json");
        let d = sh_quote(&dir.path().display().to_string());
        let app = format!(
            "stty cols 80 rows 24; exec env -u LC_ALL -u DUBANG_FILE LANG=zh_CN.UTF-8 \
             TERM=xterm-256color HOME={d} XDG_DATA_HOME={d}/data XDG_CONFIG_HOME={d}/config \
             {} --lang zh --file {}",
            sh_quote(&binary().display().to_string()),
            sh_quote(&file.display().to_string()),
        );
        let mut child = Command::new("script")
            .args(["-qfec", &app, "/dev/null"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("run script(1)");
        let input = child.stdin.take().expect("stdin");
        let mut stdout = child.stdout.take().expect("stdout");
        let out = Arc::new(Mutex::new(Vec::new()));
        let sink = out.clone();
        std::thread::spawn(move || {
            let mut chunk = [0u8; 4096];
            while let Ok(n) = stdout.read(&mut chunk) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().extend_from_slice(&chunk[..n]);
            }
        });
        Pty {
            child,
            input,
            out,
            _dir: dir,
        }
    }

    fn written(&self) -> Vec<u8> {
        self.out.lock().unwrap().clone()
    }

    /// Waits (at most 10 s) until `what` holds of the output; returns it.
    fn wait_for(&self, what: &str, ready: impl Fn(&[u8]) -> bool) -> Vec<u8> {
        let start = Instant::now();
        loop {
            let out = self.written();
            if ready(&out) {
                return out;
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "waited 10 s for {what}; the output: {:?}",
                String::from_utf8_lossy(&out)
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    fn send(&mut self, bytes: &[u8]) {
        self.input.write_all(bytes).expect("write to the terminal");
        self.input.flush().expect("flush");
    }

    /// Waits (at most 10 s) until nothing more arrives for 300 ms: a frame can
    /// come through the pseudo-terminal in pieces.
    fn settle(&self) -> usize {
        let start = Instant::now();
        let mut len = self.written().len();
        while start.elapsed() < Duration::from_secs(10) {
            std::thread::sleep(Duration::from_millis(300));
            let now = self.written().len();
            if now == len {
                return now;
            }
            len = now;
        }
        panic!("the output did not settle in 10 s");
    }

    /// The output after the question, once a first frame is there.
    fn first_frame(&self) -> Vec<u8> {
        let out = self.wait_for("the first frame", |o| {
            find(o, QUERY).is_some_and(|q| find(&o[q..], "概览".as_bytes()).is_some())
        });
        let q = find(&out, QUERY).unwrap();
        out[q + QUERY.len()..].to_vec()
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        let _ = self.input.write_all(b"q");
        let _ = self.input.flush();
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(5) {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn have_script() -> bool {
    Command::new("script")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn frames_are_synchronised_when_the_terminal_knows_the_mode() {
    if !have_script() {
        eprintln!("skipped: script(1) is not installed (Debian: bsdutils, an essential package)");
        return;
    }
    let _t = timing();
    let mut pty = Pty::start();
    pty.wait_for("the question", |o| find(o, QUERY).is_some());
    pty.send(KNOWN);
    let frame = pty.first_frame();
    assert_eq!(
        find(&frame, SYNC),
        Some(0),
        "the first frame starts synchronised"
    );
    pty.wait_for("the end of the frame", |o| {
        find(o, QUERY).is_some_and(|q| find(&o[q..], b"\x1b[?2026l").is_some())
    });
}

#[test]
fn frames_are_not_synchronised_when_only_the_attributes_answer() {
    if !have_script() {
        eprintln!("skipped: script(1) is not installed (Debian: bsdutils, an essential package)");
        return;
    }
    let _t = timing();
    let mut pty = Pty::start();
    pty.wait_for("the question", |o| find(o, QUERY).is_some());
    pty.send(ATTRIBUTES_ONLY);
    let frame = pty.first_frame();
    assert_eq!(
        find(&frame, SYNC),
        None,
        "{:?}",
        String::from_utf8_lossy(&frame)
    );
}

#[test]
fn a_silent_terminal_is_waited_for_briefly_and_a_late_answer_is_no_key() {
    if !have_script() {
        eprintln!("skipped: script(1) is not installed (Debian: bsdutils, an essential package)");
        return;
    }
    let _t = timing();
    let mut pty = Pty::start();
    pty.wait_for("the question", |o| find(o, QUERY).is_some());
    let asked = Instant::now();
    let frame = pty.first_frame();
    assert!(
        asked.elapsed() < Duration::from_secs(2),
        "the first frame came {:?} after the question",
        asked.elapsed()
    );
    assert_eq!(find(&frame, SYNC), None);
    // The answer arrives now: "2026" holds a 2, the key of the second tab, and a
    // redraw would follow if any of it were taken for keys. Idle, nothing is drawn.
    let before = pty.settle();
    pty.send(KNOWN);
    std::thread::sleep(Duration::from_millis(800));
    let after = pty.written();
    assert_eq!(
        after.len(),
        before,
        "a late answer drew: {:?}",
        String::from_utf8_lossy(&after[before..])
    );
    // The check above can fail: a real key is read and drawn.
    pty.send(b"2");
    pty.wait_for("the second tab", |o| o.len() > before);
}
