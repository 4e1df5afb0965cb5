import CCHCCore
import Foundation
import SQLKit

struct FluentTwoFactorRepository: TwoFactorRepository {
    let handle: DatabaseHandle

    func find(userID: UUID) async throws -> TwoFactorEnrolment? {
        // Every sign-in asks: one query, the recovery codes counted in it.
        guard
            let row = try await handle.first(
                """
                SELECT t.*, (SELECT COUNT(*) FROM two_factor_recovery_codes c WHERE c.user_id = t.user_id) AS codes_left \
                FROM two_factor t WHERE t.user_id = \(bind: userID)
                """)
        else { return nil }
        guard let secret = Base32.decode(try row.decode(column: "secret", as: String.self)) else {
            throw StoreError.corruptRow(table: "two_factor", id: userID)
        }
        return TwoFactorEnrolment(
            userID: userID, secret: secret, createdAt: try row.decode(column: "created_at", as: Date.self),
            confirmedAt: try row.decode(column: "confirmed_at", as: Date?.self), lastStep: try row.decode(column: "last_step", as: Int64.self),
            recoveryCodesLeft: try row.decode(column: "codes_left", as: Int.self))
    }

    func begin(_ enrolment: TwoFactorEnrolment) async throws -> Bool {
        try await handle.writeSQL { sql in
            try await sql.raw("DELETE FROM two_factor WHERE user_id = \(bind: enrolment.userID) AND confirmed_at IS NULL").run()
            // A confirmed row makes the insert a no-op: nothing comes back.
            let inserted = try await sql.raw(
                """
                INSERT INTO two_factor (user_id, secret, created_at, last_step) \
                VALUES (\(bind: enrolment.userID), \(bind: Base32.encode(enrolment.secret)), \(bind: enrolment.createdAt), 0) \
                ON CONFLICT (user_id) DO NOTHING RETURNING user_id
                """
            ).all()
            return !inserted.isEmpty
        }
    }

    func confirm(userID: UUID, at: Date, step: Int64, recoveryCodes: [String]) async throws -> Bool {
        try await handle.writeSQL { sql in
            let updated = try await sql.raw(
                """
                UPDATE two_factor SET confirmed_at = \(bind: at), last_step = \(bind: step) \
                WHERE user_id = \(bind: userID) AND confirmed_at IS NULL RETURNING user_id
                """
            ).all()
            guard !updated.isEmpty else { return false }
            try await sql.delete(from: "two_factor_recovery_codes").where("user_id", .equal, userID).run()
            for code in recoveryCodes {
                try await sql.insert(into: "two_factor_recovery_codes").columns("user_id", "code_hash")
                    .values(SQLBind(userID), SQLBind(TokenDigest.hex(TwoFactorService.normalisedRecoveryCode(code)))).run()
            }
            return true
        }
    }

    func useStep(userID: UUID, step: Int64) async throws -> Bool {
        try await handle.writeSQL { sql in
            try await !sql.raw(
                """
                UPDATE two_factor SET last_step = \(bind: step) \
                WHERE user_id = \(bind: userID) AND confirmed_at IS NOT NULL AND last_step < \(bind: step) RETURNING user_id
                """
            ).all().isEmpty
        }
    }

    func useRecoveryCode(userID: UUID, code: String) async throws -> Bool {
        try await handle.writeSQL { sql in
            try await !sql.raw(
                """
                DELETE FROM two_factor_recovery_codes \
                WHERE user_id = \(bind: userID) AND code_hash = \(bind: TokenDigest.hex(TwoFactorService.normalisedRecoveryCode(code))) \
                RETURNING user_id
                """
            ).all().isEmpty
        }
    }

    func delete(userID: UUID) async throws {
        try await handle.writeSQL { sql in
            try await sql.delete(from: "two_factor_recovery_codes").where("user_id", .equal, userID).run()
            try await sql.delete(from: "two_factor").where("user_id", .equal, userID).run()
        }
    }
}
