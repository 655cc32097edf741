/// The districts of a plan by every way a label names them, for finding many labels' districts: each name
/// made compact once, not once per label (a round of a thousand districts asks a thousand labels).
public struct DistrictIndex: Sendable {
    private var byName: [String: District] = [:]
    private var byAlias: [String: District] = [:]
    private let districts: [District]
    /// Every name, short name and alias as written, with the positions of the districts it names.
    private var written: [String: [Int]] = [:]
    /// The UTF-8 lengths those have, longest first.
    private var lengths: [Int] = []

    public init(_ districts: [District]) {
        self.districts = districts
        for (i, d) in districts.enumerated() {
            for name in Set([d.name, d.shortName] + d.aliases) where !name.isEmpty { written[name, default: []].append(i) }
        }
        lengths = Set(written.keys.map(\.utf8.count)).sorted(by: >)
        // As `District.match` reads them: names and short names first, in the plan's order, then aliases.
        for d in districts {
            for key in [TextNormalizer.compact(d.name), TextNormalizer.compact(d.shortName)] where byName[key] == nil { byName[key] = d }
        }
        for d in districts {
            for alias in d.aliases {
                let key = TextNormalizer.compact(alias)
                if byAlias[key] == nil { byAlias[key] = d }
            }
        }
    }

    /// The districts whose name, short name or an alias occurs in `text` as written (a file's name), in the
    /// plan's order: each position of the text looked up once per name length, not each name searched for.
    public func named(in text: String) -> [District] {
        let bytes = Array(text.utf8)
        func boundary(_ k: Int) -> Bool { k == bytes.count || bytes[k] & 0xC0 != 0x80 }
        var found = Set<Int>()
        for start in bytes.indices where boundary(start) {
            for length in lengths where start + length <= bytes.count && boundary(start + length) {
                if let hit = written[String(decoding: bytes[start..<(start + length)], as: UTF8.self)] { found.formUnion(hit) }
            }
        }
        return found.sorted().map { districts[$0] }
    }

    /// The district a label names, ignoring white space, line breaks and full- or half-width forms.
    public func match(_ text: String) -> District? {
        let key = TextNormalizer.compact(text)
        guard !key.isEmpty else { return nil }
        return byName[key] ?? byAlias[key]
    }
}
