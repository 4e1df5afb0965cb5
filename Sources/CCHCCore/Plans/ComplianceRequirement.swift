import Foundation
import WorkCalendar

/// Yêu cầu tuân thủ: one requirement put to many units ("ban hành kế hoạch CCHC năm", "kiện toàn Ban Chỉ đạo",
/// "người đứng đầu ký cam kết"), each unit's answer with its evidence, read as "19/19" with who is missing.
public struct ComplianceRequirement: Codable, Equatable, Identifiable, Sendable {
    public struct Answer: Codable, Equatable, Sendable {
        public var unitID: UUID
        public var done: Bool
        /// The document that shows it (its number and day), or why not.
        public var note: String
        public var link: String?
        public var answeredBy: String
        public var answeredAt: Date

        public init(unitID: UUID, done: Bool, note: String, link: String?, answeredBy: String, answeredAt: Date) {
            self.unitID = unitID
            self.done = done
            self.note = note
            self.link = link
            self.answeredBy = answeredBy
            self.answeredAt = answeredAt
        }
    }

    public var id: UUID
    /// `YC-2026-001`.
    public var code: String
    public var version: Int
    public var title: String
    public var year: Int
    public var dueOn: LocalDate
    public var unitIDs: [UUID]
    /// The latest answer of each unit that answered.
    public var answers: [Answer]
    public var createdBy: String
    public var createdAt: Date

    public init(title: String, year: Int, dueOn: LocalDate, unitIDs: [UUID], createdBy: String, createdAt: Date) {
        self.id = UUID()
        self.code = ""
        self.version = 1
        self.title = title
        self.year = year
        self.dueOn = dueOn
        self.unitIDs = unitIDs
        self.answers = []
        self.createdBy = createdBy
        self.createdAt = createdAt
    }

    public func answer(of unit: UUID) -> Answer? { answers.first { $0.unitID == unit } }

    /// Units that answered done, of all.
    public var doneCount: Int { unitIDs.filter { answer(of: $0)?.done == true }.count }
    /// "19/19".
    public var text: String { "\(doneCount)/\(unitIDs.count)" }
    /// Units that have not answered done.
    public var missing: [UUID] { unitIDs.filter { answer(of: $0)?.done != true } }
}

public protocol ComplianceRepository: Sendable {
    /// Stores a new requirement under the next number of its year.
    func create(_ requirement: ComplianceRequirement) async throws -> ComplianceRequirement
    func update(_ requirement: ComplianceRequirement, expectedVersion: Int) async throws
    func find(code: String) async throws -> ComplianceRequirement?
    /// Newest year first.
    func list() async throws -> [ComplianceRequirement]
}
