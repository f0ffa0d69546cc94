fn main() -> std::process::ExitCode {
    grow_heaps_in_large_steps();
    vanban::run(std::env::args_os())
}

/// glibc grows each thread's heap 128 KiB at a time, one system call each;
/// laying out a batch allocates in bursts on every thread, so grow 32 MiB at
/// a time instead (pages are still only used when touched).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn grow_heaps_in_large_steps() {
    const M_TOP_PAD: i32 = -2;
    unsafe extern "C" {
        fn mallopt(param: i32, value: i32) -> i32;
    }
    // SAFETY: sets one allocator parameter, before any other thread exists.
    unsafe {
        mallopt(M_TOP_PAD, 32 << 20);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn grow_heaps_in_large_steps() {}
