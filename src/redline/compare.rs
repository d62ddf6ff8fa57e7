//! The comparison of two rendered texts of a document: clauses (split at headings) are
//! matched by their headings, blocks within a clause by their text, and words within a
//! changed block, so that a change reads as the sentence or phrase a lawyer would mark.

use crate::blocks::{Block, BlockKind};
use similar::{Algorithm, DiffOp, capture_diff_slices};

/// Whether a piece of text is in both versions, only the new one or only the old one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// In both.
    Equal,
    /// Only in the new text.
    Insert,
    /// Only in the old text.
    Delete,
}

/// A run of text with its change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// The change.
    pub change: Change,
    /// The text.
    pub text: String,
}

/// One block of the compared text: its kind, and each cell as segments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlockDiff {
    /// The block's kind (the new one's, where it is in both).
    pub kind: BlockKind,
    /// Its cells.
    pub cells: Vec<Vec<Segment>>,
}

/// What happened to a clause.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClauseStatus {
    /// Word for word the same.
    Unchanged,
    /// In both, with changes.
    Changed,
    /// Only in the new text.
    Inserted,
    /// Only in the old text.
    Deleted,
    /// Moved here: in the old text under the same heading at another place, where it
    /// stands as [`ClauseStatus::MovedAway`]. Shown whole as inserted here and deleted there,
    /// so that accepting every change gives the new text and rejecting them the old.
    Moved,
    /// Moved away from here (see [`ClauseStatus::Moved`]).
    MovedAway,
}

/// One clause of the compared text: a heading and the blocks up to the next heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClauseDiff {
    /// The heading's text (the new one's, where it is in both); the title for the text
    /// before the first clause.
    pub heading: String,
    /// What happened to it.
    pub status: ClauseStatus,
    /// Its blocks, heading first.
    pub blocks: Vec<BlockDiff>,
}

impl ClauseDiff {
    /// Words inserted.
    pub fn words_in(&self) -> usize {
        self.words(Change::Insert)
    }

    /// Words deleted.
    pub fn words_out(&self) -> usize {
        self.words(Change::Delete)
    }

    fn words(&self, change: Change) -> usize {
        self.segments()
            .filter(|s| s.change == change)
            .map(|s| s.text.split_whitespace().count())
            .sum()
    }

    fn segments(&self) -> impl Iterator<Item = &Segment> {
        self.blocks.iter().flat_map(|b| b.cells.iter().flatten())
    }
}

/// Two texts of one document compared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comparison {
    /// Every clause of both texts, in the new text's order; a deleted clause stands where
    /// it stood in the old text.
    pub clauses: Vec<ClauseDiff>,
}

impl Comparison {
    /// Whether the two texts are the same.
    pub fn is_unchanged(&self) -> bool {
        self.clauses
            .iter()
            .all(|c| c.status == ClauseStatus::Unchanged)
    }

    /// The number of insertions and of deletions: runs of inserted or deleted text.
    pub fn counts(&self) -> (usize, usize) {
        let segments = || self.clauses.iter().flat_map(ClauseDiff::segments);
        (
            segments().filter(|s| s.change == Change::Insert).count(),
            segments().filter(|s| s.change == Change::Delete).count(),
        )
    }
}

