//! No English sentence on a Chinese screen or in `--lang zh` output.

use super::*;
use std::path::PathBuf;

/// English words of two letters or more in a Chinese message, besides paths,
/// commands, field values and other tokens the reader types or sees elsewhere.
pub(crate) fn english_words(s: &str, allowed: &[&str]) -> Vec<String> {
    // Back-quoted commands, quoted values and details in parentheses that hold no
    // Chinese (an OS error, the JSON parser's words) are tokens, not sentences.
    fn strip(s: &str, opens: &[char]) -> String {
        let mut plain = String::new();
        let mut rest = s;
        while let Some((i, open)) = rest.char_indices().find(|(_, c)| opens.contains(c)) {
            let close = match open {
                '`' => '`',
                '“' => '”',
                _ => ')',
            };
            plain.push_str(&rest[..i]);
            let after = &rest[i + open.len_utf8()..];
            match after.find(close) {
                Some(j) => {
                    let inner = &after[..j];
                    if open == '(' && inner.chars().any(|c| c > '\u{2e80}') {
                        plain.push_str(inner);
                    }
                    rest = &after[j + close.len_utf8()..];
                }
                None => rest = after,
            }
        }
        plain.push_str(rest);
        plain
    }
    let plain = strip(&strip(s, &['`', '“']), &['(']);
    plain
        .split(|c: char| !c.is_ascii_alphanumeric() && !"_-./[]".contains(c))
        .filter(|w| w.chars().filter(char::is_ascii_alphabetic).count() >= 2)
        .filter(|w| !w.contains('/') && !w.contains('.') && !w.contains('_'))
        // Options (`--progress`) are typed, not read.
        .filter(|w| !w.starts_with("--"))
        .filter(|w| !allowed.contains(w))
        .map(str::to_string)
        .collect()
}

pub(crate) const ALLOWED: &[&str] = &[
    "dubang",
    "json",
    "JSON",
    "UTF-8",
    "UTF",
    "YYYY-MM-DD",
    "YYYY",
    "MM",
    "DD",
    "none",
    "id",
    "ls",
    "lsattr",
    "fuser",
    "iconv",
    "GB18030",
    "XDG_CONFIG_HOME",
    "HOME",
    "format",
    "progress",
    "due",
    "note",
    "validate",
    "summary",
    "import",
    // Login names are data.
    "liwei",
];

