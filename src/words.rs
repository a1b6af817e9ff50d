//! The words the user reads that the domain produces, in Chinese and English: save
//! and load failures, edit errors, reload summaries, and the command line's own
//! messages. The domain keeps its errors typed (and its `Display` in English, for
//! logs and tests); this catalogue renders them in the reader's language, so a
//! Chinese screen or `--lang zh` run never shows an English sentence.

use crate::lang::Lang;
use crate::registry::{Changes, EditError, Status};
use crate::store::{LoadError, SaveError};
use std::path::Path;

/// A status as the reader calls it.
pub fn status(lang: Lang, s: Status) -> &'static str {
    match lang {
        Lang::Zh => s.zh(),
        Lang::En => s.en(),
    }
}

/// "3 changes by liwei" / "liwei 的 3 处修改".
pub fn changes(lang: Lang, c: &Changes) -> String {
    match lang {
        Lang::En => c.to_string(),
        Lang::Zh if c.is_empty() => "没有变化".into(),
        Lang::Zh if c.count > 0 => {
            let mut s = format!("{} 的 {} 处修改", c.by.join("、"), c.count);
            if c.unrecorded > 0 {
                s.push_str(&format!(",另有 {} 处其他修改", c.unrecorded));
            }
            s
        }
        Lang::Zh => format!("{} 处修改(未记入历史)", c.unrecorded),
    }
}

/// Why an edit was refused.
pub fn edit_error(lang: Lang, e: &EditError) -> String {
    if lang == Lang::En {
        return e.to_string();
    }
    match e {
        EditError::UnknownTask(k) => {
            format!("没有任务“{k}”:请给出任务编号或 id(`dubang summary` 列出全部)")
        }
        EditError::UnknownGoal(k) => {
            format!("没有目标“{k}”:请给出目标 id(`dubang summary` 列出全部)")
        }
        EditError::ProgressOutOfRange(n) => {
            format!("进度 {n} 超过 100:请给出 0 到 100 的百分数")
        }
        EditError::NotForGoals { goal, field } => {
            let field = match *field {
                "progress" => "进度",
                "due" => "截止日期",
                other => other,
            };
            format!("目标 {goal} 没有{field}:目标只有状态和备注")
        }
        EditError::EmptyNote => "备注是空的:请写点内容".into(),
        EditError::BadProgress(s) => {
            format!("进度“{s}”无效:请给出 0 到 100 的整数(如 60 或 60%)")
        }
        EditError::BadDate(s) => {
            format!("日期“{s}”无效:请按 YYYY-MM-DD 填写(如 2026-06-30),或填 none 清除")
        }
    }
}

/// Why a save failed (nothing on disk changed).
pub fn save_error(lang: Lang, e: &SaveError) -> String {
    if lang == Lang::En {
        return e.to_string();
    }
    let p = |f: &Path| crate::registry::sanitize_line(&f.display().to_string());
    match e {
        SaveError::ReadOnly { file } => format!(
            "{}:未保存:你对该文件只有读权限(`ls -l` 看属主和权限,`lsattr` 看不可改标志):请申请写权限或另存",
            p(file)
        ),
        SaveError::ReadOnlyFilesystem { file } => format!(
            "{}:未保存:文件系统以只读方式挂载:请另存或联系管理员",
            p(file)
        ),
        SaveError::DirNotWritable { file, dir } => format!(
            "{}:未保存:目录 {} 不可写(保存时要在此写入新文件再改名):请申请该目录的写权限或另存",
            p(file),
            p(dir)
        ),
        SaveError::DiskFull { file } => format!(
            "{}:未保存:磁盘已满(或配额用完):请腾出空间后重试;文件未改动",
            p(file)
        ),
        SaveError::Deleted { file } => {
            format!("{}:未保存:文件已被删除或移走:请恢复它,或另存", p(file))
        }
        SaveError::Invalid(e) => format!(
            "{}(磁盘上的文件现在不是有效的登记表;未保存:请修复或恢复后重试)",
            load_error(lang, e)
        ),
        SaveError::Edit { file, error } => format!("{}:{}", p(file), edit_error(lang, error)),
        SaveError::Busy { file, lock } => format!(
            "{}:未保存:另一个 dubang 已保存了 {} 秒(锁文件 {}):请稍后重试;`fuser {}` 可查看占用者",
            p(file),
            crate::store::lock::LOCK_TIMEOUT.as_secs(),
            p(lock),
            p(lock)
        ),
        SaveError::Io { file, doing, error } => format!(
            "{}:未保存:无法{}({error}):请检查磁盘后重试;文件未改动",
            p(file),
            doing_zh(doing)
        ),
    }
}

