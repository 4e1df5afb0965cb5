import CCHCCore
import Foundation
import WorkCalendar

extension APIHandler {
    func getCalendarYear(_ input: Operations.GetCalendarYear.Input) async throws -> Operations.GetCalendarYear.Output {
        let request = try self.request
        let entries = try await request.workingCalendar().entries(year: input.path.year)
        return .ok(.init(body: .json(entries.map(Components.Schemas.CalendarDay.init))))
    }

    func getDeadline(_ input: Operations.GetDeadline.Input) async throws -> Operations.GetDeadline.Output {
        let request = try self.request
        let query = input.query
        let question = DeadlineQuestion(
            from: query.from, workingDays: query.workingDays, workingHours: query.workingHours, days: query.days, cutoff: query.cutoff)
        let (received, time, policy) = try question.resolve(policy: try await request.provinceSettings().rules.deadlinePolicy)
        let calendar = try await request.workingCalendar()
        let answer = DeadlineAnswer(due: calendar.deadline(from: received, time, policy: policy), calendar: calendar)
        return .ok(
            .init(
                body: .json(
                    .init(
                        due: answer.due, appointmentDate: answer.appointmentDate,
                        session: .init(answer.session)))))
    }
}

extension Components.Schemas.CalendarDay {
    init(_ entry: HolidayEntry) {
        self.init(
            date: entry.date, kind: KindPayload(entry.kind), name: entry.name, estimated: entry.estimated,
            legalBasis: entry.legalBasis)
    }
}
