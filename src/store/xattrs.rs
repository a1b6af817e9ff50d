//! A saved registry keeps its extended attributes, POSIX ACLs among them.
//!
//! Saving writes a new file and renames it over the old one, so whatever was attached to
//! the old inode is lost unless it is copied: an office that shares the registry through
//! an ACL (`setfacl -m u:wangli:rw`) would lose it at the first colleague's save, and the
//! owner, no longer the owner, could be shut out. The attributes are copied onto the
//! temporary file before the rename; when the save changes the file's owner (a colleague
//! saved it), the previous owner is given a named ACL entry with the rights they had.

use std::io;
use std::path::Path;

/// The extended attribute a file's access ACL lives in.
const ACL_ACCESS: &str = "system.posix_acl_access";

/// Copies every extended attribute of `from` onto the open `to` (after its mode was set:
/// an ACL sets the group bits of the mode). `old_owner` is `from`'s owner, kept in the ACL
/// when `to` belongs to someone else. Attributes that cannot be read or set (a namespace
/// this user may not write, a file system without them) are skipped: the save matters
/// more than the attribute.
#[cfg(unix)]
pub fn copy(from: &Path, to: &std::fs::File, old_owner: u32) -> io::Result<()> {
    use rustix::fs::{XattrFlags, fsetxattr, getxattr, listxattr};
    let mut names = vec![0u8; 4096];
    let n = match listxattr(from, &mut names[..]) {
        Ok(n) => n,
        Err(rustix::io::Errno::RANGE) => {
            names = vec![0u8; 65536];
            listxattr(from, &mut names[..])?
        }
        Err(e) if e == rustix::io::Errno::NOTSUP || e == rustix::io::Errno::NOSYS => return Ok(()),
        Err(e) => return Err(e.into()),
    };
    let new_owner = {
        use std::os::unix::fs::MetadataExt;
        to.metadata()?.uid()
    };
    for name in names[..n].split(|&b| b == 0).filter(|s| !s.is_empty()) {
        let Ok(name) = std::str::from_utf8(name) else {
            continue;
        };
        let mut value = vec![0u8; 65536];
        let Ok(len) = getxattr(from, name, &mut value[..]) else {
            continue;
        };
        value.truncate(len);
        if name == ACL_ACCESS && new_owner != old_owner {
            value = acl_with_user(&value, old_owner).unwrap_or(value);
        }
        let _ = fsetxattr(to, name, &value, XattrFlags::empty());
    }
    Ok(())
}

#[cfg(not(unix))]
pub fn copy(_: &Path, _: &std::fs::File, _: u32) -> io::Result<()> {
    Ok(())
}

// The Linux xattr form of an ACL (linux/posix_acl_xattr.h): a little-endian u32 version
// (2), then entries of u16 tag, u16 permissions, u32 id, sorted by tag then id.
const VERSION: u32 = 2;
const USER_OBJ: u16 = 0x01;
const USER: u16 = 0x02;
const GROUP_OBJ: u16 = 0x04;
const GROUP: u16 = 0x08;
const MASK: u16 = 0x10;
const UNDEFINED_ID: u32 = u32::MAX;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Entry {
    tag: u16,
    perm: u16,
    id: u32,
}

fn parse(bytes: &[u8]) -> Option<Vec<Entry>> {
    let (head, body) = bytes.split_at_checked(4)?;
    if u32::from_le_bytes(head.try_into().ok()?) != VERSION || body.len() % 8 != 0 {
        return None;
    }
    Some(
        body.chunks_exact(8)
            .map(|c| Entry {
                tag: u16::from_le_bytes([c[0], c[1]]),
                perm: u16::from_le_bytes([c[2], c[3]]),
                id: u32::from_le_bytes([c[4], c[5], c[6], c[7]]),
            })
            .collect(),
    )
}

fn encode(entries: &[Entry]) -> Vec<u8> {
    let mut out = VERSION.to_le_bytes().to_vec();
    for e in entries {
        out.extend(e.tag.to_le_bytes());
        out.extend(e.perm.to_le_bytes());
        out.extend(e.id.to_le_bytes());
    }
    out
}

/// The ACL `acl` with a named entry giving `uid` the rights of the owner entry (unless it
/// has one already), and a mask that lets those rights through, as `setfacl -m` would.
fn acl_with_user(acl: &[u8], uid: u32) -> Option<Vec<u8>> {
    let mut entries = parse(acl)?;
    if entries.iter().any(|e| e.tag == USER && e.id == uid) {
        return None;
    }
    let owner = entries.iter().find(|e| e.tag == USER_OBJ)?.perm;
    entries.push(Entry {
        tag: USER,
        perm: owner,
        id: uid,
    });
    let group_class = entries
        .iter()
        .filter(|e| matches!(e.tag, USER | GROUP_OBJ | GROUP))
        .fold(0, |m, e| m | e.perm);
    match entries.iter_mut().find(|e| e.tag == MASK) {
        Some(mask) => mask.perm |= owner,
        None => entries.push(Entry {
            tag: MASK,
            perm: group_class,
            id: UNDEFINED_ID,
        }),
    }
    entries.sort_by_key(|e| (e.tag, e.id));
    Some(encode(&entries))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(tag: u16, perm: u16, id: u32) -> Entry {
        Entry { tag, perm, id }
    }

    #[test]
    fn the_previous_owner_gets_a_named_entry_and_the_mask_lets_it_through() {
        // user::rw- user:1001:rw- group::r-- mask::rw- other::---
        let acl = encode(&[
            e(USER_OBJ, 6, UNDEFINED_ID),
            e(USER, 6, 1001),
            e(GROUP_OBJ, 4, UNDEFINED_ID),
            e(MASK, 4, UNDEFINED_ID),
            e(0x20, 0, UNDEFINED_ID),
        ]);
        let out = parse(&acl_with_user(&acl, 1000).unwrap()).unwrap();
        assert_eq!(
            out,
            vec![
                e(USER_OBJ, 6, UNDEFINED_ID),
                e(USER, 6, 1000),
                e(USER, 6, 1001),
                e(GROUP_OBJ, 4, UNDEFINED_ID),
                e(MASK, 6, UNDEFINED_ID),
                e(0x20, 0, UNDEFINED_ID),
            ]
        );
        // Already named: left as it is.
        assert!(acl_with_user(&acl, 1001).is_none());
        // Not an ACL: left as it is.
        assert!(acl_with_user(b"junk", 1000).is_none());
    }

    #[test]
    fn a_minimal_acl_gains_a_mask() {
        let acl = encode(&[
            e(USER_OBJ, 6, UNDEFINED_ID),
            e(GROUP_OBJ, 4, UNDEFINED_ID),
            e(0x20, 4, UNDEFINED_ID),
        ]);
        let out = parse(&acl_with_user(&acl, 7).unwrap()).unwrap();
        assert!(out.contains(&e(MASK, 6, UNDEFINED_ID)));
        assert!(out.contains(&e(USER, 6, 7)));
    }
}
