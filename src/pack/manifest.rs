//! `manifest.json`: every file of a pack with its size and SHA-256, and what the pack was
//! made from, so that a recipient can check that nothing was changed.

use super::PackFile;
use crate::plan::Plan;
use crate::reference::Reference;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The manifest's file name inside a pack.
pub const FILE_NAME: &str = "manifest.json";

/// The contents of `manifest.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// The tool that made the pack and its version.
    pub tool: Tool,
    /// The template set used.
    pub templates: Templates,
    /// The profile the pack was made from.
    pub profile: ProfileInfo,
    /// The cooperation model's key.
    pub model: String,
    /// The connection batch, if any.
    pub batch: Option<String>,
    /// The date printed on the documents (ISO).
    pub documents_date: String,
    /// The connection date (ISO).
    pub connection_date: String,
    /// The parties of the agreements and who signs for them.
    pub parties: Vec<Party>,
    /// A hash of everything the pack was made from: the profile's bytes, the batch's
    /// defaults, the templates, the reference data, the register, the Sami translation,
    /// whether it has Word files (`--docx`) and the tool's version. A
    /// re-run with the same inputs leaves the pack as it is (empty in packs made before it
    /// was recorded, which are therefore always made again).
    #[serde(default)]
    pub inputs: String,
    /// Every other file of the pack, in order.
    pub files: Vec<FileEntry>,
    /// The municipalities in the Sami language area whose letter and news text wait for
    /// their Sami version (absent when none waits).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub awaiting_sami: Vec<AwaitingSami>,
}

/// A municipality waiting for the Sami version of its citizen texts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AwaitingSami {
    /// Kommunenummer.
    pub number: String,
    /// Its name, e.g. "Kautokeino kommune".
    pub municipality: String,
    /// The Sami language (`sme`, `smj`, `sma`).
    pub language: String,
}

/// The tool.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tool {
    /// `digisos-pakke`.
    pub name: String,
    /// Its version.
    pub version: String,
}

/// The template set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Templates {
    /// `built-in`, or the folder given with `--templates`.
    pub set: String,
    /// A short hash of every template and the layout.
    pub version: String,
}

/// The profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileInfo {
    /// The profile's file name (without its folder, which differs between machines).
    pub file: String,
    /// SHA-256 of its bytes.
    pub sha256: String,
}

/// A party to the agreements.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Party {
    /// Its name.
    pub name: String,
    /// Its organisation number.
    pub org_number: String,
    /// `behandlingsansvarlig`, `avtalepart` (signs for controllers it is not) or
    /// `databehandler`.
    pub role: String,
    /// Who signs.
    pub signatory: Signatory,
}

/// A signatory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signatory {
    /// Name; empty when it is filled in at signing.
    pub name: String,
    /// Title.
    pub title: String,
}

/// One file of the pack.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileEntry {
    /// Its name in the pack.
    pub name: String,
    /// Its size in bytes.
    pub size: u64,
    /// SHA-256 of its bytes, lowercase hex.
    pub sha256: String,
}

impl FileEntry {
    /// The entry describing `bytes` named `name`.
    pub fn of(name: &str, bytes: &[u8]) -> Self {
        FileEntry {
            name: name.to_owned(),
            size: bytes.len() as u64,
            sha256: sha256(bytes),
        }
    }
}

/// The hash of everything `plan`'s pack is made from (see [`Manifest::inputs`]).
pub fn inputs(plan: &Plan, reference: &Reference, template_version: &str) -> String {
    let dates = &plan.dates;
    let parts = [
        env!("CARGO_PKG_VERSION"),
        template_version,
        &reference.sha256,
        &sha256(crate::assets::REGISTER.as_bytes()),
        &sha256(crate::assets::REGISTER_NAMES.as_bytes()),
        &plan.source.sha256,
        &translation(plan),
        plan.batch.as_deref().unwrap_or(""),
        &dates.agreement.to_string(),
        &dates.publication.to_string(),
        &dates.connection.to_string(),
    ];
    let mut joined = parts.join("\u{0}");
    // Only when asked: the packs made without Word files keep their recorded inputs.
    if plan.docx {
        joined.push_str("\u{0}docx");
    }
    sha256(joined.as_bytes())
}

/// The hash of the Sami translation the profile points to: every `.xlf` file of its folder
/// by name, so that a corrected translation builds the pack again. Empty without one; an
/// unreadable folder hashes as empty, and building the pack then says what is wrong.
fn translation(plan: &Plan) -> String {
    let Some(folder) = &plan.sami.translation else {
        return String::new();
    };
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(folder)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            name.ends_with(".xlf")
                .then(|| std::fs::read(entry.path()).ok().map(|bytes| (name, bytes)))
                .flatten()
        })
        .collect();
    files.sort();
    let mut hasher = Sha256::new();
    for (name, bytes) in &files {
        hasher.update(name.as_bytes());
        hasher.update([0]);
        hasher.update(sha256(bytes).as_bytes());
    }
    format!("{:x}", hasher.finalize())
}

/// Lowercase hex SHA-256.
pub fn sha256(bytes: &[u8]) -> String {
    format!("{:x}", Sha256::digest(bytes))
}

impl Manifest {
    /// The manifest of `plan`'s pack with `files`, made with `templates`.
    pub fn new(
        plan: &Plan,
        reference: &Reference,
        templates: Templates,
        files: &[PackFile],
    ) -> Self {
        let inputs = inputs(plan, reference, &templates.version);
        let signatory = |name: &str, title: &str| Signatory {
            name: name.to_owned(),
            title: title.to_owned(),
        };
        // The plan decides who signs for whom: a party that signs for controllers it is
        // not (a body acting for its members) is only a party to the agreement.
        let party_role = if plan.rules.signs == plan.rules.controller {
            "behandlingsansvarlig"
        } else {
            "avtalepart"
        };
        let mut parties: Vec<Party> = plan
            .agreements()
            .map(|job| Party {
                name: job.party.organisation.name.clone(),
                org_number: job.party.organisation.org_number.as_str().to_owned(),
                role: party_role.to_owned(),
                signatory: signatory(&job.party.signatory.name, &job.party.signatory.title),
            })
            .collect();
        let d = &reference.directorate;
        parties.push(Party {
            name: d.name.clone(),
            org_number: d.org_number.as_str().to_owned(),
            role: "databehandler".to_owned(),
            signatory: signatory(&d.signatory_name, &d.signatory_title),
        });
        Manifest {
            tool: Tool {
                name: env!("CARGO_PKG_NAME").to_owned(),
                version: env!("CARGO_PKG_VERSION").to_owned(),
            },
            templates,
            profile: ProfileInfo {
                file: plan.source.file.clone(),
                sha256: plan.source.sha256.clone(),
            },
            model: plan.rules.model.key().to_owned(),
            batch: plan.batch.clone(),
            documents_date: plan.dates.agreement.to_string(),
            connection_date: plan.dates.connection.to_string(),
            parties,
            inputs,
            files: files
                .iter()
                .map(|f| FileEntry::of(&f.name, &f.bytes))
                .collect(),
            awaiting_sami: crate::translate::awaiting_sami(plan)
                .into_iter()
                .map(|(p, language)| AwaitingSami {
                    number: p.number.clone(),
                    municipality: p.organisation().name,
                    language: language.code().to_owned(),
                })
                .collect(),
        }
    }

    /// The manifest as written: pretty JSON with a final newline.
    pub(crate) fn to_bytes(&self) -> Vec<u8> {
        let mut bytes = serde_json::to_vec_pretty(self)
            .expect("a manifest of strings and numbers always serialises");
        bytes.push(b'\n');
        bytes
    }
}
