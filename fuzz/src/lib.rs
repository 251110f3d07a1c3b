//! What the fuzz targets share: one function per target that parses and checks the result.
//!
//! The checks live in `tests/support/invariants.rs` so that the tests use the same ones.

#[path = "../../tests/support/invariants.rs"]
mod invariants;

use article_dump::Parser;

pub use invariants::{
    check_dump, check_error, check_lenient_error, check_lines, check_strict_dump,
};

/// Parses `data` with `parser` (lenient) and checks the outcome.
pub fn lenient_bytes(parser: &Parser, data: &[u8]) {
    match parser.parse_bytes(data) {
        Ok(dump) => {
            let text = std::str::from_utf8(data).expect("Ok from parse_bytes implies valid UTF-8");
            check_dump(text, &dump);
        }
        Err(error) => check_lenient_error(data, &error),
    }
}

/// Parses `data` with `parser` (strict) and checks the outcome.
pub fn strict_bytes(parser: &Parser, data: &[u8]) {
    match parser.parse_bytes(data) {
        Ok(dump) => {
            let text = std::str::from_utf8(data).expect("Ok from parse_bytes implies valid UTF-8");
            check_strict_dump(text, &dump);
        }
        Err(error) => check_error(data, &error),
    }
}
