//! Turning text into comparable terms: folding, stop words, Snowball stems and typo tolerance.

use rust_stemmers::{Algorithm, Stemmer};
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;
use unicode_normalization::{char::is_combining_mark, UnicodeNormalization};

/// How much a match by typo counts next to an exact (same stem) one.
pub(super) const TYPO_WEIGHT: f32 = 0.8;

/// Greetings, courtesy, request verbs and "how much/many" that the NLTK lists lack but that
/// say nothing about what the customer wants ("hola buenas, quería saber…", "busco…", "I'm
/// looking for…"). Dropped like stop words, from FAQ phrasings and messages alike.
#[rustfmt::skip]
const FILLER: &[&str] = &[
    // Greetings and courtesy.
    "hola", "buenas", "buenos", "saludos", "gracias", "favor", "porfa", "porfavor",
    "hi", "hello", "hey", "thanks", "thank", "please", "pls",
    // Asking and shopping verbs.
    "quiero", "quisiera", "queria", "querria", "necesito", "busco", "buscando", "buscaba",
    "saber", "venden", "vende", "usted", "ustedes",
    "want", "wanted", "would", "could", "like", "need", "looking", "look", "searching",
    "search", "know", "sell", "sells",
    // Quantity words of a question ("how much is shipping?"): the noun carries it.
    "much", "many",
];

/// Question words the NLTK lists drop but that carry the intent of a short question
/// ("¿dónde están?", "where are you?").
const KEPT: &[&str] = &["donde", "where"];

/// A word of a text, with what it is compared by.
#[derive(Clone, Debug)]
pub(super) struct Term {
    /// Lowercase, without accents.
    pub word: String,
    pub es: String,
    pub en: String,
}

pub(super) struct Analyzer {
    es: Stemmer,
    en: Stemmer,
    stop: HashSet<String>,
}

/// Built once per process: the stop-word set is a few hundred folded strings.
pub(super) fn analyzer() -> &'static Analyzer {
    static ANALYZER: OnceLock<Analyzer> = OnceLock::new();
    ANALYZER.get_or_init(|| {
        let nltk = ["es", "en"]
            .into_iter()
            .flat_map(|code| stop_words::lookup(code).unwrap_or(&[]).iter());
        let stop = nltk
            .map(|w| fold(w))
            .chain(FILLER.iter().map(|w| w.to_string()))
            .filter(|w| !KEPT.contains(&w.as_str()))
            .collect();
        Analyzer {
            es: Stemmer::create(Algorithm::Spanish),
            en: Stemmer::create(Algorithm::English),
            stop,
        }
    })
}

/// Lowercase without accents or other combining marks ("Envíos" → "envios", "ñ" → "n").
pub(super) fn fold(text: &str) -> String {
    text.to_lowercase()
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .collect()
}

/// The folded words of a text, in order.
pub(super) fn words(text: &str) -> Vec<String> {
    fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(String::from)
        .collect()
}

impl Analyzer {
    pub fn term(&self, word: &str) -> Term {
        Term {
            word: word.to_string(),
            es: self.es.stem(word).into_owned(),
            en: self.en.stem(word).into_owned(),
        }
    }

    pub fn is_stop(&self, word: &str) -> bool {
        self.stop.contains(word)
    }

    /// The words that say something, each once.
    pub fn content_terms(&self, text: &str) -> Vec<Term> {
        self.content_words(text)
            .into_iter()
            .map(|w| self.term(&w))
            .collect()
    }

    /// The folded words that say something, each once, not yet stemmed.
    pub fn content_words(&self, text: &str) -> Vec<String> {
        let mut seen = HashSet::new();
        words(text)
            .into_iter()
            .filter(|w| !self.is_stop(w) && seen.insert(w.clone()))
            .collect()
    }

    /// Every word, stop words included, each once.
    pub fn all_terms(&self, text: &str) -> Vec<Term> {
        let mut seen = HashSet::new();
        words(text)
            .into_iter()
            .filter(|w| seen.insert(w.clone()))
            .map(|w| self.term(&w))
            .collect()
    }
}

/// 1.0 when two terms share a Spanish or an English stem, [`TYPO_WEIGHT`] when one looks like
/// a typo of the other (as words, or as stems: "orarios" ~ "horario"), else 0. The rule
/// [`Vocabulary::matches`] applies to a whole vocabulary at once (and is tested against).
#[cfg(test)]
pub(super) fn similarity(a: &Term, b: &Term) -> f32 {
    if a.es == b.es || a.en == b.en {
        1.0
    } else if close(&a.word, &b.word) || close(&a.es, &b.es) || close(&a.en, &b.en) {
        TYPO_WEIGHT
    } else {
        0.0
    }
}

/// Like [`similarity`] but forgiving typos of whole words only: stems one letter apart are
/// often different words ("agenda" ~ "agente"), and a wrong handoff ends the bot's part.
pub(super) fn strict_similarity(a: &Term, b: &Term) -> f32 {
    if a.es == b.es || a.en == b.en {
        1.0
    } else if close(&a.word, &b.word) {
        TYPO_WEIGHT
    } else {
        0.0
    }
}

