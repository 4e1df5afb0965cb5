import Foundation
import Testing
import WorkCalendar

@testable import CCHCCore

@Suite("PAR Index: rules, totals, ranks, grades, the workflow table, the bundled sets, the national standing")
struct ParIndexTests {
    @Test(
        "Every rule type turns a value into points, and refuses a value that does not fit it",
        arguments: [
            // rule, maximum, value → points (nil: refused)
            ("yes_no", 2.0, 1.0, 2.0 as Double?), ("yes_no", 2, 0, 0), ("yes_no", 2, 0.5, nil),
            ("tiers:1,0.75,0.5,0", 4, 0, 4), ("tiers:1,0.75,0.5,0", 4, 1, 3), ("tiers:1,0.75,0.5,0", 4, 2, 2), ("tiers:1,0.75,0.5,0", 4, 3, 0),
            ("tiers:1,0.75,0.5,0", 4, 4, nil), ("tiers:1,0.75,0.5,0", 4, 1.5, nil), ("tiers:1,0.75,0.5,0", 4, 1e300, nil),
            ("proportional:100", 6, 92.5, 5.55), ("proportional:50", 4, 25, 2), ("proportional:50", 4, 80, 4), ("proportional:100", 6, 101, nil),
            ("deduction:0.5", 2, 0, 2), ("deduction:0.5", 2, 3, 0.5), ("deduction:0.5", 2, 9, 0), ("deduction:0.5", 2, -1, nil),
            ("points", 3, 2.25, 2.25), ("points", 3, 3.5, nil),
        ])
    func rules(rule: String, maximum: Double, value: Double, expected: Double?) throws {
        let parsed = try #require(ParRule(text: rule))
        #expect(parsed.text == rule)
        let points = try? parsed.points(value, maximum: maximum).get()
        #expect(points.map { ($0 * 1000).rounded() / 1000 } == expected)
    }

    static func set(grades: [ParGrade] = [], allowsNA: Bool = true) -> ParCriteriaSet {
        ParCriteriaSet(
            year: 2026, level: .department, title: "Thử", decision: "",
            fields: [
                ParNode(
                    code: "1", name: "Một", maximum: 60,
                    children: [
                        ParNode(code: "1.1", name: "a", maximum: 40, method: .selfAssessed, rule: .points),
                        ParNode(code: "1.2", name: "b", maximum: 20, method: .selfAssessed, rule: .yesNo, allowsNotApplicable: allowsNA),
                    ]),
                ParNode(code: "2", name: "Hai", maximum: 40, children: [ParNode(code: "2.1", name: "c", maximum: 40, method: .statistic, rule: .points)]),
                ParNode(
                    code: "TH", name: "Thưởng", maximum: 2, section: .bonus,
                    children: [ParNode(code: "TH.1", name: "d", maximum: 3, method: .selfAssessed, rule: .points)]),
                ParNode(
                    code: "TR", name: "Trừ", maximum: 5, section: .penalty,
                    children: [ParNode(code: "TR.1", name: "e", maximum: 5, method: .selfAssessed, rule: .points)]),
            ], grades: grades)
    }

    @Test("Totals: \"không áp dụng\" leaves the denominator, bonus and penalty sit outside the scale (bonus capped), each field has its index")
    func totals() {
        let score = ParScore(
            Self.set(), responses: ["1.1": .init(value: 30), "1.2": .notApplicable, "2.1": .init(value: 20), "TH.1": .init(value: 3), "TR.1": .init(value: 1)])
        #expect(score.maximum == 80 && score.scalePoints == 50 && score.bonus == 2 && score.penalty == 1 && score.points == 51)
        #expect(score.index == 51.0 / 80 * 100)
        #expect(score.fields.first { $0.code == "1" }?.index == 75 && score.fields.first { $0.code == "2" }?.index == 50)
        // Where "không áp dụng" is not allowed it counts as unanswered: nothing earned, the maximum stays.
        let strict = ParScore(Self.set(allowsNA: false), responses: ["1.1": .init(value: 30), "1.2": .notApplicable])
        #expect(strict.maximum == 100 && strict.points == 30)
    }

    @Test("Ranks with ties share a place (1, 2, 2, 4); no index, no rank")
    func ranks() {
        #expect(ParResults.ranks([90, 85.5, 85.5, 80, nil]) == [1, 2, 2, 4, nil])
        #expect(ParResults.ranks([]) == [])
    }

    @Test(
        "Grades at their exact cut-offs, on the published two decimals",
        arguments: [(90.0, "Xuất sắc"), (89.995, "Xuất sắc"), (89.994, "Tốt"), (80, "Tốt"), (79.99, "Khá"), (0, "Yếu")])
    func grades(index: Double, expected: String) {
        #expect(ParCriteriaSet.local(year: 2026, level: .department).grade(ofIndex: index)?.label == expected)
    }

