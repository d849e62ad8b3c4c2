# Buzón — the two commands that matter are `make run` and `make test`.
# Every target installs what it needs first (pinned versions), so a fresh Debian machine with
# Rust and Node works. Tools come only from crates.io, npm and Debian's packages.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

CARGO_LEPTOS_VERSION := 0.3.10
WASM_BINDGEN_VERSION := 0.2.129
CARGO_BIN := $(or $(CARGO_HOME),$(HOME)/.cargo)/bin
export PATH := $(CARGO_BIN):$(PATH)

# What apt needs for the tests: a browser and a PostgreSQL server (the tests start their own).
APT_TEST_PACKAGES := chromium postgresql
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: help run build test bench deps deps-test lint lint-fmt lint-ssr lint-wasm unit unit-run \
	test-bin site-debug test-bin-linted unit-run-linted site-debug-linted e2e e2e-run api-fuzz \
	api-fuzz-run clean-demo

help:
	@echo "make run    build and start the demo (desk + demo data) at http://127.0.0.1:3000"
	@echo "make test   formatting, clippy (ssr + wasm, during the builds), unit + integration tests on SQLite"
	@echo "            and PostgreSQL, Playwright end-to-end tests in Chromium, the API fuzzer"
	@echo "make build  release build: target/release/buzon + target/site"
	@echo "make bench  webhook ingest, console, bot and report benchmarks (SQLite and PostgreSQL)"

## Tools for building --------------------------------------------------------------------

deps:
	@rustup target list --installed | grep -qx wasm32-unknown-unknown \
	  || rustup target add wasm32-unknown-unknown
	@if [ "$$(cargo leptos --version 2>/dev/null)" != "cargo-leptos $(CARGO_LEPTOS_VERSION)" ]; then \
	  echo "Installing cargo-leptos $(CARGO_LEPTOS_VERSION) (once; about 11 minutes)…"; \
	  cargo install cargo-leptos --version $(CARGO_LEPTOS_VERSION) --locked; \
	fi
	@if [ "$$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $(WASM_BINDGEN_VERSION)" ]; then \
	  echo "Installing wasm-bindgen-cli $(WASM_BINDGEN_VERSION)…"; \
	  cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION) --locked; \
	fi
	@# Tailwind and wasm-opt from npm; cargo-leptos finds them in node_modules/.bin. `npm ci`
	@# installs exactly the committed lock (which lists every platform's optional packages) and
	@# never rewrites it, so a fresh clone stays clean.
	@if [ ! -x node_modules/.bin/tailwindcss ] || [ ! -x node_modules/.bin/wasm-opt ] \
	    || [ package-lock.json -nt node_modules/.stamp ]; then \
	  npm ci --no-audit --no-fund && touch node_modules/.stamp; \
	fi

## Tools for testing ---------------------------------------------------------------------

deps-test: deps
	@# Lints and formatting: in rustup's default profile, not in its minimal one.
	@rustup component list --installed | grep -q '^clippy' || rustup component add clippy
	@rustup component list --installed | grep -q '^rustfmt' || rustup component add rustfmt
	@missing=""; \
	[ -x /usr/bin/chromium ] || missing="$$missing chromium"; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing from Debian:$$missing"; \
	  $(SUDO) apt-get update -q; \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q --no-install-recommends $(APT_TEST_PACKAGES); \
	fi
	@# The API fuzzer (schemathesis) runs in a venv: Debian's python3 needs python3-venv for it.
	@python3 -c "import ensurepip, venv" 2>/dev/null || { \
	  $(SUDO) apt-get update -q; \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q --no-install-recommends python3-venv; }
	@if [ ! -d end2end/node_modules/@playwright/test ] || [ end2end/package-lock.json -nt end2end/node_modules/.stamp ]; then \
	  (cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund) && touch end2end/node_modules/.stamp; \
	fi

## Build and run -------------------------------------------------------------------------

build: deps
	cargo leptos build --release

run: build
	target/release/buzon demo

## Tests ---------------------------------------------------------------------------------

# One package selection for every test command: cargo unifies features per invocation, so a
# different selection would build the server a second time. `--tests` leaves out examples
# (clippy checks them) and doc tests (there are none).
CARGO_TEST := cargo test --locked -p app -p server --tests
# The browser tests and the API fuzzer run the `buzon` the integration tests built (debug),
# with the debug site: a release build would double the suite's time (docs/testing.md).
TEST_BIN := target/debug/buzon

