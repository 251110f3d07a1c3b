#!/usr/bin/env python3
"""Build HTML variants of the real wpDiscuz pages in shared/corpus/dev-html/raw, turn them into
text with the five converters of dev-html/make_dumps.py, and derive their gold with
dev-html/gold_from_html.py.

Usage:  make_variants.py [--only NAME[,NAME...]] [--html DIR] [--list]
  --only   build only these variants (default: all)
  --html   also write each variant's HTML to DIR/<variant>/NN.html (for debugging; not committed)
  --list   print the variants and what each one does

Output: tests/data/variants/<variant>/<converter>/NN.txt + NN.gold.json beside this script.
Needs the converters of make_dumps.py: `apt-get install w3m lynx` and
`pip install beautifulsoup4 lxml html2text inscriptis`. The shared corpus is found through
$DEV_HTML or by walking up from this script to `shared/corpus/dev-html`.

How the variants are made (spec: shared/spec/wpdiscuz.md):
  * Everything is string surgery on the raw HTML, so the bytes that a variant does not touch stay
    exactly as the site served them (entities such as &#8217; and &nbsp; matter to html2text and
    w3m). Re-composing an unchanged comment gives the raw bytes back (checked at start-up).
  * Each comment's own block (div.wpd-comment-wrap) is cut into its template pieces (avatar,
    author, label, share, reply-to, date, link, text, footer) and re-composed with the
    layout-1, -2 or -3 template (spec section 2). The raw pages are layout 2.
  * Languages: every visible wpDiscuz phrase (the chrome, role badges, `Reply to`, `Reply`, the
    `N Comments` word, sort buttons, rating word and title, relative date words, Load More) is
    replaced by the catalogue text of src/phrases/wpdiscuz7.tsv (bundled .mo) or packs.tsv
    (translate.wordpress.org packs). An empty cell keeps the English text, as on real sites.
    Relative dates keep the number and unit the page showed (`2 years ago` -> `2 Jahre zuvor`);
    a few languages use the admin-reordered `[adjective] [number] [time_unit]` format.
    The article, the theme and the sidebar stay English (a translated plugin on an English theme).
  * Absolute dates: the date text becomes the comment's `title` date (the absolute date wpDiscuz
    always prints there) in a WP date format + one space + time format, with WP core month names.
  * Legacy: the whole #wpdcom block is rewritten into wpDiscuz 4.0.15 markup (spec section 10:
    `Leave a Reply`, `N Comments on "Title"`, visible subscribe bar, form, `Sort by:` bar,
    div#wc-comm-ID_PARENT.wc-comment with .wc-comment-left (avatar, `Guest`/`Author` label),
    .wc-comment-right (author, share texts, text, `Vote Up N Vote Down Reply`, then the date,
    two-unit relative date `1 year 10 months ago`). No post-rating widget in 4.x. The 5.2.2
    variant has the count badge in the h3, bare sort words and one-unit dates.
  * Relative dates that the variants compute (legacy, `Last edited`) use the page's render time,
    2023-09-11 12:00, which reproduces every relative date of the raw pages.
"""
import argparse
import csv
import datetime as dt
import html as htmlmod
import importlib.util
import json
import os
import re
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
PHRASES = os.path.join(REPO, "src", "phrases")
NOW = dt.datetime(2023, 9, 11, 12, 0)


def find_dev_html():
    env = os.environ.get("DEV_HTML")
    if env:
        return env
    d = HERE
    while True:
        cand = os.path.join(d, "shared", "corpus", "dev-html")
        if os.path.isdir(cand):
            return cand
        parent = os.path.dirname(d)
        if parent == d:
            sys.exit("shared/corpus/dev-html not found; set DEV_HTML")
        d = parent


