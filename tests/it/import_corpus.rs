//! The importer on a corpus of plans of the genre in every shape it comes in
//! (tests/fixtures/plans/, our own wording): the outline each one is understood as
//! (an insta snapshot of `dubang import --check`), and task by task its lead and
//! responsible units; a gazetteer of districts; bad documents, each reported at its
//! line and column; `--allow-partial` and `--check` (Word and web task tables:
//! [`super::import_formats`]).

use dubang::import::{Gazetteer, ImportError, ImportOptions, Imported, check, import_document};
use dubang::registry::Registry;

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/plans/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

pub fn import_bytes(bytes: &[u8], name: &str, opts: &ImportOptions) -> (Imported, String) {
    match import_document(bytes, name, opts) {
        Ok(ok) => ok,
        Err((problems, _)) => panic!(
            "{name} did not import:\n{}",
            problems
                .iter()
                .map(|p| check::problem_line(name, p))
                .collect::<Vec<_>>()
                .join("\n")
        ),
    }
}

pub fn names(reg: &Registry, ids: &[String]) -> Vec<String> {
    ids.iter().map(|id| reg.name_of(id).to_string()).collect()
}

/// (the document's own number of the task, lead units, responsible units).
type Expect = (
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
);

/// Imports a fixture, snapshots its outline, and checks every task's units.
fn plan(name: &str, expected: &[Expect]) -> Registry {
    let (imported, note) = import_bytes(&fixture(name), name, &ImportOptions::default());
    let report = check::report(name, Some(&note), Some(&imported), &imported.problems);
    insta::assert_snapshot!(format!("plan_{}", name.replace('.', "_")), report);
    let reg = imported.registry;
    assert_eq!(reg.tasks.len(), expected.len(), "{name}: tasks\n{report}");
    let mut right = 0;
    for (i, ((label, lead, resp), t)) in expected.iter().zip(&reg.tasks).enumerate() {
        assert_eq!(&imported.places[i].0, label, "{name}: task {}", i + 1);
        assert_eq!(names(&reg, &t.lead), *lead, "{name}: lead of task {label}");
        assert_eq!(
            names(&reg, &t.responsible),
            *resp,
            "{name}: responsible of task {label}"
        );
        right += 1;
    }
    assert_eq!(right, expected.len());
    reg
}

#[test]
fn tasks_under_several_parts_with_programmes_in_only_some() {
    const GOV: &str = "各区、县级市";
    let reg = plan(
        "parts_and_programmes.txt",
        &[
            (
                "1.",
                &["市工业和信息化局"],
                &["市发展改革委", "市商务局", GOV],
            ),
            (
                "2.",
                &["市工业和信息化局"],
                &["市生态环境局", "市应急管理局"],
            ),
            ("3.", &["市工业和信息化局"], &["市科技局", "市市场监管局"]),
            ("4.", &["市地方金融监管局"], &["市财政局"]),
            ("5.", &["市工业和信息化局"], &["市大数据局"]),
            ("6.", &["市自然资源和规划局"], &["各区、县级市人民政府"]),
            (
                "7.",
                &["市人力资源社会保障局"],
                &["市住房城乡建设局", "市发展改革委"],
            ),
            ("8.", &["市财政局"], &["市发展改革委"]),
        ],
    );
    // 三 → (一)(二)(三), and 四 whose tasks sit directly under it.
    let s: Vec<(&str, Option<&str>)> = reg
        .sections
        .iter()
        .map(|s| (s.title.as_str(), s.parent.as_deref()))
        .collect();
    assert_eq!(
        s,
        [
            ("实施六大行动计划", None),
            ("产业集群培育行动", Some("s1")),
            ("企业梯度培育行动", Some("s1")),
            ("数字化转型行动", Some("s1")),
            ("构建支撑体系", None),
        ]
    );
    assert_eq!(reg.tasks[5].section, "s5");
    let ndrc = reg.units.iter().find(|u| u.name == "市发展改革委").unwrap();
    // Without the prefix, and the document's own abbreviation (以下简称市发改委).
    assert_eq!(ndrc.aliases, ["发展改革委", "市发改委"]);
    assert!(reg.tasks[0].all_towns);
    assert_eq!(reg.measures.len(), 2);
    assert_eq!(reg.goals.len(), 1);
}

