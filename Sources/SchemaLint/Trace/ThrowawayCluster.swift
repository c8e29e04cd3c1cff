import FoundationEssentials
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A PostgreSQL cluster that lives for one trace: `initdb` into a private temporary folder, `pg_ctl start`
/// listening on a Unix socket in that folder only (no TCP), removed by `stop()`. As root the server runs as the
/// `postgres` user, since PostgreSQL refuses to run as root.
public final class ThrowawayCluster {
    public let folder: String
    public let binaries: String
    private let runAs: String?
    private var running = false

    /// The connection string of the cluster's `postgres` database.
    public var connectionString: String { "host=\(folder) port=5432 dbname=postgres user=postgres" }

    /// Debian's PostgreSQL 15 server binaries first (the grammar schemalint reads), then any other installed version.
    public static func findBinaries() -> String? {
        var candidates = ["/usr/lib/postgresql/15/bin"]
        if let override = ProcessInfo.processInfo.environment["SCHEMALINT_PG_BIN"], !override.isEmpty { candidates.insert(override, at: 0) }
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? [])
            .compactMap(Int.init).sorted(by: >)
        candidates += versions.map { "/usr/lib/postgresql/\($0)/bin" }
        return candidates.first { dir in ["initdb", "pg_ctl"].allSatisfy { access("\(dir)/\($0)", X_OK) == 0 } }
    }

    /// Creates and starts the cluster; throws with the server's log when it cannot.
    public init() throws {
        guard let binaries = Self.findBinaries() else {
            throw DatabaseError(message: "no PostgreSQL server found to start a throwaway cluster (looked in /usr/lib/postgresql/*/bin); "
                + "install it with `apt-get install postgresql-15`, or give --database-url")
        }
        self.binaries = binaries
        let isRoot = getuid() == 0
        if isRoot, getpwnam("postgres") == nil {
            throw DatabaseError(message: "running as root and there is no `postgres` user to run the throwaway cluster as")
        }
        runAs = isRoot ? "postgres" : nil
        var template = Array("/tmp/schemalint-trace-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw DatabaseError(message: "cannot create a temporary folder: \(String(cString: strerror(errno)))") }
        folder = String(cString: made)
        if let runAs, let user = getpwnam(runAs) { _ = chown(folder, user.pointee.pw_uid, user.pointee.pw_gid) }
        do {
            try command("initdb", ["-D", "\(folder)/data", "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C", "-N"])
            try command("pg_ctl", ["-D", "\(folder)/data", "-l", "\(folder)/server.log", "-w", "-t", "60",
                                   "-o", "-k \(folder) -c listen_addresses='' -c fsync=off", "start"])
            running = true
        } catch {
            let log = (try? String(contentsOfFile: "\(folder)/server.log", encoding: .utf8)) ?? ""
            stop()
            throw DatabaseError(message: "the throwaway PostgreSQL cluster did not start: \(error)" + (log.isEmpty ? "" : "\n" + log))
        }
    }

    deinit { stop() }

    /// Stops the server (immediately: nothing in it is kept) and removes the folder.
    public func stop() {
        if running {
            _ = try? command("pg_ctl", ["-D", "\(folder)/data", "-m", "immediate", "-w", "stop"])
            running = false
        }
        _ = try? FileManager.default.removeItem(atPath: folder)
    }

    /// Runs a server tool (as `postgres` when root), its output to a log in the folder. Every inherited descriptor
    /// above stderr is closed in the child: the server pg_ctl leaves running must not hold the caller's pipes.
    private func command(_ tool: String, _ arguments: [String]) throws {
        let path = "\(binaries)/\(tool)"
        let argv = (runAs.map { ["/usr/sbin/runuser", "-u", $0, "--", path] } ?? [path]) + arguments
        let log = "\(folder)/\(tool).log"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // glibc 2.34+ has these, but Swift's Glibc module does not declare them.
        typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
        typealias ChangeDirectory = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32
        let library = dlopen(nil, RTLD_NOW)
        if let closeFrom = dlsym(library, "posix_spawn_file_actions_addclosefrom_np") {
            _ = unsafeBitCast(closeFrom, to: CloseFrom.self)(&actions, 3)
        }
        // The postgres user may not be able to enter the caller's working directory.
        if let changeDirectory = dlsym(library, "posix_spawn_file_actions_addchdir_np") {
            _ = unsafeBitCast(changeDirectory, to: ChangeDirectory.self)(&actions, "/tmp")
        }
        let cArguments = argv.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, argv[0], &actions, nil, cArguments, environ)
        guard spawned == 0 else { throw DatabaseError(message: "cannot run \(argv[0]): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        guard status & 0x7f == 0, (status >> 8) & 0xff == 0 else {
            let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            throw DatabaseError(message: "\(tool) failed (status \(status)): \(output.trimming(.whitespacesAndNewlines))")
        }
    }
}
