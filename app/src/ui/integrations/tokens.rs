//! API tokens: create one (shown once), the list with each token's prefix, owner and last
//! use, and revoking.

use super::texts::texts;
use super::{Confirm, Outcome, OutcomeNotice, Screen, ShownOnce, BUTTON_DANGER, TABLE_HEAD};
use crate::api::integrations::{create_token, revoke_token};
use crate::domain::integrations::tokens::{self, Scope, NAME_MAX};
use crate::error::AppError;
use crate::ui::use_viewer;
use crate::ui::widgets::{ErrorNotice, BUTTON, CARD, INPUT, LABEL};
use crate::wire::integrations::{CreatedToken, TokenView};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub(super) fn TokensSection(screen: Screen) -> impl IntoView {
    let lang = use_viewer().lang;
    let tx = texts(lang);
    let created = RwSignal::new(None::<CreatedToken>);
    let outcome: Outcome = RwSignal::new(None);
    let confirming = RwSignal::new(None::<TokenView>);
    let shown_once = move || {
        created.get().map(|c| {
            view! {
                <ShownOnce
                    title=tx.new_token_title
                    warning=tx.new_token_warning
                    value=c.token
                    testid="new-token"
                    on_done=Callback::new(move |_| created.set(None))
                />
            }
        })
    };
    view! {
        <section class=format!("{CARD} mb-6") data-testid="tokens">
            <h2 class="mb-1 text-base font-semibold">{tx.tokens_title}</h2>
            <p class="mb-4 max-w-3xl text-xs text-slate-500">{tx.tokens_hint}</p>
            <CreateToken screen created outcome />
            {shown_once}
            <OutcomeNotice outcome />
            <Transition fallback=move || view! { <p class="mt-4 text-slate-400">{tx.loading}</p> }>
                {move || Suspend::new(async move {
                    match screen.data.await {
                        Ok(data) if data.tokens.is_empty() => {
                            view! { <p class="mt-4 text-sm text-slate-500">{tx.no_tokens}</p> }.into_any()
                        }
                        Ok(data) => view! { <TokenTable list=data.tokens confirming /> }.into_any(),
                        Err(error) => view! { <div class="mt-4"><ErrorNotice error lang /></div> }.into_any(),
                    }
                })}
            </Transition>
        </section>
        {move || confirming.get().map(|token| view! { <ConfirmRevoke token screen confirming outcome /> })}
    }
}

#[component]
fn CreateToken(
    screen: Screen,
    created: RwSignal<Option<CreatedToken>>,
    outcome: Outcome,
) -> impl IntoView {
    let lang = use_viewer().lang;
    let tx = texts(lang);
    let name = RwSignal::new(String::new());
    let scope = RwSignal::new(Scope::Read);
    let busy = RwSignal::new(false);
    let problem = RwSignal::new(None::<AppError>);
    let submit = move |e: leptos::ev::SubmitEvent| {
        e.prevent_default();
        let (n, s) = (name.get_untracked(), scope.get_untracked());
        // Same check as the server, before the round trip.
        if let Err(invalid) = tokens::name(&n) {
            problem.set(Some(AppError::invalid(invalid)));
            return;
        }
        busy.set(true);
        spawn_local(async move {
            let result = create_token(n, s.as_str().to_string()).await;
            busy.set(false);
            match result {
                Ok(token) => {
                    problem.set(None);
                    outcome.set(None);
                    name.set(String::new());
                    created.set(Some(token));
                    screen.reload();
                }
                Err(error) => problem.set(Some(error)),
            }
        });
    };
    view! {
        <form
            class="mb-4 grid items-end gap-3 md:grid-cols-[minmax(0,1fr)_minmax(0,1fr)_auto]"
            data-testid="create-token"
            on:submit=submit
        >
            <div>
                <label class=LABEL for="token-name">{tx.token_name}</label>
                <input
                    id="token-name"
                    type="text"
                    required
                    maxlength=NAME_MAX
                    placeholder=tx.token_name_hint
                    class=INPUT
                    data-testid="token-name"
                    prop:value=move || name.get()
                    on:input=move |e| name.set(event_target_value(&e))
                />
            </div>
            <div>
                <label class=LABEL for="token-scope">{tx.scope}</label>
                <select
                    id="token-scope"
                    class=INPUT
                    data-testid="token-scope"
                    on:change=move |e| {
                        if let Some(s) = Scope::parse(&event_target_value(&e)) {
                            scope.set(s);
                        }
                    }
                >
                    {Scope::ALL
                        .into_iter()
                        .map(|s| view! {
                            <option value=s.as_str() selected=move || scope.get() == s>
                                {tx.scope_choice(s)}
                            </option>
                        })
                        .collect_view()}
                </select>
            </div>
            <button
                type="submit"
                class=format!("{BUTTON} whitespace-nowrap")
                disabled=move || busy.get()
                data-testid="create-token-submit"
            >
                {tx.create_token}
            </button>
        </form>
        {move || problem.get().map(|error| view! { <div class="mb-4"><ErrorNotice error lang /></div> })}
    }
}

