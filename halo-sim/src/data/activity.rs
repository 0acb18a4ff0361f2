//! The service-desk part of the demo data: suppliers, services with their subscribers and status
//! history, CRM notes and popup notes.

use chrono::Duration as ChronoDuration;
use rand::Rng;
use serde_json::{json, Value};
use std::collections::HashSet;

use super::gen::Gen;
use super::words::*;
use super::{anchor, slug, TIME_FORMAT};
use crate::config::DemoAgent;
use crate::entity::Entity;

/// Suppliers: the well-known names first, then made-up ones; no name repeats a client's.
pub(super) fn suppliers(g: &mut Gen, n_suppliers: usize, names: &mut HashSet<String>) {
    for i in 0..n_suppliers {
        let c = g.city();
        let name = if let Some(known) = SUPPLIERS.get(i) {
            (*known).to_owned()
        } else {
            let suffix = g.company_suffix(c.country);
            format!(
                "{}{} {} {suffix}",
                g.pick(PREFIXES),
                g.pick(COMPOUNDS),
                g.pick(&[
                    "Distribution",
                    "Supplies",
                    "Telecom",
                    "Cabling",
                    "Hardware",
                    "Software",
                    "Print"
                ])
            )
            .trim_end()
            .to_owned()
        };
        let name = if names.insert(name.clone()) {
            name
        } else {
            format!("{name} ({})", c.name)
        };
        let domain = format!("{}.example", slug(&name));
        let (first, last) = g.person();
        let phone = g.phone(c);
        let [l1, _, l3, _, pc] = g.address(c);
        let created = g.past(365 * 8);
        let modified = g.past(200);
        let fields = json!({
            "name": name, "contact_name": format!("{first} {last}"),
            "email_address": format!("sales@{domain}"),
            "support_email_address": format!("support@{domain}"),
            "ordering_email_address": format!("orders@{domain}"),
            "phone_number": phone, "inactive": g.chance(0.05),
            "contract_count": g.rng.gen_range(0..6), "website": format!("https://{domain}"),
            "mobile": if g.chance(0.3) { json!(format!("+44 7700 900{:03}", g.rng.gen_range(0..1000))) } else { Value::Null },
            "default_currency_code": match c.country { "GB" => 1, "US" => 2, _ => 3 },
            "supplier_currency_symbol": match c.country { "GB" => "£", "US" => "$", _ => "€" },
            "supplier_currency_rate": 1.0,
            "datecreated": created, "last_modified": modified,
            "address": format!("{}, {}, {}", l1.as_str().unwrap_or(""), l3.as_str().unwrap_or(""), pc.as_str().unwrap_or("")),
            "is_manufacturer": i < 12, "emaildomain": domain,
            "notes": if g.chance(0.1) { json!("Account number on the <i>back</i> of the last invoice.") } else { Value::Null },
        });
        g.insert(Entity::Supplier, fields);
    }
}

/// Services, their subscribers and status history; `api` is the API account, which follows a few
/// services so that unsubscribing has something to do.
pub(super) fn services(g: &mut Gen, n_services: usize, n_clients: usize, api: Option<&DemoAgent>) {
    for i in 0..n_services {
        service(g, i, n_clients, api);
    }
    for cat in 1..=SERVICE_CATEGORIES.len() as i64 {
        let n = g
            .store
            .table(Entity::Service)
            .records()
            .filter(|s| s.get("service_category_id").and_then(Value::as_i64) == Some(cat))
            .count();
        if let Some(mut r) = g.store.table_mut(Entity::ServiceCategory).get_mut(cat) {
            r.insert("service_count".into(), json!(n));
        }
    }
}

fn service(g: &mut Gen, i: usize, n_clients: usize, api: Option<&DemoAgent>) {
    let (base, cat) = SERVICES[i % SERVICES.len()];
    let name = if i < SERVICES.len() {
        base.to_owned()
    } else {
        format!("{base} ({})", i / SERVICES.len() + 1)
    };
    let cat_id = cat as i64 + 1;
    let status = match g.rng.gen_range(0..20) {
        0 => 2,
        1 => 3,
        2 => 5,
        3 if i % 7 == 3 => 4,
        _ => 1,
    };
    let owner = g.tech();
    let tech = g.tech();
    let guid = g.guid();
    let (subscribers, api_subscribed) = subscribers(g, i, &name, n_clients, api);
    let msg = STATUS_MESSAGES
        .iter()
        .find(|(s, _)| *s == status)
        .map_or("", |(_, m)| *m);
    let status_date = g.past(30);
    let fields = json!({
        "guid": guid, "name": name, "summary": format!("{name} for your organisation"),
        "sequence": i as i64 + 1, "service_category_id": cat_id,
        "service_category_name": SERVICE_CATEGORIES[cat],
        "business_owner_id": owner.id, "business_owner_name": owner.name,
        "technical_owner_id": tech.id, "technical_owner_name": tech.name,
        "cost": (g.rng.gen_range(0..40_000) as f64) / 100.0,
        "estimated_delivery_days": g.rng.gen_range(0..10),
        "subscriber_count": subscribers.len(), "asset_count": g.rng.gen_range(0..200),
        "current_status": status, "status_message_update_public": msg,
        "status_message_update_internal": if status == 1 { Value::Null } else { json!("Ticket raised with the vendor.") },
        "status_date": status_date, "criticality": g.rng.gen_range(1..5),
        "subscribers": subscribers, "user_subscribed": api_subscribed,
        "showinusercatalog": g.chance(0.8), "subscribable": g.chance(0.9),
    });
    let service_id = g.insert(Entity::Service, fields);
    status_history(g, service_id, status);
}

