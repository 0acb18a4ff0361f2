//! The generator's state and the small random pieces every section of the demo data uses.

use chrono::Duration as ChronoDuration;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde_json::{json, Value};

use super::defaults::new_record_defaults;
use super::words::*;
use super::{anchor, rec, TIME_FORMAT};
use crate::config::DemoAgent;
use crate::entity::Entity;
use crate::store::Store;

/// The generator's state: the seeded random source, the store being filled and the technicians
/// records are assigned to.
pub(super) struct Gen {
    pub(super) rng: ChaCha8Rng,
    pub(super) store: Store,
    now: String,
    techs: Vec<DemoAgent>,
}

impl Gen {
    /// Technicians are every agent but the first (the API account), or the only one there is.
    pub(super) fn new(seed: u64, agents: &[DemoAgent]) -> Self {
        let techs = if agents.len() > 1 {
            agents[1..].to_vec()
        } else {
            agents.to_vec()
        };
        Gen {
            rng: ChaCha8Rng::seed_from_u64(seed),
            store: Store::new(),
            now: anchor().format(TIME_FORMAT).to_string(),
            techs,
        }
    }

    /// A technician, picked at random.
    pub(super) fn tech(&mut self) -> DemoAgent {
        let i = self.rng.gen_range(0..self.techs.len());
        self.techs[i].clone()
    }

    pub(super) fn pick<'a, T>(&mut self, list: &'a [T]) -> &'a T {
        list.choose(&mut self.rng).unwrap_or(&list[0])
    }

    pub(super) fn chance(&mut self, p: f64) -> bool {
        self.rng.gen_bool(p.clamp(0.0, 1.0))
    }

    pub(super) fn guid(&mut self) -> String {
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
    pub(super) fn past(&mut self, max_days: i64) -> String {
        let secs = self.rng.gen_range(0..max_days.max(1) * 86_400);
        (anchor() - ChronoDuration::seconds(secs))
            .format(TIME_FORMAT)
            .to_string()
    }

    pub(super) fn city(&mut self) -> &'static City {
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

    pub(super) fn phone(&mut self, c: &City) -> String {
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
    pub(super) fn address(&mut self, c: &City) -> [Value; 5] {
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

    pub(super) fn company_suffix(&mut self, country: &str) -> &'static str {
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

    pub(super) fn client_name(&mut self, c: &City) -> String {
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

    pub(super) fn person(&mut self) -> (String, String) {
        (
            (*self.pick(FIRST_NAMES)).to_owned(),
            (*self.pick(SURNAMES)).to_owned(),
        )
    }

    pub(super) fn insert(&mut self, e: Entity, fields: Value) -> i64 {
        let mut r = new_record_defaults(e, &self.now, 0);
        for (k, v) in rec(fields) {
            r.insert(k, v);
        }
        let name = r
            .get("name")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_owned();
        if let Some(custom) = r.get_mut("customfields") {
            super::custom_fields::fill_demo(custom, &name);
        }
        self.store.table_mut(e).insert(r)
    }
}
