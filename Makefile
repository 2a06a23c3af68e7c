# Beredskap: `make check` runs every test suite, as CI does.
SWIFT ?= swift
PYTHON ?= python3
SWIFT_SOURCES = Sources Tests Package.swift

.PHONY: check lint format build test test-postgres e2e bench clean-test

check: lint deps build test test-postgres e2e
	@echo "make check: all suites passed"

deps:
	@scripts/ensure-test-deps.sh

lint:
	$(SWIFT) format lint --strict -r $(SWIFT_SOURCES)

format:
	$(SWIFT) format format -i -r $(SWIFT_SOURCES)

build:
	$(SWIFT) build --build-tests

# Every Swift test target on SQLite (the default store).
test: build
	env -u DATABASE_URL $(SWIFT) test --skip-build

# The Store and Web tests again on a real PostgreSQL: the one in
# BEREDSKAP_TEST_POSTGRES_URL if given, else a throwaway cluster on loopback.
test-postgres: build
	@url="$${BEREDSKAP_TEST_POSTGRES_URL:-}"; \
	if [ -z "$$url" ]; then eval "$$(scripts/test-postgres.sh)"; url="$$DATABASE_URL"; fi; \
	echo "PostgreSQL: $$url"; \
	DATABASE_URL="$$url" $(SWIFT) test --skip-build --filter 'BeredskapStoreTests|BeredskapWebTests|BeredskapMailTests'

# The real binary: CLI contracts, server start-up, a real browser with axe,
# the API fuzzed against its OpenAPI description, on SQLite and PostgreSQL.
e2e: build deps
	@eval "$$(scripts/test-postgres.sh)"; \
	BEREDSKAP_BIN="$$($(SWIFT) build --show-bin-path)/beredskap" BEREDSKAP_E2E_POSTGRES="$$DATABASE_URL" \
	  $(PYTHON) -m pytest -q tests/e2e -p no:cacheprovider

bench:
	bench/run.sh
	bench/audit.sh
	bench/subjects.sh
	bench/backup.sh

clean-test:
	scripts/test-postgres.sh stop
