import CCHCCore
import Foundation
import WorkCalendar

/// Two citizens' surveys of the demo year, told through the survey use cases: the second quarter's, closed,
/// and the third quarter's, still taking answers. Most invitations are answered online, some ballots come
/// from paper and the counter's tablet; the land department (Sở NN&MT) satisfies fewer people than the
/// others, so that results, the comparison with the quarter before and the chart show something to read.
struct DemoSurveys {
    let store: any Store
    let now: Date

    /// The campaigns made.
    func generate() async throws -> Int {
        let service = SurveyService(store: store)
        try await service.bootstrap(now: now)
        guard let staff = try await store.users.find(username: "noivu") else { throw DomainError.notFound("user.not_found") }
        let tree = try await store.units.tree()
        // The units that decide the demo procedures, as a province surveys the units its citizens deal with.
        let units = Set(try await store.procedures.all().compactMap(\.competentUnitID)).compactMap { tree.unit(id: $0) }.map(\.code).sorted()
        let year = VietnamTime.localDate(of: now).year
        var made = 0
        for (quarter, closes) in [(2, true), (3, false)] {
            let from = LocalDate(year: year, month: quarter * 3 - 2, day: 1)!
            let to = LocalDate(year: year, month: quarter * 3 + 1, day: 1)!.adding(days: -1)
            let opened = VietnamTime.instant(on: to.adding(days: 2), secondsOfDay: 8 * 3600)
            guard opened < now else { continue }
            let closesOn = closes ? to.adding(days: 45) : LocalDate(year: year, month: 12, day: 31)!
            let campaign = try await service.open(
                SurveyCampaignDraft(
                    title: "Khảo sát sự hài lòng của người dân, tổ chức quý \(quarter == 2 ? "II" : "III")/\(year)", audience: .citizens,
                    periodFrom: from, periodTo: to, closesOn: closesOn, unitCodes: units, stratified: true, seed: UInt64(year * 10 + quarter)),
                by: staff, now: opened)
            try await answer(campaign, quarter: quarter, service: service, staff: staff, from: opened, until: min(now, VietnamTime.instant(on: closesOn)))
            if closes { _ = try await service.close(code: campaign.code, expectedVersion: campaign.version, by: staff) }
            made += 1
        }
        return made
    }

    /// About 60 % of each unit's invitations answered (at most 40), and a few ballots from paper and the
    /// tablet; the answers drawn from a seeded generator, the land department's less satisfied.
    private func answer(_ campaign: SurveyCampaign, quarter: Int, service: SurveyService, staff: User, from: Date, until: Date) async throws {
        let questionnaire = try await service.questionnaire(of: campaign)
        let invitations = try await store.surveys.invitations(of: campaign.id)
        var random = SeededGenerator(seed: UInt64(quarter))
        let span = max(until.timeIntervalSince(from), 3600)
        for target in campaign.targets {
            let land = target.unitCode == DemoUnits.agricultureEnvironmentCode
            // Satisfied four times in five, the land department three in five (a little better in the third quarter).
            let satisfied = land ? (quarter == 2 ? 0.55 : 0.62) : 0.82
            let tokens = invitations.filter { $0.unitID == target.unitID }.compactMap(\.token)
            for (index, token) in tokens.prefix(40).enumerated() where index % 5 != 4 {
                let at = from.addingTimeInterval(span * Double(index + 1) / Double(tokens.count + 2))
                try await service.answer(token: token, ballot(questionnaire, satisfied: satisfied, random: &random), now: at)
            }
            for index in 0..<min(4, tokens.count / 10) {
                try await service.answerAtDesk(
                    code: campaign.code, unitCode: target.unitCode, ballot(questionnaire, satisfied: satisfied, random: &random),
                    channel: index % 2 == 0 ? .paper : .kiosk, by: staff, now: from.addingTimeInterval(span / 2))
            }
        }
    }

    private func ballot(_ questionnaire: Questionnaire, satisfied: Double, random: inout SeededGenerator) -> [String: String] {
        func chance(_ p: Double) -> Bool { Double(random.next() % 1000) / 1000 < p }
        var answers: [String: String] = [:]
        for item in questionnaire.items {
            switch item.kind {
            case .satisfaction:
                answers[item.code] = chance(satisfied) ? (chance(0.4) ? "5" : "4") : (chance(0.5) ? "3" : "2")
            case .choice:
                let options = item.options.map(\.code)
                answers[item.code] = chance(satisfied) ? options[0] : options[Int(random.next() % UInt64(options.count))]
            case .yesNo:
                let good = item.options.first { ($0.weight ?? 0) > 0 }?.code ?? "yes"
                answers[item.code] = chance(satisfied + 0.1) ? good : (good == "yes" ? "no" : "yes")
            case .number:
                answers[item.code] = String(1 + random.next() % 3)
            case .text:
                if chance(0.1) { answers[item.code] = "Đề nghị rút ngắn thời gian giải quyết và trả lời qua điện thoại." }
            }
        }
        return answers
    }
}
