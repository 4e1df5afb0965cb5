import CCHCCore
import Foundation
import Testing

@Suite("Notification templates")
struct NotificationTemplatesTests {
    @Test("The standard wording uses only each kind's placeholders and has Vietnamese for every kind")
    func standard() {
        #expect(NotificationTemplates.standard.errors().isEmpty)
    }

    @Test("A placeholder the kind does not offer, an unknown language and a missing Vietnamese text are each named with their field")
    func errors() {
        var templates = NotificationTemplates.standard
        templates.templates["receipt"]?["vi"] = .init(subject: "Hồ sơ {code}", body: "Kính gửi {applicantName}: hồ sơ {code}")
        templates.templates["apology"]?["fr"] = .init(subject: "", body: "Pardon")
        templates.templates["result_ready"] = ["en": .init(subject: "", body: "Ready {code}")]
        let errors = templates.errors()
        #expect(
            errors.map { "\($0.field) \($0.code)" } == [
                "templates.apology.fr notification.template.unknown_language",
                "templates.receipt.vi.body notification.template.unknown_placeholder",
                "templates.result_ready.vi.body notification.template.missing",
            ])
        #expect(errors[1].arguments["name"] == "{applicantName}" && errors[1].arguments["allowed"] == "{code}, {dueDate}, {link}, {procedure}")
    }

    @Test("Filling replaces each placeholder, an absent value by nothing, and leaves an unclosed brace as it is")
    func fill() {
        #expect(NotificationTemplates.fill("Hồ sơ {code} hẹn {dueDate}.", with: ["code": "A-1"]) == "Hồ sơ A-1 hẹn .")
        #expect(NotificationTemplates.fill("{code} {", with: ["code": "A"]) == "A {")
        #expect(NotificationFormat.amount(1_250_000) == "1.250.000" && NotificationFormat.amount(500) == "500")
    }

    @Test("A rendered message falls back to Vietnamese and makes its link absolute")
    func render() {
        let message = OutboxMessage(
            kind: .feedbackAnswered, channel: .sms, recipient: "0912345678", language: "fr",
            parameters: ["code": "PA-1", "link": "/feedback/lookup?code=PA-1"], createdAt: Date(timeIntervalSince1970: 0))
        let rendered = NotificationService.render(message, templates: .standard, publicURL: "https://dvc.example.vn")
        #expect(rendered.body == "Phản ánh, kiến nghị PA-1 đã được trả lời. Xem trả lời: https://dvc.example.vn/feedback/lookup?code=PA-1")
        #expect(message.maskedRecipient == "•••••••678")
    }

    @Test("Preferences: a channel needs its address; addresses are cleaned")
    func preferences() throws {
        let user = UUID()
        #expect(throws: DomainError.self) {
            try NotificationPreferences.checked(userID: user, email: "", phone: "", channels: [.email, .sms], language: "vi", now: Date())
        }
        do {
            _ = try NotificationPreferences.checked(userID: user, email: "", phone: "12", channels: [.email], language: "de", now: Date())
        } catch let error as DomainError {
            #expect(error.fields.map(\.field) == ["phone", "email", "language"])
        }
        let saved = try NotificationPreferences.checked(
            userID: user, email: " A@B.VN ", phone: "+84 912 345 678", channels: [.sms], language: "en", now: Date())
        #expect(saved.email == "a@b.vn" && saved.phone == "0912345678" && saved.addresses.map(\.1) == ["0912345678"])
    }
}
