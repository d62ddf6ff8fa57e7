//! Norwegian print forms of dates, numbers and amounts (the same in bokmål and nynorsk).

use chrono::{Datelike, NaiveDate};

const MONTHS: [&str; 12] = [
    "januar",
    "februar",
    "mars",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "desember",
];

/// "2. mars 2026".
pub fn date(d: NaiveDate) -> String {
    format!("{}. {} {}", d.day(), MONTHS[d.month0() as usize], d.year())
}

/// A date as [`date`] prints it, in figures ("2. mars 2026" → "2.3.2026"), else `None`:
/// the form a Sami version uses, where a Norwegian month name has no place.
pub(crate) fn date_in_figures(text: &str) -> Option<String> {
    let mut words = text.split(' ');
    let (Some(day), Some(month), Some(year), None) =
        (words.next(), words.next(), words.next(), words.next())
    else {
        return None;
    };
    let day: u32 = day.strip_suffix('.')?.parse().ok()?;
    let month = MONTHS.iter().position(|m| *m == month)? + 1;
    let year: i32 = year.parse().ok()?;
    NaiveDate::from_ymd_opt(year, month as u32, day).map(date_figures)
}

/// "2.3.2026".
pub fn date_figures(d: NaiveDate) -> String {
    format!("{}.{}.{}", d.day(), d.month(), d.year())
}

/// "16.–23. februar 2026", "30. mars–3. april 2026", "29. desember 2025–2. januar 2026".
pub(crate) fn date_range(from: NaiveDate, to: NaiveDate) -> String {
    if from.year() != to.year() {
        format!("{}–{}", date(from), date(to))
    } else if from.month() != to.month() {
        format!(
            "{}. {}–{}",
            from.day(),
            MONTHS[from.month0() as usize],
            date(to)
        )
    } else {
        format!("{}.–{}", from.day(), date(to))
    }
}

/// "A", "A og B", "A, B og C".
pub(crate) fn list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} og {last}", init.join(", ")),
    }
}

/// "130 772", grouped by thousands with a no-break space.
pub fn integer(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{a0}');
        }
        out.push(c);
    }
    out
}

/// An amount in øre as kroner: "55 000 kr", "8,60 kr", "1 124 639,20 kr"; amounts under
/// one krone as øre: "65 øre".
pub fn kroner(ore: u64) -> String {
    match (ore / 100, ore % 100) {
        (0, o) => format!("{o}\u{a0}øre"),
        (kr, 0) => format!("{}\u{a0}kr", integer(kr)),
        (kr, o) => format!("{},{o:02}\u{a0}kr", integer(kr)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_the_norwegian_way() {
        assert_eq!(
            date(NaiveDate::from_ymd_opt(2026, 3, 2).unwrap()),
            "2. mars 2026"
        );
    }

    #[test]
    fn a_printed_date_and_only_a_date_turns_into_figures() {
        for d in [(2026, 3, 2), (2026, 12, 31), (2027, 1, 1)] {
            let date = NaiveDate::from_ymd_opt(d.0, d.1, d.2).unwrap();
            assert_eq!(
                date_in_figures(&super::date(date)),
                Some(format!("{}.{}.{}", d.2, d.1, d.0))
            );
        }
        for not_a_date in [
            "Nav Bærum",
            "mandag–fredag 09.00–15.00",
            "31. februar 2026",
            "2. mars 2026 kl. 10",
            "2 mars 2026",
        ] {
            assert_eq!(date_in_figures(not_a_date), None, "{not_a_date}");
        }
    }

    #[test]
    fn ranges_and_lists_read_the_norwegian_way() {
        let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
        assert_eq!(date_range(d(2, 16), d(2, 23)), "16.–23. februar 2026");
        assert_eq!(date_range(d(3, 30), d(4, 3)), "30. mars–3. april 2026");
        assert_eq!(list(&["A", "B", "C"]), "A, B og C");
        assert_eq!(list(&["A"]), "A");
    }

    #[test]
    fn amounts_are_grouped_with_a_comma_for_ore() {
        assert_eq!(integer(130_772), "130\u{a0}772");
        assert_eq!(integer(999), "999");
        assert_eq!(kroner(5_500_000), "55\u{a0}000\u{a0}kr");
        assert_eq!(kroner(860), "8,60\u{a0}kr");
        assert_eq!(kroner(112_463_920), "1\u{a0}124\u{a0}639,20\u{a0}kr");
        assert_eq!(kroner(65), "65\u{a0}øre");
    }
}
