import FoundationEssentials
/// A secret kept as readable text.
public struct PlaintextSecretColumn: Rule {
    public struct Options: RuleOptions {
        public var names = ["password", "passwd", "pwd", "secret", "api_key", "token", "access_token", "refresh_token",
                            "private_key", "ssn", "credit_card", "card_number", "cvv", "iban", "account_number"]
        public var exemptSuffixes = ["_hash", "_digest", "_encrypted", "_ciphertext"]
        public var exemptPrefixes = ["encrypted_", "hashed_"]
        public init() {}
        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            let d = Self()
            names = try c.option(.names, or: d.names)
            exemptSuffixes = try c.option(.exemptSuffixes, or: d.exemptSuffixes)
            exemptPrefixes = try c.option(.exemptPrefixes, or: d.exemptPrefixes)
        }
        enum CodingKeys: String, CodingKey {
            case names, exemptSuffixes = "exempt-suffixes", exemptPrefixes = "exempt-prefixes"
        }
        public static let documentation = [
            "names": "Secret names: a column is flagged when its whole name is one of these or ends with `_` and one of them (`stripe_api_key`, `user_password`).",
            "exempt-suffixes": "Names ending with one of these hold a derived value and are not flagged.",
            "exempt-prefixes": "Names starting with one of these hold a derived value and are not flagged (Devise's `encrypted_password` holds a bcrypt hash).",
        ]
    }

    public static let metadata = RuleMetadata(
        id: "plaintext-secret-column",
        summary: "A text column named like a secret (password, token, api_key, …) that is not a hash or ciphertext.",
        rationale: """
            Whatever can read the table (a replica, a backup, a log of a slow query, a support tool) can \
            read a secret stored as text. Passwords belong hashed with a slow hash (bcrypt, scrypt, argon2), \
            tokens and API keys hashed (the client keeps the secret) or encrypted, card and account numbers \
            encrypted or not stored at all. A text, varchar or char column is flagged when its name, or its \
            last words, is a secret name (option `names`), unless its name says it holds a hash or ciphertext \
            (`_hash`, `_digest`, `_encrypted`, `_ciphertext`; `encrypted_`, `hashed_`). bytea columns are not \
            flagged. Checked in CREATE TABLE, ADD COLUMN and ALTER COLUMN TYPE; a later rename or type change \
            in the run withdraws the finding.
            """,
        category: .design, defaultSeverity: .warning, scope: .statement,
        bad: [
            RuleExample("CREATE TABLE app_user (id bigint PRIMARY KEY, email text NOT NULL, «password varchar(100) NOT NULL»);"),
            RuleExample("ALTER TABLE integration «ADD COLUMN stripe_api_key text»;"),
        ],
        good: [
            RuleExample("""
                CREATE TABLE app_user (
                  id bigint PRIMARY KEY,
                  password_hash text NOT NULL,
                  encrypted_password varchar(255),
                  api_key_digest text,
                  refresh_token bytea,
                  token_count int,
                  secret_question_id bigint
                );
                """),
        ])

    public let options: Options
    public static let triggers: RuleTriggers = ColumnWrite.triggers

    /// The options folded to lower case once: every text column of the run is checked against them.
    private let names: [(exact: String, suffix: String)]
    private let exemptSuffixes: [String], exemptPrefixes: [String]

    public init(options: Options) {
        self.options = options
        names = options.names.map { ($0.lowercased(), "_" + $0.lowercased()) }
        exemptSuffixes = options.exemptSuffixes.map { $0.lowercased() }
        exemptPrefixes = options.exemptPrefixes.map { $0.lowercased() }
    }

    public func check(statement: StatementContext) {
        for write in statement.columnWrites where write.type.isText && isSecret(write.name) {
            let options = self.options
            statement.report(write, "Column \(write.quoted) looks like a secret stored as plain text",
                help: "Store a hash (passwords: bcrypt or argon2; tokens and keys: SHA-256 of a random value) or ciphertext, "
                    + "and name the column for it (\(write.name)_hash).",
                stillBad: { column, _ in column.type.isText && PlaintextSecretColumn(options: options).isSecret(column.name) })
        }
    }

    func isSecret(_ name: String) -> Bool {
        let lower = name.lowercased()
        if exemptSuffixes.contains(where: { lower.hasSuffix($0) }) { return false }
        if exemptPrefixes.contains(where: { lower.hasPrefix($0) }) { return false }
        return names.contains { lower == $0.exact || lower.hasSuffix($0.suffix) }
    }
}
