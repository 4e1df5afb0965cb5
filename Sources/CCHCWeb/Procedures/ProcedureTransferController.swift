import CCHCCore
import Vapor

/// The catalogue as JSON or CSV, out and in. An import is checked whole: one bad line and nothing is written.
struct ProcedureTransferController {
    static let maximumFileBytes = 4 * 1024 * 1024

    func register(_ routes: any RoutesBuilder) {
        let everyone = routes.access(.everyone)
        everyone.get("procedures", "export.json", use: exportJSON)
        everyone.get("procedures", "export.csv", use: exportCSV)
        let managers = routes.access(.permission(.manageProcedures))
        managers.get("procedures", "import", use: importForm)
        managers.bodies(upTo: Self.maximumFileBytes).on(
            .POST, "procedures", "import", body: .collect(maxSize: ByteCount(value: Self.maximumFileBytes)), use: importFile)
    }

    func exportJSON(_ request: Request) async throws -> Response {
        try Self.file(ProcedureTransfer.json(try await drafts(request)), type: HTTPMediaType(type: "application", subType: "json"), name: "thu-tuc.json")
    }

    func exportCSV(_ request: Request) async throws -> Response {
        Self.file(
            ProcedureTransfer.csv(try await drafts(request)), type: HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"]),
            name: "thu-tuc.csv")
    }

    /// The version of every procedure in force today.
    private func drafts(_ request: Request) async throws -> [ProcedureDraft] {
        let tree = try await request.store.units.tree()
        var drafts: [ProcedureDraft] = []
        var cursor: String?
        repeat {
            let page = try await request.store.procedures.search(ProcedureQuery(inForceOn: request.today, cursor: cursor, limit: 500))
            drafts += page.items.map { ProcedureDraft($0, tree: tree) }
            cursor = page.nextCursor
        } while cursor != nil
        return drafts
    }

    static func file(_ text: String, type: HTTPMediaType, name: String) -> Response {
        let response = Response(status: .ok, body: .init(string: text))
        response.headers.contentType = type
        response.headers.contentDisposition = .init(.attachment, filename: name)
        return response
    }

    struct ImportPage: Encodable {
        var columns: [String]
        var errors: [UnitTransferController.ImportPage.LineError]
        var fileError: String?
    }

    func importForm(_ request: Request) async throws -> Response {
        try await request.render("procedures/import", title: request.t("procedures.import.title"), ImportPage(columns: ProcedureTransfer.columns, errors: []))
    }

    func importFile(_ request: Request) async throws -> Response {
        var page = ImportPage(columns: ProcedureTransfer.columns, errors: [])
        guard let file = try? request.form.files["file"], file.data.readableBytes > 0 else {
            page.fileError = request.t("csv.file_required")
            return try await request.render("procedures/import", title: request.t("procedures.import.title"), page, status: .unprocessableEntity)
        }
        guard let text = file.data.getString(at: file.data.readerIndex, length: file.data.readableBytes) else {
            page.fileError = request.t("csv.not_utf8")
            return try await request.render("procedures/import", title: request.t("procedures.import.title"), page, status: .unprocessableEntity)
        }
        let isJSON = file.filename.lowercased().hasSuffix(".json") || text.drop { $0.isWhitespace || $0 == "\u{FEFF}" }.first == "["
        let parsed = isJSON ? ProcedureTransfer.drafts(json: text) : ProcedureTransfer.drafts(csv: text)
        var errors = parsed.errors
        if errors.isEmpty {
            let summary = try await ProcedureCatalog(store: request.store).importDrafts(parsed.drafts, by: try request.requireUser().username, now: request.now)
            if summary.errors.isEmpty {
                return request.redirect(
                    to: "/procedures", flash: "flash.procedures_imported",
                    [
                        "created": String(summary.created), "versioned": String(summary.versioned), "unchanged": String(summary.unchanged),
                    ])
            }
            errors = summary.errors
        }
        page.errors = errors.map {
            .init(line: $0.line, field: $0.error.field, message: request.localizer.message($0.error, request.language))
        }
        return try await request.render("procedures/import", title: request.t("procedures.import.title"), page, status: .unprocessableEntity)
    }
}
