//! One module per group of commands.

pub mod batch;
pub mod check;
pub mod generate;
pub mod start;
pub mod translate;
