//! The document's structure: chrome dropped, notice metadata read, parts, sections,
//! tasks (with their annotations) and measures recognised line by line.

use super::annotation::{self, Annotation};
use super::units::{Directory, Owner, short_name};
use super::{ImportError, ImportOptions, goals, title};
use crate::registry::{Document, Measure, Registry, Section, Task, UnitKind, sanitize_line};
use chrono::NaiveDate;
use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

fn re(s: &str) -> Regex {
    Regex::new(s).expect("a valid pattern")
}

static TOP: LazyLock<Regex> = LazyLock::new(|| re(r"^([一二三四五六七八九十]+)[、.．]\s*(.+)$"));
static SUB: LazyLock<Regex> = LazyLock::new(|| re(r"^[（(]([一二三四五六七八九十]+)[)）]\s*(.*)$"));
static TASK: LazyLock<Regex> = LazyLock::new(|| re(r"^(\d{1,3})[.．、]\s*(\D.*|)$"));
static TITLE_FIELD: LazyLock<Regex> = LazyLock::new(|| re(r"^标\s*题[:：]\s*(.+)$"));
static NUMBER_FIELD: LazyLock<Regex> = LazyLock::new(|| re(r"文\s*号[:：]\s*(\S+)"));
static NUMBER_LINE: LazyLock<Regex> =
    LazyLock::new(|| re(r"^\p{Han}{1,10}[〔\[［(（]\d{4}[〕\]］)）]\d+号$"));
static DATE_FIELD: LazyLock<Regex> =
    LazyLock::new(|| re(r"成文日期[:：]\s*(\d{4})年(\d{1,2})月(\d{1,2})日"));
static DATE_LINE: LazyLock<Regex> = LazyLock::new(|| re(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$"));
static ISSUER_FIELD: LazyLock<Regex> = LazyLock::new(|| re(r"发文机关[:：]\s*(\S+)"));
static PLAN_IN_NOTICE: LazyLock<Regex> = LazyLock::new(|| re(r"关于印发《?(.+?)》?的通知"));

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
struct Line<'a> {
    no: usize,
    indent: usize,
    text: &'a str,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Part {
    Preamble,
    Goals,
    Tasks,
    Measures,
    Other,
}

fn part_of(title: &str) -> Part {
    if title.contains("保障") {
        Part::Measures
    } else if title.contains("目标") {
        Part::Goals
    } else if [
        "任务",
        "重点工作",
        "主要工作",
        "工作措施",
        "主要措施",
        "举措",
    ]
    .iter()
    .any(|k| title.contains(k))
    {
        Part::Tasks
    } else {
        Part::Other
    }
}

pub struct RawTask {
    pub number: u32,
    pub section: usize,
    pub paragraphs: Vec<String>,
    pub annotation: Annotation,
}

struct OpenTask {
    line: usize,
    number: u32,
    paragraphs: Vec<String>,
}

/// What the text says, before names are resolved.
pub struct Parsed {
    notice: Option<String>,
    plan_title: Option<String>,
    number: Option<String>,
    date: Option<NaiveDate>,
    issuer: Option<String>,
    goals_text: String,
    sections: Vec<(String, String)>,
    tasks: Vec<RawTask>,
    measures: Vec<(String, String, Vec<String>)>,
}

impl Parsed {
    pub fn number(&self) -> Option<&str> {
        self.number.as_deref()
    }

    /// Whether the document was issued by the government of `city`.
    pub fn issued_in(&self, city: &str) -> bool {
        [&self.issuer, &self.notice]
            .iter()
            .any(|s| s.as_deref().is_some_and(|s| s.starts_with(city)))
    }
}

fn date(y: &str, m: &str, d: &str) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

fn is_chrome(s: &str) -> bool {
    CHROME.iter().any(|c| s.contains(c))
}

pub fn parse(text: &str) -> Result<Parsed, ImportError> {
    let cleaned: Vec<(usize, String)> = text
        .strip_prefix('\u{feff}')
        .unwrap_or(text)
        .split('\n')
        .enumerate()
        .map(|(i, l)| (i + 1, sanitize_line(l)))
        .collect();
    let lines: Vec<Line> = cleaned
        .iter()
        .filter_map(|(no, l)| {
            let text = l.trim();
            let indent = l[..l.len() - l.trim_start().len()].chars().count();
            (!text.is_empty() && !is_chrome(text)).then_some(Line {
                no: *no,
                indent,
                text,
            })
        })
        .collect();
    if lines.is_empty() {
        return Err(ImportError::at(
            0,
            None,
            "the document is empty: expected the text of a work plan",
        ));
    }

    let mut p = Parsed {
        notice: None,
        plan_title: None,
        number: None,
        date: None,
        issuer: None,
        goals_text: String::new(),
        sections: Vec::new(),
        tasks: Vec::new(),
        measures: Vec::new(),
    };
    let body = lines
        .iter()
        .position(|l| TOP.is_match(l.text))
        .unwrap_or(lines.len());
    read_notice(&lines[..body], &mut p);
    read_body(&lines[body..], &mut p)?;
    if p.tasks.is_empty() {
        return Err(ImportError::at(
            0,
            None,
            "no numbered tasks found: expected a part headed like 三、具体任务 holding tasks numbered 1. 2. …, each ending in 〔牵头单位:…〕",
        ));
    }
    Ok(p)
}

/// Title, 文号, date and issuer from the lines before the first part heading.
fn read_notice(lines: &[Line], p: &mut Parsed) {
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
                    ["方案", "计划", "意见", "措施", "要点"]
                        .iter()
                        .any(|s| t.ends_with(s))
                })
                .map(str::to_string)
        });
}

