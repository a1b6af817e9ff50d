//! The importer on what arrives as Word files and web pages: a 任务分工表 row by
//! row with its 完成时限, Word's automatic numbering, and a task table on a page.
//! The .docx files are built here with the zip crate, in our own wording.

use super::import_corpus::{import_bytes, names};
use dubang::import::{ImportOptions, check};
use std::io::Write;

#[test]
fn a_task_table_on_a_web_page() {
    let page = "<html><body><p>东坡区2025年为民办实事分工方案</p>\
        <table><tr><th>序号</th><th>实事项目</th><th>牵头单位</th><th>责任单位</th><th>完成时限</th></tr>\
        <tr><td>1</td><td>新增公办学位1000个。</td><td>区教育局</td><td>区发改局</td><td>2025年8月底</td></tr>\
        <tr><td>2</td><td>改造老旧燃气管网20公里。</td><td>区住建局</td><td>各街道</td><td>2025年11月</td></tr>\
        </table><div class=\"footer\">版权所有</div></body></html>";
    let (imported, note) = import_bytes(page.as_bytes(), "page.html", &ImportOptions::default());
    assert!(note.contains("任务分工表 1 个"), "{note}");
    let reg = &imported.registry;
    assert_eq!(reg.tasks.len(), 2);
    assert_eq!(names(reg, &reg.tasks[1].lead), ["区住建局"]);
    assert_eq!(names(reg, &reg.tasks[1].responsible), ["各街道"]);
    assert_eq!(reg.tasks[0].due.unwrap().to_string(), "2025-08-31");
}

/// A .docx built here: a plan's text, then a 任务分工表 and an unrelated table.
fn task_table_docx() -> Vec<u8> {
    let p = |t: &str| format!("<w:p><w:r><w:t xml:space=\"preserve\">{t}</w:t></w:r></w:p>");
    let row = |cells: &[&str]| {
        let cells: String = cells
            .iter()
            .map(|c| {
                let paras: String = c.split('\n').map(p).collect();
                format!("<w:tc>{paras}</w:tc>")
            })
            .collect();
        format!("<w:tr>{cells}</w:tr>")
    };
    let table = [
        row(&[
            "序号",
            "重点任务",
            "具体措施",
            "牵头单位",
            "责任单位",
            "完成时限",
        ]),
        row(&[
            "1",
            "园区提升",
            "完成园区污水管网改造。",
            "区住建局",
            "区水务局\n区生态环境分局",
            "2025年6月底",
        ]),
        row(&[
            "2",
            "园区提升",
            "建设标准厂房10万平方米。",
            "区工信局",
            "各街道",
            "2025年12月",
        ]),
        row(&[
            "3",
            "招商引资",
            "举办专题招商活动&amp;推介会。",
            "区投资促进局",
            "",
            "长期坚持",
        ]),
        row(&[
            "4",
            "招商引资",
            "建立重点项目跟踪服务机制。",
            "",
            "区发改局、区投资促进局",
            "2026年",
        ]),
    ]
    .concat();
    let other = row(&["联系人", "张三"]);
    let body = format!(
        "{}{}{}<w:tbl>{table}</w:tbl><w:tbl>{other}</w:tbl>",
        p("西林区产业园区提质增效工作方案"),
        p("一、总体要求"),
        p("以园区提质增效为抓手，推动产业集聚发展。"),
    );
    let xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}</w:body></w:document>"
    );
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default();
        zip.start_file("[Content_Types].xml", opts).unwrap();
        zip.write_all(b"<?xml version=\"1.0\"?><Types/>").unwrap();
        zip.start_file("word/document.xml", opts).unwrap();
        zip.write_all(xml.as_bytes()).unwrap();
        zip.finish().unwrap();
    }
    buf.into_inner()
}

fn docx(parts: &[(&str, &str)]) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default();
        for (name, text) in parts {
            zip.start_file(*name, opts).unwrap();
            zip.write_all(text.as_bytes()).unwrap();
        }
        zip.finish().unwrap();
    }
    buf.into_inner()
}

#[test]
fn word_automatic_numbering_is_read_as_typed_numbers() {
    const W: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";
    let numbering = format!(
        "<w:numbering {W}><w:abstractNum w:abstractNumId=\"5\">\
         <w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCounting\"/><w:lvlText w:val=\"%1、\"/></w:lvl>\
         <w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%2.\"/></w:lvl>\
         </w:abstractNum><w:num w:numId=\"2\"><w:abstractNumId w:val=\"5\"/></w:num></w:numbering>"
    );
    let p = |lvl: Option<u8>, t: &str| {
        let num = lvl.map_or(String::new(), |l| {
            format!(
                "<w:pPr><w:numPr><w:ilvl w:val=\"{l}\"/><w:numId w:val=\"2\"/></w:numPr></w:pPr>"
            )
        });
        format!("<w:p>{num}<w:r><w:t>{t}</w:t></w:r></w:p>")
    };
    let body = [
        p(None, "东岭区河湖长制工作要点"),
        p(Some(0), "工作目标"),
        p(None, "到2025年，河湖面貌持续改善。"),
        p(Some(0), "重点工作"),
        p(
            Some(1),
            "开展河道清四乱行动。（牵头单位：区水利局；责任单位：各镇）",
        ),
        p(
            Some(1),
            "推进入河排污口整治。（区生态环境分局、区水利局负责）",
        ),
    ]
    .concat();
    let xml = format!("<w:document {W}><w:body>{body}</w:body></w:document>");
    let bytes = docx(&[
        ("word/document.xml", &xml),
        ("word/numbering.xml", &numbering),
    ]);
    let (imported, _) = import_bytes(&bytes, "auto.docx", &ImportOptions::default());
    let reg = &imported.registry;
    let labels: Vec<&str> = imported.places.iter().map(|(l, _)| l.as_str()).collect();
    assert_eq!(labels, ["1.", "2."]);
    assert_eq!(reg.sections[0].title, "重点工作");
    assert_eq!(reg.sections[0].numeral, "二");
    assert_eq!(names(reg, &reg.tasks[1].lead), ["区生态环境分局"]);
    assert_eq!(reg.goals.len(), 1);
}

#[test]
fn a_task_table_in_a_docx_row_by_row_with_due_dates() {
    let bytes = task_table_docx();
    let (imported, note) = import_bytes(&bytes, "table.docx", &ImportOptions::default());
    let report = check::report(
        "table.docx",
        Some(&note),
        Some(&imported),
        &imported.problems,
    );
    insta::assert_snapshot!("plan_task_table_docx", report);
    let reg = &imported.registry;
    let got: Vec<(Vec<String>, Vec<String>, Option<String>)> = reg
        .tasks
        .iter()
        .map(|t| {
            (
                names(reg, &t.lead),
                names(reg, &t.responsible),
                t.due.map(|d| d.to_string()),
            )
        })
        .collect();
    let v = |s: &[&str]| s.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert_eq!(
        got,
        [
            (
                v(&["区住建局"]),
                v(&["区水务局", "区生态环境分局"]),
                Some("2025-06-30".into())
            ),
            (v(&["区工信局"]), v(&["各街道"]), Some("2025-12-31".into())),
            (v(&["区投资促进局"]), v(&[]), None),
            (
                v(&["区发改局"]),
                v(&["区投资促进局"]),
                Some("2026-12-31".into())
            ),
        ]
    );
    assert!(reg.tasks[2].text.contains("专题招商活动&推介会"));
    let titles: Vec<&str> = reg.sections.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(titles, ["园区提升", "招商引资"]);
}
