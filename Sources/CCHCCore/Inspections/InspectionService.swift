import Foundation
import WorkCalendar

/// Inspections: Home Affairs plans the year's visits with a team and a checklist, then records each visit's
/// results; recommendations become tasks for the visited unit in the same transaction. Discipline names are
/// read only with `viewDiscipline` (`redacted(for:)`).
public struct InspectionService: Sendable {
    public var store: any Store

    public init(store: any Store) {
        self.store = store
    }

    /// A visit planned: a unit and a day, as typed.
    public struct PlannedVisit: Sendable {
        public var unitCode: String
        public var day: String

        public init(unitCode: String, day: String) {
            self.unitCode = unitCode
            self.day = day
        }
    }

    /// A visit's results as typed: a result per checklist item, findings as (severity, text), recommendations
    /// as (text, due day), discipline as (person, position, measure, decision).
    public struct VisitInput: Sendable {
        public var visitedOn: String
        public var results: [String]
        public var findings: [(severity: String, text: String)]
        public var recommendations: [(text: String, dueOn: String)]
        public var discipline: [Inspection.Discipline]

        public init(
            visitedOn: String, results: [String], findings: [(severity: String, text: String)], recommendations: [(text: String, dueOn: String)],
            discipline: [Inspection.Discipline]
        ) {
            self.visitedOn = visitedOn
            self.results = results
            self.findings = findings
            self.recommendations = recommendations
            self.discipline = discipline
        }
    }

    public func inspections(by user: User) async throws -> [Inspection] {
        guard user.can(.viewPlans) else { throw DomainError(.forbidden, "auth.forbidden") }
        return try await store.inspections.list(year: nil).map { $0.redacted(for: user) }
    }

    public func inspection(code: String, by user: User) async throws -> Inspection {
        guard user.can(.viewPlans), let inspection = try await store.inspections.find(code: code.trimmed.uppercased()) else {
            throw DomainError.notFound("inspection.not_found")
        }
        return inspection.redacted(for: user)
    }

    /// Plans a year's inspection: each visit within the plan's year and not before it was signed; errors of
    /// a list's entry named by its place (`visits[2]`).
    public func plan(
        title: String, decision: String, signedOn: String, team: [Inspection.TeamMember], checklist: [String], visits: [PlannedVisit], by user: User,
        now: Date
    ) async throws -> Inspection {
        guard user.can(.managePlans) else { throw DomainError(.forbidden, "auth.forbidden") }
        let tree = try await store.units.tree()
        var errors = FieldError.text(title, "title", max: 300) + FieldError.text(decision, "decision", max: 200)
        let signed = LocalDate(flexible: signedOn.trimmed)
        if signed == nil { errors.append(FieldError("signedOn", "error.date_invalid")) }
        if team.isEmpty || team.count > 50 { errors.append(FieldError("team", "inspection.team_invalid")) }
        for (index, member) in team.enumerated() where member.name.trimmed.isEmpty || member.name.count > 200 || member.role.count > 200 {
            errors.append(FieldError("team[\(index)]", "inspection.team_invalid"))
        }
        let items = checklist.map(\.trimmed).filter { !$0.isEmpty }
        if items.isEmpty || items.count > 50 || items.contains(where: { $0.count > 500 }) {
            errors.append(FieldError("checklist", "inspection.checklist_invalid"))
        }
        if visits.isEmpty { errors.append(FieldError("visits", "inspection.visits_none")) }
        if visits.count > 500 { errors.append(FieldError("visits", "error.range", ["min": "1", "max": "500"])) }
        var planned: [Inspection.Visit] = []
        for (index, visit) in visits.enumerated() {
            let day = LocalDate(flexible: visit.day.trimmed)
            if let unit = tree.unit(code: visit.unitCode.trimmed.uppercased()) {
                if let day, let signed, day >= signed, day.year == signed.year {
                    planned.append(Inspection.Visit(unitID: unit.id, scheduledOn: day))
                } else {
                    errors.append(FieldError("visits[\(index)]", "inspection.visit_day"))
                }
            } else {
                errors.append(FieldError("visits[\(index)]", "feedback.unit.not_found"))
            }
        }
        try errors.throwIfAny()
        guard let signed else { throw DomainError.validation([FieldError("signedOn", "error.date_invalid")]) }
        return try await store.inspections.create(
            Inspection(
                title: title.trimmed, decision: decision.trimmed, signedOn: signed,
                team: team.map { .init(name: $0.name.trimmed, role: $0.role.trimmed) }, checklist: items,
                visits: planned.sorted { $0.scheduledOn < $1.scheduledOn }, createdBy: user.username, createdAt: now))
    }

