//! Settings → Costs (admins): the pricing model's rules and the rate cards. The estimates
//! themselves come with the template picker (`ssr::pricing`).

use crate::domain::pricing::{PricingRules, PricingSettings};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

#[server(name = LoadPricingSettings, prefix = "/api", endpoint = "costs/settings")]
pub async fn pricing_settings() -> Result<PricingSettings, AppError> {
    use crate::domain::roles::Role;
    use crate::ssr::{auth, pricing, state::respond};
    respond(
        async {
            let (state, _) = auth::require(Role::Admin).await?;
            pricing::settings(&state).await
        }
        .await,
    )
}

#[cfg(feature = "ssr")]
async fn save(state: &crate::ssr::ServerState, settings: &PricingSettings) -> Result<(), AppError> {
    use crate::domain::pricing::PRICING_SETTING;
    let json = serde_json::to_string(settings).map_err(|_| AppError::Internal)?;
    state
        .store
        .put_setting(PRICING_SETTING, &json, crate::ssr::now_ms())
        .await?;
    Ok(())
}

/// Imports one of Meta's rate-card CSVs, applying from `effective_from` (`YYYY-MM-DD`); a
/// card with the same first day is replaced. Refused whole, with every problem and its line.
#[server(prefix = "/api", endpoint = "costs/import")]
pub async fn import_rate_card(
    csv: String,
    effective_from: String,
    currency: String,
    source: String,
) -> Result<PricingSettings, AppError> {
    use crate::domain::pricing::parse_rate_card_csv;
    use crate::domain::roles::Role;
    use crate::domain::validation::{Field, Problem};
    use crate::ssr::{auth, pricing, state::respond};
    respond(
        async {
            let (state, admin) = auth::require(Role::Admin).await?;
            if csv.len() > 1_000_000 {
                return Err(AppError::invalid((
                    Field::Message,
                    Problem::TooLong { max: 1_000_000 },
                )));
            }
            let from = chrono::NaiveDate::parse_from_str(effective_from.trim(), "%Y-%m-%d")
                .map_err(|_| AppError::invalid((Field::EffectiveDate, Problem::Malformed)))?;
            let (card, said_currency) = parse_rate_card_csv(&csv, from)
                .map_err(|problems| AppError::RateCard { problems })?;
            let currency = said_currency.unwrap_or(currency).trim().to_uppercase();
            if currency.len() != 3 || !currency.chars().all(|c| c.is_ascii_uppercase()) {
                return Err(AppError::invalid((Field::Currency, Problem::Malformed)));
            }
            let mut settings = pricing::settings(&state).await?;
            // One currency per table: a card in another currency starts the table over.
            if settings.table.currency != currency {
                settings.table.cards.clear();
                settings.table.currency = currency;
            }
            settings.table.cards.retain(|c| c.effective_from != from);
            settings.table.cards.push(card);
            settings.table.cards.sort_by_key(|c| c.effective_from);
            if !source.trim().is_empty() {
                settings.table.source = source.trim().chars().take(300).collect();
            }
            save(&state, &settings).await?;
            tracing::info!(by = admin.id, %from, "rate card imported");
            Ok(settings)
        }
        .await,
    )
}

/// Loads the dated sample card the demo ships (its source is named with it).
#[server(prefix = "/api", endpoint = "costs/sample")]
pub async fn load_sample_card() -> Result<PricingSettings, AppError> {
    use crate::domain::roles::Role;
    use crate::ssr::{auth, pricing, state::respond};
    respond(
        async {
            let (state, _) = auth::require(Role::Admin).await?;
            let mut settings = pricing::settings(&state).await?;
            settings.table = crate::domain::pricing::sample_table();
            save(&state, &settings).await?;
            Ok(settings)
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "costs/delete-card")]
pub async fn delete_rate_card(effective_from: String) -> Result<PricingSettings, AppError> {
    use crate::domain::roles::Role;
    use crate::ssr::{auth, pricing, state::respond};
    respond(
        async {
            let (state, _) = auth::require(Role::Admin).await?;
            let mut settings = pricing::settings(&state).await?;
            let before = settings.table.cards.len();
            settings
                .table
                .cards
                .retain(|c| c.effective_from.format("%Y-%m-%d").to_string() != effective_from);
            if settings.table.cards.len() == before {
                return Err(AppError::NotFound);
            }
            save(&state, &settings).await?;
            Ok(settings)
        }
        .await,
    )
}

/// Saves the pricing model's effective-dated rules.
#[server(prefix = "/api", endpoint = "costs/rules", input = Json)]
pub async fn save_pricing_rules(rules: PricingRules) -> Result<PricingSettings, AppError> {
    use crate::domain::roles::Role;
    use crate::ssr::{auth, pricing, state::respond};
    respond(
        async {
            let (state, _) = auth::require(Role::Admin).await?;
            let mut settings = pricing::settings(&state).await?;
            let mut rules = rules;
            rules.0.sort_by_key(|m| m.from);
            rules.0.dedup_by_key(|m| m.from);
            settings.rules = rules;
            save(&state, &settings).await?;
            Ok(settings)
        }
        .await,
    )
}
