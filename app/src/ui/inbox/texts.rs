//! The console's words, one `InboxTexts` per language (the compiler refuses a missing one).

use crate::domain::inbox::{ConversationStatus, Presence, View};
use crate::domain::message::{Activity, DeliveryStatus};
use crate::i18n::Lang;

pub struct InboxTexts {
    pub views: [&'static str; 6],
    pub search: &'static str,
    pub any_label: &'static str,
    pub anyone: &'static str,
    pub unassigned: &'static str,
    pub no_conversations: &'static str,
    pub load_more: &'static str,
    pub pick_conversation: &'static str,
    pub older: &'static str,
    pub earlier_conversations: &'static str,
    pub conversation_started: &'static str,
    pub window_open: fn(&str) -> String,
    pub window_closed: &'static str,
    pub window_closed_hint: &'static str,
    pub write_reply: &'static str,
    pub write_note: &'static str,
    pub reply: &'static str,
    pub note: &'static str,
    pub send: &'static str,
    pub add_note: &'static str,
    pub attach: &'static str,
    pub emoji: &'static str,
    pub preview: &'static str,
    pub replying_to: &'static str,
    pub cancel: &'static str,
    pub uploading: fn(u32) -> String,
    pub window_closing_in: fn(&str) -> String,
    pub window_closed_at: fn(&str) -> String,
    pub window_never_opened: &'static str,
    pub window_header_open: fn(&str) -> String,
    pub window_header_closed: fn(&str) -> String,
    pub template: &'static str,
    pub no_templates: &'static str,
    pub cat_utility: &'static str,
    pub cat_marketing: &'static str,
    pub cat_authentication: &'static str,
    pub marketing_blocked: &'static str,
    pub bot_notice: &'static str,
    pub unsendable: &'static str,
    pub search_templates: &'static str,
    pub all_templates: &'static str,
    pub close_picker: &'static str,
    pub loading: &'static str,
    pub sending: &'static str,
    pub send_template: &'static str,
    pub example: &'static str,
    pub fill_first_name: &'static str,
    pub fill_name: &'static str,
    pub fill_phone: &'static str,
    pub fill_me: &'static str,
    pub header_needs: fn(&str) -> String,
    pub header_file: fn(&str) -> String,
    pub upload_file: &'static str,
    pub earlier_uploads: &'static str,
    pub window_closing_filter: &'static str,
    pub window_closed_filter: &'static str,
    pub any_window: &'static str,
    pub guard_customer: fn(usize) -> String,
    pub guard_colleague: fn(&str) -> String,
    pub send_anyway: &'static str,
    pub retry: &'static str,
    /// On a failed message that was sent again (once is the limit).
    pub retried: &'static str,
    pub private_note: &'static str,
    pub forwarded: &'static str,
    pub unsupported: &'static str,
    pub media_pending: &'static str,
    pub media_failed: &'static str,
    pub download: &'static str,
    pub open_map: &'static str,
    pub quoted_missing: &'static str,
    pub reacted: &'static str,
    pub is_typing: fn(&str) -> String,
    pub is_viewing: fn(&str) -> String,
    pub contact: &'static str,
    pub phone: &'static str,
    pub bsuid: &'static str,
    pub username: &'static str,
    pub attributes: &'static str,
    pub add_attribute: &'static str,
    pub attribute_name: &'static str,
    pub attribute_value: &'static str,
    pub save: &'static str,
    pub saved: &'static str,
    pub labels: &'static str,
    pub no_labels: &'static str,
    pub marketing: &'static str,
    pub opted_in: &'static str,
    pub opted_out: &'static str,
    pub consent_unknown: &'static str,
    pub came_from_ad: &'static str,
    pub live: &'static str,
    pub reconnecting: &'static str,
    pub online: &'static str,
    pub away: &'static str,
    pub offline: &'static str,
    pub shortcuts: &'static str,
    pub shortcut_list: &'static [(&'static str, &'static str)],
    pub close: &'static str,
    pub notify: &'static str,
    pub status_names: [&'static str; 4],
    pub tick_names: [&'static str; 5],
    pub activity_by: fn(&str, &str) -> String,
    pub chars_left: fn(usize) -> String,
    pub meta_explain: fn(i64) -> &'static str,
}

impl InboxTexts {
    pub fn view(&self, v: View) -> &'static str {
        self.views[View::ALL.iter().position(|x| *x == v).unwrap_or(0)]
    }

    pub fn status(&self, s: ConversationStatus) -> &'static str {
        match s {
            ConversationStatus::Bot => self.status_names[0],
            ConversationStatus::Open => self.status_names[1],
            ConversationStatus::Snoozed => self.status_names[2],
            ConversationStatus::Resolved => self.status_names[3],
        }
    }

    pub fn tick(&self, s: DeliveryStatus) -> &'static str {
        match s {
            DeliveryStatus::Pending => self.tick_names[0],
            DeliveryStatus::Sent => self.tick_names[1],
            DeliveryStatus::Delivered => self.tick_names[2],
            DeliveryStatus::Read => self.tick_names[3],
            DeliveryStatus::Failed => self.tick_names[4],
        }
    }

