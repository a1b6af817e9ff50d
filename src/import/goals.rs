//! 主要目标 → one goal per horizon ("到2025年，…" and "到2035年，…"), each split into
//! its clauses (targets) so that sections can be linked to what they serve.

use crate::registry::{Goal, Status, Target};
use chrono::NaiveDate;
use regex::Regex;
use std::sync::LazyLock;

static HORIZON: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"到(\d{4})年[,，]?").unwrap());

/// Splits the goals part's text into goals.
pub fn split(text: &str) -> Vec<Goal> {
    let starts: Vec<(usize, usize, String)> = HORIZON
        .captures_iter(text)
        .map(|c| {
            let m = c.get(0).unwrap();
            (m.start(), m.end(), c[1].to_string())
        })
        .collect();
    if starts.is_empty() {
        let text = text.trim();
        if text.is_empty() {
            return Vec::new();
        }
        return vec![goal("g1".into(), None, text, text)];
    }
    let mut goals: Vec<Goal> = Vec::new();
    for (n, (start, body_start, year)) in starts.iter().enumerate() {
        let end = starts.get(n + 1).map_or(text.len(), |s| s.0);
        let mut id = format!("g{year}");
        if goals.iter().any(|g| g.id == id) {
            id = format!("g{year}-{}", n + 1);
        }
        goals.push(goal(
            id,
            Some(year.clone()),
            text[*start..end].trim(),
            text[*body_start..end].trim(),
        ));
    }
    goals
}

fn goal(id: String, horizon: Option<String>, text: &str, body: &str) -> Goal {
    let due = horizon
        .as_deref()
        .and_then(|y| y.parse::<i32>().ok())
        .and_then(|y| NaiveDate::from_ymd_opt(y, 12, 31));
    Goal {
        id,
        horizon,
        due,
        text: text.to_string(),
        targets: clauses(body)
            .into_iter()
            .map(|text| Target {
                text,
                sections: Vec::new(),
            })
            .collect(),
        sections: Vec::new(),
        status: Status::NotStarted,
        updated_at: None,
        updated_by: None,
        history: Vec::new(),
    }
}

/// Clauses separated by , ， ； ; outside quotes, without the final 。.
fn clauses(body: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut quoted = false;
    let mut cur = String::new();
    for c in body.chars() {
        match c {
            '“' | '「' => quoted = true,
            '”' | '」' => quoted = false,
            _ => {}
        }
        if !quoted && matches!(c, ',' | '，' | ';' | '；' | '。') {
            if !cur.trim().is_empty() {
                out.push(cur.trim().to_string());
            }
            cur.clear();
        } else {
            cur.push(c);
        }
    }
    if !cur.trim().is_empty() {
        out.push(cur.trim().to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_by_horizon_and_clause() {
        let g = split("到2025年,甲取得进展,乙“第四,极”扩大。到2035年，丙形成。");
        assert_eq!(g.len(), 2);
        assert_eq!(g[0].id, "g2025");
        assert_eq!(g[0].due, NaiveDate::from_ymd_opt(2025, 12, 31));
        assert_eq!(g[0].text, "到2025年,甲取得进展,乙“第四,极”扩大。");
        let t: Vec<_> = g[0].targets.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(t, ["甲取得进展", "乙“第四,极”扩大"]);
        assert_eq!(g[1].horizon.as_deref(), Some("2035"));
    }

    #[test]
    fn a_goal_without_a_year_is_kept() {
        let g = split("全面提升。");
        assert_eq!(g.len(), 1);
        assert_eq!(g[0].horizon, None);
    }
}
