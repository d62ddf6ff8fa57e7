//! `manifest.json`: every file of a pack with its size and SHA-256, and what the pack was
//! made from, so that a recipient can check that nothing was changed.

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
    /// Every other file of the pack, in order.
    pub files: Vec<FileEntry>,
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
    /// `behandlingsansvarlig` or `databehandler`.
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

/// Lowercase hex SHA-256.
pub fn sha256(bytes: &[u8]) -> String {
    format!("{:x}", Sha256::digest(bytes))
}

impl Manifest {
    /// The manifest as written: pretty JSON with a final newline.
    pub fn to_bytes(&self) -> Vec<u8> {
        // Serialising plain strings and numbers cannot fail.
        let mut bytes = serde_json::to_vec_pretty(self).unwrap_or_default();
        bytes.push(b'\n');
        bytes
    }
}
