import HostGuardCore

/// Measures steps with the monotonic clock into a `StepTimings` (`hostguard status --timings`).
/// Passed as an optional: where nil (the prompt itself, the guard), `measure` runs the step and
/// builds no name and reads no clock.
public final class StepTimer {
    public private(set) var timings = StepTimings()
    private var depth = 0

    public init() {}

    /// Runs `body` and records its wall time under `name`.
    public func measure<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
        let index = timings.steps.count
        timings.steps.append(StepTimings.Step(name: name, nanoseconds: 0, depth: depth))
        depth += 1
        let start = system_monotonicNanoseconds()
        defer {
            timings.steps[index].nanoseconds = system_monotonicNanoseconds() &- start
            depth -= 1
        }
        return try body()
    }
}

extension Optional where Wrapped == StepTimer {
    /// `timer?.measure(…)` that still runs the step when there is no timer, and only then
    /// builds the name.
    public func measure<T>(_ name: @autoclosure () -> String, _ body: () throws -> T) rethrows -> T {
        guard let timer = self else { return try body() }
        return try timer.measure(name(), body)
    }
}
