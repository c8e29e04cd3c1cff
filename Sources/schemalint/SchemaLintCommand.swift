import ArgumentParser
import Foundation
import SchemaLint

struct SchemaLintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schemalint",
        abstract: "Lint PostgreSQL schemas and migrations: design conventions and unsafe migrations.",
        version: SchemaLintVersion.current,
        subcommands: [Lint.self, Rules.self, GenerateDocs.self],
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
            let message = fullMessage(for: error)
            FileHandle.standardError.write(Data((message.hasPrefix("Error:") ? "schemalint: " + message.dropFirst(7) : "schemalint: error: " + message).utf8))
            FileHandle.standardError.write(Data("\n".utf8))
            return 2
        }
    }
}

/// One-line reasons on stderr, prefixed like every other message of the tool.
func printError(_ message: String) {
    FileHandle.standardError.write(Data("schemalint: error: \(message)\n".utf8))
}

extension OutputFormat: ExpressibleByArgument {}
