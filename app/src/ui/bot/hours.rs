//! Business hours: when people are at the desk. Outside them the bot still hands off, but says
//! when the team is back.

use super::texts::texts;
use super::Draft;
use crate::domain::bot::DayHours;
use crate::ui::use_viewer;
use crate::ui::widgets::{CARD, INPUT, LABEL};
use leptos::prelude::*;

const DAY_MINUTES: u16 = 24 * 60;

/// Minutes after midnight as an `<input type="time">` value; the end of the day reads 00:00.
pub(super) fn clock(minutes: u16) -> String {
    let m = minutes % DAY_MINUTES;
    format!("{:02}:{:02}", m / 60, m % 60)
}

/// An `<input type="time">` value as minutes; a closing time of 00:00 is the end of the day.
pub(super) fn minutes(value: &str, closing: bool) -> Option<u16> {
    let (h, m) = value.trim().split_once(':')?;
    let (h, m): (u16, u16) = (h.parse().ok()?, m.get(..2).unwrap_or(m).parse().ok()?);
    if h > 23 || m > 59 {
        return None;
    }
    let total = h * 60 + m;
    Some(if closing && total == 0 {
        DAY_MINUTES
    } else {
        total
    })
}

/// Time zones offered as you type (any IANA name is accepted).
const ZONES: [&str; 16] = [
    "America/Mexico_City",
    "America/Bogota",
    "America/Lima",
    "America/Santiago",
    "America/Argentina/Buenos_Aires",
    "America/Caracas",
    "America/Guatemala",
    "America/Montevideo",
    "America/New_York",
    "America/Chicago",
    "America/Los_Angeles",
    "Europe/Madrid",
    "Atlantic/Canary",
    "Europe/London",
    "Europe/Lisbon",
    "UTC",
];

#[component]
pub(super) fn HoursTab(draft: Draft) -> impl IntoView {
    let w = texts(use_viewer().lang);
    let enabled = move || draft.config.with(|c| c.hours.enabled);
    let rows = (0..7)
        .map(|day| {
            let get = move |f: fn(&DayHours) -> u16| draft.config.with(|c| f(&c.hours.days[day]));
            let open = move || draft.config.with(|c| c.hours.days[day].open);
            view! {
                <div class="grid grid-cols-[8rem_6rem_1fr] items-center gap-3 py-2" data-testid="bot-hours-day">
                    <span class="text-sm font-medium text-slate-800">{w.weekdays[day]}</span>
                    <label class="flex items-center gap-2 text-sm text-slate-700">
                        <input
                            type="checkbox"
                            data-testid=format!("bot-hours-open-{day}")
                            prop:checked=open
                            on:change=move |e| {
                                let on = event_target_checked(&e);
                                draft.config.update(|c| c.hours.days[day].open = on);
                            }
                        />
                        {w.open}
                    </label>
                    <div class=move || if open() { "flex items-center gap-2" } else { "flex items-center gap-2 opacity-40" }>
                        <input
                            type="time"
                            aria-label=w.from
                            data-testid=format!("bot-hours-from-{day}")
                            class=format!("{INPUT} max-w-32")
                            disabled=move || !open()
                            prop:value=move || clock(get(|d| d.from_minute))
                            on:change=move |e| {
                                if let Some(m) = minutes(&event_target_value(&e), false) {
                                    draft.config.update(|c| c.hours.days[day].from_minute = m);
                                }
                            }
                        />
                        <span class="text-sm text-slate-500">{w.to}</span>
                        <input
                            type="time"
                            aria-label=w.to
                            data-testid=format!("bot-hours-to-{day}")
                            class=format!("{INPUT} max-w-32")
                            disabled=move || !open()
                            prop:value=move || clock(get(|d| d.to_minute))
                            on:change=move |e| {
                                if let Some(m) = minutes(&event_target_value(&e), true) {
                                    draft.config.update(|c| c.hours.days[day].to_minute = m);
                                }
                            }
                        />
                    </div>
                </div>
            }
        })
        .collect_view();
    view! {
        <section class=format!("{CARD} max-w-3xl")>
            <h2 class="text-base font-semibold">{w.hours_title}</h2>
            <p class="mb-4 mt-1 text-xs text-slate-500">{w.hours_hint}</p>
            <label class="mb-4 flex items-start gap-2 text-sm text-slate-700">
                <input
                    type="checkbox"
                    class="mt-0.5"
                    data-testid="bot-hours-enabled"
                    prop:checked=enabled
                    on:change=move |e| {
                        let on = event_target_checked(&e);
                        draft.config.update(|c| c.hours.enabled = on);
                    }
                />
                <span>{w.hours_enabled}</span>
            </label>
            <div class=move || if enabled() { "" } else { "opacity-60" }>
                <div class="mb-4 max-w-sm">
                    <label class=LABEL for="bot-timezone">{w.timezone}</label>
                    <input
                        id="bot-timezone"
                        data-testid="bot-timezone"
                        list="bot-timezones"
                        class=INPUT
                        placeholder="America/Mexico_City"
                        prop:value=move || draft.config.with(|c| c.hours.timezone.clone())
                        on:input=move |e| {
                            let v = event_target_value(&e);
                            draft.config.update(|c| c.hours.timezone = v.trim().to_string());
                        }
                    />
                    <datalist id="bot-timezones">
                        {ZONES.map(|z| view! { <option value=z></option> }).collect_view()}
                    </datalist>
                    <p class="mt-1 text-xs text-slate-500">{w.timezone_hint}</p>
                </div>
                <div class="divide-y divide-slate-100">{rows}</div>
                <p class="mt-2 text-xs text-slate-500">{w.midnight_hint}</p>
            </div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::{clock, minutes};

    #[test]
    fn times_read_and_write_as_minutes() {
        assert_eq!(minutes("09:30", false), Some(570));
        assert_eq!(clock(570), "09:30");
        assert_eq!(minutes("00:00", true), Some(1440));
        assert_eq!(minutes("00:00", false), Some(0));
        assert_eq!(clock(1440), "00:00");
        assert_eq!(minutes("25:00", false), None);
        assert_eq!(minutes("", false), None);
    }
}
