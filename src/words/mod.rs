//! The words the user reads that the domain produces, in Chinese and English: save
//! and load failures, edit errors, reload summaries, the command line's own
//! messages, and the units' 台账 sheets ([`ledger`]). The domain keeps its errors typed (and its `Display` in English, for
//! logs and tests); this catalogue renders them in the reader's language, so a
//! Chinese screen or `--lang zh` run never shows an English sentence.

use crate::lang::Lang;
use crate::registry::{Changes, EditError, Status};
use crate::store::lock::LockProblem;
use crate::store::{LoadError, SaveError};
use std::path::Path;

pub mod activity;
mod cli;
pub mod edits;
mod input;
pub mod ledger;
mod people;
pub mod screen;
pub mod share;

pub use cli::{Change, FileKind, Say, Target, task_list_header};
pub use input::input_error;
pub use people::{people, person};

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
    // `dubang summary --tasks` is what lists the numbers.
    if let (Lang::En, EditError::UnknownTask(k)) = (lang, e) {
        return format!(
            "no task '{k}' in this registry: give a task number or id (`dubang summary --tasks` lists them)"
        );
    }
    if lang == Lang::En {
        return e.to_string();
    }
    match e {
        EditError::UnknownTask(k) => {
            format!("没有任务“{k}”:请给出任务编号或 id(`dubang summary --tasks` 列出全部)")
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
        EditError::NoteTooLong { chars } => format!(
            "备注有 {chars} 个字,超过 {} 字:请精简,或把长文放在文件里、备注中写明位置",
            crate::registry::ops::NOTE_MAX_CHARS
        ),
        EditError::BadProgress(s) => {
            format!("进度“{s}”无效:请给出 0 到 100 的整数(如 60 或 60%)")
        }
        EditError::BadDate(s) => {
            format!("日期“{s}”无效:请按 YYYY-MM-DD 填写(如 2026-06-30),或填 none 清除")
        }
        EditError::ChangedSince { .. } => edits::changed_since(lang, e),
    }
}

