fn main() {
    std::process::exit(thuky::cli::main());
}
