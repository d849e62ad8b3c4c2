//! What is wrong with a bot setting, FAQ entry, product or CSV row, in words that point at the
//! place to fix: "Menu › Envíos: the title is longer than 20 characters".

use crate::domain::bot::catalog_csv::{CsvProblem, RowProblem};
use crate::domain::bot::config::{Issue, OptionPart, TextKey, MENU_DEPTH_MAX};
use crate::domain::bot::{BotPlace, BotProblem, HandoffReason};
use crate::i18n::Lang;
use crate::wire::bot::ImportFileProblem;

/// A bot setting's problem, in English.
pub fn problem_en(problem: &BotProblem) -> String {
    self::problem(Lang::En, problem)
}

/// A bot setting's problem, in Spanish.
pub fn problem_es(problem: &BotProblem) -> String {
    self::problem(Lang::Es, problem)
}

pub fn problem(lang: Lang, problem: &BotProblem) -> String {
    let es = lang == Lang::Es;
    let (place, subject) = place(lang, &problem.place);
    let menu_depth =
        matches!(&problem.place, BotPlace::Menu { path } if path.len() >= MENU_DEPTH_MAX);
    let text = match (&problem.issue, subject) {
        (Issue::Empty, Some(s)) => pick(es, format!("{s} is empty"), format!("{s} está vacío")),
        (Issue::Empty, None) => pick(es, "empty; fill it in".into(), "está vacío; complétalo".into()),
        (Issue::TooLong { max }, Some(s)) => pick(
            es,
            format!("{s} is longer than {max} characters"),
            format!("{s} tiene más de {max} caracteres"),
        ),
        (Issue::TooLong { max }, None) => pick(
            es,
            format!("longer than {max} characters"),
            format!("tiene más de {max} caracteres"),
        ),
        (Issue::TooMany { max }, _) if menu_depth => pick(
            es,
            format!("menus can only go {max} levels deep"),
            format!("los menús solo pueden tener {max} niveles"),
        ),
        (Issue::TooMany { max }, _) if matches!(problem.place, BotPlace::Menu { .. }) => pick(
            es,
            format!("at most {max} options (plus \"talk to a person\")"),
            format!("como máximo {max} opciones (más «hablar con alguien»)"),
        ),
        (Issue::TooMany { max }, _) => pick(
            es,
            format!("at most {max} are allowed"),
            format!("se permiten como máximo {max}"),
        ),
        (Issue::Duplicate { value }, _) => pick(
            es,
            format!("\"{value}\" appears twice; entries must read differently (also from \"talk to a person\" and from each other's buttons)"),
            format!("«{value}» aparece dos veces; las entradas deben leerse distinto (también de «hablar con alguien» y entre botones)"),
        ),
        (Issue::OutOfRange { min, max }, _) => pick(
            es,
            format!("must be between {min} and {max}"),
            format!("debe estar entre {min} y {max}"),
        ),
        (Issue::UnknownTimezone, _) => pick(
            es,
            "unknown time zone; write its IANA name, such as America/Mexico_City or Europe/Madrid".into(),
            "zona horaria desconocida; escribe su nombre IANA, como America/Mexico_City o Europe/Madrid".into(),
        ),
        (Issue::HoursReversed, _) => pick(
            es,
            "the closing time must be after the opening time".into(),
            "la hora de cierre debe ser posterior a la de apertura".into(),
        ),
        (Issue::NotALink, _) => pick(
            es,
            "not a web address: it must start with https:// or http://".into(),
            "no es una dirección web: debe empezar por https:// o http://".into(),
        ),
        (Issue::MissingWhen, _) => pick(
            es,
            "must contain {when}, where the bot writes when the team is back".into(),
            "debe contener {when}, donde el bot escribe cuándo vuelve el equipo".into(),
        ),
    };
    format!("{place}: {text}")
}

fn pick(es: bool, en: String, es_text: String) -> String {
    if es {
        es_text
    } else {
        en
    }
}

