import CCHCCore
import FluentKit
import Foundation
import SQLKit
import WorkCalendar

extension FluentDossierRepository {
    func list(_ query: DossierQuery) async throws -> ResultPage<Dossier> {
        // Two steps: find the page's ids by the indexed columns, then read those few documents. Sorting whole
        // rows would drag every matching document (kilobytes each) through the sort.
        let sortColumn = query.queue.sortsByDeadline ? "due_at" : "submitted_at"
        let sqlite = handle.sql.dialect.name == "sqlite"
        let select = handle.sql.select().column("id").column(ListCursor.key(sortColumn, sqlite: sqlite), as: "sort_key").from(Self.table)
        if !Self.applyScope(query.scope, to: select) { return ResultPage(items: [], nextCursor: nil) }
        Self.applyFilters(query, to: select)
        let ascending = query.queue.sortsAscending
        if let cursor = query.cursor, !cursor.isEmpty {
            let position = try ListCursor(cursor)
            let comparison: SQLBinaryOperator = ascending ? .greaterThan : .lessThan
            let at = try position.bind(sqlite: sqlite)
            // A row value, a range of the index: PostgreSQL answered `due_at > ? OR (due_at = ? AND id > ?)` by
            // reading and sorting every row after the cursor, on every page (3 s a page at a million dossiers).
            let key = SQLGroupExpression([SQLColumn(sortColumn), SQLColumn("id")])
            select.where(SQLBinaryExpression(key, comparison, SQLGroupExpression([at, SQLBind(position.id)])))
        }
        let direction: SQLDirection = ascending ? .ascending : .descending
        let rows = try await handle.all(select.orderBy(sortColumn, direction).orderBy("id", direction).limit(query.limit + 1))
        let ids = try rows.prefix(query.limit).map { try $0.decode(column: "id", as: UUID.self) }
        var byID: [UUID: Dossier] = [:]
        if !ids.isEmpty {
            for row in try await handle.all(selectDocuments().column("id").where("id", .in, ids)) {
                byID[try row.decode(column: "id", as: UUID.self)] = try Self.decode(row)
            }
        }
        let items = ids.compactMap { byID[$0] }
        var next: String?
        if rows.count > query.limit, let last = rows.prefix(query.limit).last {
            next = try ListCursor(row: last, sqlite: sqlite).text
        }
        return ResultPage(items: items, nextCursor: next)
    }

    /// Narrows to the scope; false when the scope is empty.
    static func applyScope(_ scope: DossierQuery.Scope, to builder: some SQLPredicateBuilder) -> Bool {
        switch scope {
        case .province:
            return true
        case .receivedBy(let units):
            guard !units.isEmpty else { return false }
            builder.where("receiving_unit_id", .in, sorted(units))
        case .heldBy(let units):
            guard !units.isEmpty else { return false }
            builder.where("current_unit_id", .in, sorted(units))
        case .involving(let units):
            // The units a dossier has been with, as `Dossier.involvedUnitIDs` (what viewing reads) says.
            guard !units.isEmpty else { return false }
            builder.where(SQLQueryString("id IN (SELECT dossier_id FROM dossier_units WHERE unit_id IN (\(binds: sorted(units))))"))
        case .citizen(let id):
            builder.where("citizen_user_id", .equal, id)
        case .union(let scopes):
            if scopes.contains(where: { if case .province = $0 { return true } else { return false } }) { return true }
            var any = false
            builder.where { group in
                for scope in scopes {
                    group.orWhere { part in
                        if applyScope(scope, to: part) { any = true } else { part.where(SQLLiteral.boolean(false), .equal, SQLLiteral.boolean(true)) }
                        return part
                    }
                }
                return group
            }
            return any
        }
        return true
    }

    private static func sorted(_ units: Set<UUID>) -> [UUID] { units.sorted { $0.uuidString < $1.uuidString } }

