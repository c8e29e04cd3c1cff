import Foundation
import Testing
@testable import SchemaLint

/// The README's copy-paste snippets, taken from the README itself (each follows a `<!-- snippet:NAME -->` marker):
/// the configuration example must parse, and the `schemalint` commands of the GitHub Actions workflow and the
/// GitLab job must behave on a project with a bad and with a clean migration. (The pre-commit snippet is run by
/// scripts/test-pre-commit.)
@Suite("README snippets")
struct ReadmeSnippetTests {
    static let readme = TestPaths.repoRoot.appendingPathComponent("README.md")

    /// The fenced block after `<!-- snippet:NAME`.
    static func snippet(_ name: String) throws -> String {
        let text = try String(contentsOf: readme, encoding: .utf8)
        let marker = try #require(text.range(of: "<!-- snippet:\(name)"), "README.md has no snippet:\(name) marker")
        let rest = text[marker.upperBound...]
        let open = try #require(rest.range(of: "```"), "no code block after snippet:\(name)")
        let bodyStart = try #require(rest[open.upperBound...].firstIndex(of: "\n"))
        let body = rest[rest.index(after: bodyStart)...]
        let close = try #require(body.range(of: "\n```"), "unclosed code block after snippet:\(name)")
        return String(body[..<close.lowerBound]) + "\n"
    }

    /// YAML as JSON objects, through python3's yaml (PyYAML).
    static func yaml(_ text: String, in dir: TempFolder) throws -> Any {
        try dir.write("snippet.yaml", text)
        let result = try Shell.run("python3", ["-c", "import json, sys, yaml; print(json.dumps(yaml.safe_load(open(sys.argv[1]))))",
                                               dir.path("snippet.yaml")])
        try #require(result.status == 0, "the snippet is not valid YAML (or PyYAML is missing): \(result)")
        return try JSONSerialization.jsonObject(with: Data(result.output.utf8))
    }

    static let clean = "CREATE TABLE invoice (id bigint PRIMARY KEY, total numeric(12,2) NOT NULL);\n"
    static let bad = "CREATE TABLE invoice (id bigint PRIMARY KEY, total double precision NOT NULL);\n"

