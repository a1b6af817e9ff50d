//! Every sentence the importer says about a document, in one place and in both
//! languages. Problems are typed ([`Msg`]) and said in the reader's language; each is
//! one line and says what was expected. Notes are kept in English for the log and
//! said in Chinese by [`zh_note`]; the outline and the assumptions of `--check` are in
//! Chinese labels.

use crate::lang::Lang;
use std::fmt;

pub use super::notes::{
    EMPTY_TOWN_LIST, at, bad_list, first_lead_assumed, first_lead_stated, left_out, left_out_line,
    loose_text, note, unnumbered_tasks, unplaced, zh_note,
};

/// What went wrong where, in words of neither language: [`Msg::text`] says it in
/// the reader's. Unit names, numerals, paths and quoted document text stay as they are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Msg {
    OutOfOrder {
        level: u8,
        expected: u32,
        found: u32,
    },
    InTask {
        label: String,
        inner: Box<Msg>,
    },
    AnnotationWithoutText(String),
    StrayText {
        prev: String,
        next: u32,
    },
    NoAnnotation {
        numeral: String,
        next_line: usize,
    },
    Empty,
    NoTasks,
    PartWithoutTasks {
        numeral: String,
        title: String,
    },
    NotBracketed,
    TextAfterAnnotation(String),
    ClosedWith {
        open: char,
        close: char,
        expected: char,
    },
    NotClosed {
        open: char,
        expected: char,
    },
    NoKey,
    UnexpectedBefore {
        text: String,
        key: String,
    },
    NoColon(String),
    NoUnit(String),
    NoLead,
    EmptyUnitName,
    Internal {
        path: String,
        message: String,
    },
    CurationFor {
        curation: String,
        document: String,
    },
    CurationNoGoal(String),
    CurationUnknownSection {
        goal: String,
        section: String,
    },
    CurationNoClause {
        goal: String,
        target: String,
    },
    Utf16Invalid,
    Unreadable(Unreadable),
    DocxUnreadable(String),
    DocxNoDocument,
    DocxXmlUnreadable(String),
    DocxMalformed {
        at: u64,
        error: String,
    },
}

/// Bytes that are not the text of a plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unreadable {
    Binary,
    NeitherUtf8NorGb18030,
    NotUtf8,
}

impl Msg {
    pub fn out_of_order(level: u8, expected: u32, found: u32) -> Msg {
        Msg::OutOfOrder {
            level,
            expected,
            found,
        }
    }

    /// `inner`, said of the task numbered `label` (if it has a number).
    pub fn in_task(label: &str, inner: Msg) -> Msg {
        if label.is_empty() {
            inner
        } else {
            Msg::InTask {
                label: label.to_string(),
                inner: Box::new(inner),
            }
        }
    }

    /// The message in the reader's language.
    pub fn text(&self, lang: Lang) -> String {
        match lang {
            Lang::En => self.en(),
            Lang::Zh => self.zh(),
        }
    }

