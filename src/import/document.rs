//! The document's structure: chrome dropped, notice read, the body read as an
//! outline ([`super::body`]), and the outline turned into sections (with their
//! parents), tasks, goals text and safeguard measures.

use super::body::{self, Outline};
use super::notice::{self, Notice};
use super::outline::{heading_title, marker};
use super::{ImportError, Msg, messages as msg};
use crate::registry::sanitize_line;
use chrono::NaiveDate;

/// Lines of web-page chrome, never part of a plan.
const CHROME: [&str; 14] = [
    "网站地图",
    "版权所有",
    "技术支持",
    "主办单位",
    "举报电话",
    "ICP备",
    "公网安备",
    "网站标识码",
    "联系我们",
    "分享到",
    "打印本页",
    "关闭窗口",
    "扫一扫",
    "首页 >",
];

/// One non-empty line: its number, how many characters were trimmed before it, text.
pub struct Line<'a> {
    pub no: usize,
    pub indent: usize,
    pub text: &'a str,
}

/// A heading that holds tasks.
#[derive(Debug, Clone)]
pub struct RawSection {
    pub numeral: String,
    pub title: String,
    pub parent: Option<usize>,
}

#[derive(Debug, Clone)]
pub struct RawTask {
    /// The task's place in the plan, 1, 2, … in document order.
    pub number: u32,
    /// As the document numbers it (restarting per section, or empty).
    pub label: String,
    pub section: usize,
    pub paragraphs: Vec<String>,
    pub lead: Vec<String>,
    pub responsible: Vec<String>,
    pub line: usize,
    pub due: Option<NaiveDate>,
}

/// What the text says, before names are resolved.
pub struct Parsed {
    pub notice: Notice,
    pub goals_text: String,
    pub sections: Vec<RawSection>,
    pub tasks: Vec<RawTask>,
    pub measures: Vec<(String, String, Vec<String>)>,
    /// Lines that could not be placed, and what was expected there.
    pub problems: Vec<ImportError>,
    /// What the importer assumed, for the user.
    pub assumptions: Vec<String>,
    /// `…市发展和改革委员会（以下简称市发改委）`: (short name, the text before it).
    pub abbreviations: Vec<(String, String)>,
}

impl Parsed {
    pub fn number(&self) -> Option<&str> {
        self.notice.number.as_deref()
    }

    /// Whether the document was issued by the government of `city`.
    pub fn issued_in(&self, city: &str) -> bool {
        [&self.notice.issuer, &self.notice.notice]
            .iter()
            .any(|s| s.as_deref().is_some_and(|s| s.starts_with(city)))
    }

    pub fn empty(notice: Notice) -> Parsed {
        Parsed {
            notice,
            goals_text: String::new(),
            sections: Vec::new(),
            tasks: Vec::new(),
            measures: Vec::new(),
            problems: Vec::new(),
            assumptions: Vec::new(),
            abbreviations: Vec::new(),
        }
    }
}

fn is_chrome(s: &str) -> bool {
    CHROME.iter().any(|c| s.contains(c))
}

/// Label lines (`牵头单位:区甲局` then `责任单位:…`) after a task: one annotation.
fn label_line(s: &str) -> bool {
    [
        "牵头单位",
        "牵头部门",
        "责任单位",
        "配合单位",
        "协办单位",
        "参与单位",
        "责任部门",
        "配合部门",
    ]
    .iter()
    .any(|k| {
        s.strip_prefix(k)
            .is_some_and(|r| r.trim_start().starts_with([':', '：']))
    })
}

/// Where labels start after a task's last sentence on the same line (`。牵头单位：`),
/// outside brackets.
fn inline_labels(s: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut prev = None;
    for (i, c) in s.char_indices() {
        match c {
            '（' | '(' | '〔' | '【' => depth += 1,
            '）' | ')' | '〕' | '】' => depth = depth.saturating_sub(1),
            _ => {}
        }
        if depth == 0 && i > 0 && matches!(prev, Some('。' | '；' | ';')) && label_line(&s[i..]) {
            return Some(i);
        }
        prev = Some(c);
    }
    None
}

