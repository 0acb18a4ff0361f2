//! The built site (wasm, JS, CSS and `public/`): embedded in the release binary (feature `embed`) or read
//! from `target/site` during development. Serves the precompressed brotli/gzip variants cargo-leptos made,
//! with immutable caching for hashed names.

use axum::body::Body;
use axum::http::{header, HeaderMap, HeaderValue, Response, StatusCode};
use std::borrow::Cow;

#[cfg(feature = "embed")]
#[derive(rust_embed::RustEmbed)]
#[folder = "$CARGO_MANIFEST_DIR/../target/site"]
struct Embedded;

/// Where the site's files come from.
#[derive(Clone, Debug)]
pub enum SiteAssets {
    /// Compiled into this binary.
    #[cfg(feature = "embed")]
    Embedded,
    /// Read from a folder (development builds).
    Disk(std::path::PathBuf),
}

impl SiteAssets {
    /// The embedded site when built with it, else the folder named by `LEPTOS_SITE_ROOT` (default `target/site`).
    pub fn discover() -> Self {
        #[cfg(feature = "embed")]
        {
            SiteAssets::Embedded
        }
        #[cfg(not(feature = "embed"))]
        {
            let root = std::env::var("LEPTOS_SITE_ROOT").unwrap_or_else(|_| "target/site".into());
            SiteAssets::Disk(root.into())
        }
    }

    fn read(&self, path: &str) -> Option<Cow<'static, [u8]>> {
        match self {
            #[cfg(feature = "embed")]
            SiteAssets::Embedded => Embedded::get(path).map(|f| f.data),
            SiteAssets::Disk(root) => {
                if path.split('/').any(|seg| seg == ".." || seg.is_empty()) {
                    return None;
                }
                std::fs::read(root.join(path)).ok().map(Cow::Owned)
            }
        }
    }

    fn names(&self) -> Vec<String> {
        match self {
            #[cfg(feature = "embed")]
            SiteAssets::Embedded => Embedded::iter().map(|n| n.into_owned()).collect(),
            SiteAssets::Disk(root) => std::fs::read_dir(root.join("pkg"))
                .map(|dir| {
                    dir.filter_map(|e| e.ok())
                        .map(|e| format!("pkg/{}", e.file_name().to_string_lossy()))
                        .collect()
                })
                .unwrap_or_default(),
        }
    }

    /// The JS glue, wasm and stylesheet under `/pkg`, or `None` when the site has not been built.
    pub fn manifest(&self) -> Option<app::shell::AssetManifest> {
        let names = self.names();
        let find = |ext: &str| {
            names
                .iter()
                .filter(|n| n.starts_with("pkg/") && n.ends_with(ext))
                .min()
                .map(|n| format!("/{n}"))
        };
        Some(app::shell::AssetManifest {
            js: find(".js")?,
            wasm: find(".wasm")?,
            css: find(".css")?,
        })
    }

    /// The response for `path` (without its leading `/`), or `None` when there is no such file.
    pub fn respond(&self, path: &str, request_headers: &HeaderMap) -> Option<Response<Body>> {
        let path = path.trim_start_matches('/');
        if path.is_empty() || path.ends_with(".br") || path.ends_with(".gz") {
            return None;
        }
        let accepts = request_headers
            .get(header::ACCEPT_ENCODING)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        let (body, encoding) = [("br", ".br"), ("gzip", ".gz")]
            .iter()
            .filter(|(coding, _)| accepts_coding(accepts, coding))
            .find_map(|(coding, ext)| {
                self.read(&format!("{path}{ext}"))
                    .map(|b| (b, Some(*coding)))
            })
            .or_else(|| self.read(path).map(|b| (b, None)))?;

        let mime = mime_guess::from_path(path).first_or_octet_stream();
        let mut res = Response::builder()
            .status(StatusCode::OK)
            .header(header::CONTENT_TYPE, mime.as_ref())
            .header(header::VARY, "accept-encoding")
            .header(header::CACHE_CONTROL, cache_control(path))
            .header(header::X_CONTENT_TYPE_OPTIONS, "nosniff");
        if let Some(coding) = encoding {
            res = res.header(header::CONTENT_ENCODING, HeaderValue::from_static(coding));
        }
        let body = match body {
            Cow::Borrowed(b) => Body::from(b),
            Cow::Owned(v) => Body::from(v),
        };
        res.body(body).ok()
    }
}

