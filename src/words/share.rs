//! The words of `dubang share init` and `dubang doctor`, zh and en: one line per
//! finding, each saying what was found and, when something is wrong, the command
//! that fixes it.

use crate::lang::Lang;
use crate::share::Origin;
use crate::share::doctor::{Finding, Level};
use crate::share::init::{Content, Done, Failure, Step};
use std::path::Path;

fn zh(lang: Lang, zh: String, en: String) -> String {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

/// The mark before a finding: [正常] / [提示] / [需修正].
pub fn level(lang: Lang, l: Level) -> &'static str {
    match (l, lang) {
        (Level::Ok, Lang::Zh) => "[正常]",
        (Level::Note, Lang::Zh) => "[提示]",
        (Level::Fix, Lang::Zh) => "[需修正]",
        (Level::Ok, Lang::En) => "[ok]",
        (Level::Note, Lang::En) => "[note]",
        (Level::Fix, Lang::En) => "[fix]",
    }
}

fn origin(lang: Lang, o: &Origin) -> String {
    match o {
        Origin::Flag => zh(lang, "命令行 --file 指定".into(), "named by --file".into()),
        Origin::Env => zh(
            lang,
            "环境变量 DUBANG_FILE 指定".into(),
            "named by DUBANG_FILE".into(),
        ),
        Origin::User(p) => zh(
            lang,
            format!("你的设置文件 {} 指定", p.display()),
            format!("named by your settings, {}", p.display()),
        ),
        Origin::System(p) => zh(
            lang,
            format!("系统设置 {} 指定", p.display()),
            format!("named by the system settings, {}", p.display()),
        ),
        Origin::Default => zh(
            lang,
            "没有指定共享文件,打开的是你自己的内置方案副本(用 `dubang share init` 设置共享文件)".into(),
            "nothing names a shared file: this is your own copy of the bundled plan (set one up with `dubang share init`)".into(),
        ),
    }
}

