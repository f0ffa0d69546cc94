//! PDF files assembled from pages of Typst's exports: each record's own file
//! and a batch's merged file with one bookmark per record. Objects (fonts,
//! images, content streams) are copied as Typst encoded them, never laid out
//! or compressed again, and the merged file is written as chunks arrive, so
//! memory does not grow with the batch.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Write;
use std::ops::Range;

use lopdf::xref::XrefEntry;
use lopdf::{Dictionary, Document, Object, ObjectId, StringFormat, Writer};

use crate::error::{Error, Result};

fn fail(e: impl std::fmt::Display) -> Error {
    Error::Typeset(vec![format!("không ghép được tệp PDF: {e}")])
}

/// A PDF Typst exported, parsed once so pages can be copied out of it.
pub struct Source {
    doc: Document,
    pages: Vec<ObjectId>,
    bytes: Vec<u8>,
    /// Where each object lies in `bytes` (`N 0 obj` … `endobj`), so it can
    /// be copied without writing it again. Empty when the file is not laid
    /// out plainly (object streams, a repaired table).
    spans: HashMap<u32, Range<usize>>,
}

impl Source {
    pub fn parse(bytes: Vec<u8>) -> Result<Self> {
        let doc = Document::load_mem(&bytes).map_err(fail)?;
        let pages = doc.get_pages().into_values().collect();
        let spans = spans(&doc, &bytes).unwrap_or_default();
        Ok(Self { doc, pages, bytes, spans })
    }

    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    /// The ids of `pages` (0-based) and of everything they need, by
    /// reference, in id order (so the output is the same on every run).
    fn needed(&self, pages: &Range<usize>) -> BTreeSet<ObjectId> {
        let mut seen = BTreeSet::new();
        for id in self.pages.get(pages.clone()).unwrap_or_default() {
            self.reach(&Object::Reference(*id), &mut seen);
        }
        seen
    }

    /// Everything `object` refers to, except the way back up the page tree
    /// (a page's /Parent would pull in every other page).
    fn reach(&self, object: &Object, seen: &mut BTreeSet<ObjectId>) {
        match object {
            Object::Reference(id) => {
                if seen.insert(*id)
                    && let Ok(target) = self.doc.get_object(*id)
                {
                    self.reach(target, seen);
                }
            }
            Object::Array(items) => items.iter().for_each(|o| self.reach(o, seen)),
            Object::Dictionary(dict) => self.reach_dict(dict, seen),
            Object::Stream(stream) => self.reach_dict(&stream.dict, seen),
            _ => {}
        }
    }

    fn reach_dict(&self, dict: &Dictionary, seen: &mut BTreeSet<ObjectId>) {
        for (key, value) in dict.iter() {
            if key.as_slice() != b"Parent" {
                self.reach(value, seen);
            }
        }
    }
}

/// Each object's bytes in a file whose objects follow one another, each
/// running to where the next starts.
fn spans(doc: &Document, bytes: &[u8]) -> Option<HashMap<u32, Range<usize>>> {
    if doc.xref_recovery.is_some() {
        return None;
    }
    let mut starts: Vec<(usize, u32)> = Vec::new();
    for (id, entry) in &doc.reference_table.entries {
        match entry {
            XrefEntry::Normal { offset, generation: 0 } => starts.push((*offset as usize, *id)),
            XrefEntry::Free | XrefEntry::UnusableFree => {}
            _ => return None,
        }
    }
    starts.sort_unstable();
    // The last object ends where the cross-reference table starts, or, when
    // the table is itself an object (a stream), at `startxref`.
    let startxref = bytes.windows(9).rposition(|w| w == b"startxref")?;
    let mut spans = HashMap::with_capacity(starts.len());
    for (i, &(start, id)) in starts.iter().enumerate() {
        let end = match starts.get(i + 1) {
            Some(next) => next.0,
            None if doc.xref_start > start => doc.xref_start,
            None => startxref,
        };
        let span = bytes.get(start..end)?;
        let head = format!("{id} 0 obj");
        if !span.starts_with(head.as_bytes()) || !span.trim_ascii_end().ends_with(b"endobj") {
            return None;
        }
        spans.insert(id, start..end);
    }
    Some(spans)
}

