//! Loading and validating profiles: every problem found, each located and explained.

use crate::util::*;
use digisos_pakke::profile::{Location, Problem, ProfileError};

const GOOD: &str = include_str!("../../data/examples/single.yaml");

/// The problems of a profile that must be invalid.
fn problems(yaml: &str) -> Vec<Problem> {
    match parse(yaml) {
        Err(ProfileError::Invalid { problems, .. }) => problems,
        Err(other) => panic!("expected validation problems, got: {other}"),
        Ok(_) => panic!("expected validation problems, the profile passed"),
    }
}

/// The one problem at `path`.
#[track_caller]
fn problem_at(problems: &[Problem], path: &str) -> Problem {
    let found: Vec<_> = problems.iter().filter(|p| p.path == path).collect();
    assert_eq!(
        found.len(),
        1,
        "expected one problem at {path}, got {problems:#?}"
    );
    found[0].clone()
}

#[test]
fn every_example_profile_is_valid() {
    for name in EXAMPLES {
        example(name);
    }
}

#[test]
fn a_wrong_check_digit_is_reported_at_its_line_and_column() {
    let p = problems(&GOOD.replace("\"935478715\"", "\"935478714\""));
    let p = problem_at(&p, "municipality.org_number");
    assert_eq!(
        p.location,
        Some(Location {
            line: 7,
            column: 15
        })
    );
    assert!(
        p.message
            .contains("`935478714` is not a valid organisation number"),
        "{}",
        p.message
    );
    assert!(p.message.contains("check digit"), "{}", p.message);
    assert!(p.hint.unwrap().contains("brreg.no"));
}

#[test]
fn a_kommunenummer_must_have_four_digits() {
    let p = problems(&GOOD.replace("number: \"3201\"", "number: \"32011\""));
    let p = problem_at(&p, "municipality.number");
    assert!(
        p.message.contains("`32011` is not a kommunenummer"),
        "{}",
        p.message
    );
    assert_eq!(p.location.map(|l| l.line), Some(6));
}

#[test]
fn an_unquoted_kommunenummer_that_lost_its_zero_gets_a_hint() {
    let p = problems(&GOOD.replace("number: \"3201\"", "number: 301"));
    let p = problem_at(&p, "municipality.number");
    assert!(p.message.contains("`301`"), "{}", p.message);
    assert!(p.hint.unwrap().contains("\"0301\""));
}

#[test]
fn an_impossible_date_is_rejected() {
    let p = problems(&GOOD.replace("date: 2026-03-02", "date: 2027-02-30"));
    let p = problem_at(&p, "connection.date");
    assert_eq!(p.message, "`2027-02-30` is not a date in the calendar");
    assert!(p.hint.unwrap().contains("YYYY-MM-DD"));
}

#[test]
fn a_date_in_another_form_is_rejected() {
    let p = problems(&GOOD.replace("date: 2026-02-01", "date: 01.02.2026"));
    let p = problem_at(&p, "documents.date");
    assert_eq!(
        p.message,
        "`01.02.2026` is not a date in the form YYYY-MM-DD"
    );
}

#[test]
fn an_unknown_key_is_reported_with_the_likely_intended_one() {
    let p = problems(&GOOD.replace("  county: Akershus", "  contry: Akershus"));
    let unknown = problem_at(&p, "municipality.contry");
    assert_eq!(unknown.message, "unknown key `contry` in `municipality`");
    assert!(unknown.hint.unwrap().starts_with("did you mean `county`?"));
    assert_eq!(unknown.location, Some(Location { line: 8, column: 3 }));
    // The intended key is then missing, and that is reported too.
    problem_at(&p, "municipality.county");
}

#[test]
fn an_unknown_model_lists_the_valid_ones() {
    let p = problems(&GOOD.replace("model: single", "model: vertskommune"));
    let p = problem_at(&p, "cooperation.model");
    assert_eq!(p.message, "`vertskommune` is not a cooperation model");
    assert_eq!(
        p.hint.as_deref(),
        Some("write one of: single, host_with_transfer, host_without_transfer, board")
    );
}

