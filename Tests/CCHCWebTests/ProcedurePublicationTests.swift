import CCHCCore
import CCHCTestSupport
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import CCHCWeb

@Suite("Recording how a procedure was published, on the page and through the API")
struct ProcedurePublicationTests {
    static let form = "/procedures/\(Fixtures.procedureCode)/publication"

    @Test(
        "Reform staff record it beside the procedure; a bad date is named beside its field and a stale revision is a 409, what was typed kept both times",
        arguments: TestDatabases.kinds)
    func page(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { app, _ in
            try await TestAccounts.seed(app)
            try await Fixtures.loadProcedure(into: app.store)
            let staff = Browser(app)
            try await staff.login("noivu")
            let before = try await staff.get("/procedures/\(Fixtures.procedureCode)")
            #expect(before.text.contains("Chưa ghi nhận") && before.text.contains("còn thiếu: đối tượng thực hiện"))
            #expect(try await staff.get(Self.form).text.contains("Số quyết định công bố"))

            let typed = [
                ("version", "1"), ("revision", "0"), ("decisionNumber", "15/QĐ-UBND"), ("decisionDate", "31/02/2026"),
                ("legalBasisEffectiveFrom", "2026-01-12"), ("postedOn", ""), ("organisations", "on"), ("onlinePayment", "on"),
            ]
            let refused = try await staff.post(Self.form, typed)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains(#"id="decisionDate-error""#) && refused.body.string.contains(#"value="15/QĐ-UBND""#))
            #expect(refused.body.string.contains(#"id="organisations" name="organisations" value="on" checked"#))

            var good = typed
            good[3] = ("decisionDate", "05/01/2026")
            let saved = try await staff.post(Self.form, good)
            #expect(saved.status == .seeOther)
            let after = try await staff.get(try #require(saved.location))
            #expect(after.text.contains("15/QĐ-UBND ngày 05/01/2026") && after.text.contains("Tổ chức, doanh nghiệp") && !after.text.contains("còn thiếu"))

            // Someone else saved revision 1 meanwhile: this editor's revision 0 is stale.
            var late = typed
            late[2] = ("decisionNumber", "16/QĐ-UBND")
            late[3] = ("decisionDate", "2026-01-06")
            let stale = try await staff.post(Self.form, late)
            #expect(stale.status == .conflict && stale.body.string.contains(#"value="16/QĐ-UBND""#) && stale.text.contains("Người khác vừa cập nhật"))
            #expect(stale.body.string.contains(#"name="revision" value="1""#))
            #expect(try await app.store.procedures.versions(code: Fixtures.procedureCode)[0].publication.decisionNumber == "15/QĐ-UBND")

            let desk = Browser(app)
            try await desk.login("motcua")
            #expect(try await desk.get(Self.form).status == .forbidden)
            #expect(try await desk.get("/procedures/\(Fixtures.procedureCode)").text.contains("Ghi nhận công bố") == false)
        }
    }

    @Test(
        "Through the API: recorded, read back with the procedure, errors as problems; the index then measures 1.1–1.3 and 3.4", arguments: TestDatabases.kinds)
    func api(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { app, _ in
            try await TestAccounts.seed(app)
            try await Fixtures.loadProcedure(into: app.store)
            let path = "/api/v1/procedures/\(Fixtures.procedureCode)/publication"
            let index = "/api/v1/service-index?unit=\(Fixtures.landCode)&period=2026-Q1"
            let anonymous = APIClient(app: app)
            let unrecorded = try ServiceIndexTests.decode(Components.Schemas.ServiceIndex.self, try await anonymous.send(.GET, index))
            #expect(try ServiceIndexTests.indicator(unrecorded, "1.1").score == nil)

            let client = try await APIClient.login(app, "noivu")
            let body =
                #"{"version":1,"revision":0,"decisionNumber":"15/QĐ-UBND","decisionDate":"2026-01-06","legalBasisEffectiveFrom":"2026-01-12","postedOn":"2026-01-09","applicants":["citizens"],"onlinePayment":false}"#
            let saved = try await client.send(.PUT, path, json: body)
            #expect(saved.status == .ok)
            let procedure = try ServiceIndexTests.decode(Components.Schemas.Procedure.self, saved)
            #expect(procedure.publication.revision == 1 && procedure.publication.decisionDate == "2026-01-06" && procedure.missingParts.isEmpty)
            let read = try ServiceIndexTests.decode(
                Components.Schemas.Procedure.self, try await anonymous.send(.GET, "/api/v1/procedures/\(Fixtures.procedureCode)"))
            #expect(read.publication == procedure.publication)

            let again = try await client.send(.PUT, path, json: body)
            #expect(again.status == .conflict && again.headers.contentType?.description.contains("problem+json") == true)
            let backwards = try await client.send(
                .PUT, path,
                json: body.replacingOccurrences(of: #""revision":0"#, with: #""revision":1"#)
                    .replacingOccurrences(of: "2026-01-09", with: "2026-01-02"))
            #expect(backwards.status == .unprocessableEntity && backwards.body.string.contains("postedOn"))
            #expect(try await client.send(.PUT, "/api/v1/procedures/9.999999/publication", json: body).status == .notFound)
            let desk = try await APIClient.login(app, "motcua")
            #expect(try await desk.send(.PUT, path, json: body).status == .forbidden)

            // The decision came four working days before its legal basis (five are due), posted in time;
            // applicants stated; the fee not payable online.
            let measured = try ServiceIndexTests.decode(Components.Schemas.ServiceIndex.self, try await anonymous.send(.GET, index))
            for (code, numerator, denominator) in [("1.1", 0.0, 1.0), ("1.2", 1, 1), ("1.3", 1, 1), ("3.4", 0, 1)] {
                let indicator = try ServiceIndexTests.indicator(measured, code)
                #expect(indicator.numerator == numerator && indicator.denominator == denominator, "\(code)")
            }
            #expect(try ServiceIndexTests.indicator(measured, "1.2").score == 4)

            // The point lost on 1.1 traced to its procedure, on the page and in its CSV.
            let staff = Browser(app)
            try await staff.login("noivu")
            let drill = "/service-index/indicators/1.1?unit=\(Fixtures.landCode)&period=2026-Q1"
            let lost = try await staff.get(drill + "&part=lost")
            #expect(lost.status == .ok && lost.text.contains(Fixtures.procedureCode) && lost.text.contains("Công bố không đúng hạn"))
            #expect(try await staff.get(drill + "&part=numerator").text.contains("Không có thủ tục nào"))
            let csv = try await staff.get("/service-index/indicators/1.1/export.csv?unit=\(Fixtures.landCode)&period=2026-Q1&part=lost")
            #expect(csv.body.string.contains("15/QĐ-UBND ngày 06/01/2026") && csv.body.string.contains("12/01/2026"))
        }
    }
}