    static func applyFilters(_ query: DossierQuery, to select: SQLSelectBuilder) {
        var statuses = query.queue.statuses
        if let status = query.status { statuses = (statuses ?? Set(DossierStatus.allCases)).intersection([status]) }
        if let statuses { select.where("status", .in, statuses.map(\.rawValue).sorted()) }
        if query.queue == .nearingDue { select.where("nearing_due", .equal, true).where("overdue", .equal, false) }
        if query.queue == .overdue { select.where("overdue", .equal, true) }
        if let code = query.procedureCode, !code.isEmpty { select.where("procedure_code", .equal, ProcedureRules.normalizeCode(code)) }
        if let field = query.field, !field.isEmpty { select.where("field", .equal, field) }
        if let from = query.receivedFrom { select.where("submitted_day", .greaterThanOrEqual, from.description) }
        if let to = query.receivedTo { select.where("submitted_day", .lessThanOrEqual, to.description) }
        if let text = query.text?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            if text.contains("-"), !text.contains(" ") {
                select.where("code", .equal, text.uppercased())
            } else {
                for word in SearchText.fold(text).split(separator: " ") {
                    select.where(SearchFilter.contains(column: "search_text", word: String(word)))
                }
            }
        }
    }

    func counts(scope: DossierQuery.Scope) async throws -> [DossierQuery.Queue: Int] {
        let side: DossierQueueCounts.Side
        let entities: Set<UUID>?
        switch scope {
        case .province: (side, entities) = (.received, nil)
        case .receivedBy(let units): (side, entities) = (.received, units)
        case .heldBy(let units): (side, entities) = (.held, units)
        case .citizen(let id): (side, entities) = (.citizen, [id])
        case .involving, .union:
            // A dossier may count for several of the units or roles: the counters cannot be added up.
            return try await countedRows(scope: scope)
        }
        let queues = DossierQuery.Queue.counted
        let sums = try await FluentProjectionRepository(handle: handle).sums(
            projection: DossierQueueCounts.name, counters: queues.map { DossierQueueCounts.counter(side, $0) }, entities: entities, days: nil)
        return Dictionary(uniqueKeysWithValues: queues.map { ($0, sums[DossierQueueCounts.counter(side, $0)] ?? 0) })
    }

    func countedRows(scope: DossierQuery.Scope) async throws -> [DossierQuery.Queue: Int] {
        var counts: [DossierQuery.Queue: Int] = [:]
        for queue in DossierQuery.Queue.counted {
            let select = handle.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(Self.table)
            guard Self.applyScope(scope, to: select) else { return Dictionary(uniqueKeysWithValues: DossierQuery.Queue.counted.map { ($0, 0) }) }
            Self.applyFilters(DossierQuery(scope: scope, queue: queue), to: select)
            counts[queue] = try await select.first()?.decode(column: "n", as: Int.self) ?? 0
        }
        return counts
    }
}

/// Where a page of a list ended: the last row's sort value, exactly as stored, and its id.
///
/// SQLite keeps an instant as a double; sqlite-nio rounds it to microseconds when it makes a `Date`, so a
/// cursor built from the `Date` fell just short of the stored value and the last row came back on the next
/// page. The cursor keeps the stored double itself there, and on PostgreSQL the value's own text, cast
/// back to a timestamp to compare: neither passes through a `Date`.
struct ListCursor {
    var value: String
    var id: UUID

    init(_ text: String) throws {
        let parts = try Cursor.decode(text).split(separator: "|", maxSplits: 1)
        guard parts.count == 2, !parts[0].isEmpty, let id = UUID(uuidString: String(parts[1])) else {
            throw DomainError.validation([FieldError("cursor", "error.cursor_invalid")])
        }
        value = String(parts[0])
        self.id = id
    }

    init(row: any SQLRow, sqlite: Bool) throws {
        value = sqlite ? String(try row.decode(column: "sort_key", as: Double.self)) : try row.decode(column: "sort_key", as: String.self)
        id = try row.decode(column: "id", as: UUID.self)
    }

    var text: String { Cursor.encode("\(value)|\(id.uuidString)") }

    /// The sort column as the cursor keeps it.
    static func key(_ column: String, sqlite: Bool) -> any SQLExpression {
        sqlite ? SQLColumn(column) : SQLQueryString("CAST(\(ident: column) AS TEXT)")
    }

    /// The value as the database compares it; a value that is not one is a bad cursor.
    func bind(sqlite: Bool) throws -> any SQLExpression {
        if sqlite {
            guard let number = Double(value), number.isFinite else { throw DomainError.validation([FieldError("cursor", "error.cursor_invalid")]) }
            return SQLBind(number)
        }
        guard value.count < 64, value.allSatisfy({ $0.isNumber || " -:.+".contains($0) }) else {
            throw DomainError.validation([FieldError("cursor", "error.cursor_invalid")])
        }
        return SQLQueryString("CAST(\(bind: value) AS TIMESTAMPTZ)")
    }
}
