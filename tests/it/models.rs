//! What each cooperation model produces: agreements and parties, routing, fees, languages.

use crate::util::*;
use digisos_pakke::plan::{DocumentKind, Plan};
use digisos_pakke::profile::Language;

fn stems(plan: &Plan, kind: DocumentKind) -> Vec<String> {
    plan.documents
        .iter()
        .filter(|d| d.kind == kind)
        .map(|d| d.file_stem.clone())
        .collect()
}

/// The agreement files of a model and the party each is signed with.
fn agreements(name: &str) -> Vec<(String, String, String)> {
    let plan = plan_of(name);
    plan.documents
        .iter()
        .filter(|d| d.kind.is_agreement())
        .map(|d| {
            (
                d.file_stem.clone(),
                d.party.organisation.name.clone(),
                d.party.signatory.name.clone(),
            )
        })
        .collect()
}

#[test]
fn single_signs_one_pair_of_agreements_itself() {
    assert_eq!(
        agreements("single"),
        [
            (
                "databehandleravtale-3201".into(),
                "Bærum kommune".into(),
                "Ola Eksempelsen".into()
            ),
            (
                "samarbeidsavtale-3201".into(),
                "Bærum kommune".into(),
                "Ola Eksempelsen".into()
            ),
        ]
    );
}

#[test]
fn with_transfer_only_the_host_signs_on_behalf_of_the_members() {
    assert_eq!(
        agreements("host-with-transfer"),
        [
            (
                "databehandleravtale-5612".into(),
                "Kautokeino kommune".into(),
                "Áilu Eksempelsen".into()
            ),
            (
                "samarbeidsavtale-5612".into(),
                "Kautokeino kommune".into(),
                "Áilu Eksempelsen".into()
            ),
        ]
    );
    let plan = plan_of("host-with-transfer");
    let text = typeset_text(&plan, "databehandleravtale-5612");
    assert_contains(&text, "kommuneloven");
    assert_contains(&text, "kapittel 20");
    assert_contains(&text, "Karasjok kommune");
    assert_contains(&text, "963 376 030");
    assert_eq!(stems(&plan, DocumentKind::Pvk), ["pvk-5612"]);
}

#[test]
fn without_transfer_each_municipality_signs_its_own_pair() {
    assert_eq!(
        agreements("host-without-transfer"),
        [
            (
                "databehandleravtale-4627".into(),
                "Askøy kommune".into(),
                "Olav Eksempelsen".into()
            ),
            (
                "databehandleravtale-4626".into(),
                "Øygarden kommune".into(),
                "Synnøve Døme".into()
            ),
            (
                "samarbeidsavtale-4627".into(),
                "Askøy kommune".into(),
                "Olav Eksempelsen".into()
            ),
            (
                "samarbeidsavtale-4626".into(),
                "Øygarden kommune".into(),
                "Synnøve Døme".into()
            ),
        ]
    );
    let plan = plan_of("host-without-transfer");
    assert_eq!(stems(&plan, DocumentKind::Pvk), ["pvk-4627", "pvk-4626"]);
    let text = typeset_text(&plan, "databehandleravtale-4626");
    assert_contains(&text, "Øygarden kommune");
    assert_contains(&text, "922 530 890");
    assert!(
        !squash(&text).contains("964338442"),
        "the member's agreement routes to the host:\n{text}"
    );
}

#[test]
fn in_the_board_model_the_body_signs_and_the_assumption_is_stated() {
    assert_eq!(
        agreements("board"),
        [
            (
                "databehandleravtale-999999999".into(),
                "Nordmøre sosialtjenestesamarbeid".into(),
                "Knut Eksempelsen".into()
            ),
            (
                "samarbeidsavtale-999999999".into(),
                "Nordmøre sosialtjenestesamarbeid".into(),
                "Knut Eksempelsen".into()
            ),
        ]
    );
    let plan = plan_of("board");
    for stem in [
        "databehandleravtale-999999999",
        "samarbeidsavtale-999999999",
    ] {
        let text = typeset_text(&plan, stem);
        assert_contains(&text, "Forutsetning");
        assert_contains(&text, "999 999 999");
        assert_contains(&text, "fullmakt");
        assert_contains(&text, "kapittel 19");
    }
}

