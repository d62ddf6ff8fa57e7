//! What a municipal lawyer, a privacy officer and a resident would check in the content:
//! who is controller and who signs in every model, that every controller is in the contract,
//! no processor facts left to the municipality, the draft mark, the citizen texts' dates,
//! phone lines, contacts and readability, and a checklist that follows the model.

use crate::util::*;
use digisos_pakke::pipeline::Pipeline;
use digisos_pakke::plan::{DocumentKind, Plan};
use digisos_pakke::profile::{Language, Profile, ProfileError};
use digisos_pakke::reference::Reference;

/// The text of every page of `file_stem`, typeset by `g`.
fn pages(g: &Pipeline, plan: &Plan, file_stem: &str) -> Vec<String> {
    let job = plan
        .documents
        .iter()
        .find(|j| j.file_stem == file_stem)
        .unwrap_or_else(|| panic!("no document {file_stem}"));
    digisos_pakke::typeset::page_texts(&g.document(plan, job).expect("typesets"))
}

fn stems(plan: &Plan, kind: DocumentKind) -> Vec<String> {
    plan.documents
        .iter()
        .filter(|d| d.kind == kind)
        .map(|d| d.file_stem.clone())
        .collect()
}

fn confirmed_reference() -> Pipeline {
    let reference = Reference::load(&root().join("tests/fixtures/reference-confirmed.yaml"))
        .expect("the confirmed test reference data");
    Pipeline::new(reference, &digisos_pakke::assets::TemplateFiles::builtin()).expect("a pipeline")
}

/// Every municipality's controller and recipient are named in an agreement, with the
/// recipient's organisation number, and its letter names the same controller and office.
#[test]
fn every_controller_of_every_model_is_in_an_agreement_and_in_its_letter() {
    for name in EXAMPLES {
        let plan = plan_of(name);
        let dpa_texts: Vec<String> = stems(&plan, DocumentKind::Databehandleravtale)
            .iter()
            .map(|s| typeset_text(&plan, s))
            .collect();
        for letter in plan
            .documents
            .iter()
            .filter(|d| d.kind == DocumentKind::Informasjonsbrev)
        {
            let controller = &letter.controller;
            let recipient = &letter.recipient;
            assert!(
                dpa_texts.iter().any(|t| {
                    squash(t).contains(&squash(&controller.name))
                        && squash(t).contains(&squash(&recipient.org_number.grouped()))
                }),
                "{name}: no agreement names {} with recipient {}",
                controller.name,
                recipient.org_number.grouped()
            );
            let text = typeset_text(&plan, &letter.file_stem);
            assert_contains(&text, &controller.name);
            assert_contains(&text, &letter.routing.unit);
        }
    }
}

#[test]
fn each_agreement_is_signed_by_its_party_and_the_directorate() {
    let expected = [
        ("single", vec!["Bærum kommune"]),
        ("host-with-transfer", vec!["Kautokeino kommune"]),
        (
            "host-without-transfer",
            vec!["Askøy kommune", "Øygarden kommune"],
        ),
        ("board", vec!["Nordmøre sosialtjenestesamarbeid"]),
    ];
    for (name, parties) in expected {
        let plan = plan_of(name);
        let signing: Vec<&str> = plan
            .agreements()
            .map(|d| d.party.organisation.name.as_str())
            .collect();
        assert_eq!(signing, parties, "{name}");
        for d in plan.documents.iter().filter(|d| d.kind.is_agreement()) {
            let signatures: Vec<&str> = d.signatures.iter().map(|s| s.party.as_str()).collect();
            assert_eq!(
                signatures,
                [
                    d.party.organisation.name.as_str(),
                    "Arbeids- og velferdsdirektoratet"
                ],
                "{name} {}",
                d.file_stem
            );
        }
    }
}

#[test]
fn with_transfer_the_host_is_controller_in_its_own_name_under_chapter_20() {
    let plan = plan_of("host-with-transfer");
    for d in &plan.documents {
        assert_eq!(d.controller.name, "Kautokeino kommune", "{}", d.file_stem);
    }
    let text = typeset_text(&plan, "databehandleravtale-5612");
    assert_contains(&text, "kapittel 20");
    assert_contains(&text, "20. november 2025");
    assert_contains(&text, "punkt 4");
    assert_contains(&text, "Karasjok kommune");
    assert!(
        !squash(&text).contains(&squash("på vegne av og som behandlingsansvarlig")),
        "the host signs in its own name, not as agent and principal at once"
    );
}

