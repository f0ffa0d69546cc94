//! The command line.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// vanban: văn bản hành chính theo Nghị định 30/2020/NĐ-CP, từ dữ liệu YAML
/// ra PDF.
#[derive(Debug, Parser)]
#[command(name = "vanban", version, about, long_about = None, after_help = EXIT_CODES)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

const EXIT_CODES: &str = "Mã thoát: 0 thành công; 1 dữ liệu sai; 2 sai cách gọi lệnh; \
3 lỗi mẫu hoặc dàn trang; 4 lỗi đọc/ghi tệp.";

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Dựng một văn bản từ một tệp YAML (mặc định ra PDF cạnh tệp đó).
    Render(RenderArgs),
    /// Dựng mọi văn bản mà thư mục khai báo (các tệp YAML có khóa `loai`).
    Build(BuildArgs),
    /// Kiểm tra dữ liệu (một tệp hoặc cả thư mục) theo NĐ30, không dựng PDF.
    Check(CheckArgs),
    /// Chuyển danh sách học viên (.csv, .xlsx) gõ bằng bảng mã cũ TCVN3/ABC
    /// hoặc VNI sang Unicode, ghi ra tệp mới bên cạnh (không sửa tệp gốc).
    ChuyenMa(ChuyenMaArgs),
    /// Liệt kê các loại văn bản vanban dựng được (khóa `loai`, mẫu NĐ30, chữ viết tắt).
    Kinds,
    /// In lược đồ JSON (JSON Schema) của tệp YAML một loại văn bản, cho trình
    /// soạn thảo (VS Code) gợi ý và kiểm tra khi gõ; không có LOẠI: liệt kê các loại.
    Schema(SchemaArgs),
    /// Tạo tệp mẫu có chú thích cho một loại văn bản (và các tệp dữ liệu nó
    /// đọc), dựng được ngay bằng `vanban build`; không ghi đè tệp đã có.
    New(NewArgs),
    /// Mở trang soạn văn bản trên trình duyệt (http://127.0.0.1:8030/): sửa
    /// từng văn bản của thư mục bằng biểu mẫu, xem trang khi gõ, lưu, dựng và tải về.
    Serve(ServeArgs),
    /// Nhập một văn bản có sẵn (.docx, .pdf, .txt) thành tệp dữ liệu YAML của
    /// vanban, nhận ra các thành phần thể thức và sửa theo NĐ30; in báo cáo.
    Nhap(NhapArgs),
}

#[derive(Debug, Args)]
pub struct NhapArgs {
    /// Tệp văn bản cần nhập: .docx (Word), .pdf hoặc .txt.
    pub file: PathBuf,
    /// Tệp YAML ghi ra (mặc định: cùng tên, đuôi .yaml, cạnh tệp gốc).
    #[arg(short, long, value_name = "OUT.yaml")]
    pub output: Option<PathBuf>,
    /// Ghi đè tệp YAML nếu đã có.
    #[arg(long)]
    pub ghi_de: bool,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Thư mục dữ liệu (mặc định: thư mục hiện tại); trang chỉ đọc và ghi trong thư mục này.
    pub dir: Option<PathBuf>,
    /// Cổng (0: một cổng trống bất kỳ).
    #[arg(long, default_value_t = 8030)]
    pub port: u16,
    /// Mở cho máy khác trong mạng, tại địa chỉ này (ví dụ 192.168.1.10 hoặc
    /// 0.0.0.0); khi đó cần mã truy cập, in ra lúc khởi động.
    #[arg(long, value_name = "ADDR")]
    pub mo_rong: Option<std::net::IpAddr>,
    /// Thư mục đầu ra của "Dựng tất cả" (mặc định: out/<tên thư mục>).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Thư mục phông chữ bổ sung (ví dụ có Times New Roman thật).
    #[arg(long, value_name = "DIR")]
    pub font_dir: Option<PathBuf>,
    /// Số luồng xử lý song song (mặc định: mọi lõi CPU).
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<usize>,
}

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Loại văn bản (khóa `loai`, ví dụ ke-hoach), hoặc phan-bo cho tệp phân bổ.
    pub kind: Option<String>,
    /// Ghi ra thư mục này, mỗi loại một tệp <loai>.schema.json (không có LOẠI: mọi loại).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// Loại văn bản (khóa `loai`, ví dụ ke-hoach); xem `vanban kinds`.
    pub kind: String,
    /// Thư mục ghi tệp (mặc định: thư mục hiện tại); tạo mới nếu chưa có.
    pub dir: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ChuyenMaArgs {
    /// Danh sách cần chuyển (.csv hoặc .xlsx).
    pub file: PathBuf,
    /// Tệp đầu ra (mặc định: <tên>-unicode.<đuôi> cạnh tệp gốc); không được là
    /// tệp gốc hay một tệp đã có.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Tệp YAML hoặc thư mục dữ liệu.
    pub path: PathBuf,
    /// Dạng kết quả: human (cho người đọc) hoặc json (cho chương trình).
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    #[command(flatten)]
    pub common: CommonArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
}

#[derive(Debug, Args)]
pub struct RenderArgs {
    /// Tệp YAML của văn bản.
    pub file: PathBuf,
    /// Tệp đầu ra (mặc định: cùng tên, đuôi .pdf hoặc .typ).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Ghi ra PDF, hoặc mã nguồn Typst (tự chứa, biên dịch được bằng typst CLI).
    #[arg(long, value_enum, default_value_t = Emit::Pdf)]
    pub emit: Emit,
    #[command(flatten)]
    pub common: CommonArgs,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Thư mục dữ liệu (ví dụ data/du-an-8-2025).
    pub dir: PathBuf,
    /// Thư mục đầu ra (mặc định: out/<tên thư mục>).
    #[arg(long)]
    pub out: Option<PathBuf>,
    #[command(flatten)]
    pub common: CommonArgs,
}

#[derive(Debug, Args)]
pub struct CommonArgs {
    /// Thư mục phông chữ bổ sung (ví dụ có Times New Roman thật).
    #[arg(long, value_name = "DIR")]
    pub font_dir: Option<PathBuf>,
    /// Thư mục mẫu thay cho mẫu dựng sẵn (tệp cùng tên sẽ được dùng thay).
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// Số luồng xử lý song song (mặc định: mọi lõi CPU).
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Emit {
    Pdf,
    Typst,
}
