//! Property tests: the profile loader never panics, and the Markdown→Typst converter's
//! output always compiles and shows its input literally. The checks are the fuzz targets'
//! (`digisos_pakke::fuzzing`); proptest runs them in `cargo test` on generated input.
//! `PROPTEST_CASES=60000` runs a longer search; failing cases are saved in
//! `tests/proptest-regressions/` and replayed first.

use digisos_pakke::fuzzing::{load_profile, markup_roundtrip};
use proptest::prelude::*;
use proptest::test_runner::RngSeed;

/// Text rich in characters that mean something to Markdown, Typst, Tera or HTML, and any
/// left-to-right script.
fn tricky_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[#$*_@<>\\[\\]\\\\`~/=+.:;'\"{}()|&!%^?a-zæøåÆØÅ0-9 -]{1,40}",
        "[\\p{Latin}\\p{Greek}\\p{Cyrillic}\\p{P}\\p{S}\\p{N} ]{1,30}",
        "\\PC{1,20}",
    ]
}

proptest! {
    // The everyday run is the same every time (a fixed seed), so that CI cannot fail by
    // chance; a long search with PROPTEST_CASES set draws new input each time.
    #![proptest_config({
        let cases = std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok());
        ProptestConfig {
            cases: cases.unwrap_or(48),
            rng_seed: if cases.is_some() { RngSeed::Random } else { RngSeed::Fixed(2026) },
            ..ProptestConfig::default()
        }
    })]

    #[test]
    fn converted_text_compiles_and_reads_literally(text in tricky_text()) {
        markup_roundtrip(&text);
    }

    #[test]
    fn the_profile_loader_never_panics_on_any_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        load_profile(&bytes);
    }

    #[test]
    fn the_profile_loader_never_panics_on_a_damaged_profile(at in 0usize..1200, len in 0usize..40, insert in "\\PC{0,20}") {
        let base = include_str!("../../data/examples/host-without-transfer.yaml");
        let mut chars: Vec<char> = base.chars().collect();
        let at = at.min(chars.len());
        let end = (at + len).min(chars.len());
        chars.splice(at..end, insert.chars());
        load_profile(chars.into_iter().collect::<String>().as_bytes());
    }
}