/// Compares the blocks of the `old` text with those of the `new` one.
pub fn compare(old: &[Block], new: &[Block]) -> Comparison {
    let old = clauses(old);
    let new = clauses(new);
    let key = |c: &&[Block]| c.first().map(Block::text).unwrap_or_default();
    let old_keys: Vec<String> = old.iter().map(key).collect();
    let new_keys: Vec<String> = new.iter().map(key).collect();
    let ops = capture_diff_slices(Algorithm::Patience, &old_keys, &new_keys);

    // A clause deleted in one place and inserted under the same heading in another has
    // moved: it is said so in both places.
    let deleted: Vec<usize> = ops
        .iter()
        .filter_map(|op| match *op {
            DiffOp::Delete {
                old_index, old_len, ..
            } => Some(old_index..old_index + old_len),
            _ => None,
        })
        .flatten()
        .collect();
    let mut moved_from = vec![None; new.len()];
    let mut moved = vec![false; old.len()];
    for op in &ops {
        if let DiffOp::Insert {
            new_index, new_len, ..
        } = *op
        {
            for n in new_index..new_index + new_len {
                if let Some(&o) = deleted
                    .iter()
                    .find(|&&o| !moved[o] && old_keys[o] == new_keys[n])
                {
                    moved[o] = true;
                    moved_from[n] = Some(o);
                }
            }
        }
    }

    let mut out = Vec::new();
    for op in ops {
        match op {
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => {
                for i in 0..len {
                    out.push(clause(old[old_index + i], new[new_index + i]));
                }
            }
            DiffOp::Delete {
                old_index, old_len, ..
            } => {
                for o in old_index..old_index + old_len {
                    let status = if moved[o] {
                        ClauseStatus::MovedAway
                    } else {
                        ClauseStatus::Deleted
                    };
                    out.push(whole(old[o], status));
                }
            }
            DiffOp::Insert {
                new_index, new_len, ..
            } => {
                for n in new_index..new_index + new_len {
                    let status = if moved_from[n].is_some() {
                        ClauseStatus::Moved
                    } else {
                        ClauseStatus::Inserted
                    };
                    out.push(whole(new[n], status));
                }
            }
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                // Clauses in the same place whose headings differ: the same clause,
                // renamed or renumbered, compared word by word.
                let paired = old_len.min(new_len);
                for i in 0..paired {
                    out.push(clause(old[old_index + i], new[new_index + i]));
                }
                for o in &old[old_index + paired..old_index + old_len] {
                    out.push(whole(o, ClauseStatus::Deleted));
                }
                for n in &new[new_index + paired..new_index + new_len] {
                    out.push(whole(n, ClauseStatus::Inserted));
                }
            }
        }
    }
    Comparison { clauses: out }
}

/// Splits blocks into clauses, each starting at a heading (the first may not).
fn clauses(blocks: &[Block]) -> Vec<&[Block]> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, b) in blocks.iter().enumerate() {
        if matches!(b.kind, BlockKind::Heading(_)) && i > start {
            out.push(&blocks[start..i]);
            start = i;
        }
    }
    if start < blocks.len() {
        out.push(&blocks[start..]);
    }
    out
}

/// The heading of a clause.
fn heading(blocks: &[Block]) -> String {
    blocks
        .iter()
        .find(|b| matches!(b.kind, BlockKind::Heading(_)))
        .map(Block::text)
        .unwrap_or_default()
}

/// A clause that is only in one text.
fn whole(blocks: &[Block], status: ClauseStatus) -> ClauseDiff {
    let change = if matches!(status, ClauseStatus::Deleted | ClauseStatus::MovedAway) {
        Change::Delete
    } else {
        Change::Insert
    };
    ClauseDiff {
        heading: heading(blocks),
        status,
        blocks: blocks.iter().map(|b| block_as(b, change)).collect(),
    }
}

/// A block that is only in one text (or, with [`Change::Equal`], in both).
fn block_as(block: &Block, change: Change) -> BlockDiff {
    BlockDiff {
        kind: block.kind.clone(),
        cells: (0..block.cells.len())
            .map(|i| {
                let text = block.cell_text(i);
                if text.is_empty() {
                    Vec::new()
                } else {
                    vec![Segment { change, text }]
                }
            })
            .collect(),
    }
}

