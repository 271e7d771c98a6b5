import HostGuardCore

// Each probe kind's reader: what it reads, handed to Core's `ProbeReading` for the answer
// (and then to `ProbeMerge`). Nothing here decides a role.

/// `kind = "address"`: the kernel's interface list (getifaddrs; no process spawned).
enum AddressProbe {
    static func run(_ settings: ProbeConfiguration.AddressSettings) -> LiveProbeAnswer {
        let present: [InterfaceAddress]
        do {
            present = try system_interfaceAddresses()
        } catch {
            return ProbeReading.address(settings, holders: [], listError: "\(error)")
        }
        let holders = settings.addresses.map { text in
            ProbeReading.AddressHolders(address: text, interfaces: system_parseAddress(text).map { wanted in
                present.filter { $0.bytes == wanted && (settings.interface == nil || $0.interface == settings.interface) }.map(\.interface)
            })
        }
        return ProbeReading.address(settings, holders: holders, listError: nil)
    }
}

/// `kind = "command"`: runs a configured argv (Patroni, repmgr, redis-cli …) under a hard time
/// limit. Never on the prompt's path (`ProbeMerge.runsLive`).
enum CommandProbe {
    static func run(_ settings: ProbeConfiguration.CommandSettings) -> LiveProbeAnswer {
        let outcome = system_runBounded(settings.arguments, timeoutMilliseconds: settings.timeoutMilliseconds)
        let ending: ProbeReading.CommandEnding
        switch outcome.ending {
        case .couldNotStart(let error): ending = .couldNotStart("\(error)")
        case .timedOut: ending = .timedOut
        case .signaled(let signal): ending = .signaled(signal)
        case .exited(let status): ending = .exited(status)
        }
        return ProbeReading.command(settings, ending: ending, output: outcome.standardOutput, errors: outcome.standardError)
    }
}

/// `kind = "file"`: the file a cluster manager hook or config management writes, read with
/// the safe reader and its status from the same open descriptor (its age).
enum FileProbe {
    static func run(_ settings: ProbeConfiguration.FileSettings, now: Int64) -> LiveProbeAnswer {
        do {
            let read = try system_readFileAndStatus(settings.path, limit: 4096, followSymlinks: true)
            return ProbeReading.file(settings, text: String(decoding: read.bytes, as: UTF8.self), readError: nil, privilegeDenied: false,
                                     ageSeconds: now - read.status.modifiedNanoseconds / 1_000_000_000)
        } catch {
            return ProbeReading.file(settings, text: nil, readError: "\(error)", privilegeDenied: error.isPermissionDenied, ageSeconds: 0)
        }
    }
}

/// `kind = "postgresql"`: one data directory, or every cluster discovered on the host.
enum PostgresProbe {
    static func run(dataDirectory: String?, discover: Bool, knownDirectories: [String], procRoot: String, root: String) -> LiveProbeAnswer {
        var states: [PostgresClusterState]
        if let dataDirectory {
            states = [PostgresCluster.inspect(dataDirectory: dataDirectory, procRoot: procRoot)]
        } else if discover {
            states = PostgresCluster.discover(root: root, procRoot: procRoot)
        } else {
            // The prompt: no /proc scan. Directories the last refresh found, plus the packaged
            // locations, each inspected directly (a few small reads).
            var directories = knownDirectories
            for path in PostgresCluster.packagedDataDirectories(root: root) where !directories.contains(path) {
                directories.append(path)
            }
            states = directories.map { PostgresCluster.inspect(dataDirectory: $0, procRoot: procRoot) }
        }
        return ProbeReading.postgres(states)
    }
}
