//! The checks the fuzz targets (`fuzz/`) run, shared with the regression tests that replay
//! their saved inputs (`tests/fixtures/fuzz/`). Each panics when the property breaks,
//! which is how a fuzzer notices.

use crate::pipeline::Pipeline;
use crate::typeset::{Meta, Typesetter, plain_text};
use crate::typst_markup::{convert, escape_markdown, mark_value};
use std::path::Path;
use std::sync::OnceLock;

/// Loads `bytes` as a profile; any outcome but a panic is fine, and what loads must plan
/// and render.
pub fn load_profile(bytes: &[u8]) {
    if let Ok(profile) = crate::profile::parse(bytes, Path::new("fuzz.yaml"), &Default::default()) {
        let pipeline = pipeline();
        let plan = pipeline.plan(&profile);
        for job in &plan.documents {
            pipeline
                .prepare(&plan, job)
                .expect("a valid profile renders");
        }
    }
}

/// Converts `text` as template text and as an inserted value; the markup must compile and
/// the typeset text must contain `text` (whitespace aside). Text a profile could not hold
/// (control characters, private use, right-to-left scripts, which text extraction reorders)
/// is skipped.
pub fn markup_roundtrip(text: &str) {
    let printable = !text.trim().is_empty()
        && !text.chars().any(|c| {
            c.is_control()
                || matches!(c, '\u{e000}'..='\u{f8ff}' | '\u{0590}'..='\u{08ff}' | '\u{fb1d}'..='\u{fdff}' | '\u{fe70}'..='\u{feff}' | '\u{10800}'..='\u{10fff}' | '\u{1e800}'..='\u{1efff}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        });
    if !printable {
        return;
    }
    let text = text.trim();
    let escaped = escape_markdown(text);
    for line in [escaped.clone(), mark_value(&escaped)] {
        let markup = convert(&format!("# T\n\nA {line} B\n")).expect("converts");
        let meta = Meta::bare(markup.values.clone());
        let document = typesetter()
            .compile(&markup.body, &meta)
            .unwrap_or_else(|e| panic!("{text:?} did not compile: {e}\n{}", markup.body));
        // Whitespace is laid out, not kept; invisible format characters are not shaped.
        let squash = |s: &str| {
            s.chars()
                .filter(|c| !c.is_whitespace() && !default_ignorable(*c))
                .collect::<String>()
        };
        let read = squash(&plain_text(&document));
        assert!(
            read.contains(&squash(&format!("A{text}B"))),
            "{text:?} read as {read:?}"
        );
    }
    // A fuzzer calls this millions of times: keep Typst's memo cache from growing.
    typesetter().trim_caches(1);
}

/// Unicode's default-ignorable code points: variation selectors, joiners, soft hyphen and
/// the like, which render as nothing.
fn default_ignorable(c: char) -> bool {
    matches!(c, '\u{ad}' | '\u{34f}' | '\u{61c}' | '\u{115f}'..='\u{1160}' | '\u{17b4}'..='\u{17b5}' | '\u{180b}'..='\u{180f}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{206f}' | '\u{3164}' | '\u{fe00}'..='\u{fe0f}' | '\u{feff}' | '\u{ffa0}' | '\u{fff0}'..='\u{fff8}' | '\u{1bca0}'..='\u{1bca3}' | '\u{1d173}'..='\u{1d17a}' | '\u{e0000}'..='\u{e0fff}')
}

fn pipeline() -> &'static Pipeline {
    static PIPELINE: OnceLock<Pipeline> = OnceLock::new();
    PIPELINE.get_or_init(|| Pipeline::builtin().expect("built-in data"))
}

/// A typesetter with the built-in layout, for markup that is not a planned document.
fn typesetter() -> &'static Typesetter {
    static TYPESETTER: OnceLock<Typesetter> = OnceLock::new();
    TYPESETTER.get_or_init(|| Typesetter::new(&crate::assets::TemplateFiles::builtin().layout.text))
}
