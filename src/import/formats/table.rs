//! A task-assignment table (任务分工表: 序号, 任务, 牵头单位, 责任单位, 完成时限…)
//! read row by row into the genre's own lines — `N.任务（牵头单位：…；责任单位：…）`
//! under a part of their own — so that one parser reads tables and text alike; the
//! 完成时限 of each row is kept as the task's due date.

use crate::import::dates::due;
use crate::import::outline::marker;
use chrono::NaiveDate;

/// Which column holds what.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Columns {
    pub task: usize,
    pub category: Option<usize>,
    pub lead: Option<usize>,
    pub responsible: Option<usize>,
    pub due: Option<usize>,
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The columns of a task table, from its header row; `None` for any other table.
pub fn columns(header: &[String]) -> Option<Columns> {
    let h: Vec<String> = header.iter().map(|c| squash(c)).collect();
    let find = |keys: &[&str]| h.iter().position(|c| keys.iter().any(|k| c.contains(k)));
    let lead = find(&["牵头"]);
    let responsible = h.iter().enumerate().position(|(i, c)| {
        Some(i) != lead
            && ["责任", "配合", "协办", "参与"]
                .iter()
                .any(|k| c.contains(k))
            && (c.contains("单位") || c.contains("部门"))
    });
    let due = find(&["时限", "完成时间", "时间节点", "进度", "完成期限"]);
    let taken = [lead, responsible, due];
    let tasky: Vec<usize> = (0..h.len())
        .filter(|i| !taken.contains(&Some(*i)))
        .filter(|&i| {
            let c = &h[i];
            [
                "任务", "内容", "措施", "事项", "工作", "领域", "类别", "项目",
            ]
            .iter()
            .any(|k| c.contains(k))
        })
        .collect();
    let task = *tasky.last()?;
    if lead.is_none() && responsible.is_none() {
        return None;
    }
    let category = tasky.first().copied().filter(|&c| c != task);
    Some(Columns {
        task,
        category,
        lead,
        responsible,
        due,
    })
}

fn units(cell: &str) -> String {
    cell.split(['\n', '\r'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("、")
}

const CN: [&str; 20] = [
    "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四",
    "十五", "十六", "十七", "十八", "十九", "二十",
];

fn cn(n: usize) -> &'static str {
    CN.get(n.saturating_sub(1)).copied().unwrap_or("二十")
}

/// The table's lines and, per line index in them, the due date of the task that
/// starts there. `part` is the number of the part the table becomes.
pub fn lines(
    rows: &[Vec<String>],
    cols: &Columns,
    part: u32,
) -> (Vec<String>, Vec<(usize, NaiveDate)>) {
    let mut out = vec![format!("{}、任务分工", cn(part as usize))];
    let mut dues = Vec::new();
    let mut category: Option<String> = None;
    let mut sections = 0;
    let mut n = 0;
    let cell = |r: &[String], i: Option<usize>| {
        i.and_then(|i| r.get(i))
            .map_or(String::new(), |c| c.trim().to_string())
    };
    let width = rows.first().map_or(0, Vec::len);
    for r in rows.iter().skip(1) {
        let task = cell(r, Some(cols.task));
        let mut cat = cell(r, cols.category);
        // A row merged across the table (一、园区提升) heads the rows below it.
        let mut filled: Vec<&str> = r
            .iter()
            .map(|c| c.trim())
            .filter(|c| !c.is_empty())
            .collect();
        filled.dedup();
        let merged =
            filled.len() == 1 && (r.len() < width || r.iter().all(|c| c.trim() == filled[0]));
        if merged {
            if let [only] = filled[..] {
                let text = marker(only).map_or(only, |m| &only[m.rest..]);
                cat = text.to_string();
            }
            if cat.is_empty() {
                continue;
            }
            if category.as_deref() != Some(cat.as_str()) {
                sections += 1;
                out.push(format!("（{}）{}", cn(sections), cat.replace('\n', "")));
                category = Some(cat);
            }
            continue;
        }
        if !cat.is_empty() && category.as_deref() != Some(cat.as_str()) {
            sections += 1;
            out.push(format!("（{}）{}", cn(sections), cat.replace('\n', "")));
            category = Some(cat);
        }
        if task.is_empty() {
            continue;
        }
        n += 1;
        let lead = units(&cell(r, cols.lead));
        let resp = units(&cell(r, cols.responsible));
        let ann = match (lead.is_empty(), resp.is_empty()) {
            (false, false) => format!("（牵头单位：{lead}；责任单位：{resp}）"),
            (false, true) => format!("（牵头单位：{lead}）"),
            (true, false) => format!("（{resp}负责）"),
            (true, true) => String::new(),
        };
        if let Some(d) = due(&cell(r, cols.due)) {
            dues.push((out.len(), d));
        }
        let paras: Vec<&str> = task
            .split('\n')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect();
        for (k, p) in paras.iter().enumerate() {
            let mut line = if k == 0 {
                format!("{n}.{p}")
            } else {
                p.to_string()
            };
            if k + 1 == paras.len() {
                line.push_str(&ann);
            }
            out.push(line);
        }
    }
    (out, dues)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_table_becomes_lines_with_due_dates() {
        let rows = vec![
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
                "产业",
                "建园区。",
                "区甲局",
                "区乙局\n区丙局",
                "2025年6月底",
            ]),
            row(&["2", "产业", "办展会。", "", "区丁局", "长期坚持"]),
        ];
        let cols = columns(&rows[0]).unwrap();
        assert_eq!(cols.category, Some(1));
        let (lines, dues) = lines(&rows, &cols, 3);
        assert_eq!(
            lines,
            [
                "三、任务分工",
                "（一）产业",
                "1.建园区。（牵头单位：区甲局；责任单位：区乙局、区丙局）",
                "2.办展会。（区丁局负责）"
            ]
        );
        assert_eq!(dues, [(2, NaiveDate::from_ymd_opt(2025, 6, 30).unwrap())]);
        assert_eq!(due("2024年"), NaiveDate::from_ymd_opt(2024, 12, 31));
        // A merged row heads the rows below it.
        let rows = vec![
            row(&["序号", "工作任务", "牵头单位"]),
            row(&["一、园区提升"]),
            row(&["1", "建园区。", "区甲局"]),
        ];
        let cols = columns(&rows[0]).unwrap();
        let (merged, _) = super::lines(&rows, &cols, 2);
        assert_eq!(
            merged,
            [
                "二、任务分工",
                "（一）园区提升",
                "1.建园区。（牵头单位：区甲局）"
            ]
        );
        assert_eq!(columns(&row(&["名称", "说明"])), None);
    }
}
