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
pub mod fonts;
#[doc(hidden)]
pub mod fuzz;
pub mod inspect;
pub mod merge;
pub mod model;
pub mod render;
pub mod template;
pub mod vi;
pub mod world;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;

use cli::{BuildArgs, CheckArgs, Cli, Command, Emit, Format, RenderArgs};
use engine::Engine;
use error::{Error, Result};

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
        Command::ChuyenMa(_) => None,
    };
    engine::init_threads(jobs);
    let result = match cli.command {
        Command::Render(args) => render_command(&args),
        Command::Build(args) => build_command(&args),
        Command::Check(args) => check_command(&args),
        Command::ChuyenMa(args) => chuyen_ma::command(&args.file, args.output.as_deref()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("lỗi: {e}");
            ExitCode::from(e.exit_code())
        }
    }
}

fn render_command(args: &RenderArgs) -> Result<()> {
    let engine = Engine::new(args.common.font_dir.as_deref(), args.common.templates.as_deref())?;
    let ext = match args.emit {
        Emit::Pdf => "pdf",
        Emit::Typst => "typ",
    };
    let output = args.output.clone().unwrap_or_else(|| args.file.with_extension(ext));
    match args.emit {
        Emit::Typst => {
            let prepared = engine.prepare(&args.file)?;
            render::write_atomic(&output, prepared.source.as_bytes())?;
            eprintln!("đã ghi {}", output.display());
        }
        Emit::Pdf => {
            let (bytes, pages) = engine.pdf(&args.file)?;
            render::write_atomic(&output, &bytes)?;
            eprintln!("đã ghi {} ({pages} trang)", output.display());
        }
    }
    Ok(())
}

fn check_command(args: &CheckArgs) -> Result<()> {
    let engine = Engine::new(args.common.font_dir.as_deref(), args.common.templates.as_deref())?;
    let findings = check::check(&engine, &args.path)?;
    let errors = findings.iter().filter(|f| f.muc_do == check::MucDo::Loi).count();
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

fn default_out(dir: &Path) -> PathBuf {
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
    let mut files: Vec<PathBuf> = std::fs::read_dir(&args.dir)
        .map_err(|e| Error::io("không mở được thư mục", &args.dir, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
        .collect();
    files.sort();
    let started = std::time::Instant::now();
    let mut written = 0;
    let mut files_written = 0;
    let mut reports = serde_json::Map::new();
    let mut failed = 0;
    remove_stale_temporaries(&out);
    // The decree's rules first: an error stops the build before any file.
    let mut kinds = Vec::new();
    let mut rule_errors = 0;
    for file in &files {
        let Some(kind) = engine::kind_of(file)? else {
            continue;
        };
        for f in check::rules_of(file, kind) {
            eprintln!("{}", f.human());
            rule_errors += usize::from(f.muc_do == check::MucDo::Loi);
        }
        kinds.push((file, kind));
    }
    if rule_errors > 0 {
        return Err(Error::Checked(rule_errors));
    }
    for (file, kind) in kinds {
        match kind {
            engine::Kind::KeHoach => {
                let (bytes, pages) = engine.pdf(file)?;
                let target = out.join(kind.output_name());
                render::write_atomic(&target, &bytes)?;
                eprintln!("đã ghi {} ({pages} trang)", target.display());
                files_written += 1;
            }
            engine::Kind::GiayMoi | engine::Kind::GiayChungNhan => {
                let (report, label, key) = if kind == engine::Kind::GiayMoi {
                    (batch::giay_moi(&engine, file, &out)?, "giấy mời", "giay_moi")
                } else {
                    (batch::giay_chung_nhan(&engine, file, &out)?, "giấy chứng nhận", "giay_chung_nhan")
                };
                summarise(label, &report, &out);
                failed += report.failed();
                files_written += report.written() + usize::from(report.tep_gop.is_some());
                reports.insert(key.into(), serde_json::to_value(&report).expect("report"));
            }
        }
        written += 1;
    }
    if written == 0 {
        return Err(Error::Usage(format!(
            "thư mục '{}' không có văn bản nào (tệp YAML có khóa 'loai')",
            args.dir.display()
        )));
    }
    if !reports.is_empty() {
        let json = serde_json::to_string_pretty(&reports).expect("report");
        render::write_atomic(&out.join("bao-cao.json"), json.as_bytes())?;
    }
    eprintln!(
        "xong: {written} văn bản, {files_written} tệp PDF, {failed} lỗi, {:.1} giây",
        started.elapsed().as_secs_f64()
    );
    if failed > 0 {
        return Err(Error::Batch(failed));
    }
    Ok(())
}

/// Temporary files a killed run left behind (`.vanban-*.tmp`): finished
/// files only ever appear under their final names, by rename.
fn remove_stale_temporaries(out: &Path) {
    for dir in [out.to_path_buf(), out.join("giay-moi"), out.join("giay-chung-nhan")] {
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

/// The human summary of a batch on stderr.
fn summarise(kind: &str, report: &batch::Report, out: &Path) {
    for e in report.muc.iter().filter(|e| e.trang_thai == "loi") {
        match e.dong {
            Some(_) => eprintln!("  lỗi: {}", e.ly_do.as_deref().unwrap_or("")),
            None => eprintln!("  lỗi: {}: {}", e.ten, e.ly_do.as_deref().unwrap_or("")),
        }
    }
    for s in &report.bo_qua {
        eprintln!("  bỏ qua: {s} (không có học viên)");
    }
    eprintln!(
        "{kind}: đã ghi {} tệp vào {}, {} lỗi{}",
        report.written(),
        out.display(),
        report.failed(),
        report.tep_gop.as_ref().map(|f| format!("; tệp gộp {}", out.join(f).display())).unwrap_or_default()
    );
}
