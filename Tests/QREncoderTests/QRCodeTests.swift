import Testing

@testable import QREncoder

@Suite("QR code")
struct QRCodeTests {
    @Test("Matches an independent encoder module for module", arguments: QRReferenceSymbols.all.indices)
    func matchesReference(index: Int) throws {
        let reference = QRReferenceSymbols.all[index]
        let symbol = try QRCode(reference.text, forcedMask: reference.mask)
        #expect(symbol.version == reference.version)
        let rows = symbol.modules.map { row in String(row.map { $0 ? "1" : "0" }) }
        #expect(rows == reference.rows)
    }

    @Test("Picks the smallest version and refuses what does not fit")
    func versions() throws {
        #expect(try QRCode("A").version == 1)
        #expect(try QRCode(String(repeating: "a", count: 14)).version == 1)
        #expect(try QRCode(String(repeating: "a", count: 15)).version == 2)
        #expect(try QRCode(String(repeating: "a", count: 213)).version == 10)
        #expect(throws: QRCode.Failure.tooLong(214)) { try QRCode(String(repeating: "a", count: 214)) }
        #expect(QRCode.capacity(version: 5) == 84)
    }

    @Test("Reed–Solomon: codewords and their remainder divide evenly")
    func reedSolomon() {
        let data: [UInt8] = [32, 91, 11, 120, 209, 114, 220, 77, 67, 64, 236, 17, 236, 17, 236, 17]
        #expect(ReedSolomon.remainder(data, ReedSolomon.generator(degree: 10)) == [196, 35, 39, 119, 235, 215, 231, 226, 93, 23])
    }

    @Test("SVG output: one path, quiet zone, a label")
    func svg() throws {
        let svg = try QRCode("https://cchc.example/lookup").svg(moduleSize: 3, label: "Tra cứu <hồ sơ>")
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 111 111\""))
        #expect(svg.contains("aria-label=\"Tra cứu &lt;hồ sơ>\""))
        #expect(!svg.contains("\n"))
    }
}
