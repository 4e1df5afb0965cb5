import CCHCCore
import CCHCTestSupport
import CSVFormat
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import CCHCWeb

@Suite("PAR Index pages: load a set, open a campaign, self-assess with evidence, appraise, confirm, publish, rank")
struct ParIndexPagesTests {
    static let pdf = Array("%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n".utf8)

    /// Every self-assessed item of the set scored "done" with an explanation, except those given.
    static func scoreAll(_ app: Application, unit: String, except skipped: Set<String>, by username: String) async throws {
        let user = try #require(try await app.store.users.find(username: username))
        let service = ParService(store: app.store)
        let view = try await service.assessment(campaign: "CCHC-2026-SO", unitCode: unit, by: user)
        var inputs: [String: ParEntryInput] = [:]
        for (_, leaf) in view.criteria.set.leaves where leaf.method?.isSelfAssessed == true && !skipped.contains(leaf.code) {
            let value: String =
                switch leaf.rule {
                case .tiers?: "0"
                case .deduction?: "0"
                case .proportional?: "100"
                case .points?: leaf.section == .scale ? ParRule.number(leaf.maximum) : "0"
                default: "1"
                }
            inputs[leaf.code] = ParEntryInput(value: value, explanation: "Báo cáo số 12/BC ngày 01/11/2026.")
        }
        _ = try await service.score(
            campaign: "CCHC-2026-SO", unitCode: unit, inputs, expectedVersion: view.assessment.version, by: user, now: app.clock.now)
    }

