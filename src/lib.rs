//! vanban: Vietnamese administrative documents (Nghị định 30/2020/NĐ-CP)
//! from YAML data, through minijinja templates and Typst, to PDF.
//!
//! Stages, one module each: [`model`] (typed data) → [`compose`] (checks and
//! template context) → [`template`] (Typst source) → [`render`] (layout and
//! PDF, in a [`world`] with the [`fonts`]).

pub mod batch;
pub mod check;
pub mod chuyen_ma;
pub mod cli;
pub mod compose;
pub mod engine;
pub mod error;
pub mod folder;
pub mod fonts;
#[doc(hidden)]
pub mod fuzz;
pub mod inspect;
pub mod kind;
pub mod kinds;
pub mod merge;
pub mod model;
pub mod nhap;
pub mod render;
pub mod rules;
pub mod schema;
pub mod serve;
pub mod starter;
pub mod template;
pub mod tron;
pub mod vi;
pub mod world;
pub mod yaml_edit;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;

use cli::{BuildArgs, CheckArgs, Cli, Command, Emit, Format, RenderArgs};
use engine::Engine;
use error::{Error, Result};
use folder::OnDisk;
use kind::{Input, Kind, Made, Pass};

/// Runs the command line and returns the process exit code.
pub fn run(args: impl IntoIterator<Item = std::ffi::OsString>) -> ExitCode {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let jobs = match &cli.command {
        Command::Render(a) => a.common.jobs,
        Command::Build(a) => a.common.jobs,
        Command::Check(a) => a.common.jobs,
        Command::Serve(a) => a.jobs,
        Command::ChuyenMa(_) | Command::Nhap(_) | Command::Kinds | Command::Schema(_) | Command::New(_) => {
            None
        }
    };
    engine::init_threads(jobs);
    let result = match cli.command {
        Command::Render(args) => render_command(&args),
        Command::Build(args) => build_command(&args),
        Command::Check(args) => check_command(&args),
        Command::ChuyenMa(args) => chuyen_ma::command(&args.file, args.output.as_deref()),
        Command::Kinds => {
            print!("{}", kind::table());
            Ok(())
        }
        Command::Schema(args) => schema::command(args.kind.as_deref(), args.out.as_deref()),
        Command::New(args) => starter::command(&args.kind, args.dir.as_deref()),
        Command::Serve(args) => serve::command(&args),
        Command::Nhap(args) => nhap::command(&args.file, args.output.as_deref(), args.ghi_de),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{}", e.human());
            ExitCode::from(e.exit_code())
        }
    }
}

/// The decree's rules of the documents a command is about to produce, printed
/// on stderr: any error stops the command before a file is written. `render`
/// and `build` both start here, so neither makes what `check` refuses.
fn rules_first<'a>(passes: impl IntoIterator<Item = &'a Pass>, log: &mut dyn FnMut(String)) -> Result<()> {
    let mut errors = 0;
    for pass in passes {
        for f in &pass.rules {
            log(f.human());
        }
        errors += pass.rule_errors();
    }
    if errors > 0 { Err(Error::Checked(errors)) } else { Ok(()) }
}

fn render_command(args: &RenderArgs) -> Result<()> {
    let engine = Engine::new(args.common.font_dir.as_deref(), args.common.templates.as_deref())?;
    let source = engine::read_source(&args.file)?;
    let Some(kind) = source.kind else {
        // The message that names the missing key.
        return engine.prepare(&args.file).map(|_| ());
    };
    let folder = OnDisk::of_file(&args.file);
    let input = Input { kind, path: &args.file, text: &source.text, folder: &folder };
    let pass = pass_of(&engine, &input)?;
    rules_first([&pass], &mut |line| eprintln!("{line}"))?;
    let ext = match args.emit {
        Emit::Pdf => "pdf",
        Emit::Typst => "typ",
    };
    let output = args.output.clone().unwrap_or_else(|| args.file.with_extension(ext));
    let prepared = engine.one_document(&input, made(pass)?)?;
    match args.emit {
        Emit::Typst => {
            // The document's source, then each part in its own file beside it.
            let parts = prepared.tep_rieng.iter().map(|t| (t.path_beside(&output), &t.prepared.source));
            for (path, source) in std::iter::once((output.clone(), &prepared.source)).chain(parts) {
                render::write_atomic(&path, source.as_bytes())?;
                eprintln!("đã ghi {}", path.display());
            }
        }
        Emit::Pdf => {
            for (path, bytes, pages) in engine.files_of(&prepared, &output)? {
                render::write_atomic(&path, &bytes)?;
                eprintln!("đã ghi {} ({pages} trang)", path.display());
            }
        }
    }
    Ok(())
}

