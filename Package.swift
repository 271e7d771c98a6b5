// swift-tools-version:6.0
import PackageDescription

// Start-up cost matters more than anything else here: `hostguard prompt` runs on every Enter.
// Measured on the 2-core dev machine (static Swift runtime, release): a bare binary starts in
// ~1.8 ms, linking ArgumentParser and TOMLKit without calling them adds ~0.2 ms, *parsing* with
// either adds ~0.8 ms. So both are linked, and the prompt path calls neither (see main.swift,
// FastPromptArguments and ConfigCache).
let package = Package(
    name: "hostguard",
    products: [
        .executable(name: "hostguard", targets: ["hostguard"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
    ],
    targets: [
        // GNU readline, for reading a typed host name from the controlling terminal.
        .systemLibrary(
            name: "CReadline",
            pkgConfig: "readline",
            providers: [.apt(["libreadline-dev"]), .yum(["readline-devel"])]
        ),
        // Linux/glibc calls Swift cannot make directly (renameat2, variadic syslog): a header of
        // CLinuxSupport_* inline helpers, nothing to link.
        .systemLibrary(name: "CLinuxSupport"),
        // Pure logic: standard library only, fed values, returns values.
        .target(name: "HostGuardCore"),
        // The only target that touches the live system.
        .target(
            name: "HostGuardSystem",
            dependencies: [
                "HostGuardCore",
                "CLinuxSupport",
                "CReadline",
                "TOMLKit",
                .product(name: "SystemPackage", package: "swift-system"),
            ]
        ),
        .executableTarget(
            name: "hostguard",
            dependencies: [
                "HostGuardCore",
                "HostGuardSystem",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            plugins: ["EmbedShellPlugin"]
        ),
        // Build time only: embeds shell/*.bash|zsh|fish and the revision from `make release`
        // (see Plugins/EmbedShellPlugin). The tool is a single small file, quick to build.
        .executableTarget(name: "EmbedShell", path: "Plugins/EmbedShell"),
        .plugin(name: "EmbedShellPlugin", capability: .buildTool(), dependencies: ["EmbedShell"]),
        .testTarget(name: "HostGuardCoreTests", dependencies: ["HostGuardCore"], exclude: ["Fixtures", "Guard/Corpus/corpus.txt"]),
        .testTarget(name: "HostGuardSystemTests", dependencies: ["HostGuardSystem", "HostGuardCore"]),
        // Runs the built binary and real shells; needs `swift build` to have produced it.
        .testTarget(name: "HostGuardCLITests", dependencies: ["HostGuardCore"]),
    ]
)
