//! Parses the command line and dispatches; the work happens in the library.

mod cli;

use clap::Parser;
use cli::{Cli, Command};
use dubang::import::{
    Curation, Gazetteer, ImportOptions, check, formats, import_document, messages,
};
use dubang::lang::Lang;
use dubang::registry::Index;
use dubang::words::{self, Change, FileKind, Say, Target};
use dubang::{report, store};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

// Human output goes through the sanitiser: a path, an argument or a file's text
// quoted in a message can never drive the terminal (JSON and reports are written as
// they are: they are made from the cleaned registry).
macro_rules! say {
    ($($a:tt)*) => { print!("{}", dubang::registry::sanitize_text(&format!($($a)*))) };
}
macro_rules! sayln {
    ($($a:tt)*) => { println!("{}", dubang::registry::sanitize_text(&format!($($a)*))) };
}
macro_rules! esayln {
    ($($a:tt)*) => { eprintln!("{}", dubang::registry::sanitize_text(&format!($($a)*))) };
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => {
            esayln!("dubang: {msg}");
            ExitCode::from(1)
        }
    }
}

fn run(cli: Cli) -> Result<(), String> {
    let config = dubang::settings::config_path(|k| std::env::var(k).ok());
    let (settings, problems) = match &config {
        Some(p) => dubang::settings::load(p),
        None => Default::default(),
    };
    // A FIFO, a device or a huge file as the settings stops every command but
    // `config` (which says where the file is).
    let refused = problems
        .iter()
        .find(|p| matches!(p.kind, dubang::settings::ProblemKind::Refused(_)));
    if let Some(p) = refused
        && !matches!(cli.command, Some(Command::Config { .. }))
    {
        let lang = cli
            .lang
            .unwrap_or_else(|| Lang::from_env(|k| std::env::var(k).ok()));
        return Err(words::settings_problem(lang, p));
    }
    // Messages follow --lang, the settings, then the locale (English when it names no
    // language); the dashboard and the summary fall back to the plan's language instead.
    let chosen = cli.lang.or(settings.lang);
    let env = |k: &str| std::env::var(k).ok();
    let lang = chosen.unwrap_or_else(|| Lang::from_env(env));
    let plan_lang =
        |reg: &dubang::registry::Registry| Lang::resolve(chosen, env, &reg.document.title);
    // --file after the subcommand, else before it (the dashboard's), else the settings'.
    let file = |sub: Option<&cli::FileArg>| {
        sub.and_then(|f| f.file.clone())
            .or(cli.file.clone())
            .or(settings.file.clone())
    };
    match cli.command {
        Some(Command::Import {
            document,
            out,
            towns,
            curation,
            no_bundled,
            check,
            allow_partial,
        }) => run_import(
            // Named by --lang, the settings or the locale; else the document's own.
            chosen.or_else(|| Lang::from_locale(env)),
            &document,
            out.as_deref(),
            towns.as_deref(),
            curation.as_deref(),
            (no_bundled, check, allow_partial),
        ),
        Some(Command::Validate(f)) => run_validate(lang, &registry_path(lang, file(Some(&f)))?),
        Some(Command::Set {
            task,
            status,
            note,
            note_file,
            progress,
            due,
            file: f,
        }) => run_set(
            lang,
            &registry_path(lang, file(Some(&f)))?,
            &task,
            status.as_deref(),
            read_note(lang, note, note_file.as_deref())?,
            progress.as_deref(),
            due.as_deref(),
        ),
        Some(Command::Config {
            print_default,
            write,
        }) => run_config(lang, config, print_default, write, &settings, problems),
        None if std::io::IsTerminal::is_terminal(&std::io::stdout()) => {
            let config = config.unwrap_or_default();
            let (keys, key_problems) =
                dubang::tui::keys::KeyMap::from_bindings(&settings.bindings, &config);
            let problems: Vec<_> = problems.into_iter().chain(key_problems).collect();
            for p in &problems {
                esayln!("dubang: {}", words::settings_problem(lang, p));
            }
            let (path, created) = registry_path_quiet(lang, file(None))?;
            let reg = store::load(&path).map_err(|e| words::load_error(lang, &e))?;
            let lang = plan_lang(&reg);
            let ascii = cli.ascii
                || settings.ascii.unwrap_or(false)
                || std::env::var_os("DUBANG_ASCII").is_some_and(|v| !v.is_empty() && v != "0");
            let first_problem = problems.first().map(|p| {
                let p = words::settings_problem(lang, p);
                match (problems.len(), lang) {
                    (1, _) => p,
                    (n, Lang::Zh) => format!("{p}(另有 {} 处)", n - 1),
                    (n, Lang::En) => format!("{p} ({} more)", n - 1),
                }
            });
            let message =
                first_problem.or_else(|| created.then(|| Say::CreatedCopy(&path).text(lang)));
            if cli.theme.is_some() {
                // An explicit --theme wins over NO_COLOR (no-color.org lets a user's
                // explicit choice override it); crossterm drops every colour under
                // NO_COLOR, and the empty `ESC[m` it writes instead resets the
                // reverse video and bold of the selection too.
                crossterm::style::force_color_output(true);
            }
            let opts = dubang::tui::Options {
                file: path,
                lang,
                read_only: cli.read_only,
                ascii,
                message,
                keys,
                theme: dubang::tui::theme::Theme::pick(cli.theme, settings.theme, no_color()),
                present: cli.present,
                thresholds: settings.problems,
            };
            dubang::tui::run(reg, opts)
        }
        Some(Command::Summary {
            tasks: true,
            file: f,
        }) => {
            let path = registry_path(lang, file(Some(&f)))?;
            let reg = store::load(&path).map_err(|e| words::load_error(lang, &e))?;
            say!("{}", report::task_list(&reg, plan_lang(&reg)));
            Ok(())
        }
        command @ (Some(Command::Summary { .. }) | None) => {
            let f = match command {
                Some(Command::Summary { file: f, .. }) => Some(f),
                _ => None,
            };
            let path = registry_path(lang, file(f.as_ref()))?;
            let reg = store::load(&path).map_err(|e| words::load_error(lang, &e))?;
            let lang = plan_lang(&reg);
            let ix = Index::build(&reg);
            let today = chrono::Local::now().date_naive();
            say!(
                "{}",
                report::summary(&reg, &ix, lang, today, &settings.problems)
            );
            Ok(())
        }
        Some(Command::Report(args)) => run_report(
            &registry_path(lang, file(Some(&args.file)))?,
            args,
            cli.lang,
            lang,
            &settings,
        ),
        Some(Command::Ledger(cmd)) => {
            let f = match &cmd {
                cli::LedgerCommand::Send { file, .. }
                | cli::LedgerCommand::Collect { file, .. } => file.clone(),
            };
            run_ledger(&registry_path(lang, file(Some(&f)))?, cmd, cli.lang, lang)
        }
    }
}

