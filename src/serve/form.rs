//! The profile form: its fields for each cooperation model, and its values as profile YAML
//! and back.
//!
//! A field's HTML name is its profile path (`cooperation.members[1].org_number`), the same
//! path the validator puts on each problem, so a problem finds its field by name.

use crate::plan::{Role, rules_of};
use crate::profile::CooperationModel;
use serde_yaml::{Mapping, Value};
use std::collections::BTreeMap;

/// More members than any cooperation has; a form claiming more is cut off here.
const MAX_MEMBERS: usize = 40;

/// How a field is entered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub(super) enum Input {
    Text,
    Email,
    Tel,
    Date,
    Number,
    /// `nb` or `nn`.
    Language,
    /// `true` or `false`.
    YesNo,
    /// The board's legal form.
    LegalForm,
    /// `members` or `board`, empty for the default.
    BoardRole,
    /// `sami_first` or `norwegian_first`.
    SamiOrder,
}

/// One field: its path below the group's prefix and what the page says about it.
pub(super) struct Field {
    pub(super) key: &'static str,
    pub(super) label: &'static str,
    pub(super) help: &'static str,
    pub(super) input: Input,
    /// Which cooperations ask for it.
    pub(super) when: When,
}

/// Which cooperations ask for a field or a group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum When {
    Always,
    /// Where each member signs its own agreements.
    MembersSign,
    /// Where each member is controller, so names its own contact and privacy officer.
    MembersControl,
}

/// A fieldset of the form.
pub(super) struct Group {
    pub(super) id: &'static str,
    pub(super) legend: &'static str,
    pub(super) prefix: &'static str,
    pub(super) fields: &'static [Field],
}

const fn f(key: &'static str, label: &'static str, help: &'static str, input: Input) -> Field {
    Field {
        key,
        label,
        help,
        input,
        when: When::Always,
    }
}

const fn member_f(
    key: &'static str,
    label: &'static str,
    help: &'static str,
    input: Input,
    when: When,
) -> Field {
    Field {
        key,
        label,
        help,
        input,
        when,
    }
}

use Input::{BoardRole, Date, Email, Language, LegalForm, Number, SamiOrder, Tel, Text, YesNo};

/// The municipality's own fields: every model asks for them.
pub(super) const MUNICIPALITY: &[Group] = &[
    Group {
        id: "kommunen",
        legend: "Kommunen",
        prefix: "municipality",
        fields: &[
            f(
                "name",
                "Navn",
                "Uten ordet «kommune», for eksempel Bærum.",
                Text,
            ),
            f(
                "number",
                "Kommunenummer",
                "Fire sifre, for eksempel 3201.",
                Text,
            ),
            f(
                "org_number",
                "Organisasjonsnummer",
                "Ni sifre i Enhetsregisteret, med kontrollsiffer.",
                Text,
            ),
            f("county", "Fylke", "", Text),
            f(
                "population",
                "Innbyggere",
                "Avgjør tilknytningskostnaden.",
                Number,
            ),
            f(
                "language",
                "Målform i dokumentene",
                "Slik kommunens språkvedtak bestemmer.",
                Language,
            ),
            f(
                "recipient_org_number",
                "Organisasjonsnummer søknadene sendes til (valgfritt)",
                "Bare når det er en egen underenhet for sosiale tjenester.",
                Text,
            ),
        ],
    },
    Group {
        id: "adresse",
        legend: "Postadresse (valgfritt)",
        prefix: "municipality.address",
        fields: &[
            f("street", "Gateadresse", "", Text),
            f("postal_code", "Postnummer", "Fire sifre.", Text),
            f("city", "Poststed", "", Text),
        ],
    },
    Group {
        id: "signatar",
        legend: "Den som signerer avtalene",
        prefix: "municipality.signatory",
        fields: &[
            f(
                "name",
                "Fullt navn",
                "Slik Enhetsregisteret viser det.",
                Text,
            ),
            f("title", "Tittel", "For eksempel kommunedirektør.", Text),
        ],
    },
    Group {
        id: "personvernombud",
        legend: "Personvernombud",
        prefix: "municipality.privacy_officer",
        fields: &[
            f("name", "Fullt navn", "", Text),
            f("email", "E-post", "", Email),
        ],
    },
    Group {
        id: "kontaktperson",
        legend: "Kontaktperson for Digisos",
        prefix: "municipality.contact",
        fields: &[
            f("name", "Fullt navn", "", Text),
            f("email", "E-post", "", Email),
            f("phone", "Telefon (valgfritt)", "", Tel),
        ],
    },
    Group {
        id: "nav-kontor",
        legend: "NAV-kontoret",
        prefix: "nav_office",
        fields: &[
            f(
                "name",
                "Navn",
                "Slik det står på nav.no, for eksempel NAV Bærum.",
                Text,
            ),
            f("address", "Besøksadresse", "På én linje.", Text),
            f(
                "phone",
                "Telefon",
                "Er det NAV Kontaktsenter, skriv 55 55 33 33.",
                Tel,
            ),
            // One per written standard, as the profile allows: a letter in nynorsk needs
            // «måndag», not «mandag».
            f(
                "opening_hours.nb",
                "Åpningstider på bokmål (valgfritt)",
                "På én linje, for eksempel mandag–fredag 09.00–15.00. Vises i brev på bokmål.",
                Text,
            ),
            f(
                "opening_hours.nn",
                "Åpningstider på nynorsk (valgfritt)",
                "For eksempel måndag–fredag 09.00–15.00. Trengs når et brev skrives på nynorsk.",
                Text,
            ),
        ],
    },
    Group {
        id: "fagsystem",
        legend: "Fagsystem",
        prefix: "case_system",
        fields: &[
            f(
                "vendor",
                "Leverandør",
                "For eksempel Visma eller Acos.",
                Text,
            ),
            f(
                "product",
                "Produkt",
                "For eksempel Visma Flyt Sosial.",
                Text,
            ),
        ],
    },
];

