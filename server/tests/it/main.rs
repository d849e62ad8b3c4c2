//! The server's integration tests, built as ONE test binary (`cargo test -p server --test it`).
//!
//! Each module is one area, run against the real thing: a SQLite file and a PostgreSQL
//! server (one throw-away cluster for the whole binary, or `DATABASE_URL_PG`), the real
//! router on a loopback port, real websockets, the `buzon` binary as a process. One binary
//! links the server once instead of once per file (docs/testing.md has the figures).
//! Run one area with `cargo test -p server --test it store_labels::`.

#[macro_use]
mod support;

// Store conformance: every `Store` implementation passes the same suite on both databases.
mod storage_errors;
mod store_assignment;
mod store_bot;
mod store_campaigns;
mod store_conformance;
mod store_console;
mod store_contacts;
mod store_dashboard;
mod store_ingest;
mod store_integrations;
mod store_labels;
mod store_outreach;
mod store_protection;
mod store_quick_replies;
mod store_report_facts;
mod store_reports;

// Webhooks from Meta: parsing, the HTTP endpoint, the outbound worker, the simulator.
mod media_download;
mod outbound;
mod simulator_limits;
mod simulator_loop;
mod webhook_http;
mod webhook_parsing;

// The console's server functions, websockets and routes over real HTTP.
mod assignment_http;
mod campaigns_http;
mod console_http;
mod contacts_http;
mod costs_http;
mod http_auth;
mod labels_http;
mod masking_paths;
mod outreach_http;
mod quick_replies_http;
mod realtime;
mod realtime_guards;
mod uploads_http;
mod visibility_paths;
mod window_http;

// The bot.
mod bot_flow;
mod bot_http;

// Reports and the demo's history.
mod demo_history;
mod reports_history;

// The integration API (/api/v1) and outgoing webhooks.
mod api_v1_conversations;
mod api_v1_desk;
mod api_v1_external_bot;
mod api_v1_messages;
mod api_v1_openapi;
mod webhooks_out;

// The command line, run as a real process.
mod cli;
mod tokens_cli;
