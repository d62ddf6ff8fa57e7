//! Integration tests: what a user of digisos-pakke would check.

mod batch;
mod browser;
mod cli;
mod content;
mod documents;
mod docx;
mod hostile;
mod layout;
mod models;
mod pack;
mod profile;
mod properties;
mod redline;
mod regression;
mod sami;
mod serve;
mod start;
mod streams;
mod util;
