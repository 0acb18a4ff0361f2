//! What each brotli and gzip level costs and saves on one page (bench/run.sh feeds it the warm 50-row
//! list page): per level, the bytes on the wire, the CPU time of one compression, and the CPU spent per
//! KB saved against sending the page as it is: the Rust brotli and gzip encoders tower-http uses for
//! responses other than pages, and Google's C encoder that compresses a page not sent before (the page
//! memo keeps the result; static assets are precompressed at the highest level at build time).
//!
//! usage: cargo run --release -p server --example compression_levels -- page.html

use std::io::Write;
use std::time::{Duration, Instant};

/// Compresses `page` with `f` until about half a second has passed; the mean time and the size.
fn measure(page: &[u8], f: impl Fn(&[u8]) -> Vec<u8>) -> (Duration, usize) {
    let size = f(page).len();
    let start = Instant::now();
    let mut runs = 0u32;
    while start.elapsed() < Duration::from_millis(500) {
        std::hint::black_box(f(page));
        runs += 1;
    }
    (start.elapsed() / runs, size)
}

fn brotli(page: &[u8], quality: u32, window: u32) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut w = brotli::CompressorWriter::new(&mut out, 4096, quality, window);
        w.write_all(page).expect("in memory");
    }
    out
}

/// Google's C encoder in one call, as the server's page memo compresses a page not sent before.
fn brotli_c(page: &[u8], quality: u8) -> Vec<u8> {
    let quality = brotlic::Quality::new(quality).expect("a brotli quality");
    let window = brotlic::WindowSize::new(22).expect("a brotli window");
    // the bound holds for every quality; brotlic answers it only from quality 2
    let bound = brotlic::Quality::new(2).expect("a brotli quality");
    let mut out = vec![0; brotlic::compress_bound(page.len(), bound).expect("q >= 2")];
    let n = brotlic::compress(
        page,
        &mut out,
        quality,
        window,
        brotlic::CompressionMode::Text,
    )
    .expect("in memory");
    out.truncate(n);
    out
}

fn gzip(page: &[u8], level: u32) -> Vec<u8> {
    let mut w = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(level));
    w.write_all(page).expect("in memory");
    w.finish().expect("in memory")
}

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: compression_levels page.html");
    let page = std::fs::read(&path).expect("the page to compress");
    println!("page: {path}, {} bytes", page.len());
    println!("| encoding | bytes | µs per response | µs per KB saved |");
    println!("|---|---|---|---|");
    let row = |name: String, (t, size): (Duration, usize)| {
        let saved_kb = (page.len() - size.min(page.len())) as f64 / 1024.0;
        let us = t.as_secs_f64() * 1e6;
        println!("| {name} | {size} | {us:.0} | {:.1} |", us / saved_kb);
    };
    for q in [1, 2, 3, 4, 5, 6, 7, 9, 11] {
        // 22: the window tower-http's async-compression uses by default
        row(format!("brotli q{q}"), measure(&page, |p| brotli(p, q, 22)));
    }
    // a page is far smaller than the 4 MB window: is a smaller one cheaper? (measured: no, the encoder
    // sizes its tables to the input; docs/PERFORMANCE.md)
    for (q, window) in [(4, 18), (5, 18)] {
        row(
            format!("brotli q{q}, window 2^{window}"),
            measure(&page, |p| brotli(p, q, window)),
        );
    }
    // the encoder pages go through (server/src/page_brotli.rs)
    for q in [0, 1, 2, 3, 4, 5, 6] {
        row(
            format!("pages' brotli (C) q{q}"),
            measure(&page, |p| brotli_c(p, q)),
        );
    }
    for l in [1, 4, 6, 9] {
        row(format!("gzip {l}"), measure(&page, |p| gzip(p, l)));
    }
}
