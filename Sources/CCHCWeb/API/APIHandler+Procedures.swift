import CCHCCore
import Foundation
import WorkCalendar

extension APIHandler {
    func listProcedures(_ input: Operations.ListProcedures.Input) async throws -> Operations.ListProcedures.Output {
        let request = try self.request
        let query = input.query
        let page = try await request.store.procedures.search(
            ProcedureQuery(
                text: query.q, field: query.field, inForceOn: request.today, onlineOnly: query.online ?? false,
                cursor: query.cursor, limit: query.limit ?? 50))
        return .ok(.init(body: .json(.init(items: page.items.map(Components.Schemas.ProcedureSummary.init), nextCursor: page.nextCursor))))
    }

    func getProcedure(_ input: Operations.GetProcedure.Input) async throws -> Operations.GetProcedure.Output {
        let request = try self.request
        let code = ProcedureRules.normalizeCode(input.path.code)
        let versions = try await request.store.procedures.versions(code: code)
        let chosen =
            input.query.version.map { version in versions.first { $0.version == version } }
            ?? versions.inForce(on: request.today) ?? versions.last
        guard let procedure = chosen else { throw DomainError.notFound("procedure.not_found", arguments: ["code": input.path.code]) }
        let draft = ProcedureDraft(procedure, tree: try await request.store.units.tree())
        return .ok(.init(body: .json(.init(procedure, draft: draft))))
    }

    func recordProcedurePublication(_ input: Operations.RecordProcedurePublication.Input) async throws -> Operations.RecordProcedurePublication.Output {
        let request = try self.request
        let body =
            switch input.body {
            case .json(let json): json
            }
        let publication = ProcedurePublication(
            decisionNumber: body.decisionNumber ?? "", decisionDate: try Self.date(body.decisionDate, field: "decisionDate"),
            legalBasisEffectiveFrom: try Self.date(body.legalBasisEffectiveFrom, field: "legalBasisEffectiveFrom"),
            postedOn: try Self.date(body.postedOn, field: "postedOn"), applicants: body.applicants.map { ApplicantKind(rawValue: $0.rawValue)! },
            onlinePayment: body.onlinePayment)
        let procedure = try await ProcedureCatalog(store: request.store).recordPublication(
            code: input.path.code, version: body.version, publication, expectedRevision: body.revision, by: try request.requireUser(), now: request.now)
        return .ok(.init(body: .json(.init(procedure, draft: ProcedureDraft(procedure, tree: try await request.store.units.tree())))))
    }
}

extension Components.Schemas.ProcessingTime {
    init(_ time: ProcessingTime) {
        switch time {
        case .workingDays(let days): self.init(unit: .workingDays, value: days)
        case .workingHours(let hours): self.init(unit: .workingHours, value: hours)
        case .calendarDays(let days): self.init(unit: .calendarDays, value: days)
        }
    }
}

extension Components.Schemas.ProcedureSummary {
    init(_ procedure: CCHCCore.Procedure) {
        self.init(
            code: procedure.code, version: procedure.version, name: procedure.name, field: procedure.field,
            processingTime: .init(procedure.processingTime), fee: procedure.fee, feeNote: procedure.feeNote.isEmpty ? nil : procedure.feeNote,
            onlineLevel: .init(procedure.onlineLevel))
    }
}

extension Components.Schemas.Procedure {
    init(_ procedure: CCHCCore.Procedure, draft: ProcedureDraft) {
        self.init(
            code: procedure.code, version: procedure.version, name: procedure.name, field: procedure.field,
            processingTime: .init(procedure.processingTime), cutoff: draft.cutoff.isEmpty ? nil : draft.cutoff, fee: procedure.fee,
            feeNote: procedure.feeNote.isEmpty ? nil : procedure.feeNote, onlineLevel: .init(procedure.onlineLevel),
            competentUnit: draft.competentUnitCode, receivingUnitCodes: draft.receivingUnitCodes,
            supplementRule: .init(procedure.supplementRule),
            components: procedure.components.map {
                .init(
                    name: $0.name, originals: $0.originals, certifiedCopies: $0.certifiedCopies, photocopies: $0.photocopies,
                    mayPresentOriginal: $0.mayPresentOriginal, required: $0.required)
            },
            steps: draft.steps.enumerated().map { index, step in
                .init(number: index + 1, name: step.name, holder: step.holder, role: .init(step.role), allowance: step.allowance)
            },
            effectiveFrom: procedure.effectiveFrom.description, effectiveTo: procedure.effectiveTo?.description,
            setBy: procedure.setBy.isEmpty ? nil : procedure.setBy, changeReason: procedure.changeReason.isEmpty ? nil : procedure.changeReason,
            publication: .init(procedure.publication), missingParts: procedure.missingParts.map { .init(rawValue: $0.rawValue)! })
    }
}

extension Components.Schemas.ProcedurePublication {
    init(_ publication: CCHCCore.ProcedurePublication) {
        self.init(
            revision: publication.revision, decisionNumber: publication.decisionNumber.isEmpty ? nil : publication.decisionNumber,
            decisionDate: publication.decisionDate?.description, legalBasisEffectiveFrom: publication.legalBasisEffectiveFrom?.description,
            postedOn: publication.postedOn?.description, applicants: publication.applicants.map { .init(rawValue: $0.rawValue)! },
            onlinePayment: publication.onlinePayment)
    }
}
