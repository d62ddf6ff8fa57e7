//! ASCII slugs for folder names.

/// The longest slug, in bytes. A name may have 300 characters, and "æ" becomes two
/// letters; file systems allow 255 bytes per name (ext4, APFS; NTFS 255 UTF-16 units), and
/// a pack's folder, zip and staging names add at most 21 bytes to the slug.
pub(crate) const MAX_SLUG_BYTES: usize = 64;

/// "Bærum" → "baerum", "Nore og Uvdal" → "nore-og-uvdal", "Porsáŋgu" → "porsangu".
///
/// The result holds only `a-z`, `0-9` and single inner hyphens, so it can never name a
/// parent folder, an absolute path or a hidden file, and it has at most
/// `MAX_SLUG_BYTES` bytes.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        let ascii: &str = match c {
            'a'..='z' | '0'..='9' => {
                out.push(c);
                continue;
            }
            'æ' | 'ä' => "ae",
            'ø' | 'ö' => "o",
            'å' | 'á' | 'à' | 'â' | 'ã' => "a",
            'č' | 'ç' => "c",
            'đ' | 'ð' => "d",
            'é' | 'è' | 'ê' | 'ë' => "e",
            'ï' | 'í' | 'ì' | 'î' => "i",
            'ŋ' | 'ñ' | 'ń' => "n",
            'ó' | 'ò' | 'ô' | 'õ' => "o",
            'š' | 'ś' => "s",
            'ŧ' => "t",
            'ü' | 'ú' | 'ù' | 'û' => "u",
            'ž' | 'ź' | 'ż' => "z",
            _ => "-",
        };
        if ascii == "-" {
            if !out.is_empty() && !out.ends_with('-') {
                out.push('-');
            }
        } else {
            out.push_str(ascii);
        }
    }
    // ASCII only, so any byte length is a character boundary.
    out.truncate(MAX_SLUG_BYTES);
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() {
        "kommune".to_owned()
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::slug;

    #[test]
    fn norwegian_and_sami_names_become_ascii() {
        assert_eq!(slug("Bærum"), "baerum");
        assert_eq!(slug("Nore og Uvdal"), "nore-og-uvdal");
        assert_eq!(slug("Porsáŋgu"), "porsangu");
        assert_eq!(
            slug("Guovdageaidnu - Kautokeino"),
            "guovdageaidnu-kautokeino"
        );
        assert_eq!(slug("Våler (Østfold)"), "valer-ostfold");
    }

    #[test]
    fn a_name_at_the_field_limit_gives_a_short_slug() {
        let longest = "Æøå-".repeat(75);
        assert_eq!(longest.chars().count(), 300);
        let s = slug(&longest);
        assert!(s.len() <= super::MAX_SLUG_BYTES, "{} bytes", s.len());
        assert!(!s.ends_with('-'));
        assert_eq!(slug(&"x".repeat(300)).len(), super::MAX_SLUG_BYTES);
    }

    #[test]
    fn nothing_can_climb_out_of_the_folder() {
        for hostile in ["../../etc", "/abs/path", "a\0b", ".hidden", "...", "con:"] {
            let s = slug(hostile);
            assert!(
                s.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{s}"
            );
            assert!(!s.starts_with('-') && !s.is_empty(), "{s}");
        }
    }
}
