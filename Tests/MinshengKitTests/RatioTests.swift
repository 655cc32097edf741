import Foundation
import Testing
@testable import MinshengKit

/// Rates (完成率) as `Decimal.ratio(over:)` works them out: whole numbers divided as Doubles, other figures
/// as Decimals, and either way the Double nearest the quotient.
@Suite struct RatioTests {
    @Test("whole numbers give the Double nearest their quotient", arguments: [(4, 10), (1, 3), (2, 3), (7, 7), (0, 5), (123_456_789, 1000), (9, 12)])
    func wholeNumbers(_ done: Int, _ target: Int) {
        #expect(Decimal(done).ratio(over: Decimal(target)) == Double(done) / Double(target))
    }

    @Test("figures with decimals are divided as Decimals first")
    func decimals() {
        let done = Decimal(string: "8.1")!, target = Decimal(string: "10.8")!
        #expect(done.ratio(over: target) == (done / target).double)
        #expect(abs(done.ratio(over: target) - 0.75) < 1e-15)
        #expect(Decimal(string: "2.5")!.ratio(over: 5) == 0.5)
    }

    @Test("whole numbers too large for a Double's 53 bits are divided as Decimals")
    func large() {
        let huge = Decimal(string: "12345678901234567890")!
        #expect(huge.ratio(over: huge) == 1)
        #expect(huge.ratio(over: 10) == (huge / 10).double)
    }

    @Test("40 % at June is 10 points behind the pace and still on pace, 39.9 % is slow")
    func boundary() {
        let pace = 6.0 / 12
        #expect(Consolidator.status(rate: Decimal(4).ratio(over: 10), pace: pace) == .onPace)
        #expect(Consolidator.status(rate: Decimal(string: "39.9")!.ratio(over: 100), pace: pace) == .slow)
        #expect(Consolidator.status(rate: Decimal(10).ratio(over: 10), pace: pace) == .ahead)
    }
}
