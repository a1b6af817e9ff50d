//! Every integration test in one binary, so the suite links the crate once instead
//! of twenty times (the first run of `scripts/test` spent most of its time linking).
//! One module per capability; `common` (tmux harness, screen helpers) and
//! `edit_common` (fixtures for the edit tests) are shared.
//!
//! Tests of one binary run in parallel threads: the few that load the machine
//! (many processes saving at once, SIGKILL loops, property tests) take
//! [`common::heavy`] exclusively, and the timing-sensitive tmux walks take it shared,
//! so a screen never waits its timeout out behind a burst of CPU work.

mod common;
mod edit_common;
mod ledger_common;

mod broken_registries;
mod cli_commands;
mod cli_typed;
mod edit_concurrency;
mod edit_crash;
mod edit_failures;
mod edit_rules_cli;
mod goal_status;
mod hostile_copy;
mod hostile_files;
mod hostile_text;
mod hostile_work;
mod import_corpus;
mod import_formats;
mod import_plan;
mod import_variants;
mod ledger_problems;
mod ledger_roundtrip;
mod log_cli;
mod no_panic;
mod no_panic_screens;
mod present_pages;
mod present_screens;
mod readme;
mod report_cli;
mod report_content;
mod search;
mod share_office;
mod shared_file;
mod themes;
mod tmux_bgsave;
mod tmux_edit;
mod tmux_emoji;
mod tmux_exit_saves;
mod tmux_hangup;
mod tmux_lost_terminal;
mod tmux_present;
mod tmux_report;
mod tmux_search;
mod tmux_unsaved;
mod tui_activity;
mod tui_backend;
mod tui_backend_replay;
mod tui_background_save;
mod tui_columns;
mod tui_edit_rules;
mod tui_editing;
mod tui_find;
mod tui_navigation;
mod tui_nonblock;
mod tui_screens;
mod tui_startup;
mod tui_sync_query;
mod tui_tmux;
mod tui_unsaved;
mod words_and_keys;
mod zh_screens;
