/// A connection string as the environment variables libpq reads (`PGHOST`, `PGPASSWORD`, `PGSSLMODE`, …), parsed by
/// libpq itself (URLs and key=value strings alike). Child programs such as pg_dump get the connection this way, not as
/// an argument: any user can read another process's arguments (`ps`), but not its environment.
enum ConnectionEnvironment {
    static func variables(for connectionString: String) throws -> [String: String] {
        let pq = try LibPQ.shared()
        var message: UnsafeMutablePointer<CChar>?
        guard let options = pq.conninfoParse(connectionString, &message) else {
            let reason = message.map { String(cString: $0) } ?? "out of memory"
            pq.freemem(message)
            throw DatabaseError(message: "invalid connection string \(DatabaseURL.redacted(connectionString)): "
                + reason.trimming(.whitespacesAndNewlines))
        }
        defer { pq.conninfoFree(options) }
        // struct PQconninfoOption { char *keyword, *envvar, *compiled, *val, *label, *dispchar; int dispsize; }
        let pointer = MemoryLayout<UnsafePointer<CChar>?>.stride
        let stride = (6 * pointer + MemoryLayout<Int32>.size + pointer - 1) / pointer * pointer
        func field(_ option: UnsafeMutableRawPointer, _ index: Int) -> String? {
            option.load(fromByteOffset: index * pointer, as: UnsafePointer<CChar>?.self).map { String(cString: $0) }
        }
        var variables: [String: String] = [:]
        var option = options
        while field(option, 0) != nil {
            if let name = field(option, 1), let value = field(option, 3) { variables[name] = value }
            option += stride
        }
        return variables
    }
}
