//! Checks a pack folder or zip against its manifest.

use super::PackError;
use super::manifest::{FILE_NAME, FileEntry, Manifest};
use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

/// What differs from the manifest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finding {
    /// The file's bytes are not those the manifest lists.
    Changed(String),
    /// The manifest lists the file, but it is not there.
    Missing(String),
    /// The file is there, but the manifest does not list it.
    Added(String),
}

impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            Finding::Changed(n) => write!(
                f,
                "changed: {n} (its size or SHA-256 differs from the manifest)"
            ),
            Finding::Missing(n) => write!(f, "missing: {n} (listed in the manifest)"),
            Finding::Added(n) => write!(f, "added: {n} (not listed in the manifest)"),
        }
    }
}

/// The result of a verification.
#[derive(Debug)]
pub struct Verification {
    /// The manifest read.
    pub manifest: Manifest,
    /// Every difference; empty when the pack is intact.
    pub findings: Vec<Finding>,
}

/// Verifies the pack folder or `.zip` at `path`.
pub fn verify(path: &Path) -> Result<Verification, PackError> {
    read(path).map(|(verification, _)| verification)
}

/// Verifies the pack folder or `.zip` at `path` and returns its files by name (manifest
/// included), for reading an earlier pack's texts (`redline`).
pub fn read(path: &Path) -> Result<(Verification, BTreeMap<String, Vec<u8>>), PackError> {
    let files = if path.is_dir() {
        read_folder(path)?
    } else {
        read_zip(path)?
    };
    Ok((compare(path, &files)?, files))
}

/// Whether the pack folder `folder` matches its manifest and the zip `zip` holds exactly
/// the folder's files. The zip's files are compared with the folder's checked bytes rather
/// than hashed again: a re-run checks every pack of the batch this way.
pub(super) fn folder_and_zip_intact(folder: &Path, zip: &Path) -> bool {
    let Ok((verification, files)) = read(folder) else {
        return false;
    };
    verification.findings.is_empty() && zip_holds(zip, &files)
}

/// Whether the zip `path` holds exactly `files`, each entry read to its end (so that its
/// checksum is checked) against those bytes a piece at a time, not into memory.
fn zip_holds(path: &Path, files: &BTreeMap<String, Vec<u8>>) -> bool {
    let archive = std::fs::File::open(path)
        .ok()
        .and_then(|file| zip::ZipArchive::new(file).ok());
    let Some(mut archive) = archive else {
        return false;
    };
    if archive.len() != files.len() {
        return false;
    }
    let mut seen = std::collections::BTreeSet::new();
    let mut piece = vec![0; 64 * 1024];
    for i in 0..archive.len() {
        let Ok(mut entry) = archive.by_index(i) else {
            return false;
        };
        let Some((name, expected)) = entry
            .name()
            .ok()
            .and_then(|full| files.get_key_value(file_name(&full)))
        else {
            return false;
        };
        if entry.size() != expected.len() as u64 || !seen.insert(name) {
            return false;
        }
        let mut at = 0;
        loop {
            match entry.read(&mut piece) {
                Ok(0) => break,
                Ok(n) if expected.get(at..at + n) == Some(&piece[..n]) => at += n,
                _ => return false,
            }
        }
        if at != expected.len() {
            return false;
        }
    }
    true
}

/// The file name of a zip entry: entries are `<pack>/<file>`, compared by file name.
fn file_name(entry: &str) -> &str {
    entry.split_once('/').map_or(entry, |(_, name)| name)
}

fn compare(path: &Path, files: &BTreeMap<String, Vec<u8>>) -> Result<Verification, PackError> {
    let bytes = files.get(FILE_NAME).ok_or_else(|| PackError::NotAPack {
        path: path.to_owned(),
        reason: format!("it has no {FILE_NAME}"),
    })?;
    let manifest: Manifest = serde_json::from_slice(bytes).map_err(|e| PackError::NotAPack {
        path: path.to_owned(),
        reason: format!("its {FILE_NAME} cannot be read: {e}"),
    })?;
    let mut findings = Vec::new();
    for entry in &manifest.files {
        match files.get(&entry.name) {
            None => findings.push(Finding::Missing(entry.name.clone())),
            Some(bytes) if FileEntry::of(&entry.name, bytes) != *entry => {
                findings.push(Finding::Changed(entry.name.clone()))
            }
            Some(_) => {}
        }
    }
    findings.extend(
        files
            .keys()
            .filter(|name| *name != FILE_NAME && !manifest.files.iter().any(|e| e.name == **name))
            .cloned()
            .map(Finding::Added),
    );
    Ok(Verification { manifest, findings })
}

fn read_folder(dir: &Path) -> Result<BTreeMap<String, Vec<u8>>, PackError> {
    let io = |action: &'static str, path: &Path| {
        let path = path.to_owned();
        move |source| PackError::Io {
            action,
            path,
            source,
        }
    };
    let mut files = BTreeMap::new();
    for entry in std::fs::read_dir(dir).map_err(io("read the folder", dir))? {
        let entry = entry.map_err(io("read the folder", dir))?;
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if path.is_dir() {
            files.insert(format!("{name}/"), Vec::new());
            continue;
        }
        files.insert(name, std::fs::read(&path).map_err(io("read", &path))?);
    }
    Ok(files)
}

fn read_zip(path: &Path) -> Result<BTreeMap<String, Vec<u8>>, PackError> {
    let not_a_pack = |reason: String| PackError::NotAPack {
        path: path.to_owned(),
        reason,
    };
    let file = std::fs::File::open(path).map_err(|source| PackError::Io {
        action: "open",
        path: path.to_owned(),
        source,
    })?;
    let mut archive = zip::ZipArchive::new(file)
        .map_err(|e| not_a_pack(format!("it is not a folder or a zip file ({e})")))?;
    let mut files = BTreeMap::new();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).map_err(|e| not_a_pack(e.to_string()))?;
        let name = file_name(&entry.name().map_err(|e| not_a_pack(e.to_string()))?).to_owned();
        let mut bytes = Vec::new();
        entry
            .read_to_end(&mut bytes)
            .map_err(|e| not_a_pack(e.to_string()))?;
        files.insert(name, bytes);
    }
    Ok(files)
}
