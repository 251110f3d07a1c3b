#!/usr/bin/env bash
# Builds the cargo-fuzz targets (fuzz/) and runs each one briefly, seeded with tests/data/**/*.txt.
#
#   FUZZ_SECONDS=20  seconds per target (0: build only)
#   FUZZ_SKIP=1      skip everything
#   FUZZ_STABLE=1    use the stable fallback even when nightly is there
#
# A missing tool never fails CI: the script says why and exits 0. A build error or a crash
# does fail it; the crashing input stays in fuzz/artifacts/<target>/ and becomes a named test
# in tests/fuzz_regressions.rs.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

seconds="${FUZZ_SECONDS:-20}"
targets=(parse_lenient parse_strict parse_options)
started=$SECONDS

skip() {
    echo "fuzz: skipped: $*"
    exit 0
}

[ "${FUZZ_SKIP:-0}" = 1 ] && skip "FUZZ_SKIP=1"
command -v cargo >/dev/null || skip "cargo is not installed"

# cargo-fuzz's default build uses AddressSanitizer, which needs nightly's -Z flags. Without
# nightly, stable builds the same libFuzzer targets with `--sanitizer none`: coverage-guided
# and panic-finding all the same (the crate forbids unsafe code, so ASan adds little).
if [ "${FUZZ_STABLE:-0}" != 1 ] && rustup run nightly rustc --version >/dev/null 2>&1; then
    toolchain=(+nightly)
    sanitizer=()
    echo "fuzz: $(rustup run nightly rustc --version), AddressSanitizer"
else
    toolchain=()
    sanitizer=(--sanitizer none)
    echo "fuzz: no nightly toolchain (or FUZZ_STABLE=1), so $(rustc --version) without a sanitizer"
fi

if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "fuzz: installing cargo-fuzz"
    cargo install cargo-fuzz --version '^0.13' --locked || skip "cargo-fuzz could not be installed"
fi
echo "fuzz: $(cargo fuzz --version) ready after $((SECONDS - started)) s"

cargo "${toolchain[@]}" fuzz build "${sanitizer[@]}"
echo "fuzz: targets built after $((SECONDS - started)) s"
[ "$seconds" = 0 ] && exit 0

fuzz/seed-corpus.sh
mkdir -p fuzz/artifacts
for target in "${targets[@]}"; do
    log="fuzz/artifacts/$target.log"
    # -timeout flags an input that takes seconds (a likely superlinear case) as a failure.
    if ! cargo "${toolchain[@]}" fuzz run "${sanitizer[@]}" "$target" -- \
        -max_total_time="$seconds" -timeout=10 -dict=fuzz/wpdiscuz.dict >"$log" 2>&1; then
        tail -n 60 "$log"
        echo "fuzz: $target FAILED; input saved under fuzz/artifacts/$target/ (full log: $log)"
        echo "fuzz: reproduce with: cargo ${toolchain[*]} fuzz run ${sanitizer[*]} $target fuzz/artifacts/$target/<file>"
        exit 1
    fi
    echo "fuzz: $target: $(grep -E '^Done [0-9]+ runs' "$log" || echo 'no summary line'); $(grep -oE 'cov: [0-9]+ ft: [0-9]+ corp: [0-9]+/[0-9a-zA-Z]+' "$log" | tail -n 1)"
done
echo "fuzz: done in $((SECONDS - started)) s"