/// A document's pass; data that does not parse is reported as `check`
/// reports it, with the rules.
fn pass_of(engine: &Engine, input: &Input) -> Result<Pass> {
    match engine.pass(input) {
        Err(Error::Input(found)) => Ok(Pass { rules: found, made: None }),
        other => other,
    }
}

/// What a pass with the engine's tools made.
fn made(pass: Pass) -> Result<Made> {
    pass.made.unwrap_or_else(|| Err(Error::Usage("văn bản chưa được chuẩn bị".into())))
}

fn check_command(args: &CheckArgs) -> Result<()> {
    let engine = Engine::new(args.common.font_dir.as_deref(), args.common.templates.as_deref())?;
    let findings = check::check(&engine, &args.path)?;
    let errors = findings.iter().filter(|f| f.is_error()).count();
    match args.format {
        Format::Json => println!("{}", serde_json::to_string_pretty(&findings).expect("findings")),
        Format::Human => {
            for f in &findings {
                println!("{}", f.human());
            }
            eprintln!("{errors} lỗi, {} cảnh báo", findings.len() - errors);
        }
    }
    if errors > 0 { Err(Error::Checked(errors)) } else { Ok(()) }
}

/// The output folder `build` writes into when not told: `out/<folder name>`.
pub fn default_out(dir: &Path) -> PathBuf {
    let name = dir
        .canonicalize()
        .ok()
        .and_then(|d| d.file_name().map(|n| n.to_owned()))
        .unwrap_or_else(|| "vanban".into());
    PathBuf::from("out").join(name)
}

fn build_command(args: &BuildArgs) -> Result<()> {
    if !args.dir.is_dir() {
        return Err(Error::Usage(format!("không tìm thấy thư mục dữ liệu '{}'", args.dir.display())));
    }
    let engine = Engine::new(args.common.font_dir.as_deref(), args.common.templates.as_deref())?;
    let out = args.out.clone().unwrap_or_else(|| default_out(&args.dir));
    build(&engine, &args.dir, &out, &mut |line| eprintln!("{line}"), &mut |_, _| {})
}

/// The YAML files of a folder, sorted: those `build` and `check` consider.
pub fn yaml_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| Error::io("không mở được thư mục", dir, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
        .collect();
    files.sort();
    Ok(files)
}