/// A goal whose status disagrees with its tasks (after "目标 g2025:" or on its panel).
pub fn goal_disagreement(lang: Lang, d: &crate::registry::GoalDisagreement) -> String {
    use crate::registry::GoalDisagreement as G;
    match (lang, *d) {
        (Lang::Zh, G::DoneWithOpenTasks { done, total }) => {
            format!("标为已完成,但 {total} 项任务只完成了 {done} 项")
        }
        (Lang::En, G::DoneWithOpenTasks { done, total }) => {
            format!("marked done, but only {done} of its {total} tasks are done")
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
        SaveError::Refused { file, refusal: r } => {
            format!("{}:未保存:{}", p(file), refusal(Lang::Zh, r))
        }
        SaveError::Io { file, doing, error } => format!(
            "{}:未保存:无法{}({error}):请检查磁盘后重试;文件未改动",
            p(file),
            doing_zh(doing)
        ),
        SaveError::LockRefused { file, lock, why } => {
            let (file, lock) = (p(file), p(lock));
            match why {
                LockProblem::Symlink => format!(
                    "{file}:未保存:锁文件 {lock} 是符号链接,dubang 不会跟随:请删除它(`rm {lock}`)后重试"
                ),
                LockProblem::NotRegular => {
                    format!("{file}:未保存:锁文件 {lock} 不是普通文件:请删除它后重试")
                }
                LockProblem::Stranger { owner } => format!(
                    "{file}:未保存:锁文件 {lock} 属于 {owner},此人既不是登记表的属主也不在其用户组:请删除它后重试"
                ),
                LockProblem::NoAccess { owner } => format!(
                    "{file}:未保存:你无权打开锁文件 {lock}:请其属主 {owner} 或管理员执行 `chmod 660 {lock}`"
                ),
            }
        }
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
    } else if let Some(r) = refusal_of_message(msg) {
        refusal(Lang::Zh, &r)
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
    } else if msg.starts_with("id '") && msg.contains("holds a control") {
        format!(
            "id“{}”含控制字符、不可见字符或表情连接符:请只用字母、数字、- 和 _",
            quoted(msg)
        )
    } else if msg.starts_with("duplicate id") {
        format!("id“{}”重复:id 必须唯一", quoted(msg))
    } else if msg.starts_with("id '") && msg.contains("used by a unit too") {
        format!("id“{}”已被某个单位使用:请给镇区单独的 id", quoted(msg))
    } else if msg.starts_with("empty name: every person") {
        "姓名为空:people 中每个人都要有姓名".to_string()
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

/// Something in the settings file dubang cannot use.
pub fn settings_problem(lang: Lang, p: &crate::settings::Problem) -> String {
    use crate::settings::ProblemKind as K;
    if lang == Lang::En {
        return p.to_string();
    }
    let file = p.file.display();
    let at = match (p.line, p.col) {
        (0, _) => format!("{file}"),
        (l, Some(c)) => format!("{file}:{l}:{c}"),
        (l, None) => format!("{file}:{l}"),
    };
    match &p.kind {
        K::Unreadable(e) => format!("{at}:无法读取设置文件({e});现使用默认设置"),
        K::Refused(r) => format!("{at}:设置文件{}", refusal(lang, r)),
        K::Broken(what) => format!(
            "{at}:设置文件有误({what}):请修正(`dubang config --print-default` 列出全部设置)——现使用默认设置"
        ),
        K::UnknownTable { table, tables } => format!(
            "{at}:没有 `[keys.{table}]` 这张表:请用 `[{}]` 之一",
            tables.join("]`、`[")
        ),
        K::UnknownAction { action, names } => format!(
            "{at}:没有“{action}”这个动作:请用 `{}` 之一",
            names.join("`、`")
        ),
        K::BadKey { spec, empty: true } => format!("{at}:“{spec}”中有空的按键"),
        K::BadKey { spec, .. } => format!(
            "{at}:不认识的按键“{spec}”:请用一个字符,或 `Enter`、`Esc`、`Tab`、`Space`、`Up`、`PgDn`、`F1`、`Ctrl-x` 等"
        ),
        K::Conflict {
            action,
            keys,
            key,
            other,
        } => format!(
            "{at}:`{action} = {keys:?}`:按键 `{key}` 已分配给 `{other}`;`{action}` 保留默认按键"
        ),
    }
}

/// What the system said about a file, as the reader reads it (the OS's own
/// English for kinds this catalogue does not know).
pub fn io_error(lang: Lang, e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    if let Some(r) = crate::store::files::Refusal::of(e) {
        return refusal(lang, r);
    }
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

/// The refusal whose English text a load message is (the loader keeps messages as
/// text), to say it again in Chinese.
fn refusal_of_message(msg: &str) -> Option<crate::store::files::Refusal> {
    use crate::store::files::{Refusal, Special};
    let mut known: Vec<Refusal> = [
        Special::Fifo,
        Special::CharDevice,
        Special::BlockDevice,
        Special::Socket,
        Special::Other,
    ]
    .map(Refusal::NotRegular)
    .to_vec();
    known.push(Refusal::ForeignSymlink);
    if let Some(found) = known.into_iter().find(|r| r.to_string() == msg) {
        return Some(found);
    }
    let rest = msg.strip_prefix("too large (")?;
    let nums: Vec<u64> = rest
        .split(|c: char| !c.is_ascii_digit())
        .filter(|n| !n.is_empty())
        .filter_map(|n| n.parse().ok())
        .collect();
    match nums[..] {
        [size, cap, ..] => Some(Refusal::TooLarge {
            size: size << 20,
            cap: cap << 20,
        }),
        _ => None,
    }
}

/// Why dubang does not read or replace a file (a FIFO, a device, a huge file, a
/// planted symlink).
pub fn refusal(lang: Lang, r: &crate::store::files::Refusal) -> String {
    use crate::store::files::{Refusal, Special};
    if lang == Lang::En {
        return r.to_string();
    }
    match r {
        Refusal::NotRegular(s) => format!(
            "不是普通文件,而是{}:请给出普通文件的路径",
            match s {
                Special::Directory => "目录",
                Special::Fifo => "命名管道(FIFO)",
                Special::CharDevice => "字符设备",
                Special::BlockDevice => "块设备",
                Special::Socket => "套接字",
                Special::Other => "特殊文件",
            }
        ),
        Refusal::TooLarge { size, cap } => format!(
            "文件过大({} MiB,最多读取 {} MiB):请确认是不是这个文件",
            size.div_ceil(1 << 20),
            cap >> 20
        ),
        Refusal::ForeignSymlink => {
            "这是其他用户在共享目录中放置的符号链接,不予跟随:请写到你自己的路径".to_string()
        }
    }
}

#[cfg(test)]
pub(crate) mod tests;