fn read_body(lines: &[Line], p: &mut Parsed) -> Result<(), ImportError> {
    let mut part = Part::Preamble;
    let mut part_title = String::new();
    let mut open: Option<OpenTask> = None;
    let mut last_number = 0u32;
    let mut doc_last = 0u32;
    let mut section_has_tasks = false;
    for l in lines {
        if let Some(c) = TOP.captures(l.text) {
            close_unannotated(&open, l.no)?;
            open = None;
            part = part_of(&c[2]);
            part_title = c[2].trim().to_string();
            continue;
        }
        match part {
            Part::Goals => p.goals_text.push_str(l.text),
            Part::Measures => {
                if let Some(c) = SUB.captures(l.text) {
                    let rest = c[2].trim();
                    let (title, text) = match rest.find('。') {
                        Some(i) => (&rest[..i], rest[i + '。'.len_utf8()..].trim()),
                        None => (rest, ""),
                    };
                    let paras = if text.is_empty() {
                        vec![]
                    } else {
                        vec![text.to_string()]
                    };
                    p.measures
                        .push((c[1].to_string(), title.to_string(), paras));
                } else if let Some(m) = p.measures.last_mut() {
                    m.2.push(l.text.to_string());
                }
            }
            Part::Tasks => {
                if let Some(c) = SUB.captures(l.text) {
                    close_unannotated(&open, l.no)?;
                    open = None;
                    let title = c[2].split('。').next().unwrap_or("").trim();
                    let title = title.trim_end_matches(['.', ';', '；']);
                    p.sections.push((c[1].to_string(), title.to_string()));
                    section_has_tasks = false;
                } else if let Some(c) = TASK.captures(l.text) {
                    close_unannotated(&open, l.no)?;
                    let n: u32 = c[1].parse().unwrap_or(0);
                    let restarts = n == 1 && !section_has_tasks && doc_last > 0;
                    if n != doc_last + 1 && !restarts {
                        return Err(ImportError::at(
                            l.no,
                            Some(l.indent + 1),
                            format!(
                                "expected task {} here, found task {n}: tasks must be numbered in order (is a task missing or misnumbered?)",
                                doc_last + 1
                            ),
                        ));
                    }
                    if p.sections.is_empty() {
                        // Tasks with no (一) headings: the part is their one section.
                        p.sections.push((String::new(), part_title.clone()));
                    }
                    doc_last = n;
                    last_number += 1;
                    section_has_tasks = true;
                    let first = c[2].trim();
                    let col = l.indent + l.text[..l.text.len() - c[2].len()].chars().count();
                    let mut task = OpenTask {
                        line: l.no,
                        number: last_number,
                        paragraphs: Vec::new(),
                    };
                    open = add_paragraph(&mut task, first, l.no, col, p)?.then_some(task);
                } else if let Some(task) = open.as_mut() {
                    if !add_paragraph(task, l.text, l.no, l.indent, p)? {
                        open = None;
                    }
                } else if section_has_tasks {
                    return Err(ImportError::at(
                        l.no,
                        Some(l.indent + 1),
                        format!(
                            "text after the annotation of task {doc_last} that belongs to no task: expected task {} (\"{}.\") or a heading",
                            doc_last + 1,
                            doc_last + 1
                        ),
                    ));
                }
                // Otherwise: a section's introduction, not a task.
            }
            Part::Preamble | Part::Other => {}
        }
    }
    close_unannotated(&open, 0)
}

