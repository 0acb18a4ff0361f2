//! Demo data: deterministic from a seed, shaped like an MSP's HaloPSA (top levels, ~2,000 clients,
//! ~6,000 sites, suppliers, organisations, services, CRM and popup notes), including awkward cases.

mod words;

use chrono::{Duration as ChronoDuration, NaiveDate, NaiveDateTime, Utc};
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde_json::{json, Value};
use std::collections::HashSet;

use crate::config::DemoAgent;
use crate::entity::Entity;
use crate::store::{Record, Store};
use words::*;

/// Halo's timestamp format: no zone, whole seconds.
pub(crate) const TIME_FORMAT: &str = "%Y-%m-%dT%H:%M:%S";

/// Now, as Halo writes timestamps.
pub(crate) fn halo_now() -> String {
    Utc::now().naive_utc().format(TIME_FORMAT).to_string()
}

/// The fixed "today" of the demo data, so the same seed gives the same records.
fn anchor() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 10, 30)
        .and_then(|d| d.and_hms_opt(17, 0, 0))
        .unwrap_or_default()
}

fn rec(v: Value) -> Record {
    match v {
        Value::Object(m) => m,
        _ => Record::new(),
    }
}

/// The fields a newly created record starts with before the sent ones are applied.
pub(crate) fn new_record_defaults(entity: Entity, now: &str, agent_id: i64) -> Record {
    rec(match entity {
        Entity::Client => json!({
            "name": null, "toplevel_id": null, "toplevel_name": null, "inactive": false,
            "colour": null, "confirmemail": 0, "actionemail": 0, "clearemail": 0,
            "messagegroup_id": null, "from_address_override": null, "override_org_logo": false,
            "override_org_name": null, "override_org_phone": null, "override_org_email": null,
            "override_org_website": null, "override_org_portalurl": null, "mailbox_override": null,
            "default_mailbox_id": null, "calldate": null, "item_tax_code": null,
            "service_tax_code": null, "prepay_tax_code": null, "contract_tax_code": null,
            "customfields": [], "custombuttons": null, "attachments": null, "site_fields": null,
            "pritech": null, "pritech_name": null, "sectech": null, "sectech_name": null,
            "accountmanagertech": null, "accountmanagertech_name": null, "notes": null,
            "xeroid": null, "open_ticket_count": 0, "opps_ticket_count": 0, "onhold_ticket_count": 0,
            "total_ticket_count": 0, "opened_thismonth_count": 0, "main_site_id": null,
            "main_site_name": null, "accountsemailaddress": null, "accountsfirstname": null,
            "accountslastname": null, "accountsid": null, "use": "area", "key": null, "table": null,
            "logo": null, "customertype": 0, "ref": null, "is_vip": false, "taxable": true,
            "stopped": 0, "itglue_id": null, "default_currency_code": null, "azure_tenants": null,
            "website": null, "mainsite_address": null, "datecreated": now, "trading_name": null,
            "domain": null, "announce": null, "faqlists": null, "allowed_organisations": null,
            "linked_organisation_id": null, "main_contact_name": null, "main_phonenumber": null,
            "prepaybalance": 0.0, "hourlyrate": null, "alastupdate": now,
        }),
        Entity::Site => json!({
            "name": null, "client_id": null, "client_name": null, "clientsite_name": null,
            "inactive": false, "sla_id": null, "phonenumber": null, "colour": null,
            "timezone": null, "invoice_address_isdelivery": true, "notes": null,
            "isstocklocation": false, "messagegroup_id": null, "item_quantity_in_stock": null,
            "item_quantity_reserved": null, "item_quantity_reserved_on_order": null,
            "item_quantity_available": null, "item_serialised_assets_in_stock": null,
            "use": "site", "customfields": [], "site_fields": null, "gfisiteid": null,
            "delivery_address_line1": null, "delivery_address_line2": null,
            "delivery_address_line3": null, "delivery_address_line4": null,
            "delivery_address_line5": null, "invoice_address_line1": null,
            "invoice_address_line2": null, "invoice_address_line3": null,
            "invoice_address_line4": null, "invoice_address_line5": null, "itglue_id": null,
            "client_itglue_id": null, "custombuttons": null, "stockbin_id": null,
            "stockbin_name": null, "country_code": null, "country_code_name": null,
            "region_code": null, "region_code_name": null, "ref": null, "maincontact_id": null,
            "maincontact_name": null, "site_item_tax_code": null, "geocoord1": null,
            "geocoord2": null, "emaildomain": null, "isinvoicesite": false, "datecreated": now,
            "open_ticket_count": 0, "onhold_ticket_count": 0, "total_ticket_count": 0,
            "opened_thismonth_count": 0, "language_id": null, "azuretenantid": null,
            "datto_id": null, "auvik_id": null, "connectwiseid": null, "autotaskid": null,
            "ncentral_details_id": null, "faqlists": null, "maintenance_windows": null,
            "change_freeze_periods": null,
        }),
        Entity::Supplier => json!({
            "name": null, "toplevel_id": null, "toplevel_name": null, "contact_name": null,
            "email_address": null, "support_email_address": null, "ordering_email_address": null,
            "phone_number": null, "phone_number_2": null, "phone_number_3": null,
            "inactive": false, "emailtemplate_id": null, "default_contract_id": null,
            "default_contract_sla_id": null, "customfields": [], "custombuttons": null,
            "contract_count": 0, "logo": null, "default_currency_code": null,
            "supplier_currency_symbol": null, "supplier_currency_rate": null, "website": null,
            "mobile": null, "messagegroup_id": null, "datecreated": now, "notes": null,
            "address": null, "accounts_id": null, "portal_url": null, "contact_title": null,
            "fax": null, "parentid": null, "emaildomain": null, "is_supplier": true,
            "is_manufacturer": false, "last_modified": now, "access_control_level": 0,
        }),
        Entity::Organisation => json!({
            "name": null, "guid": null, "reply_address": null, "messagegroup_id": null,
            "address": null, "phone": null, "fax": null, "email": null, "website": null,
            "logo": null, "portal_logo": null, "portalurl": null, "portalcolour": null,
            "portalbackgroundimageurl": null, "deliverysite": null, "departments": [],
            "linked_client_id": null, "allowall_tickettypes": true, "allowed_tickettypes": [],
            "faqlists": [], "customfields": [], "bank_details_line_1": null,
            "bank_details_line_2": null, "bank_details_line_3": null, "bank_details_line_4": null,
            "bank_details_line_5": null, "tax_number": null, "portal_title": null,
            "portal_allow_pwa": false,
        }),
        Entity::Service => json!({
            "guid": null, "name": null, "summary": null, "sequence": 0, "showinusercatalog": true,
            "showintechcatalog": true, "trackstatus": true, "service_category_id": null,
            "service_category_name": null, "business_owner_id": null, "business_owner_name": null,
            "technical_owner_id": null, "technical_owner_name": null, "compliance_owner_id": null,
            "compliance_owner_name": null, "cost": 0.0, "estimated_delivery": 0,
            "estimated_delivery_days": 0, "subscribable": true, "subscriber_count": 0,
            "asset_count": 0, "current_status": 1, "status_message_update_internal": null,
            "status_message_update_public": null, "status_date": now, "status_end_date": null,
            "service_tickettype_id": null, "service_template_id": null,
            "incident_tickettype_id": null, "incident_template_id": null, "criticality": 3,
            "use": "servsite", "icon": null, "service_url": null, "incident_url": null,
            "access_control_level": 0, "link": null, "subscribers": [], "user_subscribed": false,
            "allowunsubscribe": true, "linked_services": [], "customfields": [],
        }),
        Entity::CrmNote => json!({
            "client_id": null, "supplier_id": null, "site_id": null, "user_id": null,
            "sales_order_id": null, "purchase_order_id": null, "quote_id": null,
            "invoice_id": null, "ticketid": null, "datetime": now, "who_agentid": agent_id,
            "note": null, "detail": null, "timetaken": 0.0, "hide_time_taken": false,
            "nextcalldate": null, "nextcallduration": null, "add_to_calendar": false,
            "satisfaction": null, "mailentryid": null, "third_party_id": null,
            "customfields": [], "app_subject": null,
        }),
        Entity::PopupNote => json!({
            "client_id": null, "site_id": null, "user_id": null, "date_created": now,
            "note": null, "dismissable": true, "read_status": 0, "displaymodal": false,
            "displayhtml": false, "limitdaterange": false, "startdate": null, "enddate": null,
        }),
        Entity::TopLevel => json!({
            "guid": null, "name": null, "long_name": null, "type": 0, "organisation_id": null,
            "organisation_name": null, "organisation_guid": null, "user_count": 0,
            "notes": null, "announcement": null, "parentid": null,
        }),
        Entity::ServiceCategory => json!({
            "guid": null, "name": null, "long_name": null, "seq": 0, "parent_id": null,
            "parent_name": null, "summary": null, "icon": null, "important": false,
            "service_count": 0, "access_control_level": 0,
        }),
        Entity::ServiceStatus => json!({
            "service_id": null, "status": 1, "message_public": null, "message_internal": null,
            "timestamp": now, "who": null, "okcount": 0, "failedcount": 0,
            "totaldownmins": 0, "totaldowninstances": 0, "ticket_id": null,
        }),
    })
}

