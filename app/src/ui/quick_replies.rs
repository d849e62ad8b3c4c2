//! The Quick replies screen: the team's shared replies (managed by supervisors and admins,
//! read-only for agents) and the viewer's own. The form previews the text filled with a
//! sample customer by the same `fill` the composer uses.

use super::frame::Page;
use super::inbox::quick_reply_menu::{byte_index, forget_cache, utf16_len};
use super::use_viewer;
use super::widgets::{ErrorNotice, SuccessNotice, BUTTON, BUTTON_QUIET, CARD, INPUT, LABEL};
use crate::api::quick_replies::{
    create_quick_reply, delete_quick_reply, list_quick_replies, update_quick_reply,
};
use crate::domain::quick_replies::{
    access, attribute_variable, fill, may_create, Access, QuickReply, QuickReplyFields, Values,
    SHORTCUT_MAX, TITLE_MAX, VARIABLES,
};
use crate::domain::roles::Area;
use crate::error::AppError;
use crate::i18n::Lang;
use leptos::prelude::*;
use leptos_meta::Title;
use std::collections::BTreeMap;

struct QrTexts {
    subtitle: &'static str,
    new_reply: &'static str,
    edit_reply: fn(&str) -> String,
    list: &'static str,
    mine: &'static str,
    shared: &'static str,
    shared_hint: &'static str,
    mine_hint: &'static str,
    shortcut_hint: &'static str,
    variables: &'static str,
    attributes_hint: fn(&str) -> String,
    preview: &'static str,
    preview_unfilled: &'static str,
    save: &'static str,
    create: &'static str,
    cancel: &'static str,
    edit: &'static str,
    delete: &'static str,
    confirm_delete: fn(&str) -> String,
    saved: fn(&str) -> String,
    deleted: fn(&str) -> String,
    none_shared: &'static str,
    none_mine: &'static str,
    loading: &'static str,
}

const EN: QrTexts = QrTexts {
    subtitle: "Canned answers for the composer: type / and part of the shortcut, then Enter. Shared replies are for the whole team and managed by supervisors; yours are only yours.",
    new_reply: "New quick reply",
    edit_reply: |s| format!("Edit /{s}"),
    list: "List",
    mine: "Mine",
    shared: "Shared",
    shared_hint: "Managed by supervisors. Everyone can use them.",
    mine_hint: "Only you see these.",
    shortcut_hint: "Letters, digits, - and _",
    variables: "Variables (click to insert):",
    attributes_hint: |example| {
        format!("Contact attributes too: the attribute's name in lower case, _ for spaces ({example} for \"Order ID\").")
    },
    preview: "Preview with a sample customer",
    preview_unfilled: "The agent fills these in before sending:",
    save: "Save changes",
    create: "Add quick reply",
    cancel: "Cancel",
    edit: "Edit",
    delete: "Delete",
    confirm_delete: |s| format!("Delete the quick reply /{s}?"),
    saved: |s| format!("Quick reply /{s} saved."),
    deleted: |s| format!("Quick reply /{s} deleted."),
    none_shared: "No shared quick replies yet.",
    none_mine: "You have no quick replies of your own yet.",
    loading: "Loading…",
};

