//! The [`Checker`] and the validators of single fields.
//!
//! Each validator reads one raw field, records at most one problem for it and returns the
//! typed value only when the field is good, so a caller can collect every field of a
//! section first and then combine the results with `?`: every `None` it meets has already
//! been reported.

use crate::profile::Problem;
use crate::profile::model::{
    BoardRole, Contact, Language, LegalForm, MunicipalityNumber, OrgNumber, OrgNumberError, Person,
};
use crate::profile::position::{Location, Positions};
use crate::profile::raw::{self, Scalar};
use chrono::NaiveDate;

/// The longest text a single field may hold; longer values are typing accidents.
pub(crate) const MAX_FIELD_CHARS: usize = 300;

/// Collects problems, each located by its field path.
pub(super) struct Checker<'a> {
    positions: &'a Positions,
    problems: Vec<Problem>,
}

impl<'a> Checker<'a> {
    pub(super) fn new(positions: &'a Positions) -> Self {
        Checker {
            positions,
            problems: Vec::new(),
        }
    }

    /// Everything recorded so far, in the order it was found (the order the user reads).
    pub(super) fn into_problems(self) -> Vec<Problem> {
        self.problems
    }

    pub(super) fn has_problems(&self) -> bool {
        !self.problems.is_empty()
    }

    /// A problem with the value at `path`, located where that value (or its nearest
    /// written ancestor) starts.
    pub(super) fn problem(&mut self, path: &str, message: String, hint: impl Into<String>) {
        let location = self.positions.value(path);
        self.record(path, location, message, hint.into());
    }

    /// A problem with the key that ends `path` itself, e.g. an unknown key: the location is
    /// the key's, since the value may be anything.
    pub(super) fn key_problem(&mut self, path: &str, message: String, hint: String) {
        let location = self.positions.key(path);
        self.record(path, location, message, hint);
    }

    fn record(&mut self, path: &str, location: Option<Location>, message: String, hint: String) {
        self.problems.push(Problem {
            path: path.to_owned(),
            location,
            message,
            hint: Some(hint),
        });
    }

