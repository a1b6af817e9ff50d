//! No input makes the loader or the importer panic.
//!
//! - the loader (`store::parse_bytes`) on arbitrary bytes and on mutations of the
//!   bundled registry's text: it returns `Ok` or `Err`, an error's line:column is
//!   inside the text, and whatever it accepts is valid and survives a write/read;
//! - the importer (`import::import`) on arbitrary text, on documents built from its
//!   own vocabulary, and on line-level mutations of the bundled plan's text: whatever
//!   it imports is valid and loads again, and an error's line is in the document.

use dubang::import::{ImportError, ImportOptions, import};
use dubang::registry::validate;
use dubang::store::{LoadError, parse_bytes, to_json};
use proptest::prelude::*;
use proptest::sample::{Index, select};
use std::path::Path;

const REGISTRY: &str = include_str!("../../seeds/registry.json");
const DOCUMENT: &str = include_str!("../../seeds/haifu-2021-244.txt");

/// `cases` per property, or PROPTEST_CASES when set (to search harder).
fn config(cases: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(cases);
    ProptestConfig {
        cases,
        // Shrinking a 40 kB text is slow and these tests are about "no panic":
        // a small bound keeps a failure's report quick.
        max_shrink_iters: 2_000,
        // No regression files: the tests are run from several checkouts, and a
        // failure prints its minimal input.
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

// ---------------------------------------------------------------------------
// The loader
// ---------------------------------------------------------------------------

/// Loads `bytes` and checks what the loader promises besides not panicking.
fn check_load(bytes: &[u8]) -> Result<(), TestCaseError> {
    match parse_bytes(Path::new("x.json"), bytes) {
        Ok(reg) => {
            let problems = validate(&reg);
            prop_assert!(problems.is_empty(), "accepted but invalid: {problems:?}");
            let json = to_json(&reg);
            let again = parse_bytes(Path::new("x.json"), json.as_bytes());
            prop_assert!(again.is_ok(), "written back, refused: {:?}", again.err());
            prop_assert_eq!(again.unwrap(), reg);
        }
        Err(e) => check_load_error(bytes, &e)?,
    }
    Ok(())
}

/// An error's place, when it has one, is a line of the file and a column of it
/// (1-based, in characters, at most one past the line's end).
fn check_load_error(bytes: &[u8], e: &LoadError) -> Result<(), TestCaseError> {
    prop_assert_eq!(e.file.as_path(), Path::new("x.json"));
    prop_assert!(!e.message.is_empty());
    if let Some((line, col)) = e.at {
        let text = String::from_utf8_lossy(bytes);
        let lines: Vec<&str> = text.split('\n').collect();
        prop_assert!(
            line >= 1 && line <= lines.len(),
            "line {line} of {}: {e}",
            lines.len()
        );
        let width = lines[line - 1].chars().count();
        prop_assert!(
            col >= 1 && col <= width + 1,
            "column {col} of a {width}-character line: {e}"
        );
    }
    Ok(())
}

/// One edit of a text.
#[derive(Debug, Clone)]
enum Edit {
    /// Delete up to `len` bytes (it may cut a character in two).
    Delete(Index, usize),
    /// Insert raw bytes (they may not be UTF-8).
    InsertBytes(Index, Vec<u8>),
    /// Insert text at a character boundary.
    InsertText(Index, String),
    /// Replace one of the text's ASCII digits by another.
    SwapDigit(Index, u8),
}

/// Pieces worth inserting into JSON: CJK, control characters, quotes, escapes
/// (including a lone surrogate), brackets, numbers out of range, keywords.
fn json_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => select(vec![
            "\"", "'", "\\", "\\\"", "\\u0000", "\\ud800", "\\uDFFF", "\\n", "\\x",
            "{", "}", "[", "]", ":", ",", "\u{0}", "\u{1b}[2J", "\u{7}", "\r", "\n", "\t",
            "\u{feff}", "\u{202e}", "\u{200b}", "市水务局", "〔", "〕", "（", "）",
            "null", "true", "-", "-0", "1e999", "18446744073709551616", "256", "101",
            "0.5", "\"s9\"", "\"u1\"", "\"t1\"", "\"done\"", "\"2021-02-30\"",
            "\"2026-13-01T00:00:00+08:00\"", "\"dubang/2\"", "[[[[[[[[",
        ])
        .prop_map(str::to_string),
        1 => "[\\u{4e00}-\\u{9fff}\\u{3000}-\\u{303f}\\u{0}-\\u{1f}\"\\\\{}\\[\\]:,0-9]{1,6}",
    ]
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        2 => (any::<Index>(), 1usize..64).prop_map(|(i, n)| Edit::Delete(i, n)),
        1 => (any::<Index>(), prop::collection::vec(any::<u8>(), 1..6))
            .prop_map(|(i, b)| Edit::InsertBytes(i, b)),
        3 => (any::<Index>(), json_piece()).prop_map(|(i, s)| Edit::InsertText(i, s)),
        2 => (any::<Index>(), 0u8..10).prop_map(|(i, d)| Edit::SwapDigit(i, d)),
    ]
}

