//! Turns a raw profile into a validated [`Profile`], collecting every problem on the way.

use super::model::*;
use super::position::{Location, Positions};
use super::raw::{self, Scalar};
use super::{Defaults, Problem};
use chrono::NaiveDate;

/// The longest text a single field may hold; longer values are typing accidents.
pub const MAX_FIELD_CHARS: usize = 300;

/// Collects problems, each located by its field path.
struct Checker<'a> {
    positions: &'a Positions,
    problems: Vec<Problem>,
}

impl Checker<'_> {
    fn problem(&mut self, path: &str, message: String, hint: impl Into<String>) {
        let location = self.positions.value(path);
        self.push(path, location, message, hint.into());
    }

    fn push(&mut self, path: &str, location: Option<Location>, message: String, hint: String) {
        let hint = (!hint.is_empty()).then_some(hint);
        self.problems.push(Problem {
            path: path.to_owned(),
            location,
            message,
            hint,
        });
    }

    /// A required text field: present, not blank, one line of printable text.
    fn text(&mut self, path: &str, value: Option<&Scalar>, what: &str) -> Option<String> {
        let Some(value) = value else {
            self.problem(path, format!("`{path}` is missing"), format!("add {what}"));
            return None;
        };
        self.check_text(path, value, what)
    }

    /// An optional text field: absent is fine, present must be good text.
    fn optional_text(&mut self, path: &str, value: Option<&Scalar>, what: &str) -> Option<String> {
        value.and_then(|v| self.check_text(path, v, what))
    }

    fn check_text(&mut self, path: &str, value: &Scalar, what: &str) -> Option<String> {
        let text = value.0.trim();
        if text.is_empty() {
            self.problem(path, format!("`{path}` is empty"), format!("write {what}"));
            return None;
        }
        if let Some(c) = text
            .chars()
            .find(|c| c.is_control() || is_bidi_control(*c) || is_private_use(*c))
        {
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

    fn number(&mut self, path: &str, value: Option<&Scalar>) -> Option<MunicipalityNumber> {
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

    fn org_number(&mut self, path: &str, value: Option<&Scalar>) -> Option<OrgNumber> {
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

    fn population(&mut self, path: &str, value: Option<&Scalar>) -> Option<u32> {
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

    fn language(&mut self, path: &str, value: Option<&Scalar>) -> Option<Language> {
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

    fn date(
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
                let shaped = text.len() == 10
                    && text.bytes().enumerate().all(|(i, b)| {
                        if i == 4 || i == 7 {
                            b == b'-'
                        } else {
                            b.is_ascii_digit()
                        }
                    });
                let message = if shaped {
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

    fn email(&mut self, path: &str, value: Option<&Scalar>) -> Option<String> {
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

    fn person(&mut self, path: &str, value: Option<&raw::Person>, what: &str) -> Option<Person> {
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

    fn contact(&mut self, path: &str, value: Option<&raw::Contact>, what: &str) -> Option<Contact> {
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

    fn legal_form(&mut self, path: &str, value: Option<&Scalar>) -> Option<LegalForm> {
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

    /// `board` or `members`; absent means the default of the body's legal form.
    fn board_role(&mut self, path: &str, value: Option<&Scalar>) -> Option<Option<BoardRole>> {
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

    fn municipality_name(&mut self, path: &str, value: Option<&Scalar>) -> Option<String> {
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

/// The Private Use Area: no font shows these, and the converter uses two of them to mark
/// where a value starts and ends.
fn is_private_use(c: char) -> bool {
    matches!(c, '\u{e000}'..='\u{f8ff}')
}

/// U+202A–U+202E and U+2066–U+2069 reorder text invisibly (the "Trojan source" trick).
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Validates `file`, read from `path` with hash `sha256`; `unknown` are the key paths serde
/// did not recognise. The profile's warnings are left for [`super::warnings`].
pub fn validate(
    file: &raw::ProfileFile,
    unknown: &[String],
    positions: &Positions,
    defaults: &Defaults,
    (path, sha256): (&std::path::Path, String),
) -> Result<Profile, Vec<Problem>> {
    let mut c = Checker {
        positions,
        problems: Vec::new(),
    };
    report_unknown_keys(&mut c, file, unknown);

    match file.schema.as_ref().map(|s| s.0.trim()) {
        Some("1") => {}
        None => c.problem(
            "schema",
            "`schema` is missing".into(),
            "add `schema: 1` as the first line",
        ),
        Some(other) => c.problem(
            "schema",
            format!("profile format version `{other}` is not supported"),
            "this version of digisos-pakke reads `schema: 1`",
        ),
    }

    let municipality = section(
        &mut c,
        "municipality",
        file.municipality.as_ref(),
        |c, m| {
            let p = "municipality";
            let address = m.address.as_ref().and_then(|a| {
                let street = c.text(
                    &format!("{p}.address.street"),
                    a.street.as_ref(),
                    "the street address",
                );
                let postal_code = c.text(
                    &format!("{p}.address.postal_code"),
                    a.postal_code.as_ref(),
                    "the four-digit postal code",
                );
                let postal_code = postal_code.filter(|code| {
                    let ok = code.len() == 4 && code.bytes().all(|b| b.is_ascii_digit());
                    if !ok {
                        c.problem(
                            &format!("{p}.address.postal_code"),
                            format!("`{code}` is not a postal code"),
                            "write the four digits in quotes, e.g. \"1304\"",
                        );
                    }
                    ok
                });
                let city = c.text(
                    &format!("{p}.address.city"),
                    a.city.as_ref(),
                    "the postal town",
                );
                Some(Address {
                    street: street?,
                    postal_code: postal_code?,
                    city: city?,
                })
            });
            let name = c.municipality_name(&format!("{p}.name"), m.name.as_ref());
            let number = c.number(&format!("{p}.number"), m.number.as_ref());
            let org_number = c.org_number(&format!("{p}.org_number"), m.org_number.as_ref());
            let county = c.text(
                &format!("{p}.county"),
                m.county.as_ref(),
                "the county (fylke)",
            );
            let population = c.population(&format!("{p}.population"), m.population.as_ref());
            let language = c.language(&format!("{p}.language"), m.language.as_ref());
            let signatory = c.person(
                &format!("{p}.signatory"),
                m.signatory.as_ref(),
                "the person who signs, as registered in Enhetsregisteret,",
            );
            let privacy_officer = c.contact(
                &format!("{p}.privacy_officer"),
                m.privacy_officer.as_ref(),
                "the data protection officer (personvernombud)",
            );
            let contact = c.contact(
                &format!("{p}.contact"),
                m.contact.as_ref(),
                "the municipality's contact person for Digisos",
            );
            Some(Municipality {
                name: name?,
                number: number?,
                org_number: org_number?,
                county: county?,
                population: population?,
                language: language?,
                address,
                signatory: signatory?,
                privacy_officer: privacy_officer?,
                contact: contact?,
            })
        },
    );

    let nav_office = section(&mut c, "nav_office", file.nav_office.as_ref(), |c, n| {
        let name = c.text(
            "nav_office.name",
            n.name.as_ref(),
            "the NAV office's name, e.g. NAV Bærum",
        );
        let address = c.text(
            "nav_office.address",
            n.address.as_ref(),
            "the office's visiting address on one line",
        );
        let phone = c.text(
            "nav_office.phone",
            n.phone.as_ref(),
            "the office's phone number",
        );
        let opening_hours = c.optional_text(
            "nav_office.opening_hours",
            n.opening_hours.as_ref(),
            "the opening hours on one line",
        );
        Some(NavOffice {
            name: name?,
            address: address?,
            phone: phone?,
            opening_hours,
        })
    });

    let case_system = section(&mut c, "case_system", file.case_system.as_ref(), |c, s| {
        let vendor = c.text(
            "case_system.vendor",
            s.vendor.as_ref(),
            "the vendor (fagsystemleverandør)",
        );
        let product = c.text(
            "case_system.product",
            s.product.as_ref(),
            "the product name",
        );
        Some(CaseSystem {
            vendor: vendor?,
            product: product?,
        })
    });

    let host_language = municipality.as_ref().map(|m| m.language);
    let host_number = municipality.as_ref().map(|m| m.number.clone());
    let cooperation = section(&mut c, "cooperation", file.cooperation.as_ref(), |c, co| {
        cooperation(c, co, host_language, host_number.as_ref())
    });

    let connection = file.connection.as_ref();
    let batch = match connection.and_then(|k| k.batch.as_ref()) {
        Some(b) => c.check_text("connection.batch", b, "the batch name, e.g. Pulje 14"),
        None => defaults.batch.clone(),
    };
    let connection_date = c.date(
        "connection.date",
        connection.and_then(|k| k.date.as_ref()),
        defaults.connection_date,
    );
    let innsyn = match connection
        .and_then(|k| k.innsyn.as_ref())
        .map(|s| s.0.trim())
    {
        None | Some("false") => Some(false),
        Some("true") => Some(true),
        Some(other) => {
            c.problem(
                "connection.innsyn",
                format!("`{other}` is not true or false"),
                "write true if the status service (innsyn) is part of the agreements, else false",
            );
            None
        }
    };
    let documents_date = c.date(
        "documents.date",
        file.documents.as_ref().and_then(|d| d.date.as_ref()),
        defaults.documents_date,
    );
    let publication_date = match file
        .documents
        .as_ref()
        .and_then(|d| d.publication_date.as_ref())
    {
        None => connection_date,
        given => c.date("documents.publication_date", given, None),
    };
    if let (Some(published), Some(connected)) = (publication_date, connection_date)
        && published < connected
    {
        c.problem(
                "documents.publication_date",
                format!("the letter and news text would be published on {published}, before the connection on {connected}"),
                "residents are told once the application is open on nav.no (the handbook): use the connection date or later, or leave `publication_date` out",
            );
    }
    let host_agreement = file
        .cooperation
        .as_ref()
        .and_then(|co| co.agreement.as_ref())
        .and_then(|a| host_agreement(&mut c, a, cooperation.as_ref().map(Cooperation::model)));
    if let (Some(Cooperation::Board { board, .. }), Some(date)) = (&cooperation, documents_date)
        && let Some(until) = board.legal_form.valid_until().filter(|until| date > *until)
    {
        c.problem(
                "cooperation.board.legal_form",
                format!("a body under kommuneloven 1992 § 27 had to be converted to a form of the 2018 Act by autumn 2023 (four years after the Act came into force); documents dated {date} cannot rest on § 27 (the transitional period is taken to end {until})"),
                "write the body's form today: oppgavefellesskap (kommunalt oppgavefellesskap, kapittel 19) or iks; if the host municipality decides the applications, use host_with_transfer or host_without_transfer",
            );
    }

    if !c.problems.is_empty() {
        return Err(c.problems);
    }
    match (
        municipality,
        nav_office,
        case_system,
        cooperation,
        connection_date,
        innsyn,
        documents_date,
        publication_date,
    ) {
        (
            Some(municipality),
            Some(nav_office),
            Some(case_system),
            Some(cooperation),
            Some(connection_date),
            Some(innsyn),
            Some(documents_date),
            Some(publication_date),
        ) => Ok(Profile {
            path: path.to_owned(),
            sha256,
            warnings: Vec::new(),
            municipality,
            nav_office,
            case_system,
            cooperation,
            batch,
            connection_date,
            innsyn,
            documents_date,
            publication_date,
            host_agreement,
        }),
        // Every `None` above was recorded as a problem.
        _ => Err(c.problems),
    }
}

fn section<'r, T: 'r, U>(
    c: &mut Checker,
    path: &str,
    raw: Option<&'r T>,
    check: impl FnOnce(&mut Checker, &'r T) -> Option<U>,
) -> Option<U> {
    match raw {
        Some(raw) => check(c, raw),
        None => {
            c.problem(
                path,
                format!("the section `{path}` is missing"),
                format!("add `{path}:` with its fields (see README.md, \"The profile\")"),
            );
            None
        }
    }
}

fn cooperation(
    c: &mut Checker,
    co: &raw::Cooperation,
    host_language: Option<Language>,
    host_number: Option<&MunicipalityNumber>,
) -> Option<Cooperation> {
    let key = c.text(
        "cooperation.model",
        co.model.as_ref(),
        &format!("the model, one of: {}", CooperationModel::keys()),
    )?;
    let Some(model) = CooperationModel::from_key(&key) else {
        c.problem(
            "cooperation.model",
            format!("`{key}` is not a cooperation model"),
            format!("write one of: {}", CooperationModel::keys()),
        );
        return None;
    };
    let takes_members = model != CooperationModel::Single;
    let members_must_sign = model == CooperationModel::HostWithoutTransfer;
    let members = match (&co.members, takes_members) {
        (Some(_), false) => {
            c.problem("cooperation.members", "a `single` municipality has no members".into(), "remove `members`, or choose a host model (host_with_transfer, host_without_transfer) or board");
            None
        }
        (None, false) => Some(Vec::new()),
        (None, true) if model == CooperationModel::Board => Some(Vec::new()),
        (None, true) => {
            c.problem(
                "cooperation.members",
                format!("the model `{model}` needs the other municipalities under `members`"),
                "list each member with name, number, org_number, population and language",
            );
            None
        }
        (Some(list), true) => members(c, list, host_language, host_number, members_must_sign),
    };
    let board = match (&co.board, model == CooperationModel::Board) {
        (Some(_), false) => {
            c.problem(
                "cooperation.board",
                format!("the model `{model}` has no board"),
                "remove `board`, or set `model: board`",
            );
            None
        }
        (None, true) => {
            c.problem(
                "cooperation.board",
                "the model `board` needs `board` with name, org_number, legal_form and signatory"
                    .into(),
                "add the inter-municipal board that signs the agreements",
            );
            None
        }
        (Some(b), true) => {
            let name = c.text(
                "cooperation.board.name",
                b.name.as_ref(),
                "the board's name",
            );
            let org_number = c.org_number("cooperation.board.org_number", b.org_number.as_ref());
            let signatory = c.person(
                "cooperation.board.signatory",
                b.signatory.as_ref(),
                "the person who signs for the board",
            );
            let legal_form = c.legal_form("cooperation.board.legal_form", b.legal_form.as_ref());
            let controller = c.board_role("cooperation.board.controller", b.controller.as_ref());
            let recipient = c.board_role("cooperation.board.recipient", b.recipient.as_ref());
            let legal_form = legal_form?;
            let (controller, recipient) = (controller?, recipient?);
            if !legal_form.can_decide_applications() {
                for (path, role) in [
                    ("cooperation.board.controller", controller),
                    ("cooperation.board.recipient", recipient),
                ] {
                    if role == Some(BoardRole::Board) {
                        c.problem(path, format!("a body of the form `{}` cannot decide applications for økonomisk sosialhjelp: it cannot be given the power to make enkeltvedtak under sosialtjenesteloven, so each member municipality decides its residents' applications, is their controller and receives them", legal_form.key()), "remove this line (the members are then controllers and recipients), or, if the host municipality decides the applications, use host_with_transfer");
                    }
                }
            }
            Some(Board {
                name: name?,
                org_number: org_number?,
                signatory: signatory?,
                legal_form,
                controller,
                recipient,
            })
        }
        (None, false) => None,
    };
    let members = members?;
    Some(match model {
        CooperationModel::Single => Cooperation::Single,
        CooperationModel::HostWithTransfer => Cooperation::HostWithTransfer { members },
        CooperationModel::HostWithoutTransfer => Cooperation::HostWithoutTransfer { members },
        CooperationModel::Board => Cooperation::Board {
            board: board?,
            members,
        },
    })
}

fn host_agreement(
    c: &mut Checker,
    a: &raw::HostAgreement,
    model: Option<CooperationModel>,
) -> Option<HostAgreement> {
    if !matches!(
        model,
        Some(CooperationModel::HostWithTransfer | CooperationModel::HostWithoutTransfer)
    ) {
        c.problem(
            "cooperation.agreement",
            "only a host cooperation has a host agreement (vertskommuneavtale)".into(),
            "remove `agreement`, or choose host_with_transfer or host_without_transfer",
        );
        return None;
    }
    let date = match &a.date {
        Some(_) => Some(c.date("cooperation.agreement.date", a.date.as_ref(), None)?),
        None => None,
    };
    let clause = c.optional_text(
        "cooperation.agreement.clause",
        a.clause.as_ref(),
        "the clause, e.g. punkt 4",
    );
    Some(HostAgreement { date, clause })
}

fn members(
    c: &mut Checker,
    list: &[raw::Member],
    host_language: Option<Language>,
    host_number: Option<&MunicipalityNumber>,
    must_sign: bool,
) -> Option<Vec<Member>> {
    if list.is_empty() {
        c.problem(
            "cooperation.members",
            "`members` is empty".into(),
            "list at least one other municipality",
        );
        return None;
    }
    let mut seen: Vec<MunicipalityNumber> = host_number.into_iter().cloned().collect();
    let mut out = Vec::new();
    let mut complete = true;
    for (i, m) in list.iter().enumerate() {
        let p = format!("cooperation.members[{i}]");
        let name = c.municipality_name(&format!("{p}.name"), m.name.as_ref());
        let number = c.number(&format!("{p}.number"), m.number.as_ref());
        let org_number = c.org_number(&format!("{p}.org_number"), m.org_number.as_ref());
        let population = c.population(&format!("{p}.population"), m.population.as_ref());
        let language = match &m.language {
            Some(_) => c.language(&format!("{p}.language"), m.language.as_ref()),
            None => host_language,
        };
        let signatory = match (&m.signatory, must_sign) {
            (None, false) => Some(None),
            (s, _) => c
                .person(
                    &format!("{p}.signatory"),
                    s.as_ref(),
                    "the person who signs for this member",
                )
                .map(Some),
        };
        if let Some(n) = &number {
            if seen.contains(n) {
                c.problem(
                    &format!("{p}.number"),
                    format!("kommunenummer {n} appears twice in the cooperation"),
                    "list each municipality once; the host is `municipality`, not a member",
                );
            }
            seen.push(n.clone());
        }
        let contact = m.contact.as_ref().map(|x| {
            c.contact(
                &format!("{p}.contact"),
                Some(x),
                "the member's contact person",
            )
        });
        let privacy_officer = m.privacy_officer.as_ref().map(|x| {
            c.contact(
                &format!("{p}.privacy_officer"),
                Some(x),
                "the member's data protection officer",
            )
        });
        match (name, number, org_number, population, language, signatory) {
            (
                Some(name),
                Some(number),
                Some(org_number),
                Some(population),
                Some(language),
                Some(signatory),
            ) if !matches!(contact, Some(None)) && !matches!(privacy_officer, Some(None)) => out
                .push(Member {
                    name,
                    number,
                    org_number,
                    population,
                    language,
                    signatory,
                    contact: contact.flatten(),
                    privacy_officer: privacy_officer.flatten(),
                }),
            _ => complete = false,
        }
    }
    complete.then_some(out)
}

/// One problem per unknown key, with the keys that are allowed there.
fn report_unknown_keys(c: &mut Checker, file: &raw::ProfileFile, unknown: &[String]) {
    // Serialising the raw profile writes every known key (absent ones as null), which gives
    // the allowed keys at any path without a second list to keep in step with the types.
    let known = serde_yaml::to_value(file).unwrap_or(serde_yaml::Value::Null);
    for path in unknown {
        let (parent, key) = match path.rfind('.') {
            Some(at) => (&path[..at], &path[at + 1..]),
            None => ("", path.as_str()),
        };
        let allowed = known_keys(&known, parent);
        let suggestion = allowed
            .iter()
            .filter(|k| similar(k, key))
            .min_by_key(|k| distance(k, key));
        let hint = match suggestion {
            Some(s) => format!("did you mean `{s}`? allowed here: {}", allowed.join(", ")),
            None => format!("remove it; allowed here: {}", allowed.join(", ")),
        };
        let location = c.positions.key(path);
        c.push(
            path,
            location,
            format!(
                "unknown key `{key}` in `{}`",
                if parent.is_empty() {
                    "the profile"
                } else {
                    parent
                }
            ),
            hint,
        );
    }
}

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

fn similar(a: &str, b: &str) -> bool {
    distance(a, b) <= 2.max(a.len().min(b.len()) / 3)
}

/// Levenshtein distance, for "did you mean".
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
