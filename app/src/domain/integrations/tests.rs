use super::destinations::{check, is_public, Refusal};
use super::tokens::{admit, name, rate, shown_prefix, well_formed, Scope};
use super::webhooks::{destination, event_selection, next_attempt, url, EventType, RETRY_FOR_MS};
use crate::domain::pacing::Bucket;
use crate::domain::reports::EventKind;
use crate::domain::validation::{Field, Problem};
use std::net::IpAddr;

fn ip(s: &str) -> IpAddr {
    s.parse().unwrap()
}

#[test]
fn scopes_include_the_ones_below() {
    assert!(Scope::Admin.allows(Scope::Write));
    assert!(Scope::Write.allows(Scope::Read));
    assert!(!Scope::Read.allows(Scope::Write));
    assert!(!Scope::Write.allows(Scope::Admin));
    assert_eq!(Scope::parse(" WRITE "), Some(Scope::Write));
    assert_eq!(Scope::parse("owner"), None);
}

#[test]
fn tokens_are_recognised_by_shape() {
    let token = format!("bzn_{}", "a1B2".repeat(8));
    assert!(well_formed(&token));
    assert!(!well_formed("bzn_short"));
    assert!(!well_formed(&format!("xyz_{}", "a1B2".repeat(8))));
    assert!(!well_formed(
        &format!("bzn_{}-", "a1B2".repeat(8)).replacen('a', "", 1)
    ));
    assert_eq!(shown_prefix(&token), "bzn_a1B2a1B2");
}

#[test]
fn token_names_are_trimmed_and_bounded() {
    assert_eq!(name("  CRM sync "), Ok("CRM sync".into()));
    assert_eq!(name("   "), Err((Field::TokenName, Problem::Empty)));
    assert_eq!(
        name(&"x".repeat(81)),
        Err((Field::TokenName, Problem::TooLong { max: 80 }))
    );
}

#[test]
fn the_rate_limit_admits_a_burst_then_says_when_to_retry() {
    let per_minute = rate(3);
    let mut bucket = Bucket::full(per_minute, 0);
    for _ in 0..3 {
        assert_eq!(admit(&mut bucket, per_minute, 0), Ok(()));
    }
    // One request refills every 20 s.
    assert_eq!(admit(&mut bucket, per_minute, 0), Err(20));
    assert_eq!(admit(&mut bucket, per_minute, 15_000), Err(5));
    assert_eq!(admit(&mut bucket, per_minute, 20_000), Ok(()));
}

#[test]
fn logged_events_map_to_webhook_events() {
    assert_eq!(
        EventType::of_logged(EventKind::Created),
        Some(EventType::ConversationCreated)
    );
    assert_eq!(
        EventType::of_logged(EventKind::TakenOver),
        Some(EventType::ConversationAssigned)
    );
    assert_eq!(
        EventType::of_logged(EventKind::HandedOff),
        Some(EventType::ConversationHandoff)
    );
    assert_eq!(
        EventType::of_logged(EventKind::Unlabelled),
        Some(EventType::ConversationLabels)
    );
    assert_eq!(
        EventType::of_logged(EventKind::Resolved),
        Some(EventType::ConversationUpdated)
    );
    assert_eq!(EventType::of_logged(EventKind::CustomerMessage), None);
    for event in EventType::ALL {
        assert_eq!(EventType::parse(event.as_str()), Some(event));
        assert_eq!(
            serde_json::to_value(event).unwrap(),
            serde_json::Value::String(event.as_str().into())
        );
    }
}

#[test]
fn an_endpoint_chooses_known_events_once() {
    let chosen = event_selection(&[
        "message.updated".into(),
        "message.created".into(),
        "message.updated".into(),
    ]);
    assert_eq!(
        chosen,
        Ok(vec![EventType::MessageCreated, EventType::MessageUpdated])
    );
    assert_eq!(
        event_selection(&[]),
        Err((Field::WebhookEvents, Problem::Empty))
    );
    assert_eq!(
        event_selection(&["message.deleted".into()]),
        Err((Field::WebhookEvents, Problem::Malformed))
    );
}

