import HostGuardCore

/// Reads, trusts or distrusts, parses and decodes every config file in order.
public enum ConfigLoader {
    public static func load(_ locations: ConfigLocations) -> HostGuardConfig {
        let (documents, failures) = readAll(locations)
        return ConfigDecoder.decode(documents, readFailures: failures)
    }

    /// Reads and parses every file, without decoding: what the prompt's cache stores.
    static func readAll(_ locations: ConfigLocations) -> ([ConfigDocument], [ConfigDiagnostic]) {
        var documents: [ConfigDocument] = []
        var failures: [ConfigDiagnostic] = []
        for (index, path) in locations.systemFiles().enumerated() {
            // The main file may be absent (a host configured only by conf.d, or not at all);
            // an unreadable or distrusted one is an error: it may hold what matters most.
            if let document = read(path, authority: .system, optional: index == 0, failures: &failures) {
                documents.append(document)
            }
        }
        if let user = locations.userFile,
           let document = read(user, authority: .user, optional: true, failures: &failures) {
            documents.append(document)
        }
        return (documents, failures)
    }

    static func read(
        _ path: String, authority: ConfigDocument.Authority, optional: Bool, failures: inout [ConfigDiagnostic]
    ) -> ConfigDocument? {
        // The user's own file costs them only looks, so its problems are warnings.
        let severity: ConfigDiagnostic.Severity = authority == .system ? .error : .warning
        if authority == .system, let problem = ConfigTrust.problem(with: path) {
            failures.append(ConfigDiagnostic(severity, file: path, problem))
            return nil
        }
        let text: String
        do {
            text = try system_readText(path, limit: 8 << 20)
        } catch {
            if optional && error.isNotFound { return nil }
            failures.append(ConfigDiagnostic(severity, file: path, "cannot read: \(error)"))
            return nil
        }
        switch TOMLConfigParser.parse(text, file: path) {
        case .success(let root):
            return ConfigDocument(path: path, authority: authority, root: root)
        case .failure(var diagnostic):
            diagnostic.severity = severity
            failures.append(diagnostic)
            return nil
        }
    }
}

