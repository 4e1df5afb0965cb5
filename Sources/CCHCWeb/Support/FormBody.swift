import CCHCCore
import MultipartKit
import Vapor

/// A form's body, decoded once per request: the text fields by name (the last value of a repeated name),
/// and, for a multipart body collected whole (the CSV imports), its files. Every read of a field (the CSRF
/// check, the controller's) uses this one decoding; a large body was decoded again for each field before.
struct FormBody: Sendable {
    struct UploadedFile: Sendable {
        var filename: String
        var data: ByteBuffer
    }

    var fields: [String: String] = [:]
    var files: [String: UploadedFile] = [:]

    /// Text fields may not hold NUL or other control characters but tab and line breaks.
    static func isAcceptable(_ value: String) -> Bool {
        !value.unicodeScalars.contains { $0.value < 0x20 && $0 != "\t" && $0 != "\n" && $0 != "\r" || $0.value == 0x7F }
    }

    static func decode(_ request: Request) throws -> FormBody {
        guard let buffer = request.body.data, buffer.readableBytes > 0 else { return FormBody() }
        var body = FormBody()
        if let type = request.headers.contentType, type.type == "multipart", type.subType == "form-data" {
            guard let boundary = type.parameters["boundary"], !boundary.isEmpty else { throw Abort(.badRequest) }
            var current: (name: String, filename: String?, data: ByteBuffer)?
            let parser = MultipartParser(boundary: boundary)
            parser.onHeader = { name, value in
                guard name.lowercased() == "content-disposition" else { return }
                let disposition = ContentDisposition(value)
                current = (disposition.name ?? "", disposition.filename, ByteBuffer())
            }
            parser.onBody = { chunk in current?.data.writeBuffer(&chunk) }
            parser.onPartComplete = {
                guard let part = current else { return }
                current = nil
                if let filename = part.filename {
                    body.files[part.name] = UploadedFile(filename: filename, data: part.data)
                } else {
                    body.fields[part.name] = String(buffer: part.data)
                }
            }
            do {
                try parser.execute(buffer)
            } catch {
                throw Abort(.badRequest)
            }
        } else {
            for (name, value) in URLQueryItems.parse(Substring(String(buffer: buffer))) { body.fields[name] = value }
        }
        if let bad = body.fields.first(where: { !isAcceptable($0.value) || !isAcceptable($0.key) }) {
            throw Problem.malformed([FieldError(bad.key, "error.control_characters")])
        }
        return body
    }
}

/// The name and file name of a multipart part, from its Content-Disposition header.
struct ContentDisposition {
    var name: String?
    var filename: String?

    init(_ header: String) {
        for item in header.split(separator: ";").dropFirst() {
            let pair = item.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2 else { continue }
            var value = pair[1]
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            switch pair[0].lowercased() {
            case "name": name = value
            case "filename": filename = value
            default: break
            }
        }
    }
}

extension Request {
    private struct FormBodyKey: StorageKey {
        typealias Value = FormBody
    }

    /// The form this request carries, decoded on first use. A body that cannot be read is an error there.
    var form: FormBody {
        get throws {
            if let form = storage[FormBodyKey.self] { return form }
            let form = try FormBody.decode(self)
            storage[FormBodyKey.self] = form
            return form
        }
    }

    /// One field, "" when absent.
    func field(_ name: String) -> String {
        (try? form.fields[name]) ?? ""
    }
}
