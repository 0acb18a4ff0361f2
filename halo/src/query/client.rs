//! Client list and detail queries.

query! {
    /// Query parameters of `GET /Client` (every documented one, under Halo's exact names).
    pub list struct ClientQuery {
        accountmanageronly: bool,
        /// Shorthand `"<includeactive>,<includeinactive>"`, e.g. `true,false`.
        activeinactive: String,
        advanced_search: String,
        azureclients: bool,
        callplan: bool,
        columns_id: i32,
        domain: String,
        exclude_internal: bool,
        gficlients: bool,
        /// Return ids only (not compatible with paging).
        idonly: bool,
        /// Include active rows.
        includeactive: bool,
        includeazuretenants: bool,
        includecolumns: bool,
        /// Include inactive rows.
        includeinactive: bool,
        includeinvoicetemplatename: bool,
        includenotes: bool,
        includeqbofields: bool,
        integration_tenantids: Vec<i32>,
        integration_type: String,
        isjira: bool,
        issentinel: bool,
        isservicenow: bool,
        lastupdatefromdate: bool,
        lastupdatetodate: bool,
        /// "Like" filter on the record (name).
        search: String,
        search_name_only: String,
        sentinelid: i32,
        showcounts: bool,
        sitefields: String,
        snowaccountid: i32,
        snowclients: bool,
        ticketarea_id: i32,
        /// Only rows under this top level.
        toplevel_id: i32,
        view_id: i32,
        /// Comma-separated custom field ids to include.
        include_custom_fields: String,
    }
}

query! {
    /// Query parameters of `GET /Client/{id}`.
    pub struct ClientDetailQuery {
        domain: String,
        getavailablerts: bool,
        includeactivity: bool,
        /// Include extra nested objects.
        includedetails: bool,
        includeperiods: bool,
        includeprepay: bool,
        tickettype_id: i32,
    }
}