lint: deps lint-fmt lint-ssr lint-wasm
lint-fmt:
	cargo fmt --all -- --check
lint-ssr:
	cargo clippy --locked -p app -p server --all-targets -- -D warnings
lint-wasm:
	cargo clippy --locked -p app -p frontend --target wasm32-unknown-unknown -- -D warnings

# Unit tests, the store conformance suite and the HTTP tests, each on SQLite and on
# PostgreSQL (DATABASE_URL_PG, or a throw-away cluster the tests start themselves).
unit: deps-test unit-run
unit-run:
	$(CARGO_TEST)

# The test server binary (also what `make unit` builds) and the debug site beside it.
test-bin: deps
	$(CARGO_TEST) --no-run
site-debug: deps
	cargo leptos build --frontend-only

# `make test` lints while it builds. `cargo clippy` is `cargo check` with clippy-driver as the
# rustc of the workspace's own crates; handing that driver to the test build and to the site
# build lints the same crates on the way, instead of compiling every dependency a second time
# in check mode (two clippy passes were about 5 of the suite's 21 minutes on the 2-core CI
# machine; docs/testing.md). `make lint` stays plain clippy, the quick check while working.
CLIPPY_DRIVER = $(shell rustc --print sysroot)/bin/clippy-driver
LINTING = RUSTC_WORKSPACE_WRAPPER=$(CLIPPY_DRIVER) CLIPPY_ARGS=-D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__
test-bin-linted: deps
	$(LINTING) $(CARGO_TEST) --no-run --examples
unit-run-linted:
	$(LINTING) $(CARGO_TEST)
site-debug-linted: deps
	$(LINTING) cargo leptos build --frontend-only

e2e: deps-test test-bin site-debug e2e-run
e2e-run:
	cd end2end && BUZON_BIN=$(TEST_BIN) npx playwright test

# The OpenAPI document under schemathesis (pinned in end2end/api-fuzz/requirements.txt):
# generated requests against a demo desk, no server error (5xx) allowed.
api-fuzz: deps-test test-bin api-fuzz-run
api-fuzz-run:
	end2end/api-fuzz/run.sh $(TEST_BIN)

# Every stage is timed and the table printed at the end, so each change sees what it costs
# (the budget is in docs/testing.md).
STAGE_TIMES := target/stage-times.tsv
STAGE := scripts/timed.sh $(STAGE_TIMES)
SUBMAKE := $(MAKE) --no-print-directory

test:
	@mkdir -p target && rm -f $(STAGE_TIMES)
	@$(STAGE) "tools (install check)" $(SUBMAKE) deps-test
	@$(STAGE) "lint: rustfmt" $(SUBMAKE) lint-fmt
	@$(STAGE) "build + clippy: tests, buzon" $(SUBMAKE) test-bin-linted
	@$(STAGE) "run: unit + integration" $(SUBMAKE) unit-run-linted
	@$(STAGE) "build + clippy: site (wasm)" $(SUBMAKE) site-debug-linted
	@$(STAGE) "browser: Playwright" $(SUBMAKE) e2e-run
	@$(STAGE) "api fuzz: schemathesis" $(SUBMAKE) api-fuzz-run
	@$(STAGE) --report
	@echo "All checks passed."

# Webhook ingest over real HTTP on SQLite and a throw-away PostgreSQL, then the console
# benchmark (live latency to 200 agents' websockets against `buzon serve`, memory per idle
# websocket, the list with 100k conversations); figures in docs/benchmarks.md. Not part of
# `make test`: timings are measured, never asserted.
bench: deps-test
	cargo build --release --locked -p server --bin buzon --example webhook_bench --example console_bench --example bot_bench --example report_bench --example campaign_bench
	scripts/throwaway-postgres.sh target/release/examples/webhook_bench
	scripts/throwaway-postgres.sh target/release/examples/console_bench
	target/release/examples/bot_bench
	scripts/throwaway-postgres.sh target/release/examples/report_bench
	target/release/examples/campaign_bench

clean-demo:
	rm -rf data
