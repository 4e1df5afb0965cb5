import CCHCCore
import Foundation
import WorkCalendar

/// A year of dossiers for the demo province, made by the same state machine officers use: intake, steps
/// forwarded by the staff who hold them, supplements, payments, late steps (more in land and
/// construction), apologies by the late unit's head, returns and ratings. Dossiers whose story runs past
/// today stay open, so every queue has something in it. Seeded, so every demo looks the same.
struct DemoDossiers {
    var store: any Store
    var service: DossierService
    var now: Date
    var seed: UInt64 = 2026
    /// Each batch's stories are told in memory (`HistoryRecorder`) and written as whole histories, one write
    /// for the batch; false: every event written as it happens, as officers' actions are.
    var writesWholeHistories = true

    /// Online filings of the last working hour at the provincial centre that nobody has checked yet, so that
    /// the demo desk's first queue (waiting for acceptance) always has something in it.
    static let freshOnlineFilings = 3

    /// Creates `count` dossiers, fifty to a transaction, telling `progress` how many of `count` are done
    /// after each; returns how many were made.
    func generate(count: Int, progress: (@Sendable (Int, Int) -> Void)? = nil) async throws -> Int {
        guard count > 0 else { return 0 }
        let tree = try await store.units.tree()
        let today = VietnamTime.localDate(of: now)
        var procedures: [Procedure] = []
        for draft in DemoProcedures.drafts {
            if let procedure = try await store.procedures.current(code: draft.code, on: today) { procedures.append(procedure) }
        }
        guard !procedures.isEmpty else { return 0 }
        let staff = Staff(users: try await DemoStaff.users(store), tree: tree)
        let citizen = try await store.users.find(username: "congdan")
        var random = SeededRandom(seed: seed)
        let calendar = service.clock(on: VietnamTime.localDate(of: now)).calendar
        let start = calendar.workingClock(at: now.addingTimeInterval(-365 * 86400))
        let end = calendar.workingClock(at: now)
        // Intakes spread over the year's working time, in order, so codes follow dates.
        let fresh = min(Self.freshOnlineFilings, count / 10)
        // The fresh filings have the last working hour to themselves, so codes still follow dates.
        let freshFrom = fresh > 0 ? end - 3600 : end
        let clocks = (0..<count - fresh).map { _ in Int.random(in: start..<freshFrom, using: &random) }.sorted()
        let story = Story(service: service, tree: tree, staff: staff, citizen: citizen, now: now, calendar: calendar)
        var made = 0
        // Each batch has its own seed: the same batches, whichever way they are written, tell the same stories.
        let batch = 50
        var index = 0
        while index < clocks.count {
            let slice = Array(clocks[index..<min(index + batch, clocks.count)])
            made += try await tell(slice.count, from: story, seed: random.next()) { [procedures] story, random, index in
                let procedure = Self.pick(procedures, &random)
                return try await story.tell(procedure: procedure, receivedAt: calendar.instant(atWorkingClock: slice[index] + 60), random: &random)
            }
            index += batch
            progress?(min(index, clocks.count), count)
        }
        defer { progress?(count, count) }
        guard fresh > 0, let centre = tree.unit(code: DemoUnits.provincialCentreCode) else { return made }
        let online = procedures.filter { procedure in
            procedure.onlineLevel == .full && procedure.receivingUnitIDs.contains { tree.subtreeIDs(of: $0).contains(centre.id) }
        }
        guard !online.isEmpty else { return made }
        return made
            + (try await tell(fresh, from: story, seed: random.next()) { story, random, index in
                let procedure = online.randomElement(using: &random)!
                let receivedAt = calendar.instant(atWorkingClock: freshFrom + (index + 1) * 3600 / (fresh + 1))
                return try await story.tell(procedure: procedure, receivedAt: receivedAt, random: &random, awaitingAcceptanceAt: centre)
            })
    }

    /// Tells `count` stories in one transaction, the `index`-th by `next`, with a generator seeded for them;
    /// returns how many were made.
    private func tell(
        _ count: Int, from prototype: Story, seed: UInt64,
        _ next: @escaping @Sendable (inout Story, inout SeededRandom, _ index: Int) async throws -> Bool
    ) async throws -> Int {
        let wholeHistories = writesWholeHistories
        return try await store.transaction { tx in
            var story = prototype
            let recorder = wholeHistories ? HistoryRecorder(base: tx.dossiers) : nil
            story.service.store = recorder.map { RecordingStore(base: tx, recorder: $0) } ?? tx
            var random = SeededRandom(seed: seed)
            var made = 0
            for index in 0..<count where try await next(&story, &random, index) { made += 1 }
            if let recorder { _ = try await tx.dossiers.createHistories(recorder.histories) }
            return made
        }
    }