fn apply(text: &mut Vec<u8>, e: &Edit) {
    match e {
        Edit::Delete(i, n) => {
            if text.is_empty() {
                return;
            }
            let at = i.index(text.len());
            let end = (at + n).min(text.len());
            text.drain(at..end);
        }
        Edit::InsertBytes(i, b) => {
            let at = i.index(text.len() + 1);
            text.splice(at..at, b.iter().copied());
        }
        Edit::InsertText(i, s) => {
            let mut at = i.index(text.len() + 1);
            // Back to a character boundary (a UTF-8 lead byte or ASCII).
            while at < text.len() && at > 0 && (text[at] & 0xc0) == 0x80 {
                at -= 1;
            }
            text.splice(at..at, s.bytes());
        }
        Edit::SwapDigit(i, d) => {
            let digits: Vec<usize> = text
                .iter()
                .enumerate()
                .filter(|(_, b)| b.is_ascii_digit())
                .map(|(k, _)| k)
                .collect();
            if !digits.is_empty() {
                text[digits[i.index(digits.len())]] = b'0' + d;
            }
        }
    }
}

proptest! {
    #![proptest_config(config(512))]

    #[test]
    fn loader_survives_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..1024)) {
        check_load(&bytes)?;
    }

    /// Bytes from JSON's own alphabet get past the first character more often.
    #[test]
    fn loader_survives_json_alphabet_soup(
        bytes in prop::collection::vec(
            select(b"{}[]\":,.-+eE0123456789 \n\t\\/utrfalsn\xe5\xb8\x82".to_vec()),
            0..512,
        )
    ) {
        check_load(&bytes)?;
    }
}

proptest! {
    #![proptest_config(config(384))]

    #[test]
    fn loader_survives_mutations_of_the_bundled_registry(
        edits in prop::collection::vec(edit(), 1..5)
    ) {
        let mut text = REGISTRY.as_bytes().to_vec();
        for e in &edits {
            apply(&mut text, e);
        }
        check_load(&text)?;
    }
}

// ---------------------------------------------------------------------------
// The importer
// ---------------------------------------------------------------------------

/// Imports `text` with and without the bundled town list and curation, and checks
/// what the importer promises besides not panicking.
fn check_import(text: &str) -> Result<(), TestCaseError> {
    for (bundled, allow_partial) in [(false, false), (true, false), (false, true)] {
        let opts = ImportOptions {
            bundled,
            allow_partial,
            ..ImportOptions::default()
        };
        match import(text, &opts) {
            Ok(imported) => {
                let reg = &imported.registry;
                let problems = validate(reg);
                prop_assert!(problems.is_empty(), "imported but invalid: {problems:?}");
                let json = to_json(reg);
                let loaded = parse_bytes(Path::new("x.json"), json.as_bytes());
                prop_assert!(
                    loaded.is_ok(),
                    "the importer wrote a file the loader refuses: {}",
                    loaded.unwrap_err()
                );
                // And reads back as what was written.
                prop_assert_eq!(&loaded.unwrap(), reg);
            }
            Err(e) => check_import_error(text, &e)?,
        }
    }
    Ok(())
}

