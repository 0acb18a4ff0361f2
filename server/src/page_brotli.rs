//! Brotli for pages, compressed once per distinct page.
//!
//! A warm page is drawn from cached data, so asking for it again draws the same bytes: nothing in a page
//! changes per response (the CSP nonce travels in the header only; the shell's inline script is allowed by
//! its hash). Compressing the 23 KB list page at brotli q5 costs more CPU than drawing it
//! (docs/PERFORMANCE.md), so the compressed form of recently sent pages is kept and reused when a page
//! comes out byte for byte the same.
//!
//! The hash only finds a candidate: a hit needs every byte equal, so no response can carry another page's
//! bytes. Every page names the signed-in user, so users never share an entry, and how fast an answer comes
//! says nothing about what anyone else was shown.

use axum::body::Bytes;
use brotlic::{CompressionMode, Quality, WindowSize};
use http::{header, HeaderMap};
use moka::sync::Cache;
use std::sync::Arc;

/// Brotli quality for pages of [`SMALL_PAGE`] bytes or more. Measured on the 50-row list page
/// (`examples/compression_levels.rs`, docs/PERFORMANCE.md): q5 is the knee — 8 % fewer bytes than q4 for
/// 80 µs more, while q6 and q7 save next to nothing more for up to 2.7× the CPU and q9 costs 36×. The memo
/// makes this a once-per-page cost.
pub const PAGE_QUALITY: u32 = 5;

/// Pages smaller than this many bytes (a record, a form, the overview, a short list) are compressed at
/// [`SMALL_PAGE_QUALITY`]: about the ten segments a server may send before its first acknowledgement, so
/// such a page goes out in one flight compressed either way.
pub const SMALL_PAGE: usize = 14 * 1024;

/// Brotli quality for pages under [`SMALL_PAGE`]. A record page is a different page for every record, so
/// the memo rarely helps it and its compression is on the path of every first view. Measured in the
/// running server, where the encoder's tables are cold between requests (docs/PERFORMANCE.md, "A cold
/// record page timed inside the server"), on 20 cold client pages of about 8 KB (medians): q2 took 170 µs
/// for 2,795 bytes, q1 76 µs for 2,957, q0 61 µs for 3,036. q2's hash table is 256 KB to clear whatever
/// the page's size; q1's is sized to the page. q2's last 162 bytes cost about 0.6 ms of CPU per KB saved;
/// q1's first 5 KB 0.016.
pub const SMALL_PAGE_QUALITY: u32 = 1;

/// The window (log2 bytes): the encoder's default, which measured faster than small windows at q5.
const WINDOW: u32 = 22;

/// [`PAGE_QUALITY`], [`SMALL_PAGE_QUALITY`] and [`WINDOW`] as Google's encoder takes them (checked when
/// compiling).
const QUALITY: Quality = quality(PAGE_QUALITY);
const SMALL_QUALITY: Quality = quality(SMALL_PAGE_QUALITY);
const WINDOW_BITS: WindowSize = match WindowSize::new(WINDOW as u8) {
    Ok(w) => w,
    Err(_) => panic!("WINDOW is a brotli window"),
};

const fn quality(q: u32) -> Quality {
    match Quality::new(q as u8) {
        Ok(q) => q,
        Err(_) => panic!("not a brotli quality"),
    }
}

/// How much the kept pages may weigh, page and compressed form together: about 150 list pages.
const MEMO_BYTES: u64 = 4 * 1024 * 1024;

/// Recently compressed pages, keyed by a hash of their bytes. Cheap to clone (shared).
#[derive(Clone)]
pub struct PageMemo(Cache<u64, Arc<Kept>>);

/// A page as sent and its brotli form.
struct Kept {
    page: Bytes,
    brotli: Bytes,
}

impl PageMemo {
    /// An empty memo bounded to [`MEMO_BYTES`].
    pub fn new() -> Self {
        Self(
            Cache::builder()
                .max_capacity(MEMO_BYTES)
                .weigher(|_, kept: &Arc<Kept>| {
                    u32::try_from(kept.page.len() + kept.brotli.len()).unwrap_or(u32::MAX)
                })
                .build(),
        )
    }

