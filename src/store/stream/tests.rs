use super::*;
use crate::store::files::FILE_CAP;
use crate::store::{BUNDLED, load, load_as_written, parse_bytes, parse_bytes_as_written};
use serde_json::{Value, json};

/// Block sizes that cut every element, key and character somewhere.
const SMALL_BLOCKS: [usize; 9] = [1, 2, 3, 4, 5, 7, 13, 64, 1000];

fn streamed(json: &[u8], block: usize) -> Option<Registry> {
    parse_in_blocks(json, json.len() as u64, FILE_CAP, block)
}

/// What the whole-file parse makes of the same text (no checks).
fn whole(json: &str) -> Option<Registry> {
    serde_json::from_str(json.strip_prefix('\u{feff}').unwrap_or(json)).ok()
}

fn seed() -> Value {
    serde_json::from_str(BUNDLED).unwrap()
}

fn same_at_every_block(json: &str) -> Registry {
    let expected = whole(json).expect("the whole-file parse takes it");
    for block in SMALL_BLOCKS.into_iter().chain([BLOCK]) {
        let got = streamed(json.as_bytes(), block);
        assert_eq!(got.as_ref(), Some(&expected), "block of {block} bytes");
    }
    expected
}

#[test]
fn the_bundled_plan_reads_the_same_in_blocks_of_any_size() {
    let reg = same_at_every_block(BUNDLED);
    assert_eq!(reg.tasks.len(), 28);
    // Compact too: no white space between the tokens.
    same_at_every_block(&serde_json::to_string(&seed()).unwrap());
}

#[test]
fn strings_with_escapes_and_brackets_do_not_end_a_value() {
    let mut v = seed();
    let tricky = "引号\"]},{\"[ 反斜杠\\\\\" \\u4e2d 换行\n结尾\\";
    v["tasks"][0]["title"] = json!(tricky);
    v["tasks"][1]["text"] = json!("}]\"\\");
    v["document"]["title"] = json!("\"tasks\": [");
    let json = serde_json::to_string_pretty(&v).unwrap();
    let reg = same_at_every_block(&json);
    assert_eq!(reg.tasks[0].title, tricky);
    // Escapes written by hand: \u escapes (one a surrogate pair), \/ and a key spelt
    // with an escape, which serde decodes to `tasks`.
    let json = BUNDLED
        .replacen(
            "\"title\": \"",
            "\"title\": \"\\u6301\\ud83d\\ude00\\/\\\"",
            1,
        )
        .replacen("\"tasks\":", "\"t\\u0061sks\":", 1);
    assert_ne!(json, BUNDLED);
    let reg = same_at_every_block(&json);
    assert_eq!(reg.tasks.len(), 28);
    assert!(reg.document.title.starts_with("持😀/\""));
}

#[test]
fn unknown_keys_keep_their_nested_arrays_out_of_the_lists() {
    let mut v = seed();
    let nested = json!([[1, [2, {"a": "]", "b": [[], [{}]]}]], "x\"y", null, -1.5e3]);
    v["extra"] = nested.clone();
    v["tasks"][3]["later"] = nested.clone();
    v["tasks"][3]["more"] = json!({"tasks": [{"id": "not a task"}]});
    let json = serde_json::to_string_pretty(&v).unwrap();
    // An unknown key before the lists, too (the derived reader ignores it anywhere).
    let json = json.replacen('{', "{\"first\": {\"sections\": [[[]]]}, \"n\": 12,", 1);
    let reg = same_at_every_block(&json);
    assert_eq!(reg.tasks.len(), 28);
    assert_eq!(
        reg.sections.len(),
        seed()["sections"].as_array().unwrap().len()
    );
}

#[test]
fn numbers_cut_by_a_block_are_read_whole() {
    // `number` values at the end of a block are taken again with more text.
    let json = BUNDLED.replace("\"number\": 1,", "\"number\": 1234567,");
    let reg = same_at_every_block(&json);
    assert_eq!(reg.tasks[0].number, 1_234_567);
    // A top-level member that is a number, last in the object.
    let json = format!(
        "{}, \"z\": 123456789}}",
        BUNDLED.trim_end().trim_end_matches('}')
    );
    same_at_every_block(&json);
}