/// The inter-municipal body of the board model.
pub(super) const BOARD: Group = Group {
    id: "organ",
    legend: "Det felles organet",
    prefix: "cooperation.board",
    fields: &[
        f("name", "Navn", "", Text),
        f("org_number", "Organisasjonsnummer", "", Text),
        f(
            "legal_form",
            "Rettsform i dag",
            "Kommunalt oppgavefellesskap, interkommunalt selskap, eller § 27-styre (bare i overgangsperioden).",
            LegalForm,
        ),
        f(
            "controller",
            "Behandlingsansvarlig",
            "Standard: hver kommune. Organet kan bare være det som § 27-styre.",
            BoardRole,
        ),
        f(
            "recipient",
            "Søknadene sendes til",
            "Standard: hver kommune. Organet kan bare få dem som § 27-styre.",
            BoardRole,
        ),
        f("signatory.name", "Den som signerer: fullt navn", "", Text),
        f(
            "signatory.title",
            "Den som signerer: tittel",
            "For eksempel styreleder.",
            Text,
        ),
    ],
};

/// The host agreement of the host models.
pub(super) const HOST_AGREEMENT: Group = Group {
    id: "vertskommuneavtale",
    legend: "Vertskommuneavtalen (valgfritt)",
    prefix: "cooperation.agreement",
    fields: &[
        f(
            "date",
            "Dato",
            "Datoen for avtalen eller siste endring. Står den ikke her, viser avtalene at den mangler.",
            Date,
        ),
        f(
            "clause",
            "Punktet om behandlingsansvaret",
            "For eksempel punkt 4.",
            Text,
        ),
    ],
};

