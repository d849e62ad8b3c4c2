//! Times as the agent reads them: in the browser's time zone (UTC while rendering on the
//! server, which the browser then replaces).

/// HH:MM in the browser's time zone (UTC while rendering on the server).
pub fn clock(ms: i64) -> String {
    #[cfg(feature = "hydrate")]
    {
        let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
        format!("{:02}:{:02}", d.get_hours(), d.get_minutes())
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let minutes = ms.div_euclid(60_000);
        format!(
            "{:02}:{:02}",
            minutes.div_euclid(60).rem_euclid(24),
            minutes.rem_euclid(60)
        )
    }
}

/// The local calendar day, for separators.
pub fn day(ms: i64) -> String {
    #[cfg(feature = "hydrate")]
    {
        let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
        format!(
            "{:04}-{:02}-{:02}",
            d.get_full_year(),
            d.get_month() + 1,
            d.get_date()
        )
    }
    #[cfg(not(feature = "hydrate"))]
    {
        crate::ui::widgets::utc_time(ms).chars().take(10).collect()
    }
}

/// "2026-11-20 14:02": a moment in the local time zone.
pub fn moment(ms: i64) -> String {
    format!("{} {}", day(ms), clock(ms))
}
