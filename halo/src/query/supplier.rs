//! Supplier list query.

use serde::{Deserialize, Serialize};

use super::Paged;

/// Query parameters of `GET /Supplier` (every documented one, under Halo's exact names).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SupplierQuery {
    /// Shorthand `"<includeactive>,<includeinactive>"`, e.g. `true,false`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub activeinactive: Option<String>,
    /// Maximum rows when not paging.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub count: Option<i32>,
    /// Return ids only (not compatible with paging).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub idonly: Option<bool>,
    /// Include active rows.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub includeactive: Option<bool>,
    /// Include inactive rows.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub includeinactive: Option<bool>,
    /// Halo's `kashflowtenantid` parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kashflowtenantid: Option<i32>,
    /// Field to sort by.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order: Option<String>,
    /// Sort field number 2.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order2: Option<String>,
    /// Sort field number 3.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order3: Option<String>,
    /// Sort field number 4.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order4: Option<String>,
    /// Sort field number 5.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order5: Option<String>,
    /// Sort `order` descending.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub orderdesc: Option<bool>,
    /// Sort `order2` descending.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub orderdesc2: Option<bool>,
    /// Sort `order3` descending.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub orderdesc3: Option<bool>,
    /// Sort `order4` descending.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub orderdesc4: Option<bool>,
    /// Sort `order5` descending.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub orderdesc5: Option<bool>,
    /// 1-based page number (only with `pageinate`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page_no: Option<i32>,
    /// Rows per page (only with `pageinate`; Halo caps pages at 100 rows).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page_size: Option<i32>,
    /// `true` turns paging on (Halo spells it `pageinate`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pageinate: Option<bool>,
    /// "Like" filter on the record (name).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub search: Option<String>,
    /// Only rows under this top level.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub toplevel_id: Option<i32>,
    /// Halo's `xerotenantid` parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub xerotenantid: Option<String>,
}

impl SupplierQuery {
    /// An empty query: sends no parameters.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets `activeinactive`.
    pub fn activeinactive(mut self, value: impl Into<String>) -> Self {
        self.activeinactive = Some(value.into());
        self
    }

    /// Sets `count`.
    pub fn count(mut self, value: i32) -> Self {
        self.count = Some(value);
        self
    }

    /// Sets `idonly`.
    pub fn idonly(mut self, value: impl Into<bool>) -> Self {
        self.idonly = Some(value.into());
        self
    }

    /// Sets `includeactive`.
    pub fn includeactive(mut self, value: impl Into<bool>) -> Self {
        self.includeactive = Some(value.into());
        self
    }

    /// Sets `includeinactive`.
    pub fn includeinactive(mut self, value: impl Into<bool>) -> Self {
        self.includeinactive = Some(value.into());
        self
    }

    /// Sets `kashflowtenantid`.
    pub fn kashflowtenantid(mut self, value: i32) -> Self {
        self.kashflowtenantid = Some(value);
        self
    }

    /// Sets `order`.
    pub fn order(mut self, value: impl Into<String>) -> Self {
        self.order = Some(value.into());
        self
    }

    /// Sets `order2`.
    pub fn order2(mut self, value: impl Into<String>) -> Self {
        self.order2 = Some(value.into());
        self
    }

    /// Sets `order3`.
    pub fn order3(mut self, value: impl Into<String>) -> Self {
        self.order3 = Some(value.into());
        self
    }

    /// Sets `order4`.
    pub fn order4(mut self, value: impl Into<String>) -> Self {
        self.order4 = Some(value.into());
        self
    }

    /// Sets `order5`.
    pub fn order5(mut self, value: impl Into<String>) -> Self {
        self.order5 = Some(value.into());
        self
    }

    /// Sets `orderdesc`.
    pub fn orderdesc(mut self, value: impl Into<bool>) -> Self {
        self.orderdesc = Some(value.into());
        self
    }

    /// Sets `orderdesc2`.
    pub fn orderdesc2(mut self, value: impl Into<bool>) -> Self {
        self.orderdesc2 = Some(value.into());
        self
    }

    /// Sets `orderdesc3`.
    pub fn orderdesc3(mut self, value: impl Into<bool>) -> Self {
        self.orderdesc3 = Some(value.into());
        self
    }

    /// Sets `orderdesc4`.
    pub fn orderdesc4(mut self, value: impl Into<bool>) -> Self {
        self.orderdesc4 = Some(value.into());
        self
    }

    /// Sets `orderdesc5`.
    pub fn orderdesc5(mut self, value: impl Into<bool>) -> Self {
        self.orderdesc5 = Some(value.into());
        self
    }

    /// Sets `page_no`.
    pub fn page_no(mut self, value: i32) -> Self {
        self.page_no = Some(value);
        self
    }

    /// Sets `page_size`.
    pub fn page_size(mut self, value: i32) -> Self {
        self.page_size = Some(value);
        self
    }

    /// Sets `pageinate`.
    pub fn pageinate(mut self, value: impl Into<bool>) -> Self {
        self.pageinate = Some(value.into());
        self
    }

    /// Sets `search`.
    pub fn search(mut self, value: impl Into<String>) -> Self {
        self.search = Some(value.into());
        self
    }

    /// Sets `toplevel_id`.
    pub fn toplevel_id(mut self, value: i32) -> Self {
        self.toplevel_id = Some(value);
        self
    }

    /// Sets `xerotenantid`.
    pub fn xerotenantid(mut self, value: impl Into<String>) -> Self {
        self.xerotenantid = Some(value.into());
        self
    }
}

impl Paged for SupplierQuery {
    fn paged(&self, page_no: u32, page_size: u32) -> Self {
        let mut q = self.clone();
        q.pageinate = Some(true);
        q.page_no = Some(page_no as i32);
        q.page_size = Some(page_size as i32);
        q
    }
}
