using HookGuard.Detectors;

namespace HookGuard.Hooks;

/// <summary>Where a repository's work tree, shared git directory and effective hooks directory are.</summary>
/// <param name="WorkTree">The top of the work tree (where git runs hooks).</param>
/// <param name="CommonDirectory">The git directory shared by all worktrees (its <c>hooks</c> folder is the default hooks directory).</param>
/// <param name="HooksDirectory">The hooks directory git uses, after <c>core.hooksPath</c>.</param>
internal sealed record RepositoryHooksLocation(string WorkTree, string CommonDirectory, string HooksDirectory)
{
    /// <summary>The hooks directory git uses when <c>core.hooksPath</c> is not set.</summary>
    public string DefaultHooksDirectory => Path.Combine(CommonDirectory, "hooks");
}

/// <summary>
/// Asks git which hooks directory it will use for a repository. git's own answer honours
/// <c>core.hooksPath</c>, linked worktrees (hooks live in the common directory) and <c>GIT_DIR</c>.
/// </summary>
internal static class HooksDirectoryLocator
{
    /// <summary>The full path of the hooks directory git uses for the repository at <paramref name="repositoryDirectory"/>.</summary>
    /// <param name="repositoryDirectory">Any directory inside the repository's work tree.</param>
    /// <param name="environment">Variables to set (or, when null, remove) for git; the rest is inherited.</param>
    /// <exception cref="HookGuardEnvironmentException">Not a git repository, a bare repository, or git cannot run.</exception>
    public static string Locate(string repositoryDirectory, IReadOnlyDictionary<string, string?>? environment) =>
        LocateRepository(repositoryDirectory, environment).HooksDirectory;

    /// <summary>The work tree, common directory and hooks directory of the repository at <paramref name="repositoryDirectory"/>.</summary>
    /// <exception cref="HookGuardEnvironmentException">Not a git repository, a bare repository, or git cannot run.</exception>
    public static RepositoryHooksLocation LocateRepository(string repositoryDirectory, IReadOnlyDictionary<string, string?>? environment)
    {
        var directory = Path.GetFullPath(repositoryDirectory);
        if (!Directory.Exists(directory))
        {
            throw new HookGuardEnvironmentException($"not a git repository: {directory} (no such directory)");
        }

        var lines = RevParse(directory, environment, 3, "--is-bare-repository", "--git-common-dir", "--git-path", "hooks");
        if (lines[0] == "true")
        {
            throw new HookGuardEnvironmentException(
                $"bare repository: {directory} (no commits are made in it, so its hooks would never run)",
                "install into a clone that has a work tree");
        }

        var workTree = RevParse(directory, environment, 1, "--show-toplevel")[0];

        // A relative answer is relative to the directory git ran in (git already adjusts a relative core.hooksPath).
        return new RepositoryHooksLocation(
            Path.GetFullPath(workTree),
            Path.GetFullPath(Path.Combine(directory, lines[1])),
            Path.GetFullPath(Path.Combine(directory, lines[2])));
    }

    private static string[] RevParse(string directory, IReadOnlyDictionary<string, string?>? environment, int answerLines, params string[] arguments)
    {
        var result = GitCommand.Run(directory, environment, ["rev-parse", .. arguments]);
        if (result.ExitCode != 0)
        {
            if (result.Error.Contains("not a git repository", StringComparison.OrdinalIgnoreCase))
            {
                throw new HookGuardEnvironmentException(
                    $"not a git repository: {directory}",
                    "run it inside a git work tree, or pass --repo DIR");
            }

            throw new HookGuardEnvironmentException(
                $"git rev-parse failed in {directory} (exit code {result.ExitCode}): {GitCommand.FirstLine(result.Error)}");
        }

        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == answerLines
            ? lines
            : throw new HookGuardEnvironmentException($"unexpected answer from git rev-parse in {directory}: {GitCommand.FirstLine(result.Output)}");
    }
}
