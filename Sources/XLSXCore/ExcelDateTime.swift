/// A date, time, date-time or duration taken from a cell.
///
/// It keeps Excel's serial in the 1900 system (whatever system the workbook used), so it can be
/// written back unchanged, and converts to calendar fields with the 1900 leap-year bug applied.
public struct ExcelDateTime: Hashable, Sendable, CustomStringConvertible {
    /// What a reader should make of the serial.
    public enum Kind: Hashable, Sendable {
        /// A calendar date (no time of day).
        case date
        /// A date with a time of day.
        case dateTime
        /// A time of day only (serial below 1).
        case time
        /// An elapsed time (`[h]:mm` formats).
        case duration
    }

    /// Days since 1899-12-30 as Excel counts them in the 1900 system (serial 60 is the fictitious 1900-02-29).
    public var serial: Double
    public var kind: Kind

    public init(serial: Double, kind: Kind) {
        self.serial = serial
        self.kind = kind
    }

    /// Interprets a cell number formatted as a date.
    /// - Parameters:
    ///   - serial: the stored number.
    ///   - date1904: whether the workbook uses the 1904 date system.
    ///   - duration: whether the format shows elapsed time.
    /// - Returns: nil when the number is outside Excel's date range (a reader then keeps the number).
    public static func fromSerial(_ serial: Double, date1904: Bool, duration: Bool) -> ExcelDateTime? {
        guard serial.isFinite else { return nil }
        if duration { return ExcelDateTime(serial: serial, kind: .duration) }
        let s = date1904 ? serial + 1462 : serial
        guard s >= 0, s < 2_958_466 else { return nil }
        let kind: Kind
        if s < 1 {
            kind = .time
        } else if s == s.rounded(.down) {
            kind = .date
        } else {
            kind = .dateTime
        }
        return ExcelDateTime(serial: s, kind: kind)
    }

    /// Creates a value from calendar fields; the serial follows Excel's 1900 system.
    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Double = 0) {
        let days = ExcelDateTime.daysFromCivil(year, month, day) - ExcelDateTime.epoch
        // Excel counts 1900-02-29, which never was: dates before March 1900 have a serial one lower,
        // so 1899-12-31 is serial 0 (Excel's "1900-01-00") and 1899-12-30 is -1.
        let serial = days <= 60 ? days - 1 : days
        let fraction = (Double(hour) * 3600 + Double(minute) * 60 + second) / 86_400
        self.serial = Double(serial) + fraction
        self.kind = fraction == 0 ? .date : .dateTime
    }

    /// Calendar fields: (year, month, day, hour, minute, second, millisecond).
    public var components: (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, millisecond: Int) {
        var whole = serial.rounded(.down)
        var ms = Int(((serial - whole) * 86_400_000).rounded())
        if ms >= 86_400_000 {
            whole += 1
            ms -= 86_400_000
        }
        let dayNumber = Int(whole)
        let (y, m, d) =
            dayNumber == 60
            ? (1900, 2, 29)
            : ExcelDateTime.civilFromDays(ExcelDateTime.epoch + dayNumber + (dayNumber < 60 ? 1 : 0))
        return (y, m, d, ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000)
    }

    /// 1899-12-30 as a day number of `daysFromCivil`.
    static let epoch = daysFromCivil(1899, 12, 30)

    /// ISO 8601: `2021-01-01`, `2021-01-01T12:00:00`, `12:00:00`, or `PT<seconds>S` for a duration.
    public var description: String {
        if kind == .duration {
            let seconds = (serial * 86_400 * 1000).rounded() / 1000
            return "PT\(CellValue.format(seconds))S"
        }
        let c = components
        let date = "\(pad(c.year, 4))-\(pad(c.month, 2))-\(pad(c.day, 2))"
        var time = "\(pad(c.hour, 2)):\(pad(c.minute, 2)):\(pad(c.second, 2))"
        if c.millisecond != 0 { time += "." + pad(c.millisecond, 3) }
        switch kind {
        case .date: return date
        case .time: return time
        default: return date + "T" + time
        }
    }

    private func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    /// Parses an ISO 8601 date or date-time, as `t="d"` cells store them.
    public static func parseISO(_ text: String) -> ExcelDateTime? {
        let t = text.trimmingCharacters(in: " ")
        let parts = t.split(whereSeparator: { $0 == "T" || $0 == " " })
        guard !parts.isEmpty, parts.count <= 2 else { return nil }
        var year = 1899, month = 12, day = 30
        var timePart: Substring?
        if parts[0].contains("-") {
            let d = parts[0].split(separator: "-").compactMap { Int($0) }
            guard d.count == 3 else { return nil }
            (year, month, day) = (d[0], d[1], d[2])
            timePart = parts.count == 2 ? parts[1] : nil
        } else {
            timePart = parts[0]
        }
        var h = 0, mi = 0
        var s = 0.0
        if var tp = timePart {
            if let z = tp.firstIndex(where: { $0 == "Z" || $0 == "+" }) { tp = tp[..<z] }
            let f = tp.split(separator: ":")
            guard f.count >= 2, let hh = Int(f[0]), let mm = Int(f[1]) else { return nil }
            h = hh
            mi = mm
            if f.count > 2 { s = Double(f[2]) ?? 0 }
        }
        guard (1...12).contains(month), (1...31).contains(day) else { return nil }
        var value = ExcelDateTime(year: year, month: month, day: day, hour: h, minute: mi, second: s)
        if !parts[0].contains("-") || (value.kind == .dateTime && value.serial < 1) {
            value = ExcelDateTime(serial: (Double(h) * 3600 + Double(mi) * 60 + s) / 86_400, kind: .time)
        }
        return value
    }

    /// Parses an ISO 8601 duration such as `PT1H30M0.000S` (Strict files store elapsed times so).
    public static func parseISODuration(_ text: String) -> ExcelDateTime? {
        var s = Substring(text)
        var negative = false
        if s.first == "-" {
            negative = true
            s = s.dropFirst()
        }
        guard s.hasPrefix("P") else { return nil }
        s = s.dropFirst()
        var seconds = 0.0
        var number = ""
        var inTime = false
        for ch in s {
            switch ch {
            case "T": inTime = true
            case "0"..."9", ".": number.append(ch)
            default:
                guard let v = Double(number) else { return nil }
                number = ""
                switch (ch, inTime) {
                case ("D", false): seconds += v * 86_400
                case ("W", false): seconds += v * 604_800
                case ("H", true): seconds += v * 3600
                case ("M", true): seconds += v * 60
                case ("S", true): seconds += v
                default: return nil
                }
            }
        }
        guard number.isEmpty else { return nil }
        return ExcelDateTime(serial: (negative ? -seconds : seconds) / 86_400, kind: .duration)
    }

    // Howard Hinnant's days-from-civil algorithms, proleptic Gregorian, day 0 = 1970-01-01.
    static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civilFromDays(_ z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}

extension String {
    fileprivate func trimmingCharacters(in set: Character) -> String {
        var s = Substring(self)
        while s.first == set { s = s.dropFirst() }
        while s.last == set { s = s.dropLast() }
        return String(s)
    }
}
