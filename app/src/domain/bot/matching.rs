//! Understanding free text in Spanish and English: folded, stop words dropped, Snowball stems
//! in both languages, small typos forgiven. Pure functions; see `docs/decisions.md` (Bot
//! matching) for the score.

#[cfg(test)]
mod tests;
mod text;
#[cfg(test)]
mod words_tests;

use super::config::{FaqEntry, Product};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use text::{analyzer, strict_similarity, words, Term, Vocabulary};

/// An FAQ entry and how well a message matches it, 0.0 ..= 1.0.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Scored {
    pub id: i64,
    pub score: f32,
}

/// What the bot makes of a message against the FAQ.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum FaqDecision {
    /// One entry is a clear match.
    Answer(Scored),
    /// Two or three entries are above the threshold and close to each other: ask.
    Ambiguous(Vec<Scored>),
    /// Nothing reaches the threshold; the best try, if any.
    NoMatch(Option<Scored>),
}

/// Weight of "the message covers the phrasing" in a score; the rest is "the phrasing covers
/// the message", so chatter around a question costs a little, not the match.
const PHRASING_COVERAGE: f32 = 0.8;
/// Entries this close to the best one make the match ambiguous.
const TIE_MARGIN: f32 = 0.08;
/// Entries offered at most when the match is ambiguous.
const AMBIGUOUS_MAX: usize = 3;

/// One way of asking, as distinct term ids with their rarity weights.
struct Phrasing {
    entry: usize,
    terms: Vec<(u32, f32)>,
    weight: f32,
}

/// The FAQ prepared for matching (phrasings analysed once).
pub struct FaqIndex {
    ids: Vec<i64>,
    vocabulary: Vocabulary,
    phrasings: Vec<Phrasing>,
    /// Term id → phrasings holding it.
    postings: Vec<Vec<u32>>,
}

impl FaqIndex {
    pub fn new(entries: &[FaqEntry]) -> FaqIndex {
        let analyzer = analyzer();
        let mut vocabulary = Vocabulary::default();
        let mut raw: Vec<(usize, Vec<u32>)> = Vec::new();
        for (entry, faq) in entries.iter().enumerate() {
            for text in std::iter::once(&faq.title).chain(&faq.phrasings) {
                let mut ids: Vec<u32> = analyzer
                    .content_words(text)
                    .iter()
                    .map(|w| vocabulary.intern(analyzer, w))
                    .collect();
                ids.sort_unstable();
                ids.dedup();
                if !ids.is_empty() {
                    raw.push((entry, ids));
                }
            }
        }
        // Rarity: a term (or one sharing its stem) used by every entry says little.
        let mut entries_of: Vec<Vec<usize>> = vec![Vec::new(); vocabulary.len()];
        for (entry, ids) in &raw {
            for &id in ids {
                entries_of[id as usize].push(*entry);
            }
        }
        let total = entries.len().max(1) as f32;
        let idf: Vec<f32> = (0..vocabulary.len())
            .map(|id| {
                let mut users: Vec<usize> = vocabulary
                    .same_stem(vocabulary.term(id as u32))
                    .flat_map(|other| entries_of[other as usize].iter().copied())
                    .collect();
                users.sort_unstable();
                users.dedup();
                (1.0 + total / users.len().max(1) as f32).ln()
            })
            .collect();
        let mut postings = vec![Vec::new(); vocabulary.len()];
        let phrasings = raw
            .into_iter()
            .enumerate()
            .map(|(n, (entry, ids))| {
                for &id in &ids {
                    postings[id as usize].push(n as u32);
                }
                let terms: Vec<(u32, f32)> = ids.iter().map(|&id| (id, idf[id as usize])).collect();
                let weight = terms.iter().map(|(_, w)| w).sum();
                Phrasing {
                    entry,
                    terms,
                    weight,
                }
            })
            .collect();
        FaqIndex {
            ids: entries.iter().map(|e| e.id).collect(),
            vocabulary,
            phrasings,
            postings,
        }
    }

