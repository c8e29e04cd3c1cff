import Foundation
import Testing
import SchemaLint

/// The CI-facing outputs: SARIF (validated with `validate_sarif.py --github`), GitHub annotations, gcc lines, `-o`,
/// the exit-code switches, and the `rules --format json` / `explain` commands.
@Suite("Output formats and exit codes")
struct OutputFormatTests {
    /// float-for-money (error, 5:3), fk-without-on-delete (warning, 4:20), timestamp-without-time-zone (warning, 6:3).
    static let sql = """
        CREATE TABLE client (id bigint PRIMARY KEY);
        CREATE TABLE invoice (
          id bigint PRIMARY KEY,
          client_id bigint REFERENCES client (id),
          total double precision NOT NULL,
          issued_at timestamp
        );

        """
    static let rules = ["--select", "float-for-money,fk-without-on-delete,timestamp-without-time-zone"]

    static func json(_ data: Data) -> [String: Any]? { try? JSONSerialization.jsonObject(with: data) as? [String: Any] }

    // MARK: SARIF

    @Test("Syntax newer than PostgreSQL 15: the finding says so, and text, JSON and SARIF count what was not analysed")
    func newerSyntax() throws {
        let dir = try TempFolder(["db/x.sql": """
            CREATE TABLE walk (id bigint PRIMARY KEY, meters int, km numeric GENERATED ALWAYS AS (meters / 1000.0) VIRTUAL);
            ALTER TABLE walk ADDD COLUMN note text;
            CREATE TABLE dog (id bigint PRIMARY KEY);

            """])
        let args = ["--select", "syntax-error", "db/x.sql"]
        let newer = "(schemalint parses with the PostgreSQL 15 grammar: this may be syntax of a newer PostgreSQL)"
        let text = try CLI.run(args, in: dir.url)
        #expect(text.stdout.contains(#"syntax error at or near "VIRTUAL" "# + newer), "a keyword added in 18: \(text)")
        #expect(!text.stdout.contains(#"near "ADDD" "# + newer), "a misspelling is a plain syntax error on 15: \(text)")
        #expect(text.stdout.contains("in 1 file (1 statement). 2 statements could not be analysed"), "\(text)")

        let json = try #require(try CLI.run(["--format", "json"] + args, in: dir.url).json)
        let summary = try #require(json["summary"] as? [String: Any])
        #expect(summary["unparsed"] as? Int == 2 && summary["statements"] as? Int == 1, "\(summary)")

        // With --pg-version above 15 every syntax error may be newer syntax.
        let sarif = try CLI.run(["--format", "sarif", "--pg-version", "18"] + args, in: dir.url)
        try dir.write("out.sarif", sarif.stdout)
        try SARIFValidator.validate(dir.url.appendingPathComponent("out.sarif"))
        let run = try #require((sarif.json?["runs"] as? [[String: Any]])?.first)
        let messages = (run["results"] as? [[String: Any]] ?? []).compactMap { ($0["message"] as? [String: Any])?["text"] as? String }
        #expect(messages.count == 2 && messages.allSatisfy { $0.contains(newer) }, "\(messages)")
        let invocation = try #require((run["invocations"] as? [[String: Any]])?.first)
        #expect((invocation["properties"] as? [String: Any])?["unparsedStatements"] as? Int == 2)
        let notes = invocation["toolExecutionNotifications"] as? [[String: Any]] ?? []
        #expect(notes.count == 1 && ((notes.first?["message"] as? [String: Any])?["text"] as? String)?.contains("2 statements") == true)
    }

