//! The rules of each section of a profile, and the rules that join sections (the
//! cooperation model decides which of `members`, `board` and `agreement` may appear; the
//! document date decides whether a board's legal form still exists).
//!
//! Each function checks every field it is given before it gives up, so that one run
//! reports all of a section's problems, in the order the fields are written in the README.

use super::checker::Checker;
use crate::profile::Defaults;
use crate::profile::model::{
    Address, Board, BoardRole, CaseSystem, Contact, Cooperation, CooperationModel, HostAgreement,
    Language, LegalForm, Member, Municipality, MunicipalityNumber, NavOffice, OpeningHours,
    SamiOrder, SamiTexts,
};
use crate::profile::raw::{self, Scalar};
use chrono::NaiveDate;

/// `schema: 1`, the only profile format there is; a later format must not be read as this one.
pub(super) fn schema(c: &mut Checker, value: Option<&Scalar>) {
    match value.map(|s| s.0.trim()) {
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
}

/// `municipality:`, the profile's own municipality (the host in the host models).
pub(super) fn municipality(c: &mut Checker, m: &raw::Municipality) -> Option<Municipality> {
    let address = m.address.as_ref().and_then(|a| address(c, a));
    let name = c.municipality_name("municipality.name", m.name.as_ref());
    let number = c.number("municipality.number", m.number.as_ref());
    let org_number = c.org_number("municipality.org_number", m.org_number.as_ref());
    let county = c.text(
        "municipality.county",
        m.county.as_ref(),
        "the county (fylke)",
    );
    let population = c.population("municipality.population", m.population.as_ref());
    let language = c.language("municipality.language", m.language.as_ref());
    let signatory = c.person(
        "municipality.signatory",
        m.signatory.as_ref(),
        "the person who signs, as registered in Enhetsregisteret,",
    );
    let privacy_officer = c.contact(
        "municipality.privacy_officer",
        m.privacy_officer.as_ref(),
        "the data protection officer (personvernombud)",
    );
    let contact = c.contact(
        "municipality.contact",
        m.contact.as_ref(),
        "the municipality's contact person for Digisos",
    );
    let recipient_org_number = m
        .recipient_org_number
        .as_ref()
        .map(|r| c.org_number("municipality.recipient_org_number", Some(r)));
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
        recipient_org_number: recipient_org_number.map_or(Some(None), |r| r.map(Some))?,
    })
}

/// `municipality.address`: optional as a whole, complete when given.
fn address(c: &mut Checker, a: &raw::Address) -> Option<Address> {
    let street = c.text(
        "municipality.address.street",
        a.street.as_ref(),
        "the street address",
    );
    let postal_code = c.text(
        "municipality.address.postal_code",
        a.postal_code.as_ref(),
        "the four-digit postal code",
    );
    let postal_code = postal_code.filter(|code| is_postal_code(c, code));
    let city = c.text(
        "municipality.address.city",
        a.city.as_ref(),
        "the postal town",
    );
    Some(Address {
        street: street?,
        postal_code: postal_code?,
        city: city?,
    })
}

/// Four digits; like a kommunenummer, it loses a leading zero unless it is quoted.
fn is_postal_code(c: &mut Checker, code: &str) -> bool {
    let ok = code.len() == 4 && code.bytes().all(|b| b.is_ascii_digit());
    if !ok {
        c.problem(
            "municipality.address.postal_code",
            format!("`{code}` is not a postal code"),
            "write the four digits in quotes, e.g. \"1304\"",
        );
    }
    ok
}

/// `nav_office:`
pub(super) fn nav_office(c: &mut Checker, n: &raw::NavOffice) -> Option<NavOffice> {
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
    let opening_hours = n.opening_hours.as_ref().and_then(|o| opening_hours(c, o));
    Some(NavOffice {
        name: name?,
        address: address?,
        phone: phone?,
        opening_hours,
    })
}

/// `nav_office.opening_hours:`
fn opening_hours(c: &mut Checker, hours: &raw::OpeningHours) -> Option<OpeningHours> {
    const WHAT: &str = "the opening hours on one line";
    match hours {
        raw::OpeningHours::One(text) => c
            .check_text("nav_office.opening_hours", text, WHAT)
            .map(OpeningHours::One),
        raw::OpeningHours::PerLanguage(texts) => Some(OpeningHours::PerLanguage {
            nb: c.optional_text("nav_office.opening_hours.nb", texts.nb.as_ref(), WHAT),
            nn: c.optional_text("nav_office.opening_hours.nn", texts.nn.as_ref(), WHAT),
        }),
    }
}

