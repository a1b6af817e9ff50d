//! `dubang ledger send` then `collect` through the real binary: two units fill in
//! their sheets (one re-saved with its rows sorted the other way, one copied without
//! the hidden ids), a dry run shows the table, the real run records history entries
//! by unit/填报人 with the file as source, and a second run applies nothing.

use crate::ledger_common::{fill, ledger, numbers, place, read_book, write_book};
use std::io::Read;

#[test]
fn send_fill_collect_and_collect_again() {
    let p = place();
    let sent = p.send(&["市水务局", "嘉积镇"]);
    let reg = p.registry();
    let task = |n: u32| reg.tasks.iter().find(|t| t.number == n).unwrap();

    // 市水务局 fills two rows and returns the file under its own name.
    let mut water = read_book(&sent[0]);
    assert_eq!(water[0].0, "市水务局");
    assert_eq!(water[1].0, "_dubang");
    let rows = ledger(&mut water);
    assert_eq!(rows[1][..4], ["序号", "重点任务", "任务内容", "牵头/责任"]);
    assert_eq!(
        rows[1][7..12],
        ["本期进展", "完成状态", "进度", "填报人", "备注"]
    );
    let ns = numbers(rows);
    let (a, b) = (ns[0], ns[1]);
    fill(rows, a, 7, "已完成可研批复");
    fill(rows, a, 8, "推进中");
    fill(rows, a, 9, "60");
    fill(rows, a, 10, "王丽");
    fill(rows, b, 8, "已完成");
    fill(rows, b, 10, "王丽");
    let water_file = p.path("督办台账-市水务局-returned.xlsx");
    write_book(&water, &water_file);

    // 嘉积镇 sorts its rows the other way before filling one in; full-width percent.
    let mut town = read_book(&sent[1]);
    let rows = ledger(&mut town);
    rows[2..].reverse();
    let c = numbers(rows)[0];
    fill(rows, c, 8, "进行中");
    fill(rows, c, 9, "６０％");
    fill(rows, c, 10, "陈刚");
    fill(rows, c, 11, "镇里自筹");
    let town_file = p.path("嘉积镇-sorted.xlsx");
    write_book(&town, &town_file);

    // 嘉积镇 again, pasted into a new workbook: no hidden ids, no hidden sheet.
    let mut pasted = read_book(&sent[1]);
    pasted.truncate(1);
    for row in ledger(&mut pasted).iter_mut() {
        row.truncate(12);
    }
    let rows = ledger(&mut pasted);
    let d = *numbers(rows)
        .iter()
        .find(|n| ![a, b, c].contains(n))
        .unwrap();
    fill(rows, d, 7, "已开工");
    let pasted_file = p.path("嘉积镇-pasted.xlsx");
    write_book(&pasted, &pasted_file);

    let files = [&water_file, &town_file, &pasted_file].map(|f| f.to_str().unwrap().to_string());
    let before = std::fs::read(&p.file).unwrap();
    let mut args = vec!["ledger", "collect", "--dry-run"];
    args.extend(files.iter().map(String::as_str));
    let out = p.ok(&args);
    assert!(
        out.contains("市水务局  督办台账-市水务局-returned.xlsx  2项变更"),
        "{out}"
    );
    assert!(out.contains("未启动 → 推进中"), "{out}");
    assert!(out.contains("0% → 60%"), "{out}");
    assert!(out.contains("未启动 → 已完成"), "{out}");
    assert!(out.contains("嘉积镇  嘉积镇-sorted.xlsx  1项变更"), "{out}");
    assert!(out.contains("备注:镇里自筹"), "{out}");
    assert!(out.contains("嘉积镇  嘉积镇-pasted.xlsx  1项变更"), "{out}");
    assert!(out.contains("试运行"), "{out}");
    assert!(!out.contains("问题"), "{out}");
    assert_eq!(
        std::fs::read(&p.file).unwrap(),
        before,
        "a dry run saves nothing"
    );

    let out = p.ok(&args[..2]
        .iter()
        .copied()
        .chain(files.iter().map(String::as_str))
        .collect::<Vec<_>>());
    assert!(out.contains("已保存 7 条记录"), "{out}");
    let reg = p.registry();
    let t = |n: u32| reg.tasks.iter().find(|t| t.number == n).unwrap();
    let ta = t(a);
    assert_eq!((ta.status.key(), ta.progress), ("in_progress", 60));
    let new: Vec<_> = ta.history[task(a).history.len()..].to_vec();
    assert_eq!(new.len(), 2, "{new:?}");
    assert!(new.iter().all(|h| h.by == "市水务局/王丽"));
    assert!(
        new.iter()
            .all(|h| h.source.as_deref() == Some("督办台账-市水务局-returned.xlsx"))
    );
    assert_eq!(new[0].note.as_deref(), Some("已完成可研批复"));
    assert_eq!((t(b).status.key(), t(b).progress), ("done", 100));
    let tc = t(c).history.last().unwrap();
    assert_eq!(
        (tc.by.as_str(), tc.source.as_deref()),
        ("嘉积镇/陈刚", Some("嘉积镇-sorted.xlsx"))
    );
    assert_eq!(t(c).progress, 60);
    let td = t(d).history.last().unwrap();
    assert_eq!((td.field.as_str(), td.by.as_str()), ("note", "嘉积镇"));
    assert_eq!(td.note.as_deref(), Some("已开工"));

    // The file format: `source` only where there is one.
    let json = std::fs::read_to_string(&p.file).unwrap();
    assert_eq!(
        json.matches("\"source\": \"嘉积镇-sorted.xlsx\"").count(),
        2,
        "{json}"
    );

    // Again: nothing applied, the file untouched.
    let after = std::fs::read(&p.file).unwrap();
    let out = p.ok(&args[..2]
        .iter()
        .copied()
        .chain(files.iter().map(String::as_str))
        .collect::<Vec<_>>());
    assert!(out.contains("没有需要收取的变更"), "{out}");
    assert!(out.contains("4行此前已收取"), "{out}");
    assert_eq!(std::fs::read(&p.file).unwrap(), after);
}

