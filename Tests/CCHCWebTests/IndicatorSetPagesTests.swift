import CCHCCore
import CCHCTestSupport
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import CCHCWeb

@Suite("The service index's indicator set on its page")
struct IndicatorSetPagesTests {
    @Test(
        "An administrator loads a version; every error of a broken one is named and what was typed stays; others read it but may not load one",
        arguments: TestDatabases.kinds)
    func versions(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { app, _ in
            try await TestAccounts.seed(app)
            let admin = Browser(app)
            try await admin.login("admin")
            let page = try await admin.get("/admin/indicator-sets")
            #expect(page.status == .ok && page.text.contains("Hồ sơ xử lý trước hạn, đúng hạn") && page.text.contains("đủ điểm"))
            let json = try await admin.get("/admin/indicator-sets/1.json")
            var set = try JSONDecoder().decode(IndicatorSet.self, from: Data(json.body.string.utf8))
            #expect(set == .qd766)

            // Broken: a group that does not add up and a target above 100 %; both named, the text kept.
            var broken = set
            broken.groups[1].maximum = 25
            broken.indicators[4].scaling = .target(2)
            let brokenText = try IndicatorSetsController.json(broken)
            let refused = try await admin.post(
                "/admin/indicator-sets", [("set", brokenText), ("effectiveFrom", "2027-01-01"), ("reason", "Thử"), ("expectedLatestVersion", "1")])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.text.contains("groups[1]") && refused.text.contains("indicators[4].scaling") && refused.body.string.contains("value=\"Thử\""))
            let garbled = try await admin.post(
                "/admin/indicator-sets", [("set", #"{"groups": 5}"#), ("effectiveFrom", "2027-01-01"), ("reason", "Thử"), ("expectedLatestVersion", "1")])
            #expect(garbled.status == .unprocessableEntity && garbled.text.contains("Không đọc được tệp JSON"))
            #expect(try await ServiceIndexService(store: app.store).history().versions.count == 1)

            set.ratingBands = [RatingBand(label: "Tốt", from: 80), RatingBand(label: "Khá", from: 65)]
            let saved = try await admin.post(
                "/admin/indicator-sets",
                [("set", try IndicatorSetsController.json(set)), ("effectiveFrom", "2027-01-01"), ("reason", "QĐ 12/QĐ-UBND"), ("expectedLatestVersion", "1")])
            #expect(saved.status == .seeOther)
            let history = try await ServiceIndexService(store: app.store).history()
            #expect(history.versions.count == 2 && history.latest?.rules.ratingBands.count == 2 && history.version(1)?.effectiveTo?.description == "2027-01-01")
            let stale = try await admin.post(
                "/admin/indicator-sets",
                [("set", try IndicatorSetsController.json(set)), ("effectiveFrom", "2027-02-01"), ("reason", "Lại"), ("expectedLatestVersion", "1")])
            #expect(stale.status == .conflict)

            let reform = Browser(app)
            try await reform.login("noivu")
            #expect(try await reform.get("/admin/indicator-sets").status == .ok)
            #expect(try await reform.post("/admin/indicator-sets", [("set", "{}")]).status == .forbidden)
        }
    }

    /// The indicator page names what an indicator's numerator and denominator count by these keys, built
    /// from the measure: a measure without its words would show a bare key.
    @Test("Every measure a version can name has its words in Vietnamese and English")
    func measureWords() throws {
        let localizer = try Localizer.load(directory: TestApp.packageRoot + "/Resources/Localization")
        for measure in IndicatorMeasure.allCases {
            for language in [Language.vi, .en] {
                #expect(localizer.has("index.measure.\(measure.rawValue)", in: language), "\(measure.rawValue) \(language)")
            }
        }
    }
}
