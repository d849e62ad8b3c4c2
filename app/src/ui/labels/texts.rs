//! The Labels screen's words, one `ScreenTexts` per language.

use crate::i18n::Lang;

pub struct ScreenTexts {
    pub subtitle: &'static str,
    pub new_label: &'static str,
    pub name: &'static str,
    pub color: &'static str,
    pub description: &'static str,
    pub description_hint: &'static str,
    pub create: &'static str,
    pub edit: &'static str,
    pub save: &'static str,
    pub cancel: &'static str,
    pub delete: &'static str,
    pub empty: &'static str,
    pub loading: &'static str,
    /// Names of the palette's colours, in palette order.
    pub colors: [&'static str; crate::domain::labels::PALETTE.len()],
    pub conversations: fn(u64) -> String,
    pub created: fn(&str) -> String,
    pub saved: fn(&str) -> String,
    pub deleted: fn(&str, u64) -> String,
    pub confirm: fn(&str, u64) -> String,
}

static EN: ScreenTexts = ScreenTexts {
    subtitle: "Labels sort conversations. Agents put them on from the thread (key l) and filter the inbox by them.",
    new_label: "New label",
    name: "Name",
    color: "Colour",
    description: "Description",
    description_hint: "When to use it (optional)",
    create: "Create label",
    edit: "Edit",
    save: "Save",
    cancel: "Cancel",
    delete: "Delete",
    empty: "No labels yet. Create the first one above.",
    loading: "Loading…",
    colors: ["Grey", "Red", "Orange", "Amber", "Green", "Teal", "Sky blue", "Blue", "Violet", "Pink"],
    conversations: |n| match n {
        1 => "1 conversation".into(),
        n => format!("{n} conversations"),
    },
    created: |name| format!("Label '{name}' created."),
    saved: |name| format!("Label '{name}' saved."),
    deleted: |name, n| match n {
        0 => format!("Label '{name}' deleted."),
        1 => format!("Label '{name}' deleted and removed from 1 conversation."),
        n => format!("Label '{name}' deleted and removed from {n} conversations."),
    },
    confirm: |name, n| match n {
        0 => format!("Delete '{name}'? No conversation carries it."),
        1 => format!("Delete '{name}'? It is on 1 conversation; it will be removed from it."),
        n => format!("Delete '{name}'? It is on {n} conversations; it will be removed from them."),
    },
};

static ES: ScreenTexts = ScreenTexts {
    subtitle: "Las etiquetas ordenan las conversaciones. Los agentes las ponen desde la conversación (tecla l) y filtran la bandeja por ellas.",
    new_label: "Nueva etiqueta",
    name: "Nombre",
    color: "Color",
    description: "Descripción",
    description_hint: "Cuándo usarla (opcional)",
    create: "Crear etiqueta",
    edit: "Editar",
    save: "Guardar",
    cancel: "Cancelar",
    delete: "Borrar",
    empty: "Aún no hay etiquetas. Crea la primera arriba.",
    loading: "Cargando…",
    colors: ["Gris", "Rojo", "Naranja", "Ámbar", "Verde", "Verde azulado", "Celeste", "Azul", "Violeta", "Rosa"],
    conversations: |n| match n {
        1 => "1 conversación".into(),
        n => format!("{n} conversaciones"),
    },
    created: |name| format!("Etiqueta «{name}» creada."),
    saved: |name| format!("Etiqueta «{name}» guardada."),
    deleted: |name, n| match n {
        0 => format!("Etiqueta «{name}» borrada."),
        1 => format!("Etiqueta «{name}» borrada y quitada de 1 conversación."),
        n => format!("Etiqueta «{name}» borrada y quitada de {n} conversaciones."),
    },
    confirm: |name, n| match n {
        0 => format!("¿Borrar «{name}»? Ninguna conversación la lleva."),
        1 => format!("¿Borrar «{name}»? Está en 1 conversación; se quitará de ella."),
        n => format!("¿Borrar «{name}»? Está en {n} conversaciones; se quitará de ellas."),
    },
};

pub fn texts(lang: Lang) -> &'static ScreenTexts {
    match lang {
        Lang::Es => &ES,
        _ => &EN,
    }
}
