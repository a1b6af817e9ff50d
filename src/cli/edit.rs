//! `dubang validate` and `dubang set`: check the registry file, or change one task
//! in it with history (the note as given, from standard input or a file); a value
//! that cannot be is a usage error (exit 2).

use dubang::lang::Lang;
use dubang::store;
use dubang::words::{self, Change, FileKind, Say, Target};
use std::path::Path;

/// `lang` speaks of a file that is not read (it names no plan); `plan_lang` of a
/// plan that is: the plan's own language unless one was chosen (so a Chinese plan
/// answers in Chinese under `LANG=C.UTF-8`).
pub fn run_validate(
    lang: Lang,
    plan_lang: impl Fn(&dubang::registry::Registry) -> Lang,
    path: &Path,
) -> Result<(), String> {
    match store::load_all_problems(path) {
        Ok(reg) => {
            let lang = plan_lang(&reg);
            let counts = [
                reg.sections.len(),
                reg.tasks.len(),
                reg.units.len(),
                reg.towns.len(),
                reg.goals.len(),
            ];
            sayln!("{}", Say::Valid { path, counts }.text(lang));
            Ok(())
        }
        Err(problems) => {
            let n = problems.len();
            for p in &problems[..n - 1] {
                esayln!("dubang: {}", words::load_error(lang, p));
            }
            Err(words::load_error(lang, &problems[n - 1]))
        }
    }
}

/// The note of `dubang set`: as given, from standard input (`--note -`) or from a
/// file (`--note-file`); at most 1 MiB is read (the note's own limit is checked with
/// the edit, in characters).
pub fn read_note(
    lang: Lang,
    note: Option<String>,
    file: Option<&Path>,
) -> Result<Option<String>, String> {
    use std::io::Read;
    let cap = store::files::SETTINGS_CAP;
    let stdin = Path::new("-");
    let (path, bytes) = match (note.as_deref(), file) {
        (Some("-"), _) => {
            let mut bytes = Vec::new();
            let read = std::io::stdin().take(cap + 1).read_to_end(&mut bytes);
            let read = read.and_then(|n| {
                if n as u64 > cap {
                    Err(std::io::Error::new(
                        std::io::ErrorKind::FileTooLarge,
                        store::files::Refusal::TooLarge {
                            size: n as u64,
                            cap,
                        },
                    ))
                } else {
                    Ok(())
                }
            });
            (stdin, read.map(|()| bytes))
        }
        (_, Some(f)) => (f, store::files::read_regular(f, cap)),
        _ => return Ok(note),
    };
    let bytes = bytes.map_err(|e| {
        Say::CannotRead {
            path,
            what: FileKind::Note,
            error: words::io_error(lang, &e),
        }
        .text(lang)
    })?;
    String::from_utf8(bytes).map(Some).map_err(|e| {
        Say::NotUtf8 {
            path,
            what: FileKind::Note,
            offset: e.utf8_error().valid_up_to(),
        }
        .text(lang)
    })
}

