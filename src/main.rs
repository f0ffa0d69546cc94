/// jemalloc instead of the system allocator: laying out a batch allocates and
/// frees in bursts on every thread (see BENCHMARKS.md).
#[cfg(unix)]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() -> std::process::ExitCode {
    vanban::run(std::env::args_os())
}
