import Foundation

/// Who a citizens' survey asks: n = N ÷ (1 + N·e²) of the N dossiers a unit returned in the period
/// (DOMAIN.md §6), rounded up, drawn at random from a recorded seed so that anyone can draw the same
/// sample again; stratified by procedure when asked (each procedure's share of the sample in proportion
/// to its share of the dossiers, remainders to the largest fractions).
public enum SurveySample {
    public static func size(population: Int, marginOfError e: Double) -> Int {
        guard population > 0, e.isFinite, e >= 0 else { return 0 }
        let n = Double(population) / (1 + Double(population) * e * e)
        // A hair below a whole number is that number: floating point must not add a respondent.
        return min(population, Int((n - 1e-9).rounded(.up)))
    }

    /// One dossier of the sampling frame.
    public struct Unit: Equatable, Sendable {
        public var code: String
        public var procedureCode: String

        public init(code: String, procedureCode: String) {
            self.code = code
            self.procedureCode = procedureCode
        }
    }

    /// `size` of `frame`, the same for the same frame, size and seed whatever order the frame came in.
    public static func draw(_ frame: [Unit], size: Int, seed: UInt64, stratified: Bool) -> [Unit] {
        let sorted = frame.sorted { $0.code < $1.code }
        var generator = SeededGenerator(seed: seed)
        guard stratified else { return generator.shuffled(sorted).prefix(size).sorted { $0.code < $1.code } }
        let strata = Dictionary(grouping: sorted, by: \.procedureCode).sorted { $0.key < $1.key }
        let quotas = allocate(size, over: strata.map(\.value.count))
        var drawn: [Unit] = []
        for (stratum, quota) in zip(strata, quotas) {
            drawn += generator.shuffled(stratum.value).prefix(quota)
        }
        return drawn.sorted { $0.code < $1.code }
    }

    /// `total` split over groups of the given sizes in proportion, by largest remainder (ties to the first).
    public static func allocate(_ total: Int, over sizes: [Int]) -> [Int] {
        let population = sizes.reduce(0, +)
        guard population > 0 else { return sizes.map { _ in 0 } }
        let exact = sizes.map { Double($0) * Double(total) / Double(population) }
        var quotas = exact.map { Int($0.rounded(.down)) }
        let order = exact.indices.sorted { (exact[$0] - Double(quotas[$0])) > (exact[$1] - Double(quotas[$1])) }
        for index in order.prefix(total - quotas.reduce(0, +)) { quotas[index] += 1 }
        return quotas
    }
}

/// SplitMix64: a small generator whose sequence depends only on its seed, unlike the system's, so that
/// a sample can be drawn again from the seed a campaign records.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Fisher–Yates written out rather than the standard library's `shuffled(using:)`, whose way of
    /// drawing an index may change between Swift versions: a recorded seed must give the same sample
    /// on any build. (The modulo's bias is below 2⁻⁴⁰ for any frame a province has.)
    public mutating func shuffled<T>(_ elements: [T]) -> [T] {
        var result = elements
        var index = result.count - 1
        while index > 0 {
            let other = Int(next() % UInt64(index + 1))
            result.swapAt(index, other)
            index -= 1
        }
        return result
    }
}
