import CCHCCore
import Foundation
import WorkCalendar

/// Loads the demo province and one account per role, through the same rules as real data. Loading twice
/// changes nothing the second time. Demo accounts can log in only while the server runs with `--demo`.
public enum DemoData {
    public static let password = "cchc-demo"

    struct Account {
        var username: String
        var fullName: String
        var role: Role
        var unitCode: String?
        /// Roles beyond the main one (a commune officer who is both desk officer and specialist).
        var alsoHolds: [GrantInput] = []
    }

    static let accounts: [Account] = [
        Account(username: "admin", fullName: "Quản trị hệ thống (demo)", role: .admin, unitCode: DemoUnits.provinceCode),
        Account(username: "bcd", fullName: "Trần Minh Quang (Ban Chỉ đạo, demo)", role: .steeringCommittee, unitCode: DemoUnits.provinceCode),
        Account(username: "noivu", fullName: "Lê Thu Hà (Sở Nội vụ, demo)", role: .reformStaff, unitCode: DemoUnits.homeAffairsCode),
        Account(username: "lanhdao", fullName: "Võ Thành Nam (Giám đốc Sở NN&MT, demo)", role: .unitLeader, unitCode: DemoUnits.agricultureEnvironmentCode),
        Account(username: "chuyenvien", fullName: "Hoàng Văn Bình (chuyên viên, demo)", role: .specialist, unitCode: DemoUnits.agricultureEnvironmentCode),
        Account(username: "motcua", fullName: "Phạm Ngọc Lan (Bộ phận Một cửa, demo)", role: .deskOfficer, unitCode: DemoUnits.provincialCentreCode),
        Account(username: "congdan", fullName: "Nguyễn Thị Mai (công dân, demo)", role: .citizen, unitCode: nil),
    ]

    public struct Result: Sendable {
        var unitsCreated = 0
        var accountsCreated = 0
        var proceduresCreated = 0
        var settingsVersionsCreated = 0
        public internal(set) var dossiersCreated = 0
        var feedbackCreated = 0
        var surveysCreated = 0
        var dialoguesCreated = 0
        var parCampaignsCreated = 0
        var plansCreated = 0
        var reportsCreated = 0
        var meetingsCreated = 0
        var inspectionsCreated = 0
        var initiativesCreated = 0

        /// "152 units, 31 accounts, 41 procedures, 2 settings versions, 5000 dossiers", or nil when nothing was made.
        public var summary: String? {
            let parts = [
                (unitsCreated, "units"), (accountsCreated, "accounts"), (proceduresCreated, "procedures"),
                (settingsVersionsCreated, "settings versions"), (dossiersCreated, "dossiers"),
                (feedbackCreated, "feedback items"), (surveysCreated, "survey campaigns"), (dialoguesCreated, "dialogue sessions"),
                (parCampaignsCreated, "PAR Index campaigns"), (plansCreated, "reform plans"), (reportsCreated, "periodic reports"),
                (meetingsCreated, "steering-committee meetings"), (inspectionsCreated, "inspections"), (initiativesCreated, "initiatives"),
            ]
            .filter { $0.0 > 0 }.map { "\($0.0) \($0.1)" }
            return parts.isEmpty ? nil : parts.joined(separator: ", ")
        }
    }

    public static let defaultDossiers = 5000
    public static let defaultFeedback = 120
    /// Feedback items about returned dossiers (5.4), on top of `defaultFeedback`.
    public static let defaultComplaints = 6

