import Foundation

/// One `make deb` per test run, shared by every test that needs the package: two release builds
/// into one .build at the same time would break each other, and one takes minutes. A static
/// `let` is initialised once, thread-safely; a test that asks while the build runs waits for it.
enum PackageArtifact {
    private static let built: Result<String, any Error> = Result { try DebianPackageTests.buildPackage() }

    /// The path of the built .deb, or the build's error.
    static func deb() throws -> String { try built.get() }
}
