//! The plan's body read as an outline: every numbered line opens an item at its
//! level; an item whose text (one or several paragraphs) ends in a responsibility
//! annotation is a task, whatever its level and whatever its part is called; the
//! headings above a task are its section path. What cannot be placed is a problem
//! with its line and column, and reading goes on so that every problem is reported.

use super::ImportError;
use super::closing::{self as annotation, Family, Found};
use super::document::Line;
use super::messages::Msg;
use super::outline::{Marker, heading_title, marker};
use std::collections::HashMap;

/// One numbered item (or an unnumbered paragraph run that carries an annotation).
pub struct Item {
    pub level: u8,
    pub number: u32,
    /// As written: 一, 3, ①; empty for an unnumbered paragraph.
    pub numeral: String,
    pub line: usize,
    pub col: usize,
    /// 1-based column where the line's text starts.
    pub start: usize,
    /// Index in the body's lines.
    pub idx: usize,
    /// Index in the body's lines where its subtree ends.
    pub end: usize,
    pub parent: Option<usize>,
    /// The text after the marker.
    pub first: String,
    pub paragraphs: Vec<String>,
    pub annotation: Option<Found>,
    pub failed: bool,
    /// Line of the next numbered line, 0 at the end of the document.
    pub next_line: usize,
    /// Made for paragraphs after a task's annotation.
    pub after_task: Option<usize>,
}

impl Item {
    pub fn is_task(&self) -> bool {
        self.annotation.is_some()
    }

    pub fn title(&self) -> String {
        let t = heading_title(&self.first);
        if t.is_empty() {
            self.paragraphs
                .first()
                .map(|p| heading_title(p).to_string())
                .unwrap_or_default()
        } else {
            t.to_string()
        }
    }

    /// How the document numbers it: 三、 （一） 1. （1） ①.
    pub fn label(&self) -> String {
        match self.level {
            0 => format!("第{}", self.numeral),
            1 => format!("{}、", self.numeral),
            2 | 4 => format!("（{}）", self.numeral),
            3 => format!("{}.", self.numeral),
            _ => self.numeral.clone(),
        }
    }
}

/// The body as items, with the problems found on the way.
pub struct Outline {
    pub items: Vec<Item>,
    pub problems: Vec<ImportError>,
    /// Lines of unannotated text after a task of the 负责 family, kept as text.
    pub loose: Vec<usize>,
}

impl Outline {
    /// For each item, whether it or anything under it is a task.
    pub fn holding(&self) -> Vec<bool> {
        let mut holds: Vec<bool> = self.items.iter().map(Item::is_task).collect();
        for i in (0..self.items.len()).rev() {
            if holds[i]
                && let Some(p) = self.items[i].parent
            {
                holds[p] = true;
            }
        }
        holds
    }

    /// Ancestors of an item, nearest first.
    pub fn ancestors(&self, i: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let mut cur = self.items[i].parent;
        while let Some(p) = cur {
            if out.contains(&p) {
                break;
            }
            out.push(p);
            cur = self.items[p].parent;
        }
        out
    }
}

struct Reader {
    /// The document says the first-listed unit leads.
    first_leads: bool,
    out: Outline,
    stack: Vec<usize>,
    open: Option<usize>,
    last_task: Option<usize>,
    skipping: bool,
    /// (parent, level) → last number.
    last_sibling: HashMap<(Option<usize>, u8), u32>,
    /// level → last number anywhere.
    last_at_level: HashMap<u8, u32>,
}

pub fn read(lines: &[Line], first_leads: bool) -> Outline {
    let mut r = Reader {
        first_leads,
        out: Outline {
            items: Vec::new(),
            problems: Vec::new(),
            loose: Vec::new(),
        },
        stack: Vec::new(),
        open: None,
        last_task: None,
        skipping: false,
        last_sibling: HashMap::new(),
        last_at_level: HashMap::new(),
    };
    for (idx, l) in lines.iter().enumerate() {
        match marker(l.text) {
            Some(m) => r.numbered(idx, l, m),
            None => r.paragraph(idx, l),
        }
    }
    r.finish_open();
    while let Some(top) = r.stack.pop() {
        r.out.items[top].end = lines.len();
    }
    r.check_unannotated();
    lift_sub_items(&mut r.out);
    r.out
}

