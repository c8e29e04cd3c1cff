import FoundationEssentials

/// `schemalint server`: a language server (LSP 3.17) on one connection. Documents are synchronised whole; each is
/// linted as its migration folder would be (`DocumentLinter`) and its findings published, with quick fixes and
/// hovers computed from the last lint. Lints run when no message is waiting, so a burst of keystrokes is linted
/// once; a request about a document lints it first if it changed.
public final class LanguageServer {
    private enum State { case uninitialized, running, shuttingDown }

    private let connection: any ServerConnection
    private let log: (String) -> Void
    private var reader: FrameReader
    private var state = State.uninitialized
    private var encoding = PositionEncoding.utf16
    private var documents = DocumentStore()
    /// The last configuration problem shown, so that it is not shown again on every keystroke.
    private var shownProblem: String?

    public init(connection: any ServerConnection, log: @escaping (String) -> Void = { _ in }) {
        self.connection = connection
        self.log = log
        reader = FrameReader(connection)
    }

    /// Serves until `exit` or the end of the input. Returns the exit code: 0 after `shutdown`, 1 otherwise.
    public func run() -> Int32 {
        while true {
            if !reader.hasWaitingInput { lintStaleDocuments() }
            switch reader.next() {
            case .end:
                return state == .shuttingDown ? 0 : 1
            case .malformed(let reason):
                log("malformed message header: \(reason)")
                send(JSONRPC.error(id: .null, RPCError(.parseError, "malformed message header: \(reason)")))
            case .body(let bytes):
                guard let message = JSONValue.parse(bytes) else {
                    send(JSONRPC.error(id: .null, RPCError(.parseError, "the message is not JSON")))
                    continue
                }
                if let code = handle(message) { return code }
            }
        }
    }

    /// Handles one message; returns an exit code when it was `exit`.
    private func handle(_ message: JSONValue) -> Int32? {
        switch JSONRPC.classify(message) {
        case .invalid(let id, let reason):
            send(JSONRPC.error(id: id, RPCError(.invalidRequest, reason)))
        case .response:
            break
        case .request(let id, let method, let params):
            do { send(JSONRPC.response(id: id, result: try request(method, params))) }
            catch let error as RPCError { send(JSONRPC.error(id: id, error)) }
            catch { send(JSONRPC.error(id: id, RPCError(.internalError, "\(error)"))) }
        case .notification(let method, let params):
            if method == "exit" { return state == .shuttingDown ? 0 : 1 }
            guard state == .running else { return nil }  // before initialize, notifications are dropped
            do { try notification(method, params) } catch { log("\(method): \(error)") }
        }
        return nil
    }

    private func request(_ method: String, _ params: JSONValue?) throws -> JSONValue {
        switch (state, method) {
        case (.uninitialized, "initialize"): return initialize(params)
        case (.uninitialized, _): throw RPCError(.serverNotInitialized, "\(method) before initialize")
        case (_, "initialize"): throw RPCError(.invalidRequest, "initialize was already received")
        case (.shuttingDown, _): throw RPCError(.invalidRequest, "\(method) after shutdown")
        case (_, "shutdown"):
            state = .shuttingDown
            return .null
        case (_, "textDocument/codeAction"): return try codeActions(params)
        case (_, "textDocument/hover"): return try hover(params)
        default: throw RPCError(.methodNotFound, "unknown method \(method)")
        }
    }

    private func notification(_ method: String, _ params: JSONValue?) throws {
        switch method {
        case "textDocument/didOpen":
            guard let item = params?["textDocument"], let uri = item["uri"]?.string, let text = item["text"]?.string else {
                throw RPCError.invalidParams("didOpen needs textDocument.uri and textDocument.text")
            }
            documents[uri] = OpenDocument(uri: uri, path: DocumentURI.path(of: uri), version: item["version"]?.int,
                                          text: Array(text.utf8))
        case "textDocument/didChange":
            let uri = try documentURI(params)
            guard var doc = documents[uri], let changes = params?["contentChanges"]?.array else {
                throw RPCError.invalidParams("didChange of a document that is not open, or without contentChanges")
            }
            for change in changes {
                guard let text = change["text"]?.string else { throw RPCError.invalidParams("a content change needs text") }
                if let range = change["range"] {
                    // Incremental changes are not asked for (sync is full), but cost little to accept.
                    let bytes = try LSPPositions(file: SourceFile(path: uri, bytes: doc.text), encoding: encoding).byteRange(range)
                    doc.text.replaceSubrange(bytes, with: Array(text.utf8))
                } else {
                    doc.text = Array(text.utf8)
                }
            }
            doc.version = params?["textDocument", "version"]?.int ?? doc.version
            doc.stale = true
            documents[uri] = doc
        case "textDocument/didSave":
            let uri = try documentURI(params)
            guard var doc = documents[uri] else { return }
            if let text = params?["text"]?.string { doc.text = Array(text.utf8) }
            doc.stale = true
            documents[uri] = doc
            // The saved file is context for the documents after it in its folder.
            if let path = doc.path { documents.markStale(under: Paths.folder(path)) }
        case "textDocument/didClose":
            let uri = try documentURI(params)
            documents[uri] = nil
            send(LSPDiagnostics.publish(uri: uri, version: nil, []))
        default:
            break  // `initialized`, `$/…` and anything else: nothing to do
        }
    }

