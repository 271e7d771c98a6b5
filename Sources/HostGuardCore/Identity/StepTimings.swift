/// How long each step of a job took on this host, for `hostguard status --timings` (issue 16:
/// "an operator can see why a host is slow"). Filled by HostGuardSystem's `StepTimer` around
/// each read (config, cache, each probe); the guard's inspection can add its own steps the same
/// way. Steps nest: a step measured inside another is indented under it.
public struct StepTimings: Sendable, Equatable {
    public struct Step: Sendable, Equatable {
        public var name: String
        public var nanoseconds: UInt64
        /// 0 for a top-level step, 1 for a step inside one, …
        public var depth: Int

        public init(name: String, nanoseconds: UInt64, depth: Int) {
            self.name = name
            self.nanoseconds = nanoseconds
            self.depth = depth
        }
    }

    /// In the order the steps *started* (a parent before its children).
    public var steps: [Step] = []

    public init(steps: [Step] = []) { self.steps = steps }

    /// One line per step: the wall time in milliseconds, right-aligned, then the step's name
    /// (made visible: names carry paths and commands from config), indented by depth.
    public func report(title: String) -> String {
        var out = title + "\n"
        for step in steps {
            let time = Self.milliseconds(step.nanoseconds)
            out += String(repeating: " ", count: max(0, 10 - time.count)) + time + " ms  "
                + String(repeating: "  ", count: step.depth) + TerminalText.visible(step.name) + "\n"
        }
        return out
    }

    /// "0.042", "12.500", "1500.000": three decimals, so a 40 µs step is not shown as 0.
    static func milliseconds(_ nanoseconds: UInt64) -> String {
        let micro = (nanoseconds + 500) / 1000
        let fraction = String(micro % 1000)
        return String(micro / 1000) + "." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }
}