    fn en(&self) -> String {
        match self {
            Msg::OutOfOrder {
                level,
                expected,
                found,
            } => match level {
                1 => format!(
                    "expected part {expected} here, found part {found}: parts must be numbered in order (is one missing or misnumbered?)"
                ),
                2 => format!(
                    "expected section ({expected}) here, found section ({found}): sections must be numbered in order (is one missing or misnumbered?)"
                ),
                _ => format!(
                    "expected task {expected} here, found task {found}: tasks must be numbered in order (is a task missing or misnumbered?)"
                ),
            },
            Msg::InTask { label, inner } => format!("task {label}: {}", inner.en()),
            Msg::AnnotationWithoutText(label) => format!(
                "task {label} has an annotation but no text: expected the task's text before it"
            ),
            Msg::StrayText { prev, next } => format!(
                "text after the annotation of task {prev} that belongs to no task: expected task {next} (\"{next}.\"), a heading, or an annotation closing this text"
            ),
            Msg::NoAnnotation { numeral, next_line } => {
                let before = if *next_line > 0 {
                    format!(" before line {next_line}")
                } else {
                    " before the end of the document".into()
                };
                format!(
                    "task {numeral} has no responsibility annotation{before}: expected 〔牵头单位:…;责任单位:…〕 or （…负责） at the end of its text"
                )
            }
            Msg::Empty => "the document is empty: expected the text of a work plan".into(),
            Msg::NoTasks => "no numbered tasks found: expected numbered items (一、 （一） 1. （1） ①) each ending in a responsibility annotation such as 〔牵头单位:…;责任单位:…〕 or （…负责）".into(),
            Msg::PartWithoutTasks { numeral, title } => format!(
                "part {numeral}、{title} holds no task while other parts do: expected numbered items ending in a responsibility annotation"
            ),
            Msg::NotBracketed => "a responsibility annotation must be in brackets: expected 〔牵头单位:…;责任单位:…〕 or (牵头单位:…)".into(),
            Msg::TextAfterAnnotation(after) => format!(
                "text after the responsibility annotation ('{after}'): the annotation must end the task"
            ),
            Msg::ClosedWith {
                open,
                close,
                expected,
            } => format!("the annotation opened with {open} is closed with {close}: expected {expected}"),
            Msg::NotClosed { open, expected } => format!(
                "the annotation opened with {open} is not closed: expected {expected} at the end of the task"
            ),
            Msg::NoKey => "no 牵头单位 in the annotation".into(),
            Msg::UnexpectedBefore { text, key } => {
                format!("unexpected '{text}' before {key} in the annotation")
            }
            Msg::NoColon(key) => format!("expected ':' or '：' after {key}"),
            Msg::NoUnit(key) => {
                format!("{key} names no unit: expected one or more units after '{key}:'")
            }
            Msg::NoLead => {
                "the annotation has no 牵头单位 (lead unit): expected 牵头单位:… first".into()
            }
            Msg::EmptyUnitName => "empty unit name between separators".into(),
            Msg::Internal { path, message } => format!(
                "internal error: the imported registry is invalid at {path}: {message}"
            ),
            Msg::CurationFor { curation, document } => format!(
                "the curation is for {curation} but the document is {document}: give the curation made for this document"
            ),
            Msg::CurationNoGoal(key) => format!(
                "curation: no goal '{key}' in the document (goals are keyed by year, e.g. \"2025\")"
            ),
            Msg::CurationUnknownSection { goal, section } => {
                format!("curation: goal {goal}: unknown section '{section}'")
            }
            Msg::CurationNoClause { goal, target } => {
                format!("curation: goal {goal}: no clause contains '{target}'")
            }
            Msg::Utf16Invalid => "the UTF-16 text has invalid bytes: expected text".into(),
            Msg::Unreadable(what) => {
                let what = match what {
                    Unreadable::Binary => "binary data",
                    Unreadable::NeitherUtf8NorGb18030 => "bytes that are neither UTF-8 nor GB18030",
                    Unreadable::NotUtf8 => "bytes that are not UTF-8",
                };
                format!(
                    "{what} here: expected the text of a work plan (plain text, an HTML page or a Word .docx)"
                )
            }
            Msg::DocxUnreadable(e) => {
                format!("not a readable Word file ({e}): expected a .docx (a zip archive)")
            }
            Msg::DocxNoDocument => {
                "the archive has no word/document.xml: expected a Word .docx".into()
            }
            Msg::DocxXmlUnreadable(e) => {
                format!("word/document.xml cannot be read ({e}): expected UTF-8 XML")
            }
            Msg::DocxMalformed { at, error } => format!(
                "word/document.xml is not well-formed at byte {at} ({error}): expected a Word .docx"
            ),
        }
    }

