//! The directory part of the demo data: organisations, top levels, service categories, clients
//! and their sites.

use rand::Rng;
use serde_json::{json, Value};
use std::collections::HashSet;

use super::gen::Gen;
use super::slug;
use super::words::*;
use crate::entity::Entity;

/// The MSP's own organisations: name, country, portal and colour.
const ORGS: [(&str, &str, &str, &str); 3] = [
    (
        "Northbeam IT",
        "GB",
        "https://support.northbeam-it.example",
        "#1f6feb",
    ),
    (
        "Northbeam IT Inc.",
        "US",
        "https://us.support.northbeam-it.example",
        "#0e7a55",
    ),
    (
        "Northbeam Europe B.V.",
        "NL",
        "https://eu.support.northbeam-it.example",
        "#8250df",
    ),
];

/// The top levels clients are filed under; the fourth is the MSP's own.
const TOP_LEVELS: [(&str, &str); 5] = [
    ("Managed", "Managed service clients"),
    ("Break-fix", "Pay-as-you-go clients"),
    ("Projects", "Project-only clients"),
    ("Internal", "Our own company"),
    ("Prospects", "Not yet clients"),
];

/// The top level of the MSP's own (internal) client.
const INTERNAL_TL: i64 = 4;

/// The MSP's organisations; their guids, in order.
pub(super) fn organisations(g: &mut Gen) -> Vec<String> {
    let mut org_guids = Vec::new();
    for (name, country, portal, colour) in ORGS {
        let guid = g.guid();
        org_guids.push(guid.clone());
        let c = match country {
            "GB" => &CITIES_GB[1],
            "US" => &CITIES_US[0],
            _ => &CITIES_EU[4],
        };
        let [l1, l2, l3, l4, pc] = g.address(c);
        let phone = g.phone(c);
        let tax = g.rng.gen_range(0..1_000_000_000u32);
        g.insert(
            Entity::Organisation,
            json!({
                "name": name, "guid": guid, "reply_address": "support@northbeam-it.example",
                "phone": phone, "email": "hello@northbeam-it.example",
                "website": "https://northbeam-it.example", "portalurl": portal,
                "portalcolour": colour, "portal_title": format!("{name} Support"),
                "tax_number": format!("{country}{tax:09}"),
                "address": {"line1": l1, "line2": l2, "line3": l3, "line4": l4, "postcode": pc,
                            "lat": c.lat, "long": c.lon, "type": 1, "primary": true},
                "bank_details_line_1": "Northbeam Bank plc",
            }),
        );
    }
    org_guids
}

pub(super) fn top_levels(g: &mut Gen, org_guids: &[String]) {
    for (name, long) in TOP_LEVELS {
        let guid = g.guid();
        g.insert(
            Entity::TopLevel,
            json!({
                "name": name, "long_name": long, "guid": guid, "organisation_id": 1,
                "organisation_name": ORGS[0].0, "organisation_guid": org_guids[0],
                "user_count": 0,
            }),
        );
    }
}

pub(super) fn service_categories(g: &mut Gen) {
    for (i, name) in SERVICE_CATEGORIES.iter().enumerate() {
        let guid = g.guid();
        g.insert(
            Entity::ServiceCategory,
            json!({"name": name, "long_name": name, "guid": guid, "seq": i as i64 + 1}),
        );
    }
}

/// Clients: the first is the MSP itself, a few have awkward names. The city of each, in id order.
pub(super) fn clients(
    g: &mut Gen,
    n_clients: usize,
    names: &mut HashSet<String>,
) -> Vec<&'static City> {
    let mut client_cities: Vec<&'static City> = Vec::with_capacity(n_clients);
    for i in 0..n_clients {
        let c = if i == 0 { &CITIES_GB[1] } else { g.city() };
        let (name, base) = client_name(g, i, c, names);
        client(g, i, c, name, &base);
        client_cities.push(c);
    }
    client_cities
}

/// A client name no other record has, and the name it was made from.
fn client_name(g: &mut Gen, i: usize, c: &City, names: &mut HashSet<String>) -> (String, String) {
    let mut name = if i == 0 {
        "Northbeam IT (Internal)".to_owned()
    } else if i % 131 == 7 && (i / 131) < AWKWARD_CLIENTS.len() {
        AWKWARD_CLIENTS[i / 131].to_owned()
    } else {
        g.client_name(c)
    };
    if names.contains(&name) {
        name = format!("{name} ({})", c.name);
    }
    let mut k = 2;
    let base = name.clone();
    while names.contains(&name) {
        name = format!("{base} {k}");
        k += 1;
    }
    names.insert(name.clone());
    (name, base)
}

