//! Campaigns on the server, for the `/campaigns` screen's server functions and the REST API
//! alike: the launch review (audience, exclusions, costs, the messaging limit), the launch
//! itself, pausing, resuming and cancelling, and the views. The rules are
//! `domain::campaigns`; what goes out goes through the campaign worker (server crate), which
//! asks the send gate's consent rule again for every recipient.

use super::campaign_list_store::ListMember;
use super::campaign_store::{AudienceRow, CampaignRecord, NewCampaign, NewRecipient};
use super::state::ServerState;
use super::store::{TemplateRecord, UploadRecord};
use crate::domain::campaigns::audience::{
    cap_start_ms, exclusion, AudienceRules, Exclusion, Reachability,
};
use crate::domain::campaigns::composition::{complete, message, Composition, RecipientFacts};
use crate::domain::campaigns::limits::{due_at, plan};
use crate::domain::campaigns::schedule::{default_rate, max_rate, next_allowed, start_at};
use crate::domain::campaigns::segment::checked;
use crate::domain::campaigns::{
    CampaignAction, CampaignProblem, CampaignSettings, CampaignState, CAMPAIGN_SETTING,
    LIMITED_COOL_DOWN_MS, MAX_NAME_CHARS,
};
use crate::domain::consent::{is_marketing, Reach};
use crate::domain::pricing::{estimate, Content, SendFacts};
use crate::error::AppError;
use crate::wire::campaigns::{CampaignDraft, CampaignView, LaunchReview, MarketCost};
use std::collections::{BTreeMap, HashMap};

const DAY_MS: i64 = 24 * 60 * 60 * 1000;
/// Uploaded lists the editor offers again.
const LISTS_SHOWN: u32 = 20;

fn refused(problem: CampaignProblem) -> AppError {
    AppError::Campaign { problem }
}

pub async fn settings(state: &ServerState) -> Result<CampaignSettings, AppError> {
    let stored = state.store.setting(CAMPAIGN_SETTING).await?;
    Ok(CampaignSettings::from_setting(stored.as_deref()))
}

/// The business's time zone (Reports settings): start times and quiet hours are in it.
pub async fn business_zone(state: &ServerState) -> Result<chrono_tz::Tz, AppError> {
    let settings = super::reports::settings(&*state.store).await?;
    Ok(settings.timezone.parse().unwrap_or(chrono_tz::Tz::UTC))
}

/// Messages a second the number may send (the outbound worker's throughput).
fn throughput(state: &ServerState) -> f64 {
    state.whatsapp.throughput_per_second()
}

/// The template a campaign may send: approved, sendable by the desk, marketing or utility.
pub async fn campaign_template(
    state: &ServerState,
    name: &str,
    language: &str,
) -> Result<TemplateRecord, AppError> {
    let template = super::send::approved(state, name, language).await?;
    let category = template.category.as_deref().unwrap_or_default();
    if !matches!(
        category.to_ascii_uppercase().as_str(),
        "MARKETING" | "UTILITY"
    ) {
        return Err(refused(CampaignProblem::TemplateCategory));
    }
    Ok(template)
}

/// The exclusion rule's side of the campaign, and the filter's contacts as they are now.
async fn audience_of(
    state: &ServerState,
    filter: &crate::domain::campaigns::segment::SegmentFilter,
    template: &TemplateRecord,
    now_ms: i64,
) -> Result<(AudienceRules, Vec<AudienceRow>), AppError> {
    let settings = settings(state).await?;
    let rules = AudienceRules {
        marketing: is_marketing(template.category.as_deref()),
        explicit_opt_in: super::send::consent_settings(state)
            .await?
            .explicit_opt_in(Reach::Campaign),
        frequency_cap_hours: settings.frequency_cap_hours,
    };
    let since = cap_start_ms(settings.frequency_cap_hours, now_ms);
    let audience = state.store.audience(filter, now_ms, since).await?;
    Ok((rules, audience))
}

