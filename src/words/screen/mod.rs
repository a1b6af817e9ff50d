//! Every word the dashboard shows, in Chinese and English, one file per area of
//! the screen. Each area is a struct of phrases with a `ZH` and an `EN` value, so
//! a phrase missing in one language does not compile; sentences that take
//! arguments are functions of the language beside them.

use crate::lang::Lang;

pub mod activity;
pub mod copy;
pub mod detail;
pub mod edits;
pub mod goals;
pub mod help;
pub mod keys;
pub mod lists;
pub mod log;
pub mod measures;
pub mod overlays;
pub mod present;
pub mod problems;
pub mod saving;
pub mod status;

/// All of the dashboard's words in one language.
pub struct Screen {
    pub activity: activity::Activity,
    pub lists: lists::Lists,
    pub detail: detail::Detail,
    pub edits: edits::Edits,
    pub goals: goals::Goals,
    pub problems: problems::Problems,
    pub overlays: overlays::Overlays,
    pub present: present::Present,
    pub help: help::Help,
    pub keys: keys::Keys,
    pub status: status::Status,
}

static ZH: Screen = Screen {
    activity: activity::ZH,
    lists: lists::ZH,
    detail: detail::ZH,
    edits: edits::ZH,
    goals: goals::ZH,
    problems: problems::ZH,
    overlays: overlays::ZH,
    present: present::ZH,
    help: help::ZH,
    keys: keys::ZH,
    status: status::ZH,
};

static EN: Screen = Screen {
    activity: activity::EN,
    lists: lists::EN,
    detail: detail::EN,
    edits: edits::EN,
    goals: goals::EN,
    problems: problems::EN,
    overlays: overlays::EN,
    present: present::EN,
    help: help::EN,
    keys: keys::EN,
    status: status::EN,
};

/// The dashboard's words in `lang`.
pub fn of(lang: Lang) -> &'static Screen {
    match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}
