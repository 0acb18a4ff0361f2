//! Encryption of the HaloPSA tokens kept in the session store (ChaCha20-Poly1305). The key is configured
//! (`HALOSCOPE_SESSION_KEY`, base64 of 32 bytes) or kept in `DATA_DIR/session.key` (mode 0600), so a copy
//! of the session database alone gives nobody a HaloPSA token.

use crate::startup_error::StartupError;
use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use chacha20poly1305::aead::{Aead, AeadCore, KeyInit, OsRng};
use chacha20poly1305::{ChaCha20Poly1305, Key, Nonce};
use secrecy::{ExposeSecret, SecretString};
use std::path::Path;

/// Seals and opens small secrets with one key.
#[derive(Clone)]
pub struct Sealer {
    cipher: ChaCha20Poly1305,
}

const NONCE_LEN: usize = 12;

impl Sealer {
    /// The configured key, else the key file in `data_dir` (created with a random key when missing).
    pub fn load(
        data_dir: &Path,
        configured: Option<&SecretString>,
    ) -> Result<Sealer, StartupError> {
        let bytes = match configured {
            Some(k) => decode_key(k.expose_secret()).ok_or_else(|| {
                StartupError::bad(
                    "HALOSCOPE_SESSION_KEY",
                    "must be 32 bytes in base64 (e.g. the output of `openssl rand -base64 32`)",
                )
            })?,
            None => key_file(&data_dir.join("session.key"))?,
        };
        Ok(Sealer {
            cipher: ChaCha20Poly1305::new(Key::from_slice(&bytes)),
        })
    }

    /// A sealer with a fresh random key (tests).
    pub fn random() -> Sealer {
        Sealer {
            cipher: ChaCha20Poly1305::new(&ChaCha20Poly1305::generate_key(&mut OsRng)),
        }
    }

    /// `base64(nonce ‖ ciphertext)`.
    pub fn seal(&self, plain: &[u8]) -> String {
        let nonce = ChaCha20Poly1305::generate_nonce(&mut OsRng);
        let sealed = self
            .cipher
            .encrypt(&nonce, plain)
            .expect("ChaCha20-Poly1305 encrypts any input that fits in memory");
        let mut out = nonce.to_vec();
        out.extend_from_slice(&sealed);
        STANDARD.encode(out)
    }

    /// The plain bytes, or `None` when `sealed` was not sealed with this key or was altered.
    pub fn open(&self, sealed: &str) -> Option<Vec<u8>> {
        let raw = STANDARD.decode(sealed).ok()?;
        if raw.len() < NONCE_LEN {
            return None;
        }
        let (nonce, body) = raw.split_at(NONCE_LEN);
        self.cipher.decrypt(Nonce::from_slice(nonce), body).ok()
    }
}

fn decode_key(text: &str) -> Option<Vec<u8>> {
    STANDARD.decode(text.trim()).ok().filter(|b| b.len() == 32)
}

fn key_file(path: &Path) -> Result<Vec<u8>, StartupError> {
    let bad = |reason: String| StartupError::bad("HALOSCOPE_DATA_DIR", reason);
    match std::fs::read_to_string(path) {
        Ok(text) => decode_key(&text).ok_or_else(|| {
            bad(format!(
                "{} is not a session key (32 bytes in base64); remove it to make a new one (everyone signs in again)",
                path.display()
            ))
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let key = ChaCha20Poly1305::generate_key(&mut OsRng);
            crate::data_dir::write_private(path, STANDARD.encode(key).as_bytes())
                .map_err(|e| bad(format!("cannot write {}: {e}", path.display())))?;
            Ok(key.to_vec())
        }
        Err(e) => Err(bad(format!("cannot read {}: {e}", path.display()))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealed_text_opens_only_with_its_key_and_unaltered() {
        let a = Sealer::random();
        let sealed = a.seal(b"refresh-token-123");
        assert!(!sealed.contains("refresh-token-123"));
        assert_eq!(a.open(&sealed).unwrap(), b"refresh-token-123");
        assert_ne!(a.seal(b"x"), a.seal(b"x"), "a fresh nonce every time");
        assert!(Sealer::random().open(&sealed).is_none());
        let mut raw = STANDARD.decode(&sealed).unwrap();
        *raw.last_mut().unwrap() ^= 1;
        assert!(a.open(&STANDARD.encode(raw)).is_none());
        assert!(a.open("not base64 !").is_none());
        assert!(a.open("AAAA").is_none());
    }

    #[test]
    fn the_key_file_is_made_once_and_reused() {
        let dir = std::env::temp_dir().join(format!("haloscope-seal-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let first = Sealer::load(&dir, None).unwrap();
        let sealed = first.seal(b"t");
        let again = Sealer::load(&dir, None).unwrap();
        assert_eq!(again.open(&sealed).unwrap(), b"t");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.join("session.key"))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let configured = SecretString::from(STANDARD.encode([7u8; 32]));
        assert!(Sealer::load(&dir, Some(&configured))
            .unwrap()
            .open(&sealed)
            .is_none());
        let short = SecretString::from(STANDARD.encode([7u8; 16]));
        assert!(Sealer::load(&dir, Some(&short)).is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
