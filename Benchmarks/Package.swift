// swift-tools-version:6.0
// Benchmarks are a package of their own so that they never run with the tests: see README.md.
import PackageDescription

let package = Package(
    name: "minsheng-benchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [.package(path: "..")],
    targets: [
        .executableTarget(
            name: "minsheng-bench",
            dependencies: [
                .product(name: "XLSXReader", package: "main"),
                .product(name: "XLSXWriter", package: "main"),
                .product(name: "MinshengKit", package: "main"),
            ]),
    ],
    swiftLanguageModes: [.v6]
)
