#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A copy of the user's database to trace in (`CREATE DATABASE … TEMPLATE`), dropped afterwards: the original is
/// never changed. PostgreSQL copies a template only while no one else is connected to it.
public final class ScratchDatabase {
    public let name: String
    public let connectionString: String
    private let maintenance: String
    private var dropped = false

    /// Reads the database `url` names, then copies it from the `postgres` maintenance database.
    public init(copying url: String) throws {
        let original: String
        do {
            let probe = try PostgresConnection(url)
            original = try probe.execute("SELECT current_database()").rows.first?[0] ?? "postgres"
        }
        name = "schemalint_trace_\(getpid())_\(UInt32.random(in: 0...UInt32.max))"
        maintenance = DatabaseURL.replacingDatabase(in: url, with: original == "postgres" ? "template1" : "postgres")
        connectionString = DatabaseURL.replacingDatabase(in: url, with: name)
        let admin = try PostgresConnection(maintenance)
        do {
            try admin.execute("CREATE DATABASE \(SQLText.ident(name)) TEMPLATE \(SQLText.ident(original))")
        } catch let error as DatabaseError {
            var error = error
            error.message = "cannot copy database \"\(original)\" to trace in it: " + error.message
            throw error
        }
    }

    deinit { drop() }

    public func drop() {
        guard !dropped else { return }
        dropped = true
        _ = try? PostgresConnection(maintenance).execute("DROP DATABASE IF EXISTS \(SQLText.ident(name)) WITH (FORCE)")
    }
}

extension DatabaseURL {
    /// The same connection with another database: the URL's path replaced, or `dbname=` added (libpq takes the
    /// last value of a key).
    public static func replacingDatabase(in connectionString: String, with database: String) -> String {
        guard let scheme = connectionString.firstRange(of: "://") else {
            return connectionString + " dbname='\(database.replacing("\\", with: "\\\\").replacing("'", with: "\\'"))'"
        }
        let rest = connectionString[scheme.upperBound...]
        let queryStart = rest.firstIndex(of: "?") ?? rest.endIndex
        // The authority ends at the first '/' after the last '@' (a password may hold a '/').
        let authorityStart = rest[..<queryStart].lastIndex(of: "@").map { rest.index(after: $0) } ?? rest.startIndex
        let pathStart = rest[authorityStart..<queryStart].firstIndex(of: "/") ?? queryStart
        let encoded = database.utf8.map { byte -> String in
            let c = Character(Unicode.Scalar(byte))
            return c.isLetter && byte < 128 || c.isNumber && byte < 128 || c == "_" || c == "-" || c == "." ? String(c)
                : "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
        }.joined()
        return String(connectionString[..<pathStart]) + "/" + encoded + String(rest[queryStart...])
    }
}
