/// One migration as the linter replays it: a file, or the part of one file that is one migration or its
/// rollback. A unit is its own `SourceFile` with the original's path and byte length, every byte outside the
/// unit blanked (newlines kept), so positions are the original ones, and "new in this file" and the session's
/// reset at a file boundary mean "in this migration".
public struct MigrationUnit: Sendable {
    public enum Role: Sendable, Equatable {
        /// Runs forward: replayed into the model and linted.
        case forward
        /// Down, undo or revert code: neither replayed nor linted, unless rollbacks are linted on their own.
        case rollback
    }

    public var file: SourceFile
    public var role: Role
    /// Replayed to build the model, never reported (`--changed-since`: a migration that did not change).
    public var replayOnly = false

    public init(file: SourceFile, role: Role, replayOnly: Bool = false) {
        self.file = file
        self.role = role
        self.replayOnly = replayOnly
    }

    /// A copy of `file` in which only `ranges` remain; the original itself when they cover it all.
    static func masked(_ file: SourceFile, keeping ranges: [Range<Int>]) -> SourceFile {
        let kept = ranges.reduce(0) { $0 + $1.count }
        if kept == file.bytes.count { return file }
        var bytes = file.bytes
        var keep = [Bool](repeating: false, count: bytes.count)
        for range in ranges { for i in range.clamped(to: 0..<bytes.count) { keep[i] = true } }
        for i in bytes.indices where !keep[i] && bytes[i] != UInt8(ascii: "\n") && bytes[i] != UInt8(ascii: "\r") {
            bytes[i] = UInt8(ascii: " ")
        }
        return SourceFile(path: file.path, bytes: bytes)
    }

    /// Cuts a file into its units by its section markers: the forward migrations in order, then (if it has any)
    /// one rollback unit with every down section. A file without markers is one forward unit. `downSections`
    /// counts the down sections found.
    static func units(of file: SourceFile, markers kind: SectionMarkers?) -> (units: [MigrationUnit], downSections: Int) {
        guard let kind else { return ([MigrationUnit(file: file, role: .forward)], 0) }
        let markers = kind.markers(in: file.bytes)
        guard let first = markers.first else { return ([MigrationUnit(file: file, role: .forward)], 0) }
        let header = 0..<first.offset
        var migrations: [[Range<Int>]] = [[header]]
        var down: [Range<Int>] = kind.headerIsShared ? [header] : []
        var downSections = 0
        var startedForward = false
        for (i, (offset, marker)) in markers.enumerated() {
            let end = i + 1 < markers.count ? markers[i + 1].offset : file.bytes.count
            switch marker {
            case .up(let newMigration):
                if newMigration, startedForward { migrations.append(kind.headerIsShared ? [header] : []) }
                migrations[migrations.count - 1].append(offset..<end)
                startedForward = true
            case .down:
                down.append(offset..<end)
                downSections += 1
            }
        }
        var units = migrations.map { MigrationUnit(file: masked(file, keeping: $0), role: .forward) }
        if downSections > 0 { units.append(MigrationUnit(file: masked(file, keeping: down), role: .rollback)) }
        return (units, downSections)
    }
}