fn check_import_error(text: &str, e: &ImportError) -> Result<(), TestCaseError> {
    prop_assert!(!e.message.is_empty());
    // The importer checks its own output and reports an invalid registry as an
    // internal error: that is a bug of the importer, never of the document.
    prop_assert!(
        !e.message.starts_with("internal error"),
        "{e}\n--- document ---\n{text}"
    );
    if e.line > 0 {
        let lines: Vec<&str> = text.split('\n').collect();
        prop_assert!(
            e.line <= lines.len(),
            "line {} of {}: {e}",
            e.line,
            lines.len()
        );
        if let Some(col) = e.column {
            let width = lines[e.line - 1].chars().count();
            prop_assert!(
                col >= 1 && col <= width + 1,
                "column {col} of a {width}-character line: {e}"
            );
        }
    }
    Ok(())
}

/// Text of random characters, with newlines common enough to make lines.
fn arbitrary_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            6 => any::<char>(),
            1 => Just('\n'),
            1 => select(vec!['〔', '〕', '(', ')', '（', '）', '【', '】', ':', '：', ';', '；', '、', '。', '.']),
        ],
        0..400,
    )
    .prop_map(|cs| cs.into_iter().collect())
}

const NUMERALS: [&str; 11] = [
    "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一",
];

/// Names as annotations write them: with and without the city's prefix, towns,
/// 各镇(区) in both bracket widths, a bank, a group, degenerate one-character names.
///
/// Not here: a chain of prefixes such as 水务局 / 市水务局 / 市市水务局, which the
/// importer merges into a unit it then drops (see
/// `alias_chains_do_not_make_an_invalid_registry`).
const UNIT_NAMES: [&str; 23] = [
    "市水务局",
    "水务局",
    "县水务局",
    "农业农村局",
    "市农业农村局",
    "各镇(区)",
    "各镇（区）",
    "各镇",
    "嘉积镇",
    "博鳌镇",
    "会山镇",
    "新设镇",
    "彬村山华侨经济区",
    "人民银行琼海支行",
    "团市委",
    "实施乡村振兴战略领导小组成员单位",
    "市委宣传部",
    "市发改委",
    "有关单位",
    "镇",
    "各",
    "区",
    "市",
];

fn unit_name() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => select(UNIT_NAMES.to_vec()).prop_map(str::to_string),
        1 => (select(vec!["", "市", "县", "区"]), "[\\u{4e00}-\\u{4e2f}]{1,3}", select(vec!["局", "委", "镇", "乡", "街道", "支行", "成员单位", ""]))
            .prop_map(|(p, m, s)| format!("{p}{m}{s}")),
    ]
}

/// Usually one of `good`, sometimes one of `bad`.
fn mostly(good: Vec<&'static str>, bad: Vec<&'static str>) -> impl Strategy<Value = &'static str> {
    prop_oneof![40 => select(good), 1 => select(bad)]
}

