//! `haloscope user add|passwd|remove|list` on the real binary: passwords come on standard input (not a
//! terminal), the users file is private and holds hashes only, failures exit 1 with one line, bad usage 2.

mod common;

use common::{run_to_end, Finished};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

/// A fresh data directory under the system temp folder, removed on drop.
struct DataDir(PathBuf);

impl DataDir {
    fn new() -> Self {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos();
        let dir = std::env::temp_dir().join(format!(
            "haloscope-users-cli-{}-{nanos}",
            std::process::id()
        ));
        DataDir(dir.join("data"))
    }

    fn users_file(&self) -> PathBuf {
        self.0.join("users.json")
    }
}

impl Drop for DataDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(self.0.parent().unwrap());
    }
}

/// `haloscope --data-dir DIR user ARGS…` with `stdin`, and a partial HaloPSA configuration in the
/// environment (which would stop the server; user management must not care).
fn user(dir: &Path, args: &[&str], stdin: &str) -> Finished {
    let mut argv = vec!["--data-dir", dir.to_str().unwrap(), "user"];
    argv.extend_from_slice(args);
    run_to_end(&[("HALO_CLIENT_ID", "only-half")], &argv, stdin)
}

fn assert_failed(out: &Finished, code: i32, needle: &str) {
    assert_eq!(out.code, Some(code), "stderr: {}", out.stderr);
    assert_eq!(out.stderr.lines().count(), 1, "one line: {}", out.stderr);
    assert!(out.stderr.contains(needle), "{}", out.stderr);
    assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
}

const FIRST: &str = "correct horse battery";
const SECOND: &str = "staple the battery, horse";

/// The permission bits of the file or folder at `path`.
fn file_mode(path: &std::path::Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn add_list_passwd_remove() {
    let data = DataDir::new();
    let dir = &data.0;

    let out = user(dir, &["add", "Alice"], &format!("{FIRST}\n"));
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_eq!(out.stdout.trim(), "added user alice");
    assert!(out.stderr.is_empty(), "{}", out.stderr);

    let out = user(dir, &["list"], "");
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines.len(), 1, "{}", out.stdout);
    assert!(lines[0].starts_with("alice "), "{}", out.stdout);
    assert!(lines[0].contains("created 20"), "{}", out.stdout);
    assert!(lines[0].contains("password changed 20"), "{}", out.stdout);
    assert!(!out.stdout.contains("argon2"), "no hash: {}", out.stdout);

    let mode = file_mode(&data.users_file());
    assert_eq!(mode, 0o600, "{mode:o}");
    let dir_mode = file_mode(dir);
    assert_eq!(dir_mode, 0o700, "{dir_mode:o}");
    let before = std::fs::read_to_string(data.users_file()).unwrap();
    assert!(
        before.contains("$argon2id$v=19$m=19456,t=2,p=1$"),
        "{before}"
    );
    assert!(!before.contains(FIRST), "no plaintext password in the file");

    let out = user(dir, &["add", "ALICE"], &format!("{SECOND}\n"));
    assert_failed(&out, 1, "user alice already exists");

    let out = user(dir, &["passwd", "alice"], &format!("{SECOND}\n"));
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_eq!(out.stdout.trim(), "changed the password of user alice");
    let after = std::fs::read_to_string(data.users_file()).unwrap();
    assert_ne!(before, after, "a new hash");
    assert!(!after.contains(FIRST) && !after.contains(SECOND), "{after}");
    let mode = file_mode(&data.users_file());
    assert_eq!(mode, 0o600, "still private after a rewrite: {mode:o}");

    let out = user(dir, &["passwd", "nobody"], &format!("{SECOND}\n"));
    assert_failed(&out, 1, "there is no user nobody");

    let out = user(dir, &["remove", "Alice"], "");
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_eq!(out.stdout.trim(), "removed user alice");
    let out = user(dir, &["list"], "");
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_eq!(out.stdout, "", "no users left");
    let out = user(dir, &["remove", "alice"], "");
    assert_failed(&out, 1, "there is no user alice");

    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(names, ["audit.jsonl", "users.json"], "no temp files left");

    // every account change, and every refused one, is in the audit log (never a password)
    let audit = std::fs::read_to_string(dir.join("audit.jsonl")).unwrap();
    assert!(!audit.contains(SECOND), "no password in the audit log");
    let lines: Vec<serde_json::Value> = audit
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let seen: Vec<(String, String)> = lines
        .iter()
        .map(|l| {
            (
                l["action"].as_str().unwrap().to_owned(),
                l["result"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    for expected in [
        ("user_add", "ok"),
        ("user_add", "error"),
        ("user_passwd", "ok"),
        ("user_passwd", "error"),
        ("user_remove", "ok"),
        ("user_remove", "error"),
    ] {
        assert!(
            seen.contains(&(expected.0.to_owned(), expected.1.to_owned())),
            "{expected:?} in {seen:?}"
        );
    }
}

#[test]
fn weak_passwords_and_bad_names_are_refused_with_exit_1() {
    let data = DataDir::new();
    let dir = &data.0;
    for (args, stdin, needle) in [
        (["add", "bob"], "too short\n", "at least 12 characters"),
        (
            ["add", "bob.builder1"],
            "Bob.Builder1\n",
            "cannot be the user name",
        ),
        (["add", "bob"], "", "no password given"),
        (
            ["add", "bob smith"],
            "a long enough password\n",
            "bad user name",
        ),
    ] {
        let out = user(dir, &args, stdin);
        assert_failed(&out, 1, needle);
        assert!(
            !out.stderr.contains(stdin.trim()) || stdin.is_empty(),
            "{}",
            out.stderr
        );
    }
    assert!(!data.users_file().exists(), "nothing was written");
    let out = user(dir, &["list"], "");
    assert_eq!((out.code, out.stdout.as_str()), (Some(0), ""));
}

#[test]
fn bad_usage_exits_2_and_the_environment_names_the_folder() {
    let data = DataDir::new();
    let out = run_to_end(&[], &["user", "add"], "");
    assert_eq!(out.code, Some(2), "{}", out.stderr);
    let out = run_to_end(&[], &["user", "rename", "alice"], "");
    assert_eq!(out.code, Some(2), "{}", out.stderr);

    let env = [("HALOSCOPE_DATA_DIR", data.0.to_str().unwrap())];
    let out = run_to_end(&env, &["user", "add", "carol"], &format!("{FIRST}\n"));
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let out = run_to_end(&env, &["user", "list"], "");
    assert!(out.stdout.starts_with("carol "), "{}", out.stdout);
    assert!(data.users_file().exists());
}
