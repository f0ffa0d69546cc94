//! Where each field of a YAML text is: the line and column of every path as
//! messages name it (`lop[2].huyen`, `nguoi_ky.ho_ten`), read off the YAML
//! parser's events. serde_yaml reports positions only for its own errors;
//! a rule that fails later (a class that does not add up) needs this to
//! point at its line.

use std::collections::HashMap;

use saphyr_parser::{Event, Parser};

/// The position of every field path of one YAML text.
#[derive(Debug, Default, Clone)]
pub struct Locations {
    at: HashMap<String, (usize, usize)>,
}

enum Frame {
    /// A mapping; `key` is the key whose value comes next, or `None` when
    /// a key comes next.
    Map {
        path: String,
        key: Option<String>,
    },
    Seq {
        path: String,
        next: usize,
    },
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() { key.to_owned() } else { format!("{path}.{key}") }
}

impl Locations {
    /// Reads the positions of `text`. A syntax error ends the reading: the
    /// fields before it keep their positions (the error has its own).
    pub fn of(text: &str) -> Self {
        let mut at = HashMap::new();
        let mut stack: Vec<Frame> = Vec::new();
        for event in Parser::new_from_str(text) {
            let Ok((event, span)) = event else { break };
            let place = (span.start.line(), span.start.col() + 1);
            let starts_node = matches!(
                event,
                Event::Scalar(..) | Event::Alias(_) | Event::SequenceStart(..) | Event::MappingStart(..)
            );
            if matches!(event, Event::SequenceEnd | Event::MappingEnd) {
                stack.pop();
                continue;
            }
            if !starts_node {
                continue;
            }
            // The path of this node, or None when the node is a mapping key.
            let path = match stack.last_mut() {
                None => Some(String::new()),
                Some(Frame::Map { path, key }) => match key.take() {
                    Some(k) => Some(join(path, &k)),
                    None => {
                        let name = match &event {
                            Event::Scalar(s, ..) => s.to_string(),
                            _ => String::from("?"),
                        };
                        let full = join(path, &name);
                        at.entry(full).or_insert(place);
                        *key = Some(name);
                        None
                    }
                },
                Some(Frame::Seq { path, next }) => {
                    let full = format!("{path}[{next}]");
                    *next += 1;
                    at.entry(full.clone()).or_insert(place);
                    Some(full)
                }
            };
            let nested = match (&event, path) {
                (Event::SequenceStart(..), Some(path)) => Some(Frame::Seq { path, next: 0 }),
                (Event::MappingStart(..), Some(path)) => Some(Frame::Map { path, key: None }),
                // A container used as a key: its contents have no path of their own.
                (Event::SequenceStart(..) | Event::MappingStart(..), None) => {
                    Some(Frame::Seq { path: String::from("?"), next: 0 })
                }
                _ => None,
            };
            stack.extend(nested);
        }
        Locations { at }
    }

    /// Line and column of `path`, or of its nearest ancestor that the text
    /// has (a missing field is reported where its parent is).
    pub fn find(&self, path: &str) -> Option<(usize, usize)> {
        let mut p = path;
        loop {
            if let Some(&place) = self.at.get(p) {
                return Some(place);
            }
            let cut = p.rfind(['.', '['])?;
            p = &p[..cut];
        }
    }

    /// The line of `path` (or of its nearest ancestor).
    pub fn line(&self, path: &str) -> Option<usize> {
        self.find(path).map(|(line, _)| line)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "\
loai: giay-moi
nguoi_ky:
  quyen_han: KT.
  ho_ten: Hoàng Thị Thu Hà
lop:
  - { ma: CT2-1, chuong_trinh: CT2,
      huyen: [Tràng Định, Văn Lãng] }
  - ma: CT2-2
    huyen:
      - Văn Quan
      - Lộc Bình
noi_nhan: [Như trên, Lãnh đạo Sở]
";

    #[test]
    fn every_path_has_its_line() {
        let l = Locations::of(TEXT);
        assert_eq!(l.find("loai"), Some((1, 1)));
        assert_eq!(l.find("nguoi_ky.ho_ten"), Some((4, 3)));
        assert_eq!(l.line("lop[0]"), Some(6));
        assert_eq!(l.find("lop[0].huyen"), Some((7, 7)));
        assert_eq!(l.line("lop[0].huyen[1]"), Some(7));
        assert_eq!(l.line("lop[1]"), Some(8));
        assert_eq!(l.line("lop[1].huyen[1]"), Some(11));
        assert_eq!(l.line("noi_nhan[1]"), Some(12));
    }

    #[test]
    fn a_missing_field_is_placed_at_its_parent() {
        let l = Locations::of(TEXT);
        assert_eq!(l.line("nguoi_ky.chuc_vu"), Some(2));
        assert_eq!(l.line("lop[1].tu_ngay"), Some(8));
        assert_eq!(l.line("khong_co"), None);
    }

    #[test]
    fn a_syntax_error_keeps_what_came_before() {
        let l = Locations::of("a: 1\nb: [\n");
        assert_eq!(l.line("a"), Some(1));
    }
}