/// A responsibility annotation, mostly well formed (a plan with one bad annotation
/// is refused, so each part is usually right).
fn annotation() -> impl Strategy<Value = String> {
    (
        prop_oneof![
            40 => select(vec![("〔", "〕"), ("(", ")"), ("（", "）"), ("【", "】"), ("(", "）")]),
            1 => select(vec![("〔", ")"), ("(", "〕"), ("", ""), ("〔", "")]),
        ],
        mostly(
            vec!["牵头单位", "牵头部门", "主责单位"],
            vec!["责任单位", "牵 头单位"],
        ),
        mostly(vec![":", "：", " : ", "： "], vec!["", ";"]),
        prop_oneof![40 => prop::collection::vec(unit_name(), 1..4), 1 => Just(Vec::new())],
        prop::option::of((
            mostly(vec![";", "；", "; "], vec!["", ",", "。"]),
            mostly(
                vec!["责任单位", "配合单位", "协同单位", "参与单位"],
                vec!["牵头单位", "单位"],
            ),
            mostly(vec![":", "："], vec![""]),
            prop::collection::vec(unit_name(), 0..5),
        )),
        mostly(vec!["、", ",", "，", "/"], vec!["、、", ";;", "(", ""]),
        mostly(vec!["", "。", "；", "。 "], vec!["还有文字", "〕", ")"]),
    )
        .prop_map(|((open, close), key, colon, lead, rest, sep, tail)| {
            let mut s = format!("{open}{key}{colon}{}", lead.join(sep));
            if let Some((semi, key2, colon2, resp)) = rest {
                s.push_str(&format!("{semi}{key2}{colon2}{}", resp.join(sep)));
            }
            format!("{s}{close}{tail}")
        })
}

/// A sentence of CJK text, sometimes with brackets, numbers or a town's name.
fn prose() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => "[\\u{4e00}-\\u{9fa5}]{1,8}",
            1 => select(vec![
                ",", "，", "、", "。", ";", "；", ":", "(", ")", "（", "）", "“", "”", "嘉积",
                "万泉河", "博鳌", "到2025年,", "到2035年，", "2021", "〔2021〕", "\u{3000}",
                " ", "\t", "\u{1b}[31m", "\u{200b}",
            ])
            .prop_map(str::to_string),
        ],
        0..8,
    )
    .prop_map(|v| v.concat())
}

/// One line of a work plan, from the importer's vocabulary.
fn plan_line() -> impl Strategy<Value = String> {
    prop_oneof![
        // Part headings.
        2 => (select(NUMERALS.to_vec()), select(vec!["、", ".", "．", ""]), select(vec![
            "主要目标", "具体任务", "重点任务", "保障措施", "指导思想", "重点工作", "工作措施",
        ]))
            .prop_map(|(n, p, t)| format!("{n}{p}{t}")),
        // Section headings.
        2 => (select(vec!["(", "（"]), select(NUMERALS.to_vec()), select(vec![")", "）"]), prose(), select(vec!["。", "", ";"]), prose())
            .prop_map(|(o, n, c, t, p, rest)| format!("{o}{n}{c}{t}{p}{rest}")),
        // Tasks, with or without an annotation.
        4 => (0u32..12, select(vec![".", "．", "、", ""]), prose(), prop::option::of(annotation()))
            .prop_map(|(n, p, t, a)| format!("{n}{p}{t}{}", a.unwrap_or_default())),
        // A paragraph ending a task.
        1 => (prose(), annotation()).prop_map(|(t, a)| format!("{t}{a}")),
        1 => prose(),
        // The notice's metadata and the page's chrome.
        1 => select(vec![
            "标题:琼海市人民政府关于印发新时代支持琼崖革命老区振兴发展工作方案的通知",
            "文 号:海府〔2021〕244号",
            "海府〔2021〕244号",
            "成文日期:2021年12月31日",
            "2021年12月31日",
            "2021年2月30日",
            "琼海市人民政府",
            "发文机关:琼海市政府办公室",
            "新时代支持琼崖革命老区振兴发展工作方案",
            "首页 > 信息公开专栏",
            "",
            "   ",
        ])
        .prop_map(str::to_string),
        // Vocabulary soup.
        1 => prop::collection::vec(select(vec![
            "三、具体任务", "(一)标题。", "1.", "文字", "〔", "〕", "(", ")", "（", "）",
            "【", "】", "牵头单位", "责任单位", ":", "：", "；", ";", "、", "1", "2", "9",
            "市水务局", "各镇(区)", "\n", "。",
        ]), 0..12)
            .prop_map(|v| v.concat()),
    ]
}