#[test]
fn the_sheet_is_protected_with_drop_downs_and_hidden_ids() {
    let p = place();
    let sent = p.send(&["市水务局"]);
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&sent[0]).unwrap()).unwrap();
    let mut xml = String::new();
    zip.by_name("xl/worksheets/sheet1.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    assert!(xml.contains("<sheetProtection"), "{xml}");
    assert!(!xml.contains("password="), "no password: {xml}");
    assert!(
        xml.contains("sort=\"0\"") && xml.contains("autoFilter=\"0\""),
        "{xml}"
    );
    assert!(xml.contains("<dataValidation type=\"list\""), "{xml}");
    assert!(xml.contains("\"未启动,推进中,已完成,滞后,受阻\""), "{xml}");
    assert!(xml.contains("<dataValidation type=\"whole\""), "{xml}");
    assert!(
        xml.contains("sqref=\"I3:I8\"") && xml.contains("sqref=\"J3:J8\""),
        "{xml}"
    );
    for c in [13, 14] {
        let col = format!("<col min=\"{c}\" max=\"{c}\"");
        let at = xml.find(&col).unwrap_or_else(|| panic!("{col}: {xml}"));
        assert!(
            xml[at..]
                .split("/>")
                .next()
                .unwrap()
                .contains("hidden=\"1\""),
            "{xml}"
        );
    }
    let mut wb = String::new();
    zip.by_name("xl/workbook.xml")
        .unwrap()
        .read_to_string(&mut wb)
        .unwrap();
    assert!(
        wb.contains("name=\"_dubang\"") && wb.contains("state=\"hidden\""),
        "{wb}"
    );
    let mut styles = String::new();
    zip.by_name("xl/styles.xml")
        .unwrap()
        .read_to_string(&mut styles)
        .unwrap();
    assert!(
        styles.contains("<protection locked=\"0\"/>"),
        "fill-in cells unlocked: {styles}"
    );
    let book = read_book(&sent[0]);
    assert!(book[0].1[0][0].starts_with("填报说明"));
    assert_eq!(book[1].1[1][1], "海府〔2021〕244号");
}
