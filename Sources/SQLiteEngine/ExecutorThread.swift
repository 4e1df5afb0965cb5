import Foundation

/// A thread of its own that runs the jobs of tasks preferring it (`withTaskExecutorPreference`), one at a
/// time, in order. Code there may block (wait for a disk write) without holding up an event loop.
final class ExecutorThread: TaskExecutor, @unchecked Sendable {
    /// The queue outlives neither side: the thread holds it, not the executor, so dropping the executor
    /// stops the thread.
    private final class JobQueue: @unchecked Sendable {
        let condition = NSCondition()
        var jobs: [UnownedJob] = []
        var stopped = false
    }

    private let queue = JobQueue()

    init(name: String) {
        let queue = queue
        let executor = asUnownedTaskExecutor()
        let thread = Thread {
            while let jobs = Self.next(from: queue) {
                for job in jobs { job.runSynchronously(on: executor) }
            }
        }
        thread.name = name
        thread.start()
    }

    deinit {
        queue.condition.withLock {
            queue.stopped = true
            queue.condition.signal()
        }
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.condition.withLock {
            queue.jobs.append(job)
            queue.condition.signal()
        }
    }

    /// The jobs waiting, once there are some; nil once the executor is gone.
    private static func next(from queue: JobQueue) -> [UnownedJob]? {
        queue.condition.withLock {
            while queue.jobs.isEmpty && !queue.stopped { queue.condition.wait() }
            if queue.jobs.isEmpty { return nil }
            defer { queue.jobs = [] }
            return queue.jobs
        }
    }
}
