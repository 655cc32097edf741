import CLibZip
import Foundation

/// One file deflated on another thread into an archive of its own, whose deflated bytes a package then
/// copies as they are. The archive is closed when the job goes, after any package that copied from it.
final class DeflateJob: @unchecked Sendable {
    private let done = DispatchGroup()
    /// Written on the job's thread before `done` is left; read only after waiting for it.
    private var result: OpaquePointer?

    /// Starts deflating `file` when it is large enough to be worth a thread (`ZipWriter.backgroundThreshold`)
    /// and compression is on; nil otherwise, and the package deflates it in turn.
    static func start(_ file: String, level: Int, mtime: time_t) -> DeflateJob? {
        let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
        guard level > 0, size >= ZipWriter.backgroundThreshold else { return nil }
        let job = DeflateJob()
        DispatchQueue.global().async(group: job.done) {
            job.result = DeflateJob.deflate(file, to: file + ".deflated.zip", level: level, mtime: mtime)
        }
        return job
    }

    /// The archive holding the file deflated as entry 0, once it is done; nil when deflating failed.
    func archive() -> OpaquePointer? {
        done.wait()
        return result
    }

    /// Runs once nothing holds the job, its running block included, so the deflating is over: no waiting
    /// here (the block may be the last holder, on the job's own thread).
    deinit {
        if let result { zip_discard(result) }
    }

    /// One file deflated into an archive of its own at `archivePath`, opened again for reading; nil on failure.
    private static func deflate(_ file: String, to archivePath: String, level: Int, mtime: time_t) -> OpaquePointer? {
        deflate(to: archivePath, level: level, mtime: mtime) { zip_source_file($0, file, 0, -1) }
    }

    /// What `source` makes (in the new archive) deflated as entry 0 of an archive of its own at
    /// `archivePath`, which is opened again for reading; nil on failure.
    static func deflate(to archivePath: String, level: Int, mtime: time_t, source make: (OpaquePointer) -> OpaquePointer?) -> OpaquePointer? {
        var error: Int32 = 0
        guard let out = zip_open(archivePath, ZIP_CREATE | ZIP_TRUNCATE, &error) else { return nil }
        guard let source = make(out) else {
            zip_discard(out)
            return nil
        }
        let index = zip_file_add(out, "part", source, ZIP_FL_ENC_UTF_8)
        guard index >= 0, zip_set_file_compression(out, zip_uint64_t(index), ZIP_CM_DEFLATE, zip_uint32_t(level)) == 0,
              zip_file_set_mtime(out, zip_uint64_t(index), mtime, 0) == 0
        else {
            if index < 0 { zip_source_free(source) }
            zip_discard(out)
            return nil
        }
        guard zip_close(out) == 0 else {
            zip_discard(out)
            return nil
        }
        return zip_open(archivePath, ZIP_RDONLY, &error)
    }
}
