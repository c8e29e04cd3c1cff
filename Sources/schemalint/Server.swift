import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif
import SchemaLint

/// `schemalint server`: the language server on standard input and output; messages for people go to stderr.
struct Server: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "server",
        abstract: "Run a language server (LSP 3.17) over standard input and output, for editors.")

    func run() throws {
        // A client that goes away must end the server through `exit` or the end of input, not a signal.
        signal(SIGPIPE, SIG_IGN)
        let server = LanguageServer(connection: FileDescriptorConnection()) { message in
            StandardStreams.write("schemalint server: \(message)\n", to: stderr)
        }
        let code = server.run()
        if code != 0 { throw ExitCode(code) }
    }
}
