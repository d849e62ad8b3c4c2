//! Handoff words, menu words and the catalog search.

use super::*;

fn handoff_words() -> Vec<String> {
    crate::domain::bot::BotConfig::default().handoff_words
}

#[test]
fn handoff_requests_are_recognised() {
    let words = handoff_words();
    for text in [
        "quiero hablar con un agente",
        "¿me pasas con una persona?",
        "I want to talk to a human",
        "AGENTE",
        "asesor por favor",
        "ajente",
        "humnao!!",
        "can I speak to a representative",
        "Operadora",
    ] {
        assert!(asks_for_human(text, &words), "{text:?}");
    }
    for text in [
        "hola",
        "precio de zapatillas",
        "what are your opening hours",
        "",
        "¿hacen envíos?",
        "agenda",
    ] {
        assert!(!asks_for_human(text, &words), "{text:?}");
    }
    assert!(!asks_for_human("agente", &[]));
}

#[test]
fn handoff_phrases_need_all_their_words() {
    let words = vec!["hablar con alguien".to_string(), "phone call".to_string()];
    assert!(asks_for_human("¿puedo hablar con alguien?", &words));
    assert!(!asks_for_human("quiero hablar de precios", &words));
    assert!(asks_for_human("can I get a phone call?", &words));
    assert!(!asks_for_human("call", &words));
    // A phrase of stop words only still counts, as written.
    let words = vec!["¿estás ahí?".to_string(), "are you there".to_string()];
    assert!(asks_for_human("hola, ¿estás ahí?", &words));
    assert!(asks_for_human("Are you there??", &words));
    assert!(!asks_for_human("are you open", &words));
}

#[test]
fn menu_requests_are_the_whole_message() {
    for text in [
        "menu",
        "Menú",
        " MENÚ! ",
        "inicio",
        "opciones",
        "volver",
        "start",
        "Options",
        "main menu",
        "Back.",
    ] {
        assert!(asks_for_menu(text), "{text:?}");
    }
    for text in [
        "",
        "ver el menú del restaurante",
        "quiero volver a pedir",
        "back pain",
        "menus",
    ] {
        assert!(!asks_for_menu(text), "{text:?}");
    }
}

fn product(id: i64, name: &str, description: &str) -> Product {
    Product {
        id,
        sku: None,
        name: name.into(),
        description: description.into(),
        price: None,
        link: None,
        image_url: None,
        updated_at_ms: 0,
    }
}

fn catalog() -> Vec<Product> {
    vec![
        product(
            1,
            "Zapatilla Roja Running",
            "Red running sneakers, ligeras y transpirables",
        ),
        product(2, "Zapatilla Azul Urbana", "Blue city sneakers"),
        product(
            3,
            "Mochila Escolar",
            "Backpack con dos bolsillos, color rojo",
        ),
        product(4, "Camiseta Roja", "Red cotton t-shirt"),
        product(5, "Bota de Montaña", "Hiking boots, waterproof"),
        product(6, "Mochila de Viaje", "Travel backpack 40 L"),
    ]
}

fn found(query: &str) -> Vec<i64> {
    search_catalog(&catalog(), query, 5)
        .iter()
        .map(|s| s.id)
        .collect()
}

#[test]
fn catalog_search_by_stems_in_both_languages() {
    assert_eq!(found("¿tienen zapatillas rojas?")[0], 1);
    assert_eq!(found("red sneakers")[0], 1);
    assert_eq!(found("busco zapatilas rojas")[0], 1, "typo");
    // Every red thing or every sneaker covers half of the query; the red sneaker first, then
    // name matches tied by name.
    // (The backpack's description says "color rojo": a quarter of the query.)
    assert_eq!(found("zapatillas rojas"), vec![1, 4, 2, 3]);
    // Name words weigh more than description words: the red backpack is last among "rojo".
    assert_eq!(found("rojo"), vec![4, 1, 3]);
    // Ties by name.
    assert_eq!(found("mochila"), vec![6, 3]);
    assert_eq!(found("I'm looking for a backpack"), vec![6, 3]);
    assert!(found("pizza").is_empty());
    assert!(found("¿tienen?").is_empty());
    assert!(
        found("pizza napolitana con zapatilla").is_empty(),
        "covers a third only"
    );
    assert_eq!(search_catalog(&catalog(), "mochila", 1).len(), 1);
    assert!(search_catalog(&[], "mochila", 5).is_empty());
    let scores = search_catalog(&catalog(), "zapatillas rojas", 5);
    assert!(scores.iter().all(|s| s.score > 0.0 && s.score <= 1.0));
}
