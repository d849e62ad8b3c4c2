//! The Integrations screen's words, one `ScreenTexts` per language.

use crate::domain::integrations::tokens::Scope;
use crate::domain::integrations::webhooks::EventType;
use crate::i18n::Lang;
use crate::wire::integrations::DeliveryStateView;

pub struct ScreenTexts {
    pub subtitle: &'static str,
    pub back_to_settings: &'static str,
    pub loading: &'static str,
    pub cancel: &'static str,
    pub copy: &'static str,
    pub copied: &'static str,
    pub copy_failed: &'static str,
    pub done: &'static str,
    pub never: &'static str,
    pub edit: &'static str,
    pub delete: &'static str,

    pub api_title: &'static str,
    pub api_base_url: &'static str,
    pub api_hint: &'static str,
    pub api_openapi: &'static str,

    pub tokens_title: &'static str,
    pub tokens_hint: &'static str,
    pub token_name: &'static str,
    pub token_name_hint: &'static str,
    pub scope: &'static str,
    pub create_token: &'static str,
    pub new_token_title: &'static str,
    pub new_token_warning: &'static str,
    pub col_name: &'static str,
    pub col_token: &'static str,
    pub col_owner: &'static str,
    pub col_created: &'static str,
    pub col_last_used: &'static str,
    pub col_status: &'static str,
    pub active: &'static str,
    pub revoked: &'static str,
    pub revoke: &'static str,
    pub confirm_revoke: fn(&str) -> String,
    pub token_revoked: fn(&str) -> String,
    pub no_tokens: &'static str,

    pub webhooks_title: &'static str,
    pub webhooks_hint: &'static str,
    pub add_endpoint: &'static str,
    pub new_endpoint: &'static str,
    pub edit_endpoint: &'static str,
    pub url: &'static str,
    pub description: &'static str,
    pub description_hint: &'static str,
    pub events: &'static str,
    pub allow_private: &'static str,
    pub allow_private_hint: &'static str,
    pub enabled: &'static str,
    pub create_endpoint: &'static str,
    pub save_endpoint: &'static str,
    pub secret_title: &'static str,
    pub secret_warning: &'static str,
    pub signature_hint: &'static str,
    pub badge_enabled: &'static str,
    pub badge_disabled: &'static str,
    pub badge_private: &'static str,
    pub show_deliveries: &'static str,
    pub hide_deliveries: &'static str,
    pub confirm_delete: fn(&str) -> String,
    pub endpoint_created: &'static str,
    pub endpoint_saved: &'static str,
    pub endpoint_deleted: &'static str,
    pub no_endpoints: &'static str,

    pub col_event: &'static str,
    pub col_time: &'static str,
    pub col_state: &'static str,
    pub attempts: fn(u32) -> String,
    pub col_last_answer: &'static str,
    pub col_next_attempt: &'static str,
    pub send_again: &'static str,
    pub queued_again: &'static str,
    pub older: &'static str,
    pub refresh: &'static str,
    pub no_deliveries: &'static str,

    pub bot_title: &'static str,
    pub bot_toggle: &'static str,
    pub bot_hint: &'static str,
    pub bot_on: &'static str,
    pub bot_off: &'static str,

    /// In `Scope` order.
    pub scopes: [&'static str; 3],
    pub scope_choices: [&'static str; 3],
    /// In `EventType::ALL` order.
    pub events_list: [&'static str; EventType::ALL.len()],
    /// Pending, delivered, failed.
    pub states: [&'static str; 3],
}

impl ScreenTexts {
    pub fn scope(&self, scope: Scope) -> &'static str {
        self.scopes[scope as usize]
    }

    /// The scope with what it allows, for the create form's choices.
    pub fn scope_choice(&self, scope: Scope) -> &'static str {
        self.scope_choices[scope as usize]
    }

    pub fn event(&self, event: EventType) -> &'static str {
        let index = EventType::ALL.iter().position(|e| *e == event).unwrap_or(0);
        self.events_list[index]
    }

    pub fn state(&self, state: DeliveryStateView) -> &'static str {
        match state {
            DeliveryStateView::Pending => self.states[0],
            DeliveryStateView::Delivered => self.states[1],
            DeliveryStateView::Failed => self.states[2],
        }
    }
}

