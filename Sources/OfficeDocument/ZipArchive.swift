import Foundation

/// A ZIP archive (PKWARE APPNOTE 6.3) of stored, uncompressed entries: what an Office Open XML package
/// needs to be opened by Word, LibreOffice and every unzip tool, without a compression library.
public struct ZipArchive: Sendable {
    public struct Entry: Sendable {
        public var path: String
        public var data: Data
    }

    public private(set) var entries: [Entry] = []

    public init() {}

    public mutating func add(_ path: String, _ data: Data) {
        entries.append(Entry(path: path, data: data))
    }

    public mutating func add(_ path: String, text: String) {
        add(path, Data(text.utf8))
    }

    /// The archive's bytes: each entry's local header and data, the central directory, its end record.
    /// Times are written as 1 January 1980 so that the same content gives the same bytes.
    public func data() -> Data {
        var output = Data()
        var directory = Data()
        for entry in entries {
            let name = Data(entry.path.utf8)
            let crc = CRC32.checksum(entry.data)
            let offset = UInt32(output.count)
            output.append(le32: 0x0403_4b50)
            output.append(le16: 20)  // version needed: 2.0
            output.append(le16: 0x0800)  // names are UTF-8
            output.append(le16: 0)  // stored
            output.append(le16: 0)  // time
            output.append(le16: 0x21)  // date: 1980-01-01
            output.append(le32: crc)
            output.append(le32: UInt32(entry.data.count))
            output.append(le32: UInt32(entry.data.count))
            output.append(le16: UInt16(name.count))
            output.append(le16: 0)
            output.append(name)
            output.append(entry.data)

            directory.append(le32: 0x0201_4b50)
            directory.append(le16: 20)  // made by: 2.0
            directory.append(le16: 20)
            directory.append(le16: 0x0800)
            directory.append(le16: 0)
            directory.append(le16: 0)
            directory.append(le16: 0x21)
            directory.append(le32: crc)
            directory.append(le32: UInt32(entry.data.count))
            directory.append(le32: UInt32(entry.data.count))
            directory.append(le16: UInt16(name.count))
            directory.append(le16: 0)  // extra
            directory.append(le16: 0)  // comment
            directory.append(le16: 0)  // disk
            directory.append(le16: 0)  // internal attributes
            directory.append(le32: 0)  // external attributes
            directory.append(le32: offset)
            directory.append(name)
        }
        let directoryOffset = UInt32(output.count)
        output.append(directory)
        output.append(le32: 0x0605_4b50)
        output.append(le16: 0)
        output.append(le16: 0)
        output.append(le16: UInt16(entries.count))
        output.append(le16: UInt16(entries.count))
        output.append(le32: UInt32(directory.count))
        output.append(le32: directoryOffset)
        output.append(le16: 0)
        return output
    }

    /// Reads an archive of stored entries through its central directory (what `data()` writes, and what a
    /// test checks a package by); nil when it is not one.
    public static func read(_ data: Data) -> [Entry]? {
        let bytes = [UInt8](data)
        func le16(_ at: Int) -> Int? { at + 2 <= bytes.count ? Int(bytes[at]) | Int(bytes[at + 1]) << 8 : nil }
        func le32(_ at: Int) -> Int? { at + 4 <= bytes.count ? Int(le16(at)!) | Int(le16(at + 2)!) << 16 : nil }
        guard bytes.count >= 22, let end = (0...(bytes.count - 22)).reversed().first(where: { le32($0) == 0x0605_4b50 }),
            let count = le16(end + 10), var position = le32(end + 16)
        else { return nil }
        var entries: [Entry] = []
        for _ in 0..<count {
            guard le32(position) == 0x0201_4b50, let method = le16(position + 10), method == 0, let crc = le32(position + 16),
                let size = le32(position + 20), let nameLength = le16(position + 28), let extra = le16(position + 30), let comment = le16(position + 32),
                let local = le32(position + 42), position + 46 + nameLength <= bytes.count,
                let localName = le16(local + 26), let localExtra = le16(local + 28)
            else { return nil }
            let name = String(decoding: bytes[(position + 46)..<(position + 46 + nameLength)], as: UTF8.self)
            let start = local + 30 + localName + localExtra
            guard start + size <= bytes.count else { return nil }
            let content = Data(bytes[start..<(start + size)])
            guard CRC32.checksum(content) == UInt32(crc) else { return nil }
            entries.append(Entry(path: name, data: content))
            position += 46 + nameLength + extra + comment
        }
        return entries
    }
}

/// CRC-32 (ISO 3309, polynomial 0xEDB88320), the checksum ZIP entries carry.
enum CRC32 {
    static let table: [UInt32] = (0..<256).map { index in
        var value = UInt32(index)
        for _ in 0..<8 { value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1 }
        return value
    }

    static func checksum(_ data: Data) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }
}

extension Data {
    fileprivate mutating func append(le16 value: UInt16) {
        append(UInt8(value & 0xFF))
        append(UInt8(value >> 8))
    }

    fileprivate mutating func append(le32 value: UInt32) {
        append(le16: UInt16(value & 0xFFFF))
        append(le16: UInt16(value >> 16))
    }
}
