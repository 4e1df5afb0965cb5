import Foundation
import Testing
import WorkCalendar

@testable import CCHCCore

@Suite("Typed dossier events and their projections")
struct DossierEventTests {
    typealias World = DossierWorld

    /// Version-1 details as the state machine wrote them, and the typed payload each becomes.
    static let legacy: [(action: String, details: [String: String], payload: DossierEventPayload)] = [
        (
            "receive", ["channel": "counter", "procedure": "1.000001", "components": "2"],
            .receive(.init(channel: .counter, procedureCode: "1.000001", components: 2))
        ),
        (
            "accept", ["dueAt": "2026-03-05T02:00:00Z", "appointment": "2026-03-05 sang"],
            .accept(
                .init(
                    dueAt: Date(timeIntervalSince1970: 1_772_676_000), appointment: .init(date: LocalDate("2026-03-05")!, session: .morning),
                    settingsVersion: nil))
        ),
        ("request_supplement", ["items": "Bản vẽ; Đơn", "reason": "Thiếu"], .requestSupplement(.init(items: ["Bản vẽ", "Đơn"], reason: "Thiếu"))),
        ("receive_supplement", ["clock": "restarted"], .receiveSupplement(.init(note: "", clockRestarted: true))),
        (
            "forward", ["fromStep": "0", "toStep": "1", "toUnit": "D", "stepTimeliness": "early", "note": "Gấp"],
            .forward(.init(fromStep: 0, toStep: 1, toUnitCode: "D", stepTimeliness: .early, note: "Gấp"))
        ),
        (
            "return_to_step", ["fromStep": "2", "toStep": "1", "reason": "Sai"],
            .returnToStep(.init(fromStep: 2, toStep: 1, reason: "Sai", stepTimeliness: nil))
        ),
        ("request_payment", ["amount": "50000", "description": "Lệ phí"], .requestPayment(.init(amount: 50_000, description: "Lệ phí"))),
        ("record_payment", [:], .recordPayment(.init(reference: ""))),
        ("mark_result_ready", ["timeliness": "late", "workingSeconds": "3600"], .markResultReady(.init(timeliness: .late, workingSeconds: 3600, note: ""))),
        ("return_result", ["returnedTo": "An", "method": "postal"], .returnResult(.init(returnedTo: "An", method: .postal))),
        ("withdraw", [:], .withdraw(.init(reason: ""))),
        ("stop", ["reason": "Dừng"], .stop(.init(reason: "Dừng"))),
        ("refuse", ["reason": "Không"], .refuse(.init(reason: "Không"))),
        (
            "apologize", ["reason": "Chậm", "newDueAt": "2026-03-10T10:00:00Z", "appointment": "2026-03-10 chieu"],
            .apologize(
                .init(
                    reason: "Chậm", newDueAt: Date(timeIntervalSince1970: 1_773_136_800),
                    appointment: .init(date: LocalDate("2026-03-10")!, session: .afternoon)))
        ),
        ("rate", ["total": "17", "satisfaction": "satisfied"], .rate(.init(total: 17, satisfaction: .satisfied))),
        ("flag_nearing_due", [:], .flagNearingDue),
        ("flag_overdue", ["unit": "D", "step": "1"], .flagOverdue(.init(unitCode: "D", step: 1))),
        ("reissue_pin", [:], .reissuePIN),
    ]

    @Test("Every action's version-1 details convert to its typed payload, which reads back from its own JSON")
    func legacyConversion() throws {
        for (action, details, payload) in Self.legacy {
            let converted = try LegacyEventDetails.payload(action: action, details: details)
            #expect(converted == payload, "\(action)")
            #expect(converted.action == action)
            #expect(try DossierEventPayload.decode(action: action, json: try converted.json()) == payload, "\(action)")
        }
        let actions = Set(Self.legacy.map(\.action))
        #expect(actions == Set(DossierAction.Kind.allCases.map(\.rawValue) + ["receive", "reissue_pin"]))
    }