/// `dubang config`: where the settings file is and every problem in it — settings
/// and `[keys]` bindings alike — with exit 1 when there is any; `--print-default`
/// prints a commented default, `--write` puts it in place when there is no file.
fn run_config(
    lang: Lang,
    config: Option<PathBuf>,
    print_default: bool,
    write: bool,
    settings: &dubang::settings::Settings,
    problems: Vec<dubang::settings::Problem>,
) -> Result<(), String> {
    if print_default {
        print!("{}", dubang::tui::keys::default_settings_text());
        return Ok(());
    }
    let p = config.ok_or_else(|| Say::NoConfigDir.text(lang))?;
    if write {
        if p.exists() {
            return Err(Say::ConfigExists(&p).text(lang));
        }
        let text = dubang::tui::keys::default_settings_text();
        let made = match p.parent() {
            Some(dir) => std::fs::create_dir_all(dir),
            None => Ok(()),
        };
        made.and_then(|()| store::write_atomic(&p, text.as_bytes()))
            .map_err(|e| {
                Say::CannotWrite {
                    path: &p,
                    error: words::io_error(lang, &e),
                }
                .text(lang)
            })?;
        sayln!("{}", Say::ConfigWritten(&p).text(lang));
        return Ok(());
    }
    let state = if p.exists() {
        String::new()
    } else {
        Say::ConfigMissing.text(lang)
    };
    sayln!("{}{state}", p.display());
    // The bindings are checked as the dashboard would apply them.
    let (_, key_problems) = dubang::tui::keys::KeyMap::from_bindings(&settings.bindings, &p);
    let all: Vec<_> = problems.into_iter().chain(key_problems).collect();
    for problem in &all {
        esayln!("dubang: {}", words::settings_problem(lang, problem));
    }
    match all.len() {
        0 => Ok(()),
        n => Err(Say::ConfigProblems(n).text(lang)),
    }
}

