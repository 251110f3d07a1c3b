#!/usr/bin/env bash
# Copies the test pages (tests/data/*.txt) into fuzz/corpus/<target>/ as seeds, one folder
# per target. The corpus folders are git-ignored; rerun after the test pages change.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
targets=(parse_lenient parse_strict parse_options)
shopt -s nullglob
pages=("$root"/tests/data/*.txt)
if [ ${#pages[@]} -eq 0 ]; then
    echo "seed-corpus: no pages in tests/data/, the fuzzer starts from an empty corpus"
fi
for target in "${targets[@]}"; do
    mkdir -p "$root/fuzz/corpus/$target"
    for page in "${pages[@]}"; do
        cp "$page" "$root/fuzz/corpus/$target/seed-$(basename "$page")"
    done
done
echo "seed-corpus: ${#pages[@]} pages copied into fuzz/corpus/{$(IFS=,; echo "${targets[*]}")}"