    pub fn presence(&self, p: Presence) -> &'static str {
        match p {
            Presence::Online => self.online,
            Presence::Away => self.away,
            Presence::Offline => self.offline,
        }
    }

    pub fn activity(&self, lang: Lang, a: &Activity) -> String {
        let es = lang == Lang::Es;
        match a {
            Activity::Assigned { to } => {
                if es {
                    format!("Asignada a {to}")
                } else {
                    format!("Assigned to {to}")
                }
            }
            Activity::Unassigned => (if es {
                "Devuelta a la cola"
            } else {
                "Returned to the queue"
            })
            .into(),
            Activity::Resolved => (if es { "Resuelta" } else { "Resolved" }).into(),
            Activity::Reopened => (if es { "Reabierta" } else { "Reopened" }).into(),
            Activity::Snoozed { until_ms: None } => (if es {
                "Pospuesta hasta que el cliente escriba"
            } else {
                "Snoozed until the customer writes"
            })
            .into(),
            Activity::Snoozed { until_ms: Some(at) } => {
                let at = crate::ui::clock::moment(*at);
                if es {
                    format!("Pospuesta hasta {at}")
                } else {
                    format!("Snoozed until {at}")
                }
            }
            Activity::Labelled { label } => {
                if es {
                    format!("Etiqueta «{label}» añadida")
                } else {
                    format!("Labelled “{label}”")
                }
            }
            Activity::Unlabelled { label } => {
                if es {
                    format!("Etiqueta «{label}» quitada")
                } else {
                    format!("Label “{label}” removed")
                }
            }
            Activity::HandedToBot => (if es {
                "Devuelta al bot"
            } else {
                "Handed to the bot"
            })
            .into(),
            Activity::TakenOver => (if es {
                "Tomada del bot"
            } else {
                "Taken over from the bot"
            })
            .into(),
            Activity::HandedOff { reason } => {
                let why = crate::ui::bot::texts::reason_words(lang, *reason);
                if es {
                    format!("El bot la pasó al equipo: {why}")
                } else {
                    format!("The bot handed it to the team: {why}")
                }
            }
            Activity::BotResolved { quiet: false } => (if es {
                "Resuelta por el bot: el cliente no necesitaba nada más"
            } else {
                "Resolved by the bot: the customer needed nothing else"
            })
            .into(),
            Activity::BotResolved { quiet: true } => (if es {
                "Resuelta por el bot: el cliente no volvió a escribir"
            } else {
                "Resolved by the bot: the customer went quiet"
            })
            .into(),
            Activity::SnoozeEnded => (if es {
                "Fin de la pausa: vuelve a estar abierta"
            } else {
                "Snooze ended: open again"
            })
            .into(),
            Activity::ReturnedToQueue { from } => {
                if es {
                    format!("Devuelta a la cola: {from} se desconectó")
                } else {
                    format!("Returned to the queue: {from} went offline")
                }
            }
            Activity::AutoAssigned { to } => {
                if es {
                    format!("Asignada automáticamente a {to}")
                } else {
                    format!("Assigned automatically to {to}")
                }
            }
        }
    }
}

