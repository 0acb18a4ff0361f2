//! Detail query shared by endpoints that only take `includedetails`, and the empty organisation list query.

query! {
    /// Query parameters of the detail GETs that only take `includedetails`
    /// (`/Supplier/{id}`, `/Organisation/{id}`, `/CRMNote/{id}`, `/TopLevel/{id}`…).
    pub struct DetailQuery {
        /// Include extra nested objects.
        includedetails: bool,
    }
}

query! {
    /// Query parameters of `GET /Organisation`: none are documented, so this sends nothing.
    pub struct OrganisationQuery {}
}
