//! Popups that take the keyboard from the screen below, each owning its state,
//! what its keys do and its drawing. (The text inputs and the search popup still
//! live in `edit.rs`/`find.rs` with their drawing in `view/`.)

pub mod picker;
