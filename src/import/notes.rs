//! The importer's notes and the lines around its problems: where a problem is,
//! what `--allow-partial` left out, the notes of `--check` (kept in English for the
//! log, said in Chinese by [`zh_note`]). The problems themselves are
//! [`super::messages::Msg`].

use crate::lang::Lang;

/// Where a problem is, when there is no file name to put before it.
pub fn at(lang: Lang, line: usize, column: Option<usize>, message: &str) -> String {
    match (lang, line, column) {
        (_, 0, _) => message.to_string(),
        (Lang::En, l, Some(c)) => format!("line {l}, column {c}: {message}"),
        (Lang::En, l, None) => format!("line {l}: {message}"),
        (Lang::Zh, l, Some(c)) => format!("第 {l} 行第 {c} 列：{message}"),
        (Lang::Zh, l, None) => format!("第 {l} 行：{message}"),
    }
}

/// `dubang: note: …` on stderr: the source read, an assumption, a fact.
pub fn note(lang: Lang, note: &str) -> String {
    match lang {
        Lang::En => format!("note: {note}"),
        Lang::Zh => format!("说明：{}", zh_note(note)),
    }
}

/// `dubang: left out: FILE:LINE:COL: …` under `--allow-partial`.
pub fn left_out_line(lang: Lang, problem_line: &str) -> String {
    match lang {
        Lang::En => format!("left out: {problem_line}"),
        Lang::Zh => format!("未导入：{problem_line}"),
    }
}

/// Why a town list is refused though it is JSON.
pub const EMPTY_TOWN_LIST: &str = "the town list is empty";

/// A `--towns` (`towns`) or `--curation` file that cannot be used; `error` is what
/// [`super::Gazetteer::from_json`] or [`super::Curation::from_json`] said (the JSON
/// reader's own words stay as they are, in brackets).
pub fn bad_list(lang: Lang, path: &str, towns: bool, error: &str) -> String {
    match (lang, towns) {
        (Lang::En, _) => format!("{path}: {error}"),
        (Lang::Zh, true) if error == EMPTY_TOWN_LIST => format!("{path}：镇（区）名单是空的"),
        (Lang::Zh, true) => format!("{path}：无法读取镇（区）名单（{error}）"),
        (Lang::Zh, false) => format!("{path}：无法读取整理文件（{error}）"),
    }
}

/// The error `--check` ends with when some lines could not be placed.
pub fn unplaced(lang: Lang, file: &str, n: usize) -> String {
    match lang {
        Lang::En => format!("{file}: {n} line(s) could not be placed (listed above)"),
        Lang::Zh => format!("{file}：{n} 处无法定位（见上）"),
    }
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
