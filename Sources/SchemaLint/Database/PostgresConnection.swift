#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A failure talking to PostgreSQL, with what the server said (SQLSTATE, message, position) when it said it.
public struct DatabaseError: Error, CustomStringConvertible, Sendable {
    public var message: String
    /// The five-character SQLSTATE (`42P01`), nil for client-side failures (no libpq, cannot connect).
    public var sqlState: String? = nil
    public var detail: String? = nil
    public var hint: String? = nil
    /// 1-based character offset in the statement sent, where the server located the error.
    public var position: Int? = nil

    public init(message: String, sqlState: String? = nil, detail: String? = nil, hint: String? = nil, position: Int? = nil) {
        self.message = message
        self.sqlState = sqlState
        self.detail = detail
        self.hint = hint
        self.position = position
    }

    public var description: String {
        var text = message
        if let sqlState { text += " (SQLSTATE \(sqlState))" }
        if let detail { text += "\nDETAIL: \(detail)" }
        if let hint { text += "\nHINT: \(hint)" }
        return text
    }
}

/// The rows a query returned, as text (libpq's text format), and the command tag (`CREATE INDEX`, `SELECT 3`).
public struct QueryResult: Sendable {
    public var columns: [String]
    public var rows: [[String?]]
    public var commandTag: String

    /// The value of `column` in `row`, nil when NULL or when there is no such column.
    public func value(_ row: Int, _ column: String) -> String? {
        guard let index = columns.firstIndex(of: column) else { return nil }
        return rows[row][index]
    }
}

/// Where a session is, as libpq reports it after each command.
public enum TransactionState: Sendable {
    case idle, active, inTransaction, failedTransaction, unknown
}

/// One libpq session. Not thread-safe: one statement at a time, as a migration runs. The server's notices
/// (`NOTICE: relation … already exists, skipping`) are collected, never printed.
public final class PostgresConnection {
    private let pq: LibPQ
    private let connection: LibPQ.Connection
    private let noticeBox = NoticeBox()

    /// Connects with a `postgres://` URL or a `key=value` connection string. The error never repeats the password.
    public init(_ connectionString: String) throws {
        pq = try LibPQ.shared()
        guard let connection = pq.connectdb(connectionString) else {
            throw DatabaseError(message: "libpq could not allocate a connection to \(DatabaseURL.redacted(connectionString))")
        }
        self.connection = connection
        guard pq.status(connection) == 0 else {
            let reason = pq.errorMessage(connection).map { String(cString: $0) } ?? ""
            // Every stored property is set, so deinit runs and frees the connection.
            throw DatabaseError(message: "cannot connect to \(DatabaseURL.redacted(connectionString)): "
                + reason.trimming(.whitespacesAndNewlines))
        }
        let processor: LibPQ.NoticeProcessor = { box, message in
            guard let box, let message else { return }
            Unmanaged<NoticeBox>.fromOpaque(box).takeUnretainedValue().notices
                .append(String(cString: message).trimming(.whitespacesAndNewlines))
        }
        _ = pq.setNoticeProcessor(connection, processor, Unmanaged.passUnretained(noticeBox).toOpaque())
    }

    deinit { pq.finish(connection) }

    /// The server's version as an integer (150018 for 15.18, 90624 for 9.6.24).
    public var serverVersion: Int { Int(pq.serverVersion(connection)) }

    /// The server process serving this session (`pg_locks.pid`).
    public var backendPID: Int32 { pq.backendPID(connection) }

    public var transactionState: TransactionState {
        switch pq.transactionStatus(connection) {
        case 0: return .idle
        case 1: return .active
        case 2: return .inTransaction
        case 3: return .failedTransaction
        default: return .unknown
        }
    }

    /// Notices the server sent since the last call, oldest first.
    public func takeNotices() -> [String] {
        defer { noticeBox.notices = [] }
        return noticeBox.notices
    }

    /// Runs SQL (one statement, or several: then the result is the last one's). A `COPY … FROM STDIN` is ended
    /// at once with an error, since a migration's data rows are not sent.
    @discardableResult
    public func execute(_ sql: String) throws -> QueryResult {
        try result(of: pq.exec(connection, sql))
    }

