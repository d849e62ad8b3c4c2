//! The users screen (admins): add users, change role and capacity, disable, reset passwords.

use super::frame::Page;
use super::use_viewer;
use super::widgets::{ErrorNotice, SuccessNotice, BUTTON, BUTTON_QUIET, CARD, INPUT, LABEL};
use crate::api::users::{
    list_users, CreateUser, ResetUserPassword, SetUserCapacity, SetUserDisabled, SetUserRole,
};
use crate::domain::roles::{Area, Role};
use crate::domain::validation::DEFAULT_CAPACITY;
use crate::error::AppError;
use crate::i18n::Texts;
use crate::wire::UserView;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn UsersPage() -> impl IntoView {
    view! {
        <Page area=Area::Users>
            <Users />
        </Page>
    }
}

/// The row actions, shared so that any change refreshes the list and reports errors in one
/// place.
#[derive(Clone, Copy)]
struct RowActions {
    role: ServerAction<SetUserRole>,
    capacity: ServerAction<SetUserCapacity>,
    disabled: ServerAction<SetUserDisabled>,
    password: ServerAction<ResetUserPassword>,
}

#[component]
fn Users() -> impl IntoView {
    let viewer = use_viewer();
    let t = viewer.t();
    let lang = viewer.lang;
    let create = ServerAction::<CreateUser>::new();
    let actions = RowActions {
        role: ServerAction::new(),
        capacity: ServerAction::new(),
        disabled: ServerAction::new(),
        password: ServerAction::new(),
    };
    let users = Resource::new(
        move || {
            (
                create.version().get(),
                actions.role.version().get(),
                actions.capacity.version().get(),
                actions.disabled.version().get(),
                actions.password.version().get(),
            )
        },
        |_| list_users(),
    );

    // The latest outcome of any action on this screen, shown above the table.
    let outcome = RwSignal::new(None::<Result<String, AppError>>);
    let report = move |result: Option<Result<UserView, AppError>>,
                       ok: fn(&Texts, &UserView) -> String| {
        if let Some(result) = result {
            outcome.set(Some(result.map(|u| ok(lang.texts(), &u))));
        }
    };
    Effect::new(move || report(create.value().get(), |t, u| t.user_created(&u.email)));
    Effect::new(move || report(actions.role.value().get(), |t, _| t.saved.into()));
    Effect::new(move || report(actions.capacity.value().get(), |t, _| t.saved.into()));
    Effect::new(move || report(actions.disabled.value().get(), |t, _| t.saved.into()));
    Effect::new(move || {
        report(actions.password.value().get(), |t, u| {
            t.password_was_reset(&u.email)
        })
    });
    let me_id = viewer.me.id;

    view! {
        <Title text=t.users />
        <header class="mb-6">
            <h1 class="text-2xl font-semibold text-slate-900">{t.users}</h1>
            <p class="mt-1 text-sm text-slate-500">{t.users_subtitle}</p>
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

        <section class=format!("{CARD} mb-6")>
            <h2 class="mb-4 text-base font-semibold">{t.add_user}</h2>
            <ActionForm
                action=create
                attr:class="grid items-end gap-3 md:grid-cols-2 xl:grid-cols-[minmax(0,1.4fr)_minmax(0,1fr)_8.5rem_5.5rem_minmax(0,1fr)_auto]"
                attr:data-testid="create-user"
            >
                <div>
                    <label class=LABEL for="new-email">{t.email}</label>
                    <input id="new-email" name="email" type="email" required maxlength="254" class=INPUT />
                </div>
                <div>
                    <label class=LABEL for="new-name">{t.name}</label>
                    <input id="new-name" name="name" type="text" maxlength="80" placeholder=t.name_hint class=INPUT />
                </div>
                <div>
                    <label class=LABEL for="new-role">{t.role}</label>
                    <select id="new-role" name="role" class=INPUT>
                        {Role::ALL
                            .into_iter()
                            .map(|r| view! { <option value=r.as_str()>{t.role(r)}</option> })
                            .collect_view()}
                    </select>
                </div>
                <div>
                    <label class=LABEL for="new-capacity" title=t.capacity_hint>{t.capacity}</label>
                    <input
                        id="new-capacity"
                        name="capacity"
                        type="number"
                        min="0"
                        max="100"
                        value=DEFAULT_CAPACITY.to_string()
                        title=t.capacity_hint
                        class=INPUT
                    />
                </div>
                <div>
                    <label class=LABEL for="new-password">{t.password}</label>
                    <input
                        id="new-password"
                        name="password"
                        type="password"
                        autocomplete="new-password"
                        required
                        minlength="8"
                        maxlength="128"
                        class=INPUT
                    />
                </div>
                <button type="submit" class=format!("{BUTTON} whitespace-nowrap") disabled=move || create.pending().get()>
                    {t.create_user}
                </button>
            </ActionForm>
        </section>

        <section class="rounded-xl border border-slate-200 bg-white shadow-sm">
            <Transition fallback=move || view! { <p class="p-5 text-slate-400">{t.loading}</p> }>
                {move || Suspend::new(async move {
                    match users.await {
                        Ok(list) => view! { <UserList list me_id actions /> }.into_any(),
                        Err(error) => {
                            view! {
                                <div class="p-5">
                                    <ErrorNotice error lang />
                                </div>
                            }
                                .into_any()
                        }
                    }
                })}
            </Transition>
        </section>
    }
}

