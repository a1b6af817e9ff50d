//! The notice around a plan: title, 文号, issuer and date, read from the lines
//! before the first part heading.

use super::document::Line;
use chrono::NaiveDate;
use regex::Regex;
use std::sync::LazyLock;

fn re(s: &str) -> Regex {
    Regex::new(s).expect("a valid pattern")
}

static TITLE_FIELD: LazyLock<Regex> = LazyLock::new(|| re(r"^标\s*题[:：]\s*(.+)$"));
static NUMBER_FIELD: LazyLock<Regex> = LazyLock::new(|| re(r"文\s*号[:：]\s*(\S+)"));
static NUMBER_LINE: LazyLock<Regex> =
    LazyLock::new(|| re(r"^\p{Han}{1,10}[〔\[［(（]\d{4}[〕\]］)）]\d+号$"));
static DATE_FIELD: LazyLock<Regex> =
    LazyLock::new(|| re(r"成文日期[:：]\s*(\d{4})年(\d{1,2})月(\d{1,2})日"));
static DATE_LINE: LazyLock<Regex> = LazyLock::new(|| re(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$"));
static ISSUER_FIELD: LazyLock<Regex> = LazyLock::new(|| re(r"发文机关[:：]\s*(\S+)"));
static PLAN_IN_NOTICE: LazyLock<Regex> = LazyLock::new(|| re(r"关于印发《?(.+?)》?的通知"));

/// What the notice says.
#[derive(Debug, Default)]
pub struct Notice {
    pub notice: Option<String>,
    pub plan_title: Option<String>,
    pub number: Option<String>,
    pub date: Option<NaiveDate>,
    pub issuer: Option<String>,
}

fn date(y: &str, m: &str, d: &str) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

/// Title, 文号, date and issuer from the lines before the first part heading.
pub fn read(lines: &[Line], p: &mut Notice) {
    for (i, l) in lines.iter().enumerate() {
        let t = l.text;
        if let Some(c) = TITLE_FIELD.captures(t) {
            p.notice.get_or_insert(c[1].trim().to_string());
        }
        if let Some(c) = NUMBER_FIELD.captures(t) {
            p.number.get_or_insert(c[1].to_string());
        } else if NUMBER_LINE.is_match(t) {
            p.number.get_or_insert(t.to_string());
        }
        if let Some(c) = DATE_FIELD.captures(t) {
            p.date = p.date.or(date(&c[1], &c[2], &c[3]));
        }
        if let Some(c) = DATE_LINE.captures(t) {
            // A date alone on its line closes the notice; the line above it signs it.
            p.date = p.date.or(date(&c[1], &c[2], &c[3]));
            if let Some(prev) = i.checked_sub(1).map(|j| lines[j].text) {
                let signer = ["政府", "委员会", "办公室", "局", "委"]
                    .iter()
                    .any(|s| prev.ends_with(s));
                if signer && prev.chars().count() <= 24 && !prev.contains([':', '：']) {
                    p.issuer.get_or_insert(prev.to_string());
                }
            }
        }
        if p.notice.is_none()
            && t.contains("关于")
            && t.ends_with("通知")
            && !t.contains([':', '：'])
        {
            p.notice = Some(t.to_string());
        }
    }
    if p.issuer.is_none() {
        p.issuer = p
            .notice
            .as_deref()
            .and_then(|n| n.split_once("关于"))
            .map(|(who, _)| who.to_string())
            .filter(|w| !w.is_empty())
            .or_else(|| {
                lines
                    .iter()
                    .find_map(|l| ISSUER_FIELD.captures(l.text).map(|c| c[1].to_string()))
            });
    }
    p.plan_title = p
        .notice
        .as_deref()
        .and_then(|n| PLAN_IN_NOTICE.captures(n).map(|c| c[1].to_string()))
        .or_else(|| {
            // Without a notice: the last heading-like line before the body.
            lines
                .iter()
                .rev()
                .map(|l| l.text)
                .find(|t| {
                    [
                        "方案", "计划", "意见", "措施", "要点", "分工", "规划", "清单", "细则",
                        "办法",
                    ]
                    .iter()
                    .any(|s| t.ends_with(s))
                })
                .map(str::to_string)
        })
        .or_else(|| {
            // Else the first short line, which is the title in a plan without a notice.
            lines
                .iter()
                .map(|l| l.text)
                .find(|t| t.chars().count() <= 60 && !t.contains(['。', '：', ':']))
                .map(str::to_string)
        });
}