    /// Weighted by field: civil status and land make up most of a desk's work.
    static func pick(_ procedures: [Procedure], _ random: inout SeededRandom) -> Procedure {
        let weights: [String: Int] = [
            DemoProcedures.civil: 30, DemoProcedures.land: 24, DemoProcedures.certification: 16, DemoProcedures.business: 12,
            DemoProcedures.building: 10, DemoProcedures.social: 5, DemoProcedures.merit: 2, DemoProcedures.insurance: 3,
        ]
        let byField = Dictionary(grouping: procedures, by: \.field)
        let total = byField.keys.reduce(0) { $0 + (weights[$1] ?? 1) }
        var roll = Int.random(in: 0..<total, using: &random)
        for field in byField.keys.sorted() {
            roll -= weights[field] ?? 1
            if roll < 0 { return byField[field]!.randomElement(using: &random)! }
        }
        return procedures[0]
    }
}

/// The demo's officials, found by role and by the unit they can reach.
struct Staff: Sendable {
    var users: [User]
    var tree: UnitTree

    /// The official of `role` closest above (or at) `unitID`.
    func nearest(_ role: Role, reaching unitID: UUID) -> User? {
        let chain = [unitID] + tree.ancestors(of: unitID).map(\.id)
        for id in chain {
            if let user = users.first(where: { $0.role == role && $0.unitID == id }) { return user }
        }
        return nil
    }
}

/// One dossier's life, told action by action at the moments they happen.
struct Story {
    var service: DossierService
    var tree: UnitTree
    var staff: Staff
    var citizen: User?
    var now: Date
    var calendar: WorkingCalendar

    static let names = [
        "Nguyễn Văn An", "Trần Thị Bích", "Lê Hoàng Cường", "Phạm Thị Dung", "Hoàng Minh Đức", "Vũ Thị Hạnh", "Đặng Quốc Huy",
        "Bùi Thị Lan", "Đỗ Văn Long", "Ngô Thị Mai", "Dương Văn Nam", "Lý Thị Oanh", "Phan Thanh Phong", "Trịnh Thị Quỳnh",
        "Võ Minh Sơn", "Hồ Thị Thu", "Mai Văn Tuấn", "Đinh Thị Uyên", "Tạ Quang Vinh", "Lưu Thị Xuân", "Cao Văn Yên",
    ]

