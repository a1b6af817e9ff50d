//! The command line's own sentences, in both languages.

use crate::lang::Lang;
use crate::registry::Status;
use std::path::Path;

/// The command line's own messages.
#[derive(Debug, Clone)]
pub enum Say<'a> {
    /// The first run made the user's copy of the bundled plan.
    CreatedCopy(&'a Path),
    /// `dubang config` when there is no home to put the file in.
    NoConfigDir,
    /// `dubang config`: the file is not there yet.
    ConfigMissing,
    /// A document or side file cannot be read.
    CannotRead {
        path: &'a Path,
        what: FileKind,
        error: String,
    },
    NotUtf8 {
        path: &'a Path,
        what: FileKind,
        offset: usize,
    },
    CannotWrite {
        path: &'a Path,
        error: String,
    },
    /// `dubang import -o`: what was written.
    Wrote {
        path: &'a Path,
        counts: [usize; 6],
    },
    /// `dubang validate`: the file is good.
    Valid {
        path: &'a Path,
        counts: [usize; 5],
    },
    UnknownStatus(&'a str),
    DoneNeedsFull(u8),
    /// `--progress 100` with a status other than done.
    FullNeedsDone(crate::registry::Status),
    /// `--progress N` (N > 0) with not_started.
    NotStartedHasNoProgress(u8),
    NothingToChange,
    /// `dubang config --write`: the file was written.
    ConfigWritten(&'a Path),
    /// `dubang config --write` when there is a file already.
    ConfigExists(&'a Path),
    /// `dubang config`: the file has this many problems (each said above).
    ConfigProblems(usize),
    NothingChanged(Target<'a>),
    /// `dubang set` went through: the target, the changes, the file.
    /// `dubang set` on a goal: the status now set disagrees with its tasks.
    GoalDisagrees(Target<'a>, crate::registry::GoalDisagreement),
    SetSaved {
        target: Target<'a>,
        changes: &'a [Change],
        path: &'a Path,
    },
}

/// What `dubang set` changed.
#[derive(Debug, Clone, Copy)]
pub enum Target<'a> {
    Task(u32),
    Goal(&'a str),
}

/// One recorded change as `dubang set` reports it.
#[derive(Debug, Clone)]
pub enum Change {
    Status {
        from: Option<Status>,
        to: Option<Status>,
    },
    Note,
    Field {
        field: String,
        from: String,
        to: String,
    },
}

#[derive(Debug, Clone, Copy)]
pub enum FileKind {
    Document,
    TownList,
    Curation,
    /// `dubang set --note-file` (or `--note -`: standard input).
    Note,
}

impl Say<'_> {
    pub fn text(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        let d = |p: &Path| p.display().to_string();
        let target = |t: &Target| match (t, zh) {
            (Target::Task(n), false) => format!("task {n}"),
            (Target::Task(n), true) => format!("任务 {n}"),
            (Target::Goal(id), false) => format!("goal {id}"),
            (Target::Goal(id), true) => format!("目标 {id}"),
        };
        match self {
            Say::CreatedCopy(p) if zh => format!("已在 {} 创建内置方案的副本", d(p)),
            Say::CreatedCopy(p) => format!("created your copy of the bundled plan at {}", d(p)),
            Say::NoConfigDir if zh => "没有配置目录:请设置 XDG_CONFIG_HOME 或 HOME".into(),
            Say::NoConfigDir => "no config directory: set XDG_CONFIG_HOME or HOME".into(),
            Say::ConfigMissing if zh => {
                "(文件还不存在:`dubang config --write` 写出一份带注释的默认设置)".into()
            }
            Say::ConfigMissing => {
                " (not there: `dubang config --write` writes a commented default)".into()
            }
            Say::CannotRead { path, what, error } if zh => {
                format!("{}:无法读取{}({error})", d(path), what.zh())
            }
            Say::CannotRead { path, what, error } => {
                format!("{}: cannot read the {} ({error})", d(path), what.en())
            }
            Say::NotUtf8 { path, what, offset } if zh => format!(
                "{}:{}不是 UTF-8(第 {offset} 字节无效):请先转换,如 iconv -f GB18030 -t UTF-8",
                d(path),
                what.zh()
            ),
            Say::NotUtf8 { path, what, offset } => format!(
                "{}: the {} is not UTF-8 (invalid byte at offset {offset}): convert it, e.g. iconv -f GB18030 -t UTF-8",
                d(path),
                what.en()
            ),
            Say::CannotWrite { path, error } if zh => {
                format!("{}:无法写入({error})", d(path))
            }
            Say::CannotWrite { path, error } => format!("{}: cannot write ({error})", d(path)),
            Say::Wrote { path, counts: c } if zh => format!(
                "已写入 {}:{} 个章节,{} 项任务,{} 个单位,{} 个镇区,{} 个目标,{} 项保障措施",
                d(path),
                c[0],
                c[1],
                c[2],
                c[3],
                c[4],
                c[5]
            ),
            Say::Wrote { path, counts: c } => format!(
                "wrote {}: {} sections, {} tasks, {} units, {} towns, {} goals, {} measures",
                d(path),
                c[0],
                c[1],
                c[2],
                c[3],
                c[4],
                c[5]
            ),
            Say::Valid { path, counts: c } if zh => format!(
                "{}:有效({} 个章节,{} 项任务,{} 个单位,{} 个镇区,{} 个目标)",
                d(path),
                c[0],
                c[1],
                c[2],
                c[3],
                c[4]
            ),
            Say::Valid { path, counts: c } => format!(
                "{}: valid ({} sections, {} tasks, {} units, {} towns, {} goals)",
                d(path),
                c[0],
                c[1],
                c[2],
                c[3],
                c[4]
            ),
            Say::UnknownStatus(s) if zh => format!(
                "没有“{s}”这个状态:请用 未启动、推进中、已完成、滞后、受阻 之一(或 `not_started`、`in_progress`、`done`、`delayed`、`blocked`)"
            ),
            Say::UnknownStatus(s) => format!(
                "unknown status '{s}': use one of not_started, in_progress, done, delayed, blocked (or 未启动, 推进中, 已完成, 滞后, 受阻)"
            ),
            Say::DoneNeedsFull(p) if zh => {
                format!("已完成即进度 100%,不是 {p}%:去掉 --progress 或换一个状态")
            }
            Say::DoneNeedsFull(p) => format!(
                "done means 100 % complete, not {p} %: drop --progress or give another status"
            ),
            Say::FullNeedsDone(st) if zh => format!(
                "进度 100% 即已完成,不能是{}:去掉 --progress 或把状态改为已完成",
                st.zh()
            ),
            Say::FullNeedsDone(st) => format!(
                "100 % means done, not {}: drop --progress or give the status done",
                st.en()
            ),
            Say::NotStartedHasNoProgress(p) if zh => {
                format!("未启动的任务进度为 0,不是 {p}%:去掉 --progress 或换一个状态(如推进中)")
            }
            Say::NotStartedHasNoProgress(p) => format!(
                "not started means 0 %, not {p} %: drop --progress or give another status (e.g. in_progress)"
            ),
            Say::NothingToChange if zh => {
                "没有要改的:请给出状态,或 --progress、--due、--note".into()
            }
            Say::NothingToChange => {
                "nothing to change: give a STATUS, --progress, --due or --note".into()
            }
            Say::ConfigWritten(p) if zh => format!("已写出默认设置:{}", d(p)),
            Say::ConfigWritten(p) => format!("wrote the default settings to {}", d(p)),
            Say::ConfigExists(p) if zh => format!(
                "{}:已有设置文件,未覆盖:`dubang config --print-default` 可打印默认设置以便比对",
                d(p)
            ),
            Say::ConfigExists(p) => format!(
                "{}: a settings file is there already, left alone: `dubang config --print-default` prints the defaults to compare",
                d(p)
            ),
            Say::ConfigProblems(n) if zh => format!("设置文件有 {n} 处问题(见上)"),
            Say::ConfigProblems(n) => format!(
                "the settings file has {n} problem{} (above)",
                if *n == 1 { "" } else { "s" }
            ),
            Say::NothingChanged(t) if zh => format!("{}:没有变化,无需保存", target(t)),
            Say::NothingChanged(t) => format!("{}: nothing changed, nothing to save", target(t)),
            Say::GoalDisagrees(t, why) if zh => {
                format!("注意:{} {}", target(t), super::goal_disagreement(lang, why))
            }
            Say::GoalDisagrees(t, why) => {
                format!(
                    "note: {} is {}",
                    target(t),
                    super::goal_disagreement(lang, why)
                )
            }
            Say::SetSaved {
                target: t,
                changes,
                path,
            } => {
                let list: Vec<String> = changes.iter().map(|c| c.text(lang)).collect();
                if zh {
                    format!("{}:{},已保存到 {}", target(t), list.join(","), d(path))
                } else {
                    format!("{}: {}, saved {}", target(t), list.join(", "), d(path))
                }
            }
        }
    }
}

impl Change {
    pub fn text(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        let st = |s: &Option<Status>| match s {
            Some(s) if zh => s.zh().to_string(),
            Some(s) => s.en().to_string(),
            None if zh => "无".to_string(),
            None => "none".to_string(),
        };
        match self {
            Change::Status { from, to } => format!("{} → {}", st(from), st(to)),
            Change::Note if zh => "已加备注".into(),
            Change::Note => "note added".into(),
            Change::Field { field, from, to } if zh => {
                let name = match field.as_str() {
                    "progress" => "进度",
                    "due" => "截止日期",
                    f => f,
                };
                let v = |s: &str| {
                    if s == "none" {
                        "无".to_string()
                    } else {
                        s.to_string()
                    }
                };
                format!("{name} {} → {}", v(from), v(to))
            }
            Change::Field { field, from, to } => format!("{field} {from} → {to}"),
        }
    }
}

/// The columns of `dubang summary --tasks`: number, status, progress, task, lead.
pub fn task_list_header(lang: Lang) -> [&'static str; 5] {
    match lang {
        Lang::Zh => ["序号", "状态", "进度", "重点任务", "牵头单位"],
        Lang::En => ["No.", "Status", "Done", "Task", "Lead"],
    }
}

impl FileKind {
    fn zh(self) -> &'static str {
        match self {
            FileKind::Document => "文件",
            FileKind::TownList => "镇区名单",
            FileKind::Curation => "整理文件",
            FileKind::Note => "备注",
        }
    }

    fn en(self) -> &'static str {
        match self {
            FileKind::Document => "document",
            FileKind::TownList => "town list",
            FileKind::Curation => "curation file",
            FileKind::Note => "note",
        }
    }
}
