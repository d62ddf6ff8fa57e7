//! Stage 6: writes a pack's files to its folder and zip, all or nothing, and verifies
//! packs against their manifests.

mod archive;
pub mod manifest;
mod verify;

pub use archive::zip;
pub use manifest::Manifest;
pub use verify::{Finding, Verification, read, verify};

use chrono::NaiveDate;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// A finished pack, in memory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pack {
    /// The folder name, e.g. `3201-baerum` (kommunenummer and ASCII slug only).
    pub name: String,
    /// The documents' date, which also stamps the zip entries.
    pub date: NaiveDate,
    /// The files, by name, in the order written.
    pub files: Vec<PackFile>,
}

/// One file of a pack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackFile {
    /// The file name, e.g. `databehandleravtale-3201.pdf`.
    pub name: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// Why a pack could not be written.
#[derive(Debug, thiserror::Error)]
pub enum PackError {
    /// A file system operation failed.
    #[error("cannot {action} {}", path.display())]
    Io {
        /// What was being done.
        action: &'static str,
        /// The path it was done to.
        path: PathBuf,
        /// The operating system's reason.
        #[source]
        source: std::io::Error,
    },
    /// The zip could not be built.
    #[error("cannot build the zip of {name}")]
    Zip {
        /// The pack's name.
        name: String,
        /// The reason.
        #[source]
        source: zip::result::ZipError,
    },
    /// A path given to `verify` is not a pack.
    #[error("{} is not a pack: {reason}", path.display())]
    NotAPack {
        /// The path.
        path: PathBuf,
        /// Why not.
        reason: String,
    },
}

fn io(action: &'static str, path: &Path) -> impl FnOnce(std::io::Error) -> PackError {
    let path = path.to_owned();
    move |source| PackError::Io {
        action,
        path,
        source,
    }
}

/// Whether the pack `name` in `out` was made from `inputs` and is still intact: its
/// manifest records the same inputs, its folder matches the manifest, and its zip holds
/// exactly the folder's files. A pack that fails any check is made again, never trusted.
pub fn unchanged(out: &Path, name: &str, inputs: &str) -> bool {
    let folder = out.join(name);
    let recorded = fs::read(folder.join(manifest::FILE_NAME))
        .ok()
        .and_then(|bytes| serde_json::from_slice::<Manifest>(&bytes).ok())
        .is_some_and(|m| !m.inputs.is_empty() && m.inputs == inputs);
    recorded && verify::folder_and_zip_intact(&folder, &out.join(format!("{name}.zip")))
}

/// Writes `pack` to `out/<pack.name>/` and `out/<pack.name>.zip`; returns the folder.
///
/// Everything goes to hidden temporary files beside the destination first, which are
/// moved into place only when every file is complete. A failure leaves any earlier pack as
/// it was and removes the temporary files.
pub fn write(out: &Path, pack: &Pack) -> Result<PathBuf, PackError> {
    let zipped = zip(pack).map_err(|source| PackError::Zip {
        name: pack.name.clone(),
        source,
    })?;
    fs::create_dir_all(out).map_err(io("create the output folder", out))?;
    let target = out.join(&pack.name);
    let zip_target = out.join(format!("{}.zip", pack.name));
    remove_leftovers(out, &pack.name)?;
    let staging = out.join(format!(".{}.tmp-{}", pack.name, std::process::id()));
    let zip_staging = out.join(format!(".{}.zip.tmp-{}", pack.name, std::process::id()));
    let result = stage(&staging, pack)
        .and_then(|()| write_file(&zip_staging, &zipped))
        .and_then(|()| replace(&staging, &target))
        .and_then(|()| {
            fs::rename(&zip_staging, &zip_target)
                .map_err(io("move the finished zip to", &zip_target))
        });
    if result.is_err() {
        let _ = fs::remove_dir_all(&staging);
        let _ = fs::remove_file(&zip_staging);
    }
    result.map(|()| target)
}

/// Removes what a killed run left of this pack: its temporary folder and zip, and an earlier
/// pack moved aside. Packs of other names are not touched.
fn remove_leftovers(out: &Path, name: &str) -> Result<(), PackError> {
    let prefixes = [
        format!(".{name}.tmp-"),
        format!(".{name}.zip.tmp-"),
        format!("{name}.old-"),
    ];
    for entry in fs::read_dir(out)
        .map_err(io("read the output folder", out))?
        .flatten()
    {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        if prefixes.iter().any(|p| file_name.starts_with(p.as_str())) {
            let path = entry.path();
            let removed = if path.is_dir() {
                fs::remove_dir_all(&path)
            } else {
                fs::remove_file(&path)
            };
            removed.map_err(io("remove the leftover", &path))?;
        }
    }
    Ok(())
}

