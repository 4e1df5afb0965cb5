import CCHCCore
import CCHCTestSupport
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import CCHCWeb

@Suite("Dialogues and tasks through the API: record once per key, read, correct, and report a task done")
struct DialogueAPITests {
    static let session =
        #"{"unitCode":"\#(Fixtures.landCode)","heldOn":"2026-11-20","place":"Hội trường Sở","chairName":"Nguyễn Văn Lãnh","chairTitle":"Giám đốc Sở","audience":"citizens","participants":{"citizens":30,"officials":4},"conclusion":"Rà soát hồ sơ tồn.","questions":[{"askedBy":"Ông Bình","text":"Bao giờ cấp sổ?","answer":"Tháng 12.","followUp":"none"},{"askedBy":"Bà Cúc","text":"Thủ tục kéo dài.","followUp":"task","unitCode":"\#(Fixtures.landCode)","dueOn":"2026-12-15"},{"askedBy":"Ông Dũng","text":"Hướng dẫn chưa rõ.","followUp":"feedback","unitCode":"\#(Fixtures.landCode)","contact":"0912111222"}]}"#

    @Test("Record with a key (a retry gets the same PINs, nothing twice), list the year, correct the record, finish the task", arguments: TestDatabases.kinds)
    func flow(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { app, _ in
            try await TestAccounts.seed(app)
            let leader = try await APIClient.login(app, "lanhdao")
            let key = [("Idempotency-Key", "0b5c7a52-5d0e-4c52-9c1e-1d6a3d2a9f10")]
            let first = try await leader.send(.POST, "/api/v1/dialogues", json: Self.session, headers: key)
            #expect(first.status == .created)
            let recorded = try first.json()
            let pins = try #require(recorded["feedbackPINs"] as? [String: String])
            #expect(pins.keys.sorted() == ["PA-261123-0001"] && pins["PA-261123-0001"]?.count == 6)
            let session = try #require(recorded["session"] as? [String: Any])
            #expect(session["code"] as? String == "DT-261120-0001" && session["quarter"] as? Int == 4)
            let questions = try #require(session["questions"] as? [[String: Any]])
            #expect((questions[1]["followUp"] as? [String: String]) == ["kind": "task", "code": "NV-261123-0001"])
            #expect((session["participants"] as? [String: Int]) == ["citizens": 30, "officials": 4])

            let retry = try await leader.send(.POST, "/api/v1/dialogues", json: Self.session, headers: key)
            let replayed = try retry.json()["feedbackPINs"] as? [String: String]
            #expect(retry.status == .created && replayed == pins)
            let reused = try await leader.send(.POST, "/api/v1/dialogues", json: Self.session.replacingOccurrences(of: "Tháng 12.", with: "Sớm."), headers: key)
            #expect(reused.status == .unprocessableEntity)
            let year = try await leader.send(.GET, "/api/v1/dialogues?year=2026").json()
            #expect((year["sessions"] as? [Any])?.count == 1 && (year["required"] as? [Int]) == [1, 1, 1, 1])
            let land = try #require((year["units"] as? [[String: Any]])?.first { $0["unitCode"] as? String == Fixtures.landCode })
            #expect((land["held"] as? [Int]) == [0, 0, 0, 1] && (land["standing"] as? [String]) == ["short", "short", "short", "met"])
            #expect(try await leader.send(.GET, "/api/v1/dialogues?year=1999").status == .badRequest)

            // Another unit's officer does not see it; a bad row is named.
            #expect(try await APIClient.login(app, "motcua").send(.GET, "/api/v1/dialogues/DT-261120-0001").status == .notFound)
            let unanswered = try await leader.send(
                .POST, "/api/v1/dialogues", json: Self.session.replacingOccurrences(of: #""answer":"Tháng 12.","#, with: ""))
            #expect(unanswered.status == .unprocessableEntity)
            #expect(try (unanswered.json()["errors"] as? [[String: Any]])?.compactMap { $0["field"] as? String } == ["questions.0.answer"])

            // A correction: the place and an answer; a stale version is a 409, a missing answer a 422; the follow-ups stay.
            let amendment =
                #"{"version":1,"heldOn":"2026-11-20","place":"Hội trường UBND tỉnh","chairName":"Nguyễn Văn Lãnh","chairTitle":"Giám đốc Sở","audience":"both","participants":{"citizens":31},"questions":[{"askedBy":"Ông Trần Văn Bình","answer":"Trong tháng 12."},{"askedBy":"Bà Cúc"},{"askedBy":"Ông Dũng"}]}"#
            let missing = try await leader.send(
                .PUT, "/api/v1/dialogues/DT-261120-0001", json: amendment.replacingOccurrences(of: #","answer":"Trong tháng 12.""#, with: ""))
            #expect(missing.status == .unprocessableEntity)
            let amended = try await leader.send(.PUT, "/api/v1/dialogues/DT-261120-0001", json: amendment)
            #expect(amended.status == .ok)
            let after = try amended.json()
            #expect(after["version"] as? Int == 2 && after["place"] as? String == "Hội trường UBND tỉnh" && after["conclusion"] as? String == "")
            #expect(((after["questions"] as? [[String: Any]])?[2]["followUp"] as? [String: String])?["code"] == "PA-261123-0001")
            #expect(try await leader.send(.PUT, "/api/v1/dialogues/DT-261120-0001", json: amendment).status == .conflict)
            #expect(try await APIClient.login(app, "chuyenvien").send(.PUT, "/api/v1/dialogues/DT-261120-0001", json: amendment).status == .forbidden)

            // The task: listed for the unit, done once.
            let tasks = try await leader.send(.GET, "/api/v1/tasks?state=open").json()
            let task = try #require((tasks["items"] as? [[String: Any]])?.first)
            #expect(task["code"] as? String == "NV-261123-0001" && task["overdue"] as? Bool == false && task["unitCode"] as? String == Fixtures.landCode)
            #expect((try await leader.send(.GET, "/api/v1/tasks?unit=\(Fixtures.homeAffairsCode)").json()["items"] as? [Any])?.isEmpty == true)
            let done = try await leader.send(.POST, "/api/v1/tasks/NV-261123-0001/done", json: #"{"version":1,"note":"Đã rà soát."}"#)
            let state = try done.json()["state"] as? String
            #expect(done.status == .ok && state == "done")
            #expect(try await leader.send(.POST, "/api/v1/tasks/NV-261123-0001/done", json: #"{"version":1,"note":"Lần hai"}"#).status == .conflict)
            #expect((try await leader.send(.GET, "/api/v1/tasks/NV-261123-0001").json()["doneNote"] as? String) == "Đã rà soát.")
        }
    }
}
