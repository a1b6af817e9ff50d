//! The reports from the dashboard, end to end in tmux: the Overview names the
//! problem count, `W` lists the problems, and `x` on a filtered unit list writes a
//! ledger holding exactly that list's rows, then says where.

use crate::common::*;

#[test]
fn x_on_a_filtered_unit_list_writes_only_those_rows() {
    need_tmux!();
    let t = Tmux::new();
    let reg = t.registry_copy();
    let out = t.path("out");
    std::fs::create_dir_all(&out).expect("output directory");
    let cmd = t.app_command("zh_CN.UTF-8", &["--lang", "zh", "--file", &reg]);
    t.spawn(
        80,
        24,
        &format!("cd {} && exec {cmd}", sh_quote(&out.display().to_string())),
    );
    let s = t.wait_for("the overview", |s| s.has("问题清单"));
    assert!(s.has("问题清单(共28项):红色预警28项"), "{}", s.dump());

    // The problem list, from the Overview.
    t.keys(&["W"]);
    let s = t.wait_for("the problem list", |s| s.has("最新进展"));
    assert!(s.has("[红]") && s.has("市农业农村局"), "{}", s.dump());
    t.keys(&["Escape"]);
    t.wait_for("back on the overview", |s| s.has("章节进度"));

    // Units tab, filtered to 市水务局 by pinyin, its tasks, then 未启动 only.
    t.keys(&["3", "/"]);
    t.type_text("shuiwuju");
    t.keys(&["Enter"]);
    t.wait_for("the filtered unit list", |s| s.has("市水务局"));
    t.keys(&["Enter", "f"]);
    let s = t.wait_for("the unit's tasks, not started", |s| s.has("未启动 "));
    layout(&s).unwrap_or_else(|e| panic!("{e}\n{}", s.dump()));

    // x, then csv (→ from xlsx), then Enter.
    t.keys(&["x"]);
    let s = t.wait_for("the export dialog", |s| s.has("导出") && s.has("整个方案"));
    layout(&s).unwrap_or_else(|e| panic!("{e}\n{}", s.dump()));
    t.keys(&["Right", "Enter"]);
    let s = t.wait_for("the export's message", |s| s.has("已导出"));
    assert!(s.has("已导出 6 项任务到"), "{}", s.dump());

    let today = chrono::Local::now().date_naive();
    let file = out.join(format!("督办台账-{today}.csv"));
    let bytes =
        std::fs::read(&file).unwrap_or_else(|e| panic!("{}: {e}\n{}", file.display(), s.dump()));
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "a byte-order mark for WPS and Excel"
    );
    let mut rd = csv::Reader::from_reader(&bytes[3..]);
    let numbers: Vec<String> = rd
        .records()
        .map(|r| r.expect("a CSV record")[0].to_string())
        .collect();
    // The tasks 市水务局 leads or shares (as `dubang report --unit shuiwuju` lists them).
    assert_eq!(
        numbers,
        ["21", "28", "2", "4", "11", "27"],
        "the list's rows, in its order"
    );
}