#[test]
fn a_host_model_without_members_is_rejected() {
    let p = problems(&GOOD.replace("model: single", "model: host_with_transfer"));
    let p = problem_at(&p, "cooperation.members");
    assert!(
        p.message
            .contains("needs the other municipalities under `members`"),
        "{}",
        p.message
    );
}

#[test]
fn a_board_model_without_a_board_is_rejected() {
    let p = problems(&GOOD.replace("model: single", "model: board"));
    problem_at(&p, "cooperation.board");
}

#[test]
fn members_who_sign_their_own_agreements_need_a_signatory() {
    let yaml = include_str!("../../data/examples/host-without-transfer.yaml").replace(
        "      signatory: { name: \"Synnøve Døme\", title: \"Kommunedirektør\" }\n",
        "",
    );
    let p = problems(&yaml);
    problem_at(&p, "cooperation.members[0].signatory");
}

#[test]
fn every_problem_is_listed_at_once() {
    let yaml = GOOD
        .replace("\"935478715\"", "\"935478714\"")
        .replace("number: \"3201\"", "number: \"32011\"")
        .replace("date: 2026-03-02", "date: 2027-02-30")
        .replace("  county: Akershus", "  contry: Akershus")
        .replace("language: nb", "language: se")
        .replace("personvernombud@example.no", "personvernombud");
    let p = problems(&yaml);
    for path in [
        "municipality.org_number",
        "municipality.number",
        "connection.date",
        "municipality.contry",
        "municipality.county",
        "municipality.language",
        "municipality.privacy_officer.email",
    ] {
        problem_at(&p, path);
    }
    assert_eq!(p.len(), 7, "{p:#?}");
}

#[test]
fn a_missing_section_is_named() {
    let yaml = GOOD.replace(
        "case_system: { vendor: \"Visma\", product: \"Visma Flyt Sosial\" }\n",
        "",
    );
    let p = problems(&yaml);
    let p = problem_at(&p, "case_system");
    assert_eq!(p.message, "the section `case_system` is missing");
}

#[test]
fn an_empty_profile_lists_what_is_missing() {
    let p = problems("");
    for path in [
        "schema",
        "municipality",
        "nav_office",
        "case_system",
        "cooperation",
        "connection.date",
        "documents.date",
    ] {
        problem_at(&p, path);
    }
}

#[test]
fn a_name_with_kommune_in_it_is_rejected() {
    let p = problems(&GOOD.replace("name: Bærum", "name: Bærum kommune"));
    problem_at(&p, "municipality.name");
}

#[test]
fn control_characters_in_values_are_rejected() {
    let p = problems(&GOOD.replace("name: Bærum", "name: \"Bæ\\u202Erum\""));
    let p = problem_at(&p, "municipality.name");
    assert!(p.message.contains("U+202E"), "{}", p.message);
}

#[test]
fn a_yaml_syntax_error_is_located() {
    let yaml = GOOD.replace("  county: Akershus", "  county: [Akershus");
    match parse(&yaml) {
        Err(ProfileError::Syntax {
            location: Some(l), ..
        }) => assert!(l.line >= 8, "{l:?}"),
        other => panic!("expected a located syntax error, got {other:?}"),
    }
}

#[test]
fn a_list_where_a_value_belongs_is_a_located_error() {
    let yaml = GOOD.replace("  county: Akershus", "  county:\n    - Akershus");
    match parse(&yaml) {
        Err(ProfileError::Syntax {
            location: Some(l),
            message,
            ..
        }) => {
            assert_eq!(l.line, 9);
            assert_eq!(
                message,
                "municipality.county: expected a single value here, found a list"
            );
        }
        other => panic!("expected a located type error, got {other:?}"),
    }
}

#[test]
fn duplicate_keys_are_rejected() {
    let yaml = GOOD.replace("  county: Akershus", "  county: Akershus\n  county: Viken");
    match parse(&yaml) {
        Err(ProfileError::Syntax { message, .. }) => {
            assert!(message.contains("duplicate"), "{message}")
        }
        other => panic!("expected a duplicate key error, got {other:?}"),
    }
}
