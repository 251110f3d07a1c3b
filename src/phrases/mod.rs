//! The phrase tables: every visible wpDiscuz phrase in every language, loaded from data.
//!
//! The tables are the TSV files beside this module, kept as data so that a language or a
//! phrase is added by editing a file, not code:
//!
//! - `wpdiscuz7.tsv`: wpDiscuz 7 as bundled with the plugin (one column per language);
//! - `packs.tsv`: the translate.wordpress.org language packs, which sites load first;
//! - `wpdiscuz4.tsv`: legacy wpDiscuz 4.x-5.x;
//! - `extra.tsv`: phrases the catalogues miss (WordPress core cousins, converter residue,
//!   common admin-typed variants), one `key<TAB>text` row each.
//!
//! Rows are keyed by the plugin's phrase key (`wc_notify_of`, `wc_year_text`, ...).

use std::collections::HashMap;
use std::sync::OnceLock;

const TABLES: [&str; 4] = [
    include_str!("wpdiscuz7.tsv"),
    include_str!("packs.tsv"),
    include_str!("wpdiscuz4.tsv"),
    include_str!("extra.tsv"),
];

/// Every phrase of every table, by key.
#[derive(Debug, Default)]
pub(crate) struct Catalog {
    by_key: HashMap<&'static str, Vec<&'static str>>,
}

impl Catalog {
    fn load() -> Catalog {
        let mut catalog = Catalog::default();
        for table in TABLES {
            catalog.add_table(table);
        }
        for texts in catalog.by_key.values_mut() {
            let mut seen = std::collections::HashSet::new();
            texts.retain(|t| seen.insert(*t));
        }
        catalog
    }

    /// Adds one TSV table: a header row `key<TAB>col...`, then rows of cells. Columns other
    /// than the key that are not translations (`where`) are skipped; empty cells mean "the
    /// English text is shown" and add nothing.
    fn add_table(&mut self, table: &'static str) {
        let mut rows = table.lines();
        let header: Vec<&str> = rows.next().unwrap_or_default().split('\t').collect();
        for row in rows {
            let mut cells = row.split('\t');
            let Some(key) = cells.next().filter(|k| !k.is_empty() && !k.starts_with('#')) else {
                continue;
            };
            let texts = self.by_key.entry(key).or_default();
            for (column, cell) in header.iter().skip(1).zip(cells) {
                let cell = cell.trim();
                if *column != "where" && !cell.is_empty() {
                    texts.push(cell);
                }
            }
        }
    }

    /// All distinct texts of `key` across the tables and languages, English first.
    pub fn texts(&self, key: &str) -> &[&'static str] {
        self.by_key.get(key).map_or(&[], Vec::as_slice)
    }

    /// Every key with its texts.
    pub fn entries(&self) -> impl Iterator<Item = (&'static str, &[&'static str])> {
        self.by_key.iter().map(|(k, v)| (*k, v.as_slice()))
    }
}

/// The catalogue, loaded once.
pub(crate) fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(Catalog::load)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loads_every_language_of_a_key() {
        let notify = catalog().texts("wc_notify_of");
        assert_eq!(notify[0], "Notify of");
        assert!(notify.contains(&"Benachrichtige mich bei"), "{notify:?}");
        assert!(notify.len() > 10);
    }

    #[test]
    fn texts_are_distinct_and_non_empty() {
        for (key, texts) in catalog().entries() {
            let mut sorted = texts.to_vec();
            sorted.sort_unstable();
            sorted.dedup();
            assert_eq!(sorted.len(), texts.len(), "{key}");
            assert!(texts.iter().all(|t| !t.is_empty()), "{key}");
        }
    }

    #[test]
    fn legacy_keys_are_loaded() {
        assert!(catalog().texts("wc_sort_by").contains(&"Sort by"));
        assert!(catalog().texts("wc_share_twitter").contains(&"Share On Twitter"));
    }
}