    /// Runs one statement with `$1`, `$2`, … bound to `parameters` as text (NULL for nil): values never pass
    /// through SQL text.
    @discardableResult
    public func query(_ sql: String, _ parameters: [String?]) throws -> QueryResult {
        let copies = parameters.map { $0.map { strdup($0) } ?? nil }
        defer { copies.forEach { free($0) } }
        let values = copies.map { UnsafePointer($0) }
        let handle = values.withUnsafeBufferPointer { buffer in
            pq.execParams(connection, sql, Int32(parameters.count), nil, buffer.baseAddress, nil, nil, 0)
        }
        return try result(of: handle)
    }

    private func result(of handle: LibPQ.Result?) throws -> QueryResult {
        guard let handle else {
            let reason = pq.errorMessage(connection).map { String(cString: $0) } ?? "no result"
            throw DatabaseError(message: reason.trimming(.whitespacesAndNewlines))
        }
        defer { pq.clear(handle) }
        switch pq.resultStatus(handle) {
        case 0, 1, 2, 9: // empty query, command OK, tuples OK, single tuple
            break
        case 4: // COPY IN: refuse to send data, then read the error it causes.
            _ = pq.putCopyEnd(connection, "schemalint does not send COPY data")
            while let next = pq.getResult(connection) { pq.clear(next) }
            throw DatabaseError(message: "COPY … FROM STDIN needs data that the migration file does not send to the server")
        default:
            func field(_ code: Character) -> String? {
                pq.resultErrorField(handle, Int32(code.asciiValue!)).map { String(cString: $0) }
            }
            let message = field("M") ?? pq.resultErrorMessage(handle).map { String(cString: $0) } ?? "unknown error"
            throw DatabaseError(message: message.trimming(.whitespacesAndNewlines), sqlState: field("C"), detail: field("D"),
                                hint: field("H"), position: field("P").flatMap { Int($0) })
        }
        let columnCount = pq.nfields(handle), rowCount = pq.ntuples(handle)
        let columns = (0..<columnCount).map { pq.fname(handle, $0).map { String(cString: $0) } ?? "" }
        let rows = (0..<rowCount).map { row in
            (0..<columnCount).map { column -> String? in
                pq.getisnull(handle, row, column) != 0 ? nil : pq.getvalue(handle, row, column).map { String(cString: $0) }
            }
        }
        return QueryResult(columns: columns, rows: rows,
                           commandTag: pq.cmdStatus(handle).map { String(cString: $0) } ?? "")
    }
}

private final class NoticeBox {
    var notices: [String] = []
}

/// Connection strings as they may be shown: the password replaced in both spellings libpq takes.
public enum DatabaseURL {
    public static func redacted(_ connectionString: String) -> String {
        if let scheme = connectionString.firstRange(of: "://") {
            // postgres://user:password@host/db — the password is between the first ':' after the scheme and the '@'.
            let rest = connectionString[scheme.upperBound...]
            guard let at = rest.firstIndex(of: "@"),
                  let colon = rest[..<at].firstIndex(of: ":") else { return redactingQuery(connectionString) }
            return redactingQuery(String(connectionString[..<rest.index(after: colon)]) + "***" + String(rest[at...]))
        }
        // key=value form: password=secret or password='se cret'
        var result = ""
        var scanner = Substring(connectionString)
        while let range = scanner.firstRange(of: "password") {
            result += scanner[..<range.upperBound]
            scanner = scanner[range.upperBound...]
            let afterSpaces = scanner.drop { $0 == " " }
            guard afterSpaces.first == "=" else { continue }
            result += scanner[..<afterSpaces.startIndex] + "="
            var value = afterSpaces.dropFirst().drop { $0 == " " }
            if value.first == "'" {
                value = value.dropFirst()
                while let c = value.first, c != "'" { value = value.dropFirst(c == "\\" ? 2 : 1) }
                value = value.dropFirst()
            } else {
                value = value.drop { $0 != " " }
            }
            result += "***"
            scanner = value
        }
        return result + scanner
    }

    /// `?password=…` in a URL's query string.
    private static func redactingQuery(_ url: String) -> String {
        guard let range = url.firstRange(of: "password=") else { return url }
        let end = url[range.upperBound...].firstIndex(of: "&") ?? url.endIndex
        return String(url[..<range.upperBound]) + "***" + String(url[end...])
    }
}
