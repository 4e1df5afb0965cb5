import CCHCCore
import Vapor

/// CSV export and import of the unit tree.
struct UnitTransferController {
    static let maximumFileBytes = 2 * 1024 * 1024

    func register(_ routes: any RoutesBuilder) {
        routes.access(.permission(.viewUnits)).get("units", "export.csv", use: export)
        let managers = routes.access(.permission(.manageUnits))
        managers.get("units", "import", use: importForm)
        managers.bodies(upTo: Self.maximumFileBytes).on(
            .POST, "units", "import", body: .collect(maxSize: ByteCount(value: Self.maximumFileBytes)), use: importFile)
    }

    func export(_ request: Request) async throws -> Response {
        let csv = UnitCSV.export(try await request.store.units.tree())
        let response = Response(status: .ok, body: .init(string: csv))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        response.headers.contentDisposition = .init(.attachment, filename: "don-vi.csv")
        return response
    }

    struct ImportPage: Encodable {
        struct LineError: Encodable {
            var line: Int
            var field: String
            var message: String
        }

        var columns: [String]
        var kinds: [SelectOption]
        var errors: [LineError]
        var fileError: String?
    }

    func importForm(_ request: Request) async throws -> Response {
        try await render(request, ImportPage(columns: UnitCSV.columns, kinds: request.unitKindOptions(selected: nil), errors: []))
    }

    func importFile(_ request: Request) async throws -> Response {
        var page = ImportPage(columns: UnitCSV.columns, kinds: request.unitKindOptions(selected: nil), errors: [])
        guard let file = try? request.form.files["file"], file.data.readableBytes > 0 else {
            page.fileError = request.t("csv.file_required")
            return try await render(request, page, status: .unprocessableEntity)
        }
        guard let text = file.data.getString(at: file.data.readerIndex, length: file.data.readableBytes) else {
            page.fileError = request.t("csv.not_utf8")
            return try await render(request, page, status: .unprocessableEntity)
        }
        let parsed = UnitCSV.parse(text)
        var errors = parsed.errors
        if errors.isEmpty {
            let plan = try await request.store.units.importUnits(parsed.rows, now: request.now)
            if plan.errors.isEmpty {
                return request.redirect(
                    to: "/units", flash: "flash.units_imported",
                    [
                        "created": String(plan.created.count), "updated": String(plan.updated.count), "unchanged": String(plan.unchanged),
                    ])
            }
            errors = plan.errors
        }
        page.errors = errors.map {
            ImportPage.LineError(line: $0.line, field: $0.error.field, message: request.localizer.message($0.error, request.language))
        }
        return try await render(request, page, status: .unprocessableEntity)
    }

    private func render(_ request: Request, _ page: ImportPage, status: HTTPStatus = .ok) async throws -> Response {
        try await request.render("units/import", title: request.t("units.import.title"), page, status: status)
    }
}