/// A clause in both texts, compared block by block.
fn clause(old: &[Block], new: &[Block]) -> ClauseDiff {
    let key = |b: &Block| format!("{:?}\u{0}{}", b.kind, b.text());
    let old_keys: Vec<String> = old.iter().map(key).collect();
    let new_keys: Vec<String> = new.iter().map(key).collect();
    let mut blocks = Vec::new();
    for op in capture_diff_slices(Algorithm::Patience, &old_keys, &new_keys) {
        let (_, old_range, new_range) = op.as_tag_tuple();
        let old_part = &old[old_range];
        let new_part = &new[new_range];
        if matches!(op, DiffOp::Equal { .. }) {
            blocks.extend(new_part.iter().map(|b| block_as(b, Change::Equal)));
            continue;
        }
        // Blocks in the same place: a block changed in its words where its kind and shape
        // are the same, else the old one out and the new one in.
        let paired = old_part.len().min(new_part.len());
        let mut ins = Vec::new();
        for (o, n) in old_part.iter().zip(new_part) {
            if o.kind == n.kind && o.cells.len() == n.cells.len() {
                blocks.push(BlockDiff {
                    kind: n.kind.clone(),
                    cells: (0..n.cells.len())
                        .map(|i| words(&o.cell_text(i), &n.cell_text(i)))
                        .collect(),
                });
            } else {
                blocks.push(block_as(o, Change::Delete));
                ins.push(block_as(n, Change::Insert));
            }
        }
        blocks.extend(ins);
        blocks.extend(
            old_part[paired..]
                .iter()
                .map(|b| block_as(b, Change::Delete)),
        );
        blocks.extend(
            new_part[paired..]
                .iter()
                .map(|b| block_as(b, Change::Insert)),
        );
    }
    let changed = blocks
        .iter()
        .flat_map(|b| b.cells.iter().flatten())
        .any(|s| s.change != Change::Equal);
    ClauseDiff {
        heading: heading(new),
        status: if changed {
            ClauseStatus::Changed
        } else {
            ClauseStatus::Unchanged
        },
        blocks,
    }
}

