# The two commands: `make synth` and `make test`.
BUILD ?= build
JOBS ?= $(shell nproc)
PACKAGES = cmake make g++ libfmt-dev libyaml-cpp-dev nlohmann-json3-dev doctest-dev
EXAMPLES = $(patsubst examples/%/main.cpp,%,$(wildcard examples/*/main.cpp))

.PHONY: synth test build deps bench clean

## synth: install what is missing, build, and synthesize every example into its generated/
synth: build
	@for example in $(EXAMPLES); do \
	  $(BUILD)/examples/$$example/$$example synth || exit $$?; \
	done

## test: build and run every test
test: build
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

## bench: synthesis time and memory for 100 to 100,000 resources
bench: build
	$(BUILD)/bench/keelson_bench

build: deps
	@test -f $(BUILD)/CMakeCache.txt || cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release
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
