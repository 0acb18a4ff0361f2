//! Several replicas on one Redis, for real: `redis-server`, the simulator, two `haloscope` processes and
//! haproxy round-robin without stickiness (see `replicas/cluster.rs`). They need Debian's `redis-server`
//! and `haproxy`, which `scripts/setup.sh test` installs, so `cargo test` skips them and
//! `scripts/test.sh` runs them (`cargo test --workspace --exclude frontend --test replicas --
//! --ignored`). One test binary: `sessions` (who is signed in, tokens, Redis going away), `stores`
//! (the budget, cache, views, jobs and assets the replicas share) and `redis_calls` (what a page
//! costs in Redis round trips).

mod common;

mod replicas {
    pub mod cluster;
    mod redis_calls;
    mod sessions;
    mod stores;
}
