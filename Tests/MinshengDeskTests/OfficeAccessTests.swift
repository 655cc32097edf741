import Testing
@testable import MinshengDesk

/// The office's sign-in limit holds for guesses sent at once, not only one after another.
@Suite(.timeLimit(.minutes(5))) struct OfficeAccessTests {
    @Test("thirty wrong passwords at once: at most ten are checked, the rest wait; the right one then waits too")
    func parallelGuesses() async throws {
        let access = OfficeAccess(passwordHash: OfficeAccess.hash("正确的口令"))
        let outcomes = await withTaskGroup(of: OfficeAccess.SignIn.self) { group in
            for i in 0..<30 { group.addTask { await access.signIn("错误\(i)") } }
            var all: [OfficeAccess.SignIn] = []
            for await outcome in group { all.append(outcome) }
            return all
        }
        let checked = outcomes.filter { if case .wrongPassword = $0 { return true } else { return false } }.count
        let refused = outcomes.filter { if case .tooMany = $0 { return true } else { return false } }.count
        #expect(checked == OfficeAccess.failureLimit && refused == 30 - OfficeAccess.failureLimit)
        if case .tooMany(let seconds) = await access.signIn("正确的口令") {
            #expect(seconds > 0 && seconds <= Int(OfficeAccess.failureWindow) + 1)
        } else {
            Issue.record("the right password got through while sign-in was paused")
        }
    }
}