#[test]
fn section_parents_must_resolve_and_never_loop() {
    let (imported, _) = import_bytes(
        &fixture("parts_and_programmes.txt"),
        "p.txt",
        &ImportOptions::default(),
    );
    let mut reg = imported.registry;
    assert!(dubang::registry::validate(&reg).is_empty());
    reg.sections[0].parent = Some("s2".into());
    let p = dubang::registry::validate(&reg);
    assert!(
        p.iter()
            .any(|p| p.path == "sections[0].parent" && p.message.contains("inside itself")),
        "{p:?}"
    );
    reg.sections[0].parent = Some("s99".into());
    let p = dubang::registry::validate(&reg);
    assert!(
        p.iter()
            .any(|p| p.path == "sections[0].parent" && p.message.contains("unknown section 's99'")),
        "{p:?}"
    );
}

#[test]
fn the_duty_family_with_the_first_listed_rule_stated_once() {
    let reg = plan(
        "duty_first_listed.txt",
        &[
            ("（一）", &["国家邮政局"], &["交通运输部"]),
            ("（二）", &["商务部"], &["国家邮政局", "供销合作总社"]),
            ("（三）", &["国家发展改革委"], &["农业农村部", "商务部"]),
            ("（四）", &["财政部"], &["国家发展改革委", "各省级人民政府"]),
            ("（五）", &["自然资源部"], &[]),
            ("（六）", &["各省级人民政府"], &[]),
        ],
    );
    assert_eq!(reg.sections.len(), 2);
    assert!(
        reg.tasks[0].text.ends_with("提升服务质量。"),
        "{}",
        reg.tasks[0].text
    );
}

#[test]
fn lead_and_support_and_an_assumption_said() {
    plan(
        "lead_and_support.txt",
        &[
            ("1.", &["区政务服务中心"], &["区司法局", "区市场监管局"]),
            ("2.", &["区市场监管局"], &["区行政审批局"]),
            ("1.", &["区发展改革局"], &["区财政局", "区市场监管局"]),
            ("2.", &["区工业信息化局"], &["区财政局"]),
            ("1.", &["区司法局"], &["各街道"]),
        ],
    );
    let (imported, _) = import_bytes(
        &fixture("lead_and_support.txt"),
        "x.txt",
        &ImportOptions::default(),
    );
    assert!(
        imported
            .notes
            .iter()
            .any(|n| n.contains("已假定列第一位的为牵头单位")),
        "{:?}",
        imported.notes
    );
}

#[test]
fn annotations_on_their_own_lines() {
    let reg = plan(
        "own_line_annotations.txt",
        &[
            ("1.", &["区住房城乡建设局"], &["石湾镇人民政府", "区水务局"]),
            ("2.", &["石湾镇人民政府"], &[]),
            ("3.", &["区农业农村局"], &["区卫生健康局", "石湾镇人民政府"]),
        ],
    );
    assert_eq!(
        &*reg.tasks[0].text,
        "推进农村生活污水治理。\n完成8个行政村污水管网建设，确保设施正常运行。\n建立运维管护长效机制。"
    );
}

#[test]
fn numbering_that_restarts_per_section_keeps_ids_unique() {
    let reg = plan(
        "restart_per_section.txt",
        &[
            ("1.", &["县教育局"], &["县发展改革局", "各乡镇"]),
            ("2.", &["县教育局"], &[]),
            ("1.", &["县教育局"], &["县财政局", "县人社局"]),
            ("2.", &["县教育局"], &["县住建局"]),
            ("3.", &["县教育局"], &[]),
            ("1.", &["县教育局"], &["县工信局", "县人社局"]),
        ],
    );
    let ids: Vec<&str> = reg.tasks.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, ["t1", "t2", "t3", "t4", "t5", "t6"]);
}