fn client(g: &mut Gen, i: usize, c: &City, name: String, base: &str) {
    let toplevel = if i == 0 {
        INTERNAL_TL
    } else {
        match g.rng.gen_range(0..100) {
            0..=44 => 1,
            45..=69 => 2,
            70..=84 => 3,
            _ => 5,
        }
    };
    let inactive = i != 0 && g.chance(0.08);
    let pri = g.tech();
    let sec = g.tech();
    let am = g.tech();
    let (first, last) = g.person();
    let domain = format!("{}.example", slug(&name));
    let notes = match g.rng.gen_range(0..12) {
        0 => json!("<p>Prefers <b>email</b> contact. Parking at the rear.</p>"),
        1 => json!("Do NOT call before 9am.\nAsk for the office manager."),
        2 => json!("<script>alert(\"notes\")</script>"),
        3..=5 => json!(format!("Key contact: {first} {last}.")),
        _ => Value::Null,
    };
    let created = g.past(365 * 8);
    let updated = format!("{}.{:03}", g.past(120), g.rng.gen_range(0..1000));
    let colour = if g.chance(0.3) {
        json!(format!("#{:06x}", g.rng.gen_range(0..0x100_0000)))
    } else {
        Value::Null
    };
    let open = if inactive { 0 } else { g.rng.gen_range(0..25) };
    let fields = json!({
        "name": name, "toplevel_id": toplevel, "toplevel_name": TOP_LEVELS[toplevel as usize - 1].0,
        "inactive": inactive, "colour": colour, "notes": notes,
        "pritech": pri.id, "pritech_name": pri.name, "sectech": sec.id, "sectech_name": sec.name,
        "accountmanagertech": am.id, "accountmanagertech_name": am.name,
        "open_ticket_count": open, "opps_ticket_count": g.rng.gen_range(0..4),
        "onhold_ticket_count": g.rng.gen_range(0..=open.min(3)),
        "total_ticket_count": open + g.rng.gen_range(0..900),
        "opened_thismonth_count": g.rng.gen_range(0..=open),
        "accountsemailaddress": format!("accounts@{domain}"),
        "accountsfirstname": first, "accountslastname": last,
        "website": if g.chance(0.8) { json!(format!("https://www.{domain}")) } else { Value::Null },
        "ref": format!("CUST{:05}", i + 1), "is_vip": g.chance(0.05),
        "taxable": c.country != "US" || g.chance(0.5),
        "customertype": g.rng.gen_range(0..3),
        "itglue_id": if g.chance(0.4) { json!(format!("{}", g.rng.gen_range(100_000..999_999))) } else { Value::Null },
        "default_currency_code": match c.country { "GB" => 1, "US" => 2, _ => 3 },
        "datecreated": created, "alastupdate": updated,
        "trading_name": if g.chance(0.1) { json!(format!("{} Trading", base.split_whitespace().next().unwrap_or("ACME"))) } else { Value::Null },
        "domain": domain,
        "linked_organisation_id": match c.country { "GB" => 1, "US" => 2, _ => 3 },
        "main_contact_name": format!("{first} {last}"),
        "hourlyrate": match toplevel { 2 => json!(95.0), 3 => json!(120.0), _ => Value::Null },
        "stopped": if g.chance(0.02) { 1 } else { 0 },
    });
    g.insert(Entity::Client, fields);
}

