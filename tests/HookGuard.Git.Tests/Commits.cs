using HookGuard.TestKit;

namespace HookGuard.Git.Tests;

/// <summary>Builds histories in a test repository and reads them the way the pre-push hook and <c>scan range</c> do.</summary>
internal static class Commits
{
    public static CommitChangeSource Source(TempRepository repository, StagedScanOptions? options = null) =>
        new(Staged.Locate(repository, repository.Root), options);

    /// <summary>Writes, stages and commits one file; returns the commit's full id.</summary>
    public static string CommitFile(TempRepository repository, string path, string content, string message = "commit")
    {
        repository.Write(path, content);
        repository.Stage(path);
        return repository.Commit(message);
    }

    /// <summary>
    /// Dates what git makes next (commits, merges, reverts) on day <paramref name="day"/> of January 2024, author and
    /// committer alike, so that a test decides which commit is older.
    /// </summary>
    public static void OnDay(TempRepository repository, int day)
    {
        var date = $"2024-01-{day:00}T12:00:00Z";
        repository.SetEnvironment("GIT_AUTHOR_DATE", date);
        repository.SetEnvironment("GIT_COMMITTER_DATE", date);
    }

    /// <summary>The pre-push stdin git writes for <c>git push <paramref name="pushArguments"/></c>, parsed.</summary>
    public static IReadOnlyList<PushUpdate> PushUpdates(TempRepository repository, params string[] pushArguments) =>
        PrePushInput.Parse(new StringReader(repository.CapturePrePush(pushArguments).Input));

    public static string[] Shas(IEnumerable<CommitInfo> commits) => [.. commits.Select(commit => commit.Sha)];
}
