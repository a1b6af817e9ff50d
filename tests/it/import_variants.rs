//! The importer on other plans of the genre: full-width punctuation, 配合单位,
//! tasks spread over paragraphs, and broken annotations that must be reported.

use dubang::import::{ImportError, ImportOptions, import};
use dubang::registry::{Registry, UnitKind};

fn ok(text: &str) -> Registry {
    match import(text, &ImportOptions::default()) {
        Ok(i) => i.registry,
        Err(e) => panic!("import failed: {e}"),
    }
}

fn err(text: &str) -> ImportError {
    match import(text, &ImportOptions::default()) {
        Ok(_) => panic!("import should fail"),
        Err(e) => e,
    }
}

fn names(reg: &Registry, ids: &[String]) -> Vec<String> {
    ids.iter().map(|id| reg.name_of(id).to_string()).collect()
}

/// A county plan with full-width colons and semicolons, 配合单位, a task over three
/// paragraphs, an annotation alone on its line, and the 文号 on a line of its own.
const COUNTY: &str = "\
某某县人民政府办公室关于印发某某县乡村振兴重点工作方案的通知
某府办〔2023〕12号
各乡镇人民政府，县直各单位：
　　现将《某某县乡村振兴重点工作方案》印发给你们，请认真贯彻执行。
某某县人民政府办公室
2023年3月8日

某某县乡村振兴重点工作方案

一、总体目标
到2025年，农村人居环境明显改善，农民收入稳步增长。

二、重点任务
（一）改善农村人居环境
1．推进农村厕所改造。
　　完善农村污水收集管网，推动城乡供水一体化。
　　开展村庄清洁行动。（牵头单位：县农业农村局；配合单位：县住建局、县水务局，各乡镇）
2．加强乡村治理，健全自治、法治、德治相结合的乡村治理体系。
【牵头单位：县委组织部、农业农村局；配合单位：县民政局/县司法局/东风镇】
（二）促进农民增收
3．发展特色产业。（牵头单位：县农业农村局）

三、保障措施
（一）加强组织领导。各乡镇要落实责任。
（二）强化资金保障。加大投入。
";

#[test]
fn full_width_punctuation_and_cooperating_units() {
    let reg = ok(COUNTY);
    assert_eq!(reg.document.title, "某某县乡村振兴重点工作方案");
    assert_eq!(reg.document.number, "某府办〔2023〕12号");
    assert_eq!(reg.document.issuer, "某某县人民政府办公室");
    assert_eq!(reg.document.date.unwrap().to_string(), "2023-03-08");
    assert_eq!(reg.sections.len(), 2);
    assert_eq!(reg.tasks.len(), 3);
    let t1 = &reg.tasks[0];
    assert_eq!(names(&reg, &t1.lead), ["县农业农村局"]);
    assert_eq!(
        names(&reg, &t1.responsible),
        ["县住建局", "县水务局", "各乡镇"]
    );
    assert!(t1.all_towns);
    // Three paragraphs, kept as three lines of text, annotation removed.
    assert_eq!(
        &*t1.text,
        "推进农村厕所改造。\n完善农村污水收集管网，推动城乡供水一体化。\n开展村庄清洁行动。"
    );
    assert_eq!(t1.title, "推进农村厕所改造");
}

#[test]
fn annotation_on_its_own_line_with_slashes_and_aliases() {
    let reg = ok(COUNTY);
    let t2 = &reg.tasks[1];
    assert_eq!(
        &*t2.text,
        "加强乡村治理，健全自治、法治、德治相结合的乡村治理体系。"
    );
    // 农业农村局 is the county's 县农业农村局: one unit with an alias.
    assert_eq!(names(&reg, &t2.lead), ["县委组织部", "县农业农村局"]);
    assert_eq!(
        names(&reg, &t2.responsible),
        ["县民政局", "县司法局", "东风镇"]
    );
    assert!(reg.towns.iter().any(|t| t.name == "东风镇"));
    let agri = reg.units.iter().find(|u| u.name == "县农业农村局").unwrap();
    assert_eq!(agri.aliases, ["农业农村局"]);
    assert_eq!(agri.kind, UnitKind::Department);
    // A lead-only annotation.
    assert!(reg.tasks[2].responsible.is_empty());
}

