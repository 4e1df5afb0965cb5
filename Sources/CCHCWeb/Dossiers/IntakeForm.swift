import CCHCCore
import Vapor
import WorkCalendar

/// The applicant and components part of an intake, shared by the counter form and online filing. Inputs
/// are flat names (`fullName`, `c2_originals`, `file2`) so a template can reach them; errors from the
/// domain (`applicant.fullName`, `components.2`, `files.2`) are renamed to match.
struct IntakeForm: Encodable {
    struct Component: Encodable {
        var index: Int
        var name: String
        var required: Bool
        /// What the procedure asks for: "1 bản chính, 1 bản sao".
        var asked: String
        var mayPresentOriginal: Bool
        var received: Bool
        var originals: String
        var certified: String
        var photocopies: String
        var error: String?
    }

    static let applicantFields = ["fullName", "idNumber", "phone", "email", "address"]

    var components: [Component]

    static func componentNames(_ procedure: Procedure) -> [String] {
        procedure.components.indices.flatMap { ["c\($0)_received", "c\($0)_originals", "c\($0)_certified", "c\($0)_photocopies"] }
    }

    /// What the procedure asks for, with what was typed (nothing ticked on a fresh form).
    init(_ procedure: Procedure, values: [String: String], errors: [String: String], request: Request) {
        components = procedure.components.enumerated().map { index, component in
            let fresh = values["c\(index)_originals"] == nil
            return Component(
                index: index, name: component.name, required: component.required, asked: Self.counts(component, request),
                mayPresentOriginal: component.mayPresentOriginal, received: values["c\(index)_received"].map { !$0.isEmpty && $0 != "0" } ?? false,
                originals: fresh ? String(component.originals) : values["c\(index)_originals"] ?? "",
                certified: fresh ? String(component.certifiedCopies) : values["c\(index)_certified"] ?? "",
                photocopies: fresh ? String(component.photocopies) : values["c\(index)_photocopies"] ?? "",
                error: errors["c\(index)"])
        }
    }

    static func counts(_ component: ProcedureComponent, _ request: Request) -> String {
        counts(originals: component.originals, certified: component.certifiedCopies, photocopies: component.photocopies, request)
    }

    /// "1 bản chính, 2 bản chụp".
    static func counts(originals: Int, certified: Int, photocopies: Int, _ request: Request) -> String {
        [("component.originals", originals), ("component.certified", certified), ("component.photocopies", photocopies)]
            .filter { $0.1 > 0 }.map { request.t($0.0, ["n": String($0.1)]) }.joined(separator: ", ")
    }

    static func applicant(_ values: [String: String]) -> Applicant {
        Applicant(
            fullName: values["fullName"] ?? "", idNumber: values["idNumber"] ?? "", phone: values["phone"] ?? "",
            email: values["email"] ?? "", address: values["address"] ?? "")
    }

    /// The components ticked as received, with their counts, and an error for each count that is not a number.
    static func counterComponents(_ procedure: Procedure, _ values: [String: String]) -> ([IntakeRequest.Component], [FieldError]) {
        var errors: [FieldError] = []
        var components: [IntakeRequest.Component] = []
        for index in procedure.components.indices {
            guard let ticked = values["c\(index)_received"], !ticked.isEmpty, ticked != "0" else { continue }
            func count(_ name: String) -> Int {
                let text = values["c\(index)_\(name)"]?.trimmingCharacters(in: .whitespaces) ?? ""
                if text.isEmpty { return 0 }
                guard let value = Int(text), (0...99).contains(value) else {
                    if !errors.contains(where: { $0.field == "components.\(index)" }) {
                        errors.append(FieldError("components.\(index)", "dossier.component.count_invalid"))
                    }
                    return 0
                }
                return value
            }
            components.append(
                IntakeRequest.Component(index: index, originals: count("originals"), certifiedCopies: count("certified"), photocopies: count("photocopies")))
        }
        return (components, errors)
    }

    /// Every problem with an intake: those found reading the form (a bad count, a bad upload) and those the
    /// intake rules find, so the user fixes everything in one go.
    static func validationError(
        _ known: [FieldError], _ intake: IntakeRequest, procedure: Procedure, tree: UnitTree, actor: DossierActor, now: Date
    ) -> DomainError {
        var fields = known
        do {
            _ = try DossierIntake.prepare(intake, procedure: procedure, tree: tree, actor: actor, now: now)
        } catch let error as DomainError where error.kind == .validation {
            fields += error.fields.filter { field in !fields.contains { $0.field == field.field } }
        } catch {}
        return DomainError.validation(fields)
    }

    /// The form's name for a domain field.
    static func formField(_ field: String) -> String {
        if field.hasPrefix("applicant.") { return String(field.dropFirst("applicant.".count)) }
        for prefix in ["components.", "files."] where field.hasPrefix(prefix) {
            return "c" + field.dropFirst(prefix.count)
        }
        return field
    }
}

extension FormState {
    /// Shows a domain error with its fields renamed to the form's inputs.
    mutating func show(_ error: DomainError, _ request: Request, renaming rename: (String) -> String) {
        let renamed = DomainError(
            error.kind, error.code, arguments: error.arguments,
            fields: error.fields.map {
                FieldError(rename($0.field), $0.code, $0.arguments)
            })
        show(renamed, request)
    }
}
