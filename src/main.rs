//! Parses the command line and dispatches; the work happens in the library.

// Human output goes through the sanitiser: a path, an argument or a file's text
// quoted in a message can never drive the terminal (JSON and reports are written as
// they are: they are made from the cleaned registry). Defined before `mod cli` so
// the subcommands' modules use them too.
macro_rules! say {
    ($($a:tt)*) => { print!("{}", dubang::registry::sanitize_text(&format!($($a)*))) };
}
macro_rules! sayln {
    ($($a:tt)*) => { println!("{}", dubang::registry::sanitize_text(&format!($($a)*))) };
}
macro_rules! esayln {
    ($($a:tt)*) => { eprintln!("{}", dubang::registry::sanitize_text(&format!($($a)*))) };
}

mod cli;

use clap::Parser;
use cli::config::run_config;
use cli::edit::{read_note, run_set, run_validate};
use cli::import::run_import;
use cli::report::{run_ledger, run_log, run_report};
use cli::share::file_origin;
use cli::{Cli, Command};
use dubang::lang::Lang;
use dubang::registry::Index;
use dubang::words::{self, Say};
use dubang::{report, store};
use std::path::PathBuf;
use std::process::ExitCode;

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
    // The user's settings over the system's (/etc/dubang/config.toml): a shared
    // registry named there is what a bare `dubang` opens.
    let system_config = dubang::settings::system_config_path(|k| std::env::var(k).ok());
    let (settings, problems, file_from) =
        dubang::settings::layered(config.as_deref(), &system_config);
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
    // language); the dashboard, the summary, `set` and `validate` fall back to the
    // plan's language instead, once it is read.
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
        Some(Command::Share(cli::ShareCommand::Init {
            path,
            group,
            from,
            system,
        })) => {
            let req = dubang::share::init::Request { path, group, from };
            let system = system.then_some(system_config.as_path());
            let lines = dubang::share::command::share_init(lang, &req, system)?;
            lines.iter().for_each(|l| println!("{l}"));
            Ok(())
        }
        Some(Command::Log {
            since,
            unit,
            by,
            task,
            file: f,
        }) => {
            let req = report::log::Request {
                since,
                units: unit,
                by,
                task,
                lang: cli.lang,
                fallback_lang: lang,
                today: None,
            };
            run_log(&registry_path(lang, file(Some(&f)))?, &req)
        }
        Some(Command::Doctor(f)) => {
            let origin = file_origin(f.file.as_ref().or(cli.file.as_ref()), file_from);
            let (path, _) = registry_path_quiet(lang, file(Some(&f)))?;
            let (lines, well) = dubang::share::command::doctor(lang, &path, origin);
            lines.iter().for_each(|l| println!("{l}"));
            if !well {
                std::process::exit(1);
            }
            Ok(())
        }
        Some(Command::Validate(f)) => {
            run_validate(lang, plan_lang, &registry_path(lang, file(Some(&f)))?)
        }
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
            plan_lang,
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
