import FluentKit
import Logging
import SQLKit

/// The numbered migrations, in order. Never edit one that has landed: add the next number.
public enum SchemaMigrations {
    public static var all: [any Migration] {
        [
            M0001CreateUnits(),
            M0002CreateUsers(),
            M0003CreateSessions(),
            M0004CreateAPITokens(),
            M0005CreateSecurityEvents(),
            M0006CreateCalendarOverrides(),
            M0007CreateProcedures(),
            M0008CreateDossiers(),
            M0009CreateDossierEvents(),
            M0010CreateIntakeSupport(),
            M0011DossierDocumentsV2(),
            M0012TypedDossierEvents(),
            M0013CreateProjections(),
            M0014CreateProvinceSettings(),
            M0015CreateUserRoles(),
            M0016ProcedureProvenance(),
            M0017CreateRuleSets(),
            M0018ProcedurePublication(),
            M0019DossiersByStatusAndReceipt(),
            M0020CountersByDayCovering(),
            M0021CreateFeedback(),
            M0022CreateSurveys(),
            M0023FeedbackBySender(),
            M0024CreateFeedbackFiles(),
            M0025CreateDialoguesAndTasks(),
            M0026CreateParIndex(),
            M0027CreateReformPlans(),
            M0028CreateComplianceRequirements(),
            M0029CreatePeriodicReports(),
            M0030CreateGovernanceRecords(),
            M0031CreateNotifications(),
            M0032CreatePersonalDataAccess(),
            M0033CreateTwoFactor(),
            M0034CreateAtRiskForecast(),
        ]
    }

    public static var names: [String] { all.map(\.name) }

    public static func register(in migrations: Migrations) {
        migrations.add(all, to: DatabaseTarget.databaseID)
    }

    /// Migrations the database has run that this build does not know: the database was upgraded by a
    /// newer cchc, and running older code on it could damage data.
    public static func unknownApplied(on db: any Database) async throws -> [String] {
        let known = Set(names)
        return try await applied(on: db).filter { !known.contains($0) }.sorted()
    }

    /// Names of known migrations not yet applied.
    public static func pending(on db: any Database) async throws -> [String] {
        let applied = Set(try await applied(on: db))
        return names.filter { !applied.contains($0) }
    }

    /// Names recorded in Fluent's migration table; none on a new database.
    static func applied(on db: any Database) async throws -> [String] {
        let sql = db as! any SQLDatabase
        let existsQuery: SQLQueryString =
            sql.dialect.name == "sqlite"
            ? "SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name = '_fluent_migrations'"
            : "SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_name = '_fluent_migrations' AND table_schema = current_schema()"
        guard try await sql.raw(existsQuery).first()?.decode(column: "n", as: Int.self) ?? 0 > 0 else { return [] }
        return try await sql.raw("SELECT name FROM _fluent_migrations").all().map { try $0.decode(column: "name", as: String.self) }
    }
}