    /// Every entry with a score above zero, best first.
    pub fn scores(&self, text: &str) -> Vec<Scored> {
        let query = analyzer().content_terms(text);
        if query.is_empty() {
            return Vec::new();
        }
        // Term id → (message word, weight of the match) for every term the message touches.
        let mut hits: HashMap<u32, Vec<(usize, f32)>> = HashMap::new();
        for (q, term) in query.iter().enumerate() {
            for (id, weight) in self.vocabulary.matches(term) {
                hits.entry(id).or_default().push((q, weight));
            }
        }
        let mut candidates: Vec<u32> = hits
            .keys()
            .flat_map(|&id| self.postings[id as usize].iter().copied())
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        let mut best = vec![0.0f32; self.ids.len()];
        let mut covered = vec![0.0f32; query.len()];
        for n in candidates {
            let phrasing = &self.phrasings[n as usize];
            covered.iter_mut().for_each(|c| *c = 0.0);
            let mut found = 0.0;
            for (id, rarity) in &phrasing.terms {
                let Some(list) = hits.get(id) else { continue };
                let mut term_best = 0.0f32;
                for &(q, weight) in list {
                    term_best = term_best.max(weight);
                    covered[q] = covered[q].max(weight);
                }
                found += rarity * term_best;
            }
            let of_phrasing = found / phrasing.weight;
            let of_message = covered.iter().sum::<f32>() / query.len() as f32;
            let score = (PHRASING_COVERAGE * of_phrasing + (1.0 - PHRASING_COVERAGE) * of_message)
                .clamp(0.0, 1.0);
            best[phrasing.entry] = best[phrasing.entry].max(score);
        }
        let mut scored: Vec<Scored> = best
            .into_iter()
            .enumerate()
            .filter(|(_, score)| *score > 0.0)
            .map(|(entry, score)| Scored {
                id: self.ids[entry],
                score,
            })
            .collect();
        scored.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.id.cmp(&b.id)));
        scored
    }

    /// `threshold` is 0.0 ..= 1.0 (the config's percent / 100).
    pub fn decide(&self, text: &str, threshold: f32) -> FaqDecision {
        let scored = self.scores(text);
        let Some(&best) = scored.first() else {
            return FaqDecision::NoMatch(None);
        };
        if best.score < threshold {
            return FaqDecision::NoMatch(Some(best));
        }
        // A hair of slack so 0.08 apart in decimal is "within 0.08" in f32 too.
        let close: Vec<Scored> = scored
            .iter()
            .take_while(|s| best.score - s.score <= TIE_MARGIN + 1e-4 && s.score >= threshold * 0.9)
            .take(AMBIGUOUS_MAX)
            .copied()
            .collect();
        if close.len() >= 2 {
            FaqDecision::Ambiguous(close)
        } else {
            FaqDecision::Answer(best)
        }
    }
}

/// Whether the message asks for a person, by any of `words`. A word may be a phrase ("hablar
/// con alguien"): then all its words must appear. Stems and small typos count ("ajente").
pub fn asks_for_human(text: &str, words: &[String]) -> bool {
    let analyzer = analyzer();
    let message = analyzer.all_terms(text);
    if message.is_empty() {
        return false;
    }
    words.iter().any(|phrase| {
        let mut wanted = analyzer.content_terms(phrase);
        if wanted.is_empty() {
            // A phrase of stop words only ("you there?") is still what the admin asked for.
            wanted = analyzer.all_terms(phrase);
        }
        !wanted.is_empty()
            && wanted
                .iter()
                .all(|w| message.iter().any(|m| strict_similarity(w, m) > 0.0))
    })
}

/// What, said alone, brings the menu back.
const MENU_WORDS: &[&str] = &[
    "menu",
    "menu principal",
    "inicio",
    "opciones",
    "volver",
    "start",
    "options",
    "main menu",
    "back",
];

