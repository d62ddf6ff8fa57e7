//! Stage 1: reads a municipality profile (YAML) and validates it into a [`Profile`].
//!
//! Every problem is collected, not just the first, and each names the file, the line and
//! column (or the field path), what is wrong and how to fix it.

mod model;
mod position;
mod raw;
mod validate;
mod warnings;

pub use model::*;
pub use position::Location;
pub(crate) use warnings::is_placeholder;

use chrono::NaiveDate;
use sha2::{Digest, Sha256};
use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

/// The largest profile file read; a real profile is a few kilobytes.
pub(crate) const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// Values a connection batch supplies where a profile leaves them out.
#[derive(Debug, Clone, Default)]
pub struct Defaults {
    /// The batch name.
    pub batch: Option<String>,
    /// The connection date.
    pub connection_date: Option<NaiveDate>,
    /// The document date.
    pub documents_date: Option<NaiveDate>,
}

/// One thing wrong with a profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The field path, e.g. `cooperation.members[1].org_number`.
    pub path: String,
    /// Where in the file, when the field is written there.
    pub location: Option<Location>,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: Option<String>,
}

impl Problem {
    /// `file:line:column: message` (or the field path where there is no position), and the
    /// hint on its own line.
    pub fn describe(&self, file: &Path) -> String {
        let mut text = match self.location {
            Some(l) => format!(
                "{}:{}:{}: {}",
                file.display(),
                l.line,
                l.column,
                self.message
            ),
            None => format!("{} ({}): {}", file.display(), self.path, self.message),
        };
        if let Some(hint) = &self.hint {
            text.push_str(&format!("\n      hint: {hint}"));
        }
        text
    }
}

/// Why a profile could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum ProfileError {
    /// The file could not be read.
    #[error("cannot read the profile {}", path.display())]
    Read {
        /// The profile's path.
        path: PathBuf,
        /// The operating system's reason.
        #[source]
        source: std::io::Error,
    },
    /// The file is larger than a profile can be.
    #[error("{} is larger than {} KiB, too large to be a profile", path.display(), MAX_FILE_BYTES / 1024)]
    TooLarge {
        /// The profile's path.
        path: PathBuf,
    },
    /// The file is not UTF-8 text.
    #[error("{}:{line}: the file is not UTF-8 text", path.display())]
    NotUtf8 {
        /// The profile's path.
        path: PathBuf,
        /// The line of the first invalid byte.
        line: usize,
    },
    /// The YAML could not be parsed, or a value has the wrong shape.
    #[error("{}{}: {message}", path.display(), location.map(|l| format!(":{}:{}", l.line, l.column)).unwrap_or_default())]
    Syntax {
        /// The profile's path.
        path: PathBuf,
        /// Where the parser stopped.
        location: Option<Location>,
        /// The parser's explanation.
        message: String,
    },
    /// The profile parsed, but values are wrong or missing.
    #[error("{} has {} problem{}:\n{}", path.display(), problems.len(), if problems.len() == 1 { "" } else { "s" }, ProblemList(path, problems))]
    Invalid {
        /// The profile's path.
        path: PathBuf,
        /// Every problem found.
        problems: Vec<Problem>,
    },
}

impl ProfileError {
    /// A hint for the kinds of error whose problems carry none of their own.
    pub fn hint(&self) -> Option<&'static str> {
        match self {
            ProfileError::Syntax { .. } => Some(
                "check the indentation and the `key: value` form at that line; put values containing `:` or `#` in quotes",
            ),
            ProfileError::NotUtf8 { .. } => Some("save the file as UTF-8 in your editor"),
            ProfileError::TooLarge { .. } => {
                Some("check that the path names a profile, not another file")
            }
            ProfileError::Read { .. } | ProfileError::Invalid { .. } => None,
        }
    }
}

struct ProblemList<'a>(&'a Path, &'a [Problem]);

impl fmt::Display for ProblemList<'_> {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        for (i, p) in self.1.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "  {}", p.describe(self.0))?;
        }
        Ok(())
    }
}

/// The JSON Schema of profile format v1, generated from the profile's types.
pub fn schema() -> String {
    let mut schema = schemars::schema_for!(raw::ProfileFile);
    schema.insert(
        "title".into(),
        "digisos-pakke municipality profile, format 1".into(),
    );
    serde_json::to_string_pretty(&schema).expect("a JSON Schema value always serialises")
}

/// Reads and validates the profile at `path`.
pub fn load(path: &Path, defaults: &Defaults) -> Result<Profile, ProfileError> {
    let read_error = |source| ProfileError::Read {
        path: path.to_owned(),
        source,
    };
    let file = std::fs::File::open(path).map_err(read_error)?;
    if file.metadata().map_err(read_error)?.is_dir() {
        return Err(read_error(std::io::Error::other(
            "it is a folder, not a file",
        )));
    }
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(read_error)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ProfileError::TooLarge {
            path: path.to_owned(),
        });
    }
    parse(&bytes, path, defaults)
}

/// Validates a profile's bytes; `path` is used in messages only.
pub fn parse(bytes: &[u8], path: &Path, defaults: &Defaults) -> Result<Profile, ProfileError> {
    let text = std::str::from_utf8(bytes).map_err(|e| ProfileError::NotUtf8 {
        path: path.to_owned(),
        line: 1 + bytes[..e.valid_up_to()]
            .iter()
            .filter(|b| **b == b'\n')
            .count(),
    })?;
    let mut unknown = Vec::new();
    let file: raw::ProfileFile = if text.trim().is_empty() {
        // An empty document is a profile with nothing in it: report what is missing.
        raw::ProfileFile::default()
    } else {
        let de = serde_yaml::Deserializer::from_str(text);
        serde_ignored::deserialize(de, |p| unknown.push(path_text(&p)))
            .map_err(|e| syntax(path, &e))?
    };
    let positions = position::Positions::index(text);
    let sha256 = format!("{:x}", Sha256::digest(bytes));
    let mut profile = validate::validate(&file, &unknown, &positions, defaults, path, sha256)
        .map_err(|problems| ProfileError::Invalid {
            path: path.to_owned(),
            problems,
        })?;
    profile.warnings = warnings::check(&file, &profile, &positions);
    Ok(profile)
}

fn syntax(path: &Path, e: &serde_yaml::Error) -> ProfileError {
    let location = e.location().map(|l| Location {
        line: l.line(),
        column: l.column(),
    });
    let mut message = e.to_string();
    // serde_yaml appends the location to its message; it is printed from `location` instead.
    if let Some(at) = message.find(" at line ") {
        message.truncate(at);
    }
    let message = message
        .replace(
            "invalid type: sequence, expected a single value (text, number or date)",
            "expected a single value here, found a list",
        )
        .replace(
            "invalid type: map, expected a single value (text, number or date)",
            "expected a single value here, found a section with keys",
        );
    ProfileError::Syntax {
        path: path.to_owned(),
        location,
        message,
    }
}

/// `cooperation.members[1].nmae`, the form every problem uses.
fn path_text(path: &serde_ignored::Path) -> String {
    use serde_ignored::Path as P;
    match path {
        P::Root => String::new(),
        P::Seq { parent, index } => format!("{}[{index}]", path_text(parent)),
        P::Map { parent, key } => match path_text(parent) {
            p if p.is_empty() => key.clone(),
            p => format!("{p}.{key}"),
        },
        P::Some { parent } | P::NewtypeStruct { parent } | P::NewtypeVariant { parent } => {
            path_text(parent)
        }
    }
}
