import Foundation
import WorkCalendar

@testable import CCHCCore

/// A small province for dossier tests: a service centre C (the desk), a department D that decides, its
/// sub-department D1, and another department E. One procedure of 3 working days in three steps.
enum DossierWorld {
    static let epoch = Date(timeIntervalSince1970: 1_700_000_000)

    static func unit(_ code: String, _ kind: UnitKind, parent: OrgUnit?) -> OrgUnit {
        OrgUnit(
            code: code, name: code, shortName: code, kind: kind, parentID: parent?.id, effectiveFrom: LocalDate("2000-01-01")!, createdAt: epoch,
            updatedAt: epoch)
    }

    static let province = unit("P", .province, parent: nil)
    static let centre = unit("C", .serviceCenter, parent: province)
    static let point = unit("C1", .receptionPoint, parent: centre)
    static let department = unit("D", .department, parent: province)
    static let subDepartment = unit("D1", .department, parent: department)
    static let other = unit("E", .department, parent: province)
    static let tree = UnitTree([province, centre, point, department, subDepartment, other])

    static func user(_ name: String, _ role: Role, _ unit: OrgUnit?) -> User {
        User(username: name, fullName: name.capitalized, role: role, unitID: unit?.id, createdAt: epoch, updatedAt: epoch)
    }

    static let desk = user("desk", .deskOfficer, centre)
    static let specialist = user("specialist", .specialist, department)
    static let leader = user("leader", .unitLeader, department)
    static let outsider = user("outsider", .specialist, other)
    static let outsideLeader = user("outsideleader", .unitLeader, other)
    static let citizen = user("citizen", .citizen, nil)
    static let stranger = user("stranger", .citizen, nil)
    static let admin = user("admin", .admin, province)
    /// Province-level staff: they reach every unit, so only status decides.
    static let anyDesk = user("anydesk", .deskOfficer, province)
    static let anyLeader = user("anyleader", .unitLeader, province)

    static let procedure = Procedure(
        code: "1.000001", name: "Cấp giấy phép thử", field: "Xây dựng", competentUnitID: department.id, receivingUnitIDs: [centre.id],
        processingTime: .workingDays(3),
        components: [
            ProcedureComponent(name: "Đơn đề nghị", originals: 1),
            ProcedureComponent(name: "Bản vẽ", photocopies: 2),
            ProcedureComponent(name: "Giấy tờ khác", photocopies: 1, required: false),
        ],
        steps: [
            ProcedureStep(name: "Tiếp nhận", holder: .receivingUnit, role: .deskOfficer, allowance: 4),
            ProcedureStep(name: "Thẩm định", holder: .competentUnit, role: .specialist, allowance: 16),
            ProcedureStep(name: "Phê duyệt", holder: .competentUnit, role: .unitLeader, allowance: 4),
        ],
        onlineLevel: .full, effectiveFrom: LocalDate("2020-01-01")!, createdAt: epoch, updatedAt: epoch)

    static let calendar = WorkingCalendar()
    static let clock = DossierClock(calendar: calendar, policy: .standard)

    /// Vietnamese local time "2026-03-02 09:00" (a Monday).
    static func at(_ text: String) -> Date {
        let parts = text.split(separator: " ")
        return VietnamTime.instant(on: LocalDate(String(parts[0]))!, secondsOfDay: OfficeHours.seconds(String(parts[1]))!)
    }

    static func local(_ instant: Date?) -> String {
        guard let instant else { return "nil" }
        return "\(VietnamTime.localDate(of: instant)) \(OfficeHours.clock(VietnamTime.secondsOfDay(of: instant)))"
    }

    static func context(_ now: String, procedure: Procedure = procedure, settings: DossierSettings = DossierSettings()) -> DossierContext {
        DossierContext(now: at(now), procedure: procedure, tree: tree, clock: clock, settings: settings)
    }

    static let applicant = Applicant(
        fullName: "Nguyễn Văn An", idNumber: "001203004567", phone: "0912 345 678", email: "an@example.vn", address: "Phường Đông Hòa")

    static func intake(_ channel: IntakeChannel = .online, procedure: Procedure = procedure, at now: String = "2026-03-02 09:00") throws -> Dossier {
        let request = IntakeRequest(
            procedureCode: procedure.code, channel: channel, applicant: applicant,
            components: [.init(index: 0, originals: 1), .init(index: 1, photocopies: 2)], receivingUnitCode: "C")
        var dossier = try DossierIntake.prepare(
            request, procedure: procedure, tree: tree, actor: channel == .online ? .citizen(citizen) : .staff(desk), now: at(now))
        dossier.code = "C-260302-0001"
        return dossier
    }

