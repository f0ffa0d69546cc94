fn main() -> std::process::ExitCode {
    vanban::run(std::env::args_os())
}