/// Where the problem is, and for a menu option which of its parts ("the title").
fn place(lang: Lang, place: &BotPlace) -> (String, Option<&'static str>) {
    let es = lang == Lang::Es;
    let t = |en: &str, es_text: &str| if es { es_text } else { en }.to_string();
    let menu = |path: &[String]| {
        let mut out = t("Menu", "Menú");
        for title in path {
            out.push_str(" › ");
            if title.trim().is_empty() {
                out.push_str(if es { "(sin título)" } else { "(no title)" });
            } else {
                out.push_str(title.trim());
            }
        }
        out
    };
    let general =
        |en: &str, es_text: &str| format!("{} › {}", t("General", "General"), t(en, es_text));
    let catalog =
        |en: &str, es_text: &str| format!("{} › {}", t("Catalog", "Catálogo"), t(en, es_text));
    let faq = |en: &str, es_text: &str| format!("{} › {}", t("FAQ", "Preguntas"), t(en, es_text));
    let at = match place {
        BotPlace::Greeting => general("Greeting", "Saludo"),
        BotPlace::MenuButton => general("List button label", "Botón de la lista"),
        BotPlace::HumanOption => {
            general("\"Talk to a person\" option", "Opción «Hablar con alguien»")
        }
        BotPlace::HandoffWords => general("Handoff words", "Palabras de traspaso"),
        BotPlace::MisunderstandingLimit => general("Misunderstandings", "Malentendidos"),
        BotPlace::MatchThreshold => general("Match threshold", "Umbral de coincidencia"),
        BotPlace::QuietMinutes => general("Resolve after silence", "Resolver tras silencio"),
        BotPlace::Text { key } => general(text_key(Lang::En, *key).0, text_key(Lang::Es, *key).0),
        BotPlace::MenuOption { path, part } => {
            let subject = match (part, es) {
                (OptionPart::Title, false) => "the title",
                (OptionPart::Title, true) => "el título",
                (OptionPart::Description, false) => "the description",
                (OptionPart::Description, true) => "la descripción",
                (OptionPart::Text, false) => "the text",
                (OptionPart::Text, true) => "el texto",
            };
            return (menu(path), Some(subject));
        }
        BotPlace::Menu { path } => menu(path),
        BotPlace::Timezone => format!(
            "{} › {}",
            t("Hours", "Horario"),
            t("Time zone", "Zona horaria")
        ),
        BotPlace::Hours { day } => {
            let days = super::texts::texts(lang).weekdays;
            let name = days.get(usize::from(*day)).copied().unwrap_or("?");
            format!("{} › {name}", t("Hours", "Horario"))
        }
        BotPlace::FaqTitle => faq("Title", "Título"),
        BotPlace::FaqPhrasings => faq("Questions", "Preguntas"),
        BotPlace::FaqAnswer => faq("Answer", "Respuesta"),
        BotPlace::ProductSku => catalog("SKU", "SKU"),
        BotPlace::ProductName => catalog("Name", "Nombre"),
        BotPlace::ProductDescription => catalog("Description", "Descripción"),
        BotPlace::ProductPrice => catalog("Price", "Precio"),
        BotPlace::ProductLink => catalog("Link", "Enlace"),
        BotPlace::ProductImage => catalog("Image address", "Dirección de la imagen"),
    };
    (at, None)
}

/// A phrase's name on the General tab, and when the bot says it.
pub fn text_key(lang: Lang, key: TextKey) -> (&'static str, &'static str) {
    let es = lang == Lang::Es;
    let (en, es_pair) = match key {
        TextKey::Fallback => (
            ("Not understood", "When a message isn't understood; the menu follows."),
            ("No entendido", "Cuando no entiende un mensaje; le sigue el menú."),
        ),
        TextKey::DidYouMean => (
            ("Did you mean", "When two FAQ entries match about as well; their titles follow as buttons."),
            ("¿Te refieres a…?", "Cuando dos preguntas coinciden casi igual; sus títulos van como botones."),
        ),
        TextKey::AnythingElse => (
            ("Anything else?", "After a long answer, above the buttons below."),
            ("¿Algo más?", "Tras una respuesta larga, sobre los botones de abajo."),
        ),
        TextKey::DoneButton => (
            ("\"Done\" button", "Under every answer: the customer is done and the bot resolves the conversation."),
            ("Botón «Terminé»", "Bajo cada respuesta: el cliente terminó y el bot resuelve la conversación."),
        ),
        TextKey::MenuAgainButton => (
            ("\"Menu\" button", "Under every answer: shows the menu again."),
            ("Botón «Menú»", "Bajo cada respuesta: vuelve a mostrar el menú."),
        ),
        TextKey::Goodbye => (
            ("Goodbye", "When the customer taps the \"Done\" button."),
            ("Despedida", "Cuando el cliente toca el botón «Terminé»."),
        ),
        TextKey::SearchPrompt => (
            ("Search prompt", "When the customer picks a catalog search in the menu."),
            ("Pregunta de búsqueda", "Cuando el cliente elige buscar en el catálogo desde el menú."),
        ),
        TextKey::SearchResults => (
            ("Search results", "Above the list of products found."),
            ("Resultados", "Sobre la lista de productos encontrados."),
        ),
        TextKey::ResultsButton => (
            ("Results button", "The button that opens the list of products found."),
            ("Botón de resultados", "El botón que abre la lista de productos encontrados."),
        ),
        TextKey::NoResults => (
            ("No results", "When a catalog search finds nothing."),
            ("Sin resultados", "Cuando una búsqueda en el catálogo no encuentra nada."),
        ),
        TextKey::Handoff => (
            ("Handoff", "When the conversation goes to the team during business hours."),
            ("Traspaso", "Cuando la conversación pasa al equipo en horario de atención."),
        ),
        TextKey::Closed => (
            ("Outside business hours", "When the conversation goes to the team outside business hours. Must contain {when}: it becomes \"on Monday at 09:00\"."),
            ("Fuera de horario", "Cuando la conversación pasa al equipo fuera del horario. Debe contener {when}: se convierte en «el lunes a las 09:00»."),
        ),
    };
    if es {
        es_pair
    } else {
        en
    }
}

