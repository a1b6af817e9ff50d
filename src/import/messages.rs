//! Every sentence the importer says about a document, in one place, so that the
//! word catalogue can take them over. Problems are one line each and say what was
//! expected; the outline and the assumptions of `--check` are in Chinese labels.

/// Marks the "no annotation" problem, so that a later pass can recognise it.
pub const NO_ANNOTATION_MARK: &str = "has no responsibility annotation";

pub fn out_of_order(level: u8, expected: u32, found: u32) -> String {
    match level {
        1 => format!(
            "expected part {expected} here, found part {found}: parts must be numbered in order (is one missing or misnumbered?)"
        ),
        2 => format!(
            "expected section ({expected}) here, found section ({found}): sections must be numbered in order (is one missing or misnumbered?)"
        ),
        _ => format!(
            "expected task {expected} here, found task {found}: tasks must be numbered in order (is a task missing or misnumbered?)"
        ),
    }
}

pub fn in_task(label: &str, message: &str) -> String {
    if label.is_empty() {
        message.to_string()
    } else {
        format!("task {label}: {message}")
    }
}

pub fn annotation_without_text(label: &str) -> String {
    format!("task {label} has an annotation but no text: expected the task's text before it")
}

pub fn stray_text(prev: &str, next: u32) -> String {
    format!(
        "text after the annotation of task {prev} that belongs to no task: expected task {next} (\"{next}.\"), a heading, or an annotation closing this text"
    )
}

pub fn no_annotation(numeral: &str, next_line: usize) -> String {
    let before = if next_line > 0 {
        format!(" before line {next_line}")
    } else {
        " before the end of the document".into()
    };
    format!(
        "task {numeral} {NO_ANNOTATION_MARK}{before}: expected 〔牵头单位:…;责任单位:…〕 or （…负责） at the end of its text"
    )
}

pub const EMPTY: &str = "the document is empty: expected the text of a work plan";

pub const NO_TASKS: &str = "no numbered tasks found: expected numbered items (一、 （一） 1. （1） ①) each ending in a responsibility annotation such as 〔牵头单位:…;责任单位:…〕 or （…负责）";

pub fn part_without_tasks(numeral: &str, title: &str) -> String {
    format!(
        "part {numeral}、{title} holds no task while other parts do: expected numbered items ending in a responsibility annotation"
    )
}

/// Assumptions and facts for the user (Chinese, the document's language).
pub fn first_lead_stated() -> String {
    "文件说明列第一位的单位为牵头单位：每条注释所列的第一个单位记为牵头单位".into()
}

pub fn first_lead_assumed(count: usize) -> String {
    format!("文件未说明哪个单位牵头：{count} 条“负责”注释列有多个单位，已假定列第一位的为牵头单位")
}

pub fn unnumbered_tasks(lines: &[usize]) -> String {
    let l: Vec<String> = lines.iter().map(|n| n.to_string()).collect();
    format!(
        "{} 段未编号的文字带有责任注释，已各作为一项任务导入（第 {} 行）",
        lines.len(),
        l.join("、")
    )
}

pub fn loose_text(lines: &[usize]) -> String {
    let l: Vec<String> = lines.iter().map(|n| n.to_string()).collect();
    format!(
        "{} 段没有责任注释的文字接在“负责”注释之后，作为说明文字，不是任务（第 {} 行）",
        lines.len(),
        l.join("、")
    )
}

pub fn left_out(problem: &str) -> String {
    format!("未导入：{problem}")
}

/// A note of the importer's (some are English, for the log) as the Chinese report
/// says it; a note it does not know is shown as it is.
pub fn zh_note(note: &str) -> String {
    if let Some(rest) = note.strip_prefix("used the bundled list of ")
        && let Some((city, rest)) = rest.split_once("'s ")
        && let Some((n, _)) = rest.split_once(' ')
    {
        return format!(
            "使用内置的{city}镇（区）名单（{n} 个，seeds/towns.json）；--towns FILE 可换用其他名单"
        );
    }
    if let Some(rest) = note.strip_prefix("used the bundled curation of ")
        && let Some((number, _)) = rest.split_once(" (")
    {
        return format!(
            "使用内置的 {number} 整理文件（目标关联、标题：seeds/curation.json）；--curation FILE 可换用其他"
        );
    }
    if let Some((groups, _)) = note.split_once(" could not be expanded: ") {
        return format!("{groups}未展开：没有给出名单（--towns FILE），只认得文件点名的地方");
    }
    if let Some((groups, rest)) = note.split_once(" expanded through the list of ")
        && let Some((n, level)) = rest.split_once(' ')
    {
        return format!("{groups}按名单展开为 {n} 个{level}级单位");
    }
    if let Some((groups, level)) =
        note.split_once(" not expanded: the town list (--towns) is of level ")
    {
        return format!("{groups}未展开：名单（--towns）是{level}级");
    }
    if let Some(towns) = note.strip_prefix("not in the town list, added as towns: ") {
        return format!("不在名单中，作为镇加入：{towns}");
    }
    if note.starts_with("no document number (文号) found") {
        return "未找到文号：应有一行如“文 号:海府〔2021〕244号”".into();
    }
    note.to_string()
}