/// The values each contact of the filter's uploaded list brings (none without a list).
async fn list_values(
    state: &ServerState,
    filter: &crate::domain::campaigns::segment::SegmentFilter,
) -> Result<HashMap<i64, BTreeMap<String, String>>, AppError> {
    match filter.list {
        Some(id) => {
            state.store.list(id).await?.ok_or(AppError::NotFound)?;
            Ok(state.store.list_members(id).await?)
        }
        None => Ok(HashMap::new()),
    }
}

/// What the exclusion rule knows of an audience row.
fn reachability(row: &AudienceRow) -> Reachability {
    Reachability {
        consent: row.consent,
        has_address: row.wa_id.is_some() || row.user_id.is_some(),
        unreachable: row.unreachable,
        last_marketing_at_ms: row.last_marketing_at_ms,
    }
}

/// Everything a launch needs, checked.
pub struct Reviewed {
    pub review: LaunchReview,
    pub template: TemplateRecord,
    /// The draft's composition with its header file resolved.
    pub composition: Composition,
    pub start_ms: i64,
    pub recipients: Vec<NewRecipient>,
}

/// `by`'s header file the draft names (someone else's is not found).
async fn header_upload(
    state: &ServerState,
    by: i64,
    draft: &CampaignDraft,
) -> Result<Option<UploadRecord>, AppError> {
    let Some(id) = draft.header_upload else {
        return Ok(None);
    };
    let upload = state.store.upload(id).await?;
    Ok(Some(
        upload
            .filter(|u| u.uploaded_by == Some(by))
            .ok_or(AppError::NotFound)?,
    ))
}

/// The draft's composition for `template` with `upload` as its media header (checked: the
/// kind the header needs, still kept by WhatsApp at `last_use_ms`), every value mapped.
fn composition_of(
    template: &TemplateRecord,
    draft: &CampaignDraft,
    upload: Option<&UploadRecord>,
    last_use_ms: i64,
) -> Result<Composition, AppError> {
    let mut composition = draft.composition.clone();
    composition.header_media = super::message_actions::header_media(template, upload, last_use_ms)?;
    complete(&template.content, &composition)
        .map_err(|p| refused(CampaignProblem::Composition(p)))?;
    Ok(composition)
}

