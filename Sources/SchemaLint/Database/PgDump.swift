import FoundationEssentials

/// PostgreSQL's own `pg_dump --schema-only`: the exact, maintained source of a live schema's DDL. pg_dump refuses
/// a server newer than itself, so the one chosen matches the server's major version, or is the oldest newer one.
public enum PgDump {
    /// A pg_dump found on this machine and the major version it reports.
    public struct Program: Equatable, Sendable {
        public var path: String
        public var major: Int

        public init(path: String, major: Int) {
            self.path = path
            self.major = major
        }
    }

    /// The major version of a `PQserverVersion` number: 150018 → 15, 90624 → 9.
    public static func major(ofServerVersion version: Int) -> Int { version / 10000 }

    /// `pg_dump (PostgreSQL) 15.8 (Debian 15.8-1.pgdg120+1)` → 15.
    public static func major(ofVersionOutput output: String) -> Int? {
        guard let range = output.firstRange(of: "(PostgreSQL) ") else { return nil }
        let digits = output[range.upperBound...].prefix { $0.isNumber }
        return Int(digits)
    }

    /// The pg_dump to use for a server of major version `server`: the same major if there is one, else the oldest
    /// newer one (pg_dump dumps older servers). None newer: the error says so and names the package to install.
    public static func choose(forServer server: Int, from programs: [Program]) -> Result<Program, DatabaseError> {
        if let same = programs.first(where: { $0.major == server }) { return .success(same) }
        if let newer = programs.filter({ $0.major > server }).min(by: { $0.major < $1.major }) { return .success(newer) }
        let package = "postgresql-client-\(server)"
        guard let newest = programs.max(by: { $0.major < $1.major }) else {
            return .failure(DatabaseError(message: "pg_dump is not installed: --database-url reads the schema with it; "
                + "install \(package) (`apt-get install \(package)`)"))
        }
        return .failure(DatabaseError(message: "the server runs PostgreSQL \(server), newer than every pg_dump found "
            + "(the newest is \(newest.major), \(newest.path)), and pg_dump refuses to dump a newer server; "
            + "install \(package) (`apt-get install \(package)`)"))
    }

    /// Debian's per-version binaries (/usr/lib/postgresql/<n>/bin/pg_dump), then the pg_dump on PATH, each with the
    /// version it reports.
    static func installed() -> [Program] {
        var paths: [String] = []
        let debian = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: debian)) ?? []).compactMap(Int.init).sorted()
        paths += versions.map { "\(debian)/\($0)/bin/pg_dump" }.filter { FileManager.default.isExecutableFile(atPath: $0) }
        paths.append("pg_dump")
        return paths.compactMap { path in
            guard let output = try? Subprocess.run([path, "--version"]), output.status == 0,
                  let major = major(ofVersionOutput: String(decoding: output.standardOutput, as: UTF8.self)) else { return nil }
            return Program(path: path, major: major)
        }
    }

    /// The schema of the database at `connectionString`, as pg_dump writes it (owners left out: they are
    /// not part of the design, and differ between environments). Errors never show the password.
    static func schema(of connectionString: String, serverVersion: Int) throws -> [UInt8] {
        let program = try choose(forServer: major(ofServerVersion: serverVersion), from: installed()).get()
        // The connection goes in pg_dump's environment, never its arguments, where `ps` would show the password.
        let environment = try ConnectionEnvironment.variables(for: connectionString)
        let output: Subprocess.Output
        do {
            output = try Subprocess.run([program.path, "--schema-only", "--no-owner"], environment: environment)
        } catch {
            throw DatabaseError(message: "cannot run \(program.path): \(error)")
        }
        guard output.status == 0 else {
            let reason = String(decoding: output.standardError, as: UTF8.self)
            throw DatabaseError(message: "pg_dump failed on \(DatabaseURL.redacted(connectionString)): "
                + reason.trimming(.whitespacesAndNewlines))
        }
        return output.standardOutput
    }
}
