import FoundationEssentials

/// A document's findings, with the text they were computed on (to turn byte offsets into editor positions).
struct DocumentLint {
    var file: SourceFile
    var diagnostics: [Diagnostic]
}

/// Lints one open document as the CLI lints its migration folder: the configuration is the nearest
/// `.schemalint.toml` at or above the document's folder, the migrations before it (in its layout's order) are
/// replayed as context, the ones after it are left out, and open buffers replace the files on disk.
struct DocumentLinter {
    /// Open buffers by absolute path.
    var buffers: [String: [UInt8]] = [:]

    /// A document that is not a file (`untitled:`) is linted alone, under the configuration found from the server's
    /// working directory. Throws `ConfigError` for a configuration that cannot be used.
    func lint(path: String?, name: String, text: [UInt8]) throws -> DocumentLint {
        guard let path else {
            let document = SourceFile(path: name, bytes: text)
            let configuration = try ConfigDiscovery.configuration(explicitPath: nil, isolated: false)
            let result = try ProjectLinter(configuration: configuration).lint([document], loadContext: read)
            return DocumentLint(file: document, diagnostics: result.diagnostics)
        }
        let document = SourceFile(path: path, bytes: text)
        let configuration = try ConfigDiscovery.configuration(explicitPath: nil, isolated: false,
                                                              workingDirectory: Paths.folder(path))
        guard !configuration.isExcluded(path) else { return DocumentLint(file: document, diagnostics: []) }

        let (folder, depth) = migrationFolder(of: path)
        var files = Self.sqlFiles(in: folder, depth: depth).filter { !configuration.isExcluded($0) }
        if !files.contains(path) { files = InputFiles.naturallySorted(files + [path]) }
        var builder = MigrationRunBuilder(forced: configuration.layout, lintRollbacks: configuration.lintDown ?? false,
                                          replayFirst: configuration.replayFirst)
        builder.add(folder: folder, files: files) { file in
            file == path ? document : buffers[file].map { SourceFile(path: file, bytes: $0) } ?? readFile(file)
        }
        var run = builder.build()
        // Set aside (a rollback file, with rollbacks not linted): nothing to report.
        guard let last = run.units.lastIndex(where: { $0.file.path == path }) else {
            return DocumentLint(file: document, diagnostics: [])
        }
        run.units.removeSubrange((last + 1)...)
        for i in run.units.indices where run.units[i].file.path != path { run.units[i].replayOnly = true }
        let result = try ProjectLinter(configuration: configuration).lint(run, loadContext: read)
        return DocumentLint(file: document, diagnostics: result.diagnostics.filter { $0.file == path })
    }

    /// The folder whose layout orders the document, and how deep its migrations are: the document's own folder
    /// (its `*.sql` files only: a file opened in a home folder must not walk the whole tree on every keystroke), or
    /// its parent with one level of subfolders where each migration is a folder of its own (diesel's
    /// `<version>_<name>/up.sql`, Prisma's `<version>_<name>/migration.sql`, sqitch's `deploy/`).
    private func migrationFolder(of path: String) -> (folder: String, depth: Int) {
        let folder = Paths.folder(path), parent = Paths.folder(folder)
        let name = Paths.lastComponent(path)
        let perMigrationFolder = ["up.sql", "down.sql", "migration.sql"].contains(name)
            || FileManager.default.fileExists(atPath: Paths.join(parent, "sqitch.plan"))
        guard perMigrationFolder, parent != folder, !parent.isEmpty else { return (folder, 0) }
        switch FolderLayout.detect(directory: parent, files: Self.sqlFiles(in: parent, depth: 1)) {
        case .diesel, .prisma, .sqitch: return (parent, 1)
        default: return (folder, 0)
        }
    }

    /// The `*.sql` files of a folder and of its subfolders `depth` levels down, in natural order (hidden ones left
    /// out, as `InputFiles.expand` leaves them out).
    static func sqlFiles(in folder: String, depth: Int) -> [String] {
        var found: [String] = []
        func collect(_ directory: String, _ depth: Int) {
            guard let entries = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
            for entry in entries where !entry.hasPrefix(".") {
                let path = Paths.join(directory, entry)
                var isDirectory = false
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
                if isDirectory { if depth > 0 { collect(path, depth - 1) } }
                else if entry.lowercased().hasSuffix(".sql") { found.append(path) }
            }
        }
        collect(folder, depth)
        return InputFiles.naturallySorted(found)
    }

    /// Files of context paths (`context` in the configuration), open buffers first.
    private func read(_ paths: [String]) -> [SourceFile] {
        InputFiles.expand(paths).files.compactMap { file in
            buffers[file].map { SourceFile(path: file, bytes: $0) } ?? readFile(file)
        }
    }

    private func readFile(_ path: String) -> SourceFile? {
        guard case .success(let bytes) = InputFiles.read(path) else { return nil }
        return SourceFile(path: path, bytes: bytes)
    }
}
