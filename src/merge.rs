//! Joins the PDFs of a batch's chunks into one file for printing, with one
//! bookmark per record. Chunks keep memory flat (each is laid out, written
//! and forgotten); joining copies their objects without laying out again.

use lopdf::{Dictionary, Document, Object, ObjectId, StringFormat};

use crate::error::{Error, Result};

fn fail(e: lopdf::Error) -> Error {
    Error::Typeset(vec![format!("không ghép được tệp PDF: {e}")])
}

/// A text string as PDF writes it: UTF-16BE with a byte-order mark.
fn pdf_text(s: &str) -> Object {
    let mut bytes = vec![0xfe, 0xff];
    for unit in s.encode_utf16() {
        bytes.extend_from_slice(&unit.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Hexadecimal)
}

/// `parts` in order; `bookmarks`: (title, 0-based page in the joined file).
pub fn concat(parts: &[Vec<u8>], bookmarks: &[(String, usize)], title: &str) -> Result<Vec<u8>> {
    let mut out = Document::with_version("1.7");
    let mut pages: Vec<ObjectId> = Vec::new();
    let mut next_id = 1;
    for bytes in parts {
        let mut doc = Document::load_mem(bytes).map_err(fail)?;
        doc.renumber_objects_with(next_id);
        next_id = doc.max_id + 1;
        pages.extend(doc.get_pages().into_values());
        out.objects.extend(doc.objects);
    }
    out.max_id = next_id - 1;
    let pages_id = page_tree(&mut out, &pages);

    // The outline: one entry per record, pointing at its first page.
    let outline_id = out.new_object_id();
    let ids: Vec<ObjectId> = bookmarks.iter().map(|_| out.new_object_id()).collect();
    for (i, ((name, page), id)) in bookmarks.iter().zip(&ids).enumerate() {
        let mut item = Dictionary::new();
        item.set("Title", pdf_text(name));
        item.set("Parent", outline_id);
        if i > 0 {
            item.set("Prev", ids[i - 1]);
        }
        if let Some(next) = ids.get(i + 1) {
            item.set("Next", *next);
        }
        if let Some(target) = pages.get(*page) {
            item.set("Dest", vec![Object::Reference(*target), Object::Name(b"Fit".to_vec())]);
        }
        out.objects.insert(*id, Object::Dictionary(item));
    }
    let mut outline = Dictionary::new();
    outline.set("Type", Object::Name(b"Outlines".to_vec()));
    if let (Some(first), Some(last)) = (ids.first(), ids.last()) {
        outline.set("First", *first);
        outline.set("Last", *last);
    }
    outline.set("Count", ids.len() as i64);
    out.objects.insert(outline_id, Object::Dictionary(outline));

    // Drop what only the chunks' own catalogs referenced.
    finish(out, pages_id, Some(outline_id), title, true)
}

/// The page tree of `pages`, in order; each page points back at it.
fn page_tree(out: &mut Document, pages: &[ObjectId]) -> ObjectId {
    let pages_id = out.new_object_id();
    for id in pages {
        if let Ok(Object::Dictionary(page)) = out.get_object_mut(*id) {
            page.set("Parent", pages_id);
        }
    }
    let mut tree = Dictionary::new();
    tree.set("Type", Object::Name(b"Pages".to_vec()));
    tree.set("Count", pages.len() as i64);
    tree.set("Kids", pages.iter().map(|id| Object::Reference(*id)).collect::<Vec<_>>());
    out.objects.insert(pages_id, Object::Dictionary(tree));
    pages_id
}

/// The catalog and info of a PDF being assembled, then its bytes.
fn finish(
    mut out: Document,
    pages_id: ObjectId,
    outline: Option<ObjectId>,
    title: &str,
    prune: bool,
) -> Result<Vec<u8>> {
    let mut catalog = Dictionary::new();
    catalog.set("Type", Object::Name(b"Catalog".to_vec()));
    catalog.set("Pages", pages_id);
    if let Some(outline) = outline {
        catalog.set("Outlines", outline);
    }
    let catalog_id = out.add_object(catalog);
    let mut info = Dictionary::new();
    info.set("Title", pdf_text(title));
    info.set("Creator", pdf_text("vanban"));
    let info_id = out.add_object(info);
    out.trailer.set("Root", catalog_id);
    out.trailer.set("Info", info_id);
    if prune {
        out.prune_objects();
    }
    let mut bytes = Vec::new();
    out.save_to(&mut bytes).map_err(|e| Error::Typeset(vec![format!("không ghi được tệp PDF: {e}")]))?;
    Ok(bytes)
}

/// Everything an object needs, by reference, except the way back up the
/// page tree (a page's /Parent would pull in every other page).
fn reachable(doc: &Document, object: &Object, seen: &mut std::collections::BTreeSet<ObjectId>) {
    match object {
        Object::Reference(id) => {
            if seen.insert(*id)
                && let Ok(target) = doc.get_object(*id)
            {
                reachable(doc, target, seen);
            }
        }
        Object::Array(items) => items.iter().for_each(|o| reachable(doc, o, seen)),
        Object::Dictionary(dict) => {
            for (key, value) in dict.iter() {
                if key.as_slice() != b"Parent" {
                    reachable(doc, value, seen);
                }
            }
        }
        Object::Stream(stream) => reachable(doc, &Object::Dictionary(stream.dict.clone()), seen),
        _ => {}
    }
}

/// Splits a laid-out batch's PDF into one file per record: `ranges` are
/// 1-based inclusive page ranges, `titles` the records' names. Objects are
/// copied, not laid out or encoded again, so a record costs little more
/// than writing it; fonts are the batch's subsets.
pub fn split(
    bytes: &[u8],
    ranges: &[std::ops::RangeInclusive<usize>],
    titles: &[String],
) -> Result<Vec<Vec<u8>>> {
    use rayon::prelude::*;
    let doc = Document::load_mem(bytes).map_err(fail)?;
    let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
    ranges
        .par_iter()
        .zip(titles)
        .map(|(range, title)| {
            let ids: Vec<ObjectId> = pages.get(range.start() - 1..*range.end()).unwrap_or_default().to_vec();
            let mut seen = std::collections::BTreeSet::new();
            for id in &ids {
                reachable(&doc, &Object::Reference(*id), &mut seen);
            }
            let mut out = Document::with_version("1.7");
            for id in &seen {
                if let Ok(object) = doc.get_object(*id) {
                    out.objects.insert(*id, object.clone());
                }
            }
            out.max_id = doc.max_id;
            let pages_id = page_tree(&mut out, &ids);
            finish(out, pages_id, None, title, false)
        })
        .collect()
}