#[test]
fn without_transfer_a_members_dpia_names_the_host_whose_staff_process_the_data() {
    let plan = plan_of("host-without-transfer");
    assert_eq!(stems(&plan, DocumentKind::Pvk), ["pvk-4627", "pvk-4626"]);
    let member = plan
        .documents
        .iter()
        .find(|d| d.file_stem == "pvk-4626")
        .unwrap();
    assert!(member.clauses.host_staff_process);
    assert_eq!(member.controller.name, "Øygarden kommune");
    assert_contains(&typeset_text(&plan, "pvk-4626"), "Askøy kommune");
    let host = plan
        .documents
        .iter()
        .find(|d| d.file_stem == "pvk-4627")
        .unwrap();
    assert!(!host.clauses.host_staff_process);
}

/// A board profile with the given legal form, roles and document date.
fn board(
    legal_form: &str,
    controller: Option<&str>,
    recipient: Option<&str>,
    date: &str,
) -> String {
    let role = |key: &str, value: Option<&str>| {
        value.map_or(String::new(), |v| format!("    {key}: {v}\n"))
    };
    let yaml = std::fs::read_to_string(example_path("board")).unwrap();
    yaml.replace(
        "    legal_form: oppgavefellesskap\n",
        &format!(
            "    legal_form: {legal_form}\n{}{}",
            role("controller", controller),
            role("recipient", recipient)
        ),
    )
    .replace("date: 2026-04-06", &format!("date: {date}"))
}

fn problems(result: Result<Profile, ProfileError>) -> Vec<(String, String)> {
    match result {
        Err(ProfileError::Invalid { problems, .. }) => {
            problems.into_iter().map(|p| (p.path, p.message)).collect()
        }
        Err(e) => panic!("{e}"),
        Ok(_) => Vec::new(),
    }
}

#[test]
fn the_board_model_follows_the_bodys_legal_form_for_every_role() {
    let roles = [None, Some("board"), Some("members")];
    for form in ["oppgavefellesskap", "iks"] {
        for controller in roles {
            for recipient in roles {
                let yaml = board(form, controller, recipient, "2026-04-06");
                let found = problems(parse(&yaml));
                let refused = controller == Some("board") || recipient == Some("board");
                if refused {
                    assert!(
                        !found.is_empty()
                            && found
                                .iter()
                                .all(|(_, m)| m.contains("cannot decide applications")),
                        "{form} {controller:?} {recipient:?}: {found:?}"
                    );
                    continue;
                }
                assert!(found.is_empty(), "{form}: {found:?}");
                let plan = pipeline().plan(&parse(&yaml).unwrap());
                let dpa = plan
                    .documents
                    .iter()
                    .find(|d| d.kind == DocumentKind::Databehandleravtale)
                    .unwrap();
                let controllers: Vec<(&str, String)> = dpa
                    .controllers
                    .iter()
                    .map(|c| {
                        (
                            c.organisation.name.as_str(),
                            c.recipient.org_number.grouped(),
                        )
                    })
                    .collect();
                assert_eq!(
                    controllers,
                    [
                        ("Kristiansund kommune", "991 891 919".to_owned()),
                        ("Molde kommune", "921 221 967".to_owned())
                    ],
                    "{form}: every member is controller and receives its own applications"
                );
                assert!(dpa.clauses.board_signs_for_members);
                assert_eq!(
                    dpa.party.organisation.name,
                    "Nordmøre sosialtjenestesamarbeid"
                );
                assert_eq!(stems(&plan, DocumentKind::Pvk), ["pvk-1505", "pvk-1506"]);
                if controller.is_none() && recipient.is_none() {
                    // What a reader of the agreement sees: both controllers with their own
                    // organisation numbers, and the body signing under its present form.
                    let text = typeset_text(&plan, "databehandleravtale-999999999");
                    for name in [
                        "Kristiansund kommune",
                        "991 891 919",
                        "Molde kommune",
                        "921 221 967",
                    ] {
                        assert_contains(&text, name);
                    }
                    assert_contains(&text, "fullmakt");
                    // The body under its legal form today; § 27 only as the handbook's history.
                    let law = if form == "iks" {
                        "IKS-loven"
                    } else {
                        "kapittel 19"
                    };
                    assert_contains(&text, law);
                    let signatures = &text[text.rfind("Underskrifter").expect("signatures")..];
                    assert_contains(signatures, "Nordmøre sosialtjenestesamarbeid");
                    assert_contains(signatures, "Knut Eksempelsen");
                }
            }
        }
    }
    // A § 27 body cannot carry a 2026 document.
    let found = problems(parse(&board("paragraph_27", None, None, "2026-04-06")));
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].1.contains("autumn 2023"), "{found:?}");
    // Inside the transitional period it holds the roles, by default both.
    let yaml = board("paragraph_27", None, None, "2023-06-01")
        .replace("date: 2026-05-04", "date: 2023-07-03");
    let plan = pipeline().plan(&parse(&yaml).unwrap());
    let dpa = &plan.documents[0];
    assert!(dpa.clauses.board_is_controller);
    assert_eq!(dpa.controller.name, "Nordmøre sosialtjenestesamarbeid");
    // A political council produces no services.
    let found = problems(parse(&board(
        "interkommunalt_politisk_rad",
        None,
        None,
        "2026-04-06",
    )));
    assert!(found[0].1.contains("politisk råd"), "{found:?}");
}

