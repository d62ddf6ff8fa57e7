//! The Sami language area (issue 17): each municipality's Sami language from the register,
//! the translation package, and what a pack says while the Sami text is missing.

use crate::util::*;
use digisos_pakke::plan::Plan;
use digisos_pakke::register::SamiLanguage;

/// A `single` profile for the municipality `number` of the register (the people are
/// fictitious, as in the examples).
pub fn single_in(number: &str) -> digisos_pakke::profile::Profile {
    let entry = digisos_pakke::register::entries()
        .find(|e| e.number == number)
        .unwrap_or_else(|| panic!("{number} is not in the register"));
    let yaml = std::fs::read_to_string(example_path("single"))
        .unwrap()
        .replace("Bærum", &entry.name)
        .replace("\"3201\"", &format!("\"{number}\""))
        .replace("935478715", &entry.org_number)
        .replace("Akershus", &entry.county)
        .replace("133228", &entry.population.to_string());
    parse(&yaml).unwrap_or_else(|e| panic!("{number}: {e}"))
}

pub fn plan_in(number: &str) -> Plan {
    pipeline().plan(&single_in(number))
}

#[test]
fn the_plan_gives_each_participant_its_sami_language() {
    for (number, language) in [
        ("5612", Some(SamiLanguage::Sme)), // Kautokeino
        ("1875", Some(SamiLanguage::Smj)), // Hamarøy
        ("5041", Some(SamiLanguage::Sma)), // Snåsa
        // Saltdal: in the area from 2026-01-01; Lule Sami is the research brief's
        // assumption (see register.rs).
        ("1840", Some(SamiLanguage::Smj)),
        ("3201", None), // Bærum
    ] {
        let plan = plan_in(number);
        for job in &plan.documents {
            assert_eq!(job.municipality.sami_language, language, "{number}");
        }
    }
    // Host and member each carry their own.
    let plan = plan_of("host-with-transfer");
    for job in &plan.documents {
        assert_eq!(job.municipality.sami_language, Some(SamiLanguage::Sme));
    }
}
