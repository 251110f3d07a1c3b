//! `parse_bytes` in lenient mode on raw bytes: no panic, and a result that passes the
//! invariant checks (spans in bounds and on char boundaries, errors only for bad input).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    article_dump_fuzz::lenient_bytes(&article_dump::Parser::new(), data);
});
