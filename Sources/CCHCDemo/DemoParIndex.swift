import CCHCCore
import Foundation
import WorkCalendar

/// The PAR Index at work: last year's department assessment finished and published (scored, appraised with
/// some adjustments, confirmed), this year's under way (the Sở NN&MT part scored with an evidence file, the
/// Sở Xây dựng submitted, the others not started), the bundled sets loaded, and the national tables of two
/// years for the province's standing. The national rows are made up and labelled; the demo province carries
/// the figures Đắk Lắk published for 2023 and 2022 so the page reads as the seeds do.
struct DemoParIndex {
    let store: any Store
    let files: any FileStorage
    let now: Date

    func generate() async throws -> Int {
        guard let staff = try await store.users.find(username: "noivu"), let admin = try await store.users.find(username: "admin") else { return 0 }
        let service = ParService(store: store, files: files)
        let year = VietnamTime.localDate(of: now).year
        let loaded = at(days: -330)
        for (set, reason) in [
            (ParCriteriaSet.local(year: year - 1, level: .department), "Quyết định ban hành Bộ tiêu chí năm \(year - 1) (demo)"),
            (.local(year: year, level: .department), "Quyết định ban hành Bộ tiêu chí năm \(year) (demo)"),
            (.local(year: year, level: .commune), "Quyết định ban hành Bộ tiêu chí cấp xã năm \(year) (demo)"),
            (.provincial(year: year - 3), "Bộ Chỉ số CCHC cấp tỉnh của Bộ Nội vụ (cấu trúc DOMAIN.md §5)"),
        ] {
            _ = try await service.loadCriteria(set, reason: reason, expectedLatest: 0, by: staff, now: loaded)
        }
        let leaders = try await DemoStaffDirectory(store: store)
        func leader(_ unit: OrgUnit) -> User { leaders.byUnit[unit.code]?.leader ?? admin }

        // Last year: finished and published.
        let last = try await service.open(draft(year: year - 1), by: staff, now: at(days: -340))
        let tree = try await store.units.tree()
        let units = last.unitIDs.compactMap { tree.unit(id: $0) }
        for unit in units {
            try await scoreAll(unit, campaign: last, by: leader(unit), service: service, at: at(days: -330))
            var assessment = try await service.submit(
                campaign: last.code, unitCode: unit.code, expectedVersion: try await version(last, unit), by: leader(unit), now: at(days: -329))
            assessment = try await appraiseAll(unit, campaign: last, assessment: assessment, by: staff, service: service, at: at(days: -320))
            assessment = try await fillMissing(unit, campaign: last, assessment: assessment, by: staff, service: service, at: at(days: -320))
            assessment = try await service.finishAppraisal(
                campaign: last.code, unitCode: unit.code, expectedVersion: assessment.version, by: staff, now: at(days: -319))
        }
        var campaign = try await service.advance(code: last.code, expectedVersion: 1, by: staff, now: at(days: -318))
        campaign = try await service.advance(code: last.code, expectedVersion: campaign.version, by: staff, now: at(days: -317))
        for unit in units {
            _ = try await service.confirm(
                campaign: last.code, unitCode: unit.code, expectedVersion: try await version(last, unit), by: staff, now: at(days: -310))
        }
        _ = try await service.advance(code: last.code, expectedVersion: campaign.version, by: staff, now: at(days: -300))

        // This year: under way.
        let current = try await service.open(draft(year: year), by: staff, now: at(days: -20))
        if let land = tree.unit(code: DemoUnits.agricultureEnvironmentCode) {
            try await scoreAll(land, campaign: current, by: leader(land), service: service, at: at(days: -5), only: ["1", "2", "3"], evidence: true)
        }
        if let construction = tree.unit(code: DemoProcedures.construction) {
            try await scoreAll(construction, campaign: current, by: leader(construction), service: service, at: at(days: -4))
            _ = try await service.submit(
                campaign: current.code, unitCode: construction.code, expectedVersion: try await version(current, construction), by: leader(construction),
                now: at(days: -3))
        }
        try await nationalTables(year: year, province: tree.units.first { $0.kind == .province }?.name ?? "", by: staff)
        return 2
    }

    private func at(days: Int) -> Date { now.addingTimeInterval(Double(days) * 86_400) }

    private func draft(year: Int) -> ParCampaignDraft {
        ParCampaignDraft(
            year: year, level: .department, title: "Xác định Chỉ số CCHC các sở, ban, ngành năm \(year) (demo)",
            selfAssessmentDue: LocalDate(year: year, month: 12, day: 15), appraisalDue: LocalDate(year: year + 1, month: 1, day: 15),
            reviewDue: LocalDate(year: year + 1, month: 1, day: 31), publishOn: LocalDate(year: year + 1, month: 2, day: 15))
    }

    private func version(_ campaign: ParCampaign, _ unit: OrgUnit) async throws -> Int {
        try await store.par.assessment(campaignID: campaign.id, unitID: unit.id)?.version ?? 0
    }

    /// A made-up but steady score per unit and item: most items done, some tiers lower, a late report or two.
    static func value(_ leaf: ParNode, unit: OrgUnit) -> String {
        let roll = (unit.code + leaf.code).unicodeScalars.reduce(7) { ($0 &* 31 &+ Int($1.value)) % 1_000 }
        switch leaf.rule {
        case .yesNo?: return roll % 7 == 0 ? "0" : "1"
        case .tiers?: return String(roll % 5 == 0 ? 2 : roll % 3 == 0 ? 1 : 0)
        case .deduction?: return String(roll % 4)
        case .proportional?: return String(70 + roll % 31)
        case .points?: return leaf.maximum > 2 && roll % 3 == 0 ? "1" : "0"
        case nil: return ""
        }
    }