const ES: QrTexts = QrTexts {
    subtitle: "Respuestas predefinidas para el editor: escribe / y parte del atajo, y pulsa Intro. Las compartidas son para todo el equipo y las gestionan los supervisores; las tuyas solo las ves tú.",
    new_reply: "Nueva respuesta rápida",
    edit_reply: |s| format!("Editar /{s}"),
    list: "Lista",
    mine: "Mías",
    shared: "Compartidas",
    shared_hint: "Las gestionan los supervisores. Todos pueden usarlas.",
    mine_hint: "Solo las ves tú.",
    shortcut_hint: "Letras, números, - y _",
    variables: "Variables (haz clic para insertar):",
    attributes_hint: |example| {
        format!("También los atributos del contacto: su nombre en minúsculas, con _ en vez de espacios ({example} para \"Order ID\").")
    },
    preview: "Vista previa con un cliente de ejemplo",
    preview_unfilled: "El agente los completa antes de enviar:",
    save: "Guardar cambios",
    create: "Añadir respuesta rápida",
    cancel: "Cancelar",
    edit: "Editar",
    delete: "Eliminar",
    confirm_delete: |s| format!("¿Eliminar la respuesta rápida /{s}?"),
    saved: |s| format!("Respuesta rápida /{s} guardada."),
    deleted: |s| format!("Respuesta rápida /{s} eliminada."),
    none_shared: "Aún no hay respuestas rápidas compartidas.",
    none_mine: "Aún no tienes respuestas rápidas propias.",
    loading: "Cargando…",
};

fn texts(lang: Lang) -> &'static QrTexts {
    match lang {
        Lang::En => &EN,
        Lang::Es => &ES,
    }
}

#[component]
pub fn QuickRepliesPage() -> impl IntoView {
    view! {
        <Page area=Area::QuickReplies>
            <QuickReplies />
        </Page>
    }
}

/// The form's state: creating (`editing` `None`) or changing one reply.
#[derive(Clone, Copy)]
struct Form {
    editing: RwSignal<Option<QuickReply>>,
    shortcut: RwSignal<String>,
    title: RwSignal<String>,
    body: RwSignal<String>,
    shared: RwSignal<bool>,
}

impl Form {
    fn clear(self) {
        self.editing.set(None);
        self.shortcut.set(String::new());
        self.title.set(String::new());
        self.body.set(String::new());
    }

    fn load(self, reply: QuickReply) {
        self.shortcut.set(reply.shortcut.clone());
        self.title.set(reply.title.clone());
        self.body.set(reply.body.clone());
        self.editing.set(Some(reply));
    }
}

#[component]
fn QuickReplies() -> impl IntoView {
    let viewer = use_viewer();
    let lang = viewer.lang;
    let tx = texts(lang);
    let t = viewer.t();
    let role = viewer.me.role;
    let me = viewer.me.id;
    let version = RwSignal::new(0_u32);
    let replies = Resource::new(move || version.get(), |_| list_quick_replies());
    let outcome = RwSignal::new(None::<Result<String, AppError>>);
    let form = Form {
        editing: RwSignal::new(None),
        shortcut: RwSignal::new(String::new()),
        title: RwSignal::new(String::new()),
        body: RwSignal::new(String::new()),
        shared: RwSignal::new(false),
    };
    let changed = move |message: String| {
        outcome.set(Some(Ok(message)));
        version.update(|v| *v += 1);
        forget_cache();
    };
    let edit = Callback::new(move |reply: QuickReply| {
        form.load(reply);
        outcome.set(None);
        window().scroll_to_with_x_and_y(0.0, 0.0);
    });
    let delete = Callback::new(move |reply: QuickReply| {
        if !confirm((tx.confirm_delete)(&reply.shortcut)) {
            return;
        }
        leptos::task::spawn_local(async move {
            let result = delete_quick_reply(reply.id).await;
            if outcome.is_disposed() {
                return;
            }
            match result {
                Ok(()) => {
                    if form.editing.with_untracked(|e| e.as_ref().map(|e| e.id)) == Some(reply.id) {
                        form.clear();
                    }
                    changed((tx.deleted)(&reply.shortcut));
                }
                Err(error) => outcome.set(Some(Err(error))),
            }
        });
    });
    let saved = Callback::new(move |reply: QuickReply| {
        form.clear();
        changed((tx.saved)(&reply.shortcut));
    });
    let failed = Callback::new(move |error: AppError| outcome.set(Some(Err(error))));

    let lists = move |all: Vec<QuickReply>| {
        let (shared, mine): (Vec<_>, Vec<_>) = all.into_iter().partition(QuickReply::is_shared);
        let manage_shared = access(role, me, None) == Access::Manage;
        view! {
            <ReplyList title=tx.shared hint=tx.shared_hint empty=tx.none_shared testid="quick-replies-shared" list=shared manage=manage_shared edit delete />
            <ReplyList title=tx.mine hint=tx.mine_hint empty=tx.none_mine testid="quick-replies-mine" list=mine manage=true edit delete />
        }
    };

    view! {
        <Title text=t.quick_replies />
        <header class="mb-6">
            <h1 class="text-2xl font-semibold text-slate-900">{t.quick_replies}</h1>
            <p class="mt-1 max-w-3xl text-sm text-slate-500">{tx.subtitle}</p>
        </header>
        <div class="mb-4 empty:hidden">
            {move || {
                outcome
                    .get()
                    .map(|o| match o {
                        Ok(message) => view! { <SuccessNotice message /> }.into_any(),
                        Err(error) => view! { <ErrorNotice error lang /> }.into_any(),
                    })
            }}
        </div>
        <ReplyForm form saved failed />
        <Transition fallback=move || view! { <p class="text-slate-400">{tx.loading}</p> }>
            {move || Suspend::new(async move {
                match replies.await {
                    Ok(all) => lists(all).into_any(),
                    Err(error) => view! { <ErrorNotice error lang /> }.into_any(),
                }
            })}
        </Transition>
    }
    .into_any()
}

