import Testing

/// The tests that run the `fsctx` binary with Python clients and agents. They run one after
/// another: Foundation's `Process` lets concurrent children inherit each other's pipes, which
/// would make every test wait for the slowest.
@Suite("fsctx mcp and fsctx launch, end to end", .serialized)
enum EndToEndTests {}
