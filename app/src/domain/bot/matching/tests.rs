use super::*;
use text::Vocabulary;

const HOURS: i64 = 1;
const SHIPPING: i64 = 2;
const RETURNS: i64 = 3;
const PAYMENT: i64 = 4;
const LOCATION: i64 = 5;
const WARRANTY: i64 = 6;
const TRACKING: i64 = 7;
const INVOICE: i64 = 8;
const SIZE_CHANGE: i64 = 9;

fn entry(id: i64, title: &str, phrasings: &[&str]) -> FaqEntry {
    FaqEntry {
        id,
        title: title.into(),
        phrasings: phrasings.iter().map(|p| p.to_string()).collect(),
        answer: format!("answer {id}"),
        updated_at_ms: 0,
    }
}

/// A shop's FAQ as a business would write it, Spanish and English mixed.
fn faq() -> Vec<FaqEntry> {
    vec![
        entry(
            HOURS,
            "Horario",
            &[
                "¿A qué hora abren?",
                "¿Cuál es el horario de atención?",
                "¿Abren los sábados?",
                "What are your opening hours?",
                "What time do you open?",
            ],
        ),
        entry(
            SHIPPING,
            "Envíos",
            &[
                "¿Hacen envíos a domicilio?",
                "¿Cuánto cuesta el envío?",
                "¿Cuánto tarda en llegar el envío?",
                "Do you ship to my city?",
                "How much is shipping?",
            ],
        ),
        entry(
            RETURNS,
            "Devoluciones",
            &[
                "¿Cómo devuelvo un producto?",
                "Quiero devolver algo",
                "¿Aceptan devoluciones?",
                "How do I return an item?",
                "Refund",
            ],
        ),
        entry(
            PAYMENT,
            "Formas de pago",
            &[
                "¿Qué formas de pago aceptan?",
                "¿Puedo pagar con tarjeta?",
                "¿Aceptan transferencia o efectivo?",
                "What payment methods do you accept?",
                "Can I pay by card?",
            ],
        ),
        entry(
            LOCATION,
            "Ubicación",
            &[
                "¿Dónde están?",
                "¿Cuál es la dirección de la tienda?",
                "¿Tienen tienda física?",
                "Where are you located?",
                "Store address",
            ],
        ),
        entry(
            WARRANTY,
            "Garantía",
            &[
                "¿Los productos tienen garantía?",
                "¿Cuánto dura la garantía?",
                "Se me rompió, ¿lo cubre la garantía?",
                "Is there a warranty?",
            ],
        ),
        entry(
            TRACKING,
            "Seguimiento",
            &[
                "¿Dónde está mi pedido?",
                "Quiero rastrear mi pedido",
                "Número de seguimiento",
                "Where is my order?",
                "Track my order",
            ],
        ),
        entry(
            INVOICE,
            "Factura",
            &[
                "¿Me pueden enviar la factura?",
                "Necesito factura de mi compra",
                "Can I get an invoice?",
                "Invoice for my purchase",
            ],
        ),
        entry(
            SIZE_CHANGE,
            "Cambio de talla",
            &[
                "Quiero cambiar la talla",
                "Quiero cambiar algo",
                "¿Puedo cambiar un producto por otro?",
                "Exchange for another size",
            ],
        ),
    ]
}

const THRESHOLD: f32 = 0.55;

