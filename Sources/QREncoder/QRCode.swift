import Foundation

/// A QR code (ISO/IEC 18004) for the lookup address printed on receipts: byte mode, error correction
/// level M (about 15% of the symbol may be damaged), versions 1 to 10 (up to 213 bytes). Drawn as SVG on
/// the server; no web service is involved.
public struct QRCode: Sendable {
    /// `modules[row][column]`, true for dark.
    public let modules: [[Bool]]
    public let version: Int
    public let mask: Int

    public var size: Int { modules.count }

    public enum Failure: Error, Equatable {
        case tooLong(Int)
    }

    /// Level M block structure per version: EC codewords per block, then (blocks, data codewords) groups.
    static let blocks: [(ec: Int, groups: [(count: Int, data: Int)])] = [
        (10, [(1, 16)]), (16, [(1, 28)]), (26, [(1, 44)]), (18, [(2, 32)]), (24, [(2, 43)]),
        (16, [(4, 27)]), (18, [(4, 31)]), (22, [(2, 38), (2, 39)]), (22, [(3, 36), (2, 37)]), (26, [(4, 43), (1, 44)]),
    ]

    static let alignmentPositions: [[Int]] = [
        [], [6, 18], [6, 22], [6, 26], [6, 30], [6, 34], [6, 22, 38], [6, 24, 42], [6, 26, 46], [6, 28, 50],
    ]

    /// Encodes `text` (as UTF-8) in the smallest version that holds it. `forcedMask` is for tests.
    public init(_ text: String, forcedMask: Int? = nil) throws {
        let bytes = Array(text.utf8)
        guard let version = (1...10).first(where: { Self.capacity(version: $0) >= bytes.count }) else {
            throw Failure.tooLong(bytes.count)
        }
        let codewords = Self.interleave(Self.dataCodewords(bytes, version: version), version: version)
        var grid = Grid(version: version)
        grid.placeFunctionPatterns()
        grid.placeData(codewords)
        let candidates = (0..<8).map { mask -> (Int, Grid) in
            var masked = grid
            masked.apply(mask: mask)
            masked.placeFormat(mask: mask)
            return (mask, masked)
        }
        let chosen = forcedMask.map { candidates[$0] } ?? candidates.min { $0.1.penalty < $1.1.penalty }!
        self.version = version
        self.mask = chosen.0
        self.modules = chosen.1.dark
    }

    /// Bytes that fit in a version at level M.
    public static func capacity(version: Int) -> Int {
        let dataBits = blocks[version - 1].groups.reduce(0) { $0 + $1.count * $1.data } * 8
        return (dataBits - 4 - (version < 10 ? 8 : 16)) / 8
    }

    /// Mode, length, data, terminator and padding, as the version's data codewords.
    static func dataCodewords(_ bytes: [UInt8], version: Int) -> [UInt8] {
        let capacity = blocks[version - 1].groups.reduce(0) { $0 + $1.count * $1.data }
        var bits: [Bool] = []
        func append(_ value: Int, _ count: Int) {
            for shift in stride(from: count - 1, through: 0, by: -1) { bits.append((value >> shift) & 1 == 1) }
        }
        append(0b0100, 4)
        append(bytes.count, version < 10 ? 8 : 16)
        for byte in bytes { append(Int(byte), 8) }
        append(0, min(4, capacity * 8 - bits.count))
        while bits.count % 8 != 0 { bits.append(false) }
        var codewords = stride(from: 0, to: bits.count, by: 8).map { start in
            bits[start..<start + 8].reduce(UInt8(0)) { $0 << 1 | ($1 ? 1 : 0) }
        }
        var pad: UInt8 = 0xEC
        while codewords.count < capacity {
            codewords.append(pad)
            pad = pad == 0xEC ? 0x11 : 0xEC
        }
        return codewords
    }

    /// Splits data into blocks, adds each block's error correction, and interleaves both.
    static func interleave(_ data: [UInt8], version: Int) -> [UInt8] {
        let structure = blocks[version - 1]
        var dataBlocks: [[UInt8]] = []
        var offset = 0
        for group in structure.groups {
            for _ in 0..<group.count {
                dataBlocks.append(Array(data[offset..<offset + group.data]))
                offset += group.data
            }
        }
        let divisor = ReedSolomon.generator(degree: structure.ec)
        let ecBlocks = dataBlocks.map { ReedSolomon.remainder($0, divisor) }
        var result: [UInt8] = []
        for index in 0..<(dataBlocks.map(\.count).max() ?? 0) {
            for block in dataBlocks where index < block.count { result.append(block[index]) }
        }
        for index in 0..<structure.ec {
            for block in ecBlocks { result.append(block[index]) }
        }
        return result
    }

