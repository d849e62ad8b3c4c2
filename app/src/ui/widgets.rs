//! Small pieces shared by the screens.

use crate::domain::session::login_url;
use crate::error::AppError;
use crate::i18n::Lang;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

pub const INPUT: &str = "block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm placeholder:text-slate-400 focus:border-emerald-500 focus:outline-none focus:ring-2 focus:ring-emerald-500/30";
pub const LABEL: &str = "mb-1 block text-sm font-medium text-slate-700";
pub const BUTTON: &str = "inline-flex items-center justify-center rounded-lg bg-emerald-600 px-4 py-2 text-sm font-medium text-white shadow-sm hover:bg-emerald-700 disabled:cursor-not-allowed disabled:opacity-60";
pub const BUTTON_QUIET: &str = "inline-flex items-center justify-center rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-60";
pub const CARD: &str = "rounded-xl border border-slate-200 bg-white p-5 shadow-sm";
/// A link inside a sentence.
pub const LINK: &str = "font-medium text-emerald-700 underline-offset-2 hover:underline";

/// An error in words a person can act on. A session that ended offers the way back in.
#[component]
pub fn ErrorNotice(error: AppError, lang: Lang) -> impl IntoView {
    let t = lang.texts();
    let message = t.error(&error);
    let relogin = (error == AppError::Unauthenticated).then(|| {
        let location = use_location();
        let here = format!(
            "{}{}",
            location.pathname.get_untracked(),
            location.search.get_untracked()
        );
        view! {
            " "
            <a href=login_url(&here) class="font-medium underline">
                {t.sign_in}
            </a>
        }
    });
    view! {
        <div
            role="alert"
            data-testid="error"
            class="rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800"
        >
            {message}
            {relogin}
        </div>
    }
}

/// A confirmation that something was saved.
#[component]
pub fn SuccessNotice(message: String) -> impl IntoView {
    view! {
        <div
            role="status"
            data-testid="success"
            class="rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-800"
        >
            {message}
        </div>
    }
}

/// A checkbox bound to one flag of a settings draft (`get`/`set`); a change clears the last
/// save's notice (`outcome`), as typing does.
pub fn setting_checkbox<S, O>(
    label: &'static str,
    testid: &'static str,
    draft: RwSignal<S>,
    outcome: RwSignal<Option<O>>,
    get: fn(&S) -> bool,
    set: fn(&mut S, bool),
) -> impl IntoView
where
    S: Send + Sync + 'static,
    O: Send + Sync + 'static,
{
    view! {
        <label class="flex items-start gap-2 text-sm text-slate-700">
            <input
                type="checkbox"
                class="mt-0.5"
                data-testid=testid
                prop:checked=move || draft.with(get)
                on:change=move |e| {
                    let on = event_target_checked(&e);
                    draft.update(|s| set(s, on));
                    outcome.set(None);
                }
            />
            <span>{label}</span>
        </label>
    }
}