#[test]
fn a_byte_order_mark_is_skipped_only_at_the_start() {
    let with_bom = format!("\u{feff}{BUNDLED}");
    same_at_every_block(&with_bom);
    let spaced = format!(" \r\n\t{}\n\n ", BUNDLED.replace('\n', "\r\n\t"));
    same_at_every_block(&spaced);
    // After white space it is no longer a mark but a character serde refuses.
    let late = format!(" \u{feff}{BUNDLED}");
    for block in SMALL_BLOCKS {
        assert!(streamed(late.as_bytes(), block).is_none());
    }
}

/// Texts the whole-file parse refuses (or must word): each goes that way.
fn unusual() -> Vec<(&'static str, Vec<u8>)> {
    let body = BUNDLED.trim_end();
    let mut out: Vec<(&str, Vec<u8>)> = vec![
        ("empty", b"".to_vec()),
        ("white space", b" \n ".to_vec()),
        ("an array", b"[1, 2]".to_vec()),
        ("cut off", body.as_bytes()[..body.len() / 2].to_vec()),
        (
            "cut inside a list",
            body[..body.find("\"t2\"").unwrap()].into(),
        ),
        ("trailing text", format!("{body} x").into()),
        ("two objects", format!("{body}{{}}").into()),
        (
            "a trailing comma in a list",
            BUNDLED
                .replacen(
                    "]\n    }\n  ],\n  \"measures\"",
                    "]\n    },\n  ],\n  \"measures\"",
                    1,
                )
                .into(),
        ),
        (
            "a comma before the end",
            format!("{},}}", body.trim_end_matches('}')).into(),
        ),
        (
            "a status unknown",
            BUNDLED.replacen("\"not_started\"", "\"later\"", 1).into(),
        ),
        (
            "a number as a string",
            BUNDLED
                .replacen("\"number\": 1,", "\"number\": \"1\",", 1)
                .into(),
        ),
        (
            "a missing field",
            BUNDLED.replacen("\"section\": \"s1\",", "", 1).into(),
        ),
        (
            "tasks twice",
            BUNDLED
                .replacen("\"measures\":", "\"tasks\": [], \"measures\":", 1)
                .into(),
        ),
        (
            "format twice",
            BUNDLED
                .replacen("\"document\":", "\"format\": \"x\", \"document\":", 1)
                .into(),
        ),
        (
            "tasks missing",
            BUNDLED.replacen("\"tasks\":", "\"later\":", 1).into(),
        ),
        (
            "tasks not a list",
            BUNDLED
                .replacen("\"tasks\": [", "\"tasks\": {\"a\": [", 1)
                .replacen("\n  ],\n  \"measures\"", "\n  ]},\n  \"measures\"", 1)
                .into(),
        ),
        (
            "a key not a string",
            BUNDLED.replacen("\"format\":", "12:", 1).into(),
        ),
        (
            "no colon",
            BUNDLED.replacen("\"format\":", "\"format\"", 1).into(),
        ),
        (
            "a bad escape",
            BUNDLED
                .replacen("\"title\": \"", "\"title\": \"\\x", 1)
                .into(),
        ),
        (
            "a lone surrogate",
            BUNDLED
                .replacen("\"title\": \"", "\"title\": \"\\ud800", 1)
                .into(),
        ),
    ];
    // Not UTF-8 where serde would not look: a string it skips, in a key it ignores.
    let mut latin1 = BUNDLED.replacen("\"id\": \"t1\",", "\"id\": \"t1\", \"x\": \"caf@\",", 1);
    latin1 = latin1.replacen('@', "\u{1}", 1);
    let mut bytes = latin1.into_bytes();
    let i = bytes.iter().position(|&b| b == 1).unwrap();
    bytes[i] = 0xe9;
    assert!(
        serde_json::from_slice::<Registry>(&bytes).is_ok(),
        "serde skips it"
    );
    out.push(("Latin-1 in an ignored string", bytes));
    // A character cut off at the file's end.
    let mut cut = BUNDLED.as_bytes().to_vec();
    cut.extend_from_slice(&"中".as_bytes()[..2]);
    out.push(("a cut character at the end", cut));
    out
}

