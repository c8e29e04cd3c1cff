/// The comment lines with which a tool cuts one file into sections: goose's `-- +goose Up` / `Down`, dbmate's
/// `-- migrate:up` / `down`, and the `-- Running upgrade A -> B` line Alembic writes before each revision of its
/// offline (`--sql`) output. They are found by reading lines, not the parse tree: they are comments to PostgreSQL.
public enum SectionMarkers: CaseIterable, Sendable {
    case goose, dbmate, alembic

    public enum Marker: Equatable, Sendable {
        /// Forward code starts; `newMigration` when it also starts a migration of its own (an Alembic revision).
        case up(newMigration: Bool)
        /// Rollback code starts.
        case down
    }

    public var layout: MigrationLayout {
        switch self {
        case .goose: .goose
        case .dbmate: .dbmate
        case .alembic: .alembic
        }
    }

    /// Whether the bytes before the first marker belong to every section (goose's `NO TRANSACTION` and dbmate's
    /// options apply to both directions) or only to the first migration (Alembic's `BEGIN;` and `alembic_version`).
    var headerIsShared: Bool { self != .alembic }

    /// What a line marks. `text` is the comment's text after `--`, trimmed.
    func marker(commentText text: Substring) -> Marker? {
        let lower = text.lowercased()
        func word(_ prefix: String) -> Bool {
            guard lower.hasPrefix(prefix) else { return false }
            let rest = lower.dropFirst(prefix.count)
            return rest.isEmpty || rest.first == " " || rest.first == "\t"
        }
        switch self {
        case .goose:
            if word("+goose up") { return .up(newMigration: false) }
            if word("+goose down") { return .down }
        case .dbmate:
            if word("migrate:up") { return .up(newMigration: false) }
            if word("migrate:down") { return .down }
        case .alembic:
            // Exact case: Alembic writes these lines itself.
            if text.hasPrefix("Running upgrade "), text.contains("->") { return .up(newMigration: true) }
            if text.hasPrefix("Running downgrade "), text.contains("->") { return .down }
        }
        return nil
    }

    /// The markers in a file, with the byte offset of the start of each marker's line; empty when it has none.
    public func markers(in bytes: [UInt8]) -> [(offset: Int, marker: Marker)] {
        var found: [(Int, Marker)] = []
        Self.forEachCandidate(in: bytes) { lineStart, text in
            if let marker = marker(commentText: text) { found.append((lineStart, marker)) }
            return true
        }
        return found
    }

    /// The kind whose markers a file carries (the first marker line decides), nil for a file without any.
    public static func detect(in bytes: [UInt8]) -> SectionMarkers? {
        var kind: SectionMarkers?
        forEachCandidate(in: bytes) { _, text in
            kind = allCases.first { $0.marker(commentText: text) != nil }
            return kind == nil
        }
        return kind
    }

    /// Calls `body` with each line's start and its `--` comment's trimmed text, for the lines that could be a marker:
    /// those whose text starts with `+`, `m` or `R`. Every other line is passed over on its bytes, without making a
    /// string (most lines of a big dump are not comments at all). `body` returns false to stop.
    private static func forEachCandidate(in bytes: [UInt8], _ body: (Int, Substring) -> Bool) {
        bytes.withUnsafeBufferPointer { buffer in
            let count = buffer.count
            var lineStart = 0
            while lineStart < count {
                let end = buffer.index(of: UInt8(ascii: "\n"), from: lineStart) ?? count
                var i = lineStart
                while i < end, isBlank(buffer[i]) { i += 1 }
                if i + 1 < end, buffer[i] == UInt8(ascii: "-"), buffer[i + 1] == UInt8(ascii: "-") {
                    var start = i + 2, stop = end
                    while start < stop, isBlank(buffer[start]) { start += 1 }
                    while stop > start, isBlank(buffer[stop - 1]) { stop -= 1 }
                    if start < stop, [UInt8(ascii: "+"), UInt8(ascii: "m"), UInt8(ascii: "M"), UInt8(ascii: "R")]
                        .contains(buffer[start]) {
                        let text = String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<stop]), as: UTF8.self)
                        if !body(lineStart, Substring(text)) { return }
                    }
                }
                lineStart = end + 1
            }
        }
    }

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r") || byte == 0x0B
            || byte == 0x0C
    }
}