#[component]
fn ReplyForm(form: Form, saved: Callback<QuickReply>, failed: Callback<AppError>) -> impl IntoView {
    let viewer = use_viewer();
    let tx = texts(viewer.lang);
    let t = viewer.t();
    let role = viewer.me.role;
    let may_share = may_create(role, true);
    let agent_name = viewer.me.name.clone();
    let saving = RwSignal::new(false);
    let body_box = NodeRef::<leptos::html::Textarea>::new();

    let sample = Values {
        contact_name: Some("Grace Miller".into()),
        agent_name: Some(agent_name),
        attributes: BTreeMap::from([("order_id".to_string(), "A-1042".to_string())]),
    };
    let preview = Memo::new(move |_| form.body.with(|b| fill(b, &sample)));
    let attribute_example = attribute_variable("Order ID");

    let submit = move |e: leptos::ev::SubmitEvent| {
        e.prevent_default();
        // The same check the server makes, at once.
        let fields = match QuickReplyFields::new(
            &form.shortcut.get_untracked(),
            &form.title.get_untracked(),
            &form.body.get_untracked(),
        ) {
            Ok(fields) => fields,
            Err(problem) => {
                failed.try_run(AppError::invalid(problem));
                return;
            }
        };
        let editing = form.editing.get_untracked().map(|r| r.id);
        let shared = may_share && form.shared.get_untracked();
        saving.set(true);
        leptos::task::spawn_local(async move {
            let QuickReplyFields {
                shortcut,
                title,
                body,
            } = fields;
            let result = match editing {
                Some(id) => update_quick_reply(id, shortcut, title, body).await,
                None => create_quick_reply(shortcut, title, body, shared).await,
            };
            if saving.is_disposed() {
                return;
            }
            saving.set(false);
            match result {
                Ok(reply) => saved.try_run(reply),
                Err(error) => failed.try_run(error),
            };
        });
    };
    // Puts a variable where the caret is in the text.
    let insert = move |variable: String| {
        let Some(el) = body_box.get_untracked() else {
            form.body.update(|b| b.push_str(&variable));
            return;
        };
        let value = el.value();
        let start = el
            .selection_start()
            .ok()
            .flatten()
            .map(|c| byte_index(&value, c));
        let end = el
            .selection_end()
            .ok()
            .flatten()
            .map(|c| byte_index(&value, c));
        let (start, end) = match (start, end) {
            (Some(s), Some(e)) if s <= e => (s, e),
            _ => (value.len(), value.len()),
        };
        let new_value = format!("{}{variable}{}", &value[..start], &value[end..]);
        let caret = utf16_len(&new_value[..start + variable.len()]);
        el.set_value(&new_value);
        let _ = el.focus();
        let _ = el.set_selection_range(caret, caret);
        form.body.set(new_value);
    };
    let chip = move |variable: String| {
        let label = variable.clone();
        let data_variable = variable.clone();
        view! {
            <button
                type="button"
                data-testid="qr-variable"
                data-variable=data_variable
                class="rounded border border-slate-200 bg-slate-50 px-1.5 py-0.5 font-mono text-xs text-slate-700 hover:bg-emerald-50"
                on:click=move |_| insert(variable.clone())
            >
                {label}
            </button>
        }
    };
    let heading = move || match form.editing.get() {
        Some(reply) => (tx.edit_reply)(&reply.shortcut),
        None => tx.new_reply.to_string(),
    };

    view! {
        <section class=format!("{CARD} mb-6")>
            <h2 class="mb-4 text-base font-semibold">{heading}</h2>
            <form data-testid="quick-reply-form" class="space-y-4" on:submit=submit>
                <div class="grid gap-3 md:grid-cols-[12rem_minmax(0,1fr)_12rem]">
                    <div>
                        <label class=LABEL for="qr-shortcut">{t.field_shortcut}</label>
                        <div class="flex items-center rounded-lg border border-slate-300 bg-white shadow-sm focus-within:ring-2 focus-within:ring-emerald-500/30">
                            <span class="pl-3 font-mono text-sm text-slate-400">"/"</span>
                            <input id="qr-shortcut" data-testid="qr-shortcut" type="text" required maxlength=(SHORTCUT_MAX + 1).to_string() autocomplete="off" title=tx.shortcut_hint class="w-full rounded-lg border-0 px-1 py-2 font-mono text-sm focus:outline-none" bind:value=form.shortcut />
                        </div>
                        <p class="mt-1 text-xs text-slate-400">{tx.shortcut_hint}</p>
                    </div>
                    <div>
                        <label class=LABEL for="qr-title">{t.field_quick_reply_title}</label>
                        <input id="qr-title" data-testid="qr-title" type="text" required maxlength=TITLE_MAX.to_string() class=INPUT bind:value=form.title />
                    </div>
                    <div>
                        <label class=LABEL for="qr-scope">{tx.list}</label>
                        {move || match form.editing.get() {
                            Some(reply) => view! {
                                <p class="py-2 text-sm text-slate-600" data-testid="qr-scope-fixed">{if reply.is_shared() { tx.shared } else { tx.mine }}</p>
                            }.into_any(),
                            None if may_share => view! {
                                <select id="qr-scope" data-testid="qr-scope" class=INPUT on:change=move |e| form.shared.set(event_target_value(&e) == "shared")>
                                    <option value="mine" selected=move || !form.shared.get()>{tx.mine}</option>
                                    <option value="shared" selected=move || form.shared.get()>{tx.shared}</option>
                                </select>
                            }.into_any(),
                            None => view! { <p class="py-2 text-sm text-slate-600">{tx.mine}</p> }.into_any(),
                        }}
                    </div>
                </div>
                <div>
                    <label class=LABEL for="qr-body">{t.field_quick_reply_body}</label>
                    <textarea id="qr-body" data-testid="qr-body" node_ref=body_box rows="5" required class=format!("{INPUT} resize-y") prop:value=move || form.body.get() on:input=move |e| form.body.set(event_target_value(&e))></textarea>
                    <div class="mt-2 flex flex-wrap items-center gap-1.5 text-xs text-slate-500">
                        <span>{tx.variables}</span>
                        {VARIABLES.iter().map(|v| chip(v.to_string())).collect_view()}
                        {chip(attribute_example.clone())}
                    </div>
                    <p class="mt-1 text-xs text-slate-400">{(tx.attributes_hint)(&attribute_example)}</p>
                </div>
                <Show when=move || form.body.with(|b| !b.trim().is_empty())>
                    <div class="rounded-lg bg-slate-50 px-3 py-2" data-testid="qr-preview">
                        <p class="mb-1 text-[11px] uppercase tracking-wide text-slate-400">{tx.preview}</p>
                        <p class="whitespace-pre-wrap text-sm text-slate-800" data-testid="qr-preview-text">{move || preview.with(|p| p.text.clone())}</p>
                        {move || {
                            let unfilled = preview.with(|p| p.unfilled.clone());
                            (!unfilled.is_empty()).then(|| view! {
                                <p class="mt-2 text-xs text-amber-800" data-testid="qr-preview-unfilled">
                                    {tx.preview_unfilled} " " <span class="font-mono">{unfilled.join(", ")}</span>
                                </p>
                            })
                        }}
                    </div>
                </Show>
                <div class="flex gap-2">
                    <button type="submit" data-testid="qr-save" class=BUTTON disabled=move || saving.get()>
                        {move || if form.editing.with(Option::is_some) { tx.save } else { tx.create }}
                    </button>
                    <Show when=move || form.editing.with(Option::is_some)>
                        <button type="button" data-testid="qr-cancel" class=BUTTON_QUIET on:click=move |_| form.clear()>{tx.cancel}</button>
                    </Show>
                </div>
            </form>
        </section>
    }
    .into_any()
}

