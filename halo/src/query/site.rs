//! Site list and detail queries.

query! {
    /// Query parameters of `GET /Site` (every documented one, under Halo's exact names).
    pub list struct SiteQuery {
        /// Shorthand `"<includeactive>,<includeinactive>"`, e.g. `true,false`.
        activeinactive: String,
        advanced_search: String,
        azuresites: bool,
        /// Only rows of this client.
        client_id: i32,
        contract_id: i32,
        exclude_internal: bool,
        gfisites: bool,
        /// Return ids only (not compatible with paging).
        idonly: bool,
        /// Include active rows.
        includeactive: bool,
        includeaddress: bool,
        /// Include inactive rows.
        includeinactive: bool,
        includenonstocklocations: bool,
        includenoorderstockbin: bool,
        includenotes: bool,
        includestocklocations: bool,
        iscalendarfilter: bool,
        item_id_qty: i32,
        item_salesorder_id: i32,
        item_salesorder_line: i32,
        lastupdatefromdate: bool,
        lastupdatetodate: bool,
        override_enablestockbins: bool,
        /// "Like" filter on the record (name).
        search: String,
        /// Only rows of this site.
        site_id: i32,
        sitefields: String,
        stocklocation: String,
        /// Only rows under this top level.
        toplevel_id: i32,
        user_override: i32,
        /// Comma-separated custom field ids to include.
        include_custom_fields: String,
    }
}

query! {
    /// Query parameters of `GET /Site/{id}`.
    pub struct SiteDetailQuery {
        client_override: i32,
        domain: String,
        includeactivity: bool,
        /// Include extra nested objects.
        includedetails: bool,
        issetup: bool,
        tickettype_id: i32,
    }
}