/// `dubang report`: the work is in `report::command`; a usage error exits 2.
fn run_report(
    path: &Path,
    a: cli::ReportArgs,
    lang: Option<Lang>,
    fallback_lang: Lang,
    settings: &dubang::settings::Settings,
) -> Result<(), String> {
    use report::command::{Failure, Request, run};
    let req = Request {
        format: a.format,
        out: a.out,
        filters: report::FilterArgs {
            sections: a.section,
            units: a.unit,
            towns: a.town,
            statuses: a.status,
            overdue: a.overdue,
            stale: a.stale,
            since: a.since,
        },
        lang,
        fallback_lang,
        today: chrono::Local::now().date_naive(),
        thresholds: settings.problems,
    };
    let stdout = std::io::stdout();
    let tty = std::io::IsTerminal::is_terminal(&stdout);
    match run(path, &req, &mut stdout.lock(), tty) {
        Ok(notes) => {
            notes.iter().for_each(|n| esayln!("dubang: {n}"));
            Ok(())
        }
        Err(Failure::Failed(msg)) => Err(msg),
        Err(Failure::Usage(msg)) => {
            esayln!("dubang: {msg}");
            std::process::exit(2)
        }
    }
}

/// Ends with exit code 2 and one line: the command line asked for something that
/// cannot be (an unknown status, progress 150, a date that is no date).
fn usage(msg: &str) -> ! {
    esayln!("dubang: {msg}");
    std::process::exit(2)
}

/// `dubang ledger send|collect`: the work is in `dubang::ledger::command`.
fn run_ledger(
    path: &Path,
    cmd: cli::LedgerCommand,
    lang: Option<Lang>,
    fallback_lang: Lang,
) -> Result<(), String> {
    use dubang::ledger::command::{Collect, Send, collect, send};
    use report::command::Failure;
    let done = match cmd {
        cli::LedgerCommand::Send {
            unit,
            all_units,
            out,
            ..
        } => send(
            path,
            &Send {
                units: unit,
                all: all_units,
                out,
                lang,
                fallback_lang,
                today: chrono::Local::now().date_naive(),
            },
        )
        .map(|lines| lines.join("\n") + "\n"),
        cli::LedgerCommand::Collect {
            files,
            dry_run,
            force,
            strict,
            ..
        } => collect(
            path,
            &Collect {
                files,
                dry_run,
                force,
                strict,
                lang,
                fallback_lang,
            },
        ),
    };
    match done {
        Ok(text) => {
            say!("{text}");
            Ok(())
        }
        Err(Failure::Failed(msg)) => Err(msg),
        Err(Failure::Usage(msg)) => {
            esayln!("dubang: {msg}");
            std::process::exit(2)
        }
    }
}

/// `--file`/`DUBANG_FILE`, or the user's copy of the bundled plan (created on first use).
/// NO_COLOR set to anything non-empty (no-color.org).
fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

fn registry_path(lang: Lang, file: Option<PathBuf>) -> Result<PathBuf, String> {
    let (path, created) = registry_path_quiet(lang, file)?;
    if created {
        esayln!("dubang: {}", Say::CreatedCopy(&path).text(lang));
    }
    Ok(path)
}

/// Like [`registry_path`], saying whether the default file was just created instead
/// of printing it (the dashboard shows it in its status line).
fn registry_path_quiet(lang: Lang, file: Option<PathBuf>) -> Result<(PathBuf, bool), String> {
    if let Some(f) = file {
        return Ok((f, false));
    }
    let d = store::ensure_default_file().map_err(|e| match lang {
        Lang::Zh => format!("无法创建内置方案的副本:{e}"),
        Lang::En => e,
    })?;
    Ok((d.path, d.created))
}

