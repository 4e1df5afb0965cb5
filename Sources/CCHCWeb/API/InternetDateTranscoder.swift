import Foundation
import OpenAPIRuntime
import WorkCalendar

/// RFC 3339 date-times for the API, written and read with integer arithmetic.
///
/// The runtime's default goes through `ISO8601DateFormatter` (ICU) for every date in every answer, which
/// was 2.5 % of a public lookup's CPU time (docs/benchmarks.md). Answers keep the default's form, UTC in
/// whole seconds (`2026-11-24T02:42:59Z`); requests may also carry fractional seconds and any offset.
struct InternetDateTranscoder: DateTranscoder {
    func encode(_ date: Date) throws -> String {
        Self.format(date)
    }

    static func format(_ date: Date) -> String {
        // To the millisecond first, as the formatter does, so 46.9996 s is written as 47.
        let milliseconds = Int((date.timeIntervalSince1970 * 1000).rounded(.toNearestOrAwayFromZero))
        let seconds = milliseconds >= 0 ? milliseconds / 1000 : -((-milliseconds + 999) / 1000)
        let days = seconds >= 0 ? seconds / 86_400 : -((-seconds + 86_399) / 86_400)
        let time = seconds - days * 86_400
        return "\(LocalDate(dayNumber: days))T\(LocalDate.pad(time / 3600, 2)):\(LocalDate.pad(time % 3600 / 60, 2)):\(LocalDate.pad(time % 60, 2))Z"
    }

    func decode(_ text: String) throws -> Date {
        guard let date = Self.parse(Array(text.utf8)) else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "Expected an RFC 3339 date-time, such as 2026-11-24T09:30:00+07:00."))
        }
        return date
    }

    /// `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`; `t`, `z` and a space for the `T` are accepted, as RFC 3339 allows.
    static func parse(_ bytes: [UInt8]) -> Date? {
        var reader = DigitReader(bytes: bytes)
        guard let year = reader.number(4), reader.skip("-"), let month = reader.number(2), reader.skip("-"), let day = reader.number(2),
            let date = LocalDate(year: year, month: month, day: day),
            reader.skip("T") || reader.skip("t") || reader.skip(" "),
            let hour = reader.number(2), hour < 24, reader.skip(":"), let minute = reader.number(2), minute < 60, reader.skip(":"),
            let second = reader.number(2), second <= 60
        else { return nil }
        var fraction = 0.0
        if reader.skip(".") {
            var scale = 0.1
            guard let first = reader.digit() else { return nil }
            fraction = Double(first) * scale
            while let digit = reader.digit() {
                scale /= 10
                fraction += Double(digit) * scale
            }
        }
        var offset = 0
        if reader.skip("Z") || reader.skip("z") {
            offset = 0
        } else {
            let sign = reader.skip("+") ? 1 : reader.skip("-") ? -1 : 0
            guard sign != 0, let hours = reader.number(2), hours < 24, reader.skip(":"), let minutes = reader.number(2), minutes < 60 else { return nil }
            offset = sign * (hours * 3600 + minutes * 60)
        }
        guard reader.atEnd else { return nil }
        let seconds = date.dayNumber * 86_400 + hour * 3600 + minute * 60 + second - offset
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }

    private struct DigitReader {
        let bytes: [UInt8]
        var position = 0

        var atEnd: Bool { position == bytes.count }

        mutating func skip(_ character: Unicode.Scalar) -> Bool {
            guard position < bytes.count, bytes[position] == UInt8(character.value) else { return false }
            position += 1
            return true
        }

        mutating func digit() -> Int? {
            guard position < bytes.count, (48...57).contains(bytes[position]) else { return nil }
            defer { position += 1 }
            return Int(bytes[position] - 48)
        }

        /// Exactly `count` digits.
        mutating func number(_ count: Int) -> Int? {
            var value = 0
            for _ in 0..<count {
                guard let digit = digit() else { return nil }
                value = value * 10 + digit
            }
            return value
        }
    }
}