static EN: ScreenTexts = ScreenTexts {
    subtitle: "Connect your CRM, order system or your own bot: API tokens, events pushed to your systems, and who answers the bot's conversations.",
    back_to_settings: "← Settings",
    loading: "Loading…",
    cancel: "Cancel",
    copy: "Copy",
    copied: "Copied",
    copy_failed: "Select the text and copy it by hand",
    done: "I've copied it",
    never: "never",
    edit: "Edit",
    delete: "Delete",

    api_title: "REST API",
    api_base_url: "Base URL",
    api_hint: "Send a token with every request: Authorization: Bearer <token>. The API page (docs/api.md) has curl examples; the OpenAPI document describes every endpoint.",
    api_openapi: "OpenAPI document",

    tokens_title: "API tokens",
    tokens_hint: "A token acts as the admin who creates it; what it may do is capped by its scope. Only a hash is stored, so the token itself is shown once.",
    token_name: "Name",
    token_name_hint: "What uses it, e.g. CRM sync",
    scope: "Scope",
    create_token: "Create token",
    new_token_title: "Your new token",
    new_token_warning: "Copy it now: it won't be shown again. If it is lost, revoke it and create another.",
    col_name: "Name",
    col_token: "Token",
    col_owner: "Acts as",
    col_created: "Created",
    col_last_used: "Last used",
    col_status: "Status",
    active: "Active",
    revoked: "Revoked",
    revoke: "Revoke",
    confirm_revoke: |name| format!("Revoke the token '{name}'? Whatever uses it stops working at once. This can't be undone."),
    token_revoked: |name| format!("Token '{name}' revoked."),
    no_tokens: "No tokens yet. Create one above to use the API.",

    webhooks_title: "Outgoing webhooks",
    webhooks_hint: "Buzón POSTs a signed JSON body to each endpoint when one of its events happens, and retries for 24 hours while the receiver fails.",
    add_endpoint: "Add endpoint",
    new_endpoint: "New endpoint",
    edit_endpoint: "Edit endpoint",
    url: "URL",
    description: "Description",
    description_hint: "What receives it (optional)",
    events: "Events to send",
    allow_private: "Allow private network addresses",
    allow_private_hint: "Only for a receiver inside your own network. A URL pointing at localhost or a private address lets anyone who can edit it reach the desk server's internal services (its database, cloud metadata), so it is refused unless ticked.",
    enabled: "Enabled",
    create_endpoint: "Create endpoint",
    save_endpoint: "Save endpoint",
    secret_title: "Signing secret",
    secret_warning: "Copy it now: it won't be shown again.",
    signature_hint: "Every delivery carries X-Buzon-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of \"<t>.<body>\" keyed with this secret>; check it to know the request came from this desk.",
    badge_enabled: "Enabled",
    badge_disabled: "Disabled",
    badge_private: "Private addresses allowed",
    show_deliveries: "Deliveries",
    hide_deliveries: "Hide deliveries",
    confirm_delete: |url| format!("Delete the endpoint {url} and its delivery log? Nothing more is sent to it."),
    endpoint_created: "Endpoint created.",
    endpoint_saved: "Endpoint saved.",
    endpoint_deleted: "Endpoint deleted.",
    no_endpoints: "No endpoints yet.",

    col_event: "Event",
    col_time: "Time",
    col_state: "State",
    attempts: |n| match n {
        1 => "1 attempt".into(),
        n => format!("{n} attempts"),
    },
    col_last_answer: "Last answer",
    col_next_attempt: "Next attempt",
    send_again: "Send again",
    queued_again: "Queued to send again.",
    older: "Older",
    refresh: "Refresh",
    no_deliveries: "No deliveries yet. They appear here when one of the chosen events happens.",

    bot_title: "External bot",
    bot_toggle: "Let an external bot answer the bot's conversations (through the API)",
    bot_hint: "While on, the built-in bot stays quiet: your bot gets the events by webhook and answers and hands off through the API (docs/api.md, \"Driving the bot from your own bot\"). The bot itself must be switched on in the Bot screen.",
    bot_on: "An external bot now answers the bot's conversations.",
    bot_off: "The built-in bot answers the bot's conversations again.",

    scopes: ["Read", "Write", "Admin"],
    scope_choices: [
        "Read: everything the console shows",
        "Write: also send, assign, label and change status",
        "Admin: also labels, quick replies, templates, bot engine",
    ],
    events_list: [
        "New message (customer's, agent's, bot's or a note)",
        "Message status changed (sent, delivered, read, failed)",
        "New conversation",
        "Conversation resolved, reopened, snoozed or woke up",
        "Conversation assigned, unassigned or taken over",
        "The bot handed a conversation to people",
        "Label put on or taken off",
    ],
    states: ["Pending", "Delivered", "Failed"],
};