    /// Runs actions in order, each at its own time; fails the test on any refusal.
    static func run(_ dossier: Dossier, _ steps: [(String, DossierAction, DossierActor)], procedure: Procedure = procedure) throws -> Dossier {
        var current = dossier
        for (time, action, actor) in steps {
            current = try DossierMachine.apply(action, to: current, by: actor, context: context(time, procedure: procedure)).dossier
        }
        return current
    }

    /// A dossier in each status, reached through the machine itself.
    static func dossier(in status: DossierStatus) throws -> Dossier {
        let submitted = try intake()
        let accepted = try run(submitted, [("2026-03-02 09:00", .accept, .staff(desk))])
        let processing = try run(accepted, [("2026-03-02 10:00", .forward(toStep: nil, note: ""), .staff(desk))])
        switch status {
        case .submitted: return submitted
        case .accepted: return accepted
        case .processing: return processing
        case .refused: return try run(submitted, [("2026-03-02 09:30", .refuse(reason: "Không thuộc thẩm quyền"), .staff(desk))])
        case .supplementRequested:
            return try run(accepted, [("2026-03-02 09:30", .requestSupplement(items: ["Bản vẽ"], reason: "Thiếu"), .staff(desk))])
        case .paymentRequested:
            return try run(processing, [("2026-03-02 14:00", .requestPayment(amount: 500_000, description: "Lệ phí"), .staff(specialist))])
        case .withdrawn: return try run(accepted, [("2026-03-02 09:30", .withdraw(reason: "Theo đề nghị"), .staff(desk))])
        case .stopped: return try run(processing, [("2026-03-02 14:00", .stop(reason: "Quá hạn bổ sung"), .staff(leader))])
        case .resultReady:
            return try run(
                processing,
                [
                    ("2026-03-03 10:00", .forward(toStep: nil, note: ""), .staff(specialist)),
                    ("2026-03-04 10:00", .markResultReady(note: ""), .staff(leader)),
                ])
        case .returned:
            return try run(dossier(in: .resultReady), [("2026-03-04 15:00", .returnResult(to: "Nguyễn Văn An", method: .counter), .staff(desk))])
        }
    }

    static let rating = Rating(scores: Array(repeating: 2, count: 9), satisfaction: .verySatisfied, ratedAt: at("2026-03-05 09:00"))

    /// An example of each action, valid wherever its status allows it.
    static func example(_ kind: DossierAction.Kind) -> DossierAction {
        switch kind {
        case .accept: .accept
        case .refuse: .refuse(reason: "Không đủ điều kiện")
        case .requestSupplement: .requestSupplement(items: ["Bản vẽ"], reason: "Thiếu bản vẽ")
        case .receiveSupplement: .receiveSupplement(note: "")
        case .forward: .forward(toStep: nil, note: "")
        case .returnToStep: .returnToStep(0, reason: "Cần kiểm tra lại")
        case .requestPayment: .requestPayment(amount: 100_000, description: "Lệ phí")
        case .recordPayment: .recordPayment(reference: "BL-1")
        case .markResultReady: .markResultReady(note: "")
        case .returnResult: .returnResult(to: "Nguyễn Văn An", method: .counter)
        case .withdraw: .withdraw(reason: "Theo đề nghị")
        case .stop: .stop(reason: "Dừng")
        case .apologize: .apologize(reason: "Chậm thẩm định", newDueAt: at("2026-03-20 09:00"))
        case .rate: .rate(rating)
        case .flagNearingDue: .flagNearingDue
        case .flagOverdue: .flagOverdue
        }
    }

    /// An actor who may take the action wherever its status allows it.
    static func qualifiedActor(_ kind: DossierAction.Kind) -> DossierActor {
        let rule = DossierPolicy.table.rules.first { $0.action == .act(kind) }!
        if rule.roles.contains(.system) { return .system }
        if rule.roles.contains(.applicant) { return .applicant }
        if rule.roles.contains(.role(.citizen)) { return .citizen(citizen) }
        if rule.roles.contains(.role(.deskOfficer)), rule.relations.contains(.receivingDesk) { return .staff(anyDesk) }
        return .staff(anyLeader)
    }

    /// Whether the table lets anyone take `kind` in `status`.
    static func allowsSomeone(_ kind: DossierAction.Kind, in status: DossierStatus) -> Bool {
        DossierPolicy.table.rules.contains { $0.action == .act(kind) && $0.states.contains(.status(status)) }
    }
}