#[test]
fn anything_unusual_is_left_to_the_whole_file_parse() {
    for (what, bytes) in unusual() {
        for block in SMALL_BLOCKS.into_iter().chain([BLOCK]) {
            assert!(streamed(&bytes, block).is_none(), "{what}, block {block}");
        }
    }
}

/// A task whose history holds a value nested `n` deep (its own brackets), which
/// serde_json reads as a `Value`, counting the depth (an ignored key is skipped
/// without counting).
fn nested(n: usize) -> String {
    let deep = format!("{}{}", "[".repeat(n), "]".repeat(n));
    let entry = format!(
        r#"[{{"at": "2026-01-01T09:00:00+08:00", "by": "li", "field": "note", "from": {deep}}}]"#
    );
    BUNDLED.replacen("\"history\": []", &format!("\"history\": {entry}"), 1)
}

#[test]
fn deep_nesting_is_left_to_the_whole_file_parse() {
    // Shallow enough: streamed.
    same_at_every_block(&nested(90));
    // serde_json's limit counts from the file's top: the task nested this deep
    // fails in the file and would pass on its own.
    assert!(whole(&nested(122)).is_some());
    let deep = nested(123);
    assert!(whole(&deep).is_none());
    let task = &deep[deep.find("{\n      \"id\": \"t1\"").unwrap()..];
    let mut one = serde_json::Deserializer::from_str(task).into_iter::<Task>();
    assert!(one.next().unwrap().is_ok());
    for n in [DEEP, 122, 123, 124, 200] {
        assert!(streamed(nested(n).as_bytes(), 4096).is_none(), "{n} deep");
    }
    assert_eq!(depth(r#"{"a": "[[[[", "b": [{"c": ["\"[", []]}]}"#), 5);
}

#[test]
fn a_file_longer_than_the_cap_is_left_to_the_whole_file_parse() {
    let n = BUNDLED.len() as u64;
    assert!(parse_in_blocks(BUNDLED.as_bytes(), n, n - 1, 4096).is_none());
    assert!(parse_in_blocks(BUNDLED.as_bytes(), n, n, 4096).is_some());
}

/// The bundled plan with its tasks cloned up to `n`, ids and numbers unique.
fn scaled(n: usize) -> String {
    let mut v = seed();
    let tasks = v["tasks"].as_array().unwrap().clone();
    let more: Vec<Value> = (0..n)
        .map(|i| {
            let mut t = tasks[i % tasks.len()].clone();
            t["id"] = json!(format!("t{}", i + 1));
            t["number"] = json!(i + 1);
            t
        })
        .collect();
    v["tasks"] = Value::Array(more);
    serde_json::to_string_pretty(&v).unwrap()
}

#[test]
fn lists_end_at_their_exact_length() {
    let json = scaled(1000);
    let reg = streamed(json.as_bytes(), 4096).unwrap();
    assert_eq!(Some(&reg), whole(&json).as_ref());
    assert_eq!(reg.tasks.len(), 1000);
    assert_eq!(reg.tasks.capacity(), 1000);
    assert_eq!(reg.units.capacity(), reg.units.len());
    for t in &reg.tasks {
        assert_eq!(t.lead.capacity(), t.lead.len());
        assert_eq!(t.responsible.capacity(), t.responsible.len());
    }
}

/// Each broken file says the same through the streamed load as through the
/// whole-file parse (`parse_bytes`, what `load` was): message, line:column, path.
#[test]
fn every_refusal_is_worded_as_before() {
    let dir = tempfile::tempdir().unwrap();
    let mut checked = unusual();
    // Valid JSON of the right types that fails the checks: found again in the text.
    checked.push((
        "an unknown lead",
        BUNDLED
            .replacen(
                "\"lead\": [\n        \"u1\"",
                "\"lead\": [\n        \"u99\"",
                1,
            )
            .into(),
    ));
    checked.push((
        "a bad format",
        BUNDLED.replacen("dubang/1", "dubang/9", 1).into(),
    ));
    checked.push(("too deep", nested(123).into()));
    checked.push(("deep but fine", nested(110).into()));
    for (i, (what, bytes)) in checked.iter().enumerate() {
        let path = dir.path().join(format!("{i}.json"));
        std::fs::write(&path, bytes).unwrap();
        assert_eq!(load(&path), parse_bytes(&path, bytes), "{what}");
        assert_eq!(
            load_as_written(&path),
            parse_bytes_as_written(&path, bytes),
            "{what}"
        );
        if *what != "deep but fine" {
            assert!(load(&path).is_err(), "{what}");
        }
    }
    assert!(load(&dir.path().join(format!("{}.json", checked.len() - 1))).is_ok());
    // And the unknown lead is found at its place in the text.
    let lead = checked
        .iter()
        .position(|(w, _)| *w == "an unknown lead")
        .unwrap();
    let e = load(&dir.path().join(format!("{lead}.json"))).unwrap_err();
    assert!(
        e.at.is_some() && e.json_path.as_deref() == Some("tasks[0].lead[0]"),
        "{e}"
    );
}

#[test]
fn a_character_cut_by_the_block_waits_for_the_next() {
    let text = "a中😀é";
    let bytes = text.as_bytes();
    // Every prefix ends at a whole character or before the one it cuts.
    for cut in 0..=bytes.len() {
        let whole = whole_chars(&bytes[..cut]);
        assert!(text.is_char_boundary(whole), "{cut}");
        assert!(whole <= cut && cut - whole < 4, "{cut}");
        if text.is_char_boundary(cut) {
            assert_eq!(whole, cut);
        }
    }
    // Not UTF-8 is left to the validation, which refuses it.
    assert_eq!(whole_chars(&[0x80, 0x80, 0x80]), 3);
}

/// Past `SCAN_APART` tasks, `load` validates on this thread while another finds the
/// tasks to clean: the registry is the one the whole-file parse and a full cleaning
/// give, text to clean or not, and a broken one is refused in the same words.
#[test]
fn a_large_plan_loads_as_the_whole_file_parse_reads_it() {
    let n = super::super::SCAN_APART + 500;
    let mut v: Value = serde_json::from_str(&scaled(n)).unwrap();
    let tasks = v["tasks"].as_array_mut().unwrap();
    tasks[3]["title"] = json!("水务\u{1b}[31m局\t改");
    tasks[n - 2]["text"] = json!("第一段\u{200b}\n第二段\u{2028}完");
    tasks[n / 2]["updated_by"] = json!("li\u{7}wei");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.json");
    let clean = serde_json::to_vec_pretty(&v).unwrap();
    std::fs::write(&path, &clean).unwrap();
    let loaded = load(&path).unwrap();
    assert_eq!(Ok(&loaded), parse_bytes(&path, &clean).as_ref());
    assert_eq!(&*loaded.tasks[3].title, "水务局 改");
    assert_eq!(&*loaded.tasks[n - 2].text, "第一段\n第二段\n完");
    // Broken past the first thousand tasks: a repeated id, an unknown section.
    let tasks = v["tasks"].as_array_mut().unwrap();
    tasks[n - 1]["id"] = json!("t7");
    tasks[n - 3]["section"] = json!("nowhere");
    let broken = serde_json::to_vec_pretty(&v).unwrap();
    std::fs::write(&path, &broken).unwrap();
    let e = load(&path).unwrap_err();
    assert_eq!(Err(e.clone()), parse_bytes(&path, &broken));
    assert!(e.to_string().contains("duplicate id 't7'"), "{e}");
}
