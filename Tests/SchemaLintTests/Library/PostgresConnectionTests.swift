import Foundation
import Testing
@testable import SchemaLint

/// The libpq session the database features use, on a real PostgreSQL 15: rows as text, parameters bound apart
/// from the SQL, the server's errors with SQLSTATE and position, notices collected instead of printed, and
/// connection strings shown without their password.
@Suite("PostgreSQL connection (libpq loaded at run time)", .serialized)
struct PostgresConnectionTests {
    @Test("Queries, parameters, errors, notices and transaction state")
    func session() throws {
        guard let server = ThrowawayPostgres.startOrFail(checking: "the libpq session") else { return }
        defer { server.stop() }
        let connection = try PostgresConnection("host=\(server.root.path) user=postgres dbname=postgres")
        #expect(connection.serverVersion / 10000 == 15)
        #expect(connection.backendPID > 0)

        let rows = try connection.execute("SELECT 1 AS one, NULL::text AS nothing, 'é漢😀' AS text")
        #expect(rows.columns == ["one", "nothing", "text"])
        #expect(rows.rows == [["1", nil, "é漢😀"]])
        #expect(rows.commandTag == "SELECT 1")
        #expect(rows.value(0, "text") == "é漢😀")

        let bound = try connection.query("SELECT $1::text || '!' AS shout, $2::int IS NULL AS missing", ["'; DROP TABLE x; --", nil])
        #expect(bound.rows == [["'; DROP TABLE x; --!", "t"]])

        #expect(connection.transactionState == .idle)
        try connection.execute("BEGIN")
        #expect(connection.transactionState == .inTransaction)
        do {
            try connection.execute("SELECT * FROM no_such_table")
            Issue.record("a missing table did not fail")
        } catch let error as DatabaseError {
            #expect(error.sqlState == "42P01")
            #expect(error.message == "relation \"no_such_table\" does not exist")
            #expect(error.position == 15)
        }
        #expect(connection.transactionState == .failedTransaction)
        try connection.execute("ROLLBACK")

        try connection.execute("CREATE TABLE IF NOT EXISTS t (id int)")
        _ = connection.takeNotices()
        try connection.execute("CREATE TABLE IF NOT EXISTS t (id int)")
        #expect(connection.takeNotices() == ["NOTICE:  relation \"t\" already exists, skipping"])
        #expect(connection.takeNotices().isEmpty)

        do {
            try connection.execute("COPY t FROM STDIN")
            Issue.record("COPY FROM STDIN did not fail")
        } catch let error as DatabaseError {
            #expect(error.message.contains("COPY"))
        }
        // The session is usable after the refused COPY.
        #expect(try connection.execute("SELECT count(*) FROM t").rows == [["0"]])
    }

    @Test("A failed connection says why and never shows the password")
    func failedConnection() {
        do {
            _ = try PostgresConnection("postgresql://walker:s3cret@127.0.0.1:1/nowhere?connect_timeout=2")
            Issue.record("connected to port 1")
        } catch {
            let text = "\(error)"
            #expect(text.contains("cannot connect to postgresql://walker:***@127.0.0.1:1/nowhere"))
            #expect(!text.contains("s3cret"))
        }
    }

    @Test("Passwords are redacted in URLs and key=value strings", arguments: [
        ("postgres://u:p@h/db", "postgres://u:***@h/db"),
        ("postgres://u@h/db?password=p&sslmode=require", "postgres://u@h/db?password=***&sslmode=require"),
        ("postgres://h/db", "postgres://h/db"),
        ("host=h password=secret dbname=d", "host=h password=*** dbname=d"),
        ("host=h password = 'se cr\\'et' dbname=d", "host=h password =*** dbname=d"),
    ])
    func redaction(input: String, expected: String) {
        #expect(DatabaseURL.redacted(input) == expected)
    }
}
