import ArgumentParser
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import SchemaLint

/// Every command names itself: ArgumentParser otherwise derives each name from its type's name with
/// `String(describing:)`, which demangles it at every start (a quarter of an empty lint's instructions).
struct SchemaLintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schemalint",
        abstract: "Lint PostgreSQL schemas and migrations: design conventions and unsafe migrations.",
        version: SchemaLintVersion.current,
        subcommands: [Lint.self, Rules.self, Explain.self, GenerateDocs.self, Server.self, MCPServer.self, Measure.self, Trace.self],
        defaultSubcommand: Lint.self)

    /// Parses, runs, and maps every outcome to the documented exit codes: 0 clean, 1 findings,
    /// 2 usage or input error. Never lets an error escape as a trace.
    static func runMain(_ arguments: [String]? = nil) -> Int32 {
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            return 0
        } catch let exit as ExitCode {
            return exit.rawValue
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                return 0
            }
            // The brief message, not `fullMessage` (which adds usage lines and an `Error:` prefix), folded onto
            // one line: the documented contract is one `schemalint: error:` line on stderr.
            let reason = message(for: error).split(whereSeparator: \.isNewline)
                .map { $0.trimming(.whitespaces) }.filter { !$0.isEmpty }.joined(separator: " ")
            printError(reason.isEmpty ? "\(error)" : reason)
            return 2
        }
    }
}

/// One-line reasons on stderr, prefixed like every other message of the tool.
func printError(_ message: String) {
    StandardStreams.write("schemalint: error: \(message)\n", to: stderr)
}

extension OutputFormat: ExpressibleByArgument {}
