import Foundation
import Testing
@testable import SchemaLint

/// `.schemalint.toml` as the library reads it: validation (every error with its line), key locations, globs,
/// layering of the top level, overrides and command-line flags, and discovery.
@Suite("Configuration")
struct ConfigTests {
    static func parse(_ text: String, directory: String = "/project") throws -> Configuration {
        try ConfigLoader.parse(text, path: "cfg.toml", directory: directory)
    }

    /// The error a config text produces (nil when it is valid).
    static func error(_ text: String, directory: String = "/project") -> ConfigError? {
        do { _ = try parse(text, directory: directory); return nil } catch let error as ConfigError { return error } catch {
            Issue.record("unexpected error type: \(error)")
            return nil
        }
    }

    // MARK: reading

    @Test("Every key is read")
    func everyKey() throws {
        let dir = try TempFolder(["db/old/1.sql": "CREATE TABLE a (id int);\n"])
        let config = try Self.parse("""
            select = ["design", "fk-without-index"]
            extend-select = ["safety"]
            ignore = ["unnamed-constraint"]
            pg-version = 12
            exclude = ["db/generated/**", "*.tmp.sql"]
            context = ["db/old"]
            assume-in-transaction = true
            ignore-objects = ["audit.*"]

            [rules.table-name-inflection]
            severity = "error"
            style = "plural"
            ignore-objects = ["public.people"]

            [rules.fk-without-on-delete]
            severity = "off"

            [[overrides]]
            files = ["db/migrations/**"]
            select = ["safety"]
            extend-select = ["float-for-money"]
            ignore = ["alter-column-type"]
            pg-version = 11
            assume-in-transaction = false
            context = ["db/old/1.sql"]
            ignore-objects = ["public.tmp_*"]
            [overrides.rules.float-for-money]
            severity = "info"
            money-words = ["price"]
            """, directory: dir.url.path)
        #expect(config.base.select == ["design", "fk-without-index"])
        #expect(config.base.extendSelect == ["safety"])
        #expect(config.base.ignore == ["unnamed-constraint"])
        #expect(config.base.pgVersion == 12)
        #expect(config.exclude == ["db/generated/**", "*.tmp.sql"])
        #expect(config.base.context == [Paths.absolute(dir.path("db/old"))])
        #expect(config.base.assumeInTransaction == true)
        #expect(config.base.ignoreObjects == ["audit.*"])
        #expect(config.base.rules["table-name-inflection"] == RuleConfig(
            severity: .level(.error), ignoreObjects: ["public.people"], options: ["style": .string("plural")]))
        #expect(config.base.rules["fk-without-on-delete"]?.severity == .off)
        #expect(config.overrides.count == 1)
        let o = try #require(config.overrides.first)
        #expect(o.files == ["db/migrations/**"])
        #expect(o.layer.select == ["safety"] && o.layer.extendSelect == ["float-for-money"] && o.layer.ignore == ["alter-column-type"])
        #expect(o.layer.pgVersion == 11 && o.layer.assumeInTransaction == false)
        #expect(o.layer.context == [Paths.absolute(dir.path("db/old/1.sql"))])
        #expect(o.layer.ignoreObjects == ["public.tmp_*"])
        #expect(o.layer.rules["float-for-money"] == RuleConfig(severity: .level(.info), options: ["money-words": .array([.string("price")])]))
    }

    @Test("An empty file is the defaults")
    func emptyFile() throws {
        let config = try Self.parse("# nothing yet\n")
        #expect(config.base == ConfigLayer())
        #expect(config.exclude.isEmpty && config.overrides.isEmpty)
    }

    struct ErrorCase: CustomTestStringConvertible, Sendable {
        var name: String
        var toml: String
        var line: Int
        var contains: [String]
        var testDescription: String { name }
    }

    static let errorCases: [ErrorCase] = [
        ErrorCase(name: "TOML syntax", toml: "select = [\"design\"]\npg-version = \n", line: 2, contains: ["invalid TOML"]),
        ErrorCase(name: "duplicate key", toml: "pg-version = 14\npg-version = 15\n", line: 2, contains: ["invalid TOML"]),
        ErrorCase(name: "unknown top-level key", toml: "\n# comment\nselcet = [\"design\"]\n", line: 3,
                  contains: ["unknown key `selcet`", "select"]),
        ErrorCase(name: "unknown rule id in [rules]", toml: "pg-version = 15\n\n[rules.no-such-rule]\nseverity = \"error\"\n", line: 3,
                  contains: ["unknown rule `no-such-rule`"]),
        ErrorCase(name: "unknown rule id in a dotted key", toml: "rules.nope.severity = \"error\"\n", line: 1,
                  contains: ["unknown rule `nope`"]),
        ErrorCase(name: "unknown selector in select", toml: "select = [\n  \"design\",\n  \"no-such-rule\",\n]\n", line: 3,
                  contains: ["no-such-rule", "select"]),
        ErrorCase(name: "unknown selector in extend-select", toml: "extend-select = [\"nope\"]\n", line: 1, contains: ["'nope'", "extend-select"]),
        ErrorCase(name: "unknown selector in ignore", toml: "ignore = [\"nope\"]\n", line: 1, contains: ["'nope'", "ignore"]),
        ErrorCase(name: "select is not an array", toml: "select = \"design\"\n", line: 1, contains: ["`select` must be an array of strings"]),
        ErrorCase(name: "non-string in an array", toml: "exclude = [\"a\", 3]\n", line: 1, contains: ["item 2 is an integer"]),
        ErrorCase(name: "pg-version type", toml: "pg-version = \"15\"\n", line: 1, contains: ["`pg-version` must be an integer"]),
        ErrorCase(name: "pg-version range", toml: "pg-version = 8\n", line: 1, contains: ["between 9 and 18"]),
        ErrorCase(name: "assume-in-transaction type", toml: "assume-in-transaction = \"yes\"\n", line: 1, contains: ["true or false"]),
        ErrorCase(name: "missing context path", toml: "context = [\"no/such/folder\"]\n", line: 1, contains: ["no/such/folder", "does not exist"]),
        ErrorCase(name: "bad severity", toml: "[rules.fk-without-index]\n\nseverity = \"fatal\"\n", line: 3,
                  contains: ["bad severity \"fatal\"", "fk-without-index"]),
        ErrorCase(name: "severity not a string", toml: "[rules.fk-without-index]\nseverity = 2\n", line: 2, contains: ["bad severity an integer"]),
        ErrorCase(name: "unknown option", toml: "[rules.table-name-inflection]\nstyle = \"plural\"\ncasing = \"snake\"\n", line: 3,
                  contains: ["unknown key `casing`", "`style`"]),
        ErrorCase(name: "option on a rule without options", toml: "[rules.fk-without-index]\nstyle = \"plural\"\n", line: 2,
                  contains: ["unknown key `style`"]),
        ErrorCase(name: "bad option value (enum)", toml: "[rules.table-name-inflection]\nstyle = \"sideways\"\n", line: 2,
                  contains: ["bad value for option `style`", "sideways", "singular"]),
        ErrorCase(name: "bad option value (type)", toml: "[rules.float-for-money]\nmoney-words = \"price\"\n", line: 2,
                  contains: ["bad value for option `money-words`", "expected an array"]),
        ErrorCase(name: "rule is not a table", toml: "[rules]\nfk-without-index = \"error\"\n", line: 2, contains: ["must be a table"]),
        ErrorCase(name: "overrides without files", toml: "[[overrides]]\nignore = [\"design\"]\n", line: 1, contains: ["needs `files`"]),
        ErrorCase(name: "override with an empty files", toml: "[[overrides]]\nfiles = []\n", line: 2, contains: ["at least one"]),
        ErrorCase(name: "unknown key in an override", toml: "[[overrides]]\nfiles = [\"a\"]\n[[overrides]]\nfiles = [\"b\"]\nfoo = 1\n", line: 5,
                  contains: ["unknown key `foo` in [[overrides]]"]),
        ErrorCase(name: "exclude in an override", toml: "[[overrides]]\nfiles = [\"a\"]\nexclude = [\"b\"]\n", line: 3,
                  contains: ["`exclude` is not allowed in [[overrides]]"]),
        ErrorCase(name: "unknown rule in an override", toml: "[[overrides]]\nfiles = [\"a\"]\n[overrides.rules.nope]\nseverity = \"off\"\n", line: 3,
                  contains: ["unknown rule `nope`"]),
        ErrorCase(name: "bad severity in an override", toml: "[[overrides]]\nfiles = [\"a\"]\nrules.float-for-money.severity = \"loud\"\n", line: 3,
                  contains: ["bad severity \"loud\""]),
        ErrorCase(name: "overrides is not an array of tables", toml: "overrides = 3\n", line: 1, contains: ["array of tables"]),
        ErrorCase(name: "unknown key in an inline table", toml: "rules = { fk-without-index = { severity = \"warning\", colour = 1 } }\n",
                  line: 1, contains: ["unknown key `colour`"]),
        ErrorCase(name: "first error in the file wins", toml: "zzz = 1\naaa = 2\n", line: 1, contains: ["`zzz`"]),
    ]

    @Test("Config errors name the file, the line of the key, and the problem", arguments: errorCases)
    func configError(_ testCase: ErrorCase) throws {
        let error = try #require(Self.error(testCase.toml), "expected an error for:\n\(testCase.toml)")
        #expect(error.path == "cfg.toml")
        #expect(error.line == testCase.line, "\(error)")
        for fragment in testCase.contains { #expect(error.message.contains(fragment), "\(error) should contain \(fragment)") }
        #expect(error.description.hasPrefix("cfg.toml:\(testCase.line): "), "\(error)")
    }

    @Test("Every rule's options are accepted by key, and `off` is a severity")
    func everyRuleAcceptsItsOptions() throws {
        for rule in RuleRegistry.all {
            var toml = "[rules.\(rule.metadata.id)]\nseverity = \"off\"\n"
            for (key, value) in rule.defaultOptionValues { toml += "\(key) = \(Self.tomlLiteral(json: value))\n" }
            #expect(Self.error(toml) == nil, "\(rule.metadata.id):\n\(toml)\n\(String(describing: Self.error(toml)))")
        }
    }

    /// A default option value (JSON text) written as TOML: arrays, strings, numbers and booleans are spelt alike.
    static func tomlLiteral(json: String) -> String { json.replacingOccurrences(of: "\":", with: "\" =") }

    // MARK: key locations

    @Test("The locator finds tables, dotted keys, array tables, inline tables and array elements")
    func locator() {
        let text = """
            # header comment
            select = [
              "design",   # a comment with = and [brackets]
              "safety",
            ]
            description = \"\"\"
            not = a key
            [not.a.table]
            \"\"\"
            rules.fk-without-index.severity = "error"

            [rules.table-name-inflection]
            style = 'plural'

            [[overrides]]
            files = ["a"]
            [overrides.rules."float-for-money"]
            money-words = ["x"]

            [[overrides]]
            files = ["b"]
            rules = { unnamed-constraint = { severity = "off" } }
            """
        let locator = TOMLKeyLocator(text)
        #expect(locator.line(of: ["select"]) == 2)
        #expect(locator.line(of: ["select", "1"]) == 4)
        #expect(locator.line(of: ["not"]) == nil)
        #expect(locator.line(of: ["rules", "fk-without-index", "severity"]) == 10)
        #expect(locator.line(of: ["rules", "table-name-inflection"]) == 12)
        #expect(locator.line(of: ["rules", "table-name-inflection", "style"]) == 13)
        #expect(locator.line(of: ["overrides", "0"]) == 15)
        #expect(locator.line(of: ["overrides", "0", "files"]) == 16)
        #expect(locator.line(of: ["overrides", "0", "rules", "float-for-money", "money-words"]) == 18)
        #expect(locator.line(of: ["overrides", "1", "files"]) == 21)
        #expect(locator.line(of: ["overrides", "1", "rules", "unnamed-constraint", "severity"]) == 22)
        // A key that is not there falls back to its nearest written parent.
        #expect(locator.line(of: ["rules", "table-name-inflection", "nope"]) == 12)
    }

    // MARK: globs

    @Test("Path globs", arguments: [
        ("db/legacy", "db/legacy/001.sql", true),
        ("db/legacy", "db/legacy2/001.sql", false),
        ("db/*.sql", "db/a.sql", true),
        ("db/*.sql", "db/sub/a.sql", false),
        ("db/**/*.sql", "db/a.sql", true),
        ("db/**/*.sql", "db/x/y/a.sql", true),
        ("**/generated/**", "a/generated/b/c.sql", true),
        ("*.gen.sql", "deep/down/x.gen.sql", true),
        ("legacy", "db/legacy/x.sql", true),
        ("/legacy", "db/legacy/x.sql", false),
        ("/legacy", "legacy/x.sql", true),
        ("./db/x.sql", "db/x.sql", true),
        ("db/00[0-4]_*.sql", "db/003_a.sql", true),
        ("db/00[0-4]_*.sql", "db/005_a.sql", false),
        ("db/00[!0-4]_*.sql", "db/005_a.sql", true),
        ("db/?.sql", "db/a.sql", true),
        ("db/?.sql", "db/ab.sql", false),
    ])
    func pathGlob(_ pattern: String, _ path: String, _ expected: Bool) {
        #expect(Glob(pattern).matches(path) == expected, "\(pattern) ~ \(path)")
    }

    @Test("Object globs", arguments: [
        ("public.audit_*", "public.audit_log", true),
        ("public.audit_*", "public.audit_log.created_at", true),
        ("public.audit_*", "billing.audit_log", false),
        ("*.audit_log", "billing.audit_log.id", true),
        ("public.dog.legacy_*", "public.dog.legacy_flag", true),
        ("public.dog.legacy_*", "public.dog", false),
        ("**.created_at", "public.dog.created_at", true),
        ("public.*", "public.dog.created_at", true),
        ("audit_log", "public.audit_log", false),
    ])
    func objectGlob(_ pattern: String, _ object: String, _ expected: Bool) {
        #expect(Glob(pattern, separator: ".").matches(object) == expected, "\(pattern) ~ \(object)")
    }

    // MARK: layering

    static func ids(_ settings: FileSettings) -> [String] { settings.rules.map(\.id) }

    static let recommended = RuleRegistry.all.filter { $0.metadata.enabledByDefault }.map { $0.metadata.id }

    @Test("No config: the recommended rules at their default severities, PostgreSQL 15")
    func defaults() throws {
        let settings = try Configuration.defaults(directory: "/project").settings(for: "/project/a.sql")
        #expect(Self.ids(settings) == Self.recommended)
        #expect(settings.rules.allSatisfy { $0.severity == RuleRegistry.rule(id: $0.id)!.metadata.defaultSeverity && $0.optionsJSON == nil })
        #expect(settings.pgVersion == 15 && !settings.assumeInTransaction && settings.context.isEmpty)
    }

    @Test("select, extend-select and ignore; severities and options per rule")
    func topLevelSelection() throws {
        let config = try Self.parse("""
            select = ["safety"]
            extend-select = ["float-for-money", "table-name-inflection"]
            ignore = ["table-name-inflection"]
            [rules.float-for-money]
            severity = "warning"
            money-words = ["price"]
            """)
        let settings = try config.settings(for: "/project/x.sql")
        let safety = RuleRegistry.all.filter { $0.metadata.category == .safety }.map { $0.metadata.id }
        #expect(Self.ids(settings) == RuleRegistry.all.map { $0.metadata.id }.filter { safety.contains($0) || $0 == "float-for-money" })
        let money = try #require(settings.rules.first { $0.id == "float-for-money" })
        #expect(money.severity == .warning)
        // One option of two: the other keeps its default.
        let options = try #require(money.optionsJSON.flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] })
        #expect(options["money-words"] as? [String] == ["price"])
        #expect(options["money-suffixes"] as? [String] == FloatForMoney.Options().moneySuffixes)
        let built = try settings.configuredRules()
        #expect(built.first { type(of: $0.rule).metadata.id == "float-for-money" }?.severity == .warning)
    }

    @Test("severity = \"off\" turns a rule off, even when selected")
    func severityOff() throws {
        let config = try Self.parse("[rules.fk-without-index]\nseverity = \"off\"\n")
        #expect(!Self.ids(try config.settings(for: "/project/x.sql")).contains("fk-without-index"))
        let cli = CommandLineSettings(select: ["fk-without-index"])
        #expect(Self.ids(try config.settings(for: "/project/x.sql", commandLine: cli)).isEmpty)
    }

    @Test("Overrides apply to the files they match, in order, on top of the top level")
    func overrides() throws {
        let config = try Self.parse("""
            pg-version = 14
            ignore = ["unnamed-constraint"]
            [rules.table-name-inflection]
            style = "plural"

            [[overrides]]
            files = ["db/migrations/**"]
            select = ["safety"]
            pg-version = 11
            assume-in-transaction = true

            [[overrides]]
            files = ["db/migrations/0*_legacy.sql"]
            extend-select = ["fk-without-index"]
            ignore = ["alter-column-type"]

            [[overrides]]
            files = ["schema.sql"]
            [overrides.rules.table-name-inflection]
            severity = "error"
            [overrides.rules.fk-without-index]
            severity = "info"
            """)
        let top = try config.settings(for: "/project/other.sql")
        #expect(top.pgVersion == 14 && !top.assumeInTransaction)
        #expect(!Self.ids(top).contains("unnamed-constraint") && Self.ids(top).contains("fk-without-index"))

        let migration = try config.settings(for: "/project/db/migrations/002_add.sql")
        let safety = RuleRegistry.all.filter { $0.metadata.category == .safety }.map { $0.metadata.id }
        #expect(Set(Self.ids(migration)) == Set(safety))
        #expect(migration.pgVersion == 11 && migration.assumeInTransaction)

        let legacy = try config.settings(for: "/project/db/migrations/001_legacy.sql")
        #expect(Set(Self.ids(legacy)) == Set(safety).subtracting(["alter-column-type"]).union(["fk-without-index"]))
        #expect(legacy.pgVersion == 11)

        let schema = try config.settings(for: "/project/schema.sql")
        #expect(schema.rules.first { $0.id == "fk-without-index" }?.severity == .info)
        // Severity from the override, options still from the top level (tables merge key by key).
        let inflection = try #require(schema.rules.first { $0.id == "table-name-inflection" })
        #expect(inflection.severity == .error)
        #expect(inflection.optionsJSON?.contains(#""style":"plural""#) == true, "\(String(describing: inflection.optionsJSON))")
        #expect(top.rules.first { $0.id == "table-name-inflection" }?.severity == .warning)
    }

    @Test("Command-line flags override the file; overrides still refine the rule set")
    func commandLineWins() throws {
        let config = try Self.parse("""
            select = ["safety"]
            extend-select = ["float-for-money"]
            ignore = ["alter-column-type"]
            pg-version = 12
            assume-in-transaction = true
            [[overrides]]
            files = ["legacy/**"]
            ignore = ["fk-without-index"]
            pg-version = 10
            """)
        let cli = CommandLineSettings(select: ["design"], ignore: ["nullable-boolean"], pgVersion: 16,
                                      assumeInTransaction: false, context: ["/elsewhere"])
        let settings = try config.settings(for: "/project/a.sql", commandLine: cli)
        let design = RuleRegistry.all.filter { $0.metadata.category == .design }.map { $0.metadata.id }
        #expect(Set(Self.ids(settings)) == Set(design).subtracting(["nullable-boolean"]))
        #expect(settings.pgVersion == 16 && !settings.assumeInTransaction && settings.context == ["/elsewhere"])
        let legacy = try config.settings(for: "/project/legacy/a.sql", commandLine: cli)
        #expect(!Self.ids(legacy).contains("fk-without-index"))
        #expect(legacy.pgVersion == 16)
    }

    @Test("ignore-objects: global, per rule and per override")
    func objectFilter() throws {
        let config = try Self.parse("""
            ignore-objects = ["audit.*"]
            [rules.nullable-boolean]
            ignore-objects = ["public.dog.is_*"]
            [[overrides]]
            files = ["legacy/**"]
            ignore-objects = ["public.old_*"]
            """)
        func finding(_ rule: String, _ object: String?) -> Diagnostic {
            Diagnostic(rule: rule, severity: .warning, message: "m", file: "x.sql", start: SourcePosition(line: 1, column: 1),
                       end: SourcePosition(line: 1, column: 2), byteRange: 0..<1, object: object)
        }
        let plain = config.objectFilter(for: "/project/a.sql")
        #expect(plain.ignores(finding("fk-without-index", "audit.log.id")))
        #expect(!plain.ignores(finding("fk-without-index", "public.dog.is_good")))
        #expect(plain.ignores(finding("nullable-boolean", "public.dog.is_good")))
        #expect(!plain.ignores(finding("nullable-boolean", nil)), "findings without an object are never ignored")
        #expect(!plain.ignores(finding("fk-without-index", "public.old_dog")))
        #expect(config.objectFilter(for: "/project/legacy/1.sql").ignores(finding("fk-without-index", "public.old_dog")))
    }

    @Test("Exclude globs are relative to the config file's folder")
    func exclude() throws {
        let config = try Self.parse("exclude = [\"db/generated\", \"*.tmp.sql\"]\n", directory: "/project")
        #expect(config.isExcluded("/project/db/generated/x.sql"))
        #expect(config.isExcluded("/project/db/a.tmp.sql"))
        #expect(!config.isExcluded("/project/db/a.sql"))
        #expect(!config.isExcluded("/elsewhere/db/generated/x.sql"))
    }

    // MARK: discovery

    @Test("Discovery walks up from the working directory; --isolated ignores; --config picks")
    func discovery() throws {
        let dir = try TempFolder([".schemalint.toml": "pg-version = 13\n", "a/b/c/.keep": "", "other.toml": "pg-version = 11\n"])
        let nested = dir.path("a/b/c")
        #expect(ConfigDiscovery.find(from: nested) == Paths.absolute(dir.path(".schemalint.toml")))
        let found = try ConfigDiscovery.configuration(explicitPath: nil, isolated: false, workingDirectory: nested)
        #expect(found.base.pgVersion == 13)
        #expect(found.directory == Paths.absolute(dir.url.path))
        let isolated = try ConfigDiscovery.configuration(explicitPath: nil, isolated: true, workingDirectory: nested)
        #expect(isolated.path == nil && isolated.base.pgVersion == nil)
        let explicit = try ConfigDiscovery.configuration(explicitPath: dir.path("other.toml"), isolated: false, workingDirectory: nested)
        #expect(explicit.base.pgVersion == 11)
        #expect(throws: ConfigError.self) {
            try ConfigDiscovery.configuration(explicitPath: dir.path("missing.toml"), isolated: false, workingDirectory: nested)
        }
    }
}