def load_module(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


# ----------------------------------------------------------------------------------------------
# HTML helpers


def elem_end(h, start):
    """End offset of the element whose start tag begins at h[start] (same-tag nesting counted)."""
    tag = re.match(r"<([a-zA-Z0-9]+)", h[start:]).group(1)
    depth = 0
    for m in re.finditer(r"<(/?)%s\b[^>]*>" % tag, h[start:]):
        if m.group(1):
            depth -= 1
        elif not m.group(0).endswith("/>"):
            depth += 1
        if depth == 0:
            return start + m.end()
    raise ValueError("unbalanced <%s> at %d" % (tag, start))


def strip_tags(s):
    return " ".join(htmlmod.unescape(re.sub(r"<[^>]+>", " ", s)).split())


def retag(piece, tag):
    """Change the outer tag of an element string (div -> span for inline layout-3 parts)."""
    old = re.match(r"<([a-zA-Z0-9]+)", piece).group(1)
    return "<" + tag + piece[len(old) + 1:-len("</%s>" % old)] + "</%s>" % tag


# ----------------------------------------------------------------------------------------------
# Phrase catalogues


def load_tsv(path, skip_cols=1):
    rows = [r for r in csv.reader(open(path, encoding="utf-8"), delimiter="\t", quoting=csv.QUOTE_NONE)
            if r and not r[0].startswith("#")]
    hdr = rows[0]
    out = {}
    for r in rows[1:]:
        for i, lang in enumerate(hdr):
            if i < skip_cols:
                continue
            out.setdefault(lang, {})[r[0]] = r[i] if i < len(r) else ""
    return out


class Phrases:
    """Phrase lookup for one language; an empty catalogue cell shows the English default."""

    def __init__(self, table, lang, overrides=None):
        self.en = table["en"]
        self.t = table.get(lang, {})
        self.over = overrides or {}

    def __call__(self, key):
        if key in self.over:
            return self.over[key]
        return self.t.get(key) or self.en[key]


# Relative-date format per language: True = `[adjective] [number] [time_unit]` (an admin reordered
# dateDiffFormat, as spec section 3 says French/Hebrew sites do), False = the default order.
ADJ_FIRST = {"fr": True, "he": True}

MONTHS = {
    "en": "January February March April May June July August September October November December",
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    "it": "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre",
    "nl": "januari februari maart april mei juni juli augustus september oktober november december",
    "pt": "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro",
    "tr": "Ocak Şubat Mart Nisan Mayıs Haziran Temmuz Ağustos Eylül Ekim Kasım Aralık",
    # WP core's ru_RU and pl_PL print the genitive month after a day number (`j F`)
    "ru": "января февраля марта апреля мая июня июля августа сентября октября ноября декабря",
    "pl": "stycznia lutego marca kwietnia maja czerwca lipca sierpnia września października listopada grudnia",
}


def wp_date(d, fmt, lang):
    """The few PHP date() letters the variants use."""
    months = MONTHS.get(lang, MONTHS["en"]).split()
    out = []
    i = 0
    while i < len(fmt):
        c = fmt[i]
        if c == "\\":
            out.append(fmt[i + 1]); i += 2; continue
        out.append({
            "d": "%02d" % d.day, "j": str(d.day), "m": "%02d" % d.month, "n": str(d.month),
            "Y": str(d.year), "y": "%02d" % (d.year % 100), "F": months[d.month - 1],
            "H": "%02d" % d.hour, "G": str(d.hour), "i": "%02d" % d.minute,
            "g": str((d.hour % 12) or 12), "a": "am" if d.hour < 12 else "pm", "A": "AM" if d.hour < 12 else "PM",
        }.get(c, c))
        i += 1
    return "".join(out)


UNITS = ["year", "month", "day", "hour", "minute", "second"]


def add_months(d, n):
    y, m = divmod(d.month - 1 + n, 12)
    y += d.year
    m += 1
    days = [31, 29 if (y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)) else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    return d.replace(year=y, month=m, day=min(d.day, days[m - 1]))


def date_diff(then, now=NOW):
    """Whole calendar years, months, days, hours, minutes, seconds from then to now."""
    out = []
    cur = then
    n = 0
    while add_months(cur, 12 * (n + 1)) <= now:
        n += 1
    out.append(n); cur = add_months(cur, 12 * n)
    n = 0
    while add_months(cur, n + 1) <= now:
        n += 1
    out.append(n); cur = add_months(cur, n)
    rest = int((now - cur).total_seconds())
    for size in (86400, 3600, 60, 1):
        out.append(rest // size); rest %= size
    return out


def rel_date(then, ph, precision=1, adj_first=False, now=NOW):
    parts = []
    for unit, n in zip(UNITS, date_diff(then, now)):
        if n and len(parts) < precision:
            parts.append("%d %s" % (n, ph("wc_%s_text" % unit if n == 1 else "wc_%s_text_plural" % unit)))
    if not parts:
        return ph("wc_right_now_text")
    body = " ".join(parts)
    return "%s %s" % (ph("wc_ago_text"), body) if adj_first else "%s %s" % (body, ph("wc_ago_text"))


def parse_title_date(s):
    return dt.datetime.strptime(s, "%B %d, %Y %I:%M %p")


# ----------------------------------------------------------------------------------------------
# Comments: cut each wpd-comment-wrap into its template pieces


PIECES = [("AVATAR", '<div class="wpd-avatar '), ("AUTHOR", '<div class="wpd-comment-author'),
          ("LABEL", '<div class="wpd-comment-label"'), ("SHARE", '<div class="wpd-comment-share'),
          ("REPLY_TO", '<div class="wpd-reply-to"'), ("DATE", '<div class="wpd-comment-date"'),
          ("LINK", '<div class="wpd-comment-link'), ("TEXT", '<div class="wpd-comment-text"'),
          ("FOOTER", '<div class="wpd-comment-footer"')]


class Comment:
    def __init__(self, h, start):
        self.start, self.end = start, elem_end(h, start)
        w = h[self.start:self.end]
        self.open = w[:w.index(">") + 1]                      # <div class="wpd-comment-wrap ...">
        self.cid = re.search(r'id="comment-(\d+)"', w).group(1)
        self.p = {}
        for name, pfx in PIECES:
            i = w.find(pfx)
            self.p[name] = w[i:elem_end(w, i)] if i >= 0 else ""
        self.guest = "wpd-blog-guest" in self.open
        self.post_author = "wpd-blog-post_author" in self.open
        self.author = strip_tags(self.p["AUTHOR"])
        self.date_title = re.search(r'title="([^"]*)"', self.p["DATE"]).group(1)
        self.when = parse_title_date(self.date_title)
        self.reply = bool(self.p["REPLY_TO"])
        self.p["STATUS"] = ""
        self.p["LAST_EDITED"] = ""
        self.left_classes = ""

    def compose(self, layout, inline_subheader=True):
        p = self.p
        if layout == 2:   # the raw pages' template
            lines = [self.open, '<div id="comment-%s" class="wpd-comment-right">' % self.cid,
                     '<div class="wpd-comment-header">', p["AVATAR"], '<div class="wpd-user-info">',
                     '<div class="wpd-uinfo-top">', p["AUTHOR"], p["LABEL"], p["SHARE"],
                     '<div class="wpd-space"></div>', "</div>", '<div class="wpd-uinfo-bottom">', p["STATUS"],
                     p["REPLY_TO"], p["DATE"], "</div>", "</div>", p["LINK"], "</div>", p["TEXT"],
                     p["LAST_EDITED"], p["FOOTER"], "</div>", "</div>"]
        elif layout == 1:  # label under the avatar (left column), then author, date, status, reply-to
            lines = [self.open, '<div class="wpd-comment-left %s">' % self.left_classes, p["AVATAR"], p["LABEL"],
                     "</div>", '<div id="comment-%s" class="wpd-comment-right">' % self.cid,
                     '<div class="wpd-comment-header">', p["AUTHOR"], p["DATE"], p["STATUS"],
                     '<div class="wpd-space"></div>', p["LINK"], p["SHARE"], "</div>", p["REPLY_TO"],
                     p["TEXT"], p["LAST_EDITED"], p["FOOTER"], "</div>", "</div>"]
        elif layout == 3:  # author + label in the header; `Reply to X` and the date share the subheader
            rt, date = p["REPLY_TO"], p["DATE"]
            if inline_subheader:
                rt = retag(rt, "span") if rt else ""
                date = retag(date, "span")
                sub = (rt + " " + date) if rt else date
            else:
                sub = "\n".join(x for x in (rt, date) if x)
            top_status, reply_status = (p["STATUS"], "") if not self.reply else ("", p["STATUS"])
            lines = [self.open, '<div class="wpd-comment-left %s">' % self.left_classes, p["AVATAR"], "</div>",
                     '<div id="comment-%s" class="wpd-comment-right">' % self.cid,
                     '<div class="wpd-comment-header">', '<div class="wpd-user-info">', p["AUTHOR"], p["LABEL"],
                     reply_status, '<div class="wpd-space"></div>', p["LINK"], p["SHARE"], "</div>", "</div>",
                     '<div class="wpd-comment-subheader">', sub, top_status, "</div>", p["TEXT"],
                     p["LAST_EDITED"], p["FOOTER"], "</div>", "</div>"]
        else:
            raise ValueError(layout)
        return "\n".join(x for x in lines if x)


def comments_of(h):
    return [Comment(h, m.start()) for m in re.finditer(r'<div class="wpd-comment-wrap', h)]


def recompose(h, comments, layout, inline_subheader=True):
    for c in reversed(comments):
        h = h[:c.start] + c.compose(layout, inline_subheader) + h[c.end:]
    return h


# ----------------------------------------------------------------------------------------------
# Page transforms. Each takes (html, ctx) and returns html; ctx carries the page's options.


def label_div(text):
    return ('<div class="wpd-comment-label" wpd-tooltip="%s" wpd-tooltip-position="top">\n<span>%s</span>\n</div>'
            % (text, text))


# Other commenters' names: short, with digits, punctuation, other scripts, and the site owner
# as `admin` (a very common WP display name). Given in order of each author's first comment.
NAMES = ["J.", "admin", "Mike (UK)", "王小明", "Д. Иванов", "محمد", "test", "Ana-María López", "pk", "Dave 2"]
VOTES = ["3", "0", "-1", "12", "1", "0", "2", "-4", "5", "0", "1", "27", "-2", "0"]


def set_author(c, name):
    """New display name: author element, avatar alt."""
    e = htmlmod.escape
    if "<a " in c.p["AUTHOR"]:
        c.p["AUTHOR"] = re.sub(r"(<a [^>]*>).*?(</a>)", lambda m: m.group(1) + e(name) + m.group(2), c.p["AUTHOR"], flags=re.S)
    else:
        c.p["AUTHOR"] = '<div class="wpd-comment-author ">\n%s\n</div>' % e(name)
    c.p["AVATAR"] = re.sub(r'alt="[^"]*"', 'alt="%s"' % e(name), c.p["AVATAR"], count=1)
    c.author = name


def t_comments(h, ctx):
    """The comment-level changes, then the layout template."""
    cs = comments_of(h)
    ph = ctx["ph"]
    e = htmlmod.escape
    # names first: reply-to links show the parent's (new) name
    new_name = {}
    if ctx.get("rename"):
        order = []
        for c in cs:
            if c.author not in order:
                order.append(c.author)
        mapping = {a: NAMES[i % len(NAMES)] for i, a in enumerate(order)}
        for c in cs:
            new_name[c.cid] = mapping[c.author]
    if ctx.get("anonymous") is not None:
        new_name[cs[ctx["anonymous"]].cid] = ph("wc_anonymous")
    if ctx.get("pingback") is not None:
        c = cs[ctx["pingback"]]
        new_name[c.cid] = "How I share one printer with the whole family &#8211; Tinkering Notes"
    for c in cs:
        if c.cid in new_name:
            if ctx.get("pingback") is not None and c is cs[ctx["pingback"]]:
                c.p["AUTHOR"] = ('<div class="wpd-comment-author ">\n<a href="https://tinkering-notes.example.org/2022/01/family-printer/" '
                                 'rel="external nofollow ugc" target="_blank">%s</a>\n</div>' % new_name[c.cid])
                c.p["AVATAR"] = re.sub(r'alt="[^"]*"', 'alt="trackback"', c.p["AVATAR"], count=1)
                c.p["TEXT"] = ('<div class="wpd-comment-text">\n<p>[&#8230;] The print server part follows this guide: CUPS on a '
                               'first-gen Raspberry Pi with the captdriver for the Canon LBP 2900 [&#8230;]</p>\n</div>')
                c.open = c.open.replace("wpd-blog-guest", "wpd-blog-guest wpd-pingback", 1)
            elif new_name[c.cid] == ph("wc_anonymous") and not ctx.get("rename_keep_alt"):
                set_author(c, new_name[c.cid])
                c.p["AVATAR"] = re.sub(r'alt="[^"]*"', 'alt=""', c.p["AVATAR"], count=1)
            else:
                set_author(c, new_name[c.cid])
        if c.reply:
            pid = re.search(r'href="#comment-(\d+)"', c.p["REPLY_TO"]).group(1)
            if pid in new_name:
                c.p["REPLY_TO"] = re.sub(r'(<a href="#comment-\d+">\n).*?(\n</a>)',
                                         lambda m: m.group(1) + htmlmod.escape(htmlmod.unescape(new_name[pid])) + m.group(2),
                                         c.p["REPLY_TO"], flags=re.S)
    for k, c in enumerate(cs):
        if ctx.get("votes"):
            c.p["FOOTER"] = re.sub(r'<div class="wpd-vote-result" title="0">0</div>',
                                   lambda m: '<div class="wpd-vote-result" title="{0}">{0}</div>'.format(VOTES[k % len(VOTES)]), c.p["FOOTER"])
        for idx, (role, key) in (ctx.get("roles") or {}).items():
            if idx == k and not c.post_author:
                c.p["LABEL"] = label_div(ph(key))
                c.open = c.open.replace("wpd-blog-guest", "wpd-blog-user wpd-blog-%s" % role, 1)
                c.guest = False
        if k in (ctx.get("bodies") or {}):
            how, frag = ctx["bodies"][k]
            if how == "prepend":
                c.p["TEXT"] = c.p["TEXT"].replace('<div class="wpd-comment-text">\n', '<div class="wpd-comment-text">\n' + frag + "\n", 1)
            else:   # replace the first paragraph
                c.p["TEXT"] = re.sub(r"<p>.*?</p>", lambda m: frag, c.p["TEXT"], count=1, flags=re.S)
        if ctx.get("image") and k in ctx["image"]:
            img = ('<p><a rel="nofollow" href="https://i.imgur.com/Zq3vX%d.png"><img class="wpdiscuz-comment-image" '
                   'src="https://i.imgur.com/Zq3vX%d.png" alt="comment image"></a></p>' % (k, k))
            c.p["TEXT"] = c.p["TEXT"].replace("</p>", "</p>\n" + img, 1)
        if ctx.get("guest_label") and c.guest:
            c.p["LABEL"] = label_div(ph("wc_blog_role_guest"))
        if ctx.get("author_links") and c.guest:
            slug = re.sub(r"[^a-z0-9]+", "-", c.author.lower()).strip("-") or "site"
            href = "https://%s.example.net/" % slug
            c.p["AUTHOR"] = ('<div class="wpd-comment-author ">\n<a href="%s" rel="noreferrer ugc nofollow" '
                             'target="_blank">%s</a>\n</div>' % (href, c.author))
            c.p["AVATAR"] = re.sub(r"(<img [^>]*>)", r'<a href="%s" target="_blank" rel="noreferrer ugc nofollow">\1</a>' % href,
                                   c.p["AVATAR"], count=1)
        if ctx.get("no_avatars"):
            c.p["AVATAR"] = ""
        if ctx.get("edited") and k % 2 == 1:
            # edited some time after posting: one unit step below the posted date
            then = c.when + (NOW - c.when) / 3
            by = c.author if k % 4 == 1 else "Nam Vũ"
            text = ph("wc_last_edited").replace("%1$s", rel_date(then, ph, adj_first=ctx.get("adj_first", False))).replace("%2$s", by)
            c.p["LAST_EDITED"] = '<div class="wpd-comment-last-edited">\n<i class="far fa-edit"></i>\n%s\n</div>' % text
        if ctx.get("awaiting") and k == len(cs) - 1:
            c.p["STATUS"] = ('<div class="wpd-comment-status">\n<span class="wpd-awaiting-approval">%s</span>\n</div>'
                             % ph("wc_awaiting_for_approval"))
            c.open = c.open.replace("wpd-comment-wrap", "wpd-comment-wrap wpd-unapproved-comment", 1)
            # unapproved comments get no Reply button and no votes
            c.p["FOOTER"] = '<div class="wpd-comment-footer">\n<div class="wpd-space"></div>\n</div>'
    layout = ctx.get("layout", 2)
    h = recompose(h, cs, layout, ctx.get("inline_subheader", True))
    if layout != 2:
        h = h.replace('class="wpdiscuz_unauth wpd-default wpd-layout-2 ', 'class="wpdiscuz_unauth wpd-default wpd-layout-%d ' % layout)
    return h


def sub1(pattern, repl, h, count=0, must=True):
    new, n = re.subn(pattern, repl, h, count=count)
    if must and n == 0:
        raise ValueError("pattern not found: %s" % pattern)
    return new


def t_translate(h, ctx):
    """Every visible wpDiscuz phrase in the catalogue text of ctx['ph']."""
    ph = ctx["ph"]
    e = htmlmod.escape
    lang = ctx["lang"]
    h = re.sub(r'(<html class="no-js" lang=")en-US"', r'\g<1>%s"' % ctx.get("html_lang", lang), h)
    # rating widget
    h = re.sub(r'<span class="wpdrc">(\d+)</span>\n<span class="wpdrt">votes?</span>',
               lambda m: '<span class="wpdrc">%s</span>\n<span class="wpdrt">%s</span>' % (
                   m.group(1), e(ph("wc_vote_phrase") if m.group(1) == "1" else ph("wc_votes_phrase"))), h)
    h = h.replace('<div class="wpd-rating-title">Article Rating</div>', '<div class="wpd-rating-title">%s</div>' % e(ph("post_rating_title")))
    h = h.replace('<meta itemprop="name" content="Article Rating">', '<meta itemprop="name" content="%s">' % e(ph("post_rating_title")))
    # form head, subscribe bar, form
    h = sub1(r'<span class="wpd-sbs-title">Subscribe</span>', '<span class="wpd-sbs-title">%s</span>' % e(ph("wc_subscribe_anchor")), h)
    h = sub1(r'(<i class="fas fa-sign-in-alt"></i> )Login</a>', r"\g<1>%s</a>" % e(ph("wc_log_in")), h)
    h = sub1(r'<div class="wpdiscuz-subscribe-form-intro">Notify of </div>',
             '<div class="wpdiscuz-subscribe-form-intro">%s </div>' % e(ph("wc_notify_of")), h)
    h = sub1(r'<option value="post">new follow-up comments</option>', '<option value="post">%s</option>' % e(ph("wc_notify_on_new_comment")), h)
    h = sub1(r'<option value="all_comment">new replies to my comments</option>',
             '<option value="all_comment">%s</option>' % e(ph("wc_notify_on_all_new_reply")), h)
    h = h.replace('value placeholder="Email">', 'value placeholder="%s">' % e(ph("wc_email_text")))
    for key, en, req in (("field_name", "Name", "*"), ("field_email", "Email", "*"), ("field_website", "Website", "")):
        t = e(ph(key)) + req
        h = h.replace('placeholder="%s%s"' % (en, req), 'placeholder="%s"' % t)
        h = h.replace('class="wpdlb">%s%s</label>' % (en, req), 'class="wpdlb">%s</label>' % t)
    h = h.replace('value="Post Comment" aria-label="Post Comment"', 'value="{0}" aria-label="{0}"'.format(e(ph("field_submit"))))
    h = h.replace('wpd-tooltip="Notify of new replies to this comment"', 'wpd-tooltip="%s"' % e(ph("wc_notify_on_new_reply")))
    # thread head
    h = sub1(r'(<span class="wpdtc" title="(\d+)">\d+</span> )Comments? ',
             lambda m: m.group(1) + e(ph("header_text_single") if m.group(2) == "1" else ph("header_text_plural")) + " ", h)
    for en, key in (("Most reacted comment", "wc_most_reacted_comment"), ("Hottest comment thread", "wc_hottest_comment_thread"),
                    ("Hide Replies", "wc_hide_replies_text"), ("Comment Link", "wc_comment_link")):
        h = h.replace('wpd-tooltip="%s"' % en, 'wpd-tooltip="%s"' % e(ph(key)))
    for sort, en, key in (("oldest", "Oldest", "wc_oldest"), ("newest", "Newest", "wc_newest"), ("by_vote", "Most Voted", "wc_most_voted")):
        h = sub1(r'data-sorting="%s">%s</span>' % (sort, en), 'data-sorting="%s">%s</span>' % (sort, e(ph(key))), h)
    h = sub1(r'(<i class="fas fa-quote-left"></i> )Inline Feedbacks </div>', r"\g<1>%s </div>" % e(ph("wc_inline_feedbacks")), h, must=False)
    h = sub1(r'<div class="wpd-filter-view-all">View all comments</div>',
             '<div class="wpd-filter-view-all">%s</div>' % e(ph("wc_inline_comments_view_all")), h, must=False)
    # comments
    h = h.replace('wpd-tooltip="Author" wpd-tooltip-position="top">\n<span>Author</span>',
                  'wpd-tooltip="{0}" wpd-tooltip-position="top">\n<span>{0}</span>'.format(e(ph("wc_blog_role_post_author"))))
    h = h.replace("Reply to&nbsp;", e(ph("wc_reply_to")) + "&nbsp;")
    h = h.replace("<span>Reply</span>", "<span>%s</span>" % e(ph("wc_reply_text")))
    for en, key in (("Share On Twitter", "wc_share_twitter"), ("Share On Facebook", "wc_share_facebook"),
                    ("Share On WhatsApp", "wc_share_whatsapp")):
        h = h.replace('title="%s"' % en, 'title="%s"' % e(ph(key)))
    return h


DATE_RE = re.compile(r'(<(div|span) class="wpd-comment-date" title="([^"]*)">\s*<i [^>]*></i>\s*)([^<]*?)(\s*</\2>)')
REL_RE = re.compile(r"^(\d+) (year|month|day|hour|minute|second)s? ago$")


def t_rel_dates(h, ctx):
    """Relative dates in ctx's language: the page's number and unit, the catalogue's words."""
    ph = ctx["ph"]

    def one(m):
        r = REL_RE.match(m.group(4))
        if not r:
            raise ValueError("not a relative date: %r" % m.group(4))
        n, unit = int(r.group(1)), r.group(2)
        word = ph("wc_%s_text" % unit if n == 1 else "wc_%s_text_plural" % unit)
        text = ("%s %d %s" % (ph("wc_ago_text"), n, word)) if ctx.get("adj_first") else ("%d %s %s" % (n, word, ph("wc_ago_text")))
        return m.group(1) + htmlmod.escape(text) + m.group(5)
    return DATE_RE.sub(one, h)


def t_abs_dates(h, ctx):
    """simpleCommentDate=1: WP date format + ' ' + time format, from the comment's title date."""
    def one(m):
        d = parse_title_date(m.group(3))
        return m.group(1) + htmlmod.escape(wp_date(d, ctx["date_fmt"], ctx.get("month_lang", ctx["lang"]))) + m.group(5)
    return DATE_RE.sub(one, h)


def t_load_more(h, ctx):
    ph = ctx["ph"]
    last = re.findall(r'id="wpd-comm-(\d+)_0"', h)[-1]
    btn = ('<div class="wpdiscuz-comment-pagination">\n<div class="wpd-load-more-submit-wrap">\n'
           '<button name="submit" data-lastparentid="%s" class="wpd-load-more-submit wpd-loaded wpd-prim-button" type="button">\n'
           '%s\n</button>\n</div>\n</div>' % (last, htmlmod.escape(ph("wc_load_more_submit_text"))))
    return sub1(r'<div class="wpdiscuz-comment-pagination">\n</div>', lambda m: btn, h)


def t_no_infobar(h, ctx):
    """wpDiscuz 7.6.55+: the inline-feedback bar is loaded by AJAX, so it is not in the page."""
    s = h.index('<div class="wpd-comment-info-bar">')
    return h[:s] + h[elem_end(h, s):].lstrip("\n")


def t_desc(h, ctx):
    """WP comment_order=desc: newest top-level thread first, `Newest` the active sort button."""
    tops = [(m.start(), elem_end(h, m.start())) for m in re.finditer(r'<div id="wpd-comm-\d+_0"', h)]
    blocks = [h[a:b] for a, b in tops]
    out, pos = [], 0
    for (a, b), blk in zip(tops, reversed(blocks)):
        out.append(h[pos:a]); out.append(blk); pos = b
    out.append(h[pos:])
    h = "".join(out)
    old = re.search(r'<span class="wpdiscuz-sort-button wpdiscuz-date-sort-asc wpdiscuz-sort-button-active" data-sorting="oldest">Oldest</span>\n'
                    r'(<i class="fas fa-sort-down"></i>\n<div class="wpdiscuz-sort-buttons">\n)'
                    r'<span class="wpdiscuz-sort-button wpdiscuz-date-sort-desc" data-sorting="newest">Newest</span>\n', h)
    return h[:old.start()] + (
        '<span class="wpdiscuz-sort-button wpdiscuz-date-sort-desc wpdiscuz-sort-button-active" data-sorting="newest">Newest</span>\n'
        + old.group(1) + '<span class="wpdiscuz-sort-button wpdiscuz-date-sort-asc" data-sorting="oldest">Oldest</span>\n') + h[old.end():]


def t_zero(h, ctx):
    """A post without comments: `0 Comments`, the (7.6.x CSS-hidden) sort buttons, an empty list."""
    s = h.index('<div class="wpd-thread-list">')
    e = elem_end(h, s)
    inner = h[s:e]
    pag = inner.index('<div class="wpdiscuz-comment-pagination">')
    h = h[:s] + '<div class="wpd-thread-list">\n' + inner[pag:] + h[e:]
    h = re.sub(r'data-comments-count="\d+"', 'data-comments-count="0"', h)
    h = re.sub(r'<span class="wpdtc" title="\d+">\d+</span>', '<span class="wpdtc" title="0">0</span>', h)
    h = h.replace('<div class="wpd-thread-filter">', '<div class="wpd-thread-filter wpdiscuz-hidden">')
    # the sidebar's recent-comments widget still lists comments of other posts; fine
    return h


def t_replies_collapsed(h, ctx):
    """`Load only parent comments`: replies are not in the page; each parent shows `View Replies (N)`."""
    ph = ctx["ph"]
    out, pos = [], 0
    for m in re.finditer(r'<div id="wpd-comm-\d+_0"', h):
        if m.start() < pos:
            continue
        a, b = m.start(), elem_end(h, m.start())
        blk = h[a:b]
        nested = [(x.start(), elem_end(blk, x.start())) for x in re.finditer(r'<div id="wpd-comm-\d+_[1-9]\d*"', blk)]
        top = [(x, y) for x, y in nested if not any(x > p and y <= q for p, q in nested if (p, q) != (x, y))]
        n = len(nested)
        for x, y in reversed(top):
            blk = blk[:x] + blk[y:].lstrip("\n")
        if n:
            btn = ('<div class="wpd-view-replies">\n<span class="wpd-view-replies-text">%s</span> (%d)\n</div>\n'
                   % (htmlmod.escape(ph("wc_show_replies_text")), n))
            i = blk.index('<div class="wpd-space"></div>', blk.index('<div class="wpd-comment-footer">'))
            blk = blk[:i] + btn + blk[i:]
        out.append(h[pos:a]); out.append(blk); pos = b
    out.append(h[pos:])
    return "".join(out)


def t_no_form_avatars(h, ctx):
    """show_avatars off: the form's guest avatar goes too."""
    return re.sub(r'<div class="wpd-avatar">\n<img alt="guest"[^>]*> </div>\n', "", h)


# ---------------------------------------------------------------------------------------------- legacy


def legacy_tree(h):
    """Comments in document order with their depth and parent (from the wpd-comm-ID_PARENT ids)."""
    cs = comments_of(h)
    by_id = {c.cid: c for c in cs}
    for m in re.finditer(r'<div id="wpd-comm-(\d+)_(\d+)"', h):
        c = by_id[m.group(1)]
        c.parent = m.group(2)
        c.text_inner = re.match(r'<div class="wpd-comment-text">(.*)</div>$', c.p["TEXT"], re.S).group(1)
        c.avatar_img = re.search(r"<img [^>]*>", c.p["AVATAR"]).group(0)
    kids = {}
    for c in cs:
        kids.setdefault(c.parent, []).append(c)
    return kids


def t_legacy(h, ctx):
    """Replace rating + #wpdcom with wpDiscuz 4.0.15 (or 5.2.2) markup of the same comments."""
    ph = ctx["ph"]
    e = htmlmod.escape
    v5 = ctx.get("legacy") == 5
    kids = legacy_tree(h)
    title = re.search(r'<h2 class="post-title"><a [^>]*>(.*?)</a></h2>', h).group(1)
    count = len([c for v in kids.values() for c in v])
    header_count = int(re.search(r'<span class="wpdtc" title="(\d+)">', h).group(1))
    sub_lines = []

    def comment(c, depth):
        label = ph("wc_blog_role_post_author") if c.post_author else ph("wc_blog_role_guest")
        lclass = "wc-blog-post_author" if c.post_author else "wc-blog-guest"
        date = rel_date(c.when, ph, precision=1 if v5 else 2)
        share = ""
        if not v5:
            share = ('<span class="share_buttons_box"><a class="wc_tw" target="_blank" rel="noreferrer" '
                     'href="https://twitter.com/home?status=%%23comment-%s"><i class="fab fa-twitter wpf-cta"></i>%s</a> '
                     '<a class="wc_go" target="_blank" rel="noreferrer" href="https://plus.google.com/share?url=%%23comment-%s">'
                     '<i class="fab fa-google wpf-cta"></i>%s</a></span>'
                     % (c.cid, e(ph("wc_share_twitter")), c.cid, e(ph("wc_share_google"))))
        out = ['<div id="wc-comm-%s_%s" class="wc-comment %s wc_comment_level-%d">' % (c.cid, c.parent, lclass, depth),
               '<div class="wc-comment-left "><div class="wpd-xborder"></div>%s' % c.avatar_img,
               '<div class="%s wc-comment-label"><span>%s</span></div>' % (lclass, e(label)),
               "</div>",
               '<div id="comment-%s" class="wc-comment-right ">' % c.cid,
               '<div class="wc-comment-header">',
               '<div class="wc-comment-author ">%s</div>' % (e(c.author) if not c.post_author
                                                           else '<a href="/" rel="nofollow">%s</a>' % e(c.author)),
               '<div class="wc-comment-link"><i class="fas fa-share-alt wpf-cta" title="%s"></i>%s</div>' % (e(ph("wc_share_text")), share),
               '<div class="wpdiscuz_clear"></div>',
               "</div>",
               '<div class="wc-comment-text">%s</div>' % c.text_inner,
               '<div class="wc-comment-footer">',
               '<div class="wc-footer-left">',
               '<span class="wc-vote-link wc-up wc_not_clicked"><i class="fas fa-thumbs-up"></i><span>%s</span></span>'
               % e(ph("wc_vote_up")),
               '<span class="wc-vote-result">0</span>',
               '<span class="wc-vote-link wc-down wc_not_clicked"><i class="fas fa-thumbs-down"></i><span>%s</span></span>&nbsp;'
               % e(ph("wc_vote_down")),
               '<span class="wc-reply-button wc-cta-button" title="%s"><i class="far fa-comments"></i> %s</span>'
               % (e(ph("wc_reply_text")), e(ph("wc_reply_text"))),
               "</div>",
               '<div class="wc-footer-right">',
               '<div class="wc-comment-date"><i class="far fa-clock" aria-hidden="true"></i> %s</div>' % e(date),
               '<div class="wc-toggle"><i class="fas fa-chevron-up" title="%s"></i></div>' % e(ph("wc_hide_replies_text")),
               "</div>",
               '<div class="wpdiscuz_clear"></div>',
               "</div>",
               "</div>",
               '<div class="wpdiscuz-comment-message"></div>',
               '<div id="wpdiscuz_form_anchor-%s_%s" style="clear:both"></div>' % (c.cid, c.parent)]
        for k in kids.get(c.cid, []):
            out.extend(comment(k, depth + 1))
        out.append("</div>")
        return out

    for c in kids["0"]:
        sub_lines.extend(comment(c, 1))

    def form(uid, hidden):
        return "\n".join([
            '<div class="wc-form-wrapper %s" id="wc-%s-form-wrapper-%s"%s>' % (
                "wc-secondary-form-wrapper" if hidden else "wc-main-form-wrapper", "secondary" if hidden else "main", uid,
                ' style="display: none;"' if hidden else ""),
            '<div class="wpdiscuz-comment-message" style="display: block;"></div>',
            '<form class="wc_comm_form%s" method="post" action="" enctype="multipart/form-data">' % ("" if hidden else " wc_main_comm_form"),
            '<div class="wc-field-comment">',
            '<div class="wc-field-avatararea"><img alt="avatar" src="https://secure.gravatar.com/avatar/?s=40&amp;d=mm&amp;r=g" class="avatar avatar-40 photo avatar-default" height="40" width="40"></div>',
            '<div class="wpdiscuz-item wc-field-textarea"><div class="wpdiscuz-textarea-wrap "><textarea id="wc-textarea-%s" placeholder="%s" required name="wc_comment" class="wc_comment wpd-field"></textarea></div></div>'
            % (uid, e(ph("wc_comment_join_text"))),
            '<div class="clearfix"></div>',
            "</div>",
            '<div class="wc-form-footer" style="display: none;">',
            '<div class="wpd-form-row"><div class="wpd-form-col-left">',
            '<div class="wpdiscuz-item wc_name-wrapper wpd-has-icon"><div class="wpd-field-icon"><i class="fas fa-user"></i></div><input value="" required="required" aria-required="true" class="wc_name wpd-field" type="text" name="wc_name" placeholder="%s*" maxlength="50" pattern=".{3,50}" title=""></div>' % e(ph("field_name")),
            '<div class="wpdiscuz-item wc_email-wrapper wpd-has-icon"><div class="wpd-field-icon"><i class="fas fa-at"></i></div><input value="" required="required" aria-required="true" class="wc_email wpd-field" type="email" name="wc_email" placeholder="%s*"></div>' % e(ph("field_email")),
            '<div class="wpdiscuz-item wc_website-wrapper wpd-has-icon"><div class="wpd-field-icon"><i class="fas fa-link"></i></div><input value="" class="wc_website wpd-field" type="text" name="wc_website" placeholder="%s"></div>' % e(ph("field_website")),
            "</div>",
            '<div class="wpd-form-col-right">',
            '<div class="wpdiscuz-item wc-field-captcha"><div class="wc-captcha-input"><input type="text" maxlength="5" value="" autocomplete="off" required="required" aria-required="true" name="wc_captcha" class="wpd-field wc_field_captcha" placeholder="Code" title="Insert the CAPTCHA code"></div><div class="wc-label wc-captcha-label"><a class="wpdiscuz-nofollow" href="#" rel="nofollow"><img alt="wpdiscuz_captcha" class="wc_captcha_img" src="/wp-content/plugins/wpdiscuz/utils/temp/c_a1b2.png" width="80" height="26"></a><a class="wpdiscuz-nofollow wc_captcha_refresh_img" href="#" rel="nofollow"><img alt="refresh" class="" src="/wp-content/plugins/wpdiscuz/assets/img/captcha-loading.gif" width="16" height="16"></a></div><div class="clearfix"></div></div>',
            '<div class="wc-field-submit"><label class="wpd_label" title="%s"><input id="wc_notification_new_comment-%s" class="wc_notification_new_comment-%s wpd_label__checkbox" value="comment" type="checkbox" name="wpdiscuz_notification_type"><span class="wpd_label__text" style="display:none">%s</span></label><input class="wc_comm_submit wc_not_clicked button alt" type="submit" name="submit" value="%s"></div>'
            % (e(ph("wc_notify_on_new_reply")), uid, uid, e(ph("wc_notify_on_new_reply")), e(ph("field_submit"))),
            "</div>",
            '<div class="clearfix"></div>',
            "</div>",
            "</div>",
            '<input type="hidden" class="wpdiscuz_unique_id" value="%s" name="wpdiscuz_unique_id">' % uid,
            "</form>",
            "</div>"])

    head_word = ph("wc_header_text") if header_count == 1 else ph("wc_header_text_plural")
    if v5:
        head = ['<div class="wc-comment-bar"></div>',
                '<h3 id="wc-comment-header"><div class="wpdiscuz-comment-count"><div class="wpd-cc-value"><span class="wpdtc">%d</span></div>'
                '<div class="wpd-cc-arrow"></div></div> %s</h3>' % (header_count, e(ph("form_header_text")))]
        sort = ('<div class="wpdiscuz-front-actions"><div class="wpdiscuz-sort-buttons" style="font-size:14px;">'
                '<span class="wpdiscuz-sort-button wpdiscuz-date-sort-desc">%s</span> '
                '<span class="wpdiscuz-sort-button wpdiscuz-date-sort-asc wpdiscuz-sort-button-active">%s</span> '
                '<span class="wpdiscuz-sort-button wpdiscuz-vote-sort-up">%s</span></div>'
                '<div class="wpdiscuz_clear"></div></div>' % (e(ph("wc_newest")), e(ph("wc_oldest")), e(ph("wc_most_voted"))))
        sbs_open = ('<div class="wpdiscuz-subscribe-bar-toggle"><span class="wpd-sbs-title">%s</span></div>\n'
                    '<div class="wpdiscuz-subscribe-bar wpdiscuz-hidden">' % e(ph("wc_subscribe_anchor")))
    else:
        head = ['<h3 id="wc-comment-header">%s</h3>' % e(ph("form_header_text")),
                '<div class="wc-comment-bar">',
                '<p class="wc-comment-title">',
                '<span class="wpdtc">%d</span> %s %s "%s"' % (header_count, e(head_word), e(ph("wc_header_on_text")), title),
                "</p>",
                '<div class="wpdiscuz_clear"></div>',
                "</div>"]
        sort = ('<div class="wpdiscuz-front-actions"><div class="wpdiscuz-sort-buttons" style="font-size:14px;">%s:&nbsp; '
                '<span class="wpdiscuz-sort-button wpdiscuz-date-sort-desc">%s</span> | '
                '<span class="wpdiscuz-sort-button wpdiscuz-date-sort-asc wpdiscuz-sort-button-active">%s</span> | '
                '<span class="wpdiscuz-sort-button wpdiscuz-vote-sort-up">%s</span></div>'
                '<div class="wpdiscuz_clear"></div></div>' % (e(ph("wc_sort_by")), e(ph("wc_newest")), e(ph("wc_oldest")), e(ph("wc_most_voted"))))
        sbs_open = '<div class="wpdiscuz-subscribe-bar">'
    parts = head + [
        sbs_open,
        '<form action="/wp-admin/admin-ajax.php?action=addSubscription" method="post" id="wpdiscuz-subscribe-form">',
        '<div class="wpdiscuz-subscribe-form-intro">%s </div>' % e(ph("wc_notify_of")),
        '<div class="wpdiscuz-subscribe-form-option" style="width:40%;">',
        '<select class="wpdiscuz_select" name="wpdiscuzSubscriptionType">',
        '<option value="post">%s</option>' % e(ph("wc_notify_on_new_comment")),
        '<option value="all_comment">%s</option>' % e(ph("wc_notify_on_all_new_reply")),
        "</select>",
        "</div>",
        '<div class="wpdiscuz-item wpdiscuz-subscribe-form-email"><input class="email" type="email" name="wpdiscuzSubscriptionEmail" required="required" value="" placeholder="%s"></div>' % e(ph("wc_email_text")),
        '<div class="wpdiscuz-subscribe-form-button"><input id="wpdiscuz_subscription_button" type="submit" value="&rsaquo;" name="wpdiscuz_subscription_button"></div>',
        "</form>",
        "</div>",
        form("0_0", False),
        '<div id="wpdiscuz_hidden_secondary_form" style="display: none;">',
        form("wpdiscuzuniqueid", True),
        "</div>",
        sort,
        '<div id="wcThreadWrapper" class="wc-thread-wrapper">',
    ] + sub_lines + [
        '<div class="wpdiscuz-comment-pagination">',
    ]
    if ctx.get("load_more"):
        parts.append('<div class="wc-load-more-submit-wrap"><button name="submit" data-lastparentid="%s" '
                     'class="wc-load-more-submit wc-loaded button">%s</button></div>' % (kids["0"][-1].cid, e(ph("wc_load_more_submit_text"))))
    parts += ["</div>", "</div>",
              '<div class="wpdiscuz-loading-bar"><img class="wpdiscuz-loading-bar-img" alt="%s" src="/wp-content/plugins/wpdiscuz/assets/img/loading.gif" width="32" height="25"></div>'
              % e(ph("loading_bar_img_alt"))]
    new = '<div id="wpcomm" class="wpdiscuz_unauth wpd-default">\n' + "\n".join(parts) + "\n</div>"
    s = h.index('<div id="wpdcom"')
    h = h[:s] + new + h[elem_end(h, s):]
    # no post rating widget in 4.x (nor on these 5.x pages)
    s = h.index('<div id="wpd-post-rating">')
    h = h[:s] + h[elem_end(h, s):]
    if ctx.get("lang", "en") != "en":
        h = re.sub(r'(<html class="no-js" lang=")en-US"', r'\g<1>%s"' % ctx["lang"], h)
    assert count == len(re.findall(r'<div id="wc-comm-', h))
    return h


# ---------------------------------------------------------------------------------------------- variants

# Pages (dev-html/raw): 08 = 14 comments, replies to depth 3, rating 5/1, dates in years and months;
# 09 = 4 comments, 2 replies, rating 0/0; 10 = 4 comments, 1 reply, no typographic quotes in the
# comment starts (so html2text's ASCII quotes do not blur its scores); 12 = 2 comments, 1 reply,
# rating 5/1 (`vote`); 17 = 1 comment (a pingback), so `1 Comment`. Few pages per variant keep the data small (a few MB).
BIG = ["08"]
MAIN = ["08", "12"]
SMALL = ["09", "12"]

LANGS7 = ["de", "fr", "ru", "pl", "zh", "he", "ar", "tr", "vi", "pt", "it", "nl", "uk", "es", "fa", "hu", "hy", "eo", "pt_pt", "sr"]
BIG_LANGS = ["de", "fr", "ru", "zh", "he", "ar"]     # on page 08; the others on the smaller 09


def variants():
    v = {}
    for lang in LANGS7:
        v["lang-" + lang] = dict(pages=["08", "17"] if lang in BIG_LANGS else ["09", "17"], lang=lang, steps=["translate", "rel_dates", "load_more"],
                                 adj_first=ADJ_FIRST.get(lang, False),
                                 doc="bundled %s catalogue (wpdiscuz7.tsv)%s, Load More button" % (
                                     lang, ", adjective-first relative dates" if ADJ_FIRST.get(lang) else ""))
    v["lang-fr-default-order"] = dict(pages=["09"], lang="fr", steps=["translate", "rel_dates"], adj_first=False,
                                      doc="fr catalogue with the default date order (`1 année il y a`)")
    v["lang-he-default-order"] = dict(pages=["09"], lang="he", steps=["translate", "rel_dates"], adj_first=False,
                                      doc="he catalogue with the default date order")
    for lang in ["de", "fr", "nl", "pl", "pt", "ru", "zh"]:
        v["pack-" + lang] = dict(pages=["10"], lang=lang, source="packs", steps=["translate", "rel_dates"],
                                 adj_first=ADJ_FIRST.get(lang, False),
                                 doc="translate.wordpress.org %s pack wording (packs.tsv)" % lang)
    v["lang-de-extras"] = dict(pages=MAIN, lang="de", steps=["translate", "rel_dates", "comments", "load_more"],
                               guest_label=True, edited=True, awaiting=True,
                               doc="de catalogue + Gast labels + `Zuletzt bearbeitet` + awaiting approval + Load More")
    v["lang-ru-layout1"] = dict(pages=["10"], lang="ru", steps=["translate", "rel_dates", "comments"], layout=1,
                                guest_label=True, doc="ru catalogue, layout 1 with Гость labels (label line before the author)")
    v["lang-zh-layout3"] = dict(pages=["10"], lang="zh", steps=["translate", "rel_dates", "comments"], layout=3,
                                doc="zh catalogue, layout 3 (reply-to and date on one line)")
    v["lang-ru-stress"] = dict(pages=BIG, lang="ru", steps=["desc", "no_infobar", "translate", "rel_dates", "comments"],
                               rename=True, votes=True, roles={2: ("editor", "wc_blog_role_editor")},
                               doc="ru + newest first, no info bar, other names, vote numbers, an Editor badge")
    v["lang-fr-stress"] = dict(pages=BIG, lang="fr", steps=["translate", "rel_dates", "comments"], layout=1, guest_label=True,
                               rename=True, votes=True, adj_first=True,
                               doc="fr + layout 1, Invité labels, other names, vote numbers")
    # absolute dates (page 08 has dates in 8 different months, 10 in June and January)
    ABS_BIG = ["abs-Fjy-en", "abs-jFY-de", "abs-jFY-ru", "abs-dmY-dots-de", "abs-jFY-pl"]
    for name, lang, fmt, month_lang, chrome in [
            ("abs-dmY-en", "en", "d-m-Y H:i", "en", False),
            ("abs-dmy-en", "en", "d-m-y H:i", "en", False),
            ("abs-Fjy-en", "en", "F j, Y g:i a", "en", False),
            ("abs-Ymd-en", "en", "Y-m-d H:i", "en", False),
            ("abs-mdY-en", "en", "m/d/Y g:i A", "en", False),
            ("abs-jFY-de", "de", "j. F Y G:i", "de", True),
            ("abs-dmY-dots-de", "de", "d.m.Y H:i", "de", True),
            ("abs-jFY-fr", "fr", "j F Y H:i", "fr", True),
            ("abs-jFY-ru", "ru", "j F Y H:i", "ru", True),
            ("abs-jFY-pl", "pl", "j F Y H:i", "pl", True),
            ("abs-jFY-it", "it", "j F Y H:i", "it", True),
            ("abs-jFY-nl", "nl", "j F Y H:i", "nl", True),
            ("abs-jFY-tr", "tr", "j F Y H:i", "tr", True),
            ("abs-pt", "pt", "j \\d\\e F \\d\\e Y H:i", "pt", True),
            ("abs-es", "es", "j \\d\\e F \\d\\e Y H:i", "es", False),
            ("abs-zh", "zh", "Y年n月j日 H:i", "en", True),
            ("abs-dmY-slash-vi", "vi", "d/m/Y H:i", "en", True)]:
        v[name] = dict(pages=BIG if name in ABS_BIG else ["10"], lang=lang, date_fmt=fmt, month_lang=month_lang,
                       steps=(["translate"] if chrome else []) + ["abs_dates"],
                       doc="absolute dates `%s` (%s months)%s" % (fmt, month_lang, ", %s chrome" % lang if chrome else ", English chrome"))
    # layouts and options (English)
    v["layout1"] = dict(pages=MAIN, steps=["comments"], layout=1, doc="layout 1: label under the avatar, author, date, reply-to")
    v["layout1-guest"] = dict(pages=SMALL, steps=["comments"], layout=1, guest_label=True, doc="layout 1 with Guest labels enabled")
    v["layout3"] = dict(pages=MAIN + ["09"], steps=["comments"], layout=3, inline_subheader=True,
                        doc="layout 3: author, label; `Reply to X` and the date inline in one subheader block")
    v["layout3-blocks"] = dict(pages=SMALL, steps=["comments"], layout=3, inline_subheader=False,
                               doc="layout 3 with reply-to and date as separate blocks of the subheader")
    v["guest-label"] = dict(pages=MAIN, steps=["comments"], guest_label=True, doc="layout 2 with Guest labels enabled")
    v["awaiting"] = dict(pages=SMALL, steps=["comments"], awaiting=True,
                         doc="last comment unapproved: `Awaiting for approval`, no votes/Reply")
    v["edited"] = dict(pages=SMALL, steps=["comments"], edited=True, doc="`Last edited N units ago by NAME` after every 2nd comment's text")
    v["author-links"] = dict(pages=SMALL, steps=["comments"], author_links=True, doc="guest names (and avatars) linked to their websites")
    v["no-avatars"] = dict(pages=SMALL, steps=["comments", "no_form_avatars"], no_avatars=True, doc="show_avatars off: no avatar images")
    v["layout3-all"] = dict(pages=SMALL, steps=["comments", "load_more"], layout=3, guest_label=True, edited=True, awaiting=True,
                            author_links=True, doc="layout 3 + Guest labels + edited + awaiting + author links + Load More")
    v["names-votes-images"] = dict(pages=MAIN, steps=["comments"], rename=True, votes=True, image=[0, 3, 5],
                                   doc="other names (admin, J., 王小明, ...), vote numbers (-4..27), `comment image` after a first paragraph")
    v["roles-anon-pingback"] = dict(pages=BIG, steps=["comments"], anonymous=6, pingback=7,
                                    roles={2: ("editor", "wc_blog_role_editor"), 3: ("administrator", "wc_blog_role_administrator"),
                                           8: ("subscriber", "wc_blog_role_other")},
                                    doc="Editor/Admin/Member badges, an `Anonymous` comment, a pingback")
    v["desc-no-infobar"] = dict(pages=SMALL, steps=["desc", "no_infobar"], doc="comment_order=desc (Newest first), 7.6.55+ without the inline-feedback bar")
    v["bodies"] = dict(pages=BIG, steps=["comments"], bodies={
        1: ("prepend", "<blockquote><p>I installed Canon LBP2900 on my Windows 10 machine successfully</p></blockquote>"),
        4: ("prepend", "<ul>\n<li>Ubuntu Server 20.04 on the Pi</li>\n<li>captdriver built from source</li>\n</ul>"),
        6: ("replace", "<p>2 years ago I had the same problem, the queue stayed at &#8220;rendering completed&#8221;.</p>"),
        8: ("prepend", "<pre><code>sudo systemctl restart cups</code></pre>"),
        9: ("replace", "<p>Reply to everyone who asked: it works now.</p>"),
        11: ("replace", "<p>Thanks</p>"),
        12: ("replace", "<p>Jesús Molinero</p>\n<p>Signed my name above because the form ate it the first time.</p>")},
        doc="comment texts starting with a quote, a list, a code block, `2 years ago ...`, `Reply to ...`, a one-word line, a name-like line")
    v["replies-collapsed"] = dict(pages=["08", "09"], steps=["replies_collapsed"],
                                  doc="load only parent comments: replies absent, `View Replies (N)` under their parent")
    v["replies-collapsed-de"] = dict(pages=["08"], lang="de", steps=["replies_collapsed", "translate", "rel_dates"],
                                     doc="as replies-collapsed, de catalogue (`Antworten anzeigen (N)`)")
    for lang in ["en", "de", "ru"]:
        v["zero-comments-" + lang] = dict(pages=["10", "12"] if lang == "en" else ["10"], lang=lang, steps=["zero"] + (["translate"] if lang != "en" else []),
                                          doc="the post has no comments: `0 Comments`, hidden sort buttons, empty list (%s)" % lang)
    # legacy
    v["legacy4-en"] = dict(pages=["08", "09"], steps=["legacy"], legacy=4, doc="wpDiscuz 4.0.15 markup, English")
    v["legacy4-en-loadmore"] = dict(pages=["10"], steps=["legacy"], legacy=4, load_more=True, doc="wpDiscuz 4.0.15 + Load More Comments")
    v["legacy4-de"] = dict(pages=MAIN, lang="de", steps=["legacy"], legacy=4, doc="wpDiscuz 4.0.15 markup, de catalogue (wpdiscuz4.tsv)")
    v["legacy4-ru"] = dict(pages=SMALL, lang="ru", steps=["legacy"], legacy=4, doc="wpDiscuz 4.0.15 markup, ru catalogue")
    v["legacy4-fr"] = dict(pages=SMALL, lang="fr", steps=["legacy"], legacy=4, doc="wpDiscuz 4.0.15 markup, fr catalogue")
    v["legacy4-zh"] = dict(pages=["10"], lang="zh", steps=["legacy"], legacy=4, doc="wpDiscuz 4.0.15 markup, zh catalogue")
    v["legacy5-en"] = dict(pages=MAIN, steps=["legacy"], legacy=5,
                           doc="wpDiscuz 5.2.2: count badge + Leave a Reply, bare sort words, one-unit dates")
    return v


STEPS = {"translate": t_translate, "rel_dates": t_rel_dates, "abs_dates": t_abs_dates, "comments": t_comments,
         "load_more": t_load_more, "no_form_avatars": t_no_form_avatars, "legacy": t_legacy,
         "no_infobar": t_no_infobar, "desc": t_desc, "zero": t_zero, "replies_collapsed": t_replies_collapsed}


def phrases_for(spec, tables):
    lang = spec.get("lang", "en")
    if spec.get("legacy"):
        return LegacyPhrases(tables, lang)
    table = tables["packs"] if spec.get("source") == "packs" else tables["v7"]
    return Phrases(table, lang)


class LegacyPhrases:
    """4.0.15 catalogue (wpdiscuz4.tsv); keys it lacks fall back to the 4.x English defaults."""
    DEFAULTS = {"wc_email_text": "Email", "wc_comment_join_text": "Join the discussion", "field_name": "Name",
                "field_email": "Email", "field_website": "WebSite URL", "field_submit": "Post Comment",
                "wc_share_text": "Share", "loading_bar_img_alt": "wpDiscuz", "wc_subscribe_anchor": "Subscribe"}

    def __init__(self, tables, lang):
        self.en = tables["legacy"]["en"]
        self.t = tables["legacy"].get(lang, {})

    def __call__(self, key):
        v = self.t.get(key) or self.en.get(key)
        if v:
            return v
        return self.DEFAULTS[key]


def build_page(raw_html, spec, tables):
    ctx = dict(spec)
    ctx.setdefault("lang", "en")
    ctx["ph"] = phrases_for(spec, tables)
    h = raw_html
    for step in spec["steps"]:
        h = STEPS[step](h, ctx)
    return h


def self_check(dev):
    """Re-composing unchanged comments with the layout-2 template gives the raw bytes back."""
    for name in sorted(os.listdir(os.path.join(dev, "raw"))):
        h = open(os.path.join(dev, "raw", name), encoding="utf-8").read()
        assert recompose(h, comments_of(h), 2) == h, "layout-2 template does not reproduce " + name
        for c in comments_of(h):   # the render time reproduces the page's relative dates
            shown = strip_tags(re.sub(r"<i [^>]*></i>", "", c.p["DATE"]))
            mine = rel_date(c.when, lambda k: {"wc_ago_text": "ago"}.get(k, k.split("_")[1] + ("s" if k.endswith("plural") else "")))
            assert mine == shown, (name, c.date_title, shown, mine)


def write_dump(folder, nn, text, gold):
    """Writes folder/NN.txt and its gold, folder/NN.gold.json."""
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, nn + ".txt"), "w", encoding="utf-8") as f:
        f.write(text)
    with open(os.path.join(folder, nn + ".gold.json"), "w", encoding="utf-8") as f:
        json.dump(gold, f, ensure_ascii=False, indent=1)
        f.write("\n")


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--only")
    ap.add_argument("--html")
    ap.add_argument("--list", action="store_true")
    a = ap.parse_args(argv[1:])
    vs = variants()
    if a.list:
        for k, s in vs.items():
            print("%-24s %-14s %s" % (k, ",".join(s["pages"]), s["doc"]))
        return 0
    dev = find_dev_html()
    md = load_module("make_dumps", os.path.join(dev, "make_dumps.py"))
    gold = load_module("gold_from_html", os.path.join(dev, "gold_from_html.py"))
    tables = {"v7": load_tsv(os.path.join(PHRASES, "wpdiscuz7.tsv")),
              "packs": load_tsv(os.path.join(PHRASES, "packs.tsv")),
              "legacy": load_tsv(os.path.join(PHRASES, "wpdiscuz4.tsv"), skip_cols=2)}
    self_check(dev)
    only = set(a.only.split(",")) if a.only else None
    tmp = os.path.join(HERE, ".tmp-html")
    for name, spec in vs.items():
        if only and name not in only:
            continue
        out = os.path.join(HERE, name)
        if os.path.isdir(out):
            shutil.rmtree(out)
        for nn in spec["pages"]:
            raw = open(os.path.join(dev, "raw", nn + ".html"), encoding="utf-8").read()
            h = build_page(raw, spec, tables)
            hdir = os.path.join(a.html, name) if a.html else tmp
            os.makedirs(hdir, exist_ok=True)
            path = os.path.join(hdir, nn + ".html")
            with open(path, "w", encoding="utf-8") as f:
                f.write(h)
            g = gold.gold_for(h.encode("utf-8"))
            g["_meta"]["variant"] = name
            g["_meta"]["note"] = "variant %s of dev-html/raw/%s.html (make_variants.py); gold by gold_from_html.py" % (name, nn)
            for conv, fn in md.CONVERTERS.items():
                write_dump(os.path.join(out, conv), nn, fn(path, h), g)
        print("%-24s %s" % (name, " ".join(spec["pages"])), flush=True)
    if os.path.isdir(tmp):
        shutil.rmtree(tmp)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
