import Foundation
import Testing
@testable import SchemaLint

/// The README's `--changed-since` CI recipes, run in a clone whose `origin/main` already holds a bad migration:
/// a branch adding a clean migration passes, a branch adding a bad one fails on that file alone.
extension ReadmeSnippetTests {
    static func git(_ arguments: [String], in directory: URL) throws {
        let result = try Shell.run("git", ["-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false",
                                           "-c", "init.defaultBranch=main"] + arguments, in: directory)
        try #require(result.status == 0, "git \(arguments): \(result)")
    }

    /// `origin.git` (bare; main has `db/001_invoice.sql`, bad) and `work`, its clone on a branch that adds
    /// `db/002_payment.sql`, with `bin/schemalint` linked to the built binary.
    static func clone(adding payment: String) throws -> (root: TempFolder, work: URL) {
        let root = try TempFolder(["seed/db/001_invoice.sql": bad, "seed/.schemalint.toml": "select = [\"float-for-money\"]\n"])
        let seed = root.url.appendingPathComponent("seed")
        try git(["init", "-q"], in: seed)
        try git(["add", "."], in: seed)
        try git(["commit", "-q", "-m", "history"], in: seed)
        try git(["clone", "-q", "--bare", "seed", "origin.git"], in: root.url)
        try git(["clone", "-q", "origin.git", "work"], in: root.url)
        let work = root.url.appendingPathComponent("work")
        try git(["checkout", "-q", "-b", "feature"], in: work)
        try root.write("work/db/002_payment.sql", payment)
        try git(["add", "db"], in: work)
        try git(["commit", "-q", "-m", "payment"], in: work)
        let bin = root.url.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: bin.appendingPathComponent("schemalint"), withDestinationURL: try TestPaths.binary.get())
        return (root, work)
    }

    static let badPayment = "CREATE TABLE payment (id bigint PRIMARY KEY, amount double precision NOT NULL);\n"
    static let cleanPayment = "CREATE TABLE payment (id bigint PRIMARY KEY, amount numeric(12,2) NOT NULL);\n"

    static func run(_ command: String, in work: URL, bin: String) throws -> Shell.Result {
        let path = bin + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        return try Shell.run("bash", ["-eo", "pipefail", "-c", command], in: work, environment: ["PATH": path, "NO_COLOR": "1"])
    }

    @Test("GitHub Actions with --changed-since: only the branch's migration is annotated and gates; the SARIF is valid")
    func githubActionsChangedSince() throws {
        let scratch = try TempFolder()
        let workflow = try #require(try Self.yaml(try Self.snippet("github-actions-changed"), in: scratch) as? [String: Any])
        let steps = try #require(((workflow["jobs"] as? [String: Any])?.values.first as? [String: Any])?["steps"] as? [[String: Any]])
        let checkout = try #require(steps.first { ($0["uses"] as? String)?.hasPrefix("actions/checkout@") == true })
        #expect((checkout["with"] as? [String: Any])?["fetch-depth"] as? Int == 0, "the merge base needs the history")
        let commands = steps.compactMap { $0["run"] as? String }.filter { $0.hasPrefix("schemalint ") }
        #expect(commands.count == 2 && commands.allSatisfy { $0.contains("--changed-since origin/main") }, "\(commands)")
        let sarifFile = try #require((steps.first { $0["uses"] as? String == "github/codeql-action/upload-sarif@v3" }?["with"]
            as? [String: Any])?["sarif_file"] as? String)

        for (payment, failing) in [(Self.badPayment, true), (Self.cleanPayment, false)] {
            let (root, work) = try Self.clone(adding: payment)
            var statuses: [Int32] = []
            for command in commands {
                let result = try Self.run(command, in: work, bin: root.path("bin"))
                statuses.append(result.status)
                if command.contains("--format github") {
                    #expect(result.output.contains("::error file=db/002_payment.sql,line=1,") == failing, "\(result)")
                    #expect(!result.output.contains("db/001_invoice.sql"), "main's migration is context only: \(result)")
                }
            }
            #expect(statuses == [0, failing ? 1 : 0], "SARIF step, then the gate: \(statuses)")
            try SARIFValidator.validate(work.appendingPathComponent(sarifFile))
        }
    }

    @Test("GitLab CI with --changed-since: the job fetches main, fails only on the branch's bad migration, keeps the SARIF")
    func gitlabChangedSince() throws {
        let scratch = try TempFolder()
        let config = try #require(try Self.yaml(try Self.snippet("gitlab-ci-changed"), in: scratch) as? [String: Any])
        let job = try #require(config["schemalint"] as? [String: Any])
        let script = try #require(job["script"] as? [String])
        #expect((job["variables"] as? [String: Any])?["GIT_DEPTH"] as? Int == 0)
        let paths = try #require((job["artifacts"] as? [String: Any])?["paths"] as? [String])
        for (payment, failing) in [(Self.badPayment, true), (Self.cleanPayment, false)] {
            let (root, work) = try Self.clone(adding: payment)
            var failedAt: Int?
            for (i, line) in script.enumerated() where try Self.run(line, in: work, bin: root.path("bin")).status != 0 {
                failedAt = i
                break
            }
            #expect(failedAt == (failing ? script.count - 1 : nil), "\(script)")
            for path in paths {
                #expect(FileManager.default.fileExists(atPath: work.appendingPathComponent(path).path), "artifact \(path) was not written")
            }
        }
    }
}
