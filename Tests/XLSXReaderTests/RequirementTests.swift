import Foundation
import TestSupport
import Testing

/// The requirement mechanism of `TestSupport`: tests that need a program or file from outside the package
/// are skipped where it is missing, and with `MINSHENG_REQUIRE_ALL=1` (as in `.ci/run`) nothing is skipped.
@Suite struct RequirementTests {
    @Test("with MINSHENG_REQUIRE_ALL=1, every program and file that some test needs is here")
    func everythingPresentWhenRequired() {
        let missing = Requirement.missing
        guard Requirement.requireAll else {
            if !missing.isEmpty {
                print("optional test requirements missing, their tests are skipped: \(missing.map(\.description).joined(separator: ", "))")
            }
            return
        }
        #expect(
            missing.isEmpty,
            "MINSHENG_REQUIRE_ALL=1 but missing: \(missing.map { "\($0): \($0.remedy)" }.joined(separator: "; "))")
    }

    @Test("a program is found on PATH as /usr/bin/env finds it")
    func programLookUp() {
        #expect(Requirement.findOnPath("sh") != nil)
        #expect(Requirement.program("sh").isSatisfied)
        #expect(!Requirement.program("minsheng-no-such-program").isSatisfied)
        #expect(!Requirement.shared(path: "no-such-folder/no-such-file").isSatisfied)
    }

    @Test("the skip reason names what is missing and how to get it")
    func reason() async throws {
        let trait: ConditionTrait = .requires(.program("minsheng-no-such-program"), .program("sh"))
        let comment = try #require(trait.comments.first).rawValue
        #expect(comment.hasPrefix("needs minsheng-no-such-program, missing here (install minsheng-no-such-program)"))
        #expect(!comment.contains(", sh") && !comment.contains("\n"))
        #expect(try await trait.evaluate() == Requirement.requireAll)
        #expect(try await ConditionTrait.requires(.program("sh")).evaluate())
    }

    @Test("the schemas and the corpus sample are part of the package")
    func bundledFiles() {
        let fm = FileManager.default
        #expect(fm.isExecutableFile(atPath: TestPaths.schemas.appendingPathComponent("validate-xlsx").path))
        for name in ["mce_strip.py", "sml.xsd", "dml-chart.xsd", "dml-spreadsheetDrawing.xsd", "opc-contentTypes.xsd"] {
            #expect(fm.fileExists(atPath: TestPaths.schemas.appendingPathComponent(name).path), "\(name)")
        }
        #expect(fm.fileExists(atPath: TestPaths.corpusSample.appendingPathComponent("manifest.tsv").path))
    }
}