#[test]
fn faq_answers_in_both_languages_despite_accents_case_typos_and_chatter() {
    let index = FaqIndex::new(&faq());
    let cases: &[(&str, i64)] = &[
        // The phrasings themselves.
        ("¿A qué hora abren?", HOURS),
        ("¿Cuánto cuesta el envío?", SHIPPING),
        ("How do I return an item?", RETURNS),
        ("¿Puedo pagar con tarjeta?", PAYMENT),
        ("Where are you located?", LOCATION),
        ("¿Cuánto dura la garantía?", WARRANTY),
        ("Track my order", TRACKING),
        ("Necesito factura de mi compra", INVOICE),
        // Other wording.
        ("horario del sábado", HOURS),
        ("precio del envío a domicilio", SHIPPING),
        ("¿aceptan pagos con tarjeta de crédito?", PAYMENT),
        ("¿dónde queda la tienda?", LOCATION),
        ("what is the warranty on products", WARRANTY),
        ("I need an invoice please", INVOICE),
        ("when do you open", HOURS),
        // No accents, upper case.
        ("envios", SHIPPING),
        ("devolucion", RETURNS),
        ("DEVOLUCIONES", RETURNS),
        ("GARANTIA", WARRANTY),
        ("factura", INVOICE),
        // Typos.
        ("orario", HOURS),
        ("devoluciónes", RETURNS),
        ("shiping cost", SHIPPING),
        ("¿cuanto cuseta el envio?", SHIPPING),
        ("rastrar mi pedido", TRACKING),
        ("garantia del prodcto", WARRANTY),
        // Chatter around the question.
        (
            "hola buenas, quería saber a qué hora abren mañana por favor",
            HOURS,
        ),
        (
            "Buenas tardes! una consulta, ¿hacen envíos a domicilio? gracias",
            SHIPPING,
        ),
        (
            "hi there, could you tell me where my order is? thanks a lot",
            TRACKING,
        ),
        // English against the English phrasings of a Spanish FAQ.
        ("opening hours", HOURS),
        ("do you accept payment by card", PAYMENT),
        ("refund please", RETURNS),
        ("store address?", LOCATION),
    ];
    let mut wrong = Vec::new();
    for (text, expected) in cases {
        let got = index.decide(text, THRESHOLD);
        if !matches!(got, FaqDecision::Answer(Scored { id, .. }) if id == *expected) {
            wrong.push(format!("{text:?}: expected {expected}, got {got:?}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn overlapping_entries_make_an_ambiguous_match() {
    let index = FaqIndex::new(&faq());
    match index.decide("quiero cambiar o devolver", THRESHOLD) {
        FaqDecision::Ambiguous(close) => {
            let mut ids: Vec<i64> = close.iter().map(|s| s.id).collect();
            ids.sort_unstable();
            assert_eq!(ids, vec![RETURNS, SIZE_CHANGE]);
            assert!(close[0].score >= close[1].score);
        }
        other => panic!("expected ambiguous, got {other:?}"),
    }
}

#[test]
fn unrelated_or_empty_text_matches_nothing() {
    let index = FaqIndex::new(&faq());
    for text in [
        "",
        "  ",
        "¿?",
        "hola",
        "hola buenas",
        "de la que el",
        "thanks!",
        "ok",
    ] {
        assert_eq!(
            index.decide(text, THRESHOLD),
            FaqDecision::NoMatch(None),
            "{text:?}"
        );
        assert!(index.scores(text).is_empty(), "{text:?}");
    }
    for text in [
        "me gusta el fútbol",
        "pizza con piña",
        "the weather is nice today",
        "mi perro se llama Toby",
    ] {
        assert!(
            matches!(index.decide(text, THRESHOLD), FaqDecision::NoMatch(_)),
            "{text:?} → {:?}",
            index.decide(text, THRESHOLD)
        );
    }
    // A half-related message is a NoMatch that still names the best try.
    match index.decide("mi pedido", THRESHOLD) {
        FaqDecision::NoMatch(Some(best)) => assert!(best.score < THRESHOLD),
        FaqDecision::Answer(s) => assert_eq!(s.id, TRACKING),
        other => panic!("{other:?}"),
    }
}

#[test]
fn scores_are_sorted_bounded_and_reward_exact_over_typo() {
    let index = FaqIndex::new(&faq());
    let scores = index.scores("envíos y devoluciones");
    assert!(scores.len() >= 2);
    assert!(scores.windows(2).all(|w| w[0].score >= w[1].score));
    assert!(scores.iter().all(|s| s.score > 0.0 && s.score <= 1.0));
    let exact = index.scores("horario")[0];
    let typo = index.scores("orario")[0];
    assert_eq!((exact.id, typo.id), (HOURS, HOURS));
    assert!(typo.score < exact.score, "{typo:?} vs {exact:?}");
    assert!((exact.score - 1.0).abs() < 1e-6);
    // Chatter costs a little, not the match.
    let plain = index.scores("¿a qué hora abren?")[0].score;
    let chatty = index.scores("una consulta rápida, ¿a qué hora abren mañana?")[0].score;
    assert!(chatty < plain && chatty > 0.8, "{chatty} vs {plain}");
}

#[test]
fn an_empty_faq_matches_nothing() {
    let index = FaqIndex::new(&[]);
    assert_eq!(
        index.decide("horario", THRESHOLD),
        FaqDecision::NoMatch(None)
    );
}

/// 500 entries × 5 phrasings of made-up words (a far larger vocabulary than a real FAQ's)
/// still find the right entry. How fast is measured by `make bench` (bot_bench), not here.
#[test]
fn a_large_faq_still_finds_the_entry() {
    let mut seed: u64 = 7;
    let mut word = || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let letters = b"abcdefghijlmnoprstuv";
        let len = 4 + (seed >> 60) as usize % 6;
        (0..len)
            .map(|i| letters[((seed >> (i * 5)) % letters.len() as u64) as usize] as char)
            .collect::<String>()
    };
    let entries: Vec<FaqEntry> = (0..500)
        .map(|id| {
            let phrasings: Vec<String> = (0..5)
                .map(|_| (0..6).map(|_| word()).collect::<Vec<_>>().join(" "))
                .collect();
            let refs: Vec<&str> = phrasings.iter().map(String::as_str).collect();
            entry(id, &word(), &refs)
        })
        .collect();
    let index = FaqIndex::new(&entries);
    let query = format!("hola, {} por favor", entries[123].phrasings[2]);
    assert_eq!(index.scores(&query)[0].id, 123);
}

#[test]
fn the_fast_typo_scan_agrees_with_the_pairwise_rule() {
    let analyzer = text::analyzer();
    let known = "horario hora abren envios shipping devolucion devolver garantia agente humano \
        persona zapatillas rojas mochila backpack factura invoice pedido 2024 talla tallas";
    let mut vocabulary = Vocabulary::default();
    let terms = analyzer.all_terms(known);
    for term in &terms {
        vocabulary.add(term.clone());
    }
    let asked = "orario ora abrem envio shiping devolucines devolber garantai ajente humnao \
        persoan zapatilas roja mochilla backpak factra invioce pedidos 2025 tala agenda hola";
    for query in analyzer.all_terms(asked) {
        let fast = vocabulary.matches(&query);
        for (id, term) in terms.iter().enumerate() {
            let expected = text::similarity(&query, term);
            let got = fast.get(&(id as u32)).copied().unwrap_or(0.0);
            assert_eq!(got, expected, "{} vs {}", query.word, term.word);
        }
    }
}
