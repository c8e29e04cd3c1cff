import FoundationEssentials

/// The files git reports as added or modified since a revision (`--changed-since REV`): committed since the
/// merge base of REV and HEAD (so a branch is compared with where it left REV), changed in the work tree, or
/// new and untracked.
public enum ChangedFiles {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Absolute paths. `directory` is where git runs (the working directory).
    public static func since(_ revision: String, in directory: String) throws -> Set<String> {
        guard let top = try? git(["rev-parse", "--show-toplevel"], in: directory).trimming(.newlines),
              (try? git(["rev-parse", "--is-inside-work-tree"], in: directory))?.hasPrefix("true") == true else {
            throw Failure(description: "--changed-since needs a git work tree, and \(directory) is not in one")
        }
        guard let commit = try? git(["rev-parse", "--verify", "--quiet", "--end-of-options", revision + "^{commit}"], in: directory)
            .trimming(.newlines), !commit.isEmpty else {
            throw Failure(description: "--changed-since: unknown revision `\(revision)`")
        }
        let base = (try? git(["merge-base", commit, "HEAD"], in: directory).trimming(.newlines)).flatMap { $0.isEmpty ? nil : $0 } ?? commit
        let changed = try git(["diff", "--name-only", "-z", "--no-renames", "--diff-filter=AM", base], in: directory)
        let untracked = try git(["ls-files", "-z", "--others", "--exclude-standard", "--full-name"], in: top)
        return Set((changed + untracked).split(separator: "\0").map { ChangedFiles.resolved(Paths.absolute(String($0), from: top)) })
    }

    /// The path with symbolic links resolved, as git reports its top level.
    public static func resolved(_ path: String) -> String {
        URL(fileURLWithPath: Paths.absolute(path)).resolvingSymlinksInPath().path
    }

    /// Runs git; its output, or a failure with its error text.
    static func git(_ arguments: [String], in directory: String) throws -> String {
        let run: Subprocess.Output
        do { run = try Subprocess.run(["git", "-C", directory] + arguments) } catch {
            throw Failure(description: "--changed-since: cannot run git (\(error))")
        }
        guard run.status == 0 else {
            throw Failure(description: "git \(arguments.first ?? ""): "
                + String(decoding: run.standardError, as: UTF8.self).trimming(.whitespacesAndNewlines))
        }
        return String(decoding: run.standardOutput, as: UTF8.self)
    }
}
