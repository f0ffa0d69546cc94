//! `vanban nhap` reading a PDF: documents vanban writes, read back into
//! their pieces (header and footer columns, paragraphs re-joined across
//! lines and pages, headings, tables), and files that are not readable
//! PDFs refused with the clerk's message.

mod common;

use std::path::Path;

use common::*;
use vanban::nhap::nguon::{Cot, Doan, Khoi};

/// An example document rendered by vanban, read back.
fn doc_lai(ten: &str) -> Vec<Khoi> {
    let (bytes, _) = engine().pdf(&example(ten)).unwrap_or_else(|e| panic!("{ten}: {e}"));
    vanban::nhap::doc_nguon(Path::new("van-ban.pdf"), &bytes).unwrap_or_else(|e| panic!("{ten}: {e}"))
}

fn doan(khoi: &[Khoi]) -> Vec<&Doan> {
    khoi.iter().filter_map(|k| if let Khoi::Doan(d) = k { Some(d) } else { None }).collect()
}

#[test]
fn in_ra() {
    for ten in ["ke-hoach.yaml", "quyet-dinh.yaml", "cong-van.yaml"] {
        println!("==== {ten}");
        for k in doc_lai(ten) {
            match k {
                Khoi::Doan(d) => println!("{} {:?} {:?} | {:?}", d.noi, d.cot, d.kieu, d.chu),
                k => println!("{k:?}"),
            }
        }
    }
}

#[test]
fn ky_tu() {
    let (bytes, _) = engine().pdf(&example("ke-hoach.yaml")).unwrap();
    println!("{}", vanban::nhap::pdf::debug_ky_tu(&bytes));
}
