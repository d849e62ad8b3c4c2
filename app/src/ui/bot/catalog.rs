//! Catalog: the products and services the bot searches, one by one or from a CSV file.

use super::import::CsvImport;
use super::texts::texts;
use super::Knowledge;
use crate::api::bot::{delete_product, save_product};
use crate::domain::bot::config::{
    PRICE_MAX, PRODUCT_DESCRIPTION_MAX, PRODUCT_NAME_MAX, SKU_MAX, URL_MAX,
};
use crate::domain::bot::{Product, ProductDraft};
use crate::error::AppError;
use crate::ui::use_viewer;
use crate::ui::widgets::{ErrorNotice, SuccessNotice, BUTTON, BUTTON_QUIET, CARD, INPUT, LABEL};
use leptos::prelude::*;

/// Whether a product matches the search box (name, SKU or description, ignoring case).
pub(super) fn product_matches(product: &Product, query: &str) -> bool {
    let q = query.trim().to_lowercase();
    q.is_empty()
        || product.name.to_lowercase().contains(&q)
        || product.description.to_lowercase().contains(&q)
        || product
            .sku
            .as_deref()
            .is_some_and(|s| s.to_lowercase().contains(&q))
}

/// The form's fields, as typed.
#[derive(Clone, Copy)]
struct Form {
    editing: RwSignal<Option<i64>>,
    sku: RwSignal<String>,
    name: RwSignal<String>,
    description: RwSignal<String>,
    price: RwSignal<String>,
    link: RwSignal<String>,
    image: RwSignal<String>,
}

impl Form {
    fn new() -> Form {
        Form {
            editing: RwSignal::new(None),
            sku: RwSignal::new(String::new()),
            name: RwSignal::new(String::new()),
            description: RwSignal::new(String::new()),
            price: RwSignal::new(String::new()),
            link: RwSignal::new(String::new()),
            image: RwSignal::new(String::new()),
        }
    }

    fn load(self, p: Option<&Product>) {
        let text = |v: Option<&String>| v.cloned().unwrap_or_default();
        self.editing.set(p.map(|p| p.id));
        self.sku.set(text(p.and_then(|p| p.sku.as_ref())));
        self.name.set(text(p.map(|p| &p.name)));
        self.description.set(text(p.map(|p| &p.description)));
        self.price.set(text(p.and_then(|p| p.price.as_ref())));
        self.link.set(text(p.and_then(|p| p.link.as_ref())));
        self.image.set(text(p.and_then(|p| p.image_url.as_ref())));
    }

    /// Blank optional fields are "none" (the server trims and checks the rest).
    fn draft(self) -> ProductDraft {
        let optional =
            |s: RwSignal<String>| Some(s.get_untracked()).filter(|v| !v.trim().is_empty());
        ProductDraft {
            sku: optional(self.sku),
            name: self.name.get_untracked(),
            description: self.description.get_untracked(),
            price: optional(self.price),
            link: optional(self.link),
            image_url: optional(self.image),
        }
    }
}

