//! Server functions of the Bot screen (admins): the bot's configuration, FAQ and catalog, a
//! test console over the saved knowledge, and the last week's report.

use crate::domain::bot::engine::Explanation;
use crate::domain::bot::{BotConfig, FaqDraft, FaqEntry, Product, ProductDraft};
use crate::error::AppError;
use crate::wire::bot::{BotSaved, BotScreen, CatalogImport};
use leptos::prelude::*;

/// The report card covers this many days up to now.
pub const REPORT_DAYS: i64 = 7;

/// Everything the screen shows when it opens.
#[server(name = LoadBotScreen, prefix = "/api", endpoint = "bot/screen")]
pub async fn bot_screen() -> Result<BotScreen, AppError> {
    use crate::domain::roles::Role;
    use crate::ssr::{auth, bot, now_ms, state::respond};

    respond(
        async {
            let (state, _) = auth::require(Role::Admin).await?;
            let store = state.store.as_ref();
            let now = now_ms();
            let since = now - REPORT_DAYS * 24 * 3_600_000;
            Ok(BotScreen {
                enabled: bot::enabled(store).await?,
                config: bot::config(store).await?,
                faq: store.faq_entries().await?,
                products: store.products().await?,
                report: report_view(store.bot_report(since, now).await?, since, now),
            })
        }
        .await,
    )
}

/// Saves the configuration and the on/off switch together. Switching the bot off hands every
/// conversation still with it to the team, so no customer waits on a bot that stopped talking.
#[server(prefix = "/api", endpoint = "bot/save", input = leptos::server_fn::codec::Json)]
pub async fn save_bot(enabled: bool, config: BotConfig) -> Result<BotSaved, AppError> {
    use crate::domain::bot::{hours, HandoffReason, BOT_ENABLED_SETTING, BOT_SETTING};
    use crate::domain::roles::Role;
    use crate::ssr::{auth, now_ms, state::respond};

    respond(
        async {
            let (state, admin) = auth::require(Role::Admin).await?;
            config
                .validate(hours::known_timezone)
                .map_err(|problem| AppError::BotInvalid { problem })?;
            let store = state.store.as_ref();
            let now = now_ms();
            let json = serde_json::to_string(&config).map_err(|e| {
                tracing::error!(error = %e, "the bot's configuration cannot be written as JSON");
                AppError::Internal
            })?;
            store.put_setting(BOT_SETTING, &json, now).await?;
            store
                .put_setting(BOT_ENABLED_SETTING, &enabled.to_string(), now)
                .await?;
            // Whenever it is off, not only when it was on a moment ago: a conversation filed
            // by a concurrent delivery just before the switch must not stay with a mute bot.
            let handed_off = if !enabled {
                store
                    .hand_off_all_bot(HandoffReason::BotDisabled, now)
                    .await?
                    .len()
            } else {
                0
            };
            tracing::info!(by = admin.id, enabled, handed_off, "bot settings saved");
            Ok(BotSaved {
                enabled,
                config,
                handed_off,
            })
        }
        .await,
    )
}