/// Adds a paragraph to a task. Returns whether the task is still open (no
/// annotation yet); a closed task is moved into `p.tasks`.
fn add_paragraph(
    task: &mut OpenTask,
    para: &str,
    line: usize,
    col: usize,
    p: &mut Parsed,
) -> Result<bool, ImportError> {
    match annotation::parse(para) {
        Err(e) => Err(ImportError::at(
            line,
            Some(col + para[..e.at].chars().count() + 1),
            format!("task {}: {}", task.number, e.message),
        )),
        Ok(None) => {
            task.paragraphs.push(para.to_string());
            Ok(true)
        }
        Ok(Some(ann)) => {
            let text = para[..ann.start].trim();
            if !text.is_empty() {
                task.paragraphs.push(text.to_string());
            }
            if task.paragraphs.is_empty() {
                return Err(ImportError::at(
                    line,
                    Some(col + 1),
                    format!("task {} has an annotation but no text", task.number),
                ));
            }
            p.tasks.push(RawTask {
                number: task.number,
                section: p.sections.len() - 1,
                paragraphs: std::mem::take(&mut task.paragraphs),
                annotation: ann,
            });
            Ok(false)
        }
    }
}

fn close_unannotated(open: &Option<OpenTask>, next_line: usize) -> Result<(), ImportError> {
    match open {
        None => Ok(()),
        Some(t) => Err(ImportError::at(
            t.line,
            None,
            format!(
                "task {} has no responsibility annotation{}: expected 〔牵头单位:…;责任单位:…〕 at the end of its text",
                t.number,
                if next_line > 0 {
                    format!(" before line {next_line}")
                } else {
                    " before the end of the document".into()
                }
            ),
        )),
    }
}

/// Resolves names and assembles the registry.
pub fn build(
    p: Parsed,
    opts: &ImportOptions,
    notes: &mut Vec<String>,
) -> Result<Registry, ImportError> {
    let mut dir = Directory::new(opts.gazetteer.as_ref().map(|g| g.towns.as_slice()));
    let owners: Vec<(Vec<Owner>, Vec<Owner>)> = p
        .tasks
        .iter()
        .map(|t| {
            let lead = t.annotation.lead.iter().map(|n| dir.resolve(n)).collect();
            let resp = t
                .annotation
                .responsible
                .iter()
                .map(|n| dir.resolve(n))
                .collect();
            (lead, resp)
        })
        .collect();
    let renamed = dir.merge_aliases();
    let listed = opts.gazetteer.as_ref().map_or(0, |g| g.towns.len());
    if dir.has_gazetteer() && dir.towns.len() > listed {
        let extra: Vec<&str> = dir.towns[listed..]
            .iter()
            .map(|t| t.name.as_str())
            .collect();
        notes.push(format!(
            "not in the town list, added as towns: {}",
            extra.join("、")
        ));
    }
    let id_of = |o: &Owner| -> String {
        match o {
            Owner::Unit(id) => renamed.get(id).cloned().unwrap_or_else(|| id.clone()),
            Owner::Town(id) => id.clone(),
        }
    };
    let all_towns_units: Vec<&str> = dir
        .units
        .iter()
        .filter(|u| u.kind == UnitKind::AllTowns)
        .map(|u| u.id.as_str())
        .collect();
    let shorts: Vec<(String, String)> = dir
        .towns
        .iter()
        .map(|t| (t.id.clone(), short_name(t)))
        .collect();
    let titles = opts.curation.as_ref().map(|c| &c.titles);

    let sections: Vec<Section> = p
        .sections
        .iter()
        .enumerate()
        .map(|(i, (numeral, title))| Section {
            id: format!("s{}", i + 1),
            numeral: numeral.clone(),
            title: title.clone(),
        })
        .collect();

    let mut tasks = Vec::with_capacity(p.tasks.len());
    for (raw, (lead, resp)) in p.tasks.iter().zip(&owners) {
        let lead: Vec<String> = dedup(lead.iter().map(id_of));
        let responsible: Vec<String> = dedup(resp.iter().map(id_of));
        let all_towns = responsible
            .iter()
            .chain(&lead)
            .any(|id| all_towns_units.contains(&id.as_str()));
        let text = raw.paragraphs.join("\n");
        let mentions = shorts
            .iter()
            .filter(|(id, _)| !responsible.contains(id) && !lead.contains(id))
            .filter(|(_, short)| mentions_town(&text, short))
            .map(|(id, _)| id.clone())
            .collect();
        let title = titles
            .and_then(|t| t.get(&raw.number).cloned())
            .unwrap_or_else(|| title::headline(&text));
        tasks.push(Task {
            id: format!("t{}", raw.number),
            number: raw.number,
            section: sections[raw.section].id.clone(),
            title,
            text,
            lead,
            responsible,
            all_towns,
            mentions,
            status: Default::default(),
            progress: 0,
            due: None,
            updated_at: None,
            updated_by: None,
            history: Vec::new(),
        });
    }
    if !dir.has_gazetteer() && tasks.iter().any(|t| t.all_towns) {
        notes.push(
            "各镇(区) could not be expanded: no town list was given (--towns FILE), so only the towns the document names are known".into(),
        );
    }

    let mut goal_list = goals::split(&p.goals_text);
    if let Some(cur) = &opts.curation {
        link_goals(&mut goal_list, cur, &sections)?;
    }

    let measures = p
        .measures
        .into_iter()
        .enumerate()
        .map(|(i, (numeral, title, paras))| Measure {
            id: format!("m{}", i + 1),
            numeral,
            title,
            text: paras.join("\n"),
        })
        .collect();

    if p.number.is_none() {
        notes.push(
            "no document number (文号) found: expected a line such as 文 号:海府〔2021〕244号"
                .into(),
        );
    }
    Ok(Registry {
        format: String::new(),
        document: Document {
            title: p
                .plan_title
                .or_else(|| p.notice.clone())
                .unwrap_or_default(),
            notice: p.notice,
            issuer: p.issuer.unwrap_or_default(),
            number: p.number.unwrap_or_default(),
            date: p.date,
            source: None,
        },
        sections,
        units: dir.units,
        towns: dir.towns,
        goals: goal_list,
        tasks,
        measures,
    })
}