    fn zh(&self) -> String {
        match self {
            Msg::OutOfOrder {
                level,
                expected,
                found,
            } => match level {
                1 => format!(
                    "此处应为第 {expected} 部分，却是第 {found} 部分：部分须按顺序编号（是否缺了一部分或编错了号？）"
                ),
                2 => format!(
                    "此处应为第（{expected}）节，却是第（{found}）节：各节须按顺序编号（是否缺了一节或编错了号？）"
                ),
                _ => format!(
                    "此处应为第 {expected} 项任务，却是第 {found} 项：任务须按顺序编号（是否缺了一项或编错了号？）"
                ),
            },
            Msg::InTask { label, inner } => format!("任务 {label}：{}", inner.zh()),
            Msg::AnnotationWithoutText(label) => {
                format!("任务 {label} 只有责任注释，没有正文：注释之前应有任务的正文")
            }
            Msg::StrayText { prev, next } => format!(
                "任务 {prev} 的责任注释之后有一段不属于任何任务的文字：此处应为任务 {next}（“{next}.”）、标题，或以责任注释结束这段文字"
            ),
            Msg::NoAnnotation { numeral, next_line } => {
                let before = if *next_line > 0 {
                    format!("在第 {next_line} 行之前")
                } else {
                    "在文件结束之前".into()
                };
                format!(
                    "任务 {numeral} {before}没有责任注释：正文末尾应有 〔牵头单位:…;责任单位:…〕 或 （…负责）"
                )
            }
            Msg::Empty => "文件是空的：应为一份工作方案的正文".into(),
            Msg::NoTasks => "没有找到编号的任务：应有编号的条目（一、 （一） 1. （1） ①），每条以责任注释结束，如 〔牵头单位:…;责任单位:…〕 或 （…负责）".into(),
            Msg::PartWithoutTasks { numeral, title } => format!(
                "第{numeral}部分“{title}”没有任务，而其他部分有任务：应有以责任注释结束的编号条目"
            ),
            Msg::NotBracketed => {
                "责任注释须在括号内：应为 〔牵头单位:…;责任单位:…〕 或 （牵头单位:…）".into()
            }
            Msg::TextAfterAnnotation(after) => {
                format!("责任注释之后还有文字（“{after}”）：责任注释须在任务末尾")
            }
            Msg::ClosedWith {
                open,
                close,
                expected,
            } => format!("以 {open} 开始的注释以 {close} 结束：应为 {expected}"),
            Msg::NotClosed { open, expected } => {
                format!("以 {open} 开始的注释没有结束：任务末尾应有 {expected}")
            }
            Msg::NoKey => "注释中没有牵头单位".into(),
            Msg::UnexpectedBefore { text, key } => {
                format!("注释中 {key} 之前有多余的“{text}”")
            }
            Msg::NoColon(key) => format!("{key} 之后应有冒号（“:”或“：”）"),
            Msg::NoUnit(key) => format!("{key} 没有列出单位：“{key}:”之后应有一个或多个单位"),
            Msg::NoLead => "注释没有牵头单位：应先写“牵头单位:…”".into(),
            Msg::EmptyUnitName => "分隔符之间的单位名称是空的".into(),
            Msg::Internal { path, message } => {
                format!("内部错误：导入得到的方案在 {path} 处无效：{message}")
            }
            Msg::CurationFor { curation, document } => format!(
                "整理文件是为 {curation} 做的，而本文件是 {document}：请给出为本文件做的整理文件"
            ),
            Msg::CurationNoGoal(key) => {
                format!("整理文件：文件中没有目标“{key}”（目标按年份称呼，如“2025”）")
            }
            Msg::CurationUnknownSection { goal, section } => {
                format!("整理文件：目标 {goal}：没有章节“{section}”")
            }
            Msg::CurationNoClause { goal, target } => {
                format!("整理文件：目标 {goal}：没有哪一条含有“{target}”")
            }
            Msg::Utf16Invalid => "UTF-16 文本中有无效字节：应为文本".into(),
            Msg::Unreadable(what) => {
                let what = match what {
                    Unreadable::Binary => "二进制数据",
                    Unreadable::NeitherUtf8NorGb18030 => "既非 UTF-8 也非 GB18030 的字节",
                    Unreadable::NotUtf8 => "不是 UTF-8 的字节",
                };
                format!("此处是{what}：应为工作方案的正文（纯文本、网页或 Word 文档）")
            }
            Msg::DocxUnreadable(e) => {
                format!("无法读取的 Word 文件（{e}）：应为 .docx 文档（zip 压缩包）")
            }
            Msg::DocxNoDocument => "压缩包中没有 word/document.xml：应为 Word 文档".into(),
            Msg::DocxXmlUnreadable(e) => {
                format!("无法读取 word/document.xml（{e}）：应为 UTF-8 编码的 XML")
            }
            Msg::DocxMalformed { at, error } => format!(
                "word/document.xml 在第 {at} 字节处格式有误（{error}）：应为 Word 文档"
            ),
        }
    }
}

