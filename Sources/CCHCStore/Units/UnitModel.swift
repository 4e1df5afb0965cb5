import CCHCCore
import FluentKit
import Foundation
import WorkCalendar

final class UnitModel: Model, @unchecked Sendable {
    static let schema = "units"

    @ID(key: .id) var id: UUID?
    @Field(key: "code") var code: String
    @Field(key: "name") var name: String
    @Field(key: "short_name") var shortName: String
    @Field(key: "kind") var kind: String
    @OptionalField(key: "parent_id") var parentID: UUID?
    @Field(key: "effective_from") var effectiveFrom: String
    @OptionalField(key: "effective_to") var effectiveTo: String?
    @OptionalField(key: "successor_id") var successorID: UUID?
    /// Code, name and short name folded for accent-insensitive search.
    @Field(key: "search_text") var searchText: String
    @Field(key: "version") var version: Int
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    init(_ unit: OrgUnit) {
        self.id = unit.id
        self.code = unit.code
        update(from: unit)
    }

    func update(from unit: OrgUnit) {
        name = unit.name
        shortName = unit.shortName
        kind = unit.kind.rawValue
        parentID = unit.parentID
        effectiveFrom = unit.effectiveFrom.description
        effectiveTo = unit.effectiveTo?.description
        successorID = unit.successorID
        searchText = SearchText.fold("\(unit.code) \(unit.name) \(unit.shortName)")
        version = unit.version
        createdAt = unit.createdAt
        updatedAt = unit.updatedAt
    }

    func domain() throws -> OrgUnit {
        guard let kind = UnitKind(rawValue: kind), let from = LocalDate(effectiveFrom) else {
            throw StoreError.corruptRow(table: Self.schema, id: id)
        }
        return OrgUnit(
            id: try requireID(), code: code, name: name, shortName: shortName, kind: kind, parentID: parentID,
            effectiveFrom: from, effectiveTo: effectiveTo.flatMap { LocalDate($0) }, successorID: successorID,
            version: version, createdAt: createdAt, updatedAt: updatedAt)
    }
}
