import Foundation

/// What a sender fills in. The topic says which of the references is needed: a procedure's code, a unit's
/// code, a dossier's code and PIN, or a unit and the official's name.
public struct FeedbackSubmission: Equatable, Sendable {
    public var name: String
    public var phone: String
    public var email: String
    public var topic: FeedbackTopic
    public var procedureCode: String
    public var unitCode: String
    public var dossierCode: String
    public var dossierPIN: String
    public var officialName: String
    public var title: String
    public var content: String

    public init(
        name: String = "", phone: String = "", email: String = "", topic: FeedbackTopic = .other, procedureCode: String = "", unitCode: String = "",
        dossierCode: String = "", dossierPIN: String = "", officialName: String = "", title: String = "", content: String = ""
    ) {
        self.name = name
        self.phone = phone
        self.email = email
        self.topic = topic
        self.procedureCode = procedureCode
        self.unitCode = unitCode
        self.dossierCode = dossierCode
        self.dossierPIN = dossierPIN
        self.officialName = officialName
        self.title = title
        self.content = content
    }

    /// The classification a submission starts with; the officer who accepts it confirms or corrects it.
    public var classification: FeedbackClass {
        switch topic {
        case .procedure, .dossier: .rules
        case .official: .conduct
        case .unit, .other: .other
        }
    }

    /// The fields' own errors (what needs no database): every one named at once. With an account, the
    /// name and the contact come from it.
    public func errors(hasAccount: Bool) -> [FieldError] {
        var errors: [FieldError] = []
        func check(_ value: String, _ field: String, max: Int, required: Bool = true) {
            let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
            if required, trimmed.isEmpty { errors.append(FieldError(field, "error.required")) }
            if trimmed.count > max { errors.append(FieldError(field, "error.too_long", ["max": String(max)])) }
        }
        if !hasAccount {
            check(name, "name", max: 200)
            let phone = phone.trimmingCharacters(in: .whitespaces), email = email.trimmingCharacters(in: .whitespaces)
            if phone.isEmpty, email.isEmpty { errors.append(FieldError("phone", "feedback.contact.required")) }
            if !phone.isEmpty, !Self.isPhone(phone) { errors.append(FieldError("phone", "feedback.phone.invalid")) }
            if !email.isEmpty, !Self.isEmail(email) { errors.append(FieldError("email", "feedback.email.invalid")) }
        }
        check(title, "title", max: 200)
        check(content, "content", max: FeedbackMachine.maximumText)
        switch topic {
        case .procedure: check(procedureCode, "procedureCode", max: 50)
        case .unit: check(unitCode, "unitCode", max: 50)
        case .dossier:
            check(dossierCode, "dossierCode", max: 50)
            check(dossierPIN, "dossierPIN", max: 6)
        case .official:
            check(unitCode, "unitCode", max: 50)
            check(officialName, "officialName", max: 200)
        case .other: check(unitCode, "unitCode", max: 50, required: false)
        }
        return errors
    }

    /// Nine to eleven digits, an optional leading +, spaces and dots allowed between them.
    static func isPhone(_ text: String) -> Bool {
        let digits = text.filter(\.isNumber)
        let allowed = text.allSatisfy { $0.isNumber || $0 == " " || $0 == "." || $0 == "+" }
        return allowed && (9...11).contains(digits.count)
    }

    static func isEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !text.contains(" ") && text.count <= 200
    }
}
