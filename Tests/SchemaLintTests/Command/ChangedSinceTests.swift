import Foundation
import Testing
import SchemaLint

/// `--changed-since` on a git repository made in the test: two commits of migrations, findings only for the
/// second commit's files, the first commit's files replayed as context.
@Suite("--changed-since")
struct ChangedSinceTests {
    /// Runs git in `dir`; the test fails on a git error.
    static func git(_ arguments: [String], in dir: TempFolder) throws {
        let result = try Shell.run("git", ["-c", "user.name=Test", "-c", "user.email=test@example.com",
                                           "-c", "commit.gpgsign=false"] + arguments, in: dir.url)
        try #require(result.status == 0, "git \(arguments): \(result)")
    }

    /// Commit 1: a table and an index built without CONCURRENTLY (a finding, if 002 were linted). Commit 2: a
    /// widening that is clean only if 001 was replayed (varchar to text is binary-compatible), and a new index.
    static func repository() throws -> TempFolder {
        let dir = try TempFolder([
            "migrations/001_account.sql": "CREATE TABLE account (id bigint PRIMARY KEY, email varchar(100) NOT NULL);\n",
            "migrations/002_account_email.sql": "CREATE INDEX account_email_idx ON account (email);\n",
        ])
        try git(["init", "-q", "-b", "main"], in: dir)
        try git(["add", "."], in: dir)
        try git(["commit", "-q", "-m", "first"], in: dir)
        try dir.write("migrations/003_widen_email.sql", "SET lock_timeout = '2s';\nALTER TABLE account ALTER COLUMN email TYPE text;\n")
        try dir.write("migrations/004_lower_email.sql", "SET lock_timeout = '2s';\nCREATE INDEX account_lower_email_idx ON account (lower(email));\n")
        try git(["add", "."], in: dir)
        try git(["commit", "-q", "-m", "second"], in: dir)
        return dir
    }

    // The default rules: design findings about account (made in 001) must stay unreported too.
    static let select: [String] = []

    @Test("Only the second commit's files are reported; the first commit's are their context")
    func onlyChangedFiles() throws {
        let dir = try Self.repository()
        let run = try CLI.run(["--format", "json"] + Self.select + ["--changed-since", "HEAD~1", "migrations"], in: dir.url)
        let diagnostics = (run.json?["diagnostics"] as? [[String: Any]]) ?? []
        let found = diagnostics.map { "\($0["file"] ?? ""):\($0["line"] ?? 0) \($0["rule"] ?? "")" }
        #expect(found == ["migrations/004_lower_email.sql:2 create-index-without-concurrently"], "\(run)")
        #expect((run.json?["summary"] as? [String: Any])?["files"] as? Int == 2, "two files linted: \(run)")

        // Without --changed-since every file is reported, 002's index among them: the test above can fail.
        let all = try CLI.run(["--format", "json"] + Self.select + ["migrations"], in: dir.url)
        let allFiles = Set(((all.json?["diagnostics"] as? [[String: Any]]) ?? []).compactMap { $0["file"] as? String })
        #expect(allFiles.contains("migrations/002_account_email.sql"), "\(all)")
        // And without the first commit as context, the widening of an unknown column is reported.
        let alone = try CLI.run(["--format", "json"] + Self.select + ["migrations/003_widen_email.sql"], in: dir.url)
        #expect(((alone.json?["diagnostics"] as? [[String: Any]]) ?? []).contains { $0["rule"] as? String == "alter-column-type" }, "\(alone)")
    }

    @Test("A file changed in the work tree, or new and untracked, counts as changed")
    func workTreeChanges() throws {
        let dir = try Self.repository()
        try dir.write("migrations/005_new.sql", "CREATE INDEX account_id_email_idx ON account (id, email);\n")
        let run = try CLI.run(["--format", "json", "--select", "create-index-without-concurrently", "--changed-since", "HEAD", "migrations"],
                              in: dir.url)
        let files = ((run.json?["diagnostics"] as? [[String: Any]]) ?? []).compactMap { $0["file"] as? String }
        #expect(files == ["migrations/005_new.sql"], "\(run)")
    }

    @Test("Outside a git work tree, or with an unknown revision, it is a clear usage error")
    func errors() throws {
        let outside = try TempFolder(["x.sql": "SELECT 1;\n"])
        let notGit = try CLI.run(["--changed-since", "main", "x.sql"], in: outside.url)
        #expect(notGit.exitCode == 2 && notGit.stdout.isEmpty, "\(notGit)")
        #expect(notGit.stderr.contains("--changed-since needs a git work tree"), "\(notGit)")

        let dir = try Self.repository()
        let unknown = try CLI.run(["--changed-since", "origin/nope", "migrations"], in: dir.url)
        #expect(unknown.exitCode == 2 && unknown.stdout.isEmpty, "\(unknown)")
        #expect(unknown.stderr.contains("--changed-since: unknown revision `origin/nope`"), "\(unknown)")
    }
}