fn doing_zh(doing: &str) -> String {
    let known = [
        ("read", "读取"),
        ("write", "写入"),
        ("lock", "加锁"),
        ("rename", "改名"),
        ("create", "创建"),
        ("sync", "同步"),
    ];
    known
        .iter()
        .find(|(en, _)| doing.starts_with(en))
        .map_or_else(|| doing.to_string(), |(_, zh)| format!("{zh}({doing})"))
}

/// Why a registry cannot be used: the place as the domain gives it, the reason
/// in the reader's language (details quoted from the JSON parser stay as they are).
pub fn load_error(lang: Lang, e: &LoadError) -> String {
    if lang == Lang::En {
        return e.to_string();
    }
    let english = e.to_string();
    // The place is everything before the message; the message is sanitised there.
    let msg = crate::registry::sanitize_line(&e.message);
    let place = english.strip_suffix(msg.as_str()).unwrap_or("");
    let place = place.strip_suffix(": ").unwrap_or(place);
    format!("{place}:{}", load_message_zh(&msg))
}

/// The Chinese of a load or validation message, by its known shapes.
fn load_message_zh(msg: &str) -> String {
    // "(N more problems: `dubang validate` lists them all)" may follow any message.
    let (msg, more) = match msg.rfind(" (") {
        Some(i) if msg.ends_with("lists them all)") => {
            let n: String = msg[i + 2..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            (
                &msg[..i],
                format!("(另有 {n} 个问题:`dubang validate` 全部列出)"),
            )
        }
        _ => (msg, String::new()),
    };
    let quoted = |s: &str| -> String {
        let a = s.find('\'').map(|i| i + 1).unwrap_or(0);
        let b = s[a..].find('\'').map(|j| a + j).unwrap_or(s.len());
        s[a..b].to_string()
    };
    let zh = if msg.starts_with("no such file") {
        "没有这个文件:请检查路径,或用 `dubang import` 生成".to_string()
    } else if msg.starts_with("permission denied") {
        "没有读权限:请向文件属主申请(`ls -l` 可看属主)".to_string()
    } else if let Some(rest) = msg.strip_prefix("cannot read the file (") {
        let detail = rest.split("):").next().unwrap_or(rest);
        format!("无法读取文件({detail}):请检查路径和磁盘")
    } else if msg.starts_with("is a directory") {
        "这是一个目录,不是登记表文件:请给出 .json 文件的路径".to_string()
    } else if let Some(rest) = msg.strip_prefix("not UTF-8 text (") {
        let detail = rest.split("):").next().unwrap_or(rest);
        format!("不是 UTF-8 文本({detail}):请把文件另存为 UTF-8")
    } else if msg.starts_with("the file is empty") {
        "文件是空的:请从备份恢复,或用 `dubang import` 重新生成".to_string()
    } else if msg.starts_with("the file holds JSON but not a registry") {
        "文件是 JSON 但不是登记表:应为对象 {\"format\": \"dubang/1\", …}".to_string()
    } else if let Some(what) =
        msg.strip_suffix(": the file ends too early (cut off?); restore it from a backup")
    {
        format!("文件提前结束(被截断?)({what}):请从备份恢复")
    } else if let Some(what) =
        msg.strip_suffix(": the file is not valid JSON; fix it there or restore it from a backup")
    {
        format!("文件不是合法的 JSON({what}):请在该处修正或从备份恢复")
    } else if let Some(what) = msg.strip_suffix(": use one of the listed values") {
        format!("取值无效({what}):请使用所列的值之一")
    } else if let Some(what) = msg.strip_suffix(": add the field") {
        format!("缺少字段({what}):请补上该字段")
    } else if let Some(what) = msg.strip_suffix(": fix the value") {
        format!("值的类型不对({what}):请修正该值")
    } else if let Some(what) = msg.strip_suffix(": check the disk") {
        format!("读取出错({what}):请检查磁盘")
    } else if msg.starts_with("unsupported format") {
        format!(
            "不支持的格式“{}”:本版本 dubang 读取 \"{}\"",
            quoted(msg),
            crate::registry::FORMAT
        )
    } else if msg.starts_with("empty id") {
        "id 为空:每一项都要有唯一且非空的 id".to_string()
    } else if msg.starts_with("duplicate id") {
        format!("id“{}”重复:id 必须唯一", quoted(msg))
    } else if msg.starts_with("id '") && msg.contains("used by a unit too") {
        format!("id“{}”已被某个单位使用:请给镇区单独的 id", quoted(msg))
    } else if msg.starts_with("empty name") {
        "名称为空:每个单位和镇区都要有名称".to_string()
    } else if msg.starts_with("task number") && msg.contains("also used by") {
        let n: String = msg["task number ".len()..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        format!("任务编号 {n} 重复:每个任务要有自己的编号")
    } else if msg.starts_with("unknown ") && msg.contains("no entry of") {
        format!("引用“{}”找不到对应条目:请修正引用或补上该条目", quoted(msg))
    } else if msg.starts_with("progress ") && msg.contains("over 100") {
        "进度超过 100:请给出 0 到 100 的百分数".to_string()
    } else {
        // A shape this catalogue does not know yet: say so in Chinese, keep the detail.
        format!("登记表有问题({msg})")
    };
    zh + &more
}

/// What the system said about a file, as the reader reads it (the OS's own
/// English for kinds this catalogue does not know).
pub fn io_error(lang: Lang, e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    let zh = match e.kind() {
        K::NotFound => "没有这个文件或目录",
        K::PermissionDenied => "没有权限",
        K::AlreadyExists => "已经存在",
        K::IsADirectory => "这是一个目录",
        K::NotADirectory => "路径中有一项不是目录",
        K::StorageFull => "磁盘已满",
        K::ReadOnlyFilesystem => "文件系统只读",
        _ => return e.to_string(),
    };
    match lang {
        Lang::Zh => zh.to_string(),
        Lang::En => e.to_string(),
    }
}

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
    NothingToChange,
    NothingChanged(Target<'a>),
    /// `dubang set` went through: the target, the changes, the file.
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
                "(文件还不存在:`dubang config --print-default` 可生成一份)".into()
            }
            Say::ConfigMissing => " (not there: `dubang config --print-default` makes one)".into(),
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
            Say::NothingToChange if zh => {
                "没有要改的:请给出状态,或 --progress、--due、--note".into()
            }
            Say::NothingToChange => {
                "nothing to change: give a STATUS, --progress, --due or --note".into()
            }
            Say::NothingChanged(t) if zh => format!("{}:没有变化,无需保存", target(t)),
            Say::NothingChanged(t) => format!("{}: nothing changed, nothing to save", target(t)),
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
            Some(s) => s.key().to_string(),
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

impl FileKind {
    fn zh(self) -> &'static str {
        match self {
            FileKind::Document => "文件",
            FileKind::TownList => "镇区名单",
            FileKind::Curation => "整理文件",
        }
    }

    fn en(self) -> &'static str {
        match self {
            FileKind::Document => "document",
            FileKind::TownList => "town list",
            FileKind::Curation => "curation file",
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::path::PathBuf;

    /// English words of two letters or more in a Chinese message, besides paths,
    /// commands, field values and other tokens the reader types or sees elsewhere.
    pub(crate) fn english_words(s: &str, allowed: &[&str]) -> Vec<String> {
        // Back-quoted commands, quoted values and details in parentheses that hold no
        // Chinese (an OS error, the JSON parser's words) are tokens, not sentences.
        fn strip(s: &str, opens: &[char]) -> String {
            let mut plain = String::new();
            let mut rest = s;
            while let Some((i, open)) = rest.char_indices().find(|(_, c)| opens.contains(c)) {
                let close = match open {
                    '`' => '`',
                    '“' => '”',
                    _ => ')',
                };
                plain.push_str(&rest[..i]);
                let after = &rest[i + open.len_utf8()..];
                match after.find(close) {
                    Some(j) => {
                        let inner = &after[..j];
                        if open == '(' && inner.chars().any(|c| c > '\u{2e80}') {
                            plain.push_str(inner);
                        }
                        rest = &after[j + close.len_utf8()..];
                    }
                    None => rest = after,
                }
            }
            plain.push_str(rest);
            plain
        }
        let plain = strip(&strip(s, &['`', '“']), &['(']);
        plain
            .split(|c: char| !c.is_ascii_alphanumeric() && !"_-./[]".contains(c))
            .filter(|w| w.chars().filter(char::is_ascii_alphabetic).count() >= 2)
            .filter(|w| !w.contains('/') && !w.contains('.') && !w.contains('_'))
            // Options (`--progress`) are typed, not read.
            .filter(|w| !w.starts_with("--"))
            .filter(|w| !allowed.contains(w))
            .map(str::to_string)
            .collect()
    }

    pub(crate) const ALLOWED: &[&str] = &[
        "dubang",
        "json",
        "JSON",
        "UTF-8",
        "UTF",
        "YYYY-MM-DD",
        "YYYY",
        "MM",
        "DD",
        "none",
        "id",
        "ls",
        "lsattr",
        "fuser",
        "iconv",
        "GB18030",
        "XDG_CONFIG_HOME",
        "HOME",
        "format",
        "progress",
        "due",
        "note",
        "validate",
        "summary",
        "import",
        // Login names are data.
        "liwei",
    ];

    #[test]
    fn chinese_domain_messages_have_no_english_sentences() {
        let f = PathBuf::from("/tmp/r.json");
        let mut all = vec![
            changes(
                Lang::Zh,
                &Changes {
                    count: 3,
                    by: vec!["liwei".into()],
                    unrecorded: 1,
                },
            ),
            changes(
                Lang::Zh,
                &Changes {
                    count: 0,
                    by: vec![],
                    unrecorded: 2,
                },
            ),
        ];
        for e in [
            EditError::UnknownTask("99".into()),
            EditError::UnknownGoal("g9".into()),
            EditError::ProgressOutOfRange(120),
            EditError::NotForGoals {
                goal: "g2025".into(),
                field: "progress",
            },
            EditError::EmptyNote,
            EditError::BadProgress("abc".into()),
            EditError::BadDate("2026-13-01".into()),
        ] {
            all.push(edit_error(Lang::Zh, &e));
        }
        let load = |m: &str| LoadError {
            file: f.clone(),
            at: Some((3, 4)),
            json_path: Some("tasks[2].status".into()),
            message: m.into(),
        };
        for e in [
            SaveError::ReadOnly { file: f.clone() },
            SaveError::ReadOnlyFilesystem { file: f.clone() },
            SaveError::DirNotWritable {
                file: f.clone(),
                dir: "/tmp".into(),
            },
            SaveError::DiskFull { file: f.clone() },
            SaveError::Deleted { file: f.clone() },
            SaveError::Invalid(load(
                "the file is empty: restore it from a backup, or create it again with `dubang import`",
            )),
            SaveError::Edit {
                file: f.clone(),
                error: EditError::UnknownTask("t99".into()),
            },
            SaveError::Busy {
                file: f.clone(),
                lock: "/tmp/.r.json.lock".into(),
            },
            SaveError::Io {
                file: f.clone(),
                doing: "write the new version",
                error: "Input/output error (os error 5)".into(),
            },
        ] {
            all.push(save_error(Lang::Zh, &e));
        }
        for m in [
            "no such file: check the path, or create one with `dubang import`",
            "permission denied: ask the file's owner for read access (`ls -l` shows who owns it)",
            "is a directory, not a registry file: give the path of a .json file",
            "not UTF-8 text (byte 0xff at offset 3): save the file as UTF-8",
            "the file holds JSON but not a registry: expected an object {\"format\": \"dubang/1\", …}",
            "unknown variant `doing`, expected one of `not_started`: use one of the listed values",
            "unknown section 's9': no entry of sections has this id; fix the reference or add the section (2 more problems: `dubang validate` lists them all)",
            "duplicate id 't1' (first used by tasks[0]): ids must be unique",
        ] {
            all.push(load_error(Lang::Zh, &load(m)));
        }
        let p = PathBuf::from("/tmp/plan.txt");
        let ch = [
            Change::Status {
                from: Some(Status::NotStarted),
                to: Some(Status::Done),
            },
            Change::Note,
            Change::Field {
                field: "due".into(),
                from: "none".into(),
                to: "2026-06-30".into(),
            },
        ];
        for say in [
            Say::CreatedCopy(&p),
            Say::NoConfigDir,
            Say::ConfigMissing,
            Say::CannotRead {
                path: &p,
                what: FileKind::TownList,
                error: "No such file or directory (os error 2)".into(),
            },
            Say::NotUtf8 {
                path: &p,
                what: FileKind::Document,
                offset: 7,
            },
            Say::CannotWrite {
                path: &p,
                error: "Permission denied (os error 13)".into(),
            },
            Say::Wrote {
                path: &p,
                counts: [8, 28, 34, 13, 2, 3],
            },
            Say::Valid {
                path: &p,
                counts: [8, 28, 34, 13, 2],
            },
            Say::UnknownStatus("doing"),
            Say::DoneNeedsFull(50),
            Say::NothingToChange,
            Say::NothingChanged(Target::Task(12)),
            Say::SetSaved {
                target: Target::Goal("g2025"),
                changes: &ch,
                path: &p,
            },
        ] {
            all.push(say.text(Lang::Zh));
        }
        for s in &all {
            let words = english_words(s, ALLOWED);
            assert!(words.is_empty(), "{s}\n  English: {words:?}");
        }
    }
}
