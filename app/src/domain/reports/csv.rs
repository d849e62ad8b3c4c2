//! Every table of the Reports screen as CSV (RFC 4180, comma separated, CRLF line ends,
//! durations in minutes with one decimal, shares in percent with one decimal), for the
//! Export buttons.

use crate::wire::reports::{CostRow, Durations, Report, Sender};

/// The tables a report exports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ReportTable {
    Days,
    Agents,
    Labels,
    BotReasons,
    Delivery,
    Templates,
    Ads,
    Campaigns,
    CostsByDay,
    CostsByCategory,
    CostsBySender,
    CostsByLabel,
}

impl ReportTable {
    pub const ALL: [ReportTable; 12] = [
        ReportTable::Days,
        ReportTable::Agents,
        ReportTable::Labels,
        ReportTable::BotReasons,
        ReportTable::Delivery,
        ReportTable::Templates,
        ReportTable::Ads,
        ReportTable::Campaigns,
        ReportTable::CostsByDay,
        ReportTable::CostsByCategory,
        ReportTable::CostsBySender,
        ReportTable::CostsByLabel,
    ];

    /// The table's name in file names.
    pub fn slug(self) -> &'static str {
        match self {
            ReportTable::Days => "days",
            ReportTable::Agents => "agents",
            ReportTable::Labels => "labels",
            ReportTable::BotReasons => "bot-reasons",
            ReportTable::Delivery => "delivery",
            ReportTable::Templates => "templates",
            ReportTable::Ads => "ads",
            ReportTable::Campaigns => "campaigns",
            ReportTable::CostsByDay => "costs-by-day",
            ReportTable::CostsByCategory => "costs-by-category",
            ReportTable::CostsBySender => "costs-by-sender",
            ReportTable::CostsByLabel => "costs-by-label",
        }
    }
}

/// A cell: free text (names, headlines, links) is guarded against formula injection,
/// figures are written as they are.
enum Cell {
    Text(String),
    Figure(String),
}

fn text(value: &str) -> Cell {
    Cell::Text(value.to_string())
}

fn count(value: u64) -> Cell {
    Cell::Figure(value.to_string())
}

/// Milliseconds as minutes with one decimal; empty when there is nothing measured.
fn minutes(value: Option<i64>) -> Cell {
    Cell::Figure(value.map_or_else(String::new, |ms| format!("{:.1}", ms as f64 / 60_000.0)))
}

/// `part` of `whole` in percent with one decimal; empty for a zero whole.
fn percent(part: u64, whole: u64) -> Cell {
    Cell::Figure(if whole == 0 {
        String::new()
    } else {
        format!("{:.1}", part as f64 * 100.0 / whole as f64)
    })
}

/// Micro-units as currency units with six decimals (exact: Meta's rates have up to four).
fn money(micros: i64) -> Cell {
    let sign = if micros < 0 { "-" } else { "" };
    let units = micros.unsigned_abs();
    Cell::Figure(format!(
        "{sign}{}.{:06}",
        units / 1_000_000,
        units % 1_000_000
    ))
}

