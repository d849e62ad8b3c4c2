//! How long the bot takes to decide one answer (`app::domain::bot::engine::respond`, which
//! builds the FAQ and catalog indexes and matches), for FAQs and catalogs of growing size.
//! Pure CPU: no database, no network. `make bench` runs it; figures in docs/benchmarks.md.

use app::domain::bot::engine::{respond, BotInput, BotState, Knowledge};
use app::domain::bot::{BotConfig, FaqEntry, Product};
use std::time::{Duration, Instant};

/// Made-up but word-like vocabulary, so stemming and typo scans do real work.
fn words(seed: &mut u64, n: usize) -> String {
    const SYLLABLES: [&str; 16] = [
        "ra", "mo", "ti", "zal", "pe", "can", "lu", "dor", "sa", "vie", "ne", "bro", "ta", "gui",
        "fel", "os",
    ];
    (0..n)
        .map(|_| {
            let len = 2 + (next(seed) % 3) as usize;
            (0..len)
                .map(|_| SYLLABLES[(next(seed) % 16) as usize])
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn next(seed: &mut u64) -> u64 {
    *seed = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    *seed >> 33
}

fn faq(n: usize, seed: &mut u64) -> Vec<FaqEntry> {
    (0..n)
        .map(|i| FaqEntry {
            id: i as i64,
            title: format!("Entry {i}"),
            phrasings: (0..5).map(|_| words(seed, 6)).collect(),
            answer: words(seed, 30),
            updated_at_ms: 0,
        })
        .collect()
}

fn catalog(n: usize, seed: &mut u64) -> Vec<Product> {
    (0..n)
        .map(|i| Product {
            id: i as i64,
            sku: Some(format!("SKU-{i}")),
            name: words(seed, 3),
            description: words(seed, 12),
            price: Some("19,90 €".into()),
            link: None,
            image_url: None,
            updated_at_ms: 0,
        })
        .collect()
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn main() {
    let config = BotConfig::default();
    let state = BotState {
        greeted: true,
        ..BotState::default()
    };
    println!("bot turn (respond), 200 customer messages each, release build");
    println!(
        "{:>6} {:>9} | {:>9} {:>9} {:>9}",
        "faq", "products", "p50", "p99", "max"
    );
    for (entries, products) in [(50, 100), (500, 100), (500, 1_000), (500, 5_000)] {
        let mut seed = 7;
        let faq = faq(entries, &mut seed);
        let products = catalog(products, &mut seed);
        let knowledge = Knowledge {
            config: &config,
            faq: &faq,
            products: &products,
        };
        let mut times = Vec::new();
        for i in 0..200 {
            // Half the messages are an FAQ phrasing with chatter, half a product search.
            let text = if i % 2 == 0 {
                format!("hola, {} por favor", faq[i % faq.len()].phrasings[i % 5])
            } else {
                format!("¿tienen {}?", products[i % products.len()].name)
            };
            let started = Instant::now();
            let turn = respond(knowledge, &state, &BotInput::Text(text), 0);
            times.push(started.elapsed());
            std::hint::black_box(turn);
        }
        times.sort();
        println!(
            "{:>6} {:>9} | {:>7.2}ms {:>7.2}ms {:>7.2}ms",
            entries,
            products.len(),
            percentile(&times, 0.5).as_secs_f64() * 1e3,
            percentile(&times, 0.99).as_secs_f64() * 1e3,
            times.last().copied().unwrap_or_default().as_secs_f64() * 1e3,
        );
    }
}
