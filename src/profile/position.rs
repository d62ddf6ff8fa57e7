//! Where each field of a YAML document stands, so that a problem found after parsing can
//! still name its line and column.

use std::collections::HashMap;
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

/// A 1-based line and column in the profile file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Location {
    /// Line, from 1.
    pub line: usize,
    /// Column, from 1.
    pub column: usize,
}

impl Location {
    fn from_marker(mark: Marker) -> Self {
        // yaml-rust2 counts lines from 1 and columns from 0.
        Location {
            line: mark.line(),
            column: mark.col() + 1,
        }
    }
}

/// The location of every key and value, by field path (`cooperation.members[1].number`).
#[derive(Debug, Default)]
pub(crate) struct Positions {
    keys: HashMap<String, Location>,
    values: HashMap<String, Location>,
}

impl Positions {
    /// Indexes `text`. A document the parser rejects gives an empty index: its syntax error
    /// is reported by the loader, with its own location.
    pub(crate) fn index(text: &str) -> Self {
        let mut walker = Walker::default();
        let _ = Parser::new_from_str(text).load(&mut walker, false);
        walker.positions
    }

    /// Where the value at `path` starts, or else where its nearest ancestor starts.
    pub(crate) fn value(&self, path: &str) -> Option<Location> {
        let mut path = path;
        loop {
            if let Some(location) = self.values.get(path) {
                return Some(*location);
            }
            path = parent(path)?;
        }
    }

    /// Where the key that ends `path` is written.
    pub(crate) fn key(&self, path: &str) -> Option<Location> {
        self.keys.get(path).copied().or_else(|| self.value(path))
    }
}

/// `a.b[2].c` → `a.b[2]` → `a.b` → `a` → none.
fn parent(path: &str) -> Option<&str> {
    path.rfind(['.', '[']).map(|at| &path[..at])
}

enum Frame {
    Map { path: String, key: Option<String> },
    Seq { path: String, index: usize },
}

#[derive(Default)]
struct Walker {
    stack: Vec<Frame>,
    positions: Positions,
}

impl Walker {
    /// The path of the node that starts now, or `None` when it is a mapping key.
    fn node_path(&mut self, ev: &Event, mark: Marker) -> Option<String> {
        match self.stack.last_mut() {
            None => Some(String::new()),
            Some(Frame::Seq { path, index }) => {
                let path = format!("{path}[{index}]");
                *index += 1;
                Some(path)
            }
            Some(Frame::Map { path, key }) => match key.take() {
                Some(key) => Some(join(path, &key)),
                None => {
                    // A key: remember it; non-scalar keys get a name that no field has.
                    let name = match ev {
                        Event::Scalar(text, ..) => text.clone(),
                        _ => "?".to_owned(),
                    };
                    self.positions
                        .keys
                        .insert(join(path, &name), Location::from_marker(mark));
                    *key = Some(name);
                    None
                }
            },
        }
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

impl MarkedEventReceiver for Walker {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        match ev {
            Event::Scalar(..)
            | Event::Alias(_)
            | Event::MappingStart(..)
            | Event::SequenceStart(..) => {
                let Some(path) = self.node_path(&ev, mark) else {
                    return;
                };
                self.positions
                    .values
                    .entry(path.clone())
                    .or_insert(Location::from_marker(mark));
                match ev {
                    Event::MappingStart(..) => self.stack.push(Frame::Map { path, key: None }),
                    Event::SequenceStart(..) => self.stack.push(Frame::Seq { path, index: 0 }),
                    _ => {}
                }
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_and_list_items_are_located() {
        let text = "municipality:\n  name: Bærum\n  number: \"3201\"\ncooperation:\n  members:\n    - name: Asker\n    - { name: Lier, number: \"3049\" }\n";
        let p = Positions::index(text);
        assert_eq!(
            p.value("municipality.name"),
            Some(Location { line: 2, column: 9 })
        );
        assert_eq!(
            p.key("municipality.number"),
            Some(Location { line: 3, column: 3 })
        );
        assert_eq!(
            p.value("cooperation.members[0].name"),
            Some(Location {
                line: 6,
                column: 13
            })
        );
        assert_eq!(
            p.value("cooperation.members[1].number"),
            Some(Location {
                line: 7,
                column: 29
            })
        );
        // A missing field is located at its nearest ancestor.
        assert_eq!(
            p.value("cooperation.members[1].population"),
            Some(Location { line: 7, column: 7 })
        );
    }
}