/// Writes one file through a temporary file beside it, so that readers see either the
/// earlier file or the complete new one.
pub fn write_file_atomic(path: &Path, bytes: &[u8]) -> Result<(), PackError> {
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir).map_err(io("create the output folder", dir))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let staging = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let result = write_file(&staging, bytes)
        .and_then(|()| fs::rename(&staging, path).map_err(io("move the finished file to", path)));
    if result.is_err() {
        let _ = fs::remove_file(&staging);
    }
    result
}

/// Writes a file without `fsync`: the rename into place is what makes a pack all or
/// nothing for a killed or failing run; syncing every file cost a third of a batch's time
/// (measured with `examples/bench.rs`), and power-loss durability is the file system's.
fn write_file(path: &Path, bytes: &[u8]) -> Result<(), PackError> {
    let mut f = fs::File::create(path).map_err(io("create", path))?;
    f.write_all(bytes).map_err(io("write", path))?;
    Ok(())
}

fn stage(staging: &Path, pack: &Pack) -> Result<(), PackError> {
    if staging.exists() {
        fs::remove_dir_all(staging).map_err(io("remove the stale temporary folder", staging))?;
    }
    fs::create_dir(staging).map_err(io("create the temporary folder", staging))?;
    for file in &pack.files {
        write_file(&staging.join(&file.name), &file.bytes)?;
    }
    Ok(())
}

/// Moves `staging` to `target`, replacing an earlier pack only once the new one is in place.
fn replace(staging: &Path, target: &Path) -> Result<(), PackError> {
    if !target.exists() {
        return fs::rename(staging, target).map_err(io("move the finished pack to", target));
    }
    let mut old = target.as_os_str().to_owned();
    old.push(format!(".old-{}", std::process::id()));
    let old = PathBuf::from(old);
    fs::rename(target, &old).map_err(io("move the earlier pack aside:", target))?;
    if let Err(e) = fs::rename(staging, target) {
        // Put the earlier pack back so the user keeps a complete one.
        let _ = fs::rename(&old, target);
        return Err(io("move the finished pack to", target)(e));
    }
    fs::remove_dir_all(&old).map_err(io("remove the earlier pack", &old))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pack(content: &[u8]) -> Pack {
        Pack {
            name: "3201-baerum".into(),
            date: NaiveDate::from_ymd_opt(2026, 2, 1).unwrap(),
            files: vec![PackFile {
                name: "a.md".into(),
                bytes: content.to_vec(),
            }],
        }
    }

    #[test]
    fn a_pack_replaces_the_earlier_one_and_leaves_no_temporary_folder() {
        let dir = std::env::temp_dir().join(format!("digisos-pack-test-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        write(&dir, &pack(b"one")).unwrap();
        let folder = write(&dir, &pack(b"two")).unwrap();
        assert_eq!(fs::read(folder.join("a.md")).unwrap(), b"two");
        let names: Vec<_> = fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        let mut names: Vec<_> = names
            .iter()
            .map(|n| n.to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, ["3201-baerum", "3201-baerum.zip"]);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_write_that_fails_halfway_keeps_the_earlier_pack_and_leaves_no_trace() {
        let dir = std::env::temp_dir().join(format!("digisos-pack-fail-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        write(&dir, &pack(b"one")).unwrap();
        // The second file cannot be created (its folder does not exist): the write fails
        // after the first file was already written.
        let mut failing = pack(b"two");
        failing.files.push(PackFile {
            name: "missing-folder/b.md".into(),
            bytes: b"x".to_vec(),
        });
        let err = write(&dir, &failing).unwrap_err();
        assert!(err.to_string().starts_with("cannot create"), "{err}");
        assert_eq!(fs::read(dir.join("3201-baerum/a.md")).unwrap(), b"one");
        let mut names: Vec<_> = fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, ["3201-baerum", "3201-baerum.zip"]);
        fs::remove_dir_all(&dir).unwrap();
    }
}
