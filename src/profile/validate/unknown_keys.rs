//! Unknown keys, each reported with the keys allowed in its place and, where one is close
//! enough to be a typing slip, a "did you mean".

use super::checker::Checker;
use crate::profile::raw;

/// One problem per unknown key path (as `serde_ignored` found them, e.g.
/// `cooperation.members[1].nmae`), located at the key itself.
pub(super) fn report(c: &mut Checker, file: &raw::ProfileFile, unknown: &[String]) {
    // Serialising the raw profile writes every known key (absent ones as null), which gives
    // the allowed keys at any path without a second list to keep in step with the types.
    let known = serde_yaml::to_value(file).unwrap_or(serde_yaml::Value::Null);
    for path in unknown {
        let (parent, key) = match path.rfind('.') {
            Some(at) => (&path[..at], &path[at + 1..]),
            None => ("", path.as_str()),
        };
        let allowed = known_keys(&known, parent);
        let hint = match suggestion(&allowed, key) {
            Some(s) => format!("did you mean `{s}`? allowed here: {}", allowed.join(", ")),
            None => format!("remove it; allowed here: {}", allowed.join(", ")),
        };
        let place = if parent.is_empty() {
            "the profile"
        } else {
            parent
        };
        c.key_problem(path, format!("unknown key `{key}` in `{place}`"), hint);
    }
}

/// The keys of the mapping at `path` in `value`; `[i]` steps into a list.
fn known_keys(value: &serde_yaml::Value, path: &str) -> Vec<String> {
    let mut node = value;
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let (name, index) = match part.split_once('[') {
            Some((name, rest)) => (name, rest.trim_end_matches(']').parse::<usize>().ok()),
            None => (part, None),
        };
        node = &node[name];
        if let Some(i) = index {
            node = &node[i];
        }
    }
    match node {
        serde_yaml::Value::Mapping(m) => m
            .keys()
            .filter_map(|k| k.as_str().map(str::to_owned))
            .collect(),
        _ => Vec::new(),
    }
}

/// The allowed key nearest to `key`, if any is [`similar()`]; the first of equals wins, so the
/// order of `allowed` (the order of the fields in the types) breaks ties.
fn suggestion<'a>(allowed: &'a [String], key: &str) -> Option<&'a String> {
    allowed
        .iter()
        .filter(|k| similar(k, key))
        .min_by_key(|k| distance(k, key))
}

/// Close enough to be a slip: two edits, or a third of the shorter word for long keys.
fn similar(a: &str, b: &str) -> bool {
    distance(a, b) <= 2.max(a.len().min(b.len()) / 3)
}

/// Levenshtein distance in characters (insertions, deletions and substitutions each 1).
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = if ca == *cb {
                prev
            } else {
                1 + prev.min(row[j]).min(cur)
            };
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::Problem;
    use crate::profile::position::Positions;

    fn keys(list: &[&str]) -> Vec<String> {
        list.iter().map(|k| (*k).to_owned()).collect()
    }

    fn reported(file: &raw::ProfileFile, unknown: &[&str]) -> Vec<Problem> {
        let positions = Positions::default();
        let mut c = Checker::new(&positions);
        report(&mut c, file, &keys(unknown));
        c.into_problems()
    }

    #[test]
    fn levenshtein_counts_edits_in_characters() {
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(distance("abc", ""), 3);
        assert_eq!(distance("county", "county"), 0);
        assert_eq!(distance("county", "contry"), 2);
        // One character, not two bytes.
        assert_eq!(distance("språk", "sprak"), 1);
    }

    #[test]
    fn a_slip_suggests_the_nearest_allowed_key() {
        let allowed = keys(&["name", "number", "org_number", "county"]);
        assert_eq!(
            suggestion(&allowed, "contry").map(String::as_str),
            Some("county")
        );
        assert_eq!(
            suggestion(&allowed, "nmae").map(String::as_str),
            Some("name")
        );
        assert_eq!(
            suggestion(&allowed, "orgnumber").map(String::as_str),
            Some("org_number")
        );
        assert_eq!(suggestion(&allowed, "website"), None);
    }

    #[test]
    fn the_allowance_grows_with_the_length_of_the_key() {
        assert!(similar("ab", "xy"));
        assert!(!similar("abc", "xyz"));
        // The shorter has 12 characters: a third is 4 edits.
        assert!(similar("privacy_officer", "privacyoficr"));
        assert!(!similar("privacy_officer", "primary_contact"));
    }

    #[test]
    fn an_unknown_key_lists_the_allowed_ones_and_the_likely_one() {
        let file = raw::ProfileFile::default();
        let problems = reported(&file, &["municipality.contry"]);
        assert_eq!(problems.len(), 1);
        let p = &problems[0];
        assert_eq!(p.path, "municipality.contry");
        assert_eq!(p.message, "unknown key `contry` in `municipality`");
        // The default profile has no `municipality` mapping, so nothing is allowed there.
        assert_eq!(p.hint.as_deref(), Some("remove it; allowed here: "));

        let file = raw::ProfileFile {
            municipality: Some(raw::Municipality::default()),
            ..raw::ProfileFile::default()
        };
        let p = &reported(&file, &["municipality.contry"])[0];
        assert_eq!(
            p.hint.as_deref(),
            Some(
                "did you mean `county`? allowed here: name, number, org_number, county, population, language, address, signatory, privacy_officer, contact, recipient_org_number"
            )
        );
    }

    #[test]
    fn an_unknown_top_level_key_is_in_the_profile() {
        let p = &reported(&raw::ProfileFile::default(), &["shema"])[0];
        assert_eq!(p.message, "unknown key `shema` in `the profile`");
        assert!(p.hint.as_deref().is_some_and(|h| {
            h.starts_with("did you mean `schema`? allowed here: schema, municipality, nav_office")
        }));
    }

    #[test]
    fn keys_inside_a_list_entry_are_found() {
        let file = raw::ProfileFile {
            cooperation: Some(raw::Cooperation {
                members: Some(vec![raw::Member::default(), raw::Member::default()]),
                ..raw::Cooperation::default()
            }),
            ..raw::ProfileFile::default()
        };
        let p = &reported(&file, &["cooperation.members[1].nmae"])[0];
        assert!(
            p.hint
                .as_deref()
                .is_some_and(|h| h.starts_with("did you mean `name`?"))
        );
    }
}