/// The launch review of `draft` for user `by` at `now_ms`: what the screen shows before
/// launch, and the recipients a launch writes. The server's answer; the screen only shows it.
pub async fn review(
    state: &ServerState,
    by: i64,
    draft: &CampaignDraft,
    now_ms: i64,
) -> Result<Reviewed, AppError> {
    let filter = checked(draft.filter.clone()).map_err(|p| refused(CampaignProblem::Filter(p)))?;
    let template = campaign_template(
        state,
        &draft.composition.template_name,
        &draft.composition.language,
    )
    .await?;
    let upload = header_upload(state, by, draft).await?;
    let composition = composition_of(&template, draft, upload.as_ref(), now_ms)?;
    let zone = business_zone(state).await?;
    let start_ms = if draft.start.trim().is_empty() {
        now_ms
    } else {
        start_at(&draft.start, zone, now_ms).map_err(|p| refused(CampaignProblem::Start(p)))?
    };
    if draft.quiet_hours.is_some_and(|q| {
        q.from_minute == q.to_minute || q.from_minute >= 1440 || q.to_minute >= 1440
    }) {
        return Err(refused(CampaignProblem::QuietHours));
    }
    let throughput = throughput(state);
    let reserved = settings(state).await?.reserved_percent;
    let max = max_rate(throughput, reserved);
    if draft.rate_per_second > max {
        return Err(refused(CampaignProblem::Rate { max }));
    }
    let (rules, audience) = audience_of(state, &filter, &template, now_ms).await?;
    let mut values = list_values(state, &filter).await?;
    let pricing = super::pricing::settings(state).await?;
    let business = super::outreach::business_country(state).await?;
    let mut excluded: BTreeMap<Exclusion, u64> = BTreeMap::new();
    // Each contact, why they are left out (if they are), and their list values.
    type Chosen<'a> = (&'a AudienceRow, Option<Exclusion>, Option<ListMember>);
    let mut chosen: Vec<Chosen> = Vec::with_capacity(audience.len());
    for row in &audience {
        let columns = values.remove(&row.contact_id);
        let why = exclusion(&reachability(row), &rules, now_ms).or_else(|| {
            message(
                &template.content,
                &composition,
                &facts(row, columns.clone().unwrap_or_default()),
            )
            .err()
            .map(|_| Exclusion::Variables)
        });
        if let Some(why) = why {
            *excluded.entry(why).or_default() += 1;
        }
        chosen.push((row, why, columns));
    }
    let recipients_count = chosen.iter().filter(|(_, why, _)| why.is_none()).count() as u64;
    // Costs by market, one estimate per country.
    let day = crate::domain::pricing::pricing_day(start_ms);
    let mut by_country: HashMap<Option<String>, crate::domain::pricing::Estimate> = HashMap::new();
    let mut by_market: BTreeMap<String, (u64, Option<i64>)> = BTreeMap::new();
    let mut estimates = Vec::with_capacity(chosen.len());
    for (row, why, _) in &chosen {
        if why.is_some() {
            estimates.push(None);
            continue;
        }
        let e = by_country
            .entry(row.country.clone())
            .or_insert_with(|| {
                estimate(
                    &SendFacts {
                        content: Content::Template(template.category.as_deref()),
                        // Campaigns are priced as written outside a window: what Meta charges
                        // for marketing and (since 2026-10) utility either way.
                        window_open: false,
                        entry_point_open: false,
                        recipient_country: row.country.as_deref(),
                        business_country: Some(business.as_str()),
                        date: day,
                    },
                    &pricing.rules,
                    &pricing.table,
                )
            })
            .clone();
        let entry = by_market.entry(e.market.clone()).or_insert((0, Some(0)));
        entry.0 += 1;
        entry.1 = match (entry.1, e.price_micros) {
            (Some(sum), Some(p)) => Some(sum + p),
            _ => None,
        };
        estimates.push(Some(e));
    }
    let total_micros = by_market.values().filter_map(|(_, m)| *m).sum();
    let costs = by_market
        .into_iter()
        .map(|(market, (recipients, micros))| MarketCost {
            market,
            recipients,
            micros,
        })
        .collect();
    let used = state.store.reached_since(now_ms - DAY_MS).await?;
    let tier = settings(state).await?.tier;
    let limit = plan(recipients_count, tier, used, draft.over_limit, start_ms);
    let mut recipients = Vec::with_capacity(chosen.len());
    let mut index = 0_u64;
    for ((row, why, columns), e) in chosen.into_iter().zip(estimates) {
        let due = match (&limit, why) {
            (Ok(p), None) => {
                let d = due_at(p, index);
                index += 1;
                next_allowed(d, draft.quiet_hours, zone)
            }
            _ => start_ms,
        };
        recipients.push(NewRecipient {
            contact_id: row.contact_id,
            columns,
            skip: why,
            due_at_ms: due,
            estimate: e.map(|e| (e.category.as_str().to_string(), e.price_micros, e.market)),
        });
    }
    // The header file must outlive the campaign: WhatsApp forgets media after 30 days.
    let last_due = recipients
        .iter()
        .map(|r| r.due_at_ms)
        .max()
        .unwrap_or(start_ms);
    let composition = composition_of(&template, draft, upload.as_ref(), last_due)?;
    Ok(Reviewed {
        composition,
        review: LaunchReview {
            audience: audience.len() as u64,
            excluded: excluded.into_iter().collect(),
            recipients: recipients_count,
            costs,
            total_micros,
            currency: pricing.table.currency.clone(),
            limit,
            time_zone: zone.name().to_string(),
            max_rate: max,
            default_rate: default_rate(throughput, reserved),
        },
        template,
        start_ms,
        recipients,
    })
}

/// What the template values know about an audience row.
pub fn facts(row: &AudienceRow, columns: BTreeMap<String, String>) -> RecipientFacts {
    RecipientFacts {
        name: row.name.clone(),
        wa_id: row.wa_id.clone(),
        attributes: row.attributes.clone(),
        columns,
    }
}

