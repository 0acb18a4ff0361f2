//! The in-memory store: one table per entity, records as JSON maps indexed by id, with cached sort orders.

use std::cmp::Ordering;
use std::collections::HashMap;
use std::ops::{Deref, DerefMut};
use std::sync::{Arc, Mutex, OnceLock};

use serde_json::{Map, Value};

use crate::entity::Entity;

/// A stored record.
pub(crate) type Record = Map<String, Value>;

/// A sort specification: field names with "descending" flags.
pub(crate) type SortSpec = Vec<(String, bool)>;

/// Fields read for every row of a list, copied out of the record so filters need no map lookups.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Hot {
    pub inactive: bool,
    pub stock: bool,
    pub client_id: Option<i64>,
    pub toplevel_id: Option<i64>,
}

pub(crate) struct Row {
    pub rec: Record,
    /// Lower-cased name, for `search`.
    pub name_lc: String,
    pub hot: Hot,
    /// The serialised list shape, built on first use and dropped on write.
    list_json: OnceLock<Box<str>>,
}

impl Row {
    fn new(rec: Record, entity: Entity) -> Self {
        let mut row = Row {
            rec,
            name_lc: String::new(),
            hot: Hot::default(),
            list_json: OnceLock::new(),
        };
        row.rederive(entity);
        row
    }

    fn rederive(&mut self, entity: Entity) {
        self.name_lc = name_lc(&self.rec, entity);
        let flag = |f: &str| self.rec.get(f).and_then(Value::as_bool).unwrap_or(false);
        self.hot = Hot {
            inactive: flag("inactive"),
            stock: flag("isstocklocation"),
            client_id: int_of(self.rec.get("client_id")),
            toplevel_id: int_of(self.rec.get("toplevel_id")),
        };
        self.list_json = OnceLock::new();
    }

    /// The row's list shape as JSON text (cached).
    pub fn list_json(&self, entity: Entity) -> &str {
        self.list_json.get_or_init(|| {
            crate::query::project(entity, &self.rec)
                .to_string()
                .into_boxed_str()
        })
    }
}

/// A record borrowed for writing; derived data is rebuilt when it is dropped.
pub(crate) struct RowMut<'a> {
    row: &'a mut Row,
    entity: Entity,
}

impl Deref for RowMut<'_> {
    type Target = Record;
    fn deref(&self) -> &Record {
        &self.row.rec
    }
}

impl DerefMut for RowMut<'_> {
    fn deref_mut(&mut self) -> &mut Record {
        &mut self.row.rec
    }
}

impl Drop for RowMut<'_> {
    fn drop(&mut self) {
        self.row.rederive(self.entity);
    }
}

/// All records of one entity. Ids are dense indexes into `rows` (id 0 is never used).
pub(crate) struct Table {
    entity: Entity,
    rows: Vec<Option<Row>>,
    live: usize,
    sorted: Mutex<HashMap<SortSpec, Arc<Vec<u32>>>>,
}

impl Table {
    fn new(entity: Entity) -> Self {
        Self {
            entity,
            rows: vec![None],
            live: 0,
            sorted: Mutex::new(HashMap::new()),
        }
    }

    pub fn len(&self) -> usize {
        self.live
    }

    pub fn next_id(&self) -> i64 {
        self.rows.len() as i64
    }

    pub fn get(&self, id: i64) -> Option<&Record> {
        usize::try_from(id)
            .ok()
            .and_then(|i| self.rows.get(i))
            .and_then(Option::as_ref)
            .map(|r| &r.rec)
    }