    /// Runs `check` on a section the profile must have, or reports the whole section missing.
    pub(super) fn section<'r, T: 'r, U>(
        &mut self,
        path: &str,
        raw: Option<&'r T>,
        check: impl FnOnce(&mut Self, &'r T) -> Option<U>,
    ) -> Option<U> {
        match raw {
            Some(raw) => check(self, raw),
            None => {
                self.problem(
                    path,
                    format!("the section `{path}` is missing"),
                    format!("add `{path}:` with its fields (see README.md, \"The profile\")"),
                );
                None
            }
        }
    }

    /// A required text field: present, not blank, one line of printable text. `what`
    /// completes the hints "add …", "write …" and "shorten it to …".
    pub(super) fn text(
        &mut self,
        path: &str,
        value: Option<&Scalar>,
        what: &str,
    ) -> Option<String> {
        let Some(value) = value else {
            self.problem(path, format!("`{path}` is missing"), format!("add {what}"));
            return None;
        };
        self.check_text(path, value, what)
    }

    /// An optional text field: absent is fine, present must be good text.
    pub(super) fn optional_text(
        &mut self,
        path: &str,
        value: Option<&Scalar>,
        what: &str,
    ) -> Option<String> {
        value.and_then(|v| self.check_text(path, v, what))
    }

    /// The rules every text value follows, trimmed: not empty, nothing invisible, at most
    /// [`MAX_FIELD_CHARS`] characters (counted as characters, not bytes).
    pub(super) fn check_text(&mut self, path: &str, value: &Scalar, what: &str) -> Option<String> {
        let text = value.0.trim();
        if text.is_empty() {
            self.problem(path, format!("`{path}` is empty"), format!("write {what}"));
            return None;
        }
        if let Some(c) = text.chars().find(|c| is_invisible(*c)) {
            self.problem(
                path,
                format!("`{path}` contains the invisible character U+{:04X}", c as u32),
                "retype the value on one line; line breaks, tabs, direction marks and private-use characters are not allowed",
            );
            return None;
        }
        let chars = text.chars().count();
        if chars > MAX_FIELD_CHARS {
            self.problem(
                path,
                format!("`{path}` is {chars} characters long; the limit is {MAX_FIELD_CHARS}"),
                format!("shorten it to {what}"),
            );
            return None;
        }
        Some(text.to_owned())
    }

    /// A kommunenummer. YAML reads an unquoted `0301` as the number 301, so a short run of
    /// digits gets a hint that shows the quoted, zero-padded form.
    pub(super) fn number(
        &mut self,
        path: &str,
        value: Option<&Scalar>,
    ) -> Option<MunicipalityNumber> {
        let text = self.text(
            path,
            value,
            "the four-digit kommunenummer, in quotes, e.g. \"3201\"",
        )?;
        let parsed = MunicipalityNumber::parse(&text);
        if parsed.is_none() {
            let hint = if text.len() < 4 && text.bytes().all(|b| b.is_ascii_digit()) {
                format!(
                    "a kommunenummer has four digits; if it starts with 0, put it in quotes so the zero is kept: \"{text:0>4}\""
                )
            } else {
                "write the four-digit kommunenummer in quotes, e.g. \"3201\"".to_owned()
            };
            self.problem(
                path,
                format!("`{text}` is not a kommunenummer (four digits)"),
                hint,
            );
        }
        parsed
    }

    /// An organisation number; the message is the same whether or not the first eight
    /// digits admit any check digit, since either way a digit was mistyped.
    pub(super) fn org_number(&mut self, path: &str, value: Option<&Scalar>) -> Option<OrgNumber> {
        let text = self.text(
            path,
            value,
            "the nine-digit organisation number from Enhetsregisteret",
        )?;
        match OrgNumber::parse(&text) {
            Ok(n) => Some(n),
            Err(OrgNumberError::NotNineDigits) => {
                self.problem(
                    path,
                    format!("`{text}` is not an organisation number: it must have nine digits"),
                    "copy the organisation number from Enhetsregisteret (brreg.no)",
                );
                None
            }
            Err(OrgNumberError::CheckDigit { .. }) => {
                self.problem(
                    path,
                    format!("`{text}` is not a valid organisation number: its check digit (modulus 11) is wrong"),
                    "a digit is probably mistyped; copy the number from Enhetsregisteret (brreg.no)",
                );
                None
            }
        }
    }

    /// Inhabitants, above zero; the thousands separators people type (space, no-break
    /// space, narrow no-break space) are ignored.
    pub(super) fn population(&mut self, path: &str, value: Option<&Scalar>) -> Option<u32> {
        let text = self.text(path, value, "the number of inhabitants, e.g. 130772")?;
        let digits: String = text
            .chars()
            .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
            .collect();
        match digits.parse::<u32>() {
            Ok(n) if n > 0 => Some(n),
            _ => {
                self.problem(
                    path,
                    format!("`{text}` is not a number of inhabitants"),
                    "write a whole number greater than zero, e.g. 130772",
                );
                None
            }
        }
    }

    pub(super) fn language(&mut self, path: &str, value: Option<&Scalar>) -> Option<Language> {
        let text = self.text(
            path,
            value,
            "the written standard: nb (bokmål) or nn (nynorsk)",
        )?;
        match Language::from_code(&text) {
            Some(language) => Some(language),
            None => {
                self.problem(
                    path,
                    format!("`{text}` is not a written standard"),
                    "write nb for bokmål or nn for nynorsk",
                );
                None
            }
        }
    }

    /// A date written exactly `YYYY-MM-DD`; `default` (from the batch) stands in for an
    /// absent field. A value of the right shape that is not in the calendar (2026-02-30)
    /// gets its own message, since the user then only needs to fix the day.
    pub(super) fn date(
        &mut self,
        path: &str,
        value: Option<&Scalar>,
        default: Option<NaiveDate>,
    ) -> Option<NaiveDate> {
        if value.is_none() && default.is_some() {
            return default;
        }
        let text = self.text(path, value, "a date as YYYY-MM-DD, e.g. 2026-03-02")?;
        match NaiveDate::parse_from_str(&text, "%Y-%m-%d") {
            Ok(date) if text.len() == 10 => Some(date),
            _ => {
                let message = if is_date_shaped(&text) {
                    format!("`{text}` is not a date in the calendar")
                } else {
                    format!("`{text}` is not a date in the form YYYY-MM-DD")
                };
                self.problem(
                    path,
                    message,
                    "write a real date as YYYY-MM-DD, e.g. 2026-03-02",
                );
                None
            }
        }
    }

    /// Only the plain shape of an address (`x@y.z`, no spaces): whether it is delivered is
    /// for the municipality to know.
    pub(super) fn email(&mut self, path: &str, value: Option<&Scalar>) -> Option<String> {
        let text = self.text(path, value, "an e-mail address")?;
        let valid = text.split_once('@').is_some_and(|(user, domain)| {
            !user.is_empty() && domain.contains('.') && !text.contains(char::is_whitespace)
        });
        if !valid {
            self.problem(
                path,
                format!("`{text}` is not an e-mail address"),
                "write it as name@kommune.no",
            );
            return None;
        }
        Some(text)
    }

    /// A signatory; both `name` and `title` are checked (and reported) before either is
    /// required.
    pub(super) fn person(
        &mut self,
        path: &str,
        value: Option<&raw::Person>,
        what: &str,
    ) -> Option<Person> {
        let Some(p) = value else {
            self.problem(
                path,
                format!("`{path}` is missing"),
                format!("add {what} with `name` and `title`"),
            );
            return None;
        };
        let name = self.text(
            &format!("{path}.name"),
            p.name.as_ref(),
            "the person's full name",
        );
        let title = self.text(
            &format!("{path}.title"),
            p.title.as_ref(),
            "the title, e.g. Kommunedirektør",
        );
        Some(Person {
            name: name?,
            title: title?,
        })
    }

    /// A contact person: name and e-mail required, phone optional.
    pub(super) fn contact(
        &mut self,
        path: &str,
        value: Option<&raw::Contact>,
        what: &str,
    ) -> Option<Contact> {
        let Some(c) = value else {
            self.problem(
                path,
                format!("`{path}` is missing"),
                format!("add {what} with `name` and `email`"),
            );
            return None;
        };
        let name = self.text(
            &format!("{path}.name"),
            c.name.as_ref(),
            "the person's full name",
        );
        let email = self.email(&format!("{path}.email"), c.email.as_ref());
        let phone =
            self.optional_text(&format!("{path}.phone"), c.phone.as_ref(), "a phone number");
        Some(Contact {
            name: name?,
            email: email?,
            phone,
        })
    }

    /// The board's legal form. An *interkommunalt politisk råd* is a real inter-municipal
    /// form, so it gets the legal reason it cannot serve here rather than "not supported".
    pub(super) fn legal_form(&mut self, path: &str, value: Option<&Scalar>) -> Option<LegalForm> {
        let keys = LegalForm::ALL.map(|(_, k)| k).join(", ");
        let text = self.text(
            path,
            value,
            &format!("the body's legal form today, one of: {keys}"),
        )?;
        if let Some(form) = LegalForm::from_key(&text) {
            return Some(form);
        }
        let message = if text.contains("politisk") {
            format!(
                "an interkommunalt politisk råd (kommuneloven kapittel 18) shall not produce services, so it cannot receive or decide applications (`{text}`)"
            )
        } else {
            format!("`{text}` is not a legal form this model supports")
        };
        self.problem(path, message, format!("write one of: {keys}; if the host municipality decides the applications, use host_with_transfer or host_without_transfer"));
        None
    }

    /// `board` or `members`. The outer `None` is a bad value; `Some(None)` is an absent
    /// one, which means the default of the body's legal form.
    pub(super) fn board_role(
        &mut self,
        path: &str,
        value: Option<&Scalar>,
    ) -> Option<Option<BoardRole>> {
        let Some(value) = value else {
            return Some(None);
        };
        match value.0.trim() {
            "board" => Some(Some(BoardRole::Board)),
            "members" => Some(Some(BoardRole::Members)),
            other => {
                self.problem(path, format!("`{other}` is not `board` or `members`"), "write board (the board holds the role) or members (each municipality for its own residents), or leave it out");
                None
            }
        }
    }

    /// A municipality's bare name: the templates write "{name} kommune", so a name that
    /// already ends in "kommune" would print it twice.
    pub(super) fn municipality_name(
        &mut self,
        path: &str,
        value: Option<&Scalar>,
    ) -> Option<String> {
        let name = self.text(
            path,
            value,
            "the municipality's name without the word \"kommune\"",
        )?;
        if name.to_lowercase().ends_with(" kommune") || name.to_lowercase().ends_with(" kommune.") {
            self.problem(
                path,
                format!("`{name}` ends with \"kommune\", which the documents add themselves"),
                "write the name alone, e.g. Bærum",
            );
            return None;
        }
        Some(name)
    }
}

/// `YYYY-MM-DD` as a pattern of digits and dashes, whatever the numbers.
fn is_date_shaped(text: &str) -> bool {
    text.len() == 10
        && text.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        })
}