#[test]
fn failed_deliveries_back_off_and_are_tried_for_a_day() {
    let created = 1_000_000;
    assert_eq!(next_attempt(1, created, created), Some(created + 10_000));
    assert_eq!(
        next_attempt(2, created, created + 10_000),
        Some(created + 40_000)
    );
    // Late attempts wait six hours, but one always falls on the deadline.
    let late = created + RETRY_FOR_MS - 60_000;
    assert_eq!(
        next_attempt(30, created, late),
        Some(created + RETRY_FOR_MS)
    );
    assert_eq!(next_attempt(31, created, created + RETRY_FOR_MS), None);
    const { assert!(RETRY_FOR_MS >= 24 * 60 * 60 * 1000) };
    // The attempts of a day: the schedule does not give up early.
    let (mut at, mut attempts) = (created, 0);
    while let Some(next) = next_attempt(attempts + 1, created, at) {
        attempts += 1;
        at = next;
    }
    assert!(at >= created + 24 * 60 * 60 * 1000);
    assert!(attempts < 20, "{attempts} attempts");
}

#[test]
fn endpoint_urls_must_be_plain_http_or_https() {
    assert_eq!(
        url(" https://crm.example.com/hooks/buzon?x=1 "),
        Ok("https://crm.example.com/hooks/buzon?x=1".into())
    );
    assert!(url("http://10.0.0.5:8080/in").is_ok());
    for bad in [
        "ftp://example.com",
        "https://",
        "https://user:pw@example.com/",
        "example.com/hook",
        "https://exa mple.com",
    ] {
        assert_eq!(
            url(bad),
            Err((Field::WebhookUrl, Problem::Malformed)),
            "{bad}"
        );
    }
    assert_eq!(url(""), Err((Field::WebhookUrl, Problem::Empty)));
}

/// The guard must judge the host the HTTP client will connect to, however the URL is spelled.
#[test]
fn the_host_judged_is_the_host_connected_to() {
    let judged = |raw: &str| {
        let stored = url(raw).expect("valid");
        destination(&url::Url::parse(&stored).expect("parses")).expect("a host")
    };
    assert_eq!(judged("http://127.0.0.%31:9/"), ("127.0.0.1".into(), 9));
    assert_eq!(judged("http://0x7f.1/"), ("127.0.0.1".into(), 80));
    assert_eq!(judged("https://[::1]/in"), ("::1".into(), 443));
    assert_eq!(
        judged("HTTPS://CRM.Example.com/x"),
        ("crm.example.com".into(), 443)
    );
    assert_eq!(
        judged("http://crm.example.com\\@127.0.0.1/"),
        ("crm.example.com".into(), 80),
        "a backslash ends the host, as reqwest reads it"
    );
    assert_eq!(
        url("http://127.0.0.%31:9/x").as_deref(),
        Ok("http://127.0.0.1:9/x"),
        "stored the way it will be read"
    );
    for bad in [
        "http://a@b.example/",
        "http://:pw@b.example/",
        "http://exa\tmple.com/",
    ] {
        assert!(url(bad).is_err(), "{bad}");
    }
}

#[test]
fn only_public_addresses_are_reached_unless_allowed() {
    for private in [
        "127.0.0.1",
        "10.1.2.3",
        "172.16.0.1",
        "192.168.1.1",
        "169.254.169.254",
        "100.64.0.1",
        "0.0.0.0",
        "224.0.0.1",
        "::1",
        "fe80::1",
        "fd00::1",
        "::ffff:127.0.0.1",
        "64:ff9b::a00:1",
    ] {
        assert!(!is_public(ip(private)), "{private}");
    }
    for public in ["93.184.216.34", "8.8.8.8", "2606:4700::1111"] {
        assert!(is_public(ip(public)), "{public}");
    }
    // One private address among public ones is enough to refuse (DNS may point anywhere).
    assert_eq!(
        check(&[ip("8.8.8.8"), ip("10.0.0.1")], false),
        Err(Refusal::NotPublic)
    );
    assert_eq!(check(&[ip("10.0.0.1")], true), Ok(()));
    assert_eq!(check(&[], true), Err(Refusal::Unresolvable));
}
