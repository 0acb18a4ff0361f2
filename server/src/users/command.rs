//! `haloscope user add|passwd|remove|list`: manages the users file from the shell. Success prints to stdout
//! and exits 0; a failed action prints one line to stderr and exits 1. Passwords are read without echo from
//! the terminal (asked twice), or as the first line of standard input when it is not a terminal; they are
//! never printed, and neither are hashes.

use super::{file, name, password, UsersError};
use crate::cli::UserAction;
use app::audit::{AuditEvent, AuditLog};
use std::io::{BufRead, IsTerminal};
use std::path::Path;
use std::process::ExitCode;

/// Runs `action` against the users file in `data_dir`, printing the outcome; a change (or a refused one)
/// is also written to `audit`.
pub fn run(data_dir: &Path, action: &UserAction, audit: Option<&AuditLog>) -> ExitCode {
    let result = execute(data_dir, action, &mut ask_password);
    if let (Some(log), Some((what, name))) = (audit, audited(action)) {
        let mut event = AuditEvent {
            action: what,
            who_kind: Some("local"),
            who: Some(name.chars().take(64).collect()),
            result: "ok",
            detail: Some("by the haloscope user command".into()),
            ..Default::default()
        };
        if let Err(e) = &result {
            event.result = "error";
            event.detail = Some(e.to_string());
        }
        log.write(&event);
    }
    match result {
        Ok(lines) => {
            for line in lines {
                println!("{line}");
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("haloscope: {e}");
            ExitCode::from(1)
        }
    }
}

/// The audit action and account name of a command that changes accounts.
fn audited(action: &UserAction) -> Option<(&'static str, &str)> {
    match action {
        UserAction::Add { name } => Some(("user_add", name)),
        UserAction::Passwd { name } => Some(("user_passwd", name)),
        UserAction::Remove { name } => Some(("user_remove", name)),
        UserAction::List => None,
    }
}

/// The canonical form of `name` and the users file, which must have that user (`exists`) or not.
fn load_for(
    data_dir: &Path,
    name: &str,
    exists: bool,
) -> Result<(String, file::UsersFile), UsersError> {
    let name = name::canonical(name)?;
    let users = file::load(data_dir)?;
    match (users.find(&name).is_some(), exists) {
        (true, false) => Err(UsersError::Exists(name)),
        (false, true) => Err(UsersError::Unknown(name)),
        _ => Ok((name, users)),
    }
}

/// Does the work; `new_password(name)` supplies a new password for `name`. Returns the lines to print.
fn execute(
    data_dir: &Path,
    action: &UserAction,
    new_password: &mut dyn FnMut(&str) -> Result<String, UsersError>,
) -> Result<Vec<String>, UsersError> {
    match action {
        UserAction::Add { name } => {
            let (name, mut users) = load_for(data_dir, name, false)?;
            let hash = checked_hash(&name, new_password)?;
            let now = file::now();
            users.users.push(file::UserRecord {
                name: name.clone(),
                hash,
                created: now,
                password_changed: now,
            });
            file::save(data_dir, &users)?;
            Ok(vec![format!("added user {name}")])
        }
        UserAction::Passwd { name } => {
            let (name, mut users) = load_for(data_dir, name, true)?;
            let hash = checked_hash(&name, new_password)?;
            if let Some(user) = users.find_mut(&name) {
                user.hash = hash;
                user.password_changed = file::now();
            }
            file::save(data_dir, &users)?;
            Ok(vec![format!("changed the password of user {name}")])
        }
        UserAction::Remove { name } => {
            let name = name::canonical(name)?;
            let mut users = file::load(data_dir)?;
            let before = users.users.len();
            users.users.retain(|u| !u.name.eq_ignore_ascii_case(&name));
            if users.users.len() == before {
                return Err(UsersError::Unknown(name));
            }
            file::save(data_dir, &users)?;
            Ok(vec![format!("removed user {name}")])
        }
        UserAction::List => Ok(file::load(data_dir)?
            .users
            .iter()
            .map(|u| {
                format!(
                    "{}  created {}  password changed {}",
                    u.name,
                    u.created.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                    u.password_changed
                        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
                )
            })
            .collect()),
    }
}

fn checked_hash(
    name: &str,
    new_password: &mut dyn FnMut(&str) -> Result<String, UsersError>,
) -> Result<String, UsersError> {
    let pw = new_password(name)?;
    password::check_strength(name, &pw)?;
    password::hash(&pw)
}

/// Asks twice on the terminal, or takes the first line of standard input.
fn ask_password(name: &str) -> Result<String, UsersError> {
    let read_err = |e: std::io::Error| UsersError::ReadPassword(e.to_string());
    if std::io::stdin().is_terminal() {
        let first =
            rpassword::prompt_password(format!("New password for {name}: ")).map_err(read_err)?;
        let second = rpassword::prompt_password("Repeat it: ").map_err(read_err)?;
        if first != second {
            return Err(UsersError::PasswordsDiffer);
        }
        Ok(first)
    } else {
        first_line(std::io::stdin().lock())
    }
}

/// The first line of `input` without its line ending; an error when there is none.
fn first_line(mut input: impl BufRead) -> Result<String, UsersError> {
    let mut line = String::new();
    let read = input
        .read_line(&mut line)
        .map_err(|e| UsersError::ReadPassword(e.to_string()))?;
    if read == 0 {
        return Err(UsersError::NoPassword);
    }
    if line.ends_with('\n') {
        line.pop();
        if line.ends_with('\r') {
            line.pop();
        }
    }
    Ok(line)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_line_loses_only_its_line_ending() {
        let line = |s: &str| first_line(std::io::Cursor::new(s.as_bytes().to_vec()));
        assert_eq!(line("secret pass \nsecond\n").unwrap(), "secret pass ");
        assert_eq!(line("crlf password\r\n").unwrap(), "crlf password");
        assert_eq!(line("no newline").unwrap(), "no newline");
        assert_eq!(line("\n").unwrap(), "");
        assert!(matches!(line(""), Err(UsersError::NoPassword)));
    }

    #[test]
    fn actions_refuse_before_asking_for_a_password() {
        let dir =
            std::env::temp_dir().join(format!("haloscope-users-command-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let mut never = |_: &str| -> Result<String, UsersError> { panic!("asked for a password") };
        let passwd = UserAction::Passwd {
            name: "nobody".into(),
        };
        assert!(matches!(
            execute(&dir, &passwd, &mut never),
            Err(UsersError::Unknown(_))
        ));
        let bad = UserAction::Add {
            name: "no spaces".into(),
        };
        assert!(matches!(
            execute(&dir, &bad, &mut never),
            Err(UsersError::BadName(_))
        ));
        assert!(!dir.exists(), "nothing written");
    }
}
