using HookGuard.TestKit;

namespace HookGuard.Git.Tests;

/// <summary>Reads a test repository the way the pre-commit hook does: locate, then read the staged changes.</summary>
internal static class Staged
{
    public static StagedChanges Read(TempRepository repository, string? indexFile = null, StagedScanOptions? options = null, string? startDirectory = null) =>
        new StagedChangeSource(Locate(repository, startDirectory ?? repository.Root), indexFile, options).Read();

    public static RepositoryLocation Locate(TempRepository repository, string startDirectory) =>
        RepositoryLocator.Locate(startDirectory, name => repository.Environment.GetValueOrDefault(name));

    /// <summary>"line 1\n" … "line N\n", the usual committed file the tests then edit.</summary>
    public static string NumberedLines(int count) =>
        string.Concat(Enumerable.Range(1, count).Select(i => $"line {i}\n"));

    public static string GitOutput(TempRepository repository, params string[] arguments)
    {
        var result = repository.Git(arguments);
        Assert.That(result.ExitCode, Is.Zero, () => $"git {string.Join(' ', arguments)}: {result.StandardError}");
        return result.StandardOutput.Trim();
    }
}