    pub fn get_mut(&mut self, id: i64) -> Option<RowMut<'_>> {
        self.invalidate();
        let entity = self.entity;
        let i = usize::try_from(id).ok()?;
        self.rows
            .get_mut(i)
            .and_then(Option::as_mut)
            .map(|row| RowMut { row, entity })
    }

    pub fn row(&self, id: u32) -> Option<&Row> {
        self.rows.get(id as usize).and_then(Option::as_ref)
    }

    /// Stores `rec` under the next id, which is written into the record; returns the id.
    pub fn insert(&mut self, mut rec: Record) -> i64 {
        let id = self.next_id();
        rec.insert("id".into(), Value::from(id));
        self.rows.push(Some(Row::new(rec, self.entity)));
        self.live += 1;
        self.invalidate();
        id
    }

    /// Merges `fields` into record `id` (only the sent fields change). Returns false when absent.
    pub fn merge(&mut self, id: i64, fields: Record) -> bool {
        let entity = self.entity;
        let Some(row) = usize::try_from(id)
            .ok()
            .and_then(|i| self.rows.get_mut(i))
            .and_then(Option::as_mut)
        else {
            return false;
        };
        for (k, v) in fields {
            if k != "id" {
                row.rec.insert(k, v);
            }
        }
        row.rederive(entity);
        self.invalidate();
        true
    }

    pub fn remove(&mut self, id: i64) -> Option<Record> {
        let i = usize::try_from(id).ok()?;
        let row = self.rows.get_mut(i)?.take()?;
        self.live -= 1;
        self.invalidate();
        Some(row.rec)
    }

    /// Ids of live records, ascending.
    pub fn ids(&self) -> impl Iterator<Item = i64> + '_ {
        self.rows
            .iter()
            .enumerate()
            .filter(|(_, r)| r.is_some())
            .map(|(i, _)| i as i64)
    }

    pub fn records(&self) -> impl Iterator<Item = &Record> + '_ {
        self.rows.iter().filter_map(|r| r.as_ref().map(|r| &r.rec))
    }

    fn invalidate(&self) {
        if let Ok(mut cache) = self.sorted.lock() {
            cache.clear();
        }
    }

    /// Live ids in the order given by `spec` (then by id), cached until the next write.
    pub fn sorted(&self, spec: &SortSpec) -> Arc<Vec<u32>> {
        if let Some(hit) = self.sorted.lock().ok().and_then(|c| c.get(spec).cloned()) {
            return hit;
        }
        let ids: Vec<u32> = self
            .rows
            .iter()
            .enumerate()
            .filter(|(_, r)| r.is_some())
            .map(|(i, _)| i as u32)
            .collect();
        // extract each row's keys once (map lookups are the expensive part), then sort
        let mut keyed: Vec<(Vec<SortKey>, u32)> = ids
            .into_iter()
            .map(|id| {
                let row = self.row(id);
                let keys = spec
                    .iter()
                    .map(|(field, _)| match row {
                        Some(r) if field == self.entity.name_field() => {
                            SortKey::Str(r.name_lc.clone())
                        }
                        Some(r) => SortKey::of(r.rec.get(field.as_str())),
                        None => SortKey::Null,
                    })
                    .collect();
                (keys, id)
            })
            .collect();
        keyed.sort_by(|(ka, a), (kb, b)| {
            for (i, (_, desc)) in spec.iter().enumerate() {
                let ord = ka[i].cmp(&kb[i]);
                let ord = if *desc { ord.reverse() } else { ord };
                if ord != Ordering::Equal {
                    return ord;
                }
            }
            a.cmp(b)
        });
        let ids: Vec<u32> = keyed.into_iter().map(|(_, id)| id).collect();
        let ids = Arc::new(ids);
        if let Ok(mut cache) = self.sorted.lock() {
            cache.insert(spec.clone(), ids.clone());
        }
        ids
    }
}

fn name_lc(rec: &Record, entity: Entity) -> String {
    rec.get(entity.name_field())
        .and_then(Value::as_str)
        .map(str::to_lowercase)
        .unwrap_or_default()
}

/// A value as sorted: nulls first, then booleans, numbers, strings (lower-cased), the rest.
#[derive(Debug, PartialEq, PartialOrd)]
enum SortKey {
    Null,
    Bool(bool),
    Num(f64),
    Str(String),
    Other,
}

impl SortKey {
    fn of(v: Option<&Value>) -> Self {
        match v {
            None | Some(Value::Null) => SortKey::Null,
            Some(Value::Bool(b)) => SortKey::Bool(*b),
            Some(Value::Number(n)) => SortKey::Num(n.as_f64().unwrap_or(0.0)),
            Some(Value::String(s)) => SortKey::Str(s.to_lowercase()),
            Some(_) => SortKey::Other,
        }
    }