#[test]
fn tasks_at_every_level_and_sub_points_under_one_annotation() {
    let reg = plan(
        "deep_levels.txt",
        &[
            ("（1）", &["市政务服务数据管理局"], &["市财政局"]),
            ("（2）", &["市政务服务数据管理局"], &["各区人民政府"]),
            ("2.", &["市政务服务数据管理局"], &[]),
            (
                "3.",
                &["市政务服务数据管理局"],
                &["市公安局", "市市场监管局"],
            ),
            ("4.", &["市政务服务数据管理局"], &[]),
        ],
    );
    assert!(reg.tasks[3].text.contains("①人口"), "{}", reg.tasks[3].text);
    // (1) and (2) sit in 1., itself in (一).
    assert_eq!(reg.sections[1].parent.as_deref(), Some("s1"));
}

#[test]
fn gb18030_text_is_detected() {
    plan(
        "gb18030.txt",
        &[
            ("1.", &["市人力资源社会保障局"], &["市财政局", "市税务局"]),
            ("2.", &["市人力资源社会保障局"], &["各镇（街道）"]),
            (
                "3.",
                &["市乡村振兴局"],
                &["市人力资源社会保障局", "各镇（街道）"],
            ),
            ("4.", &["市人力资源社会保障局"], &[]),
        ],
    );
}

#[test]
fn an_html_page_with_navigation_chrome() {
    let reg = plan(
        "html_page.html",
        &[
            ("1.", &["市住房和城乡建设局"], &["市财政局", "各区人民政府"]),
            ("2.", &["市民政局"], &["市住房和城乡建设局"]),
            ("3.", &["市自然资源局"], &["市文化广电旅游局"]),
            ("4.", &["市文化广电旅游局"], &["各区人民政府"]),
        ],
    );
    assert_eq!(reg.document.title, "北港市关于推进城市更新的实施方案");
    assert!(
        reg.tasks[3].text.contains("“微改造”示范项目 10 个"),
        "{}",
        reg.tasks[3].text
    );
}

#[test]
fn a_gazetteer_of_districts_expands_the_group() {
    let g = Gazetteer::from_json(
        r#"{"city": "青川市", "level": "区", "towns": [
            {"id": "d1", "name": "东城区", "kind": "district"},
            {"id": "d2", "name": "西城区", "kind": "district"},
            {"id": "c1", "name": "青山市", "kind": "county"}]}"#,
    )
    .unwrap();
    let opts = ImportOptions {
        gazetteer: Some(g),
        ..Default::default()
    };
    let (imported, _) = import_bytes(&fixture("parts_and_programmes.txt"), "p.txt", &opts);
    let reg = &imported.registry;
    assert_eq!(reg.towns.len(), 3);
    assert!(reg.tasks[0].all_towns && reg.tasks[5].all_towns);
    assert!(!reg.tasks[1].all_towns);
    assert!(
        imported
            .notes
            .iter()
            .any(|n| n.contains("expanded through the list of 3 区")),
        "{:?}",
        imported.notes
    );
}

#[test]
fn labels_after_the_last_sentence_and_responsible_lists_led_by_their_first() {
    let text = "某县2024年农业农村重点工作责任分工\n各项任务责任单位中排在第一位的为牵头单位。\n一、重点任务\n\
        1.稳定粮食生产，全年粮食播种面积稳定在50万亩以上。牵头单位：县农业农村局；配合单位：县发展改革局、各乡镇\n\
        2.推进高标准农田建设。（责任单位：县农业农村局、县财政局、县水利局）\n\
        3.加强动物疫病防控。责任单位：县畜牧中心、各乡镇。";
    let (imported, _) = import_bytes(text.as_bytes(), "x.txt", &ImportOptions::default());
    let reg = &imported.registry;
    let got: Vec<(Vec<String>, Vec<String>)> = reg
        .tasks
        .iter()
        .map(|t| (names(reg, &t.lead), names(reg, &t.responsible)))
        .collect();
    let v = |s: &[&str]| s.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert_eq!(
        got,
        [
            (v(&["县农业农村局"]), v(&["县发展改革局", "各乡镇"])),
            (v(&["县农业农村局"]), v(&["县财政局", "县水利局"])),
            (v(&["县畜牧中心"]), v(&["各乡镇"])),
        ]
    );
    assert_eq!(
        &*reg.tasks[0].text,
        "稳定粮食生产，全年粮食播种面积稳定在50万亩以上。"
    );
}