/// The note of `dubang set`: as given, from standard input (`--note -`) or from a
/// file (`--note-file`); at most 1 MiB is read (the note's own limit is checked with
/// the edit, in characters).
fn read_note(
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

fn read_text(lang: Lang, path: &Path, what: FileKind) -> Result<String, String> {
    let bytes = store::files::read_regular(path, store::files::FILE_CAP).map_err(|e| {
        Say::CannotRead {
            path,
            what,
            error: words::io_error(lang, &e),
        }
        .text(lang)
    })?;
    String::from_utf8(bytes).map_err(|e| {
        Say::NotUtf8 {
            path,
            what,
            offset: e.utf8_error().valid_up_to(),
        }
        .text(lang)
    })
}

fn run_import(
    named: Option<Lang>,
    document: &Path,
    out: Option<&Path>,
    towns: Option<&Path>,
    curation: Option<&Path>,
    (no_bundled, check, allow_partial): (bool, bool, bool),
) -> Result<(), String> {
    let lang = named.unwrap_or(Lang::En);
    let bytes = store::files::read_regular(document, store::files::FILE_CAP).map_err(|e| {
        Say::CannotRead {
            path: document,
            what: FileKind::Document,
            error: words::io_error(lang, &e),
        }
        .text(lang)
    })?;
    let file = document.display().to_string();
    // Nothing names a language: the document's, as the dashboard takes the plan's.
    let lang = named.unwrap_or_else(|| match formats::read(&bytes, &file) {
        Ok(s) => Lang::of_text(&s.text),
        Err(_) => Lang::of_text(&String::from_utf8_lossy(&bytes)),
    });
    let gazetteer = towns
        .map(|p| {
            read_text(lang, p, FileKind::TownList).and_then(|t| {
                Gazetteer::from_json(&t)
                    .map_err(|e| messages::bad_list(lang, &p.display().to_string(), true, &e))
            })
        })
        .transpose()?;
    let curation = curation
        .map(|p| {
            read_text(lang, p, FileKind::Curation).and_then(|t| {
                Curation::from_json(&t)
                    .map_err(|e| messages::bad_list(lang, &p.display().to_string(), false, &e))
            })
        })
        .transpose()?;
    let opts = ImportOptions {
        gazetteer,
        curation,
        source: Some(file.clone()),
        bundled: !no_bundled,
        // --check shows what could be read even when some lines could not.
        allow_partial: allow_partial || check,
        lang,
    };
    let (imported, source) = match import_document(&bytes, &file, &opts) {
        Ok(ok) => ok,
        Err((problems, source)) => {
            if check {
                say!(
                    "{}",
                    check::report(&file, source.as_deref(), None, &problems)
                );
            } else {
                for p in &problems[..problems.len() - 1] {
                    esayln!("dubang: {}", check::problem_line(&file, p));
                }
            }
            return Err(check::problem_line(&file, &problems[problems.len() - 1]));
        }
    };
    if check {
        let p = &imported.problems;
        say!(
            "{}",
            check::report(&file, Some(&source), Some(&imported), p)
        );
        return match p.len() {
            0 => Ok(()),
            n => Err(messages::unplaced(lang, &file, n)),
        };
    }
    esayln!("dubang: {}", messages::note(lang, &source));
    for p in &imported.problems {
        let line = check::problem_line(&file, p);
        esayln!("dubang: {}", messages::left_out_line(lang, &line));
    }
    for n in &imported.notes {
        esayln!("dubang: {}", messages::note(lang, n));
    }
    let json = store::to_json(&imported.registry);
    match out {
        Some(p) => {
            store::write_atomic(p, json.as_bytes()).map_err(|e| {
                Say::CannotWrite {
                    path: p,
                    error: words::io_error(lang, &e),
                }
                .text(lang)
            })?;
            let r = &imported.registry;
            let counts = [
                r.sections.len(),
                r.tasks.len(),
                r.units.len(),
                r.towns.len(),
                r.goals.len(),
                r.measures.len(),
            ];
            esayln!("dubang: {}", Say::Wrote { path: p, counts }.text(lang));
        }
        None => print!("{json}"),
    }
    Ok(())
}

fn run_validate(lang: Lang, path: &Path) -> Result<(), String> {
    match store::load_all_problems(path) {
        Ok(reg) => {
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

/// `dubang set`: every change given becomes one edit; all are saved together under one
/// lock, on top of the file as it is then (see `store::save_edits`).
fn run_set(
    lang: Lang,
    path: &Path,
    key: &str,
    status: Option<&str>,
    note: Option<String>,
    progress: Option<&str>,
    due: Option<&str>,
) -> Result<(), String> {
    use dubang::registry::{Edit, EditTarget, Op, ops, typed};
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
    let reg = store::load(path).map_err(|e| words::load_error(lang, &e))?;
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
    Ok(())
}
