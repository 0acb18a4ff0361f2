//! CRM note and popup note queries.

query! {
    /// Query parameters of `GET /CRMNote` (SPEC: `client_id`, `supplier_id`, `toplevel_id`, `count`;
    /// HaloAPI adds `includehtmlnote`, `includeattachments`).
    pub struct CrmNoteQuery {
        /// Only rows of this client.
        client_id: i32,
        /// Maximum rows when not paging.
        count: i32,
        supplier_id: i32,
        /// Only rows under this top level.
        toplevel_id: i32,
        includehtmlnote: bool,
        includeattachments: bool,
    }
}

query! {
    /// Query parameters of `GET /PopupNote`.
    pub struct PopupNoteQuery {
        /// Only rows of this client.
        client_id: i32,
        showall: bool,
        /// Only rows of this site.
        site_id: i32,
        /// Only rows of / in the context of this user.
        user_id: i32,
    }
}