#[test]
fn no_citizen_text_says_a_body_that_cannot_decide_handles_the_application() {
    let plan = plan_of("board");
    for stem in [
        "informasjonsbrev-1505",
        "informasjonsbrev-1506",
        "nyhetssak-1506",
    ] {
        let text = squash(&typeset_text(&plan, stem));
        assert!(
            !text.contains(&squash("Nordmøre sosialtjenestesamarbeid behandler")),
            "{stem}"
        );
        assert!(
            !text.contains(&squash("interkommunale samarbeidet")),
            "{stem}"
        );
    }
    assert_contains(
        &typeset_text(&plan, "informasjonsbrev-1506"),
        "Molde kommune",
    );
}

/// Every `⟦…⟧` marker in `text`.
fn markers(text: &str) -> Vec<String> {
    let squashed = text.replace('\n', " ");
    squashed
        .split('⟦')
        .skip(1)
        .filter_map(|s| s.split_once('⟧').map(|(m, _)| m.to_owned()))
        .collect()
}

#[test]
fn no_agreement_leaves_a_fact_about_the_processor_or_ks_to_the_municipality() {
    const PROCESSOR_WORDS: [&str; 9] = [
        "digisos",
        "direktorat",
        "ks",
        "underdatabehandl",
        "lagringstid",
        "behandlingssted",
        "kryptering",
        "driftssted",
        "nav.no",
    ];
    for name in EXAMPLES {
        let plan = plan_of(name);
        for d in plan.documents.iter().filter(|d| d.kind.is_agreement()) {
            for marker in markers(&typeset_text(&plan, &d.file_stem)) {
                let lower = marker.to_lowercase();
                if lower.contains("fyller ut") {
                    assert!(
                        !PROCESSOR_WORDS.iter().any(|w| lower.contains(w)),
                        "{}: the municipality is asked to fill in a processor fact: ⟦{marker}⟧",
                        d.file_stem
                    );
                }
            }
        }
    }
}

#[test]
fn while_a_reference_fact_is_unconfirmed_every_page_of_every_agreement_says_draft() {
    let g = pipeline();
    assert!(!g.reference().unconfirmed_keys().is_empty());
    for name in EXAMPLES {
        let plan = plan_of(name);
        for d in plan.documents.iter().filter(|d| d.kind.is_agreement()) {
            let pages = pages(g, &plan, &d.file_stem);
            for (i, page) in pages.iter().enumerate() {
                assert!(
                    page.contains("UTKAST – ikke for signering")
                        || page.contains("UTKAST – ikkje for signering"),
                    "{} page {}",
                    d.file_stem,
                    i + 1
                );
            }
        }
        // Documents that are not signed are not drafts.
        let letter = plan
            .documents
            .iter()
            .find(|d| d.kind == DocumentKind::Informasjonsbrev)
            .unwrap();
        assert!(!typeset_text(&plan, &letter.file_stem).contains("UTKAST"));
    }
}

