//! dubang (督办): a terminal dashboard for following up a government work plan.
//!
//! Layers, each free of the ones after it: [`registry`] (the domain), [`store`]
//! (files), [`import`] (document text → registry), [`report`] (plain text), and the
//! terminal UI.

pub mod account;
pub mod import;
pub mod lang;
pub mod ledger;
pub mod registry;
pub mod report;
pub mod search;
pub mod settings;
pub mod share;
pub mod store;
pub mod text;
pub mod tui;
pub mod words;