fn name_of(draft: &CampaignDraft) -> Result<String, AppError> {
    let name = draft.name.trim();
    if name.is_empty() {
        return Err(refused(CampaignProblem::NameMissing));
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(refused(CampaignProblem::NameTooLong));
    }
    Ok(name.to_string())
}

/// Launches `draft` as user `by`: reviewed again here (the server decides), then the campaign
/// and every recipient written at once. Returns the campaign.
pub async fn launch(
    state: &ServerState,
    by: i64,
    draft: &CampaignDraft,
    now_ms: i64,
) -> Result<CampaignView, AppError> {
    let name = name_of(draft)?;
    let reviewed = review(state, by, draft, now_ms).await?;
    let plan = reviewed
        .review
        .limit
        .clone()
        .map_err(|over| refused(CampaignProblem::OverLimit(over)))?;
    if reviewed.review.recipients == 0 {
        return Err(refused(CampaignProblem::NoRecipients));
    }
    let rate = if draft.rate_per_second == 0 {
        reviewed.review.default_rate
    } else {
        draft.rate_per_second
    };
    let campaign = NewCampaign {
        name,
        state: if reviewed.start_ms > now_ms {
            CampaignState::Scheduled
        } else {
            CampaignState::Running
        },
        template_name: reviewed.template.name.clone(),
        template_language: reviewed.template.language.clone(),
        template_category: reviewed.template.category.clone(),
        composition: json(&reviewed.composition)?,
        audience: json(
            &serde_json::json!({ "segment": checked(draft.filter.clone()).ok(), "plan": plan }),
        )?,
        replies_to: draft.replies_to.as_str().to_string(),
        buttons: json(&draft.buttons)?,
        start_at_ms: reviewed.start_ms,
        quiet_hours: draft.quiet_hours.map(|q| json(&q)).transpose()?,
        rate_per_second: rate,
        estimated_micros: Some(reviewed.review.total_micros),
        currency: Some(reviewed.review.currency.clone()),
        created_by: Some(by),
    };
    let id = state
        .store
        .create_campaign(&campaign, &reviewed.recipients, now_ms)
        .await?;
    tracing::info!(
        campaign = id,
        by,
        recipients = reviewed.review.recipients,
        "campaign launched"
    );
    state.whatsapp.outbound_queued();
    let record = state.store.campaign(id).await?.ok_or(AppError::NotFound)?;
    view(state, record).await
}

fn json<T: serde::Serialize>(value: &T) -> Result<String, AppError> {
    serde_json::to_string(value).map_err(|_| AppError::Internal)
}

/// A campaign with its funnel and what WhatsApp charged so far.
pub async fn view(state: &ServerState, r: CampaignRecord) -> Result<CampaignView, AppError> {
    view_in(&*state.store, r).await
}

/// [`view`] from the store alone (the outgoing-webhook feed has no request state).
pub async fn view_in(
    store: &dyn super::Store,
    r: CampaignRecord,
) -> Result<CampaignView, AppError> {
    use crate::domain::pricing::{PricingSettings, PRICING_SETTING};
    let funnel = store.funnel(r.id).await?;
    let pricing = PricingSettings::from_setting(store.setting(PRICING_SETTING).await?.as_deref());
    let day = crate::domain::pricing::pricing_day(r.start_at_ms);
    let charged_micros = store
        .charged(r.id)
        .await?
        .into_iter()
        .filter_map(|(category, market, n)| {
            crate::domain::pricing::charged(&category, "regular", &market, day, &pricing.table)
                .map(|p| p * n as i64)
        })
        .sum();
    Ok(CampaignView {
        id: r.id,
        name: r.name,
        state: r.state,
        stop_reason: r.stop_reason,
        template_name: r.template_name,
        template_language: r.template_language,
        template_category: r.template_category,
        composition: serde_json::from_str(&r.composition).unwrap_or_default(),
        replies_to: crate::wire::campaigns::RepliesTo::parse(&r.replies_to),
        buttons: serde_json::from_str(&r.buttons).unwrap_or_default(),
        start_at_ms: r.start_at_ms,
        quiet_hours: r
            .quiet_hours
            .as_deref()
            .and_then(|q| serde_json::from_str(q).ok()),
        rate_per_second: r.rate_per_second,
        estimated_micros: r.estimated_micros,
        currency: r.currency,
        charged_micros,
        created_by: r.created_by_name,
        created_at_ms: r.created_at_ms,
        finished_at_ms: r.finished_at_ms,
        funnel,
    })
}

