//! Settings → Team (admins): how the team shares the number — who sees what, read receipts,
//! auto-assignment, the queue when an assignee goes offline, and who writes to the customer.

use super::use_viewer;
use super::widgets::{ErrorNotice, BUTTON, CARD, LABEL};
use crate::api::settings::{save_team_settings, team_settings};
use crate::domain::assignment::AutoAssign;
use crate::domain::inbox::AgentVisibility;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::wire::TeamSettings;
use leptos::prelude::*;

struct TeamTexts {
    title: &'static str,
    hint: &'static str,
    visibility: &'static str,
    visibility_all: &'static str,
    visibility_own: &'static str,
    read_receipts: &'static str,
    auto_assign: &'static str,
    auto_off: &'static str,
    auto_round_robin: &'static str,
    auto_least_loaded: &'static str,
    auto_hint: &'static str,
    return_on_offline: &'static str,
    owner_only: &'static str,
    save: &'static str,
    saved: &'static str,
    loading: &'static str,
}

static EN: TeamTexts = TeamTexts {
    title: "Team",
    hint: "How agents share the number. Changes reach every open console at once.",
    visibility: "Agents see",
    visibility_all: "Every conversation",
    visibility_own: "Only unassigned conversations and their own",
    read_receipts: "Show customers their messages were read (blue ticks) when an agent opens them",
    auto_assign: "Auto-assignment",
    auto_off: "Off: conversations wait in the queue until someone takes them",
    auto_round_robin: "Round robin: to the online agent who got one longest ago",
    auto_least_loaded: "Least loaded: to the online agent with the fewest open conversations",
    auto_hint: "Only online agents under their capacity (Users screen) get conversations; the longest-waiting conversation goes first.",
    return_on_offline: "When an assignee goes offline for 2 minutes, return their open conversations to the queue",
    owner_only: "Only the assignee (or a supervisor) may write to the customer; others add private notes",
    save: "Save",
    saved: "Saved.",
    loading: "Loading…",
};

static ES: TeamTexts = TeamTexts {
    title: "Equipo",
    hint: "Cómo comparten el número los agentes. Los cambios llegan al instante a todas las consolas.",
    visibility: "Los agentes ven",
    visibility_all: "Todas las conversaciones",
    visibility_own: "Solo las conversaciones sin asignar y las suyas",
    read_receipts: "Mostrar al cliente que sus mensajes se leyeron (doble check azul) cuando un agente los abre",
    auto_assign: "Asignación automática",
    auto_off: "Desactivada: las conversaciones esperan en la cola hasta que alguien las toma",
    auto_round_robin: "Por turnos: al agente conectado que recibió una hace más tiempo",
    auto_least_loaded: "Menos cargado: al agente conectado con menos conversaciones abiertas",
    auto_hint: "Solo reciben conversaciones los agentes conectados por debajo de su capacidad (pantalla Usuarios); primero la que más espera.",
    return_on_offline: "Si un agente asignado se desconecta durante 2 minutos, devolver sus conversaciones abiertas a la cola",
    owner_only: "Solo el agente asignado (o un supervisor) puede escribir al cliente; los demás añaden notas privadas",
    save: "Guardar",
    saved: "Guardado.",
    loading: "Cargando…",
};

fn texts(lang: Lang) -> &'static TeamTexts {
    match lang {
        Lang::En => &EN,
        Lang::Es => &ES,
    }
}

