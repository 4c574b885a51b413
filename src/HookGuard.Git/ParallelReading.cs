using LibGit2Sharp;

namespace HookGuard.Git;

/// <summary>
/// How <see cref="TreeChangeReader"/> reads a large change on several threads: the changes are compared once, on the
/// calling thread, and then the blobs of the files to read are read, decoded and diffed by every thread, each through a
/// repository of its own (a LibGit2Sharp <see cref="Repository"/> is not thread-safe).
/// </summary>
/// <param name="OpenRepository">Another repository on the same location, for one helper thread; null if it cannot be opened (the other threads then read its share).</param>
/// <param name="MinFiles">Files to read from which threads are used; a smaller change starts no thread and opens no repository.</param>
/// <param name="Threads">Threads that read, the calling thread included; 1 reads on the calling thread only.</param>
internal sealed record ParallelReading(Func<Repository?> OpenRepository, int MinFiles, int Threads);
