import CCHCCore
import CCHCStore
import MultipartKit
import Vapor

/// A form with files (online filing, a supplement), read as its body arrives: text fields kept (64 KB at
/// most in all), each file written to staging chunk by chunk (off the event loop, hashed, its kind read
/// from its first bytes, cut off at the size limit), so that no upload is held in memory or decoded twice.
/// The form's CSRF field must come first and match before any file is written.
struct UploadForm {
    struct Limits {
        var fileBytes: Int
        var files: Int
        var textBytes = 64 * 1024

        /// The largest body such a form can need: its files at their limit, their headers and the text.
        var bodyBytes: Int { fileBytes * files + textBytes + 64 * 1024 }
    }

    var fields: [String: String] = [:]
    /// Files staged, by field name.
    var files: [String: StagedFile] = [:]
    /// Files refused (empty, too large, of a kind not accepted), by field name (`files.<component>` errors).
    var errors: [String: FieldError] = [:]

    /// `fileFields`: each file field's name and the component its file is for; other file fields are refused.
    static func read(
        _ request: Request, fileFields: [String: Int], owner: String, limits: Limits, csrfToken expected: String?
    ) async throws -> UploadForm {
        guard let type = request.headers.contentType, type.type == "multipart", type.subType == "form-data",
            let boundary = type.parameters["boundary"], !boundary.isEmpty, boundary.count <= 70
        else { throw Abort(.unsupportedMediaType) }
        if let length = request.headers.first(name: .contentLength).flatMap(Int.init), length > limits.bodyBytes {
            throw Abort(.payloadTooLarge)
        }
        // A visitor who was never shown the form has no token to send.
        guard let expected else { throw DomainError(.forbidden, "csrf.invalid") }
        let storage = request.application.services.files
        let reader = Reader(boundary: boundary)
        var form = UploadForm()
        var textBytes = 0, bodyBytes = 0, fileCount = 0
        /// The file part being read: its field, and its staging file once a byte of it has come.
        var file: (name: String, component: Int, filename: String, writer: StagingWriter?, error: FieldError?)?
        var checkedCSRF = false
        do {
            for try await chunk in request.body {
                bodyBytes += chunk.readableBytes
                guard bodyBytes <= limits.bodyBytes else { throw Abort(.payloadTooLarge) }
                for event in try reader.feed(chunk) {
                    switch event {
                    case .start(let name, let filename):
                        // Nothing is kept before the form proves where it comes from: its token comes first.
                        if !checkedCSRF, name != CSRFProtection.fieldName { throw DomainError(.forbidden, "csrf.invalid") }
                        guard let filename else { continue }
                        fileCount += 1
                        guard fileCount <= limits.files else { throw Abort(.payloadTooLarge) }
                        // The form has no such file input: not a request this form makes.
                        guard let component = fileFields[name] else { throw Abort(.badRequest) }
                        file = (name, component, filename, nil, nil)
                    case .text(let name, let value):
                        textBytes += value.utf8.count
                        guard textBytes <= limits.textBytes else { throw Abort(.payloadTooLarge) }
                        if name == CSRFProtection.fieldName, !checkedCSRF {
                            guard value.constantTimeEquals(expected) else { throw DomainError(.forbidden, "csrf.invalid") }
                            checkedCSRF = true
                        }
                        guard FormBody.isAcceptable(value), FormBody.isAcceptable(name) else {
                            throw Problem.malformed([FieldError(name, "error.control_characters")])
                        }
                        form.fields[name] = value
                    case .fileBytes(let bytes):
                        guard var current = file, current.error == nil else { continue }
                        let writer: StagingWriter
                        if let started = current.writer {
                            writer = started
                        } else {
                            writer = try await storage.stage(
                                componentIndex: current.component, originalName: current.filename, owner: owner, now: request.now)
                        }
                        current.writer = writer
                        if writer.size + bytes.count > limits.fileBytes {
                            current.error = FieldError(
                                "files.\(current.component)", "upload.too_large",
                                [
                                    "name": current.filename, "max": String(limits.fileBytes / 1024 / 1024),
                                ])
                            await writer.abort()
                        } else {
                            try await writer.write(bytes)
                        }
                        file = current
                    case .fileEnd:
                        guard let current = file else { continue }
                        file = nil
                        let field = "files.\(current.component)"
                        if let error = current.error {
                            form.errors[current.name] = error
                        } else if let writer = current.writer {
                            if writer.kind == nil {
                                await writer.abort()
                                form.errors[current.name] = FieldError(field, "upload.type", ["name": current.filename])
                            } else {
                                form.files[current.name] = try await writer.finish()
                            }
                        } else if !current.filename.isEmpty {
                            // An input left empty sends a part with no file name and no bytes: nothing was chosen.
                            form.errors[current.name] = FieldError(field, "upload.empty", ["name": current.filename])
                        }
                    }
                }
            }
        } catch {
            if let writer = file?.writer { await writer.abort() }
            await storage.discard(Array(form.files.values))
            throw error
        }
        guard checkedCSRF else {
            await storage.discard(Array(form.files.values))
            throw DomainError(.forbidden, "csrf.invalid")
        }
        return form
    }

    /// Turns the parser's callbacks into events, in order, for each chunk fed.
    final class Reader {
        enum Event {
            case start(name: String, filename: String?)
            case text(name: String, value: String)
            case fileBytes([UInt8])
            case fileEnd(name: String, filename: String)
        }

        private let parser: MultipartParser
        private var events: [Event] = []
        private var part: (name: String, filename: String?, text: [UInt8])?
        /// Bytes fed since the parser last reported anything: headers or a preamble that never end.
        private var silent = 0

        init(boundary: String) {
            parser = MultipartParser(boundary: boundary)
            parser.onHeader = { [unowned self] name, value in
                silent = 0
                guard name.lowercased() == "content-disposition" else { return }
                let disposition = ContentDisposition(value)
                part = (disposition.name ?? "", disposition.filename, [])
                events.append(.start(name: disposition.name ?? "", filename: disposition.filename))
            }
            parser.onBody = { [unowned self] buffer in
                silent = 0
                let bytes = Array(buffer.readableBytesView)
                if part?.filename != nil { events.append(.fileBytes(bytes)) } else { part?.text += bytes }
            }
            parser.onPartComplete = { [unowned self] in
                silent = 0
                guard let done = part else { return }
                part = nil
                if let filename = done.filename {
                    events.append(.fileEnd(name: done.name, filename: filename))
                } else {
                    events.append(.text(name: done.name, value: String(decoding: done.text, as: UTF8.self)))
                }
            }
        }

        func feed(_ chunk: ByteBuffer) throws -> [Event] {
            events = []
            silent += chunk.readableBytes
            do {
                try parser.execute(chunk)
            } catch {
                throw Abort(.badRequest)
            }
            if silent > 64 * 1024, events.isEmpty { throw Abort(.badRequest) }
            if let text = part?.text, text.count > 64 * 1024 { throw Abort(.payloadTooLarge) }
            return events
        }
    }
}
