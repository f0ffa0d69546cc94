//! The fuzz targets (`fuzz/`), run for a bounded time on every test run:
//! the example and broken documents, then mutations of them. A panic, a
//! hang (past the time bound) or a crash fails the test.

mod common;

use std::time::{Duration, Instant};

use common::*;

/// A small deterministic generator (xorshift), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const SPICE: &[&[u8]] = &[
    b"#",
    b"]",
    b"[",
    b"*",
    b"\"",
    b"'",
    b"\\",
    b":",
    b": ",
    b"\n",
    b"\n- ",
    b"{",
    b"}",
    b"&a",
    b"*a",
    b"!!binary",
    b"\xc3",
    b"\xff",
    b"\x00",
    "Nguyễn".as_bytes(),
    "\u{202e}".as_bytes(),
    b"99999999999",
    b"-1",
    b"~",
    b"- muc: ",
    b"  noi_dung:\n",
    b"31/02/2025",
    b"0/0/0",
];

fn mutate(rng: &mut Rng, input: &[u8]) -> Vec<u8> {
    let mut out = input.to_vec();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(out.len() + 1);
        match rng.below(4) {
            0 => {
                let s = SPICE[rng.below(SPICE.len())];
                out.splice(at..at, s.iter().copied());
            }
            1 if !out.is_empty() => {
                let end = (at + 1 + rng.below(20)).min(out.len());
                out.drain(at.min(end)..end);
            }
            2 if !out.is_empty() => {
                let i = rng.below(out.len());
                out[i] = rng.next() as u8;
            }
            _ => {
                let from = rng.below(out.len() + 1);
                let end = (from + rng.below(40)).min(out.len());
                let piece = out[from..end].to_vec();
                out.splice(at..at, piece);
            }
        }
    }
    out
}

fn corpus(dirs: &[&str], ext: &str) -> Vec<Vec<u8>> {
    let mut files = Vec::new();
    for d in dirs {
        for e in std::fs::read_dir(repo().join(d)).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == ext) {
                files.push(p);
            }
        }
    }
    files.sort();
    files.into_iter().map(|p| std::fs::read(p).unwrap()).collect()
}

fn run(target: fn(&[u8]), seeds: &[Vec<u8>], budget: Duration) -> usize {
    let start = Instant::now();
    for s in seeds {
        target(s);
    }
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut n = 0;
    while start.elapsed() < budget {
        let seed = &seeds[rng.below(seeds.len())];
        target(&mutate(&mut rng, seed));
        n += 1;
    }
    n
}

#[test]
fn yaml_documents_never_panic() {
    let seeds = corpus(&["data/du-an-8-2025", "tests/hong"], "yaml");
    assert!(seeds.len() > 30);
    let n = run(vanban::fuzz::yaml_document, &seeds, Duration::from_secs(12));
    assert!(n > 100, "{n} mutated documents");
}

#[test]
fn csv_rows_never_panic() {
    let seeds = corpus(&["data/du-an-8-2025", "tests/hong"], "csv");
    let n = run(vanban::fuzz::csv_rows, &seeds, Duration::from_secs(6));
    assert!(n > 100, "{n} mutated lists");
}

/// Files to import: the seed plan's text, the laid-out text of the
/// example's documents, and the text, Word and PDF files of `tests/nhap/`; each
/// read as text, Word and PDF, each input within a time bound.
#[test]
fn imported_files_never_panic_or_hang() {
    let mut seeds = vec![std::fs::read(repo().join("tests/nhap/seed-ke-hoach-du-an-8-2025.txt")).unwrap()];
    for name in ["quyet-dinh.yaml", "cong-van.yaml", "bien-ban.yaml"] {
        let pages = pages_of(&example(name));
        seeds.push(pages.iter().map(|p| p.text()).collect::<Vec<_>>().join("\n").into_bytes());
    }
    let dir = repo().join("tests/nhap");
    if dir.is_dir() {
        seeds.extend(corpus(&["tests/nhap"], "txt"));
        seeds.extend(corpus(&["tests/nhap"], "docx"));
        seeds.extend(corpus(&["tests/nhap"], "pdf"));
    }
    let slowest = std::sync::Mutex::new(Duration::ZERO);
    let timed = |data: &[u8]| {
        let t = Instant::now();
        vanban::fuzz::nhap_document(data);
        let mut s = slowest.lock().unwrap();
        *s = (*s).max(t.elapsed());
    };
    let start = Instant::now();
    for s in &seeds {
        timed(s);
    }
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let mut n = 0;
    while start.elapsed() < Duration::from_secs(10) {
        let seed = &seeds[rng.below(seeds.len())];
        timed(&mutate(&mut rng, seed));
        n += 1;
    }
    assert!(n > 50, "{n} mutated files");
    let slowest = *slowest.lock().unwrap();
    assert!(slowest < Duration::from_secs(5), "an input took {slowest:?}");
}