    @Test("The whole loop on both databases, with every refusal the issue names", arguments: TestDatabases.kinds)
    func loop(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { app, _ in
            try await TestAccounts.seed(app)
            let staff = Browser(app)
            try await staff.login("noivu")
            // The bundled set, loaded as version 1: a bad one first, every error named.
            let form = try await staff.get("/par/criteria/new?year=2026&level=department&from=bundled").body.string
            #expect(form.contains("&quot;computed:index.2.1&quot;"))
            let json = try ParIndexController.json(.local(year: 2026, level: .department))
            let bad = try await staff.post(
                "/par/criteria",
                [
                    ("format", "json"), ("set", json.replacingOccurrences(of: "\"maximum\" : 12", with: "\"maximum\" : 13")), ("reason", ""),
                    ("expectedLatest", "0"),
                ])
            #expect(bad.status == .unprocessableEntity && bad.body.string.contains("fields[0].maximum") && bad.body.string.contains("Vui lòng nhập"))
            let loaded = try await staff.post("/par/criteria", [("format", "json"), ("set", json), ("reason", "QĐ của UBND tỉnh"), ("expectedLatest", "0")])
            #expect(loaded.status == .seeOther)
            let csv = try await staff.get("/par/criteria/2026/department/1?format=csv").body.string
            #expect(csv.contains("3.1,3,\"Hồ sơ giải quyết trước hạn, đúng hạn\",6,,computed:index.2.1,proportional:100"), "\(csv.prefix(600))")

            let dates: [(String, String)] = [
                ("year", "2026"), ("level", "department"), ("title", "Chỉ số CCHC cấp sở 2026"), ("selfAssessmentDue", "2026-12-15"),
                ("appraisalDue", "2027-01-15"), ("reviewDue", "2027-01-31"), ("publishOn", "2027-02-15"),
            ]
            #expect(try await staff.post("/par/campaigns", dates.map { $0.0 == "reviewDue" ? ($0.0, "2027-01-01") : $0 }).status == .unprocessableEntity)
            #expect(try await staff.post("/par/campaigns", dates).status == .seeOther)
            #expect(try await staff.get("/par/campaigns/CCHC-2026-SO").body.string.contains(Fixtures.landCode))

            // The land department scores field 3: a bad value and a file, both beside their items; the file is kept.
            let leader = Browser(app)
            try await leader.login("lanhdao")
            let path = "/par/campaigns/CCHC-2026-SO/units/\(Fixtures.landCode)"
            let field = try await leader.get(path + "/fields/3").body.string
            #expect(field.contains("name=\"items.3.5.value\"") && field.contains("chưa có dữ liệu") == false)
            let typed: [(String, String)] = [
                ("version", "1"), ("items.3.5.present", "1"), ("items.3.5.value", "1"), ("items.3.5.explanation", "Ảnh bảng niêm yết"),
                ("items.3.6.present", "1"), ("items.3.6.value", "5"), ("items.3.6.explanation", "Thư xin lỗi lưu tại bộ phận một cửa"),
            ]
            let refused = try await leader.postMultipart(path + "/fields/3", typed, files: [("file4", "niem-yet.pdf", Self.pdf)])
            #expect(refused.status == .unprocessableEntity && refused.body.string.contains("Chọn có (1) hoặc không (0)."))
            #expect(refused.body.string.contains("Ảnh bảng niêm yết"))
            let kept = try #require(refused.body.string.components(separatedBy: "name=\"kept4\" value=\"").dropFirst().first?.prefix(36))
            let saved = try await leader.postMultipart(
                path + "/fields/3", typed.map { $0.0 == "items.3.6.value" ? ($0.0, "1") : $0 } + [("kept4", String(kept))], files: [])
            #expect(saved.status == .seeOther)
            let tree = try await app.store.units.tree()
            let campaign = try #require(try await app.store.par.campaign(code: "CCHC-2026-SO"))
            let land = try #require(tree.unit(code: Fixtures.landCode))
            var assessment = try #require(try await app.store.par.assessment(campaignID: campaign.id, unitID: land.id))
            let evidence = try #require(assessment.entry("3.5").files.first)
            #expect(evidence.originalName == "niem-yet.pdf" && assessment.entry("3.5").response == ParResponse(value: 1))
            #expect(try await app.store.par.evidenceExists(id: evidence.id))
            #expect(try await leader.get(path + "/files/\(evidence.id.uuidString)").body.readableBytes == Self.pdf.count)
            // Stale form: 409, nothing lost.
            let stale = try await leader.postMultipart(path + "/fields/3", typed.map { $0.0 == "items.3.5.explanation" ? ($0.0, "Lần hai") : $0 }, files: [])
            #expect(stale.status == .conflict && stale.body.string.contains("Lần hai"))

            // Submitting names what is missing; then the rest is scored and it is locked.
            #expect(try await leader.get(path).body.string.contains("action=\"\(path)/submit\""))
            let early = try await leader.post(path + "/submit", [("version", "2")])
            #expect(early.status == .unprocessableEntity && early.body.string.contains("Chưa chấm điểm."))
            try await Self.scoreAll(app, unit: Fixtures.landCode, except: ["3.5", "3.6"], by: "lanhdao")
            #expect(try await leader.post(path + "/submit", [("version", "3")]).status == .seeOther)
            #expect(try await leader.postMultipart(path + "/fields/3", typed.map { $0.0 == "version" ? ($0.0, "4") : $0 }, files: []).status == .conflict)
            // Another unit's unpublished assessment is not the land department's to read; the specialist cannot submit.
            #expect(try await leader.get("/par/campaigns/CCHC-2026-SO/units/\(Fixtures.homeAffairsCode)").status == .notFound)
            #expect(try await leader.get("/par/campaigns/CCHC-2026-SO/results").status == .forbidden)

            // Home Affairs adjusts one item with a reason, sends one back; the unit answers only that one.
            let adjust = try await staff.post(path + "/items/3.5/appraise", [("decision", "adjust"), ("value", "0"), ("reason", ""), ("version", "4")])
            #expect(adjust.status == .unprocessableEntity && adjust.body.string.contains("Nêu lý do."))
            #expect(
                try await staff.post(path + "/items/3.5/appraise", [("decision", "adjust"), ("value", "0"), ("reason", "Ảnh chụp năm 2024"), ("version", "4")])
                    .status == .seeOther)
            #expect(
                try await staff.post(
                    path + "/items/3.6/appraise", [("decision", "send_back"), ("reason", "Thiếu thư xin lỗi"), ("dueOn", "2026-12-01"), ("version", "5")]
                )
                .status == .seeOther)
            let reopened = try await leader.get(path + "/fields/3").body.string
            #expect(reopened.contains("name=\"items.3.6.value\"") && !reopened.contains("name=\"items.3.5.value\""))
            #expect(
                try await leader.postMultipart(
                    path + "/fields/3",
                    [("version", "6"), ("items.3.6.present", "1"), ("items.3.6.value", "1"), ("items.3.6.links", "https://example.gov.vn/thu-xin-loi")],
                    files: []
                ).status == .seeOther)
            #expect(try await leader.post(path + "/items/3.6/answer", [("version", "7")]).status == .seeOther)
            // Everything else accepted, the appraisal finished; the live items filled with their source.
            assessment = try #require(try await app.store.par.assessment(campaignID: campaign.id, unitID: land.id))
            let user = try #require(try await app.store.users.find(username: "noivu"))
            let set = ParCriteriaSet.local(year: 2026, level: .department)
            for (_, leaf) in set.leaves where leaf.method?.isSelfAssessed == true && leaf.code != "3.5" {
                assessment = try await ParService(store: app.store).appraise(
                    campaign: "CCHC-2026-SO", unitCode: Fixtures.landCode, leaf: leaf.code, .accept(reason: ""), expectedVersion: assessment.version, by: user,
                    now: app.clock.now)
            }
            #expect(try await staff.post(path + "/finish", [("version", String(assessment.version))]).status == .seeOther)
            assessment = try #require(try await app.store.par.assessment(campaignID: campaign.id, unitID: land.id))
            #expect(assessment.state == .appraised && assessment.entry("3.5").appraisal?.adjusted == true && assessment.entry("3.5").response?.value == 1)

            // The council confirms after the campaign moves on; it publishes once every unit is confirmed.
            #expect(try await staff.post("/par/campaigns/CCHC-2026-SO/advance", [("version", "1")]).status == .seeOther)
            #expect(try await staff.post("/par/campaigns/CCHC-2026-SO/advance", [("version", "2")]).status == .seeOther)
            #expect(try await staff.post(path + "/confirm", [("version", String(assessment.version))]).status == .seeOther)
            #expect(try await staff.post("/par/campaigns/CCHC-2026-SO/advance", [("version", "3")]).status == .unprocessableEntity)
            let results = try await staff.get("/par/campaigns/CCHC-2026-SO/results").body.string
            #expect(results.contains("Sở Nông nghiệp và Môi trường") && results.contains("<svg"))
            #expect(try await staff.get("/par/campaigns/CCHC-2026-SO/results?format=csv").body.string.contains("rank,unit_code,unit"))
            let events = try await app.store.par.events(assessmentID: assessment.id).map(\.kind)
            #expect([.scored, .evidenceAdded, .submitted, .adjusted, .sentBack, .answered, .appraised, .confirmed].allSatisfy(events.contains))
        }
    }

    @Test("A set's tree goes out as CSV and comes back the same; a bad line is named")
    func csv() throws {
        let set = ParCriteriaSet.local(year: 2026, level: .commune)
        let text = ParCriteriaCSV.rows(set).map(CSV.line).joined()
        #expect(try ParCriteriaCSV.fields(text) == set.fields)
        let broken = text.replacingOccurrences(of: "proportional:100", with: "proportional:lots")
        #expect(throws: DomainError.self) { try ParCriteriaCSV.fields(broken) }
        do {
            _ = try ParCriteriaCSV.fields(broken)
        } catch let error as DomainError {
            #expect(error.fields.first?.arguments["reason"] == "rule")
        }
    }

    @Test("Evidence is checked by its content: a disguised file is refused beside its item and nothing is stored", arguments: TestDatabases.kinds)
    func disguisedEvidence(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { app, _ in
            try await TestAccounts.seed(app)
            let staff = try #require(try await app.store.users.find(username: "noivu"))
            let service = ParService(store: app.store)
            _ = try await service.loadCriteria(.local(year: 2026, level: .department), reason: "QĐ", expectedLatest: 0, by: staff, now: app.clock.now)
            _ = try await service.open(
                ParCampaignDraft(
                    year: 2026, level: .department, title: "Cấp sở", selfAssessmentDue: Fixtures.day("2026-12-15"), appraisalDue: Fixtures.day("2027-01-15"),
                    reviewDue: Fixtures.day("2027-01-31"), publishOn: Fixtures.day("2027-02-15"), unitCodes: [Fixtures.landCode]), by: staff, now: app.clock.now
            )
            let leader = Browser(app)
            try await leader.login("lanhdao")
            let path = "/par/campaigns/CCHC-2026-SO/units/\(Fixtures.landCode)/fields/3"
            try await leader.get(path)
            let disguised = Array("MZ\u{90}\u{0}This program cannot be run in DOS mode".utf8)
            let refused = try await leader.postMultipart(
                path, [("version", "1"), ("items.3.5.present", "1"), ("items.3.5.value", "1")], files: [("file4", "niem-yet.pdf", disguised)])
            #expect(refused.status == .unprocessableEntity && refused.body.string.contains("niem-yet.pdf"))
            let assessment = try #require(try await service.assessment(campaign: "CCHC-2026-SO", unitCode: Fixtures.landCode, by: staff).assessment)
            #expect(assessment.version == 1 && assessment.entries.isEmpty)
        }
    }
}