/// Edits allowed between two words, by the shorter one's length: short words differ by one
/// letter too often ("hora", "hola") to forgive anything below four letters.
fn allowed_edits(shorter: usize) -> usize {
    match shorter {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

/// Whether two different strings are within the allowed optimal-string-alignment distance.
/// Numbers are never "typos" of each other (sizes, years).
fn close(a: &str, b: &str) -> bool {
    let (la, lb) = (a.chars().count(), b.chars().count());
    let allowed = allowed_edits(la.min(lb));
    if allowed == 0 || la.abs_diff(lb) > allowed {
        return false;
    }
    if a.chars().chain(b.chars()).any(|c| c.is_numeric()) {
        return false;
    }
    strsim::osa_distance(a, b) <= allowed
}

/// A string's length and the set of its letters, to rule out most typo candidates before
/// computing a distance: an edit changes the letter set by at most one in, one out.
#[derive(Clone, Copy)]
struct Shape {
    len: usize,
    letters: u32,
    numeric: bool,
}

impl Shape {
    fn of(s: &str) -> Shape {
        let mut shape = Shape {
            len: 0,
            letters: 0,
            numeric: false,
        };
        for c in s.chars() {
            shape.len += 1;
            shape.numeric |= c.is_numeric();
            let bit = match c {
                'a'..='z' => c as u32 - 'a' as u32,
                _ => 26 + c as u32 % 6,
            };
            shape.letters |= 1 << bit;
        }
        shape
    }
}

/// The three forms of a term typos are looked for in: word, Spanish stem, English stem.
fn forms(term: &Term) -> [&str; 3] {
    [&term.word, &term.es, &term.en]
}

/// Longest form bucketed by length; longer ones share the last bucket.
const LEN_BUCKETS: usize = 32;

/// The distinct terms of an index, found by stem in constant time and by typo in one scan of
/// the terms of about the same length.
#[derive(Default)]
pub(super) struct Vocabulary {
    terms: Vec<Term>,
    by_word: HashMap<String, u32>,
    by_es: HashMap<String, Vec<u32>>,
    by_en: HashMap<String, Vec<u32>>,
    /// Per form, per length: (term id, shape of that form).
    by_len: [Vec<Vec<(u32, Shape)>>; 3],
}

impl Vocabulary {
    pub fn len(&self) -> usize {
        self.terms.len()
    }

    pub fn term(&self, id: u32) -> &Term {
        &self.terms[id as usize]
    }

    /// The id of a (folded) word, stemmed only the first time it is seen: catalogs repeat
    /// their words a lot.
    pub fn intern(&mut self, analyzer: &Analyzer, word: &str) -> u32 {
        match self.by_word.get(word) {
            Some(&id) => id,
            None => self.add(analyzer.term(word)),
        }
    }

    /// The id of a term, adding it when new.
    pub fn add(&mut self, term: Term) -> u32 {
        if let Some(&id) = self.by_word.get(&term.word) {
            return id;
        }
        let id = self.terms.len() as u32;
        self.by_es.entry(term.es.clone()).or_default().push(id);
        self.by_en.entry(term.en.clone()).or_default().push(id);
        self.by_word.insert(term.word.clone(), id);
        for (form, text) in forms(&term).into_iter().enumerate() {
            let shape = Shape::of(text);
            let buckets = &mut self.by_len[form];
            if buckets.is_empty() {
                buckets.resize(LEN_BUCKETS, Vec::new());
            }
            buckets[shape.len.min(LEN_BUCKETS - 1)].push((id, shape));
        }
        self.terms.push(term);
        id
    }

    /// The ids sharing a stem with `term` (itself included).
    pub fn same_stem(&self, term: &Term) -> impl Iterator<Item = u32> + '_ {
        let es = self.by_es.get(&term.es).into_iter().flatten();
        let en = self.by_en.get(&term.en).into_iter().flatten();
        es.chain(en).copied()
    }

    /// Every vocabulary term a (message) term matches, with the weight of the match: what
    /// [`similarity`] says, without comparing against every term.
    pub fn matches(&self, term: &Term) -> HashMap<u32, f32> {
        let mut found: HashMap<u32, f32> = self.same_stem(term).map(|id| (id, 1.0)).collect();
        for (form, text) in forms(term).into_iter().enumerate() {
            let wanted = Shape::of(text);
            if wanted.numeric || self.by_len[form].is_empty() {
                continue;
            }
            let lengths = wanted.len.saturating_sub(2)..=(wanted.len + 2).min(LEN_BUCKETS - 1);
            for len in lengths {
                let allowed = allowed_edits(len.min(wanted.len));
                if allowed == 0 || len.abs_diff(wanted.len) > allowed {
                    continue;
                }
                for &(id, shape) in &self.by_len[form][len] {
                    let plausible = !shape.numeric
                        && (shape.letters ^ wanted.letters).count_ones() as usize <= 2 * allowed;
                    if plausible
                        && !found.contains_key(&id)
                        && strsim::osa_distance(text, forms(&self.terms[id as usize])[form])
                            <= allowed
                    {
                        found.insert(id, TYPO_WEIGHT);
                    }
                }
            }
        }
        found
    }
}
