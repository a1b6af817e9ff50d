//! `dubang report` and `dubang ledger`: the command line's side (arguments in, exit
//! codes out); the work is in `report::command` and `ledger::command`.

use super::{LedgerCommand, ReportArgs};
use dubang::lang::Lang;
use dubang::report;
use std::path::Path;

/// `dubang report`: the work is in `report::command`; a usage error exits 2.
pub fn run_report(
    path: &Path,
    a: ReportArgs,
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

/// `dubang ledger send|collect`: the work is in `dubang::ledger::command`.
pub fn run_ledger(
    path: &Path,
    cmd: LedgerCommand,
    lang: Option<Lang>,
    fallback_lang: Lang,
) -> Result<(), String> {
    use dubang::ledger::command::{Collect, Send, collect, send};
    use report::command::Failure;
    let done = match cmd {
        LedgerCommand::Send {
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
        LedgerCommand::Collect {
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

/// `dubang log`: the work is in `report::log`; a usage error exits 2.
pub fn run_log(path: &Path, req: &report::log::Request) -> Result<(), String> {
    use report::command::Failure;
    match report::log::run(path, req) {
        Ok(text) => {
            print!("{text}");
            Ok(())
        }
        Err(Failure::Failed(msg)) => Err(msg),
        Err(Failure::Usage(msg)) => {
            eprintln!("dubang: {msg}");
            std::process::exit(2)
        }
    }
}
