//! Server functions for Services (`/Service`, HaloPSA's "ServSite").

use crate::errors::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SubscriberView {
    pub name: String,
    /// Halo's `type` (e.g. `client`, `agent`), when it gives one.
    pub kind: Option<String>,
    /// A Haloscope page for the subscriber (clients and sites only).
    pub link: Option<String>,
    pub email_updates: Option<bool>,
}

/// What the service detail page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServiceDetail {
    pub id: i32,
    pub name: String,
    pub display_name: Option<String>,
    pub category: Option<(i32, String)>,
    /// Halo's `current_status` number (Halo gives no name for it).
    pub status_code: Option<i32>,
    pub status_message: Option<String>,
    /// `YYYY-MM-DD HH:MM`.
    pub status_date: Option<String>,
    pub business_owner: Option<String>,
    pub technical_owner: Option<String>,
    pub summary: Option<String>,
    pub note: Option<String>,
    /// Cost with two decimals.
    pub cost: Option<String>,
    pub subscribable: Option<bool>,
    pub subscriber_count: Option<i32>,
    pub subscribers: Vec<SubscriberView>,
    /// `(label, url)` of the service's links (service, incident, link); the page links only http(s).
    pub links: Vec<(String, String)>,
}

/// A service with its subscribers.
#[server(endpoint = "get_service", input = server_fn::codec::GetUrl)]
pub async fn get_service(id: String) -> Result<ServiceDetail, AppError> {
    use super::ssr::{halo, parse_id, with_status};
    let id = parse_id(&id, "Service")?;
    let halo = halo().map_err(with_status)?;
    ssr::detail(&halo, id).await.map_err(with_status)
}

#[cfg(feature = "ssr")]
pub(crate) mod ssr {
    use super::*;
    use crate::functions::notes::ssr::when;
    use halo::models::Service;
    use halo::query::ServiceDetailQuery;
    use serde_json::Value;

    fn text(v: &Option<String>) -> Option<String> {
        v.as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    }

    fn category(id: Option<i32>, name: &Option<String>) -> Option<(i32, String)> {
        id.filter(|c| *c > 0)
            .map(|c| (c, text(name).unwrap_or_else(|| format!("Category {c}"))))
    }

    pub fn subscribers(v: Option<&Value>) -> Vec<SubscriberView> {
        let Some(Value::Array(items)) = v else {
            return vec![];
        };
        items
            .iter()
            .filter_map(|item| {
                let id = item
                    .get("data_id")
                    .and_then(Value::as_i64)
                    .and_then(|i| i32::try_from(i).ok())
                    .filter(|i| *i > 0);
                let name = item
                    .get("data_name")
                    .and_then(Value::as_str)
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_string);
                let kind = item
                    .get("type")
                    .and_then(Value::as_str)
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_string);
                let link = match (kind.as_deref().map(str::to_ascii_lowercase).as_deref(), id) {
                    (Some("client"), Some(i)) => Some(format!("/clients/{i}")),
                    (Some("site"), Some(i)) => Some(format!("/sites/{i}")),
                    _ => None,
                };
                let name = name.or_else(|| id.map(|i| format!("#{i}")))?;
                Some(SubscriberView {
                    name,
                    kind,
                    link,
                    email_updates: item.get("emailupdates").and_then(Value::as_bool),
                })
            })
            .collect()
    }

    /// A cost with two decimals; nothing for a missing or non-finite value.
    pub fn cost(c: Option<f64>) -> Option<String> {
        c.filter(|c| c.is_finite()).map(|c| format!("{c:.2}"))
    }

    /// The detail page's view of a service record.
    pub fn detail_view(s: &Service, id: i32) -> ServiceDetail {
        let name = text(&s.name).unwrap_or_else(|| format!("Service {id}"));
        ServiceDetail {
            id,
            display_name: text(&s.display_name).filter(|d| *d != name),
            name,
            category: category(s.service_category_id, &s.service_category_name),
            status_code: s.current_status,
            status_message: text(&s.status_message_update_public),
            status_date: when(&s.status_date),
            business_owner: text(&s.business_owner_name),
            technical_owner: text(&s.technical_owner_name),
            summary: text(&s.summary),
            note: text(&s.note),
            cost: cost(s.cost),
            subscribable: s.subscribable,
            subscriber_count: s.subscriber_count,
            subscribers: subscribers(s.extra.get("subscribers")),
            links: [
                ("Service URL", &s.service_url),
                ("Incident URL", &s.incident_url),
                ("Link", &s.link),
            ]
            .into_iter()
            .filter_map(|(label, v)| text(v).map(|v| (label.to_string(), v)))
            .collect(),
        }
    }

    pub async fn detail(
        halo: &halo::client::HaloClient,
        id: i32,
    ) -> Result<ServiceDetail, AppError> {
        let service: Service = halo
            .services()
            .get(id, &ServiceDetailQuery::new().includedetails(true))
            .await
            .map_err(|e| match e {
                halo::Error::NotFound => AppError::not_found(format!("Service {id}")),
                other => other.into(),
            })?;
        Ok(detail_view(&service, id))
    }

    #[cfg(test)]
    mod tests {
        use super::*;
        use serde_json::json;

        #[test]
        fn subscribers_are_read_from_the_untyped_array() {
            let v = json!([
                {"data_id": 4, "data_name": "Acme Ltd", "type": "client", "emailupdates": true},
                {"data_id": 9, "data_name": "Sam Agent", "type": "agent"},
                {"data_id": 12, "type": "Site"},
                {"data_name": "  "},
                "not an object",
            ]);
            let subs = subscribers(Some(&v));
            assert_eq!(subs.len(), 3);
            assert_eq!(
                subs[0],
                SubscriberView {
                    name: "Acme Ltd".into(),
                    kind: Some("client".into()),
                    link: Some("/clients/4".into()),
                    email_updates: Some(true)
                }
            );
            assert_eq!(subs[1].link, None);
            assert_eq!(subs[2].name, "#12");
            assert_eq!(subs[2].link.as_deref(), Some("/sites/12"));
            assert!(subscribers(Some(&json!({"a": 1}))).is_empty());
            assert!(subscribers(None).is_empty());
        }

        #[test]
        fn cost_has_two_decimals_and_ignores_nonsense() {
            assert_eq!(cost(Some(12.5)), Some("12.50".to_string()));
            assert_eq!(cost(Some(f64::NAN)), None);
            assert_eq!(cost(None), None);
        }

        #[test]
        fn detail_reads_subscribers_links_and_status_from_the_record() {
            let s: Service = serde_json::from_value(json!({
                "id": 6, "name": "Email", "display_name": "Email", "current_status": 3,
                "status_message_update_public": "A partial outage is affecting some sites.",
                "service_category_id": 2, "service_category_name": "Communication",
                "cost": 4.0, "service_url": "https://status.example/email", "incident_url": "  ",
                "subscribers": [{"data_id": 1, "data_name": "Acme", "type": "client"}]
            }))
            .unwrap();
            let d = detail_view(&s, 6);
            assert_eq!(d.display_name, None);
            assert_eq!(d.status_code, Some(3));
            assert_eq!(d.category, Some((2, "Communication".to_string())));
            assert_eq!(d.cost.as_deref(), Some("4.00"));
            assert_eq!(
                d.links,
                vec![(
                    "Service URL".to_string(),
                    "https://status.example/email".to_string()
                )]
            );
            assert_eq!(d.subscribers.len(), 1);
        }
    }
}
