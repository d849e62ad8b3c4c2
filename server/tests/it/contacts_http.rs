//! The contacts screen, its export and the audit log over real HTTP, on both databases, for
//! every role: agents cannot list, export or read the audit log; supervisors list and export
//! (an audited act); only admins read the audit log, which records sign-ins, failed ones and
//! the export itself.

use crate::support;

use app::domain::roles::Role;
use serde_json::json;
use support::console::*;
use support::{Db, TestApp};

on_both_databases!(every_role_gets_what_it_may_and_the_log_tells,);

async fn every_role_gets_what_it_may_and_the_log_tells(db: Db) {
    let app: TestApp = support::spawn(db, |_| {}).await;
    let agent = signed_in(&app, "agent@example.com", Role::Agent).await;
    let supervisor = signed_in(&app, "sup@example.com", Role::Supervisor).await;
    let admin = signed_in(&app, "admin@example.com", Role::Admin).await;
    let stranger = app.client();
    let failed = app
        .login(&stranger, "admin@example.com", "not the password")
        .await;
    assert_eq!(failed.status, 401);
    let query = json!({ "query": {} });
    for path in ["contacts/list", "contacts/csv", "audit"] {
        let reply = app.call_json(&agent.client, path, &query).await;
        assert_eq!(reply.status, 403, "agent on {path}: {:?}", reply.json);
    }
    let reply = app.call_json(&supervisor.client, "audit", &query).await;
    assert_eq!(reply.status, 403, "supervisor on the audit log");
    let page = app
        .call_json(&supervisor.client, "contacts/list", &query)
        .await;
    assert_eq!(page.status, 200, "{:?}", page.json);
    assert!(page.json["rows"].as_array().is_some());
    let csv = app
        .call_json(&supervisor.client, "contacts/csv", &query)
        .await;
    assert_eq!(csv.status, 200, "{:?}", csv.json);
    assert!(csv
        .json
        .as_str()
        .unwrap_or_default()
        .starts_with("id,name,phone"));
    let log = app.call_json(&admin.client, "audit", &query).await;
    assert_eq!(log.status, 200, "{:?}", log.json);
    let entries = log.json["entries"].as_array().expect("entries").clone();
    let seen = |action: &str, actor: &str| {
        entries
            .iter()
            .any(|e| e["action"] == action && e["actor"] == actor)
    };
    assert!(seen("contacts_exported", "sup@example.com"), "{entries:?}");
    assert!(seen("sign_in_failed", "admin@example.com"), "{entries:?}");
    for who in ["agent@example.com", "sup@example.com", "admin@example.com"] {
        assert!(seen("sign_in", who), "{who}: {entries:?}");
    }
}
