/// What a finding's message says PostgreSQL will do, read from its words. The wording is the claim a user reads
/// ("takes a SHARE lock on "walk"", "rewrites the table"), so the trace checks exactly that, for every rule alike.
public struct FindingClaims: Sendable, Equatable {
    /// What a claimed lock or rewrite is on.
    public enum Target: Sendable, Hashable, CustomStringConvertible {
        /// `"walk"` or `"app.walk"`: the schema when the message names one.
        case relation(schema: String?, name: String)
        /// `the table of index "walk_owner_id_idx"`: the index was never seen by the lint.
        case tableOfIndex(String)
        /// `each index it rebuilds` (REINDEX).
        case rebuiltIndexes
        /// `every table of the database` (VACUUM FULL without a table list).
        case everyTable

        public var description: String {
            switch self {
            case .relation(let schema, let name): "\"\(schema.map { "\($0)." } ?? "")\(name)\""
            case .tableOfIndex(let index): "the table of index \"\(index)\""
            case .rebuiltIndexes: "each index it rebuilds"
            case .everyTable: "every table"
            }
        }
    }

    public struct Lock: Sendable, Equatable {
        public var mode: LockMode
        public var target: Target
        /// "the ACCESS EXCLUSIVE lock on "walk" taken earlier … is still held": a lock an earlier statement took,
        /// which must still be held; otherwise the statement takes it ("takes an … lock").
        public var heldFromEarlier: Bool
    }

    public var locks: [Lock] = []
    public var rewrites: [Target] = []
    /// "rewrites the table … unless the session's TimeZone is UTC": a rewrite PostgreSQL skips under a condition the
    /// lint cannot see. Not checked, but it names the rewrite when one happens.
    public var possibleRewrites: [Target] = []
    /// "… the migration fails here", "fails as soon as the table has a row".
    public var fails = false

    public var isEmpty: Bool { locks.isEmpty && rewrites.isEmpty && possibleRewrites.isEmpty && !fails }

    /// Modes longest name first, so `SHARE ROW EXCLUSIVE` is read before `EXCLUSIVE` and `SHARE`.
    private static let modes: [LockMode] = (0...7).compactMap(LockMode.init(rawValue:))
        .sorted { $0.description.count > $1.description.count }

    /// `object` (`public.walk.token`) names the table when the message names none (`queues again for an ACCESS
    /// EXCLUSIVE lock`).
    public init(message: String, object: String?) {
        let text = Array(message)
        let objectTable = object.flatMap(Self.table(ofObject:))
        var i = 0
        while let found = Self.find(Array(" lock"), in: text, from: i) {
            i = found + 5
            guard let mode = Self.modes.first(where: { Self.endsWith(text, at: found, Array($0.description)) }) else { continue }
            let before = String(text[..<(found - mode.description.count)]).split(separator: " ").last.map(String.init) ?? ""
            let held = before == "the" || before.hasSuffix("'s")
            guard held || before == "a" || before == "an" else { continue }
            var targets: [Target] = []
            if Self.startsWith(text, at: i, Array(" on ")) { targets = Self.targets(text, from: i + 4) }
            else if let objectTable { targets = [objectTable] }
            locks += targets.map { Lock(mode: mode, target: $0, heldFromEarlier: held) }
        }
        // "rewrites the whole table", "rewrites the table and its indexes", "it rewrites the table"; not the hedged
        // "rewrites or scans the table again where an action needs that".
        if let found = Self.find(Array("rewrites the"), in: text, from: 0) {
            let named = locks.filter { !$0.heldFromEarlier }.map(\.target).filter { $0 != .rebuiltIndexes }
            let rest = text[(found + 12)...]
            // "rewrites the tables and their indexes, and takes … on "walk", "hike"": every table locked.
            let plural = rest.starts(with: " tables")
            let targets = named.isEmpty ? objectTable.map { [$0] } ?? [] : plural ? named : [named[0]]
            // "rewrites the table … unless the session's TimeZone is UTC, and …": hedged within its clause.
            let clause = Array(rest.prefix { $0 != "," })
            if Self.find(Array(" unless "), in: clause, from: 0) != nil { possibleRewrites = targets } else { rewrites = targets }
        }
        fails = message.contains(" fails ") || message.hasSuffix(" fails")
    }

    /// `"walk"`, `"walk", "hike"`, `the table of index "x"`, `each index it rebuilds`, `every table of the database`.
    private static func targets(_ text: [Character], from start: Int) -> [Target] {
        if startsWith(text, at: start, Array("each index it rebuilds")) { return [.rebuiltIndexes] }
        if startsWith(text, at: start, Array("every table of the database")) { return [.everyTable] }
        if startsWith(text, at: start, Array("the table of index \"")) {
            let nameStart = start + 20
            guard let end = text[nameStart...].firstIndex(of: "\"") else { return [] }
            return [.tableOfIndex(String(text[nameStart..<end]))]
        }
        var result: [Target] = []
        var at = start
        while at < text.count, text[at] == "\"", let end = text[(at + 1)...].firstIndex(of: "\"") {
            let quoted = String(text[(at + 1)..<end])
            if let dot = quoted.firstIndex(of: ".") {
                result.append(.relation(schema: String(quoted[..<dot]), name: String(quoted[quoted.index(after: dot)...])))
            } else {
                result.append(.relation(schema: nil, name: quoted))
            }
            at = end + 1
            guard startsWith(text, at: at, Array(", \"")) else { break }
            at += 2
        }
        return result
    }

    /// `public.walk.token` → the table `public.walk`.
    static func table(ofObject object: String) -> Target? {
        let parts = object.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 2 else { return nil }
        return .relation(schema: parts[0], name: parts[1])
    }

    private static func find(_ needle: [Character], in text: [Character], from start: Int) -> Int? {
        guard needle.count <= text.count else { return nil }
        var i = start
        while i + needle.count <= text.count {
            if startsWith(text, at: i, needle) { return i }
            i += 1
        }
        return nil
    }

    private static func startsWith(_ text: [Character], at i: Int, _ prefix: [Character]) -> Bool {
        i >= 0 && i + prefix.count <= text.count && Array(text[i..<(i + prefix.count)]) == prefix
    }

    /// Whether `word` ends at `end` and starts after a space.
    private static func endsWith(_ text: [Character], at end: Int, _ word: [Character]) -> Bool {
        let start = end - word.count
        return start >= 1 && text[start - 1] == " " && startsWith(text, at: start, word)
    }
}