    /// An SVG of the symbol with a four-module quiet zone, one path of dark squares.
    public func svg(moduleSize: Int = 4, label: String) -> String {
        let quiet = 4
        let side = (size + 2 * quiet) * moduleSize
        var path = ""
        for row in 0..<size {
            for column in 0..<size where modules[row][column] {
                path += "M\((column + quiet) * moduleSize) \((row + quiet) * moduleSize)h\(moduleSize)v\(moduleSize)h-\(moduleSize)z"
            }
        }
        let escaped = label.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(
            of: "\"", with: "&quot;")
        return """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(side) \(side)" width="\(side)" height="\(side)" role="img" aria-label="\(escaped)" shape-rendering="crispEdges">\
            <rect width="\(side)" height="\(side)" fill="#fff"/><path fill="#000" d="\(path)"/></svg>
            """
    }
}

/// The module grid while a symbol is built: which modules are dark, and which belong to function patterns.
private struct Grid {
    let version: Int
    let size: Int
    var dark: [[Bool]]
    var isFunction: [[Bool]]

    init(version: Int) {
        self.version = version
        size = 17 + 4 * version
        dark = Array(repeating: Array(repeating: false, count: size), count: size)
        isFunction = dark
    }

    mutating func set(_ row: Int, _ column: Int, _ value: Bool) {
        dark[row][column] = value
        isFunction[row][column] = true
    }

    mutating func placeFunctionPatterns() {
        // Timing patterns first: the finders then overwrite their ends.
        for index in 0..<size {
            set(6, index, index % 2 == 0)
            set(index, 6, index % 2 == 0)
        }
        for (row, column) in [(0, 0), (0, size - 7), (size - 7, 0)] { placeFinder(row, column) }
        let positions = QRCode.alignmentPositions[version - 1]
        for row in positions {
            for column in positions {
                let nearFinder = (row == 6 && column == 6) || (row == 6 && column == positions.last) || (row == positions.last && column == 6)
                if !nearFinder { placeAlignment(row, column) }
            }
        }
        // Reserve the format areas (written after masking) and set the dark module.
        placeFormat(mask: 0)
        if version >= 7 { placeVersion() }
    }

    /// A 7×7 finder with its one-module light separator (clipped at the edges).
    mutating func placeFinder(_ top: Int, _ left: Int) {
        for dy in -1...7 {
            for dx in -1...7 {
                let row = top + dy, column = left + dx
                guard row >= 0, row < size, column >= 0, column < size else { continue }
                let ring = max(abs(dy - 3), abs(dx - 3))
                set(row, column, ring != 2 && ring != 4)
            }
        }
    }

    mutating func placeAlignment(_ centerRow: Int, _ centerColumn: Int) {
        for dy in -2...2 {
            for dx in -2...2 {
                set(centerRow + dy, centerColumn + dx, max(abs(dy), abs(dx)) != 1)
            }
        }
    }

    /// The 15 format bits (level M, mask) in both copies, and the dark module.
    mutating func placeFormat(mask: Int) {
        let data = (0b00 << 3) | mask
        var remainder = data
        for _ in 0..<10 { remainder = (remainder << 1) ^ ((remainder >> 9) * 0x537) }
        let bits = ((data << 10) | remainder) ^ 0x5412
        func bit(_ index: Int) -> Bool { (bits >> index) & 1 == 1 }
        for index in 0...5 { set(index, 8, bit(index)) }
        set(7, 8, bit(6))
        set(8, 8, bit(7))
        set(8, 7, bit(8))
        for index in 9..<15 { set(8, 14 - index, bit(index)) }
        for index in 0..<8 { set(8, size - 1 - index, bit(index)) }
        for index in 8..<15 { set(size - 15 + index, 8, bit(index)) }
        set(size - 8, 8, true)
    }

    /// The 18 version bits (versions 7 and up), in both corners.
    mutating func placeVersion() {
        var remainder = version
        for _ in 0..<12 { remainder = (remainder << 1) ^ ((remainder >> 11) * 0x1F25) }
        let bits = (version << 12) | remainder
        for index in 0..<18 {
            let value = (bits >> index) & 1 == 1
            let a = size - 11 + index % 3, b = index / 3
            set(b, a, value)
            set(a, b, value)
        }
    }

