//! The connection timeline (the handbook's plan, pp. "Tidsplan"), dated back from the
//! connection date.
//!
//! Dates that fall on a weekend or a Norwegian public holiday move to the previous working
//! day; the connection date itself is the municipality's choice and never moves.

use chrono::{Datelike, Days, NaiveDate, Weekday};

/// When a step happens, relative to the connection date `T0`, in days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// From `T0 + start` to `T0 + end`.
    Window(i64, i64),
    /// On `T0 + offset`.
    Day(i64),
    /// When something else happens (no date).
    Triggered,
}

/// One step of the timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    /// The id templates use: `steps.<id>`.
    pub id: &'static str,
    /// When it happens.
    pub when: When,
    /// The handbook's slides leave the placement uncertain.
    pub inferred: bool,
}

const fn step(id: &'static str, when: When, inferred: bool) -> Step {
    Step { id, when, inferred }
}

/// The steps, in the handbook's order.
const STEPS: [Step; 20] = [
    step("decide_fund", When::Window(-180, -60), true),
    step("vendor_dates", When::Window(-35, -21), false),
    step("digisos_batch", When::Window(-35, -21), false),
    step("info_package", When::Window(-35, -21), false),
    step("dates_deadline", When::Day(-21), false),
    step("sign_agreements", When::Window(-14, -7), false),
    step("fiks_config", When::Window(-14, -7), false),
    step("firewall", When::Window(-14, -1), true),
    step("install_training", When::Window(-14, -7), false),
    step("video_meeting", When::Window(-14, -7), false),
    // The agreements should be signed before testing (handbook, "Test"): the test starts
    // when the signing window ends.
    step("optional_test", When::Window(-7, -1), true),
    step("tell_kontaktsenter", When::Window(-7, 0), true),
    step("connect", When::Day(0), false),
    step("publish", When::Day(0), false),
    step("check_personkort", When::Window(0, 1), false),
    step("email_digisos", When::Window(0, 7), true),
    // The handbook lists telling the contact centre under "Når dere har koblet dere på":
    // the advance notice stays, and a confirmation follows the connection.
    step("confirm_kontaktsenter", When::Window(0, 3), true),
    step("inform_citizens", When::Window(0, 30), true),
    step("ks_supplement", When::Triggered, false),
    step("org_prep", When::Window(-180, 0), false),
];

/// A step with its dates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatedStep {
    /// The step.
    pub step: Step,
    /// First and last day, or `None` for a triggered step.
    pub dates: Option<(NaiveDate, NaiveDate)>,
}

/// A date moved off a weekend or holiday.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Moved {
    /// The computed date.
    pub original: NaiveDate,
    /// The working day it moved to.
    pub moved_to: NaiveDate,
}

/// The dated timeline of one connection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timeline {
    /// Every step, in the handbook's order.
    pub steps: Vec<DatedStep>,
    /// The dates moved off weekends and holidays, in date order.
    pub moved: Vec<Moved>,
}

/// Dates every step for a connection on `t0`.
pub(crate) fn dated(t0: NaiveDate) -> Timeline {
    let mut moved = Vec::new();
    let mut date = |offset: i64| {
        let original = shift(t0, offset);
        if offset == 0 {
            return original;
        }
        let working = previous_working_day(original);
        if working != original && !moved.iter().any(|m: &Moved| m.original == original) {
            moved.push(Moved {
                original,
                moved_to: working,
            });
        }
        working
    };
    let steps = STEPS
        .iter()
        .map(|&step| DatedStep {
            step,
            dates: match step.when {
                When::Window(a, b) => Some((date(a), date(b))),
                When::Day(d) => Some((date(d), date(d))),
                When::Triggered => None,
            },
        })
        .collect();
    moved.sort();
    Timeline { steps, moved }
}

fn shift(date: NaiveDate, days: i64) -> NaiveDate {
    let shifted = if days >= 0 {
        date.checked_add_days(Days::new(days as u64))
    } else {
        date.checked_sub_days(Days::new(days.unsigned_abs()))
    };
    // Validated dates are far from chrono's limits; keep the date rather than panic.
    shifted.unwrap_or(date)
}

/// `date`, or the last working day before it.
fn previous_working_day(mut date: NaiveDate) -> NaiveDate {
    while !is_working_day(date) {
        date = shift(date, -1);
    }
    date
}

