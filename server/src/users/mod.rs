//! Local staff accounts for `service` sign-in mode: the users file in the data directory (`file`), argon2id
//! password hashes (`password`), user-name rules (`name`) and the `haloscope user …` sub-commands
//! (`command`). The sign-in code holds a [`Users`] and asks it [`Users::verify`].

pub mod command;
mod file;
mod name;
mod password;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// Why a users action failed: one line in plain words, never containing a password or a hash.
#[derive(Debug, thiserror::Error)]
pub enum UsersError {
    #[error("bad user name: {0}")]
    BadName(String),
    #[error("password refused: {0}")]
    WeakPassword(String),
    #[error("user {0} already exists")]
    Exists(String),
    #[error("there is no user {0}")]
    Unknown(String),
    #[error("the two passwords differ")]
    PasswordsDiffer,
    #[error(
        "no password given: type it at the prompt, or send it as the first line of standard input"
    )]
    NoPassword,
    #[error("cannot read the password: {0}")]
    ReadPassword(String),
    #[error("{action} {path}: {reason}")]
    Io {
        action: &'static str,
        path: String,
        reason: String,
    },
    #[error("{path} is not a valid users file: {reason}")]
    Corrupt { path: String, reason: String },
    #[error("cannot hash the password: {0}")]
    Hash(String),
}

impl UsersError {
    fn io(action: &'static str, path: &Path, e: &std::io::Error) -> Self {
        UsersError::Io {
            action,
            path: path.display().to_string(),
            reason: e.to_string(),
        }
    }
}

/// The users file of one data directory, re-read whenever it changes on disk (so `haloscope user add` takes
/// effect on a running server). Cheap to clone: clones share one cache.
#[derive(Clone)]
pub struct Users {
    inner: Arc<Inner>,
}

struct Inner {
    data_dir: PathBuf,
    cache: Mutex<Cache>,
    /// Password checks running at once.
    verifying: tokio::sync::Semaphore,
}

struct Cache {
    /// `None` until the first look at the disk.
    seen: Option<Option<file::Stamp>>,
    file: file::UsersFile,
}

impl std::fmt::Debug for Users {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Users")
            .field("file", &file::path(&self.inner.data_dir))
            .finish_non_exhaustive()
    }
}

impl Users {
    /// The users file in `data_dir` (`users.json`). A missing file is no users; an unreadable or broken one
    /// is logged and also treated as no users (nobody can sign in until it is fixed). Never panics.
    pub fn open(data_dir: &Path) -> Users {
        let users = Users {
            inner: Arc::new(Inner {
                data_dir: data_dir.to_path_buf(),
                cache: Mutex::new(Cache {
                    seen: None,
                    file: file::UsersFile::default(),
                }),
                verifying: tokio::sync::Semaphore::new(2),
            }),
        };
        users.with_current(|_| ());
        users
    }

    /// The canonical (lower-case) user name when `password` is that user's password. An unknown or malformed
    /// name is checked against a dummy hash, so the answer takes as long as for a real user.
    pub async fn verify(&self, name: &str, password: &str) -> Option<String> {
        let canonical = name::canonical(name).ok();
        let stored = canonical.as_deref().and_then(|n| {
            self.with_current(|f| {
                f.find(n)
                    .map(|u| (u.name.to_ascii_lowercase(), u.hash.clone()))
            })
        });
        // no account can have a longer password (UTF-8: at most 4 bytes a character)
        if password.len() > 4 * password::MAX_PASSWORD_CHARS {
            return None;
        }
        let (found, hash) = match stored {
            Some((n, h)) => (Some(n), h),
            None => (None, password::DUMMY_HASH.to_string()),
        };
        let password = password.to_string();
        // each check takes 19 MiB and a core for a while: at most two at once
        let _slot = self.inner.verifying.acquire().await.ok()?;
        let ok = tokio::task::spawn_blocking(move || password::verify(&password, &hash))
            .await
            .unwrap_or(false);
        found.filter(|_| ok)
    }

    /// Whether a session `name` signed in at unix time `signed_in_at` still stands: the account exists and its
    /// password has not changed since (a removed account or a new password ends its sessions).
    pub fn session_valid(&self, name: &str, signed_in_at: i64) -> bool {
        self.with_current(|f| {
            f.find(name)
                .is_some_and(|u| u.password_changed.timestamp() <= signed_in_at)
        })
    }

