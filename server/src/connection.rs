//! The desk's running connection to WhatsApp: the outbound worker's doorbell, the template
//! syncer and the webhook activity, offered to server functions through
//! `app::ssr::WhatsAppLink`.

use crate::config::WhatsAppConfig;
use crate::outbound::Outbox;
use crate::whatsapp::graph::WhatsAppApi;
use crate::whatsapp::templates::TemplateSyncer;
use app::ssr::{now_ms, SyncReport, WhatsAppLink};
use app::wire::{mask_secret, ConnectionView};
use app::wire::{LinkProblem, LinkStep};
use std::sync::{Arc, Mutex};

#[derive(Default)]
struct Activity {
    webhooks: u64,
    last_webhook_ms: Option<i64>,
    last_error: Option<(i64, LinkProblem)>,
}

pub struct Connection {
    pub outbox: Outbox,
    pub templates: TemplateSyncer,
    pub api: Arc<dyn WhatsAppApi>,
    pub config: WhatsAppConfig,
    /// Where Meta should send webhooks.
    pub webhook_url: String,
    /// Messages a second the outbound worker sends at most.
    pub throughput: f64,
    activity: Mutex<Activity>,
}

impl Connection {
    pub fn new(
        outbox: Outbox,
        templates: TemplateSyncer,
        api: Arc<dyn WhatsAppApi>,
        config: WhatsAppConfig,
        webhook_url: String,
    ) -> Connection {
        Connection {
            outbox,
            templates,
            api,
            config,
            webhook_url,
            throughput: app::domain::pacing::Rate::THROUGHPUT.per_second,
            activity: Mutex::new(Activity::default()),
        }
    }

    fn note_error(&self, problem: LinkProblem) {
        if let Ok(mut a) = self.activity.lock() {
            a.last_error = Some((now_ms(), problem));
        }
    }
}

#[async_trait::async_trait]
impl WhatsAppLink for Connection {
    async fn sync_templates(&self) -> Result<SyncReport, String> {
        let result = self.templates.sync_now().await;
        if let Err(e) = &result {
            self.note_error(LinkProblem::new(LinkStep::TemplateSync, None, e.clone()));
        }
        result
    }

    async fn last_template_sync(&self) -> (Option<i64>, Option<Result<SyncReport, String>>) {
        let last = self.templates.last().await;
        (last.at_ms, last.result)
    }

    fn templates_changed(&self) {
        self.templates.wake();
    }

    fn outbound_queued(&self) {
        self.outbox.wake();
    }

    fn throughput_per_second(&self) -> f64 {
        self.throughput
    }

    fn mark_read(&self, wamid: String) {
        let api = self.api.clone();
        tokio::spawn(async move {
            // Blue ticks are a courtesy: a failure is logged, not retried.
            if let Err(e) = api.mark_read(&wamid, false).await {
                tracing::info!(error = %e, %wamid, "could not mark the message read on WhatsApp");
            }
        });
    }

    async fn upload_media(
        &self,
        bytes: Vec<u8>,
        mime: &str,
        filename: &str,
    ) -> Result<(app::domain::message::MediaKind, String), app::error::AppError> {
        use crate::media::UploadProblem;
        use crate::whatsapp::graph::GraphError;
        use app::error::{AppError, MediaRefusal};
        crate::media::upload(self.api.as_ref(), bytes, mime, filename)
            .await
            .map_err(|problem| match problem {
                UploadProblem::WhatsApp(GraphError::Api {
                    code,
                    title,
                    details,
                    ..
                }) => {
                    self.note_error(LinkProblem::new(
                        LinkStep::MediaUpload,
                        Some(code),
                        title.clone(),
                    ));
                    AppError::WhatsApp {
                        code: Some(code),
                        message: details.unwrap_or(title),
                    }
                }
                UploadProblem::WhatsApp(other) => {
                    self.note_error(LinkProblem::new(
                        LinkStep::MediaUpload,
                        None,
                        other.to_string(),
                    ));
                    AppError::WhatsApp {
                        code: None,
                        message: other.to_string(),
                    }
                }
                UploadProblem::Empty => AppError::MediaRefused {
                    refusal: MediaRefusal::Empty,
                },
                UploadProblem::UnsupportedType { mime } => AppError::MediaRefused {
                    refusal: MediaRefusal::UnsupportedType { mime },
                },
                UploadProblem::TooLarge {
                    kind, max_bytes, ..
                } => AppError::MediaRefused {
                    refusal: MediaRefusal::TooLarge {
                        kind: Some(kind.into()),
                        max_bytes,
                    },
                },
            })
    }

    fn webhook_received(&self, outcome: Result<(), LinkProblem>) {
        if let Ok(mut a) = self.activity.lock() {
            a.webhooks += 1;
            a.last_webhook_ms = Some(now_ms());
            if let Err(why) = outcome {
                a.last_error = Some((now_ms(), why));
            }
        }
    }

    fn connection(&self) -> ConnectionView {
        let (webhooks, last_webhook_ms, last_error) = self
            .activity
            .lock()
            .map(|a| (a.webhooks, a.last_webhook_ms, a.last_error.clone()))
            .unwrap_or_default();
        let c = &self.config;
        ConnectionView {
            api_base: c.api_base.clone(),
            api_version: c.api_version.clone(),
            phone_number_id: c.phone_number_id.clone(),
            business_account_id: c.business_account_id.clone(),
            access_token: c.access_token.as_ref().map(|s| mask_secret(s.expose())),
            app_secret: c.app_secret.as_ref().map(|s| mask_secret(s.expose())),
            verify_token: c.verify_token.as_ref().map(|s| mask_secret(s.expose())),
            webhook_url: self.webhook_url.clone(),
            webhooks_received: webhooks,
            last_webhook_at_ms: last_webhook_ms,
            last_error,
        }
    }

    async fn check_connection(&self) -> Result<usize, LinkProblem> {
        match self.api.templates(None).await {
            Ok(page) => Ok(page.templates.len()),
            Err(e) => {
                let code = match &e {
                    crate::whatsapp::graph::GraphError::Api { code, .. } => Some(*code),
                    _ => None,
                };
                let problem = LinkProblem::new(LinkStep::ConnectionCheck, code, e.to_string());
                self.note_error(problem.clone());
                Err(problem)
            }
        }
    }
}
