#!/usr/bin/env bash
# Copies every test page (tests/data/**/*.txt, including synthetic/ and html/<converter>/) into
# fuzz/corpus/<target>/ as seeds, one folder per target. A seed is named after its path under
# tests/data (slashes become "__"), so pages that share a file name in different folders do not
# overwrite each other. The corpus folders are git-ignored; rerun after the test pages change.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
targets=(parse_lenient parse_strict parse_options)
pages=()
while IFS= read -r -d '' page; do
    pages+=("$page")
done < <(find "$root/tests/data" -type f -name '*.txt' -print0 2>/dev/null | sort -z)
if [ ${#pages[@]} -eq 0 ]; then
    echo "seed-corpus: no pages under tests/data/, the fuzzer starts from an empty corpus"
fi
for target in "${targets[@]}"; do
    mkdir -p "$root/fuzz/corpus/$target"
    for page in "${pages[@]}"; do
        relative="${page#"$root/tests/data/"}"
        cp "$page" "$root/fuzz/corpus/$target/seed-${relative//\//__}"
    done
done
echo "seed-corpus: ${#pages[@]} pages copied into fuzz/corpus/{$(IFS=,; echo "${targets[*]}")}"
