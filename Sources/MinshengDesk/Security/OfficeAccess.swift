import Foundation
import HummingbirdBcrypt

/// The office's password (kept only as a bcrypt hash) and its signed-in sessions.
actor OfficeAccess {
    private let passwordHash: String
    private var sessions: [String: Date] = [:]
    static let sessionLength: TimeInterval = 8 * 3600

    init(passwordHash: String) {
        self.passwordHash = passwordHash
    }

    /// A bcrypt hash of a password, to keep instead of it.
    static func hash(_ password: String) -> String { Bcrypt.hash(password, cost: 10) }

    nonisolated func verify(_ password: String) -> Bool {
        !password.isEmpty && Bcrypt.verify(password, hash: passwordHash)
    }

    /// A new session for a correct password.
    func signIn(_ password: String) -> String? {
        guard verify(password) else { return nil }
        let now = Date()
        sessions = sessions.filter { $0.value > now }
        let id = Secrets.token()
        sessions[id] = now.addingTimeInterval(OfficeAccess.sessionLength)
        return id
    }

    /// Whether a session is signed in; every session is compared in constant time.
    func isSignedIn(_ id: String) -> Bool {
        let now = Date()
        var found = false
        for (key, until) in sessions where Secrets.equal(key, id) && until > now { found = true }
        return found
    }

    func signOut(_ id: String) {
        sessions[id] = nil
    }
}