    /// Records a visit's results once: the day (not before the plan, not after today), a result for every
    /// checklist item, findings, recommendations (each a task to the unit, due on or after the visit) and discipline.
    public func recordVisit(
        code: String, unitCode: String, _ input: VisitInput, expectedVersion: Int, by user: User, now: Date
    ) async throws -> Inspection {
        guard user.can(.managePlans) else { throw DomainError(.forbidden, "auth.forbidden") }
        guard var found = try await store.inspections.find(code: code.trimmed.uppercased()) else { throw DomainError.notFound("inspection.not_found") }
        let tree = try await store.units.tree()
        guard let unit = tree.unit(code: unitCode.trimmed.uppercased()), let index = found.visits.firstIndex(where: { $0.unitID == unit.id }) else {
            throw DomainError.notFound("inspection.visit_not_found")
        }
        guard found.version == expectedVersion else { throw DomainError.staleVersion(current: found.version) }
        guard !found.visits[index].isDone else { throw DomainError(.conflict, "inspection.visit_recorded") }
        var errors: [FieldError] = []
        let day = LocalDate(flexible: input.visitedOn.trimmed)
        if let day {
            if day < found.signedOn || day > VietnamTime.localDate(of: now) {
                errors.append(FieldError("visitedOn", "inspection.visited_on_invalid", ["from": found.signedOn.vietnameseFormat]))
            }
        } else {
            errors.append(FieldError("visitedOn", "error.date_invalid"))
        }
        let results = input.results.map { Inspection.CheckResult(rawValue: $0) }
        if results.count != found.checklist.count || results.contains(nil) { errors.append(FieldError("results", "inspection.results_missing")) }
        for (field, count) in [("findings", input.findings.count), ("recommendations", input.recommendations.count), ("discipline", input.discipline.count)]
        where count > 100 {
            errors.append(FieldError(field, "error.range", ["min": "0", "max": "100"]))
        }
        var findings: [Inspection.Finding] = []
        for (position, finding) in input.findings.enumerated() {
            guard let severity = Self.severity(finding.severity), !finding.text.trimmed.isEmpty, finding.text.count <= 1000 else {
                errors.append(FieldError("findings[\(position)]", "inspection.finding_invalid"))
                continue
            }
            findings.append(.init(text: finding.text.trimmed, severity: severity))
        }
        var recommendations: [Inspection.Recommendation] = []
        for (position, recommendation) in input.recommendations.enumerated() {
            guard !recommendation.text.trimmed.isEmpty, recommendation.text.count <= 1000, let due = LocalDate(flexible: recommendation.dueOn.trimmed),
                day.map({ due >= $0 }) ?? true
            else {
                errors.append(FieldError("recommendations[\(position)]", "inspection.recommendation_invalid"))
                continue
            }
            recommendations.append(.init(text: recommendation.text.trimmed, dueOn: due, taskCode: nil))
        }
        for (position, entry) in input.discipline.enumerated()
        where entry.person.trimmed.isEmpty || entry.measure.trimmed.isEmpty
            || [entry.person, entry.position, entry.measure, entry.decision].contains(where: { $0.count > 300 })
        {
            errors.append(FieldError("discipline[\(position)]", "inspection.discipline_invalid"))
        }
        let discipline = input.discipline
        try errors.throwIfAny()
        found.visits[index].visitedOn = day
        found.visits[index].results = results.compactMap { $0 }
        found.visits[index].findings = findings
        found.visits[index].discipline = discipline
        found.visits[index].recordedBy = user.username
        let prepared = found
        let recommended = recommendations
        return try await store.transaction { store in
            var inspection = prepared
            for recommendation in recommended {
                let task = try await store.tasks.create(
                    AssignedTask(
                        title: recommendation.text, detail: "Kiến nghị sau kiểm tra \(inspection.code): \(inspection.title)", unitID: unit.id,
                        dueOn: recommendation.dueOn, source: TaskSource(.inspection, reference: inspection.code), createdBy: user.username, createdAt: now))
                inspection.visits[index].recommendations.append(.init(text: recommendation.text, dueOn: recommendation.dueOn, taskCode: task.code))
            }
            inspection.version += 1
            inspection.updatedAt = now
            try await store.inspections.update(inspection, expectedVersion: expectedVersion)
            return inspection.redacted(for: user)
        }
    }

    /// A severity by its identifier or its Vietnamese word.
    static func severity(_ typed: String) -> Inspection.Severity? {
        switch typed.lowercased() {
        case "minor", "nhẹ": .minor
        case "major", "trung bình": .major
        case "serious", "nghiêm trọng": .serious
        default: nil
        }
    }
}

extension Inspection {
    /// The record as `user` may read it: discipline names, posts and decisions only with `viewDiscipline`;
    /// others learn only how many measures there were.
    public func redacted(for user: User) -> Inspection {
        guard !user.can(.viewDiscipline) else { return self }
        var copy = self
        for index in copy.visits.indices {
            copy.visits[index].discipline = copy.visits[index].discipline.map { .init(person: "", position: "", measure: $0.measure, decision: "") }
        }
        return copy
    }
}
