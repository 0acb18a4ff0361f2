//! The users file, `<data_dir>/users.json`: its format, loading (a missing file is no users) and saving
//! (atomically: a temp file in the same folder renamed over the old one; mode 0600, the folder 0700 when
//! Haloscope creates it).

use super::UsersError;
use chrono::{DateTime, SubsecRound, Utc};
use serde::{Deserialize, Serialize};
use std::fs::{DirBuilder, OpenOptions};
use std::io::{ErrorKind, Write};
use std::os::unix::fs::{DirBuilderExt, MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// The file's name inside the data directory.
pub const FILE_NAME: &str = "users.json";

/// The whole file: `{"users":[…]}`.
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
pub struct UsersFile {
    pub users: Vec<UserRecord>,
}

/// One account. `Debug` leaves the hash out.
#[derive(Clone, Serialize, Deserialize)]
pub struct UserRecord {
    /// Lower-case.
    pub name: String,
    /// Argon2id PHC string.
    pub hash: String,
    pub created: DateTime<Utc>,
    pub password_changed: DateTime<Utc>,
}

impl std::fmt::Debug for UserRecord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UserRecord")
            .field("name", &self.name)
            .field("created", &self.created)
            .field("password_changed", &self.password_changed)
            .finish_non_exhaustive()
    }
}

impl UsersFile {
    /// The account named `name` (already canonical), ignoring case in case the file was edited by hand.
    pub fn find(&self, name: &str) -> Option<&UserRecord> {
        self.users
            .iter()
            .find(|u| u.name.eq_ignore_ascii_case(name))
    }

    /// As [`find`](Self::find), to change it.
    pub fn find_mut(&mut self, name: &str) -> Option<&mut UserRecord> {
        self.users
            .iter_mut()
            .find(|u| u.name.eq_ignore_ascii_case(name))
    }
}

/// Now, to the second (the file's timestamps carry no fractions).
pub fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(0)
}

/// `<data_dir>/users.json`.
pub fn path(data_dir: &Path) -> PathBuf {
    data_dir.join(FILE_NAME)
}

/// What identifies one version of the file: a save replaces the file (new inode) and changes its time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    modified: Option<SystemTime>,
    len: u64,
    inode: u64,
}

/// The current version of the file at `path`; `None` when it is missing or cannot be looked at.
pub fn stamp(path: &Path) -> Option<Stamp> {
    let meta = std::fs::metadata(path).ok()?;
    Some(Stamp {
        modified: meta.modified().ok(),
        len: meta.len(),
        inode: meta.ino(),
    })
}

/// Reads the users file in `data_dir`; a missing file is an empty one.
pub fn load(data_dir: &Path) -> Result<UsersFile, UsersError> {
    let path = path(data_dir);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(UsersFile::default()),
        Err(e) => return Err(UsersError::io("cannot read", &path, &e)),
    };
    serde_json::from_str(&text).map_err(|e| UsersError::Corrupt {
        path: path.display().to_string(),
        reason: e.to_string(),
    })
}

/// Writes `file` to `data_dir` atomically, mode 0600, creating the folder (mode 0700) if needed.
pub fn save(data_dir: &Path, file: &UsersFile) -> Result<(), UsersError> {
    if !data_dir.is_dir() {
        DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(data_dir)
            .map_err(|e| UsersError::io("cannot create the data folder", data_dir, &e))?;
    }
    let target = path(data_dir);
    let mut json = serde_json::to_vec_pretty(file).map_err(|e| UsersError::Corrupt {
        path: target.display().to_string(),
        reason: e.to_string(),
    })?;
    json.push(b'\n');

    let nanos = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    let temp = data_dir.join(format!(".{FILE_NAME}.{}.{nanos}.tmp", std::process::id()));
    let write = || -> std::io::Result<()> {
        let mut out = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&temp)?;
        out.write_all(&json)?;
        out.sync_all()?;
        std::fs::rename(&temp, &target)?;
        // make the rename itself durable
        if let Ok(dir) = std::fs::File::open(data_dir) {
            let _ = dir.sync_all();
        }
        Ok(())
    };
    write().map_err(|e| {
        let _ = std::fs::remove_file(&temp);
        UsersError::io("cannot save", &target, &e)
    })
}

/// A data directory for one test, not there yet.
#[cfg(test)]
pub(super) fn temp_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "haloscope-users-{tag}-{}-{}",
        std::process::id(),
        SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .unwrap()
            .as_nanos()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn record(name: &str) -> UserRecord {
        UserRecord {
            name: name.into(),
            hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g".into(),
            created: now(),
            password_changed: now(),
        }
    }

    #[test]
    fn a_missing_file_is_no_users() {
        let dir = temp_dir("missing");
        assert!(load(&dir).unwrap().users.is_empty());
        assert!(stamp(&path(&dir)).is_none());
    }

    #[test]
    fn save_creates_a_private_folder_and_a_0600_file_atomically() {
        let parent = temp_dir("save");
        let dir = parent.join("data");
        let mut file = UsersFile::default();
        file.users.push(record("alice"));
        save(&dir, &file).unwrap();

        let dir_mode = std::fs::metadata(&dir).unwrap().permissions().mode() & 0o777;
        assert_eq!(dir_mode, 0o700, "{dir_mode:o}");
        let file_mode = std::fs::metadata(path(&dir)).unwrap().permissions().mode() & 0o777;
        assert_eq!(file_mode, 0o600, "{file_mode:o}");

        file.users.push(record("bob"));
        save(&dir, &file).unwrap();
        let names: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        assert_eq!(names, vec![FILE_NAME.to_string()], "no temp file left");
        let loaded = load(&dir).unwrap();
        assert_eq!(loaded.users.len(), 2);
        assert!(loaded.find("BOB").is_some());
        std::fs::remove_dir_all(&parent).unwrap();
    }

    #[test]
    fn the_format_is_the_documented_json() {
        let dir = temp_dir("format");
        let mut file = UsersFile::default();
        let mut r = record("alice");
        r.created = "2026-11-30T14:00:00Z".parse().unwrap();
        file.users.push(r);
        save(&dir, &file).unwrap();
        let json: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path(&dir)).unwrap()).unwrap();
        let alice = &json["users"][0];
        assert_eq!(alice["name"], "alice");
        assert_eq!(alice["created"], "2026-11-30T14:00:00Z");
        assert!(alice["hash"].as_str().unwrap().starts_with("$argon2id$"));
        assert!(alice["password_changed"].is_string());
        assert!(
            !format!("{:?}", file).contains("argon2"),
            "Debug hides the hash"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_broken_file_is_an_error_not_no_users() {
        let dir = temp_dir("broken");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(path(&dir), "{\"users\": [").unwrap();
        let err = load(&dir).unwrap_err().to_string();
        assert!(err.contains("is not a valid users file"), "{err}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