    /// Takes a dossier in at `receivedAt` and plays its story up to now. False when nobody could take it in.
    /// With `awaitingAcceptanceAt`, the dossier is filed online at that desk and left for the desk to check.
    mutating func tell(procedure: Procedure, receivedAt: Date, random: inout SeededRandom, awaitingAcceptanceAt freshDesk: OrgUnit? = nil) async throws -> Bool
    {
        guard let desk = freshDesk ?? deskUnit(for: procedure, random: &random), let officer = staff.nearest(.deskOfficer, reaching: desk.id) else {
            return false
        }
        let online = freshDesk != nil || (procedure.onlineLevel == .full ? random.chance(0.6) : procedure.onlineLevel == .partial ? random.chance(0.3) : false)
        let byCitizen = online && random.chance(0.05) && citizen != nil
        let channel: IntakeChannel = online ? .online : random.chance(0.04) ? .postal : .counter
        let name = Self.names.randomElement(using: &random)!
        let applicant = Applicant(
            fullName: name, idNumber: String(format: "0%02d%09d", Int.random(in: 1...96, using: &random), Int.random(in: 0..<1_000_000_000, using: &random)),
            phone: "09" + String(format: "%08d", Int.random(in: 0..<100_000_000, using: &random)),
            email: random.chance(0.4) ? "demo\(Int.random(in: 100...999, using: &random))@example.vn" : "",
            address: "Tổ dân phố \(Int.random(in: 1...20, using: &random)), \(tree.localGovernment(of: desk.id)?.name ?? "")")
        let components = procedure.components.enumerated().compactMap { index, component in
            component.required || random.chance(0.5)
                ? IntakeRequest.Component(
                    index: index, originals: component.originals, certifiedCopies: component.certifiedCopies, photocopies: component.photocopies)
                : nil
        }
        let request = IntakeRequest(procedureCode: procedure.code, channel: channel, applicant: applicant, components: components, receivingUnitCode: desk.code)
        let actor: DossierActor = online ? (byCitizen ? .citizen(citizen!) : .applicant) : .staff(officer)
        let pin = LookupPIN.generate(using: &random)
        var dossier = try await service.intake(request, by: actor, now: receivedAt, procedure: procedure, tree: tree, pin: pin).dossier
        var time = receivedAt
        let lateChance = lateChance(of: procedure, at: desk, receivedAt: receivedAt)
        let stepLate = random.chance(lateChance)
        var supplemented = false

        // What the deadline job would have done by `time`.
        func catchUp() async throws {
            if let due = dossier.dueAt, !dossier.overdue, dossier.status.clockRuns, due < time, due < now {
                dossier = try await service.act(
                    on: dossier, .flagOverdue, expectedVersion: dossier.version, by: .system, now: due.addingTimeInterval(60), procedure: procedure, tree: tree)
            }
        }
        func act(_ action: DossierAction, by actor: DossierActor?) async throws -> Bool {
            guard time <= now, let actor else { return false }
            try await catchUp()
            dossier = try await service.act(on: dossier, action, expectedVersion: dossier.version, by: actor, now: time, procedure: procedure, tree: tree)
            return true
        }
        func wait(hours: Double) { time = later(time, seconds: Int(hours * 3600)) }

        if freshDesk != nil { return true }
        if channel == .online {
            wait(hours: random.uniform(0.2, 6))
            if random.chance(0.03) {
                _ = try await act(.refuse(reason: "Hồ sơ không thuộc thẩm quyền giải quyết của đơn vị."), by: .staff(officer))
                return true
            }
            guard try await act(.accept, by: .staff(officer)) else { return true }
        } else if random.chance(0.015) {
            _ = try await act(.refuse(reason: "Người nộp không đủ điều kiện thực hiện thủ tục."), by: .staff(officer))
            return true
        }
        var serviceData = Self.serviceDataAtIntake(online: channel == .online, random: &random)
        func record() async throws {
            guard time <= now else { return }
            dossier = try await service.recordServiceData(
                serviceData, on: dossier, expectedVersion: dossier.version, by: .staff(officer), now: time, procedure: procedure, tree: tree)
        }
        try await record()
        while dossier.status.isOpen, time <= now {
            switch dossier.status {
            case .accepted, .processing:
                guard let step = dossier.currentStep else { return true }
                let allowance = procedure.steps[step].allowance
                let stepHours = procedure.allowanceUnit == .calendarDays ? Double(allowance) * 8 * 5 / 7 : Double(allowance)
                let factor = stepLate && procedure.steps[step].role == .specialist ? random.uniform(1.3, 2.6) : random.uniform(0.25, 0.95)
                if !supplemented, procedure.steps[step].role == .specialist,
                    random.chance(procedure.field == DemoProcedures.land || procedure.field == DemoProcedures.building ? 0.2 : 0.08)
                {
                    wait(hours: stepHours * random.uniform(0.1, 0.4))
                    supplemented = true
                    guard
                        try await act(
                            .requestSupplement(
                                items: ["Bản sao giấy tờ về quyền sử dụng đất có chứng thực", "Bản vẽ sơ đồ vị trí thửa đất"].prefix(random.chance(0.5) ? 1 : 2)
                                    .map { $0 },
                                reason: "Thành phần hồ sơ chưa đầy đủ theo quy định."), by: holder(of: step))
                    else { return true }
                    continue
                }
                if case .unit = procedure.steps[step].holder, dossier.payment == nil {
                    wait(hours: stepHours * random.uniform(0.3, 0.7))
                    guard
                        try await act(
                            .requestPayment(
                                amount: [1_250_000, 3_400_000, 860_000, 12_500_000].randomElement(using: &random)!,
                                description: "Thuế thu nhập cá nhân và lệ phí trước bạ"), by: holder(of: step))
                    else { return true }
                    continue
                }
                wait(hours: stepHours * factor)
                if time <= now { try await catchUp() }
                if dossier.overdue, dossier.apology == nil, let head = unitHead(), random.chance(0.6) {
                    let newDue = later(max(time, dossier.dueAt ?? time), seconds: 8 * 3600 * Int.random(in: 2...5, using: &random))
                    guard try await act(.apologize(reason: "Hồ sơ phức tạp, cần thêm thời gian xác minh thực địa.", newDueAt: newDue), by: .staff(head)) else {
                        return true
                    }
                }
                if step == procedure.steps.count - 1 {
                    guard try await act(.markResultReady(note: ""), by: holder(of: step)) else { return true }
                } else {
                    guard try await act(.forward(toStep: nil, note: ""), by: holder(of: step)) else { return true }
                }
            case .supplementRequested:
                wait(hours: random.uniform(4, 48))
                if random.chance(0.02) {
                    _ = try await act(.withdraw(reason: "Người nộp không bổ sung được giấy tờ."), by: .staff(officer))
                    return true
                }
                let receiver: DossierActor = dossier.citizenUserID != nil && random.chance(0.7) ? .citizen(citizen!) : .staff(officer)
                guard try await act(.receiveSupplement(note: "Đã nhận đủ giấy tờ bổ sung."), by: receiver) else { return true }
            case .paymentRequested:
                wait(hours: random.uniform(4, 24))
                guard try await act(.recordPayment(reference: "BL\(Int.random(in: 100_000...999_999, using: &random))"), by: .staff(officer)) else {
                    return true
                }
            default:
                return true
            }
        }
        guard dossier.status == .resultReady else { return true }
        wait(hours: random.uniform(0.5, 20))
        let method: ResultDelivery.Method = channel == .online && random.chance(0.5) ? .online : channel == .postal ? .postal : .counter
        guard try await act(.returnResult(to: dossier.applicant.fullName, method: method), by: .staff(officer)) else { return true }
        serviceData.paidOnline = dossier.isFeeCharged && channel == .online && random.chance(0.6)
        serviceData.electronicResult = method == .online || random.chance(0.25)
        try await record()
        if random.chance(0.4) {
            wait(hours: random.uniform(1, 30))
            let late = dossier.timeliness == .late
            let scores = Rating.indicators.map { _ in late ? (random.chance(0.5) ? 1 : 0) : (random.chance(0.85) ? 2 : 1) }
            let satisfaction: Rating.Satisfaction =
                late ? (random.chance(0.5) ? .dissatisfied : .satisfied) : (random.chance(0.6) ? .verySatisfied : .satisfied)
            let rater: DossierActor = dossier.citizenUserID != nil ? .citizen(citizen!) : .applicant
            _ = try await act(.rate(Rating(scores: scores, satisfaction: satisfaction, ratedAt: time)), by: rater)
        }
        return true

        func holder(of step: Int) -> DossierActor? {
            let unit = DossierMachine.unitID(of: step, dossier, procedure)
            return (staff.nearest(procedure.steps[step].role, reaching: unit) ?? staff.nearest(.unitLeader, reaching: unit)).map { .staff($0) }
        }
        func unitHead() -> User? {
            staff.nearest(.unitLeader, reaching: dossier.lateAttribution?.unitID ?? dossier.currentUnitID)
        }
    }

    /// Where the dossier is handed in: the provincial centre or one of its reception points, or a
    /// commune centre that has demo staff.
    func deskUnit(for procedure: Procedure, random: inout SeededRandom) -> OrgUnit? {
        let candidates = procedure.receivingUnitIDs.flatMap { id in tree.subtreeIDs(of: id).compactMap { tree.unit(id: $0) } }
            .filter { unit in
                unit.effectiveTo == nil && [.serviceCenter, .receptionPoint].contains(unit.kind) && staff.nearest(.deskOfficer, reaching: unit.id) != nil
            }
            .sorted { $0.code < $1.code }
        return candidates.randomElement(using: &random)
    }

    func later(_ time: Date, seconds: Int) -> Date {
        calendar.instant(atWorkingClock: calendar.workingClock(at: time) + max(60, seconds))
    }
}

/// SplitMix64: a small, fast, seedable generator, so the demo is the same every time.
struct SeededRandom: RandomNumberGenerator, Sendable {
    var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func chance(_ probability: Double) -> Bool {
        Double.random(in: 0..<1, using: &self) < probability
    }

    mutating func uniform(_ low: Double, _ high: Double) -> Double {
        Double.random(in: low..<high, using: &self)
    }
}