/// One member of a cooperation; the prefix gets the member's index.
pub(super) const MEMBER: &[Field] = &[
    member_f("name", "Navn", "Uten ordet «kommune».", Text, When::Always),
    member_f("number", "Kommunenummer", "", Text, When::Always),
    member_f("org_number", "Organisasjonsnummer", "", Text, When::Always),
    member_f("population", "Innbyggere", "", Number, When::Always),
    member_f(
        "language",
        "Målform",
        "Kommunens egen, etter språkvedtaket.",
        Language,
        When::Always,
    ),
    member_f(
        "signatory.name",
        "Den som signerer: fullt navn",
        "Signerer kommunens egne avtaler.",
        Text,
        When::MembersSign,
    ),
    member_f(
        "signatory.title",
        "Den som signerer: tittel",
        "",
        Text,
        When::MembersSign,
    ),
    // Asked of every member: a member that is not controller may name its own contact for
    // its news text and checklist, which otherwise give the profile's own.
    member_f(
        "contact.name",
        "Kontaktperson: fullt navn",
        "Påkrevd der hver kommune er behandlingsansvarlig. Ellers valgfritt: er feltene tomme, oppgir nyhetssaken og sjekklisten for kommunen kontaktpersonen øverst i skjemaet.",
        Text,
        When::Always,
    ),
    member_f(
        "contact.email",
        "Kontaktperson: e-post",
        "",
        Email,
        When::Always,
    ),
    member_f(
        "contact.phone",
        "Kontaktperson: telefon (valgfritt)",
        "",
        Tel,
        When::Always,
    ),
    member_f(
        "privacy_officer.name",
        "Personvernombud: fullt navn",
        "",
        Text,
        When::MembersControl,
    ),
    member_f(
        "privacy_officer.email",
        "Personvernombud: e-post",
        "",
        Email,
        When::MembersControl,
    ),
    member_f(
        "recipient_org_number",
        "Organisasjonsnummer søknadene sendes til (valgfritt)",
        "Bare når det er en egen underenhet for sosiale tjenester.",
        Text,
        When::Always,
    ),
];

/// The connection and the documents' dates.
pub(super) const DATES: &[Group] = &[
    Group {
        id: "pakobling",
        legend: "Påkoblingen",
        prefix: "connection",
        fields: &[
            f(
                "batch",
                "Pulje (valgfritt)",
                "Puljen Digisos har plassert kommunen i, for eksempel Pulje 14.",
                Text,
            ),
            f("date", "Påkoblingsdato", "Datoen avtalt med Digisos.", Date),
            f("innsyn", "Innsynsløsningen inngår i avtalene", "", YesNo),
        ],
    },
    Group {
        id: "dokumentene",
        legend: "Dokumentene",
        prefix: "documents",
        fields: &[
            f(
                "date",
                "Dokumentdato",
                "Datoen på avtalene, PVK og sjekklisten.",
                Date,
            ),
            f(
                "publication_date",
                "Publiseringsdato (valgfritt)",
                "Når brevet og nyhetssaken publiseres; tidligst påkoblingsdatoen, som er standard.",
                Date,
            ),
        ],
    },
];

/// The Sami language area's two choices, shown where the municipality or a member is in
/// the area, or the profile already makes them. The page reads no file path from a request
/// (issue 13): the translation folder is kept for the command line, never read here.
pub(super) const SAMI: Group = Group {
    id: "samisk",
    legend: "Samisk versjon av brevet og nyhetssaken",
    prefix: "sami",
    fields: &[
        f(
            "order",
            "Rekkefølge",
            "Hvilken versjon som kommer først i brevet og nyhetssaken, når de lages med oversettelsen.",
            SamiOrder,
        ),
        f(
            "translation",
            "Mappe med oversettelsen (valgfritt)",
            "Mappen med de oversatte filene (.xlf), sett fra mappen profilfilen ligger i, for eksempel samisk/. Den brukes når pakken lages på kommandolinjen (validate, generate, batch), som skriver brevet og nyhetssaken på samisk og norsk. Denne siden åpner ingen mappe den får oppgitt: her får de to tekstene merket «samisk versjon mangler».",
            Text,
        ),
    ],
};

/// The path of the cooperation model; a radio group of its own.
pub(super) const MODEL: &str = "cooperation.model";
/// The path of the member list: problems about the list as a whole go to the field that
/// adds a member.
pub(super) const MEMBERS: &str = "cooperation.members";

/// Which parts of the form a cooperation model asks for, read from its clause rules.
#[derive(Debug, Clone, Copy)]
pub(super) struct Sections {
    pub(super) members: bool,
    pub(super) members_sign: bool,
    pub(super) members_control: bool,
    pub(super) board: bool,
    pub(super) host_agreement: bool,
}

impl Sections {
    pub(super) fn of(model: CooperationModel) -> Self {
        let rules = rules_of(model);
        // `single` has the rules of a host cooperation without transfer and one member
        // (plan/rules.rs): only the model itself says there are no others.
        let members = model != CooperationModel::Single;
        let board = rules.signs == Role::Board;
        Sections {
            members,
            members_sign: members && rules.signs == Role::Own,
            members_control: members && rules.controller == Role::Own,
            board,
            host_agreement: members && !board,
        }
    }

