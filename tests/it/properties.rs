//! Property tests: the profile loader never panics, and the Markdown→Typst converter's
//! output always compiles and shows its input literally. Failing cases proptest finds are
//! kept in `proptest-regressions/` and run first on every later run.

use crate::util::*;
use digisos_pakke::render::escape_markdown;
use digisos_pakke::typeset::{Meta, plain_text};
use digisos_pakke::typst_markup::{self, mark_value};
use proptest::prelude::*;

fn meta(values: Vec<String>) -> Meta {
    Meta {
        title: "T".into(),
        author: "A".into(),
        lang: "nb",
        date: [2026, 2, 1],
        date_text: String::new(),
        subtitle: String::new(),
        signatures: Vec::new(),
        landscape: false,
        values,
        tool: "0",
        templates: String::new(),
        profile: String::new(),
    }
}

/// Text rich in characters that mean something to Markdown, Typst, Tera or HTML.
fn tricky_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[#$*_@<>\\[\\]\\\\`~/=+.:;'\"{}()|&!%^?a-zæøåÆØÅ0-9 -]{1,40}",
        // Any left-to-right script, punctuation and symbols (text extraction cannot follow
        // right-to-left runs, so those are left out of the comparison).
        "[\\p{Latin}\\p{Greek}\\p{Cyrillic}\\p{P}\\p{S}\\p{N} ]{1,30}",
    ]
    .prop_filter("printable, as validation requires", |s| {
        s.trim() == s
            && !s.trim().is_empty()
            && !s.chars().any(|c| {
                c.is_control() || ('\u{e000}'..='\u{f8ff}').contains(&c) || right_to_left(c)
            })
    })
}

/// Hebrew, Arabic and other right-to-left blocks, whose runs text extraction reorders.
fn right_to_left(c: char) -> bool {
    matches!(c, '\u{0590}'..='\u{08ff}' | '\u{fb1d}'..='\u{fdff}' | '\u{fe70}'..='\u{feff}' | '\u{10800}'..='\u{10fff}' | '\u{1e800}'..='\u{1efff}')
}

proptest! {
    // 48 cases in CI; `PROPTEST_CASES=20000` for a longer search.
    #![proptest_config(ProptestConfig { cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(48), ..ProptestConfig::default() })]

    #[test]
    fn converted_text_compiles_and_reads_literally(text in tricky_text()) {
        // Once as text of a template, once as a value a template inserts.
        for line in [escape_markdown(&text), mark_value(&escape_markdown(&text))] {
            let markup = typst_markup::convert(&format!("# Tittel\n\nA {line} B\n")).expect("converts");
            let document = generator().typesetter.compile(&markup.body, &meta(markup.values.clone()));
            let document = document.unwrap_or_else(|e| panic!("{text:?} did not compile: {e}\n{}", markup.body));
            let read = squash(&plain_text(&document));
            prop_assert!(read.contains(&squash(&format!("A{text}B"))), "{text:?} read as {read:?}");
        }
    }

    #[test]
    fn the_profile_loader_never_panics_on_any_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let _ = digisos_pakke::profile::parse(&bytes, "fuzz.yaml".as_ref(), &Default::default());
    }

    #[test]
    fn the_profile_loader_never_panics_on_a_damaged_profile(at in 0usize..1200, len in 0usize..40, insert in "\\PC{0,20}") {
        let base = include_str!("../../data/examples/host-without-transfer.yaml");
        let mut chars: Vec<char> = base.chars().collect();
        let at = at.min(chars.len());
        let end = (at + len).min(chars.len());
        chars.splice(at..end, insert.chars());
        let damaged: String = chars.into_iter().collect();
        if let Ok(profile) = digisos_pakke::profile::parse(damaged.as_bytes(), "fuzz.yaml".as_ref(), &Default::default()) {
            // Whatever passes validation must also plan and render without panicking.
            let plan = digisos_pakke::plan::build(&profile, &generator().reference);
            for job in &plan.documents {
                let _ = generator().prepare(&plan, job);
            }
        }
    }
}