/// English, as the log and the library's callers read it.
impl fmt::Display for Msg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.en())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_problem_is_said_in_chinese_without_english_words() {
        let s = String::from;
        let all = [
            Msg::out_of_order(1, 2, 3),
            Msg::out_of_order(2, 2, 3),
            Msg::out_of_order(3, 2, 3),
            Msg::in_task("一", Msg::NoLead),
            Msg::AnnotationWithoutText(s("1")),
            Msg::StrayText {
                prev: s("1."),
                next: 2,
            },
            Msg::NoAnnotation {
                numeral: s("1"),
                next_line: 9,
            },
            Msg::NoAnnotation {
                numeral: s("1"),
                next_line: 0,
            },
            Msg::Empty,
            Msg::NoTasks,
            Msg::PartWithoutTasks {
                numeral: s("二"),
                title: s("主要任务"),
            },
            Msg::NotBracketed,
            Msg::TextAfterAnnotation(s("此后")),
            Msg::ClosedWith {
                open: '（',
                close: '〕',
                expected: '）',
            },
            Msg::NotClosed {
                open: '（',
                expected: '）',
            },
            Msg::NoKey,
            Msg::UnexpectedBefore {
                text: s("甲"),
                key: s("牵头单位"),
            },
            Msg::NoColon(s("牵头单位")),
            Msg::NoUnit(s("牵头单位")),
            Msg::NoLead,
            Msg::EmptyUnitName,
            Msg::CurationFor {
                curation: s("甲〔2021〕1号"),
                document: s("乙〔2022〕2号"),
            },
            Msg::CurationNoGoal(s("2025")),
            Msg::CurationUnknownSection {
                goal: s("2025"),
                section: s("s9"),
            },
            Msg::CurationNoClause {
                goal: s("2025"),
                target: s("目标"),
            },
            Msg::Utf16Invalid,
            Msg::Unreadable(Unreadable::Binary),
            Msg::Unreadable(Unreadable::NeitherUtf8NorGb18030),
            Msg::Unreadable(Unreadable::NotUtf8),
            Msg::DocxNoDocument,
        ];
        let allowed = [
            "UTF", "GB18030", "Word", "docx", "zip", "word", "document", "xml", "XML",
        ];
        for m in &all {
            let zh = m.text(Lang::Zh);
            assert!(zh.chars().any(|c| c > '\u{2e80}'), "{zh}");
            let english: Vec<&str> = zh
                .split(|c: char| !c.is_ascii_alphanumeric())
                .filter(|w| w.chars().filter(char::is_ascii_alphabetic).count() >= 2)
                .filter(|w| !allowed.contains(w))
                .collect();
            assert!(english.is_empty(), "{zh}: {english:?}");
            assert_eq!(m.text(Lang::En), m.to_string());
        }
    }
}