#[test]
fn a_board_profile_may_state_what_its_legal_form_implies() {
    let yaml = include_str!("../../data/examples/board.yaml").replace(
        "    legal_form: oppgavefellesskap\n",
        "    legal_form: oppgavefellesskap\n    controller: members\n    recipient: members\n",
    );
    let profile = parse(&yaml).expect("valid");
    let plan = pipeline().plan(&profile);
    // Each municipality is its own controller: one DPIA each; the handbook does not
    // settle the model, so the assumption is still stated for Digisos to confirm.
    assert_eq!(stems(&plan, DocumentKind::Pvk), ["pvk-1505", "pvk-1506"]);
    assert!(plan.documents.iter().all(|d| d.clauses.board_assumption));
    // The manifest calls the body a party, not the controller.
    let pack = pipeline().pack(&profile).unwrap();
    let manifest = pack
        .files
        .iter()
        .find(|f| f.name == "manifest.json")
        .unwrap();
    let manifest: digisos_pakke::pack::Manifest = serde_json::from_slice(&manifest.bytes).unwrap();
    assert_eq!(manifest.parties[0].role, "avtalepart");
}

#[test]
fn each_letter_quotes_the_routing_sentence_residents_see_on_nav_no() {
    let expected = [
        (
            "single",
            "informasjonsbrev-3201",
            "Nav Bærum, Bærum kommune",
        ),
        (
            "host-with-transfer",
            "informasjonsbrev-5612",
            "Nav Indre Finnmark, Kautokeino kommune",
        ),
        (
            "host-with-transfer",
            "informasjonsbrev-5610",
            "Nav Indre Finnmark, Kautokeino kommune",
        ),
        (
            "host-without-transfer",
            "informasjonsbrev-4627",
            "Nav Askøy og Øygarden, Askøy kommune",
        ),
        (
            "host-without-transfer",
            "informasjonsbrev-4626",
            "Nav Askøy og Øygarden, Øygarden kommune",
        ),
        (
            "board",
            "informasjonsbrev-1505",
            "Nav Nordmøre, Kristiansund kommune",
        ),
        (
            "board",
            "informasjonsbrev-1506",
            "Nav Nordmøre, Molde kommune",
        ),
    ];
    for (model, stem, receiver) in expected {
        let text = typeset_text(&plan_of(model), stem);
        assert_contains(&text, &format!("Søknaden vil bli sendt til: {receiver}."));
    }
}

#[test]
fn the_connection_fee_follows_the_handbooks_rule() {
    let cases = [
        (6_299, "55 000 kr + mva"),
        (6_300, "55 000 kr + mva"),
        (6_301, "6 301 × 8,60 kr = 54 188,60 kr + mva"),
        (130_000, "130 000 × 8,60 kr = 1 118 000 kr + mva"),
    ];
    for (population, shown) in cases {
        let yaml = include_str!("../../data/examples/single.yaml")
            .replace("population: 133228", &format!("population: {population}"));
        let profile = parse(&yaml).expect("valid");
        let plan = pipeline().plan(&profile);
        let text = typeset_text(&plan, "samarbeidsavtale-3201");
        assert_contains(&text, shown);
        // The flat fee is explained as flat; the arithmetic belongs to the other branch.
        assert_eq!(text.contains(" × "), population > 6_300, "{population}");
        if population == 6_300 {
            assert_contains(&text, "nøyaktig 6 300");
        }
    }
}

#[test]
fn a_nynorsk_member_of_a_bokmal_host_gets_nynorsk_documents() {
    let plan = plan_of("host-without-transfer");
    for job in &plan.documents {
        let expected = if job.file_stem.ends_with("4626") {
            Language::Nn
        } else {
            Language::Nb
        };
        assert_eq!(job.language, expected, "{}", job.file_stem);
    }
    assert_contains(
        &typeset_text(&plan, "databehandleravtale-4626"),
        "Databehandlaravtale",
    );
    assert_contains(
        &typeset_text(&plan, "informasjonsbrev-4626"),
        "No kan du søkje",
    );
}

