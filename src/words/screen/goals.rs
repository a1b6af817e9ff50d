//! The goals tab.
/// The goals tab. Every field is one word or phrase; [`ZH`] and [`EN`] must both give it.
pub struct Goals {
    pub all_done: &'static str,
    pub due: &'static str,
    pub done: &'static str,
    pub updated: &'static str,
}

pub const ZH: Goals = Goals {
    all_done: "已完成",
    due: "截止",
    done: "完成",
    updated: "更新",
};

pub const EN: Goals = Goals {
    all_done: "done",
    due: "due",
    done: "done",
    updated: "updated",
};