/// Why the bot handed a conversation to the team.
pub fn reason_words(lang: Lang, reason: HandoffReason) -> &'static str {
    let es = lang == Lang::Es;
    match (reason, es) {
        (HandoffReason::Asked, false) => "the customer asked for a person",
        (HandoffReason::Asked, true) => "el cliente pidió hablar con una persona",
        (HandoffReason::Button, false) => "the customer chose \"talk to a person\"",
        (HandoffReason::Button, true) => "el cliente eligió «hablar con alguien»",
        (HandoffReason::Misunderstood, false) => "the bot didn't understand too many times",
        (HandoffReason::Misunderstood, true) => "el bot no entendió demasiadas veces",
        (HandoffReason::Media, false) => "the customer sent something the bot can't read",
        (HandoffReason::Media, true) => "el cliente envió algo que el bot no puede leer",
        (HandoffReason::BotDisabled, false) => "the bot was switched off",
        (HandoffReason::BotDisabled, true) => "el bot se desactivó",
        (HandoffReason::WindowClosed, false) => {
            "the message arrived after the 24-hour window closed"
        }
        (HandoffReason::WindowClosed, true) => {
            "el mensaje llegó con la ventana de 24 horas ya cerrada"
        }
    }
}

/// Why a CSV file was not read at all.
pub fn csv_problem(lang: Lang, problem: &ImportFileProblem) -> String {
    let es = lang == Lang::Es;
    match problem {
        ImportFileProblem::TooLarge { max_bytes } => {
            let mb = max_bytes / 1_000_000;
            pick(
                es,
                format!("The file is larger than {mb} MB. Split it and import the parts one after another."),
                format!("El archivo ocupa más de {mb} MB. Divídelo e importa las partes una tras otra."),
            )
        }
        ImportFileProblem::Csv { problem } => match problem {
            CsvProblem::Empty => pick(
                es,
                "The file is empty: its first line must name the columns.".into(),
                "El archivo está vacío: su primera línea debe nombrar las columnas.".into(),
            ),
            CsvProblem::NoNameColumn => pick(
                es,
                "The first line has no name column (name or nombre), so no product can be read.".into(),
                "La primera línea no tiene columna de nombre (name o nombre), así que no se puede leer ningún producto.".into(),
            ),
            CsvProblem::TooManyRows { max } => pick(
                es,
                format!("The file has more than {max} rows. Split it and import the parts one after another."),
                format!("El archivo tiene más de {max} filas. Divídelo e importa las partes una tras otra."),
            ),
        },
    }
}

/// Why one row of a CSV file was left out.
pub fn row_problem(lang: Lang, problem: &RowProblem) -> String {
    let es = lang == Lang::Es;
    match problem {
        RowProblem::Invalid { problem } => self::problem(lang, problem),
        RowProblem::Unreadable { detail } => pick(
            es,
            format!("the line can't be read as CSV ({detail})"),
            format!("la línea no se puede leer como CSV ({detail})"),
        ),
        RowProblem::RepeatedSku { sku, first_line } => pick(
            es,
            format!("the SKU {sku} is already on line {first_line}"),
            format!("el SKU {sku} ya está en la línea {first_line}"),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems_point_at_the_place_in_both_languages() {
        let long_title = BotProblem {
            place: BotPlace::MenuOption {
                path: vec!["Envíos".into()],
                part: OptionPart::Title,
            },
            issue: Issue::TooLong { max: 20 },
        };
        assert_eq!(
            problem_en(&long_title),
            "Menu › Envíos: the title is longer than 20 characters"
        );
        assert_eq!(
            problem_es(&long_title),
            "Menú › Envíos: el título tiene más de 20 caracteres"
        );
        let zone = BotProblem {
            place: BotPlace::Timezone,
            issue: Issue::UnknownTimezone,
        };
        assert!(problem_en(&zone).starts_with("Hours › Time zone: unknown time zone"));
        let closed = BotProblem {
            place: BotPlace::Text {
                key: TextKey::Closed,
            },
            issue: Issue::MissingWhen,
        };
        assert!(problem_es(&closed).starts_with("General › Fuera de horario: debe contener {when}"));
        let day = BotProblem {
            place: BotPlace::Hours { day: 6 },
            issue: Issue::HoursReversed,
        };
        assert!(problem_en(&day).starts_with("Hours › Sunday:"));
    }

    #[test]
    fn too_deep_menus_are_told_apart_from_too_many_options() {
        let deep = BotProblem {
            place: BotPlace::Menu {
                path: vec!["A".into(), "B".into(), "C".into()],
            },
            issue: Issue::TooMany { max: 3 },
        };
        assert!(problem_en(&deep).contains("3 levels deep"));
        let many = BotProblem {
            place: BotPlace::Menu { path: vec![] },
            issue: Issue::TooMany { max: 9 },
        };
        assert_eq!(
            problem_en(&many),
            "Menu: at most 9 options (plus \"talk to a person\")"
        );
    }
}