    /// Codeword bits in the zigzag order: two-module columns from the right, up then down, skipping the
    /// vertical timing pattern.
    mutating func placeData(_ codewords: [UInt8]) {
        var index = 0
        let totalBits = codewords.count * 8
        var right = size - 1
        while right >= 1 {
            if right == 6 { right = 5 }
            let upward = ((right + 1) & 2) == 0
            for vertical in 0..<size {
                let row = upward ? size - 1 - vertical : vertical
                for offset in 0..<2 {
                    let column = right - offset
                    guard !isFunction[row][column], index < totalBits else { continue }
                    dark[row][column] = (codewords[index >> 3] >> (7 - UInt8(index & 7))) & 1 == 1
                    index += 1
                }
            }
            right -= 2
        }
    }

    mutating func apply(mask: Int) {
        for row in 0..<size {
            for column in 0..<size where !isFunction[row][column] {
                let flip: Bool =
                    switch mask {
                    case 0: (row + column) % 2 == 0
                    case 1: row % 2 == 0
                    case 2: column % 3 == 0
                    case 3: (row + column) % 3 == 0
                    case 4: (row / 2 + column / 3) % 2 == 0
                    case 5: (row * column) % 2 + (row * column) % 3 == 0
                    case 6: ((row * column) % 2 + (row * column) % 3) % 2 == 0
                    default: ((row + column) % 2 + (row * column) % 3) % 2 == 0
                    }
                if flip { dark[row][column].toggle() }
            }
        }
    }

    /// The standard's four penalty rules; the mask with the lowest total is used.
    var penalty: Int {
        var total = 0
        let columns = (0..<size).map { column in (0..<size).map { dark[$0][column] } }
        for line in dark + columns {
            var run = 1
            for index in 1..<size {
                if line[index] == line[index - 1] {
                    run += 1
                } else {
                    if run >= 5 { total += run - 2 }
                    run = 1
                }
            }
            if run >= 5 { total += run - 2 }
            let pattern: [Bool] = [true, false, true, true, true, false, true]
            for start in 0...(size - 7) where Array(line[start..<start + 7]) == pattern {
                let before = start >= 4 && !line[(start - 4)..<start].contains(true)
                let after = start + 11 <= size && !line[(start + 7)..<(start + 11)].contains(true)
                if before { total += 40 }
                if after { total += 40 }
            }
        }
        for row in 0..<(size - 1) {
            for column in 0..<(size - 1) {
                let value = dark[row][column]
                if dark[row][column + 1] == value, dark[row + 1][column] == value, dark[row + 1][column + 1] == value { total += 3 }
            }
        }
        let darkCount = dark.reduce(0) { $0 + $1.filter { $0 }.count }
        let percent = darkCount * 100 / (size * size)
        total += 10 * (abs(percent - 50) / 5)
        return total
    }
}

/// Reed–Solomon error correction over GF(256) with the QR polynomial x⁸ + x⁴ + x³ + x² + 1.
enum ReedSolomon {
    static func multiply(_ a: UInt8, _ b: UInt8) -> UInt8 {
        var result: UInt8 = 0
        var a = a, b = b
        while b != 0 {
            if b & 1 == 1 { result ^= a }
            let carry = a & 0x80 != 0
            a <<= 1
            if carry { a ^= 0x1D }
            b >>= 1
        }
        return result
    }

    /// Coefficients (highest degree first, leading 1 omitted) of ∏ (x − αⁱ), i < degree.
    static func generator(degree: Int) -> [UInt8] {
        var result = [UInt8](repeating: 0, count: degree)
        result[degree - 1] = 1
        var root: UInt8 = 1
        for _ in 0..<degree {
            for index in 0..<degree {
                result[index] = multiply(result[index], root)
                if index + 1 < degree { result[index] ^= result[index + 1] }
            }
            root = multiply(root, 0x02)
        }
        return result
    }

    static func remainder(_ data: [UInt8], _ divisor: [UInt8]) -> [UInt8] {
        var result = [UInt8](repeating: 0, count: divisor.count)
        for byte in data {
            let factor = byte ^ result.removeFirst()
            result.append(0)
            for index in 0..<divisor.count { result[index] ^= multiply(divisor[index], factor) }
        }
        return result
    }
}