    /// `page` as brotli: the kept form when this exact page was compressed before, else compressed now and
    /// kept; `None` only if the encoder failed (the page then goes out as it is). Counted in
    /// `haloscope_page_brotli_total{memo="hit"|"miss"}`.
    pub fn brotli(&self, page: &Bytes) -> Option<Bytes> {
        let key = xxhash_rust::xxh3::xxh3_64(page);
        if let Some(kept) = self.0.get(&key) {
            if kept.page == *page {
                metrics::counter!("haloscope_page_brotli_total", "memo" => "hit").increment(1);
                return Some(kept.brotli.clone());
            }
        }
        metrics::counter!("haloscope_page_brotli_total", "memo" => "miss").increment(1);
        let brotli = compress(page)?;
        let kept = Kept {
            page: page.clone(),
            brotli: brotli.clone(),
        };
        self.0.insert(key, Arc::new(kept));
        Some(brotli)
    }
}

impl Default for PageMemo {
    fn default() -> Self {
        Self::new()
    }
}

/// One page through Google's brotli encoder (C, through `brotlic`) at its size's quality ([`PAGE_QUALITY`],
/// or [`SMALL_PAGE_QUALITY`] under [`SMALL_PAGE`] bytes), in one call. It makes
/// the same bytes as the Rust port tower-http uses for everything else, for about 70 % of the CPU on these
/// pages, and its tables come from the C allocator, which reuses them: the Rust port's came fresh from
/// the OS on every page, and the kernel zeroing them was half its cost (docs/PERFORMANCE.md).
fn compress(page: &[u8]) -> Option<Bytes> {
    let quality = match page.len() < SMALL_PAGE {
        true => SMALL_QUALITY,
        false => QUALITY,
    };
    let mut out = vec![0; bound(page.len())?];
    let written =
        brotlic::compress(page, &mut out, quality, WINDOW_BITS, CompressionMode::Text).ok()?;
    out.truncate(written);
    Some(Bytes::from(out))
}

/// Room for the encoder's output on a page of `len` bytes: `BrotliEncoderMaxCompressedSize`, which holds
/// for every quality (an input that would grow is stored as it is) although `brotlic` answers it only for
/// qualities of 2 and up. With less room the one-call encoder fails below quality 2, and the page went out
/// through tower-http's encoder at its quality instead.
fn bound(len: usize) -> Option<usize> {
    brotlic::compress_bound(len, QUALITY)
}

/// Whether a request's `Accept-Encoding` makes brotli the answer's encoding, chosen the way tower-http's
/// compression chooses among what this server offers (brotli, gzip, identity), so that a page and any other
/// response to the same request agree: the highest q-value wins and a tie goes to brotli; `q=0` refuses; an
/// entry with a q-value that cannot be read, an unknown coding and `*` are ignored.
pub fn prefers_brotli(headers: &HeaderMap) -> bool {
    let mut brotli = None::<u16>;
    let mut others = 0u16;
    let entries = headers
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','));
    for entry in entries {
        let mut parts = entry.splitn(2, ';');
        let coding = parts.next().unwrap_or_default().trim();
        let Some(q) = parts.next().map_or(Some(1000), |q| q_value(q.trim())) else {
            continue;
        };
        if coding.eq_ignore_ascii_case("br") {
            brotli = brotli.max(Some(q));
        } else if ["gzip", "x-gzip", "identity"]
            .iter()
            .any(|c| coding.eq_ignore_ascii_case(c))
        {
            others = others.max(q);
        }
    }
    brotli.is_some_and(|b| b > 0 && b >= others)
}

