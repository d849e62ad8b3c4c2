//! My account: every user's own password and language.

use super::frame::Page;
use super::widgets::{ErrorNotice, SuccessNotice, BUTTON, CARD, INPUT, LABEL};
use super::{use_viewer, SessionResource};
use crate::api::account::{ChangeOwnPassword, SetMyLanguage, SetMyTimeZone};
use crate::domain::roles::Area;
use crate::i18n::Lang;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn AccountPage() -> impl IntoView {
    view! {
        <Page area=Area::Account>
            <Account />
        </Page>
    }
}

#[component]
fn Account() -> impl IntoView {
    let viewer = use_viewer();
    let t = viewer.t();
    let lang = viewer.lang;
    let session = expect_context::<SessionResource>().0;
    let change_password = ServerAction::<ChangeOwnPassword>::new();
    let set_language = ServerAction::<SetMyLanguage>::new();
    let set_zone = ServerAction::<SetMyTimeZone>::new();
    // A new language or zone re-renders the whole desk in it.
    Effect::new(move || {
        let language = matches!(set_language.value().get(), Some(Ok(())));
        let zone = matches!(set_zone.value().get(), Some(Ok(())));
        if language || zone {
            session.refetch();
        }
    });
    let zone_error = move || {
        set_zone
            .value()
            .get()
            .and_then(Result::err)
            .map(|error| view! { <ErrorNotice error lang /> })
    };
    let own_zone = viewer.own_zone.clone().unwrap_or_default();
    let shown_zone = viewer.zone.name();

    let password_outcome = move || {
        change_password.value().get().map(|r| match r {
            Ok(()) => view! { <SuccessNotice message=t.password_changed.to_string() /> }.into_any(),
            Err(error) => view! { <ErrorNotice error lang /> }.into_any(),
        })
    };
    let language_error = move || {
        set_language
            .value()
            .get()
            .and_then(Result::err)
            .map(|error| view! { <ErrorNotice error lang /> })
    };

    view! {
        <Title text=t.account />
        <header class="mb-6">
            <h1 class="text-2xl font-semibold text-slate-900">{t.account}</h1>
            <p class="mt-1 text-sm text-slate-500">
                {viewer.me.email.clone()} " · " {t.account_subtitle}
            </p>
        </header>
        <div class="grid max-w-4xl gap-6 md:grid-cols-2">
            <section class=format!("{CARD} self-start")>
                <h2 class="mb-4 text-base font-semibold">{t.change_password}</h2>
                <ActionForm action=change_password attr:class="space-y-3">
                    <div>
                        <label class=LABEL for="current-password">{t.current_password}</label>
                        <input id="current-password" name="current_password" type="password" autocomplete="current-password" required maxlength="128" class=INPUT />
                    </div>
                    <div>
                        <label class=LABEL for="new-password">{t.new_password}</label>
                        <input id="new-password" name="new_password" type="password" autocomplete="new-password" required minlength="8" maxlength="128" class=INPUT />
                    </div>
                    {password_outcome}
                    <button type="submit" class=BUTTON disabled=move || change_password.pending().get()>
                        {t.save}
                    </button>
                </ActionForm>
            </section>
            <section class=format!("{CARD} self-start")>
                <h2 class="mb-4 text-base font-semibold">{t.language}</h2>
                <div class="flex flex-wrap gap-2">
                    {Lang::ALL
                        .into_iter()
                        .map(|l| {
                            let class = if l == lang {
                                "rounded-lg border-2 border-emerald-600 bg-emerald-50 px-4 py-2 text-sm font-medium text-emerald-800"
                            } else {
                                "rounded-lg border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-700 hover:bg-slate-50"
                            };
                            view! {
                                <button
                                    type="button"
                                    class=class
                                    data-lang=l.code()
                                    on:click=move |_| {
                                        set_language.dispatch(SetMyLanguage { language: Some(l) });
                                    }
                                >
                                    {l.native_name()}
                                </button>
                            }
                        })
                        .collect_view()}
                </div>
                <div class="mt-3">{language_error}</div>
            </section>
            <section class=format!("{CARD} self-start")>
                <h2 class="mb-1 text-base font-semibold">{t.time_zone}</h2>
                <p class="mb-4 text-xs text-slate-500">{t.time_zone_hint(shown_zone)}</p>
                <ActionForm action=set_zone attr:class="space-y-3">
                    <div>
                        <label class=LABEL for="time-zone">{t.time_zone_own}</label>
                        <input
                            id="time-zone"
                            name="time_zone"
                            list="time-zones"
                            value=own_zone
                            placeholder=t.time_zone_business
                            autocomplete="off"
                            class=INPUT
                            data-testid="time-zone"
                        />
                        <datalist id="time-zones">
                            {chrono_tz::TZ_VARIANTS
                                .iter()
                                .map(|z| view! { <option value=z.name()></option> })
                                .collect_view()}
                        </datalist>
                    </div>
                    {zone_error}
                    <button type="submit" class=BUTTON disabled=move || set_zone.pending().get()>
                        {t.save}
                    </button>
                </ActionForm>
            </section>
        </div>
    }
}