#[test]
fn with_every_fact_confirmed_the_agreements_are_not_drafts_and_show_the_facts() {
    let g = confirmed_reference();
    assert!(g.reference().unconfirmed_keys().is_empty());
    let plan = g.plan(&example("single"));
    for stem in ["databehandleravtale-3201", "samarbeidsavtale-3201"] {
        let text = pages(&g, &plan, stem).concat();
        assert!(!text.contains("UTKAST"), "{stem}");
        assert!(!text.contains("IKKE BEKREFTET"), "{stem}");
    }
    let dpa = squash(&pages(&g, &plan, "databehandleravtale-3201").concat());
    for fact in [
        "TESTVERDI behandlingssted",
        "TESTVERDI lagringstid",
        "TESTVERDI personvernombud",
        "TESTVERDI kryptering",
        "TESTVERDI sikkerhetskopier",
        "Testleverandør AS",
    ] {
        assert!(dpa.contains(&squash(fact)), "{fact}");
    }
}

#[test]
fn the_citizen_texts_carry_the_publication_date_never_before_the_connection() {
    let plan = plan_of("single");
    for d in plan.documents.iter() {
        let expected = if d.kind.is_citizen_text() {
            plan.dates.publication
        } else {
            plan.dates.agreement
        };
        assert_eq!(d.date, expected, "{}", d.file_stem);
    }
    // By default the publication date is the connection date.
    assert_eq!(plan.dates.publication, plan.dates.connection);
    assert_contains(
        &typeset_text(&plan, "informasjonsbrev-3201"),
        "2. mars 2026",
    );
    assert!(!typeset_text(&plan, "informasjonsbrev-3201").contains("1. februar 2026"));

    let yaml = std::fs::read_to_string(example_path("single")).unwrap();
    let later = yaml.replace(
        "  date: 2026-02-01",
        "  date: 2026-02-01\n  publication_date: 2026-03-09",
    );
    let plan = pipeline().plan(&parse(&later).unwrap());
    assert_contains(&typeset_text(&plan, "nyhetssak-3201"), "9. mars 2026");

    let early = yaml.replace(
        "  date: 2026-02-01",
        "  date: 2026-02-01\n  publication_date: 2026-03-01",
    );
    let found = problems(parse(&early));
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "documents.publication_date");
}

#[test]
fn one_phone_line_where_the_office_number_is_the_contact_centres() {
    let plan = plan_of("single");
    assert!(plan.office.phone_is_kontaktsenter);
    let text = typeset_text(&plan, "informasjonsbrev-3201");
    assert_eq!(squash(&text).matches("55553333").count(), 1, "{text}");
    assert_contains(&text, "09.00–15.00");

    let yaml = std::fs::read_to_string(example_path("single"))
        .unwrap()
        .replace("  phone: \"55 55 33 33\"", "  phone: \"67 50 40 50\"");
    let plan = pipeline().plan(&parse(&yaml).unwrap());
    assert!(!plan.office.phone_is_kontaktsenter);
    let text = squash(&typeset_text(&plan, "informasjonsbrev-3201"));
    assert!(text.contains("67504050") && text.contains("55553333"));
}

#[test]
fn each_municipality_gets_its_own_contact_person_on_its_own_documents() {
    let plan = plan_of("host-with-transfer");
    for (number, person, other) in [
        ("5612", "Niillas Testesen", "Biret Testesen"),
        ("5610", "Biret Testesen", "Niillas Testesen"),
    ] {
        for kind in ["nyhetssak", "sjekkliste"] {
            let text = squash(&typeset_text(&plan, &format!("{kind}-{number}")));
            assert!(text.contains(&squash(person)), "{kind}-{number}");
            assert!(!text.contains(&squash(other)), "{kind}-{number}");
        }
    }
    // In the board model each member is controller and names its own person.
    let plan = plan_of("board");
    let text = typeset_text(&plan, "nyhetssak-1506");
    assert_contains(&text, "Ola Molde-Testesen");
    assert!(!squash(&text).contains(&squash("Mari Testesen")));
    // A member that is not controller and has no contact of its own gets the host's,
    // named as the host's, never under its own name.
    let yaml = std::fs::read_to_string(example_path("host-with-transfer"))
        .unwrap()
        .replace(
            "      contact: { name: \"Biret Testesen\", email: \"biret.testesen@example.no\", phone: \"99 99 99 05\" }\n",
            "",
        );
    let plan = pipeline().plan(&parse(&yaml).unwrap());
    let karasjok = plan
        .documents
        .iter()
        .find(|d| d.file_stem == "nyhetssak-5610")
        .unwrap();
    assert!(karasjok.contact.borrowed_from_host);
    assert_eq!(
        karasjok.contact.organisation,
        "Kautokeino kommune (vertskommune)"
    );
    let text = typeset_text(&plan, "nyhetssak-5610");
    assert_contains(&text, "Niillas Testesen");
    assert_contains(&text, "Kautokeino kommune (vertskommune)");
}

