//! Menu: the options customers tap, in order, with submenus up to three levels, and a preview
//! of the message WhatsApp will show.

use super::bubble::Bubble;
use super::fields::Counter;
use super::menu_tree::{
    action_text, children, children_mut, find, find_mut, fresh_id, kind, with_kind,
};
use super::texts::{texts, Words};
use super::Draft;
use crate::domain::bot::config::{MENU_DEPTH_MAX, MENU_OPTIONS_MAX};
use crate::domain::bot::engine::menu_preview;
use crate::domain::bot::{BotConfig, MenuAction, MenuOption};
use crate::domain::outbound::{
    Outbound, BUTTON_TITLE_MAX, INTERACTIVE_BODY_MAX, ROW_DESCRIPTION_MAX, TEXT_MAX,
};
use crate::ui::use_viewer;
use crate::ui::widgets::{BUTTON_QUIET, CARD, INPUT, LABEL};
use leptos::prelude::*;

/// The message the bot sends for the menu, built by the bot's own function.
fn preview(config: &BotConfig) -> Vec<Outbound> {
    vec![menu_preview(config)]
}

#[component]
pub(super) fn MenuTab(draft: Draft) -> impl IntoView {
    let w = texts(use_viewer().lang);
    let shown = Memo::new(move |_| draft.config.with(preview));
    view! {
        <div class="grid gap-6 xl:grid-cols-[minmax(0,1fr)_22rem]">
            <section class=CARD>
                <h2 class="text-base font-semibold">{w.menu_title}</h2>
                <p class="mb-4 mt-1 text-xs text-slate-500">{w.menu_hint}</p>
                <MenuList draft parent=None depth=1 />
            </section>
            <aside class="xl:sticky xl:top-32 xl:self-start">
                <h2 class="mb-2 text-sm font-semibold text-slate-700">{w.preview}</h2>
                <div class="space-y-2 rounded-xl bg-[#efeae2] p-4" data-testid="bot-menu-preview">
                    {move || {
                        shown.get().into_iter().map(|message| view! { <Bubble message /> }).collect_view()
                    }}
                </div>
                <p class="mt-2 text-xs text-slate-500">{w.preview_hint}</p>
            </aside>
        </div>
    }
}

/// The options of one menu. Rows are keyed by id, so typing in one keeps its focus.
#[component]
fn MenuList(draft: Draft, parent: Option<String>, depth: usize) -> AnyView {
    let w = texts(use_viewer().lang);
    let parent = StoredValue::new(parent);
    let ids = Memo::new(move |_| {
        draft.config.with(|c| {
            parent.with_value(|p| {
                children(&c.menu, p.as_deref())
                    .iter()
                    .map(|o| o.id.clone())
                    .collect::<Vec<_>>()
            })
        })
    });
    let count = move || ids.with(Vec::len);
    let full = move || count() >= MENU_OPTIONS_MAX;
    let add = move |_: leptos::ev::MouseEvent| {
        draft.config.update(|c| {
            let counter = NEXT.with(|n| {
                let v = n.get();
                n.set(v.wrapping_add(1));
                v
            });
            let id = fresh_id(&c.menu, js_sys::Date::now() as i64, counter);
            if let Some(options) = parent.with_value(|p| children_mut(&mut c.menu, p.as_deref())) {
                options.push(MenuOption {
                    id,
                    title: String::new(),
                    description: None,
                    action: MenuAction::Answer {
                        text: String::new(),
                    },
                });
            }
        });
    };
    view! {
        <div class="space-y-3" data-testid=format!("bot-menu-level-{depth}")>
            <For each=move || ids.get() key=|id| id.clone() let:id>
                <OptionRow draft parent id depth ids />
            </For>
            <div class="flex items-center justify-between rounded-lg border border-dashed border-slate-300 bg-slate-50 px-3 py-2 text-sm text-slate-500">
                <span>
                    {move || draft.config.with(|c| c.human_option.clone())}
                </span>
                <span class="text-xs">{w.human_always_last}</span>
            </div>
            <button
                type="button"
                class=BUTTON_QUIET
                data-testid=format!("bot-menu-add-{depth}")
                disabled=full
                on:click=add
            >
                {move || w.add_option(count(), MENU_OPTIONS_MAX)}
            </button>
        </div>
    }
    .into_any()
}