/// An RFC 9110 q-value (`q=0.5`, `Q=1`, at most three decimals) in thousandths; `None` when malformed.
fn q_value(s: &str) -> Option<u16> {
    let rest = s.strip_prefix(['q', 'Q'])?.strip_prefix('=')?;
    let (whole, fraction) = rest.split_once('.').unwrap_or((rest, ""));
    let whole = match whole {
        "0" => 0,
        "1" => 1000,
        _ => return None,
    };
    if fraction.len() > 3 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let thousandths = fraction
        .bytes()
        .zip([100u16, 10, 1])
        .map(|(b, f)| u16::from(b - b'0') * f)
        .sum::<u16>();
    let q = whole + thousandths;
    (q <= 1000).then_some(q)
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;

    fn accepts(values: &[&'static str]) -> bool {
        let mut h = HeaderMap::new();
        for v in values {
            h.append(header::ACCEPT_ENCODING, HeaderValue::from_static(v));
        }
        prefers_brotli(&h)
    }

    #[test]
    fn brotli_is_chosen_as_tower_http_would() {
        assert!(accepts(&["gzip, deflate, br, zstd"]), "Chromium's header");
        assert!(accepts(&["br"]));
        assert!(accepts(&["gzip;q=0.5,br"]));
        assert!(accepts(&[" gzip\t; q=0.5 ,\tbr ;\tq=0.8\t"]));
        assert!(accepts(&["gzip;q=0.5,br;Q=0.8"]));
        assert!(accepts(&["gzip", "br"]), "two header lines");
        assert!(accepts(&["gzip;q=0.995,br;q=0.999"]));
        assert!(accepts(&["br;q=1.000, gzip"]), "a tie goes to brotli");
        assert!(!accepts(&[]));
        assert!(!accepts(&["gzip, deflate"]));
        assert!(!accepts(&["gzip;q=0.8,br;q=0.5"]));
        assert!(!accepts(&["br;q=0"]));
        assert!(!accepts(&["br;q=0.000"]));
        assert!(!accepts(&["identity, br;q=0.5"]), "identity preferred");
        assert!(!accepts(&["*"]), "tower-http ignores *");
        assert!(!accepts(&["zstd"]), "not offered");
    }

    #[test]
    fn unreadable_q_values_drop_their_entry() {
        for q in [
            "q= 0.5", "q=-0.1", "q=00.5", "q=0.5000", "q=.5", "q=1.01", "q=1.001", "x=1",
        ] {
            assert_eq!(q_value(q), None, "{q}");
            let header: &'static str = Box::leak(format!("br;{q}").into_boxed_str());
            assert!(!accepts(&[header]), "{header}");
        }
        assert_eq!(q_value("q=0."), Some(0));
        assert_eq!(q_value("q=1"), Some(1000));
        assert_eq!(q_value("q=0.25"), Some(250));
        assert_eq!(q_value("Q=0.999"), Some(999));
    }

    fn decoded(brotli: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        brotli::BrotliDecompress(&mut &brotli[..], &mut out).expect("valid brotli");
        out
    }

    #[test]
    fn the_same_page_is_compressed_once_and_a_different_one_anew() {
        let memo = PageMemo::new();
        let page = Bytes::from("<html>".to_owned() + &"<tr><td>row</td></tr>".repeat(200));
        let first = memo.brotli(&page).unwrap();
        assert_eq!(decoded(&first), page);
        let again = memo.brotli(&page.clone()).unwrap();
        assert_eq!(
            again.as_ptr(),
            first.as_ptr(),
            "the kept bytes, not a new compression"
        );
        let other = Bytes::from(page.iter().rev().copied().collect::<Vec<u8>>());
        let second = memo.brotli(&other).unwrap();
        assert_ne!(second.as_ptr(), first.as_ptr());
        assert_eq!(decoded(&second), other);
    }

    /// `page` at brotli quality `q`, as the encoder makes it.
    fn at_quality(page: &[u8], q: u8) -> Vec<u8> {
        let q = Quality::new(q).unwrap();
        let mut out = vec![0; bound(page.len()).unwrap()];
        let n = brotlic::compress(page, &mut out, q, WINDOW_BITS, CompressionMode::Text).unwrap();
        out.truncate(n);
        out
    }

    #[test]
    fn a_small_page_is_compressed_at_the_cheaper_quality_and_a_large_one_at_the_page_quality() {
        // rows that differ, so that the qualities give different bytes
        let rows = |n: usize| -> Vec<u8> {
            let body: String = (0..n)
                .map(|i| format!("<tr><td>row {i}</td><td>{}</td></tr>", i * 7919 % 1000))
                .collect();
            format!("<html><table>{body}</table></html>").into_bytes()
        };
        let (small, large) = (rows(150), rows(600));
        assert!(small.len() < SMALL_PAGE && large.len() >= SMALL_PAGE);
        for (page, q) in [(&small, SMALL_PAGE_QUALITY), (&large, PAGE_QUALITY)] {
            let other = if q == PAGE_QUALITY {
                SMALL_PAGE_QUALITY
            } else {
                PAGE_QUALITY
            };
            assert_ne!(at_quality(page, q as u8), at_quality(page, other as u8));
            assert_eq!(
                compress(page).unwrap(),
                at_quality(page, q as u8),
                "{} bytes",
                page.len()
            );
            assert_eq!(decoded(&compress(page).unwrap()), *page);
        }
    }

    #[test]
    fn a_hash_match_with_other_bytes_is_not_a_hit() {
        let memo = PageMemo::new();
        let page = Bytes::from_static(b"<p>the page the key was made from</p>");
        let key = xxhash_rust::xxh3::xxh3_64(&page);
        // another page planted under this page's key, as a hash collision would
        let planted = Kept {
            page: Bytes::from_static(b"<p>someone else's page</p>"),
            brotli: compress(b"<p>someone else's page</p>").unwrap(),
        };
        memo.0.insert(key, Arc::new(planted));
        assert_eq!(decoded(&memo.brotli(&page).unwrap()), page);
    }
}