#[test]
fn the_checklist_follows_the_model() {
    let plan = plan_of("host-with-transfer");
    let clauses = |stem: &str| {
        plan.documents
            .iter()
            .find(|d| d.file_stem == stem)
            .unwrap()
            .clauses
    };
    let host = clauses("sjekkliste-5612");
    let member = clauses("sjekkliste-5610");
    assert!(host.signs_agreements && host.pays_connection_fee && host.host_transfer);
    assert!(!member.signs_agreements && !member.pays_connection_fee && member.host_transfer);
    let member_text = typeset_text(&plan, "sjekkliste-5610");
    assert_contains(&member_text, "Kautokeino kommune");

    let plan = plan_of("host-without-transfer");
    let member = plan
        .documents
        .iter()
        .find(|d| d.file_stem == "sjekkliste-4626")
        .unwrap();
    assert!(member.clauses.signs_agreements && member.clauses.pays_connection_fee);

    let plan = plan_of("board");
    let member = plan
        .documents
        .iter()
        .find(|d| d.file_stem == "sjekkliste-1506")
        .unwrap();
    assert!(member.clauses.board_assumption && member.clauses.board_signs_for_members);
    assert!(!member.clauses.signs_agreements);
}

#[test]
fn the_test_comes_after_signing_and_the_contact_centre_hears_after_connection() {
    let plan = plan_of("single");
    let dates = |id: &str| {
        plan.timeline
            .steps
            .iter()
            .find(|s| s.step.id == id)
            .and_then(|s| s.dates)
            .unwrap()
    };
    assert!(dates("optional_test").0 >= dates("sign_agreements").1);
    assert!(dates("confirm_kontaktsenter").0 >= plan.dates.connection);
    let text = squash(&typeset_text(&plan, "sjekkliste-3201"));
    // The rows are in date order: signing before the test.
    let sign = text.find(&squash("Signere databehandleravtalen")).unwrap();
    let test = text.find(&squash("Test av løsningen")).unwrap();
    assert!(sign < test);
}

/// LIX: words per sentence plus the share of long words (more than six letters), in per
/// cent; sentences end at `.`, `!`, `?` and `:` and at headings and list items without one.
fn lix(markdown: &str) -> f64 {
    let mut words = 0usize;
    let mut long = 0usize;
    let mut sentences = 0usize;
    for line in markdown.lines() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let mut open = false;
        for token in line.split_whitespace() {
            if token.contains("://") || token.contains('@') || token.starts_with('#') {
                continue;
            }
            let letters: String = token.chars().filter(|c| c.is_alphabetic()).collect();
            if letters.is_empty() {
                continue;
            }
            words += 1;
            open = true;
            if letters.chars().count() > 6 {
                long += 1;
            }
            if token.ends_with(['.', '!', '?', ':']) {
                sentences += 1;
                open = false;
            }
        }
        if open {
            sentences += 1;
        }
    }
    words as f64 / sentences.max(1) as f64 + 100.0 * long as f64 / words.max(1) as f64
}

#[test]
fn the_letters_and_news_texts_are_easy_to_read_in_both_standards() {
    let g = pipeline();
    for (name, stems) in [
        ("single", ["informasjonsbrev-3201", "nyhetssak-3201"]),
        (
            "host-without-transfer",
            ["informasjonsbrev-4626", "nyhetssak-4626"],
        ),
    ] {
        let plan = plan_of(name);
        for stem in stems {
            let job = plan.documents.iter().find(|d| d.file_stem == stem).unwrap();
            let markdown = g.prepare(&plan, job).unwrap().markdown;
            let score = lix(&markdown);
            assert!(score <= 40.0, "{stem} ({:?}): LIX {score:.1}", job.language);
        }
    }
    assert_eq!(
        plan_of("host-without-transfer")
            .documents
            .iter()
            .find(|d| d.file_stem == "informasjonsbrev-4626")
            .unwrap()
            .language,
        Language::Nn
    );
}

