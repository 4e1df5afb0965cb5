import Foundation

/// What a dossier and its public progress both know: the procedure it follows and the units that hold it.
public protocol DossierRouting {
    var procedureID: UUID { get }
    var procedureCode: String { get }
    var receivingUnitID: UUID { get }
    var competentUnitID: UUID { get }
}

extension Dossier: DossierRouting {}

/// The part of a dossier that the public lookup shows (tiến độ hồ sơ): procedure, status, dates and steps,
/// the applicant's name and nothing else about them.
///
/// The lookup decodes this straight from the stored document, skipping the components, files, requests
/// and personal data it would only throw away; that was about two thirds of a lookup's decoding time.
public struct DossierProgress: DossierRouting, Equatable, Sendable {
    /// A step's visit as the public sees it: which step, and when it was finished.
    public struct Visit: Decodable, Equatable, Sendable {
        public var step: Int
        public var endedAt: Date?
    }

    public enum StepState: String, Encodable, Sendable {
        case done, current, pending
    }

    /// One step of the procedure as the public sees it.
    public struct Step: Equatable, Sendable {
        public var number: Int
        public var name: String
        /// The unit that holds the step for this dossier.
        public var unitName: String
        public var state: StepState
        /// When the step was last finished.
        public var endedAt: Date?
    }

    public var schemaVersion: Int
    public var code: String
    public var procedureID: UUID
    public var procedureCode: String
    public var procedureName: String
    public var field: String
    public var channel: IntakeChannel
    public var applicantName: String
    public var receivingUnitID: UUID
    public var competentUnitID: UUID
    public var status: DossierStatus
    public var submittedAt: Date
    public var acceptedAt: Date?
    public var dueAt: Date?
    public var originalDueAt: Date?
    public var currentStep: Int?
    public var visits: [Visit]
    public var returnedAt: Date?
    public var apologized: Bool
    public var rated: Bool
    public var version: Int

    public init(_ dossier: Dossier) {
        schemaVersion = dossier.schemaVersion
        code = dossier.code
        procedureID = dossier.procedureID
        procedureCode = dossier.procedureCode
        procedureName = dossier.procedureName
        field = dossier.field
        channel = dossier.channel
        applicantName = dossier.applicant.fullName
        receivingUnitID = dossier.receivingUnitID
        competentUnitID = dossier.competentUnitID
        status = dossier.status
        submittedAt = dossier.submittedAt
        acceptedAt = dossier.acceptedAt
        dueAt = dossier.dueAt
        originalDueAt = dossier.originalDueAt
        currentStep = dossier.currentStep
        visits = dossier.visits.map { Visit(step: $0.step, endedAt: $0.endedAt) }
        returnedAt = dossier.result?.returnedAt
        apologized = dossier.apology != nil
        rated = dossier.rating != nil
        version = dossier.version
    }

    /// "N*** V*** A***", as `Applicant.maskedName`.
    public var maskedApplicantName: String { Applicant.mask(applicantName) }

    public var canRate: Bool { Rating.isAwaited(status: status, rated: rated) }

    /// The procedure's steps, each done once finished and left (all of them once the result is ready),
    /// current while an open dossier is at it, pending otherwise.
    public func steps(of procedure: Procedure, tree: UnitTree) -> [Step] {
        let finished = Set(visits.filter { $0.endedAt != nil }.map(\.step))
        return procedure.steps.enumerated().map { index, step in
            let state: StepState =
                status == .returned || status == .resultReady || (finished.contains(index) && currentStep != index)
                ? .done : (currentStep == index && status.isOpen ? .current : .pending)
            return Step(
                number: index + 1, name: step.name, unitName: tree.unit(id: DossierMachine.unitID(of: index, self, procedure))?.name ?? "",
                state: state, endedAt: visits.last { $0.step == index }?.endedAt)
        }
    }

    /// 0–100: the share of `steps` done, at most 95 until the result is returned.
    public func percentDone(_ steps: [Step]) -> Int {
        if status == .returned { return 100 }
        return steps.isEmpty ? 0 : min(95, steps.filter { $0.state == .done }.count * 95 / steps.count)
    }
}

extension DossierProgress: Decodable {
    /// The parts of a stored `Dossier` document the progress reads, decoded by the synthesized Codable
    /// under `Dossier`'s own property names; the rest of the document is skipped.
    private struct Stored: Decodable {
        struct Applicant: Decodable {
            var fullName: String
        }

        struct Result: Decodable {
            var returnedAt: Date?
        }

        /// Something present (an apology, a rating), whatever it holds.
        struct Present: Decodable {}

        var schemaVersion: Int
        var code: String
        var procedureID: UUID
        var procedureCode: String
        var procedureName: String
        var field: String
        var channel: IntakeChannel
        var applicant: Applicant
        var receivingUnitID: UUID
        var competentUnitID: UUID
        var status: DossierStatus
        var submittedAt: Date
        var acceptedAt: Date?
        var dueAt: Date?
        var originalDueAt: Date?
        var currentStep: Int?
        var visits: [Visit]
        var result: Result?
        var apology: Present?
        var rating: Present?
        var version: Int
    }

    public init(from decoder: any Decoder) throws {
        let stored = try Stored(from: decoder)
        schemaVersion = stored.schemaVersion
        code = stored.code
        procedureID = stored.procedureID
        procedureCode = stored.procedureCode
        procedureName = stored.procedureName
        field = stored.field
        channel = stored.channel
        applicantName = stored.applicant.fullName
        receivingUnitID = stored.receivingUnitID
        competentUnitID = stored.competentUnitID
        status = stored.status
        submittedAt = stored.submittedAt
        acceptedAt = stored.acceptedAt
        dueAt = stored.dueAt
        originalDueAt = stored.originalDueAt
        currentStep = stored.currentStep
        visits = stored.visits
        returnedAt = stored.result?.returnedAt
        apologized = stored.apology != nil
        rated = stored.rating != nil
        version = stored.version
    }
}
