import CCHCCore
import Foundation
import Synchronization

/// Decoded survey documents an answer reads every time: the campaign (a document with every unit it
/// targets) by its version, and a questionnaire version, whose rules never change once written. Decoding
/// them took a quarter of an answer's time (docs/benchmarks.md). Shared by the stores of one process;
/// emptied whole when it grows past a bound.
final class SurveyDocumentCache: Sendable {
    static let bound = 256

    private let campaigns = Mutex<[UUID: SurveyCampaign]>([:])
    private let questionnaires = Mutex<[String: Questionnaire]>([:])

    func campaign(_ id: UUID, version: Int) -> SurveyCampaign? {
        campaigns.withLock { $0[id].flatMap { $0.version == version ? $0 : nil } }
    }

    func remember(_ campaign: SurveyCampaign) {
        campaigns.withLock { cache in
            if cache.count >= Self.bound { cache.removeAll() }
            cache[campaign.id] = campaign
        }
    }

    func questionnaire(_ key: String) -> Questionnaire? {
        questionnaires.withLock { $0[key] }
    }

    func remember(_ questionnaire: Questionnaire, as key: String) {
        questionnaires.withLock { cache in
            if cache.count >= Self.bound { cache.removeAll() }
            cache[key] = questionnaire
        }
    }
}
