import Foundation

/// A create made with an `Idempotency-Key`: who sent it, the key, and a hash of what was asked.
///
/// The rules, for every create that takes a key (dossiers now; feedback, survey answers and evidence
/// next): the first request under a key is carried out and its answer kept in the same transaction as
/// what it created; a retry with the same request gets that answer; another request under the same key is
/// refused (422); a retry that arrives while the first is still being written waits for it or, if it
/// cannot see it yet, is told to try again (409).
public struct IdempotencyKey: Equatable, Sendable {
    public static let maximumLength = 200

    public var owner: String
    public var key: String
    public var requestHash: String

    public init(owner: String, key: String, requestHash: String) {
        self.owner = owner
        self.key = key
        self.requestHash = requestHash
    }

    /// The stored answer's body for this request, or 422 when the key was used for another request.
    public func replay(_ stored: IdempotentResponse) throws -> String {
        guard stored.requestHash == requestHash else { throw DomainError(.invalidState, "idempotency.key_reused") }
        return stored.body
    }
}

/// What a create writes under its key, made from what it created (a dossier's code is known only once it
/// is written, inside the transaction).
public struct IdempotencyClaim<Created: Sendable>: Sendable {
    public var key: IdempotencyKey
    public var status: Int
    public var answer: @Sendable (Created) throws -> String

    public init(key: IdempotencyKey, status: Int, answer: @escaping @Sendable (Created) throws -> String) {
        self.key = key
        self.status = status
        self.answer = answer
    }

    public func response(for created: Created) throws -> IdempotentResponse {
        IdempotentResponse(requestHash: key.requestHash, status: status, body: try answer(created))
    }
}

/// Thrown by a store when the key already has an answer: another request under it committed first.
public struct IdempotencyKeyTaken: Error, Equatable, Sendable {
    public init() {}
}

extension Store {
    /// Carries out `create` at most once per key. `create` gets the key to write its answer with (nil
    /// without a key) and must write it in the transaction that writes what it creates; `decode` reads a
    /// kept answer back.
    public func idempotent<Answer: Sendable>(
        _ key: IdempotencyKey?, decode: (String) throws -> Answer, create: (IdempotencyKey?) async throws -> Answer
    ) async throws -> Answer {
        guard let key else { return try await create(nil) }
        if let stored = try await idempotency.find(owner: key.owner, key: key.key) { return try decode(try key.replay(stored)) }
        do {
            return try await create(key)
        } catch is IdempotencyKeyTaken {
            guard let stored = try await idempotency.find(owner: key.owner, key: key.key) else {
                throw DomainError(.conflict, "idempotency.in_progress")
            }
            return try decode(try key.replay(stored))
        }
    }
}
