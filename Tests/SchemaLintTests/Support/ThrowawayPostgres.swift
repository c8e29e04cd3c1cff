import Foundation
import Testing

/// A PostgreSQL cluster for one test run: `initdb` into a temporary folder, listening only on a Unix socket
/// there, removed by `stop()`. As root the server runs as the `postgres` user (PostgreSQL refuses root).
final class ThrowawayPostgres {
    struct Unavailable: Error { var reason: String }
    struct Failure: Error, CustomStringConvertible { var description: String }

    let root: URL
    let bin: URL
    let runAs: String?
    private var running = false

    private init(root: URL, bin: URL, runAs: String?) {
        self.root = root
        self.bin = bin
        self.runAs = runAs
    }

    var dataDirectory: URL { root.appendingPathComponent("data") }

    /// Finds the PostgreSQL binaries (`SCHEMALINT_PG_BIN`, Debian's /usr/lib/postgresql/<n>/bin, `pg_config
    /// --bindir`, PATH), then creates and starts a cluster. Throws `Unavailable` when there is no PostgreSQL.
    static func start() throws -> ThrowawayPostgres {
        guard let bin = findBinaries() else {
            throw Unavailable(reason: "no initdb/pg_ctl/psql found (looked in $SCHEMALINT_PG_BIN, /usr/lib/postgresql/*/bin, pg_config --bindir, PATH)")
        }
        let isRoot = getuid() == 0
        if isRoot, getpwnam("postgres") == nil {
            throw Unavailable(reason: "running as root and there is no `postgres` user to run the server as")
        }
        let fm = FileManager.default
        let root = URL(fileURLWithPath: "/tmp").appendingPathComponent("schemalint-pg-\(UUID().uuidString.prefix(8))")
        try fm.createDirectory(at: root, withIntermediateDirectories: true)
        let server = ThrowawayPostgres(root: root, bin: bin, runAs: isRoot ? "postgres" : nil)
        if isRoot { try fm.setAttributes([.ownerAccountName: "postgres"], ofItemAtPath: root.path) }
        do {
            _ = try server.serverCommand("initdb", ["-D", server.dataDirectory.path, "-U", "postgres", "--auth=trust", "-E", "UTF8",
                                                "--locale=C", "-N"]).get()
            _ = try server.serverCommand("pg_ctl", ["-D", server.dataDirectory.path, "-l", root.appendingPathComponent("server.log").path,
                                                "-o", "-k \(root.path) -c listen_addresses='' -c fsync=off", "-w", "-t", "60",
                                                "start"]).get()
            server.running = true
            // If the test process dies before `stop()` (killed, crashed, timed out), a watchdog stops the cluster.
            let stop = (server.runAs.map { "/usr/sbin/runuser -u \($0) -- " } ?? "")
                + "'\(bin.appendingPathComponent("pg_ctl").path)' -D '\(server.dataDirectory.path)' -m immediate stop"
            _ = execute("/bin/sh", ["-c", "while kill -0 \(getpid()) 2>/dev/null; do sleep 2; done; \(stop); rm -rf '\(root.path)'"],
                        runAs: nil, wait: false)
        } catch {
            server.stop()
            let log = (try? String(contentsOf: root.appendingPathComponent("server.log"), encoding: .utf8)) ?? ""
            Issue.record("PostgreSQL is installed (\(bin.path)) but the test cluster did not start: \(error)\n\(log)")
            throw Unavailable(reason: "the cluster did not start: \(error)")
        }
        return server
    }

    /// A started cluster, or nil with a loud note and a recorded failure when there is no PostgreSQL to start:
    /// what `checking` names (suggested fixes, the security rules' claims) was then never checked, so the test fails.
    static func startOrFail(checking what: String = "suggested fixes") -> ThrowawayPostgres? {
        do {
            return try start()
        } catch {
            let reason = (error as? Unavailable)?.reason ?? "\(error)"
            let message = """

                ************************************************************************************************
                FAILED: \(what) were NOT checked against PostgreSQL: \(reason)
                Install it (`scripts/install-deps` installs postgresql) to run this test.
                ************************************************************************************************

                """
            FileHandle.standardError.write(Data(message.utf8))
            print(message)
            // SQL that was never run is not checked: the test fails rather than passing with a banner.
            Issue.record("PostgreSQL 15 is required to check \(what) but is unavailable: \(reason)")
            return nil
        }
    }

    /// Runs `setup`, then `sql`, in a new database of that name, in one psql session (autocommit, so that
    /// CONCURRENTLY works), and drops the database afterwards.
    func runInFreshDatabase(_ database: String, setup: String, sql: String) -> Result<String, Failure> {
        // FILE_COPY: copying template1's files is quicker than WAL-logging them for a database this small.
        let script = "CREATE DATABASE \(database) STRATEGY = FILE_COPY;\n\\connect \(database)\n\(setup)\n\(sql)\n"
            + "\\connect postgres\nDROP DATABASE \(database);\n"
        let result = run(script, database: "postgres")
        if case .failure = result { _ = run("DROP DATABASE IF EXISTS \(database);", database: "postgres") }
        return result
    }