pub fn texts(lang: Lang) -> &'static InboxTexts {
    match lang {
        Lang::En => &EN,
        Lang::Es => &ES,
    }
}

/// Meta's error codes agents meet most, in plain words.
fn explain_en(code: i64) -> &'static str {
    match code {
        131047 => "More than 24 hours passed since the customer last wrote. Send an approved template instead.",
        131026 => "The message could not be delivered: the number may not be on WhatsApp, or the customer must accept new terms.",
        131051 => "WhatsApp does not support this kind of message.",
        131052 | 131053 => "WhatsApp could not process the file. Try another format or a smaller file.",
        131056 => "Too many messages to this customer in a short time. Wait a moment and retry.",
        130429 | 131048 => "WhatsApp is limiting how fast this number sends. Retry in a moment.",
        131049 => "WhatsApp chose not to deliver this marketing message to keep engagement healthy.",
        131050 => "The customer stopped marketing messages from this business.",
        -1 => "Not sent: the customer's 24-hour window closed while this message waited to go out. Send an approved template instead.",
        132000 => "The template's values do not match what the template expects. Sync templates and try again.",
        132001 => "This template does not exist in this language or is not approved.",
        132005 => "The template is too long once filled in. Shorten the values.",
        132007 => "WhatsApp found the filled-in template against its policy.",
        132008 | 132012 => "A value has the wrong format for this template (for example the header file type).",
        132015 => "The template is paused because of low quality. Choose another template.",
        132016 => "The template was disabled by WhatsApp for low quality. Choose another template.",
        132018 => "A template value contains something WhatsApp refuses (line breaks, tabs or long runs of spaces).",
        132002..=132099 => "The template is missing, paused, disabled or its parameters do not match.",
        190 | 10 | 200 => "The WhatsApp connection's access token is invalid or lacks permission. Tell an admin.",
        _ => "WhatsApp could not deliver this message.",
    }
}

fn explain_es(code: i64) -> &'static str {
    match code {
        131047 => "Pasaron más de 24 horas desde el último mensaje del cliente. Envía una plantilla aprobada.",
        131026 => "No se pudo entregar: puede que el número no use WhatsApp o que el cliente deba aceptar nuevas condiciones.",
        131051 => "WhatsApp no admite este tipo de mensaje.",
        131052 | 131053 => "WhatsApp no pudo procesar el archivo. Prueba otro formato o un archivo más pequeño.",
        131056 => "Demasiados mensajes a este cliente en poco tiempo. Espera un momento y reintenta.",
        130429 | 131048 => "WhatsApp está limitando la velocidad de envío de este número. Reintenta en un momento.",
        131049 => "WhatsApp decidió no entregar este mensaje de marketing.",
        131050 => "El cliente dejó de recibir mensajes de marketing de esta empresa.",
        -1 => "No enviado: la ventana de 24 horas del cliente se cerró mientras el mensaje esperaba para salir. Envía una plantilla aprobada.",
        132000 => "Los valores no coinciden con lo que espera la plantilla. Sincroniza las plantillas y vuelve a intentarlo.",
        132001 => "Esta plantilla no existe en este idioma o no está aprobada.",
        132005 => "La plantilla es demasiado larga una vez rellena. Acorta los valores.",
        132007 => "WhatsApp considera que la plantilla rellena incumple su política.",
        132008 | 132012 => "Un valor tiene un formato incorrecto para esta plantilla (por ejemplo, el tipo de archivo del encabezado).",
        132015 => "La plantilla está en pausa por baja calidad. Elige otra plantilla.",
        132016 => "WhatsApp desactivó la plantilla por baja calidad. Elige otra plantilla.",
        132018 => "Un valor de la plantilla contiene algo que WhatsApp rechaza (saltos de línea, tabuladores o muchos espacios seguidos).",
        132002..=132099 => "La plantilla no existe, está pausada o desactivada, o sus parámetros no coinciden.",
        190 | 10 | 200 => "El token de acceso de WhatsApp no es válido o no tiene permiso. Avisa a un admin.",
        _ => "WhatsApp no pudo entregar este mensaje.",
    }
}

