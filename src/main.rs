/// jemalloc, not glibc's malloc: the server's start decodes the register
/// (hundreds of thousands of small strings on two threads) about 10% faster
/// with it at `--scale large` (BENCHMARKS.md, server cold start).
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() {
    std::process::exit(thuky::cli::main());
}