/// A work plan that is mostly well formed: a notice, goals, sections of tasks
/// numbered in order, each with an annotation, then measures.
fn plan() -> impl Strategy<Value = String> {
    let task = (prose(), prop::collection::vec(prose(), 0..2), annotation());
    let section = (prose(), prop::collection::vec(task, 1..4));
    (
        prop::bool::ANY,
        prose(),
        prop::collection::vec(section, 1..4),
        prop::collection::vec(prose(), 0..3),
    )
        .prop_map(|(notice, goals, sections, measures)| {
            let mut doc = String::new();
            if notice {
                doc.push_str(
                    "标题:琼海市人民政府关于印发新时代支持琼崖革命老区振兴发展工作方案的通知\n文 号:海府〔2021〕244号\n琼海市人民政府\n2021年12月31日\n",
                );
            }
            doc.push_str(&format!("一、主要目标\n到2025年,{goals}。到2035年,{goals}。\n二、重点任务\n"));
            let mut n = 0;
            for (i, (title, tasks)) in sections.iter().enumerate() {
                doc.push_str(&format!("({}){title}。\n", NUMERALS[i % 10]));
                for (first, more, ann) in tasks {
                    n += 1;
                    doc.push_str(&format!("{n}.首先{first}"));
                    for p in more {
                        doc.push_str(&format!("\n　　{p}"));
                    }
                    doc.push_str(&format!("{ann}\n"));
                }
            }
            doc.push_str("三、保障措施\n");
            for (i, m) in measures.iter().enumerate() {
                doc.push_str(&format!("({}){m}。{m}\n", NUMERALS[i]));
            }
            doc
        })
}

/// Reads and imports bytes as `dubang import` does: an error is at a line and
/// column of the text read, never a panic or an internal error.
fn check_document(bytes: &[u8]) -> Result<(), TestCaseError> {
    for allow_partial in [false, true] {
        let opts = ImportOptions {
            allow_partial,
            ..ImportOptions::default()
        };
        match dubang::import::import_document(bytes, "x", &opts) {
            Ok((imported, _)) => {
                let problems = validate(&imported.registry);
                prop_assert!(problems.is_empty(), "imported but invalid: {problems:?}");
            }
            Err((errors, _)) => {
                prop_assert!(!errors.is_empty());
                for e in &errors {
                    prop_assert!(
                        !e.message.is_empty() && !e.message.starts_with("internal error"),
                        "{e}"
                    );
                    prop_assert!(e.line >= 1 || e.column.is_none(), "{e}");
                }
            }
        }
    }
    Ok(())
}

/// Pieces of HTML and of a Word document's XML.
fn markup_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => select(vec![
            "<p>", "</p>", "<div>", "</div>", "<br>", "<script>", "</script>", "<nav>", "</nav>",
            "<table><tr><td>", "</td><td>", "</td></tr></table>", "&amp;", "&nbsp;", "&#65307;",
            "&#xZZ;", "<!--", "-->", "<w:p>", "</w:p>", "<w:t>", "</w:t>", "<w:tbl><w:tr><w:tc>",
            "</w:tc></w:tr></w:tbl>", "<w:br/>", "<w:tab/>", "<![CDATA[", "]]>", "<", ">", "\"",
        ])
        .prop_map(str::to_string),
        2 => outline_line(),
        1 => prose(),
    ]
}