    /// The name as accounts are keyed (lower-case), or `None` when it cannot be an account name.
    pub fn canonical_name(name: &str) -> Option<String> {
        name::canonical(name).ok()
    }

    /// True when the file holds no user (missing, empty, or unreadable).
    pub fn is_empty(&self) -> bool {
        self.with_current(|f| f.users.is_empty())
    }

    /// The folder holding the users file.
    pub fn data_dir(&self) -> &Path {
        &self.inner.data_dir
    }

    /// Runs `f` over the file as it is on disk now, re-reading it first if it changed.
    fn with_current<T>(&self, f: impl FnOnce(&file::UsersFile) -> T) -> T {
        let mut cache = self
            .inner
            .cache
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let path = file::path(&self.inner.data_dir);
        let now = file::stamp(&path);
        if cache.seen != Some(now) {
            cache.file = match file::load(&self.inner.data_dir) {
                Ok(loaded) => loaded,
                Err(e) => {
                    tracing::warn!("users file: {e}; nobody can sign in until it is fixed");
                    file::UsersFile::default()
                }
            };
            cache.seen = Some(now);
        }
        f(&cache.file)
    }
}

#[cfg(test)]
mod tests {
    use super::file::temp_dir;
    use super::*;

    const PW: &str = "correct horse battery";

    /// A data directory with no users file yet, and its users: none.
    fn no_users(tag: &str) -> (PathBuf, Users) {
        let dir = temp_dir(tag);
        let users = Users::open(&dir);
        assert!(users.is_empty());
        (dir, users)
    }

    fn add(dir: &Path, name: &str, pw: &str) {
        let mut f = file::load(dir).unwrap();
        f.users.push(file::UserRecord {
            name: name.into(),
            hash: password::hash(pw).unwrap(),
            created: file::now(),
            password_changed: file::now(),
        });
        file::save(dir, &f).unwrap();
    }

    #[tokio::test]
    async fn verify_right_wrong_unknown_and_any_case() {
        let dir = temp_dir("verify");
        add(&dir, "alice", PW);
        let users = Users::open(&dir);
        assert!(!users.is_empty());
        assert_eq!(users.verify("alice", PW).await.as_deref(), Some("alice"));
        assert_eq!(
            users.verify("ALICE", PW).await.as_deref(),
            Some("alice"),
            "names compare case-insensitively and come back canonical"
        );
        assert_eq!(users.verify("alice", "wrong horse battery").await, None);
        assert_eq!(users.verify("alice", "").await, None);
        assert_eq!(users.verify("bob", PW).await, None);
        assert_eq!(users.verify("not a name!", PW).await, None);
        assert_eq!(users.verify("alice", &"x".repeat(10_000)).await, None);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[tokio::test]
    async fn a_missing_or_broken_file_means_no_users_without_panicking() {
        let (dir, users) = no_users("missing");
        assert_eq!(users.verify("alice", PW).await, None);

        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(file::path(&dir), "not json").unwrap();
        assert!(users.is_empty());
        assert_eq!(users.verify("alice", PW).await, None);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[tokio::test]
    async fn changes_on_disk_are_picked_up_without_reopening() {
        let (dir, users) = no_users("reload");

        add(&dir, "alice", PW);
        assert!(!users.is_empty(), "a new file is noticed");
        assert_eq!(users.verify("alice", PW).await.as_deref(), Some("alice"));

        // a new password, and a second user, in one save
        let mut f = file::load(&dir).unwrap();
        f.find_mut("alice").unwrap().hash = password::hash("staple battery horse").unwrap();
        file::save(&dir, &f).unwrap();
        add(&dir, "bob", "bob's long password");
        assert_eq!(users.verify("alice", PW).await, None);
        assert_eq!(
            users
                .verify("alice", "staple battery horse")
                .await
                .as_deref(),
            Some("alice")
        );
        assert_eq!(
            users.verify("Bob", "bob's long password").await.as_deref(),
            Some("bob")
        );

        std::fs::remove_file(file::path(&dir)).unwrap();
        assert!(users.is_empty(), "a removed file is no users");
        assert_eq!(
            users.clone().verify("bob", "bob's long password").await,
            None
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