/// `dubang set`: every change given becomes one edit; all are saved together under one
/// lock, on top of the file as it is then (see `store::save_edits`). It speaks the
/// plan's language as [`run_validate`] does.
#[allow(clippy::too_many_arguments)]
pub fn run_set(
    lang: Lang,
    plan_lang: impl Fn(&dubang::registry::Registry) -> Lang,
    path: &Path,
    key: &str,
    status: Option<&str>,
    note: Option<String>,
    progress: Option<&str>,
    due: Option<&str>,
) -> Result<(), String> {
    use dubang::registry::{Edit, EditTarget, Op, ops, typed};
    // Read first, for its language; a file that does not load is said after any
    // usage error, as before.
    let loaded = store::load(path);
    let lang = loaded.as_ref().map_or(lang, &plan_lang);
    // A value the command line cannot take is a usage error (exit 2), like an
    // unknown option: nothing was read or changed.
    let status = status
        .map(|s| typed::status(s).ok_or_else(|| Say::UnknownStatus(s).text(lang)))
        .transpose()
        .unwrap_or_else(|msg| usage(&msg));
    let progress = progress
        .map(typed::progress)
        .transpose()
        .unwrap_or_else(|e| usage(&words::input_error(lang, &e)));
    let due = due
        .map(typed::due)
        .transpose()
        .unwrap_or_else(|e| usage(&words::input_error(lang, &e)));
    // A status and a progress given together must agree with the rules of
    // `registry::ops::rules` (done ⇔ 100 %, not started ⇒ 0 %).
    if let (Some(s), Some(p)) = (status, progress) {
        use ops::rules::Disagreement as D;
        match ops::rules::disagree(s, p) {
            Some(D::DoneBelowFull) => return Err(Say::DoneNeedsFull(p).text(lang)),
            Some(D::FullNotDone) => return Err(Say::FullNeedsDone(s).text(lang)),
            Some(D::NotStartedWithProgress) => {
                return Err(Say::NotStartedHasNoProgress(p).text(lang));
            }
            None => {}
        }
    }
    // Resolve the number to an id on the file as it is; the save re-reads it anyway.
    let reg = loaded.map_err(|e| words::load_error(lang, &e))?;
    let (target, label) = match reg.find_task(key) {
        Some(i) => (
            EditTarget::Task(reg.tasks[i].id.clone()),
            Target::Task(reg.tasks[i].number),
        ),
        None => match reg.goals.iter().find(|g| g.id == key.trim()) {
            Some(g) => (EditTarget::Goal(g.id.clone()), Target::Goal(&g.id)),
            None => {
                let e = dubang::registry::EditError::UnknownTask(key.to_string());
                let sep = if lang == Lang::Zh { ":" } else { ": " };
                return Err(format!(
                    "{}{sep}{}",
                    path.display(),
                    words::edit_error(lang, &e)
                ));
            }
        },
    };
    let mut wanted = Vec::new();
    wanted.extend(status.map(|to| Op::SetStatus { to }));
    wanted.extend(progress.map(|to| Op::SetProgress { to }));
    wanted.extend(due.map(|to| Op::SetDue { to }));
    let mut note = note;
    if wanted.is_empty() {
        match note.take() {
            Some(text) => wanted.push(Op::AddNote { text }),
            None => {
                return Err(Say::NothingToChange.text(lang));
            }
        }
    }
    let (by, at) = (dubang::registry::who(), ops::now());
    let edits: Vec<Edit> = wanted
        .into_iter()
        .enumerate()
        .map(|(i, op)| Edit {
            target: target.clone(),
            op,
            // The note goes with the first change only.
            note: if i == 0 { note.take() } else { None },
            by: by.clone(),
            at,
        })
        .collect();
    let saved = store::save_edits(path, &edits).map_err(|e| words::save_error(lang, &e))?;
    if !saved.written {
        sayln!("{}", Say::NothingChanged(label).text(lang));
        return Ok(());
    }
    let show = |v: &Option<serde_json::Value>, unit: &str| match v {
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(v) => format!("{v}{unit}"),
        None => "none".to_string(),
    };
    let status = |v: &Option<serde_json::Value>| match v {
        Some(serde_json::Value::String(s)) => s.parse().ok(),
        _ => None,
    };
    // A field changed twice in one run (a rule's follow-on change, then the value
    // asked for: `done → in_progress --progress 70`) is said once, first to last.
    let mut net: Vec<dubang::registry::HistoryEntry> = Vec::new();
    for (_, h) in &saved.recorded {
        match net
            .iter_mut()
            .find(|n| n.field == h.field && h.field != "note")
        {
            Some(n) => n.to = h.to.clone(),
            None => net.push(h.clone()),
        }
    }
    let changes: Vec<Change> = net
        .iter()
        .map(|h| match h.field.as_str() {
            "status" => Change::Status {
                from: status(&h.from),
                to: status(&h.to),
            },
            "note" => Change::Note,
            f => {
                let unit = if f == "progress" { "%" } else { "" };
                Change::Field {
                    field: f.to_string(),
                    from: show(&h.from, unit),
                    to: show(&h.to, unit),
                }
            }
        })
        .collect();
    let said = Say::SetSaved {
        target: label,
        changes: &changes,
        path: &saved.path,
    };
    sayln!("{}", said.text(lang));
    if let Target::Goal(id) = label {
        let ix = dubang::registry::Index::build(&saved.registry);
        if let Some(g) = ix.goal(id) {
            let status = saved.registry.goals[g].status;
            let tasks = ix.goal_rollup(g);
            if let Some(why) = dubang::registry::goal_disagreement(status, &tasks) {
                sayln!("{}", Say::GoalDisagrees(label, why).text(lang));
            }
        }
    }
    Ok(())
}

/// Ends with exit code 2 and one line: the command line asked for something that
/// cannot be (an unknown status, progress 150, a date that is no date).
fn usage(msg: &str) -> ! {
    esayln!("dubang: {msg}");
    std::process::exit(2)
}