/// Pause, resume or cancel campaign `id`.
pub async fn act(
    state: &ServerState,
    id: i64,
    action: CampaignAction,
    by: i64,
    now_ms: i64,
) -> Result<CampaignView, AppError> {
    let record = state.store.campaign(id).await?.ok_or(AppError::NotFound)?;
    if !record.state.may(action) {
        return Err(refused(CampaignProblem::NotNow {
            state: record.state,
        }));
    }
    let (from, to): (&[CampaignState], CampaignState) = match action {
        CampaignAction::Pause => (
            &[CampaignState::Scheduled, CampaignState::Running],
            CampaignState::Paused,
        ),
        CampaignAction::Resume => (
            &[CampaignState::Paused, CampaignState::Stopped],
            if record.start_at_ms > now_ms {
                CampaignState::Scheduled
            } else {
                CampaignState::Running
            },
        ),
        CampaignAction::Cancel => (
            &[
                CampaignState::Scheduled,
                CampaignState::Running,
                CampaignState::Paused,
                CampaignState::Stopped,
            ],
            CampaignState::Cancelled,
        ),
    };
    if action == CampaignAction::Resume {
        // A template Meta paused stops the campaign again at once: say so now instead.
        campaign_template(state, &record.template_name, &record.template_language).await?;
    }
    if !state
        .store
        .set_campaign_state(id, from, to, None, now_ms)
        .await?
    {
        let now = state.store.campaign(id).await?.ok_or(AppError::NotFound)?;
        return Err(refused(CampaignProblem::NotNow { state: now.state }));
    }
    tracing::info!(campaign = id, by, ?action, "campaign changed");
    if to.sends() {
        state.whatsapp.outbound_queued();
    }
    let record = state.store.campaign(id).await?.ok_or(AppError::NotFound)?;
    view(state, record).await
}

/// Queues again those Meta limited (131049), once, at least 24 hours after the campaign's
/// last failure of that kind: Meta asks for the cool-down; sooner only fails again.
pub async fn retry_limited(
    state: &ServerState,
    id: i64,
    now_ms: i64,
) -> Result<CampaignView, AppError> {
    let record = state.store.campaign(id).await?.ok_or(AppError::NotFound)?;
    if matches!(record.state, CampaignState::Cancelled) {
        return Err(refused(CampaignProblem::NotNow {
            state: record.state,
        }));
    }
    let limited = state
        .store
        .recipients(
            id,
            crate::domain::campaigns::funnel::Step::Limited,
            0,
            u32::MAX,
        )
        .await?;
    let last = limited.iter().map(|r| r.updated_at_ms).max();
    if let Some(last) = last {
        let until = last + LIMITED_COOL_DOWN_MS;
        if until > now_ms {
            return Err(refused(CampaignProblem::CoolDown { until_ms: until }));
        }
    }
    state.store.requeue_limited(id, now_ms, now_ms).await?;
    state.whatsapp.outbound_queued();
    let record = state.store.campaign(id).await?.ok_or(AppError::NotFound)?;
    view(state, record).await
}

