import FoundationEssentials

/// A file of a folder as its layout places it: forward, or the rollback of the file named by `after`
/// (nil: of no file in the run; it is linted, if at all, after everything).
public struct PlannedFile: Sendable, Equatable {
    public enum Role: Sendable, Equatable { case forward, rollback(after: String?) }
    public var path: String
    public var role: Role
}

/// The files of one linted folder in the order its migration tool runs them.
public struct FolderPlan: Sendable {
    /// Nil when the folder's structure does not say: its files' section markers decide (goose, dbmate,
    /// Alembic) or it is a plain folder.
    public var layout: MigrationLayout?
    public var files: [PlannedFile]
    /// Files left out that are neither forward nor a rollback to lint (sqitch verify scripts, say).
    public var setAside = SetAside()
}

/// Recognises a folder's layout from its file names and orders its files as the tool would.
public enum FolderLayout {
    /// `files`: the folder's `*.sql` files in natural order (`InputFiles.expand`).
    public static func plan(directory: String, files: [String], forced: MigrationLayout?) -> FolderPlan {
        let layout = forced ?? detect(directory: directory, files: files)
        switch layout {
        case .diesel: return diesel(files)
        case .golangMigrate: return golangMigrate(files)
        case .flyway: return flyway(files)
        case .refinery: return flyway(files, undoRunsForward: true)
        case .sqitch: return sqitch(directory: directory, files: files)
        case .prisma: return FolderPlan(layout: .prisma, files: files.map { PlannedFile(path: $0, role: .forward) })
        case .plain, .goose, .dbmate, .alembic, nil:
            return FolderPlan(layout: layout, files: files.map { PlannedFile(path: $0, role: .forward) })
        }
    }

    /// The layout a folder's structure shows; nil when only its files' contents can tell.
    static func detect(directory: String, files: [String]) -> MigrationLayout? {
        let names = files.map { Paths.lastComponent($0) }
        if !planFiles(under: directory).isEmpty { return .sqitch }
        if names.contains(where: { $0 == "up.sql" || $0 == "down.sql" }) { return .diesel }
        if FileManager.default.fileExists(atPath: Paths.join(directory, "migration_lock.toml"))
            || names.contains("migration.sql") { return .prisma }
        if names.contains(where: { FlywayName(fileName: $0) != nil }) { return .flyway }
        if names.contains(where: { $0.hasSuffix(".up.sql") || $0.hasSuffix(".down.sql") }) { return .golangMigrate }
        return nil
    }

    /// Forward files in the given order, each rollback right after the file it undoes.
    static func arrange(_ forward: [String], rollbacks: [(path: String, after: String?)]) -> [PlannedFile] {
        var byUp: [String: [String]] = [:]
        var orphans: [String] = []
        let forwardSet = Set(forward)
        for r in rollbacks {
            if let after = r.after, forwardSet.contains(after) { byUp[after, default: []].append(r.path) } else { orphans.append(r.path) }
        }
        var out: [PlannedFile] = []
        for path in forward {
            out.append(PlannedFile(path: path, role: .forward))
            for r in byUp[path] ?? [] { out.append(PlannedFile(path: r, role: .rollback(after: path))) }
        }
        return out + orphans.map { PlannedFile(path: $0, role: .rollback(after: nil)) }
    }

    /// `<timestamp>_<name>/up.sql` runs forward; the `down.sql` beside it undoes it.
    static func diesel(_ files: [String]) -> FolderPlan {
        var forward: [String] = [], rollbacks: [(String, String?)] = []
        let known = Set(files)
        for path in files {
            if Paths.lastComponent(path) == "down.sql" {
                let up = Paths.folder(path) + "/up.sql"
                rollbacks.append((path, known.contains(up) ? up : nil))
            } else {
                forward.append(path)
            }
        }
        return FolderPlan(layout: .diesel, files: arrange(forward, rollbacks: rollbacks))
    }

