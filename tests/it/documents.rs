//! The documents of a pack, as a reader sees them in the PDF.

use crate::util::*;

#[test]
fn the_data_processing_agreement_names_both_parties_with_their_numbers() {
    let plan = plan_of("single");
    let text = typeset_text(&plan, "databehandleravtale-3201");
    assert_contains(&text, "Databehandleravtale");
    assert_contains(&text, "Bærum kommune");
    assert_contains(&text, "935 478 715");
    assert_contains(&text, "Arbeids- og velferdsdirektoratet");
    assert_contains(&text, "990 983 666");
    assert_contains(&text, "behandlingsansvarlig");
    assert_contains(&text, "databehandler");
}

#[test]
fn the_data_processing_agreement_writes_out_every_duty_of_article_28_3() {
    let plan = plan_of("single");
    let text = typeset_text(&plan, "databehandleravtale-3201");
    for letter in 'a'..='h' {
        assert_contains(&text, &format!("nr. 3 bokstav {letter})"));
    }
    for duty in [
        "Dokumenterte instrukser",
        "Taushetsplikt",
        "Sikkerhet ved behandlingen",
        "Underdatabehandlere",
        "Bistand med de registrertes rettigheter",
        "Bistand med art. 32 til 36",
        "Sletting eller tilbakelevering",
        "Informasjon og revisjon",
    ] {
        assert_contains(&text, duty);
    }
}

#[test]
fn agreements_end_with_a_signature_block_per_party() {
    let plan = plan_of("single");
    let text = typeset_text(&plan, "databehandleravtale-3201");
    let signatures = &text[text.rfind("Underskrifter").expect("signature section")..];
    assert_contains(signatures, "Bærum kommune");
    assert_contains(signatures, "Ola Eksempelsen");
    assert_contains(signatures, "Kommunedirektør");
    assert_contains(signatures, "Arbeids- og velferdsdirektoratet");
    assert_contains(signatures, "Sted og dato");
    assert_eq!(
        signatures.matches("Underskrift\n").count(),
        2,
        "{signatures}"
    );
}

#[test]
fn every_page_is_numbered_side_x_av_y() {
    let plan = plan_of("single");
    let text = typeset_text(&plan, "databehandleravtale-3201");
    let pages = text.matches("Side ").count();
    assert!(
        pages >= 5,
        "a full agreement has several pages, found {pages}"
    );
    assert_contains(&text, &format!("Side {pages} av {pages}"));
}

#[test]
fn the_footer_carries_tool_template_and_profile_versions() {
    let profile = example("single");
    let plan = plan_of("single");
    let text = typeset_text(&plan, "databehandleravtale-3201");
    assert_contains(
        &text,
        &format!("digisos-pakke {}", env!("CARGO_PKG_VERSION")),
    );
    assert_contains(&text, &format!("maler {}", pipeline().template_version()));
    assert_contains(&text, &format!("profil {}", &profile.sha256[..12]));
}

#[test]
fn generating_twice_gives_identical_bytes() {
    let g = pipeline();
    let profile = example("single");
    let first = g.pack(&profile).expect("pack");
    let second = g.pack(&profile).expect("pack");
    assert_eq!(first, second);
    assert!(
        first
            .files
            .iter()
            .any(|f| f.name == "databehandleravtale-3201.pdf")
    );
}
