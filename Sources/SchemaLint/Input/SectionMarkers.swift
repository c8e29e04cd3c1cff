import Foundation

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
        var lineStart = 0
        while lineStart < bytes.count {
            var end = lineStart
            while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
            var i = lineStart
            while i < end, bytes[i] == UInt8(ascii: " ") || bytes[i] == UInt8(ascii: "\t") { i += 1 }
            if i + 1 < end, bytes[i] == UInt8(ascii: "-"), bytes[i + 1] == UInt8(ascii: "-") {
                let text = String(decoding: bytes[(i + 2)..<end], as: UTF8.self)
                    .trimmingCharacters(in: .whitespacesAndNewlines)
                if let marker = marker(commentText: Substring(text)) { found.append((lineStart, marker)) }
            }
            lineStart = end + 1
        }
        return found
    }

    /// The kind whose markers a file carries (the first marker line decides), nil for a file without any.
    public static func detect(in bytes: [UInt8]) -> SectionMarkers? {
        var best: (offset: Int, kind: SectionMarkers)?
        for kind in allCases {
            if let first = kind.markers(in: bytes).first, best.map({ first.offset < $0.offset }) ?? true {
                best = (first.offset, kind)
            }
        }
        return best?.kind
    }
}