#[test]
fn goals_and_measures_of_another_plan() {
    let reg = ok(COUNTY);
    assert_eq!(reg.goals.len(), 1);
    assert_eq!(reg.goals[0].horizon.as_deref(), Some("2025"));
    assert_eq!(reg.goals[0].targets.len(), 2);
    assert_eq!(reg.measures.len(), 2);
    assert_eq!(reg.measures[1].title, "强化资金保障");
    assert_eq!(reg.measures[1].text, "加大投入。");
}

#[test]
fn numbering_that_restarts_in_each_section() {
    let doc = "\
一、主要任务
(一)甲
1.做甲事。(牵头单位:市甲局)
2.做乙事。(牵头单位:市乙局)
(二)乙
1.做丙事。(牵头单位:市丙局)
";
    let reg = ok(doc);
    let numbers: Vec<u32> = reg.tasks.iter().map(|t| t.number).collect();
    assert_eq!(numbers, [1, 2, 3]);
    assert_eq!(reg.tasks[2].section, "s2");
}

fn with_task(task_lines: &str) -> String {
    format!(
        "标题:关于印发测试方案的通知\n\n三、具体任务\n(一)第一部分\n{task_lines}\n四、保障措施\n(一)加强领导。要求。\n"
    )
}

#[test]
fn unclosed_annotation_is_reported_with_line_and_column() {
    let e = err(&with_task("1.做事。〔牵头单位:市水务局;责任单位:会山镇"));
    assert_eq!((e.line, e.column), (5, Some(6)), "{e}");
    assert!(
        e.message.contains("not closed") && e.message.contains('〕'),
        "{e}"
    );
}

#[test]
fn missing_colon_is_reported() {
    let e = err(&with_task("1.做事。(牵头单位 市水务局)"));
    assert_eq!(e.line, 5);
    assert!(e.message.contains("expected ':'"), "{e}");
}

#[test]
fn task_without_annotation_is_reported_at_its_line() {
    let e = err(&with_task(
        "1.做事,但没有注明责任单位。\n2.另一件事。(牵头单位:市水务局)",
    ));
    assert_eq!(e.line, 5);
    assert!(
        e.message
            .contains("task 1 has no responsibility annotation"),
        "{e}"
    );
    assert!(e.message.contains("before line 6"), "{e}");
}

#[test]
fn missing_task_number_is_reported() {
    let e = err(&with_task(
        "1.做事。(牵头单位:市水务局)\n3.再做。(牵头单位:市水务局)",
    ));
    assert_eq!(e.line, 6);
    assert!(e.message.contains("expected task 2"), "{e}");
}

#[test]
fn stray_text_after_an_annotation_is_reported() {
    let e = err(&with_task(
        "1.做事。(牵头单位:市水务局)\n这段文字不属于任何任务。",
    ));
    assert_eq!(e.line, 6);
    assert!(e.message.contains("belongs to no task"), "{e}");
}

#[test]
fn annotation_without_lead_or_with_empty_names_is_reported() {
    let e = err(&with_task("1.做事。(责任单位:市水务局)"));
    assert!(e.message.contains("no 牵头单位"), "{e}");
    let e = err(&with_task("1.做事。(牵头单位:市水务局、、市住建局)"));
    assert!(e.message.contains("empty unit name"), "{e}");
    assert_eq!(e.column, Some(17), "{e}");
}

#[test]
fn documents_without_tasks_are_refused() {
    assert!(err("").message.contains("empty"));
    assert!(
        err("一、指导思想\n坚持。\n")
            .message
            .contains("no numbered tasks")
    );
}