    private func scoreAll(
        _ unit: OrgUnit, campaign: ParCampaign, by user: User, service: ParService, at time: Date, only fields: Set<String>? = nil, evidence: Bool = false
    ) async throws {
        let set = try await service.campaign(code: campaign.code).1.set
        var inputs: [String: ParEntryInput] = [:]
        var staged: [String: [StagedFile]] = [:]
        for (field, leaf) in set.leaves where leaf.method?.isSelfAssessed == true && (fields?.contains(field.code) ?? true) {
            inputs[leaf.code] = ParEntryInput(
                value: Self.value(leaf, unit: unit), explanation: "Báo cáo CCHC năm \(campaign.year) của đơn vị, mục \(leaf.code) (demo).")
            if evidence, leaf.evidence != nil, staged.count < 3 {
                let lines = [
                    "Tai lieu kiem chung (du lieu demo)", "Don vi: \(SearchText.fold(unit.name))", "Tieu chi \(leaf.code): \(SearchText.fold(leaf.name))",
                ]
                if let file = try await files.stage(
                    DemoDocument.pdf(lines: lines), componentIndex: 0, originalName: "kiem-chung-\(leaf.code).pdf", owner: "demo", now: time)
                {
                    staged[leaf.code] = [file]
                }
            }
        }
        _ = try await service.score(
            campaign: campaign.code, unitCode: unit.code, inputs, staged: staged, expectedVersion: try await version(campaign, unit), by: user, now: time)
    }

    /// Every item accepted, except one in seven adjusted down with a reason.
    private func appraiseAll(
        _ unit: OrgUnit, campaign: ParCampaign, assessment: ParAssessment, by staff: User, service: ParService, at time: Date
    ) async throws -> ParAssessment {
        let set = try await service.campaign(code: campaign.code).1.set
        var assessment = assessment
        for (index, (_, leaf)) in set.leaves.enumerated() where leaf.method?.isSelfAssessed == true {
            let decision: ParDecision =
                (index + unit.code.count) % 7 == 0 && leaf.rule == .yesNo
                ? .adjust(value: "0", notApplicable: false, reason: "Tài liệu kiểm chứng không chứng minh được kết quả (demo).") : .accept(reason: "")
            assessment = try await service.appraise(
                campaign: campaign.code, unitCode: unit.code, leaf: leaf.code, decision, expectedVersion: assessment.version, by: staff, now: time)
        }
        return assessment
    }

    /// The statistics and the survey indices cchc holds no figure for, entered by the appraiser as a province
    /// does when the survey ran elsewhere (made up, and said so in the source).
    private func fillMissing(
        _ unit: OrgUnit, campaign: ParCampaign, assessment: ParAssessment, by staff: User, service: ParService, at time: Date
    ) async throws -> ParAssessment {
        let set = try await service.campaign(code: campaign.code).1.set
        let figures = try await service.liveFigures(set, units: [unit], year: campaign.year, now: time)[unit.id] ?? [:]
        var assessment = assessment
        for (_, leaf) in set.leaves where leaf.method?.isSelfAssessed == false && figures[leaf.code] == nil {
            let roll = (unit.code + leaf.code).unicodeScalars.reduce(3) { ($0 &* 17 &+ Int($1.value)) % 100 }
            let value = if case .tiers? = leaf.rule { String(roll % 3 == 0 ? 1 : 0) } else { String(78 + roll % 20) }
            assessment = try await service.fill(
                campaign: campaign.code, unitCode: unit.code, leaf: leaf.code, value: value,
                source: "Kết quả khảo sát, thống kê năm \(campaign.year) (demo, nhập tay)",
                expectedVersion: assessment.version, by: staff, now: time)
        }
        return assessment
    }

    /// Two years of the national table: 63 made-up provinces around the published averages, the demo province
    /// at Đắk Lắk's published places and totals (2023's components as published; 2022's split is made up to
    /// add up to its 84.47, which DOMAIN.md gives only as 87.33 less 2.86).
    private func nationalTables(year: Int, province: String, by staff: User) async throws {
        let service = ParService(store: store)
        let published: [(year: Int, rank: Int, components: [Double], fields: [Int])] = [
            (2022, 38, [56.54, 2.95, 17.12, 7.86], [25, 41, 30, 47, 18, 33, 36, 29]),
            (2023, 28, [57.92, 2.97, 18.29, 8.15], [12, 35, 18, 44, 9, 20, 30, 21]),
        ]
        for entry in published {
            var rows: [ParNationalTable.Row] = []
            for rank in 1...63 {
                if rank == entry.rank {
                    let c = entry.components
                    rows.append(
                        .init(
                            province: province, appraised: c[0], impact: c[1], leaders: c[2], sipas: c[3], total: ParCriteriaSet.rounded(c.reduce(0, +)),
                            rank: rank, fieldRanks: entry.fields))
                    continue
                }
                // Made-up provinces, best first, spread around the year's published average.
                let total = ParCriteriaSet.rounded(92.2 - Double(rank - 1) * 0.18 - (entry.year == 2022 ? 1 : 0))
                let sipas = ParCriteriaSet.rounded(min(9.5, total * 0.094))
                let leaders = ParCriteriaSet.rounded(total * 0.208)
                let impact = 3.0
                rows.append(
                    .init(
                        province: "Tỉnh mẫu \(rank) (demo)", appraised: ParCriteriaSet.rounded(total - sipas - leaders - impact), impact: impact,
                        leaders: leaders,
                        sipas: sipas, total: total, rank: rank, fieldRanks: (0..<8).map { (rank + $0 * 5) % 63 + 1 }))
            }
            try await service.importNationalTable(ParNationalTable(year: entry.year, rows: rows, setBy: staff.username, setAt: at(days: -200)), by: staff)
        }
    }
}
