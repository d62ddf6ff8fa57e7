#![no_main]
//! Any bytes as a profile: the loader must never panic.

libfuzzer_sys::fuzz_target!(|data: &[u8]| digisos_pakke::fuzzing::load_profile(data));