    @Test("Details that cannot be read are errors naming the key, never dropped")
    func unreadable() {
        #expect(throws: LegacyEventDetails.Unreadable(action: "forward", key: "toStep")) {
            try LegacyEventDetails.payload(action: "forward", details: ["fromStep": "0", "toStep": "two"])
        }
        #expect(throws: LegacyEventDetails.Unreadable(action: "stop", key: "colour")) {
            try LegacyEventDetails.payload(action: "stop", details: ["reason": "x", "colour": "red"])
        }
        #expect(throws: LegacyEventDetails.Unreadable(action: "teleport", key: "action")) {
            try LegacyEventDetails.payload(action: "teleport", details: [:])
        }
        #expect(throws: (any Error).self) { try DossierEventPayload.decode(action: "forward", json: #"{"fromStep":"zero"}"#) }
        #expect(throws: DossierEventPayload.UnknownAction(action: "teleport")) { try DossierEventPayload.decode(action: "teleport", json: "{}") }
    }

    @Test("The facts of version-1 events are read back from the events and the dossier; the last are the dossier's own")
    func legacyFacts() throws {
        let processing = try World.dossier(in: .processing)
        let events: [LegacyEventDetails.Event] = [
            .init(
                payload: .submit(.init(channel: .online, procedureCode: "1.000001", components: 2)), statusAfter: .submitted,
                occurredAt: World.at("2026-03-02 09:00")),
            .init(
                payload: .accept(.init(dueAt: processing.dueAt, appointment: nil, settingsVersion: nil)), statusAfter: .accepted,
                occurredAt: World.at("2026-03-02 09:00")),
            .init(
                payload: .forward(.init(fromStep: 0, toStep: 1, toUnitCode: "D", stepTimeliness: .early, note: "")), statusAfter: .processing,
                occurredAt: World.at("2026-03-02 10:00")),
        ]
        let facts = LegacyEventDetails.facts(for: events, of: processing)
        #expect(facts.map(\.status) == [.submitted, .accepted, .processing])
        #expect(facts[0].acceptedAt == nil && facts[1].dueAt == processing.dueAt)
        #expect(facts[1].currentUnitID == World.centre.id && facts[2] == DossierFacts(processing))
    }

    @Test("Queue counts move with a dossier from queue to queue, on the desk's, the holder's and the citizen's side")
    func queueCounts() throws {
        let submitted = try World.intake()
        let accepted = try World.run(submitted, [("2026-03-02 09:00", .accept, .staff(World.desk))])
        let forwarded = try DossierMachine.apply(
            .forward(toStep: nil, note: ""), to: accepted, by: .staff(World.desk), context: World.context("2026-03-02 10:00"))
        let changes = DossierQueueCounts().changes(for: forwarded.event, before: forwarded.before, after: forwarded.event.facts)
        let moved = Dictionary(changes.map { ("\($0.key.counter)@\($0.key.entity == World.centre.id ? "C" : "D")", $0.delta) }, uniquingKeysWith: +)
        #expect(moved == ["held:in_progress@C": -1, "held:in_progress@D": 1])
        // A new online filing enters "awaiting acceptance" for the desk, the holder and the citizen.
        let first = DossierEventDraft(
            .submit(.init(channel: .online, procedureCode: "1.000001", components: 2)), before: nil, after: submitted,
            by: .citizen(World.citizen), as: .role(.citizen), at: World.at("2026-03-02 09:00"))
        #expect(
            Set(DossierQueueCounts().changes(for: first, before: nil, after: first.facts).map(\.key.counter))
                == ["received:awaiting_acceptance", "held:awaiting_acceptance", "citizen:awaiting_acceptance"])
    }

    @Test("The flow counts what happened on its day, for the deciding unit and procedure")
    func flow() throws {
        let ready = try World.dossier(in: .resultReady)
        let submitted = try World.intake()
        let accepted = try DossierMachine.apply(.accept, to: submitted, by: .staff(World.desk), context: World.context("2026-03-02 09:00"))
        let received = DossierFlow().changes(for: accepted.event, before: accepted.before, after: accepted.event.facts)
        #expect(received.map(\.key.counter).sorted() == ["received", "received_online"])
        #expect(received.allSatisfy { $0.key.entity == World.department.id && $0.key.subject == "1.000001" && $0.key.day == LocalDate("2026-03-02") })
        let returned = try DossierMachine.apply(
            .returnResult(to: "An", method: .counter), to: ready, by: .staff(World.desk), context: World.context("2026-03-05 08:00"))
        #expect(DossierFlow().changes(for: returned.event, before: returned.before, after: returned.event.facts).map(\.key.counter) == ["returned"])
    }

    @Test("Changes of the same counter add up; those that cancel out go")
    func merging() {
        let key = CounterKey(projection: "p", counter: "c", entity: nil)
        let other = CounterKey(projection: "p", counter: "d", entity: nil)
        #expect(CounterChange.merged([.init(key, 1), .init(other, 1), .init(key, -1), .init(other, 2)]) == [.init(other, 3)])
    }
}
