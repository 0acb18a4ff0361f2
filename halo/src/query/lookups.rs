//! Lookup queries (top levels, service categories, service statuses).

query! {
    /// Query parameters of `GET /TopLevel`.
    pub list struct TopLevelQuery {
        agent_departments_only: bool,
        can_edit_only: bool,
        /// Return ids only (not compatible with paging).
        idonly: bool,
        include_agents: bool,
        include_managers: bool,
        include_teams: bool,
        isorgchart: bool,
        org_id: i32,
        /// "Like" filter on the record (name).
        search: String,
        show_all: bool,
        #[serde(rename = "type")]
        kind: i32,
    }
}

query! {
    /// Query parameters of `GET /ServiceCategory`.
    pub struct ServiceCategoryQuery {
        access_control_level: i32,
        include_parent_name: bool,
        itil_ticket_type: i32,
        /// Only rows of / in the context of this user.
        user_id: i32,
    }
}

query! {
    /// Query parameters of `GET /ServiceStatus`.
    pub list struct ServiceStatusQuery {
        service_id: i32,
    }
}

query! {
    /// Query parameters of `GET /TopLevel/{id}`.
    pub struct TopLevelDetailQuery {
        include_agents: bool,
        include_teams: bool,
        /// Include extra nested objects.
        includedetails: bool,
    }
}