#[component]
fn TokenTable(list: Vec<TokenView>, confirming: RwSignal<Option<TokenView>>) -> impl IntoView {
    let tx = texts(use_viewer().lang);
    view! {
        <div class="mt-4 relative overflow-x-auto rounded-lg border border-slate-200">
            <table class="min-w-full divide-y divide-slate-200 text-sm" data-testid="tokens-table">
                <thead class=TABLE_HEAD>
                    <tr>
                        <th class="px-3 py-2">{tx.col_name}</th>
                        <th class="px-3 py-2">{tx.scope}</th>
                        <th class="px-3 py-2">{tx.col_token}</th>
                        <th class="px-3 py-2">{tx.col_owner}</th>
                        <th class="px-3 py-2">{tx.col_created}</th>
                        <th class="px-3 py-2">{tx.col_last_used}</th>
                        <th class="px-3 py-2">{tx.col_status}</th>
                        <th class="px-3 py-2"><span class="sr-only">{tx.revoke}</span></th>
                    </tr>
                </thead>
                <tbody class="divide-y divide-slate-100">
                    {list.into_iter().map(|token| view! { <TokenRow token confirming /> }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn TokenRow(token: TokenView, confirming: RwSignal<Option<TokenView>>) -> impl IntoView {
    let tx = texts(use_viewer().lang);
    let revoked = token.revoked_at_ms.is_some();
    let status = match token.revoked_at_ms {
        Some(at) => view! {
            <span class="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-600">
                {tx.revoked}
            </span>
            <span class="mt-0.5 block text-xs">{crate::ui::clock::moment(at)}</span>
        }
        .into_any(),
        None => view! {
            <span class="rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-800">
                {tx.active}
            </span>
        }
        .into_any(),
    };
    let revoke = (!revoked).then(|| {
        let token = token.clone();
        view! {
            <button
                type="button"
                class=BUTTON_DANGER
                data-testid="revoke-token"
                on:click=move |_| confirming.set(Some(token.clone()))
            >
                {tx.revoke}
            </button>
        }
    });
    view! {
        <tr
            class=if revoked { "text-slate-400" } else { "text-slate-800" }
            data-testid="token-row"
            data-token=token.name.clone()
            data-revoked=revoked.to_string()
        >
            <td class="min-w-[8rem] px-3 py-2 font-medium">{token.name.clone()}</td>
            <td class="px-3 py-2">{tx.scope(token.scope)}</td>
            <td class="px-3 py-2 font-mono text-xs" data-testid="token-prefix">{format!("{}…", token.prefix)}</td>
            <td class="whitespace-nowrap px-3 py-2">{token.owner_name.clone()}</td>
            <td class="whitespace-nowrap px-3 py-2 text-xs">{crate::ui::clock::moment(token.created_at_ms)}</td>
            <td
                class="whitespace-nowrap px-3 py-2 text-xs"
                title=token.last_used_at_ms.map(crate::ui::clock::moment)
                data-testid="token-last-used"
            >
                {token
                    .last_used_at_ms
                    .map(crate::ui::clock::ago)
                    .unwrap_or_else(|| tx.never.to_string())}
            </td>
            <td class="whitespace-nowrap px-3 py-2" data-testid="token-status">{status}</td>
            <td class="px-3 py-2 text-right">{revoke}</td>
        </tr>
    }
}

#[component]
fn ConfirmRevoke(
    token: TokenView,
    screen: Screen,
    confirming: RwSignal<Option<TokenView>>,
    outcome: Outcome,
) -> impl IntoView {
    let tx = texts(use_viewer().lang);
    let busy = RwSignal::new(false);
    let (id, name) = (token.id, token.name.clone());
    let on_confirm = Callback::new(move |_| {
        busy.set(true);
        let name = name.clone();
        spawn_local(async move {
            let result = revoke_token(id).await;
            busy.set(false);
            confirming.set(None);
            outcome.set(Some(result.map(|_| tx.token_revoked(&name))));
            screen.reload();
        });
    });
    view! {
        <Confirm
            message=tx.confirm_revoke(&token.name)
            action=tx.revoke
            busy
            on_confirm
            on_cancel=Callback::new(move |_| confirming.set(None))
        />
    }
}
