import Foundation

extension ParService {
    /// Stores the published national table of a year (reform staff), replacing an earlier import of it;
    /// every bad row named.
    public func importNationalTable(_ table: ParNationalTable, by user: User) async throws {
        guard user.can(.managePar) else { throw DomainError(.forbidden, "auth.forbidden") }
        try table.errors().throwIfAny()
        try await store.par.saveNationalTable(table)
    }

    /// The province's standing in the national table of `year`, graded and split by the provincial set of
    /// the year (the bundled one when none is loaded); nil without a table or without the province in it.
    public func nationalStanding(year: Int, by user: User) async throws -> ParNationalStanding? {
        guard user.can(.viewPar) else { throw DomainError(.forbidden, "auth.forbidden") }
        guard let table = try await store.par.nationalTable(year: year) else { return nil }
        let province = try await store.units.tree().units.first { $0.kind == .province && $0.parentID == nil }
        let set = try await latestCriteria(year: year, level: .province)?.set ?? ParCriteriaSet.provincial(year: year)
        return ParNationalStanding(
            province: province?.name ?? "", table: table, previous: try await store.par.nationalTable(year: year - 1), set: set)
    }
}