fn dedup(ids: impl Iterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for id in ids {
        if !out.contains(&id) {
            out.push(id);
        }
    }
    out
}

/// Whether running text mentions a town by its short name. A name followed by 河
/// or 江 is the river, not the town (万泉河, 塔洋河).
fn mentions_town(text: &str, short: &str) -> bool {
    text.match_indices(short).any(|(i, _)| {
        let next = text[i + short.len()..].chars().next();
        !matches!(next, Some('河' | '江' | '溪'))
    })
}

fn link_goals(
    goals: &mut [crate::registry::Goal],
    cur: &super::Curation,
    sections: &[Section],
) -> Result<(), ImportError> {
    let known: HashMap<&str, usize> = sections
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();
    for (key, links) in &cur.goals {
        let Some(goal) = goals
            .iter_mut()
            .find(|g| g.horizon.as_deref() == Some(key) || &g.id == key)
        else {
            return Err(ImportError::at(
                0,
                None,
                format!(
                    "curation: no goal '{key}' in the document (goals are keyed by year, e.g. \"2025\")"
                ),
            ));
        };
        for link in links {
            for s in &link.sections {
                if !known.contains_key(s.as_str()) {
                    return Err(ImportError::at(
                        0,
                        None,
                        format!("curation: goal {key}: unknown section '{s}'"),
                    ));
                }
            }
            let mut hit = false;
            for t in goal
                .targets
                .iter_mut()
                .filter(|t| t.text.contains(&link.target))
            {
                hit = true;
                for s in &link.sections {
                    if !t.sections.contains(s) {
                        t.sections.push(s.clone());
                    }
                }
            }
            if !hit {
                return Err(ImportError::at(
                    0,
                    None,
                    format!("curation: goal {key}: no clause contains '{}'", link.target),
                ));
            }
        }
        let mut all: Vec<&String> = goal.targets.iter().flat_map(|t| &t.sections).collect();
        all.sort_by_key(|s| known[s.as_str()]);
        all.dedup();
        goal.sections = all.into_iter().cloned().collect();
        for t in &mut goal.targets {
            t.sections.sort_by_key(|s| known[s.as_str()]);
        }
    }
    Ok(())
}