/// Columns of the user list on wide screens; on narrow ones each user is a small card.
const COLUMNS: &str = "md:grid-cols-[minmax(0,1fr)_9rem_5.5rem_6rem_minmax(0,15rem)]";

#[component]
fn UserList(list: Vec<UserView>, me_id: i64, actions: RowActions) -> impl IntoView {
    let t = use_viewer().t();
    view! {
        <div class=format!("hidden gap-4 border-b border-slate-200 bg-slate-50 px-5 py-3 text-xs font-semibold uppercase tracking-wide text-slate-500 md:grid {COLUMNS}")>
            <span>{t.name}</span>
            <span>{t.role}</span>
            <span title=t.capacity_hint>{t.capacity}</span>
            <span>{t.status}</span>
            <span class="text-right">{t.actions}</span>
        </div>
        <ul class="divide-y divide-slate-100" data-testid="users-table">
            {list
                .into_iter()
                .map(|user| view! { <UserRow user me_id actions /> })
                .collect_view()}
        </ul>
    }
}

#[component]
fn UserRow(user: UserView, me_id: i64, actions: RowActions) -> impl IntoView {
    let t = use_viewer().t();
    let id = user.id;
    let is_me = id == me_id;
    let resetting = RwSignal::new(false);
    let new_password = RwSignal::new(String::new());
    let disabled = user.disabled;
    let email = user.email.clone();
    let role = user.role;

    let mobile_label = "mb-1 block text-xs font-medium text-slate-500 md:hidden";

    view! {
        <li
            data-user=user.email.clone()
            class=format!(
                "grid grid-cols-3 items-center gap-x-4 gap-y-3 px-5 py-4 {COLUMNS} {}",
                if disabled { "bg-slate-50/70" } else { "" },
            )
        >
            <div class="col-span-3 min-w-0 md:col-span-1">
                <div class=if disabled { "truncate font-medium text-slate-400" } else { "truncate font-medium text-slate-900" }>
                    {user.name.clone()}
                    {is_me.then(|| view! { <span class="ml-1 text-xs font-normal text-slate-400">"(" {t.you} ")"</span> })}
                </div>
                <div class="truncate text-xs text-slate-500">{user.email.clone()}</div>
            </div>
            <label>
                <span class=mobile_label>{t.role}</span>
                <select
                    aria-label=t.role
                    class="w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
                    on:change=move |ev| {
                        actions.role.dispatch(SetUserRole { id, role: event_target_value(&ev) });
                    }
                >
                    {Role::ALL
                        .into_iter()
                        .map(|r| view! { <option value=r.as_str() selected=r == role>{t.role(r)}</option> })
                        .collect_view()}
                </select>
            </label>
            <label>
                <span class=mobile_label>{t.capacity}</span>
                <input
                    type="number"
                    min="0"
                    max="100"
                    aria-label=t.capacity
                    title=t.capacity_hint
                    class="w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm"
                    value=user.capacity.to_string()
                    on:change=move |ev| {
                        actions.capacity.dispatch(SetUserCapacity { id, capacity: event_target_value(&ev) });
                    }
                />
            </label>
            <div>
                <span class=mobile_label>{t.status}</span>
                {if disabled {
                    view! { <span class="rounded-full bg-slate-200 px-2 py-0.5 text-xs font-medium text-slate-600">{t.disabled}</span> }
                } else {
                    view! { <span class="rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-medium text-emerald-800">{t.active}</span> }
                }}
            </div>
            <div class="col-span-3 md:col-span-1">
                <div class="flex flex-wrap justify-start gap-2 md:justify-end">
                    <button
                        type="button"
                        class=format!("{BUTTON_QUIET} whitespace-nowrap")
                        aria-expanded=move || resetting.get().to_string()
                        on:click=move |_| resetting.update(|r| *r = !*r)
                    >
                        {t.reset_password}
                    </button>
                    {(!is_me).then(|| {
                        let email = email.clone();
                        view! {
                            <button
                                type="button"
                                class=format!("{BUTTON_QUIET} whitespace-nowrap")
                                on:click=move |_| {
                                    if disabled || confirm(t.confirm_disable(&email)) {
                                        actions.disabled.dispatch(SetUserDisabled { id, disabled: !disabled });
                                    }
                                }
                            >
                                {if disabled { t.enable } else { t.disable }}
                            </button>
                        }
                    })}
                </div>
                <Show when=move || resetting.get()>
                    <form
                        class="mt-2 flex gap-2 md:justify-end"
                        on:submit=move |ev| {
                            ev.prevent_default();
                            actions.password.dispatch(ResetUserPassword { id, new_password: new_password.get_untracked() });
                            new_password.set(String::new());
                            resetting.set(false);
                        }
                    >
                        <input
                            type="password"
                            autocomplete="new-password"
                            placeholder=t.new_password
                            aria-label=t.new_password
                            minlength="8"
                            maxlength="128"
                            required
                            class="min-w-0 flex-1 rounded-md border border-slate-300 px-2 py-1.5 text-sm md:max-w-44"
                            bind:value=new_password
                        />
                        <button type="submit" class=BUTTON>{t.save}</button>
                    </form>
                </Show>
            </div>
        </li>
    }
}

/// Asks before a destructive change; true on the server, where nothing is clicked.
fn confirm(message: String) -> bool {
    window().confirm_with_message(&message).unwrap_or(false)
}
