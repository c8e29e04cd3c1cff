@testable import SchemaLint  // debug builds enable testing: the chunked parse is checked against the whole parse

/// libFuzzer entry point: arbitrary bytes go through the front end, the schema model and every rule,
/// as one file and, split at the first newline, as two files of one run (so cross-file replay is fuzzed too).
/// The same bytes are parsed in chunks cut every 16 bytes: when every chunk parses, the statements must be the whole
/// parse's (a cut PostgreSQL would not make must fail a chunk, never parse as something else).
/// Any crash, sanitizer report or hang is a bug; the input that caused it belongs in fixtures/fuzz/.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let cleaned = InputCleaner.clean(SourceFile(path: "fuzz.sql", bytes: bytes)).bytes
    if let chunked = ChunkedParse.parse(cleaned, every: 16) {
        guard case .success(let whole) = LibPgQuery.parse(cleaned[...], base: 0),
              whole.map({ "\($0.range) \($0.syntax.kind)" }) == chunked.map({ "\($0.range) \($0.syntax.kind)" }) else {
            fatalError("the chunked parse differs from the whole parse")
        }
    }
    let rules = RuleRegistry.all.compactMap { try? $0.make() }.map { ConfiguredRule($0) }
    let linter = Linter(rules: rules, settings: LintSettings(threads: 1))
    _ = linter.lint([SourceFile(path: "fuzz.sql", bytes: bytes)])
    if let newline = bytes.firstIndex(of: 10) {
        _ = linter.lint([SourceFile(path: "a.sql", bytes: Array(bytes[..<newline])),
                         SourceFile(path: "b.sql", bytes: Array(bytes[newline...]))])
    }
    return 0
}

/// SwiftPM links an executable's entry point as `<module>_main`; hand control to libFuzzer's driver.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt

@_cdecl("SchemaLintFuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzz(data, size) }
}
