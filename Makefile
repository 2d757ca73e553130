# The two commands: `make synth` and `make test`.
BUILD ?= build
JOBS ?= $(shell nproc)
PACKAGES = cmake make g++ libfmt-dev libyaml-cpp-dev libre2-dev nlohmann-json3-dev doctest-dev graphviz
EXAMPLES = $(patsubst examples/%/main.cpp,%,$(wildcard examples/*/main.cpp))

.PHONY: synth test configure build deps bench clean fuzz test-sanitize golden

## synth: install what is missing, build the examples (not the tests), and synthesize each into its generated/
synth: configure
	cmake --build $(BUILD) -j $(JOBS) --target $(EXAMPLES)
	@for example in $(EXAMPLES); do \
	  $(BUILD)/examples/$$example/$$example synth || exit $$?; \
	done

## test: build and run every test
test: build
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

## bench: synthesis time and memory for 100 to 100,000 resources
bench: build
	$(BUILD)/bench/keelson_bench

## golden: rewrite tests/golden/ from the generators' and diff's current output (then review the diff)
golden: build
	UPDATE_GOLDEN=1 $(BUILD)/tests/keelson_tests \
	  --test-case="the * generators match the reviewed golden output,diff reports a realistic change*"

# The sanitizer build: every target with AddressSanitizer and UBSan, at -O1
# with assertions on, in a build directory of its own.
SANITIZE_BUILD ?= build/sanitize
SANITIZE_FLAGS = -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g" \
                 -DKEELSON_SANITIZE=ON -DKEELSON_BUILD_BENCH=OFF

## test-sanitize: build everything with AddressSanitizer and UBSan and run every test
test-sanitize: deps
	@test -f $(SANITIZE_BUILD)/CMakeCache.txt || cmake -S . -B $(SANITIZE_BUILD) $(SANITIZE_FLAGS)
	cmake --build $(SANITIZE_BUILD) -j $(JOBS)
	ASAN_OPTIONS=check_initialization_order=1:detect_stack_use_after_return=1 \
	UBSAN_OPTIONS=print_stacktrace=1 \
	  ctest --test-dir $(SANITIZE_BUILD) --output-on-failure -j $(JOBS)

# libFuzzer comes with clang; Debian's clang-16 and its runtime libraries.
FUZZ_BUILD ?= build/fuzz
FUZZ_PACKAGES = clang-16 libclang-rt-16-dev
FUZZ_SECONDS ?= 60
FUZZ_CRASHES ?= tests/fuzz/crashes
FUZZ_FLAGS = -DCMAKE_CXX_COMPILER=clang++-16 -DCMAKE_BUILD_TYPE=Debug \
             -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g" -DKEELSON_FUZZ=ON \
             -DKEELSON_BUILD_EXAMPLES=OFF -DKEELSON_BUILD_BENCH=OFF

## fuzz: fuzz the environment loader for FUZZ_SECONDS (60); crashers go to tests/fuzz/crashes/
# Seeds are the committed corpus minus the files that still fail (listed, as
# they are known bugs and would only be found again); new inputs go to the
# build directory. Fork mode keeps fuzzing past a crash, so one run reports
# every crasher it finds.
FUZZ_TARGET = $(FUZZ_BUILD)/tests/fuzz/environment_fuzz
fuzz:
	@$(MAKE) --no-print-directory deps PACKAGES="$(PACKAGES) $(FUZZ_PACKAGES)"
	@test -f $(FUZZ_BUILD)/CMakeCache.txt || cmake -S . -B $(FUZZ_BUILD) $(FUZZ_FLAGS)
	cmake --build $(FUZZ_BUILD) -j $(JOBS) --target environment_fuzz
	@rm -rf $(FUZZ_BUILD)/seeds && mkdir -p $(FUZZ_BUILD)/seeds $(FUZZ_BUILD)/corpus $(FUZZ_CRASHES)
	@for f in tests/fuzz/corpus/environment/*; do \
	  if timeout 5 $(FUZZ_TARGET) -runs=1 "$$f" >/dev/null 2>&1; then cp "$$f" $(FUZZ_BUILD)/seeds/; \
	  else echo "still fails, left out of the seeds: $$f"; fi; \
	done
	@touch $(FUZZ_BUILD)/fuzz-started
	$(FUZZ_TARGET) -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
	  -max_total_time=$(FUZZ_SECONDS) -timeout=5 -rss_limit_mb=2048 -max_len=65536 \
	  -print_funcs=0 -dict=tests/fuzz/environment.dict -artifact_prefix=$(FUZZ_CRASHES)/ \
	  $(FUZZ_BUILD)/corpus $(FUZZ_BUILD)/seeds; echo $$? > $(FUZZ_BUILD)/fuzz-status
	@found=$$(find $(FUZZ_CRASHES) -type f -newer $(FUZZ_BUILD)/fuzz-started | sort); \
	status=$$(cat $(FUZZ_BUILD)/fuzz-status); \
	if [ -n "$$found" ]; then \
	  echo "new crashing inputs (replay one with $(FUZZ_TARGET) FILE;"; \
	  echo "once fixed, move it into tests/fuzz/corpus/environment/ under a name saying what it is):"; \
	  echo "$$found" | sed 's/^/  /'; exit 1; \
	elif [ "$$status" != 0 ]; then echo "the fuzzer failed with exit code $$status"; exit 1; \
	else echo "no new crashes in $(FUZZ_SECONDS) s"; fi

configure: deps
	@test -f $(BUILD)/CMakeCache.txt || cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release

build: configure
	cmake --build $(BUILD) -j $(JOBS)

# Installs missing Debian packages when run as root; otherwise names them.
deps:
	@missing=""; \
	for p in $(PACKAGES); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else \
	    echo "missing Debian packages:$$missing (run as root to install them)"; exit 1; \
	  fi; \
	fi

clean:
	rm -rf $(BUILD)