/// Text inside «…» quotes official bokmål titles and nav.no's wording; addresses are names.
fn nynorsk_words(text: &str) -> Vec<String> {
    let mut kept = String::new();
    let mut depth = 0;
    for c in text.chars() {
        match c {
            '«' => depth += 1,
            '»' => depth = (depth - 1).max(0),
            _ if depth == 0 => kept.push(c),
            _ => {}
        }
    }
    kept.split_whitespace()
        .filter(|w| !w.contains('@') && !w.contains("://") && !w.contains("nav.no"))
        .flat_map(|w| {
            w.split(|c: char| !c.is_alphabetic())
                .map(str::to_lowercase)
                .collect::<Vec<_>>()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

#[test]
fn nynorsk_documents_hold_no_bokmal_only_forms() {
    let forms: Vec<&str> = include_str!("../fixtures/bokmal-only-forms.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    assert!(
        forms.len() >= 60,
        "the word list is too short to mean anything"
    );
    let plan = plan_of("host-without-transfer");
    let nynorsk: Vec<_> = plan
        .documents
        .iter()
        .filter(|d| d.language == Language::Nn)
        .collect();
    assert_eq!(nynorsk.len(), 6);
    for job in nynorsk {
        let text = typeset_text(&plan, &job.file_stem);
        // The profile's own names (people, offices, products) are not the template's words.
        let text = text
            .replace("Nav Askøy og Øygarden", "")
            .replace("Visma Flyt Sosial", "");
        let found: Vec<String> = nynorsk_words(&text)
            .into_iter()
            .filter(|w| forms.contains(&w.as_str()))
            .collect();
        assert!(
            found.is_empty(),
            "{} has bokmål forms: {found:?}",
            job.file_stem
        );
    }
}

#[test]
fn sami_names_are_shown_and_extract_as_written() {
    let plan = plan_of("host-with-transfer");
    let sami: Vec<&String> = plan
        .warnings
        .iter()
        .filter(|w| w.contains("Sami"))
        .collect();
    assert_eq!(sami.len(), 2, "{:?}", plan.warnings);
    // A municipality outside the Sami area shows no parallel name, and no empty slot for one.
    let text = typeset_text(&plan_of("single"), "nyhetssak-3201");
    assert!(
        !text.contains("Bærum /") && !text.contains("Bærum –"),
        "{text}"
    );
    for (stem, sami) in [
        ("informasjonsbrev-5612", "Guovdageaidnu"),
        ("nyhetssak-5610", "Kárášjohka"),
    ] {
        let text = typeset_text(&plan, stem);
        assert!(text.contains(sami), "{sami} missing from {stem}:\n{text}");
    }
    // Every Sami letter the fonts must carry survives typesetting.
    let yaml =
        include_str!("../../data/examples/single.yaml").replace("Per Testesen", "Áŋŋá Čđšŧž Ŋŋ");
    let profile = parse(&yaml).expect("valid");
    let plan = pipeline().plan(&profile);
    assert!(typeset_text(&plan, "nyhetssak-3201").contains("Áŋŋá Čđšŧž Ŋŋ"));
    pipeline()
        .pack(&profile)
        .expect("PDF/A export fails on a missing glyph");
}

#[test]
fn the_checklist_dates_the_timeline_and_moves_dates_off_holidays() {
    // Connection on Monday 13 April 2026: a week before is Easter Monday.
    let plan = plan_of("host-without-transfer");
    let text = typeset_text(&plan, "sjekkliste-4626");
    assert_contains(&text, "Plan for påkopling og sjekkliste");
    assert_contains(&text, "13. april 2026");
    assert_contains(&text, "6. april 2026 er flytta til 1. april 2026");
    assert_contains(&text, "digisos@nav.no");
    assert_contains(&text, "nav.kontaktsenter.remedy@nav.no");
    assert!(
        text.matches('☐').count() >= 25,
        "the handbook's checklist has tick boxes:\n{text}"
    );
    let bokmal = typeset_text(&plan, "sjekkliste-4627");
    assert_contains(&bokmal, "Plan for påkobling og sjekkliste");
}
