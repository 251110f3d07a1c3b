//! `parse_bytes` in strict mode on raw bytes: no panic, an Ok has no warnings, and errors
//! point into the input.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    article_dump_fuzz::strict_bytes(&article_dump::Parser::new().strict(true), data);
});
