//! Data health (issue #20) through the real binary against the simulator: the report (one paced walk,
//! exactly the 100-row page floor of each list; its links, counts and CSV) and the recent-changes page read
//! from the audit log. One test binary for both (each links the whole server).

mod common;

mod data_health {
    mod activity;
    mod report;
}
