//! The demo's week of history: written once, through the store, so the Reports screen has
//! something to show.

use crate::support;

use app::domain::reports::EventKind as K;
use app::ssr::now_ms;
use support::Db;

on_both_databases!(the_demo_week_is_written_once_with_the_bots_part);

async fn the_demo_week_is_written_once_with_the_bots_part(db: Db) {
    let app = support::spawn(db, |_| {}).await;
    server::demo::seed(&app.state).await.expect("users");
    server::demo::bot::seed(&app.state, true)
        .await
        .expect("bot");
    server::demo::reports::seed_week(&app.state)
        .await
        .expect("week");
    let until = now_ms();
    let facts = app
        .state
        .store
        .report_facts(until - 8 * 86_400_000, until)
        .await
        .expect("facts");
    let count = |kind| facts.events.iter().filter(|e| e.kind == kind).count();
    assert_eq!(count(K::Created), 35, "five conversations a day for a week");
    assert_eq!(
        count(K::BotResolved),
        3,
        "every other day the bot resolves one"
    );
    assert_eq!(count(K::HandedOff), 11, "a handoff a day, and each ad's");
    assert_eq!(count(K::Resolved), 32);
    assert_eq!(
        facts.ads.len(),
        4,
        "ads on the days the bot does not resolve"
    );
    let marketing = facts
        .outbound
        .iter()
        .filter(|o| o.pricing_category.as_deref() == Some("marketing"))
        .count();
    assert_eq!(marketing, 7, "a template a day, priced by Meta's statuses");
    assert!(
        facts.outbound.iter().all(|o| o.status != "pending"),
        "nothing left for the worker to send to the simulator"
    );

    server::demo::reports::seed_week(&app.state)
        .await
        .expect("again");
    let again = app
        .state
        .store
        .report_facts(until - 8 * 86_400_000, now_ms())
        .await
        .expect("facts");
    assert_eq!(again.events.len(), facts.events.len(), "seeded once");
}
