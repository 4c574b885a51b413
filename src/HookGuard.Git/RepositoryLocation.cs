namespace HookGuard.Git;

/// <summary>Where a repository keeps its data (<c>.git</c>, or the per-worktree folder of a linked worktree) and its work tree.</summary>
/// <param name="GitDirectory">Full path of the git directory.</param>
/// <param name="WorkingDirectory">Full path of the work tree, or null for a bare repository.</param>
public sealed record RepositoryLocation(string GitDirectory, string? WorkingDirectory)
{
    public bool IsBare => WorkingDirectory is null;
}
