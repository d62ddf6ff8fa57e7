use super::escape_markdown;
use super::*;
use crate::typeset::{Meta, Typesetter, plain_text};

/// Typesets `markup` with the real layout and returns the text a reader sees.
fn typeset(markup: &Markup) -> String {
    let meta = Meta::bare(markup.values.clone());
    let document = Typesetter::new(crate::assets::LAYOUT)
        .compile(&markup.body, &meta)
        .expect("compiles");
    plain_text(&document)
}

#[test]
fn every_typst_special_character_is_escaped() {
    for c in [
        '#', '$', '*', '_', '@', '<', '>', '[', ']', '\\', '`', '~', '/', '=', '-', '+',
    ] {
        assert_eq!(escape_text(&c.to_string()), format!("\\{c}"), "{c}");
    }
    assert_eq!(escape_text("Bærum §§ 18–19 «x»"), "Bærum §§ 18–19 «x»");
}

#[test]
fn hostile_text_arrives_in_the_pdf_literally() {
    let hostile = [
        "#read(\"/etc/passwd\")",
        "#import \"@preview/x:1.0.0\": *",
        "#set page(width: 1cm)",
        "] #panic() [",
        "$ x^2 $",
        "@label and <label>",
        "a // comment",
        "/* block */",
        "\\u{41} and \\ linebreak",
        "`raw` and ```block```",
        "= heading",
        "- item",
        "+ item",
        "1. item",
        "/ term: description",
        "-- and --- and ... and ~",
        "*strong* _emph_",
        "https://example.com/x",
        "'single' \"double\"",
    ];
    let markdown = format!(
        "# Tittel\n\n{}\n",
        hostile
            .iter()
            .map(|h| escape_markdown(h))
            .collect::<Vec<_>>()
            .join("\n\n")
    );
    let markup = convert(&markdown).expect("converts");
    let text = typeset(&markup);
    for h in hostile {
        assert!(text.contains(h), "{h:?} is not literal in:\n{text}");
    }
    // The same values inserted by a template travel as data, and arrive just as literally.
    let markdown = format!(
        "# Tittel\n\n{}\n",
        hostile
            .iter()
            .map(|h| format!("Verdi: {}", mark_value(&escape_markdown(h))))
            .collect::<Vec<_>>()
            .join("\n\n")
    );
    let markup = convert(&markdown).expect("converts");
    assert_eq!(markup.values, hostile);
    let text = typeset(&markup);
    for h in hostile {
        assert!(text.contains(h), "{h:?} is not literal in:\n{text}");
    }
}

#[test]
fn values_travel_as_data_so_the_markup_is_the_same_for_every_municipality() {
    let page = |name: &str| {
        let markdown = format!(
            "# Avtale\n\nMellom **{}** og direktoratet.\n",
            mark_value(&escape_markdown(name))
        );
        convert(&markdown).unwrap()
    };
    let (a, b) = (page("Bærum"), page("Nore og Uvdal. *Test*"));
    assert_eq!(a.body, "Mellom #strong[#v.at(0);] og direktoratet\\.\n");
    assert_eq!(a.body, b.body);
    assert_eq!(b.values, ["Nore og Uvdal. *Test*"]);
    let text = typeset(&b);
    assert!(
        text.contains("Nore og Uvdal. *Test*") && text.contains("og direktoratet."),
        "{text}"
    );
}

#[test]
fn structure_converts_to_typst() {
    let markdown = "# Tittel\n\nTekst med **fet** og *kursiv*.\n\n## Del\n\n- en\n- to\n  1. nestet\n\n| A | B |\n|---|---|\n| 1 | 2 |\n\n[nav.no](https://www.nav.no)\n";
    let m = convert(markdown).unwrap();
    assert_eq!(m.title, "Tittel");
    assert!(m.body.contains("#strong[fet]"), "{}", m.body);
    assert!(m.body.contains("#emph[kursiv]"), "{}", m.body);
    assert!(m.body.contains("== Del"), "{}", m.body);
    assert!(m.body.contains("\n- en\n- to\n  + nestet"), "{}", m.body);
    assert!(
        m.body
            .contains("#table(columns: 2,\n  table.header([A],[B],),\n  [1],[2],\n)"),
        "{}",
        m.body
    );
    assert!(
        m.body.contains("#link(\"https://www.nav.no\")[nav\\.no]"),
        "{}",
        m.body
    );
    typeset(&m);
}

#[test]
fn tick_box_lists_use_the_boxes_as_markers() {
    let m = convert("# T\n\n- [ ] en\n  - [x] under\n- [ ] to\n\nTekst\n\n- vanlig\n").unwrap();
    assert_eq!(
        m.body,
        "#[#set list(marker: none)\n- ☐ en#[#set list(marker: none)\n  - ☑ under]\n- ☐ to]\n\nTekst\n\n\n\n\n- vanlig\n"
    );
    let text: String = typeset(&m).split_whitespace().collect();
    assert!(
        text.contains("☐en") && text.contains("☑under") && text.contains("vanlig"),
        "{text}"
    );
}

#[test]
fn unsafe_link_targets_are_dropped_and_their_text_kept() {
    let m = convert("# T\n\n[klikk](javascript:alert(1))\n").unwrap();
    assert_eq!(m.body, "klikk\n");
}

#[test]
fn a_missing_title_and_a_skipped_heading_level_are_errors() {
    assert_eq!(convert("Tekst\n"), Err(MarkupError::MissingTitle));
    assert_eq!(
        convert("# T\n\n### For dypt\n"),
        Err(MarkupError::SkippedHeadingLevel {
            heading: "For dypt".into(),
            level: 3,
            previous: 1
        })
    );
}
