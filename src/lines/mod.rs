//! Stage 1: classify every line once.

pub(crate) mod date;
