import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif
import SchemaLint

/// `--fix` and `--diff` on the lint command.
extension Lint {
    /// Fixes in rounds over the run (see `FixRounds`), then writes the fixed files (`--fix`) or prints their diff
    /// (`--diff`), and says on stderr how many findings were fixed and how many remain. Returns the last lint, whose
    /// findings the report shows and the exit code is computed on.
    func applyFixes(run: MigrationRun, result: LintResult, stdin: (name: String, bytes: [UInt8])?,
                    lint: ([String: [UInt8]]) throws -> (MigrationRun, LintResult)) throws -> (MigrationRun, LintResult) {
        var sources: [String: [UInt8]] = [:]
        for source in run.sources where sources[source.path] == nil { sources[source.path] = source.bytes }
        if let stdin { sources[stdin.name] = stdin.bytes }
        // Only the files the run reports on: a finding is never in a --context file, nor (with --changed-since) in
        // an unchanged one, which are replayed only.
        let reported = Set(run.units.filter { !$0.replayOnly }.map(\.file.path))
        var first = true, lastRun = run
        let outcome = try FixRounds(fixer: Fixer(unsafeFixes: unsafeFixes)).run(
            original: { sources[$0] }, canFix: { reported.contains($0) },
            lint: { overlay in
                if first, overlay.isEmpty { first = false; return result }
                let (run, result) = try lint(overlay)
                lastRun = run
                return result
            })

        let order = run.sources.map(\.path) + (stdin.map { [$0.name] } ?? [])
        var seen = Set<String>(), writeFailed = false
        for path in order where seen.insert(path).inserted {
            guard let fixed = outcome.fixedFiles[path], let old = sources[path] else { continue }
            if diff {
                StandardStreams.write(UnifiedDiff.render(path: path, old: old, new: fixed), to: stdout)
            } else if let stdin, path == stdin.name {
                StandardStreams.write(bytes: fixed, to: stdout)
            } else {
                do { try AtomicFile.write(fixed, to: path) } catch { printError("\(error)"); writeFailed = true }
            }
        }
        // Standard input that needed no fix is printed as it came: the output is always the whole SQL.
        if fix, !diff, let stdin, outcome.fixedFiles[stdin.name] == nil { StandardStreams.write(bytes: stdin.bytes, to: stdout) }
        StandardStreams.write(Self.summary(outcome, dryRun: diff) + "\n", to: stderr)
        // A file that could not be written is an input/output error, as an unreadable one is.
        if writeFailed { throw ExitCode(2) }
        return (lastRun, outcome.remaining)
    }

    /// `Fixed 3 findings in 2 files (4 remain; 2 more with --unsafe-fixes).`
    static func summary(_ outcome: FixRounds.Outcome, dryRun: Bool) -> String {
        func findings(_ n: Int) -> String { "\(n) finding\(n == 1 ? "" : "s")" }
        let files = outcome.fixedFiles.count
        var text = (dryRun ? "Would fix " : "Fixed ") + findings(outcome.fixed.count)
        if files > 0 { text += " in \(files) file\(files == 1 ? "" : "s")" }
        let remain = outcome.remaining.diagnostics.count
        text += " (\(remain) remain\(remain == 1 ? "s" : "")"
        if outcome.unsafeLeft > 0 {
            text += "; \(outcome.unsafeLeft) more with --unsafe-fixes"
        }
        return text + ")."
    }
}
