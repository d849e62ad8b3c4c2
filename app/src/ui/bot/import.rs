//! Importing a catalog from a CSV file: read in the browser, sent as text, answered with what
//! was created, updated and left out (by line, with the reason).

use super::texts::{csv_problem, row_problem, texts};

/// The column names the catalog import reads, in the order of `csv-columns` in `bot.ftl`.
const CSV_COLUMN_NAMES: [&str; 6] = [
    "name, nombre",
    "sku, codigo, código, id",
    "description, descripcion",
    "price, precio",
    "link, url, enlace",
    "image, image_url, imagen",
];
use crate::api::bot::{bot_screen, import_catalog};
use crate::domain::bot::catalog_csv::ROWS_MAX;
use crate::domain::bot::Product;
use crate::error::AppError;
use crate::ui::use_viewer;
use crate::ui::widgets::{ErrorNotice, BUTTON, CARD, INPUT};
use crate::wire::bot::{CatalogImport, CATALOG_CSV_MAX_BYTES};
use leptos::prelude::*;

/// The sample offered for download and shown on screen.
const SAMPLE: &str = "sku,name,description,price,link,image\n\
ZAP-001,Zapatilla Runner,\"Ligera, transpirable, tallas 36-45\",$59.990,https://tienda.example/zap-001,https://tienda.example/img/zap-001.jpg\n\
MOC-015,Mochila Urbana 15\",Con bolsillo para laptop,$34.990,https://tienda.example/moc-015,\n";

