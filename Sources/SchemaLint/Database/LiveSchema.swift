import FoundationEssentials

/// A database linted live (`--database-url`): one session for its server version and its tables' sizes, and its
/// schema as `pg_dump --schema-only` writes it. The dump is a source file named by the URL without its password,
/// so findings in it say where they come from and reporters show the object's DDL instead of a file position.
public final class LiveDatabase {
    /// The connection string as it may be shown: the password replaced (`postgres://app:***@db/app`).
    public let shownAs: String
    private let connectionString: String
    let connection: PostgresConnection

    public init(connectionString: String) throws {
        self.connectionString = connectionString
        shownAs = DatabaseURL.redacted(connectionString)
        connection = try PostgresConnection(connectionString)
    }

    /// The schema's DDL, read by the pg_dump that matches the server.
    public func schema() throws -> SourceFile {
        SourceFile(path: shownAs, bytes: try PgDump.schema(of: connectionString, serverVersion: connection.serverVersion))
    }
}
