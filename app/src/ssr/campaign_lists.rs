//! Campaign lists uploaded as CSV, for the upload route (`server/src/http/campaign_lists.rs`)
//! and the editor's server functions: the file is checked by
//! `domain::campaigns::csv_list` (off the async runtime: a 100,000-row file takes a moment),
//! then the store creates or matches the contacts. A campaign's filter names the list
//! (`SegmentFilter::list`); its other columns become template values.

use super::ingest::ConsentChange;
use super::state::ServerState;
use super::UserRecord;
use crate::domain::campaigns::csv_list::check;
use crate::domain::campaigns::CampaignProblem;
use crate::domain::consent::ConsentSource;
use crate::domain::contacts::MarketingConsent;
use crate::error::AppError;
use crate::wire::campaigns::ListUploaded;

/// Rejected rows shown on screen (the rest download as CSV).
const REJECTED_SHOWN: usize = 20;
/// A list's name: the file's, shortened.
const MAX_NAME_CHARS: usize = 120;

/// Keeps the CSV `bytes` (file `name`) as a list, uploaded by `user`. `opted_in`: the user
/// says these people agreed to marketing outside WhatsApp; recorded as their opt-in (source
/// import) where the desk knew nothing, never over an opt-out.
pub async fn upload(
    state: &ServerState,
    user: &UserRecord,
    name: &str,
    bytes: axum::body::Bytes,
    opted_in: bool,
    now_ms: i64,
) -> Result<ListUploaded, AppError> {
    let country = super::outreach::business_country(state).await?;
    let checked = tokio::task::spawn_blocking(move || check(&bytes, &country))
        .await
        .map_err(|e| {
            tracing::error!(error = %e, "list check task failed");
            AppError::Internal
        })?
        .map_err(|p| AppError::Campaign {
            problem: CampaignProblem::List(p),
        })?;
    let name: String = match name.trim() {
        "" => "list.csv".to_string(),
        n => n.chars().take(MAX_NAME_CHARS).collect(),
    };
    let opt_in = opted_in.then(|| ConsentChange {
        consent: MarketingConsent::OptedIn,
        source: ConsentSource::Import,
        note: Some(name.clone()),
        actor_id: Some(user.id),
        at_ms: now_ms,
    });
    let (list, mut rejected) = state
        .store
        .create_list(
            &super::campaign_list_store::NewList {
                name: &name,
                header: &checked.header,
                columns: &checked.columns,
                rows: &checked.rows,
                rejected: &checked.rejected,
                created_by: Some(user.id),
                opt_in,
            },
            now_ms,
        )
        .await?;
    tracing::info!(
        list = list.id,
        by = user.id,
        accepted = list.accepted,
        created = list.created,
        rejected = list.rejected,
        opted_in,
        "campaign list uploaded"
    );
    rejected.truncate(REJECTED_SHOWN);
    Ok(ListUploaded { list, rejected })
}

/// The list's rejected rows as CSV.
pub async fn rejected(state: &ServerState, id: i64) -> Result<String, AppError> {
    state
        .store
        .list_rejected(id)
        .await?
        .ok_or(AppError::NotFound)
}