/// Adds an FAQ entry (`id: None`) or changes one.
#[server(prefix = "/api", endpoint = "bot/faq/save", input = leptos::server_fn::codec::Json)]
pub async fn save_faq_entry(id: Option<i64>, draft: FaqDraft) -> Result<FaqEntry, AppError> {
    use crate::domain::roles::Role;
    use crate::ssr::{auth, now_ms, state::respond};

    respond(
        async {
            let (state, admin) = auth::require(Role::Admin).await?;
            let draft = draft
                .normalized()
                .map_err(|problem| AppError::BotInvalid { problem })?;
            let entry = match id {
                Some(id) => state.store.update_faq_entry(id, &draft, now_ms()).await?,
                None => state.store.create_faq_entry(&draft, now_ms()).await?,
            };
            tracing::info!(by = admin.id, id = entry.id, "bot FAQ entry saved");
            Ok(entry)
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "bot/faq/delete")]
pub async fn delete_faq_entry(id: i64) -> Result<(), AppError> {
    use crate::domain::roles::Role;
    use crate::ssr::{auth, state::respond};

    respond(
        async {
            let (state, admin) = auth::require(Role::Admin).await?;
            state.store.delete_faq_entry(id).await?;
            tracing::info!(by = admin.id, id, "bot FAQ entry deleted");
            Ok(())
        }
        .await,
    )
}

/// Adds a product (`id: None`) or changes one.
#[server(prefix = "/api", endpoint = "bot/product/save", input = leptos::server_fn::codec::Json)]
pub async fn save_product(id: Option<i64>, draft: ProductDraft) -> Result<Product, AppError> {
    use crate::domain::roles::Role;
    use crate::ssr::{auth, now_ms, state::respond};

    respond(
        async {
            let (state, admin) = auth::require(Role::Admin).await?;
            let draft = draft
                .normalized()
                .map_err(|problem| AppError::BotInvalid { problem })?;
            let saved = match id {
                Some(id) => state.store.update_product(id, &draft, now_ms()).await,
                None => state.store.create_product(&draft, now_ms()).await,
            };
            let product = saved.map_err(sku_taken)?;
            tracing::info!(by = admin.id, id = product.id, "bot product saved");
            Ok(product)
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "bot/product/delete")]
pub async fn delete_product(id: i64) -> Result<(), AppError> {
    use crate::domain::roles::Role;
    use crate::ssr::{auth, state::respond};

    respond(
        async {
            let (state, admin) = auth::require(Role::Admin).await?;
            state.store.delete_product(id).await?;
            tracing::info!(by = admin.id, id, "bot product deleted");
            Ok(())
        }
        .await,
    )
}

/// Reads a catalog CSV: good rows create or update products (by SKU) in one go; the others
/// come back with their line and reason.
#[server(prefix = "/api", endpoint = "bot/catalog/import", input = leptos::server_fn::codec::Json)]
pub async fn import_catalog(csv: String) -> Result<CatalogImport, AppError> {
    use crate::domain::bot::catalog_csv;
    use crate::domain::roles::Role;
    use crate::ssr::{auth, now_ms, state::respond};
    use crate::wire::bot::{ImportFileProblem, CATALOG_CSV_MAX_BYTES};

    respond(
        async {
            let (state, admin) = auth::require(Role::Admin).await?;
            if csv.len() > CATALOG_CSV_MAX_BYTES {
                return Ok(CatalogImport {
                    file_problem: Some(ImportFileProblem::TooLarge {
                        max_bytes: CATALOG_CSV_MAX_BYTES,
                    }),
                    ..CatalogImport::default()
                });
            }
            let parsed = match catalog_csv::parse(&csv) {
                Ok(parsed) => parsed,
                Err(problem) => {
                    return Ok(CatalogImport {
                        file_problem: Some(ImportFileProblem::Csv { problem }),
                        ..CatalogImport::default()
                    })
                }
            };
            let counts = state
                .store
                .import_products(&parsed.products, now_ms())
                .await
                .map_err(sku_taken)?;
            tracing::info!(
                by = admin.id,
                created = counts.created,
                updated = counts.updated,
                rejected = parsed.rejected.len(),
                "bot catalog imported"
            );
            Ok(CatalogImport {
                file_problem: None,
                created: counts.created,
                updated: counts.updated,
                rejected: parsed.rejected,
            })
        }
        .await,
    )
}

/// What the bot would answer `text` with the saved configuration, FAQ and catalog, and why.
#[server(prefix = "/api", endpoint = "bot/try")]
pub async fn try_bot(text: String) -> Result<Explanation, AppError> {
    use crate::domain::bot::engine::{explain, Knowledge};
    use crate::domain::roles::Role;
    use crate::domain::validation;
    use crate::ssr::{auth, bot, now_ms, state::respond};

    respond(
        async {
            let (state, _) = auth::require(Role::Admin).await?;
            let text = validation::message_text(&text)?;
            let store = state.store.as_ref();
            let config = bot::config(store).await?;
            let faq = store.faq_entries().await?;
            let products = store.products().await?;
            let text = text.to_string();
            let now = now_ms();
            // CPU work (the indexes): off the async runtime, like the bot's own turns.
            tokio::task::spawn_blocking(move || {
                let knowledge = Knowledge {
                    config: &config,
                    faq: &faq,
                    products: &products,
                };
                explain(knowledge, &text, now)
            })
            .await
            .map_err(|e| {
                tracing::error!(error = %e, "the bot's trial panicked");
                AppError::Internal
            })
        }
        .await,
    )
}

/// A taken SKU is the only duplicate a product can hit.
#[cfg(feature = "ssr")]
fn sku_taken(err: crate::ssr::StoreError) -> AppError {
    match err {
        crate::ssr::StoreError::Duplicate => AppError::Conflict {
            conflict: crate::error::Conflict::SkuTaken,
        },
        other => other.into(),
    }
}

#[cfg(feature = "ssr")]
fn report_view(
    report: crate::ssr::BotReport,
    since_ms: i64,
    until_ms: i64,
) -> crate::wire::bot::BotReportView {
    crate::wire::bot::BotReportView {
        since_ms,
        until_ms,
        handled: report.handled,
        with_bot: report.with_bot,
        resolved_confirmed: report.resolved_confirmed,
        resolved_quiet: report.resolved_quiet,
        handed_off: report.handed_off,
        taken_over: report.taken_over,
        mean_time_to_handoff_ms: report.mean_time_to_handoff_ms,
    }
}
