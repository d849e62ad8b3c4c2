//! Every fixture kind parsed into the desk's typed model, field by field.

use crate::support;

use app::domain::contacts::MarketingConsent;
use app::domain::message::{DeliveryStatus, MediaKind, MessageBody, ReplyKind, SystemKind};
use app::ssr::ingest::{InboundMessage, IngestEvent, Pricing, StatusUpdate, TemplateChange};
use server::whatsapp::webhook::{parse, Malformed};
use support::{fixture, fixture_with};

const OURS: Option<&str> = Some(support::PHONE_NUMBER_ID);

fn events(file: &str, case: &str) -> Vec<IngestEvent> {
    parse(&fixture(file, case), OURS, 0).expect("parses").events
}

fn message(case: &str) -> InboundMessage {
    message_in("message", case)
}

fn message_in(file: &str, case: &str) -> InboundMessage {
    match events(file, case).as_slice() {
        [IngestEvent::Message(m)] => (**m).clone(),
        other => panic!("{file}/{case}: expected one message, got {other:?}"),
    }
}

fn template(file: &str, case: &str) -> app::ssr::ingest::TemplateEvent {
    match events(file, case).as_slice() {
        [IngestEvent::Template(t)] => t.clone(),
        other => panic!("{file}/{case}: expected one template event, got {other:?}"),
    }
}

fn status(case: &str) -> StatusUpdate {
    match events("message_status", case).as_slice() {
        [IngestEvent::Status(s)] => s.clone(),
        other => panic!("{case}: expected one status, got {other:?}"),
    }
}

#[test]
fn text_with_sender_ids_and_profile() {
    let m = message("text");
    assert_eq!(m.wamid, "wamid.xyzxyz");
    assert_eq!(m.sent_at_ms, 1_697_043_223_000);
    assert_eq!(
        m.body,
        MessageBody::Text {
            body: "Body Text".into()
        }
    );
    assert_eq!(m.from.wa_id.as_deref(), Some("972987654321"));
    assert_eq!(m.from.user_id.as_deref(), Some("US.13491208655302741918"));
    assert_eq!(
        m.from.parent_user_id.as_deref(),
        Some("US.ENT.11815799212886844830")
    );
    assert_eq!(m.from.name.as_deref(), Some("Test Name"));
    assert!(m.raw.contains("Body Text"), "the raw message is kept");
}

#[test]
fn media_of_every_kind() {
    let cases = [
        ("image", MediaKind::Image),
        ("media_with_url", MediaKind::Image),
        ("video", MediaKind::Video),
        ("document", MediaKind::Document),
        ("audio", MediaKind::Audio),
        ("voice", MediaKind::Audio),
        ("static_sticker", MediaKind::Sticker),
        ("animated_sticker", MediaKind::Sticker),
    ];
    for (case, kind) in cases {
        let MessageBody::Media(media) = message(case).body else {
            panic!("{case} is media");
        };
        assert_eq!(media.kind, kind, "{case}");
        assert!(!media.media_id.is_empty(), "{case}");
        assert!(media.mime_type.is_some(), "{case}");
    }
    let MessageBody::Media(doc) = message("document").body else {
        unreachable!()
    };
    assert_eq!(doc.filename.as_deref(), Some("filename.pdf"));
    assert_eq!(doc.caption.as_deref(), Some("caption"));
    assert_eq!(doc.mime_type.as_deref(), Some("application/pdf"));
    let MessageBody::Media(voice) = message("voice").body else {
        unreachable!()
    };
    assert!(voice.voice);
    assert_eq!(voice.mime_type.as_deref(), Some("audio/ogg; codecs=opus"));
    let MessageBody::Media(sticker) = message("animated_sticker").body else {
        unreachable!()
    };
    assert!(sticker.animated);
    let MessageBody::Media(image) = message("image").body else {
        unreachable!()
    };
    assert_eq!(image.media_id, "65463453");
    assert_eq!(image.sha256.as_deref(), Some("4654+8g="));
}

