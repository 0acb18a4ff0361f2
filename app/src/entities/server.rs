//! The server side of a descriptor: which `halo` resource holds the entity's records, and the few write
//! steps where entities differ (resolving a picker, what a delete would take with it, pre-filling a new
//! record's form). Everything else of the write path is generic (`functions::records`).

use crate::entities::Entity;
use crate::forms::{FieldErrors, Valid};
use crate::functions::form_ssr::Loaded;
use crate::functions::forms::FormData;
use halo::client::{HaloClient, Resource};
use halo::entity::{Detailed, Writable};
use std::future::Future;

/// How one entity's records are read and written.
pub trait Store {
    /// The `halo` record type.
    type Halo: Detailed + Writable;

    /// The descriptor.
    fn entity() -> &'static Entity;

    /// Where the records live.
    fn resource(halo: &HaloClient) -> Resource<Self::Halo>;

    /// Turns cleaned form values into what is sent (e.g. a client picker's `Name (#id)` into the id);
    /// a value that names nothing becomes a field error.
    fn resolve(
        halo: &HaloClient,
        valid: Valid,
    ) -> impl Future<Output = Result<Valid, FieldErrors>> + Send {
        let _ = halo;
        async move { Ok(valid) }
    }

    /// What deleting record `id` would take with it, in words ("3 sites"), when it needs its own upstream
    /// call (run beside the record's own read).
    fn dependents(halo: &HaloClient, id: i32) -> impl Future<Output = Option<String>> + Send {
        let _ = (halo, id);
        async { None }
    }

    /// The same, when the record itself says it ("12 subscribers").
    fn dependents_in(loaded: &Loaded) -> Option<String> {
        let _ = loaded;
        None
    }

    /// Adjusts a form's data before it is shown; `hint` is the form URL's `client` parameter.
    fn prepare_form(
        halo: &HaloClient,
        data: &mut FormData,
        hint: &str,
    ) -> impl Future<Output = ()> + Send {
        let _ = (halo, data, hint);
        async {}
    }
}

/// "1 site" / "3 sites".
pub fn counted(n: i64, one: &str, many: &str) -> String {
    match n {
        1 => format!("1 {one}"),
        n => format!("{n} {many}"),
    }
}