/// A PDF being written object by object: pages copied from [`Source`]s,
/// then the page tree, outline, catalog and cross-reference table.
pub struct Assembler<W: Write> {
    out: W,
    written: u64,
    /// Byte offset of each object, by id.
    offsets: BTreeMap<u32, u64>,
    next_id: u32,
    /// Ids written last but known from the start.
    pages_id: u32,
    catalog_id: u32,
    info_id: u32,
    kids: Vec<u32>,
    /// (title, page object) for the outline.
    bookmarks: Vec<(String, u32)>,
}

impl<W: Write> Assembler<W> {
    /// An assembler that numbers objects from 1 as they come ([`Self::add`]).
    pub fn new(out: W) -> Result<Self> {
        Self::reserving(out, 1)
    }

    /// An assembler whose own objects take ids `first`, `first + 1`, …
    fn reserving(out: W, first: u32) -> Result<Self> {
        let mut a = Self {
            out,
            written: 0,
            offsets: BTreeMap::new(),
            next_id: first + 3,
            pages_id: first,
            catalog_id: first + 1,
            info_id: first + 2,
            kids: Vec::new(),
            bookmarks: Vec::new(),
        };
        // A binary marker on line 2 tells transfer tools the file is binary.
        a.put(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")?;
        Ok(a)
    }

    fn put(&mut self, bytes: &[u8]) -> Result<()> {
        self.out.write_all(bytes).map_err(fail)?;
        self.written += bytes.len() as u64;
        Ok(())
    }

    fn fresh_id(&mut self) -> u32 {
        self.next_id += 1;
        self.next_id - 1
    }

    /// Writes object `id` as `lopdf` frames it (`N 0 obj` … `endobj`); a
    /// stream is its dictionary and `data`, copied as it is.
    fn object(&mut self, id: u32, object: &Object, data: Option<&[u8]>) -> Result<()> {
        self.offsets.insert(id, self.written);
        let mut bytes =
            format!("{id} 0 obj\n{}", if Writer::need_separator(object) { " " } else { "" }).into_bytes();
        Writer::write_object(&mut bytes, object).map_err(fail)?;
        if let Some(data) = data {
            bytes.extend_from_slice(b"stream\n");
            self.put(&bytes)?;
            self.put(data)?;
            bytes = b"\nendstream".to_vec();
        }
        bytes.extend_from_slice(if Writer::need_end_separator(object) {
            b" \nendobj\n"
        } else {
            b"\nendobj\n"
        });
        self.put(&bytes)
    }

    /// Copies `pages` (0-based, in order) of `source` with everything they
    /// need. `bookmarks`: (title, page of `source`) for the outline.
    pub fn add(&mut self, source: &Source, pages: Range<usize>, bookmarks: &[(String, usize)]) -> Result<()> {
        let needed = source.needed(&pages);
        let ids: HashMap<ObjectId, u32> = needed.iter().map(|old| (*old, self.fresh_id())).collect();
        let page_ids: BTreeSet<ObjectId> = source.pages[pages.clone()].iter().copied().collect();
        for old in &needed {
            let Ok(object) = source.doc.get_object(*old) else { continue };
            let (mut copy, data) = match object {
                Object::Stream(stream) => {
                    (Object::Dictionary(renumbered_dict(&stream.dict, &ids)), Some(stream.content.as_slice()))
                }
                other => (renumbered(other, &ids), None),
            };
            if page_ids.contains(old)
                && let Object::Dictionary(page) = &mut copy
            {
                page.set("Parent", Object::Reference((self.pages_id, 0)));
            }
            self.object(ids[old], &copy, data)?;
        }
        self.kids.extend(source.pages[pages].iter().map(|p| ids[p]));
        for (title, page) in bookmarks {
            if let Some(id) = source.pages.get(*page).and_then(|p| ids.get(p)) {
                self.bookmarks.push((title.clone(), *id));
            }
        }
        Ok(())
    }

    /// Copies `pages` of `source` keeping their ids (the assembler's own
    /// ids lie above the source's): each object's bytes are copied as they
    /// are, except the pages, which point at the new page tree.
    fn copy(&mut self, source: &Source, pages: Range<usize>) -> Result<()> {
        let page_ids: BTreeSet<ObjectId> = source.pages[pages.clone()].iter().copied().collect();
        for id in source.needed(&pages) {
            let Ok(object) = source.doc.get_object(id) else { continue };
            match (object, source.spans.get(&id.0)) {
                (Object::Dictionary(page), _) if page_ids.contains(&id) => {
                    let mut page = page.clone();
                    page.set("Parent", Object::Reference((self.pages_id, 0)));
                    self.object(id.0, &Object::Dictionary(page), None)?;
                }
                (_, Some(span)) => {
                    self.offsets.insert(id.0, self.written);
                    self.put(&source.bytes[span.clone()])?;
                }
                (Object::Stream(stream), None) => {
                    self.object(id.0, &Object::Dictionary(stream.dict.clone()), Some(&stream.content))?
                }
                (other, None) => self.object(id.0, other, None)?,
            }
        }
        self.kids.extend(source.pages[pages].iter().map(|p| p.0));
        Ok(())
    }

    /// Writes the page tree, outline, catalog and info, then the
    /// cross-reference table, and hands back the output.
    pub fn finish(mut self, title: &str) -> Result<W> {
        let mut tree = Dictionary::new();
        tree.set("Type", Object::Name(b"Pages".to_vec()));
        tree.set("Count", self.kids.len() as i64);
        tree.set("Kids", self.kids.iter().map(|id| Object::Reference((*id, 0))).collect::<Vec<_>>());
        self.object(self.pages_id, &Object::Dictionary(tree), None)?;

        let mut catalog = Dictionary::new();
        catalog.set("Type", Object::Name(b"Catalog".to_vec()));
        catalog.set("Pages", Object::Reference((self.pages_id, 0)));
        catalog.set("Lang", Object::String(b"vi".to_vec(), StringFormat::Literal));
        if !self.bookmarks.is_empty() {
            catalog.set("Outlines", Object::Reference((self.outline()?, 0)));
            catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
        }
        self.object(self.catalog_id, &Object::Dictionary(catalog), None)?;

        let mut info = Dictionary::new();
        info.set("Title", pdf_text(title));
        info.set("Creator", pdf_text("vanban"));
        self.object(self.info_id, &Object::Dictionary(info), None)?;

        let xref_at = self.written;
        let size = self.next_id;
        // Runs of consecutive ids, each a subsection; id 0 is the free head.
        let mut entries: Vec<(u32, String)> = vec![(0, "0000000000 65535 f \n".into())];
        entries.extend(self.offsets.iter().map(|(id, offset)| (*id, format!("{offset:010} 00000 n \n"))));
        let mut table = String::from("xref\n");
        let mut run_start = 0;
        for i in 1..=entries.len() {
            if i == entries.len() || entries[i].0 != entries[i - 1].0 + 1 {
                table.push_str(&format!("{} {}\n", entries[run_start].0, i - run_start));
                entries[run_start..i].iter().for_each(|(_, line)| table.push_str(line));
                run_start = i;
            }
        }
        table.push_str(&format!(
            "trailer\n<</Size {size}/Root {} 0 R/Info {} 0 R>>\nstartxref\n{xref_at}\n%%EOF\n",
            self.catalog_id, self.info_id
        ));
        self.put(table.as_bytes())?;
        self.out.flush().map_err(fail)?;
        Ok(self.out)
    }

    /// One outline entry per bookmark, each opening its page; returns the
    /// outline's id.
    fn outline(&mut self) -> Result<u32> {
        let root = self.fresh_id();
        let items: Vec<u32> = (0..self.bookmarks.len()).map(|_| self.fresh_id()).collect();
        let bookmarks = std::mem::take(&mut self.bookmarks);
        for (i, ((title, page), id)) in bookmarks.iter().zip(&items).enumerate() {
            let mut item = Dictionary::new();
            item.set("Title", pdf_text(title));
            item.set("Parent", Object::Reference((root, 0)));
            if i > 0 {
                item.set("Prev", Object::Reference((items[i - 1], 0)));
            }
            if let Some(next) = items.get(i + 1) {
                item.set("Next", Object::Reference((*next, 0)));
            }
            item.set("Dest", vec![Object::Reference((*page, 0)), Object::Name(b"Fit".to_vec())]);
            self.object(*id, &Object::Dictionary(item), None)?;
        }
        let mut outline = Dictionary::new();
        outline.set("Type", Object::Name(b"Outlines".to_vec()));
        outline.set("First", Object::Reference((items[0], 0)));
        outline.set("Last", Object::Reference((items[items.len() - 1], 0)));
        outline.set("Count", items.len() as i64);
        self.object(root, &Object::Dictionary(outline), None)?;
        Ok(root)
    }
}

/// `object` with its references pointing at the new ids; a reference to
/// something not copied (it does not exist) becomes null.
fn renumbered(object: &Object, ids: &HashMap<ObjectId, u32>) -> Object {
    match object {
        Object::Reference(id) => ids.get(id).map_or(Object::Null, |new| Object::Reference((*new, 0))),
        Object::Array(items) => Object::Array(items.iter().map(|o| renumbered(o, ids)).collect()),
        Object::Dictionary(dict) => Object::Dictionary(renumbered_dict(dict, ids)),
        // Streams are only ever direct objects of their own (see `add`).
        Object::Stream(stream) => Object::Dictionary(renumbered_dict(&stream.dict, ids)),
        other => other.clone(),
    }
}

fn renumbered_dict(dict: &Dictionary, ids: &HashMap<ObjectId, u32>) -> Dictionary {
    dict.iter().map(|(k, v)| (k.clone(), renumbered(v, ids))).collect()
}

/// A text string as PDF writes it: UTF-16BE with a byte-order mark.
fn pdf_text(s: &str) -> Object {
    let mut bytes = vec![0xfe, 0xff];
    for unit in s.encode_utf16() {
        bytes.extend_from_slice(&unit.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Hexadecimal)
}

/// One PDF of `pages` of `source`, in memory (a record's file).
pub fn extract(source: &Source, pages: Range<usize>, title: &str) -> Result<Vec<u8>> {
    let mut a = Assembler::reserving(Vec::new(), source.doc.max_id + 1)?;
    a.copy(source, pages)?;
    a.finish(title)
}

/// `bytes` (one Typst export) again, with an outline of `bookmarks`
/// (title, 0-based page).
pub fn with_outline(bytes: &[u8], bookmarks: &[(String, usize)], title: &str) -> Result<Vec<u8>> {
    let source = Source::parse(bytes.to_vec())?;
    let mut a = Assembler::new(Vec::new())?;
    a.add(&source, 0..source.page_count(), bookmarks)?;
    a.finish(title)
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::{Stream, dictionary};

    /// A three-page PDF, pages sharing one font, each drawing its number.
    fn three_pages() -> Vec<u8> {
        let mut doc = Document::with_version("1.7");
        let pages_id = doc.new_object_id();
        let font = doc
            .add_object(dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Times-Roman" });
        let kids: Vec<Object> = (1..=3)
            .map(|n| {
                let content = doc.add_object(Stream::new(
                    dictionary! {},
                    format!("BT /F1 12 Tf 72 720 Td (page {n}) Tj ET").into_bytes(),
                ));
                let page = doc.add_object(dictionary! {
                    "Type" => "Page",
                    "Parent" => pages_id,
                    "Contents" => content,
                    "Resources" => dictionary! { "Font" => dictionary! { "F1" => font } },
                    "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
                });
                page.into()
            })
            .collect();
        doc.objects.insert(
            pages_id,
            Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => 3 }),
        );
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
        doc.trailer.set("Root", catalog);
        let mut bytes = Vec::new();
        doc.save_to(&mut bytes).unwrap();
        bytes
    }

    fn page_texts(bytes: &[u8]) -> Vec<String> {
        let doc = Document::load_mem(bytes).unwrap();
        doc.get_pages()
            .values()
            .map(|p| String::from_utf8(doc.get_page_content(*p)).unwrap().trim_end().to_owned())
            .collect()
    }

    #[test]
    fn a_record_keeps_its_pages_and_what_they_need_copied_or_rewritten() {
        let source = Source::parse(three_pages()).unwrap();
        assert!(!source.spans.is_empty(), "objects are copied as bytes");
        let mut rewritten = Source::parse(three_pages()).unwrap();
        rewritten.spans.clear();
        for s in [&source, &rewritten] {
            let one = extract(s, 1..3, "Hai trang").unwrap();
            assert_eq!(
                page_texts(&one),
                ["BT /F1 12 Tf 72 720 Td (page 2) Tj ET", "BT /F1 12 Tf 72 720 Td (page 3) Tj ET"]
            );
            let doc = Document::load_mem(&one).unwrap();
            let page = *doc.get_pages().values().next().unwrap();
            assert!(doc.get_page_fonts(page).unwrap().contains_key(b"F1".as_slice()));
            // Page 1 and its content are not in the file.
            assert!(!one.windows(6).any(|w| w == b"page 1"));
        }
    }

    #[test]
    fn typst_exports_are_copied_as_bytes() {
        let source = "#set text(font: \"Liberation Serif\")\n#set page(width: 100pt, height: 100pt)\nMột #pagebreak() Hai";
        let today = typst::foundations::Datetime::from_ymd(2025, 4, 1).unwrap();
        let fonts = crate::fonts::FontSet::embedded();
        let document =
            crate::render::compile(source.into(), &fonts, None, today, &Default::default()).unwrap();
        let parsed = Source::parse(crate::render::pdf(&document, "thu").unwrap()).unwrap();
        // Every object can be copied as it is; none is written again but the page.
        assert_eq!(parsed.spans.len(), parsed.doc.objects.len());
        let one = extract(&parsed, 1..2, "Hai").unwrap();
        assert_eq!(Document::load_mem(&one).unwrap().get_pages().len(), 1);
    }

    #[test]
    fn the_merged_file_joins_sources_with_one_bookmark_each() {
        let mut merged = Assembler::new(Vec::new()).unwrap();
        for part in 0..2 {
            let source = Source::parse(three_pages()).unwrap();
            let marks = vec![(format!("Phần {part} đầu"), 0), (format!("Phần {part} cuối"), 2)];
            merged.add(&source, 0..3, &marks).unwrap();
        }
        let bytes = merged.finish("Gộp").unwrap();
        assert_eq!(page_texts(&bytes).len(), 6);
        let doc = Document::load_mem(&bytes).unwrap();
        let toc: Vec<(String, usize)> =
            doc.get_toc().unwrap().toc.into_iter().map(|t| (t.title, t.page)).collect();
        assert_eq!(
            toc,
            [
                ("Phần 0 đầu".to_string(), 1),
                ("Phần 0 cuối".to_string(), 3),
                ("Phần 1 đầu".to_string(), 4),
                ("Phần 1 cuối".to_string(), 6)
            ]
        );
    }
}
