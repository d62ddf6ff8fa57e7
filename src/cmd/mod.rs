//! One module per command that needs more than a few lines.

pub mod batch;
