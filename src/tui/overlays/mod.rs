//! Popups that take the keyboard from the screen below, each owning its state,
//! what its keys do and its drawing. (The text inputs still live in `edit.rs`
//! with their drawing in `view/editing.rs`.)

pub mod picker;
pub mod search;
