//! Unix groups and their members, from `/etc/group` and `/etc/passwd`, then `getent`
//! (which also asks LDAP or sssd on servers whose accounts live there).

use std::process::Command;

/// A group: its name, id and members (listed ones and those whose primary group it is).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub name: String,
    pub gid: u32,
    pub members: Vec<String>,
}

/// The group named `name` (or given by number).
pub fn by_name(name: &str) -> Option<Group> {
    find(|g| g.name == name || g.gid.to_string() == name, name)
}

/// The group with id `gid`.
pub fn by_gid(gid: u32) -> Option<Group> {
    find(|g| g.gid == gid, &gid.to_string())
}

fn find(want: impl Fn(&Group) -> bool, key: &str) -> Option<Group> {
    let local = std::fs::read_to_string("/etc/group").unwrap_or_default();
    let mut group = parse_groups(&local).into_iter().find(&want).or_else(|| {
        let out = Command::new("getent").args(["group", key]).output().ok()?;
        parse_groups(&String::from_utf8_lossy(&out.stdout))
            .into_iter()
            .find(&want)
    })?;
    // Users whose primary group it is are members too, though /etc/group does not list them.
    let passwd = std::fs::read_to_string("/etc/passwd").unwrap_or_default();
    for (login, _, gid) in parse_passwd(&passwd) {
        if gid == group.gid && !group.members.contains(&login) {
            group.members.push(login);
        }
    }
    Some(group)
}

/// The groups of group(5) text.
pub fn parse_groups(text: &str) -> Vec<Group> {
    text.lines()
        .filter_map(|line| {
            let mut f = line.split(':');
            let name = f.next()?.to_string();
            let gid = f.nth(1)?.parse().ok()?;
            let members = f
                .next()
                .unwrap_or("")
                .split(',')
                .map(str::trim)
                .filter(|m| !m.is_empty())
                .map(str::to_string)
                .collect();
            (!name.is_empty()).then_some(Group { name, gid, members })
        })
        .collect()
}

/// (login, uid, primary gid) of each line of passwd(5) text.
pub fn parse_passwd(text: &str) -> Vec<(String, u32, u32)> {
    text.lines()
        .filter_map(|line| {
            let mut f = line.split(':');
            let name = f.next()?.to_string();
            let uid = f.nth(1)?.parse().ok()?;
            let gid = f.next()?.parse().ok()?;
            Some((name, uid, gid))
        })
        .collect()
}

/// The name of group `gid`, else its number.
pub fn name_or_gid(gid: u32) -> String {
    by_gid(gid).map_or_else(|| gid.to_string(), |g| g.name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_group_and_passwd_lines() {
        let g = parse_groups("staff:x:50:wangli, liwei\nbad\nempty:x:51:\n");
        assert_eq!(g[0].members, ["wangli", "liwei"]);
        assert_eq!((g[1].name.as_str(), g[1].gid), ("empty", 51));
        assert_eq!(
            parse_passwd("root:x:0:0::/root:/bin/sh\n"),
            [("root".to_string(), 0, 0)]
        );
    }
}
