//! Reads a batch file (`batch.yaml`) or a folder of profiles.

use crate::profile::Defaults;
use chrono::NaiveDate;
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// The profiles of a batch and the values they share.
#[derive(Debug, Clone)]
pub struct BatchInput {
    /// Values a profile may leave out.
    pub defaults: Defaults,
    /// The profiles, in a stable order.
    pub profiles: Vec<PathBuf>,
}

/// Why a batch could not be read.
#[derive(Debug, thiserror::Error)]
pub enum BatchError {
    /// The file or folder could not be read.
    #[error("cannot read the batch {}", path.display())]
    Read {
        /// The path.
        path: PathBuf,
        /// The reason.
        #[source]
        source: std::io::Error,
    },
    /// The batch file is not valid.
    #[error("{}: {message}", path.display())]
    Invalid {
        /// The batch file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// The batch names no profile.
    #[error("the batch {} names no profile", path.display())]
    Empty {
        /// The batch file or folder.
        path: PathBuf,
    },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BatchFile {
    batch: Option<String>,
    connection_date: Option<String>,
    documents_date: Option<String>,
    profiles: Vec<String>,
}

/// Reads `path`: a batch file, or a folder whose `*.yaml` files are the profiles.
pub fn load(path: &Path) -> Result<BatchInput, BatchError> {
    let (defaults, profiles) = if path.is_dir() {
        let profiles = yaml_files(path).map_err(|source| read_error(path, source))?;
        (Defaults::default(), profiles)
    } else {
        from_file(path)?
    };
    if profiles.is_empty() {
        return Err(BatchError::Empty {
            path: path.to_owned(),
        });
    }
    Ok(BatchInput { defaults, profiles })
}

fn read_error(path: &Path, source: std::io::Error) -> BatchError {
    BatchError::Read {
        path: path.to_owned(),
        source,
    }
}

fn invalid(path: &Path, message: String) -> BatchError {
    BatchError::Invalid {
        path: path.to_owned(),
        message,
    }
}

/// The shared values and the profiles a batch file names; its patterns are relative to the
/// file's own folder, so a batch file can be run from anywhere.
fn from_file(path: &Path) -> Result<(Defaults, Vec<PathBuf>), BatchError> {
    let text = std::fs::read_to_string(path).map_err(|source| read_error(path, source))?;
    let file: BatchFile = serde_yaml::from_str(&text).map_err(|e| invalid(path, e.to_string()))?;
    let date = |key: &str, value: Option<String>| {
        value
            .map(|v| {
                NaiveDate::parse_from_str(&v, "%Y-%m-%d")
                    .map_err(|_| invalid(path, format!("{key}: `{v}` is not a date as YYYY-MM-DD")))
            })
            .transpose()
    };
    let defaults = Defaults {
        batch: file.batch,
        connection_date: date("connection_date", file.connection_date)?,
        documents_date: date("documents_date", file.documents_date)?,
    };
    let base = path.parent().unwrap_or(Path::new("."));
    let mut profiles = Vec::new();
    for pattern in &file.profiles {
        profiles.extend(matching(base, pattern).map_err(|message| invalid(path, message))?);
    }
    Ok((defaults, profiles))
}

/// The files `pattern` matches under `base`. A pattern that matches nothing is an error, not
/// an empty list: it is almost always a typo, and would silently leave municipalities out.
fn matching(base: &Path, pattern: &str) -> Result<Vec<PathBuf>, String> {
    let full = base.join(pattern);
    let matches: Vec<PathBuf> = glob::glob(&full.to_string_lossy())
        .map_err(|e| format!("profiles: `{pattern}` is not a valid pattern ({e})"))?
        .filter_map(Result::ok)
        .collect();
    if matches.is_empty() {
        return Err(format!("profiles: `{pattern}` matches no file"));
    }
    Ok(matches)
}

fn yaml_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
        .collect();
    files.sort();
    Ok(files)
}
