import Foundation

/// Locations shared by the test targets, found from this file's path (never an absolute path).
public enum TestPaths {
    /// The package root.
    public static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// `../shared` beside the package root.
    public static var shared: URL { packageRoot.deletingLastPathComponent().appendingPathComponent("shared") }
}