/// `table` of `report` as CSV text, with a header row.
pub fn export(report: &Report, table: ReportTable) -> String {
    let (header, rows) = table_rows(report, table);
    let mut out = String::new();
    let header: Vec<Cell> = header.into_iter().map(Cell::Text).collect();
    for row in std::iter::once(header).chain(rows) {
        let line: Vec<String> = row.iter().map(field).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

/// The file name the browser saves it under, e.g. `buzon-agents-2026-11-09-2026-11-15.csv`.
pub fn file_name(report: &Report, table: ReportTable) -> String {
    format!("buzon-{}-{}-{}.csv", table.slug(), report.from, report.to)
}

/// Free text a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, return first),
/// written as text: an apostrophe before it. Every CSV the desk writes uses this.
pub fn defused(value: &str) -> String {
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_string()
    }
}

/// One field: a text starting like a formula gets an apostrophe (spreadsheets would run
/// it), then anything with a comma, quote or line break is quoted, quotes doubled.
fn field(cell: &Cell) -> String {
    let value = match cell {
        Cell::Text(value) => defused(value),
        Cell::Figure(value) => value.clone(),
    };
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

fn spread(durations: &Durations) -> [Cell; 3] {
    [
        count(durations.count),
        minutes(durations.median_ms),
        minutes(durations.p90_ms),
    ]
}

fn table_rows(report: &Report, table: ReportTable) -> (Vec<String>, Vec<Vec<Cell>>) {
    let header = |names: &[&str]| names.iter().map(|n| n.to_string()).collect::<Vec<_>>();
    match table {
        ReportTable::Days => (
            header(&[
                "Date",
                "Created",
                "Resolved",
                "Resolved by the bot",
                "Customer messages",
                "Agent replies",
            ]),
            report
                .days
                .iter()
                .map(|d| {
                    vec![
                        text(&d.date),
                        count(d.created),
                        count(d.resolved),
                        count(d.bot_resolved),
                        count(d.customer_messages),
                        count(d.agent_replies),
                    ]
                })
                .collect(),
        ),
        ReportTable::Agents => (
            header(&[
                "Agent",
                "Assigned",
                "Replies",
                "First responses",
                "First response median (min)",
                "First response p90 (min)",
                "Replies measured",
                "Reply time median (min)",
                "Reply time p90 (min)",
                "Resolved",
                "Resolution time median (min)",
                "Resolution time p90 (min)",
            ]),
            report
                .agents
                .iter()
                .map(|a| {
                    let [first, first_median, first_p90] = spread(&a.first_response);
                    let [measured, reply_median, reply_p90] = spread(&a.reply_time);
                    let [_, resolution_median, resolution_p90] = spread(&a.resolution_time);
                    vec![
                        text(&a.name),
                        count(a.assigned),
                        count(a.replies),
                        first,
                        first_median,
                        first_p90,
                        measured,
                        reply_median,
                        reply_p90,
                        count(a.resolved),
                        resolution_median,
                        resolution_p90,
                    ]
                })
                .collect(),
        ),
        ReportTable::Labels => (
            header(&["Label", "Conversations"]),
            report
                .labels
                .iter()
                .map(|l| vec![text(&l.name), count(l.conversations)])
                .collect(),
        ),
        ReportTable::BotReasons => {
            let handoffs = report.bot.handed_off;
            (
                header(&["Reason", "Handoffs", "Share of handoffs (%)"]),
                report
                    .bot
                    .reasons
                    .iter()
                    .map(|(reason, n)| {
                        vec![text(reason.as_str()), count(*n), percent(*n, handoffs)]
                    })
                    .collect(),
            )
        }
        ReportTable::Delivery => {
            let d = &report.delivery;
            let statuses = [
                ("pending", d.pending),
                ("sent", d.sent),
                ("delivered", d.delivered),
                ("read", d.read),
                ("failed", d.failed),
                ("limited_by_whatsapp", d.limited),
                ("total", d.total),
            ];
            (
                header(&["Status", "Messages", "Share (%)"]),
                statuses
                    .iter()
                    .map(|(status, n)| vec![text(status), count(*n), percent(*n, d.total)])
                    .collect(),
            )
        }
        ReportTable::Templates => (
            header(&["Category", "Sent", "Billable", "Not priced by WhatsApp yet"]),
            report
                .templates
                .iter()
                .map(|t| {
                    vec![
                        text(&t.category),
                        count(t.sent),
                        count(t.billable),
                        count(t.estimated),
                    ]
                })
                .collect(),
        ),
        ReportTable::Campaigns => (
            header(&[
                "Campaign",
                "Template",
                "Sent",
                "Delivered",
                "Read",
                "Replied",
                "Failed",
                "Limited by WhatsApp",
                "Opted out",
                "Estimated",
                "Charged",
            ]),
            report
                .campaigns
                .iter()
                .map(|c| {
                    vec![
                        text(&c.name),
                        text(&c.template),
                        count(c.sent),
                        count(c.delivered),
                        count(c.read),
                        count(c.replied),
                        count(c.failed),
                        count(c.limited),
                        count(c.opted_out),
                        c.estimated_micros
                            .map_or(Cell::Figure(String::new()), money),
                        c.charged_micros.map_or(Cell::Figure(String::new()), money),
                    ]
                })
                .collect(),
        ),
        ReportTable::Ads => (
            header(&[
                "Source type",
                "Source id",
                "Headline",
                "Link",
                "Conversations",
                "Reached people",
                "Resolved",
            ]),
            report
                .ads
                .iter()
                .map(|a| {
                    vec![
                        text(&a.source_type),
                        text(&a.source_id),
                        text(a.headline.as_deref().unwrap_or_default()),
                        text(a.source_url.as_deref().unwrap_or_default()),
                        count(a.conversations),
                        count(a.reached_people),
                        count(a.resolved),
                    ]
                })
                .collect(),
        ),
        ReportTable::CostsByDay => cost_rows(report, "Date", &report.costs.days),
        ReportTable::CostsByCategory => cost_rows(report, "Category", &report.costs.categories),
        ReportTable::CostsBySender => cost_rows(report, "Sender", &report.costs.agents),
        ReportTable::CostsByLabel => cost_rows(report, "Label", &report.costs.labels),
    }
}

/// A costs table: one row per day, category, sender or label, then the total.
fn cost_rows(report: &Report, first: &str, rows: &[CostRow]) -> (Vec<String>, Vec<Vec<Cell>>) {
    let currency = &report.costs.currency;
    let header = vec![
        first.to_string(),
        "Messages".into(),
        "Billed".into(),
        format!("Estimated ({currency})"),
        "Without estimate".into(),
        format!("Charged ({currency})"),
        "Not priced by WhatsApp yet".into(),
        "No rate on the card".into(),
    ];
    let line = |name: &str, row: &CostRow| {
        vec![
            text(name),
            count(row.messages),
            count(row.billed),
            money(row.estimated_micros),
            count(row.unestimated),
            money(row.charged_micros),
            count(row.awaiting),
            count(row.no_rate),
        ]
    };
    let lines = rows
        .iter()
        .map(|row| line(&cost_row_name(row), row))
        .chain(std::iter::once(line("total", &report.costs.total)))
        .collect();
    (header, lines)
}

/// A row's name in a file: the person or label, `bot` and `desk` for the others.
fn cost_row_name(row: &CostRow) -> String {
    match row.sender {
        Some(Sender::Bot) => "bot".into(),
        Some(Sender::Desk) => "desk".into(),
        _ => row.name.clone(),
    }
}

#[cfg(test)]
#[path = "csv_tests.rs"]
mod tests;
