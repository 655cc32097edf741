// swift-tools-version:6.0
import Foundation
import PackageDescription

let package = Package(
    name: "minsheng",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "XLSXReader", targets: ["XLSXReader"]),
        .library(name: "XLSXWriter", targets: ["XLSXWriter"]),
        .library(name: "MinshengKit", targets: ["MinshengKit"]),
        .executable(name: "minsheng", targets: ["minsheng"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2", pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]),
        .systemLibrary(
            name: "CLibZip", pkgConfig: "libzip",
            providers: [.apt(["libzip-dev"]), .brew(["libzip"])]),
        .target(name: "XLSXCore"),
        .target(name: "XLSXReader", dependencies: ["XLSXCore", "CLibXML2", "CLibZip"]),
        .target(name: "XLSXWriter", dependencies: ["XLSXCore", "CLibZip"]),
        .target(name: "MinshengKit", dependencies: ["XLSXCore", "XLSXReader", "XLSXWriter"]),
        .executableTarget(
            name: "minsheng",
            dependencies: [
                "XLSXReader", "XLSXWriter", "MinshengKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .target(name: "TestSupport", dependencies: ["XLSXCore"], path: "Tests/TestSupport"),
        .testTarget(name: "XLSXReaderTests", dependencies: ["XLSXReader", "XLSXWriter", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "XLSXWriterTests", dependencies: ["XLSXWriter", "XLSXReader", "TestSupport"]),
        .testTarget(name: "MinshengKitTests", dependencies: ["MinshengKit", "XLSXReader", "XLSXWriter", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "MinshengCLITests", dependencies: ["minsheng", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)

// The web desk (`minsheng-server`, Docs/server.md): a separate executable on the library, so the library and
// the CLI stay free of server packages. It keeps its data in SQLite through GRDB, which needs SQLite's
// headers (Debian's libsqlite3-dev); where they are missing the desk is left out of the build, and the
// test `RequirementTests` says so (and fails under MINSHENG_REQUIRE_ALL=1, as in CI).
let environment = ProcessInfo.processInfo.environment
#if os(Linux)
let sqliteHeaders = ["/usr/include/sqlite3.h", "/usr/local/include/sqlite3.h"].contains { FileManager.default.fileExists(atPath: $0) }
#else
let sqliteHeaders = true
#endif
if environment["MINSHENG_DESK"] == "1" || (environment["MINSHENG_DESK"] != "0" && sqliteHeaders) {
    package.dependencies += [
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/vapor/multipart-kit", from: "4.7.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.30.0"),
    ]
    package.targets += [
        .target(
            name: "MinshengDesk",
            dependencies: [
                "MinshengKit", "XLSXReader", "XLSXCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]),
        .executableTarget(
            name: "minsheng-server",
            dependencies: [
                "MinshengDesk", "MinshengKit", "XLSXCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ]),
        .testTarget(
            name: "MinshengDeskTests",
            dependencies: [
                "MinshengDesk", "minsheng-server", "MinshengKit", "XLSXWriter", "XLSXReader", "TestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            // Browser/ holds the selenium script the browser test runs.
            exclude: ["Browser"]),
    ]
    package.products.append(.executable(name: "minsheng-server", targets: ["minsheng-server"]))
    // Tells RequirementTests that the desk is built.
    if let support = package.targets.first(where: { $0.name == "TestSupport" }) {
        support.swiftSettings = (support.swiftSettings ?? []) + [.define("MINSHENG_DESK")]
    }
}

// The libFuzzer harness links libFuzzer's own main, so it is part of the package only when asked for:
//   MINSHENG_FUZZ=1 swift build -c debug --product ReaderFuzzer -Xswiftc -sanitize=fuzzer,address
// (Docs/security.md has the whole procedure).
if ProcessInfo.processInfo.environment["MINSHENG_FUZZ"] == "1" {
    package.targets.append(.executableTarget(
        name: "ReaderFuzzer", dependencies: ["XLSXReader"], swiftSettings: [.unsafeFlags(["-parse-as-library"])]))
    package.products.append(.executable(name: "ReaderFuzzer", targets: ["ReaderFuzzer"]))
    // One harness per parser of the other formats (Docs/security.md).
    for name in ["CFBFuzzer", "BIFFFuzzer", "ODSFuzzer"] {
        package.targets.append(.executableTarget(
            name: name, dependencies: ["XLSXReader"], swiftSettings: [.unsafeFlags(["-parse-as-library"])]))
        package.products.append(.executable(name: name, targets: [name]))
    }
}
