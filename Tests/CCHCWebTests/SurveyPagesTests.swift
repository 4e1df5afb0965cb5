import CCHCCore
import CCHCTestSupport
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting
import WorkCalendar

@testable import CCHCWeb

@Suite("Surveys: campaign, invitations, answers by token, paper and kiosk, results")
struct SurveyPagesTests {
    /// Every token printed on a campaign's invitations page.
    static func tokens(_ html: String) -> [String] {
        html.components(separatedBy: "<strong class=\"code\">").dropFirst().map { String($0.prefix(16)) }
    }

    /// A ballot's form fields: every satisfaction item at `level`, the rest answered too.
    static func ballot(level: String) -> [(String, String)] {
        Questionnaire.sipas.items.compactMap { item in
            switch item.kind {
            case .satisfaction: (item.code, level)
            case .choice: (item.code, item.options[0].code)
            case .yesNo: (item.code, "yes")
            case .number: (item.code, "2")
            case .text: nil
            }
        }
    }

    @Test(
        "Reform staff open a sampled campaign; a citizen answers by token once; a unit keys in paper; the committee reads the results",
        arguments: TestDatabases.kinds)
    func campaign(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { app, _ in
            try await TestAccounts.seed(app)
            try await Fixtures.loadProcedure(into: app.store)
            try await Fixtures.returnedDossiers(40, in: app.store, from: VietnamTime.instant(on: Fixtures.day("2026-09-14"), secondsOfDay: 8 * 3600))
            let staff = Browser(app)
            try await staff.login("noivu")
            try await staff.get("/surveys/new")
            var fields = [
                ("title", ""), ("audience", "citizens"), ("periodFrom", "2026-09-01"), ("periodTo", "2026-10-31"), ("closesOn", "2026-12-31"),
                ("unit:\(Fixtures.landCode)", "1"),
            ]
            // Without a title the form comes back with the message beside it, the rest as typed.
            let missing = try await staff.post("/surveys", fields)
            #expect(missing.status == .unprocessableEntity && missing.body.string.contains("value=\"2026-10-31\""))
            #expect(try await app.store.surveys.campaigns().isEmpty)
            fields[0] = ("title", "Khảo sát quý III")
            let opened = try await staff.post("/surveys", fields)
            #expect(opened.status == .seeOther && opened.headers.first(name: .location) == "/surveys/KS-2026-001")
            let campaign = try #require(try await app.store.surveys.find(code: "KS-2026-001"))
            // N = 40 returned in the period; n = 40 ÷ (1 + 40 · 0.05²) = 36.4 → 37.
            #expect(campaign.targets.map(\.population) == [40] && campaign.targets.map(\.invited) == [37])

            let invitations = try await staff.get("/surveys/KS-2026-001/invitations")
            let tokens = Self.tokens(invitations.body.string)
            #expect(tokens.count == 37 && invitations.body.string.contains("<svg"))
            let token = tokens[0]

            // The citizen: a missing answer brings the form back with the item marked and the rest kept.
            let citizen = Browser(app)
            #expect(try await citizen.get("/s/\(token)").status == .ok)
            let partial = try await citizen.post("/s/\(token)", Self.ballot(level: "5").filter { $0.0 != "procedure.fees" })
            #expect(partial.status == .unprocessableEntity && partial.body.string.contains("Vui lòng trả lời câu này."))
            #expect(partial.body.string.contains("name=\"access.place\" value=\"5\" checked"))
            #expect(try await app.store.surveys.tallies(of: campaign.id).isEmpty)
            let answered = try await citizen.post("/s/\(token)", Self.ballot(level: "5"))
            #expect(answered.status == .ok && answered.body.string.contains("id=\"thanks\""))
            // Spent: one clear page, nothing stored.
            let again = try await citizen.post("/s/\(token)", Self.ballot(level: "1"))
            #expect(again.status == .notFound && again.body.string.contains("đã được dùng"))
            #expect(try await citizen.get("/s/ABCDEFGHJKMNPQRS").status == .notFound)

            // Paper: the desk of another unit may not, the land department's leader may.
            let desk = Browser(app)
            try await desk.login("motcua")
            try await desk.get("/surveys/KS-2026-001/ballot?unit=\(Fixtures.landCode)&channel=paper")
            #expect(
                try await desk.post("/surveys/KS-2026-001/ballot", [("unit", Fixtures.landCode), ("channel", "paper")] + Self.ballot(level: "2")).status
                    == .forbidden)
            let leader = Browser(app)
            try await leader.login("lanhdao")
            try await leader.get("/surveys/KS-2026-001/ballot?unit=\(Fixtures.landCode)&channel=paper")
            let paper = try await leader.post("/surveys/KS-2026-001/ballot", [("unit", Fixtures.landCode), ("channel", "paper")] + Self.ballot(level: "2"))
            #expect(paper.status == .seeOther)

            // The committee: two ballots, one by invitation; index 100 and the paper one's.
            let committee = Browser(app)
            try await committee.login("bcd")
            let results = try await committee.get("/surveys/KS-2026-001")
            #expect(results.status == .ok && results.body.string.contains("Phiếu giấy 1") && results.body.string.contains("Trực tuyến 1"))
            let figures = try await SurveyService(store: app.store).results(
                code: "KS-2026-001", by: try #require(try await app.store.users.find(username: "bcd"))
            ).current
            #expect(figures.units[0].respondents == 2 && figures.units[0].spent == 1)
            let csv = try await committee.get("/surveys/KS-2026-001/results.csv")
            let lines = csv.body.string.split(separator: "\r\n")
            #expect(lines.count == 3 && lines[0].contains("access.place") && csv.body.string.contains(",paper,") && csv.body.string.contains(",online,"))
            #expect(try await committee.get("/surveys/KS-2026-001/invitations").status == .forbidden)

            // Anonymity: a ballot row holds no token, no dossier, no time; the spent invitation keeps neither its token nor when.
            let sql = app.db as! any SQLDatabase
            let documents = try await sql.select().column("document").from("survey_ballots").all().map { try $0.decode(column: "document", as: String.self) }
            let dossiers = try await sql.select().column("dossier_code").from("survey_invitations").all().compactMap {
                try $0.decode(column: "dossier_code", as: String?.self)
            }
            #expect(documents.count == 2 && documents.allSatisfy { document in !document.contains(token) && !dossiers.contains { document.contains($0) } })
            let spent = try await sql.select().column("token").from("survey_invitations").where("spent", .equal, true).all()
            #expect(try spent.count == 1 && spent[0].decode(column: "token", as: String?.self) == nil)

            // Closed: no more answers, even from a form opened before.
            let lateCitizen = Browser(app)
            try await lateCitizen.get("/s/\(tokens[1])")
            #expect(try await staff.get("/surveys/KS-2026-001").status == .ok)
            #expect(try await staff.post("/surveys/KS-2026-001/close", [("version", "1")]).status == .seeOther)
            let late = try await lateCitizen.post("/s/\(tokens[1])", Self.ballot(level: "5"))
            #expect(late.status == .unprocessableEntity && late.body.string.contains("kết thúc"))
            #expect(try await Browser(app).get("/s/\(tokens[1])").status == .unprocessableEntity)
            #expect(try await app.store.surveys.ballots(of: campaign.id).count == 2)
        }
    }

    @Test("Of answers racing on one token, exactly one is stored", arguments: TestDatabases.kinds)
    func concurrentAnswers(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { app, _ in
            try await TestAccounts.seed(app)
            let service = SurveyService(store: app.store)
            let staff = try #require(try await app.store.users.find(username: "noivu"))
            let campaign = try await service.open(
                SurveyCampaignDraft(
                    title: "Lãnh đạo", audience: .citizens, periodFrom: Fixtures.day("2026-01-01"), periodTo: Fixtures.day("2026-06-30"),
                    closesOn: Fixtures.day("2026-12-31"), unitCodes: [Fixtures.landCode]),
                by: staff, now: Fixtures.now)
            #expect(campaign.targets[0].population == 0)
            let leaders = try await service.questionnaires(.leaders)
            #expect(leaders.latest == nil)
            // A leaders' survey needs its questionnaire: load one (the citizens' shape will do), then two invitations.
            _ = try await service.proposeQuestionnaire(
                .sipas, for: .leaders, effectiveFrom: Fixtures.day("2026-11-23"), reason: "Thử", by: staff, now: Fixtures.now, expectedLatest: nil)
            let leadersCampaign = try await service.open(
                SurveyCampaignDraft(
                    title: "Lãnh đạo", audience: .leaders, periodFrom: Fixtures.day("2026-01-01"), periodTo: Fixtures.day("2026-12-31"),
                    closesOn: Fixtures.day("2026-12-31"), unitCodes: [Fixtures.landCode], groups: [.init(name: "Lãnh đạo sở", count: 2)]),
                by: staff, now: Fixtures.now)
            let (_, invitations) = try await service.invitations(code: leadersCampaign.code, by: staff)
            let token = try #require(invitations.first?.token)
            let answers = Dictionary(uniqueKeysWithValues: Self.ballot(level: "4"))
            let stored = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        do {
                            try await service.answer(token: token, answers, now: Fixtures.now)
                            return true
                        } catch let error as DomainError where error.code == "survey.token.invalid" {
                            return false
                        }
                    }
                }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(stored == 1)
            let results = try await service.results(code: leadersCampaign.code, by: staff).current
            #expect(results.total.respondents == 1 && results.total.spent == 1 && results.units[0].respondentsByChannel == [.online: 1])
            #expect(try await app.store.surveys.ballots(of: leadersCampaign.id).map(\.ballot.group) == ["Lãnh đạo sở"])
        }
    }

    @Test("Reform staff load a questionnaire version on the page: a broken one comes back with every error and the text kept", arguments: TestDatabases.kinds)
    func questionnaires(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { app, _ in
            try await TestAccounts.seed(app)
            let staff = Browser(app)
            try await staff.login("noivu")
            let page = try await staff.get("/admin/questionnaires")
            #expect(page.status == .ok && page.body.string.contains("Tiếp cận dịch vụ") && page.body.string.contains("QĐ 1001/QĐ-BNV"))
            var broken = Questionnaire.sipas
            broken.satisfiedLevels = [7]
            let json = try QuestionnairesController.json(broken)
            let fields = [
                ("audience", "citizens"), ("effectiveFrom", "2026-12-01"), ("reason", "Sửa thang đo"), ("expected_citizens", "1"), ("questionnaire", json),
            ]
            let refused = try await staff.post("/admin/questionnaires", fields)
            #expect(refused.status == .unprocessableEntity && refused.body.string.contains("satisfiedLevels") && refused.body.string.contains("Sửa thang đo"))
            #expect(try await app.store.surveys.questionnaires(.citizens).versions.count == 1)
            let saved = try await staff.post(
                "/admin/questionnaires", fields.map { $0.0 == "questionnaire" ? ($0.0, try! QuestionnairesController.json(.sipas)) : $0 })
            #expect(saved.status == .seeOther)
            let history = try await app.store.surveys.questionnaires(.citizens)
            #expect(history.versions.map(\.version) == [1, 2] && history.versions[0].effectiveTo == Fixtures.day("2026-12-01"))
            let download = try await staff.get("/admin/questionnaires/citizens/2.json")
            #expect(try JSONDecoder().decode(Questionnaire.self, from: Data(download.body.string.utf8)) == .sipas)
            // Only reform staff change it; a unit's leader reads it.
            let leader = Browser(app)
            try await leader.login("lanhdao")
            #expect(try await leader.get("/admin/questionnaires").status == .ok)
        }
    }
}
