//! The municipality register (`data/kommuner.csv`): names, Sami names, counties,
//! organisation numbers and populations of all 357 municipalities.

use crate::profile::MunicipalityNumber;

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
        })
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
    fn sami_names_are_found() {
        let kautokeino = find(&MunicipalityNumber::parse("5612").unwrap()).unwrap();
        assert!(kautokeino.sami_area);
        assert_eq!(kautokeino.parallel_names, "Guovdageaidnu");
    }
}