/// Reads the text. Problems are collected in [`Parsed::problems`]; only a document
/// with nothing to read at all is an error here.
pub fn parse(text: &str) -> Result<Parsed, ImportError> {
    let cleaned: Vec<(usize, String)> = text
        .strip_prefix('\u{feff}')
        .unwrap_or(text)
        .split('\n')
        .enumerate()
        .map(|(i, l)| (i + 1, sanitize_line(l)))
        .collect();
    // Consecutive label lines are joined into one bracketed annotation.
    let mut joined: Vec<(usize, usize, String)> = Vec::new();
    let mut in_labels = false;
    for (no, l) in &cleaned {
        let t = l.trim();
        if t.is_empty() || is_chrome(t) {
            in_labels = false;
            continue;
        }
        let mut indent = l[..l.len() - l.trim_start().len()].chars().count();
        // `…工作。牵头单位：市甲局；配合单位：市乙局` — labels after the sentence.
        let mut t = t;
        if let Some(at) = inline_labels(t) {
            joined.push((*no, indent, t[..at].to_string()));
            indent += t[..at].chars().count();
            t = &t[at..];
            in_labels = false;
        }
        if label_line(t) {
            let t = t.trim_end_matches(['。', ';', '；']);
            match joined.last_mut() {
                Some(last) if in_labels => {
                    last.2.pop();
                    last.2.push('；');
                    last.2.push_str(t);
                    last.2.push('〕');
                }
                _ => joined.push((*no, indent.saturating_sub(1), format!("〔{t}〕"))),
            }
            in_labels = true;
        } else {
            in_labels = false;
            joined.push((*no, indent, t.to_string()));
        }
    }
    let lines: Vec<Line> = joined
        .iter()
        .map(|(no, indent, text)| Line {
            no: *no,
            indent: *indent,
            text,
        })
        .collect();
    if lines.is_empty() {
        return Err(ImportError::at(1, Some(1), Msg::Empty));
    }
    // The body starts at the first part 一、; a short plan without parts, at its
    // first numbered line.
    let body = lines
        .iter()
        .position(|l| marker(l.text).is_some_and(|m| m.level <= 1))
        .or_else(|| lines.iter().position(|l| marker(l.text).is_some()))
        .unwrap_or(lines.len());
    let mut n = Notice::default();
    notice::read(&lines[..body], &mut n);
    let mut p = Parsed::empty(n);
    p.abbreviations = lines.iter().flat_map(|l| abbreviations(l.text)).collect();
    let first_leads = lines
        .iter()
        .any(|l| (l.text.contains("第一位") || l.text.contains("首位")) && l.text.contains("牵头"));
    let outline = body::read(&lines[body..], first_leads);
    shape(&outline, &lines[body..], &mut p, first_leads);
    if p.tasks.is_empty() && p.problems.is_empty() {
        let at = lines.get(body).unwrap_or(&lines[0]);
        return Err(ImportError::at(at.no, Some(at.indent + 1), Msg::NoTasks));
    }
    Ok(p)
}

/// `甲（以下简称乙）` and `甲（简称“乙”）` in a line.
fn abbreviations(line: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for marker in ["以下简称", "简称"] {
        for (i, _) in line.match_indices(marker) {
            let Some(open) = line[..i]
                .chars()
                .next_back()
                .filter(|c| matches!(c, '（' | '('))
            else {
                continue;
            };
            let rest = &line[i + marker.len()..];
            let end = rest.find(['）', ')']).unwrap_or(rest.len());
            let short = rest[..end].trim_matches(|c: char| "“”\"‘’「」：:为 ".contains(c));
            let before_end = i - open.len_utf8();
            let start = line[..before_end]
                .char_indices()
                .rev()
                .nth(29)
                .map_or(0, |(k, _)| k);
            if (2..=15).contains(&short.chars().count()) {
                out.push((short.to_string(), line[start..before_end].to_string()));
            }
        }
        if !out.is_empty() {
            break;
        }
    }
    out
}

fn is_goals(title: &str) -> bool {
    title.contains("目标") && !title.contains("保障")
}