#[test]
fn chinese_domain_messages_have_no_english_sentences() {
    let f = PathBuf::from("/tmp/r.json");
    let mut all = vec![
        changes(
            Lang::Zh,
            &Changes {
                count: 3,
                by: vec!["liwei".into()],
                unrecorded: 1,
            },
        ),
        changes(
            Lang::Zh,
            &Changes {
                count: 0,
                by: vec![],
                unrecorded: 2,
            },
        ),
    ];
    for e in [
        EditError::UnknownTask("99".into()),
        EditError::UnknownGoal("g9".into()),
        EditError::ProgressOutOfRange(120),
        EditError::NotForGoals {
            goal: "g2025".into(),
            field: "progress",
        },
        EditError::EmptyNote,
        EditError::BadProgress("abc".into()),
        EditError::BadDate("2026-13-01".into()),
        EditError::ChangedSince {
            field: "status".into(),
            by: Some("liwei".into()),
            at: chrono::DateTime::parse_from_rfc3339("2026-11-29T09:00:00+08:00").ok(),
            now: Some("blocked".into()),
        },
    ] {
        all.push(edit_error(Lang::Zh, &e));
    }
    // The read-only reasons, the quit dialog and the history's undo mark.
    {
        use crate::store::Writable as W;
        for w in [
            None,
            Some(W::FileNotWritable),
            Some(W::DirNotWritable("/tmp/data".into())),
            Some(W::ReadOnlyFs),
            Some(W::Missing),
        ] {
            all.push(super::screen::edits::read_only(Lang::Zh, w.as_ref(), &f));
        }
        use super::screen::edits as q;
        all.extend([
            q::quit_unsaved(Lang::Zh, 2),
            // Keys are shown by their names (checked as single letters here).
            q::quit_keys(Lang::Zh, "y", "x"),
            q::quit_confirm(Lang::Zh, "y", "x"),
            q::quit_hint(Lang::Zh, "r", "w", "d", "x"),
        ]);
        // Saving in the background: waiting for a lock, recovered and rescued edits.
        use super::screen::saving as s;
        all.extend([
            s::saving(Lang::Zh, 2),
            s::waiting_for_lock(Lang::Zh, Some(("liwei", 4242))),
            s::waiting_for_lock(Lang::Zh, None),
            s::quit_after_save(Lang::Zh).to_string(),
            s::recovered(Lang::Zh, 1),
            s::recovery_unreadable(Lang::Zh, &f),
            s::rescued(Lang::Zh, &Ok(f.clone())),
        ]);
    }
    let load = |m: &str| LoadError {
        file: f.clone(),
        at: Some((3, 4)),
        json_path: Some("tasks[2].status".into()),
        message: m.into(),
    };
    for e in [
        SaveError::ReadOnly { file: f.clone() },
        SaveError::ReadOnlyFilesystem { file: f.clone() },
        SaveError::DirNotWritable {
            file: f.clone(),
            dir: "/tmp".into(),
        },
        SaveError::DiskFull { file: f.clone() },
        SaveError::Deleted { file: f.clone() },
        SaveError::Invalid(load(
            "the file is empty: restore it from a backup, or create it again with `dubang import`",
        )),
        SaveError::Edit {
            file: f.clone(),
            error: EditError::UnknownTask("t99".into()),
        },
        SaveError::Busy {
            file: f.clone(),
            lock: "/tmp/.r.json.lock".into(),
        },
        SaveError::Io {
            file: f.clone(),
            doing: "write the new version",
            error: "Input/output error (os error 5)".into(),
        },
    ] {
        all.push(save_error(Lang::Zh, &e));
    }
    for m in [
        "no such file: check the path, or create one with `dubang import`",
        "permission denied: ask the file's owner for read access (`ls -l` shows who owns it)",
        "is a directory, not a registry file: give the path of a .json file",
        "not UTF-8 text (byte 0xff at offset 3): save the file as UTF-8",
        "the file holds JSON but not a registry: expected an object {\"format\": \"dubang/1\", …}",
        "unknown variant `doing`, expected one of `not_started`: use one of the listed values",
        "unknown section 's9': no entry of sections has this id; fix the reference or add the section (2 more problems: `dubang validate` lists them all)",
        "duplicate id 't1' (first used by tasks[0]): ids must be unique",
    ] {
        all.push(load_error(Lang::Zh, &load(m)));
    }
    let p = PathBuf::from("/tmp/plan.txt");
    let ch = [
        Change::Status {
            from: Some(Status::NotStarted),
            to: Some(Status::Done),
        },
        Change::Note,
        Change::Field {
            field: "due".into(),
            from: "none".into(),
            to: "2026-06-30".into(),
        },
    ];
    for say in [
        Say::CreatedCopy(&p),
        Say::NoConfigDir,
        Say::ConfigMissing,
        Say::CannotRead {
            path: &p,
            what: FileKind::TownList,
            error: "No such file or directory (os error 2)".into(),
        },
        Say::NotUtf8 {
            path: &p,
            what: FileKind::Document,
            offset: 7,
        },
        Say::CannotWrite {
            path: &p,
            error: "Permission denied (os error 13)".into(),
        },
        Say::Wrote {
            path: &p,
            counts: [8, 28, 34, 13, 2, 3],
        },
        Say::Valid {
            path: &p,
            counts: [8, 28, 34, 13, 2],
        },
        Say::UnknownStatus("doing"),
        Say::DoneNeedsFull(50),
        Say::FullNeedsDone(crate::registry::Status::Blocked),
        Say::NotStartedHasNoProgress(60),
        Say::NothingToChange,
        Say::NothingChanged(Target::Task(12)),
        Say::SetSaved {
            target: Target::Goal("g2025"),
            changes: &ch,
            path: &p,
        },
    ] {
        all.push(say.text(Lang::Zh));
    }
    use crate::settings::{Problem, ProblemKind as K};
    for kind in [
        K::Unreadable("Permission denied (os error 13)".into()),
        K::Broken("unknown variant `fr`, expected `zh` or `en`".into()),
        K::UnknownTable {
            table: "popup".into(),
            tables: vec!["keys".into(), "keys.picker".into()],
        },
        K::UnknownAction {
            action: "fly".into(),
            names: vec!["quit".into(), "help".into()],
        },
        K::BadKey {
            spec: "Hyper-n".into(),
            empty: false,
        },
        K::BadKey {
            spec: "".into(),
            empty: true,
        },
        K::Conflict {
            action: "help".into(),
            keys: vec!["j".into()],
            key: "j".into(),
            other: "down".into(),
        },
    ] {
        let p = Problem {
            file: "/home/x/.config/dubang/config.toml".into(),
            line: 3,
            col: Some(8),
            kind,
        };
        all.push(settings_problem(Lang::Zh, &p));
    }
    for s in &all {
        let words = english_words(s, ALLOWED);
        assert!(words.is_empty(), "{s}\n  English: {words:?}");
    }
}

#[test]
fn read_only_names_its_cause() {
    use crate::store::Writable as W;
    let f = PathBuf::from("/srv/d/registry.json");
    let say = |lang, w: Option<W>| super::screen::edits::read_only(lang, w.as_ref(), &f);
    assert!(say(Lang::En, None).contains("--read-only"));
    assert!(say(Lang::En, Some(W::FileNotWritable)).contains("file not writable"));
    let dir = say(Lang::En, Some(W::DirNotWritable("/srv/d".into())));
    assert!(
        dir.contains("directory not writable: /srv/d") && !dir.contains("file not"),
        "{dir}"
    );
    assert!(
        say(Lang::Zh, Some(W::DirNotWritable("/srv/d".into()))).contains("所在目录不可写 /srv/d")
    );
    assert!(say(Lang::Zh, Some(W::ReadOnlyFs)).contains("文件系统只读"));
    assert!(say(Lang::En, Some(W::ReadOnlyFs)).contains("mounted read-only"));
}