/// `vanban build`: every document `dir` declares, into `out`. Each line a
/// clerk reads goes to `log` (stderr, or the page's report); `step(done,
/// total)` follows the documents as they are made.
pub fn build(
    engine: &Engine,
    dir: &Path,
    out: &Path,
    log: &mut dyn FnMut(String),
    step: &mut dyn FnMut(usize, usize),
) -> Result<()> {
    let out = out.to_path_buf();
    let files = yaml_files(dir)?;
    let started = std::time::Instant::now();
    // Each document read and parsed once: its rules, and what it makes. The
    // folder is shared, so what several documents read is parsed once too.
    let folder = OnDisk::new(dir);
    let mut documents = Vec::new();
    for file in &files {
        let source = engine::read_source(file)?;
        if let Some(kind) = source.kind {
            let pass = pass_of(engine, &Input { kind, path: file, text: &source.text, folder: &folder })?;
            documents.push((file, kind, pass));
        }
    }
    if documents.is_empty() {
        return Err(Error::Usage(format!(
            "thư mục '{}' không có văn bản nào (tệp YAML có khóa 'loai')",
            dir.display()
        )));
    }
    // The decree's rules first: an error stops the build before any file.
    rules_first(documents.iter().map(|d| &d.2), log)?;
    remove_stale_temporaries(
        &out,
        documents
            .iter()
            .filter(|d| matches!(d.2.made, Some(Ok(Made::Batch(_)))))
            .map(|d| batch::output_stem(d.0)),
    );
    // A document that cannot be made does not stop the others; what was
    // written is said exactly at the end.
    let mut written: Vec<String> = Vec::new();
    let mut files_written = 0;
    let mut failed_documents: Vec<(String, u8)> = Vec::new();
    let mut failed_records = 0;
    let mut reports = serde_json::Map::new();
    let count = documents.len();
    step(0, count);
    let jobs: Vec<(&PathBuf, Kind, Result<Made>)> =
        documents.into_iter().map(|(file, kind, pass)| (file, kind, made(pass))).collect();
    // Each document's outcome, said in the folder's order whichever finishes first.
    let mut said = 0;
    let mut say = |done: &mut Vec<Option<Outcome>>, said: &mut usize| {
        while let Some(outcome) = done.get_mut(*said).and_then(Option::take) {
            for line in outcome.lines {
                log(line);
            }
            files_written += outcome.files_written;
            written.extend(outcome.written);
            failed_records += outcome.failed_records;
            if let Some((key, value)) = outcome.report {
                reports.insert(key, value);
            }
            failed_documents.extend(outcome.failed);
            *said += 1;
            step(*said, count);
        }
    };
    make_all(engine, &out, jobs, &mut |done| say(done, &mut said));
    if !reports.is_empty() {
        let json = serde_json::to_string_pretty(&reports).expect("report");
        render::write_atomic(&out.join("bao-cao.json"), json.as_bytes())?;
    }
    log(format!(
        "xong: {} văn bản, {files_written} tệp PDF, {} lỗi, {:.1} giây",
        count,
        failed_records + failed_documents.len(),
        started.elapsed().as_secs_f64()
    ));
    if failed_documents.is_empty() && failed_records == 0 {
        return Ok(());
    }
    let mut parts = Vec::new();
    if !failed_documents.is_empty() {
        let names: Vec<&str> = failed_documents.iter().map(|(n, _)| n.as_str()).collect();
        parts.push(format!("{} văn bản không dựng được ({})", names.len(), names.join(", ")));
    }
    if failed_records > 0 {
        parts.push(format!("{failed_records} bản không dựng được (xem bao-cao.json)"));
    }
    let what = if written.is_empty() {
        "không có tệp nào được ghi".to_owned()
    } else {
        format!("đã ghi {}", written.join(", "))
    };
    let code = failed_documents.first().map(|(_, c)| *c).unwrap_or(1);
    Err(Error::Incomplete { summary: format!("{}; {what}", parts.join("; ")), code })
}

/// What making one document gave `build`: the lines a clerk reads, in
/// order, and what goes into the final summary.
#[derive(Default)]
struct Outcome {
    lines: Vec<String>,
    files_written: usize,
    /// The files (or a batch's folder) named in the summary of a build that failed.
    written: Vec<String>,
    failed_records: usize,
    /// A batch's entry in `bao-cao.json`.
    report: Option<(String, serde_json::Value)>,
    /// The data file's name and the exit code, when the document failed.
    failed: Option<(String, u8)>,
}

/// One document of a build made and written.
fn make_one(engine: &Engine, out: &Path, file: &Path, kind: Kind, made: Result<Made>) -> Outcome {
    let mut outcome = Outcome::default();
    let stem = batch::output_stem(file);
    let result = made.and_then(|made| match made {
        Made::Batch(prepared) => batch::write(engine, &prepared, out, &stem).map(|report| {
            let noun = kind.record_noun();
            summarise(&noun, &report, out, &mut |line| outcome.lines.push(line));
            outcome.failed_records += report.failed();
            outcome.files_written += report.written() + usize::from(report.tep_gop.is_some());
            if report.written() > 0 {
                let merged = report.tep_gop.as_ref().map(|f| format!(" và {f}")).unwrap_or_default();
                outcome.written.push(format!("{} {noun} trong {stem}/{merged}", report.written()));
            }
            outcome.report = Some((stem.replace('-', "_"), serde_json::to_value(&report).expect("report")));
        }),
        Made::One(prepared) => {
            let target = out.join(format!("{stem}.pdf"));
            // The document's file and those of its parts in their own files
            // (an attachment: `quyet-dinh.kem-theo.pdf`), all laid out first.
            engine.files_of(&prepared, &target).and_then(|files| {
                for (path, bytes, pages) in files {
                    render::write_atomic(&path, &bytes)?;
                    outcome.lines.push(format!("đã ghi {} ({pages} trang)", path.display()));
                    outcome.files_written += 1;
                    outcome.written.push(path.file_name().unwrap_or_default().to_string_lossy().into_owned());
                }
                Ok(())
            })
        }
    });
    if let Err(e) = result {
        outcome.lines.push(e.human());
        let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        outcome.failed = Some((name, e.exit_code()));
    }
    outcome
}

