using HookGuard.Detectors;
using LibGit2Sharp;

namespace HookGuard.Git;

/// <summary>The files git tracks in a work tree: what a baseline of "the repository as it is now" covers.</summary>
public static class TrackedFiles
{
    /// <summary>Full paths of the regular files in the index (symlinks, submodules and files deleted from the work tree left out), in index order.</summary>
    /// <exception cref="HookGuardEnvironmentException">A bare repository, or the index cannot be read.</exception>
    public static IReadOnlyList<string> List(RepositoryLocation location)
    {
        ArgumentNullException.ThrowIfNull(location);
        var workTree = location.WorkingDirectory
            ?? throw new HookGuardEnvironmentException("a bare repository has no work tree to scan", "run this in a clone with a work tree");
        try
        {
            using var repository = RepositoryAccess.Open(location);
            return repository.Index
                .Where(entry => entry.Mode is Mode.NonExecutableFile or Mode.ExecutableFile)
                .Select(entry => Path.Combine(workTree, entry.Path))
                .Where(File.Exists)
                .ToList();
        }
        catch (LibGit2SharpException exception)
        {
            throw new HookGuardEnvironmentException($"cannot read the index: {RepositoryAccess.OneLine(exception.Message)}", exception);
        }
    }
}