pub static EN: InboxTexts = InboxTexts {
    views: ["Mine", "Queue", "All", "Bot", "Snoozed", "Resolved"],
    search: "Search name, phone or text",
    any_label: "Any label",
    anyone: "Anyone",
    unassigned: "Unassigned",
    no_conversations: "No conversations here.",
    load_more: "Load more",
    pick_conversation: "Pick a conversation on the left to start.",
    older: "Load older messages",
    earlier_conversations: "Conversations with this contact",
    conversation_started: "Conversation started",
    window_open: |left| format!("Window open · {left} left"),
    window_closed: "Window closed",
    window_closed_hint:
        "The customer has not written in the last 24 hours: only approved templates can be sent.",
    write_reply: "Write a reply… (Enter to send, Shift+Enter for a new line)",
    write_note: "Write a private note for your team…",
    reply: "Reply",
    note: "Private note",
    send: "Send",
    add_note: "Add note",
    attach: "Attach a file",
    emoji: "Emoji",
    preview: "Preview",
    replying_to: "Replying to",
    cancel: "Cancel",
    uploading: |p| format!("Uploading… {p}%"),
    window_closing_in: |left| {
        format!(
            "The 24-hour window closes in {left}. After that only approved templates can be sent."
        )
    },
    window_closed_at: |at| {
        format!("The 24-hour window closed at {at}. Until the customer writes again, only approved templates can be sent.")
    },
    window_never_opened:
        "This customer has not written to us yet: start with an approved template.",
    window_header_open: |left| format!("Window closes in {left}"),
    window_header_closed: |at| format!("Window closed {at}"),
    template: "Template",
    no_templates:
        "No approved template matches. Admins can sync templates on the Templates screen.",
    cat_utility: "Utility",
    cat_marketing: "Marketing",
    cat_authentication: "Authentication",
    marketing_blocked: "The customer stopped marketing messages",
    bot_notice: "The bot is answering this customer. Sending a reply takes the conversation over and the bot stops.",
    unsendable: "Can't be sent from the console",
    search_templates: "Search templates by name or text",
    all_templates: "All templates",
    close_picker: "Back to writing",
    loading: "Loading…",
    sending: "Sending…",
    send_template: "Send template",
    example: "e.g.",
    fill_first_name: "First name",
    fill_name: "Full name",
    fill_phone: "Phone",
    fill_me: "My name",
    header_needs: |kind| format!("The header needs a file of type {kind}."),
    header_file: |kind| format!("Header {kind}"),
    upload_file: "Upload a file",
    earlier_uploads: "Or use an earlier upload:",
    window_closing_filter: "Window closing soon",
    window_closed_filter: "Window closed",
    any_window: "Any window",
    guard_customer: |n| {
        if n == 1 {
            "The customer wrote again since you started typing.".into()
        } else {
            format!("The customer wrote {n} more messages since you started typing.")
        }
    },
    guard_colleague: |who| format!("{who} replied since you started typing."),
    send_anyway: "Send anyway",
    retry: "Retry",
    retried: "Sent again below",
    private_note: "Private note",
    forwarded: "Forwarded",
    unsupported: "This message type can't be shown here.",
    media_pending: "Downloading from WhatsApp…",
    media_failed: "The file could not be downloaded from WhatsApp",
    download: "Download",
    open_map: "Open map",
    quoted_missing: "Earlier message",
    reacted: "reacted",
    is_typing: |who| format!("{who} is typing…"),
    is_viewing: |who| format!("{who} is viewing"),
    contact: "Contact",
    phone: "Phone",
    bsuid: "Business-scoped ID",
    username: "Username",
    attributes: "Attributes",
    add_attribute: "Add attribute",
    attribute_name: "Name",
    attribute_value: "Value",
    save: "Save",
    saved: "Saved",
    labels: "Labels",
    no_labels: "No labels",
    marketing: "Marketing messages",
    opted_in: "Opted in",
    opted_out: "Opted out",
    consent_unknown: "Not asked yet",
    came_from_ad: "Came from an ad",
    live: "Live",
    reconnecting: "Reconnecting…",
    online: "Online",
    away: "Away",
    offline: "Offline",
    shortcuts: "Keyboard shortcuts",
    shortcut_list: &[
        ("j / ↓", "Next conversation"),
        ("k / ↑", "Previous conversation"),
        ("r", "Focus the reply box"),
        ("n", "Write a private note"),
        ("a", "Assign to me"),
        ("e", "Resolve"),
        ("l", "Label the conversation"),
        ("/", "Search"),
        ("Esc", "Leave the reply box"),
        ("?", "Show this help"),
    ],
    close: "Close",
    notify: "Notify me",
    status_names: ["Bot", "Open", "Snoozed", "Resolved"],
    tick_names: ["Sending", "Sent", "Delivered", "Read", "Failed"],
    activity_by: |what, who| format!("{what} by {who}"),
    chars_left: |n| format!("{n} left"),
    meta_explain: explain_en,
};