    /// `<version>_<name>.up.sql` runs forward; a `.down.sql` of the same version undoes it, whatever its name.
    static func golangMigrate(_ files: [String]) -> FolderPlan {
        func version(_ path: String) -> Substring {
            let digits = Paths.lastComponent(path).prefix { $0.isASCIIDigit }.drop { $0 == "0" }
            return Substring((Paths.folder(path))) + "/" + digits
        }
        var forward: [String] = [], downs: [String] = []
        for path in files {
            if path.hasSuffix(".down.sql") { downs.append(path) } else { forward.append(path) }
        }
        let upByVersion = Dictionary(forward.filter { $0.hasSuffix(".up.sql") }.map { (version($0), $0) },
                                     uniquingKeysWith: { first, _ in first })
        return FolderPlan(layout: .golangMigrate,
                          files: arrange(forward, rollbacks: downs.map { ($0, upByVersion[version($0)]) }))
    }

    /// Versioned scripts in version order (across subfolders, as Flyway scans them), then repeatables by
    /// description; an undo script follows the version it undoes. Other `.sql` files keep natural order, first.
    static func flyway(_ files: [String], undoRunsForward: Bool = false) -> FolderPlan {
        var other: [String] = [], versioned: [(FlywayName, String)] = [], repeatable: [(FlywayName, String)] = []
        var undo: [(FlywayName, String)] = []
        for path in files {
            guard let name = FlywayName(fileName: Paths.lastComponent(path)) else { other.append(path); continue }
            switch name.kind {
            case .versioned: versioned.append((name, path))
            case .repeatable: repeatable.append((name, path))
            case .undo where undoRunsForward: versioned.append((name, path))
            case .undo: undo.append((name, path))
            }
        }
        versioned.sort { FlywayName.versionLess($0.0.version, $1.0.version) }
        repeatable.sort { $0.0.description < $1.0.description }
        let forward = other + versioned.map(\.1) + repeatable.map(\.1)
        let rollbacks = undo.map { u in (u.1, versioned.first { $0.0.version == u.0.version }?.1) }
        return FolderPlan(layout: undoRunsForward ? .refinery : .flyway, files: arrange(forward, rollbacks: rollbacks))
    }

    /// Each `sqitch.plan` below the folder (in natural order of their paths): its changes' `deploy/` scripts in
    /// plan order, each `revert/` script after its deploy. Verify scripts and deploy scripts in no plan are
    /// set aside; other `.sql` files run forward after the plans, in natural order.
    static func sqitch(directory: String, files: [String]) -> FolderPlan {
        var plan = FolderPlan(layout: .sqitch, files: [])
        let fileSet = Set(files)
        var claimed = Set<String>()
        var forward: [String] = [], rollbacks: [(String, String?)] = []
        for planPath in planFiles(under: directory) {
            let root = Paths.folder(planPath)
            func script(_ folder: String, _ name: String) -> String { "\(root)/\(folder)/\(name).sql" }
            let text = (try? String(contentsOfFile: planPath, encoding: .utf8)) ?? ""
            for name in SqitchPlan(text: text, exists: { fileSet.contains(script("deploy", $0)) }).scripts {
                let deploy = script("deploy", name)
                guard fileSet.contains(deploy) else { continue }
                forward.append(deploy)
                claimed.insert(deploy)
                let revert = script("revert", name)
                if fileSet.contains(revert) { rollbacks.append((revert, deploy)); claimed.insert(revert) }
            }
            for path in files where !claimed.contains(path) {
                if path.hasPrefix(root + "/verify/") { plan.setAside.add(.verifyScript); claimed.insert(path) }
                else if path.hasPrefix(root + "/deploy/") { plan.setAside.add(.unplannedScript); claimed.insert(path) }
                else if path.hasPrefix(root + "/revert/") { plan.setAside.add(.revertScript); claimed.insert(path) }
            }
        }
        forward += files.filter { !claimed.contains($0) }
        plan.files = arrange(forward, rollbacks: rollbacks)
        return plan
    }

    /// Every `sqitch.plan` at or below `directory`, in natural order (hidden folders included, links to folders not
    /// followed).
    static func planFiles(under directory: String) -> [String] {
        var found: [String] = []
        func walk(_ folder: String) {
            for entry in DirectoryEntries.of(folder) ?? [] {
                let path = folder + "/" + entry.name
                if entry.name == "sqitch.plan", entry.kind != .missing { found.append(path) }
                if entry.kind == .directory, !entry.isLink { walk(path) }
            }
        }
        walk(directory.hasSuffix("/") ? String(directory.dropLast()) : directory)
        return InputFiles.naturallySorted(found)
    }
}