/// Whether the message asks for the menu ("menú", "inicio", "menu", "start"…).
pub fn asks_for_menu(text: &str) -> bool {
    let said = words(text).join(" ");
    MENU_WORDS.contains(&said.as_str())
}

/// Name words count this much more than description words.
const NAME_WEIGHT: f32 = 2.0;

/// A catalog prepared for searching; worth keeping when one catalog answers many searches.
pub struct CatalogIndex {
    ids: Vec<i64>,
    /// Folded names, to order ties.
    names: Vec<String>,
    vocabulary: Vocabulary,
    /// Per product: (term id, weight), name terms at [`NAME_WEIGHT`].
    terms: Vec<HashMap<u32, f32>>,
    postings: Vec<Vec<u32>>,
}

impl CatalogIndex {
    pub fn new(products: &[Product]) -> CatalogIndex {
        let analyzer = analyzer();
        let mut vocabulary = Vocabulary::default();
        let mut terms = Vec::with_capacity(products.len());
        for product in products {
            let mut weights: HashMap<u32, f32> = HashMap::new();
            let parts = [(&product.description, 1.0), (&product.name, NAME_WEIGHT)];
            for (text, weight) in parts {
                for word in analyzer.content_words(text) {
                    let id = vocabulary.intern(analyzer, &word);
                    let w = weights.entry(id).or_insert(0.0);
                    *w = w.max(weight);
                }
            }
            terms.push(weights);
        }
        let mut postings = vec![Vec::new(); vocabulary.len()];
        for (n, weights) in terms.iter().enumerate() {
            for &id in weights.keys() {
                postings[id as usize].push(n as u32);
            }
        }
        CatalogIndex {
            ids: products.iter().map(|p| p.id).collect(),
            names: products.iter().map(|p| text::fold(&p.name)).collect(),
            vocabulary,
            terms,
            postings,
        }
    }

    /// Products covering at least half of the query's words, best first, at most `limit`.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Scored> {
        let query: Vec<Term> = analyzer().content_terms(query);
        if query.is_empty() || limit == 0 {
            return Vec::new();
        }
        let matches: Vec<HashMap<u32, f32>> =
            query.iter().map(|t| self.vocabulary.matches(t)).collect();
        let mut candidates: Vec<u32> = matches
            .iter()
            .flat_map(|m| m.keys())
            .flat_map(|&id| self.postings[id as usize].iter().copied())
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        let mut found: Vec<(usize, f32)> = candidates
            .into_iter()
            .filter_map(|n| {
                let n = n as usize;
                let per_word: Vec<f32> = matches
                    .iter()
                    .map(|m| {
                        let best = m.iter().filter_map(|(id, typo)| {
                            self.terms[n].get(id).map(|weight| weight * typo)
                        });
                        best.fold(0.0, f32::max)
                    })
                    .collect();
                let covering = per_word.iter().filter(|w| **w > 0.0).count();
                (covering * 2 >= query.len()).then(|| {
                    let sum: f32 = per_word.iter().sum();
                    (n, sum / (NAME_WEIGHT * query.len() as f32))
                })
            })
            .collect();
        found.sort_by(|a, b| {
            b.1.total_cmp(&a.1)
                .then_with(|| self.names[a.0].cmp(&self.names[b.0]))
                .then(self.ids[a.0].cmp(&self.ids[b.0]))
        });
        found
            .into_iter()
            .take(limit)
            .map(|(n, score)| Scored {
                id: self.ids[n],
                score,
            })
            .collect()
    }
}

/// The products matching a search, best first, at most `limit`. Words such as "tienen",
/// "busco" or "looking for" are not part of what is searched.
pub fn search_catalog(products: &[Product], query: &str, limit: usize) -> Vec<Scored> {
    CatalogIndex::new(products).search(query, limit)
}