fn problems(text: &str) -> Vec<ImportError> {
    match import_document(text.as_bytes(), "bad.txt", &ImportOptions::default()) {
        Ok(_) => panic!("should not import:\n{text}"),
        Err((p, _)) => p,
    }
}

#[test]
fn bad_documents_are_reported_at_line_and_column() {
    // An annotation that never closes; the next task is still read and reported on.
    let p = problems(
        "一、重点任务\n1.做事。（牵头单位：市甲局；责任单位：市乙局\n2.再做。（牵头单位：市甲局）\n4.又做。（牵头单位：市甲局）",
    );
    assert_eq!((p[0].line, p[0].column), (2, Some(6)), "{p:?}");
    assert!(p[0].message.contains("not closed"), "{p:?}");
    // …and a task number out of order, in the same report.
    assert_eq!((p[1].line, p[1].column), (4, Some(1)), "{p:?}");
    assert!(p[1].message.contains("expected task 3"), "{p:?}");
    // A part named for tasks that holds none.
    let p = problems("一、重点任务\n1.做事。（市甲局负责）\n二、主要任务\n本部分没有编号的任务。");
    assert_eq!((p[0].line, p[0].column), (3, Some(1)), "{p:?}");
    assert!(p[0].message.contains("holds no task"), "{p:?}");
    // Binary data and an empty file.
    for (bytes, at) in [
        (&b"PLAN\n\0\x01\x02"[..], (2, Some(1))),
        (&b"ab\ncd\xff\xfe\xff"[..], (2, Some(3))),
    ] {
        let e = import_document(bytes, "x.bin", &ImportOptions::default())
            .err()
            .unwrap()
            .0;
        assert_eq!((e[0].line, e[0].column), at, "{e:?}");
    }
    let e = import_document(b"", "e.txt", &ImportOptions::default())
        .err()
        .unwrap()
        .0;
    assert_eq!((e[0].line, e[0].column), (1, Some(1)), "{e:?}");
    assert!(e[0].message.contains("empty"));
    let e = import_document(b"PK\x03\x04garbage", "x.docx", &ImportOptions::default())
        .err()
        .unwrap()
        .0;
    assert_eq!((e[0].line, e[0].column), (1, Some(1)), "{e:?}");
}

#[test]
fn allow_partial_imports_the_rest_and_records_what_was_left_out() {
    let text = "一、重点任务\n1.做事。（牵头单位：市甲局）\n2.没有注释的任务。\n3.再做。（牵头单位：市乙局）";
    assert!(
        problems(text)[0]
            .message
            .contains("task 2 has no responsibility annotation")
    );
    let opts = ImportOptions {
        allow_partial: true,
        ..Default::default()
    };
    let (imported, _) = import_bytes(text.as_bytes(), "p.txt", &opts);
    assert_eq!(imported.registry.tasks.len(), 2);
    let notes = &imported.registry.document.notes;
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert!(
        notes[0].contains("line 3") && notes[0].contains("task 2"),
        "{notes:?}"
    );
}

#[test]
fn the_command_checks_without_writing_and_exits_1_on_problems() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.txt");
    std::fs::write(
        &bad,
        "一、重点任务\n1.做事。\n2.再做。（牵头单位：市甲局）\n",
    )
    .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_dubang"))
        .args(["--lang", "en", "import", "--check"])
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("bad.txt:2:1: task 1 has no responsibility annotation"),
        "{stdout}"
    );
    assert!(stdout.contains("任务 1 [2. 第 3 行]"), "{stdout}");
    let good = format!(
        "{}/tests/fixtures/plans/duty_first_listed.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_dubang"))
        .args(["import", "--check", &good])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}
