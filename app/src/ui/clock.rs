//! Times as the reader reads them: in their time zone (their own, else the business's; see
//! [`crate::ui::Viewer`]) and with their language's month names. The server renders the same
//! text as the browser, since both know the zone.

use crate::i18n::{self, Lang};
use chrono_tz::Tz;

/// The signed-in reader's language and zone (English and UTC before sign-in).
fn reader() -> (Lang, Tz) {
    leptos::prelude::use_context::<crate::ui::Viewer>()
        .map(|v| (v.lang, v.zone))
        .unwrap_or((Lang::En, Tz::UTC))
}

/// The signed-in reader's language (English before sign-in).
pub fn reader_lang() -> Lang {
    reader().0
}

/// HH:MM in the reader's zone.
pub fn clock(ms: i64) -> String {
    i18n::time_in(ms, reader().1)
}

/// The reader's calendar day, for separators: "Dec 7, 2026".
pub fn day(ms: i64) -> String {
    let (lang, zone) = reader();
    i18n::day_label(lang, ms, zone)
}

/// A day and time in the reader's zone: "Dec 7, 2026, 14:02".
pub fn moment(ms: i64) -> String {
    let (lang, zone) = reader();
    i18n::moment_in(lang, ms, zone)
}

/// "3 min ago" in the reader's language, seen now.
pub fn ago(ms: i64) -> String {
    let (lang, zone) = reader();
    i18n::relative_time(lang, ms, now_ms(), zone)
}

/// Now, on this side's clock (the browser's once hydrated).
pub fn now_ms() -> i64 {
    #[cfg(feature = "hydrate")]
    {
        js_sys::Date::now() as i64
    }
    #[cfg(not(feature = "hydrate"))]
    {
        crate::ssr::now_ms()
    }
}