/// One finding, as a line (without its mark).
pub fn finding(lang: Lang, f: &Finding, people: &dyn Fn(&str) -> String) -> String {
    let ok = f.level() == Level::Ok;
    match f {
        Finding::Opened { file, origin: o } => zh(
            lang,
            format!("打开 {}:{}", file.display(), origin(lang, o)),
            format!("opens {}: {}", file.display(), origin(lang, o)),
        ),
        Finding::FileMissing { file } => zh(
            lang,
            format!(
                "登记表 {} 不存在:用 `dubang share init {} --group 组名` 建立",
                file.display(),
                file.display()
            ),
            format!(
                "the registry {} does not exist: create it with `dubang share init {} --group GROUP`",
                file.display(),
                file.display()
            ),
        ),
        Finding::DirMissing { dir } => zh(
            lang,
            format!(
                "目录 {} 不存在或无法进入:用 `dubang share init` 建立,或检查路径",
                dir.display()
            ),
            format!(
                "the directory {} does not exist or cannot be entered: create it with `dubang share init`, or check the path",
                dir.display()
            ),
        ),
        Finding::Dir {
            dir,
            group,
            setgid,
            group_writes,
        } => {
            let d = dir.display();
            if ok {
                zh(
                    lang,
                    format!("目录 {d}:属组 {group},setgid,组内可写"),
                    format!("directory {d}: group {group}, setgid, group-writable"),
                )
            } else {
                let mut fix = Vec::new();
                if !setgid {
                    fix.push(zh(
                        lang,
                        format!("没有 setgid(新文件不会随目录属组):运行 `chmod g+s {d}`"),
                        format!(
                            "not setgid (new files do not take its group): run `chmod g+s {d}`"
                        ),
                    ));
                }
                if !group_writes {
                    fix.push(zh(
                        lang,
                        format!("组内不可写(同事无法保存):运行 `chmod g+rwx {d}`"),
                        format!(
                            "not group-writable (colleagues cannot save): run `chmod g+rwx {d}`"
                        ),
                    ));
                }
                zh(
                    lang,
                    format!("目录 {d}(属组 {group}):{}", fix.join(";")),
                    format!("directory {d} (group {group}): {}", fix.join("; ")),
                )
            }
        }
        Finding::File {
            file,
            group,
            mode,
            dir_group,
        } => {
            let p = file.display();
            if ok {
                return zh(
                    lang,
                    format!("登记表 {p}:属组 {group},权限 {mode:03o}(组内可读写)"),
                    format!("registry {p}: group {group}, mode {mode:03o} (group read-write)"),
                );
            }
            let mut fix = Vec::new();
            if let Some(g) = dir_group {
                fix.push(zh(
                    lang,
                    format!("属组是 {group},与目录的 {g} 不同:运行 `chgrp {g} {p}`"),
                    format!("its group is {group}, not the directory's {g}: run `chgrp {g} {p}`"),
                ));
            }
            if mode & 0o060 != 0o060 {
                fix.push(zh(
                    lang,
                    format!("权限 {mode:03o},组内不可读写:运行 `chmod g+rw {p}`"),
                    format!("mode {mode:03o} is not group read-write: run `chmod g+rw {p}`"),
                ));
            }
            if mode & 0o002 != 0 {
                fix.push(zh(
                    lang,
                    format!("权限 {mode:03o},任何人都能改:运行 `chmod o-rwx {p}`"),
                    format!("mode {mode:03o} lets anyone change it: run `chmod o-rwx {p}`"),
                ));
            }
            zh(
                lang,
                format!("登记表 {p}:{}", fix.join(";")),
                format!("registry {p}: {}", fix.join("; ")),
            )
        }
        Finding::LockMissing { lock } => zh(
            lang,
            format!(
                "锁文件 {} 还没有:第一次保存时建立(`dubang share init` 可预先建好)",
                lock.display()
            ),
            format!(
                "the lock file {} is not there yet: the first save makes it (`dubang share init` prepares it)",
                lock.display()
            ),
        ),
        Finding::LockSymlink { lock } => zh(
            lang,
            format!(
                "锁文件 {} 是符号链接,dubang 不会使用:删除它(`rm {}`)",
                lock.display(),
                lock.display()
            ),
            format!(
                "the lock file {} is a symbolic link, which dubang refuses: remove it (`rm {}`)",
                lock.display(),
                lock.display()
            ),
        ),
        Finding::LockNotRegular { lock } => zh(
            lang,
            format!(
                "锁文件 {} 不是普通文件:删除它后重新运行 `dubang share init`",
                lock.display()
            ),
            format!(
                "the lock file {} is not a regular file: remove it and run `dubang share init` again",
                lock.display()
            ),
        ),
        Finding::Lock {
            lock,
            group,
            mode,
            want_group,
            want_mode,
        } => {
            let l = lock.display();
            if ok {
                return zh(
                    lang,
                    format!("锁文件 {l}:属组 {group},权限 {mode:03o}"),
                    format!("lock file {l}: group {group}, mode {mode:03o}"),
                );
            }
            let mut fix = Vec::new();
            if group != want_group {
                fix.push(format!("chgrp {want_group} {l}"));
            }
            if mode != want_mode {
                fix.push(format!("chmod {want_mode:03o} {l}"));
            }
            zh(
                lang,
                format!(
                    "锁文件 {l}:属组 {group}、权限 {mode:03o},应与登记表一致(属组 {want_group}、权限 {want_mode:03o}):运行 `{}`",
                    fix.join(" && ")
                ),
                format!(
                    "lock file {l}: group {group}, mode {mode:03o}; it should match the registry (group {want_group}, mode {want_mode:03o}): run `{}`",
                    fix.join(" && ")
                ),
            )
        }
        Finding::Acl { file, entries } => zh(
            lang,
            format!(
                "登记表 {} 有 ACL:{}(保存时保留)",
                file.display(),
                entries.join(" ")
            ),
            format!(
                "the registry {} has an ACL: {} (saves keep it)",
                file.display(),
                entries.join(" ")
            ),
        ),
        Finding::AclUnchecked => zh(
            lang,
            "未检查 ACL:没有 getfacl,也读不到扩展属性(安装 acl 软件包即可检查)".into(),
            "ACLs not checked: no getfacl, and the extended attributes cannot be read (install the acl package)".into(),
        ),
        Finding::Writers { logins } => {
            let names: Vec<String> = logins.iter().map(|l| people(l)).collect();
            if ok {
                zh(
                    lang,
                    format!("可以保存的人:{}", names.join("、")),
                    format!("who can save: {}", names.join(", ")),
                )
            } else {
                let (who_zh, who_en) = if names.is_empty() {
                    ("root".to_string(), "root".to_string())
                } else {
                    (names.join("、"), names.join(", "))
                };
                zh(
                    lang,
                    format!(
                        "目前只有 {who_zh} 能保存:把同事加入该组(`usermod -aG 组名 登录名`),并按上面的提示修正权限"
                    ),
                    format!(
                        "only {who_en} can save for now: add colleagues to the group (`usermod -aG GROUP LOGIN`) and fix any mode said above"
                    ),
                )
            }
        }
    }
}

