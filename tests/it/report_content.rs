//! The reports' content on the bundled plan with a few edits (fixed clock): golden
//! Markdown and CSV (insta), the CSV parsed back equals the tasks, the workbook read
//! back with calamine, the Word file unzipped.

use chrono::{DateTime, FixedOffset, NaiveDate};
use dubang::lang::Lang;
use dubang::registry::{Edit, EditTarget, Index, Op, Registry, Status, apply};
use dubang::report::{Format, Thresholds, render};
use dubang::store::{BUNDLED, parse_bytes};
use std::io::Read;
use std::path::Path;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()
}

fn at(s: &str) -> DateTime<FixedOffset> {
    s.parse().unwrap()
}

/// The bundled plan after a round of follow-up: one task done, one in progress with
/// a note full of commas, quotes and a new line, one 滞后, one 受阻, one with its own
/// due date next year.
fn edited() -> Registry {
    let mut reg = parse_bytes(Path::new("registry.json"), BUNDLED.as_bytes()).unwrap();
    let edits = [
        (
            "t1",
            Op::SetStatus { to: Status::Done },
            Some("已完成全部建设任务"),
            "2026-11-20T10:00:00+08:00",
        ),
        (
            "t3",
            Op::SetStatus {
                to: Status::InProgress,
            },
            Some("已召开推进会，落实\"三个一\"机制,\n下周组织验收"),
            "2026-11-25T09:30:00+08:00",
        ),
        (
            "t5",
            Op::SetStatus {
                to: Status::Delayed,
            },
            Some("资金未到位"),
            "2026-11-01T16:00:00+08:00",
        ),
        (
            "t7",
            Op::SetStatus {
                to: Status::Blocked,
            },
            Some("用地审批受阻"),
            "2026-10-15T11:00:00+08:00",
        ),
        (
            "t9",
            Op::SetDue {
                to: NaiveDate::from_ymd_opt(2027, 6, 30),
            },
            None,
            "2026-11-28T08:00:00+08:00",
        ),
        (
            "t9",
            Op::SetProgress { to: 40 },
            Some("完成选址"),
            "2026-11-28T08:01:00+08:00",
        ),
    ];
    for (id, op, note, when) in edits {
        let e = Edit {
            target: EditTarget::Task(id.into()),
            op,
            note: note.map(String::from),
            by: "liwei".into(),
            at: at(when),
        };
        apply(&mut reg, &e).unwrap();
    }
    reg
}

fn report(reg: &Registry, tasks: &[usize], format: Format, lang: Lang) -> Vec<u8> {
    let ix = Index::build(reg);
    render(
        reg,
        &ix,
        tasks,
        format,
        lang,
        today(),
        &Thresholds::default(),
    )
    .unwrap()
}

fn all(reg: &Registry) -> Vec<usize> {
    (0..reg.tasks.len()).collect()
}

#[test]
fn markdown_bulletin_golden() {
    let reg = edited();
    let md = String::from_utf8(report(&reg, &all(&reg), Format::Md, Lang::Zh)).unwrap();
    insta::assert_snapshot!("report_md_zh", md);
    let en = String::from_utf8(report(&reg, &all(&reg), Format::Md, Lang::En)).unwrap();
    insta::assert_snapshot!("report_md_en", en);
}

#[test]
fn csv_ledger_golden_and_parsed_back_equals_the_tasks() {
    let reg = edited();
    let bytes = report(&reg, &all(&reg), Format::Csv, Lang::Zh);
    assert!(
        bytes.starts_with("\u{feff}".as_bytes()),
        "UTF-8 byte-order mark"
    );
    let text = String::from_utf8(bytes.clone()).unwrap();
    insta::assert_snapshot!("report_csv_zh", text);

    let mut rd = csv::Reader::from_reader(&bytes[3..]);
    let headers: Vec<String> = rd.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        headers,
        [
            "序号",
            "章节",
            "重点任务",
            "任务内容",
            "牵头单位",
            "责任单位",
            "完成时限",
            "完成状态",
            "进度",
            "最新进展",
            "更新时间"
        ]
    );
    let rows: Vec<csv::StringRecord> = rd.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), reg.tasks.len());
    for (row, t) in rows.iter().zip(&reg.tasks) {
        assert_eq!(row[0], t.number.to_string());
        assert_eq!(&row[2], t.title);
        assert_eq!(&row[3], &*t.text, "full text survives quoting");
        assert_eq!(
            &row[4],
            reg.name_of(&t.lead[0]).to_string()
                + &t.lead[1..]
                    .iter()
                    .map(|l| format!("、{}", reg.name_of(l)))
                    .collect::<String>()
        );
        assert_eq!(&row[7], t.status.zh());
    }
    assert_eq!(
        &rows[2][9],
        "2026-11-25 liwei：已召开推进会，落实\"三个一\"机制,\n下周组织验收"
    );
    assert_eq!(&rows[1][6], "2025-12-31 (目标)", "inherited due date");
    assert_eq!(&rows[8][6], "2027-06-30", "its own due date wins");
    assert_eq!(&rows[8][8], "40%");
    assert_eq!(&rows[0][8], "100%");
}