#[component]
pub(super) fn CatalogTab(knowledge: Knowledge) -> impl IntoView {
    let lang = use_viewer().lang;
    let w = texts(lang);
    let form = Form::new();
    let query = RwSignal::new(String::new());
    let outcome = RwSignal::new(None::<Result<String, AppError>>);
    let saving = RwSignal::new(false);
    let submit = move |e: leptos::ev::SubmitEvent| {
        e.prevent_default();
        let (id, draft) = (form.editing.get_untracked(), form.draft());
        saving.set(true);
        leptos::task::spawn_local(async move {
            let result = save_product(id, draft).await;
            if saving.is_disposed() {
                return;
            }
            saving.set(false);
            match result {
                Ok(product) => {
                    outcome.set(Some(Ok(w.product_saved(&product.name))));
                    knowledge.products.update(|list| {
                        list.retain(|p| p.id != product.id);
                        list.push(product);
                        list.sort_by_key(|p| p.name.to_lowercase());
                    });
                    form.load(None);
                }
                Err(error) => outcome.set(Some(Err(error))),
            }
        });
    };
    let delete = move |product: Product| {
        if !window()
            .confirm_with_message(&w.product_delete_confirm(&product.name))
            .unwrap_or(false)
        {
            return;
        }
        leptos::task::spawn_local(async move {
            let result = delete_product(product.id).await;
            if outcome.is_disposed() {
                return;
            }
            match result {
                Ok(()) => {
                    knowledge
                        .products
                        .update(|list| list.retain(|p| p.id != product.id));
                    if form.editing.get_untracked() == Some(product.id) {
                        form.load(None);
                    }
                    outcome.set(Some(Ok(w.product_deleted(&product.name))));
                }
                Err(error) => outcome.set(Some(Err(error))),
            }
        });
    };
    let field = move |label: &'static str,
                      id: &'static str,
                      value: RwSignal<String>,
                      max: usize,
                      placeholder: &'static str| {
        view! {
            <div>
                <label class=LABEL for=id>{label}</label>
                <input id=id data-testid=id class=INPUT maxlength=max placeholder=placeholder
                    prop:value=move || value.get() on:input=move |e| value.set(event_target_value(&e)) />
            </div>
        }
    };
    let rows = move || {
        let q = query.get();
        let shown: Vec<Product> = knowledge.products.with(|all| {
            all.iter()
                .filter(|p| product_matches(p, &q))
                .cloned()
                .collect()
        });
        if shown.is_empty() {
            return view! { <tr><td colspan="6" class="py-6 text-center text-sm text-slate-500">{w.products_none}</td></tr> }.into_any();
        }
        shown
            .into_iter()
            .map(|p| {
                let for_edit = p.clone();
                let for_delete = p.clone();
                view! {
                    <tr class="border-t border-slate-100" data-testid="bot-product">
                        <td class="py-2 pr-3 text-sm font-medium text-slate-900">{p.name.clone()}</td>
                        <td class="py-2 pr-3 font-mono text-xs text-slate-600">{p.sku.clone().unwrap_or_default()}</td>
                        <td class="py-2 pr-3 text-sm text-slate-700">{p.price.clone().unwrap_or_default()}</td>
                        <td class="max-w-[12rem] truncate py-2 pr-3 text-xs">
                            {p.link.clone().map(|text| {
                                let l = crate::domain::links::web_link(&text);
                                view! { <a href=l target="_blank" rel="noopener noreferrer" class="text-emerald-700 underline">{text}</a> }
                            })}
                        </td>
                        <td class="py-2 pr-3 text-xs text-slate-600">{if p.image_url.is_some() { w.yes } else { w.no }}</td>
                        <td class="whitespace-nowrap py-2 text-right">
                            <button type="button" class=BUTTON_QUIET data-testid="bot-product-edit"
                                on:click=move |_| { form.load(Some(&for_edit)); outcome.set(None); }>{w.edit}</button>
                            " "
                            <button type="button" class=format!("{BUTTON_QUIET} text-red-700") data-testid="bot-product-delete"
                                on:click=move |_| delete(for_delete.clone())>{w.delete}</button>
                        </td>
                    </tr>
                }
            })
            .collect_view()
            .into_any()
    };
    let imported = Callback::new(move |products: Vec<Product>| knowledge.products.set(products));
    view! {
        <div class="mb-4 empty:hidden">
            {move || outcome.get().map(|o| match o {
                Ok(message) => view! { <SuccessNotice message /> }.into_any(),
                Err(error) => view! { <ErrorNotice error lang /> }.into_any(),
            })}
        </div>
        <div class="grid gap-6 xl:grid-cols-[24rem_minmax(0,1fr)]">
            <form class=format!("{CARD} self-start") on:submit=submit data-testid="bot-product-form">
                <h2 class="mb-4 text-base font-semibold">{move || if form.editing.get().is_some() { w.product_edit } else { w.product_new }}</h2>
                <div class="space-y-3">
                    {field(w.product_name, "bot-product-name", form.name, PRODUCT_NAME_MAX, "")}
                    {field(w.product_sku, "bot-product-sku", form.sku, SKU_MAX, "ZAP-001")}
                    {field(w.product_price, "bot-product-price", form.price, PRICE_MAX, "$1.299")}
                    <div>
                        <label class=LABEL for="bot-product-description">{w.product_description}</label>
                        <textarea id="bot-product-description" data-testid="bot-product-description" rows=3 class=INPUT maxlength=PRODUCT_DESCRIPTION_MAX
                            prop:value=move || form.description.get() on:input=move |e| form.description.set(event_target_value(&e))></textarea>
                    </div>
                    {field(w.product_link, "bot-product-link", form.link, URL_MAX, "https://")}
                    {field(w.product_image, "bot-product-image", form.image, URL_MAX, "https://")}
                    <p class="text-xs text-slate-500">{w.product_image_hint}</p>
                    <div class="flex gap-2">
                        <button type="submit" class=BUTTON data-testid="bot-product-save" disabled=move || saving.get()>
                            {move || if form.editing.get().is_some() { w.save_entry } else { w.add_product }}
                        </button>
                        <Show when=move || form.editing.get().is_some()>
                            <button type="button" class=BUTTON_QUIET on:click=move |_| form.load(None)>{w.cancel}</button>
                        </Show>
                    </div>
                </div>
            </form>
            <section class=format!("{CARD} min-w-0")>
                <div class="mb-2 flex items-center justify-between gap-3">
                    <h2 class="text-base font-semibold">{move || w.products_list(knowledge.products.with(Vec::len))}</h2>
                    <input type="search" data-testid="bot-product-search" class=format!("{INPUT} max-w-xs") placeholder=w.search
                        prop:value=move || query.get() on:input=move |e| query.set(event_target_value(&e)) />
                </div>
                <div class="relative overflow-x-auto">
                    <table class="w-full text-left">
                        <thead>
                            <tr class="text-xs uppercase tracking-wide text-slate-500">
                                <th class="py-2 pr-3 font-medium">{w.product_name}</th>
                                <th class="py-2 pr-3 font-medium">{w.product_sku}</th>
                                <th class="py-2 pr-3 font-medium">{w.product_price}</th>
                                <th class="py-2 pr-3 font-medium">{w.product_link}</th>
                                <th class="py-2 pr-3 font-medium">{w.image}</th>
                                <th class="py-2"></th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            </section>
        </div>
        <CsvImport imported />
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_looks_at_name_sku_and_description() {
        let p = Product {
            id: 1,
            sku: Some("ZAP-001".into()),
            name: "Zapatilla roja".into(),
            description: "Running".into(),
            price: None,
            link: None,
            image_url: None,
            updated_at_ms: 0,
        };
        assert!(product_matches(&p, "zap-0"));
        assert!(product_matches(&p, "ROJA"));
        assert!(product_matches(&p, "running"));
        assert!(!product_matches(&p, "azul"));
    }
}
