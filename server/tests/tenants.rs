//! What real HaloPSA tenants send and do, through the real binary against a simulator behaving like them:
//! odd values in records, lookups the agent may not read, writes answered with an empty body, a sign-in
//! that names no agent, discovery and on-premise installs. One test binary for the five (each links the whole server).

mod common;

mod tenants {
    mod agent_identity;
    mod degraded_parts;
    mod discovery;
    mod empty_write_replies;
    mod unreadable_values;
}
