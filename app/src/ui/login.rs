//! The login page.

use super::widgets::{ErrorNotice, BUTTON, INPUT, LABEL};
use super::{DocumentLang, SessionResource};
use crate::api::auth::Login;
use crate::domain::session::safe_next;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_query_map;

#[component]
pub fn LoginPage() -> impl IntoView {
    let session = expect_context::<SessionResource>().0;
    let login = ServerAction::<Login>::new();
    let query = use_query_map();
    let next = move || safe_next(query.read().get("next").as_deref());

    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let info = session.await.unwrap_or_else(|_| crate::wire::SessionInfo {
                    time_zone: "UTC".into(),
                    own_time_zone: None,
                    me: None,
                    lang: Default::default(),
                });
                if info.me.is_some() {
                    return view! { <Redirect path=next() /> }.into_any();
                }
                let lang = info.lang;
                let t = lang.texts();
                let error = move || {
                    login
                        .value()
                        .get()
                        .and_then(Result::err)
                        .map(|error| view! { <ErrorNotice error lang /> })
                };
                view! {
                    <DocumentLang lang />
                    <Title text=t.sign_in />
                    <main class="flex min-h-screen items-center justify-center px-4 py-12">
                        <div class="w-full max-w-sm">
                            <div class="mb-8 text-center">
                                <div class="mx-auto mb-4 flex h-12 w-12 items-center justify-center rounded-2xl bg-emerald-600 text-xl font-bold text-white">
                                    "B"
                                </div>
                                <h1 class="text-2xl font-semibold tracking-tight">
                                    {t.sign_in_title}
                                </h1>
                                <p class="mt-1 text-sm text-slate-500">{t.sign_in_subtitle}</p>
                            </div>
                            <ActionForm
                                action=login
                                attr:class="space-y-4 rounded-2xl border border-slate-200 bg-white p-6 shadow-sm"
                            >
                                <input type="hidden" name="next" value=next />
                                <div>
                                    <label for="email" class=LABEL>
                                        {t.email}
                                    </label>
                                    <input
                                        id="email"
                                        name="email"
                                        type="email"
                                        autocomplete="username"
                                        required
                                        maxlength="254"
                                        class=INPUT
                                    />
                                </div>
                                <div>
                                    <label for="password" class=LABEL>
                                        {t.password}
                                    </label>
                                    <input
                                        id="password"
                                        name="password"
                                        type="password"
                                        autocomplete="current-password"
                                        required
                                        maxlength="128"
                                        class=INPUT
                                    />
                                </div>
                                {error}
                                <button
                                    type="submit"
                                    class=format!("{BUTTON} w-full")
                                    disabled=move || login.pending().get()
                                >
                                    {move || if login.pending().get() { t.signing_in } else { t.sign_in }}
                                </button>
                            </ActionForm>
                        </div>
                    </main>
                }
                    .into_any()
            })}
        </Suspense>
    }
}