/// Sections, tasks, goals and measures from the outline.
fn shape(o: &Outline, lines: &[Line], p: &mut Parsed, first_leads: bool) {
    p.problems.extend(o.problems.iter().cloned());
    let holds = o.holding();
    let items = &o.items;
    let tasks: Vec<usize> = (0..items.len())
        .filter(|&i| items[i].is_task() && !items[i].failed)
        .collect();
    // The part holding all tasks is left out of their paths when it is the only one.
    let parts: Vec<usize> = (0..items.len())
        .filter(|&i| items[i].level == 1 && holds[i])
        .collect();
    let direct = tasks
        .iter()
        .any(|&t| items[t].parent.is_some_and(|q| items[q].level == 1));
    let drop_part = parts.len() == 1 && !direct;
    let in_path = |i: usize| holds[i] && !items[i].is_task() && !(drop_part && items[i].level == 1);
    let mut section_of = vec![None; items.len()];
    for i in 0..items.len() {
        if !in_path(i) {
            continue;
        }
        let parent = o.ancestors(i).into_iter().find_map(|a| section_of[a]);
        section_of[i] = Some(p.sections.len());
        let it = &items[i];
        p.sections.push(RawSection {
            numeral: it.numeral.clone(),
            title: it.title(),
            parent,
        });
    }
    let mut unnumbered = Vec::new();
    let mut whole: Option<usize> = None;
    let mut several_first = 0;
    let mut stated = false;
    for &t in &tasks {
        let it = &items[t];
        let section = match o.ancestors(t).into_iter().find_map(|a| section_of[a]) {
            Some(s) => s,
            // Tasks with no heading above them: the plan itself is their section.
            None => *whole.get_or_insert_with(|| {
                p.sections.push(RawSection {
                    numeral: String::new(),
                    title: p.notice.plan_title.clone().unwrap_or_else(|| "任务".into()),
                    parent: None,
                });
                p.sections.len() - 1
            }),
        };
        let ann = it.annotation.as_ref().expect("a task has its annotation");
        stated |= ann.states_first_lead;
        several_first += usize::from(ann.first_taken_as_lead);
        if it.level == 9 {
            unnumbered.push(it.line);
        }
        p.tasks.push(RawTask {
            number: p.tasks.len() as u32 + 1,
            label: if it.level == 9 {
                String::new()
            } else {
                it.label()
            },
            section,
            paragraphs: it.paragraphs.clone(),
            lead: ann.lead.clone(),
            responsible: ann.responsible.clone(),
            line: it.line,
            due: ann.due,
        });
    }
    if stated || first_leads && !p.tasks.is_empty() {
        p.assumptions.push(msg::first_lead_stated());
    } else if several_first > 0 {
        p.assumptions.push(msg::first_lead_assumed(several_first));
    }
    if !unnumbered.is_empty() {
        p.assumptions.push(msg::unnumbered_tasks(&unnumbered));
    }
    if !o.loose.is_empty() {
        p.assumptions.push(msg::loose_text(&o.loose));
    }
    let text_of = |from: usize, to: usize| -> Vec<String> {
        lines[from.min(to)..to]
            .iter()
            .map(|l| l.text.to_string())
            .collect()
    };
    let mut goals_done = false;
    for (i, it) in items.iter().enumerate() {
        if it.level == 1 && it.title().contains("保障") {
            for (j, m) in items.iter().enumerate() {
                if m.parent != Some(i) || m.level != 2 || holds[j] {
                    continue;
                }
                let (title, rest) = match m.first.find('。') {
                    Some(k) => (&m.first[..k], m.first[k + '。'.len_utf8()..].trim()),
                    None => (m.first.as_str(), ""),
                };
                let mut paras: Vec<String> = Vec::new();
                if !rest.is_empty() {
                    paras.push(rest.to_string());
                }
                // 附件, the signature and the date after the last measure are not its text.
                paras.extend(
                    text_of(m.idx + 1, m.end)
                        .into_iter()
                        .take_while(|l| !body::closing_matter(l)),
                );
                p.measures
                    .push((m.numeral.clone(), title.to_string(), paras));
            }
        } else if !goals_done && it.level <= 2 && is_goals(&it.title()) && !holds[i] {
            goals_done = true;
            let mut text = String::new();
            if it.level == 2 {
                text.push_str(it.first[heading_title(&it.first).len()..].trim_start_matches('。'));
            }
            for l in text_of(it.idx + 1, it.end) {
                text.push_str(&l);
            }
            p.goals_text = text;
        }
    }
    if !p.tasks.is_empty() {
        for &i in &parts_without_tasks(o, &holds) {
            let it = &items[i];
            p.problems.push(ImportError::at(
                it.line,
                Some(it.start),
                Msg::PartWithoutTasks {
                    numeral: it.numeral.clone(),
                    title: it.title(),
                },
            ));
        }
    }
}

/// Parts named for tasks (…任务, 重点工作) that hold none.
fn parts_without_tasks(o: &Outline, holds: &[bool]) -> Vec<usize> {
    (0..o.items.len())
        .filter(|&i| {
            let it = &o.items[i];
            let t = it.title();
            it.level == 1
                && !holds[i]
                && (t.contains("任务") || t.contains("重点工作"))
                && !t.contains("保障")
                && !t.contains("目标")
        })
        .collect()
}