impl Reader {
    fn numbered(&mut self, idx: usize, l: &Line, m: Marker) {
        self.finish_open();
        if let Some(last) = self.out.items.last_mut()
            && last.next_line == 0
        {
            last.next_line = l.no;
        }
        while let Some(&top) = self.stack.last() {
            if self.out.items[top].level < m.level {
                break;
            }
            self.out.items[top].end = idx;
            self.stack.pop();
        }
        let parent = self.stack.last().copied();
        self.check_order(parent, &m, l);
        let first = l.text[m.rest..].trim().to_string();
        let col = l.indent + l.text[..m.rest].chars().count();
        let i = self.out.items.len();
        self.out.items.push(Item {
            level: m.level,
            number: m.number,
            numeral: m.numeral,
            line: l.no,
            col,
            start: l.indent + 1,
            idx,
            end: idx + 1,
            parent,
            first: first.clone(),
            paragraphs: Vec::new(),
            annotation: None,
            failed: false,
            next_line: 0,
            after_task: None,
        });
        self.stack.push(i);
        self.last_task = None;
        self.skipping = false;
        if m.level <= 1 {
            // Parts are headings; their text is read by range (goals, measures).
            return;
        }
        self.open = Some(i);
        if !first.is_empty() {
            self.add(i, &first, l.no, col);
        }
    }

    fn check_order(&mut self, parent: Option<usize>, m: &Marker, l: &Line) {
        let prev = self.last_sibling.insert((parent, m.level), m.number);
        let global = self.last_at_level.insert(m.level, m.number).unwrap_or(0);
        let fine = match prev {
            Some(p) => m.number == p + 1,
            // A document may be an excerpt that starts at its third part.
            None => m.number == 1 || m.number == global + 1 || (m.level <= 1 && global == 0),
        };
        if !fine {
            let expected = prev.map_or(global + 1, |p| p + 1);
            self.out.problems.push(ImportError::at(
                l.no,
                Some(l.indent + 1),
                Msg::out_of_order(m.level, expected, m.number),
            ));
        }
    }

    fn paragraph(&mut self, idx: usize, l: &Line) {
        if let Some(o) = self.open {
            self.add(o, l.text, l.no, l.indent);
            return;
        }
        if self.skipping {
            return;
        }
        if self.last_task.is_some() && closing_matter(l.text) {
            // 附件, 抄送, the signature and date after the last task: not the plan's text.
            self.skipping = true;
            return;
        }
        let after_task = self.last_task;
        let annotated = matches!(
            annotation::find_with(l.text, self.first_leads),
            Ok(Some(_)) | Err(_)
        );
        if after_task.is_none() && !annotated {
            // A heading's introduction: text, read by range where it matters.
            return;
        }
        let duty_family = after_task
            .and_then(|t| self.out.items[t].annotation.as_ref())
            .is_some_and(|a| a.family == Family::Duty);
        if duty_family && !annotated {
            // National plans go on with explanations between annotated paragraphs.
            self.out.loose.push(l.no);
            return;
        }
        // Unnumbered text after a task, or carrying its own annotation.
        let parent = self.stack.last().copied();
        let i = self.out.items.len();
        self.out.items.push(Item {
            level: 9,
            number: 0,
            numeral: String::new(),
            line: l.no,
            col: l.indent,
            start: l.indent + 1,
            idx,
            end: idx + 1,
            parent,
            first: String::new(),
            paragraphs: Vec::new(),
            annotation: None,
            failed: false,
            next_line: 0,
            after_task,
        });
        self.last_task = None;
        self.open = Some(i);
        self.add(i, l.text, l.no, l.indent);
    }

    fn add(&mut self, i: usize, para: &str, line: usize, col: usize) {
        match annotation::find_with(para, self.first_leads) {
            Err(e) => {
                let item = &mut self.out.items[i];
                item.failed = true;
                self.out.problems.push(ImportError::at(
                    line,
                    Some(col + para[..e.at].chars().count() + 1),
                    Msg::in_task(&item.numeral, e.message),
                ));
                self.open = None;
                self.skipping = true;
            }
            Ok(None) => self.out.items[i].paragraphs.push(para.to_string()),
            Ok(Some(f)) => {
                let item = &mut self.out.items[i];
                if !f.text.is_empty() {
                    item.paragraphs.push(f.text.clone());
                }
                if item.paragraphs.is_empty() {
                    item.failed = true;
                    self.out.problems.push(ImportError::at(
                        line,
                        Some(col + 1),
                        Msg::AnnotationWithoutText(item.numeral.clone()),
                    ));
                } else {
                    item.annotation = Some(f);
                    self.last_task = Some(i);
                }
                self.open = None;
            }
        }
    }

