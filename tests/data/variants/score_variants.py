#!/usr/bin/env python3
"""Score every tests/data/variants/<variant>/<converter> folder with shared/eval/score.py.

Usage (from the project root, after `cargo build --release --example dump2json`):
  python3 tests/data/variants/score_variants.py [--fold] [--only NAME,...] [--verbose-dir DIR]

Prints one markdown row per variant: the comment F1 per converter, plus `a`/`r` (author /
reply-to accuracy over matched comments) and `cnt`/`rating` when below 1.

--fold  scores against a copy of the gold with the known converter artifacts folded away, so
        that what remains is the parser's doing:
          html2text: typographic quotes and dashes in the gold's body_starts/author become ASCII
                     (html2text's `unifiable` table turns &#8217; &#8220; &#8211; ... into ' " -);
          w3m:       spaces between two CJK characters are dropped from the gold's dates and
                     bodies (w3m joins `2 年 之前` into `2 年之前`).
        The committed gold is never changed.
--verbose-dir DIR  also writes each folder's `score.py --verbose` output to DIR/<variant>.<conv>.txt
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
CONVS = ["w3m", "lynx", "html2text", "inscriptis", "soup"]
CJK = r"[\u3000-\u9fff\uff00-\uffef]"
TOTAL = re.compile(r"files (\d+) errors (\d+) \| comment P ([\d.]+) R ([\d.]+) F1 ([\d.]+) \| author ([\d.]+) \| "
                   r"reply-to ([\d.]+) \| rating ([\d.]+) \| count ([\d.]+)")


def find_score_py():
    d = HERE
    while True:
        cand = os.path.join(d, "shared", "eval", "score.py")
        if os.path.exists(cand):
            return cand
        if os.path.dirname(d) == d:
            sys.exit("shared/eval/score.py not found")
        d = os.path.dirname(d)


def fold_text(s, conv):
    if s is None:
        return s
    if conv == "html2text":
        for a, b in (("\u2019", "'"), ("\u2018", "'"), ("\u201c", '"'), ("\u201d", '"'), ("\u2013", "-"), ("\u2014", "--")):
            s = s.replace(a, b)
    if conv == "w3m":
        s = re.sub(r"(?<=%s) (?=%s)" % (CJK, CJK), "", s)
    return s


def folded_copy(src, dst, conv):
    os.makedirs(dst, exist_ok=True)
    for f in os.listdir(src):
        a, b = os.path.join(src, f), os.path.join(dst, f)
        if f.endswith(".gold.json"):
            g = json.load(open(a, encoding="utf-8"))
            for c in g["comments"]:
                for k in ("author", "posted", "body_starts", "reply_to"):
                    c[k] = fold_text(c[k], conv)
            json.dump(g, open(b, "w", encoding="utf-8"), ensure_ascii=False)
        elif f.endswith(".txt"):
            shutil.copyfile(a, b)


def main(argv):
    ap = argparse.ArgumentParser()
    ap.add_argument("--fold", action="store_true")
    ap.add_argument("--only")
    ap.add_argument("--verbose-dir")
    a = ap.parse_args(argv[1:])
    score = find_score_py()
    only = set(a.only.split(",")) if a.only else None
    tmp = tempfile.mkdtemp() if a.fold else None
    if a.verbose_dir:
        os.makedirs(a.verbose_dir, exist_ok=True)
    print("| variant | pages | " + " | ".join(CONVS) + " |")
    print("|---|---|" + "---|" * len(CONVS))
    for v in sorted(os.listdir(HERE)):
        if not os.path.isdir(os.path.join(HERE, v)) or v.startswith(".") or (only and v not in only):
            continue
        cells, files = [], "?"
        for conv in CONVS:
            d = os.path.join(HERE, v, conv)
            if a.fold:
                fd = os.path.join(tmp, v, conv)
                folded_copy(d, fd, conv)
                d = fd
            out = subprocess.run([sys.executable, score, "--verbose", d], capture_output=True, text=True).stdout
            if a.verbose_dir:
                with open(os.path.join(a.verbose_dir, "%s.%s.txt" % (v, conv)), "w") as f:
                    f.write(out)
            m = TOTAL.search(out.strip().splitlines()[-1])
            files, err, p, r, f1, au, rt, rating, cnt = m.groups()
            extra = []
            zero_gold = float(r) == 1.0 and float(p) == 1.0 and float(au) == 0.0  # no comments on either side
            if not zero_gold:
                extra += ["a" + au[1:]] if float(au) < 1 else []
                extra += ["r" + rt[1:]] if float(rt) < 1 else []
            extra += ["rating" + rating] if float(rating) < 1 else []
            extra += ["cnt" + cnt] if float(cnt) < 1 else []
            extra += ["ERR" + err] if err != "0" else []
            cells.append(f1 + (" " + " ".join(extra) if extra else ""))
        print("| %s | %s | %s |" % (v, files, " | ".join(cells)), flush=True)
    if tmp:
        shutil.rmtree(tmp)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