/// Everything the `/campaigns` screen loads once.
pub async fn screen(
    state: &ServerState,
    user: &super::UserRecord,
) -> Result<crate::wire::campaigns::CampaignScreen, AppError> {
    use crate::domain::template_form::{sendable, slots};
    use crate::wire::campaigns::{CampaignScreen, CampaignTemplate};
    let mut campaigns = Vec::new();
    for record in state.store.campaigns().await? {
        campaigns.push(view(state, record).await?);
    }
    let templates = state
        .store
        .list_templates()
        .await?
        .into_iter()
        .filter(|t| t.status == "APPROVED")
        .filter(|t| {
            matches!(
                t.category
                    .as_deref()
                    .map(str::to_ascii_uppercase)
                    .as_deref(),
                Some("MARKETING" | "UTILITY")
            )
        })
        .filter(|t| sendable(t.category.as_deref(), &t.content).is_ok())
        .map(|t| CampaignTemplate {
            slots: slots(&t.content),
            quick_replies: t
                .content
                .buttons
                .iter()
                .enumerate()
                .filter(|(_, b)| b.kind == "QUICK_REPLY")
                .map(|(i, b)| (i as u32, b.text.clone()))
                .collect(),
            name: t.name,
            language: t.language,
            category: t.category.unwrap_or_default(),
            content: t.content,
        })
        .collect();
    let throughput = throughput(state);
    let team = settings(state).await?;
    let reserved = team.reserved_percent;
    Ok(CampaignScreen {
        campaigns,
        segments: state.store.segments().await?,
        labels: state.store.labels().await?,
        templates,
        settings: team,
        may_change_settings: user.role == crate::domain::roles::Role::Admin,
        attribute_keys: state.store.attribute_keys().await?,
        time_zone: business_zone(state).await?.name().to_string(),
        max_rate: max_rate(throughput, reserved),
        default_rate: default_rate(throughput, reserved),
        business_country: super::outreach::business_country(state).await?,
        uploads: super::templates::recent_uploads(state, user.id).await?,
        lists: state.store.lists(LISTS_SHOWN).await?,
    })
}

/// Recipient `index` of the draft's audience (skipping the excluded) as they would see it.
pub async fn preview(
    state: &ServerState,
    by: i64,
    draft: &CampaignDraft,
    index: u64,
    now_ms: i64,
) -> Result<crate::wire::campaigns::RecipientPreview, AppError> {
    let filter = checked(draft.filter.clone()).map_err(|p| refused(CampaignProblem::Filter(p)))?;
    let template = campaign_template(
        state,
        &draft.composition.template_name,
        &draft.composition.language,
    )
    .await?;
    let upload = header_upload(state, by, draft).await?;
    let composition = composition_of(&template, draft, upload.as_ref(), now_ms)?;
    let (rules, audience) = audience_of(state, &filter, &template, now_ms).await?;
    let reachable: Vec<&AudienceRow> = audience
        .iter()
        .filter(|row| exclusion(&reachability(row), &rules, now_ms).is_none())
        .collect();
    if reachable.is_empty() {
        return Err(refused(CampaignProblem::NoRecipients));
    }
    let total = reachable.len() as u64;
    let index = index.min(total - 1);
    let row = reachable[index as usize];
    let columns = list_values(state, &filter)
        .await?
        .remove(&row.contact_id)
        .unwrap_or_default();
    let rendered = match message(&template.content, &composition, &facts(row, columns)) {
        Ok(crate::domain::outbound::Outbound::Template { rendered, .. }) => {
            Ok(rendered.unwrap_or_default())
        }
        Ok(_) => Ok(Default::default()),
        Err(problem) => Err(problem),
    };
    Ok(crate::wire::campaigns::RecipientPreview {
        index,
        total,
        contact_id: row.contact_id,
        name: row.name.clone(),
        phone: row.wa_id.as_deref().map(crate::domain::phone::for_people),
        rendered,
    })
}