    @Test("SARIF: valid for GitHub code scanning, the whole catalogue, one result per finding")
    func sarif() throws {
        let dir = try TempFolder(["db/x.sql": Self.sql])
        let run = try CLI.run(["--format", "sarif"] + Self.rules + ["db/x.sql"], in: dir.url)
        #expect(run.exitCode == 1, "\(run)")
        try dir.write("out.sarif", run.stdout)
        try SARIFValidator.validate(dir.url.appendingPathComponent("out.sarif"))

        let log = try #require(run.json, "\(run)")
        #expect(log["version"] as? String == "2.1.0")
        #expect((log["$schema"] as? String)?.contains("sarif") == true)
        let runs = try #require(log["runs"] as? [[String: Any]])
        #expect(runs.count == 1)
        let sarifRun = try #require(runs.first)
        #expect(sarifRun["columnKind"] as? String == "unicodeCodePoints")
        let invocations = try #require(sarifRun["invocations"] as? [[String: Any]])
        #expect(invocations.first?["executionSuccessful"] as? Bool == true, "findings are not a failed execution")

        let driver = try #require((sarifRun["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "schemalint")
        #expect(driver["version"] as? String == SchemaLintVersion.current)
        #expect((driver["informationUri"] as? String)?.hasPrefix("https://") == true)
        let rules = try #require(driver["rules"] as? [[String: Any]])
        #expect(rules.compactMap { $0["id"] as? String } == RuleRegistry.all.map { $0.metadata.id }, "every rule, in catalogue order")
        for (rule, type) in zip(rules, RuleRegistry.all) {
            let m = type.metadata
            #expect((rule["shortDescription"] as? [String: Any])?["text"] as? String == m.summary)
            let full = (rule["fullDescription"] as? [String: Any])?["text"] as? String ?? ""
            #expect(!full.isEmpty && full.count <= 1024, "GitHub's limit for fullDescription: \(m.id)")
            let help = rule["help"] as? [String: Any]
            #expect((help?["text"] as? String)?.isEmpty == false, "\(m.id)")
            #expect(help?["markdown"] as? String == RuleDocumentation.page(for: type), "help.markdown is the rule page: \(m.id)")
            let level = (rule["defaultConfiguration"] as? [String: Any])?["level"] as? String
            #expect(level == ["error": "error", "warning": "warning", "info": "note"][m.defaultSeverity.rawValue], "\(m.id)")
            #expect(((rule["properties"] as? [String: Any])?["tags"] as? [String])?.contains(m.category.rawValue) == true, "\(m.id)")
        }

        let results = try #require(sarifRun["results"] as? [[String: Any]])
        let expected: [(rule: String, level: String, line: Int, column: Int)] = [
            ("fk-without-on-delete", "warning", 4, 20), ("float-for-money", "error", 5, 3),
            ("timestamp-without-time-zone", "warning", 6, 3),
        ]
        #expect(results.count == expected.count, "\(run)")
        for (result, want) in zip(results, expected) {
            #expect(result["ruleId"] as? String == want.rule)
            let index = try #require(result["ruleIndex"] as? Int)
            #expect(rules[index]["id"] as? String == want.rule, "ruleIndex points at the rule")
            #expect(result["level"] as? String == want.level)
            #expect(((result["message"] as? [String: Any])?["text"] as? String)?.isEmpty == false)
            let locations = try #require(result["locations"] as? [[String: Any]])
            #expect(locations.count == 1)
            let physical = try #require(locations.first?["physicalLocation"] as? [String: Any])
            #expect((physical["artifactLocation"] as? [String: Any])?["uri"] as? String == "db/x.sql", "repository-relative uri")
            let region = try #require(physical["region"] as? [String: Any])
            #expect(region["startLine"] as? Int == want.line && region["startColumn"] as? Int == want.column, "\(region)")
            #expect((region["endColumn"] as? Int ?? 0) > want.column, "endColumn is exclusive and after the start: \(region)")
            let logical = (locations.first?["logicalLocations"] as? [[String: Any]])?.first?["fullyQualifiedName"] as? String
            #expect(logical?.hasPrefix("public.invoice") == true, "the qualified object: \(String(describing: logical))")
            let fingerprint = (result["partialFingerprints"] as? [String: Any])?.values.first as? String
            #expect(fingerprint?.isEmpty == false)
            #expect(result["suppressions"] == nil, "no suppressions array without --include-suppressed")
        }
    }

