import CCHCCore
import Crypto
import Foundation
import NIOCore
import Vapor

/// Hands text messages to the province's SMS or Zalo gateway: a JSON POST per message, signed with the
/// shared secret, carrying the outbox id as `Idempotency-Key` so that a retry after a lost answer is
/// recognised. A 2xx is delivered; 408, 429 and 5xx are tried again; another 4xx is a refusal for good.
struct WebhookSender: NotificationSender {
    let settings: NotificationConfig.Webhook
    let client: any Client
    var timeout: TimeAmount = .seconds(15)

    struct Body: Content {
        var id: UUID
        var channel: String
        var kind: String
        var to: String
        var text: String
    }

    func send(_ message: RenderedNotification) async throws {
        let body = Body(id: message.id, channel: message.channel.rawValue, kind: message.kind.rawValue, to: message.recipient, text: message.body)
        let data = try JSONEncoder().encode(body)
        var headers = HTTPHeaders([("Content-Type", "application/json; charset=utf-8"), ("Idempotency-Key", message.id.uuidString.lowercased())])
        if let secret = settings.secret {
            let signature = HMAC<SHA256>.authenticationCode(for: data, using: SymmetricKey(data: Data(secret.utf8)))
            headers.add(name: "X-CCHC-Signature", value: "sha256=" + signature.map { String(format: "%02x", $0) }.joined())
        }
        let response: ClientResponse
        do {
            var request = ClientRequest(method: .POST, url: URI(string: settings.url), headers: headers, body: ByteBuffer(data: data))
            request.timeout = timeout
            response = try await client.send(request)
        } catch {
            throw NotificationDeliveryError("webhook: \(error)")
        }
        let status = response.status.code
        guard (200..<300).contains(status) else {
            throw NotificationDeliveryError("webhook: HTTP \(status)", isTemporary: status == 408 || status == 429 || status >= 500)
        }
    }
}