/// Sends the draft's message to one contact or number, as a new conversation would: through
/// the one send gate, as the asker.
pub async fn test_send(
    asker: &super::console::Asker,
    draft: &CampaignDraft,
    to: &crate::wire::outreach::Recipient,
) -> Result<i64, AppError> {
    use crate::domain::campaigns::composition::values;
    use crate::wire::outreach::FirstMessage;
    let state = &asker.state;
    let template = campaign_template(
        state,
        &draft.composition.template_name,
        &draft.composition.language,
    )
    .await?;
    let upload = header_upload(state, asker.user.id, draft).await?;
    composition_of(&template, draft, upload.as_ref(), super::now_ms())?;
    let contact = super::outreach::resolve(state, to).await?.as_is();
    let facts = RecipientFacts {
        name: contact.profile_name.clone(),
        wa_id: contact.wa_id.clone(),
        attributes: contact.attributes.clone(),
        columns: BTreeMap::new(),
    };
    let first = FirstMessage::Template {
        meta_id: template.meta_id.clone(),
        values: values(&draft.composition, &facts),
        upload_id: draft.header_upload,
    };
    let (started, _) = super::outreach::start(asker, to, &first).await?;
    tracing::info!(by = asker.user.id, template = %template.name, "campaign test sent");
    Ok(started.conversation_id)
}

/// Every recipient at `step` as CSV, for supervisors.
pub async fn recipients_csv(
    state: &ServerState,
    user: &super::UserRecord,
    id: i64,
    step: crate::domain::campaigns::funnel::Step,
) -> Result<String, AppError> {
    state.store.campaign(id).await?.ok_or(AppError::NotFound)?;
    let mut rows = Vec::new();
    let mut after = 0;
    loop {
        let page = state.store.recipients(id, step, after, 5_000).await?;
        let Some(last) = page.last() else { break };
        after = last.id;
        rows.extend(page);
    }
    tracing::info!(
        campaign = id,
        by = user.id,
        rows = rows.len(),
        "campaign recipients exported"
    );
    Ok(recipients_table(&rows))
}

use crate::domain::reports::csv::defused as cell;

/// The recipients as CSV (RFC 4180).
pub fn recipients_table(rows: &[crate::wire::campaigns::RecipientView]) -> String {
    let mut out = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let _ = out.write_record([
        "contact_id",
        "name",
        "phone",
        "state",
        "reason",
        "meta_code",
        "meta_error",
        "sent_at_ms",
    ]);
    for r in rows {
        let _ = out.write_record([
            r.contact_id.to_string(),
            cell(r.name.as_deref().unwrap_or_default()),
            cell(r.phone.as_deref().unwrap_or_default()),
            r.state.as_str().to_string(),
            r.skip_reason
                .map(|s| s.as_str().to_string())
                .unwrap_or_default(),
            r.error
                .as_ref()
                .map(|e| e.code.to_string())
                .unwrap_or_default(),
            cell(
                r.error
                    .as_ref()
                    .map(|e| e.title.as_str())
                    .unwrap_or_default(),
            ),
            r.sent_at_ms.map(|t| t.to_string()).unwrap_or_default(),
        ]);
    }
    String::from_utf8(out.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// Saves a segment under a name (a new one, or `id` replaced).
pub async fn save_segment(
    state: &ServerState,
    by: i64,
    id: Option<i64>,
    name: &str,
    filter: crate::domain::campaigns::segment::SegmentFilter,
    now_ms: i64,
) -> Result<crate::wire::campaigns::SegmentView, AppError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(refused(CampaignProblem::NameMissing));
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(refused(CampaignProblem::NameTooLong));
    }
    let filter = checked(filter).map_err(|p| refused(CampaignProblem::Filter(p)))?;
    match state
        .store
        .save_segment(id, name, &filter, by, now_ms)
        .await
    {
        Err(super::StoreError::Duplicate) => Err(refused(CampaignProblem::SegmentNameTaken)),
        other => Ok(other?),
    }
}

pub async fn save_settings(
    state: &ServerState,
    settings: CampaignSettings,
    now_ms: i64,
) -> Result<CampaignSettings, AppError> {
    if settings.frequency_cap_hours > crate::domain::campaigns::MAX_FREQUENCY_CAP_HOURS {
        return Err(refused(CampaignProblem::FrequencyCap));
    }
    let max = crate::domain::campaigns::schedule::MAX_RESERVED_PERCENT;
    if settings.reserved_percent > max {
        return Err(refused(CampaignProblem::Reserved { max }));
    }
    state
        .store
        .put_setting(CAMPAIGN_SETTING, &json(&settings)?, now_ms)
        .await?;
    Ok(settings)
}
