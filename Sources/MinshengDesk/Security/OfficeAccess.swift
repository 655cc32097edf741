import Dispatch
import Foundation
import HummingbirdBcrypt

/// The office's password (kept only as a bcrypt hash), its signed-in sessions, and how often a wrong password
/// may be tried.
actor OfficeAccess {
    private let passwordHash: String
    private var sessions: [String: Date] = [:]
    private var failures: [Date] = []
    /// Passwords being checked now: counted against the limit with the failures, since the actor lets other
    /// sign-ins in while one waits for bcrypt (parallel guesses would otherwise all pass the check).
    private var checking = 0
    static let sessionLength: TimeInterval = 8 * 3600
    /// At most this many wrong passwords in `failureWindow`, from anywhere; then sign-in waits.
    static let failureLimit = 10
    static let failureWindow: TimeInterval = 300
    /// Bcrypt runs here, one at a time: never on the event loop, the thread pool that stores and checks
    /// returns, or this actor.
    private static let hashing = DispatchQueue(label: "minsheng.office.bcrypt")

    init(passwordHash: String) {
        self.passwordHash = passwordHash
    }

    /// A bcrypt hash of a password, to keep instead of it.
    static func hash(_ password: String) -> String { Bcrypt.hash(password, cost: 10) }

    enum SignIn {
        case signedIn(String)
        case wrongPassword
        /// Too many wrong passwords lately: try again in so many seconds.
        case tooMany(Int)
    }

    func signIn(_ password: String) async -> SignIn {
        let now = Date()
        failures = failures.filter { now.timeIntervalSince($0) < OfficeAccess.failureWindow }
        if failures.count + checking >= OfficeAccess.failureLimit {
            let wait = failures.first.map { OfficeAccess.failureWindow - now.timeIntervalSince($0) } ?? 1
            return .tooMany(Int(wait) + 1)
        }
        let hash = passwordHash
        checking += 1
        let right = await withCheckedContinuation { (done: CheckedContinuation<Bool, Never>) in
            OfficeAccess.hashing.async { done.resume(returning: !password.isEmpty && Bcrypt.verify(password, hash: hash)) }
        }
        checking -= 1
        guard right else {
            failures.append(Date())
            return .wrongPassword
        }
        sessions = sessions.filter { $0.value > now }
        let id = Secrets.token()
        sessions[id] = now.addingTimeInterval(OfficeAccess.sessionLength)
        return .signedIn(id)
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