    /// Runs SQL through psql with ON_ERROR_STOP, as `user` (a role that can log in); the failure carries psql's
    /// output. `tuplesOnly` prints bare values, one row a line (`psql -At`).
    func run(_ sql: String, database: String, user: String = "postgres", tuplesOnly: Bool = false) -> Result<String, Failure> {
        let file = root.appendingPathComponent("input-\(UUID().uuidString).sql")
        do { try Data(sql.utf8).write(to: file) } catch { return .failure(Failure(description: "\(error)")) }
        defer { try? FileManager.default.removeItem(at: file) }
        return Self.execute(bin.appendingPathComponent("psql").path,
                            ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", root.path, "-U", user, "-d", database, "-f", file.path]
                                + (tuplesOnly ? ["-At"] : []),
                            runAs: nil)
    }

    func stop() {
        if running {
            _ = serverCommand("pg_ctl", ["-D", dataDirectory.path, "-m", "immediate", "-w", "stop"])
            running = false
        }
        try? FileManager.default.removeItem(at: root)
    }

    deinit { stop() }

    private func serverCommand(_ tool: String, _ arguments: [String]) -> Result<String, Failure> {
        Self.execute(bin.appendingPathComponent(tool).path, arguments, runAs: runAs)
    }

    /// Runs a program and waits for it, output and errors to a file. Spawned with every inherited descriptor
    /// above stderr closed: pg_ctl leaves the server running in the background, and a server holding one of the
    /// test process's descriptors would keep Foundation's `Process` (and the test runner) waiting forever.
    private static func execute(_ path: String, _ arguments: [String], runAs user: String?,
                                wait: Bool = true) -> Result<String, Failure> {
        let argv = (user.map { ["/usr/sbin/runuser", "-u", $0, "--", path] } ?? [path]) + arguments
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("pg-out-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // glibc 2.34+ has these, but Swift's Glibc module does not declare them: look them up.
        typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
        typealias ChangeDirectory = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32
        let library = dlopen(nil, RTLD_NOW)
        guard let closeFrom = dlsym(library, "posix_spawn_file_actions_addclosefrom_np") else {
            return .failure(Failure(description: "posix_spawn_file_actions_addclosefrom_np is missing (glibc < 2.34)"))
        }
        _ = unsafeBitCast(closeFrom, to: CloseFrom.self)(&actions, 3)
        if let changeDirectory = dlsym(library, "posix_spawn_file_actions_addchdir_np") {
            _ = unsafeBitCast(changeDirectory, to: ChangeDirectory.self)(&actions, "/tmp")
        }
        var cArguments = argv.map { strdup($0) } + [nil]
        defer { for pointer in cArguments { free(pointer) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, argv[0], &actions, nil, &cArguments, environ)
        guard spawned == 0 else {
            return .failure(Failure(description: "cannot run \(argv[0]): \(String(cString: strerror(spawned)))"))
        }
        guard wait else { return .success("") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        // Exited normally with code 0.
        let succeeded = status & 0x7f == 0 && (status >> 8) & 0xff == 0
        return succeeded ? .success(text)
            : .failure(Failure(description: "\((path as NSString).lastPathComponent) failed (status \(status)):\n\(text)"))
    }

    private static func findBinaries() -> URL? {
        let fm = FileManager.default
        func usable(_ dir: URL) -> Bool {
            ["initdb", "pg_ctl", "psql"].allSatisfy { fm.isExecutableFile(atPath: dir.appendingPathComponent($0).path) }
        }
        var candidates: [URL] = []
        if let override = ProcessInfo.processInfo.environment["SCHEMALINT_PG_BIN"], !override.isEmpty {
            candidates.append(URL(fileURLWithPath: override))
        }
        let debian = URL(fileURLWithPath: "/usr/lib/postgresql")
        let versions = ((try? fm.contentsOfDirectory(atPath: debian.path)) ?? []).compactMap(Int.init).sorted(by: >)
        candidates += versions.map { debian.appendingPathComponent("\($0)/bin") }
        if fm.isExecutableFile(atPath: "/usr/bin/pg_config"),
           case .success(let out) = execute("/usr/bin/pg_config", ["--bindir"], runAs: nil) {
            candidates.append(URL(fileURLWithPath: out.trimmingCharacters(in: .whitespacesAndNewlines)))
        }
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            candidates.append(URL(fileURLWithPath: String(dir)))
        }
        return candidates.first(where: usable)
    }
}