#[test]
fn reactions_and_their_removal() {
    assert_eq!(
        message("reaction").body,
        MessageBody::Reaction {
            target_wamid: "wamid.yzxyzx=".into(),
            emoji: Some("😮".into())
        }
    );
    for case in ["unreaction_empty", "unreaction_no_emoji"] {
        assert_eq!(
            message(case).body,
            MessageBody::Reaction {
                target_wamid: "wamid.yzxyzx=".into(),
                emoji: None
            },
            "{case}"
        );
    }
}

#[test]
fn locations() {
    let MessageBody::Location(here) = message("current_location").body else {
        panic!()
    };
    assert_eq!((here.latitude, here.longitude), (12.25089, 43.90539));
    assert_eq!(here.name, None);
    let MessageBody::Location(chosen) = message("chosen_location").body else {
        panic!()
    };
    assert_eq!(chosen.name.as_deref(), Some("Facebook HQ"));
    assert_eq!(
        chosen.address.as_deref(),
        Some("1 Hacker Way, Menlo Park, CA 94025")
    );
    assert!(chosen.url.is_some());
}

#[test]
fn shared_contacts() {
    let MessageBody::Contacts { contacts } = message("contacts").body else {
        panic!()
    };
    assert_eq!(contacts.len(), 3);
    assert_eq!(contacts[0].name, "Chandler Bing");
    assert_eq!(contacts[0].phones[0].phone, "+1 555-555-5555");
    assert_eq!(contacts[0].phones[0].wa_id.as_deref(), Some("972987654321"));
    assert_eq!(contacts[0].phones[0].kind.as_deref(), Some("CELL"));
    assert_eq!(contacts[1].name, "Monica");
}

#[test]
fn orders() {
    let MessageBody::Order {
        catalog_id,
        text,
        items,
    } = message("order").body
    else {
        panic!()
    };
    assert_eq!(catalog_id, "354160437058781");
    assert_eq!(text, None, "an empty note is no note");
    assert_eq!(items.len(), 3);
    assert_eq!(items[0].product_retailer_id, "HAMBURGER");
    assert_eq!((items[0].quantity, items[0].item_price), (3.0, 30.0));
    assert_eq!(items[0].currency, "ILS");
}

#[test]
fn unsupported_messages_keep_what_whatsapp_said() {
    let MessageBody::Unsupported { what, error } = message("unsupported").body else {
        panic!()
    };
    assert_eq!(what, None);
    let error = error.expect("error kept");
    assert_eq!(error.code, 131051);
    assert_eq!(error.title, "Message type unknown");
    assert_eq!(
        error.details.as_deref(),
        Some("Message type is currently not supported.")
    );
    let MessageBody::Unsupported { what, .. } = message("unsupported_with_type").body else {
        panic!()
    };
    assert_eq!(what.as_deref(), Some("pool"));
    // An interactive message whose content is missing is unsupported, not an error.
    let m = message("interactive_message_with_err");
    assert!(
        matches!(m.body, MessageBody::Unsupported { .. }),
        "{:?}",
        m.body
    );
}

#[test]
fn unknown_types_are_kept_not_refused() {
    let body = br#"{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{
        "messaging_product":"whatsapp","metadata":{"phone_number_id":"1122334455667"},
        "contacts":[{"profile":{"name":"X"},"wa_id":"34600111222"}],
        "messages":[{"from":"34600111222","id":"wamid.hologram","timestamp":"1700000000","type":"hologram","hologram":{"beam":1}}]}}]}]}"#;
    let parsed = parse(body, OURS, 0).expect("parses");
    let [IngestEvent::Message(m)] = parsed.events.as_slice() else {
        panic!()
    };
    assert_eq!(
        m.body,
        MessageBody::Unsupported {
            what: Some("hologram".into()),
            error: None
        }
    );
    assert!(m.raw.contains("beam"), "the unknown content is kept raw");
}

