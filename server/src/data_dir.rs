//! The data directory (`HALOSCOPE_DATA_DIR`): created private (0700); files in it are written private (0600).

use std::io::Write;
use std::path::Path;

/// Creates `dir` (and parents) with mode 0700 when missing.
pub fn ensure(dir: &Path) -> std::io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// Writes `bytes` to a new file `path` with mode 0600 (refusing to overwrite an existing file).
pub fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Some(parent) = path.parent() {
        ensure(parent)?;
    }
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
    let mut file = opts.open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// Makes sure `path` exists and only its owner can read or write it (0600).
pub fn touch_private(path: &Path) -> std::io::Result<()> {
    if let Some(parent) = path.parent() {
        ensure(parent)?;
    }
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create(true).truncate(false);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
    opts.open(path)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
    }
    Ok(())
}

/// Opens (creating, private) the SQLite file `name` in `data_dir` and runs `schema` on it; a failure is a
/// start-up error naming the setting and `what` the file holds ("saved views").
pub async fn open_sqlite(
    data_dir: &Path,
    name: &str,
    what: &str,
    schema: &'static str,
) -> Result<
    tower_sessions_rusqlite_store::tokio_rusqlite::Connection,
    crate::startup_error::StartupError,
> {
    use tower_sessions_rusqlite_store::tokio_rusqlite::Connection;
    let path = data_dir.join(name);
    let bad = |e: String| {
        crate::startup_error::StartupError::bad(
            "HALOSCOPE_DATA_DIR",
            format!("{what} {}: {e}", path.display()),
        )
    };
    touch_private(&path).map_err(|e| bad(e.to_string()))?;
    let conn = Connection::open(&path)
        .await
        .map_err(|e| bad(e.to_string()))?;
    conn.call_raw(move |c| c.execute_batch(schema))
        .await
        .map_err(|e| bad(e.to_string()))?
        .map_err(|e| bad(e.to_string()))?;
    Ok(conn)
}
