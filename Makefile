# LIS developer entry points.
#   make build          install missing Debian packages, configure (once), build everything
#   make run            build lis alone, migrate ./data/lis.db, load demo data once, serve on :8080
#   make test           format check, test dependencies, build, scripts/run-tests (CI runs this)
#   make format         clang-format -i the C++ sources; make format-check only checks them
#   make bench          Google Benchmark (lis_bench, if present) and wrk against lis serve
#   make clean          remove build/
SHELL := /bin/bash
CXX_FILES = find $(wildcard src tests bench) -type f \( -name '*.cpp' -o -name '*.h' \)

.PHONY: configure build run test format format-check bench clean

configure:
	scripts/install-deps
	[ -f build/build.ninja ] || cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo

build: configure
	cmake --build build

# `lis demo` exits 3 when the database already has data: then show the accounts saved
# by the first run.
run: configure
	cmake --build build --target lis
	mkdir -p data
	build/lis migrate
	@rc=0; build/lis demo --accounts-out data/demo-accounts.json >data/demo-accounts.txt.new || rc=$$?; \
	if [ $$rc -eq 0 ]; then mv data/demo-accounts.txt.new data/demo-accounts.txt; cat data/demo-accounts.txt; \
	elif [ $$rc -eq 3 ]; then rm -f data/demo-accounts.txt.new; echo "Database already has data"; \
	  if [ -f data/demo-accounts.txt ]; then cat data/demo-accounts.txt; fi; \
	else rm -f data/demo-accounts.txt.new; exit $$rc; fi
	exec build/lis serve --listen 127.0.0.1:8080

test:
	@$(MAKE) --no-print-directory format-check
	scripts/install-deps --test
	@$(MAKE) --no-print-directory build
	scripts/run-tests

format:
	$(CXX_FILES) -print0 | xargs -0 -r clang-format -i

format-check:
	@if command -v clang-format >/dev/null; then \
	  echo "clang-format --dry-run --Werror (src tests bench)"; \
	  $(CXX_FILES) -print0 | xargs -0 -r clang-format --dry-run --Werror; \
	else echo "warning: clang-format is not installed; format check skipped" >&2; fi

bench: build
	scripts/install-deps --test
	if ninja -C build -t targets all | grep -q '^lis_bench:'; then cmake --build build --target lis_bench; fi
	bench/run

clean:
	rm -rf build