/// `text` as a `data:` address a link can download.
fn data_url(text: &str) -> String {
    let mut out = String::from("data:text/csv;charset=utf-8,");
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[component]
pub(super) fn CsvImport(imported: Callback<Vec<Product>>) -> impl IntoView {
    let lang = use_viewer().lang;
    let w = texts(lang);
    let csv = RwSignal::new(String::new());
    let file_name = RwSignal::new(None::<String>);
    let report = RwSignal::new(None::<Result<CatalogImport, AppError>>);
    let busy = RwSignal::new(false);

    let read_file = move |e: leptos::ev::Event| {
        use leptos::wasm_bindgen::{closure::Closure, JsCast, JsValue};
        let Some(input) = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        input.set_value("");
        report.set(None);
        if file.size() > CATALOG_CSV_MAX_BYTES as f64 {
            report.set(Some(Ok(CatalogImport {
                file_problem: Some(crate::wire::bot::ImportFileProblem::TooLarge {
                    max_bytes: CATALOG_CSV_MAX_BYTES,
                }),
                ..CatalogImport::default()
            })));
            return;
        }
        file_name.set(Some(file.name()));
        let loaded = Closure::<dyn FnMut(JsValue)>::new(move |text: JsValue| {
            csv.set(text.as_string().unwrap_or_default());
        });
        let _ = file.text().then(&loaded);
        // Called once by the browser, after this handler returns.
        loaded.forget();
    };

    let import = move |_| {
        let text = csv.get_untracked();
        busy.set(true);
        report.set(None);
        leptos::task::spawn_local(async move {
            let result = import_catalog(text).await;
            // The list shows what the import made of the catalog.
            let products = match &result {
                Ok(done) if done.file_problem.is_none() => {
                    bot_screen().await.ok().map(|s| s.products)
                }
                _ => None,
            };
            if busy.is_disposed() {
                return;
            }
            busy.set(false);
            if let Some(products) = products {
                imported.try_run(products);
            }
            report.set(Some(result));
        });
    };

    let shown = move || {
        report.get().map(|r| match r {
            Err(error) => view! { <ErrorNotice error lang /> }.into_any(),
            Ok(done) => view! { <Report done /> }.into_any(),
        })
    };

    view! {
        <section class=format!("{CARD} mt-6") data-testid="bot-csv">
            <h2 class="text-base font-semibold">{w.csv_title}</h2>
            <p class="mb-4 mt-1 text-xs text-slate-500">{w.csv_hint(ROWS_MAX, CATALOG_CSV_MAX_BYTES / 1_000_000)}</p>
            <div class="grid gap-6 lg:grid-cols-2">
                <div class="space-y-3">
                    <label class="flex cursor-pointer items-center justify-center gap-2 rounded-lg border-2 border-dashed border-slate-300 bg-slate-50 px-4 py-6 text-sm text-slate-600 hover:border-emerald-400 hover:bg-emerald-50">
                        <input type="file" accept=".csv,text/csv,text/plain" class="sr-only" data-testid="bot-csv-file" on:change=read_file />
                        <span>{move || file_name.get().map(|n| w.csv_chosen(&n)).unwrap_or_else(|| w.csv_choose.to_string())}</span>
                    </label>
                    <textarea
                        data-testid="bot-csv-text"
                        rows=6
                        class=format!("{INPUT} font-mono text-xs")
                        placeholder=w.csv_paste
                        prop:value=move || csv.get()
                        on:input=move |e| { csv.set(event_target_value(&e)); file_name.set(None); }
                    ></textarea>
                    <button type="button" class=BUTTON data-testid="bot-csv-import"
                        disabled=move || busy.get() || csv.with(|c| c.trim().is_empty())
                        on:click=import>
                        {move || if busy.get() { w.csv_importing } else { w.csv_import }}
                    </button>
                    <div class="empty:hidden" data-testid="bot-csv-report">{shown}</div>
                </div>
                <div class="text-sm text-slate-700">
                    <h3 class="mb-2 font-semibold text-slate-800">{w.csv_format}</h3>
                    <ul class="mb-3 space-y-1 text-xs">
                        {CSV_COLUMN_NAMES.iter().zip(w.csv_columns).map(|(names, meaning)| view! {
                            <li><code class="rounded bg-slate-100 px-1 font-mono">{*names}</code> " — " {meaning}</li>
                        }).collect_view()}
                    </ul>
                    <p class="mb-2 text-xs text-slate-500">{w.csv_rules}</p>
                    <pre class="overflow-x-auto rounded-lg bg-slate-900 p-3 text-[11px] leading-relaxed text-slate-100">{SAMPLE}</pre>
                    <a href=data_url(SAMPLE) download="catalog-sample.csv" class="mt-2 inline-block text-xs font-medium text-emerald-700 underline" data-testid="bot-csv-sample">
                        {w.csv_sample}
                    </a>
                </div>
            </div>
        </section>
    }
}

#[component]
fn Report(done: CatalogImport) -> impl IntoView {
    let lang = use_viewer().lang;
    let w = texts(lang);
    if let Some(problem) = done.file_problem {
        return view! {
            <div role="alert" class="rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
                {csv_problem(lang, &problem)}
            </div>
        }
        .into_any();
    }
    let rejected = (!done.rejected.is_empty()).then(|| {
        let rows = done
            .rejected
            .iter()
            .map(|r| view! {
                <tr class="border-t border-amber-100" data-testid="bot-csv-rejected">
                    <td class="py-1 pr-3 align-top tabular-nums">{r.line}</td>
                    <td class="py-1">{row_problem(lang, &r.reason)}</td>
                </tr>
            })
            .collect_view();
        view! {
            <div class="mt-3 rounded-lg border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
                <p class="mb-2 font-medium">{w.csv_rejected(done.rejected.len())}</p>
                <table class="w-full text-left text-xs">
                    <thead><tr><th class="pr-3 font-medium">{w.csv_line}</th><th class="font-medium">{w.csv_reason}</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
    });
    view! {
        <div role="status" class="rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-800" data-testid="bot-csv-counts">
            {w.csv_done(done.created, done.updated)}
        </div>
        {rejected}
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_sample_reads_without_rejections_and_downloads_as_data() {
        let parsed = crate::domain::bot::catalog_csv::parse(super::SAMPLE).expect("sample");
        assert_eq!(parsed.products.len(), 2);
        assert!(parsed.rejected.is_empty(), "{:?}", parsed.rejected);
        let url = super::data_url("a,b\n");
        assert_eq!(url, "data:text/csv;charset=utf-8,a%2Cb%0A");
    }
}