/// One line of a plan of either annotation family, at any outline level.
fn outline_line() -> impl Strategy<Value = String> {
    let marker = prop_oneof![
        select(vec![
            "一、",
            "二、",
            "三、",
            "（一）",
            "(二)",
            "（三）",
            "1.",
            "2．",
            "3、",
            "１．",
            "（1）",
            "(2)",
            "①",
            "②",
            ""
        ])
        .prop_map(str::to_string),
        (0u32..50).prop_map(|n| format!("{n}.")),
    ];
    let units = prop::collection::vec(
        select(vec![
            "市甲局",
            "国家乙委",
            "丙部",
            "各区、县级市",
            "各省级人民政府",
            "各镇（区）",
            "各有关单位",
            "市发改委",
            "发展改革委",
            "各县（市、区）人民政府",
        ]),
        1..4,
    );
    let duty = (
        select(vec!["（", "(", "〔", "【"]),
        units.clone(),
        select(vec!["、", "，", ",", "/"]),
        select(vec![
            "负责",
            "牵头负责",
            "等负责",
            "按职责分工负责",
            "牵头",
            "配合",
            "参与",
            "",
        ]),
        prop::option::of(select(vec![
            "，排在第一位的为牵头单位，下同",
            "，列第一位者为牵头单位",
            "，市乙局配合",
            "；",
        ])),
        select(vec!["）", ")", "〕", "】", ""]),
        select(vec!["", "。", "还有文字"]),
    )
        .prop_map(|(o, u, sep, verb, rule, c, tail)| {
            format!("{o}{}{verb}{}{c}{tail}", u.join(sep), rule.unwrap_or(""))
        });
    let labelled_line = (
        select(vec!["牵头单位", "责任单位", "配合单位"]),
        select(vec![":", "：", ""]),
        units,
    )
        .prop_map(|(k, c, u)| format!("{k}{c}{}", u.join("、")));
    prop_oneof![
        4 => (marker.clone(), prose(), prop::option::of(duty.clone())).prop_map(|(m, t, d)| format!("{m}{t}{}", d.unwrap_or_default())),
        2 => (marker, prose(), annotation()).prop_map(|(m, t, a)| format!("{m}{t}{a}")),
        1 => labelled_line,
        1 => (prose(), duty).prop_map(|(t, d)| format!("{t}{d}")),
        1 => prose(),
    ]
}

/// One edit of a document's lines.
#[derive(Debug, Clone)]
enum LineEdit {
    Delete(Index),
    Duplicate(Index),
    Swap(Index, Index),
    /// Cut a line at a character boundary.
    Truncate(Index, Index),
    Insert(Index, String),
}

fn line_edit() -> impl Strategy<Value = LineEdit> {
    prop_oneof![
        3 => any::<Index>().prop_map(LineEdit::Delete),
        2 => any::<Index>().prop_map(LineEdit::Duplicate),
        2 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| LineEdit::Swap(a, b)),
        3 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| LineEdit::Truncate(a, b)),
        1 => (any::<Index>(), plan_line()).prop_map(|(a, s)| LineEdit::Insert(a, s)),
    ]
}

