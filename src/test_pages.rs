//! The test pages (`tests/data`, every converter's dumps included) as lines, for the unit
//! tests that check a fast path against the exact one over everything real pages print.

/// Every line of every `.txt` page under `tests/data`, trimmed.
pub(crate) fn lines() -> Vec<String> {
    let lines: Vec<String> =
        pages().iter().flat_map(|text| text.lines().map(|l| l.trim().to_owned())).collect();
    assert!(lines.len() > 10_000, "the test pages are there: {}", lines.len());
    lines
}

/// Every `.txt` page under `tests/data`.
pub(crate) fn pages() -> Vec<String> {
    let mut pages = Vec::new();
    let mut dirs = vec![std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data"))];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "txt") {
                pages.push(std::fs::read_to_string(&path).unwrap_or_default());
            }
        }
    }
    pages
}

/// Runs `check` on the classified lines of every test page, then on a store of one line of
/// every kind (a chrome line of several phrases, kept beside the records, among them), and
/// gives that store back.
pub(crate) fn check_pages_then_every_kind(
    check: impl Fn(&crate::lines::LineStore<'_>),
) -> crate::lines::LineStore<'static> {
    use crate::lines::{Kind, Line, LineStore};
    for page in pages() {
        check(&crate::lines::classify_all(&page, 0).lines);
    }
    let mut lines = LineStore::with_capacity("x", 64, 1);
    let several = crate::phrases::chrome().segment("reply vote up").map(Kind::Chrome);
    for (number, kind) in crate::lines::every_kind().into_iter().chain(several).enumerate() {
        lines.push(Line::new("x", 1, kind), number + 1);
    }
    check(&lines);
    lines
}
