use super::*;
use serde_json::json;

fn deactivate(items: Vec<Item>) -> Job {
    Job {
        id: 4,
        owner: "local:ann".into(),
        kind: EntityKind::Clients,
        action: Action::Set {
            field: "inactive".into(),
            label: "Inactive".into(),
            value: json!(true),
            shown: "Inactive".into(),
        },
        back: "/clients?q=a".into(),
        state: JobState::Finished,
        started_at: "10:00".into(),
        items,
    }
}

fn item(id: i32, state: ItemState, before: Value, expect: Value) -> Item {
    Item {
        state,
        before: Some(before),
        expect: Some(expect),
        ..Item::pending(id, format!("Client {id}"))
    }
}

#[test]
fn a_set_sends_the_value_only_to_records_that_do_not_hold_it() {
    let job = deactivate(vec![]);
    let one = Item::pending(1, "A".into());
    assert_eq!(
        target(&job.action, &one, &json!(false)),
        Ok(Some(json!(true)))
    );
    assert_eq!(target(&job.action, &one, &json!(true)), Ok(None));
    let top = Action::Set {
        field: "toplevel_id".into(),
        label: "Top level".into(),
        value: json!(3),
        shown: "Europe".into(),
    };
    assert_eq!(target(&top, &one, &json!(3.0)), Ok(None), "3.0 is 3");
    assert_eq!(target(&top, &one, &Value::Null), Ok(Some(json!(3))));
    assert_eq!(target(&Action::Delete, &one, &Value::Null), Ok(None));
}

#[test]
fn undo_restores_only_changed_records_that_still_hold_the_written_value() {
    let job = deactivate(vec![
        item(1, ItemState::Done, json!(false), json!(true)),
        item(2, ItemState::Unchanged, json!(true), json!(true)),
        item(3, ItemState::Failed, json!(false), json!(true)),
        Item::pending(4, "D".into()),
        item(5, ItemState::Done, Value::Null, json!(true)),
    ]);
    let undo = job
        .undo("local:ann", "11:00".into())
        .expect("two records changed");
    assert_eq!(
        undo.items.iter().map(|i| i.id).collect::<Vec<_>>(),
        vec![1, 5],
        "only the records the job changed"
    );
    assert_eq!(undo.title(), "Undo job 4: restore Status on 2 clients");
    assert_eq!(undo.state, JobState::Running);
    let (first, missing) = (&undo.items[0], &undo.items[1]);
    assert_eq!(
        target(&undo.action, first, &json!(true)),
        Ok(Some(json!(false)))
    );
    assert_eq!(
        target(&undo.action, missing, &json!(true)),
        Ok(Some(json!(false))),
        "a flag HaloPSA did not send goes back to off, never null"
    );
    let changed = target(&undo.action, first, &json!(false));
    assert!(changed.is_err(), "changed since: skipped, {changed:?}");
    assert!(
        undo.undo("local:ann", String::new()).is_none(),
        "an undo has no undo"
    );
    let running = Job {
        state: JobState::Running,
        ..job.clone()
    };
    assert!(
        running.undo("x", String::new()).is_none(),
        "not while it runs"
    );
    let delete = Job {
        action: Action::Delete,
        ..job
    };
    assert!(delete.undo("x", String::new()).is_none());
}

#[test]
fn counts_resume_and_titles() {
    let mut job = deactivate(vec![
        item(1, ItemState::Done, json!(false), json!(true)),
        item(2, ItemState::Unchanged, json!(true), json!(true)),
        item(3, ItemState::Failed, json!(false), json!(true)),
        item(4, ItemState::Skipped, json!(false), json!(true)),
        Item::pending(5, "E".into()),
    ]);
    assert_eq!(
        job.counts(),
        Counts {
            done: 2,
            failed: 1,
            skipped: 1,
            left: 1
        }
    );
    assert_eq!(job.next_pending(), Some(4));
    assert_eq!(job.title(), "Deactivate 5 clients");
    job.state = JobState::Cancelled;
    assert!(job.resumable(false));
    job.state = JobState::Running;
    assert!(
        job.resumable(false),
        "stored as running, run by no one: interrupted"
    );
    assert!(!job.resumable(true), "running now");
    job.items[4].state = ItemState::Done;
    job.state = JobState::Cancelled;
    assert!(!job.resumable(false), "nothing left");
    let activate = Action::Set {
        field: "inactive".into(),
        label: "Inactive".into(),
        value: json!(false),
        shown: "Active".into(),
    };
    assert_eq!(activate.title(1, EntityKind::Sites), "Activate 1 site");
    let top = Action::Set {
        field: "toplevel_id".into(),
        label: "Top level".into(),
        value: json!(3),
        shown: "Europe".into(),
    };
    assert_eq!(
        top.title(3, EntityKind::Clients),
        "Set Top level to \u{201c}Europe\u{201d} on 3 clients"
    );
    assert_eq!(
        Action::Delete.title(2, EntityKind::Suppliers),
        "Delete 2 companies"
    );
}