pub static ES: InboxTexts = InboxTexts {
    views: ["Mías", "Cola", "Todas", "Bot", "Pospuestas", "Resueltas"],
    search: "Buscar nombre, teléfono o texto",
    any_label: "Cualquier etiqueta",
    anyone: "Cualquiera",
    unassigned: "Sin asignar",
    no_conversations: "No hay conversaciones aquí.",
    load_more: "Cargar más",
    pick_conversation: "Elige una conversación a la izquierda para empezar.",
    older: "Cargar mensajes anteriores",
    earlier_conversations: "Conversaciones con este contacto",
    conversation_started: "Conversación iniciada",
    window_open: |left| format!("Ventana abierta · quedan {left}"),
    window_closed: "Ventana cerrada",
    window_closed_hint: "El cliente no ha escrito en las últimas 24 horas: solo se pueden enviar plantillas aprobadas.",
    write_reply: "Escribe una respuesta… (Enter para enviar, Mayús+Enter para nueva línea)",
    write_note: "Escribe una nota privada para tu equipo…",
    reply: "Responder",
    note: "Nota privada",
    send: "Enviar",
    add_note: "Añadir nota",
    attach: "Adjuntar archivo",
    emoji: "Emoji",
    preview: "Vista previa",
    replying_to: "Respondiendo a",
    cancel: "Cancelar",
    uploading: |p| format!("Subiendo… {p}%"),
    window_closing_in: |left| format!("La ventana de 24 horas se cierra en {left}. Después solo se podrán enviar plantillas aprobadas."),
    window_closed_at: |at| format!("La ventana de 24 horas se cerró el {at}. Hasta que el cliente vuelva a escribir, solo se pueden enviar plantillas aprobadas."),
    window_never_opened: "Este cliente aún no nos ha escrito: empieza con una plantilla aprobada.",
    window_header_open: |left| format!("La ventana se cierra en {left}"),
    window_header_closed: |at| format!("Ventana cerrada el {at}"),
    template: "Plantilla",
    no_templates: "Ninguna plantilla aprobada coincide. Los admins pueden sincronizarlas en la pantalla Plantillas.",
    cat_utility: "Utilidad",
    cat_marketing: "Marketing",
    cat_authentication: "Autenticación",
    marketing_blocked: "El cliente dejó de recibir marketing",
    bot_notice: "El bot está atendiendo a este cliente. Si respondes, tomas la conversación y el bot se detiene.",
    unsendable: "No se puede enviar desde la consola",
    search_templates: "Buscar plantillas por nombre o texto",
    all_templates: "Todas las plantillas",
    close_picker: "Volver a escribir",
    loading: "Cargando…",
    sending: "Enviando…",
    send_template: "Enviar plantilla",
    example: "p. ej.",
    fill_first_name: "Nombre",
    fill_name: "Nombre completo",
    fill_phone: "Teléfono",
    fill_me: "Mi nombre",
    header_needs: |kind| format!("El encabezado necesita un archivo de tipo {kind}."),
    header_file: |kind| format!("Encabezado: {kind}"),
    upload_file: "Subir un archivo",
    earlier_uploads: "O usa un archivo subido antes:",
    window_closing_filter: "Ventana a punto de cerrar",
    window_closed_filter: "Ventana cerrada",
    any_window: "Cualquier ventana",
    guard_customer: |n| if n == 1 { "El cliente volvió a escribir desde que empezaste.".into() } else { format!("El cliente escribió {n} mensajes más desde que empezaste.") },
    guard_colleague: |who| format!("{who} respondió desde que empezaste a escribir."),
    send_anyway: "Enviar igualmente",
    retry: "Reintentar",
    retried: "Reenviado más abajo",
    private_note: "Nota privada",
    forwarded: "Reenviado",
    unsupported: "Este tipo de mensaje no se puede mostrar aquí.",
    media_pending: "Descargando de WhatsApp…",
    media_failed: "No se pudo descargar el archivo de WhatsApp",
    download: "Descargar",
    open_map: "Abrir mapa",
    quoted_missing: "Mensaje anterior",
    reacted: "reaccionó",
    is_typing: |who| format!("{who} está escribiendo…"),
    is_viewing: |who| format!("{who} está mirando"),
    contact: "Contacto",
    phone: "Teléfono",
    bsuid: "ID de empresa",
    username: "Usuario",
    attributes: "Atributos",
    add_attribute: "Añadir atributo",
    attribute_name: "Nombre",
    attribute_value: "Valor",
    save: "Guardar",
    saved: "Guardado",
    labels: "Etiquetas",
    no_labels: "Sin etiquetas",
    marketing: "Mensajes de marketing",
    opted_in: "Aceptados",
    opted_out: "Rechazados",
    consent_unknown: "Sin preguntar",
    came_from_ad: "Llegó desde un anuncio",
    live: "En vivo",
    reconnecting: "Reconectando…",
    online: "Disponible",
    away: "Ausente",
    offline: "Desconectado",
    shortcuts: "Atajos de teclado",
    shortcut_list: &[
        ("j / ↓", "Siguiente conversación"),
        ("k / ↑", "Conversación anterior"),
        ("r", "Ir a la respuesta"),
        ("n", "Escribir una nota privada"),
        ("a", "Asignarme"),
        ("e", "Resolver"),
        ("l", "Etiquetar la conversación"),
        ("/", "Buscar"),
        ("Esc", "Salir de la respuesta"),
        ("?", "Mostrar esta ayuda"),
    ],
    close: "Cerrar",
    notify: "Avisarme",
    status_names: ["Bot", "Abierta", "Pospuesta", "Resuelta"],
    tick_names: ["Enviando", "Enviado", "Entregado", "Leído", "Falló"],
    activity_by: |what, who| format!("{what} por {who}"),
    chars_left: |n| format!("quedan {n}"),
    meta_explain: explain_es,
};

impl InboxTexts {
    /// A template category's heading.
    pub fn category(&self, category: &str) -> &'static str {
        match category {
            "MARKETING" => self.cat_marketing,
            "AUTHENTICATION" => self.cat_authentication,
            _ => self.cat_utility,
        }
    }
}
