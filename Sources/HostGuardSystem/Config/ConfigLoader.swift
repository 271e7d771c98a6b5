import HostGuardCore

/// Reads, trusts or distrusts, parses and decodes every config file in order.
public enum ConfigLoader {
    public static func load(_ locations: ConfigLocations, timings: StepTimer? = nil) -> HostGuardConfig {
        let (documents, failures) = readAll(locations, timings: timings)
        return timings.measure("config: decode") { ConfigDecoder.decode(documents, readFailures: failures) }
    }

    /// Reads and parses every file, without decoding: what the prompt's cache stores.
    static func readAll(_ locations: ConfigLocations, timings: StepTimer? = nil) -> ([ConfigDocument], [ConfigDiagnostic]) {
        var documents: [ConfigDocument] = []
        var failures: [ConfigDiagnostic] = []
        for (index, path) in locations.systemFiles().enumerated() {
            // The main file may be absent (a host configured only by conf.d, or not at all),
            // unless HOSTGUARD_CONFIG named it; an unreadable or distrusted one is an error: it
            // may hold what matters most.
            let named = index == 0 && locations.systemFileNamedExplicitly
            let document = timings.measure("config: read, check trust and parse \(path)") {
                read(path, authority: .system, optional: index == 0 && !named, namedBy: named ? "HOSTGUARD_CONFIG" : nil,
                     failures: &failures)
            }
            if let document { documents.append(document) }
        }
        if let user = locations.userFile,
           let document = timings.measure("config: read and parse \(user)", {
               read(user, authority: .user, optional: true, failures: &failures)
           }) {
            documents.append(document)
        }
        return (documents, failures)
    }

    static func read(
        _ path: String, authority: ConfigDocument.Authority, optional: Bool, namedBy variable: String? = nil,
        failures: inout [ConfigDiagnostic]
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
            if let variable {
                let what = error.isNotFound ? "does not exist" : "cannot be read (\(error))"
                failures.append(ConfigDiagnostic(severity, file: path, "\(variable) names this file, but it \(what)"))
            } else {
                failures.append(ConfigDiagnostic(severity, file: path, "cannot read: \(error)"))
            }
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
