//! The normal form that phrase lookup compares: case, spacing and markup folded away.
//!
//! Real dumps print the same phrase as `Name*`, `Name\*`, `[                    ] Name*`,
//! `[Newest]{.wpdiscuz-sort-button}`, `__Inline Feedbacks` or `Sort by:`. Folding these to
//! one form (`name`, `newest`, `inline feedbacks`, `sort by`) lets a single table entry match
//! them all. Phrases and input lines go through the same function.

/// A normalized line: the folded text and, for each of its bytes, the offset in the source
/// of the character it came from (plus one final entry: the source length).
#[derive(Debug, Default, Clone)]
pub(crate) struct Normalized {
    pub text: String,
    pub source_offsets: Vec<usize>,
}

impl Normalized {
    /// Offset in the source where normalized byte `at` came from (the source length at the end).
    pub fn source_offset(&self, at: usize) -> usize {
        self.source_offsets[at]
    }
}

/// The text lynx prints for form buttons and list-style controls.
const LYNX_WIDGETS: [&str; 4] = ["(BUTTON)", "(ordered)", "(bullet)", "(submit)"];

/// Folds `source` into `out` (cleared first; its buffers are reused, so a caller that keeps
/// one `Normalized` allocates only while lines grow longer than any seen before):
/// - lowercase;
/// - every run of whitespace (NBSP, zero-width space and tabs included) becomes one space,
///   none at either end;
/// - markdown and converter markup becomes a separator: `\` escapes, `*`, `_`, `[`, `]`, `|`,
///   `:`, the `!` of `![`; the URL of a link (`](...)`) and a pandoc attribute block
///   (`{.class key=value}`) are skipped whole; the editor button `{}` is kept;
/// - the typographic apostrophe `’` becomes `'`.
pub(crate) fn normalize_into(source: &str, out: &mut Normalized) {
    out.text.clear();
    out.source_offsets.clear();
    let mut pending_space = false;
    let mut chars = source.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let folded = match c {
            '\\' | '*' | '_' | '[' | '|' | ':' => None,
            '!' if matches!(chars.peek(), Some((_, '['))) => None,
            ']' => {
                if matches!(chars.peek(), Some((_, '('))) {
                    skip_group(&mut chars, '(', ')');
                }
                None
            }
            '{' => {
                if matches!(chars.peek(), Some((_, '}'))) {
                    chars.next();
                    push_str(out, "{}", at, &mut pending_space);
                } else {
                    skip_group(&mut chars, '{', '}');
                    // `{` opened the group: skip_group counted from depth 1.
                }
                continue;
            }
            // lynx's form widgets: `(BUTTON)`, `(ordered)`, `(bullet)`.
            '(' if LYNX_WIDGETS.iter().any(|w| source[at..].starts_with(w)) => {
                let widget =
                    LYNX_WIDGETS.iter().find(|w| source[at..].starts_with(*w)).map_or(0, |w| w.len());
                while chars.peek().is_some_and(|&(i, _)| i < at + widget) {
                    chars.next();
                }
                None
            }
            '\u{2019}' => Some('\''),
            // Turkish dotted and dotless i fold to `i`: pages print `YANITLA` for `Yanıtla`.
            '\u{131}' | '\u{130}' => Some('i'),
            c if c.is_whitespace() || c == '\u{200b}' || c == '\u{feff}' => None,
            c => Some(c),
        };
        match folded {
            None => pending_space = !out.text.is_empty(),
            Some(c) if c.is_ascii() => push_char(out, c.to_ascii_lowercase(), at, &mut pending_space),
            Some(c) => {
                for lower in c.to_lowercase() {
                    push_char(out, lower, at, &mut pending_space);
                }
            }
        }
    }
    out.source_offsets.push(source.len());
}

/// Skips a bracketed group whose opening bracket was just consumed (or is next, for `(`).
fn skip_group(chars: &mut std::iter::Peekable<std::str::CharIndices<'_>>, open: char, close: char) {
    let mut depth = 0usize;
    if open == '(' {
        chars.next(); // the `(` itself
    }
    depth += 1;
    for (_, c) in chars.by_ref() {
        if c == open {
            depth += 1;
        } else if c == close {
            depth -= 1;
            if depth == 0 {
                return;
            }
        }
    }
}

fn push_char(out: &mut Normalized, c: char, at: usize, pending_space: &mut bool) {
    if std::mem::take(pending_space) {
        out.text.push(' ');
        out.source_offsets.push(at);
    }
    let mut buf = [0u8; 4];
    let encoded = c.encode_utf8(&mut buf);
    out.text.push_str(encoded);
    out.source_offsets.extend(std::iter::repeat(at).take(encoded.len()));
}

fn push_str(out: &mut Normalized, s: &str, at: usize, pending_space: &mut bool) {
    for c in s.chars() {
        push_char(out, c, at, pending_space);
    }
}

/// Folds a phrase of the tables (allocating: done once per phrase at start-up).
pub(crate) fn normalize(source: &str) -> String {
    let mut out = Normalized::default();
    normalize_into(source, &mut out);
    out.text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_and_spacing() {
        assert_eq!(normalize("  Notify\u{a0} of  "), "notify of");
        assert_eq!(normalize("Inline\tFeedbacks"), "inline feedbacks");
        assert_eq!(normalize("ÉVALUATION de l’article"), "évaluation de l'article");
        assert_eq!(normalize("YANITLA"), normalize("Yanıtla"));
    }

    #[test]
    fn folds_markup() {
        assert_eq!(normalize("Name\\*"), "name");
        assert_eq!(normalize("[                    ] Name*"), "name");
        assert_eq!(normalize("Label [                    ]"), "label");
        assert_eq!(normalize("[*] [Post Comment]"), "post comment");
        assert_eq!(normalize("__Inline Feedbacks"), "inline feedbacks");
        assert_eq!(normalize("Sort by:   newest | oldest | most voted"), "sort by newest oldest most voted");
        assert_eq!(normalize("[Newest]{.wpdiscuz-sort-button data-sorting=\"newest\"}"), "newest");
        assert_eq!(normalize("[417]{.wpdtc title=\"417\"} Comments"), "417 comments");
        assert_eq!(normalize("\\[wpDiscuz\\](javascript:void(0);)"), "wpdiscuz");
        assert_eq!(normalize("![guest](https://x/a.png)"), "guest");
    }

    #[test]
    fn keeps_editor_buttons() {
        assert_eq!(normalize("{}"), "{}");
        assert_eq!(normalize("{} [+]"), "{} +");
        assert_eq!(normalize("[+]"), "+");
        assert_eq!(normalize("Δ[                                             ]"), "δ");
        assert_eq!(normalize("{} (BUTTON) [+]"), "{} +");
        assert_eq!(normalize("(BUTTON) (BUTTON) (ordered) (bullet)"), "");
    }

    #[test]
    fn maps_back_to_source_offsets() {
        let mut n = Normalized::default();
        normalize_into("Reply to\u{a0} Bob", &mut n);
        assert_eq!(n.text, "reply to bob");
        // "reply to" ends at normalized byte 8; a folded space maps to the next kept
        // character, so the rest starts in the source at "Bob".
        assert_eq!(n.source_offset(8), 11);
        assert_eq!(n.source_offset(9), 11);
        assert_eq!(n.source_offset(n.text.len()), "Reply to\u{a0} Bob".len());
    }

    #[test]
    fn unbalanced_markup_does_not_panic() {
        for s in ["](", "{", "[x](y", "{.a", "]((((", "!", "\\"] {
            let _ = normalize(s);
        }
    }
}
