//! What a campaign's quick-reply buttons do. The desk gives each routed button a payload
//! when it sends; WhatsApp echoes the payload when the customer taps it, and ingestion acts
//! on it (`ssr::campaign_ingest`). Opting out uses the consent payload every path knows.

use crate::domain::outbound::{Outbound, TemplateButtonKind, TemplateButtonParam};
use serde::{Deserialize, Serialize};

/// Hands the conversation to people.
pub const PERSON_PAYLOAD: &str = "buzon:campaign:person";
/// Followed by a label id: puts that label on the conversation.
pub const LABEL_PAYLOAD_PREFIX: &str = "buzon:campaign:label:";

/// What tapping one of the template's quick-reply buttons does.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "does", content = "label_id")]
pub enum ButtonAction {
    /// Nothing special: the answer reaches the conversation like any other.
    Nothing,
    /// The customer stops marketing messages.
    OptOut,
    /// The conversation goes to the team's queue (skipping the bot).
    Person,
    /// The conversation gets this label.
    Label(i64),
}

/// A quick-reply button of the template (by position) and what it does.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ButtonRoute {
    pub index: u32,
    pub action: ButtonAction,
}

/// The payload a button carries for `action` (`None`: Meta's default, the button's text).
pub fn payload(action: &ButtonAction) -> Option<String> {
    match action {
        ButtonAction::Nothing => None,
        ButtonAction::OptOut => Some(crate::domain::consent::STOP_PAYLOAD.to_string()),
        ButtonAction::Person => Some(PERSON_PAYLOAD.to_string()),
        ButtonAction::Label(id) => Some(format!("{LABEL_PAYLOAD_PREFIX}{id}")),
    }
}

/// The label a tapped button's payload asks for.
pub fn label_of(payload: &str) -> Option<i64> {
    payload.strip_prefix(LABEL_PAYLOAD_PREFIX)?.parse().ok()
}

/// `outbound` with the routed buttons' payloads.
pub fn with_payloads(mut outbound: Outbound, routes: &[ButtonRoute]) -> Outbound {
    if let Outbound::Template { buttons, .. } = &mut outbound {
        for route in routes {
            if let Some(value) = payload(&route.action) {
                buttons.retain(|b| b.index != route.index);
                buttons.push(TemplateButtonParam {
                    index: route.index,
                    kind: TemplateButtonKind::QuickReply,
                    value,
                });
            }
        }
        buttons.sort_by_key(|b| b.index);
    }
    outbound
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payloads_round_trip() {
        assert_eq!(
            label_of(&payload(&ButtonAction::Label(7)).unwrap()),
            Some(7)
        );
        assert_eq!(payload(&ButtonAction::Nothing), None);
        assert_eq!(
            crate::domain::consent::payload_intent(&payload(&ButtonAction::OptOut).unwrap()),
            Some(crate::domain::contacts::MarketingConsent::OptedOut)
        );
        let t = Outbound::Template {
            name: "x".into(),
            language: "es".into(),
            header: vec![],
            body: vec![],
            buttons: vec![],
            header_media: None,
            rendered: None,
        };
        let routed = with_payloads(
            t,
            &[
                ButtonRoute {
                    index: 1,
                    action: ButtonAction::Person,
                },
                ButtonRoute {
                    index: 0,
                    action: ButtonAction::Nothing,
                },
            ],
        );
        let Outbound::Template { buttons, .. } = routed else {
            panic!()
        };
        assert_eq!(buttons.len(), 1);
        assert_eq!(buttons[0].value, PERSON_PAYLOAD);
    }
}