/// A service's subscribers (clients and agents), and whether the API account is one of them.
fn subscribers(
    g: &mut Gen,
    i: usize,
    name: &str,
    n_clients: usize,
    api: Option<&DemoAgent>,
) -> (Vec<Value>, bool) {
    let mut subscribers = Vec::new();
    let n_subs = g.rng.gen_range(0..12);
    for s in 0..n_subs {
        let (kind, id, label) = if s % 4 == 3 {
            let a = g.tech();
            ("agent", a.id, a.name.clone())
        } else {
            let c = g.rng.gen_range(1..=n_clients as i64);
            let n = g
                .store
                .str_field(Entity::Client, c, "name")
                .unwrap_or_default();
            ("client", c, n)
        };
        subscribers.push(json!({
            "id": (i * 100 + s) as i64 + 1, "service_id": i as i64 + 1, "service_name": name,
            "data_id": id, "data_name": label, "type": kind, "emailupdates": g.chance(0.5),
        }));
    }
    // the API account follows a few services, so unsubscribe has something to do
    let api_agent = api.map_or(1, |a| a.id);
    let api_subscribed = i.is_multiple_of(5);
    if api_subscribed {
        subscribers.push(json!({
            "id": (i * 100 + 99) as i64 + 1, "service_id": i as i64 + 1, "service_name": name,
            "data_id": api_agent, "data_name": api.map(|a| a.name.clone()),
            "type": "agent", "emailupdates": true,
        }));
    }
    (subscribers, api_subscribed)
}

/// One to three status changes, the last one the service's current status.
fn status_history(g: &mut Gen, service_id: i64, status: i64) {
    let n_history = g.rng.gen_range(1..4);
    for h in 0..n_history {
        let st = if h == n_history - 1 {
            status
        } else {
            *g.pick(&[1, 2, 3, 5])
        };
        let m = STATUS_MESSAGES
            .iter()
            .find(|(s, _)| *s == st)
            .map_or("", |(_, m)| *m);
        let ts = g.past(90);
        let who = g.tech().name.clone();
        let (ok, failed) = (g.rng.gen_range(0..5000), g.rng.gen_range(0..20));
        g.insert(
            Entity::ServiceStatus,
            json!({"service_id": service_id, "status": st, "message_public": m,
                   "message_internal": null, "timestamp": ts, "who": who,
                   "okcount": ok, "failedcount": failed}),
        );
    }
}

/// CRM notes: about two per client on average, some on suppliers.
pub(super) fn crm_notes(g: &mut Gen, n_clients: usize, n_suppliers: usize) {
    for client in 1..=n_clients as i64 {
        if !g.chance(0.6) {
            continue;
        }
        let k = g.rng.gen_range(1..6);
        for _ in 0..k {
            let a = g.tech();
            let subject = *g.pick(CRM_SUBJECTS);
            let detail = *g.pick(CRM_DETAILS);
            let when = g.past(700);
            let taken = (g.rng.gen_range(1..9) as f64) * 0.25;
            let site = g
                .store
                .get(Entity::Client, client)
                .and_then(|r| r.get("main_site_id"))
                .cloned()
                .unwrap_or(Value::Null);
            g.insert(
                Entity::CrmNote,
                json!({"client_id": client, "site_id": site, "datetime": when, "who_agentid": a.id,
                       "note": subject, "detail": detail,
                       "timetaken": taken}),
            );
        }
    }
    for supplier in 1..=n_suppliers as i64 {
        if g.chance(0.2) {
            let a = g.tech();
            let when = g.past(400);
            g.insert(
                Entity::CrmNote,
                json!({"supplier_id": supplier, "datetime": when, "who_agentid": a.id,
                       "note": "Account review", "detail": "Discussed pricing and lead times.",
                       "timetaken": 0.5}),
            );
        }
    }
}

/// Popup notes: on some clients and some sites.
pub(super) fn popup_notes(g: &mut Gen, n_clients: usize) {
    for client in 1..=n_clients as i64 {
        if g.chance(0.12) {
            popup(g, client, None);
        }
    }
    let site_ids: Vec<i64> = g.store.table(Entity::Site).ids().collect();
    for site in site_ids {
        if g.chance(0.03) {
            let client = g
                .store
                .get(Entity::Site, site)
                .and_then(|r| crate::store::int_of(r.get("client_id")))
                .unwrap_or(1);
            popup(g, client, Some(site));
        }
    }
}

fn popup(g: &mut Gen, client: i64, site: Option<i64>) {
    let note = *g.pick(POPUPS);
    let created = g.past(300);
    let limited = g.chance(0.2);
    let (start, end) = if limited {
        let start = g.past(60);
        let end = (anchor() + ChronoDuration::days(g.rng.gen_range(-10..400)))
            .format(TIME_FORMAT)
            .to_string();
        (json!(start), json!(end))
    } else {
        (Value::Null, Value::Null)
    };
    let html = note.contains('<');
    let fields = json!({
        "client_id": client, "site_id": site, "date_created": created, "note": note,
        "dismissable": g.chance(0.7), "displaymodal": g.chance(0.3), "displayhtml": html,
        "limitdaterange": limited, "startdate": start, "enddate": end,
        "read_status": if g.chance(0.15) { 1 } else { 0 },
    });
    g.insert(Entity::PopupNote, fields);
}