/// Characters a reader cannot see but that change what a document says or how it is
/// converted: control characters (line breaks, tabs), direction controls and the Private
/// Use Area.
fn is_invisible(c: char) -> bool {
    c.is_control() || is_bidi_control(c) || crate::typst_markup::is_reserved(c)
}

/// U+202A–U+202E and U+2066–U+2069 reorder text invisibly (the "Trojan source" trick).
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Runs `f` on a fresh checker (with no positions: every location is `None`) and returns
/// its result and the problems it recorded.
#[cfg(test)]
pub(super) fn run<T>(f: impl FnOnce(&mut Checker) -> T) -> (T, Vec<Problem>) {
    let positions = Positions::default();
    let mut c = Checker::new(&positions);
    let value = f(&mut c);
    (value, c.into_problems())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(text: &str) -> Scalar {
        Scalar(text.to_owned())
    }

    /// The one problem recorded, as (path, message, hint).
    fn only(problems: &[Problem]) -> (&str, &str, &str) {
        assert_eq!(problems.len(), 1, "{problems:?}");
        let p = &problems[0];
        (&p.path, &p.message, p.hint.as_deref().unwrap_or(""))
    }

    #[test]
    fn an_org_number_with_a_wrong_check_digit_says_a_digit_is_mistyped() {
        // 935478714: the check digit should be 5. 000003000: 3·0+…+4·3 = 12 leaves remainder
        // 1, so no check digit exists. Both get the same message.
        for text in ["935478714", "000003000"] {
            assert!(matches!(
                OrgNumber::parse(text),
                Err(OrgNumberError::CheckDigit { .. })
            ));
            let (value, problems) = run(|c| c.org_number("x.org_number", Some(&s(text))));
            assert_eq!(value, None);
            assert_eq!(
                only(&problems),
                (
                    "x.org_number",
                    format!("`{text}` is not a valid organisation number: its check digit (modulus 11) is wrong").as_str(),
                    "a digit is probably mistyped; copy the number from Enhetsregisteret (brreg.no)",
                )
            );
        }
        assert_eq!(
            OrgNumber::parse("935478714"),
            Err(OrgNumberError::CheckDigit { expected: Some(5) })
        );
        assert_eq!(
            OrgNumber::parse("000003000"),
            Err(OrgNumberError::CheckDigit { expected: None })
        );
    }

    #[test]
    fn an_org_number_of_the_wrong_length_is_not_one() {
        let (value, problems) = run(|c| c.org_number("o", Some(&s("93547871"))));
        assert_eq!(value, None);
        assert_eq!(
            only(&problems).1,
            "`93547871` is not an organisation number: it must have nine digits"
        );
    }

    #[test]
    fn a_grouped_org_number_is_accepted() {
        let (value, problems) = run(|c| c.org_number("o", Some(&s(" 935 478 715 "))));
        assert_eq!(value.map(|n| n.grouped()), Some("935 478 715".to_owned()));
        assert!(problems.is_empty());
    }

    #[test]
    fn a_kommunenummer_that_lost_its_leading_zero_gets_the_quoted_form() {
        let (value, problems) = run(|c| c.number("m.number", Some(&s("301"))));
        assert_eq!(value, None);
        assert_eq!(
            only(&problems),
            (
                "m.number",
                "`301` is not a kommunenummer (four digits)",
                "a kommunenummer has four digits; if it starts with 0, put it in quotes so the zero is kept: \"0301\"",
            )
        );
        let (_, problems) = run(|c| c.number("m.number", Some(&s("1"))));
        assert!(only(&problems).2.ends_with("\"0001\""));
    }

    #[test]
    fn a_kommunenummer_with_letters_gets_the_general_hint() {
        let (_, problems) = run(|c| c.number("m.number", Some(&s("32a1"))));
        assert_eq!(
            only(&problems).2,
            "write the four-digit kommunenummer in quotes, e.g. \"3201\""
        );
        let (value, problems) = run(|c| c.number("m.number", Some(&s("0301"))));
        assert_eq!(value.as_ref().map(MunicipalityNumber::as_str), Some("0301"));
        assert!(problems.is_empty());
    }

    #[test]
    fn dates_must_be_real_and_written_yyyy_mm_dd() {
        let date = |text: &str| run(|c| c.date("d", Some(&s(text)), None));
        assert_eq!(date("2026-03-02").0, NaiveDate::from_ymd_opt(2026, 3, 2));
        assert_eq!(date(" 2024-02-29 ").0, NaiveDate::from_ymd_opt(2024, 2, 29));
        for text in ["2026-02-30", "2025-02-29", "2026-13-01"] {
            let (value, problems) = date(text);
            assert_eq!(value, None);
            let (_, message, hint) = only(&problems);
            assert_eq!(message, format!("`{text}` is not a date in the calendar"));
            assert_eq!(hint, "write a real date as YYYY-MM-DD, e.g. 2026-03-02");
        }
        // chrono would accept some of these; the form is required to be exact.
        for text in [
            "2026-3-2",
            "02.03.2026",
            "2026-03-02T10:00",
            "20260302",
            "+2026-03-02",
        ] {
            let (value, problems) = date(text);
            assert_eq!(value, None, "{text}");
            assert_eq!(
                only(&problems).1,
                format!("`{text}` is not a date in the form YYYY-MM-DD")
            );
        }
    }

    #[test]
    fn an_absent_date_takes_the_default_or_is_missing() {
        let default = NaiveDate::from_ymd_opt(2026, 3, 2);
        let (value, problems) = run(|c| c.date("connection.date", None, default));
        assert_eq!((value, problems.len()), (default, 0));
        let (value, problems) = run(|c| c.date("connection.date", None, None));
        assert_eq!(value, None);
        assert_eq!(
            only(&problems),
            (
                "connection.date",
                "`connection.date` is missing",
                "add a date as YYYY-MM-DD, e.g. 2026-03-02"
            )
        );
        // A written value wins over the default, and must be good.
        let (value, _) = run(|c| c.date("d", Some(&s("2026-04-01")), default));
        assert_eq!(value, NaiveDate::from_ymd_opt(2026, 4, 1));
    }

    #[test]
    fn text_is_trimmed_and_limited_in_characters_not_bytes() {
        let text = |v: &str| run(|c| c.text("f", Some(&s(v)), "the thing"));
        assert_eq!(text("  Bærum ").0.as_deref(), Some("Bærum"));
        // 300 two-byte characters are 600 bytes, and still allowed.
        let at_limit = "æ".repeat(MAX_FIELD_CHARS);
        assert_eq!(text(&at_limit).0, Some(at_limit.clone()));
        let (value, problems) = text(&"x".repeat(MAX_FIELD_CHARS + 1));
        assert_eq!(value, None);
        assert_eq!(
            only(&problems),
            (
                "f",
                "`f` is 301 characters long; the limit is 300",
                "shorten it to the thing"
            )
        );
        // Surrounding spaces do not count towards the limit.
        assert!(text(&format!("  {at_limit}  ")).1.is_empty());
    }

    #[test]
    fn empty_and_missing_text_are_reported_with_what_to_write() {
        let (_, problems) = run(|c| c.text("f", Some(&s("   ")), "the name"));
        assert_eq!(only(&problems), ("f", "`f` is empty", "write the name"));
        let (_, problems) = run(|c| c.text("f", None, "the name"));
        assert_eq!(only(&problems), ("f", "`f` is missing", "add the name"));
        let (value, problems) = run(|c| c.optional_text("f", None, "the name"));
        assert_eq!((value, problems.len()), (None, 0));
    }

    #[test]
    fn invisible_characters_are_named_by_code_point() {
        for (text, code) in [
            ("a\nb", "U+000A"),
            ("a\tb", "U+0009"),
            ("a\u{7f}b", "U+007F"),
            ("a\u{200f}b", "U+200F"),
            ("a\u{202e}b", "U+202E"),
            ("a\u{2066}b", "U+2066"),
            ("a\u{e000}b", "U+E000"),
            ("a\u{f8ff}b", "U+F8FF"),
        ] {
            let (value, problems) = run(|c| c.text("f", Some(&s(text)), "x"));
            assert_eq!(value, None, "{code}");
            let (_, message, hint) = only(&problems);
            assert_eq!(
                message,
                format!("`f` contains the invisible character {code}")
            );
            assert!(hint.starts_with("retype the value on one line"));
        }
        // Visible neighbours of those ranges pass.
        for text in ["a\u{2010}b", "a\u{f900}b", "Á\u{a0}b"] {
            assert!(
                run(|c| c.text("f", Some(&s(text)), "x")).1.is_empty(),
                "{text:?}"
            );
        }
    }

    #[test]
    fn population_ignores_thousands_separators_and_must_be_positive() {
        for (text, n) in [
            ("130772", 130_772),
            ("130 772", 130_772),
            ("130\u{a0}772", 130_772),
        ] {
            assert_eq!(run(|c| c.population("p", Some(&s(text)))).0, Some(n));
        }
        for text in ["0", "-5", "1.5", "many"] {
            let (value, problems) = run(|c| c.population("p", Some(&s(text))));
            assert_eq!(value, None);
            assert_eq!(
                only(&problems).1,
                format!("`{text}` is not a number of inhabitants")
            );
        }
    }

    #[test]
    fn e_mail_needs_a_user_and_a_dotted_domain() {
        assert!(run(|c| c.email("e", Some(&s("a@b.no")))).1.is_empty());
        for text in ["a@b", "@b.no", "ab.no", "a b@c.no"] {
            assert_eq!(
                only(&run(|c| c.email("e", Some(&s(text)))).1).1,
                format!("`{text}` is not an e-mail address")
            );
        }
    }

    #[test]
    fn a_person_reports_both_missing_fields() {
        let person = raw::Person::default();
        let (value, problems) = run(|c| c.person("s", Some(&person), "x"));
        assert_eq!(value, None);
        let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(paths, ["s.name", "s.title"]);
    }

    #[test]
    fn a_name_ending_in_kommune_is_rejected() {
        for text in ["Bærum kommune", "Bærum Kommune.", "Bærum KOMMUNE"] {
            let (value, problems) = run(|c| c.municipality_name("n", Some(&s(text))));
            assert_eq!(value, None);
            assert_eq!(
                only(&problems).1,
                format!("`{text}` ends with \"kommune\", which the documents add themselves")
            );
        }
        assert!(
            run(|c| c.municipality_name("n", Some(&s("Kommunestad"))))
                .1
                .is_empty()
        );
    }

    #[test]
    fn a_legal_form_is_one_of_the_keys_and_a_political_council_is_explained() {
        assert_eq!(
            run(|c| c.legal_form("l", Some(&s("iks")))).0,
            Some(LegalForm::Iks)
        );
        let (_, problems) = run(|c| c.legal_form("l", Some(&s("interkommunalt politisk råd"))));
        let (_, message, hint) = only(&problems);
        assert!(message.starts_with("an interkommunalt politisk råd (kommuneloven kapittel 18)"));
        assert!(hint.starts_with("write one of: oppgavefellesskap, iks, paragraph_27;"));
        let (_, problems) = run(|c| c.legal_form("l", Some(&s("as"))));
        assert_eq!(
            only(&problems).1,
            "`as` is not a legal form this model supports"
        );
    }

    #[test]
    fn a_board_role_is_board_members_or_absent() {
        assert_eq!(run(|c| c.board_role("r", None)).0, Some(None));
        assert_eq!(
            run(|c| c.board_role("r", Some(&s(" board ")))).0,
            Some(Some(BoardRole::Board))
        );
        let (value, problems) = run(|c| c.board_role("r", Some(&s("host"))));
        assert_eq!(value, None);
        assert_eq!(only(&problems).1, "`host` is not `board` or `members`");
    }

    #[test]
    fn a_missing_section_points_to_the_readme() {
        let (value, problems) = run(|c| c.section("nav_office", None::<&()>, |_, _| Some(1)));
        assert_eq!(value, None);
        assert_eq!(
            only(&problems),
            (
                "nav_office",
                "the section `nav_office` is missing",
                "add `nav_office:` with its fields (see README.md, \"The profile\")"
            )
        );
    }
}