    /// An unnumbered run that never found its annotation is text that belongs to no task.
    fn finish_open(&mut self) {
        let Some(o) = self.open.take() else { return };
        let item = &self.out.items[o];
        if item.level == 9
            && let Some(t) = item.after_task
        {
            let t = &self.out.items[t];
            let (line, col) = (item.line, item.col + 1);
            let (label, next) = (t.label(), t.number + 1);
            self.out.items[o].failed = true;
            self.out.problems.push(ImportError::at(
                line,
                Some(col),
                Msg::StrayText { prev: label, next },
            ));
        }
    }

    /// A numbered item without an annotation among numbered tasks is a task whose
    /// annotation is missing, not a heading.
    fn check_unannotated(&mut self) {
        let items = &self.out.items;
        let mut found = Vec::new();
        for (i, it) in items.iter().enumerate() {
            if it.level < 2 || it.level == 9 || it.is_task() || it.failed {
                continue;
            }
            let has_children = items.iter().any(|c| c.parent == Some(i));
            if has_children {
                continue;
            }
            let sibling_task = items
                .iter()
                .any(|s| s.parent == it.parent && s.level == it.level && s.is_task());
            if sibling_task {
                found.push(ImportError::at(
                    it.line,
                    Some(it.start),
                    Msg::NoAnnotation {
                        numeral: it.numeral.clone(),
                        next_line: it.next_line,
                    },
                ));
            }
        }
        self.out.problems.extend(found);
    }
}

/// What follows a plan's last task without being part of it: 附件, 抄送, 联系人, the
/// signature (a short line naming an office) and the date.
pub fn closing_matter(s: &str) -> bool {
    let starts = [
        "附件",
        "附：",
        "附:",
        "抄送",
        "主送",
        "联系人",
        "联系电话",
        "（此件",
        "(此件",
        "印发",
    ];
    let short = s.chars().count() <= 24 && !s.contains(['。', '，', ',', '；', ';', '（', '(']);
    let signature = ["人民政府", "办公室", "办公厅", "委员会", "领导小组"]
        .iter()
        .any(|e| s.ends_with(e));
    let date = s.ends_with('日') && s.contains('年') && s.contains('月') && s.chars().count() <= 12;
    starts.iter().any(|p| s.starts_with(p)) || short && (signature || date)
}

/// `1.做事：（1）甲；（2）乙。（牵头单位:…）` — one annotation after a list of
/// sub-points closes the item the list belongs to.
fn lift_sub_items(o: &mut Outline) {
    for p in 0..o.items.len() {
        let parent = &o.items[p];
        if parent.level < 3 || parent.level == 9 || parent.is_task() || parent.failed {
            continue;
        }
        let children: Vec<usize> = (0..o.items.len())
            .filter(|&c| o.items[c].parent == Some(p))
            .collect();
        let Some(&last) = children.last() else {
            continue;
        };
        let lifts = o.items[last].is_task()
            && children[..children.len() - 1]
                .iter()
                .all(|&c| !o.items[c].is_task() && !o.items.iter().any(|g| g.parent == Some(c)));
        if !lifts {
            continue;
        }
        let mut paras = std::mem::take(&mut o.items[p].paragraphs);
        for &c in &children {
            let child = &mut o.items[c];
            let mut ps = std::mem::take(&mut child.paragraphs);
            if let Some(first) = ps.first_mut()
                && child.level != 9
            {
                *first = format!("{}{}", child.label(), first);
            }
            paras.extend(ps);
        }
        let ann = o.items[last].annotation.take();
        // The sub-points are no longer items of their own: nor are their problems.
        let lines: Vec<usize> = children.iter().map(|&c| o.items[c].line).collect();
        o.problems
            .retain(|e| !(lines.contains(&e.line) && matches!(e.what, Msg::NoAnnotation { .. })));
        for &c in &children {
            o.items[c].failed = true;
        }
        o.items[p].paragraphs = paras;
        o.items[p].annotation = ann;
    }
}
