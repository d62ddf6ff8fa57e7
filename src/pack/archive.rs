//! The pack as one zip file, byte-identical for identical packs.

use super::Pack;
use chrono::Datelike;
use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

/// Zips `pack`'s files in their order, each stamped with the pack's date at midnight, so
/// that the same pack always gives the same bytes.
pub fn zip(pack: &Pack) -> zip::result::ZipResult<Vec<u8>> {
    let d = pack.date;
    // Zip dates start in 1980; a validated profile date before that is clamped.
    let stamp = DateTime::from_date_and_time(
        d.year().clamp(1980, 2107) as u16,
        d.month() as u8,
        d.day() as u8,
        0,
        0,
        0,
    )
    .unwrap_or_default();
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(stamp)
        .unix_permissions(0o644);
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    for file in &pack.files {
        writer.start_file(format!("{}/{}", pack.name, file.name), options)?;
        writer.write_all(&file.bytes)?;
    }
    Ok(writer.finish()?.into_inner())
}