/// Opening hours given per written standard must have a text for each standard the
/// letters are written in: a letter without it would leave the line out silently.
pub(super) fn opening_hours_cover(
    c: &mut Checker,
    office: Option<&NavOffice>,
    municipality: Option<&Municipality>,
    cooperation: Option<&Cooperation>,
) {
    let Some(hours @ OpeningHours::PerLanguage { .. }) =
        office.and_then(|o| o.opening_hours.as_ref())
    else {
        return;
    };
    let letters = municipality
        .map(|m| (m.name.as_str(), m.language))
        .into_iter()
        .chain(
            cooperation
                .into_iter()
                .flat_map(|co| co.members().iter().map(|m| (m.name.as_str(), m.language))),
        );
    for language in [Language::Nb, Language::Nn] {
        let names: Vec<&str> = letters
            .clone()
            .filter(|(_, l)| *l == language)
            .map(|(name, _)| name)
            .collect();
        if names.is_empty() || hours.get(language).is_some() {
            continue;
        }
        let code = language.code();
        c.problem(
            "nav_office.opening_hours",
            format!(
                "`nav_office.opening_hours` has no `{code}` text, but the letters of {} are written in {}",
                names.join(", "),
                language.pick("bokmål", "nynorsk"),
            ),
            format!("add `{code}: \"…\"` under `opening_hours`, or write one text for every letter"),
        );
    }
}

/// `case_system:`
pub(super) fn case_system(c: &mut Checker, s: &raw::CaseSystem) -> Option<CaseSystem> {
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
}

/// What the members of a cooperation inherit from, or are compared with, the host: `None`
/// where the host's own field was invalid (and already reported).
#[derive(Clone, Copy)]
pub(super) struct Host<'a> {
    /// A member that gives no `language` writes in the host's.
    pub(super) language: Option<Language>,
    /// No member may repeat the host's kommunenummer.
    pub(super) number: Option<&'a MunicipalityNumber>,
}

