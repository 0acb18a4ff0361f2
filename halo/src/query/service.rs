//! Service list and detail queries.

query! {
    /// Query parameters of `GET /Service` (every documented one; no `idonly` and no active filters exist here).
    pub list struct ServiceQuery {
        access_control_level: i32,
        asset_ids: String,
        includechildservices: bool,
        includestatusinfo: bool,
        itil_ticket_type: i32,
        monitoredonly: bool,
        parent_service_category_id: i32,
        relatedservicesonly: bool,
        /// "Like" filter on the record (name).
        search: String,
        service_category_id: i32,
        service_category_ids: String,
        service_status_ids: String,
        subscribedonly: bool,
        template_id: i32,
        ticket_id: i32,
        tickettype_id: i32,
        /// Only rows of / in the context of this user.
        user_id: i32,
    }
}

query! {
    /// Query parameters of `GET /Service/{id}`.
    pub struct ServiceDetailQuery {
        /// Include extra nested objects.
        includedetails: bool,
        /// Only rows of / in the context of this user.
        user_id: i32,
    }
}