thread_local! {
    static NEXT: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

#[component]
fn OptionRow(
    draft: Draft,
    parent: StoredValue<Option<String>>,
    id: String,
    depth: usize,
    ids: Memo<Vec<String>>,
) -> AnyView {
    let w: &'static Words = texts(use_viewer().lang);
    let id = StoredValue::new(id);
    let read = move |f: fn(&MenuOption) -> String| {
        draft
            .config
            .with(|c| id.with_value(|id| find(&c.menu, id).map(f).unwrap_or_default()))
    };
    let change = move |f: Box<dyn FnOnce(&mut MenuOption)>| {
        draft.config.update(|c| {
            if let Some(o) = id.with_value(|id| find_mut(&mut c.menu, id)) {
                f(o);
            }
        })
    };
    let action_kind = Memo::new(move |_| {
        draft
            .config
            .with(|c| id.with_value(|id| find(&c.menu, id).map(|o| kind(&o.action))))
    });
    let position = move || ids.with(|all| id.with_value(|id| all.iter().position(|i| i == id)));
    let shift = move |by: isize| {
        draft.config.update(|c| {
            let Some(options) = parent.with_value(|p| children_mut(&mut c.menu, p.as_deref()))
            else {
                return;
            };
            let Some(at) = id.with_value(|id| options.iter().position(|o| &o.id == id)) else {
                return;
            };
            let to = at as isize + by;
            if (0..options.len() as isize).contains(&to) {
                options.swap(at, to as usize);
            }
        })
    };
    let remove = move |_| {
        let title = read(|o| o.title.clone());
        if !window()
            .confirm_with_message(&if title.trim().is_empty() {
                w.delete_option_confirm.to_string()
            } else {
                w.delete_option_confirm_named(&title)
            })
            .unwrap_or(false)
        {
            return;
        }
        draft.config.update(|c| {
            if let Some(options) = parent.with_value(|p| children_mut(&mut c.menu, p.as_deref())) {
                id.with_value(|id| options.retain(|o| &o.id != id));
            }
        })
    };
    let set_kind = move |e: leptos::ev::Event| {
        let new_kind = event_target_value(&e);
        let had_options = draft.config.with_untracked(|c| {
            id.with_value(|id| {
                matches!(find(&c.menu, id).map(|o| &o.action), Some(MenuAction::Submenu { options, .. }) if !options.is_empty())
            })
        });
        if had_options
            && !window()
                .confirm_with_message(w.drop_submenu_confirm)
                .unwrap_or(false)
        {
            // Put the select back to what the option still is.
            if let (Some(target), Some(old)) = (e.target(), action_kind.get_untracked()) {
                let _ = js_sys::Reflect::set(&target, &"value".into(), &old.into());
            }
            return;
        }
        change(Box::new(move |o| {
            o.action = with_kind(&o.action, &new_kind)
        }));
    };
    let title_id = format!("bot-option-title-{}", id.get_value());
    let title_count = Signal::derive(move || read(|o| o.title.clone()).chars().count());
    let description_count = Signal::derive(move || {
        read(|o| o.description.clone().unwrap_or_default())
            .chars()
            .count()
    });
    let body_count = Signal::derive(move || read(action_text).chars().count());
    let number = move || position().map(|p| p + 1).unwrap_or(0).to_string();
    let nested = move || {
        (action_kind.get() == Some("submenu")).then(|| {
            view! {
                <div class="mt-3 border-l-2 border-emerald-200 pl-4">
                    <MenuList draft parent=Some(id.get_value()) depth=depth + 1 />
                </div>
            }
            .into_any()
        })
    };
    let body = move || {
        let max = match action_kind.get()? {
            "answer" => TEXT_MAX,
            "submenu" => INTERACTIVE_BODY_MAX,
            _ => return None,
        };
        let label = if max == TEXT_MAX {
            w.answer
        } else {
            w.submenu_text
        };
        Some(view! {
            <div class="mt-3">
                <div class="flex items-baseline justify-between gap-2">
                    <span class=LABEL>{label}</span>
                    <Counter count=body_count max />
                </div>
                <textarea
                    rows=3
                    data-testid="bot-option-text"
                    class=INPUT
                    prop:value=move || read(action_text)
                    on:input=move |e| {
                        let v = event_target_value(&e);
                        change(Box::new(move |o| match &mut o.action {
                            MenuAction::Answer { text } | MenuAction::Submenu { text, .. } => *text = v,
                            _ => {}
                        }));
                    }
                ></textarea>
            </div>
        })
    };
    view! {
        <div class="rounded-lg border border-slate-200 bg-white p-3 shadow-sm" data-testid="bot-option">
            <div class="flex flex-wrap items-start gap-2">
                <span class="mt-2 w-5 text-right text-xs font-semibold text-slate-400">{number}</span>
                <div class="min-w-[12rem] flex-1">
                    <div class="flex items-baseline justify-between gap-2">
                        <label class="text-xs font-medium text-slate-600" for=title_id.clone()>{w.option_title}</label>
                        <Counter count=title_count max=BUTTON_TITLE_MAX />
                    </div>
                    <input
                        id=title_id
                        data-testid="bot-option-title"
                        class=INPUT
                        prop:value=move || read(|o| o.title.clone())
                        on:input=move |e| {
                            let v = event_target_value(&e);
                            change(Box::new(move |o| o.title = v));
                        }
                    />
                </div>
                <div>
                    <span class="text-xs font-medium text-slate-600">{w.action}</span>
                    <select
                        data-testid="bot-option-action"
                        class="block rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm"
                        on:change=set_kind
                    >
                        {[("answer", w.action_answer), ("submenu", w.action_submenu), ("catalog", w.action_catalog), ("human", w.action_human)]
                            .into_iter()
                            .map(|(value, label)| {
                                let nested_too_deep = value == "submenu" && depth >= MENU_DEPTH_MAX;
                                view! {
                                    <option
                                        value=value
                                        disabled=nested_too_deep
                                        selected=move || action_kind.get() == Some(value)
                                    >
                                        {label}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </div>
                <div class="mt-4 flex gap-1">
                    <button type="button" class=BUTTON_QUIET aria-label=w.move_up title=w.move_up
                        disabled=move || position() == Some(0)
                        on:click=move |_| shift(-1)>"↑"</button>
                    <button type="button" class=BUTTON_QUIET aria-label=w.move_down title=w.move_down
                        disabled=move || position().map(|p| p + 1) == Some(ids.with(Vec::len))
                        on:click=move |_| shift(1)>"↓"</button>
                    <button type="button" class=format!("{BUTTON_QUIET} text-red-700") data-testid="bot-option-delete" on:click=remove>
                        {w.delete}
                    </button>
                </div>
            </div>
            <div class="ml-7 mt-2">
                <div class="flex items-baseline justify-between gap-2">
                    <span class="text-xs font-medium text-slate-600">{w.option_description}</span>
                    <Counter count=description_count max=ROW_DESCRIPTION_MAX />
                </div>
                <input
                    data-testid="bot-option-description"
                    class=INPUT
                    placeholder=w.option_description_hint
                    prop:value=move || read(|o| o.description.clone().unwrap_or_default())
                    on:input=move |e| {
                        let v = event_target_value(&e);
                        change(Box::new(move |o| o.description = Some(v).filter(|d| !d.trim().is_empty())));
                    }
                />
                {body}
                {nested}
            </div>
        </div>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn option(id: &str, action: MenuAction) -> MenuOption {
        MenuOption {
            id: id.into(),
            title: id.to_uppercase(),
            description: None,
            action,
        }
    }

    #[test]
    fn the_preview_is_buttons_up_to_three_entries_then_a_list() {
        let mut config = BotConfig {
            menu: vec![
                option("a", MenuAction::Catalog),
                option("b", MenuAction::Catalog),
            ],
            ..BotConfig::default()
        };
        assert!(matches!(preview(&config)[..], [Outbound::Buttons { .. }]));
        config.menu.push(option("c", MenuAction::Catalog));
        assert!(matches!(preview(&config)[..], [Outbound::List { .. }]));
    }
}
