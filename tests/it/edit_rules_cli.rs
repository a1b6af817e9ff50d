//! `dubang set` under the same status and progress rules as the dashboard
//! (issue 11, item 2): progress moves the status, a contradiction is refused.

use crate::edit_common::*;
use dubang::registry::Status;
use dubang::store;

#[test]
fn set_applies_the_status_and_progress_rules() {
    let (_d, file) = fixture();
    let task = |n: &str| store::load(&file).unwrap().task(n).unwrap().clone();
    // Progress on an 未启动 task makes it 推进中; 100 % makes it 已完成.
    assert!(
        run(set_cmd(&file, &["1", "--progress", "60"]))
            .status
            .success()
    );
    assert_eq!(
        (task("t1").status, task("t1").progress),
        (Status::InProgress, 60)
    );
    assert!(
        run(set_cmd(&file, &["2", "--progress", "100"]))
            .status
            .success()
    );
    assert_eq!(
        (task("t2").status, task("t2").progress),
        (Status::Done, 100)
    );
    // Leaving done drops below 100 %.
    assert!(run(set_cmd(&file, &["2", "blocked"])).status.success());
    assert_eq!(
        (task("t2").status, task("t2").progress),
        (Status::Blocked, 0)
    );
    // Leaving done with a progress given: one change of progress, said once.
    assert!(run(set_cmd(&file, &["4", "done"])).status.success());
    let out = run(set_cmd(&file, &["4", "in_progress", "--progress", "70"]));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.starts_with("task 4: done → in progress, progress 100% → 70%,")
            && said.matches(" progress ").count() == 1,
        "{said}"
    );
    assert_eq!(
        (task("t4").status, task("t4").progress),
        (Status::InProgress, 70)
    );
    // A status and a progress that contradict each other change nothing.
    let before = std::fs::read(&file).unwrap();
    for (args, says) in [
        (
            &["3", "blocked", "--progress", "100"][..],
            "100 % means done",
        ),
        (
            &["3", "not_started", "--progress", "30"][..],
            "not started means 0 %",
        ),
        (&["3", "done", "--progress", "30"][..], "done means 100 %"),
    ] {
        let out = run(set_cmd(&file, args));
        assert_one_line_failure(&out, says);
    }
    assert_eq!(std::fs::read(&file).unwrap(), before);
}
