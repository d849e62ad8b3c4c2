//! Pages that are mostly frame: the error pages.

use super::{set_response_status, use_viewer, DocumentLang, SessionResource};
use leptos::prelude::*;
use leptos_meta::Title;

/// Shown inside the frame when the viewer's role may not open the page (HTTP 403).
#[component]
pub fn Forbidden() -> impl IntoView {
    set_response_status(403);
    let viewer = use_viewer();
    let t = viewer.t();
    view! {
        <Title text=t.forbidden_title />
        <div data-testid="forbidden" class="mx-auto mt-16 max-w-md text-center">
            <div class="mx-auto mb-4 flex h-14 w-14 items-center justify-center rounded-full bg-amber-100 text-amber-700">
                <svg viewBox="0 0 24 24" class="h-7 w-7" fill="none" stroke="currentColor" stroke-width="2" aria-hidden="true">
                    <rect x="5" y="11" width="14" height="10" rx="2" />
                    <path d="M8 11V7a4 4 0 0 1 8 0v4" />
                </svg>
            </div>
            <h1 class="text-xl font-semibold text-slate-900">{t.forbidden_title}</h1>
            <p class="mt-2 text-slate-600">{t.forbidden_body(t.role(viewer.me.role))}</p>
            <a
                href="/"
                class="mt-6 inline-block rounded-lg bg-emerald-600 px-4 py-2 text-sm font-medium text-white hover:bg-emerald-700"
            >
                {t.back_to_inbox}
            </a>
        </div>
    }
}

/// Any address the router does not know (HTTP 404).
#[component]
pub fn NotFound() -> impl IntoView {
    set_response_status(404);
    let session = expect_context::<SessionResource>().0;
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let lang = session.await.map(|s| s.lang).unwrap_or_default();
                let t = lang.texts();
                view! {
                    <DocumentLang lang />
                    <Title text=t.not_found_title />
                    <main class="mx-auto mt-24 max-w-md px-6 text-center">
                        <p class="text-5xl font-bold text-emerald-600">"404"</p>
                        <h1 class="mt-4 text-xl font-semibold">{t.not_found_title}</h1>
                        <p class="mt-2 text-slate-600">{t.not_found_body}</p>
                        <a href="/" class="mt-6 inline-block text-emerald-700 hover:underline">
                            {t.back_to_inbox}
                        </a>
                    </main>
                }
            })}
        </Suspense>
    }
}
