import Foundation
import WorkCalendar

/// Ban Chỉ đạo CCHC: the decisions that set it up, its meetings, and the directives of each meeting's
/// conclusion, put to units as tasks and followed to completion. Home Affairs keeps the records (it is the
/// committee's standing body); everyone who reads plans reads them.
public struct SteeringService: Sendable {
    public var store: any Store

    public init(store: any Store) {
        self.store = store
    }

    /// A member as typed.
    public struct MemberInput: Sendable {
        public var name: String
        public var position: String
        public var role: String
        public var unitCode: String

        public init(name: String, position: String, role: String, unitCode: String) {
            self.name = name
            self.position = position
            self.role = role
            self.unitCode = unitCode
        }
    }

    /// A directive as typed: unit codes separated by commas or spaces.
    public struct DirectiveInput: Sendable {
        public var text: String
        public var unitCodes: String
        public var dueOn: String

        public init(text: String, unitCodes: String, dueOn: String) {
            self.text = text
            self.unitCodes = unitCodes
            self.dueOn = dueOn
        }
    }

    /// Every decision, newest first; the first is the committee now.
    public func committees(by user: User) async throws -> [SteeringCommittee] {
        guard user.can(.viewPlans) else { throw DomainError(.forbidden, "auth.forbidden") }
        return try await store.steeringCommittees.list(year: nil).sorted { ($0.signedOn, $0.code) > ($1.signedOn, $1.code) }
    }

    public func meetings(year: Int? = nil, by user: User) async throws -> [SteeringMeeting] {
        guard user.can(.viewPlans) else { throw DomainError(.forbidden, "auth.forbidden") }
        return try await store.steeringMeetings.list(year: year).sorted { ($0.heldOn, $0.code) > ($1.heldOn, $1.code) }
    }

    public func meeting(code: String, by user: User) async throws -> SteeringMeeting {
        guard user.can(.viewPlans), let meeting = try await store.steeringMeetings.find(code: code.trimmed.uppercased()) else {
            throw DomainError.notFound("steering.meeting.not_found")
        }
        return meeting
    }

    /// Records a decision setting up (or renewing) the committee: a head and at least one other member.
    public func recordCommittee(
        decision: String, signedOn: String, members: [MemberInput], by user: User, now: Date
    ) async throws -> SteeringCommittee {
        guard user.can(.managePlans) else { throw DomainError(.forbidden, "auth.forbidden") }
        let tree = try await store.units.tree()
        var errors = FieldError.text(decision, "decision", max: 200)
        let day = LocalDate(flexible: signedOn.trimmed)
        if day == nil { errors.append(FieldError("signedOn", "error.date_invalid")) }
        if let day, day > VietnamTime.localDate(of: now) { errors.append(FieldError("signedOn", "steering.date_future")) }
        var parsed: [SteeringCommittee.Member] = []
        for (position, member) in members.enumerated() {
            let place = "members[\(position)]"
            errors += FieldError.text(member.name, "\(place).name", max: 200) + FieldError.text(member.position, "\(place).position", max: 300)
            let role = SteeringCommittee.Role(rawValue: member.role.trimmed)
            if role == nil { errors.append(FieldError("\(place).role", "error.invalid_value")) }
            let unit = member.unitCode.trimmed.isEmpty ? nil : tree.unit(code: member.unitCode.trimmed.uppercased())
            if unit == nil, !member.unitCode.trimmed.isEmpty { errors.append(FieldError("\(place).unitCode", "feedback.unit.not_found")) }
            if let role { parsed.append(.init(name: member.name.trimmed, position: member.position.trimmed, role: role, unitID: unit?.id)) }
        }
        if members.count < 2 || members.count > 100 || !parsed.contains(where: { $0.role == .head }) {
            errors.append(FieldError("members", "steering.members.head"))
        }
        try errors.throwIfAny()
        guard let day else { throw DomainError.validation([FieldError("signedOn", "error.date_invalid")]) }
        return try await store.steeringCommittees.create(
            SteeringCommittee(decision: decision.trimmed, signedOn: day, members: parsed, recordedBy: user.username, recordedAt: now))
    }

