import Foundation
import WorkCalendar

/// A dossier as handed in at the counter, sent by post or filed online.
public struct IntakeRequest: Equatable, Sendable {
    public struct Component: Equatable, Sendable {
        /// Position in the procedure's list of components.
        public var index: Int
        public var originals: Int
        public var certifiedCopies: Int
        public var photocopies: Int
        public var fileIDs: [UUID]

        public init(index: Int, originals: Int = 0, certifiedCopies: Int = 0, photocopies: Int = 0, fileIDs: [UUID] = []) {
            self.index = index
            self.originals = originals
            self.certifiedCopies = certifiedCopies
            self.photocopies = photocopies
            self.fileIDs = fileIDs
        }
    }

    public var procedureCode: String
    public var channel: IntakeChannel
    public var applicant: Applicant
    public var components: [Component]
    /// A service centre or reception point (for a reception point, its centre is the receiving unit).
    public var receivingUnitCode: String

    public init(procedureCode: String, channel: IntakeChannel, applicant: Applicant, components: [Component], receivingUnitCode: String) {
        self.procedureCode = procedureCode
        self.channel = channel
        self.applicant = applicant
        self.components = components
        self.receivingUnitCode = receivingUnitCode
    }
}

/// Checks an intake and builds the new dossier (still without its code, which the store assigns).
public enum DossierIntake {
    /// The new dossier in status 1 (submitted), or every reason it cannot be taken in.
    public static func prepare(
        _ request: IntakeRequest, procedure: Procedure?, tree: UnitTree, actor: DossierActor, now: Date
    ) throws -> Dossier {
        var errors: [FieldError] = []
        if procedure == nil {
            errors.append(FieldError("procedureCode", "procedure.not_found", ["code": request.procedureCode]))
        }
        errors += applicantErrors(request.applicant)

        let today = VietnamTime.localDate(of: now)
        var receivingPoint: OrgUnit?
        var receivingUnit = tree.unit(code: UnitCode.normalize(request.receivingUnitCode))
        if receivingUnit == nil {
            errors.append(FieldError("receivingUnitCode", "unit.reference.not_found", ["code": request.receivingUnitCode]))
        } else if let unit = receivingUnit, !unit.isEffective(on: today) {
            errors.append(FieldError("receivingUnitCode", "user.unit.closed", ["code": unit.code]))
        } else if let unit = receivingUnit, unit.kind == .receptionPoint {
            receivingPoint = unit
            receivingUnit = tree.parent(of: unit)
        }
        if let procedure, let unit = receivingUnit,
            !procedure.receivingUnitIDs.contains(where: { tree.isInSubtree(unit.id, of: $0) })
        {
            errors.append(FieldError("receivingUnitCode", "dossier.receiving_unit.not_for_procedure", ["code": unit.code]))
        }
        if let procedure, request.channel == .online, !procedure.onlineLevel.acceptsOnlineFiling {
            errors.append(FieldError("channel", "dossier.channel.online_unavailable"))
        }

        var components: [SubmittedComponent] = []
        if let procedure {
            for input in request.components where input.index < 0 || input.index >= procedure.components.count {
                errors.append(FieldError("components.\(input.index)", "dossier.component.unknown"))
            }
            for (index, component) in procedure.components.enumerated() {
                let input = request.components.first { $0.index == index }
                let submitted = SubmittedComponent(
                    index: index, name: component.name, originals: max(0, input?.originals ?? 0),
                    certifiedCopies: max(0, input?.certifiedCopies ?? 0), photocopies: max(0, input?.photocopies ?? 0),
                    fileIDs: input?.fileIDs ?? [])
                if component.required, !submitted.isProvided {
                    errors.append(FieldError("components.\(index)", "dossier.component.missing", ["name": component.name]))
                }
                if submitted.isProvided { components.append(submitted) }
            }
        }

        // Who may take it in is the policy table's: a desk officer of the desk for the counter and the post;
        // a citizen, or anyone, online. Where the receiving unit is unknown the desk's reach cannot be told:
        // the field error says why.
        if receivingUnit != nil || request.channel == .online || actor.user?.has(.deskOfficer) != true,
            !DossierPolicy.mayTakeIn(by: actor, channel: request.channel, at: receivingPoint ?? receivingUnit, tree: tree)
        {
            throw DomainError(.forbidden, "dossier.intake.forbidden")
        }
        try errors.throwIfAny()
        guard let procedure, let receivingUnit else { throw DomainError.validation(errors) }
        guard let competentUnitID = procedure.competentUnitID ?? tree.localGovernment(of: receivingUnit.id)?.id else {
            throw DomainError.validation([FieldError("receivingUnitCode", "dossier.receiving_unit.no_local_government", ["code": receivingUnit.code])])
        }

        var applicant = request.applicant
        applicant.fullName = applicant.fullName.trimmingCharacters(in: .whitespaces)
        applicant.phone = normalizePhone(applicant.phone)
        applicant.email = applicant.email.trimmingCharacters(in: .whitespaces).lowercased()
        applicant.address = applicant.address.trimmingCharacters(in: .whitespaces)
        return Dossier(
            code: "", procedure: procedure, channel: request.channel, applicant: applicant,
            citizenUserID: actor.user.flatMap { $0.has(.citizen) ? $0.id : nil }, receivingPointID: receivingPoint?.id,
            receivingUnitID: receivingUnit.id, competentUnitID: competentUnitID, status: .submitted, components: components, submittedAt: now)
    }