#[test]
fn replies_forwards_and_ads() {
    let reply = message("reply");
    assert_eq!(
        reply.context.quoted_wamid.as_deref(),
        Some("wamid.xyzxyz==")
    );
    assert!(message("forwarded").context.forwarded);
    assert!(message("forwarded_many_times").context.frequently_forwarded);
    let ad = message("referral");
    let referral = ad.referral.expect("referral");
    assert_eq!(referral.source_id.as_deref(), Some("ADID"));
    assert_eq!(referral.source_url.as_deref(), Some("AD_OR_POST_FB_URL"));
    assert_eq!(referral.headline.as_deref(), Some("AD_TITLE"));
    assert_eq!(referral.body.as_deref(), Some("AD_DESCRIPTION"));
    assert_eq!(referral.ctwa_clid.as_deref(), Some("CTWA_CLID"));
    assert_eq!(referral.image_url.as_deref(), Some("RAW_IMAGE_URL"));
    assert_eq!(
        ad.body,
        MessageBody::Text {
            body: "BODY".into()
        }
    );
}

#[test]
fn button_and_list_replies() {
    let b = message_in("callback_button", "button");
    assert_eq!(
        b.body,
        MessageBody::InteractiveReply {
            reply: ReplyKind::Button,
            id: "callback_data".into(),
            title: "title".into(),
            description: None,
            response_json: None
        }
    );
    assert_eq!(b.context.quoted_wamid.as_deref(), Some("wamid.xyzxyz"));
    assert_eq!(
        message_in("callback_button", "quick_reply").body,
        MessageBody::TemplateButton {
            payload: "callback_data".into(),
            text: "title".into()
        }
    );
    let no_context = message_in("callback_button", "quick_reply_without_context");
    assert_eq!(
        no_context.from.user_id.as_deref(),
        Some("US.13491208655302741918")
    );
    let MessageBody::InteractiveReply {
        reply, description, ..
    } = message_in("callback_selection", "description").body
    else {
        panic!()
    };
    assert_eq!(reply, ReplyKind::List);
    assert_eq!(description.as_deref(), Some("description"));
    let MessageBody::InteractiveReply {
        reply,
        response_json,
        ..
    } = message_in("flow_completion", "completion").body
    else {
        panic!()
    };
    assert_eq!(reply, ReplyKind::Flow);
    assert!(response_json.expect("answers").contains("delivery_rating"));
}

#[test]
fn system_messages() {
    let changed = message_in("system", "phone_number_change");
    assert_eq!(
        changed.body,
        MessageBody::System {
            system: SystemKind::NumberChanged,
            body: "User A changed from 972987654321 to 972912345678".into(),
            new_wa_id: Some("972912345678".into()),
            new_user_id: None
        }
    );
    assert_eq!(
        changed.from.wa_id.as_deref(),
        Some("972987654321"),
        "no contacts[]: from"
    );
    let MessageBody::System { system, .. } = message_in("system", "identity_change").body else {
        panic!()
    };
    assert_eq!(system, SystemKind::IdentityChanged);
}

#[test]
fn statuses() {
    let sent = status("sent");
    assert_eq!(sent.wamid, "wamid.xyzxyz");
    assert_eq!(sent.status, DeliveryStatus::Sent);
    assert_eq!(sent.at_ms, 1_698_266_945_000);
    assert_eq!(sent.recipient.wa_id.as_deref(), Some("972987654321"));
    assert_eq!(status("delivered").status, DeliveryStatus::Delivered);
    assert_eq!(status("read").status, DeliveryStatus::Read);
    assert_eq!(status("played").status, DeliveryStatus::Read);
    let failed = status("failed");
    assert_eq!(failed.status, DeliveryStatus::Failed);
    let error = failed.error.expect("error");
    assert_eq!(error.code, 130472);
    assert_eq!(error.title, "User's number is part of an experiment");
    assert!(error.details.expect("details").contains("experiment"));
}