/// Whether an `Accept-Encoding` value allows `coding` (with a non-zero q).
fn accepts_coding(accept: &str, coding: &str) -> bool {
    accept.split(',').any(|part| {
        let mut bits = part.trim().split(';');
        let name = bits.next().unwrap_or("").trim();
        let q_zero = bits.any(|p| {
            let p = p.trim();
            p.strip_prefix("q=")
                .is_some_and(|q| q.trim().parse::<f32>().map(|q| q <= 0.0).unwrap_or(false))
        });
        (name.eq_ignore_ascii_case(coding) || name == "*") && !q_zero
    })
}

/// Hashed build outputs (`pkg/name.<hash>.ext`) never change: cache them for a year.
fn cache_control(path: &str) -> &'static str {
    if is_hashed(path) {
        "public, max-age=31536000, immutable"
    } else {
        "public, max-age=3600"
    }
}

fn is_hashed(path: &str) -> bool {
    let Some(file) = path.strip_prefix("pkg/") else {
        return false;
    };
    let parts: Vec<&str> = file.split('.').collect();
    parts.len() >= 3
        && parts[parts.len() - 2].len() >= 8
        && parts[parts.len() - 2]
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_encoding_is_parsed_with_q_values() {
        assert!(accepts_coding("gzip, deflate, br, zstd", "br"));
        assert!(accepts_coding("br;q=1.0, gzip;q=0.8", "gzip"));
        assert!(!accepts_coding("gzip, br;q=0", "br"));
        assert!(!accepts_coding("", "br"));
        assert!(accepts_coding("*", "gzip"));
    }

    #[test]
    fn only_hashed_package_files_are_immutable() {
        assert_eq!(
            cache_control("pkg/haloscope.Ab3dEf9_xYz.wasm"),
            "public, max-age=31536000, immutable"
        );
        assert_eq!(cache_control("pkg/haloscope.wasm"), "public, max-age=3600");
        assert_eq!(cache_control("favicon.svg"), "public, max-age=3600");
    }

    #[test]
    fn disk_assets_prefer_brotli_and_refuse_traversal() {
        let dir = std::env::temp_dir().join(format!("haloscope-assets-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("pkg")).unwrap();
        std::fs::write(dir.join("pkg/app.0123456789ab.js"), "plain").unwrap();
        std::fs::write(dir.join("pkg/app.0123456789ab.js.br"), "brotli").unwrap();
        let site = SiteAssets::Disk(dir.clone());
        let mut headers = HeaderMap::new();
        headers.insert(
            header::ACCEPT_ENCODING,
            HeaderValue::from_static("gzip, br"),
        );
        let res = site.respond("/pkg/app.0123456789ab.js", &headers).unwrap();
        assert_eq!(res.headers()[header::CONTENT_ENCODING], "br");
        assert_eq!(
            res.headers()[header::CACHE_CONTROL],
            "public, max-age=31536000, immutable"
        );
        assert_eq!(res.headers()[header::CONTENT_TYPE], "text/javascript");
        let plain = site
            .respond("pkg/app.0123456789ab.js", &HeaderMap::new())
            .unwrap();
        assert!(plain.headers().get(header::CONTENT_ENCODING).is_none());
        assert!(site.respond("pkg/../../etc/passwd", &headers).is_none());
        assert!(site
            .respond("pkg/app.0123456789ab.js.br", &headers)
            .is_none());
        std::fs::remove_dir_all(&dir).ok();
    }
}
