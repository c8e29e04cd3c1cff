import FoundationEssentials

/// The migrations of one run in replay order, from every path on the command line, with what was set aside.
public struct MigrationRun: Sendable {
    /// Forward units in replay order; when rollbacks are linted, each rollback unit follows its migration.
    public var units: [MigrationUnit] = []
    /// Every file as read (whole, down code included), for quoting source lines.
    public var sources: [SourceFile] = []
    /// The layouts recognised, in the order of the paths that showed them.
    public var layouts: [MigrationLayout] = []
    public var setAside = SetAside()
    /// Rollback units are in `units`, to be linted on their own.
    public var lintsRollbacks = false

    public init() {}

    /// A run of plain files, each one forward unit (what the library did before layouts).
    public init(plainFiles files: [SourceFile]) {
        units = files.map { MigrationUnit(file: $0, role: .forward) }
        sources = files
    }

    /// `goose`, `flyway, dbmate`; `plain` when nothing was recognised.
    public var layoutName: String {
        var seen: [MigrationLayout] = []
        for layout in layouts where layout != .plain && !seen.contains(layout) { seen.append(layout) }
        return seen.isEmpty ? MigrationLayout.plain.rawValue : seen.map(\.rawValue).joined(separator: ", ")
    }

    /// Reported files: those with a forward unit that is not replay-only.
    public var lintedFileCount: Int {
        Set(units.filter { $0.role == .forward && !$0.replayOnly }.map(\.file.path)).count
    }

    /// Marks every unit whose file is not in `changed` (absolute paths) replay-only; `-` (stdin) always counts as changed.
    public mutating func limit(toChanged changed: Set<String>, stdinName: String?) {
        for i in units.indices where units[i].file.path != stdinName && !changed.contains(ChangedFiles.resolved(units[i].file.path)) {
            units[i].replayOnly = true
        }
    }
}

/// Builds a `MigrationRun` path by path: a folder is planned by its layout, each file cut by its section markers.
public struct MigrationRunBuilder {
    /// The layout `--layout` or the config's `layout` forces; nil to recognise it.
    public var forced: MigrationLayout?
    public var lintRollbacks: Bool
    /// Absolute files or folders whose units replay before all others, in this order (`replay-first`).
    public var replayFirst: [String]
    private var run = MigrationRun()

    public init(forced: MigrationLayout? = nil, lintRollbacks: Bool = false, replayFirst: [String] = []) {
        self.forced = forced
        self.lintRollbacks = lintRollbacks
        self.replayFirst = replayFirst
        run.lintsRollbacks = lintRollbacks
    }

    /// A file named on the command line (or standard input). A file named as rollback code (`down.sql`,
    /// `*.down.sql`, `U<version>__*.sql`: what pre-commit passes one by one) is set aside like one in a folder.
    public mutating func add(file: SourceFile) {
        if let kind = rollbackKind(ofFileNamed: Paths.lastComponent(file.path)) {
            run.setAside.add(kind)
            run.layouts.append(kind == .undoFile ? .flyway : .golangMigrate)
            if lintRollbacks {
                run.sources.append(file)
                run.units.append(MigrationUnit(file: file, role: .rollback))
            }
            return
        }
        let markers = markers(for: file, folderLayout: nil)
        run.layouts.append(markers?.layout ?? forced ?? .plain)
        addUnits(of: file, markers: markers)
    }

    /// A folder: `files` are its `*.sql` files in natural order (excluded ones left out); `read` reads one,
    /// nil when it cannot (the caller reports why).
    public mutating func add(folder: String, files: [String], read: (String) -> SourceFile?) {
        let plan = FolderLayout.plan(directory: folder, files: files, forced: forced)
        run.setAside.add(plan.setAside)
        var found: [SectionMarkers] = []
        for planned in plan.files {
            switch planned.role {
            case .rollback:
                run.setAside.add(rollbackKind(plan.layout))
                guard lintRollbacks, let file = read(planned.path) else { continue }
                run.sources.append(file)
                run.units.append(MigrationUnit(file: file, role: .rollback))
            case .forward:
                guard let file = read(planned.path) else { continue }
                let markers = markers(for: file, folderLayout: plan.layout)
                if let markers { found.append(markers) }
                addUnits(of: file, markers: markers)
            }
        }
        // A folder the structure does not name is named by the markers most of its files carry.
        let byMarkers = Dictionary(grouping: found, by: { $0 }).max { $0.value.count < $1.value.count }?.key
        run.layouts.append(plan.layout ?? byMarkers?.layout ?? .plain)
    }

    public func build() -> MigrationRun {
        var run = run
        guard !replayFirst.isEmpty else { return run }
        func rank(_ unit: MigrationUnit) -> Int {
            let path = Paths.absolute(unit.file.path)
            return replayFirst.firstIndex { path == $0 || path.hasPrefix($0.hasSuffix("/") ? $0 : $0 + "/") } ?? replayFirst.count
        }
        // A stable sort: units keep their order within each rank.
        run.units = run.units.enumerated().sorted { (rank($0.element), $0.offset) < (rank($1.element), $1.offset) }.map(\.element)
        return run
    }

    /// Which markers cut a file: the forced layout's only; else the folder's layout's, or what the file carries.
    private func markers(for file: SourceFile, folderLayout: MigrationLayout?) -> SectionMarkers? {
        if let forced { return forced.sectionMarkers }
        if let folderLayout, let markers = folderLayout.sectionMarkers { return markers }
        return SectionMarkers.detect(in: file.bytes)
    }

    private mutating func addUnits(of file: SourceFile, markers: SectionMarkers?) {
        run.sources.append(file)
        let (units, downSections) = MigrationUnit.units(of: file, markers: markers)
        run.setAside.add(.downSection, downSections)
        run.units += units.filter { $0.role == .forward || lintRollbacks }
    }

    /// The rollback a lone file's name shows, under the forced layout if there is one.
    private func rollbackKind(ofFileNamed name: String) -> SetAside.Kind? {
        let named: SetAside.Kind?
        if name == "down.sql" || name.hasSuffix(".down.sql") { named = .downFile }
        else if FlywayName(fileName: name)?.kind == .undo { named = .undoFile }
        else { named = nil }
        switch (forced, named) {
        case (nil, _), (.diesel, .downFile), (.golangMigrate, .downFile), (.flyway, .undoFile): return named
        default: return nil
        }
    }

    private func rollbackKind(_ layout: MigrationLayout?) -> SetAside.Kind {
        switch layout {
        case .flyway: .undoFile
        case .sqitch: .revertScript
        default: .downFile
        }
    }
}
