extension Store {
    /// The procedure version a dossier was received under, and the unit tree: what every view of a dossier
    /// and every action on it reads first.
    public func procedureAndUnits(for dossier: some DossierRouting) async throws -> (procedure: Procedure, tree: UnitTree) {
        guard let procedure = try await procedures.find(id: dossier.procedureID) else {
            throw DomainError.notFound("procedure.not_found", arguments: ["code": dossier.procedureCode])
        }
        return (procedure, try await units.tree())
    }
}