    fn asks(&self, when: When) -> bool {
        match when {
            When::Always => true,
            When::MembersSign => self.members_sign,
            When::MembersControl => self.members_control,
        }
    }

    /// The member fields this model asks for.
    pub(super) fn member_fields(&self) -> impl Iterator<Item = &'static Field> + '_ {
        MEMBER.iter().filter(|f| self.asks(f.when))
    }

    /// The groups after the model choice and the members, in the order of the form.
    fn cooperation_groups(&self) -> impl Iterator<Item = &'static Group> {
        [
            self.board.then_some(&BOARD),
            self.host_agreement.then_some(&HOST_AGREEMENT),
        ]
        .into_iter()
        .flatten()
    }
}

/// The form's values, by profile path, and the model they are shown for.
#[derive(Debug, Clone, Default)]
pub(super) struct Values {
    values: BTreeMap<String, String>,
    members: usize,
}

impl Values {
    /// The values a form sent, keeping only the form's own fields; a member left entirely
    /// empty is dropped, so that the form's member indices are the profile's.
    pub(super) fn from_pairs(pairs: &[(String, String)]) -> Self {
        let mut raw = BTreeMap::new();
        for (name, value) in pairs {
            if is_field(name) {
                raw.insert(name.clone(), value.clone());
            }
        }
        let mut v = Values::default();
        let mut member = 0;
        for i in 0..MAX_MEMBERS {
            let prefix = member_prefix(i);
            let fields: Vec<(String, String)> = MEMBER
                .iter()
                .filter_map(|f| {
                    let value = raw.remove(&format!("{prefix}.{}", f.key))?;
                    Some((format!("{}.{}", member_prefix(member), f.key), value))
                })
                .collect();
            if fields.iter().any(|(_, value)| !value.trim().is_empty()) {
                v.values.extend(fields);
                member += 1;
            }
        }
        v.members = member;
        v.values.extend(raw);
        v
    }

    /// The values of a profile's YAML (an upload); a profile that does not parse gives none,
    /// its syntax error being reported by the validator.
    pub(super) fn from_yaml(text: &str) -> Self {
        let mut pairs = Vec::new();
        if let Ok(value) = serde_yaml::from_str::<Value>(text) {
            flatten(&value, String::new(), &mut pairs);
        }
        // One text of opening hours is written in the municipality's own standard: the
        // form shows it there, and the validator asks for the other where a letter needs it.
        let language = pairs
            .iter()
            .find(|(path, _)| path == "municipality.language")
            .map_or("nb", |(_, value)| if value == "nn" { "nn" } else { "nb" });
        for (path, _) in &mut pairs {
            if path == OPENING_HOURS {
                *path = format!("{OPENING_HOURS}.{language}");
            }
        }
        Values::from_pairs(&pairs)
    }

    pub(super) fn get(&self, path: &str) -> &str {
        self.values.get(path).map_or("", String::as_str)
    }

    /// Clears every value holding one of `init`'s placeholders, so that the field shows
    /// empty and the validator asks for it.
    pub(super) fn clear_placeholders(&mut self) {
        for value in self.values.values_mut() {
            if crate::profile::is_placeholder(value) {
                value.clear();
            }
        }
    }

    pub(super) fn members(&self) -> usize {
        self.members
    }

    /// The model chosen, `single` where none or an unknown one is.
    pub(super) fn model(&self) -> CooperationModel {
        self.get(MODEL).parse().unwrap_or(CooperationModel::Single)
    }

    pub(super) fn sections(&self) -> Sections {
        Sections::of(self.model())
    }

    /// Appends a member with `fields` (paths below the member).
    pub(super) fn add_member(&mut self, fields: &[(String, String)]) {
        if self.members >= MAX_MEMBERS {
            return;
        }
        let prefix = member_prefix(self.members);
        for (key, value) in fields {
            self.values.insert(format!("{prefix}.{key}"), value.clone());
        }
        self.members += 1;
    }