static ES: ScreenTexts = ScreenTexts {
    subtitle: "Conecta tu CRM, tu sistema de pedidos o tu propio bot: tokens de la API, eventos enviados a tus sistemas y quién responde las conversaciones del bot.",
    back_to_settings: "← Ajustes",
    loading: "Cargando…",
    cancel: "Cancelar",
    copy: "Copiar",
    copied: "Copiado",
    copy_failed: "Selecciona el texto y cópialo a mano",
    done: "Ya lo he copiado",
    never: "nunca",
    edit: "Editar",
    delete: "Eliminar",

    api_title: "API REST",
    api_base_url: "URL base",
    api_hint: "Envía un token en cada petición: Authorization: Bearer <token>. La página de la API (docs/api.md) tiene ejemplos con curl; el documento OpenAPI describe cada endpoint.",
    api_openapi: "Documento OpenAPI",

    tokens_title: "Tokens de la API",
    tokens_hint: "Un token actúa en nombre del administrador que lo crea; lo que puede hacer lo limita su alcance. Solo se guarda un hash, así que el token se muestra una sola vez.",
    token_name: "Nombre",
    token_name_hint: "Qué lo usa, p. ej. Sincronización CRM",
    scope: "Alcance",
    create_token: "Crear token",
    new_token_title: "Tu nuevo token",
    new_token_warning: "Cópialo ahora: no se volverá a mostrar. Si se pierde, revócalo y crea otro.",
    col_name: "Nombre",
    col_token: "Token",
    col_owner: "Actúa como",
    col_created: "Creado",
    col_last_used: "Último uso",
    col_status: "Estado",
    active: "Activo",
    revoked: "Revocado",
    revoke: "Revocar",
    confirm_revoke: |name| format!("¿Revocar el token '{name}'? Lo que lo use dejará de funcionar al momento. No se puede deshacer."),
    token_revoked: |name| format!("Token '{name}' revocado."),
    no_tokens: "Aún no hay tokens. Crea uno arriba para usar la API.",

    webhooks_title: "Webhooks salientes",
    webhooks_hint: "Buzón envía por POST un JSON firmado a cada endpoint cuando ocurre uno de sus eventos, y reintenta durante 24 horas mientras el receptor falle.",
    add_endpoint: "Añadir endpoint",
    new_endpoint: "Nuevo endpoint",
    edit_endpoint: "Editar endpoint",
    url: "URL",
    description: "Descripción",
    description_hint: "Qué lo recibe (opcional)",
    events: "Eventos que enviar",
    allow_private: "Permitir direcciones de red privadas",
    allow_private_hint: "Solo para un receptor dentro de tu propia red. Una URL que apunta a localhost o a una dirección privada permite a quien la edite alcanzar servicios internos del servidor (su base de datos, los metadatos de la nube), por eso se rechaza si no se marca.",
    enabled: "Activo",
    create_endpoint: "Crear endpoint",
    save_endpoint: "Guardar endpoint",
    secret_title: "Secreto de firma",
    secret_warning: "Cópialo ahora: no se volverá a mostrar.",
    signature_hint: "Cada entrega lleva X-Buzon-Signature: t=<segundos unix>,v1=<HMAC-SHA256 en hex de \"<t>.<cuerpo>\" con este secreto>; compruébalo para saber que la petición viene de este buzón.",
    badge_enabled: "Activo",
    badge_disabled: "Desactivado",
    badge_private: "Direcciones privadas permitidas",
    show_deliveries: "Entregas",
    hide_deliveries: "Ocultar entregas",
    confirm_delete: |url| format!("¿Eliminar el endpoint {url} y su registro de entregas? No se le enviará nada más."),
    endpoint_created: "Endpoint creado.",
    endpoint_saved: "Endpoint guardado.",
    endpoint_deleted: "Endpoint eliminado.",
    no_endpoints: "Aún no hay endpoints.",

    col_event: "Evento",
    col_time: "Hora",
    col_state: "Estado",
    attempts: |n| match n {
        1 => "1 intento".into(),
        n => format!("{n} intentos"),
    },
    col_last_answer: "Última respuesta",
    col_next_attempt: "Próximo intento",
    send_again: "Enviar de nuevo",
    queued_again: "En cola para enviarse de nuevo.",
    older: "Anteriores",
    refresh: "Actualizar",
    no_deliveries: "Aún no hay entregas. Aparecen aquí cuando ocurre uno de los eventos elegidos.",

    bot_title: "Bot externo",
    bot_toggle: "Dejar que un bot externo responda las conversaciones del bot (a través de la API)",
    bot_hint: "Mientras esté activo, el bot integrado no responde: tu bot recibe los eventos por webhook y responde y pasa la conversación a las personas a través de la API (docs/api.md, \"Driving the bot from your own bot\"). El bot debe estar activado en la pantalla Bot.",
    bot_on: "Ahora un bot externo responde las conversaciones del bot.",
    bot_off: "El bot integrado vuelve a responder las conversaciones del bot.",

    scopes: ["Lectura", "Escritura", "Administración"],
    scope_choices: [
        "Lectura: todo lo que muestra la consola",
        "Escritura: además enviar, asignar, etiquetar y cambiar estado",
        "Administración: además etiquetas, respuestas rápidas, plantillas y motor del bot",
    ],
    events_list: [
        "Mensaje nuevo (del cliente, de un agente, del bot o nota)",
        "Cambio de estado de un mensaje (enviado, entregado, leído, fallido)",
        "Conversación nueva",
        "Conversación resuelta, reabierta, pospuesta o reactivada",
        "Conversación asignada, desasignada o tomada",
        "El bot pasó una conversación a las personas",
        "Etiqueta puesta o quitada",
    ],
    states: ["Pendiente", "Entregada", "Fallida"],
};

pub fn texts(lang: Lang) -> &'static ScreenTexts {
    match lang {
        Lang::En => &EN,
        Lang::Es => &ES,
    }
}
