//! Saves killed with SIGKILL at random moments: the file always loads, and equals
//! either the version before the killed edit or the one after it — never a torn one.

use crate::edit_common::{Rng, fixture, set_cmd};
use dubang::registry::{Registry, Status};
use std::time::{Duration, Instant};

const ROUNDS: usize = 200;
const STATUSES: [Status; 4] = [
    Status::InProgress,
    Status::Delayed,
    Status::Blocked,
    Status::NotStarted,
];

#[test]
fn sigkill_mid_save_leaves_the_old_or_the_new_version() {
    let _load = crate::common::heavy();
    let (dir, file) = fixture();
    let load = || dubang::store::load(&file).expect("the file loads after a kill");

    // How long one whole `dubang set` takes here: kills land anywhere from before it
    // starts to after it has finished.
    let mut full = Duration::ZERO;
    for i in 0..3 {
        let t = Instant::now();
        let out = set_cmd(
            &file,
            &["28", "in_progress", "--note", &format!("warm-{i}")],
        )
        .output()
        .unwrap();
        assert!(out.status.success());
        full = full.max(t.elapsed());
    }
    let window = full.as_micros() as u64 * 13 / 10;

    let mut rng = Rng::new("crash");
    let (mut old, mut new) = (0, 0);
    let mut before: Registry = load();
    for round in 0..ROUNDS {
        let number = (round % 27) as u32 + 1;
        let to = STATUSES[(round / 27) % STATUSES.len()];
        let note = format!("crash-{round}");
        let mut child = set_cmd(&file, &[&number.to_string(), to.key(), "--note", &note])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_micros(rng.below(window)));
        let _ = child.kill(); // SIGKILL; it may have finished already
        let _ = child.wait();

        let after = load();
        if after == before {
            old += 1;
        } else {
            // The only difference may be this edit, complete.
            let i = before
                .tasks
                .iter()
                .position(|t| t.number == number)
                .unwrap();
            let (was, is) = (&before.tasks[i], &after.tasks[i]);
            assert_eq!(is.status, to, "round {round}");
            assert_eq!(is.history.len(), was.history.len() + 1, "round {round}");
            assert_eq!(is.history[..was.history.len()], was.history[..]);
            assert_eq!(is.history.last().unwrap().note.as_deref(), Some(&*note));
            let mut rest = after.clone();
            rest.tasks[i] = was.clone();
            assert_eq!(rest, before, "round {round}: only task {number} changed");
            new += 1;
        }
        before = after;
    }
    let orphans = std::fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| {
            let n = e.as_ref().unwrap().file_name();
            n.to_string_lossy().ends_with(".tmp")
        })
        .count();
    println!(
        "{ROUNDS} kills within {window} µs of the start: {old} left the old version, {new} the new; {orphans} orphaned temp files"
    );
    assert_eq!(old + new, ROUNDS);
}