#[test]
fn nothing_matching_gives_headers_and_a_line_saying_so() {
    let reg = edited();
    let md = String::from_utf8(report(&reg, &[], Format::Md, Lang::Zh)).unwrap();
    assert!(
        md.contains("## 一、总体情况\n\n没有符合条件的任务。"),
        "{md}"
    );
    assert!(md.contains("## 二、存在问题") && md.contains("## 三、下一步工作要求"));
    let csv = String::from_utf8(report(&reg, &[], Format::Csv, Lang::Zh)).unwrap();
    assert_eq!(csv.lines().count(), 1, "{csv}");
    let json = report(&reg, &[], Format::Json, Lang::Zh);
    let back = parse_bytes(Path::new("r.json"), &json).unwrap();
    assert!(back.tasks.is_empty());
}

#[test]
fn json_is_a_valid_registry_of_the_filtered_tasks() {
    let reg = edited();
    let json = report(&reg, &[0, 2, 4], Format::Json, Lang::Zh);
    let back = parse_bytes(Path::new("r.json"), &json).unwrap();
    let numbers: Vec<u32> = back.tasks.iter().map(|t| t.number).collect();
    assert_eq!(numbers, [1, 3, 5]);
    assert_eq!(back.tasks[0], reg.tasks[0]);
}

#[test]
fn xlsx_read_back_has_five_sheets_the_header_and_every_task() {
    use calamine::{Data, DataType, Reader, Xlsx};
    let reg = edited();
    let bytes = report(&reg, &all(&reg), Format::Xlsx, Lang::Zh);
    // Print setup and layout, as the sheet's XML says them.
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.clone())).unwrap();
    for n in 1..=5 {
        let mut xml = String::new();
        zip.by_name(&format!("xl/worksheets/sheet{n}.xml"))
            .unwrap()
            .read_to_string(&mut xml)
            .unwrap();
        for want in [
            "state=\"frozen\"",
            "<autoFilter ref=\"A1:",
            "paperSize=\"9\"",
            "orientation=\"landscape\"",
            "fitToHeight=\"0\"",
            "<oddFooter>&amp;C&amp;P / &amp;N</oddFooter>",
        ] {
            assert!(xml.contains(want), "sheet{n}: no {want}");
        }
    }
    let mut workbook = String::new();
    zip.by_name("xl/workbook.xml")
        .unwrap()
        .read_to_string(&mut workbook)
        .unwrap();
    for sheet in ["台账", "问题清单", "按单位", "按镇区", "目标"] {
        let titles = format!("{sheet}!$1:$1</definedName>");
        assert!(
            workbook.contains(&titles),
            "header row of {sheet} not repeated on each page"
        );
    }
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    assert_eq!(
        book.sheet_names(),
        ["台账", "问题清单", "按单位", "按镇区", "目标"]
    );

    let ledger = book.worksheet_range("台账").unwrap();
    let rows: Vec<&[Data]> = ledger.rows().collect();
    let header: Vec<String> = rows[0].iter().map(|c| c.to_string()).collect();
    assert_eq!(
        header,
        [
            "序号",
            "章节",
            "重点任务",
            "任务内容",
            "牵头单位",
            "责任单位",
            "完成时限",
            "完成状态",
            "进度",
            "最新进展",
            "更新时间"
        ]
    );
    assert_eq!(rows.len() - 1, 28);
    assert_eq!(rows[1][0], Data::Float(1.0));
    assert_eq!(
        rows[1][1].to_string(),
        "一、促进巩固脱贫攻坚成果与乡村振兴有效衔接"
    );
    assert_eq!(rows[1][2].to_string(), reg.tasks[0].title);
    assert_eq!(rows[1][4].to_string(), "市乡村振兴局");
    assert_eq!(rows[1][7].to_string(), "已完成");
    assert_eq!(rows[1][8], Data::Float(1.0));
    assert_eq!(
        rows[1][9].to_string(),
        "2026-11-20 liwei：已完成全部建设任务"
    );
    assert_eq!(rows[1][10].to_string(), "2026-11-20 10:00");
    assert_eq!(rows[2][6].to_string(), "2025-12-31 (目标)");
    assert_eq!(rows[9][6].to_string(), "2027-06-30");
    assert_eq!(rows[9][8], Data::Float(0.4));
    assert_eq!(rows[7][7].to_string(), "受阻");

    // 问题清单: the open tasks past the 2025 deadline (not 1, done; not 9, due 2027).
    let problems = book.worksheet_range("问题清单").unwrap();
    let prow: Vec<&[Data]> = problems.rows().collect();
    assert_eq!(prow[0][0].to_string(), "预警");
    assert_eq!(prow.len() - 1, 26);
    assert!(
        prow[1..]
            .iter()
            .all(|r| r[0] == Data::String("红色预警".into()))
    );
    assert!(
        !prow
            .iter()
            .any(|r| r[2] == Data::Float(9.0) || r[2] == Data::Float(1.0))
    );
    let t5 = prow
        .iter()
        .find(|r| r[2] == Data::Float(5.0))
        .expect("task 5 listed");
    assert_eq!(t5[6].to_string(), "逾期333天、滞后");
    assert_eq!(t5[7].to_string(), "2026-11-01 liwei：资金未到位");

    // 按单位: each lead unit once, counts add up to the tasks.
    let units = book.worksheet_range("按单位").unwrap();
    let urows: Vec<&[Data]> = units.rows().skip(1).collect();
    let led: f64 = urows.iter().map(|r| r[1].as_f64().unwrap()).sum();
    assert_eq!(
        led as usize,
        reg.tasks.iter().map(|t| t.lead.len()).sum::<usize>()
    );
    let towns = book.worksheet_range("按镇区").unwrap();
    assert_eq!(towns.rows().count() - 1, 13);
    let goals = book.worksheet_range("目标").unwrap();
    let grows: Vec<&[Data]> = goals.rows().collect();
    assert_eq!(grows[1][0].to_string(), "2025");
    assert_eq!(grows[1][1].to_string(), "2025-12-31");
    assert_eq!(grows[1][3], Data::Float(28.0));
    assert_eq!(grows[1][4], Data::Float(1.0));
}