#[test]
fn letters_to_residents_carry_no_tool_footer() {
    let plan = plan_of("single");
    let text = typeset_text(&plan, "informasjonsbrev-3201");
    assert!(!text.contains("digisos-pakke"), "{text}");
    assert!(typeset_text(&plan, "databehandleravtale-3201").contains("digisos-pakke"));
}

#[test]
fn validate_warns_where_the_language_goes_against_the_municipalitys_decision() {
    // Øygarden has decided on nynorsk.
    let yaml = std::fs::read_to_string(example_path("host-without-transfer"))
        .unwrap()
        .replace("      language: nn", "      language: nb");
    let profile = parse(&yaml).unwrap();
    let warning = profile
        .warnings
        .iter()
        .find(|w| w.path == "cooperation.members[0].language")
        .expect("a warning for the member");
    assert!(warning.message.contains("språkvedtak"), "{warning:?}");
    assert!(example("single").warnings.is_empty());
}

#[test]
fn opening_hours_are_printed_in_each_letters_own_written_standard() {
    // Askøy writes bokmål, Øygarden nynorsk; the example gives one text per standard.
    let plan = plan_of("host-without-transfer");
    let askoy = squash(&typeset_text(&plan, "informasjonsbrev-4627"));
    let oygarden = squash(&typeset_text(&plan, "informasjonsbrev-4626"));
    assert!(
        askoy.contains(&squash("Åpningstider: mandag–fredag 09.00–15.00")),
        "{askoy}"
    );
    assert!(
        oygarden.contains(&squash("Opningstider: måndag–fredag 09.00–15.00")),
        "{oygarden}"
    );
    assert!(!oygarden.contains("mandag"), "{oygarden}");
    assert!(
        squash(&typeset_text(&plan, "nyhetssak-4626"))
            .contains(&squash("Kontoret har ope måndag–fredag"))
    );
}

#[test]
fn one_text_of_opening_hours_for_both_written_standards_is_a_warning() {
    let yaml = std::fs::read_to_string(example_path("host-without-transfer"))
        .unwrap()
        .replace(
            r#"{ nb: "mandag–fredag 09.00–15.00", nn: "måndag–fredag 09.00–15.00" }"#,
            r#""mandag–fredag 09.00–15.00""#,
        );
    let profile = parse(&yaml).unwrap();
    let warning = profile
        .warnings
        .iter()
        .find(|w| w.path == "nav_office.opening_hours")
        .expect("a warning for the opening hours");
    assert!(
        warning.message.contains("bokmål and in nynorsk"),
        "{warning:?}"
    );
    assert!(
        warning.hint.as_deref().unwrap().contains("nn:"),
        "{warning:?}"
    );
    assert!(example("host-without-transfer").warnings.is_empty());
}

#[test]
fn opening_hours_without_a_text_for_a_letters_standard_are_refused() {
    let yaml = std::fs::read_to_string(example_path("host-without-transfer"))
        .unwrap()
        .replace(r#", nn: "måndag–fredag 09.00–15.00""#, "");
    let Err(digisos_pakke::profile::ProfileError::Invalid { problems, .. }) = parse(&yaml) else {
        panic!("the profile passed");
    };
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert_eq!(problems[0].path, "nav_office.opening_hours");
    assert!(problems[0].message.contains("no `nn` text"), "{problems:?}");
    assert!(problems[0].message.contains("Øygarden"), "{problems:?}");
    assert!(problems[0].location.is_some());
}

#[test]
fn an_unknown_key_in_the_opening_hours_is_named() {
    let yaml = std::fs::read_to_string(example_path("host-without-transfer"))
        .unwrap()
        .replace("nn: \"måndag", "nyn: \"måndag");
    let Err(digisos_pakke::profile::ProfileError::Invalid { problems, .. }) = parse(&yaml) else {
        panic!("the profile passed");
    };
    assert!(
        problems
            .iter()
            .any(|p| p.path == "nav_office.opening_hours.nyn"),
        "{problems:#?}"
    );
}
