//! The municipality register (`data/kommuner.csv`): names, Sami names, counties,
//! organisation numbers and populations of all 357 municipalities.

use crate::profile::{Language, MunicipalityNumber};

/// One municipality in the register.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Kommunenummer.
    pub number: String,
    /// Norwegian name.
    pub name: String,
    /// Sami and Kven parallel names, as SSB lists them ("Gáivuotna; Kaivuono"), or empty.
    pub parallel_names: String,
    /// County.
    pub county: String,
    /// Organisation number, empty where the register has none.
    pub org_number: String,
    /// In the administrative area for Sami language.
    pub sami_area: bool,
    /// Inhabitants on the register's reference date.
    pub population: u32,
    /// The council's decision on the written standard (*språkvedtak*), if recorded.
    pub language_decision: Option<LanguageDecision>,
    /// The Sami language of its part of the Sami language area (`samisk_sprak`), or `None`
    /// outside the area.
    pub sami_language: Option<SamiLanguage>,
    /// Its official name in that Sami language ("Guovdageaidnu"), where it has one: a part
    /// of `parallel_names` that `data/kommuner_navn.csv` gives in that language.
    pub sami_name: Option<String>,
}

/// The three Sami languages with equal status to Norwegian under sameloven § 1-5.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SamiLanguage {
    /// North Sami (davvisámegiella).
    Sme,
    /// Lule Sami (julevsámegiella).
    Smj,
    /// South Sami (åarjelsaemien gïele).
    Sma,
}

impl SamiLanguage {
    /// Parses the register's code (`sme`, `smj`, `sma`).
    pub fn parse(code: &str) -> Option<Self> {
        match code {
            "sme" => Some(SamiLanguage::Sme),
            "smj" => Some(SamiLanguage::Smj),
            "sma" => Some(SamiLanguage::Sma),
            _ => None,
        }
    }

    /// The ISO 639-3 code, as the register writes it.
    pub fn code(self) -> &'static str {
        match self {
            SamiLanguage::Sme => "sme",
            SamiLanguage::Smj => "smj",
            SamiLanguage::Sma => "sma",
        }
    }

    /// The BCP 47 tag (`xml:lang`, `lang`, PDF): the shortest code, so `se` for North Sami.
    pub fn bcp47(self) -> &'static str {
        match self {
            SamiLanguage::Sme => "se",
            SamiLanguage::Smj => "smj",
            SamiLanguage::Sma => "sma",
        }
    }

    /// The language as `data/kommuner_navn.csv` (Kartverket) names it.
    fn register_name(self) -> &'static str {
        match self {
            SamiLanguage::Sme => "Northern Sami",
            SamiLanguage::Smj => "Lule Sami",
            SamiLanguage::Sma => "Southern Sami",
        }
    }

    /// The language's name in Norwegian, for notes and messages.
    pub fn norwegian_name(self) -> &'static str {
        match self {
            SamiLanguage::Sme => "nordsamisk",
            SamiLanguage::Smj => "lulesamisk",
            SamiLanguage::Sma => "sørsamisk",
        }
    }
}

/// A municipality's decision on its written standard (språklova § 15 binds the state to it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LanguageDecision {
    /// Bokmål.
    Nb,
    /// Nynorsk.
    Nn,
    /// Neutral: the municipality has chosen neither.
    Neutral,
}

impl LanguageDecision {
    /// The standard documents for the municipality are written in: neutral ones get bokmål
    /// unless the profile says otherwise.
    pub fn language(self) -> Language {
        match self {
            LanguageDecision::Nn => Language::Nn,
            LanguageDecision::Nb | LanguageDecision::Neutral => Language::Nb,
        }
    }

    /// Whether a profile written in `language` goes against the decision.
    pub(crate) fn contradicts(self, language: Language) -> bool {
        match self {
            LanguageDecision::Nb => language != Language::Nb,
            LanguageDecision::Nn => language != Language::Nn,
            LanguageDecision::Neutral => false,
        }
    }
}

/// Looks `number` up in the built-in register.
pub fn find(number: &MunicipalityNumber) -> Option<Entry> {
    entries().find(|e| e.number == number.as_str())
}

