import CCHCCore
import CCHCTestSupport
import Foundation
import Synchronization
import Testing
import WorkCalendar

@testable import CCHCStore

/// A channel that records what it is handed and fails as told: the real SMTP and webhook senders are
/// tested against real servers in the web tests; here the outbox's own rules are.
final class RecordingSender: NotificationSender {
    private let state = Mutex<(sent: [RenderedNotification], failures: [NotificationDeliveryError])>(([], []))

    /// The next sends fail with these, in order.
    func failNext(_ failures: NotificationDeliveryError...) { state.withLock { $0.failures += failures } }

    var sent: [RenderedNotification] { state.withLock { $0.sent } }

    func send(_ message: RenderedNotification) async throws {
        let failure: NotificationDeliveryError? = state.withLock { state in
            if state.failures.isEmpty {
                state.sent.append(message)
                return nil
            }
            return state.failures.removeFirst()
        }
        if let failure { throw failure }
    }
}

@Suite("Notification outbox")
struct NotificationOutboxTests {
    let now = Fixtures.now

    func officer(_ name: String, _ role: Role, unit: String, store: any Store) async throws -> User {
        let tree = try await store.units.tree()
        let user = User(username: name, fullName: name, role: role, unitID: tree.unit(code: unit)?.id, createdAt: now, updatedAt: now)
        return try await store.users.create(user, passwordHash: "x")
    }

    @Test(
        "A dossier's events put their messages in the outbox in their own transaction; officers get reminders only on the channels they chose, once",
        arguments: TestDatabases.kinds)
    func dossierMessages(kind: DatabaseKind) async throws {
        try await TestDatabases.withStore(kind) { store, _ in
            try await Fixtures.loadUnits(into: store)
            try await Fixtures.loadProcedure(into: store)
            let desk = try await officer("desk", .deskOfficer, unit: Fixtures.centreCode, store: store)
            let specialist = try await officer("specialist", .specialist, unit: Fixtures.landCode, store: store)
            _ = try await officer("leader", .unitLeader, unit: Fixtures.landCode, store: store)
            let notifications = NotificationService(store: store)
            _ = try await notifications.savePreferences(
                of: desk, email: " Mot.Cua@Example.VN ", phone: "0987654321", channels: [.email], language: "en", now: now)
            _ = try await notifications.savePreferences(of: specialist, email: "cv@example.vn", phone: "", channels: [.email], language: "vi", now: now)

            let service = try await Fixtures.service(store)
            let (dossier, _) = try await service.intake(Fixtures.intakeRequest(), by: .staff(desk), now: now)
            var messages = try await store.notifications.recent(limit: 10)
            // The applicant gave an e-mail address and a phone: the receipt goes to both, in Vietnamese.
            #expect(
                Set(messages.map { "\($0.kind.rawValue) \($0.channel.rawValue) \($0.recipient)" }) == ["receipt email an@example.vn", "receipt sms 0912345678"])
            #expect(
                messages.allSatisfy { $0.parameters["code"] == dossier.code && $0.parameters["link"] == "/lookup?code=\(dossier.code)" && $0.language == "vi" })
            #expect(messages.allSatisfy { $0.parameters["dueDate"] == "27/11/2026 09:00" && $0.state == .pending })
            // Nothing personal beyond what the message needs.
            #expect(messages.allSatisfy { !$0.parameters.values.contains(Fixtures.applicant.fullName) })

            // Nearing its deadline while it waits at the centre's desk: the desk officer hears by e-mail only (the
            // channel chosen), in English; the land department's specialist, who chose e-mail too, holds no step yet.
            let thursday = VietnamTime.instant(on: Fixtures.day("2026-11-26"), secondsOfDay: 14 * 3600)
            let flagged = try await service.flagDeadlines(now: thursday)
            #expect(flagged.nearing == 1)
            messages = try await store.notifications.recent(limit: 10)
            let reminders = messages.filter { $0.kind == .dossierNearingDue }
            #expect(reminders.map(\.recipient) == ["mot.cua@example.vn"] && reminders.first?.language == "en")
            #expect(reminders.first?.parameters["link"] == "/dossiers/\(dossier.code)")

