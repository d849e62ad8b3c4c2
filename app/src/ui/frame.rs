//! The desk's frame: the guard every page passes, the navigation and the user box.

use super::pages::Forbidden;
use super::widgets::ErrorNotice;
use super::{DocumentLang, SessionResource, Viewer};
use crate::api::auth::Logout;
use crate::domain::roles::{can_open, nav_for, Area};
use crate::domain::session::login_url;
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_location;

/// A page of the desk. Signed out: off to the login page (and back here afterwards).
/// Signed in without the role: the 403 page. Otherwise: the page in the frame.
#[component]
pub fn Page(area: Area, children: ChildrenFn) -> impl IntoView {
    let session = expect_context::<SessionResource>().0;
    let location = use_location();
    let children = StoredValue::new(children);
    view! {
        <Suspense fallback=|| view! { <div class="p-8 text-slate-400">"…"</div> }>
            {move || Suspend::new(async move {
                let info = match session.await {
                    Ok(info) => info,
                    Err(err) => {
                        return view! {
                            <main class="mx-auto mt-24 max-w-md px-6">
                                <ErrorNotice error=err lang=Default::default() />
                            </main>
                        }
                            .into_any();
                    }
                };
                let Some(me) = info.me else {
                    let here = format!(
                        "{}{}",
                        location.pathname.get_untracked(),
                        location.search.get_untracked(),
                    );
                    return view! { <Redirect path=login_url(&here) /> }.into_any();
                };
                let allowed = can_open(me.role, area);
                provide_context(Viewer {
                    me,
                    lang: info.lang,
                    zone: info.time_zone.parse().unwrap_or(chrono_tz::Tz::UTC),
                    own_zone: info.own_time_zone.clone(),
                });
                view! {
                    <DocumentLang lang=info.lang />
                    <Frame current=area>
                        {if allowed {
                            children.with_value(|c| c()).into_any()
                        } else {
                            view! { <Forbidden /> }.into_any()
                        }}
                    </Frame>
                }
                    .into_any()
            })}
        </Suspense>
    }
}

#[component]
fn Frame(current: Area, children: Children) -> impl IntoView {
    let viewer = expect_context::<Viewer>();
    let t = viewer.t();
    let menu_open = RwSignal::new(false);
    let logout = ServerAction::<Logout>::new();
    let links = nav_for(viewer.me.role)
        .into_iter()
        .map(|area| {
            let active = area == current;
            let class = if active {
                "flex items-center rounded-lg bg-emerald-50 px-3 py-2 text-sm font-medium text-emerald-800"
            } else {
                "flex items-center rounded-lg px-3 py-2 text-sm font-medium text-slate-600 hover:bg-slate-100 hover:text-slate-900"
            };
            view! {
                <a
                    href=area.path()
                    class=class
                    aria-current=if active { Some("page") } else { None }
                    data-nav=area.path()
                >
                    {t.area(area)}
                </a>
            }
        })
        .collect_view();
    let initials: String = viewer
        .me
        .name
        .split_whitespace()
        .filter_map(|w| w.chars().next())
        .take(2)
        .collect::<String>()
        .to_uppercase();

    view! {
        <div class="min-h-full md:flex">
            <div class="flex items-center justify-between border-b border-slate-200 bg-white px-4 py-3 md:hidden">
                <span class="text-lg font-semibold text-emerald-700">"Buzón"</span>
                <button
                    type="button"
                    class="rounded-lg border border-slate-200 px-3 py-1.5 text-sm text-slate-700"
                    aria-expanded=move || menu_open.get().to_string()
                    on:click=move |_| menu_open.update(|o| *o = !*o)
                >
                    {t.menu}
                </button>
            </div>
            <aside class=move || {
                format!(
                    "{} w-full flex-col border-r border-slate-200 bg-white md:sticky md:top-0 md:flex md:h-screen md:w-60 md:shrink-0",
                    if menu_open.get() { "flex" } else { "hidden" },
                )
            }>
                <div class="hidden px-5 py-5 md:block">
                    <a href="/" class="text-xl font-semibold tracking-tight text-emerald-700">
                        "Buzón"
                    </a>
                </div>
                <nav class="flex flex-1 flex-col gap-1 px-3 py-2" aria-label=t.menu>
                    {links}
                </nav>
                <div class="border-t border-slate-200 p-3">
                    <div class="flex items-center gap-3 px-2 py-2">
                        <div class="flex h-9 w-9 shrink-0 items-center justify-center rounded-full bg-emerald-600 text-sm font-semibold text-white">
                            {initials}
                        </div>
                        <div class="min-w-0">
                            <p class="truncate text-sm font-medium" data-testid="me-name">
                                {viewer.me.name.clone()}
                            </p>
                            <p class="truncate text-xs text-slate-500">{t.role(viewer.me.role)}</p>
                        </div>
                    </div>
                    <div class="mt-1 flex gap-2 px-2">
                        <a
                            href=Area::Account.path()
                            aria-current=(current == Area::Account).then_some("page")
                            class=if current == Area::Account {
                                "flex-1 rounded-lg bg-emerald-50 px-2 py-1.5 text-center text-xs font-medium text-emerald-800"
                            } else {
                                "flex-1 rounded-lg px-2 py-1.5 text-center text-xs font-medium text-slate-600 hover:bg-slate-100"
                            }
                        >
                            {t.account}
                        </a>
                        <ActionForm action=logout attr:class="flex-1">
                            <button
                                type="submit"
                                class="w-full rounded-lg px-2 py-1.5 text-xs font-medium text-slate-600 hover:bg-slate-100"
                            >
                                {t.sign_out}
                            </button>
                        </ActionForm>
                    </div>
                </div>
            </aside>
            // The console fills the screen edge to edge; other pages get margins.
            <main class=if current == Area::Inbox {
                "min-w-0 flex-1"
            } else {
                "min-w-0 flex-1 px-4 py-6 md:px-10 md:py-8"
            }>{children()}</main>
        </div>
    }
}
