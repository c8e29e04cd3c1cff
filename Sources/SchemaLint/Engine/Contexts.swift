import FoundationEssentials

/// Settings every rule can read.
public struct LintSettings: Sendable {
    /// The PostgreSQL major version the schema runs on (decides version-dependent advice).
    public var pgVersion: Int
    /// Each file runs inside a transaction block (frameworks that wrap every migration in one).
    public var assumeInTransaction: Bool

    /// Parsing threads; 1 parses on the calling thread, as does a run of one file. Output is the same either way.
    public var threads: Int

    public init(pgVersion: Int = 15, assumeInTransaction: Bool = false,
                threads: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.pgVersion = pgVersion
        self.assumeInTransaction = assumeInTransaction
        self.threads = threads
    }
}

/// Who is reporting: the engine sets this per rule so a rule never spells its own id again.
struct FindingSink {
    let rule: String
    let severity: Severity
    let collector: DiagnosticCollector
    /// The files whose findings this sink keeps (nil: all): a group's own files when a run has several.
    var files: Set<ObjectIdentifier>? = nil
    /// The rule's declared fix: where its suggestions go and whether `--fix` applies them without `--unsafe-fixes`.
    var fix: RuleFix? = nil

    func report(_ anchor: SourceAnchor, _ message: String, help: String?, suggestion: String?, object: String? = nil,
                statement: Range<Int>? = nil) {
        if let files, !files.contains(ObjectIdentifier(anchor.file)) { return }
        collector.add(rule: rule, severity: severity, anchor: anchor, message: message, help: help, suggestion: suggestion,
                      object: object, statement: statement, fix: fix)
    }

    func report(_ anchor: SourceAnchor, _ message: String, help: String?, suggestion: String?, object: String?,
                statement: Range<Int>? = nil, unlessFixedLater stillHolds: @escaping @Sendable (SchemaModel) -> Bool) {
        report(anchor, object: object, statement: statement, unlessFixedLater: stillHolds) { (message, help, suggestion) }
    }

    /// A finding that stands only if `stillHolds` on the final model, its text written only then.
    func report(_ anchor: SourceAnchor, object: String?, statement: Range<Int>?,
                unlessFixedLater stillHolds: @escaping @Sendable (SchemaModel) -> Bool,
                text: @escaping () -> (message: String, help: String?, suggestion: String?)) {
        collector.deferUntilFinalModel { model in
            guard stillHolds(model) else { return }
            let (message, help, suggestion) = text()
            report(anchor, message, help: help, suggestion: suggestion, object: object, statement: statement)
        }
    }
}

/// What a statement rule sees: the statement, what it changed, the model after it, the locks it takes
/// and the session state before it.
public struct StatementContext {
    public let statement: Statement
    public let changes: [SchemaChange]
    public let model: SchemaModel
    public let locks: [TableLock]
    public let session: Session
    public let settings: LintSettings
    let sink: FindingSink
    /// What several rules derive from this statement, derived once for all of them.
    let facts: StatementFacts

    /// Whether the table holds no rows when this statement runs: the file created it, or truncated it earlier in the
    /// current transaction and has not written to it since. Work on every row is then no work, under a lock the
    /// transaction already holds.
    public func holdsNoRows(_ target: TableChange) -> Bool {
        target.isNewInFile || session.truncatedTables.contains(target.table.name)
    }

    /// Reports a finding at a byte range of this statement's file. `suggestion` is SQL that fixes it,
    /// where the fix is mechanical. `object` is what the finding is about, qualified (`public.dog` or
    /// `public.dog.client_id`; `QualifiedName.object(column:)` builds it): `ignore-objects` and baselines use it.
    public func report(_ range: Range<Int>, _ message: String, help: String, suggestion: String? = nil,
                       object: String? = nil) {
        sink.report(SourceAnchor(file: statement.file, range: range), message, help: help, suggestion: suggestion,
                        object: object, statement: statement.contentRange)
    }

    public func report(at anchor: SourceAnchor, _ message: String, help: String, suggestion: String? = nil,
                       object: String? = nil) {
        sink.report(anchor, message, help: help, suggestion: suggestion, object: object, statement: statement.contentRange)
    }

    /// Reports a finding that stands only while its problem does: `stillHolds` is asked once, on the final model
    /// of the run, so a later statement that fixes it (ALTER COLUMN … TYPE, a rename, a DROP) withdraws it.
    public func report(at anchor: SourceAnchor, _ message: String, help: String, suggestion: String? = nil,
                       object: String? = nil, unlessFixedLater stillHolds: @escaping @Sendable (SchemaModel) -> Bool) {
        sink.report(anchor, message, help: help, suggestion: suggestion, object: object, statement: statement.contentRange, unlessFixedLater: stillHolds)
    }

    /// As above, with the finding's text written only if it stands: for a rule whose findings a run mostly withdraws
    /// (a `pg_dump --clean` script drops everything it then re-creates). `text` runs after the whole run is replayed,
    /// so it must read only values taken now, never the model or a `Table`, which later statements change.
    public func report(at anchor: SourceAnchor, object: String? = nil,
                       unlessFixedLater stillHolds: @escaping @Sendable (SchemaModel) -> Bool,
                       text: @escaping () -> (message: String, help: String, suggestion: String?)) {
        sink.report(anchor, object: object, statement: statement.contentRange, unlessFixedLater: stillHolds) {
            let (message, help, suggestion) = text()
            return (message, help, suggestion)
        }
    }
}

/// What a whole-schema rule sees: the final model.
public struct SchemaContext {
    public let model: SchemaModel
    public let settings: LintSettings
    let sink: FindingSink

    /// See `StatementContext.report`.
    public func report(at anchor: SourceAnchor, _ message: String, help: String, suggestion: String? = nil,
                       object: String? = nil) {
        sink.report(anchor, message, help: help, suggestion: suggestion, object: object)
    }
}

/// Facts several rules read about one statement (the columns it writes, …), computed on first use and shared by every
/// rule the statement is shown to.
final class StatementFacts {
    var columnWrites: [ColumnWrite]?
}