/// Sites: every client has a main site; the rest go mostly to the larger (earlier) clients.
pub(super) fn sites(g: &mut Gen, n_sites: usize, client_cities: &[&'static City]) {
    let n_clients = client_cities.len();
    let n_sites = n_sites.max(n_clients);
    let owners = site_owners(g, n_sites, n_clients);
    let mut prev_owner = usize::MAX;
    let mut stockbin_id = 1;
    for (n, owner) in owners.iter().enumerate() {
        let is_main = *owner != prev_owner;
        prev_owner = *owner;
        let home = client_cities[*owner];
        let c = if is_main || g.chance(0.7) {
            home
        } else {
            g.city()
        };
        site(g, n, *owner, is_main, c, &mut stockbin_id);
    }
}

/// The client (index) of each site, sorted.
fn site_owners(g: &mut Gen, n_sites: usize, n_clients: usize) -> Vec<usize> {
    let mut owners: Vec<usize> = (0..n_clients).collect();
    owners.extend([0, 0]); // the internal client's warehouses
    while owners.len() < n_sites {
        let idx = if g.chance(0.6) {
            g.rng.gen_range(0..(n_clients * 2 / 5).max(1))
        } else {
            g.rng.gen_range(0..n_clients)
        };
        owners.push(idx);
    }
    owners.truncate(n_sites.max(n_clients));
    owners.sort_unstable();
    owners
}

fn site(g: &mut Gen, n: usize, owner: usize, is_main: bool, c: &City, stockbin_id: &mut i64) {
    let client_id = owner as i64 + 1;
    let client_name = g
        .store
        .str_field(Entity::Client, client_id, "name")
        .unwrap_or_default();
    let client_inactive = g
        .store
        .get(Entity::Client, client_id)
        .and_then(|r| r.get("inactive"))
        .and_then(Value::as_bool)
        .unwrap_or(false);
    let stock = !is_main && (owner == 0 || g.chance(0.01));
    let name = if is_main {
        (*g.pick(&["Main", "Head Office", "Main Office", "HQ"])).to_owned()
    } else if stock {
        format!("Warehouse {}", (b'A' + (n % 26) as u8) as char)
    } else {
        format!("{} {}", c.name, g.pick(SITE_KINDS))
    };
    let [l1, l2, l3, l4, pc] = g.address(c);
    let invoice_same = !g.chance(0.15);
    let inv = if invoice_same {
        [l1.clone(), l2.clone(), l3.clone(), l4.clone(), pc.clone()]
    } else {
        g.address(c)
    };
    let (lat, lon) = geo(g, c);
    let (first, last) = g.person();
    let phone = g.phone(c);
    let created = g.past(365 * 6);
    let notes = site_note(g);
    let inactive = client_inactive || (!is_main && g.chance(0.06));
    let (sb_id, sb_name) = if stock {
        *stockbin_id += 1;
        (
            json!(*stockbin_id - 1),
            json!(format!("Bin {}", *stockbin_id - 1)),
        )
    } else {
        (Value::Null, Value::Null)
    };
    let fields = json!({
        "name": name, "client_id": client_id as f64, "client_name": client_name,
        "clientsite_name": format!("{client_name}/{name}"), "inactive": inactive,
        "sla_id": g.rng.gen_range(1..4), "phonenumber": phone, "timezone": c.tz,
        "invoice_address_isdelivery": invoice_same, "notes": notes, "isstocklocation": stock,
        "delivery_address_line1": l1, "delivery_address_line2": l2,
        "delivery_address_line3": l3, "delivery_address_line4": l4,
        "delivery_address_line5": pc,
        "invoice_address_line1": inv[0], "invoice_address_line2": inv[1],
        "invoice_address_line3": inv[2], "invoice_address_line4": inv[3],
        "invoice_address_line5": inv[4],
        "country_code": c.country, "country_code_name": c.country_name,
        "region_code_name": c.region, "ref": format!("S{:06}", n + 1),
        "maincontact_id": g.rng.gen_range(1..20_000), "maincontact_name": format!("{first} {last}"),
        "geocoord1": lat, "geocoord2": lon, "isinvoicesite": is_main, "datecreated": created,
        "stockbin_id": sb_id, "stockbin_name": sb_name,
        "emaildomain": g.store.get(Entity::Client, client_id).and_then(|r| r.get("domain")).cloned().unwrap_or(Value::Null),
        "open_ticket_count": g.rng.gen_range(0..6),
    });
    let site_id = g.insert(Entity::Site, fields);
    if is_main {
        let address = format!(
            "{}, {}",
            l1.as_str().unwrap_or(""),
            l3.as_str().unwrap_or("")
        );
        main_site(g, client_id, site_id, name, address);
    }
}

/// Writes a client's main site onto the client, as Halo shows it.
fn main_site(g: &mut Gen, client_id: i64, site_id: i64, site_name: String, address: String) {
    let phone = g
        .store
        .str_field(Entity::Site, site_id, "phonenumber")
        .unwrap_or_default();
    if let Some(mut cl) = g.store.table_mut(Entity::Client).get_mut(client_id) {
        cl.insert("main_site_id".into(), json!(site_id));
        cl.insert("main_site_name".into(), json!(site_name));
        cl.insert("mainsite_address".into(), json!(address));
        cl.insert("main_phonenumber".into(), json!(phone));
    }
}

/// Coordinates near the city for some sites.
fn geo(g: &mut Gen, c: &City) -> (Value, Value) {
    if g.chance(0.4) {
        let dlat: f64 = g.rng.gen_range(-0.08..0.08);
        let dlon: f64 = g.rng.gen_range(-0.08..0.08);
        (
            json!(((c.lat + dlat) * 1e6).round() / 1e6),
            json!(((c.lon + dlon) * 1e6).round() / 1e6),
        )
    } else {
        (Value::Null, Value::Null)
    }
}

fn site_note(g: &mut Gen) -> Value {
    if g.chance(0.1) {
        json!(*g.pick(&[
            "Alarm panel behind reception.",
            "<b>Server room</b> key held by caretaker.",
            "Closed on Fridays.",
            "Ring the bell twice — the intercom's broken."
        ]))
    } else {
        Value::Null
    }
}
