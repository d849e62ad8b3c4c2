//! Roles and what each one may open. Agent < supervisor < admin.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Agent,
    Supervisor,
    Admin,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Agent, Role::Supervisor, Role::Admin];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Agent => "agent",
            Role::Supervisor => "supervisor",
            Role::Admin => "admin",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        match s.trim().to_ascii_lowercase().as_str() {
            "agent" => Some(Role::Agent),
            "supervisor" => Some(Role::Supervisor),
            "admin" => Some(Role::Admin),
            _ => None,
        }
    }

    /// Whether someone with this role may do what `required` guards.
    pub fn at_least(self, required: Role) -> bool {
        self >= required
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The areas of the desk, each with its path and the lowest role that may open it.
/// Navigation, page guards and server functions all read this one table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Area {
    Inbox,
    Dashboard,
    Reports,
    /// Broadcast campaigns and their segments.
    Campaigns,
    /// The customer record: the contacts list and each contact's page.
    Contacts,
    Labels,
    QuickReplies,
    Templates,
    Bot,
    Settings,
    /// Settings → Integrations: API tokens, outgoing webhooks, the external bot.
    Integrations,
    /// Settings → Costs: the pricing model and the rate cards.
    Costs,
    /// Settings → Contacts: attribute definitions, number masking, retention.
    ContactSettings,
    Users,
    /// Who did what and when.
    Audit,
    Account,
}

impl Area {
    /// In navigation order.
    pub const NAV: [Area; 15] = [
        Area::Inbox,
        Area::Dashboard,
        Area::Reports,
        Area::Campaigns,
        Area::Contacts,
        Area::Labels,
        Area::QuickReplies,
        Area::Templates,
        Area::Bot,
        Area::Settings,
        Area::Integrations,
        Area::Costs,
        Area::ContactSettings,
        Area::Users,
        Area::Audit,
    ];

    pub fn path(self) -> &'static str {
        match self {
            Area::Inbox => "/",
            Area::Dashboard => "/dashboard",
            Area::Reports => "/reports",
            Area::Campaigns => "/campaigns",
            Area::Contacts => "/contacts",
            Area::ContactSettings => "/settings/contacts",
            Area::Audit => "/audit",
            Area::Labels => "/labels",
            Area::QuickReplies => "/quick-replies",
            Area::Templates => "/templates",
            Area::Settings => "/settings",
            Area::Integrations => "/settings/integrations",
            Area::Costs => "/settings/costs",
            Area::Users => "/users",
            Area::Bot => "/bot",
            Area::Account => "/account",
        }
    }

    pub fn min_role(self) -> Role {
        match self {
            // Everyone keeps personal quick replies; shared ones are the supervisors'.
            Area::Inbox | Area::Account | Area::QuickReplies => Role::Agent,
            Area::Dashboard | Area::Reports | Area::Campaigns | Area::Contacts | Area::Labels => {
                Role::Supervisor
            }
            Area::Templates
            | Area::Bot
            | Area::Settings
            | Area::Integrations
            | Area::Costs
            | Area::ContactSettings
            | Area::Users
            | Area::Audit => Role::Admin,
        }
    }
}

pub fn can_open(role: Role, area: Area) -> bool {
    role.at_least(area.min_role())
}

/// The areas a role sees in its navigation.
pub fn nav_for(role: Role) -> Vec<Area> {
    Area::NAV
        .into_iter()
        .filter(|a| can_open(role, *a))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_are_ordered() {
        assert!(Role::Admin.at_least(Role::Supervisor));
        assert!(Role::Supervisor.at_least(Role::Agent));
        assert!(!Role::Agent.at_least(Role::Supervisor));
        assert!(!Role::Supervisor.at_least(Role::Admin));
    }

    #[test]
    fn parse_round_trips() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()), Some(r));
        }
        assert_eq!(Role::parse(" Admin "), Some(Role::Admin));
        assert_eq!(Role::parse("owner"), None);
    }

    #[test]
    fn navigation_by_role() {
        assert_eq!(nav_for(Role::Agent), vec![Area::Inbox, Area::QuickReplies]);
        assert_eq!(
            nav_for(Role::Supervisor),
            vec![
                Area::Inbox,
                Area::Dashboard,
                Area::Reports,
                Area::Campaigns,
                Area::Contacts,
                Area::Labels,
                Area::QuickReplies
            ]
        );
        assert_eq!(nav_for(Role::Admin).len(), Area::NAV.len());
        assert!(can_open(Role::Agent, Area::Account));
        assert!(!can_open(Role::Supervisor, Area::Users));
        assert!(!can_open(Role::Supervisor, Area::Integrations));
        assert!(can_open(Role::Admin, Area::Integrations));
        assert!(!can_open(Role::Agent, Area::Contacts));
        assert!(!can_open(Role::Supervisor, Area::Audit));
        assert!(!can_open(Role::Supervisor, Area::ContactSettings));
    }
}
