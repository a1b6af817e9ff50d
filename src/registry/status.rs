//! A task's or goal's status, with its Chinese and English names.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    #[default]
    NotStarted,
    InProgress,
    Done,
    Delayed,
    Blocked,
}

impl Status {
    /// Every status, in the order pickers and counts show them.
    pub const ALL: [Status; 5] = [
        Status::NotStarted,
        Status::InProgress,
        Status::Done,
        Status::Delayed,
        Status::Blocked,
    ];

    /// The name in the file: `not_started`, `in_progress`, …
    pub fn key(self) -> &'static str {
        match self {
            Status::NotStarted => "not_started",
            Status::InProgress => "in_progress",
            Status::Done => "done",
            Status::Delayed => "delayed",
            Status::Blocked => "blocked",
        }
    }

    pub fn zh(self) -> &'static str {
        match self {
            Status::NotStarted => "未启动",
            Status::InProgress => "推进中",
            Status::Done => "已完成",
            Status::Delayed => "滞后",
            Status::Blocked => "受阻",
        }
    }

    pub fn en(self) -> &'static str {
        match self {
            Status::NotStarted => "not started",
            Status::InProgress => "in progress",
            Status::Done => "done",
            Status::Delayed => "delayed",
            Status::Blocked => "blocked",
        }
    }

    /// Position in [`Status::ALL`], for counting.
    pub fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// Error for a string that names no status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownStatus(pub String);

impl fmt::Display for UnknownStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown status '{}': use one of not_started, in_progress, done, delayed, blocked (or 未启动, 推进中, 已完成, 滞后, 受阻)",
            self.0
        )
    }
}

impl std::error::Error for UnknownStatus {}

impl FromStr for Status {
    type Err = UnknownStatus;

    /// Accepts the file's key, the Chinese name, or the English name in any case,
    /// with spaces, dashes or underscores.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let norm: String = s
            .trim()
            .chars()
            .map(|c| {
                if c == ' ' || c == '-' {
                    '_'
                } else {
                    c.to_ascii_lowercase()
                }
            })
            .collect();
        Status::ALL
            .into_iter()
            .find(|st| st.key() == norm || st.zh() == norm)
            .ok_or_else(|| UnknownStatus(s.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_spelling() {
        assert_eq!("in_progress".parse(), Ok(Status::InProgress));
        assert_eq!("In Progress".parse(), Ok(Status::InProgress));
        assert_eq!("not-started".parse(), Ok(Status::NotStarted));
        assert_eq!("已完成".parse(), Ok(Status::Done));
        assert!("finished".parse::<Status>().is_err());
    }
}