    @Test("SARIF fingerprints do not depend on line numbers")
    func sarifFingerprintsStable() throws {
        func fingerprints(_ text: String) throws -> [String] {
            let run = try CLI.run(["--format", "sarif"] + Self.rules + ["--stdin-filename", "db/x.sql", "-"], stdin: text)
            let results = ((run.json?["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]]) ?? []
            return results.compactMap { ($0["partialFingerprints"] as? [String: String])?.values.first }
        }
        let before = try fingerprints(Self.sql)
        let after = try fingerprints("-- a new header\n\nCREATE TABLE note (id bigint PRIMARY KEY);\n\n" + Self.sql)
        #expect(before.count == 3 && Set(before).count == 3)
        #expect(before == after)
    }

    @Test("SARIF carries a fix for every finding with a suggestion, and stays valid with every rule on")
    func sarifFixes() throws {
        let dir = try TempFolder(["m.sql": Self.sql + """
            CREATE INDEX invoice_client_idx ON invoice (client_id);
            ALTER TABLE client ADD COLUMN note text NOT NULL DEFAULT 'x';
            ALTER TABLE client ALTER COLUMN id TYPE int;
            CREATE TABLE "Weird Name" (flag boolean, price real);

            """])
        let json = try CLI.run(["--format", "json", "--select", "all", "m.sql"], in: dir.url)
        let sarif = try CLI.run(["--format", "sarif", "--select", "all", "m.sql"], in: dir.url)
        try dir.write("all.sarif", sarif.stdout)
        try SARIFValidator.validate(dir.url.appendingPathComponent("all.sarif"))
        let diagnostics = (json.json?["diagnostics"] as? [[String: Any]]) ?? []
        let results = ((sarif.json?["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]]) ?? []
        #expect(diagnostics.count == results.count, "\(json)\n\(sarif)")
        for (d, r) in zip(diagnostics, results) {
            #expect(d["rule"] as? String == r["ruleId"] as? String)
            let fixes = r["fixes"] as? [[String: Any]]
            if let suggestion = d["suggestion"] as? String {
                let inserted = ((((fixes?.first?["artifactChanges"] as? [[String: Any]])?.first?["replacements"] as? [[String: Any]])?
                    .first?["insertedContent"]) as? [String: Any])?["text"] as? String
                // A replacement keeps the statement's own `;`, so the suggestion's last `;` is not inserted.
                let expected = suggestion.hasSuffix(";") ? String(suggestion.dropLast()) : suggestion
                #expect(inserted?.contains(expected) == true, "the SARIF fix inserts the suggestion: \(r)")
            } else {
                #expect(fixes == nil, "no fix without a suggestion: \(r)")
            }
        }
    }

    @Test("SARIF of the lago and lemmy corpus runs validates for GitHub", arguments: [
        "lago-structure/db/structure.sql", "lemmy/migrations",
    ])
    func corpusSARIF(_ path: String) throws {
        let root = TestPaths.corpus
        try #require(FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path), "corpus missing: \(path)")
        let out = try TempFolder()
        let sarifFile = out.url.appendingPathComponent("corpus.sarif")
        let run = try CLI.run(["--format", "sarif", "-o", sarifFile.path, path], in: root, timeout: 120)
        #expect(run.exitCode == 0 || run.exitCode == 1, "\(run)")
        #expect(run.stdout.isEmpty, "-o writes the report to the file, not stdout")
        try SARIFValidator.validate(sarifFile)
        let log = Self.json(try Data(contentsOf: sarifFile))
        let results = ((log?["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]]) ?? []
        #expect(!results.isEmpty, "the corpus has findings")
        let uris = Set(results.compactMap {
            (((($0["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["artifactLocation"]
                as? [String: Any])?["uri"] as? String)
        })
        #expect(uris.allSatisfy { $0.hasPrefix(path.split(separator: "/").first.map(String.init) ?? "") && !$0.hasPrefix("/") },
                "relative uris: \(uris.prefix(5))")
    }

    // MARK: GitHub annotations

    @Test("GitHub format: one escaped workflow command per finding, then the text report")
    func github() throws {
        let name = "db/we,ird:50%.sql"
        let text = "CREATE TABLE \"pay%roll\" (id bigint PRIMARY KEY,\n  born timestamp, total real);\n"
        let run = try CLI.run(["--format", "github", "--select", "timestamp-without-time-zone,float-for-money",
                               "--stdin-filename", name, "-"], stdin: text)
        #expect(run.exitCode == 1, "\(run)")
        let commands = run.stdoutLines.filter { $0.hasPrefix("::") }
        #expect(commands.count == 2, "\(run)")
        let file = "file=db/we%2Cird%3A50%25.sql"
        let timestamp = try #require(commands.first { $0.contains("title=timestamp-without-time-zone") }, "\(run)")
        #expect(timestamp.hasPrefix("::warning \(file),line=2,col=3,endLine=2,endColumn=17,title=timestamp-without-time-zone::"),
                "\(timestamp)")
        #expect(timestamp.contains("::Column \"pay%25roll.born\" is timestamp"), "% in the message is escaped: \(timestamp)")
        #expect(timestamp.contains("%0AUse timestamptz"), "the help line follows an escaped newline: \(timestamp)")
        let money = try #require(commands.first { $0.contains("title=float-for-money") })
        #expect(money.hasPrefix("::error \(file),line=2,col=19,"), "\(money)")
        // Properties and message are separated by the only unescaped `::` after the command name.
        for command in commands {
            let properties = command.dropFirst(2).split(separator: " ", maxSplits: 1).last.map(String.init) ?? ""
            let head = properties.components(separatedBy: "::").first ?? ""
            #expect(head.split(separator: ",").count == 6, "six properties, commas escaped: \(command)")
            #expect(!head.contains(":"), "colons in properties are escaped: \(command)")
        }
        // The full text report follows (GitHub shows only 10 annotations per step).
        #expect(run.stdout.contains("\(name):2:3: warning[timestamp-without-time-zone]"), "\(run)")
        #expect(run.stdoutLines.last?.hasPrefix("Found 2 problems") == true, "\(run)")
    }

    @Test("GitHub format: info findings are notices")
    func githubNotice() throws {
        let dir = try TempFolder([".schemalint.toml": "[rules.timestamp-without-time-zone]\nseverity = \"info\"\n",
                                  "x.sql": "CREATE TABLE walk (id bigint PRIMARY KEY, at timestamp);\n"])
        let run = try CLI.run(["--format", "github", "--select", "timestamp-without-time-zone", "x.sql"], in: dir.url)
        #expect(run.stdoutLines.first?.hasPrefix("::notice file=x.sql,line=1,col=") == true, "\(run)")
        #expect(run.exitCode == 0, "info is below the default --fail-on warning: \(run)")
    }

    // MARK: gcc

    @Test("gcc format: file:line:col: severity: message [rule], one line each")
    func gcc() throws {
        let run = try CLI.run(["--format", "gcc"] + Self.rules + ["--stdin-filename", "db/x.sql", "-"], stdin: Self.sql)
        #expect(run.exitCode == 1, "\(run)")
        let lines = run.stdoutLines
        let pattern = try Regex(#"^db/x\.sql:(\d+):(\d+): (error|warning|info): .+ \[([a-z0-9-]+)\]$"#)
        #expect(lines.count == 3 && lines.allSatisfy { $0.wholeMatch(of: pattern) != nil }, "\(run)")
        #expect(lines.first?.hasPrefix("db/x.sql:4:20: warning: Foreign key") == true, "\(run)")
        #expect(lines.contains { $0.hasPrefix("db/x.sql:5:3: error: ") && $0.hasSuffix(" [float-for-money]") }, "\(run)")
    }

    // MARK: -o

    @Test("-o writes the report to a file and nothing to stdout; the exit code is unchanged", arguments: ["text", "json", "sarif", "github", "gcc"])
    func outputFile(_ format: String) throws {
        let dir = try TempFolder(["x.sql": Self.sql])
        let run = try CLI.run(["--format", format, "-o", "report.out", "--color", "always"] + Self.rules + ["x.sql"], in: dir.url)
        #expect(run.exitCode == 1, "\(run)")
        #expect(run.stdout.isEmpty && run.stderr.isEmpty, "\(run)")
        let written = try String(contentsOfFile: dir.path("report.out"), encoding: .utf8)
        let direct = try CLI.run(["--format", format, "--color", "never"] + Self.rules + ["x.sql"], in: dir.url)
        #expect(written == direct.stdout, "the file holds what stdout would (never coloured)")
    }

    @Test("-o to a folder that does not exist is an error (exit 2)")
    func outputFileUnwritable() throws {
        let dir = try TempFolder(["x.sql": Self.sql])
        let run = try CLI.run(["-o", "no/such/dir/out.txt", "x.sql"], in: dir.url)
        #expect(run.exitCode == 2 && run.stderr.hasPrefix("schemalint: error: cannot write no/such/dir/out.txt"), "\(run)")
    }

    // MARK: exit codes

    struct ExitCase: CustomTestStringConvertible, Sendable {
        var finding: String
        var arguments: [String]
        var code: Int32
        var testDescription: String { "\(finding) finding, \(arguments.isEmpty ? "defaults" : arguments.joined(separator: " ")) → \(code)" }
    }

    /// One finding of a given severity: float-for-money (error), timestamp-without-time-zone (warning), and
    /// nullable-boolean made info by the config.
    static let exitSQL = [
        "error": "CREATE TABLE invoice (id bigint PRIMARY KEY, total real NOT NULL);\n",
        "warning": "CREATE TABLE walk (id bigint PRIMARY KEY, at timestamp);\n",
        "info": "CREATE TABLE walk (id bigint PRIMARY KEY, paid boolean);\n",
        "no": "CREATE TABLE walk (id bigint PRIMARY KEY);\n",
    ]

    @Test("--fail-on and --exit-zero", arguments: [
        ExitCase(finding: "no", arguments: [], code: 0),
        ExitCase(finding: "info", arguments: [], code: 0),
        ExitCase(finding: "warning", arguments: [], code: 1),
        ExitCase(finding: "error", arguments: [], code: 1),
        ExitCase(finding: "info", arguments: ["--fail-on", "info"], code: 1),
        ExitCase(finding: "no", arguments: ["--fail-on", "info"], code: 0),
        ExitCase(finding: "info", arguments: ["--fail-on", "warning"], code: 0),
        ExitCase(finding: "warning", arguments: ["--fail-on", "warning"], code: 1),
        ExitCase(finding: "warning", arguments: ["--fail-on", "error"], code: 0),
        ExitCase(finding: "error", arguments: ["--fail-on", "error"], code: 1),
        ExitCase(finding: "error", arguments: ["--fail-on", "never"], code: 0),
        ExitCase(finding: "error", arguments: ["--exit-zero"], code: 0),
        ExitCase(finding: "info", arguments: ["--fail-on", "info", "--exit-zero"], code: 0),
    ])
    func exitCodes(_ testCase: ExitCase) throws {
        let dir = try TempFolder([
            ".schemalint.toml": "select = [\"float-for-money\", \"timestamp-without-time-zone\", \"nullable-boolean\"]\n"
                + "[rules.nullable-boolean]\nseverity = \"info\"\n",
            "x.sql": Self.exitSQL[testCase.finding]!,
        ])
        let run = try CLI.run(testCase.arguments + ["--format", "json", "x.sql"], in: dir.url)
        #expect(run.exitCode == testCase.code, "\(run)")
        #expect(run.stderr.isEmpty, "\(run)")
        let severities = ((run.json?["diagnostics"] as? [[String: Any]]) ?? []).compactMap { $0["severity"] as? String }
        #expect(severities == (testCase.finding == "no" ? [] : [testCase.finding]), "\(run)")
    }

    @Test("--exit-zero still exits 2 on an input error")
    func exitZeroInputError() throws {
        let dir = try TempFolder(["x.sql": Self.exitSQL["error"]!])
        let run = try CLI.run(["--exit-zero", "x.sql", "missing.sql"], in: dir.url)
        #expect(run.exitCode == 2, "\(run)")
        #expect(run.stderrLines.count == 1 && run.stderr.contains("missing.sql"), "\(run)")
    }

    @Test("Usage errors exit 2", arguments: [["--fail-on", "sometimes"], ["--format", "sarif2"], ["--isolated", "--config", "x.toml"],
                                             ["--baseline"], ["--pg-version", "99"]])
    func usageErrors(_ arguments: [String]) throws {
        let dir = try TempFolder(["x.sql": Self.exitSQL["error"]!])
        let run = try CLI.run(arguments + ["x.sql"], in: dir.url)
        #expect(run.exitCode == 2, "\(run)")
        #expect(run.stderrLines.count == 1 && run.stderr.hasPrefix("schemalint: error: "), "\(run)")
        #expect(run.stdout.isEmpty, "\(run)")
    }

    // MARK: rules and explain

    @Test("`schemalint rules --format json` lists the catalogue")
    func rulesJSON() throws {
        let run = try CLI.run(["rules", "--format", "json"])
        #expect(run.exitCode == 0, "\(run)")
        let json = try #require(run.json, "\(run)")
        let rules = try #require(json["rules"] as? [[String: Any]])
        #expect(rules.compactMap { $0["id"] as? String } == RuleRegistry.all.map { $0.metadata.id })
        for (rule, type) in zip(rules, RuleRegistry.all) {
            let m = type.metadata
            #expect(Set(rule.keys) == ["id", "category", "defaultSeverity", "enabledByDefault", "scope", "fix", "summary", "options"])
            let fix = rule["fix"] as? [String: Any]
            #expect(fix?["safety"] as? String == m.fix?.safety.rawValue, "\(m.id)")
            #expect(fix?["placement"] as? String == m.fix.map { $0.placement == .replacesStatement ? "replace" : "after" }, "\(m.id)")
            if m.fix == nil { #expect(rule["fix"] is NSNull, "\(m.id)") }
            #expect(rule["category"] as? String == m.category.rawValue)
            #expect(rule["defaultSeverity"] as? String == m.defaultSeverity.rawValue)
            #expect(rule["enabledByDefault"] as? Bool == m.enabledByDefault)
            #expect(rule["summary"] as? String == m.summary)
            let options = (rule["options"] as? [[String: Any]]) ?? []
            #expect(options.compactMap { $0["name"] as? String } == type.defaultOptionValues.map(\.key), "\(m.id)")
        }
        let inflection = rules.first { $0["id"] as? String == "table-name-inflection" }
        let style = (inflection?["options"] as? [[String: Any]])?.first { $0["name"] as? String == "style" }
        #expect(style?["default"] as? String == "singular", "\(String(describing: style))")
    }

    @Test("`schemalint explain <rule>` prints the rule's page")
    func explain() throws {
        for type in RuleRegistry.all.prefix(5) {
            let run = try CLI.run(["explain", type.metadata.id])
            #expect(run.exitCode == 0, "\(run)")
            #expect(run.stdout == RuleDocumentation.page(for: type), "\(type.metadata.id)")
        }
        let page = try CLI.run(["explain", "float-for-money"]).stdout
        for section in ["# float-for-money", "## Why", "## Options", "## Flagged", "## Not flagged", "money-words"] {
            #expect(page.contains(section), "explain output lacks \(section)")
        }
    }

    @Test("`schemalint explain` with an unknown rule exits 2")
    func explainUnknown() throws {
        let run = try CLI.run(["explain", "no-such-rule"])
        #expect(run.exitCode == 2, "\(run)")
        #expect(run.stderrLines.count == 1 && run.stderr.contains("no-such-rule"), "\(run)")
        #expect(run.stdout.isEmpty)
    }
}
