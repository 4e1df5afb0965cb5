import Foundation
import Testing

@testable import CCHCWeb

@Suite("API date-times")
struct InternetDateTranscoderTests {
    let transcoder = InternetDateTranscoder()

    @Test("Answers are UTC in whole seconds, the same text ISO8601DateFormatter writes")
    func encodesLikeTheFormatter() throws {
        let formatter = ISO8601DateFormatter()
        // Before 1970, leap days, the end of a year, fractions just under and over half a millisecond from a
        // whole second, then a spread of instants from 1900 to 2100 with a fraction each.
        let instants: [TimeInterval] = [
            0, -1, -86_400.5, -0.0004, -0.0006, 951_782_400, 1_798_761_599.999, 1_798_761_599.9994, 1_798_761_599.9996,
            956_243_846.999_881_7, 1_795_473_779.579_480_2, 4_102_444_800,
        ]
        let spread = stride(from: -2_208_988_800.0, to: 4_102_444_800, by: 7_654_321.123_456_7)
        for instant in instants + spread {
            let date = Date(timeIntervalSince1970: instant)
            #expect(try transcoder.encode(date) == formatter.string(from: date), "\(instant)")
        }
        #expect(try transcoder.encode(Date(timeIntervalSince1970: 1_795_488_179.58)) == "2026-11-24T02:42:59Z")
    }

    @Test("Requests may use Z, an offset, fractional seconds, and t or a space for T")
    func decodesRFC3339() throws {
        let expected = Date(timeIntervalSince1970: 1_795_487_400)  // 2026-11-24T09:30:00+07:00
        #expect(try transcoder.decode("2026-11-24T02:30:00Z") == expected)
        #expect(try transcoder.decode("2026-11-24T09:30:00+07:00") == expected)
        #expect(try transcoder.decode("2026-11-23t21:00:00-05:30") == expected)
        #expect(try transcoder.decode("2026-11-24 02:30:00z") == expected)
        #expect(try transcoder.decode("2026-11-24T02:30:00.250Z").timeIntervalSince1970 == 1_795_487_400.25)
        #expect(try transcoder.decode("1969-12-31T23:59:59Z").timeIntervalSince1970 == -1)
        for instant in stride(from: -2_208_988_800, to: 4_102_444_800, by: 9_876_543) {
            let date = Date(timeIntervalSince1970: TimeInterval(instant))
            #expect(try transcoder.decode(transcoder.encode(date)) == date)
        }
    }

    @Test(
        "Anything else is refused rather than guessed",
        arguments: [
            "", "2026-11-24", "2026-11-24T02:30:00", "2026-11-24T02:30Z", "2026-02-29T00:00:00Z", "2026-13-01T00:00:00Z",
            "2026-11-24T24:00:00Z", "2026-11-24T02:60:00Z", "2026-11-24T02:30:00.Z", "2026-11-24T02:30:00+0700",
            "2026-11-24T02:30:00Z ", "26-11-24T02:30:00Z", "2026-11-24T02:30:00+24:00", "24/11/2026 09:30",
        ])
    func refusesOtherText(text: String) {
        #expect(throws: DecodingError.self) { try transcoder.decode(text) }
    }
}