    @Test("The bundled sets are valid and on 100 points; the provincial one splits 61.5 / 6.5 / 22 / 10")
    func bundled() {
        for set in [ParCriteriaSet.provincial(year: 2023), .local(year: 2026, level: .department), .local(year: 2026, level: .commune)] {
            #expect(set.errors() == [], "\(set.title)")
            #expect(ParCriteriaSet.same(set.maximum, 100))
        }
        let leaves = ParCriteriaSet.provincial(year: 2023).leaves.map(\.item)
        func sum(_ method: ParMethod) -> Double { leaves.filter { $0.method == method }.reduce(0) { $0 + $1.maximum } }
        #expect(sum(.selfAssessed) == 61.5 && sum(.statistic) == 6.5 && sum(.survey(.leaders)) == 22 && sum(.survey(.citizens)) == 10)
    }

    @Test("Validation names every error: maxima that do not add up, a rule that does not fit its method, a code twice, tiers out of order")
    func validation() throws {
        var set = Self.set()
        set.fields[0].maximum = 55
        set.fields[1].children[0].method = .computed(.index("2.1"))
        set.fields[1].children.append(ParNode(code: "1.1", name: "x", maximum: 1, method: .selfAssessed, rule: .tiers([0.5, 1])))
        let fields = Set(set.errors().map(\.field))
        #expect(
            fields.isSuperset(of: ["fields[0].maximum", "fields[1].children[0].rule", "fields[1].children[1].code", "fields[1].children[1].rule", "fields"]))
        // The JSON form round-trips, methods and rules as text.
        let json = try JSONEncoder().encode(ParCriteriaSet.local(year: 2026, level: .commune))
        #expect(String(decoding: json, as: UTF8.self).contains(#""method":"computed:index.2.1""#))
        #expect(try JSONDecoder().decode(ParCriteriaSet.self, from: json) == ParCriteriaSet.local(year: 2026, level: .commune))
        #expect(ParMethod(text: "computed:nothing") == nil && ParMethod(text: "survey:tourists") == nil && ParRule(text: "tiers:a") == nil)
        // A maximum too large for a whole number (a hostile upload) is named, not a crash.
        set.fields[0].maximum = -4.43e211
        #expect(set.errors().contains { $0.field == "fields" })
        #expect(ParRule.number(-4.43e211) == "-4.43e+211" && ParRule.number(12) == "12")
    }

    @Test(
        "The workflow table: who may do what in which state; locked after submission; a send-back re-opens only its leaf",
        arguments: ParAction.allCases)
    func workflow(action: ParAction) {
        let open: Set<String> = Set(
            ParCampaign.State.allCases.flatMap { campaign in
                ParAssessment.State.allCases.flatMap { assessment in
                    [false, true].compactMap { sentBack in
                        ParPolicy.isOpen(action, campaign: campaign, assessment: assessment, leafSentBack: sentBack)
                            ? "\(campaign.rawValue)/\(assessment.rawValue)\(sentBack ? "/back" : "")" : nil
                    }
                }
            })
        let expected: Set<String> =
            switch action {
            case .score: ["open/draft", "open/draft/back", "open/submitted/back", "appraisal/submitted/back", "review/submitted/back"]
            case .submit: ["open/draft", "open/draft/back"]
            case .answer: ["open/submitted/back", "appraisal/submitted/back", "review/submitted/back"]
            case .appraise: ["open/submitted", "appraisal/submitted"]
            case .fill:
                Set(["open", "appraisal", "review"].flatMap { ["\($0)/draft", "\($0)/draft/back", "\($0)/submitted", "\($0)/submitted/back"] })
            case .finishAppraisal: ["open/submitted", "open/submitted/back", "appraisal/submitted", "appraisal/submitted/back"]
            case .confirm: ["review/appraised", "review/appraised/back"]
            }
        #expect(open == expected)
        #expect(ParPolicy.permission(action) == [.score: .assessPar, .submit: .submitPar, .answer: .submitPar, .confirm: .managePar][action] ?? .appraisePar)
    }

    static let table2023 = ParNationalTable(
        year: 2023,
        rows: [
            .init(
                province: "Quảng Ninh", appraised: 60.1, impact: 5.5, leaders: 18.24, sipas: 8.34, total: 92.18, rank: 1, fieldRanks: [1, 1, 1, 1, 1, 1, 1, 1]),
            .init(
                province: "Tỉnh Đắk Lắk", appraised: 57.92, impact: 2.97, leaders: 18.29, sipas: 8.15, total: 87.33, rank: 28,
                fieldRanks: [12, 35, 18, 44, 9, 20, 30, 21]),
        ], setBy: "noivu", setAt: Date(timeIntervalSince1970: 0))
    static let table2022 = ParNationalTable(
        year: 2022, rows: [.init(province: "Dak Lak", appraised: 56, impact: 3, leaders: 17.47, sipas: 8, total: 84.47, rank: 38)], setBy: "noivu",
        setAt: Date(timeIntervalSince1970: 0))

    @Test("Đắk Lắk 2023: 57.92 + 2.97 + 18.29 + 8.15 = 87.33, 28th, group B, up 10 places and 2.86 points, 4 fields in the top 20")
    func dakLak() throws {
        #expect(Self.table2023.errors() == [])
        let standing = try #require(
            ParNationalStanding(province: "Đắk Lắk", table: Self.table2023, previous: Self.table2022, set: .provincial(year: 2023)))
        #expect(standing.row.total == 87.33 && standing.row.rank == 28 && standing.group == "B")
        #expect(standing.pointsChange == 2.86 && standing.placesChange == 10 && standing.fieldsInTop20 == 4)
        #expect(standing.components.map(\.maximum) == [61.5, 6.5, 22, 10])
        #expect(standing.components.map { ParCriteriaSet.rounded($0.lost) } == [3.58, 3.53, 3.71, 1.85])
        // A row whose components do not add up to its total is named.
        var bad = Self.table2023
        bad.rows[1].total = 88
        #expect(bad.errors().map(\.field) == ["rows[1].total"])
    }

    @Test("Results: appraised index beside the self-score, ranks in each cohort, grade, and the change in points and places on last year")
    func results() throws {
        let now = Date(timeIntervalSince1970: 0)
        func unit(_ code: String, _ kind: UnitKind) -> OrgUnit {
            OrgUnit(code: code, name: code, shortName: code, kind: kind, parentID: nil, effectiveFrom: LocalDate("2020-01-01")!, createdAt: now, updatedAt: now)
        }
        let units = [unit("A", .department), unit("B", .department), unit("C", .department), unit("X", .commune)]
        let tree = UnitTree(units)
        var set = Self.set(grades: [ParGrade("Tốt", minimum: 80), ParGrade("Khá", minimum: 0)])
        set.cohorts = [ParCohort(code: "SO", name: "Sở", unitKinds: [.department]), ParCohort(code: "XA", name: "Xã", unitKinds: [.commune])]
        let campaign = ParCampaign(
            code: "CCHC-2026-SO", year: 2026, level: .department, title: "", criteriaVersion: 1, selfAssessmentDue: LocalDate("2026-12-15")!,
            appraisalDue: LocalDate("2027-01-15")!, reviewDue: LocalDate("2027-01-31")!, publishOn: LocalDate("2027-02-15")!,
            unitIDs: units.map(\.id), openedBy: "", openedAt: now)
        func assessment(_ unit: OrgUnit, own: Double, appraised: Double) -> ParAssessment {
            var assessment = ParAssessment(campaignID: campaign.id, unitID: unit.id, now: now)
            assessment.entries["1.1"] = ParEntry(
                response: .init(value: own), appraisal: ParAppraisal(response: .init(value: appraised), adjusted: own != appraised, reason: "", by: "", at: now)
            )
            assessment.entries["1.2"] = ParEntry(response: .init(value: 1))
            assessment.entries["2.1"] = ParEntry(response: .init(value: 40))
            return assessment
        }
        // Indices: A 90, B 90, C 80 among departments; X alone among communes.
        let now2026 = ParResults(
            campaign: campaign, set: set,
            assessments: [
                assessment(units[0], own: 30, appraised: 30), assessment(units[1], own: 40, appraised: 30), assessment(units[2], own: 20, appraised: 20),
                assessment(units[3], own: 10, appraised: 10),
            ], tree: tree)
        var last = campaign
        last.year = 2025
        let before = ParResults(
            campaign: last, set: set, assessments: [assessment(units[0], own: 10, appraised: 10), assessment(units[2], own: 40, appraised: 40)], tree: tree)
        let results = ParResults(
            campaign: campaign, set: set,
            assessments: now2026.rows.map { row in
                assessment(row.unit, own: row.selfScore.leaves["1.1"] ?? 0, appraised: row.appraised.leaves["1.1"] ?? 0)
            }, tree: tree, previous: before)
        let rows = Dictionary(uniqueKeysWithValues: results.rows.map { ($0.unit.code, $0) })
        #expect(rows["A"]?.index == 90 && rows["B"]?.index == 90 && rows["B"]?.selfScore.index == 100 && rows["C"]?.index == 80)
        #expect(rows["A"]?.rank == 1 && rows["B"]?.rank == 1 && rows["C"]?.rank == 3 && rows["X"]?.rank == 1 && rows["X"]?.cohortSize == 1)
        #expect(rows["A"]?.grade == "Tốt" && rows["X"]?.grade == "Khá")
        // A went from 70 (2nd) to 90 (1st); C from 100 (1st) to 80 (3rd); B has no last year.
        #expect(rows["A"]?.change == 20 && rows["A"]?.placesChange == 1 && rows["C"]?.change == -20 && rows["C"]?.placesChange == -2)
        #expect(rows["B"]?.change == nil && rows["B"]?.placesChange == nil)
        #expect(rows["A"]?.fieldRanks["1"] == 1 && rows["C"]?.fieldRanks["1"] == 3)
    }
}