#[component]
fn ReplyList(
    title: &'static str,
    hint: &'static str,
    empty: &'static str,
    testid: &'static str,
    list: Vec<QuickReply>,
    manage: bool,
    edit: Callback<QuickReply>,
    delete: Callback<QuickReply>,
) -> impl IntoView {
    let tx = texts(use_viewer().lang);
    let count = list.len();
    view! {
        <section class="mb-6 rounded-xl border border-slate-200 bg-white shadow-sm" data-testid=testid>
            <header class="flex items-baseline gap-3 border-b border-slate-200 px-5 py-3">
                <h2 class="text-base font-semibold">{title} " (" {count} ")"</h2>
                <p class="text-xs text-slate-500">{hint}</p>
            </header>
            {if list.is_empty() {
                view! { <p class="px-5 py-4 text-sm text-slate-400">{empty}</p> }.into_any()
            } else {
                view! {
                    <ul class="divide-y divide-slate-100">
                        {list.into_iter().map(|reply| {
                            let for_edit = reply.clone();
                            let for_delete = reply.clone();
                            let scope = if reply.is_shared() { "shared" } else { "mine" };
                            view! {
                                <li class="flex flex-col gap-2 px-5 py-3 md:flex-row md:items-start" data-testid="quick-reply" data-shortcut=reply.shortcut.clone() data-scope=scope>
                                    <div class="min-w-0 flex-1">
                                        <div class="flex items-baseline gap-2">
                                            <span class="font-mono text-sm text-emerald-700">"/" {reply.shortcut.clone()}</span>
                                            <span class="truncate text-sm font-medium text-slate-900">{reply.title.clone()}</span>
                                        </div>
                                        <p class="mt-1 line-clamp-2 whitespace-pre-wrap text-sm text-slate-600">{reply.body.clone()}</p>
                                    </div>
                                    {manage.then(|| view! {
                                        <div class="flex shrink-0 gap-2">
                                            <button type="button" data-testid="qr-edit" class=BUTTON_QUIET on:click=move |_| { edit.try_run(for_edit.clone()); }>{tx.edit}</button>
                                            <button type="button" data-testid="qr-delete" class=BUTTON_QUIET on:click=move |_| { delete.try_run(for_delete.clone()); }>{tx.delete}</button>
                                        </div>
                                    })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
    .into_any()
}

/// Asks before a destructive change; false on the server, where nothing is clicked.
fn confirm(message: String) -> bool {
    window().confirm_with_message(&message).unwrap_or(false)
}
