/// How a migration tool lays out its files: which files run forward, in which order, and which code is a
/// rollback (down section, down file, undo or revert script) that never runs forward.
public enum MigrationLayout: String, CaseIterable, Sendable {
    /// Every `*.sql`, in natural order, all forward (the behaviour without a recognised tool).
    case plain
    /// pressly/goose: `-- +goose Up` / `-- +goose Down` sections in one file per version.
    case goose
    /// dbmate: `-- migrate:up` / `-- migrate:down` sections in one file per version.
    case dbmate
    /// diesel: `<timestamp>_<name>/up.sql` and `down.sql`.
    case diesel
    /// golang-migrate and sqlx: `<version>_<name>.up.sql` and `.down.sql` (sqlx's simple `<version>_<name>.sql` too).
    case golangMigrate = "golang-migrate"
    /// Flyway: `V<version>__<name>.sql`, `U<version>__` undo scripts, `R__` repeatables.
    case flyway
    /// refinery: Flyway's names, but a `U<version>__` file is an unversioned migration that runs forward. Only
    /// when forced: by its file names a refinery folder is a Flyway folder.
    case refinery
    /// sqitch: the changes of `sqitch.plan`, in plan order, from `deploy/`.
    case sqitch
    /// Prisma Migrate: `migrations/<timestamp>_<name>/migration.sql`.
    case prisma
    /// Alembic offline output (`alembic upgrade --sql`): one script, a `-- Running upgrade A -> B` section per revision.
    case alembic

    /// Names that also select a layout: tools that share another's file names.
    static let aliases: [String: MigrationLayout] = ["sqlx": .golangMigrate, "golang_migrate": .golangMigrate]

    /// The layout a config value or `--layout` names; nil for an unknown name.
    public init?(named name: String) {
        let key = name.lowercased()
        guard let layout = MigrationLayout(rawValue: key) ?? Self.aliases[key] else { return nil }
        self = layout
    }

    /// The accepted names, for error messages.
    public static var acceptedNames: String {
        (allCases.map(\.rawValue) + ["sqlx"]).joined(separator: ", ")
    }

    /// The sections this layout's markers cut a file into, or nil when its files have no sections.
    var sectionMarkers: SectionMarkers? {
        switch self {
        case .goose: .goose
        case .dbmate: .dbmate
        case .alembic: .alembic
        default: nil
        }
    }
}
