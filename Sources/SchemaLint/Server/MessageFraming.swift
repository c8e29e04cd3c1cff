/// The LSP base protocol: each message is header lines (`Content-Length: N`, optionally `Content-Type`), an empty
/// line, then N bytes of JSON. Reads frames off a connection; a header it cannot use is reported and skipped, so
/// the next message is still read.
struct FrameReader {
    enum Frame: Equatable {
        case body([UInt8])
        /// A header block without a usable `Content-Length`, or a length beyond `maximumLength`; already skipped.
        case malformed(String)
        case end
    }

    /// Larger bodies are refused (and skipped): no SQL file an editor holds is near this.
    static let maximumLength = 256 << 20
    /// A header block that has not ended by this many bytes is garbage.
    static let maximumHeader = 64 << 10

    private let connection: any ServerConnection
    private var buffer: [UInt8] = []
    private var start = 0

    init(_ connection: any ServerConnection) { self.connection = connection }

    /// Whether the next frame can be read without waiting for the client.
    var hasWaitingInput: Bool { start < buffer.count || connection.inputIsWaiting() }

    mutating func next() -> Frame {
        while true {
            if let (headerEnd, bodyStart) = headerEnd() {
                let header = String(decoding: buffer[start..<headerEnd], as: UTF8.self)
                start = bodyStart
                switch Self.contentLength(in: header) {
                case .failure(let problem):
                    compact()
                    return .malformed(problem.reason)
                case .success(let length) where length > Self.maximumLength:
                    skip(length)
                    return .malformed("Content-Length \(length) is larger than \(Self.maximumLength) bytes")
                case .success(let length):
                    while buffer.count - start < length {
                        guard fill() else { return .end }
                    }
                    let body = Array(buffer[start..<start + length])
                    start += length
                    compact()
                    return .body(body)
                }
            }
            if buffer.count - start > Self.maximumHeader {
                buffer = []
                start = 0
                return .malformed("no end of headers in \(Self.maximumHeader) bytes")
            }
            guard fill() else { return .end }
        }
    }

    /// The end of the header block (`\r\n\r\n`, or `\n\n` from lenient clients) and where the body starts.
    private func headerEnd() -> (Int, Int)? {
        var i = start
        while i + 1 < buffer.count {
            if buffer[i] == 10 {
                if buffer[i + 1] == 10 { return (i, i + 2) }
                if buffer[i + 1] == 13, i + 2 < buffer.count, buffer[i + 2] == 10 { return (i, i + 3) }
            }
            i += 1
        }
        return nil
    }

    struct HeaderProblem: Error { var reason: String }

    static func contentLength(in header: String) -> Result<Int, HeaderProblem> {
        var length: Int?
        // Split on scalars: as Characters, "\r\n" is one grapheme and matches neither "\r" nor "\n".
        for raw in header.unicodeScalars.split(separator: "\n") {
            let line = Substring(raw.last == "\r" ? raw.dropLast() : raw)
            if line.isEmpty { continue }
            guard let colon = line.firstIndex(of: ":") else {
                return .failure(HeaderProblem(reason: "malformed header line \"\(line.prefix(80))\""))
            }
            let name = line[..<colon].trimming(.whitespaces).lowercased()
            let value = line[line.index(after: colon)...].trimming(.whitespaces)
            guard name == "content-length" else { continue }
            guard !value.isEmpty, value.utf8.allSatisfy({ (48...57).contains($0) }), value.count <= 12, let n = Int(value) else {
                return .failure(HeaderProblem(reason: "Content-Length \"\(value.prefix(40))\" is not a number"))
            }
            length = n
        }
        guard let length else { return .failure(HeaderProblem(reason: "no Content-Length header")) }
        return .success(length)
    }

    /// Reads more input; false at its end.
    private mutating func fill() -> Bool {
        let bytes = connection.read(maximum: 1 << 16)
        guard !bytes.isEmpty else { return false }
        buffer += bytes
        return true
    }

    /// Drops `count` bytes of body, reading as far as needed without keeping them.
    private mutating func skip(_ count: Int) {
        var remaining = count
        let buffered = min(remaining, buffer.count - start)
        start += buffered
        remaining -= buffered
        compact()
        while remaining > 0 {
            let bytes = connection.read(maximum: min(remaining, 1 << 16))
            if bytes.isEmpty { return }
            remaining -= bytes.count
        }
    }

    /// Forgets consumed bytes once they are most of the buffer, so it does not grow with the session.
    private mutating func compact() {
        if start == buffer.count { buffer.removeAll(keepingCapacity: true); start = 0 }
        else if start > 1 << 16 { buffer.removeFirst(start); start = 0 }
    }
}

enum FrameWriter {
    /// A message framed with its `Content-Length` (bytes of UTF-8, as the base protocol counts).
    static func frame(_ message: JSONValue) -> [UInt8] {
        let body = Array(message.compact.utf8)
        return Array("Content-Length: \(body.count)\r\n\r\n".utf8) + body
    }
}
