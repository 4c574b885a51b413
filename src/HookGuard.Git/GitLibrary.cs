namespace HookGuard.Git;

/// <summary>libgit2 itself: loading it is part of every git command's start-up.</summary>
public static class GitLibrary
{
    /// <summary>
    /// Loads and initialises libgit2 on a thread-pool thread, so that it overlaps the command line's parsing instead of
    /// following it; the first repository opened waits for it.
    /// </summary>
    public static void LoadInBackground() => ThreadPool.UnsafeQueueUserWorkItem(static _ =>
    {
        try
        {
            RepositoryAccess.EnsureLoaded();
        }
        catch (TypeInitializationException)
        {
            // The command's own first use of libgit2 reports the failure.
        }
    }, null);
}
