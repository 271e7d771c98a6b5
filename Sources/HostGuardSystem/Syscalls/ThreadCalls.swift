import Glibc

/// Runs `body(0) … body(count - 1)` on `count` threads (the caller's thread runs index 0) and
/// returns when all are done. For the mount scan: most of its time is the kernel answering /proc
/// reads, which parallelises across cores.
public func system_parallel(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
    final class Job {
        let body: @Sendable (Int) -> Void
        let index: Int
        init(_ body: @escaping @Sendable (Int) -> Void, _ index: Int) {
            self.body = body
            self.index = index
        }
    }
    guard count > 1 else { body(0); return }
    var threads: [pthread_t] = []
    for index in 1..<count {
        let job = Unmanaged.passRetained(Job(body, index)).toOpaque()
        var thread = pthread_t()
        let created = pthread_create(&thread, nil, { argument in
            let job = Unmanaged<Job>.fromOpaque(argument!).takeRetainedValue()
            job.body(job.index)
            return nil
        }, job)
        if created == 0 {
            threads.append(thread)
        } else {
            // No thread: do that share here.
            Unmanaged<Job>.fromOpaque(job).release()
            body(index)
        }
    }
    body(0)
    for thread in threads { pthread_join(thread, nil) }
}

/// Online processors (at least 1).
public func system_processorCount() -> Int {
    max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN)))
}
