/// What a command-line run leaves to the process's exit instead of freeing: the model, the rules' state and the
/// findings are freed object by object, each string and array released, just before the process ends and the
/// kernel takes back all its memory at once (lago's dump: 6M instructions, 2% of the run; 13M on 500 migration
/// files). Clang's `-disable-free` is the same idea. Off in the library, whose long-lived callers (the language
/// server, the MCP server, the tests) reuse their memory; the `lint` command turns it on.
public enum ExitTeardown {
    /// Set once, by a process that exits after its lints; its lints run one at a time (fix rounds included),
    /// so `keep` is never called from two threads at once.
    nonisolated(unsafe) public static var leavesMemoryToExit = false
    nonisolated(unsafe) private static var kept: [Any] = []

    /// Holds `values` until the process exits when `leavesMemoryToExit` is on; otherwise does nothing.
    public static func keep(_ values: Any...) {
        if leavesMemoryToExit { kept.append(values) }
    }
}
