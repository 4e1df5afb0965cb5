import CCHCCore
import FluentKit
import Foundation
import SQLKit
import WorkCalendar

final class CalendarOverrideModel: Model, @unchecked Sendable {
    static let schema = "calendar_overrides"

    @ID(key: .id) var id: UUID?
    @Field(key: "date") var date: String
    @Field(key: "kind") var kind: String
    @Field(key: "name") var name: String
    @Field(key: "legal_basis") var legalBasis: String
    @Field(key: "created_by_username") var createdByUsername: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "removed_at") var removedAt: Date?
    @OptionalField(key: "removed_by_username") var removedByUsername: String?
    @OptionalField(key: "removal_reason") var removalReason: String?

    init() {}

    init(_ record: CalendarOverrideRecord) {
        id = record.id
        date = record.override.date.description
        kind = record.override.kind.rawValue
        name = record.override.name
        legalBasis = record.override.legalBasis
        createdByUsername = record.createdByUsername
        createdAt = record.createdAt
        removedAt = record.removedAt
        removedByUsername = record.removedByUsername
        removalReason = record.removalReason
    }

    func domain() throws -> CalendarOverrideRecord {
        guard let date = LocalDate(date), let kind = CalendarOverride.Kind(rawValue: kind) else {
            throw StoreError.corruptRow(table: Self.schema, id: id)
        }
        return CalendarOverrideRecord(
            id: try requireID(), override: CalendarOverride(date: date, kind: kind, name: name, legalBasis: legalBasis),
            createdByUsername: createdByUsername, createdAt: createdAt, removedAt: removedAt,
            removedByUsername: removedByUsername, removalReason: removalReason)
    }
}

struct FluentCalendarOverrideRepository: CalendarOverrideRepository {
    let handle: DatabaseHandle

    func active() async throws -> [CalendarOverrideRecord] {
        try await Self.active(on: handle.db)
    }

    static func active(on db: any Database) async throws -> [CalendarOverrideRecord] {
        try await CalendarOverrideModel.query(on: db).filter(\.$removedAt == nil).sort(\.$date).sort(\.$createdAt).all().map { try $0.domain() }
    }

    func history(year: Int) async throws -> [CalendarOverrideRecord] {
        try await CalendarOverrideModel.query(on: handle.db)
            .filter(\.$date >= "\(year)-01-01").filter(\.$date <= "\(year)-12-31")
            .sort(\.$date).sort(\.$createdAt).all().map { try $0.domain() }
    }

    func add(_ override: CalendarOverride, by user: User, officeHours: OfficeHours, now: Date) async throws -> CalendarOverrideRecord {
        try await handle.write { db in
            if !db.isSQLite {
                try await (db as! any SQLDatabase).raw("LOCK TABLE calendar_overrides IN SHARE ROW EXCLUSIVE MODE").run()
            }
            let existing = try await Self.active(on: db)
            let calendar = WorkingCalendar(officeHours: officeHours, overrides: existing.map(\.override))
            try CalendarOverrideRules.errors(for: override, calendar: calendar, existing: existing).throwIfAny()
            let record = CalendarOverrideRecord(override: override, createdByUsername: user.username, createdAt: now)
            try await CalendarOverrideModel(record).create(on: db)
            return record
        }
    }

    func remove(id: UUID, reason: String, by user: User, now: Date) async throws -> CalendarOverrideRecord {
        let reason = reason.trimmingCharacters(in: .whitespaces)
        if reason.isEmpty { throw DomainError.validation([FieldError("reason", "error.required")]) }
        return try await handle.write { db in
            guard let model = try await CalendarOverrideModel.find(id, on: db) else {
                throw DomainError.notFound("calendar.override.not_found")
            }
            guard model.removedAt == nil else { throw DomainError(.conflict, "calendar.override.already_removed") }
            model.removedAt = now
            model.removedByUsername = user.username
            model.removalReason = String(reason.prefix(CalendarOverrideRules.maximumBasisLength))
            try await model.update(on: db)
            return try model.domain()
        }
    }

    func fingerprint() async throws -> String {
        let row = try await handle.sql.raw("SELECT COUNT(*) AS total, COUNT(removed_at) AS removed FROM calendar_overrides").first()
        return "\(try row?.decode(column: "total", as: Int.self) ?? 0):\(try row?.decode(column: "removed", as: Int.self) ?? 0)"
    }
}