#[test]
fn status_pricing() {
    let service = Pricing {
        billable: Some(true),
        pricing_model: Some("CBP".into()),
        pricing_type: None,
        category: Some("service".into()),
    };
    assert_eq!(status("sent").pricing, Some(service.clone()));
    assert_eq!(status("delivered").pricing, Some(service));
    assert_eq!(status("failed").pricing, None, "failures carry no pricing");
    // Per-message pricing (PMP) names its type.
    let per_message = fixture_with(
        "message_status",
        "read",
        &[(
            r#""pricing":{"billable":true,"category":"service","pricing_model":"CBP"}"#,
            r#""pricing":{"billable":false,"category":"utility","pricing_model":"PMP","type":"free_customer_service"}"#,
        )],
    );
    let parsed = parse(&per_message, OURS, 0).expect("parses");
    let [IngestEvent::Status(read)] = parsed.events.as_slice() else {
        panic!("one status");
    };
    assert_eq!(
        read.pricing,
        Some(Pricing {
            billable: Some(false),
            pricing_model: Some("PMP".into()),
            pricing_type: Some("free_customer_service".into()),
            category: Some("utility".into()),
        })
    );
}

#[test]
fn template_updates() {
    let approved = template("template_status_update", "approved");
    assert_eq!(
        approved.template_id, "1689556908129832",
        "integer ids become text"
    );
    assert_eq!(approved.name, "order_confirmation");
    assert_eq!(approved.language, "en_US");
    assert_eq!(approved.at_ms, 1_751_247_548_000);
    assert_eq!(
        approved.change,
        TemplateChange::Status {
            status: "APPROVED".into(),
            reason: None
        }
    );
    let rejected = template("template_status_update", "rejected");
    assert_eq!(
        rejected.change,
        TemplateChange::Status {
            status: "REJECTED".into(),
            reason: Some("INVALID_FORMAT".into())
        }
    );
    let quality = template("template_quality_update", "yellow");
    assert_eq!(
        quality.change,
        TemplateChange::Quality {
            score: "YELLOW".into()
        }
    );
    let category = template("template_category_update", "marketing");
    assert_eq!(
        category.change,
        TemplateChange::Category {
            category: "MARKETING".into()
        }
    );
}

#[test]
fn marketing_preferences() {
    for (case, consent) in [
        ("resume", MarketingConsent::OptedIn),
        ("signup", MarketingConsent::OptedIn),
    ] {
        let parsed = parse(&fixture("user_marketing_preferences", case), None, 0).expect("parses");
        let [IngestEvent::Marketing(p)] = parsed.events.as_slice() else {
            panic!("{case}")
        };
        assert_eq!(p.consent, consent);
        assert_eq!(p.contact.wa_id.as_deref(), Some("16505551234"));
        assert_eq!(p.at_ms, 1_731_705_721_000);
    }
}

#[test]
fn other_numbers_are_left_out() {
    // The preference fixtures are for number 106540352242922, not ours.
    let parsed = parse(&fixture("user_marketing_preferences", "resume"), OURS, 0).expect("parses");
    assert!(parsed.events.is_empty());
    assert_eq!(parsed.skipped.len(), 1);
}

#[test]
fn fields_we_do_not_use_are_skipped() {
    let parsed = parse(&fixture("account_update", "account_violation"), OURS, 0).expect("parses");
    assert!(parsed.events.is_empty());
    assert_eq!(parsed.skipped, ["field account_update is not used"]);
}

#[test]
fn bodies_that_are_not_notifications_are_refused() {
    let refuse = |body: &[u8]| parse(body, OURS, 0).expect_err("refused");
    assert!(refuse(b"not json").0.contains("not JSON"));
    assert!(refuse(br#"{"object":"page","entry":[]}"#)
        .0
        .contains("whatsapp_business_account"));
    assert!(refuse(br#"{"object":"whatsapp_business_account"}"#)
        .0
        .contains("entry"));
    let Malformed(why) = refuse(
        br#"{"object":"whatsapp_business_account","entry":[{"changes":[{"field":"messages"}]}]}"#,
    );
    assert!(why.contains("value"), "{why}");
}