fn apply_line_edit(lines: &mut Vec<String>, e: &LineEdit) {
    if lines.is_empty() {
        return;
    }
    let n = lines.len();
    match e {
        LineEdit::Delete(i) => {
            lines.remove(i.index(n));
        }
        LineEdit::Duplicate(i) => {
            let i = i.index(n);
            lines.insert(i, lines[i].clone());
        }
        LineEdit::Swap(a, b) => lines.swap(a.index(n), b.index(n)),
        LineEdit::Truncate(i, at) => {
            let line = &mut lines[i.index(n)];
            let chars = line.chars().count();
            let keep = at.index(chars + 1);
            *line = line.chars().take(keep).collect();
        }
        LineEdit::Insert(i, s) => lines.insert(i.index(n + 1), s.clone()),
    }
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn importer_survives_arbitrary_text(text in arbitrary_text()) {
        check_import(&text)?;
    }

    #[test]
    fn importer_survives_its_vocabulary(lines in prop::collection::vec(plan_line(), 0..30)) {
        check_import(&lines.join("\n"))?;
    }

    #[test]
    fn importer_survives_generated_plans(doc in plan(), edits in prop::collection::vec(line_edit(), 0..3)) {
        let mut lines: Vec<String> = doc.split('\n').map(str::to_string).collect();
        for e in &edits {
            apply_line_edit(&mut lines, e);
        }
        check_import(&lines.join("\n"))?;
    }

    #[test]
    fn importer_survives_the_outline_and_both_annotation_families(
        lines in prop::collection::vec(outline_line(), 0..30)
    ) {
        check_import(&lines.join("\n"))?;
    }

    #[test]
    fn document_readers_survive_arbitrary_bytes(
        bytes in prop::collection::vec(any::<u8>(), 0..512),
        kind in 0u8..4,
    ) {
        // As they come, as a zip (docx), as a page, as GB18030 text.
        let bytes = match kind {
            0 => bytes,
            1 => [&b"PK\x03\x04"[..], &bytes].concat(),
            2 => [&b"<!DOCTYPE html><html><body><p>"[..], &bytes].concat(),
            _ => [&b"\xd2\xbb\xa1\xa2"[..], &bytes].concat(),
        };
        check_document(&bytes)?;
    }

    #[test]
    fn html_and_docx_readers_survive_markup_soup(
        pieces in prop::collection::vec(markup_piece(), 0..60)
    ) {
        let soup = pieces.concat();
        let text = dubang::import::formats::html_text(&soup);
        check_import(&text)?;
        let _ = dubang::import::formats::docx_xml(&soup);
        let page = format!("<html><body>{soup}</body></html>");
        check_document(page.as_bytes())?;
    }

    #[test]
    fn importer_survives_line_edits_of_the_bundled_plan(
        edits in prop::collection::vec(line_edit(), 1..6)
    ) {
        let mut lines: Vec<String> = DOCUMENT.split('\n').map(str::to_string).collect();
        for e in &edits {
            apply_line_edit(&mut lines, e);
        }
        check_import(&lines.join("\n"))?;
    }
}

#[test]
fn the_bundled_plan_imports_and_loads_again() {
    for bundled in [false, true] {
        let opts = ImportOptions {
            bundled,
            ..ImportOptions::default()
        };
        let imported = import(DOCUMENT, &opts).expect("the bundled plan imports");
        assert_eq!(imported.registry.tasks.len(), 28);
        let json = to_json(&imported.registry);
        let loaded = parse_bytes(Path::new("x.json"), json.as_bytes()).expect("and loads");
        assert_eq!(loaded, imported.registry);
    }
}

/// 水务局, 市水务局 and 市市水务局 in one plan: the importer merges 水务局 into
/// 市水务局 and 市水务局 into 市市水务局, drops both, but keeps tasks pointing at
/// 市水务局's id, so its own check refuses the result ("internal error: …
/// tasks[0].lead[0]: unknown unit 'u2'"). Ignored until `Directory::merge_aliases`
/// follows a merge to its end.
#[test]
fn alias_chains_do_not_make_an_invalid_registry() {
    let doc = "一、主要目标\n到2025年,甲。\n二、重点任务\n(一)标题。\n1.文字〔牵头单位:水务局;责任单位:市水务局、市市水务局〕\n";
    let imported = import(doc, &ImportOptions::default());
    let imported = imported.unwrap_or_else(|e| panic!("{e}"));
    assert!(validate(&imported.registry).is_empty());
}

/// Found by `importer_survives_generated_plans`: after a full-width colon the
/// annotation's error offsets fell inside the colon and slicing the paragraph
/// there panicked. The error now points where the empty name starts: the 、 right
/// after the colon (column 11), the space before the ， (column 21).
#[test]
fn a_full_width_colon_before_an_empty_name_is_an_error() {
    for (doc, col) in [
        (
            "二、重点任务\n(一)标题。\n1.文字〔牵头单位：、市水务局〕\n",
            11,
        ),
        (
            "二、重点任务\n(一)标题。\n1.文字〔牵头单位：市水务局；责任单位： ，各镇(区)〕\n",
            21,
        ),
    ] {
        let e = import(doc, &ImportOptions::default()).unwrap_err();
        assert_eq!((e.line, e.column), (3, Some(col)), "{e}");
        assert!(e.message.contains("empty unit name"), "{e}");
    }
}
