import CCHCCore
import Crypto
import Vapor
import WorkCalendar

/// Saves uploaded dossier files under the data folder, after checking their size and, by their first
/// bytes, that they really are PDF, JPEG or PNG (a renamed executable is refused whatever it is called).
struct UploadStore {
    let dataDirectory: String
    let maximumBytes: Int

    /// Checks and stores one upload; field errors name `files.<component>`.
    func save(_ file: File, componentIndex: Int, by uploader: String, now: Date) throws -> DossierFile {
        let field = "files.\(componentIndex)"
        let size = file.data.readableBytes
        guard size > 0 else { throw DomainError.validation([FieldError(field, "upload.empty", ["name": file.filename])]) }
        guard size <= maximumBytes else {
            throw DomainError.validation([FieldError(field, "upload.too_large", ["name": file.filename, "max": String(maximumBytes / 1024 / 1024)])])
        }
        let bytes = file.data.getBytes(at: file.data.readerIndex, length: size) ?? []
        guard let kind = DossierFile.Kind.sniff(bytes) else {
            throw DomainError.validation([FieldError(field, "upload.type", ["name": file.filename])])
        }
        let id = UUID()
        let day = VietnamTime.localDate(of: now)
        let relative = "uploads/\(day.year)/\(LocalDate.pad(day.month, 2))/\(id.uuidString.lowercased()).\(kind.rawValue)"
        let url = URL(fileURLWithPath: dataDirectory).appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url, options: .atomic)
        let digest = SHA256.hash(data: bytes).hexString
        return DossierFile(
            id: id, componentIndex: componentIndex, originalName: String(file.filename.suffix(200)), kind: kind, size: size,
            sha256: digest, storagePath: relative, uploadedBy: uploader, uploadedAt: now)
    }

    /// Removes a saved file that ended up not belonging to anything.
    func discard(_ file: DossierFile) {
        try? FileManager.default.removeItem(at: url(of: file))
    }

    func url(of file: DossierFile) -> URL {
        URL(fileURLWithPath: dataDirectory).appendingPathComponent(file.storagePath)
    }
}

extension Request {
    var uploads: UploadStore {
        UploadStore(dataDirectory: config.dataDirectory, maximumBytes: config.uploadMaximumBytes)
    }
}