/// Every municipality, in register order.
pub fn entries() -> impl Iterator<Item = Entry> {
    // The register is a plain comma-separated file without quoting (checked by a test).
    crate::assets::REGISTER.lines().skip(1).filter_map(|line| {
        let f: Vec<&str> = line.split(',').collect();
        Some(Entry {
            number: f.first()?.to_string(),
            name: f.get(1)?.to_string(),
            parallel_names: f.get(2)?.to_string(),
            county: f.get(4)?.to_string(),
            org_number: f.get(5)?.to_string(),
            sami_area: *f.get(6)? == "true",
            population: f.get(8)?.parse().ok()?,
            language_decision: match *f.get(7)? {
                "nb" => Some(LanguageDecision::Nb),
                "nn" => Some(LanguageDecision::Nn),
                "noytral" => Some(LanguageDecision::Neutral),
                _ => None,
            },
            // Only a municipality in the area has a language; a stray code elsewhere is
            // not trusted.
            sami_language: SamiLanguage::parse(f.get(10).copied().unwrap_or(""))
                .filter(|_| *f.get(6).unwrap_or(&"") == "true"),
            sami_name: None,
        })
        .map(|mut e| {
            e.sami_name = e.sami_language.and_then(|l| name_in(&e.number, l));
            e
        })
    })
}

/// The part of `number`'s official name in `language`. The register's `navn_samisk` also
/// holds Kven names (Kaivuono, Porsanki), so a name counts only with its language tag.
fn name_in(number: &str, language: SamiLanguage) -> Option<String> {
    crate::assets::REGISTER_NAMES
        .lines()
        .skip(1)
        .find_map(|line| {
            let f: Vec<&str> = line.split(',').collect();
            (f.first() == Some(&number) && f.get(2) == Some(&language.register_name()))
                .then(|| f.get(1).map(|name| (*name).to_owned()))
                .flatten()
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_of_the_register_parses() {
        let rows = crate::assets::REGISTER.lines().count() - 1;
        assert_eq!(entries().count(), rows);
        assert_eq!(rows, 357);
    }

    #[test]
    fn every_municipality_has_a_language_decision() {
        assert!(entries().all(|e| e.language_decision.is_some()));
        let oygarden = entries().find(|e| e.name == "Øygarden").unwrap();
        assert_eq!(oygarden.language_decision, Some(LanguageDecision::Nn));
    }

    #[test]
    fn sami_names_are_found() {
        let kautokeino = find(&MunicipalityNumber::parse("5612").unwrap()).unwrap();
        assert!(kautokeino.sami_area);
        let saltdal = entries().find(|e| e.name == "Saltdal").unwrap();
        assert!(
            saltdal.sami_area,
            "Saltdal joined the Sami language area on 2026-01-01"
        );
        assert_eq!(kautokeino.parallel_names, "Guovdageaidnu");
    }

    fn language_of(number: &str) -> Option<SamiLanguage> {
        find(&MunicipalityNumber::parse(number).unwrap())
            .unwrap()
            .sami_language
    }

    #[test]
    fn the_sami_language_follows_the_register() {
        assert_eq!(language_of("5612"), Some(SamiLanguage::Sme), "Kautokeino");
        assert_eq!(language_of("1875"), Some(SamiLanguage::Smj), "Hamarøy");
        assert_eq!(language_of("5041"), Some(SamiLanguage::Sma), "Snåsa");
        // Saltdal joined the area on 2026-01-01 (FOR-2025-09-26-1935, språkstimulering).
        // Lule Sami is an ASSUMPTION of the research brief (Salten is a Lule Sami area; the
        // forskrift names no language): confirm with the municipality.
        assert_eq!(language_of("1840"), Some(SamiLanguage::Smj), "Saltdal");
        assert_eq!(language_of("0301"), None, "Oslo");
        // Every municipality of the area has exactly one language, and no other has one.
        let area: Vec<Entry> = entries().filter(|e| e.sami_area).collect();
        assert_eq!(area.len(), 14);
        assert!(area.iter().all(|e| e.sami_language.is_some()));
        assert_eq!(entries().filter(|e| e.sami_language.is_some()).count(), 14);
    }

    #[test]
    fn the_sami_name_is_the_one_in_the_municipalitys_sami_language_never_a_kven_one() {
        let name = |number: &str| {
            find(&MunicipalityNumber::parse(number).unwrap())
                .unwrap()
                .sami_name
        };
        assert_eq!(name("5612").as_deref(), Some("Guovdageaidnu"));
        assert_eq!(name("5540").as_deref(), Some("Gáivuotna"), "not Kaivuono");
        assert_eq!(name("5622").as_deref(), Some("Porsáŋgu"), "not Porsanki");
        assert_eq!(name("1875").as_deref(), Some("Hábmer"));
        assert_eq!(name("5041").as_deref(), Some("Snåase"));
        assert_eq!(
            name("1840"),
            None,
            "Saltdal has no Sami name in the register"
        );
        assert_eq!(name("0301"), None, "Oslo is outside the area");
        // Every municipality of the area with parallel names has one in its own language.
        for e in entries().filter(|e| e.sami_area && !e.parallel_names.is_empty()) {
            let sami = e.sami_name.unwrap_or_else(|| panic!("{}", e.name));
            assert!(e.parallel_names.contains(&sami), "{}", e.name);
        }
    }
}
