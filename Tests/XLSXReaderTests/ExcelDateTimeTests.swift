import Testing
import XLSXCore

@Suite struct ExcelDateTimeTests {
    @Test("the 1900 leap-year bug: serial 60 is the fictitious 1900-02-29", arguments: [
        (1.0, "1900-01-01"), (59.0, "1900-02-28"), (60.0, "1900-02-29"), (61.0, "1900-03-01"),
        (25569.0, "1970-01-01"), (44197.0, "2021-01-01"), (2_958_465.0, "9999-12-31"),
    ])
    func serials1900(serial: Double, expected: String) throws {
        let d = try #require(ExcelDateTime.fromSerial(serial, date1904: false, duration: false))
        #expect(d.description == expected)
        #expect(d.kind == .date)
    }

    @Test("calendar fields give back Excel's serial, 1900-02-28 and 1900-03-01 around the phantom day")
    func fromCalendar() {
        #expect(ExcelDateTime(year: 1900, month: 2, day: 28).serial == 59)
        #expect(ExcelDateTime(year: 1900, month: 3, day: 1).serial == 61)
        #expect(ExcelDateTime(year: 1900, month: 1, day: 1).serial == 1)
        #expect(ExcelDateTime(year: 2021, month: 1, day: 1, hour: 18).serial == 44197.75)
    }

    @Test("the 1904 system counts from 1904-01-01", arguments: [
        (0.0, "1904-01-01"), (1.0, "1904-01-02"), (42735.0, "2021-01-01"), (0.5, "1904-01-01T12:00:00"),
    ])
    func serials1904(serial: Double, expected: String) throws {
        #expect(try #require(ExcelDateTime.fromSerial(serial, date1904: true, duration: false)).description == expected)
    }

    @Test("times of day and date-times, to the millisecond", arguments: [
        (0.5, "12:00:00"), (0.0, "00:00:00"), (0.999999988425926, "23:59:59.999"), (44197.25, "2021-01-01T06:00:00"),
        (0.45833333333333331, "11:00:00"), (0.4583333333333333 - 1.0 / 86_400_000, "10:59:59.999"),
        (44197.99999999999, "2021-01-02T00:00:00"),
    ])
    func timeOfDay(serial: Double, expected: String) throws {
        #expect(try #require(ExcelDateTime.fromSerial(serial, date1904: false, duration: false)).description == expected)
    }

    @Test("durations print as PT<seconds>S, past 24 hours and negative too", arguments: [
        (1.5, "PT129600S"), (0.5, "PT43200S"), (-0.25, "PT-21600S"), (1.0 / 86_400 / 2, "PT0.5S"),
    ])
    func durations(serial: Double, expected: String) throws {
        #expect(try #require(ExcelDateTime.fromSerial(serial, date1904: false, duration: true)).description == expected)
    }

    @Test("serials outside Excel's calendar are not dates", arguments: [-1.0, 2_958_466.0, .nan, .infinity])
    func outOfRange(serial: Double) {
        #expect(ExcelDateTime.fromSerial(serial, date1904: false, duration: false) == nil)
    }

    @Test("ISO 8601 dates, date-times and durations as t=\"d\" cells hold them", arguments: [
        ("2021-01-01", "2021-01-01"), ("2021-01-01T12:30:15", "2021-01-01T12:30:15"),
        ("2021-01-01T12:30:15Z", "2021-01-01T12:30:15"), ("2021-01-01T00:00:00.250", "2021-01-01T00:00:00.250"),
        ("1900-02-28", "1900-02-28"), ("12:00:00", "12:00:00"),
    ])
    func parseISO(text: String, expected: String) throws {
        #expect(try #require(ExcelDateTime.parseISO(text)).description == expected)
    }

    @Test("ISO durations", arguments: [("PT1H30M", 5400.0), ("P1DT1S", 86_401.0), ("PT0.5S", 0.5), ("-PT1H", -3600.0)])
    func parseDuration(text: String, seconds: Double) throws {
        let d = try #require(ExcelDateTime.parseISODuration(text))
        #expect(d.kind == .duration)
        #expect(abs(d.serial * 86_400 - seconds) < 1e-6)
    }

    @Test("text that is not ISO 8601 is refused", arguments: ["yesterday", "2021-13-01", "P1X", "PT1H2"])
    func notISO(text: String) {
        #expect(ExcelDateTime.parseISO(text) == nil && ExcelDateTime.parseISODuration(text) == nil)
    }

    @Test("an ISO date of 1899-12-31 (Strict files write serial 0 so) prints as written")
    func dayBeforeSerialOne() throws {
        let d = try #require(ExcelDateTime.parseISO("1899-12-31"))
        #expect(d.serial == 0)
        #expect(d.description == "1899-12-31")
        #expect(ExcelDateTime.parseISO("1899-12-30")?.description == "1899-12-30")
        #expect(ExcelDateTime.parseISO("1899-12-30T10:00:00")?.description == "10:00:00")
    }
}
