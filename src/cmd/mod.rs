//! One module per group of commands.

pub(crate) mod batch;
pub(crate) mod check;
pub(crate) mod generate;
pub(crate) mod redline;
pub(crate) mod serve;
pub(crate) mod start;
pub(crate) mod translate;
