//! Supplier list query.

query! {
    /// Query parameters of `GET /Supplier` (every documented one, under Halo's exact names).
    pub list struct SupplierQuery {
        /// Shorthand `"<includeactive>,<includeinactive>"`, e.g. `true,false`.
        activeinactive: String,
        /// Return ids only (not compatible with paging).
        idonly: bool,
        /// Include active rows.
        includeactive: bool,
        /// Include inactive rows.
        includeinactive: bool,
        kashflowtenantid: i32,
        /// "Like" filter on the record (name).
        search: String,
        /// Only rows under this top level.
        toplevel_id: i32,
        xerotenantid: String,
    }
}
