#![no_main]
//! Any text through Markdown escaping and the Typst converter: it must compile and read
//! literally.

libfuzzer_sys::fuzz_target!(|text: &str| digisos_pakke::fuzzing::markup_roundtrip(text));