    /// Loads what is missing. Dossiers are made only when the store has none, `dossiers` of them, with
    /// `progress` told how many are done; `wholeHistories`: each batch's stories told in memory and written at
    /// once, else every event written as it happens (the same rows either way).
    public static func load(
        store: any Store, hasher: any CCHCCore.PasswordHasher, now: Date, dossiers: Int = 0, service: DossierService? = nil,
        progress: (@Sendable (Int, Int) -> Void)? = nil, wholeHistories: Bool = true
    ) async throws -> Result {
        var result = Result()
        if try await store.units.find(code: DemoUnits.provinceCode) == nil {
            let plan = try await store.units.importUnits(DemoUnits.rows, now: now)
            if let first = plan.errors.first {
                preconditionFailure("Demo units break a rule on line \(first.line): \(first.error.field) \(first.error.code)")
            }
            result.unitsCreated = plan.created.count
        }
        let tree = try await store.units.tree()
        // One hash for every demo account: they share the password, and hashing forty times is slow.
        var hash: String?
        for account in Self.accounts + DemoStaff.accounts where try await store.users.find(username: account.username) == nil {
            let (grants, errors) = AccountRules.resolveGrants(
                [GrantInput(account.role, unitCode: account.unitCode)] + account.alsoHolds, in: tree, today: VietnamTime.localDate(of: now))
            precondition(errors.isEmpty, "Demo account \(account.username) breaks a rule: \(errors)")
            if hash == nil { hash = try await hasher.hash(password) }
            var user = User(
                username: account.username, fullName: account.fullName, role: account.role, unitID: nil, isDemo: true, createdAt: now, updatedAt: now)
            user.grants = grants
            _ = try await store.users.create(user, passwordHash: hash!)
            result.accountsCreated += 1
        }
        let missing = try await DemoProcedures.drafts.asyncFilter { try await store.procedures.versions(code: $0.code).isEmpty }
        if !missing.isEmpty {
            let summary = try await ProcedureCatalog(store: store).importDrafts(
                missing.enumerated().map { ($0.offset + 1, $0.element) }, by: "admin", now: now)
            if let first = summary.errors.first {
                preconditionFailure("Demo procedure on line \(first.line) breaks a rule: \(first.error.field) \(first.error.code)")
            }
            result.proceduresCreated = summary.created
            try await DemoPublications.record(store: store, codes: Set(missing.map(\.code)), now: now)
        }
        if dossiers > 0, var service, try await store.dossiers.count() == 0 {
            try await DemoNotifications(store: store, now: now).choosePreferences()
            // The settings' history first, so that each dossier is counted under the version of its day.
            result.settingsVersionsCreated = try await DemoSettings.load(store: store, now: now)
            service.settings = try await store.provinceSettings.history()
            result.dossiersCreated = try await DemoDossiers(store: store, service: service, now: now, writesWholeHistories: wholeHistories).generate(
                count: dossiers, progress: progress)
            _ = try await service.flagDeadlines(now: now, batch: 10_000)
            try await DemoPersonalData(store: store).record()
            try await DemoTwoFactor.enable(store, now: now)
            if try await store.feedback.list(FeedbackQuery(limit: 1)).items.isEmpty {
                let feedback = DemoFeedback(store: store, now: now, files: service.files)
                result.feedbackCreated = try await feedback.generate(count: defaultFeedback)
                result.feedbackCreated += try await feedback.complaints(count: defaultComplaints, dossiers: service)
            }
            if try await store.surveys.campaigns().isEmpty {
                result.surveysCreated = try await DemoSurveys(store: store, now: now).generate()
            }
            if try await store.dialogues.list(units: nil, from: LocalDate(year: 2000, month: 1, day: 1)!, to: VietnamTime.localDate(of: now)).isEmpty {
                result.dialoguesCreated = try await DemoDialogues(store: store, now: now).generate()
            }
            if try await store.par.campaigns().isEmpty {
                result.parCampaignsCreated = try await DemoParIndex(store: store, files: service.files, now: now).generate()
            }
            if try await store.plans.list().isEmpty {
                result.plansCreated = try await DemoPlans(store: store, now: now).generate()
                _ = try await DemoCompliance(store: store, now: now).generate()
            }
            if try await store.steeringMeetings.list(year: nil).isEmpty {
                result.meetingsCreated = try await DemoSteering(store: store, now: now).generate()
            }
            if try await store.inspections.list(year: nil).isEmpty {
                result.inspectionsCreated = try await DemoInspections(store: store, now: now).generate()
            }
            if try await store.initiatives.list(year: nil).isEmpty {
                result.initiativesCreated = try await DemoInitiatives(store: store, now: now).generate()
            }
            if try await store.reports.list(year: VietnamTime.localDate(of: now).year, period: nil).isEmpty {
                result.reportsCreated = try await DemoReports(store: store, now: now).generate()
            }
        }
        return result
    }

    /// The lines `serve --demo` and `demo load` print.
    public static var accountList: String {
        let width = accounts.map(\.username.count).max() ?? 0
        return accounts.map { account in
            "  " + account.username.padding(toLength: width, withPad: " ", startingAt: 0) + "  \(password)  \(account.role.rawValue)"
        }.joined(separator: "\n")
    }
}

extension Array {
    func asyncFilter(_ isIncluded: (Element) async throws -> Bool) async rethrows -> [Element] {
        var result: [Element] = []
        for element in self where try await isIncluded(element) { result.append(element) }
        return result
    }
}
