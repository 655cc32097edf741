/// Myers' O((N+M)·D) difference of two sequences: the pairs of equal elements of a longest common
/// subsequence, so that an inserted row does not make every row below it "changed".
enum SequenceDiff {
    /// Index pairs (old, new) of matched elements, in order.
    static func matches<T: Equatable>(_ a: [T], _ b: [T]) -> [(Int, Int)] {
        // Strip the common prefix and suffix first: most versions differ in a few places.
        var prefix = 0
        while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix, suffix < b.count - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }
        let midA = Array(a[prefix..<(a.count - suffix)]), midB = Array(b[prefix..<(b.count - suffix)])
        var result = (0..<prefix).map { ($0, $0) }
        result += myers(midA, midB).map { ($0.0 + prefix, $0.1 + prefix) }
        result += (0..<suffix).map { (a.count - suffix + $0, b.count - suffix + $0) }
        return result
    }

    /// Myers' algorithm keeps one frontier per edit step; past this many stored entries the sequences
    /// are too different for it to pay, and unique lines anchor the alignment instead.
    static let traceBudget = 40_000_000

    private static func myers<T: Equatable>(_ a: [T], _ b: [T]) -> [(Int, Int)] {
        let n = a.count, m = b.count
        if n == 0 || m == 0 { return [] }
        let max = n + m
        var v = [Int](repeating: 0, count: 2 * max + 2)
        var trace: [[Int]] = []
        var found = false
        outer: for d in 0...max {
            if (trace.count + 1) * v.count > traceBudget, let hashable = a as? [Int], let hb = b as? [Int] {
                return patience(hashable, hb)
            }
            trace.append(v)
            for k in stride(from: -d, through: d, by: 2) {
                var x = (k == -d || (k != d && v[max + k - 1] < v[max + k + 1])) ? v[max + k + 1] : v[max + k - 1] + 1
                var y = x - k
                while x < n, y < m, a[x] == b[y] {
                    x += 1
                    y += 1
                }
                v[max + k] = x
                if x >= n && y >= m {
                    found = true
                    break outer
                }
            }
        }
        guard found else { return [] }
        // Walk the trace back to collect the diagonal (equal) steps.
        var pairs: [(Int, Int)] = []
        var x = n, y = m
        for d in stride(from: trace.count - 1, through: 1, by: -1) {
            let v = trace[d]
            let k = x - y
            let prevK = (k == -d || (k != d && v[max + k - 1] < v[max + k + 1])) ? k + 1 : k - 1
            let prevX = v[max + prevK], prevY = prevX - prevK
            while x > prevX, y > prevY {
                x -= 1
                y -= 1
                pairs.append((x, y))
            }
            x = prevX
            y = prevY
        }
        while x > 0, y > 0 {
            x -= 1
            y -= 1
            pairs.append((x, y))
        }
        return pairs.reversed()
    }

    /// Pairs the elements that occur exactly once on both sides, keeping the longest run in order.
    static func patience(_ a: [Int], _ b: [Int]) -> [(Int, Int)] {
        var countA: [Int: Int] = [:], countB: [Int: Int] = [:], posB: [Int: Int] = [:]
        for x in a { countA[x, default: 0] += 1 }
        for (j, x) in b.enumerated() {
            countB[x, default: 0] += 1
            posB[x] = j
        }
        let pairs = a.enumerated().compactMap { i, x in countA[x] == 1 && countB[x] == 1 ? (i, posB[x]!) : nil }
        // Longest increasing subsequence of the new positions (patience sorting).
        var tails: [Int] = []
        var previous = [Int](repeating: -1, count: pairs.count)
        for (k, p) in pairs.enumerated() {
            var lo = 0, hi = tails.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if pairs[tails[mid]].1 < p.1 { lo = mid + 1 } else { hi = mid }
            }
            if lo > 0 { previous[k] = tails[lo - 1] }
            if lo == tails.count { tails.append(k) } else { tails[lo] = k }
        }
        var result: [(Int, Int)] = []
        var k = tails.last ?? -1
        while k >= 0 {
            result.append(pairs[k])
            k = previous[k]
        }
        return result.reversed()
    }
}
