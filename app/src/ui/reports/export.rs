//! Export CSV: the table is written in the browser (the same `csv::export` the tests check)
//! and saved as a file, with no round trip to the server.

use crate::domain::reports::csv::{export, file_name, ReportTable};
use crate::wire::reports::Report;

pub fn download(report: &Report, table: ReportTable) {
    save_csv(&file_name(report, table), &export(report, table));
}

/// Saves `text` as the CSV file `name` (in the browser; nothing elsewhere).
pub fn save_csv(name: &str, text: &str) {
    #[cfg(feature = "hydrate")]
    save(name, text);
    #[cfg(not(feature = "hydrate"))]
    let _ = (name, text);
}

#[cfg(feature = "hydrate")]
fn save(name: &str, text: &str) {
    use wasm_bindgen::JsCast;
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(link) = document.create_element("a") else {
        return;
    };
    let href = format!(
        "data:text/csv;charset=utf-8,{}",
        js_sys::encode_uri_component(text)
    );
    let _ = link.set_attribute("href", &href);
    let _ = link.set_attribute("download", name);
    let _ = link.set_attribute("hidden", "");
    let Ok(link) = link.dyn_into::<web_sys::HtmlElement>() else {
        return;
    };
    if let Some(body) = document.body() {
        let _ = body.append_child(&link);
        link.click();
        let _ = body.remove_child(&link);
    }
}