    /// Records a meeting held: its agenda, the attendance of the committee's members (`present` by their
    /// position in the current committee, with whoever came in their place), the minutes.
    public func recordMeeting(
        title: String, heldOn: String, place: String, chair: String, agenda: String, present: Set<Int>, delegates: [Int: String], minutes: String,
        by user: User, now: Date
    ) async throws -> SteeringMeeting {
        guard user.can(.managePlans) else { throw DomainError(.forbidden, "auth.forbidden") }
        var errors = FieldError.text(title, "title", max: 300) + FieldError.text(place, "place", max: 300) + FieldError.text(chair, "chair", max: 200)
        if delegates.values.contains(where: { $0.count > 200 }) { errors.append(FieldError("delegates", "error.too_long", ["max": "200"])) }
        if minutes.count > 20_000 { errors.append(FieldError("minutes", "error.too_long", ["max": "20000"])) }
        let day = LocalDate(flexible: heldOn.trimmed)
        if day == nil { errors.append(FieldError("heldOn", "error.date_invalid")) }
        if let day, day > VietnamTime.localDate(of: now) { errors.append(FieldError("heldOn", "steering.date_future")) }
        let items = agenda.split(whereSeparator: \.isNewline).map { String($0).trimmed }.filter { !$0.isEmpty }
        if items.isEmpty || items.count > 30 || items.contains(where: { $0.count > 500 }) { errors.append(FieldError("agenda", "steering.agenda_invalid")) }
        try errors.throwIfAny()
        guard let day else { throw DomainError.validation([FieldError("heldOn", "error.date_invalid")]) }
        let committee = try await store.steeringCommittees.list(year: nil).filter { $0.signedOn <= day }.max { ($0.signedOn, $0.code) < ($1.signedOn, $1.code) }
        let attendance = (committee?.members ?? []).enumerated().map { position, member in
            SteeringMeeting.Attendance(
                name: member.name, role: member.role, present: present.contains(position), delegate: delegates[position]?.trimmed.nilIfEmpty)
        }
        return try await store.steeringMeetings.create(
            SteeringMeeting(
                title: title.trimmed, heldOn: day, place: place.trimmed, chair: chair.trimmed, agenda: items, attendance: attendance, minutes: minutes.trimmed,
                recordedBy: user.username, recordedAt: now))
    }

    /// Issues the conclusion notice: each directive becomes a task for each of its units, in one transaction
    /// with the meeting. The notice comes on or after the meeting, a directive's day on or after the notice;
    /// a directive needs a unit. Once issued, a conclusion is not issued again (409).
    public func conclude(
        code: String, noticeNumber: String, noticeOn: String, directives: [DirectiveInput], expectedVersion: Int, by user: User, now: Date
    ) async throws -> SteeringMeeting {
        guard user.can(.managePlans) else { throw DomainError(.forbidden, "auth.forbidden") }
        var meeting = try await meeting(code: code, by: user)
        guard meeting.version == expectedVersion else { throw DomainError.staleVersion(current: meeting.version) }
        guard !meeting.isConcluded else { throw DomainError(.conflict, "steering.meeting.concluded") }
        let tree = try await store.units.tree()
        var errors = FieldError.text(noticeNumber, "noticeNumber", max: 100)
        let notice = LocalDate(flexible: noticeOn.trimmed)
        if notice == nil { errors.append(FieldError("noticeOn", "error.date_invalid")) }
        if let notice, notice < meeting.heldOn {
            errors.append(FieldError("noticeOn", "steering.notice_before_meeting", ["date": meeting.heldOn.vietnameseFormat]))
        }
        // Rows left blank on the page are not directives.
        let typed = directives.enumerated().filter { !($0.element.text.trimmed.isEmpty && $0.element.unitCodes.trimmed.isEmpty) }
        if typed.isEmpty { errors.append(FieldError("directives", "steering.directives.none")) }
        if typed.count > 100 { errors.append(FieldError("directives", "error.range", ["min": "1", "max": "100"])) }
        var parsed: [SteeringMeeting.Directive] = []
        for (position, directive) in typed {
            let place = "directives[\(position)]"
            errors += FieldError.text(directive.text, "\(place).text", max: 1000)
            let codes = directive.unitCodes.split { $0 == "," || $0 == ";" || $0.isWhitespace }.map { String($0).uppercased() }
            let units = codes.compactMap { tree.unit(code: $0) }
            if codes.isEmpty { errors.append(FieldError("\(place).unitCodes", "plan.task.lead_required")) }
            if units.count != codes.count { errors.append(FieldError("\(place).unitCodes", "feedback.unit.not_found")) }
            let due = LocalDate(flexible: directive.dueOn.trimmed)
            if due == nil { errors.append(FieldError("\(place).dueOn", "error.date_invalid")) }
            if let due, let notice, due < notice { errors.append(FieldError("\(place).dueOn", "steering.due_before_notice")) }
            if let due, !units.isEmpty { parsed.append(.init(text: directive.text.trimmed, unitIDs: units.map(\.id), dueOn: due)) }
        }
        try errors.throwIfAny()
        meeting.noticeNumber = noticeNumber.trimmed
        meeting.noticeOn = notice
        let concluded = meeting
        let issued = parsed
        return try await store.transaction { store in
            var meeting = concluded
            for var directive in issued {
                for unitID in directive.unitIDs {
                    let task = try await store.tasks.create(
                        AssignedTask(
                            title: directive.text, detail: "Thông báo kết luận \(meeting.noticeNumber ?? "") — \(meeting.title)", unitID: unitID,
                            dueOn: directive.dueOn, source: TaskSource(.directive, reference: meeting.code), createdBy: user.username, createdAt: now))
                    directive.taskCodes.append(task.code)
                }
                meeting.directives.append(directive)
            }
            meeting.version += 1
            meeting.updatedAt = now
            try await store.steeringMeetings.update(meeting, expectedVersion: expectedVersion)
            return meeting
        }
    }

    /// The tasks the committee's directives became, by code: what it asked, of whom, and what is still open.
    public func directiveTasks(by user: User) async throws -> [String: AssignedTask] {
        guard user.can(.viewPlans) else { throw DomainError(.forbidden, "auth.forbidden") }
        return try await TaskService(store: store).tasks(from: .directive)
    }
}