    fn cmp(&self, other: &Self) -> Ordering {
        self.partial_cmp(other).unwrap_or(Ordering::Equal)
    }
}

/// Every table, indexed by [`Entity::index`].
pub(crate) struct Store {
    tables: Vec<Table>,
}

impl Store {
    pub fn new() -> Self {
        Self {
            tables: Entity::ALL.into_iter().map(Table::new).collect(),
        }
    }

    pub fn table(&self, e: Entity) -> &Table {
        &self.tables[e.index()]
    }

    pub fn table_mut(&mut self, e: Entity) -> &mut Table {
        &mut self.tables[e.index()]
    }

    pub fn get(&self, e: Entity, id: i64) -> Option<&Record> {
        self.table(e).get(id)
    }

    /// A string field of a stored record.
    pub fn str_field(&self, e: Entity, id: i64, field: &str) -> Option<String> {
        self.get(e, id)
            .and_then(|r| r.get(field))
            .and_then(Value::as_str)
            .map(str::to_owned)
    }
}

/// The integer value of a field, accepting Halo's doubles (site `client_id`) and numeric strings.
pub(crate) fn int_of(v: Option<&Value>) -> Option<i64> {
    match v? {
        Value::Number(n) => n
            .as_i64()
            .or_else(|| n.as_f64().filter(|f| f.fract() == 0.0).map(|f| f as i64)),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn rec(v: Value) -> Record {
        v.as_object().cloned().unwrap()
    }

    #[test]
    fn merge_changes_only_sent_fields_and_keeps_id() {
        let mut t = Table::new(Entity::Client);
        let id = t.insert(rec(json!({"name": "A", "notes": "x"})));
        assert!(t.merge(id, rec(json!({"id": 99, "notes": "y"}))));
        assert_eq!(
            Value::Object(t.get(id).unwrap().clone()),
            json!({"id": 1, "name": "A", "notes": "y"})
        );
    }

    #[test]
    fn sort_cache_is_dropped_on_write() {
        let mut t = Table::new(Entity::Client);
        t.insert(rec(json!({"name": "b"})));
        t.insert(rec(json!({"name": "A"})));
        let spec = vec![("name".to_owned(), false)];
        assert_eq!(*t.sorted(&spec), vec![2, 1]);
        t.insert(rec(json!({"name": "a0"})));
        assert_eq!(*t.sorted(&spec), vec![2, 3, 1]);
        t.remove(2);
        assert_eq!(*t.sorted(&spec), vec![3, 1]);
    }

    #[test]
    fn values_order_like_sql() {
        let key = |v: Value| SortKey::of(Some(&v));
        assert_eq!(SortKey::of(None).cmp(&key(json!(1))), Ordering::Less);
        assert_eq!(key(json!("b")).cmp(&key(json!("A"))), Ordering::Greater);
        assert_eq!(key(json!(2.0)).cmp(&key(json!(10))), Ordering::Less);
        assert_eq!(key(json!(false)).cmp(&key(json!(0))), Ordering::Less);
    }

    #[test]
    fn writes_through_get_mut_refresh_derived_data() {
        let mut t = Table::new(Entity::Client);
        let id = t.insert(rec(json!({"name": "Old", "inactive": false})));
        let before = t
            .row(id as u32)
            .unwrap()
            .list_json(Entity::Client)
            .to_owned();
        assert!(before.contains("Old"));
        if let Some(mut r) = t.get_mut(id) {
            r.insert("name".into(), json!("New"));
            r.insert("inactive".into(), json!(true));
        }
        let row = t.row(id as u32).unwrap();
        assert_eq!(row.name_lc, "new");
        assert!(row.hot.inactive);
        assert!(row.list_json(Entity::Client).contains("New"));
    }

    #[test]
    fn int_of_accepts_doubles_and_numeric_strings() {
        assert_eq!(int_of(Some(&json!(12.0))), Some(12));
        assert_eq!(int_of(Some(&json!("7"))), Some(7));
        assert_eq!(int_of(Some(&json!(1.5))), None);
        assert_eq!(int_of(Some(&json!("x"))), None);
    }
}