#[component]
pub fn TeamCard() -> impl IntoView {
    let lang = use_viewer().lang;
    let tx = texts(lang);
    let loaded = LocalResource::new(team_settings);
    view! {
        <section class=format!("{CARD} mb-6") data-testid="team-settings">
            <h2 class="mb-1 text-base font-semibold">{tx.title}</h2>
            <p class="mb-4 text-xs text-slate-500">{tx.hint}</p>
            <Suspense fallback=move || view! { <p class="text-slate-400">{tx.loading}</p> }>
                {move || Suspend::new(async move {
                    match loaded.await {
                        Ok(current) => view! { <TeamForm current /> }.into_any(),
                        Err(error) => view! { <ErrorNotice error lang /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn TeamForm(current: TeamSettings) -> impl IntoView {
    let lang = use_viewer().lang;
    let tx = texts(lang);
    let settings = RwSignal::new(current);
    let outcome = RwSignal::new(None::<Result<(), AppError>>);
    let saving = RwSignal::new(false);
    let save = move |e: leptos::ev::SubmitEvent| {
        e.prevent_default();
        saving.set(true);
        leptos::task::spawn_local(async move {
            let result = save_team_settings(settings.get_untracked()).await;
            saving.set(false);
            outcome.set(Some(result.map(|saved| settings.set(saved))));
        });
    };
    let modes = [
        (AutoAssign::Off, tx.auto_off),
        (AutoAssign::RoundRobin, tx.auto_round_robin),
        (AutoAssign::LeastLoaded, tx.auto_least_loaded),
    ];
    let check = |label: &'static str,
                 id: &'static str,
                 get: fn(&TeamSettings) -> bool,
                 set: fn(&mut TeamSettings, bool)| {
        view! {
            <label class="flex items-start gap-2 text-sm text-slate-700">
                <input
                    type="checkbox"
                    class="mt-0.5"
                    data-testid=id
                    prop:checked=move || settings.with(get)
                    on:change=move |e| {
                        let on = event_target_checked(&e);
                        settings.update(|s| set(s, on));
                        outcome.set(None);
                    }
                />
                <span>{label}</span>
            </label>
        }
    };
    view! {
        <form class="space-y-4" on:submit=save>
            <div>
                <label class=LABEL for="agent-visibility">{tx.visibility}</label>
                <select
                    id="agent-visibility"
                    class="rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-sm"
                    on:change=move |e| {
                        let v = AgentVisibility::parse(&event_target_value(&e)).unwrap_or_default();
                        settings.update(|s| s.agent_visibility = v);
                    }
                >
                    <option value="all" selected=move || settings.with(|s| s.agent_visibility == AgentVisibility::All)>{tx.visibility_all}</option>
                    <option value="own_and_unassigned" selected=move || settings.with(|s| s.agent_visibility == AgentVisibility::OwnAndUnassigned)>{tx.visibility_own}</option>
                </select>
            </div>
            <fieldset>
                <legend class=LABEL>{tx.auto_assign}</legend>
                <div class="space-y-1">
                    {modes.into_iter().map(|(mode, text)| view! {
                        <label class="flex items-start gap-2 text-sm text-slate-700">
                            <input
                                type="radio"
                                name="auto_assign"
                                class="mt-0.5"
                                value=mode.as_str()
                                data-testid=format!("auto-{}", mode.as_str())
                                prop:checked=move || settings.with(|s| s.auto_assign == mode)
                                on:change=move |_| { settings.update(|s| s.auto_assign = mode); outcome.set(None); }
                            />
                            <span>{text}</span>
                        </label>
                    }).collect_view()}
                </div>
                <p class="mt-1 text-xs text-slate-500">{tx.auto_hint}</p>
            </fieldset>
            <div class="space-y-2">
                {check(tx.owner_only, "owner-only-setting", |s| s.owner_only_replies, |s, on| s.owner_only_replies = on)}
                {check(tx.return_on_offline, "return-on-offline", |s| s.return_on_offline, |s, on| s.return_on_offline = on)}
                {check(tx.read_receipts, "read-receipts", |s| s.read_receipts, |s, on| s.read_receipts = on)}
            </div>
            <div class="flex items-center gap-3">
                <button type="submit" class=BUTTON data-testid="save-team" disabled=move || saving.get()>{tx.save}</button>
                {move || outcome.get().map(|r| match r {
                    Ok(()) => view! { <span class="text-sm text-emerald-700" role="status" data-testid="team-saved">{tx.saved}</span> }.into_any(),
                    Err(error) => view! { <ErrorNotice error lang /> }.into_any(),
                })}
            </div>
        </form>
    }
    .into_any()
}