#[test]
fn docx_holds_title_counts_sections_and_problems() {
    let reg = edited();
    let bytes = report(&reg, &all(&reg), Format::Docx, Lang::Zh);
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    assert!(xml.contains("关于《新时代支持琼崖革命老区振兴发展工作方案》推进情况的通报"));
    assert!(xml.contains("（截至2026年11月29日）"));
    assert!(xml.contains("已完成1项、占4%"), "counts with shares");
    for s in &reg.sections {
        assert!(
            xml.contains(&format!("（{}）{}", s.numeral, s.title)),
            "section {}",
            s.numeral
        );
    }
    for h in ["一、总体情况", "二、存在问题", "三、下一步工作要求"] {
        assert!(xml.contains(h), "{h}");
    }
    assert!(xml.contains("需督办的问题26项"));
    assert!(xml.contains("【红色预警】"));
    assert!(xml.contains("第5项"), "a lagging task by number");
    assert!(xml.contains("资金未到位"), "with its latest note");
    assert!(xml.contains("w:eastAsia=\"方正小标宋简体\""));
    assert!(xml.contains("w:eastAsia=\"黑体\""));
    assert!(xml.contains("w:eastAsia=\"仿宋_GB2312\""));
    // Run properties in schema order, or Word drops the fonts.
    assert!(xml.contains("<w:rPr><w:rFonts "));
    assert!(!xml.contains("<w:rPr><w:sz "));
}

#[test]
fn summary_lists_problems_in_80_columns_without_english_in_chinese() {
    let reg = edited();
    let ix = Index::build(&reg);
    let text = dubang::report::summary(&reg, &ix, Lang::Zh, today(), &Thresholds::default());
    for line in text.lines() {
        assert!(
            unicode_width::UnicodeWidthStr::width(line) <= 80,
            "{line:?}"
        );
    }
    assert!(text.contains("问题清单(共26项):红色预警26项"), "{text}");
    // Only the data's own Latin letters (the editor's login) may appear.
    for line in text.lines() {
        let words: Vec<&str> = line
            .split(|c: char| !c.is_ascii_alphabetic())
            .filter(|w| w.len() > 1 && *w != "liwei")
            .collect();
        assert!(words.is_empty(), "English in {line:?}");
    }
    insta::assert_snapshot!("summary_zh", text);
}
