import Foundation
import NIOCore
import Testing
import Vapor
import VaporTesting

/// A browser for the web pages: keeps cookies, remembers the CSRF field of the last page, and adds it to
/// the forms it posts, like a real browser submitting a rendered form.
final class Browser: @unchecked Sendable {
    let app: Application
    var cookies: [String: String] = [:]
    var csrf: String?
    /// The client address, sent as X-Forwarded-For (the test app trusts it).
    var address = "192.0.2.10"
    var extraHeaders: HTTPHeaders = [:]

    init(_ app: Application) {
        self.app = app
    }

    @discardableResult
    func get(_ path: String) async throws -> TestingHTTPResponse {
        try await send(.GET, path)
    }

    /// Posts a form. With `csrf: false` the `_csrf` field is left out, as a forged request would.
    @discardableResult
    func post(_ path: String, _ fields: [(String, String)], csrf includeCSRF: Bool = true) async throws -> TestingHTTPResponse {
        var all = fields
        if includeCSRF, let csrf { all.append(("_csrf", csrf)) }
        let body = all.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        return try await send(.POST, path, body: ByteBuffer(string: body), contentType: "application/x-www-form-urlencoded")
    }

    /// Posts a multipart form with files, as a browser submits an upload form: fields in the order of the
    /// form, whose first is its `_csrf` token.
    @discardableResult
    func postMultipart(
        _ path: String, _ fields: [(String, String)], files: [(field: String, filename: String, data: [UInt8])]
    ) async throws -> TestingHTTPResponse {
        let boundary = "cchc-test-boundary-7d1f"
        var body = ByteBuffer()
        let all = (csrf.map { [("_csrf", $0)] } ?? []) + fields
        for (name, value) in all {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
        }
        for file in files {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.field)\"; filename=\"\(file.filename)\"\r\n")
            body.writeString("Content-Type: application/octet-stream\r\n\r\n")
            body.writeBytes(file.data)
            body.writeString("\r\n")
        }
        body.writeString("--\(boundary)--\r\n")
        return try await send(.POST, path, body: body, contentType: "multipart/form-data; boundary=\(boundary)")
    }

    /// Logs in through the login form.
    @discardableResult
    func login(_ username: String, _ password: String = TestAccounts.password) async throws -> TestingHTTPResponse {
        try await get("/login")
        return try await post("/login", [("username", username), ("password", password)])
    }

    func send(_ method: HTTPMethod, _ path: String, body: ByteBuffer? = nil, contentType: String? = nil) async throws -> TestingHTTPResponse {
        var headers = extraHeaders
        headers.replaceOrAdd(name: "X-Forwarded-For", value: address)
        if !cookies.isEmpty {
            headers.replaceOrAdd(name: .cookie, value: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
        }
        if let contentType { headers.replaceOrAdd(name: .contentType, value: contentType) }
        let response = try await app.testing().sendRequest(method, path, headers: headers, body: body)
        for (name, value) in response.headers.setCookie?.all ?? [:] {
            if value.maxAge == 0 || value.string.isEmpty { cookies[name] = nil } else { cookies[name] = value.string }
        }
        if let token = Self.csrfField(in: response.body.string) { csrf = token }
        return response
    }

    static func csrfField(in html: String) -> String? {
        guard let range = html.range(of: "name=\"_csrf\" value=\"") else { return nil }
        let rest = html[range.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? text
    }
}

extension TestingHTTPResponse {
    /// The page's text without tags, spaces collapsed, entities left alone: for "does the page say X".
    var text: String {
        body.string.replacingOccurrences(of: "<[^>]+>", with: " ", options: .regularExpression)
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    var location: String? { headers.first(name: .location) }

    func json() throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(body.string.utf8)) as? [String: Any] ?? [:]
    }
}

/// A JSON API client.
struct APIClient {
    let app: Application
    var token: String?
    var language: String?

    func send(_ method: HTTPMethod, _ path: String, json: String? = nil, headers extra: [(String, String)] = []) async throws -> TestingHTTPResponse {
        var headers = HTTPHeaders(extra)
        if let token { headers.replaceOrAdd(name: .authorization, value: "Bearer \(token)") }
        if let language { headers.replaceOrAdd(name: .acceptLanguage, value: language) }
        if json != nil { headers.replaceOrAdd(name: .contentType, value: "application/json") }
        return try await app.testing().sendRequest(method, path, headers: headers, body: json.map { ByteBuffer(string: $0) })
    }

    /// Logs in through the API and keeps the token.
    static func login(_ app: Application, _ username: String, _ password: String = TestAccounts.password) async throws -> APIClient {
        let response = try await APIClient(app: app).send(.POST, "/api/v1/auth/token", json: #"{"username":"\#(username)","password":"\#(password)"}"#)
        guard response.status == .created, let token = try response.json()["token"] as? String else {
            throw Abort(.internalServerError, reason: "Login of \(username) failed: \(response.status) \(response.body.string)")
        }
        return APIClient(app: app, token: token)
    }
}