    /// Removes member `index`; the later ones move up.
    pub(super) fn remove_member(&mut self, index: usize) {
        if index >= self.members {
            return;
        }
        for i in index..self.members {
            for f in MEMBER {
                let next = self
                    .values
                    .remove(&format!("{}.{}", member_prefix(i + 1), f.key));
                let here = format!("{}.{}", member_prefix(i), f.key);
                match next {
                    Some(value) => self.values.insert(here, value),
                    None => self.values.remove(&here),
                };
            }
        }
        self.members -= 1;
    }

    /// Every path the form shows for the chosen model, in the order of the page.
    pub(super) fn visible_paths(&self) -> Vec<String> {
        let s = self.sections();
        let mut paths = Vec::new();
        for g in MUNICIPALITY {
            paths.extend(g.fields.iter().map(|f| format!("{}.{}", g.prefix, f.key)));
        }
        paths.push(MODEL.to_owned());
        if s.members {
            for i in 0..self.members {
                let prefix = member_prefix(i);
                paths.extend(s.member_fields().map(|f| format!("{prefix}.{}", f.key)));
            }
            paths.push(MEMBERS.to_owned());
        }
        for g in s.cooperation_groups().chain(DATES).chain(self.sami_group()) {
            paths.extend(g.fields.iter().map(|f| format!("{}.{}", g.prefix, f.key)));
        }
        paths
    }

    /// The Sami group, where the municipality or a member is in the Sami language area or
    /// a Sami value is already given (which the form must not drop).
    pub(super) fn sami_group(&self) -> Option<&'static Group> {
        let members = if self.sections().members {
            self.members
        } else {
            0
        };
        let mut numbers = std::iter::once("municipality.number".to_owned())
            .chain((0..members).map(|i| format!("{}.number", member_prefix(i))));
        let in_area = numbers.any(|path| {
            crate::profile::MunicipalityNumber::parse(self.get(&path).trim())
                .and_then(|n| crate::register::find(&n))
                .is_some_and(|e| e.sami_area)
        });
        let given = SAMI.fields.iter().any(|f| {
            !self
                .get(&format!("{}.{}", SAMI.prefix, f.key))
                .trim()
                .is_empty()
        });
        (in_area || given).then_some(&SAMI)
    }

    /// The groups after the members, for the page.
    pub(super) fn cooperation_groups(&self) -> Vec<&'static Group> {
        self.sections().cooperation_groups().collect()
    }

    /// The profile YAML of the fields the chosen model shows; empty fields are left out,
    /// so the validator reports a required one as missing.
    pub(super) fn to_yaml(&self) -> String {
        let mut root = Value::Mapping(Mapping::new());
        insert(&mut root, &["schema".into()], Value::Number(1.into()));
        for path in self.visible_paths() {
            let value = self.get(&path).trim();
            if path == MEMBERS || value.is_empty() {
                continue;
            }
            insert(&mut root, &segments(&path), Value::String(value.to_owned()));
        }
        // A mapping of strings always serialises.
        serde_yaml::to_string(&root).unwrap_or_default()
    }
}

/// The profile's opening hours: one text, or one per written standard below it.
const OPENING_HOURS: &str = "nav_office.opening_hours";

/// `cooperation.members[3]`.
pub(super) fn member_prefix(index: usize) -> String {
    format!("{MEMBERS}[{index}]")
}

/// The HTML id of the field at `path`.
pub(super) fn field_id(path: &str) -> String {
    let mut id = String::from("f-");
    id.extend(path.chars().filter(|c| *c != ']').map(|c| match c {
        '.' | '[' | '_' => '-',
        c => c,
    }));
    id
}

/// The field a problem at `path` belongs to: the field itself, else the first field of
/// the section it names, else its nearest ancestor's; `None` when the form has no such
/// field (an unknown key, a section of another model).
pub(super) fn field_for(path: &str, visible: &[String]) -> Option<String> {
    let mut path = path;
    loop {
        if path.is_empty() {
            return None;
        }
        if visible.iter().any(|v| v == path) {
            return Some(path.to_owned());
        }
        if let Some(first) = visible.iter().find(|v| {
            v.strip_prefix(path)
                .is_some_and(|rest| rest.starts_with(['.', '[']))
        }) {
            return Some(first.clone());
        }
        path = &path[..path.rfind(['.', '[']).unwrap_or(0)];
    }
}

