//! Server functions for Organisations (`/Organisation`): HaloPSA's multi-tenancy branding records.

use crate::errors::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// An image setting (a logo): shown as a picture only when it is an http(s) address.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Logo {
    /// An http(s) URL, fit for `<img src>`.
    Url(String),
    /// Anything else (a file name, a data URI…), shown as text and shortened.
    Text(String),
}

/// What the organisation detail page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrganisationDetail {
    pub id: i32,
    pub name: String,
    pub phone: Option<String>,
    pub fax: Option<String>,
    pub email: Option<String>,
    pub reply_address: Option<String>,
    pub website: Option<String>,
    pub address: Option<String>,
    pub portal_title: Option<String>,
    pub portal_url: Option<String>,
    /// The portal colour as Halo stores it (the page only paints `#rgb`/`#rrggbb`).
    pub portal_colour: Option<String>,
    pub logo: Option<Logo>,
    pub portal_logo: Option<Logo>,
    pub tax_number: Option<String>,
    /// Bank details lines 1–5 that have text.
    pub bank_details: Vec<String>,
    /// The client linked to the organisation `(id, name)`.
    pub linked_client: Option<(i32, String)>,
}

/// An organisation with the name of its linked client.
#[server(endpoint = "get_organisation", input = server_fn::codec::GetUrl)]
pub async fn get_organisation(id: String) -> Result<OrganisationDetail, AppError> {
    use super::ssr::{halo, parse_id, with_status};
    let id = parse_id(&id, "Organisation")?;
    let halo = halo().map_err(with_status)?;
    ssr::detail(&halo, id).await.map_err(with_status)
}

#[cfg(feature = "ssr")]
pub(crate) mod ssr {
    use super::*;
    use crate::functions::sites::ssr::address_text;
    use halo::models::Organisation;
    use halo::query::{ClientDetailQuery, DetailQuery};

    /// Longest logo text shown (data URIs can be megabytes).
    const MAX_LOGO_TEXT: usize = 80;

    fn text(v: &Option<String>) -> Option<String> {
        v.as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    }

    /// A logo setting: an http(s) URL becomes a picture, anything else shortened text.
    pub fn logo(v: &Option<String>) -> Option<Logo> {
        let v = text(v)?;
        let lower = v.to_ascii_lowercase();
        if (lower.starts_with("https://") || lower.starts_with("http://"))
            && !v.chars().any(char::is_whitespace)
        {
            Some(Logo::Url(v))
        } else if v.chars().count() > MAX_LOGO_TEXT {
            Some(Logo::Text(format!(
                "{}…",
                v.chars().take(MAX_LOGO_TEXT).collect::<String>()
            )))
        } else {
            Some(Logo::Text(v))
        }
    }

    /// The detail page's view of an organisation record; `linked_client` comes from the caller.
    pub fn detail_view(
        o: &Organisation,
        id: i32,
        linked_client: Option<(i32, String)>,
    ) -> OrganisationDetail {
        OrganisationDetail {
            id,
            name: text(&o.name).unwrap_or_else(|| format!("Organisation {id}")),
            phone: text(&o.phone),
            fax: text(&o.fax),
            email: text(&o.email),
            reply_address: text(&o.reply_address),
            website: text(&o.website),
            address: o
                .address
                .as_ref()
                .map(address_text)
                .filter(|s| !s.is_empty()),
            portal_title: text(&o.portal_title),
            portal_url: text(&o.portalurl),
            portal_colour: text(&o.portalcolour),
            logo: logo(&o.logo),
            portal_logo: logo(&o.portal_logo),
            tax_number: text(&o.tax_number),
            bank_details: [
                &o.bank_details_line_1,
                &o.bank_details_line_2,
                &o.bank_details_line_3,
                &o.bank_details_line_4,
                &o.bank_details_line_5,
            ]
            .into_iter()
            .filter_map(text)
            .collect(),
            linked_client,
        }
    }

    pub async fn detail(
        halo: &halo::client::HaloClient,
        id: i32,
    ) -> Result<OrganisationDetail, AppError> {
        let org: Organisation = halo
            .organisations()
            .get(id, &DetailQuery::new().includedetails(true))
            .await
            .map_err(|e| match e {
                halo::Error::NotFound => AppError::not_found(format!("Organisation {id}")),
                other => other.into(),
            })?;
        // Sequential on purpose: the linked client's id is only known once the organisation has arrived,
        // and nothing else on this page is independent of it to run alongside. A failed client lookup
        // leaves the link with a numbered name rather than failing the page.
        let linked_client = match org.linked_client_id.filter(|c| *c > 0) {
            None => None,
            Some(cid) => {
                let name = halo
                    .clients()
                    .get(cid, &ClientDetailQuery::new())
                    .await
                    .ok()
                    .and_then(|c| text(&c.name))
                    .unwrap_or_else(|| format!("Client {cid}"));
                Some((cid, name))
            }
        };
        Ok(detail_view(&org, id, linked_client))
    }

    #[cfg(test)]
    mod tests {
        use super::*;
        use halo::models::AddressStore;

        #[test]
        fn only_http_logos_become_pictures() {
            assert_eq!(
                logo(&Some("https://cdn.example/logo.png".into())),
                Some(Logo::Url("https://cdn.example/logo.png".into()))
            );
            assert_eq!(
                logo(&Some("HTTP://cdn.example/l.png".into())),
                Some(Logo::Url("HTTP://cdn.example/l.png".into()))
            );
            assert_eq!(
                logo(&Some("javascript:alert(1)".into())),
                Some(Logo::Text("javascript:alert(1)".into()))
            );
            assert_eq!(
                logo(&Some("https://x.example/a b.png".into())),
                Some(Logo::Text("https://x.example/a b.png".into()))
            );
            assert_eq!(logo(&Some("  ".into())), None);
            let data_uri = format!("data:image/png;base64,{}", "A".repeat(500));
            match logo(&Some(data_uri)) {
                Some(Logo::Text(t)) => {
                    assert_eq!(t.chars().count(), MAX_LOGO_TEXT + 1);
                    assert!(t.starts_with("data:image/png") && t.ends_with('…'));
                }
                other => panic!("expected shortened text, got {other:?}"),
            }
        }

        #[test]
        fn detail_collects_bank_lines_address_and_link() {
            let o = Organisation {
                id: 2,
                name: Some("Northbeam IT Inc.".into()),
                bank_details_line_1: Some("Northbeam Bank plc".into()),
                bank_details_line_3: Some("Sort code 00-00-00".into()),
                bank_details_line_4: Some("  ".into()),
                address: Some(AddressStore {
                    line1: Some("1 Main St".into()),
                    postcode: Some("10001".into()),
                    ..Default::default()
                }),
                portalcolour: Some("#0e7a55".into()),
                ..Default::default()
            };
            let d = detail_view(&o, 2, Some((5, "Acme".into())));
            assert_eq!(
                d.bank_details,
                vec!["Northbeam Bank plc", "Sort code 00-00-00"]
            );
            assert_eq!(d.address.as_deref(), Some("1 Main St, 10001"));
            assert_eq!(d.portal_colour.as_deref(), Some("#0e7a55"));
            assert_eq!(d.linked_client, Some((5, "Acme".to_string())));
            assert_eq!(d.logo, None);
        }
    }
}
