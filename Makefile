# Portico: `make start` serves the example API and the playground;
# `make test` runs everything the project checks. Both install what they need.

WASM := target/wasm32-unknown-unknown/release/portico.wasm
API ?= examples/ml-model/openapi.json
HANDLERS ?= examples/ml-model/handlers.mjs
PORT ?= 3000
STAGE ?=
# What the JS linters check (tsc: www/, with tsconfig.json and tsconfig.worker.json).
JS_SOURCES := www bin pkg-tests scripts
FORMATTED := $(foreach dir,$(JS_SOURCES),'$(dir)/**/*.{js,mjs,mts}') 'types/*.d.ts' eslint.config.mjs tsconfig.json tsconfig.worker.json

.PHONY: setup build start test lint size bench fuzz

setup:
	@scripts/setup.sh

build: setup
	cargo build --release --target wasm32-unknown-unknown --lib
	wasm-bindgen --target web --out-dir pkg --no-typescript --remove-name-section --remove-producers-section $(WASM)

start: build
	node bin/portico.mjs serve $(API) --handlers $(HANDLERS) --port $(PORT) $(if $(STAGE),--stage $(STAGE))

lint: setup
	node scripts/module-graph.mjs
	node scripts/file-sizes.mjs
	node scripts/stamp-version.mjs --check
	node_modules/.bin/eslint $(JS_SOURCES) eslint.config.mjs
	node_modules/.bin/prettier --check --log-level warn $(FORMATTED)
	node_modules/.bin/tsc -p tsconfig.json
	node_modules/.bin/tsc -p tsconfig.worker.json
	cargo fmt --all -- --check
	cargo clippy --all-targets -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --lib -- -D warnings
	RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --quiet
	node scripts/public-api.mjs
	node_modules/.bin/publint --strict
	node_modules/.bin/attw --pack . --profile esm-only --quiet

test: lint
	cargo test
	$(MAKE) --no-print-directory build
	node --test pkg-tests/

size: build
	node scripts/size.mjs pkg/portico_bg.wasm $(WASM)

bench: build
	node pkg-tests/bench/run.mjs

# Each fuzz target for FUZZ_SECONDS (default 60); a table in fuzz/report.md.
fuzz: setup
	scripts/fuzz.sh
