//! Which of the desk's languages a customer writes in, from one of their messages. Asked by
//! ingest (`ssr::ingest`), which keeps the answer on the contact; the bot and every later text
//! the desk sends the customer follow it (docs/i18n.md).

use crate::i18n::Lang;

/// Shorter texts ("ok", "gracias", "obrigado!") are too short to tell apart reliably: they
/// leave the contact's language as it was.
const MIN_LETTERS: usize = 12;

/// How sure the detector must be, among our three languages.
const MIN_CONFIDENCE: f64 = 0.5;

/// The desk language `text` is written in, when the detector is sure; `None` for a language
/// the desk does not speak, or a text too short or mixed to tell.
pub fn detect(text: &str) -> Option<Lang> {
    if text.chars().filter(|c| c.is_alphabetic()).count() < MIN_LETTERS {
        return None;
    }
    // Only our languages compete (over all of them, a plain English sentence can come out as
    // Afrikaans); a text in none of them scores low among ours (German ≈ 0.2) and a text the
    // detector is unsure of changes nothing. Thresholds measured in docs/i18n.md.
    let detector = whatlang::Detector::with_allowlist(vec![
        whatlang::Lang::Eng,
        whatlang::Lang::Spa,
        whatlang::Lang::Por,
    ]);
    let info = detector.detect(text)?;
    if info.confidence() < MIN_CONFIDENCE {
        return None;
    }
    match info.lang() {
        whatlang::Lang::Eng => Some(Lang::En),
        whatlang::Lang::Spa => Some(Lang::Es),
        whatlang::Lang::Por => Some(Lang::PtBr),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn customers_languages_are_told_apart() {
        assert_eq!(
            detect("Olá, boa tarde! Gostaria de saber se vocês entregam no sábado."),
            Some(Lang::PtBr)
        );
        assert_eq!(
            detect("Hola, buenas tardes. Quería saber si hacen envíos el sábado."),
            Some(Lang::Es)
        );
        assert_eq!(
            detect("Hi, good afternoon. I would like to know if you deliver on Saturday."),
            Some(Lang::En)
        );
    }

    #[test]
    fn short_or_foreign_texts_say_nothing() {
        assert_eq!(detect("ok"), None);
        assert_eq!(detect("obrigado!"), None);
        assert_eq!(detect("👍👍👍"), None);
        assert_eq!(
            detect("Guten Tag, ich möchte wissen, ob Sie am Samstag liefern."),
            None,
            "German is not a desk language"
        );
        assert_eq!(
            detect("Bonjour, je voudrais savoir si vous livrez le samedi."),
            None,
            "nor is French"
        );
    }
}