/// Whether `name` is a path of the form's fields.
fn is_field(name: &str) -> bool {
    if name == MODEL {
        return true;
    }
    let in_group = |g: &Group| {
        name.strip_prefix(g.prefix)
            .and_then(|rest| rest.strip_prefix('.'))
            .is_some_and(|key| g.fields.iter().any(|f| f.key == key))
    };
    if MUNICIPALITY
        .iter()
        .chain([&BOARD, &HOST_AGREEMENT, &SAMI])
        .chain(DATES)
        .any(in_group)
    {
        return true;
    }
    let Some(rest) = name.strip_prefix(MEMBERS).and_then(|r| r.strip_prefix('[')) else {
        return false;
    };
    let Some((index, key)) = rest.split_once("].") else {
        return false;
    };
    index.parse::<usize>().is_ok_and(|i| i < MAX_MEMBERS) && MEMBER.iter().any(|f| f.key == key)
}

enum Segment {
    Key(String),
    Index(usize),
}

fn segments(path: &str) -> Vec<Segment> {
    let mut out = Vec::new();
    for part in path.split('.') {
        match part.split_once('[') {
            Some((key, index)) => {
                out.push(Segment::Key(key.to_owned()));
                if let Ok(i) = index.trim_end_matches(']').parse() {
                    out.push(Segment::Index(i));
                }
            }
            None => out.push(Segment::Key(part.to_owned())),
        }
    }
    out
}

impl From<&str> for Segment {
    fn from(key: &str) -> Self {
        Segment::Key(key.to_owned())
    }
}

/// Sets the value at `path` in `node`, making the mappings and list items on the way.
fn insert(node: &mut Value, path: &[Segment], value: Value) {
    let Some((first, rest)) = path.split_first() else {
        *node = value;
        return;
    };
    let child = match first {
        Segment::Key(key) => {
            if !node.is_mapping() {
                *node = Value::Mapping(Mapping::new());
            }
            let Value::Mapping(map) = node else { return };
            let key = Value::String(key.clone());
            if !map.contains_key(&key) {
                map.insert(key.clone(), Value::Null);
            }
            map.get_mut(&key)
        }
        Segment::Index(i) => {
            if !node.is_sequence() {
                *node = Value::Sequence(Vec::new());
            }
            let Value::Sequence(items) = node else { return };
            while items.len() <= *i {
                items.push(Value::Mapping(Mapping::new()));
            }
            items.get_mut(*i)
        }
    };
    if let Some(child) = child {
        insert(child, rest, value);
    }
}