/// Monday to Friday and not a public holiday.
fn is_working_day(date: NaiveDate) -> bool {
    !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) && !is_public_holiday(date)
}

/// Norway's public holidays (helligdagsloven and 1. and 17. mai): New Year's Day, Maundy
/// Thursday, Good Friday, Easter Sunday and Monday, 1 May, 17 May, Ascension Day,
/// Whit Sunday and Monday, Christmas Day and Boxing Day.
fn is_public_holiday(date: NaiveDate) -> bool {
    let fixed = matches!(
        (date.month(), date.day()),
        (1, 1) | (5, 1) | (5, 17) | (12, 25) | (12, 26)
    );
    let easter = easter_sunday(date.year());
    let from_easter = (date - easter).num_days();
    fixed || matches!(from_easter, -3 | -2 | 0 | 1 | 39 | 49 | 50)
}

/// Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher).
fn easter_sunday(year: i32) -> NaiveDate {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    // The algorithm gives a month of 3 or 4 and a day of 1–31 for every year.
    NaiveDate::from_ymd_opt(year, month as u32, day as u32)
        .expect("Easter Sunday is a date in March or April")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn easter_is_computed_for_known_years() {
        assert_eq!(easter_sunday(2024), d(2024, 3, 31));
        assert_eq!(easter_sunday(2025), d(2025, 4, 20));
        assert_eq!(easter_sunday(2026), d(2026, 4, 5));
        assert_eq!(easter_sunday(2027), d(2027, 3, 28));
    }

    #[test]
    fn norwegian_public_holidays_are_known() {
        for holiday in [
            d(2026, 1, 1),
            d(2026, 4, 2),
            d(2026, 4, 3),
            d(2026, 4, 5),
            d(2026, 4, 6),
            d(2026, 5, 1),
            d(2026, 5, 14),
            d(2026, 5, 17),
            d(2026, 5, 24),
            d(2026, 5, 25),
            d(2026, 12, 25),
            d(2026, 12, 26),
        ] {
            assert!(is_public_holiday(holiday), "{holiday}");
        }
        assert!(!is_public_holiday(d(2026, 4, 7)));
        assert!(
            !is_public_holiday(d(2026, 12, 24)),
            "Christmas Eve is not a public holiday"
        );
    }

    #[test]
    fn weekends_and_holidays_move_to_the_previous_working_day() {
        assert_eq!(
            previous_working_day(d(2026, 3, 1)),
            d(2026, 2, 27),
            "Sunday → Friday"
        );
        // Easter Monday 6 April 2026 → back over Easter and Good Friday and Maundy Thursday.
        assert_eq!(previous_working_day(d(2026, 4, 6)), d(2026, 4, 1));
        assert_eq!(
            previous_working_day(d(2026, 3, 4)),
            d(2026, 3, 4),
            "a Wednesday stays"
        );
    }

    #[test]
    fn the_timeline_is_dated_back_from_the_connection_date() {
        // Connection on Monday 20 April 2026: two weeks before is Easter Monday.
        let Timeline { steps, moved } = dated(d(2026, 4, 20));
        let dates = |id: &str| steps.iter().find(|s| s.step.id == id).unwrap().dates;
        assert_eq!(dates("connect"), Some((d(2026, 4, 20), d(2026, 4, 20))));
        assert_eq!(
            dates("sign_agreements"),
            Some((d(2026, 4, 1), d(2026, 4, 13)))
        );
        assert_eq!(
            dates("dates_deadline"),
            Some((d(2026, 3, 30), d(2026, 3, 30)))
        );
        assert_eq!(dates("ks_supplement"), None);
        // The test follows the signing, and the contact centre hears again after connection.
        let (_, signed) = dates("sign_agreements").unwrap();
        let (test_from, _) = dates("optional_test").unwrap();
        assert!(test_from >= signed, "the test starts when signing ends");
        let (confirm, _) = dates("confirm_kontaktsenter").unwrap();
        assert!(confirm >= d(2026, 4, 20));
        assert!(moved.contains(&Moved {
            original: d(2026, 4, 6),
            moved_to: d(2026, 4, 1)
        }));
        // A connection on a Saturday stays where the municipality put it.
        let steps = dated(d(2026, 3, 7)).steps;
        assert_eq!(
            steps.iter().find(|s| s.step.id == "publish").unwrap().dates,
            Some((d(2026, 3, 7), d(2026, 3, 7)))
        );
    }
}