/// Makes every document of a build, handing each outcome to `said` (with
/// the outcomes so far, by document) as it comes. One-document kinds are
/// laid out on worker threads, the largest first, while this thread makes
/// the batches in order, each with its own lanes: Typst lays a document out
/// mostly on one thread, so one document at a time leaves a core idle.
/// The workers are plain threads, not rayon's: Typst's own parallel work
/// and the batches' runs on rayon's pool, whose threads then never wait on
/// a whole document.
fn make_all(
    engine: &Engine,
    out: &Path,
    jobs: Vec<(&PathBuf, Kind, Result<Made>)>,
    said: &mut dyn FnMut(&mut Vec<Option<Outcome>>),
) {
    let mut done: Vec<Option<Outcome>> = jobs.iter().map(|_| None).collect();
    let (mut batches, mut singles) = (Vec::new(), Vec::new());
    for (i, (file, kind, made)) in jobs.into_iter().enumerate() {
        match made {
            Ok(Made::One(prepared)) => singles.push((i, file, kind, prepared)),
            made => batches.push((i, file, kind, made)),
        }
    }
    // Popped from the end: the longest source (about the longest layout) first.
    let size = |p: &compose::Prepared| {
        p.source.len() + p.tep_rieng.iter().map(|t| t.prepared.source.len()).sum::<usize>()
    };
    singles.sort_by_key(|(i, _, _, p)| (size(p), std::cmp::Reverse(*i)));
    let workers = rayon::current_num_threads().min(singles.len());
    let queue = std::sync::Mutex::new(singles);
    std::thread::scope(|scope| {
        let (send, receive) = std::sync::mpsc::channel::<(usize, Outcome)>();
        for _ in 0..workers {
            let (send, queue) = (send.clone(), &queue);
            scope.spawn(move || {
                loop {
                    // Its own statement: the lock is let go before the layout
                    // (a `while let` would hold it through the loop's body).
                    let job = queue.lock().unwrap_or_else(|p| p.into_inner()).pop();
                    let Some((i, file, kind, prepared)) = job else { break };
                    if send.send((i, make_one(engine, out, file, kind, Ok(Made::One(prepared))))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(send);
        for (i, file, kind, made) in batches {
            done[i] = Some(make_one(engine, out, file, kind, made));
            while let Ok((i, outcome)) = receive.try_recv() {
                done[i] = Some(outcome);
            }
            said(&mut done);
        }
        // Ends when every worker has ended (a worker that panicked too: the
        // scope then passes its panic on).
        for (i, outcome) in receive {
            done[i] = Some(outcome);
            said(&mut done);
        }
    });
    said(&mut done);
}

/// Temporary files a killed run left behind (`.vanban-*.tmp`): finished
/// files only ever appear under their final names, by rename.
fn remove_stale_temporaries(out: &Path, batches: impl Iterator<Item = String>) {
    for dir in std::iter::once(out.to_path_buf()).chain(batches.map(|b| out.join(b))) {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for e in entries.flatten() {
            let name = e.file_name();
            let name = name.to_string_lossy();
            if name.starts_with(".vanban-") && name.ends_with(".tmp") {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
}

/// The human summary of a batch on stderr: each batch problem once, then
/// the records that failed, those sharing a reason on one line.
fn summarise(kind: &str, report: &batch::Report, out: &Path, log: &mut dyn FnMut(String)) {
    for p in &report.van_de {
        log(p.to_string());
    }
    let mut reasons: Vec<(&str, Vec<&str>)> = Vec::new();
    for e in report.muc.iter().filter(|e| e.trang_thai == "loi") {
        let reason = e.ly_do.as_deref().unwrap_or("");
        if e.dong.is_some() {
            log(format!("  lỗi: {reason}"));
        } else if let Some((_, names)) = reasons.iter_mut().find(|(r, _)| *r == reason) {
            names.push(&e.ten);
        } else {
            reasons.push((reason, vec![&e.ten]));
        }
    }
    for (reason, names) in reasons {
        log(format!("  lỗi: {}: {reason}", names.join(", ")));
    }
    for s in &report.bo_qua {
        log(format!("  bỏ qua: {s} (không có học viên)"));
    }
    log(format!(
        "{kind}: đã ghi {} tệp vào {}, {} lỗi{}",
        report.written(),
        out.display(),
        report.failed(),
        report.tep_gop.as_ref().map(|f| format!("; tệp gộp {}", out.join(f).display())).unwrap_or_default()
    ));
}