struct Gen {
    rng: ChaCha8Rng,
    store: Store,
    now: String,
}

impl Gen {
    fn pick<'a, T>(&mut self, list: &'a [T]) -> &'a T {
        list.choose(&mut self.rng).unwrap_or(&list[0])
    }

    fn chance(&mut self, p: f64) -> bool {
        self.rng.gen_bool(p.clamp(0.0, 1.0))
    }

    fn guid(&mut self) -> String {
        let b: [u8; 16] = self.rng.gen();
        let h: String = b.iter().map(|x| format!("{x:02x}")).collect();
        format!(
            "{}-{}-4{}-a{}-{}",
            &h[0..8],
            &h[8..12],
            &h[13..16],
            &h[17..20],
            &h[20..32]
        )
    }

    /// A timestamp up to `max_days` before the anchor.
    fn past(&mut self, max_days: i64) -> String {
        let secs = self.rng.gen_range(0..max_days.max(1) * 86_400);
        (anchor() - ChronoDuration::seconds(secs))
            .format(TIME_FORMAT)
            .to_string()
    }

    fn city(&mut self) -> &'static City {
        let roll: f64 = self.rng.gen();
        let list = if roll < 0.45 {
            CITIES_GB
        } else if roll < 0.80 {
            CITIES_US
        } else {
            CITIES_EU
        };
        list.choose(&mut self.rng).unwrap_or(&CITIES_GB[0])
    }

    fn phone(&mut self, c: &City) -> String {
        match c.country {
            "GB" => format!("{} {:04}", c.dial, self.rng.gen_range(0..1000)),
            "US" => format!("{}-01{:02}", c.dial, self.rng.gen_range(0..100)),
            _ => format!(
                "{} {:02} {:02}",
                c.dial,
                self.rng.gen_range(10..100),
                self.rng.gen_range(10..100)
            ),
        }
    }

    /// Address lines 1–4 and postcode.
    fn address(&mut self, c: &City) -> [Value; 5] {
        let n = self.rng.gen_range(1..250);
        match c.country {
            "GB" => {
                let street = *self.pick(STREETS_GB);
                let line2 = if self.chance(0.3) {
                    json!(format!("Unit {}", self.rng.gen_range(1..30)))
                } else {
                    Value::Null
                };
                let letters = b"ABDEFGHJLNPQRSTUWXYZ";
                let l1 = letters[self.rng.gen_range(0..letters.len())] as char;
                let l2 = letters[self.rng.gen_range(0..letters.len())] as char;
                let pc = format!(
                    "{}{} {}{}{}",
                    c.post,
                    self.rng.gen_range(1..20),
                    self.rng.gen_range(1..10),
                    l1,
                    l2
                );
                [
                    json!(format!("{n} {street}")),
                    line2,
                    json!(c.name),
                    json!(c.region),
                    json!(pc),
                ]
            }
            "US" => {
                let street = *self.pick(STREETS_US);
                let line2 = if self.chance(0.35) {
                    json!(format!("Suite {}", self.rng.gen_range(100..900)))
                } else {
                    Value::Null
                };
                let zip = format!("{}{:02}", c.post, self.rng.gen_range(0..100));
                [
                    json!(format!("{n} {street}")),
                    line2,
                    json!(c.name),
                    json!(c.region),
                    json!(zip),
                ]
            }
            _ => {
                let street = *self.pick(STREETS_EU);
                let pc = format!("{}{:03}", c.post, self.rng.gen_range(0..1000));
                [
                    json!(format!("{street} {n}")),
                    Value::Null,
                    json!(c.name),
                    json!(c.country_name),
                    json!(pc),
                ]
            }
        }
    }

    fn company_suffix(&mut self, country: &str) -> &'static str {
        let list: &[&str] = match country {
            "GB" => &["Ltd", "Limited", "LLP", ""],
            "US" => &["Inc.", "LLC", "Corp.", ""],
            "DE" => &["GmbH", "AG"],
            "FR" => &["SARL", "SAS"],
            "NL" => &["B.V."],
            "CH" => &["AG", "GmbH"],
            "IE" => &["Ltd", "DAC"],
            "ES" => &["S.L.", "S.A."],
            "PL" => &["Sp. z o.o."],
            _ => &["Oy", ""],
        };
        list.choose(&mut self.rng).copied().unwrap_or("")
    }

    fn client_name(&mut self, c: &City) -> String {
        let industry = *self.pick(INDUSTRIES);
        let suffix = self.company_suffix(c.country);
        let base = match self.rng.gen_range(0..5) {
            0 => format!("{}{} {industry}", self.pick(PREFIXES), self.pick(COMPOUNDS)),
            1 => format!(
                "{} & {} {industry}",
                self.pick(SURNAMES),
                self.pick(SURNAMES)
            ),
            2 => format!("{} {industry}", c.name),
            3 => format!("{} {industry}", self.pick(PREFIXES)),
            _ => format!("{} {industry}", self.pick(SURNAMES)),
        };
        if suffix.is_empty() {
            base
        } else {
            format!("{base} {suffix}")
        }
    }

    fn person(&mut self) -> (String, String) {
        (
            (*self.pick(FIRST_NAMES)).to_owned(),
            (*self.pick(SURNAMES)).to_owned(),
        )
    }

    fn insert(&mut self, e: Entity, fields: Value) -> i64 {
        let mut r = new_record_defaults(e, &self.now, 0);
        for (k, v) in rec(fields) {
            r.insert(k, v);
        }
        self.store.table_mut(e).insert(r)
    }
}