/// What `share init` did, a line each, and the system setting to add.
pub fn done(lang: Lang, d: &Done, wrote_system: Option<&Path>) -> Vec<String> {
    let g = &d.group.name;
    let content = match &d.content {
        Content::Kept => zh(
            lang,
            "已存在,内容未动".into(),
            "already there, content kept".into(),
        ),
        Content::Copied(p) => zh(
            lang,
            format!("从 {} 复制", p.display()),
            format!("copied from {}", p.display()),
        ),
        Content::Bundled => zh(
            lang,
            "内置方案的副本".into(),
            "a copy of the bundled plan".into(),
        ),
    };
    let line = crate::share::init::settings_line(&d.file);
    let mut out = vec![
        zh(
            lang,
            format!("目录 {}:属组 {g},权限 2770(setgid)", d.dir.display()),
            format!(
                "directory {}: group {g}, mode 2770 (setgid)",
                d.dir.display()
            ),
        ),
        zh(
            lang,
            format!("登记表 {}:{content};属组 {g},权限 660", d.file.display()),
            format!(
                "registry {}: {content}; group {g}, mode 660",
                d.file.display()
            ),
        ),
        zh(
            lang,
            format!("锁文件 {}:属组 {g},权限 660", d.lock.display()),
            format!("lock file {}: group {g}, mode 660", d.lock.display()),
        ),
    ];
    out.push(match wrote_system {
        Some(p) => zh(
            lang,
            format!("已写入系统设置 {}:{line}(不带 --file 的 dubang 都打开它)", p.display()),
            format!("wrote {line} into the system settings {} (a bare dubang opens it)", p.display()),
        ),
        None => zh(
            lang,
            format!("让不带 --file 的 dubang 都打开它:把 {line} 写入 /etc/dubang/config.toml(或加 --system 重新运行)"),
            format!("to make a bare dubang open it, put {line} into /etc/dubang/config.toml (or run again with --system)"),
        ),
    });
    if !d.group.members.is_empty() {
        out.push(zh(
            lang,
            format!("组 {g} 的成员:{}", d.group.members.join("、")),
            format!("members of {g}: {}", d.group.members.join(", ")),
        ));
    }
    out
}

/// Why `share init` stopped.
pub fn failure(lang: Lang, f: &Failure) -> String {
    match f {
        Failure::NoGroup(g) => zh(
            lang,
            format!("没有组“{g}”:先建立它(`groupadd {g}`),再把同事加入(`usermod -aG {g} 登录名`)"),
            format!(
                "there is no group '{g}': create it (`groupadd {g}`) and add colleagues (`usermod -aG {g} LOGIN`)"
            ),
        ),
        Failure::BadSource(e) => crate::words::load_error(lang, e),
        Failure::Step { step, path, error } => {
            let e = crate::words::io_error(lang, error);
            let p = path.display();
            let (zh_what, en_what) = match step {
                Step::CreateDir => ("无法建立目录", "cannot create the directory"),
                Step::SetGroup => ("无法设置属组", "cannot set the group of"),
                Step::SetMode => ("无法设置权限", "cannot set the mode of"),
                Step::Write => ("无法写入登记表", "cannot write the registry"),
                Step::CreateLock => ("无法建立锁文件", "cannot create the lock file"),
            };
            zh(
                lang,
                format!(
                    "{zh_what} {p}({e}):请以 root 或该组成员的身份运行(如 `sudo dubang share init …`)"
                ),
                format!(
                    "{en_what} {p} ({e}): run as root or as a member of the group (e.g. `sudo dubang share init …`)"
                ),
            )
        }
        Failure::LockNotFile(l) => zh(
            lang,
            format!(
                "锁文件的位置 {} 上是符号链接或目录:删除它后重新运行",
                l.display()
            ),
            format!(
                "the lock file's place {} holds a symbolic link or a directory: remove it and run again",
                l.display()
            ),
        ),
    }
}

/// `share init --system` could not write the system settings.
pub fn cannot_write_system(lang: Lang, path: &Path, e: &std::io::Error) -> String {
    let err = crate::words::io_error(lang, e);
    zh(
        lang,
        format!(
            "无法写入系统设置 {}({err}):请用 root 运行,或手工加入上面那一行",
            path.display()
        ),
        format!(
            "cannot write the system settings {} ({err}): run as root, or add the line above by hand",
            path.display()
        ),
    )
}
