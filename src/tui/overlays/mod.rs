//! Popups that take the keyboard from the screen below, each owning its state,
//! what its keys do and its drawing; the dashboard acts on what they report.

pub mod activity;
pub mod document;
pub mod export;
pub mod help;
pub mod input;
pub mod log;
pub mod measures;
pub mod picker;
pub mod quit;
pub mod search;