/// Every scalar of `value` with its profile path.
fn flatten(value: &Value, path: String, out: &mut Vec<(String, String)>) {
    match value {
        Value::Mapping(map) => {
            for (key, child) in map {
                if let Some(key) = key.as_str() {
                    let child_path = if path.is_empty() {
                        key.to_owned()
                    } else {
                        format!("{path}.{key}")
                    };
                    flatten(child, child_path, out);
                }
            }
        }
        Value::Sequence(items) => {
            for (i, child) in items.iter().enumerate().take(MAX_MEMBERS) {
                flatten(child, format!("{path}[{i}]"), out);
            }
        }
        Value::String(s) => out.push((path, s.clone())),
        Value::Number(n) => out.push((path, n.to_string())),
        Value::Bool(b) => out.push((path, b.to_string())),
        Value::Null | Value::Tagged(_) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn empty_members_are_dropped_and_the_rest_renumbered() {
        let v = Values::from_pairs(&pairs(&[
            ("cooperation.model", "host_with_transfer"),
            ("cooperation.members[0].name", " "),
            ("cooperation.members[1].name", "Asker"),
            ("cooperation.members[1].number", "3203"),
            ("unknown.key", "x"),
        ]));
        assert_eq!(v.members(), 1);
        assert_eq!(v.get("cooperation.members[0].name"), "Asker");
        assert_eq!(v.get("unknown.key"), "");
        let yaml = v.to_yaml();
        assert!(
            yaml.contains("members:\n  - name: Asker\n    number: '3203'"),
            "{yaml}"
        );
    }

    #[test]
    fn opening_hours_keep_each_written_standard_through_the_form() {
        let both = Values::from_yaml(
            "municipality: { language: nb }\nnav_office:\n  opening_hours: { nb: mandag, nn: måndag }\n",
        );
        assert_eq!(both.get("nav_office.opening_hours.nb"), "mandag");
        assert_eq!(both.get("nav_office.opening_hours.nn"), "måndag");
        let yaml = both.to_yaml();
        assert!(
            yaml.contains("opening_hours:\n    nb: mandag\n    nn: måndag"),
            "{yaml}"
        );
        // One text is the municipality's own standard.
        let one = Values::from_yaml(
            "municipality: { language: nn }\nnav_office: { opening_hours: måndag }\n",
        );
        assert_eq!(one.get("nav_office.opening_hours.nn"), "måndag");
        assert_eq!(one.get("nav_office.opening_hours.nb"), "");
    }

    #[test]
    fn fields_of_another_model_are_not_written() {
        let v = Values::from_pairs(&pairs(&[
            ("cooperation.model", "single"),
            ("cooperation.board.name", "Styret"),
            ("municipality.name", "Bærum"),
        ]));
        let yaml = v.to_yaml();
        assert!(!yaml.contains("Styret"), "{yaml}");
        assert!(
            yaml.starts_with("schema: 1\nmunicipality:\n  name: Bærum\n"),
            "{yaml}"
        );
    }

    #[test]
    fn the_sami_fields_are_asked_in_the_sami_language_area_and_never_dropped() {
        let asks = |list: &[(&str, &str)]| {
            Values::from_pairs(&pairs(list))
                .visible_paths()
                .contains(&"sami.order".to_owned())
        };
        assert!(!asks(&[("municipality.number", "3201")]));
        assert!(asks(&[("municipality.number", "5612")]));
        // A member in the area (Karasjok) asks for them too.
        assert!(asks(&[
            ("cooperation.model", "host_with_transfer"),
            ("municipality.number", "3201"),
            ("cooperation.members[0].number", "5610"),
        ]));
        // Outside the area, values already given are kept, so that the validator sees them.
        let v = Values::from_yaml(
            "municipality: { number: '3201' }\nsami: { translation: samisk/, order: norwegian_first }\n",
        );
        let yaml = v.to_yaml();
        assert!(
            yaml.contains("sami:\n  order: norwegian_first\n  translation: samisk/"),
            "{yaml}"
        );
    }

    #[test]
    fn a_problem_goes_to_its_field_or_its_sections_first_field() {
        let v = Values::from_pairs(&pairs(&[("cooperation.model", "host_with_transfer")]));
        let visible = v.visible_paths();
        assert_eq!(
            field_for("municipality.org_number", &visible).as_deref(),
            Some("municipality.org_number")
        );
        assert_eq!(
            field_for("municipality.signatory", &visible).as_deref(),
            Some("municipality.signatory.name")
        );
        assert_eq!(
            field_for("cooperation.members", &visible).as_deref(),
            Some(MEMBERS)
        );
        assert_eq!(field_for("nmae", &visible), None);
        assert_eq!(
            field_id("cooperation.members[2].org_number"),
            "f-cooperation-members-2-org-number"
        );
    }

    #[test]
    fn removing_a_member_moves_the_later_ones_up() {
        let mut v = Values::from_pairs(&pairs(&[
            ("cooperation.model", "board"),
            ("cooperation.members[0].name", "A"),
            ("cooperation.members[1].name", "B"),
            ("cooperation.members[2].name", "C"),
        ]));
        v.remove_member(1);
        assert_eq!(v.members(), 2);
        assert_eq!(v.get("cooperation.members[1].name"), "C");
        assert_eq!(v.get("cooperation.members[2].name"), "");
    }

    #[test]
    fn an_uploaded_profile_fills_the_form() {
        let v = Values::from_yaml(
            "schema: 1\nmunicipality: { name: Bærum, population: 133228 }\ncooperation:\n  model: board\n  members:\n    - { name: Asker, language: nn }\nconnection: { innsyn: true }\n",
        );
        assert_eq!(v.get("municipality.population"), "133228");
        assert_eq!(v.get("cooperation.members[0].language"), "nn");
        assert_eq!(v.get("connection.innsyn"), "true");
        assert_eq!(v.model(), CooperationModel::Board);
    }
}