/// `cooperation:`: the model, then the parts the model requires or forbids.
pub(super) fn cooperation(
    c: &mut Checker,
    co: &raw::Cooperation,
    host: Host,
) -> Option<Cooperation> {
    let model = model(c, co.model.as_ref())?;
    let members = cooperation_members(c, co.members.as_deref(), model, host);
    let board = board(c, co.board.as_ref(), model);
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

/// `cooperation.model`
fn model(c: &mut Checker, value: Option<&Scalar>) -> Option<CooperationModel> {
    let key = c.text(
        "cooperation.model",
        value,
        &format!("the model, one of: {}", CooperationModel::keys()),
    )?;
    let model = CooperationModel::from_key(&key);
    if model.is_none() {
        c.problem(
            "cooperation.model",
            format!("`{key}` is not a cooperation model"),
            format!("write one of: {}", CooperationModel::keys()),
        );
    }
    model
}

/// `cooperation.members`: forbidden for `single`, required for the host models, optional
/// for `board`.
fn cooperation_members(
    c: &mut Checker,
    list: Option<&[raw::Member]>,
    model: CooperationModel,
    host: Host,
) -> Option<Vec<Member>> {
    let takes_members = model != CooperationModel::Single;
    match (list, takes_members) {
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
        (Some(list), true) => {
            // Without transfer each member is a party of its own agreements, so it signs.
            let must_sign = model == CooperationModel::HostWithoutTransfer;
            // Where each member is controller (without transfer; every body of the board
            // model that can be accepted today), breach notices and its residents' questions
            // go to its own people, never to another municipality's.
            let controls = matches!(
                model,
                CooperationModel::HostWithoutTransfer | CooperationModel::Board
            );
            members(
                c,
                list,
                host,
                Duties {
                    must_sign,
                    controls,
                },
            )
        }
    }
}

/// Every entry of `cooperation.members`; `None` if any entry is incomplete, but only after
/// all entries were checked.
/// What a member must give besides its identity.
#[derive(Clone, Copy)]
struct Duties {
    /// It signs its own agreements: a signatory.
    must_sign: bool,
    /// It is controller: its own contact person and data protection officer.
    controls: bool,
}

fn members(
    c: &mut Checker,
    list: &[raw::Member],
    host: Host,
    duties: Duties,
) -> Option<Vec<Member>> {
    if list.is_empty() {
        c.problem(
            "cooperation.members",
            "`members` is empty".into(),
            "list at least one other municipality",
        );
        return None;
    }
    let mut seen: Vec<MunicipalityNumber> = host.number.into_iter().cloned().collect();
    let mut out = Vec::new();
    let mut complete = true;
    for (i, m) in list.iter().enumerate() {
        match member(
            c,
            &format!("cooperation.members[{i}]"),
            m,
            host,
            duties,
            &mut seen,
        ) {
            Some(member) => out.push(member),
            None => complete = false,
        }
    }
    complete.then_some(out)
}

/// One member at `p`. `seen` holds the kommunenumre met so far, the host's first, so that a
/// repeat is reported at the entry that repeats it.
fn member(
    c: &mut Checker,
    p: &str,
    m: &raw::Member,
    host: Host,
    duties: Duties,
    seen: &mut Vec<MunicipalityNumber>,
) -> Option<Member> {
    let name = c.municipality_name(&format!("{p}.name"), m.name.as_ref());
    let number = c.number(&format!("{p}.number"), m.number.as_ref());
    let org_number = c.org_number(&format!("{p}.org_number"), m.org_number.as_ref());
    let population = c.population(&format!("{p}.population"), m.population.as_ref());
    let language = match &m.language {
        Some(_) => c.language(&format!("{p}.language"), m.language.as_ref()),
        None => host.language,
    };
    let signatory = match (&m.signatory, duties.must_sign) {
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
    let contact = member_contact(
        c,
        &format!("{p}.contact"),
        m.contact.as_ref(),
        duties.controls,
        "the member's own contact person for Digisos",
    );
    let privacy_officer = member_contact(
        c,
        &format!("{p}.privacy_officer"),
        m.privacy_officer.as_ref(),
        duties.controls,
        "the member's data protection officer (personvernombud)",
    );
    let recipient_org_number = m
        .recipient_org_number
        .as_ref()
        .map(|r| c.org_number(&format!("{p}.recipient_org_number"), Some(r)));
    Some(Member {
        name: name?,
        number: number?,
        org_number: org_number?,
        population: population?,
        language: language?,
        signatory: signatory?,
        contact: contact?,
        privacy_officer: privacy_officer?,
        recipient_org_number: recipient_org_number.map_or(Some(None), |r| r.map(Some))?,
    })
}

/// A member's contact: required where `required`, else `Some(None)` when absent; `None`
/// when given but invalid, or required and absent.
fn member_contact(
    c: &mut Checker,
    path: &str,
    value: Option<&raw::Contact>,
    required: bool,
    what: &str,
) -> Option<Option<Contact>> {
    match value {
        None if !required => Some(None),
        x => c.contact(path, x, what).map(Some),
    }
}

/// `cooperation.board`: required by the `board` model, forbidden by the others.
fn board(c: &mut Checker, value: Option<&raw::Board>, model: CooperationModel) -> Option<Board> {
    match (value, model == CooperationModel::Board) {
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
        (Some(b), true) => board_fields(c, b),
        (None, false) => None,
    }
}

/// The fields of `cooperation.board`.
fn board_fields(c: &mut Checker, b: &raw::Board) -> Option<Board> {
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
    board_roles_fit(c, legal_form, controller, recipient);
    Some(Board {
        name: name?,
        org_number: org_number?,
        signatory: signatory?,
        legal_form,
        controller,
        recipient,
    })
}

/// Only a body that can decide applications may be their controller or recipient; the
/// others leave both roles with each member municipality.
fn board_roles_fit(
    c: &mut Checker,
    legal_form: LegalForm,
    controller: Option<BoardRole>,
    recipient: Option<BoardRole>,
) {
    if legal_form.can_decide_applications() {
        return;
    }
    for (path, role) in [
        ("cooperation.board.controller", controller),
        ("cooperation.board.recipient", recipient),
    ] {
        if role == Some(BoardRole::Board) {
            c.problem(path, format!("a body of the form `{}` cannot decide applications for økonomisk sosialhjelp: it cannot be given the power to make enkeltvedtak under sosialtjenesteloven, so each member municipality decides its residents' applications, is their controller and receives them", legal_form.key()), "remove this line (the members are then controllers and recipients), or, if the host municipality decides the applications, use host_with_transfer");
        }
    }
}

/// A board whose legal form had a transitional period cannot sign documents dated after it.
pub(super) fn legal_form_in_force(
    c: &mut Checker,
    cooperation: Option<&Cooperation>,
    documents_date: Option<NaiveDate>,
) {
    if let (Some(Cooperation::Board { board, .. }), Some(date)) = (cooperation, documents_date)
        && let Some(until) = board.legal_form.valid_until().filter(|until| date > *until)
    {
        c.problem(
                "cooperation.board.legal_form",
                format!("a body under kommuneloven 1992 § 27 had to be converted to a form of the 2018 Act by autumn 2023 (four years after the Act came into force); documents dated {date} cannot rest on § 27 (the transitional period is taken to end {until})"),
                "write the body's form today: oppgavefellesskap (kommunalt oppgavefellesskap, kapittel 19) or iks; if the host municipality decides the applications, use host_with_transfer or host_without_transfer",
            );
    }
}

/// `cooperation.agreement`, which only a host model has. An invalid date drops the whole
/// agreement and leaves the clause unchecked; the date's problem already stops the profile.
pub(super) fn host_agreement(
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

/// The `connection:` section, each field `None` where it was invalid (and reported).
pub(super) struct Connection {
    /// `None` is also a valid absent batch; a bad one is reported but never blocks.
    pub(super) batch: Option<String>,
    pub(super) date: Option<NaiveDate>,
    pub(super) innsyn: Option<bool>,
}

/// `connection:`, optional as a section: the batch's [`Defaults`] fill in what it leaves out.
pub(super) fn connection(
    c: &mut Checker,
    connection: Option<&raw::Connection>,
    defaults: &Defaults,
) -> Connection {
    let batch = match connection.and_then(|k| k.batch.as_ref()) {
        Some(b) => c.check_text("connection.batch", b, "the batch name, e.g. Pulje 14"),
        None => defaults.batch.clone(),
    };
    let date = c.date(
        "connection.date",
        connection.and_then(|k| k.date.as_ref()),
        defaults.connection_date,
    );
    let innsyn = innsyn(c, connection.and_then(|k| k.innsyn.as_ref()));
    Connection {
        batch,
        date,
        innsyn,
    }
}

/// `connection.innsyn`: absent means false.
fn innsyn(c: &mut Checker, value: Option<&Scalar>) -> Option<bool> {
    match value.map(|s| s.0.trim()) {
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
    }
}

/// `documents:`: the documents' date and their publication date, in that order.
pub(super) fn documents(
    c: &mut Checker,
    documents: Option<&raw::Documents>,
    defaults: &Defaults,
    connection_date: Option<NaiveDate>,
) -> (Option<NaiveDate>, Option<NaiveDate>) {
    let date = c.date(
        "documents.date",
        documents.and_then(|d| d.date.as_ref()),
        defaults.documents_date,
    );
    let published = publication_date(
        c,
        documents.and_then(|d| d.publication_date.as_ref()),
        connection_date,
    );
    (date, published)
}

/// `documents.publication_date`, by default the connection date. Residents must not be
/// told to apply digitally before they can, so it may not come before the connection.
fn publication_date(
    c: &mut Checker,
    given: Option<&Scalar>,
    connection_date: Option<NaiveDate>,
) -> Option<NaiveDate> {
    let publication_date = match given {
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
    publication_date
}

/// `sami:`, optional: the folder of the municipality's translation, resolved against the
/// profile's folder (its files are checked when the pack is built), and the order.
pub(super) fn sami(
    c: &mut Checker,
    sami: Option<&raw::Sami>,
    profile: &std::path::Path,
) -> Option<SamiTexts> {
    let Some(sami) = sami else {
        return Some(SamiTexts::default());
    };
    let translation = match &sami.translation {
        None => Some(None),
        Some(folder) => c
            .check_text(
                "sami.translation",
                folder,
                "the folder of the translated files, e.g. samisk/",
            )
            .map(|folder| {
                let base = profile.parent().unwrap_or(std::path::Path::new(""));
                Some(base.join(folder))
            }),
    };
    let order = match sami.order.as_ref().map(|s| s.0.trim()) {
        None | Some("sami_first") => Some(SamiOrder::SamiFirst),
        Some("norwegian_first") => Some(SamiOrder::NorwegianFirst),
        Some(other) => {
            c.problem(
                "sami.order",
                format!("`{other}` is not an order of the two versions"),
                "write sami_first (the default) or norwegian_first",
            );
            None
        }
    };
    Some(SamiTexts {
        translation: translation?,
        order: order?,
    })
}

#[cfg(test)]
mod tests {
    use super::super::checker::run;
    use super::*;
    use crate::profile::Problem;

    fn s(text: &str) -> Option<Scalar> {
        Some(Scalar(text.to_owned()))
    }

    fn date(text: &str) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
    }

    fn paths(problems: &[Problem]) -> Vec<&str> {
        problems.iter().map(|p| p.path.as_str()).collect()
    }

    fn raw_board(
        legal_form: &str,
        controller: Option<&str>,
        recipient: Option<&str>,
    ) -> raw::Board {
        raw::Board {
            name: s("Vestlandet sosialtenester"),
            org_number: s("935478715"),
            signatory: Some(raw::Person {
                name: s("Kari Nordmann"),
                title: s("Dagleg leiar"),
            }),
            legal_form: s(legal_form),
            controller: controller.and_then(s),
            recipient: recipient.and_then(s),
        }
    }

    fn board_cooperation(legal_form: &str) -> Cooperation {
        let raw = raw_board(legal_form, None, None);
        let board = run(|c| board_fields(c, &raw)).0.expect("a valid board");
        Cooperation::Board {
            board,
            members: Vec::new(),
        }
    }

    #[test]
    fn a_2018_act_body_cannot_be_controller_or_recipient() {
        for form in ["oppgavefellesskap", "iks"] {
            let raw = raw_board(form, Some("board"), Some("board"));
            let (board, problems) = run(|c| board_fields(c, &raw));
            // The roles are reported, yet the board is still returned: the problems stop
            // the profile, and the rest of the board stays checked.
            assert!(board.is_some());
            assert_eq!(
                paths(&problems),
                [
                    "cooperation.board.controller",
                    "cooperation.board.recipient"
                ]
            );
            assert!(problems[0].message.starts_with(&format!(
                "a body of the form `{form}` cannot decide applications for økonomisk sosialhjelp"
            )));
        }
    }

    #[test]
    fn a_2018_act_body_may_leave_the_roles_to_the_members() {
        for (controller, recipient) in [(None, None), (Some("members"), Some("members"))] {
            let raw = raw_board("iks", controller, recipient);
            let (board, problems) = run(|c| board_fields(c, &raw));
            assert!(problems.is_empty(), "{problems:?}");
            let board = board.expect("valid");
            assert_eq!(board.legal_form, LegalForm::Iks);
            assert_eq!(board.controller, controller.map(|_| BoardRole::Members));
        }
    }

    #[test]
    fn a_paragraph_27_body_may_hold_the_roles() {
        let raw = raw_board("paragraph_27", Some("board"), Some("members"));
        let (board, problems) = run(|c| board_fields(c, &raw));
        assert!(problems.is_empty(), "{problems:?}");
        let board = board.expect("valid");
        assert_eq!(
            (board.controller, board.recipient),
            (Some(BoardRole::Board), Some(BoardRole::Members))
        );
    }

    #[test]
    fn a_bad_role_is_reported_without_the_legal_form_rule() {
        let raw = raw_board("iks", Some("styret"), Some("board"));
        let (board, problems) = run(|c| board_fields(c, &raw));
        assert!(board.is_none());
        // The recipient rule is not applied while the controller is unreadable.
        assert_eq!(paths(&problems), ["cooperation.board.controller"]);
    }

    #[test]
    fn a_paragraph_27_body_ends_with_2023() {
        let cooperation = board_cooperation("paragraph_27");
        let in_force = |d: &str| run(|c| legal_form_in_force(c, Some(&cooperation), date(d))).1;
        assert!(in_force("2023-12-31").is_empty());
        let problems = in_force("2024-01-01");
        assert_eq!(paths(&problems), ["cooperation.board.legal_form"]);
        assert!(problems[0].message.ends_with(
            "documents dated 2024-01-01 cannot rest on § 27 (the transitional period is taken to end 2023-12-31)"
        ));
        // The 2018 forms have no end, and an unknown date is reported elsewhere.
        let iks = board_cooperation("iks");
        assert!(
            run(|c| legal_form_in_force(c, Some(&iks), date("2099-01-01")))
                .1
                .is_empty()
        );
        assert!(
            run(|c| legal_form_in_force(c, Some(&cooperation), None))
                .1
                .is_empty()
        );
    }

    #[test]
    fn the_board_model_needs_a_board_and_the_others_have_none() {
        let (_, problems) = run(|c| board(c, None, CooperationModel::Board));
        assert_eq!(
            problems[0].message,
            "the model `board` needs `board` with name, org_number, legal_form and signatory"
        );
        let raw = raw_board("iks", None, None);
        let (_, problems) = run(|c| board(c, Some(&raw), CooperationModel::HostWithTransfer));
        assert_eq!(
            problems[0].message,
            "the model `host_with_transfer` has no board"
        );
        assert!(
            run(|c| board(c, None, CooperationModel::Single))
                .1
                .is_empty()
        );
    }

    #[test]
    fn publication_defaults_to_the_connection_date() {
        let connected = date("2026-03-02");
        let (published, problems) = run(|c| publication_date(c, None, connected));
        assert_eq!((published, problems.len()), (connected, 0));
    }

    #[test]
    fn publication_on_or_after_the_connection_is_allowed() {
        for given in ["2026-03-02", "2026-04-15"] {
            let (published, problems) =
                run(|c| publication_date(c, s(given).as_ref(), date("2026-03-02")));
            assert_eq!((published, problems.len()), (date(given), 0));
        }
    }

    #[test]
    fn publication_before_the_connection_is_rejected() {
        let (published, problems) =
            run(|c| publication_date(c, s("2026-03-01").as_ref(), date("2026-03-02")));
        // The date is still returned: the problem alone stops the profile.
        assert_eq!(published, date("2026-03-01"));
        assert_eq!(paths(&problems), ["documents.publication_date"]);
        assert_eq!(
            problems[0].message,
            "the letter and news text would be published on 2026-03-01, before the connection on 2026-03-02"
        );
    }

    #[test]
    fn publication_is_not_compared_with_an_invalid_connection_date() {
        let (published, problems) = run(|c| publication_date(c, s("2020-01-01").as_ref(), None));
        assert_eq!((published, problems.len()), (date("2020-01-01"), 0));
        let (published, problems) = run(|c| publication_date(c, None, None));
        assert_eq!((published, problems.len()), (None, 0));
    }

    #[test]
    fn only_host_models_take_a_host_agreement() {
        let raw = raw::HostAgreement {
            date: s("2025-01-01"),
            clause: s("punkt 4"),
        };
        for model in [CooperationModel::Single, CooperationModel::Board] {
            let (agreement, problems) = run(|c| host_agreement(c, &raw, Some(model)));
            assert_eq!(agreement, None);
            assert_eq!(paths(&problems), ["cooperation.agreement"]);
        }
        let (agreement, problems) =
            run(|c| host_agreement(c, &raw, Some(CooperationModel::HostWithTransfer)));
        assert!(problems.is_empty());
        assert_eq!(
            agreement,
            Some(HostAgreement {
                date: date("2025-01-01"),
                clause: Some("punkt 4".into())
            })
        );
    }

    #[test]
    fn a_member_repeating_the_host_is_reported() {
        let member = raw::Member {
            name: s("Asker"),
            number: s("3203"),
            org_number: s("935478715"),
            population: s("98000"),
            ..raw::Member::default()
        };
        let host_number = MunicipalityNumber::parse("3203");
        let host = Host {
            language: Some(Language::Nb),
            number: host_number.as_ref(),
        };
        let list = std::slice::from_ref(&member);
        let (checked, problems) = run(|c| {
            members(
                c,
                list,
                host,
                Duties {
                    must_sign: false,
                    controls: false,
                },
            )
        });
        // The duplicate is reported, but the member itself is complete.
        assert_eq!(checked.map(|m| m.len()), Some(1));
        assert_eq!(paths(&problems), ["cooperation.members[0].number"]);
        assert_eq!(
            problems[0].message,
            "kommunenummer 3203 appears twice in the cooperation"
        );
        // Without transfer, each member must sign.
        let (checked, problems) = run(|c| {
            members(
                c,
                list,
                host,
                Duties {
                    must_sign: true,
                    controls: false,
                },
            )
        });
        assert!(checked.is_none());
        assert!(paths(&problems).contains(&"cooperation.members[0].signatory"));
    }

    #[test]
    fn a_member_that_is_controller_names_its_own_contact_and_privacy_officer() {
        let member = raw::Member {
            name: s("Asker"),
            number: s("3203"),
            org_number: s("935478715"),
            population: s("98000"),
            ..raw::Member::default()
        };
        let host = Host {
            language: Some(Language::Nb),
            number: None,
        };
        let list = std::slice::from_ref(&member);
        let duties = Duties {
            must_sign: false,
            controls: true,
        };
        let (checked, problems) = run(|c| members(c, list, host, duties));
        assert!(checked.is_none());
        assert_eq!(
            paths(&problems),
            [
                "cooperation.members[0].contact",
                "cooperation.members[0].privacy_officer"
            ]
        );
    }
}