    public static func applicantErrors(_ applicant: Applicant) -> [FieldError] {
        var errors: [FieldError] = []
        let name = applicant.fullName.trimmingCharacters(in: .whitespaces)
        if name.isEmpty {
            errors.append(FieldError("applicant.fullName", "error.required"))
        } else if name.count > 255 {
            errors.append(FieldError("applicant.fullName", "error.too_long", ["max": "255"]))
        }
        let id = applicant.idNumber.trimmingCharacters(in: .whitespaces)
        if id.count != 12 || !id.allSatisfy(\.isASCII) || !id.allSatisfy(\.isNumber) {
            errors.append(FieldError("applicant.idNumber", "dossier.applicant.id_number"))
        }
        if !isValidPhone(normalizePhone(applicant.phone)) {
            errors.append(FieldError("applicant.phone", "dossier.applicant.phone"))
        }
        let email = applicant.email.trimmingCharacters(in: .whitespaces)
        if !email.isEmpty, !isValidEmail(email) {
            errors.append(FieldError("applicant.email", "dossier.applicant.email"))
        }
        if applicant.address.count > 500 {
            errors.append(FieldError("applicant.address", "error.too_long", ["max": "500"]))
        }
        return errors
    }

    /// Spaces, dots and dashes removed; +84 written as 0.
    public static func normalizePhone(_ phone: String) -> String {
        var digits = phone.filter { !" .-()".contains($0) }
        if digits.hasPrefix("+84") { digits = "0" + digits.dropFirst(3) }
        return digits
    }

    /// A Vietnamese number: ten digits starting with 0.
    public static func isValidPhone(_ phone: String) -> Bool {
        phone.count == 10 && phone.first == "0" && phone.allSatisfy { $0.isASCII && $0.isNumber }
    }

    public static func isValidEmail(_ email: String) -> Bool {
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
            email.count <= 254, !email.contains(where: { $0 == " " || $0 == "," || $0 == ";" })
        else { return false }
        return true
    }
}

/// Dossier codes: `{receiving unit's code}-{YYMMDD}-{daily sequence}`, at least four digits.
public enum DossierCode {
    public static func make(unitCode: String, date: LocalDate, sequence: Int) -> String {
        let yymmdd = LocalDate.pad(date.year % 100, 2) + LocalDate.pad(date.month, 2) + LocalDate.pad(date.day, 2)
        return "\(unitCode)-\(yymmdd)-\(LocalDate.pad(sequence, 4))"
    }
}

/// The PIN printed on a receipt, with which anyone holding the receipt can look the dossier up.
public enum LookupPIN {
    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        return generate(using: &generator)
    }

    /// Six digits from `generator` (the demo passes a seeded one, so that its data is the same each time).
    public static func generate(using generator: inout some RandomNumberGenerator) -> String {
        String((0..<6).map { _ in Character(String(Int.random(in: 0...9, using: &generator))) })
    }
}