/// Words and the spaces between them, as separate tokens.
fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut in_space = None;
    for (i, c) in text.char_indices() {
        let space = c.is_whitespace();
        if in_space.is_some_and(|s| s != space) {
            out.push(&text[start..i]);
            start = i;
        }
        in_space = Some(space);
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

/// A piece of a word diff: text in both, or text taken out and put in at one place.
enum Chunk {
    Equal(String),
    Changed { out: String, put: String },
}

/// The word diff of `old` and `new`, in segments. A change of a few words among changes
/// is taken into them, so that a rewritten sentence reads as one deletion and one
/// insertion rather than a patchwork around the words it happens to share (the semantic
/// clean-up of diff-match-patch).
fn words(old: &str, new: &str) -> Vec<Segment> {
    let old_tokens = tokens(old);
    let new_tokens = tokens(new);
    let mut chunks: Vec<Chunk> = Vec::new();
    for op in capture_diff_slices(Algorithm::Myers, &old_tokens, &new_tokens) {
        let (_, o, n) = op.as_tag_tuple();
        let out: String = old_tokens[o].concat();
        let put: String = new_tokens[n].concat();
        match (op, chunks.last_mut()) {
            (DiffOp::Equal { .. }, _) => chunks.push(Chunk::Equal(put)),
            (_, Some(Chunk::Changed { out: o2, put: p2 })) => {
                o2.push_str(&out);
                p2.push_str(&put);
            }
            _ => chunks.push(Chunk::Changed { out, put }),
        }
    }
    // Fold a short equality between two changes into them until none is left.
    let mut i = 1;
    while i + 1 < chunks.len() {
        let fold = match (&chunks[i - 1], &chunks[i], &chunks[i + 1]) {
            (
                Chunk::Changed { out: o1, put: p1 },
                Chunk::Equal(e),
                Chunk::Changed { out: o2, put: p2 },
            ) => {
                let len = e.chars().count();
                let words = e.split_whitespace().count();
                let before = o1.chars().count().max(p1.chars().count());
                let after = o2.chars().count().max(p2.chars().count());
                words <= 2 || (len <= before && len <= after)
            }
            _ => false,
        };
        if !fold {
            i += 1;
            continue;
        }
        let next = chunks.remove(i + 1);
        let equal = chunks.remove(i);
        if let (Chunk::Equal(e), Chunk::Changed { out, put }, Chunk::Changed { out: o2, put: p2 }) =
            (equal, &mut chunks[i - 1], next)
        {
            out.push_str(&e);
            out.push_str(&o2);
            put.push_str(&e);
            put.push_str(&p2);
        }
        i = i.saturating_sub(1).max(1);
    }
    let mut out = Vec::new();
    for chunk in chunks {
        match chunk {
            Chunk::Equal(text) => out.push(Segment {
                change: Change::Equal,
                text,
            }),
            Chunk::Changed { out: o, put } => {
                for (change, text) in [(Change::Delete, o), (Change::Insert, put)] {
                    if !text.is_empty() {
                        out.push(Segment { change, text });
                    }
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::blocks::parse;

    fn changes(c: &Comparison) -> Vec<(Change, String)> {
        c.clauses
            .iter()
            .flat_map(|c| c.blocks.iter().flat_map(|b| b.cells.iter().flatten()))
            .filter(|s| s.change != Change::Equal)
            .map(|s| (s.change, s.text.clone()))
            .collect()
    }

    #[test]
    fn a_rewritten_sentence_is_one_deletion_and_one_insertion() {
        let old = "# T\n\n## 1 A\n\nFørste setning står. Partene skal varsle hverandre skriftlig uten opphold. Siste setning står.\n";
        let new = "# T\n\n## 1 A\n\nFørste setning står. Hver part kan si opp avtalen med tre måneders varsel. Siste setning står.\n";
        let c = compare(&parse(old), &parse(new));
        assert_eq!(
            changes(&c),
            vec![
                (
                    Change::Delete,
                    "Partene skal varsle hverandre skriftlig uten opphold.".into()
                ),
                (
                    Change::Insert,
                    "Hver part kan si opp avtalen med tre måneders varsel.".into()
                ),
            ]
        );
        assert_eq!(c.clauses[1].status, ClauseStatus::Changed);
        assert_eq!(c.clauses[0].status, ClauseStatus::Unchanged);
        assert_eq!((c.clauses[1].words_in(), c.clauses[1].words_out()), (10, 7));
    }

    #[test]
    fn one_changed_word_is_that_word() {
        let c = compare(
            &parse("# T\n\nPrisen er 100 kroner per år.\n"),
            &parse("# T\n\nPrisen er 120 kroner per år.\n"),
        );
        assert_eq!(
            changes(&c),
            vec![
                (Change::Delete, "100".into()),
                (Change::Insert, "120".into())
            ]
        );
    }

    #[test]
    fn a_moved_clause_is_said_to_have_moved_in_both_places() {
        let old = "# T\n\n## A\n\nTekst a.\n\n## B\n\nTekst b.\n\n## C\n\nTekst c.\n";
        let new = "# T\n\n## B\n\nTekst b.\n\n## C\n\nTekst c.\n\n## A\n\nTekst a endret.\n";
        let c = compare(&parse(old), &parse(new));
        let statuses: Vec<_> = c
            .clauses
            .iter()
            .map(|c| (c.heading.as_str(), c.status))
            .collect();
        assert_eq!(
            statuses,
            vec![
                ("T", ClauseStatus::Unchanged),
                ("A", ClauseStatus::MovedAway),
                ("B", ClauseStatus::Unchanged),
                ("C", ClauseStatus::Unchanged),
                ("A", ClauseStatus::Moved),
            ]
        );
        assert_eq!(
            changes(&c),
            vec![
                (Change::Delete, "A".into()),
                (Change::Delete, "Tekst a.".into()),
                (Change::Insert, "A".into()),
                (Change::Insert, "Tekst a endret.".into())
            ]
        );
    }

    #[test]
    fn inserted_and_deleted_clauses_are_whole() {
        let c = compare(
            &parse("# T\n\n## A\n\nTekst a.\n\n## B\n\nTekst b.\n"),
            &parse("# T\n\n## A\n\nTekst a.\n\n## D\n\nNy tekst.\n\n- punkt\n"),
        );
        let statuses: Vec<_> = c.clauses.iter().map(|c| c.status).collect();
        // Renamed in place: compared word by word.
        assert_eq!(
            statuses,
            vec![
                ClauseStatus::Unchanged,
                ClauseStatus::Unchanged,
                ClauseStatus::Changed
            ]
        );
        let c = compare(
            &parse("# T\n\n## A\n\nTekst a.\n\n## B\n\nTekst b.\n"),
            &parse("# T\n\n## A\n\nTekst a.\n"),
        );
        assert_eq!(c.clauses[2].status, ClauseStatus::Deleted);
        assert_eq!(c.counts(), (0, 2));
    }
}
