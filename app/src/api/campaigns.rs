//! Campaigns (supervisors and admins): the `/campaigns` screen's data, the live segment count,
//! the launch review and preview, launching, pausing, resuming, cancelling, test sends, the
//! recipients of each step and their CSV, saved segments and the team's campaign settings.
//! The logic is `ssr::campaigns`, shared with the REST API.

use crate::domain::campaigns::funnel::Step;
use crate::domain::campaigns::segment::SegmentFilter;
use crate::domain::campaigns::{CampaignAction, CampaignSettings};
use crate::error::AppError;
use crate::wire::campaigns::{
    CampaignDraft, CampaignScreen, CampaignView, LaunchReview, RecipientPreview, RecipientView,
    SegmentView,
};
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

#[server(name = LoadCampaignScreen, prefix = "/api", endpoint = "campaigns/screen")]
pub async fn campaign_screen() -> Result<CampaignScreen, AppError> {
    use crate::domain::roles::Role;
    use crate::ssr::{auth, campaigns, state::respond};
    respond(
        async {
            let (state, user) = auth::require(Role::Supervisor).await?;
            campaigns::screen(&state, &user).await
        }
        .await,
    )
}

#[server(name = LoadCampaign, prefix = "/api", endpoint = "campaigns/one")]
pub async fn campaign(id: i64) -> Result<CampaignView, AppError> {
    use crate::domain::roles::Role;
    use crate::ssr::{auth, campaigns, state::respond};
    respond(
        async {
            let (state, _) = auth::require(Role::Supervisor).await?;
            let record = state.store.campaign(id).await?.ok_or(AppError::NotFound)?;
            campaigns::view(&state, record).await
        }
        .await,
    )
}

/// How many contacts the filter selects now: the count beside the filter as it is edited.
#[server(name = CountSegment, prefix = "/api", endpoint = "campaigns/count", input = Json)]
pub async fn count_segment(filter: SegmentFilter) -> Result<u64, AppError> {
    use crate::domain::campaigns::segment::checked;
    use crate::domain::campaigns::CampaignProblem;
    use crate::domain::roles::Role;
    use crate::ssr::{auth, now_ms, state::respond};
    respond(
        async {
            let (state, _) = auth::require(Role::Supervisor).await?;
            let filter = checked(filter).map_err(|p| AppError::Campaign {
                problem: CampaignProblem::Filter(p),
            })?;
            Ok(state.store.count_segment(&filter, now_ms()).await?)
        }
        .await,
    )
}

/// What launching would do: recipients, exclusions, costs, the messaging limit.
#[server(name = ReviewCampaign, prefix = "/api", endpoint = "campaigns/review", input = Json)]
pub async fn review_campaign(draft: CampaignDraft) -> Result<LaunchReview, AppError> {
    use crate::domain::roles::Role;
    use crate::ssr::{auth, campaigns, now_ms, state::respond};
    respond(
        async {
            let (state, user) = auth::require(Role::Supervisor).await?;
            Ok(campaigns::review(&state, user.id, &draft, now_ms())
                .await?
                .review)
        }
        .await,
    )
}

/// Recipient `index` of the draft's audience, as they would see the message.
#[server(name = PreviewRecipient, prefix = "/api", endpoint = "campaigns/preview", input = Json)]
pub async fn preview_recipient(
    draft: CampaignDraft,
    index: u64,
) -> Result<RecipientPreview, AppError> {
    use crate::domain::roles::Role;
    use crate::ssr::{auth, campaigns, now_ms, state::respond};
    respond(
        async {
            let (state, user) = auth::require(Role::Supervisor).await?;
            campaigns::preview(&state, user.id, &draft, index, now_ms()).await
        }
        .await,
    )
}

#[server(name = LaunchCampaign, prefix = "/api", endpoint = "campaigns/launch", input = Json)]
pub async fn launch_campaign(draft: CampaignDraft) -> Result<CampaignView, AppError> {
    use crate::domain::roles::Role;
    use crate::ssr::{auth, campaigns, now_ms, state::respond};
    respond(
        async {
            let (state, user) = auth::require(Role::Supervisor).await?;
            let view = campaigns::launch(&state, user.id, &draft, now_ms()).await?;
            let actor = crate::ssr::audit::Actor::here(&state, &user).await;
            crate::ssr::audit::record(
                &state,
                &actor,
                crate::domain::audit::AuditAction::CampaignLaunched,
                Some(crate::domain::audit::AuditSubject::Campaign(view.id)),
                serde_json::json!({ "name": view.name, "template": view.template_name }),
            )
            .await;
            Ok(view)
        }
        .await,
    )
}