            // The same reminder asked again (a job finding it again) adds nothing.
            let again = NotificationRequest(
                kind: .dossierNearingDue, audience: .unitStaff(unitID: desk.unitID!, roles: [.deskOfficer]), parameters: [:],
                onceKey: "dossier_nearing_due|\(dossier.id)")
            try await store.notifications.enqueue([again, again], at: thursday)
            #expect(try await store.notifications.recent(limit: 10).count == messages.count)
        }
    }

    @Test(
        "Delivery: a failure is tried again after a pause, a message is sent once, and one claimed by an instance that died goes out when its lease ends",
        arguments: TestDatabases.kinds)
    func delivery(kind: DatabaseKind) async throws {
        try await TestDatabases.withStore(kind) { store, _ in
            let notifications = NotificationService(store: store)
            try await notifications.bootstrap(now: now)
            let email = RecordingSender()
            let senders: [NotificationChannel: any NotificationSender] = [.email: email]
            let contact = NotificationRequest.Contact(email: "an@example.vn", phone: nil)
            let receipt = NotificationRequest(
                kind: .resultReady, audience: .citizen(contact), parameters: ["code": "X-1", "procedure": "Cấp phép", "link": "/lookup?code=X-1"])
            try await store.notifications.enqueue([receipt], at: now)

            email.failNext(NotificationDeliveryError("421 try later"))
            #expect(try await notifications.deliver(now: now, senders: senders, publicURL: "https://dvc.example.vn") == (0, 1))
            var message = try #require(try await store.notifications.recent(limit: 1).first)
            #expect(message.state == .pending && message.attempts == 1 && message.lastError == "421 try later")
            #expect(message.nextAttemptAt == now.addingTimeInterval(60))
            #expect(try await notifications.deliver(now: now.addingTimeInterval(30), senders: senders, publicURL: "https://dvc.example.vn") == (0, 0))
            #expect(try await notifications.deliver(now: now.addingTimeInterval(61), senders: senders, publicURL: "https://dvc.example.vn") == (1, 0))
            #expect(try await notifications.deliver(now: now.addingTimeInterval(3600), senders: senders, publicURL: "https://dvc.example.vn") == (0, 0))
            #expect(email.sent.count == 1)
            #expect(email.sent.first?.body == "Hồ sơ X-1 (Cấp phép) đã có kết quả. Tra cứu: https://dvc.example.vn/lookup?code=X-1")
            message = try #require(try await store.notifications.recent(limit: 1).first)
            #expect(message.state == .sent && message.attempts == 2 && message.lastError == nil)

            // An instance claims a message and dies before sending: another finds it leased, then sends it once the lease ends.
            try await store.notifications.enqueue([receipt], at: now)
            let claimed = try await store.notifications.claimDue(now: now, leaseUntil: now.addingTimeInterval(NotificationService.lease), limit: 10)
            #expect(claimed.count == 1)
            #expect(try await notifications.deliver(now: now.addingTimeInterval(10), senders: senders, publicURL: "") == (0, 0))
            #expect(try await notifications.deliver(now: now.addingTimeInterval(121), senders: senders, publicURL: "") == (1, 0))
            #expect(email.sent.count == 2)

            // A refusal for good, and a channel the deployment did not configure, fail at once with the reason.
            let phone = NotificationRequest(kind: .resultReady, audience: .citizen(.init(email: "bad@example.vn", phone: "0912345678")), parameters: [:])
            try await store.notifications.enqueue([phone], at: now)
            email.failNext(NotificationDeliveryError("550 no such mailbox", isTemporary: false))
            #expect(try await notifications.deliver(now: now.addingTimeInterval(200), senders: senders, publicURL: "") == (0, 2))
            let failed = try await store.notifications.recent(limit: 10).filter { $0.state == .failed }
            #expect(Set(failed.compactMap(\.lastError)) == ["550 no such mailbox", "notification.error.not_configured.sms"])
            #expect(try await store.notifications.stateCounts() == [.sent: 2, .failed: 2])

            // A message still waiting three days after what caused it is stale: dropped, not sent.
            try await store.notifications.enqueue([receipt], at: now.addingTimeInterval(-4 * 86400))
            #expect(try await notifications.deliver(now: now.addingTimeInterval(300), senders: senders, publicURL: "") == (0, 1))
            #expect(try await store.notifications.recent(limit: 10).contains { $0.lastError == "notification.error.stale" })
            #expect(email.sent.count == 2)

            // Retention forgets finished messages; a waiting one is kept whatever its age.
            try await store.notifications.enqueue([receipt], at: now)
            #expect(try await store.notifications.deleteFinished(before: now.addingTimeInterval(86400)) == 5)
            #expect(try await store.notifications.stateCounts() == [.pending: 1])
        }
    }

    @Test("Retries back off 1, 5, 15, 60 minutes, then six hours, and give up after the last try")
    func retries() {
        let delays = (1...8).map { OutboxRetry.nextAttempt(after: $0, from: now).map { $0.timeIntervalSince(now) / 60 } }
        #expect(delays == [1, 5, 15, 60, 360, 360, 360, nil])
    }
}