fn slug(name: &str) -> String {
    let s: String = name
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .take(16)
        .collect::<String>()
        .to_ascii_lowercase();
    if s.is_empty() {
        "client".to_owned()
    } else {
        s
    }
}

fn scaled(base: f64, scale: f64) -> usize {
    ((base * scale).round() as usize).max(1)
}

/// Builds the demo store. The same `(scale, seed, agents)` gives the same records.
pub(crate) fn generate(scale: f64, seed: u64, agents: &[DemoAgent]) -> Store {
    let scale = if scale.is_finite() && scale > 0.0 {
        scale
    } else {
        1.0
    };
    let anchor_text = anchor().format(TIME_FORMAT).to_string();
    let mut g = Gen {
        rng: ChaCha8Rng::seed_from_u64(seed),
        store: Store::new(),
        now: anchor_text,
    };
    let techs: Vec<&DemoAgent> = if agents.len() > 1 {
        agents[1..].iter().collect()
    } else {
        agents.iter().collect()
    };

    // organisations
    let orgs = [
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
    let mut org_guids = Vec::new();
    for (name, country, portal, colour) in orgs {
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

    // top levels
    let toplevels = [
        ("Managed", "Managed service clients"),
        ("Break-fix", "Pay-as-you-go clients"),
        ("Projects", "Project-only clients"),
        ("Internal", "Our own company"),
        ("Prospects", "Not yet clients"),
    ];
    for (name, long) in toplevels {
        let guid = g.guid();
        g.insert(
            Entity::TopLevel,
            json!({
                "name": name, "long_name": long, "guid": guid, "organisation_id": 1,
                "organisation_name": orgs[0].0, "organisation_guid": org_guids[0],
                "user_count": 0,
            }),
        );
    }
    const INTERNAL_TL: i64 = 4;

    // service categories
    for (i, name) in SERVICE_CATEGORIES.iter().enumerate() {
        let guid = g.guid();
        g.insert(
            Entity::ServiceCategory,
            json!({"name": name, "long_name": name, "guid": guid, "seq": i as i64 + 1}),
        );
    }

    // clients
    let n_clients = scaled(2000.0, scale);
    let mut names: HashSet<String> = HashSet::new();
    let mut client_cities: Vec<&'static City> = Vec::with_capacity(n_clients);
    for i in 0..n_clients {
        let c = if i == 0 { &CITIES_GB[1] } else { g.city() };
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
        let pri = techs[g.rng.gen_range(0..techs.len())];
        let sec = techs[g.rng.gen_range(0..techs.len())];
        let am = techs[g.rng.gen_range(0..techs.len())];
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
            "name": name, "toplevel_id": toplevel, "toplevel_name": toplevels[toplevel as usize - 1].0,
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
        client_cities.push(c);
    }

    // sites: every client has a main site; the rest go mostly to the larger (earlier) clients
    let n_sites = scaled(6000.0, scale).max(n_clients);
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
    let mut prev_owner = usize::MAX;
    let mut stockbin_id = 1;
    for (n, owner) in owners.iter().enumerate() {
        let client_id = *owner as i64 + 1;
        let is_main = *owner != prev_owner;
        prev_owner = *owner;
        let home = client_cities[*owner];
        let c = if is_main || g.chance(0.7) {
            home
        } else {
            g.city()
        };
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
        let stock = !is_main && (*owner == 0 || g.chance(0.01));
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
        let (lat, lon) = if g.chance(0.4) {
            let dlat: f64 = g.rng.gen_range(-0.08..0.08);
            let dlon: f64 = g.rng.gen_range(-0.08..0.08);
            (
                json!(((c.lat + dlat) * 1e6).round() / 1e6),
                json!(((c.lon + dlon) * 1e6).round() / 1e6),
            )
        } else {
            (Value::Null, Value::Null)
        };
        let (first, last) = g.person();
        let phone = g.phone(c);
        let created = g.past(365 * 6);
        let notes = if g.chance(0.1) {
            json!(*g.pick(&[
                "Alarm panel behind reception.",
                "<b>Server room</b> key held by caretaker.",
                "Closed on Fridays.",
                "Ring the bell twice — the intercom's broken."
            ]))
        } else {
            Value::Null
        };
        let inactive = client_inactive || (!is_main && g.chance(0.06));
        let (sb_id, sb_name) = if stock {
            stockbin_id += 1;
            (
                json!(stockbin_id - 1),
                json!(format!("Bin {}", stockbin_id - 1)),
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
            let phone = g
                .store
                .str_field(Entity::Site, site_id, "phonenumber")
                .unwrap_or_default();
            let site_name = name.clone();
            if let Some(mut cl) = g.store.table_mut(Entity::Client).get_mut(client_id) {
                cl.insert("main_site_id".into(), json!(site_id));
                cl.insert("main_site_name".into(), json!(site_name));
                cl.insert("mainsite_address".into(), json!(address));
                cl.insert("main_phonenumber".into(), json!(phone));
            }
        }
    }

    // suppliers
    let n_suppliers = scaled(150.0, scale);
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

    // services, their status history and subscribers
    let n_services = scaled(40.0, scale);
    for i in 0..n_services {
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
        let owner = techs[g.rng.gen_range(0..techs.len())];
        let tech = techs[g.rng.gen_range(0..techs.len())];
        let guid = g.guid();
        let mut subscribers = Vec::new();
        let n_subs = g.rng.gen_range(0..12);
        for s in 0..n_subs {
            let (kind, id, label) = if s % 4 == 3 {
                let a = techs[g.rng.gen_range(0..techs.len())];
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
        let api_agent = agents.first().map_or(1, |a| a.id);
        let api_subscribed = i % 5 == 0;
        if api_subscribed {
            subscribers.push(json!({
                "id": (i * 100 + 99) as i64 + 1, "service_id": i as i64 + 1, "service_name": name,
                "data_id": api_agent, "data_name": agents.first().map(|a| a.name.clone()),
                "type": "agent", "emailupdates": true,
            }));
        }
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
            let who = techs[g.rng.gen_range(0..techs.len())].name.clone();
            let (ok, failed) = (g.rng.gen_range(0..5000), g.rng.gen_range(0..20));
            g.insert(
                Entity::ServiceStatus,
                json!({"service_id": service_id, "status": st, "message_public": m,
                       "message_internal": null, "timestamp": ts, "who": who,
                       "okcount": ok, "failedcount": failed}),
            );
        }
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

    // CRM notes: about two per client on average, some on suppliers
    for client in 1..=n_clients as i64 {
        if !g.chance(0.6) {
            continue;
        }
        let k = g.rng.gen_range(1..6);
        for _ in 0..k {
            let a = techs[g.rng.gen_range(0..techs.len())];
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
            let a = techs[g.rng.gen_range(0..techs.len())];
            let when = g.past(400);
            g.insert(
                Entity::CrmNote,
                json!({"supplier_id": supplier, "datetime": when, "who_agentid": a.id,
                       "note": "Account review", "detail": "Discussed pricing and lead times.",
                       "timetaken": 0.5}),
            );
        }
    }

    // popup notes: on some clients and some sites
    for client in 1..=n_clients as i64 {
        if g.chance(0.12) {
            popup(&mut g, client, None);
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
            popup(&mut g, client, Some(site));
        }
    }

    g.store
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::default_agents;

    #[test]
    fn same_seed_same_data_other_seed_other_data() {
        let a = generate(0.05, 1, &default_agents());
        let b = generate(0.05, 1, &default_agents());
        let c = generate(0.05, 2, &default_agents());
        let name = |s: &Store, id| s.str_field(Entity::Client, id, "name");
        for id in 1..=100 {
            assert_eq!(name(&a, id), name(&b, id));
        }
        assert!((2..=100).any(|id| name(&a, id) != name(&c, id)));
    }

    #[test]
    fn full_scale_has_the_promised_sizes() {
        let s = generate(1.0, 7, &default_agents());
        assert_eq!(s.table(Entity::Client).len(), 2000);
        assert_eq!(s.table(Entity::Site).len(), 6000);
        assert_eq!(s.table(Entity::Supplier).len(), 150);
        assert_eq!(s.table(Entity::Organisation).len(), 3);
        assert_eq!(s.table(Entity::Service).len(), 40);
        assert!(s.table(Entity::CrmNote).len() > 2000);
        assert!(s.table(Entity::PopupNote).len() > 100);
        let inactive = s
            .table(Entity::Client)
            .records()
            .filter(|r| r.get("inactive") == Some(&json!(true)))
            .count();
        assert!((100..240).contains(&inactive), "{inactive}");
        // every client has a main site that belongs to it
        for r in s.table(Entity::Client).records() {
            let site = r.get("main_site_id").and_then(Value::as_i64).unwrap();
            let owner = s.get(Entity::Site, site).unwrap().get("client_id").unwrap();
            assert_eq!(owner.as_f64(), r.get("id").and_then(Value::as_f64));
        }
    }
}