    private func initialize(_ params: JSONValue?) -> JSONValue {
        let offered = params?["capabilities", "general", "positionEncodings"]?.array?.compactMap(\.string) ?? []
        // The client lists the encodings it takes in order of preference; UTF-16 is the one every client takes.
        encoding = offered.lazy.compactMap(PositionEncoding.init(rawValue:)).first ?? .utf16
        state = .running
        return .object([
            ("capabilities", .object([
                ("positionEncoding", .string(encoding.rawValue)),
                ("textDocumentSync", .object([
                    ("openClose", .bool(true)),
                    ("change", .int(1)),  // full: each change sends the whole text
                    ("save", .object([("includeText", .bool(false))])),
                ])),
                ("codeActionProvider", .object([("codeActionKinds", .array([.string("quickfix")]))])),
                ("hoverProvider", .bool(true)),
            ])),
            ("serverInfo", .object([("name", .string("schemalint")), ("version", .string(SchemaLintVersion.current))])),
        ])
    }

    private func codeActions(_ params: JSONValue?) throws -> JSONValue {
        let uri = try documentURI(params)
        guard let lint = freshLint(uri) else { return .array([]) }
        let positions = LSPPositions(file: lint.file, encoding: encoding)
        let range = try positions.byteRange(params?["range"])
        return .array(CodeActions.actions(uri: uri, lint: lint, range: range, positions))
    }

    private func hover(_ params: JSONValue?) throws -> JSONValue {
        let uri = try documentURI(params)
        guard let lint = freshLint(uri) else { return .null }
        let positions = LSPPositions(file: lint.file, encoding: encoding)
        let offset = try positions.byteOffset(params?["position"])
        let under = lint.diagnostics.filter { $0.byteRange.lowerBound <= offset && offset <= $0.byteRange.upperBound }
        guard let first = under.first else { return .null }
        return .object([
            ("contents", .object([("kind", .string("markdown")), ("value", .string(RuleHover.markdown(rules: under.map(\.rule))))])),
            ("range", positions.range(first.byteRange)),
        ])
    }

    private func documentURI(_ params: JSONValue?) throws -> String {
        guard let uri = params?["textDocument", "uri"]?.string else { throw RPCError.invalidParams("textDocument.uri is missing") }
        return uri
    }

    /// The document's lint, of its current text.
    private func freshLint(_ uri: String) -> DocumentLint? {
        if documents[uri]?.stale == true { lint(uri) }
        return documents[uri]?.lint
    }

    private func lintStaleDocuments() {
        for uri in documents.staleURIs { lint(uri) }
    }

    private func lint(_ uri: String) {
        guard var doc = documents[uri] else { return }
        let linter = DocumentLinter(buffers: documents.buffersByPath)
        do {
            doc.lint = try linter.lint(path: doc.path, name: uri, text: doc.text)
            shownProblem = nil
        } catch {
            doc.lint = DocumentLint(file: SourceFile(path: doc.path ?? uri, bytes: doc.text), diagnostics: [])
            let problem = "\(error)"
            if problem != shownProblem {
                shownProblem = problem
                send(JSONRPC.notification("window/showMessage", .object([("type", .int(1)), ("message", .string("schemalint: \(problem)"))])))
            }
        }
        doc.stale = false
        documents[uri] = doc
        let positions = LSPPositions(file: doc.lint!.file, encoding: encoding)
        send(LSPDiagnostics.publish(uri: uri, version: doc.version, doc.lint!.diagnostics.map { LSPDiagnostics.diagnostic($0, positions) }))
    }

    private func send(_ message: JSONValue) { connection.write(FrameWriter.frame(message)) }
}
