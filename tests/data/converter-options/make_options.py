#!/usr/bin/env python3
"""Dump real and variant wpDiscuz pages with converter options other than dev-html's.

Usage (from anywhere; needs what dev-html/make_dumps.py needs):
  python3 tests/data/converter-options/make_options.py [SETTING...]

dev-html/make_dumps.py runs each converter one way. Crawl pipelines run them with other
options, and each changes the text in a way of its own. For every setting below, this script
converts the 11 pages of shared/corpus/dev-html/raw and a few variants of them
(tests/data/variants/make_variants.py: legacy German and English markup, layout 3, roles and
pingbacks), and writes <setting>/<source>/NN.txt beside NN.gold.json (gold from the markup,
dev-html/gold_from_html.py). Output is deterministic; the script replaces what it wrote before
(only the named settings' dirs, when settings are named). lynx-references prints the temporary
HTML file's absolute path in its References list: rebuilt from another checkout, those lines
change, so name the settings you mean to rebuild.

  w3m-cols60          w3m -dump -cols 60: narrow hard wrap (pingback titles on two lines)
  lynx-width80        lynx -dump -nolist -width=80: lynx's default width (wrapped share labels)
  lynx-references     lynx -dump -width=100, link list kept: `[36]Nam Vu` link numbers and
                      the References list at the end (lynx's default output)
  html2text-wrap78    html2text with its default body_width=78: wrapped markdown links whose
                      URLs carry the comment's words, blank lines included
  html2text-textonly  html2text, body_width=0, ignore_images and ignore_links
  inscriptis-links    inscriptis with display_links: `Reply to [ htl ](#comment-8340)`
  markdownify         markdownify.markdownify(html): `Reply to` + NBSP, the parent's link
                      on the next line; `2 Leave a Reply` (wpDiscuz 5's count badge)
  html-text           html_text.extract_text(html) (Scrapy's html-text)
  soup-plain          BeautifulSoup get_text() with no separator
  soup-strip          BeautifulSoup get_text("\n", strip=True): the NBSP after `Reply to` is
                      stripped, so in zh/vi/uk the marker reads as the `Reply` button
  pandoc              pandoc -f html -t markdown (wrap at 72, smart punctuation, as dev/019):
                      fenced divs, `[text]{.class}` spans, attribute blocks after links,
                      ASCII quotes and `--` for en dashes
  pandoc-nowrap       pandoc -f html -t markdown --wrap=none: the same, each paragraph and
                      each div's inline run on one line
"""
import importlib.util
import os
import shutil
import subprocess
import sys

import html2text
import html_text
import inscriptis
import markdownify
from bs4 import BeautifulSoup
from inscriptis.model.config import ParserConfig

HERE = os.path.dirname(os.path.abspath(__file__))
VARIANTS_SCRIPT = os.path.join(HERE, "..", "variants", "make_variants.py")
VARIANTS = ["legacy4-de", "legacy4-en", "legacy5-en", "layout3", "roles-anon-pingback", "lang-vi", "lang-zh"]
ENV = dict(os.environ, LANG="C.UTF-8", LC_ALL="C.UTF-8", TERM="dumb")


def load_module(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def w3m(cols):
    def convert(path, html):
        with open(path, "rb") as f:
            r = subprocess.run(["w3m", "-dump", "-cols", str(cols), "-T", "text/html", "-I", "UTF-8", "-O", "UTF-8"],
                               stdin=f, capture_output=True, env=ENV, timeout=120)
        return r.stdout.decode("utf-8", "replace")
    return convert


def lynx(width, *extra):
    def convert(path, html):
        r = subprocess.run(["lynx", "-dump", "-width=%d" % width, "-force_html", "-assume_charset=utf-8",
                            "-display_charset=utf-8", *extra, path], capture_output=True, env=ENV, timeout=120)
        return r.stdout.decode("utf-8", "replace")
    return convert


def html2text_with(body_width, **options):
    def convert(path, html):
        h = html2text.HTML2Text()
        h.body_width = body_width
        for key, value in options.items():
            setattr(h, key, value)
        return h.handle(html)
    return convert


def inscriptis_links(path, html):
    return inscriptis.get_text(html, ParserConfig(display_links=True))


def pandoc(*extra):
    def convert(path, html):
        r = subprocess.run(["pandoc", "-f", "html", "-t", "markdown", *extra, path],
                           capture_output=True, env=ENV, timeout=120)
        return r.stdout.decode("utf-8", "replace")
    return convert


def soup(**get_text):
    def convert(path, html):
        s = BeautifulSoup(html, "lxml")
        for t in s(["script", "style", "noscript"]):
            t.decompose()
        return s.get_text(**get_text)
    return convert


SETTINGS = {
    "w3m-cols60": w3m(60),
    "lynx-width80": lynx(80, "-nolist"),
    "lynx-references": lynx(100),
    "html2text-wrap78": html2text_with(78),
    "html2text-textonly": html2text_with(0, ignore_images=True, ignore_links=True),
    "inscriptis-links": inscriptis_links,
    "markdownify": lambda path, html: markdownify.markdownify(html),
    "html-text": lambda path, html: html_text.extract_text(html),
    "soup-plain": soup(),
    "soup-strip": soup(separator="\n", strip=True),
    "pandoc": pandoc(),
    "pandoc-nowrap": pandoc("--wrap=none"),
}


def sources(dev, variants_module):
    """(source name, page number, html) for the raw pages and the chosen variants."""
    raw_dir = os.path.join(dev, "raw")
    raws = {n[:-5]: open(os.path.join(raw_dir, n), encoding="utf-8").read()
            for n in sorted(os.listdir(raw_dir)) if n.endswith(".html")}
    for nn, html in raws.items():
        yield "dev-html", nn, html
    phrases = variants_module.PHRASES
    tables = {"v7": variants_module.load_tsv(os.path.join(phrases, "wpdiscuz7.tsv")),
              "packs": variants_module.load_tsv(os.path.join(phrases, "packs.tsv")),
              "legacy": variants_module.load_tsv(os.path.join(phrases, "wpdiscuz4.tsv"), skip_cols=2)}
    specs = variants_module.variants()
    for name in VARIANTS:
        for nn in specs[name]["pages"]:
            yield name, nn, variants_module.build_page(raws[nn], specs[name], tables)


def main(argv):
    unknown = [a for a in argv if a not in SETTINGS]
    if unknown:
        sys.exit("unknown setting(s): %s (known: %s)" % (" ".join(unknown), " ".join(SETTINGS)))
    settings = {name: SETTINGS[name] for name in (argv or SETTINGS)}
    variants_module = load_module("make_variants", VARIANTS_SCRIPT)
    dev = variants_module.find_dev_html()
    gold = load_module("gold_from_html", os.path.join(dev, "gold_from_html.py"))
    for setting in settings:
        shutil.rmtree(os.path.join(HERE, setting), ignore_errors=True)
    tmp = os.path.join(HERE, ".tmp-html")
    os.makedirs(tmp, exist_ok=True)
    for source, nn, html in sources(dev, variants_module):
        path = os.path.join(tmp, nn + ".html")
        with open(path, "w", encoding="utf-8") as f:
            f.write(html)
        g = gold.gold_for(html.encode("utf-8"))
        g["_meta"]["note"] = "%s page %s (make_options.py); gold by gold_from_html.py" % (source, nn)
        for setting, convert in settings.items():
            variants_module.write_dump(os.path.join(HERE, setting, source), nn, convert(path, html), g)
        print(source, nn, flush=True)
    shutil.rmtree(tmp)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