/// Sends the draft's message to one contact (the person's own phone, say) before launch.
#[server(name = TestSendCampaign, prefix = "/api", endpoint = "campaigns/test", input = Json)]
pub async fn test_send(
    draft: CampaignDraft,
    to: crate::wire::outreach::Recipient,
) -> Result<i64, AppError> {
    use crate::ssr::{campaigns, console, state::respond};
    respond(
        async {
            let asker = console::asker().await?;
            if !asker
                .user
                .role
                .at_least(crate::domain::roles::Role::Supervisor)
            {
                return Err(AppError::Forbidden);
            }
            campaigns::test_send(&asker, &draft, &to).await
        }
        .await,
    )
}

#[server(name = ActOnCampaign, prefix = "/api", endpoint = "campaigns/act", input = Json)]
pub async fn act_on_campaign(id: i64, action: CampaignAction) -> Result<CampaignView, AppError> {
    use crate::domain::roles::Role;
    use crate::ssr::{auth, campaigns, now_ms, state::respond};
    respond(
        async {
            let (state, user) = auth::require(Role::Supervisor).await?;
            campaigns::act(&state, id, action, user.id, now_ms()).await
        }
        .await,
    )
}

/// Queues again, once, those Meta limited (131049), after its 24-hour cool-down.
#[server(name = RetryLimited, prefix = "/api", endpoint = "campaigns/retry-limited")]
pub async fn retry_limited(id: i64) -> Result<CampaignView, AppError> {
    use crate::domain::roles::Role;
    use crate::ssr::{auth, campaigns, now_ms, state::respond};
    respond(
        async {
            let (state, _) = auth::require(Role::Supervisor).await?;
            campaigns::retry_limited(&state, id, now_ms()).await
        }
        .await,
    )
}

/// The recipients at a funnel step, a page at a time (by id after `after`).
#[server(name = CampaignRecipients, prefix = "/api", endpoint = "campaigns/recipients", input = Json)]
pub async fn campaign_recipients(
    id: i64,
    step: Step,
    after: i64,
) -> Result<Vec<RecipientView>, AppError> {
    use crate::domain::roles::Role;
    use crate::ssr::{auth, state::respond};
    respond(
        async {
            let (state, _) = auth::require(Role::Supervisor).await?;
            Ok(state.store.recipients(id, step, after, 100).await?)
        }
        .await,
    )
}

/// Every recipient at a step as CSV (name, phone, state, reason or Meta's error, sent at).
#[server(name = CampaignCsv, prefix = "/api", endpoint = "campaigns/csv", input = Json)]
pub async fn campaign_csv(id: i64, step: Step) -> Result<String, AppError> {
    use crate::domain::roles::Role;
    use crate::ssr::{auth, campaigns, state::respond};
    respond(
        async {
            let (state, user) = auth::require(Role::Supervisor).await?;
            campaigns::recipients_csv(&state, &user, id, step).await
        }
        .await,
    )
}

/// An uploaded list's rejected rows as CSV (with their line and reason), to fix.
#[server(name = CampaignListRejected, prefix = "/api", endpoint = "campaigns/lists/rejected", input = Json)]
pub async fn list_rejected(id: i64) -> Result<String, AppError> {
    use crate::domain::roles::Role;
    use crate::ssr::{auth, campaign_lists, state::respond};
    respond(
        async {
            let (state, _) = auth::require(Role::Supervisor).await?;
            campaign_lists::rejected(&state, id).await
        }
        .await,
    )
}

#[server(name = SaveSegment, prefix = "/api", endpoint = "campaigns/segments/save", input = Json)]
pub async fn save_segment(
    id: Option<i64>,
    name: String,
    filter: SegmentFilter,
) -> Result<SegmentView, AppError> {
    use crate::domain::roles::Role;
    use crate::ssr::{auth, campaigns, now_ms, state::respond};
    respond(
        async {
            let (state, user) = auth::require(Role::Supervisor).await?;
            campaigns::save_segment(&state, user.id, id, &name, filter, now_ms()).await
        }
        .await,
    )
}

#[server(name = DeleteSegment, prefix = "/api", endpoint = "campaigns/segments/delete")]
pub async fn delete_segment(id: i64) -> Result<(), AppError> {
    use crate::domain::roles::Role;
    use crate::ssr::{auth, state::respond};
    respond(
        async {
            let (state, _) = auth::require(Role::Supervisor).await?;
            state.store.delete_segment(id).await?;
            Ok(())
        }
        .await,
    )
}

/// The team's campaign settings (admins): the messaging-limit tier and the frequency cap.
#[server(name = SaveCampaignSettings, prefix = "/api", endpoint = "campaigns/settings", input = Json)]
pub async fn save_campaign_settings(
    settings: CampaignSettings,
) -> Result<CampaignSettings, AppError> {
    use crate::domain::roles::Role;
    use crate::ssr::{auth, campaigns, now_ms, state::respond};
    respond(
        async {
            let (state, _) = auth::require(Role::Admin).await?;
            campaigns::save_settings(&state, settings, now_ms()).await
        }
        .await,
    )
}
