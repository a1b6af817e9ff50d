//! `dubang import --check`: the outline the importer understood (parts, sections,
//! tasks with the document's own numbers and their lead units), what it assumed,
//! and every line it could not place — labelled in Chinese, the document's language;
//! the problems are in the language of [`super::ImportOptions::lang`].

use super::{ImportError, Imported};
use crate::registry::Registry;
use std::fmt::Write;

fn lead_names(reg: &Registry, ids: &[String]) -> String {
    ids.iter()
        .map(|id| reg.name_of(id))
        .collect::<Vec<_>>()
        .join("、")
}

/// One problem as `FILE:LINE:COLUMN: message`.
pub fn problem_line(file: &str, e: &ImportError) -> String {
    match (e.line, e.column) {
        (0, _) => format!("{file}: {}", e.message),
        (l, Some(c)) => format!("{file}:{l}:{c}: {}", e.message),
        (l, None) => format!("{file}:{l}: {}", e.message),
    }
}

/// The whole report. `imported` is what could be read (none when nothing could).
pub fn report(
    file: &str,
    source: Option<&str>,
    imported: Option<&Imported>,
    problems: &[ImportError],
) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "文件：{file}");
    if let Some(s) = source {
        let _ = writeln!(out, "格式：{s}");
    }
    if let Some(imp) = imported {
        outline(&mut out, imp);
        if !imp.notes.is_empty() {
            let _ = writeln!(out, "\n说明与假定：");
            for n in &imp.notes {
                let _ = writeln!(out, "  - {}", super::messages::zh_note(n));
            }
        }
    }
    if problems.is_empty() {
        let _ = writeln!(out, "\n无法定位的行：无");
    } else {
        let _ = writeln!(out, "\n无法定位的行（{} 处）：", problems.len());
        for p in problems {
            let _ = writeln!(out, "  {}", problem_line(file, p));
        }
    }
    out
}

fn outline<'a>(out: &mut String, imp: &'a Imported) {
    let reg = &imp.registry;
    let d = &reg.document;
    let _ = writeln!(out, "标题：{}", d.title);
    if !d.number.is_empty() {
        let _ = writeln!(out, "文号：{}", d.number);
    }
    let _ = writeln!(
        out,
        "共 {} 个章节、{} 项任务、{} 个单位、{} 条目标、{} 条保障措施\n\n大纲：",
        reg.sections.len(),
        reg.tasks.len(),
        reg.units.len(),
        reg.goals.len(),
        reg.measures.len()
    );
    // Document order: a section's heading just before its first task.
    let path = |id: &'a str| -> Vec<&'a str> {
        let mut out: Vec<&'a str> = Vec::new();
        let mut cur = Some(id);
        while let Some(c) = cur {
            if out.contains(&c) || out.len() > reg.sections.len() {
                break;
            }
            out.push(c);
            cur = reg
                .sections
                .iter()
                .find(|s| s.id == c)
                .and_then(|s| s.parent.as_deref());
        }
        out.reverse();
        out
    };
    let mut shown: Vec<&str> = Vec::new();
    for (t, (label, line)) in reg.tasks.iter().zip(&imp.places) {
        let p = path(&t.section);
        for (depth, id) in p.iter().enumerate() {
            if shown.contains(id) {
                continue;
            }
            shown.push(id);
            if let Some(s) = reg.sections.iter().find(|s| s.id == *id) {
                let _ = writeln!(out, "{}{} {}", "  ".repeat(depth + 1), s.numeral, s.title);
            }
        }
        let pad = "  ".repeat(p.len() + 1);
        let label = if label.is_empty() {
            "·"
        } else {
            label.as_str()
        };
        let due = t.due.map(|d| format!("，完成时限 {d}")).unwrap_or_default();
        let _ = writeln!(
            out,
            "{pad}任务 {} [{label} 第 {line} 行] {} — 牵头：{}{due}",
            t.number,
            t.title,
            lead_names(reg, &t.lead)
        );
    }
}