    /// A project folder with `db/001_invoice.sql` and a `bin/schemalint` link to the built binary. Its config selects
    /// one rule, so "clean" stays clean whatever rules join the default set.
    static func project(_ sql: String) throws -> TempFolder {
        let dir = try TempFolder(["db/001_invoice.sql": sql, ".schemalint.toml": "select = [\"float-for-money\"]\n"])
        let bin = dir.url.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: bin.appendingPathComponent("schemalint"), withDestinationURL: try TestPaths.binary.get())
        return dir
    }

    /// Runs one shell command of a snippet in the project, with the built schemalint first on PATH.
    static func run(_ command: String, in project: TempFolder) throws -> Shell.Result {
        let path = project.path("bin") + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        return try Shell.run("bash", ["-eo", "pipefail", "-c", command], in: project.url, environment: ["PATH": path, "NO_COLOR": "1"])
    }

    @Test("The configuration example parses, and shows every key")
    func configExample() throws {
        let text = try Self.snippet("config")
        let dir = try TempFolder([".schemalint.toml": text, "db/base_schema.sql": "CREATE TABLE a (id bigint PRIMARY KEY);\n",
                                  "db/squashed.sql": "CREATE TABLE b (id bigint PRIMARY KEY);\n"])
        let config = try ConfigLoader.load(path: dir.path(".schemalint.toml"))
        #expect(config.overrides.count == 2)
        #expect(config.database == DatabaseSettings(largeTableRows: 1_000_000, smallTableRows: 1000))
        for key in ConfigLoader.topLevelKeys where key != "overrides" && key != "rules" {
            // A key or a table of keys (`[database]`).
            #expect(text.contains("\n\(key) = ") || text.contains("\n[\(key)]\n"), "the example does not show `\(key)`")
        }
        #expect(text.contains("[[overrides]]") && text.contains("[rules.") && text.contains("severity = "))
        #expect(text.contains("ignore-objects = ") && text.contains("[overrides.rules."))
        // Linting with it works.
        try dir.write("db/x.sql", "CREATE TABLE people (id bigint PRIMARY KEY, at timestamp);\n")
        let run = try CLI.run(["--format", "json", "db/x.sql"], in: dir.url)
        #expect(run.exitCode == 1 && run.stderr.isEmpty, "\(run)")
        #expect(((run.json?["diagnostics"] as? [[String: Any]]) ?? []).contains {
            $0["rule"] as? String == "timestamp-without-time-zone" && $0["severity"] as? String == "error"
        }, "\(run)")
    }

    @Test("GitHub Actions: the SARIF step writes a valid file, the lint step gates with annotations, the upload always runs")
    func githubActions() throws {
        let scratch = try TempFolder()
        let workflow = try #require(try Self.yaml(try Self.snippet("github-actions"), in: scratch) as? [String: Any])
        let jobs = try #require(workflow["jobs"] as? [String: Any])
        let steps = try #require((jobs.values.first as? [String: Any])?["steps"] as? [[String: Any]])
        let commands = steps.compactMap { $0["run"] as? String }.filter { $0.hasPrefix("schemalint ") }
        #expect(commands.count == 2, "\(steps)")
        let upload = try #require(steps.first { ($0["uses"] as? String)?.hasPrefix("github/codeql-action/upload-sarif@") == true })
        #expect(upload["if"] as? String == "always()", "the upload must run when the gate fails")
        let sarifFile = try #require((upload["with"] as? [String: Any])?["sarif_file"] as? String)
        #expect((workflow["permissions"] as? [String: Any])?["security-events"] as? String == "write")

        for (sql, failing) in [(Self.bad, true), (Self.clean, false)] {
            let project = try Self.project(sql)
            var statuses: [Int32] = []
            for command in commands {
                let result = try Self.run(command, in: project)
                statuses.append(result.status)
                if command.contains("--format github") {
                    #expect(result.output.contains("::error file=db/001_invoice.sql,line=1,") == failing, "\(result)")
                }
            }
            #expect(statuses == [0, failing ? 1 : 0], "SARIF step, then the gate: \(statuses)")
            try SARIFValidator.validate(project.url.appendingPathComponent(sarifFile))
        }
    }

    @Test("GitLab CI: the job fails on a bad migration, passes a clean one, and leaves its reports")
    func gitlab() throws {
        let scratch = try TempFolder()
        let config = try #require(try Self.yaml(try Self.snippet("gitlab-ci"), in: scratch) as? [String: Any])
        let job = try #require(config["schemalint"] as? [String: Any])
        let script = try #require(job["script"] as? [String])
        let artifacts = try #require(job["artifacts"] as? [String: Any])
        #expect(artifacts["when"] as? String == "always")
        let paths = try #require(artifacts["paths"] as? [String])
        for (sql, failing) in [(Self.bad, true), (Self.clean, false)] {
            let project = try Self.project(sql)
            var failedAt: Int?
            for (i, line) in script.enumerated() where try Self.run(line, in: project).status != 0 {
                failedAt = i
                break  // GitLab stops at the first failing line
            }
            #expect(failedAt == (failing ? script.count - 1 : nil), "\(script)")
            for path in paths {
                #expect(FileManager.default.fileExists(atPath: project.path(path)), "artifact \(path) was not written")
            }
            let json = try JSONSerialization.jsonObject(with: Data(contentsOf: project.url.appendingPathComponent("schemalint.json"))) as? [String: Any]
            #expect(((json?["diagnostics"] as? [Any]) ?? []).isEmpty == !failing)
        }
    }

    @Test("The pre-commit snippet names a hook that .pre-commit-hooks.yaml declares")
    func preCommitSnippet() throws {
        let scratch = try TempFolder()
        let config = try #require(try Self.yaml(try Self.snippet("pre-commit"), in: scratch) as? [String: Any])
        let hooks = ((config["repos"] as? [[String: Any]])?.first?["hooks"] as? [[String: Any]]) ?? []
        let declared = try String(contentsOf: TestPaths.repoRoot.appendingPathComponent(".pre-commit-hooks.yaml"), encoding: .utf8)
        #expect(!hooks.isEmpty)
        for hook in hooks {
            let id = try #require(hook["id"] as? String)
            #expect(declared.contains("- id: \(id)\n"), "\(id) is not in .pre-commit-hooks.yaml")
        }
    }
}
